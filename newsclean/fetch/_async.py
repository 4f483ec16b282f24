"""The async fetcher over ``httpx.AsyncClient``: one event loop, cleaning in a worker thread, input order."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType

import httpx
import msgspec
import tenacity

from .._exceptions import FetchError
from .._models import Article, Failure
from .._pipeline import Pipeline
from ._cache import ResponseCache
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
from ._politeness import AsyncHostLimiter
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
from ._safety import acheck_url
from ._steps import FetchSteps
from ._warc import WarcArchive


class AsyncFetcher(FetchSteps):
    """The async twin of ``Fetcher``: same options, same records, same order.

    Cleaning is CPU work; it runs in one worker thread so the event loop keeps fetching meanwhile.
    """

    def __init__(
        self, options: FetchOptions | None = None, /, *, pipeline: Pipeline | None = None, **overrides: object
    ) -> None:
        self.options = make_options(options, **overrides)
        self.pipeline = pipeline or Pipeline()
        tls = tls_context(self.options)
        self._clients = [
            httpx.AsyncClient(**client_arguments(self.options, tls))  # type: ignore[arg-type]
            for _ in range(shard_count(self.options))
        ]
        if not self.options.allow_private_addresses:
            for client in self._clients:
                pin_addresses(client)
        self._hosts = AsyncHostLimiter(self.options.per_host_concurrency)
        self._slots = asyncio.Semaphore(self.options.concurrency)
        self._robots = RobotsCache()
        self._robots_pending: dict[str, asyncio.Future[RobotsPolicy]] = {}
        self._warc = WarcArchive(self.options.warc) if self.options.warc else None
        self._cache = ResponseCache(self.options.cache_dir) if self.options.cache_dir else None
        self._cleaner = ThreadPoolExecutor(1, thread_name_prefix="newsclean-clean")

    async def aclose(self) -> None:
        for client in self._clients:
            await client.aclose()
        self._cleaner.shutdown(wait=True)
        if self._warc is not None:
            self._warc.close()

    async def __aenter__(self) -> AsyncFetcher:
        return self

    async def __aexit__(self, *exc: object | TracebackType) -> None:
        await self.aclose()

    # -- one URL ----------------------------------------------------------------------------------------------

    async def get(self, url: str) -> FetchResult:
        target = parse_url(url)
        started = time.monotonic()
        attempts = 0
        async for attempt in tenacity.AsyncRetrying(**retry_arguments(self.options)):
            with attempt:
                attempts += 1
                waiting_for: list[str] = []
                try:
                    async with asyncio.timeout(self.options.total_timeout) as budget:
                        result = await self._attempt(target, url, budget, waiting_for)
                except TimeoutError as exc:
                    # Worded as the sync fetcher words it (its deadline cuts the lookup or the robots.txt read
                    # itself): a name that does not resolve, or robots.txt, is not the page being slow.
                    message = "".join(waiting_for) + self._timed_out()
                    raise FetchError(message, url=url, reason="timeout") from exc
        timings = {**result.timings, "total": round(time.monotonic() - started, 6)}
        return msgspec.structs.replace(result, attempts=attempts, timings=timings)

    def _timed_out(self) -> str:
        """What a timeout says: the sync fetcher's words (``Deadline.reason``), so both give the same record."""
        return f"total_timeout={self.options.total_timeout:g}s passed"

    async def fetch(self, url: str) -> Article:
        result = await self.get(url)
        return await self._clean(result, url)

    async def _clean(self, result: FetchResult, url: str) -> Article:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._cleaner,
            lambda: self.pipeline.clean_html(
                result.content,
                url=result.final_url,
                headers=result.headers,
                source_id=url,
                fetched_at=result.fetched_at,
            ),
        )

    # -- many URLs --------------------------------------------------------------------------------------------

    async def get_many(self, urls: Iterable[str] | AsyncIterable[str]) -> AsyncIterator[FetchResult | Failure]:
        """Fetch URLs concurrently; one record per URL, **in input order**."""
        async for index, url, outcome in self._ordered(urls, clean=False):
            if isinstance(outcome, Exception):
                yield fetch_failure(url, index, outcome)
            elif isinstance(outcome, FetchResult):
                yield outcome

    async def fetch_many(self, urls: Iterable[str] | AsyncIterable[str]) -> AsyncIterator[Article | Failure]:
        """Fetch and clean URLs concurrently; one ``Article | Failure`` per URL, **in input order**."""
        async for index, url, outcome in self._ordered(urls, clean=True):
            if isinstance(outcome, Exception):
                yield fetch_failure(url, index, outcome)
            elif isinstance(outcome, Article):
                yield outcome

    async def _one(self, url: str, clean: bool) -> FetchResult | Article:
        async with self._slots:
            result = await self.get(url)
        return await self._clean(result, url) if clean else result

    async def _ordered(
        self, urls: Iterable[str] | AsyncIterable[str], *, clean: bool
    ) -> AsyncIterator[tuple[int, str, FetchResult | Article | Exception]]:
        window = max(4 * self.options.concurrency, 16)
        pending: deque[tuple[int, str, asyncio.Task[FetchResult | Article]]] = deque()

        async def settle() -> tuple[int, str, FetchResult | Article | Exception]:
            index, url, task = pending.popleft()
            try:
                return index, url, await task
            except Exception as exc:
                return index, url, exc
            except asyncio.CancelledError:
                current = asyncio.current_task()
                if not task.cancelled() or (current is not None and current.cancelling()):
                    raise  # we are being cancelled: so be it
                # Only that URL's task was cancelled (not by us): it still gets its record.
                return index, url, FetchError("the fetch was cancelled", url=url, reason="cancelled")

        try:
            index = 0
            async for url in _aiter(urls):
                pending.append((index, url, asyncio.ensure_future(self._one(url, clean))))
                index += 1
                if len(pending) >= window:
                    yield await settle()
            while pending:
                yield await settle()
        finally:
            for _, _, task in pending:
                task.cancel()

    # -- internals --------------------------------------------------------------------------------------------

    async def _attempt(
        self, target: httpx.URL, requested: str, budget: asyncio.Timeout, waiting_for: list[str]
    ) -> FetchResult:
        """One attempt within ``budget``. ``waiting_for`` says what it waits for while that is not the page itself (a
        name lookup, robots.txt): how a timeout there begins its message."""
        options = self.options
        attempt = self._begin(target, requested)
        while True:
            current = attempt.current
            waiting_for.append(f"looking up {current.host!r}: ")
            await acheck_url(current, allow_private=options.allow_private_addresses)
            waiting_for.clear()
            policy = None
            if options.respect_robots:
                robots_started = time.monotonic()
                waiting_for.append(f"robots.txt could not be fetched ({robots_url(current)}): ")
                try:
                    policy = await self._robots_for(current)
                except FetchError as exc:
                    raise failure_of_the_page(exc, current) from exc
                waiting_for.clear()
                attempt.robots_seconds += time.monotonic() - robots_started
            delay = self._host_delay(policy, current)
            client = self._client_for(current)
            request = client.build_request(
                "GET", current, headers=self._conditional_headers(attempt), cookies=attempt.jar
            )
            # Waiting our turn for a polite host is not the server's time: the budget is paused meanwhile.
            loop = asyncio.get_running_loop()
            remaining = (budget.when() or loop.time()) - loop.time()
            budget.reschedule(None)
            wait_started = time.monotonic()
            async with self._hosts.slot(current.host, delay):
                attempt.waited += time.monotonic() - wait_started
                budget.reschedule(loop.time() + remaining)
                try:
                    response = await client.send(request, stream=True)
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
                        async for chunk in response.aiter_raw():
                            reader.feed(chunk)
                    except (httpx.HTTPError, OSError) as exc:
                        raise map_http_error(exc, current) from exc
                    result = self._on_body(response, attempt, reader, sniff)
                    if result is not None:
                        return self._timed(result, attempt)
                finally:
                    await response.aclose()

    def _client_for(self, url: httpx.URL) -> httpx.AsyncClient:
        return self._clients[shard_of(url.host, len(self._clients))]

    async def _robots_for(self, url: httpx.URL) -> RobotsPolicy:
        origin = origin_of(url)
        while True:
            policy = self._robots.get(origin)
            if policy is not None:
                return policy
            pending = self._robots_pending.get(origin)
            if pending is None:
                break
            try:  # another task is fetching it: share its answer
                return await asyncio.shield(pending)
            except _RobotsAbandoned:
                continue  # that task ran out of its own time: this one asks again, on its own budget
        future: asyncio.Future[RobotsPolicy] = asyncio.get_running_loop().create_future()
        self._robots_pending[origin] = future
        try:
            policy = await self._fetch_robots(url)
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: nobody else may be waiting
            raise
        except BaseException:
            # This task was cancelled (its total_timeout, or the batch closing): that is no answer about
            # robots.txt, and a CancelledError must not reach the tasks sharing the future.
            future.set_exception(_RobotsAbandoned())
            future.exception()
            raise
        finally:
            self._robots_pending.pop(origin, None)
        self._robots.put(origin, policy)
        future.set_result(policy)
        return policy

    async def _fetch_robots(self, url: httpx.URL) -> RobotsPolicy:
        location = robots_url(url)
        for _ in range(ROBOTS_REDIRECTS + 1):
            try:
                await acheck_url(location, allow_private=self.options.allow_private_addresses)
                async with self._client_for(location).stream("GET", location) as response:
                    robots = RobotsResponse(response, location)
                    if robots.redirect is None:
                        if robots.reader is not None:
                            with contextlib.suppress(BODY_CUT_SHORT):
                                async for chunk in response.aiter_raw():
                                    if not robots.feed(chunk):
                                        break
                        return robots.policy()
            except ROBOTS_ERRORS as exc:
                return robots_failure(exc, location)
            location = robots.redirect
        return RobotsPolicy(verdict=True)  # more redirects than RFC 9309 asks us to follow: unavailable


class _RobotsAbandoned(Exception):
    """Set on a shared robots.txt future when the task fetching it was cancelled before it had an answer."""


async def _aiter(urls: Iterable[str] | AsyncIterable[str]) -> AsyncIterator[str]:
    if isinstance(urls, AsyncIterable):
        async for url in urls:
            yield url
    else:
        for url in urls:
            yield url


async def afetch_many(
    urls: Iterable[str] | AsyncIterable[str], *, pipeline: Pipeline | None = None, **options: object
) -> AsyncIterator[Article | Failure]:
    """Async ``fetch_many``: one ``Article | Failure`` per URL, in input order."""
    async with AsyncFetcher(pipeline=pipeline, **options) as fetcher:
        async for record in fetcher.fetch_many(urls):
            yield record
