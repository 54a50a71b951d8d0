"""Shared fixtures: where ../shared is, and the rule for tests that need it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PROTOKOLL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"


def require_shared() -> Path:
    """The shared corpus; skipped with a reason where it is absent, a failure in CI."""
    if not (CORPUS / "docs").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the shared corpus is missing at {CORPUS}")
        pytest.skip(f"../shared is not beside this checkout ({CORPUS} missing)")
    return CORPUS


@pytest.fixture
def corpus() -> Path:
    return require_shared()
