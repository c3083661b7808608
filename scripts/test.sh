#!/usr/bin/env bash
# The whole test suite: install (including Debian's chromium for the browser tests and
# LibreOffice for the document tests), lint, check the layers, test.
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
# LibreOffice opens the Word and Excel files the tool writes and prints them to PDF;
# poppler's pdftotext reads the PDF back; Noto CJK renders the Chinese on those pages.
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装 ${missing[*]}（文档测试需要）…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "缺少 ${missing[*]}：请先安装这些 Debian 软件包（文档测试需要）。" >&2
  fi
fi
bash scripts/setup.sh
.venv/bin/ruff check tools tests scripts bench
.venv/bin/ruff format --check tools tests scripts bench
.venv/bin/lint-imports
.venv/bin/xinfang schema --check
.venv/bin/python -m pytest "$@"
