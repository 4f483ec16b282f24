"""The fetch layer against a real HTTP server on 127.0.0.x that serves fixture pages and misbehaves on purpose."""

from __future__ import annotations

import asyncio
import codecs
import gzip
import itertools
import json
import socket
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import httpx
import msgspec
import pytest
from _http_server import ARTICLE, CYRILLIC_PARAGRAPHS, PARAGRAPHS, TITLE, FixtureServer, bomb
from click.testing import CliRunner

import newsclean
from newsclean import Article, Failure, FetchError, Pipeline
from newsclean.cli import main
from newsclean.fetch import Fetcher, FetchResult, discover_urls, iter_warc
from newsclean.fetch._safety import check_url

pytestmark = pytest.mark.timeout(30)

ROBOTS = "User-agent: *\nDisallow: /private/\n"
# Short waits everywhere: every misbehaviour must end within a second or two.
FAST: dict[str, object] = {
    "allow_private_addresses": True,
    "connect_timeout": 1.0,
    "read_timeout": 0.5,
    "total_timeout": 4.0,
    "retries": 2,
    "backoff": 0.05,
    "backoff_max": 0.2,
}


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    fixture = FixtureServer("127.0.0.1", robots_txt=ROBOTS)
    yield fixture
    fixture.close()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture
def fetcher(pipeline: Pipeline) -> Iterator[Fetcher]:
    with Fetcher(pipeline=pipeline, **FAST) as instance:
        yield instance


def failure_for(fetcher: Fetcher, url: str) -> Failure:
    [record] = list(fetcher.fetch_many([url]))
    assert isinstance(record, Failure), record
    assert record.stage == "fetch"
    return record


# -- pages that must come back as correct Articles ---------------------------------------------------------------


def test_normal_page_becomes_article(fetcher: Fetcher, server: FixtureServer) -> None:
    article = fetcher.fetch(server.url("/article"))
    assert article.title == TITLE
    assert article.paragraphs == tuple(PARAGRAPHS)
    assert article.url == server.url("/article")
    assert article.source_id == server.url("/article")
    assert "Copyright" not in article.text and "Home" not in article.text


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd"])
def test_compressed_pages_decode_to_the_same_article(fetcher: Fetcher, server: FixtureServer, encoding: str) -> None:
    result = fetcher.get(server.url(f"/encoded/{encoding}"))
    assert result.headers["content-encoding"] == encoding
    assert result.content == ARTICLE
    assert result.wire_bytes < len(ARTICLE)
    plain = fetcher.fetch(server.url("/article"))
    assert fetcher.fetch(server.url(f"/encoded/{encoding}")).paragraphs == plain.paragraphs


def test_charset_only_in_meta_is_used(fetcher: Fetcher, server: FixtureServer) -> None:
    result = fetcher.get(server.url("/meta-charset"))
    assert "charset" not in result.headers["content-type"]
    article = fetcher.fetch(server.url("/meta-charset"))
    assert article.encoding_source == "meta"
    assert article.encoding == "windows-1251"
    assert article.paragraphs == tuple(CYRILLIC_PARAGRAPHS)


def test_redirect_chain_is_followed_and_recorded(fetcher: Fetcher, server: FixtureServer) -> None:
    result = fetcher.get(server.url("/redirect/3"))
    assert result.final_url == server.url("/article")
    assert result.redirects == tuple(server.url(f"/redirect/{n}") for n in (3, 2, 1, 0))
    assert result.status_code == 200
    article = fetcher.fetch(server.url("/redirect/3"))
    assert article.url == server.url("/article")
    assert article.paragraphs == tuple(PARAGRAPHS)


def test_cookie_set_before_a_redirect_is_sent_after_it(fetcher: Fetcher, server: FixtureServer) -> None:
    article = fetcher.fetch(server.url("/set-cookie"))
    assert article.paragraphs == tuple(PARAGRAPHS)
    # The cookie lived in that fetch's own jar: a fresh fetch without the redirect does not carry it.
    assert failure_for(fetcher, server.url("/needs-cookie")).error == "status"


