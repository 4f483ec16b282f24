"""A name lookup ends with the sync fetch's deadline: the system resolver blocks in C past any socket timeout.

A resolver that never answers is made by holding ``socket.getaddrinfo`` for one test-only host name until the
test ends (the machine's resolver cannot be told to hang); every other name, and the HTTP server, are real.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from _http_server import FixtureServer

import newsclean
from newsclean import Article, Failure, FetchError, Pipeline
from newsclean.fetch import Fetcher

HUNG_HOST = "hung-resolver.test"
NO_HANG = 10.0  # well above total_timeout=1, far below the half minute and more a silent name server takes
QUICK: dict[str, Any] = {"retries": 0, "total_timeout": 1.0, "respect_robots": False}


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    fixture = FixtureServer("127.0.0.1")
    yield fixture
    fixture.close()


@pytest.fixture
def hung_resolver(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Lookups of ``HUNG_HOST`` block until the test ends, then answer 127.0.0.1; the hosts asked are listed."""
    release = threading.Event()
    asked: list[str] = []
    system_lookup = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(str(host))
        if host == HUNG_HOST:
            release.wait(60)
            host = "127.0.0.1"
        return system_lookup(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield asked
    release.set()


@pytest.mark.parametrize(
    "allow_private", [pytest.param(False, id="the safety check's lookup"), pytest.param(True, id="the connection's")]
)
def test_a_lookup_that_never_answers_ends_with_total_timeout(
    server: FixtureServer, hung_resolver: list[str], allow_private: bool
) -> None:
    started = time.monotonic()
    with (
        Fetcher(pipeline=Pipeline(), allow_private_addresses=allow_private, **QUICK) as fetcher,
        pytest.raises(FetchError) as raised,
    ):
        fetcher.get(f"http://{HUNG_HOST}:{server.port}/article")
    assert time.monotonic() - started < NO_HANG
    assert raised.value.reason == "timeout"
    assert f"looking up {HUNG_HOST!r}: total_timeout=1s passed" in raised.value.message
    assert HUNG_HOST in hung_resolver


def test_closing_a_batch_stops_the_lookups_it_waits_for(server: FixtureServer, hung_resolver: list[str]) -> None:
    urls = [server.url("/article"), *(f"http://{HUNG_HOST}:{server.port}/article?{n}" for n in range(3))]
    options = {**QUICK, "total_timeout": 30.0, "allow_private_addresses": True}
    records = newsclean.fetch_many(urls, pipeline=Pipeline(), **options)
    assert isinstance(next(records), Article)
    started = time.monotonic()
    records.close()
    assert time.monotonic() - started < NO_HANG


def test_a_name_the_resolver_answers_is_fetched_through_the_bounded_lookup(
    server: FixtureServer, hung_resolver: list[str]
) -> None:
    # "localhost" comes from the hosts file, maybe as ::1 first, where nothing listens: the next address is tried.
    records = list(
        newsclean.fetch_many(
            [f"http://localhost:{server.port}/article"],
            pipeline=Pipeline(),
            **{
                **QUICK,
                "allow_private_addresses": True,
            },
        )
    )
    assert [type(record) for record in records] == [Article], records
    assert not isinstance(records[0], Failure) and records[0].title
    assert "localhost" in hung_resolver
