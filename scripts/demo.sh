#!/usr/bin/env bash
# The main job on the bundled demo registry: install, validate, list overdue cases, one
# unit's accountability findings and the leaders' schedule, rank last month, build the
# internal site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
AS_OF=${AS_OF:-2026-11-22}
# Lists the demo county's planted 包案 reminders (exit code 0: they are not file errors).
.venv/bin/xinfang validate --as-of "$AS_OF"
.venv/bin/xinfang overdue --as-of "$AS_OF"
.venv/bin/xinfang findings --as-of "$AS_OF" --unit 住建局
.venv/bin/xinfang receptions --from "$AS_OF"
.venv/bin/xinfang frontline --month 2026-10
.venv/bin/xinfang rank --period 2026-10 --as-of "$AS_OF"
.venv/bin/xinfang site build --as-of "$AS_OF"
echo "网站已生成：site/index.html（本地浏览：.venv/bin/xinfang site serve --as-of $AS_OF）"
