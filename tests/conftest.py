from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


def shared_dir() -> Path:
    """``../shared`` beside the repo, or wherever NEWSCLEAN_SHARED points."""
    return Path(os.environ.get("NEWSCLEAN_SHARED", REPO.parent / "shared"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
