#!/usr/bin/env bash
# Build the wheel and use it as someone installing the tool (or a cluster's worker) would: a fresh
# virtual environment outside the checkout, with nothing of the source tree on its path.
set -euo pipefail
cd "$(dirname "$0")/.."
project=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

quietly() { "$@" >"$work/step.log" 2>&1 || { cat "$work/step.log"; exit 1; }; }
quietly python3 -m pip install -q build
quietly python3 -m build --wheel --outdir "$work/dist" .
wheel=$(ls "$work"/dist/protokoll-*.whl)
echo "check-wheel: $(basename "$wheel") $(du -k "$wheel" | cut -f1) KB"
quietly python3 -m venv "$work/venv"
quietly "$work/venv/bin/python" -m pip install -q "$wheel"

cd "$work"
"$work/venv/bin/protokoll" doctor
"$work/venv/bin/protokoll" extract "$project/examples/styrelsemote-exempel.pdf" -o "$work/example.json"
# The review page's script and style are package data: the installed wheel writes the page.
"$work/venv/bin/protokoll" review "$project/examples/styrelsemote-exempel.pdf" --json "$work/example.json" -o "$work/example.html" >/dev/null
"$work/venv/bin/python" - "$work/example.json" <<'PY'
import json, sys
import extractor
output = json.load(open(sys.argv[1], encoding="utf-8"))
assert "site-packages" in extractor.__file__, extractor.__file__
labels = {e["label"] for e in output["entities"]}
assert "PER" in labels, labels
assert output["participants"] and output["items"], "the example's structure is missing"
print(f"check-wheel: extracted {len(output['entities'])} entities ({', '.join(sorted(labels))}), "
      f"{len(output['participants'])} participants, {len(output['items'])} items from the installed wheel")
PY