def test_a_meta_refresh_stub_is_followed_like_a_redirect(fetcher: Fetcher, server: FixtureServer) -> None:
    # The stub was the page: an empty article ("If you are not redirected, click here").
    result = fetcher.get(server.url("/refresh/stub-to-stub"))
    assert result.final_url == server.url("/article") and result.content == ARTICLE
    assert result.redirects == (server.url("/refresh/stub-to-stub"), server.url("/refresh/stub"))
    assert fetcher.fetch(server.url("/refresh/stub")).paragraphs == tuple(PARAGRAPHS)


@pytest.mark.parametrize("kind", ["reload", "late", "noscript", "itself"])
def test_a_page_that_only_reloads_or_refreshes_late_stands(fetcher: Fetcher, server: FixtureServer, kind: str) -> None:
    result = fetcher.get(server.url(f"/refresh/{kind}"))
    assert (result.final_url, result.redirects) == (server.url(f"/refresh/{kind}"), ())
    assert fetcher.fetch(server.url(f"/refresh/{kind}")).paragraphs == tuple(PARAGRAPHS)


def test_meta_refresh_loops_and_the_switch(pipeline: Pipeline, server: FixtureServer) -> None:
    with Fetcher(pipeline=pipeline, **FAST) as fetcher:
        assert failure_for(fetcher, server.url("/refresh/loop-a")).error == "redirects"
    with Fetcher(pipeline=pipeline, **{**FAST, "follow_meta_refresh": False}) as fetcher:
        result = fetcher.get(server.url("/refresh/stub"))
        assert (result.final_url, result.redirects) == (server.url("/refresh/stub"), ())


def test_a_meta_refresh_stub_is_followed_asynchronously(pipeline: Pipeline, server: FixtureServer) -> None:
    async def collect() -> list[Article | Failure]:
        urls = [server.url("/refresh/stub-to-stub"), server.url("/refresh/loop-a")]
        return [record async for record in newsclean.afetch_many(urls, pipeline=pipeline, **FAST)]

    article, failure = asyncio.run(collect())
    assert isinstance(article, Article) and article.paragraphs == tuple(PARAGRAPHS)
    assert article.url == server.url("/article")
    assert isinstance(failure, Failure) and failure.error == "redirects"


# -- misbehaving servers end as documented failures, in time -------------------------------------------------------


def test_500_then_200_is_retried(fetcher: Fetcher, server: FixtureServer) -> None:
    result = fetcher.get(server.url("/flaky/one"))
    assert result.status_code == 200
    assert result.attempts == 2
    assert server.hits["/flaky/one"] == 2


def test_429_with_retry_after_waits_then_succeeds(fetcher: Fetcher, server: FixtureServer) -> None:
    started = time.monotonic()
    result = fetcher.get(server.url("/ratelimited/one"))
    elapsed = time.monotonic() - started
    assert result.attempts == 2
    assert 1.0 <= elapsed < 3.0, elapsed
    starts = server.starts["/ratelimited/one"]
    assert starts[1] - starts[0] >= 0.95


def test_permanent_404_fails_without_retry(fetcher: Fetcher, server: FixtureServer) -> None:
    before = server.hits["/missing"]
    failure = failure_for(fetcher, server.url("/missing"))
    assert failure.error == "status"
    assert "404" in failure.message
    assert server.hits["/missing"] - before == 1
    with pytest.raises(FetchError) as raised:
        fetcher.get(server.url("/missing"))
    assert raised.value.reason == "status" and raised.value.status_code == 404


def test_stall_mid_body_times_out(pipeline: Pipeline, server: FixtureServer) -> None:
    started = time.monotonic()
    with Fetcher(pipeline=pipeline, **{**FAST, "retries": 1}) as fetcher:
        failure = failure_for(fetcher, server.url("/stall"))
    elapsed = time.monotonic() - started
    assert failure.error == "timeout"
    # Two attempts of read_timeout=0.5s plus a short backoff.
    assert elapsed < 2.5, elapsed


def test_total_timeout_cuts_off_a_slow_page(pipeline: Pipeline, server: FixtureServer) -> None:
    options = {**FAST, "read_timeout": 2.0, "total_timeout": 0.1, "retries": 0}
    with Fetcher(pipeline=pipeline, **options) as fetcher:
        started = time.monotonic()
        failure = failure_for(fetcher, server.url("/slow/total"))
    assert failure.error == "timeout"
    assert time.monotonic() - started < 1.0


