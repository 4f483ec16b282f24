"""Second robustness audit of the fetch layer: each test serves what a misbehaving server (or an odd option) gives,
from a raw-socket server on 127.0.0.1, and failed before its fix.

Bounds on elapsed time only check that a call does not hang; they measure no speed.
"""

from __future__ import annotations

import asyncio
import random
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import brotli
import pytest
from _http_server import ARTICLE
from _raw_server import Handler, RawServer, respond

import newsclean
from newsclean import Article, Failure, FetchError, Pipeline
from newsclean.fetch import AsyncFetcher, Fetcher, FetchOptions

pytestmark = pytest.mark.timeout(60)

QUICK: dict[str, object] = {"allow_private_addresses": True, "retries": 0, "total_timeout": 1.0}
NO_HANG = 10.0  # well above total_timeout=1
# For the tests where the timeout is not what is tested: a loaded machine must not make them fail.
GENEROUS: dict[str, object] = {**QUICK, "total_timeout": NO_HANG}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def get_both(url: str, **options: object) -> list[bytes | FetchError]:
    """``get(url)`` with the sync and the async fetcher: the content, or the ``FetchError`` raised."""
    outcomes: list[bytes | FetchError] = []
    with Fetcher(**options) as fetcher:
        try:
            outcomes.append(fetcher.get(url).content)
        except FetchError as exc:
            outcomes.append(exc)

    async def get_async() -> bytes | FetchError:
        async with AsyncFetcher(**options) as fetcher:
            try:
                return (await fetcher.get(url)).content
            except FetchError as exc:
                return exc

    outcomes.append(asyncio.run(get_async()))
    return outcomes


# -- brotli bodies larger than one decoder step ----------------------------------------------------------------------


def _large_page() -> bytes:
    """About 1 MB of HTML that compresses as text does (4-5 times): each 64 KB read inflates past one step."""
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(3000)]
    paragraphs = "".join(f"<p>{' '.join(rng.choice(words) for _ in range(60))}.</p>\n" for _ in range(2500))
    return ARTICLE.replace(b"</article>", paragraphs.encode() + b"</article>")


def test_a_large_brotli_page_is_read_whole(serve: Callable[[dict[str, Handler]], RawServer]) -> None:
    # brotli 1.2 says it can take more input while output is still held inside; the next chunk then dropped that
    # output, and any br page of a few hundred KB failed with "encoding: ... cut short".
    page = _large_page()
    encoded = brotli.compress(page, quality=5)

    def brotli_page(conn: socket.socket, server: RawServer) -> None:
        respond(conn, headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "br")), body=encoded)

    server = serve({"/page": brotli_page})
    assert get_both(server.url("/page"), **GENEROUS, max_bytes=4 * len(page)) == [page, page]


# -- options that let a server's Retry-After hang or crash the fetcher ------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("max_retry_after", float("inf")),
        ("max_retry_after", float("nan")),
        ("max_retry_after", -1.0),
        ("concurrency", 16.5),
        ("per_host_concurrency", 1.5),
        ("retries", 1.5),
        ("max_redirects", True),
        ("max_bytes", 1e6),
    ],
)
def test_options_that_cannot_work_are_refused_naming_them(option: str, value: object) -> None:
    # max_retry_after=inf (or nan) slept a Retry-After of 10**23 s: OverflowError out of the sync fetcher, a hang in the
    # async one; a float count crashed later (range() of 16.5 // 8) or let two requests at a host at once.
    with pytest.raises(ValueError, match=option):
        FetchOptions(**{option: value})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=option):
        Fetcher(**{option: value})


# -- a total_timeout that runs out on robots.txt, in the async fetcher -----------------------------------------------


def trickle_body(conn: socket.socket, server: RawServer) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nUser-agent: *\n")
    while not server.wait(0.2):
        conn.sendall(b"#")


def page(conn: socket.socket, server: RawServer) -> None:
    respond(conn, headers=(("Content-Type", "text/html; charset=utf-8"),), body=ARTICLE)


