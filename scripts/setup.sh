#!/usr/bin/env bash
# Install everything protokoll needs on a fresh machine: Tesseract with Swedish and
# Chromium (system packages) and the Python package with its test extras.
# Elsewhere than Debian/Ubuntu: install Tesseract and its Swedish language data
# yourself (macOS: `brew install tesseract tesseract-lang`), then run the pip line.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: Tesseract with Swedish for scans, and Debian's Chromium, which the review
# page's browser tests drive through playwright (no browser build is downloaded).
missing=()
if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx swe; then
  missing+=(tesseract-ocr tesseract-ocr-swe)
fi
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif [ "${missing[0]}" = tesseract-ocr ]; then
    echo "setup: install Tesseract with the Swedish language pack (swe) first" >&2
    exit 1
  else
    echo "setup: no Chromium; the review page's browser tests will be skipped (outside CI)" >&2
  fi
fi

python3 -m pip install -q --upgrade pip >/dev/null 2>&1 || true
python3 -m pip install -q -e ".[test]"
# pip byte-compiles what it installs, but not an editable source tree: compile it
# here, or every batch worker compiles the package again (0.35 s a start) where
# PYTHONDONTWRITEBYTECODE keeps Python from caching it.
python3 -m compileall -q extractor >/dev/null
protokoll doctor