def test_connection_reset_is_a_connection_failure(fetcher: Fetcher, server: FixtureServer) -> None:
    before = server.hits["/reset"]
    started = time.monotonic()
    failure = failure_for(fetcher, server.url("/reset"))
    assert failure.error == "connection"
    assert server.hits["/reset"] - before == 3  # retried twice, then given up
    assert time.monotonic() - started < 2.0


def test_redirect_loop_is_detected(fetcher: Fetcher, server: FixtureServer) -> None:
    failure = failure_for(fetcher, server.url("/loop/a"))
    assert failure.error == "redirects"
    assert "loop" in failure.message


BAD_LOCATIONS = ["data", "javascript", "port"]


@pytest.mark.parametrize("kind", BAD_LOCATIONS)
def test_redirect_to_something_that_is_no_url_is_a_redirects_failure(
    fetcher: Fetcher, server: FixtureServer, kind: str
) -> None:
    before = server.hits[f"/bad-location/{kind}"]
    failure = failure_for(fetcher, server.url(f"/bad-location/{kind}"))
    assert failure.error == "redirects" and "redirect to an invalid URL" in failure.message
    assert server.hits[f"/bad-location/{kind}"] - before == 1  # not retried: asking again gives the same answer


def test_redirect_to_something_that_is_no_url_fails_the_same_way_asynchronously(
    pipeline: Pipeline, server: FixtureServer
) -> None:
    async def collect() -> list[Article | Failure]:
        urls = [server.url(f"/bad-location/{kind}") for kind in BAD_LOCATIONS]
        return [record async for record in newsclean.afetch_many(urls, pipeline=pipeline, **FAST)]

    records = asyncio.run(collect())
    assert [type(record).__name__ for record in records] == ["Failure"] * len(BAD_LOCATIONS)
    assert all(isinstance(record, Failure) and record.error == "redirects" for record in records)


def test_too_many_redirects(pipeline: Pipeline, server: FixtureServer) -> None:
    with Fetcher(pipeline=pipeline, **{**FAST, "max_redirects": 2}) as fetcher:
        assert failure_for(fetcher, server.url("/redirect/5")).error == "redirects"


