"""The fetch layer against servers that misbehave at the byte level: a raw-socket server on 127.0.0.1 writes exactly
what each test needs (header lines one at a time, silence, cut-short or padded compressed bodies, repeated
headers), which ``http.server`` would not let it write.

Bounds on elapsed time here only check that a call does not hang (it returns well within a generous limit when
``total_timeout`` is 1 s); they measure no speed.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import brotli
import httpx
import pytest
import zstandard
from _http_server import ARTICLE, PARAGRAPHS
from _raw_server import Handler, RawServer, not_found, respond
from click.testing import CliRunner

import newsclean
from newsclean import Article, Failure, FetchError, Pipeline
from newsclean.cli import main
from newsclean.fetch import Fetcher, discover_urls, iter_warc
from newsclean.fetch._flow import meta_refresh_url, parse_refresh
from newsclean.fetch._options import FetchOptions
from newsclean.fetch._retry import parse_retry_after
from newsclean.fetch._safety import check_url

pytestmark = pytest.mark.timeout(60)

QUICK: dict[str, object] = {"allow_private_addresses": True, "retries": 0, "total_timeout": 1.0}
# Well above total_timeout=1 and well below what the old behaviour took (forever, or read_timeout at every hop).
NO_HANG = 10.0


def page(conn: socket.socket, server: RawServer) -> None:
    respond(conn, headers=(("Content-Type", "text/html; charset=utf-8"),), body=ARTICLE)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def trickle_headers(conn: socket.socket, server: RawServer) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    for number in range(1000):
        if server.wait(0.2):
            return
        conn.sendall(b"X-Slow-%d: a\r\n" % number)


def silent(conn: socket.socket, server: RawServer) -> None:
    server.wait(60)


def slow_hop(conn: socket.socket, server: RawServer) -> None:
    if not server.wait(3):  # each hop answers within read_timeout, but four of them take 12 s
        respond(conn, "302 Found", (("Location", "/hop"),))


def trickle_body(conn: socket.socket, server: RawServer) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
    while not server.wait(0.2):
        conn.sendall(b"#")


# -- 1, 2: total_timeout bounds the whole sync attempt, robots.txt included ------------------------------------------


@pytest.mark.parametrize("kind", ["trickled headers", "silent server", "slow redirect hops", "trickled robots.txt"])
def test_sync_total_timeout_bounds_the_whole_attempt(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, kind: str
) -> None:
    # Only the body was bounded: header lines every 0.2 s or a trickling robots.txt held the thread forever, a
    # silent server for read_timeout, redirect hops for read_timeout each.
    handler = {"trickled headers": trickle_headers, "silent server": silent, "slow redirect hops": slow_hop}
    routes: dict[str, Handler] = {"/page": handler.get(kind, page), "/hop": slow_hop}
    if kind == "trickled robots.txt":
        routes["/robots.txt"] = trickle_body
    server = serve(routes)
    started = time.monotonic()
    options = {**QUICK, "read_timeout": 20.0}
    with Fetcher(pipeline=pipeline, **options) as fetcher, pytest.raises(FetchError) as raised:
        fetcher.get(server.url("/hop" if kind == "slow redirect hops" else "/page"))
    assert time.monotonic() - started < NO_HANG
    assert raised.value.reason == "timeout"
    assert "total_timeout=1s passed" in raised.value.message
    if kind == "trickled robots.txt":
        assert "robots.txt" in raised.value.message


def test_cli_timeout_bounds_a_server_that_trickles_its_headers(
    serve: Callable[[dict[str, Handler]], RawServer], tmp_path: Path
) -> None:
    server = serve({"/page": trickle_headers})
    out = tmp_path / "out.jsonl"
    arguments = ["fetch", server.url("/page"), "-o", str(out), "--timeout", "1", "--retries", "0", "--allow-private"]
    started = time.monotonic()
    result = CliRunner().invoke(main, arguments)
    assert time.monotonic() - started < NO_HANG
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["error"] == "timeout"


# -- 3: a shared robots.txt fetch cut by one task's total_timeout ----------------------------------------------------


def test_async_tasks_sharing_a_robots_fetch_each_get_their_record(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    # The task fetching robots.txt ran out of time; the CancelledError on the shared future escaped afetch_many.
    server = serve({"/robots.txt": trickle_body, "/a": page, "/b": page})

    async def urls() -> AsyncIterator[str]:
        yield server.url("/a")
        await asyncio.sleep(0.5)  # joins the robots.txt fetch /a started
        yield server.url("/b")

    async def collect() -> list[Article | Failure]:
        return [record async for record in newsclean.afetch_many(urls(), pipeline=pipeline, **QUICK)]

    records = asyncio.run(collect())
    assert [(type(r).__name__, getattr(r, "error", None)) for r in records] == [("Failure", "timeout")] * 2
    assert [r.url for r in records] == [server.url("/a"), server.url("/b")]


# -- 4, 7, 8: compressed bodies: cut short, several frames, padding, output held at the end --------------------------

HTML = (("Content-Type", "text/html; charset=utf-8"),)
GZIPPED = gzip.compress(ARTICLE)
ZSTD = zstandard.ZstdCompressor().compress


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


# 65,798 bytes that deflate to a few dozen: the end of the page stayed inside zlib and was lost.
LONG_PAGE = b"<html>" + b"ab" * (65792 // 2)
BODIES: dict[str, tuple[str, bytes, bytes | None]] = {
    # name: (Content-Encoding, bytes sent, the page expected; None when the fetch must fail with "encoding")
    "gzip cut short": ("gzip", GZIPPED[: len(GZIPPED) // 2], None),
    "zstd cut short": ("zstd", ZSTD(ARTICLE)[:-20], None),
    "brotli cut short": ("br", brotli.compress(ARTICLE)[:-20], None),
    "gzip and zero padding": ("gzip", GZIPPED + b"\0" * 8, ARTICLE),
    "two gzip members": ("gzip", gzip.compress(ARTICLE[:300]) + gzip.compress(ARTICLE[300:]), ARTICLE),
    "two zstd frames": ("zstd", ZSTD(ARTICLE[:300]) + ZSTD(ARTICLE[300:]), ARTICLE),
    "raw deflate, 65,798 bytes": ("deflate", _raw_deflate(LONG_PAGE), LONG_PAGE),
}


@pytest.mark.parametrize("name", list(BODIES))
def test_compressed_bodies_are_whole_or_refused(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, name: str
) -> None:
    encoding, sent, expected = BODIES[name]

    def body(conn: socket.socket, server: RawServer) -> None:
        respond(conn, headers=(*HTML, ("Content-Encoding", encoding)), body=sent)

    server = serve({"/page": body})
    with Fetcher(pipeline=pipeline, **QUICK) as fetcher:
        if expected is None:
            with pytest.raises(FetchError) as raised:
                fetcher.get(server.url("/page"))
            assert raised.value.reason == "encoding" and "cut short" in raised.value.message
        else:
            assert fetcher.get(server.url("/page")).content == expected


def test_a_gzip_body_cut_short_without_content_length_is_refused(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    def close_delimited(conn: socket.socket, server: RawServer) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"
        conn.sendall(head + GZIPPED[: len(GZIPPED) // 2])

    server = serve({"/page": close_delimited})
    [record] = list(newsclean.fetch_many([server.url("/page")], pipeline=pipeline, **QUICK))
    assert isinstance(record, Failure) and record.error == "encoding"


# -- 5: closing a batch early stops its fetches ----------------------------------------------------------------------


def test_closing_fetch_many_early_stops_the_fetches_in_flight(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    # close() waited until every silent URL had timed out three times (read_timeout=8 s, two retries).
    server = serve({"/ok": page, **{f"/silent{n}": silent for n in range(3)}})
    urls = [server.url("/ok"), *(server.url(f"/silent{n}") for n in range(3))]
    options = {**QUICK, "read_timeout": 8.0, "total_timeout": 30.0, "retries": 2, "per_host_concurrency": 4}
    records = newsclean.fetch_many(urls, pipeline=pipeline, **options)
    first = next(records)
    assert isinstance(first, Article)
    # The silent fetches run in the pool's threads: on a loaded machine the page can come back before they connect.
    waited_until = time.monotonic() + NO_HANG
    while sum(server.hits[f"/silent{n}"] for n in range(3)) < 3 and time.monotonic() < waited_until:
        time.sleep(0.01)
    assert [server.hits[f"/silent{n}"] for n in range(3)] == [1, 1, 1]  # all three in flight
    started = time.monotonic()
    records.close()
    assert time.monotonic() - started < NO_HANG
    assert [server.hits[f"/silent{n}"] for n in range(3)] == [1, 1, 1]  # no attempt after the close


# -- 6: a dead feed or sitemap is a failure record, and the rest is fetched ------------------------------------------


def _discovery_server(serve: Callable[[dict[str, Handler]], RawServer]) -> RawServer:
    def xml(document: Callable[[RawServer], str]) -> Handler:
        def handler(conn: socket.socket, server: RawServer) -> None:
            respond(conn, headers=(("Content-Type", "application/xml"),), body=document(server).encode())

        return handler

    namespace = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    return serve(
        {
            "/index.xml": xml(
                lambda s: (
                    f"<sitemapindex {namespace}><sitemap><loc>{s.url('/s1.xml')}</loc></sitemap>"
                    f"<sitemap><loc>{s.url('/s2.xml')}</loc></sitemap></sitemapindex>"
                )
            ),
            "/s1.xml": xml(lambda s: f"<urlset {namespace}><url><loc>{s.url('/a1')}</loc></url></urlset>"),
            "/s2.xml": not_found,
            "/feed.xml": lambda conn, server: respond(conn, "410 Gone", HTML, b"gone"),
            "/a1": page,
            "/explicit": page,
        }
    )


def test_cli_reports_a_dead_feed_or_sitemap_and_fetches_the_rest(
    serve: Callable[[dict[str, Handler]], RawServer], tmp_path: Path
) -> None:
    server = _discovery_server(serve)
    out = tmp_path / "out.jsonl"
    arguments = [
        "fetch",
        server.url("/explicit"),
        "--feed",
        server.url("/feed.xml"),
        "--sitemap",
        server.url("/index.xml"),
        "-o",
        str(out),
        "--allow-private",
        "--retries",
        "0",
    ]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r.get("stage", "article"), r.get("url") or r["source_id"]) for r in records] == [
        ("article", server.url("/explicit")),
        ("discover", server.url("/feed.xml")),
        ("article", server.url("/a1")),
        ("discover", server.url("/s2.xml")),
    ]
    assert records[1]["error"] == "status" and records[1]["message"].startswith("feed could not be read")
    assert records[3]["message"] == "sitemap could not be read: HTTP status 404 Not Found"
    assert [r.get("position") for r in records] == [None, "1", None, "3"]
    assert f"{server.url('/s2.xml')}: status" in result.stderr and "failed 2 (status: 2)" in result.stderr
    assert CliRunner().invoke(main, [*arguments, "--strict"]).exit_code == 1


def test_discover_urls_reports_dead_documents_to_on_error(serve: Callable[[dict[str, Handler]], RawServer]) -> None:
    server = _discovery_server(serve)
    dead: list[tuple[str, str]] = []
    found = discover_urls(
        feeds=(server.url("/feed.xml"),),
        sitemaps=(server.url("/index.xml"),),
        on_error=lambda url, exc: dead.append((url, exc.reason)),
        **QUICK,
    )
    assert list(found) == [server.url("/a1")]
    assert dead == [(server.url("/feed.xml"), "status"), (server.url("/s2.xml"), "status")]
    with pytest.raises(FetchError):  # without on_error, as before: the caller asked for that feed
        list(discover_urls(feeds=(server.url("/feed.xml"),), **QUICK))


# -- 9, 10: repeated headers -----------------------------------------------------------------------------------------


def test_repeated_content_type_and_location_headers(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    def two_types(conn: socket.socket, server: RawServer) -> None:
        types = (("Content-Type", "text/html"), ("Content-Type", "text/html; charset=utf-8"))
        respond(conn, headers=types, body=ARTICLE)

    def last_type_counts(conn: socket.socket, server: RawServer) -> None:
        respond(conn, headers=(("Content-Type", "text/plain"), ("Content-Type", "text/html")), body=ARTICLE)

    def two_locations(conn: socket.socket, server: RawServer) -> None:
        respond(conn, "301 Moved Permanently", (("Location", "/final"), ("Location", "/final")))

    def different_locations(conn: socket.socket, server: RawServer) -> None:
        respond(conn, "301 Moved Permanently", (("Location", "/final"), ("Location", "/elsewhere")))

    routes: dict[str, Handler] = {
        "/two-types": two_types,
        "/last-type": last_type_counts,
        "/two-locations": two_locations,
        "/different-locations": different_locations,
        "/final": page,
    }
    server = serve(routes)
    with Fetcher(pipeline=pipeline, **QUICK) as fetcher:
        assert fetcher.fetch(server.url("/two-types")).paragraphs == tuple(PARAGRAPHS)
        assert fetcher.fetch(server.url("/last-type")).paragraphs == tuple(PARAGRAPHS)
        assert fetcher.get(server.url("/two-locations")).final_url == server.url("/final")
        with pytest.raises(FetchError) as raised:
            fetcher.get(server.url("/different-locations"))
    assert raised.value.reason == "redirects" and "2 different Location headers" in raised.value.message
    assert server.hits["/final"] == 1 and server.hits["/final,%20/final"] == 0


# -- 11: Retry-After -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "seconds"), [("²", None), ("١٢", None), (" 12 ", 12.0), ("", None)])
def test_retry_after_takes_ascii_digits_only(value: str, seconds: float | None) -> None:
    assert parse_retry_after(value) == seconds


@pytest.mark.parametrize(("value", "stated"), [("3600", "3600s"), ("9" * 400, "more than a year")])
def test_a_retry_after_past_the_limit_is_stated_in_the_failure(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, value: str, stated: str
) -> None:
    def busy(conn: socket.socket, server: RawServer) -> None:
        respond(conn, "503 Service Unavailable", (("Retry-After", value),))

    server = serve({"/busy": busy})
    with Fetcher(pipeline=pipeline, **{**QUICK, "retries": 2}) as fetcher, pytest.raises(FetchError) as raised:
        fetcher.get(server.url("/busy"))
    assert f"Retry-After {stated} exceeds max_retry_after" in raised.value.message
    assert "inf" not in raised.value.message


# -- 12, 16: hosts and ports that no connection could go to ---------------------------------------------------------

# The last two went to DNS, and failed there as "dns" (a network fault) for a malformed URL.
BAD_HOSTS = [
    "http://xn--.invalid/",
    "http://" + "a" * 70 + ".example/",
    "http://a..b.example/",
    "http://exa mple.example/",
    "http://exa%20mple.example/",
]
BAD_PORTS = ["http://127.0.0.1:99999/", "http://127.0.0.1:-1/", "http://127.0.0.1:0/"]


@pytest.mark.parametrize("allow_private", [False, True])
def test_malformed_hosts_and_ports_are_invalid_urls(allow_private: bool) -> None:
    for url in BAD_HOSTS + BAD_PORTS:
        with pytest.raises(FetchError) as raised:
            check_url(httpx.URL(url), allow_private=allow_private)
        assert raised.value.reason == "invalid_url", url
    options = {**QUICK, "allow_private_addresses": allow_private}
    records = list(newsclean.fetch_many(BAD_HOSTS + BAD_PORTS, **options))
    assert [(r.stage, r.error) for r in records if isinstance(r, Failure)] == [("fetch", "invalid_url")] * 8


@pytest.mark.parametrize("url", [None, 5, b"http://example.com/"])
def test_a_url_that_is_no_string_is_named_for_its_type(url: object) -> None:
    (record,) = newsclean.fetch_many([url], **QUICK)
    assert isinstance(record, Failure) and record.error == "invalid_url"
    assert record.message.startswith(f"URL must be a str, not {type(url).__name__}")


def test_a_redirect_or_meta_refresh_to_a_malformed_host_fails_with_a_reason(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    # Both raised idna.IDNAError out of the fetcher (an "internal" failure in a batch).
    def stub(conn: socket.socket, server: RawServer) -> None:
        respond(conn, headers=HTML, body=b'<meta http-equiv="refresh" content="0; url=http://xn--.invalid/">')

    def redirect(conn: socket.socket, server: RawServer) -> None:
        respond(conn, "302 Found", (("Location", "http://xn--.invalid/"),))

    server = serve({"/stub": stub, "/redirect": redirect})
    with Fetcher(pipeline=pipeline, **QUICK) as fetcher:
        with pytest.raises(FetchError) as raised:
            fetcher.get(server.url("/stub"))
        assert raised.value.reason == "invalid_url"
        with pytest.raises(FetchError) as raised:
            fetcher.get(server.url("/redirect"))
        assert raised.value.reason == "redirects" and "invalid URL" in raised.value.message


def test_an_unresolvable_name_is_dns_with_private_addresses_allowed(pipeline: Pipeline) -> None:
    options = {**QUICK, "respect_robots": False, "retries": 2}
    with Fetcher(pipeline=pipeline, **options) as fetcher, pytest.raises(FetchError) as raised:
        fetcher.get("http://no-such-host.invalid/")
    assert raised.value.reason == "dns"  # not "connection", which is retried


# -- 13: robots.txt that cannot be read ------------------------------------------------------------------------------


def _robots_redirect(location: str) -> Handler:
    def handler(conn: socket.socket, server: RawServer) -> None:
        respond(conn, "301 Moved Permanently", (("Location", location),))

    return handler


ROBOTS_CASES: dict[str, Handler] = {
    # Unavailable (allow all): a redirect to something that is no fetchable URL, an unreadable encoding.
    "data": _robots_redirect("data:text/plain,User-agent: *"),
    "javascript": _robots_redirect("javascript:void(0)"),
    "malformed host": _robots_redirect("http://xn--.invalid/robots.txt"),
    "broken location": _robots_redirect("http://[::1"),
    "ftp": _robots_redirect("ftp://example.org/robots.txt"),
    "unknown encoding": lambda conn, server: respond(
        conn, headers=(("Content-Type", "text/plain"), ("Content-Encoding", "compress")), body=b"User-agent: *\n"
    ),
    "not gzip": lambda conn, server: respond(
        conn, headers=(("Content-Type", "text/plain"), ("Content-Encoding", "gzip")), body=b"User-agent: *\n"
    ),
}


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_unavailable_robots_txt_allows_the_page(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, mode: str
) -> None:
    servers = [serve({"/robots.txt": handler, "/page": page}) for handler in ROBOTS_CASES.values()]
    urls = [server.url("/page") for server in servers]
    if mode == "sync":
        records = list(newsclean.fetch_many(urls, pipeline=pipeline, **QUICK))
    else:

        async def collect() -> list[Article | Failure]:
            return [record async for record in newsclean.afetch_many(urls, pipeline=pipeline, **QUICK)]

        records = asyncio.run(collect())
    outcomes = {name: getattr(record, "message", "article") for name, record in zip(ROBOTS_CASES, records, strict=True)}
    assert outcomes == dict.fromkeys(ROBOTS_CASES, "article")


def test_a_page_failed_because_of_robots_txt_says_so(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    error = serve({"/robots.txt": lambda conn, server: respond(conn, "503 Service Unavailable"), "/page": page})
    unreachable = serve({"/robots.txt": silent, "/page": page})
    urls = [error.url("/page"), unreachable.url("/page")]
    first, second = newsclean.fetch_many(urls, pipeline=pipeline, **{**QUICK, "read_timeout": 0.3})
    assert isinstance(first, Failure) and first.error == "robots"
    assert "robots.txt answered HTTP 503" in first.message
    assert isinstance(second, Failure) and second.error == "timeout"
    assert second.message.startswith("robots.txt could not be fetched")


def test_a_raised_robots_failure_names_the_page_not_robots_txt(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    # The raised FetchError's url was the robots.txt URL, while the failure records of fetch_many named the page.
    unreachable = serve({"/robots.txt": silent, "/page": page, "/other": page})
    options = {**QUICK, "read_timeout": 0.3}
    with pytest.raises(FetchError) as raised:
        newsclean.fetch(unreachable.url("/page"), pipeline=pipeline, **options)
    assert raised.value.url == unreachable.url("/page")
    assert raised.value.message.startswith(f"robots.txt could not be fetched ({unreachable.url('/robots.txt')})")
    assert raised.value.reason == "timeout"

    async def both() -> list[BaseException | Article]:
        async with newsclean.AsyncFetcher(pipeline=pipeline, **options) as fetcher:
            pages = [unreachable.url("/page"), unreachable.url("/other")]
            return await asyncio.gather(*(fetcher.fetch(url) for url in pages), return_exceptions=True)

    # One request for the origin's robots.txt, its failure shared: each page is named in its own.
    first, second = asyncio.run(both())
    assert isinstance(first, FetchError) and first.url == unreachable.url("/page")
    assert isinstance(second, FetchError) and second.url == unreachable.url("/other")


# -- 14: a user agent without a product token ------------------------------------------------------------------------


def test_a_user_agent_starting_with_a_slash_matches_the_star_group(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    assert FetchOptions(user_agent="/1.0 (crawler)").robots_agent == "*"
    server = serve({"/page": page})
    article = newsclean.fetch(server.url("/page"), pipeline=pipeline, user_agent="/1.0", **QUICK)
    assert article.paragraphs == tuple(PARAGRAPHS)


# -- 15: meta refresh as the HTML standard parses it -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("-1; url=/final", None),
        ("1e3; url=/final", None),
        ("0.5.5; url=/final", (0, "/final")),
        ("0; url='/final", (0, "/final")),
        ("0;URL='/next'", (0, "/next")),
        ("3, /next", (3, "/next")),
        (".5;url=/next", (0, "/next")),
        ("0; urlx=/next", (0, "urlx=/next")),
        ("/next", None),
        ("300", (300, "")),
    ],
)
def test_meta_refresh_content_is_parsed_as_browsers_do(content: str, expected: tuple[int, str] | None) -> None:
    assert parse_refresh(content) == expected


def test_meta_refresh_that_browsers_ignore_is_not_followed() -> None:
    here = httpx.URL("https://example.org/stub")
    for content in ("-1; url=/final", "1e3; url=/final"):
        assert meta_refresh_url(f'<meta http-equiv="refresh" content="{content}">'.encode(), here) is None
    target = meta_refresh_url(b'<meta http-equiv="refresh" content="0.5.5; url=/final">', here)
    assert target == httpx.URL("https://example.org/final")


# -- 17: pages confirmed by a 304 are archived -----------------------------------------------------------------------


def test_a_page_revalidated_with_304_is_in_the_warc(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, tmp_path: Path
) -> None:
    def etag(conn: socket.socket, server: RawServer) -> None:
        if server.hits["/etag"] > 1:
            respond(conn, "304 Not Modified", (("ETag", '"v1"'),))
        else:
            respond(conn, headers=(*HTML, ("ETag", '"v1"')), body=ARTICLE)

    server = serve({"/etag": etag})
    for run in (1, 2):
        warc = tmp_path / f"run{run}.warc.gz"
        with Fetcher(pipeline=pipeline, cache_dir=tmp_path / "cache", warc=warc, **QUICK) as fetcher:
            article = fetcher.fetch(server.url("/etag"))
        [archived] = list(iter_warc(warc))
        assert (archived.final_url, archived.status_code, archived.content) == (server.url("/etag"), 200, ARTICLE)
        assert archived.fetched_at == article.fetched_at
        recleaned = pipeline.clean_html(
            archived.content, url=archived.final_url, headers=archived.headers, fetched_at=archived.fetched_at
        )
        assert recleaned.paragraphs == article.paragraphs == tuple(PARAGRAPHS)


# -- 18: SIGTERM keeps the records already written -------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_records_written_before_sigterm_are_kept(
    serve: Callable[[dict[str, Handler]], RawServer], tmp_path: Path
) -> None:
    server = serve({"/ok": page, "/silent": silent})
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "newsclean", "fetch", server.url("/ok"), server.url("/silent")]
    command += ["-o", str(out), "--allow-private", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (out.exists() and out.read_bytes().endswith(b"\n")) and time.monotonic() < deadline:
            time.sleep(0.1)  # the record of /ok reaches the file while /silent is still being waited for
        assert process.poll() is None
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(10)
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["paragraphs"] == PARAGRAPHS
