"""robots.txt: parsed with protego, cached per origin (scheme, host, port), following RFC 9309.

A missing robots.txt (4xx) allows everything; a server error (5xx) disallows everything for that origin,
as the RFC asks, since the site may be overloaded. A robots.txt that cannot be asked for (a redirect to something
that is no fetchable URL, more than five redirects) is unavailable, like a 4xx, and allows everything; one that
cannot be reached (DNS, connection, timeout) fails the page, with a message that says it was robots.txt.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict

import httpx
from protego import Protego

from .._exceptions import FetchError
from ._body import BodyReader
from ._flow import SEND_ERRORS, send_error, single_location

_MAX_ORIGINS = 4096
_MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks parsers to read at least 500 KiB
#: Redirects followed for robots.txt; past them it is unavailable (RFC 9309, 2.3.1.2).
ROBOTS_REDIRECTS = 5
# Failures that say robots.txt is out of reach (retried, then the page fails); every other failure to ask for it
# (an unusable redirect) makes it unavailable.
_UNREACHABLE = frozenset({"timeout", "connection", "dns"})


class RobotsPolicy:
    """What one origin's robots.txt allows."""

    __slots__ = ("_parser", "_verdict", "why")

    def __init__(self, parser: Protego | None = None, *, verdict: bool | None = None, why: str = "") -> None:
        self._parser = parser
        self._verdict = verdict
        #: Why every path is disallowed, when robots.txt could not be read (for the failure's message).
        self.why = why

    @classmethod
    def from_response(cls, status: int, body: bytes) -> RobotsPolicy:
        if 200 <= status < 300:
            # protego would keep a byte order mark as part of the first line, and lose the group that starts there.
            text = body[:_MAX_ROBOTS_BYTES].decode("utf-8", "replace").removeprefix("\ufeff")
            return cls(Protego.parse(text))
        if 500 <= status < 600:
            return cls(verdict=False, why=f"robots.txt answered HTTP {status}, so every path is disallowed (RFC 9309)")
        return cls(verdict=True)

    @classmethod
    def after_failure(cls, failure: FetchError, location: httpx.URL) -> RobotsPolicy:
        """The policy when asking for robots.txt at ``location`` failed: unavailable (allow all) when the failure
        is ours to make (an unusable redirect), else a ``FetchError`` naming robots.txt, with the same reason."""
        if failure.reason in _UNREACHABLE:
            raise FetchError(
                f"robots.txt could not be fetched ({location}): {failure.message}",
                url=str(location),
                reason=failure.reason,
            ) from failure
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


class RobotsResponse:
    """What one robots.txt response leads to, decided once for both fetchers: ``redirect``, where it sends us
    (``FetchError("redirects")`` for a Location that is no URL), else its body, fed chunk by chunk to ``reader``,
    and the ``policy`` it gives. The reader keeps the first 512 KiB (RFC 9309 lets parsers stop there); it is None
    for a Content-Encoding we cannot undo, and then nothing of it can be read: as if it were empty."""

    def __init__(self, response: httpx.Response, location: httpx.URL) -> None:
        self.status_code = response.status_code
        self.redirect = _redirect(response, location)
        self.reader: BodyReader | None = None
        if self.redirect is None:
            with contextlib.suppress(FetchError):
                self.reader = BodyReader(
                    response.headers.get("content-encoding"), max_bytes=_MAX_ROBOTS_BYTES, url=str(location)
                )

    def feed(self, chunk: bytes) -> bool:
        """Take the next chunk of the body; False when no more is wanted (it is too long, or corrupt: what could be
        read of it is what it says)."""
        if self.reader is None:
            return False
        try:
            self.reader.feed(chunk)
        except FetchError:
            return False
        return True

    def policy(self) -> RobotsPolicy:
        body = self.reader.finish(partial=True) if self.reader is not None else b""
        return RobotsPolicy.from_response(self.status_code, body)


def failure_of_the_page(failure: FetchError, page: httpx.URL) -> FetchError:
    """A failure to read robots.txt as the failure of ``page``, the URL that could not be fetched for it: its
    message names robots.txt. The policy is asked for once an origin, and its failure is shared by every page
    waiting on it, each of which is named in its own."""
    return FetchError(failure.message, url=str(page), reason=failure.reason, status_code=failure.status_code)


def robots_failure(exc: Exception, location: httpx.URL) -> RobotsPolicy:
    """The policy when asking for robots.txt at ``location`` raised ``exc`` (``FetchError`` or ``SEND_ERRORS``)."""
    failure = exc if isinstance(exc, FetchError) else send_error(exc, location)
    return RobotsPolicy.after_failure(failure, location)


#: What reading a robots.txt body raises when the server closes the connection before the end it announced
#: (Content-Length, the last chunk). The rules that arrived are still the site's rules, as for a body cut at
#: 512 KiB or a corrupt compressed one: it ends the body instead of failing the page as unreachable.
BODY_CUT_SHORT = httpx.RemoteProtocolError

#: What fetching robots.txt can raise, each turned into a policy or a ``FetchError`` naming robots.txt.
ROBOTS_ERRORS = (FetchError, *SEND_ERRORS)


def _redirect(response: httpx.Response, location: httpx.URL) -> httpx.URL | None:
    if not response.is_redirect:
        return None
    target = single_location(response, location)
    if not target:
        return None
    try:
        return location.join(target).copy_with(fragment=None)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"redirect to an invalid URL: {exc}", url=str(location), reason="redirects") from exc


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