def test_50mb_body_is_stopped_at_the_limit(pipeline: Pipeline, server: FixtureServer) -> None:
    limit = 1024 * 1024
    with Fetcher(pipeline=pipeline, **{**FAST, "max_bytes": limit, "retries": 0}) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError) as raised:
                fetcher.get(server.url("/huge"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert raised.value.reason == "too_large"
    assert peak < 6 * limit, peak
    deadline = time.monotonic() + 3
    while server.huge_sent == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    # The server gave up writing once we hung up; it never got near the 50 MB.
    assert 0 < server.huge_sent < 20 * 1024 * 1024


def test_declared_oversize_body_is_refused_before_reading(fetcher: Fetcher, server: FixtureServer) -> None:
    with pytest.raises(FetchError) as raised:
        Fetcher(**{**FAST, "max_bytes": 1024 * 1024}).get(server.url("/huge-declared"))
    assert raised.value.reason == "too_large"
    assert "Content-Length" in raised.value.message


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd"])
def test_decompression_bomb_is_stopped_at_the_limit(pipeline: Pipeline, server: FixtureServer, encoding: str) -> None:
    limit = 1024 * 1024
    url = server.url(f"/bomb/{encoding}")
    bomb(encoding)  # built once, before the clock and the memory tracer start
    with Fetcher(pipeline=pipeline, **{**FAST, "max_bytes": limit, "retries": 0}) as fetcher:
        fetcher.get(server.url("/article"))  # robots.txt and the connection are ready: measure only the bomb
        tracemalloc.start()
        try:
            with pytest.raises(FetchError) as raised:
                fetcher.get(url)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert raised.value.reason == "too_large"
    assert "decompressed" in raised.value.message
    # The bomb inflates to 64 MB; we held little more than the 1 MB limit.
    assert peak < 12 * limit, peak


def test_pdf_is_refused_by_content_type(fetcher: Fetcher, server: FixtureServer) -> None:
    failure = failure_for(fetcher, server.url("/pdf"))
    assert failure.error == "content_type"
    assert "application/pdf" in failure.message


def test_challenge_page_with_status_200_is_a_failure(fetcher: Fetcher, server: FixtureServer) -> None:
    failure = failure_for(fetcher, server.url("/challenge"))
    assert failure.error == "challenge"
    assert "cloudflare" in failure.message


def test_article_that_mentions_captchas_is_not_a_challenge() -> None:
    from newsclean.fetch._content import check_interstitial

    page = (
        "<html><head><title>Why sites ask you to solve a captcha</title></head><body>"
        + "<p>Sites show a captcha when they think you are a robot.</p>" * 50
        + "</body></html>"
    ).encode()
    check_interstitial(page, {}, url="https://example.org/", final_host="example.org")
    # Cloudflare injects its bot-management script into ordinary pages: that alone is no challenge.
    injected = page.replace(
        b"</body>", b"<script>a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'</script></body>"
    )
    check_interstitial(injected, {}, url="https://example.org/", final_host="example.org")


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (b"<html><head><title>Access Denied</title></head><body>Reference #18.2</body></html>", "challenge"),
        (b'<html><body><script src="https://geo.captcha-delivery.com/captcha/"></script></body></html>', "challenge"),
        (b"<html><head><title>Before you continue to Google</title></head><body></body></html>", "consent"),
        (b'<html><body><form action="https://consent.google.com/save"></form></body></html>', "consent"),
    ],
)
def test_interstitials_are_recognised(page: bytes, reason: str) -> None:
    from newsclean.fetch._content import check_interstitial

    with pytest.raises(FetchError) as raised:
        check_interstitial(page, {}, url="https://example.org/", final_host="example.org")
    assert raised.value.reason == reason


# -- politeness ---------------------------------------------------------------------------------------------------


def test_robots_disallow_is_obeyed(fetcher: Fetcher, server: FixtureServer) -> None:
    failure = failure_for(fetcher, server.url("/private/article"))
    assert failure.error == "robots"
    assert server.hits["/private/article"] == 0
    with Fetcher(**{**FAST, "respect_robots": False}) as ignoring:
        assert ignoring.get(server.url("/private/article")).status_code == 200


def test_crawl_delay_is_obeyed(pipeline: Pipeline) -> None:
    polite = FixtureServer("127.0.0.1", robots_txt="User-agent: newsclean\nCrawl-delay: 0.4\n")
    try:
        urls = [polite.url(f"/page/{n}") for n in range(4)]
        with Fetcher(pipeline=pipeline, **{**FAST, "concurrency": 4, "per_host_concurrency": 4}) as fetcher:
            records = list(fetcher.get_many(urls))
        assert all(not isinstance(record, Failure) for record in records)
        starts = sorted(start for n in range(4) for start in polite.starts[f"/page/{n}"])
        gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
        assert min(gaps) >= 0.38, gaps
    finally:
        polite.close()


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_waiting_for_a_polite_host_does_not_count_against_total_timeout(
    pipeline: Pipeline, server: FixtureServer, mode: str
) -> None:
    urls = [server.url(f"/page/wait-{mode}-{n}") for n in range(4)]
    options = {**FAST, "per_host_concurrency": 1, "min_delay": 0.3, "total_timeout": 0.5, "retries": 0}
    if mode == "sync":
        with Fetcher(pipeline=pipeline, **options) as fetcher:
            records = list(fetcher.get_many(urls))
    else:

        async def collect() -> list[object]:
            async with newsclean.AsyncFetcher(pipeline=pipeline, **options) as fetcher:
                return [record async for record in fetcher.get_many(urls)]

        records = asyncio.run(collect())
    # The last URL waits 0.9 s for its turn, longer than total_timeout, and still succeeds.
    assert [getattr(record, "status_code", record) for record in records] == [200] * 4
    starts = sorted(server.starts[f"/page/wait-{mode}-{n}"][0] for n in range(4))
    assert starts[-1] - starts[0] >= 0.85


