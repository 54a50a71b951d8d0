"""The whole pipeline over the real corpus, scored as the spec says, against a floor kept in the repository.

The floor (corpus/eval-floor.json) is raised as the work improves and never
lowered silently: a drop below it fails CI.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO, require_shared

FLOOR = REPO / "corpus" / "eval-floor.json"


def protokoll(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=1800,
    )


def test_corpus_scores_stay_above_the_recorded_floor(tmp_path):
    corpus = require_shared()
    out = tmp_path / "json"
    batch = protokoll("batch", str(corpus / "docs"), "--out", str(out), "--workers", "2", "--quiet")
    assert batch.returncode == 0, batch.stdout + batch.stderr
    report_path = tmp_path / "eval.json"
    done = protokoll("eval", "--docs", str(corpus / "docs"), "--gold", str(corpus / "gold"),
                     "--predictions", str(out), "--json", str(report_path))
    assert done.returncode == 0, done.stderr
    report = json.loads(report_path.read_text("utf-8"))
    floor = json.loads(FLOOR.read_text("utf-8"))
    print(done.stdout)

    assert report["overall_f1"] >= floor["overall_f1"]
    for kind, minimum in floor["by_kind"].items():
        assert report["by_kind"][kind]["overall_f1"] >= minimum, kind
    for category, minimum in floor["categories"].items():
        assert report["categories"][category]["f1"] >= minimum, category
    dates_right = [d for d in report["documents"] if d["field_accuracy"].get("meeting.date", {}).get("accuracy") in (1.0, None)]
    assert len(dates_right) >= floor["documents_with_exact_date"]
