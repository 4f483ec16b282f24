"""robots.txt: parsed with protego, cached per origin (scheme, host, port), following RFC 9309.

A missing robots.txt (4xx) allows everything; a server error (5xx) disallows everything for that origin,
as the RFC asks, since the site may be overloaded.
"""

from __future__ import annotations

from collections import OrderedDict

import httpx
from protego import Protego

from ._body import BodyReader

_MAX_ORIGINS = 4096
_MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks parsers to read at least 500 KiB


class RobotsPolicy:
    """What one origin's robots.txt allows."""

    __slots__ = ("_parser", "_verdict")

    def __init__(self, parser: Protego | None = None, *, verdict: bool | None = None) -> None:
        self._parser = parser
        self._verdict = verdict

    @classmethod
    def from_response(cls, status: int, body: bytes) -> RobotsPolicy:
        if 200 <= status < 300:
            text = body[:_MAX_ROBOTS_BYTES].decode("utf-8", "replace")
            return cls(Protego.parse(text))
        if 500 <= status < 600:
            return cls(verdict=False)
        return cls(verdict=True)

    def allows(self, url: str, agent: str) -> bool:
        if self._parser is None:
            return self._verdict is not False
        return bool(self._parser.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float:
        if self._parser is None:
            return 0.0
        delay = self._parser.crawl_delay(agent)
        return float(delay) if delay else 0.0


def robots_reader(response: httpx.Response, url: httpx.URL) -> BodyReader:
    """A body reader that keeps the first 512 KiB of a robots.txt (RFC 9309 lets parsers stop there)."""
    return BodyReader(response.headers.get("content-encoding"), max_bytes=_MAX_ROBOTS_BYTES, url=str(url))


def origin_of(url: httpx.URL) -> str:
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"{url.scheme}://{url.host}:{port}"


def robots_url(url: httpx.URL) -> httpx.URL:
    return url.copy_with(path="/robots.txt", query=None, fragment=None)


class RobotsCache:
    """A bounded LRU of policies by origin."""

    def __init__(self) -> None:
        self._policies: OrderedDict[str, RobotsPolicy] = OrderedDict()

    def get(self, origin: str) -> RobotsPolicy | None:
        policy = self._policies.get(origin)
        if policy is not None:
            self._policies.move_to_end(origin)
        return policy

    def put(self, origin: str, policy: RobotsPolicy) -> None:
        self._policies[origin] = policy
        self._policies.move_to_end(origin)
        while len(self._policies) > _MAX_ORIGINS:
            self._policies.popitem(last=False)
