from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _raw_server import Handler, RawServer

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


def shared_dir() -> Path:
    """``../shared`` beside the repo, or wherever NEWSCLEAN_SHARED points."""
    return Path(os.environ.get("NEWSCLEAN_SHARED", REPO.parent / "shared"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, Handler]], RawServer]]:
    """Start raw-socket servers for a test (``serve(routes)``, ``_raw_server``); all are closed after it."""
    servers: list[RawServer] = []

    def start(routes: dict[str, Handler]) -> RawServer:
        servers.append(RawServer(routes))
        return servers[-1]

    yield start
    for server in servers:
        server.close()
