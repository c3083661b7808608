#!/usr/bin/env bash
# The main job on the bundled demo registry: install, validate, list overdue cases, build the site.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
AS_OF=${AS_OF:-2026-11-22}
.venv/bin/xinfang validate
if .venv/bin/xinfang --help | grep -q '^  overdue'; then
  .venv/bin/xinfang overdue --as-of "$AS_OF" || true
fi
if .venv/bin/xinfang --help | grep -q '^  rank'; then
  .venv/bin/xinfang rank --period 2026-10
fi
if .venv/bin/xinfang --help | grep -q '^  site'; then
  .venv/bin/xinfang site build --as-of "$AS_OF"
  echo "网站已生成：site/index.html"
fi
