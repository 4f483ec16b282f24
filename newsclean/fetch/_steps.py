"""The steps of one fetch attempt that wait on nothing, shared by ``Fetcher`` and ``AsyncFetcher``.

The two differ only in how they wait (threads or an event loop) for robots.txt, a host's turn and the bytes; what
they decide between the waits is here once: whether robots.txt allows the URL and how long to keep off the host,
what to ask, where a response sends the fetch next, and what a body becomes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
import msgspec

from .._exceptions import FetchError
from ._body import BodyReader
from ._cache import CacheEntry, ResponseCache
from ._flow import begin_body, fetch_moment, finish_result, from_cache, redirect_target, refresh_target
from ._options import FetchOptions
from ._result import FetchResult, flatten_headers
from ._robots import RobotsPolicy
from ._warc import WarcArchive


@dataclass
class Attempt:
    """One attempt at a URL, across its hops (redirects, meta refreshes)."""

    requested: str
    current: httpx.URL
    cached: tuple[CacheEntry, Path] | None
    started: float = field(default_factory=time.monotonic)
    jar: httpx.Cookies = field(default_factory=httpx.Cookies)
    chain: list[str] = field(default_factory=list)
    waited: float = 0.0  # for a polite host's turn, which is not the server's time
    robots_seconds: float = 0.0


class FetchSteps:
    """What ``Fetcher`` and ``AsyncFetcher`` decide between their waits."""

    options: FetchOptions
    _warc: WarcArchive | None
    _cache: ResponseCache | None

    def _begin(self, target: httpx.URL, requested: str) -> Attempt:
        return Attempt(requested, target, self._cache.load(requested) if self._cache else None)

    def _host_delay(self, policy: RobotsPolicy | None, url: httpx.URL) -> float:
        """Seconds to keep between requests to ``url``'s host; raises ``FetchError`` when robots.txt (``policy``,
        None when it is not consulted) disallows ``url``."""
        options = self.options
        if policy is None:
            return options.min_delay
        if not policy.allows(str(url), options.robots_agent):
            message = policy.why or f"disallowed by robots.txt for {options.robots_agent!r}"
            raise FetchError(message, url=str(url), reason="robots")
        return max(options.min_delay, min(policy.crawl_delay(options.robots_agent), options.max_crawl_delay))

    def _conditional_headers(self, attempt: Attempt) -> dict[str, str]:
        """The revalidation headers (``If-None-Match``, ``If-Modified-Since``) when the cache holds this URL."""
        cached = attempt.cached
        if cached and self._cache and str(attempt.current) == cached[0].final_url:
            return self._cache.conditional_headers(cached[0])
        return {}

    def _on_head(self, response: httpx.Response, attempt: Attempt) -> FetchResult | tuple[BodyReader, bool] | None:
        """What a response's head decides: None when it redirects (``attempt.current`` is the next hop), the
        cached result on a 304, else a reader for its body and whether its type must be sniffed."""
        attempt.jar.extract_cookies(response)
        following = redirect_target(response, attempt.current, attempt.chain, self.options)
        if following is not None:
            self._archive(response, attempt.current, b"", fetch_moment())
            attempt.current = following
            return None
        if response.status_code == 304 and attempt.cached is not None:
            entry, body = attempt.cached
            result = from_cache(entry, body.read_bytes(), requested=attempt.requested, chain=attempt.chain)
            if self._warc is not None:
                # The page this fetch gave is the stored one: archive it (so the WARC holds every page of the run,
                # and re-cleans to the same Article), marked as confirmed by a 304 rather than sent again.
                self._warc.write(
                    url=entry.final_url,
                    status=entry.status_code,
                    headers=entry.headers,
                    body=result.content,
                    http_version=entry.http_version,
                    fetched_at=result.fetched_at or fetch_moment(),
                    revalidated=True,
                )
            return result
        return begin_body(response, attempt.requested, self.options)

    def _on_body(
        self, response: httpx.Response, attempt: Attempt, reader: BodyReader, sniff: bool
    ) -> FetchResult | None:
        """The result, stored in the cache; or None when the body is a meta refresh stub (``attempt.current`` is
        the page it sends its reader to, as a browser would go)."""
        body = reader.finish()
        fetched_at = fetch_moment()
        self._archive(response, attempt.current, body, fetched_at)
        following = refresh_target(body, attempt.current, attempt.chain, self.options)
        if following is not None:
            attempt.current = following
            return None
        result = finish_result(
            response,
            requested=attempt.requested,
            final=attempt.current,
            body=body,
            wire_bytes=reader.raw_bytes,
            sniff=sniff,
            chain=attempt.chain,
            options=self.options,
            fetched_at=fetched_at,
        )
        if self._cache is not None:
            self._cache.store(result)
        return result

    @staticmethod
    def _timed(result: FetchResult, attempt: Attempt) -> FetchResult:
        request = time.monotonic() - attempt.started - attempt.waited - attempt.robots_seconds
        timings = {
            "wait": round(attempt.waited, 6),
            "robots": round(attempt.robots_seconds, 6),
            "request": round(request, 6),
        }
        return msgspec.structs.replace(result, timings=timings)

    def _archive(self, response: httpx.Response, url: httpx.URL, body: bytes, fetched_at: datetime) -> None:
        if self._warc is not None:
            self._warc.write(
                url=str(url),
                status=response.status_code,
                headers=flatten_headers(response.headers),
                body=body,
                http_version=response.http_version,
                fetched_at=fetched_at,
            )
