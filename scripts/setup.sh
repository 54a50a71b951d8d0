#!/usr/bin/env bash
# Install everything protokoll needs on a fresh machine: Tesseract with Swedish
# (a system package) and the Python package with its test extras.
# Elsewhere than Debian/Ubuntu: install Tesseract and its Swedish language data
# yourself (macOS: `brew install tesseract tesseract-lang`), then run the pip line.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx swe; then
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq tesseract-ocr tesseract-ocr-swe >/dev/null
  else
    echo "setup: install Tesseract with the Swedish language pack (swe) first" >&2
    exit 1
  fi
fi

python3 -m pip install -q --upgrade pip >/dev/null 2>&1 || true
python3 -m pip install -q -e ".[test]"
# pip byte-compiles what it installs, but not an editable source tree: compile it
# here, or every batch worker compiles the package again (0.35 s a start) where
# PYTHONDONTWRITEBYTECODE keeps Python from caching it.
python3 -m compileall -q extractor >/dev/null
protokoll doctor
