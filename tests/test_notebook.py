"""notebooks/analysis.ipynb runs without errors on batch outputs (executed with nbclient)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest_batch_helpers import ROOT, real_outputs, sample_minutes

NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")


def run_notebook(output_dir: Path, monkeypatch) -> "nbformat.NotebookNode":
    monkeypatch.setenv("PROTOKOLL_OUTPUT_DIR", str(output_dir))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, startup_timeout=120, kernel_name="python3",
                                     allow_errors=True, resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    errors = [f"{out.ename}: {out.evalue}\n" + "\n".join(out.traceback)[-3000:]
              for cell in notebook.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.output_type == "error"]
    assert not errors, "\n\n".join(errors)
    return notebook


def outputs_of(notebook) -> tuple[str, int]:
    text, images = [], 0
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            images += "image/png" in data
            text.append(out.get("text", "") + data.get("text/plain", ""))
    return "\n".join(text), images


def test_notebook_is_clean_in_the_repository():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    source = "\n".join(cell.source for cell in notebook.cells)
    assert "PROTOKOLL_OUTPUT_DIR" in source and "load_frames" in source and 'matplotlib.use("Agg")' in source


def test_notebook_runs_on_real_batch_outputs(tmp_path_factory, monkeypatch):
    out = real_outputs(tmp_path_factory)
    notebook = run_notebook(out, monkeypatch)
    text, images = outputs_of(notebook)
    assert "3 meetings" in text
    assert images == 1
    assert "decisions_counted" in text


def test_notebook_copes_with_sparse_outputs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    full = sample_minutes("x.pdf", data=b"x")
    (out / "a" / "x.json").write_text(full.to_json(), encoding="utf-8")
    bare = sample_minutes("y.pdf", data=b"y", people=(), absent=(), decisions=0)
    bare.meeting.date = None
    bare.body = None
    bare.participants = []
    (out / "y.json").write_text(bare.to_json(), encoding="utf-8")
    notebook = run_notebook(out, monkeypatch)
    text, images = outputs_of(notebook)
    assert "2 meetings" in text and images == 1
    assert "Anna Berg" in text
