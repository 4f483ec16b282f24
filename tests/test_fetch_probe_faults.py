"""Faults a probe of the fetch layer found, each against a raw-socket server on 127.0.0.1 that writes exactly the
bytes the case needs: unreadable sitemaps, meta refreshes a browser ignores, robots.txt with a BOM or cut short,
repeated Content-Type headers, non-ASCII validators, headers that cannot be sent, a reader of standard output that
goes away, and the order in which one host's requests get their turn.

Bounds on elapsed time only check that nothing hangs; they measure no speed.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from _http_server import ARTICLE, CYRILLIC_PARAGRAPHS, PARAGRAPHS, TITLE, article_html
from _raw_server import Handler, RawServer, respond
from click.testing import CliRunner

import newsclean
from newsclean import Article, FetchError, Pipeline
from newsclean._decode import charset_from_headers
from newsclean.cli import main
from newsclean.fetch import AsyncFetcher, Fetcher, discover_urls, parse_feed, parse_sitemap
from newsclean.fetch._cache import CacheEntry, ResponseCache
from newsclean.fetch._flow import meta_refresh_url
from newsclean.fetch._warc import is_refresh_stub

pytestmark = pytest.mark.timeout(60)

QUICK: dict[str, object] = {"allow_private_addresses": True, "retries": 0, "total_timeout": 5.0}


def serving(body: bytes, content_type: str = "text/html; charset=utf-8") -> Handler:
    def handler(conn: socket.socket, server: RawServer) -> None:
        respond(conn, headers=(("Content-Type", content_type),), body=body)

    return handler


page = serving(ARTICLE)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


# -- 1: sitemaps and feeds that cannot be read, or are not what they were given as ------------------------------------

XML = "application/xml"
SITEMAP_PAGES = [f"/sitemap-page/{number}" for number in range(100)]


def sitemap(paths: list[str], server_url: Callable[[str], str]) -> bytes:
    entries = "".join(f"<url><loc>{server_url(path)}</loc></url>" for path in paths)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()


def test_a_corrupt_or_binary_sitemap_is_reported_and_discovery_goes_on(
    serve: Callable[[dict[str, Handler]], RawServer],
) -> None:
    # zlib.error and lxml's XMLSyntaxError escaped discover_urls(on_error=...).
    server = serve(
        {
            "/corrupt.xml.gz": serving(b"\x1f\x8b\x08\x00garbage-garbage-garbage", "application/octet-stream"),
            "/binary.xml": serving(bytes(range(256)), "application/octet-stream"),
        }
    )
    server.routes["/good.xml"] = serving(sitemap(["/a1"], server.url), XML)
    dead: list[tuple[str, str]] = []
    found = discover_urls(
        sitemaps=(server.url("/corrupt.xml.gz"), server.url("/binary.xml"), server.url("/good.xml")),
        on_error=lambda url, exc: dead.append((url, exc.reason)),
        **QUICK,
    )
    assert list(found) == [server.url("/a1")]
    assert dead == [(server.url("/corrupt.xml.gz"), "encoding"), (server.url("/binary.xml"), "content_type")]
    with pytest.raises(FetchError) as raised:  # without on_error, the typed error, not zlib's
        list(discover_urls(sitemaps=(server.url("/corrupt.xml.gz"),), **QUICK))
    assert raised.value.reason == "encoding" and "could not be decompressed" in raised.value.message


def test_cli_writes_a_discover_record_for_an_unreadable_sitemap(
    serve: Callable[[dict[str, Handler]], RawServer], tmp_path: Path
) -> None:
    # The command exited 1 with a traceback and wrote no record, not even the explicit URL's.
    server = serve(
        {
            "/page": page,
            "/corrupt.xml.gz": serving(b"\x1f\x8b\x08\x00garbage", "application/octet-stream"),
            "/binary.xml": serving(bytes(range(256)), "application/octet-stream"),
        }
    )
    out = tmp_path / "out.jsonl"
    sitemaps = ["--sitemap", server.url("/corrupt.xml.gz"), "--sitemap", server.url("/binary.xml")]
    arguments = ["fetch", server.url("/page"), *sitemaps, "-o", str(out), "--allow-private", "--retries", "0"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r.get("stage", "article"), r.get("error"), r.get("url")) for r in records] == [
        ("article", None, server.url("/page")),
        ("discover", "encoding", server.url("/corrupt.xml.gz")),
        ("discover", "content_type", server.url("/binary.xml")),
    ]
    assert records[2]["message"].startswith("sitemap could not be read: document is not XML")


def test_a_gzipped_sitemap_cut_short_keeps_its_whole_entries_and_is_reported(
    serve: Callable[[dict[str, Handler]], RawServer],
) -> None:
    # The stream's end was never checked: a partial list came back as if it were the sitemap.
    server = serve({})
    whole = gzip.compress(sitemap(SITEMAP_PAGES, server.url))
    server.routes["/cut.xml.gz"] = serving(whole[: len(whole) // 2], "application/x-gzip")
    dead: list[tuple[str, str]] = []
    found = list(
        discover_urls(
            sitemaps=(server.url("/cut.xml.gz"),), on_error=lambda url, exc: dead.append((url, exc.reason)), **QUICK
        )
    )
    expected = [server.url(path) for path in SITEMAP_PAGES]
    assert 0 < len(found) < len(expected)
    assert found == expected[: len(found)]  # the entry the cut went through is not kept half-read
    assert dead == [(server.url("/cut.xml.gz"), "encoding")]
    with pytest.raises(FetchError) as raised:
        parse_sitemap(whole[: len(whole) // 2], base_url=server.url("/cut.xml.gz"))
    assert raised.value.reason == "encoding" and "cut short" in raised.value.message


def test_a_document_of_another_kind_is_reported_for_what_it_is(
    serve: Callable[[dict[str, Handler]], RawServer],
) -> None:
    # An HTML page or a feed given as a sitemap gave no URL and no failure, as if the sitemap were empty.
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>/a1</link></item></channel></rss>'
    html_page = b"<!doctype html><html><body><p>Not found</p></body></html>"
    server = serve({"/html": serving(html_page), "/feed.xml": serving(feed, "application/rss+xml")})
    server.routes["/sitemap.xml"] = serving(sitemap(["/a1"], server.url), XML)
    dead: dict[str, str] = {}
    found = discover_urls(
        feeds=(server.url("/sitemap.xml"),),
        sitemaps=(server.url("/html"), server.url("/feed.xml")),
        on_error=lambda url, exc: dead.update({url: f"{exc.reason}: {exc.message}"}),
        **QUICK,
    )
    assert list(found) == []
    assert dead == {
        server.url("/sitemap.xml"): "content_type: document is a sitemap (<urlset>), not a feed",
        server.url("/html"): "content_type: document is an HTML page, not a sitemap",
        server.url("/feed.xml"): "content_type: document is an RSS feed (<rss>), not a sitemap",
    }
    assert parse_feed(feed, base_url="https://example.org/") == ["https://example.org/a1"]


# -- 2: a meta refresh a browser does not see -----------------------------------------------------------------------

REFRESH = '<meta http-equiv="refresh" content="0; url=/elsewhere">'
HIDDEN_REFRESHES = {
    "comment": f"<!-- {REFRESH} -->",
    "script string": f"<script>var old = '{REFRESH}';</script>",
    "template": f"<template><template></template>{REFRESH}</template>",
    "style": f"<style>/* {REFRESH} */</style>",
}


@pytest.mark.parametrize("where", list(HIDDEN_REFRESHES))
def test_a_meta_refresh_in_a_comment_script_or_template_is_not_followed(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, where: str
) -> None:
    # The byte scan followed it, and the article was replaced by the page it named.
    body = ARTICLE.replace(b"<title>", HIDDEN_REFRESHES[where].encode() + b"<title>", 1)
    server = serve({"/news": serving(body), "/elsewhere": serving(article_html("Front page").encode())})
    with Fetcher(pipeline=pipeline, **QUICK) as fetcher:
        article = fetcher.fetch(server.url("/news"))
    assert (article.title, article.url) == (TITLE, server.url("/news"))
    assert server.hits["/elsewhere"] == 0
    assert not is_refresh_stub(body, server.url("/news"))  # iter_warc keeps the page


def test_a_meta_refresh_after_a_closed_comment_is_still_followed() -> None:
    here = httpx.URL("https://example.org/stub")
    there = httpx.URL("https://example.org/elsewhere")
    for before in ("<!-- old -->", "<!-->", "<!--->", "<script>var a = 1;</script>", "<noscript></noscript>"):
        assert meta_refresh_url(f"{before}{REFRESH}".encode(), here) == there, before
    assert meta_refresh_url(f"<!-- {REFRESH}".encode(), here) is None  # an unclosed comment hides the rest


# -- 3, 6: robots.txt with a byte order mark, and one cut short -----------------------------------------------------


def test_a_robots_txt_starting_with_a_bom_is_obeyed(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    # protego kept the BOM in the first line, lost the group, and allowed everything.
    robots = serving(b"\xef\xbb\xbfUser-agent: *\nDisallow: /\n", "text/plain")
    server = serve({"/robots.txt": robots, "/page": page})
    with Fetcher(pipeline=pipeline, **QUICK) as fetcher, pytest.raises(FetchError) as raised:
        fetcher.get(server.url("/page"))
    assert raised.value.reason == "robots"
    assert server.hits["/page"] == 0


def robots_cut_short(conn: socket.socket, server: RawServer) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
        b"User-agent: *\nDisallow: /\n"
    )


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_robots_txt_cut_short_counts_for_what_arrived(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, mode: str
) -> None:
    # The page failed as "connection" and was retried, although the rules that arrived disallow it.
    server = serve({"/robots.txt": robots_cut_short, "/page": page})
    options = {**QUICK, "retries": 2, "backoff": 0.01, "backoff_max": 0.02}
    if mode == "sync":
        with Fetcher(pipeline=pipeline, **options) as fetcher, pytest.raises(FetchError) as raised:
            fetcher.get(server.url("/page"))
    else:

        async def get() -> None:
            async with AsyncFetcher(pipeline=pipeline, **options) as fetcher:
                await fetcher.get(server.url("/page"))

        with pytest.raises(FetchError) as raised:
            asyncio.run(get())
    assert raised.value.reason == "robots"
    assert (server.hits["/robots.txt"], server.hits["/page"]) == (1, 0)


# -- 4: two Content-Type headers ------------------------------------------------------------------------------------


def test_the_charset_comes_from_the_content_type_that_counts(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline
) -> None:
    # The type was taken from the last header, the charset from the first: Cyrillic read as windows-1252.
    body = article_html(CYRILLIC_PARAGRAPHS[0][:30], CYRILLIC_PARAGRAPHS, "windows-1251").encode("cp1251")
    body = body.replace(b'<meta charset="windows-1251">', b"")

    def two_types(conn: socket.socket, server: RawServer) -> None:
        types = (
            ("Content-Type", "text/html; charset=windows-1252"),
            ("Content-Type", "text/html; charset=windows-1251"),
        )
        respond(conn, headers=types, body=body)

    server = serve({"/page": two_types})
    with Fetcher(pipeline=pipeline, **QUICK) as fetcher:
        article = fetcher.fetch(server.url("/page"))
    assert article.paragraphs == tuple(CYRILLIC_PARAGRAPHS)
    assert charset_from_headers({"content-type": "text/html; charset=utf-8, text/html"}) == "utf-8"
    assert charset_from_headers({"content-type": "text/html; charset=utf-8, text/plain"}) is None


# -- 5: a validator that cannot be sent back ------------------------------------------------------------------------


def test_a_non_ascii_etag_does_not_break_later_fetches_of_the_page(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, tmp_path: Path
) -> None:
    # The ETag was stored and sent back: every later request raised UnicodeEncodeError.
    def non_ascii_etag(conn: socket.socket, server: RawServer) -> None:
        headers = (("Content-Type", "text/html; charset=utf-8"), ("ETag", '"café"'))
        respond(conn, headers=headers, body=ARTICLE, header_encoding="utf-8")

    server = serve({"/page": non_ascii_etag})
    for _ in range(2):
        with Fetcher(pipeline=pipeline, cache_dir=tmp_path, **QUICK) as fetcher:
            assert fetcher.get(server.url("/page")).content == ARTICLE
            [record] = fetcher.fetch_many([server.url("/page")])
        assert isinstance(record, Article) and record.paragraphs == tuple(PARAGRAPHS)
    # An entry a previous version stored with such an ETag is asked for without it, by its other validator.
    stored = CacheEntry(
        url="u", final_url="u", status_code=200, headers={}, http_version="HTTP/1.1", etag='"café"', last_modified="x"
    )
    assert ResponseCache(tmp_path).conditional_headers(stored) == {"If-Modified-Since": "x"}


# -- 7: headers that cannot be sent are refused up front ------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"user_agent": "Bücherbot/1.0"}, "user_agent"),
        ({"user_agent": "bot/1.0\r\nX-Injected: 1"}, "user_agent"),
        ({"headers": {"X-Token": "abc\ndef"}}, "headers['X-Token']"),
        ({"headers": {"X Token": "abc"}}, "'X Token' is not a header name"),
    ],
)
def test_headers_that_cannot_be_sent_are_a_value_error_naming_them(options: dict[str, object], named: str) -> None:
    # A line break failed every URL as a retried connection error; a non-ASCII agent raised UnicodeEncodeError.
    with pytest.raises(ValueError) as raised:
        Fetcher(**options)
    assert named in str(raised.value)


def test_cli_names_the_user_agent_option_it_cannot_send() -> None:
    result = CliRunner().invoke(main, ["fetch", "http://127.0.0.1:9/", "--user-agent", "bot/1.0\nX: 1"])
    assert result.exit_code == 2
    assert "Invalid value for '--user-agent'" in result.output


# -- 8: the reader of standard output goes away ---------------------------------------------------------------------


def test_fetch_stops_quietly_when_its_reader_goes_away(serve: Callable[[dict[str, Handler]], RawServer]) -> None:
    # "| head -c 100": the command exited 1 with "Error: Could not open file '?': Broken pipe".
    reader_gone = threading.Event()

    def held_page(conn: socket.socket, server: RawServer) -> None:
        reader_gone.wait(30)  # answered once the pipe is closed, so its record is written into a closed pipe
        page(conn, server)

    server = serve({"/page": page, "/held": held_page})
    urls = [server.url("/page"), server.url("/held"), server.url("/page")]
    command = [sys.executable, "-m", "newsclean", "fetch", *urls, "--allow-private", "--retries", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        reader_gone.set()
        stderr = process.stderr.read().decode()
        status = process.wait(timeout=30)
    finally:
        reader_gone.set()
        if process.poll() is None:
            process.kill()
            process.wait()
    assert json.loads(first)["title"] == TITLE
    assert status == 141, stderr
    assert "Error" not in stderr and "Broken pipe" not in stderr and "Traceback" not in stderr


# -- 9: one host's requests take their turns in the order they asked ------------------------------------------------


def test_requests_to_one_host_are_served_in_the_order_they_came(
    serve: Callable[[dict[str, Handler]], RawServer],
) -> None:
    # A thread arriving as the slot came free took it before those already waiting: URL 1 waited behind dozens.
    server = serve({f"/{number}": page for number in range(40)})
    urls = [server.url(f"/{number}") for number in range(40)]
    concurrency = 4
    options = {**QUICK, "respect_robots": False, "per_host_concurrency": 1, "concurrency": concurrency}
    with Fetcher(**options) as fetcher:
        records = list(fetcher.get_many(urls))
    assert all(not isinstance(record, newsclean.Failure) for record in records)
    served = [int(path[1:]) for path in server.served]
    assert sorted(served) == list(range(40))
    # Only the first few, picked up by idle threads at once, may reach the host's turn out of order.
    overtaken_by = [served.index(number) - number for number in range(40)]
    assert max(overtaken_by) < concurrency, served


# -- control characters read from input are escaped on the terminal ----------------------------------------------------


def test_a_failure_line_on_stderr_shows_control_characters_escaped(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_bytes(b"garbage\x01\x1b[31mred\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["fetch", "-i", str(urls), "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("newsclean: garbage")]
    assert "\x01" not in line and "\x1b" not in line
    assert line.startswith("newsclean: garbage\\x01\\x1b[31mred: invalid_url: ")
    # The record keeps the URL as it was read.
    assert json.loads(out.read_text())["url"] == "garbage\x01\x1b[31mred"


# -- a page served without a type is sniffed in the Unicode form its byte order mark names -----------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_untyped_utf16_page_is_sniffed_as_html(
    serve: Callable[[dict[str, Handler]], RawServer], pipeline: Pipeline, codec: str
) -> None:
    # As bytes, "<\x00h\x00t\x00m\x00l\x00" opens no document: the page was refused as "does not look like HTML".
    body = ("\ufeff" + ARTICLE.decode("utf-8")).encode(codec)
    server = serve({"/unicode": lambda conn, server: respond(conn, body=body)})
    with Fetcher(pipeline=pipeline, **QUICK) as fetcher:
        article = fetcher.fetch(server.url("/unicode"))
    assert article.title == TITLE
