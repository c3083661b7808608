#!/usr/bin/env bash
# Builds the internal site into site/, as of today in Beijing (or $XINFANG_AS_OF).
# The one command that publishes the site: GitHub Pages (.github/workflows/pages.yml) runs
# it, and so can an intranet mirror, e.g. from cron, then serve or copy site/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/xinfang ]; then
  bash scripts/setup.sh
fi
if ! .venv/bin/xinfang site --help >/dev/null 2>&1; then
  echo "这个版本的 xinfang 还没有 site 命令，无法生成网站。" >&2
  exit 1
fi
.venv/bin/xinfang site build
echo "网站已生成：site/"