def test_per_host_concurrency_never_exceeds_the_limit(pipeline: Pipeline) -> None:
    hosts = [FixtureServer("127.0.0.1"), FixtureServer("127.0.0.2")]
    try:
        urls = [host.url(f"/slow/{n}") for n in range(6) for host in hosts]
        started = time.monotonic()
        with Fetcher(pipeline=pipeline, **{**FAST, "concurrency": 8, "per_host_concurrency": 2}) as fetcher:
            records = list(fetcher.get_many(urls))
        elapsed = time.monotonic() - started
        assert [record.url for record in records] == urls  # type: ignore[union-attr]
        assert [host.max_in_flight for host in hosts] == [2, 2]
        # 6 slow pages per host, 2 at a time, 0.3 s each: about 0.9 s, with both hosts served in parallel.
        assert elapsed < 2.5, elapsed
    finally:
        for host in hosts:
            host.close()


# -- safety -------------------------------------------------------------------------------------------------------


def test_private_addresses_are_refused_by_default(server: FixtureServer) -> None:
    before = server.hits["/article"]
    records = list(newsclean.fetch_many([server.url("/article"), "http://localhost:9/", "ftp://example.org/x"]))
    assert [(r.error, r.position) for r in records if isinstance(r, Failure)] == [
        ("private_address", "0"),
        ("private_address", "1"),
        ("scheme", "2"),
    ]
    assert server.hits["/article"] == before
    with pytest.raises(FetchError) as raised:
        newsclean.fetch(server.url("/article"))
    assert raised.value.reason == "private_address"


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://[fe80::1]/",
        "http://printer.localhost/",
    ],
)
def test_non_public_addresses_are_classified_as_private(url: str) -> None:
    with pytest.raises(FetchError) as raised:
        check_url(httpx.URL(url), allow_private=False)
    assert raised.value.reason == "private_address"


