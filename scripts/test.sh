#!/usr/bin/env bash
# The whole test suite: install (including Debian's chromium for the browser test), lint, test.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装 chromium（浏览器测试需要）…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "缺少 chromium：请先安装 Debian 的 chromium 软件包（浏览器测试需要）。" >&2
  fi
fi
bash scripts/setup.sh
.venv/bin/ruff check tools tests scripts bench
.venv/bin/ruff format --check tools tests scripts bench
.venv/bin/lint-imports
.venv/bin/xinfang schema --check
.venv/bin/python -m pytest "$@"
