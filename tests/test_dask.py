"""``protokoll batch --engine dask``: the same batch on a dask.distributed cluster.

Runs against ``LocalCluster(n_workers=2, threads_per_worker=1, processes=True)``
as CI does; the outputs and the report must be those of the local engine.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest_batch_helpers import EXTRACT_FN, need_corpus
from extractor.batch import run_batch
from extractor.batch_core import REPORT_NAME
from extractor.cli import batch_command

distributed = pytest.importorskip("distributed")

from extractor.dask_engine import run_batch_dask  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local:
        yield local


def make_inputs(folder: Path) -> Path:
    for name in ["a.pdf", "sub/a.pdf", "sub/deeper/b.PDF", "bad.pdf", "segv.pdf", "hang.pdf", "exit.pdf"]:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"content of {name}")
    return folder


def contents(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text("utf-8")
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != REPORT_NAME}


def test_dask_engine_matches_the_local_engine(cluster, tmp_path):
    inputs = make_inputs(tmp_path / "in")
    local = run_batch([inputs], tmp_path / "local", workers=2, timeout=3, extract_fn=EXTRACT_FN)
    remote = run_batch_dask([inputs], tmp_path / "dask", scheduler=cluster.scheduler_address, timeout=3,
                            extract_fn=EXTRACT_FN)
    assert contents(tmp_path / "dask") == contents(tmp_path / "local")
    assert sorted(contents(tmp_path / "dask")) == ["a.json", "sub/a.json", "sub/deeper/b.json"]
    assert (remote.converted, remote.failed, remote.skipped) == (local.converted, local.failed, local.skipped) \
        == (3, 4, 0)
    report = json.loads((tmp_path / "dask" / REPORT_NAME).read_text())
    assert report["engine"] == "dask" and report["workers"] == 2
    kinds = {Path(f["path"]).name: f["kind"] for f in report["failures"]}
    assert kinds == {"bad.pdf": "not-a-pdf", "segv.pdf": "worker-crashed", "hang.pdf": "timeout",
                     "exit.pdf": "worker-crashed"}
    # Reasons name the input, not the worker's temporary copy.
    bad = next(f for f in report["failures"] if f["kind"] == "not-a-pdf")
    assert bad["reason"].startswith(str(inputs / "bad.pdf"))

    again = run_batch_dask([inputs], tmp_path / "dask", scheduler=cluster.scheduler_address, timeout=3,
                           extract_fn=EXTRACT_FN)
    assert (again.converted, again.skipped) == (0, 3)


def test_cli_with_a_scheduler_address(cluster, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ["x.pdf", "y.pdf"]:
        (inputs / name).write_text(name)
    out = tmp_path / "out"
    args = [str(inputs), "--out", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address,
            "--extract-fn", EXTRACT_FN]
    result = CliRunner().invoke(batch_command, args)
    assert result.exit_code == 0, result.output
    assert "Converted 2" in result.stdout
    (inputs / "bad.pdf").write_text("no pdf")
    result = CliRunner().invoke(batch_command, args)
    assert result.exit_code == 1
    assert json.loads((out / REPORT_NAME).read_text())["skipped"] == 2


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    from extractor.batch_core import BatchError

    (tmp_path / "a.pdf").write_text("x")
    with pytest.raises(BatchError, match="cannot reach the dask scheduler"):
        run_batch_dask([tmp_path / "a.pdf"], tmp_path / "out", scheduler="tcp://127.0.0.1:9", connect_timeout=2,
                       extract_fn=EXTRACT_FN)


def test_dask_engine_on_real_minutes_with_its_own_local_cluster(tmp_path):
    docs = need_corpus()
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(docs / "lkod_sty_141114.pdf", inputs)
    (inputs / "empty.pdf").write_bytes(b"")
    report = run_batch_dask([inputs], tmp_path / "dask", workers=1, timeout=600)
    assert [(Path(f.path).name, f.kind) for f in report.failures] == [("empty.pdf", "empty-file")]
    local = run_batch([inputs / "lkod_sty_141114.pdf"], tmp_path / "local", workers=1, timeout=600)
    assert local.converted == 1
    assert contents(tmp_path / "dask") == contents(tmp_path / "local")