class RebindingResolver:
    """A DNS answer that changes: a public address for the first lookup of a name, loopback after that."""

    PUBLIC = "93.184.216.34"

    def __init__(self, host: str, real: object) -> None:
        self.host, self.real, self.lookups = host, real, 0

    def __call__(self, host: object, port: object, *args: object, **kwargs: object) -> object:
        name = host.decode("ascii") if isinstance(host, bytes) else host  # anyio passes IDNA-encoded bytes
        if name != self.host:
            return self.real(host, port, *args, **kwargs)  # type: ignore[operator]
        self.lookups += 1
        address = self.PUBLIC if self.lookups == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_dns_rebinding_after_the_check_is_refused_at_connect(
    server: FixtureServer, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    resolver = RebindingResolver("rebind.test", socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    url = f"http://rebind.test:{server.port}/article"
    options = {**FAST, "allow_private_addresses": False, "respect_robots": False, "retries": 0}
    before = server.hits["/article"]
    if mode == "sync":
        [record] = list(newsclean.fetch_many([url], **options))
    else:

        async def fetch_one() -> list[Article | Failure]:
            async with newsclean.AsyncFetcher(**options) as fetcher:
                return [record async for record in fetcher.fetch_many([url])]

        [record] = asyncio.run(fetch_one())
    assert isinstance(record, Failure)
    assert record.error == "private_address"
    assert "127.0.0.1" in record.message
    assert resolver.lookups == 2  # the check saw the public answer; the connection looked again and refused
    assert server.hits["/article"] == before


def test_public_address_literal_passes_the_check() -> None:
    check_url(httpx.URL("http://93.184.216.34/"), allow_private=False)


# -- archives, cache, order, async -------------------------------------------------------------------------------


def test_warc_reads_back_and_recleans_to_the_same_articles(
    tmp_path: Path, pipeline: Pipeline, server: FixtureServer
) -> None:
    warc = tmp_path / "fetch.warc.gz"
    urls = [server.url(path) for path in ("/article", "/encoded/gzip", "/meta-charset", "/redirect/1")]
    with Fetcher(pipeline=pipeline, warc=warc, **FAST) as fetcher:
        fetched = list(fetcher.fetch_many(urls))
    assert all(isinstance(record, Article) for record in fetched)
    replayed: dict[str, list[FetchResult]] = {}
    for result in iter_warc(warc):
        replayed.setdefault(result.final_url, []).append(result)
    # Records are written as responses complete (any order): 4 responses of 3 distinct pages ("/article" directly
    # and at the end of the redirect, each with its own fetch time), plus 2 redirect hops.
    assert sorted(replayed) == sorted(server.url(p) for p in ("/article", "/encoded/gzip", "/meta-charset"))
    assert sum(map(len, replayed.values())) == 4
    assert len(list(iter_warc(warc, include_redirects=True))) == 6
    recleaned = []
    for article in fetched:
        assert isinstance(article, Article) and article.url is not None and article.fetched_at is not None
        # the WARC-Date is the fetch time: one of the page's records has this article's
        result = next(result for result in replayed[article.url] if result.fetched_at == article.fetched_at)
        recleaned.append(
            pipeline.clean_html(
                result.content,
                url=result.final_url,
                headers=result.headers,
                source_id=article.source_id,
                fetched_at=result.fetched_at,
            )
        )
    assert recleaned == fetched


def test_cache_revalidates_with_etag(tmp_path: Path, pipeline: Pipeline, server: FixtureServer) -> None:
    with Fetcher(pipeline=pipeline, cache_dir=tmp_path / "cache", **FAST) as fetcher:
        first = fetcher.get(server.url("/etag"))
        second = fetcher.get(server.url("/etag"))
    assert not first.from_cache and second.from_cache
    assert second.content == first.content == ARTICLE
    assert server.hits["/etag"] == 2 and server.hits["/etag:304"] == 1


def test_async_fetch_many_matches_sync_in_input_order(pipeline: Pipeline, server: FixtureServer) -> None:
    urls = [server.url(p) for p in ("/slow/a1", "/missing", "/article", "/pdf", "/encoded/br", "/slow/a2")]

    async def collect() -> list[Article | Failure]:
        return [record async for record in newsclean.afetch_many(urls, pipeline=pipeline, **FAST)]

    asynchronous = asyncio.run(collect())
    synchronous = list(newsclean.fetch_many(urls, pipeline=pipeline, **FAST))
    assert all(r.fetched_at is not None for r in [*asynchronous, *synchronous] if isinstance(r, Article))
    assert _without_fetch_times(asynchronous) == _without_fetch_times(synchronous)  # fetched a moment apart
    kinds = [r.error if isinstance(r, Failure) else "article" for r in asynchronous]
    assert kinds == ["article", "status", "article", "content_type", "article", "article"]


def test_async_failures_match_sync_reasons(pipeline: Pipeline, server: FixtureServer) -> None:
    urls = [server.url(p) for p in ("/stall", "/reset", "/loop/a", "/bomb/gzip", "/challenge", "/private/article")]
    options = {**FAST, "retries": 0, "max_bytes": 1024 * 1024}

    async def collect() -> list[Article | Failure]:
        return [record async for record in newsclean.afetch_many(urls, pipeline=pipeline, **options)]

    started = time.monotonic()
    records = asyncio.run(collect())
    assert time.monotonic() - started < 3.0
    assert [r.error for r in records if isinstance(r, Failure)] == [
        "timeout",
        "connection",
        "redirects",
        "too_large",
        "challenge",
        "robots",
    ]


def test_bad_urls_become_failures_in_place(fetcher: Fetcher, server: FixtureServer) -> None:
    records = list(fetcher.fetch_many(["", "http://", server.url("/article")]))
    assert [r.error if isinstance(r, Failure) else "article" for r in records] == [
        "invalid_url",
        "invalid_url",
        "article",
    ]


# -- discovery and the CLI ----------------------------------------------------------------------------------------


def test_feed_and_sitemap_expand_to_article_urls(server: FixtureServer) -> None:
    from_feed = list(discover_urls(feeds=(server.url("/feed.xml"),), **FAST))
    assert from_feed == [server.url("/page/a"), server.url("/page/b")]
    from_sitemap = list(discover_urls(sitemaps=(server.url("/sitemap-index.xml"),), **FAST))
    assert from_sitemap == [server.url("/page/c"), server.url("/page/d")]


def test_a_followed_meta_refresh_stub_is_a_hop_in_the_warc(
    tmp_path: Path, pipeline: Pipeline, server: FixtureServer
) -> None:
    warc = tmp_path / "refresh.warc.gz"
    with Fetcher(pipeline=pipeline, warc=warc, **FAST) as fetcher:
        article = fetcher.fetch(server.url("/refresh/stub"))
    assert article.paragraphs == tuple(PARAGRAPHS)
    assert [result.final_url for result in iter_warc(warc)] == [server.url("/article")]
    everything = [result.final_url for result in iter_warc(warc, include_redirects=True)]
    assert everything == [server.url("/refresh/stub"), server.url("/article")]


def test_cli_fetch_writes_articles_warc_and_summary(tmp_path: Path, server: FixtureServer) -> None:
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text(f"{server.url('/article')}\n\n# a comment\n{server.url('/missing')}\n")
    out = tmp_path / "articles.jsonl"
    warc = tmp_path / "out.warc.gz"
    result = CliRunner().invoke(
        main,
        [
            "fetch",
            "-i",
            str(urls_file),
            "--feed",
            server.url("/feed.xml"),
            "-o",
            str(out),
            "--warc",
            str(warc),
            "--allow-private",
            "--timeout",
            "2",
            "--retries",
            "0",
            "--strict",
        ],
    )
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [record.get("error", "article") for record in records] == ["article", "status", "article", "article"]
    assert records[0]["paragraphs"] == PARAGRAPHS
    assert "fetched 3" in result.stderr and "status: 1" in result.stderr and "pages/s" in result.stderr
    with gzip.open(warc) as stream:
        assert b"WARC/1" in stream.read(64)


def test_cli_fetch_reads_a_url_list_with_a_bom_and_a_line_that_is_not_utf8(
    tmp_path: Path, server: FixtureServer
) -> None:
    # Such a list raised UnicodeDecodeError out of the command, and the BOM made the first URL invalid.
    urls_file = tmp_path / "urls.txt"
    urls_file.write_bytes(codecs.BOM_UTF8 + f"{server.url('/article')}\r\n{server.url('/caf')}\xe9\n".encode("latin-1"))
    out = tmp_path / "articles.jsonl"
    arguments = ["fetch", "-i", str(urls_file), "-o", str(out), "--allow-private", "--retries", "0"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [record["source_id"] for record in records] == [server.url("/article"), server.url("/caf%E9")]
    assert records[0]["paragraphs"] == PARAGRAPHS


def test_cli_fetch_reads_a_url_list_in_utf16_and_refuses_one_cut_short(tmp_path: Path, server: FixtureServer) -> None:
    # PowerShell 5 writes UTF-16 with `>`: every URL was a run of NUL-separated bytes, each a failed fetch.
    urls_file = tmp_path / "urls.txt"
    urls_file.write_bytes(f"{server.url('/article')}\r\n# a comment\r\n{server.url('/page/2')}\r\n".encode("utf-16"))
    out = tmp_path / "articles.jsonl"
    arguments = ["fetch", "-i", str(urls_file), "-o", str(out), "--allow-private", "--retries", "0"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [record["source_id"] for record in records] == [server.url("/article"), server.url("/page/2")]
    assert all(record["paragraphs"] == PARAGRAPHS for record in records)

    urls_file.write_bytes(urls_file.read_bytes()[:-1])
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1 and "cannot be read as a list of URLs" in result.output


def test_cli_fetch_without_urls_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 2


def _without_fetch_times(records: list[Article | Failure]) -> list[Article | Failure]:
    return [msgspec.structs.replace(r, fetched_at=None) if isinstance(r, Article) else r for r in records]


def test_cli_fetch_follows_a_meta_refresh_unless_told_not_to(tmp_path: Path, server: FixtureServer) -> None:
    out = tmp_path / "articles.jsonl"
    stub = server.url("/refresh/stub")
    for flags, paragraphs in (([], PARAGRAPHS), (["--no-meta-refresh"], [])):
        arguments = ["fetch", stub, "-o", str(out), "--allow-private", "--timeout", "2", *flags]
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 0, result.output
        (record,) = [json.loads(line) for line in out.read_text().splitlines()]
        assert record["paragraphs"] == paragraphs