def test_a_robots_txt_that_outlasts_total_timeout_is_named_alike_sync_and_async(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    # The async fetcher said only "total_timeout=1.0s passed", as if the page had been slow; the sync one names
    # robots.txt and says "1s". The same server must give the same record.
    server = serve({"/robots.txt": trickle_body, "/page": page})
    url = server.url("/page")
    started = time.monotonic()
    [sync_record] = newsclean.fetch_many([url], pipeline=pipeline, **QUICK)

    async def collect() -> list[Article | Failure]:
        return [record async for record in newsclean.afetch_many([url], pipeline=pipeline, **QUICK)]

    [async_record] = asyncio.run(collect())
    assert time.monotonic() - started < 2 * NO_HANG
    expected = f"robots.txt could not be fetched ({server.url('/robots.txt')}): total_timeout=1s passed"
    for record in (sync_record, async_record):
        assert isinstance(record, Failure)
        assert (record.error, record.message, record.url) == ("timeout", expected, url)


def test_an_async_total_timeout_reads_as_the_sync_one(serve: Callable[[dict[str, Handler]], RawServer]) -> None:
    def silent(conn: socket.socket, server: RawServer) -> None:
        server.wait(30)

    server = serve({"/page": silent})
    outcomes = get_both(server.url("/page"), **QUICK)
    assert [(error.reason, error.message) for error in outcomes if isinstance(error, FetchError)] == [
        ("timeout", "total_timeout=1s passed")
    ] * 2


# -- a meta refresh whose delay has thousands of digits ---------------------------------------------------------------


@pytest.mark.parametrize(("digits", "followed"), [("9" * 5000, False), ("0" * 5000, True)])
def test_a_meta_refresh_with_a_delay_of_thousands_of_digits_is_read_as_a_number(
    serve: Callable[[dict[str, Handler]], RawServer], digits: str, followed: bool
) -> None:
    # int() of more than 4300 digits raises ValueError: it escaped get() (an "internal" failure in a batch) instead
    # of the page standing as a timed reload (or, for a delay of zero written long, being followed).
    stub = f'<html><head><meta http-equiv="refresh" content="{digits}; url=/article"><title>Moved</title></head>'

    def stub_page(conn: socket.socket, server: RawServer) -> None:
        respond(conn, headers=(("Content-Type", "text/html; charset=utf-8"),), body=stub.encode())

    server = serve({"/stub": stub_page, "/article": page})
    expected = ARTICLE if followed else stub.encode()
    assert get_both(server.url("/stub"), **GENEROUS) == [expected, expected]


# -- IPv6 addresses that carry a private IPv4 one ---------------------------------------------------------------------


@pytest.mark.parametrize("host", ["[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[64:ff9b:1::a00:1]"])
def test_an_ipv6_address_carrying_a_private_ipv4_one_is_refused(
    serve: Callable[[dict[str, Handler]], RawServer], host: str
) -> None:
    # NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses reach the IPv4 address inside them, here 127.0.0.1 or
    # 10.0.0.1 (64:ff9b:1::/48 is for local use only); Python calls them global, so they passed the check. The
    # refusal comes before any connection: the server's port only makes the URL one that would be served.
    server = serve({"/page": page})
    for outcome in get_both(f"http://{host}:{server.port}/page", retries=0, total_timeout=1.0):
        assert isinstance(outcome, FetchError) and outcome.reason == "private_address"
        assert "non-public address" in outcome.message
    assert server.hits["/page"] == 0


# -- a concurrency far past any use ----------------------------------------------------------------------------------


def test_a_huge_concurrency_does_not_build_a_client_per_eight_connections(
    serve: Callable[[dict[str, Handler]], RawServer],
) -> None:
    # One httpx client was made per 8 of concurrency before the first request: 62,500 of them here (about 12 s and
    # 150 MB each time), and --concurrency 100000000 ran for minutes into gigabytes.
    server = serve({"/page": page})
    options = {**GENEROUS, "concurrency": 500_000}
    started = time.monotonic()
    with Fetcher(**options) as fetcher:
        made = time.monotonic() - started
        assert fetcher.get(server.url("/page")).content == ARTICLE

    async def get_async() -> tuple[float, bytes]:
        started = time.monotonic()
        async with AsyncFetcher(**options) as fetcher:
            made = time.monotonic() - started
            return made, (await fetcher.get(server.url("/page"))).content

    made_async, content = asyncio.run(get_async())
    assert content == ARTICLE
    assert made < 5.0 and made_async < 5.0


# -- a protocol error quoting kilobytes of junk ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        b"\x02" * 16_000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"\x01" * 16_000
        + b"\r\n",
    ],
    ids=["status line", "chunk header"],
)
def test_a_protocol_error_on_a_line_of_junk_gives_a_short_message(
    serve: Callable[[dict[str, Handler]], RawServer], response: bytes
) -> None:
    # h11 quotes the line it refuses, escaped: 16 KB of junk was a 64 KB message in each record and stderr line.
    def junk(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(response)

    server = serve({"/page": junk})
    for outcome in get_both(server.url("/page"), **GENEROUS):
        assert isinstance(outcome, FetchError) and outcome.reason == "connection"
        assert outcome.message.startswith("connection failed: RemoteProtocolError: illegal ")
        assert len(outcome.message) < 500


# -- a name server that never answers, under the async fetcher -------------------------------------------------------

HUNG_HOST = "hung-resolver.test"


@pytest.fixture
def hung_resolver(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lookups of ``HUNG_HOST`` block for 20 s (or until the test ends), as for a silent name server, then fail;
    every other name is the system's. The machine's resolver cannot be told to hang."""
    release = threading.Event()
    system_lookup = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == HUNG_HOST:
            release.wait(20)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return system_lookup(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    release.set()


def test_an_async_batch_is_not_held_by_a_lookup_that_never_answers(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, hung_resolver: None
) -> None:
    # The safety check looked the name up in the event loop's default executor: the attempt timed out, but
    # asyncio.run() waited at exit for that thread until the resolver gave up (minutes for a silent name server,
    # 20 s here), and a few such names filled the executor so that every later name timed out too.
    server = serve({"/page": page})
    url = f"http://{HUNG_HOST}:{server.port}/page"

    async def collect() -> list[Article | Failure]:
        options = {"retries": 0, "total_timeout": 1.0}
        return [record async for record in newsclean.afetch_many([url], pipeline=pipeline, **options)]

    started = time.monotonic()
    [record] = asyncio.run(collect())
    assert time.monotonic() - started < NO_HANG
    assert isinstance(record, Failure) and record.error == "timeout"
    # Worded as the sync fetcher words it.
    assert record.message == f"looking up {HUNG_HOST!r}: total_timeout=1s passed"
