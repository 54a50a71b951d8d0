"""The package as a whole: every module imports on its own, in any order, and the CLI is the one
thin layer that knows about click."""
from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys

import pytest

import extractor
from conftest import REPO

# ``python -m extractor`` runs the command line; importing it is running it.
MODULES = sorted(m.name for m in pkgutil.walk_packages(extractor.__path__, "extractor.") if m.name != "extractor.__main__")


def _fresh_import(*modules: str) -> subprocess.CompletedProcess:
    code = "; ".join(f"import {m}" for m in modules)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))


def test_every_module_imports_alone_in_a_fresh_interpreter():
    failed = {}
    for module in MODULES:
        done = _fresh_import(module)
        if done.returncode != 0:
            failed[module] = done.stderr.strip().splitlines()[-1:]
    assert not failed, failed


@pytest.mark.parametrize("order", [("extractor.batch", "extractor.dask_engine"),
                                   ("extractor.dask_engine", "extractor.batch"),
                                   ("extractor.batch_core", "extractor.cli")])
def test_the_batch_modules_import_in_either_order(order):
    done = _fresh_import(*order)
    assert done.returncode == 0, done.stderr


def test_only_the_cli_imports_click():
    importers = []
    for path in sorted((REPO / "extractor").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "click" or name.startswith("click.") for name in names):
                importers.append(path.relative_to(REPO).as_posix())
    assert sorted(set(importers)) == ["extractor/cli.py"]


def test_nothing_in_the_extraction_path_imports_the_training_code():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, extractor.pipeline, extractor.batch, extractor.cli; "
                               "print(sorted(m for m in sys.modules if m.startswith('extractor.training')))"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_long_runtime_module_says_why_it_is_one_module():
    unexplained = []
    for path in sorted((REPO / "extractor").rglob("*.py")):
        if "training" in path.parts or len(path.read_text("utf-8").splitlines()) <= 520:
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        if "Long because" not in docstring:
            unexplained.append(path.relative_to(REPO).as_posix())
    assert not unexplained, f"over 520 lines with no reason in the opening docstring: {unexplained}"
