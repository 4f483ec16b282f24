"""The sync fetcher over ``httpx.Client``: fetches in a thread pool, cleans in the caller's thread, in order."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from types import TracebackType

import httpx
import tenacity

from .._exceptions import FetchError
from .._models import Article, Failure
from .._pipeline import Pipeline
from ._cache import ResponseCache
from ._deadline import Batch, Deadline, bound_by_deadlines, bounded_by, current_deadline
from ._flow import (
    SEND_ERRORS,
    client_arguments,
    fetch_failure,
    map_http_error,
    parse_url,
    send_error,
    shard_count,
    shard_of,
    tls_context,
)
from ._options import FetchOptions, make_options
from ._pinning import pin_addresses
from ._politeness import HostLimiter
from ._result import FetchResult
from ._retry import retry_arguments
from ._robots import (
    BODY_CUT_SHORT,
    ROBOTS_ERRORS,
    ROBOTS_REDIRECTS,
    RobotsCache,
    RobotsPolicy,
    RobotsResponse,
    failure_of_the_page,
    origin_of,
    robots_failure,
    robots_url,
)
from ._safety import check_url
from ._steps import FetchSteps
from ._warc import WarcArchive


class Fetcher(FetchSteps):
    """Fetches pages politely and hands their bytes to the cleaning pipeline. Reuse one for many URLs.

    >>> with Fetcher(per_host_concurrency=1, min_delay=1.0) as fetcher:  # doctest: +SKIP
    ...     for record in fetcher.fetch_many(urls):
    ...         ...

    Every option of ``FetchOptions`` is a keyword argument. ``get`` returns the raw ``FetchResult``;
    ``fetch`` cleans it into an ``Article``; both raise ``FetchError`` with a ``reason`` code.
    """

    def __init__(
        self, options: FetchOptions | None = None, /, *, pipeline: Pipeline | None = None, **overrides: object
    ) -> None:
        self.options = make_options(options, **overrides)
        self.pipeline = pipeline or Pipeline()
        tls = tls_context(self.options)
        self._clients = [
            httpx.Client(**client_arguments(self.options, tls))  # type: ignore[arg-type]
            for _ in range(shard_count(self.options))
        ]
        for client in self._clients:
            if not self.options.allow_private_addresses:
                pin_addresses(client)
            bound_by_deadlines(client)  # above the pinning: it bounds the whole connect
        self._hosts = HostLimiter(self.options.per_host_concurrency)
        self._robots = RobotsCache()
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_guard = threading.Lock()
        self._warc = WarcArchive(self.options.warc) if self.options.warc else None
        self._cache = ResponseCache(self.options.cache_dir) if self.options.cache_dir else None

    # -- lifecycle --------------------------------------------------------------------------------------------

    def close(self) -> None:
        for client in self._clients:
            client.close()
        if self._warc is not None:
            self._warc.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.close()

    # -- one URL ----------------------------------------------------------------------------------------------

    def get(self, url: str) -> FetchResult:
        """Fetch one URL (with retries) and return its bytes and metadata. Raises ``FetchError``."""
        return self._get(url, None)

    def _get(self, url: str, batch: Batch | None) -> FetchResult:
        target = parse_url(url)
        started = time.monotonic()
        attempts = 0
        retrying = retry_arguments(self.options)
        if batch is not None:  # a closed batch starts no attempt and sleeps no backoff out
            retrying["stop"] |= tenacity.stop_when_event_set(batch.cancelled)
            retrying["sleep"] = batch.cancelled.wait
        for attempt in tenacity.Retrying(**retrying):
            with attempt:
                if batch is not None and batch.cancelled.is_set():
                    raise FetchError("not fetched: the batch was closed", url=url, reason="cancelled")
                attempts += 1
                with bounded_by(Deadline(self.options.total_timeout, batch)) as deadline:
                    result = self._attempt(target, url, deadline)
        timings = {**result.timings, "total": round(time.monotonic() - started, 6)}
        import msgspec

        return msgspec.structs.replace(result, attempts=attempts, timings=timings)

    def fetch(self, url: str) -> Article:
        """Fetch and clean one URL. Raises ``FetchError`` or the cleaning stage's ``NewscleanError``."""
        result = self.get(url)
        return self.pipeline.clean_html(
            result.content, url=result.final_url, headers=result.headers, source_id=url, fetched_at=result.fetched_at
        )

    # -- many URLs --------------------------------------------------------------------------------------------

    def get_many(self, urls: Iterable[str]) -> Generator[FetchResult | Failure, None, None]:
        """Fetch URLs concurrently; yields one record per URL **in input order**, a ``Failure`` for failures."""
        with closing(self._ordered(urls)) as ordered:  # closing this closes that: the batch stops at once
            for index, url, outcome in ordered:
                yield outcome if isinstance(outcome, FetchResult) else fetch_failure(url, index, outcome)

    def fetch_many(self, urls: Iterable[str]) -> Generator[Article | Failure, None, None]:
        """Fetch URLs concurrently and clean them in this thread; yields ``Article | Failure`` in input order."""
        with closing(self._ordered(urls)) as ordered:  # closing this closes that: the batch stops at once
            for index, url, outcome in ordered:
                if not isinstance(outcome, FetchResult):
                    yield fetch_failure(url, index, outcome)
                    continue
                try:
                    article = self.pipeline.clean_html(
                        outcome.content,
                        url=outcome.final_url,
                        headers=outcome.headers,
                        source_id=url,
                        fetched_at=outcome.fetched_at,
                    )
                except Exception as exc:  # one bad page never stops a batch
                    yield fetch_failure(url, index, exc)
                else:
                    yield article

    def _ordered(self, urls: Iterable[str]) -> Generator[tuple[int, str, FetchResult | Exception], None, None]:
        window = max(4 * self.options.concurrency, 16)
        pending: deque[tuple[int, str, Future[FetchResult]]] = deque()
        batch = Batch()
        with ThreadPoolExecutor(self.options.concurrency, thread_name_prefix="newsclean-fetch") as pool:
            try:
                for index, url in enumerate(urls):
                    pending.append((index, url, pool.submit(self._get, url, batch)))
                    if len(pending) >= window:
                        yield _settle(*pending.popleft())
                while pending:
                    yield _settle(*pending.popleft())
            finally:
                # Closed early (Ctrl-C, a ``break``): nobody will read the rest, so the pool's exit must not wait
                # for their reads to time out and their retries to run out.
                for _, _, future in pending:
                    future.cancel()
                batch.cancel()

    # -- internals --------------------------------------------------------------------------------------------

    def _attempt(self, target: httpx.URL, requested: str, deadline: Deadline) -> FetchResult:
        """One attempt; this thread's sockets are bounded by ``deadline`` (robots.txt, every hop, the body)."""
        options = self.options
        attempt = self._begin(target, requested)
        while True:
            current = attempt.current
            check_url(current, allow_private=options.allow_private_addresses, deadline=deadline)
            policy = None
            if options.respect_robots:
                robots_started = time.monotonic()
                try:
                    policy = self._robots_for(current)
                except FetchError as exc:
                    raise failure_of_the_page(exc, current) from exc
                attempt.robots_seconds += time.monotonic() - robots_started
            delay = self._host_delay(policy, current)
            client = self._client_for(current)
            request = client.build_request(
                "GET", current, headers=self._conditional_headers(attempt), cookies=attempt.jar
            )
            wait_started = time.monotonic()
            with self._hosts.slot(current.host, delay, deadline.batch.cancelled if deadline.batch else None):
                # Waiting our turn for a polite host is not the server's time: it does not count.
                slot_wait = time.monotonic() - wait_started
                attempt.waited += slot_wait
                deadline.extend(slot_wait)
                try:
                    response = client.send(request, stream=True)
                except SEND_ERRORS as exc:
                    raise send_error(exc, current) from exc
                try:
                    head = self._on_head(response, attempt)
                    if head is None:
                        continue
                    if isinstance(head, FetchResult):
                        return self._timed(head, attempt)
                    reader, sniff = head
                    try:
                        for chunk in response.iter_raw():
                            reader.feed(chunk)
                            if deadline.remaining() <= 0:
                                raise FetchError(f"{deadline.reason()} while reading", url=requested, reason="timeout")
                    except (httpx.HTTPError, OSError) as exc:
                        raise map_http_error(exc, current) from exc
                    result = self._on_body(response, attempt, reader, sniff)
                    if result is not None:
                        return self._timed(result, attempt)
                finally:
                    response.close()

    def _client_for(self, url: httpx.URL) -> httpx.Client:
        return self._clients[shard_of(url.host, len(self._clients))]

    def _robots_for(self, url: httpx.URL) -> RobotsPolicy:
        origin = origin_of(url)
        policy = self._robots.get(origin)
        if policy is not None:
            return policy
        with self._robots_guard:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch of robots.txt per origin, however many threads want it
            policy = self._robots.get(origin)
            if policy is None:
                policy = self._fetch_robots(url)
                self._robots.put(origin, policy)
        with self._robots_guard:
            self._robots_locks.pop(origin, None)
        return policy

    def _fetch_robots(self, url: httpx.URL) -> RobotsPolicy:
        """The policy of ``url``'s origin, bounded by this thread's deadline like the rest of the attempt."""
        location = robots_url(url)
        # robots.txt may redirect (http -> https, www.): follow a few hops, each checked for safety.
        for _ in range(ROBOTS_REDIRECTS + 1):
            try:
                check_url(location, allow_private=self.options.allow_private_addresses, deadline=current_deadline())
                with self._client_for(location).stream("GET", location) as response:
                    robots = RobotsResponse(response, location)
                    if robots.redirect is None:
                        if robots.reader is not None:
                            with contextlib.suppress(BODY_CUT_SHORT):
                                for chunk in response.iter_raw():
                                    if not robots.feed(chunk):
                                        break
                        return robots.policy()
            except ROBOTS_ERRORS as exc:
                return robots_failure(exc, location)
            location = robots.redirect
        return RobotsPolicy(verdict=True)  # more redirects than RFC 9309 asks us to follow: unavailable


def _settle(index: int, url: str, future: Future[FetchResult]) -> tuple[int, str, FetchResult | Exception]:
    try:
        return index, url, future.result()
    except Exception as exc:
        return index, url, exc


def fetch(url: str, *, pipeline: Pipeline | None = None, **options: object) -> Article:
    """Fetch one URL and clean it into an ``Article``. Options are ``FetchOptions`` fields as keywords.

    Raises ``FetchError`` (with ``reason`` such as ``"timeout"``, ``"status"``, ``"robots"``) or the cleaning
    stage's ``NewscleanError``.
    """
    with Fetcher(pipeline=pipeline, **options) as fetcher:
        return fetcher.fetch(url)


def fetch_many(
    urls: Iterable[str], *, pipeline: Pipeline | None = None, **options: object
) -> Iterator[Article | Failure]:
    """Fetch and clean many URLs concurrently; yields exactly one ``Article | Failure`` per URL, in input order."""
    with Fetcher(pipeline=pipeline, **options) as fetcher:
        yield from fetcher.fetch_many(urls)
