"""The steps of one fetch that do no I/O, shared by the sync and the async fetcher."""

from __future__ import annotations

import html
import importlib.util
import re
import socket
import ssl
import zlib
from datetime import UTC, datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TypeVar

import certifi
import httpx

from .._exceptions import FetchError
from .._models import Failure
from ._body import ACCEPT_ENCODING, BodyReader
from ._cache import CacheEntry
from ._content import check_content_type, check_interstitial, check_sniffed
from ._deadline import DeadlineReached
from ._options import FetchOptions
from ._pinning import AddressRefused
from ._result import FetchResult, flatten_headers
from ._retry import RETRY_STATUSES, RetryableStatus, parse_retry_after
from ._safety import ALLOW_PRIVATE_HINT

_E = TypeVar("_E", bound=BaseException)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: A meta refresh with a longer delay is a timed reload, not a redirect.
MAX_REFRESH_DELAY = 5.0
#: Where a meta refresh is looked for: the head of a stub page.
REFRESH_SCAN_BYTES = 16 * 1024
_META_REFRESH = re.compile(rb"<meta\b[^>]*?\bhttp-equiv\s*=\s*[\"']?refresh\b[^>]*>", re.IGNORECASE)
# Where a browser sees no tags, so no refresh either: comments, and the contents of elements whose text is not
# parsed as markup (script, style, <noscript> in a browser that runs scripts, <title>, <textarea>...) or is inert
# (<template>). A comment ends at "-->" or "--!>", or at once as "<!-->" / "<!--->"; one left open hides the rest.
_HIDDEN_START = re.compile(
    rb"<!--|<(script|style|template|noscript|title|textarea|xmp|iframe|noembed|noframes)(?=[\s/>])", re.IGNORECASE
)
_COMMENT_END = re.compile(rb"-?>|.*?--!?>", re.DOTALL)
_REFRESH_CONTENT = re.compile(rb"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ASCII_WHITESPACE = "\t\n\f\r "


def _seconds(value: float) -> str:
    """A wait as a message states it: "120s", or "more than a year" for a value past any use (a Retry-After of
    400 digits is infinity as a float)."""
    return f"{value:.0f}s" if value < 366 * 86_400 else "more than a year"


def parse_url(url: str) -> httpx.URL:
    if not isinstance(url, str):
        raise FetchError(f"URL must be a str, not {type(url).__name__}", url=repr(url), reason="invalid_url")
    if not url.strip():
        raise FetchError("empty URL", url=url, reason="invalid_url")
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL: {exc}", url=url, reason="invalid_url") from exc
    return parsed.copy_with(fragment=None)


#: Past this many clients, more would cost start-up time and memory for no shorter scans that matter.
MAX_SHARDS = 256


def shard_count(options: FetchOptions) -> int:
    """How many clients share the work. httpcore scans its whole pool on every request, which grows with the
    square of the connections; pools of about 8 connections each, picked by host, keep that scan short. Capped:
    ``concurrency=10**8`` (on the command line, ``--concurrency 100000000``) made 12.5 million clients before the
    first request, for minutes and gigabytes."""
    return min(MAX_SHARDS, max(1, options.concurrency // 8))


def shard_of(host: str, shards: int) -> int:
    return zlib.crc32(host.encode("utf-8", "replace")) % shards


def tls_context(options: FetchOptions) -> ssl.SSLContext:
    """One verifying TLS context for all of a fetcher's clients (loading the CA bundle costs ~40 ms each)."""
    context = ssl.create_default_context(cafile=certifi.where())
    if options.ca_bundle is not None:
        try:
            context.load_verify_locations(cafile=options.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise ValueError(f"ca_bundle {str(options.ca_bundle)!r}: cannot load certificates: {exc}") from exc
    return context


def client_arguments(options: FetchOptions, tls: ssl.SSLContext) -> dict[str, object]:
    # The client's own jar refuses every cookie: each fetch keeps its own jar across its redirects, so a
    # cookie from one page can never change what another page returns.
    refusing = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    if options.http2 and importlib.util.find_spec("h2") is None:  # httpx's own message names its own extra
        raise ImportError("http2=True needs the h2 package: pip install 'newsclean[http2]'")
    return {
        "verify": tls,
        "http2": options.http2,
        "follow_redirects": False,
        "cookies": refusing,
        "timeout": httpx.Timeout(
            connect=options.connect_timeout,
            read=options.read_timeout,
            write=options.read_timeout,
            pool=options.total_timeout,
        ),
        "limits": httpx.Limits(
            max_connections=options.concurrency,
            max_keepalive_connections=max(8, options.concurrency // shard_count(options)),
        ),
        "headers": {
            "User-Agent": options.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": ACCEPT_ENCODING,
            **options.headers,
        },
    }


def map_http_error(exc: Exception, url: httpx.URL) -> FetchError:
    where = str(url)
    if isinstance(exc, httpx.TimeoutException):
        if isinstance(exc.__cause__, DeadlineReached):  # the attempt's deadline, not one socket operation's
            return FetchError(str(exc.__cause__), url=where, reason="timeout")
        kind = type(exc).__name__
        return FetchError(f"timed out ({kind})", url=where, reason="timeout")
    refused = exc if isinstance(exc, AddressRefused) else exc.__cause__
    if isinstance(refused, AddressRefused):
        return FetchError(
            f"{refused}; {ALLOW_PRIVATE_HINT}",
            url=where,
            reason="private_address",
        )
    unresolved = _cause_of_type(exc, socket.gaierror)
    if unresolved is not None:  # httpcore resolving the name (allow_private_addresses=True skips our own check)
        return FetchError(f"host {url.host!r} did not resolve: {unresolved}", url=where, reason="dns")
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return FetchError(f"invalid URL: {exc}", url=where, reason="invalid_url")
    if isinstance(exc, httpx.HTTPError | OSError):
        return FetchError(
            f"connection failed: {type(exc).__name__}: {_shortened(str(exc))}".rstrip(": "),
            url=where,
            reason="connection",
        )
    raise exc


#: The most of a protocol error's text a message keeps.
MAX_ERROR_TEXT = 300


def _shortened(text: str) -> str:
    """``text`` cut to ``MAX_ERROR_TEXT`` characters. h11 quotes the line it refused, escaped: a status line or chunk
    header of 16 KB of junk made a 64 KB message in every failure record and stderr line."""
    if len(text) <= MAX_ERROR_TEXT:
        return text
    return f"{text[:MAX_ERROR_TEXT]}… ({len(text):,} characters)"


def _cause_of_type(exc: BaseException, kind: type[_E]) -> _E | None:
    seen: BaseException | None = exc
    for _ in range(8):  # httpx's error, from httpcore's, from the socket's
        if seen is None or isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


#: What ``client.send`` (and reading a response) raises besides ``FetchError``; ``send_error`` maps each.
SEND_ERRORS = (httpx.HTTPError, httpx.InvalidURL, UnicodeError, OSError)


def send_error(exc: Exception, url: httpx.URL) -> FetchError:
    """``map_http_error`` for what ``client.send`` raises. httpx builds the next request of every redirect from its
    Location, even one it is not to follow, and raises there for a Location that is no URL: ``InvalidURL``
    ("data:text/html,…", "javascript:…"), or a ``RemoteProtocolError`` it words for the purpose ("http://[::1"),
    or the ``UnicodeError`` of a host it cannot decode ("http://xn--.invalid/": ``idna.IDNAError``)."""
    invalid_location = isinstance(exc, httpx.RemoteProtocolError) and str(exc).startswith("Invalid URL in location")
    if isinstance(exc, httpx.InvalidURL | UnicodeError) or invalid_location:
        return FetchError(f"redirect to an invalid URL: {exc}", url=str(url), reason="redirects")
    return map_http_error(exc, url)


def redirect_target(
    response: httpx.Response, current: httpx.URL, chain: list[str], options: FetchOptions
) -> httpx.URL | None:
    """The next URL when ``response`` is a redirect (and records the hop), else None."""
    if response.status_code not in REDIRECT_STATUSES:
        return None
    location = single_location(response, current)
    if not location:
        return None
    return _hop(location, current, chain, options)


def single_location(response: httpx.Response, current: httpx.URL) -> str | None:
    """The ``Location`` of a response. A proxy may repeat the header (httpx joins the copies with ", ", which
    is no URL); copies that agree are one Location, copies that differ are ``FetchError("redirects")``."""
    locations = list(dict.fromkeys(value.strip() for value in response.headers.get_list("location")))
    if len(locations) > 1:
        raise FetchError(
            f"redirect with {len(locations)} different Location headers: {', '.join(map(repr, locations))}",
            url=str(current),
            reason="redirects",
        )
    return locations[0] if locations else None


def refresh_target(body: bytes, current: httpx.URL, chain: list[str], options: FetchOptions) -> httpx.URL | None:
    """The next URL when ``body`` is a stub that sends its reader on (``meta_refresh_url``) and
    ``follow_meta_refresh`` is on; records the hop, counted against ``max_redirects`` like a redirect's."""
    if not options.follow_meta_refresh:
        return None
    target = meta_refresh_url(body, current)
    return None if target is None else _hop(str(target), current, chain, options)


def meta_refresh_url(body: bytes, current: httpx.URL) -> httpx.URL | None:
    """Where ``<meta http-equiv="refresh">`` sends the reader of the page at ``current`` within
    ``MAX_REFRESH_DELAY`` seconds, else None.

    A browser follows it; a fetcher that did not kept the stub ("If you are not redirected, click here"), an
    empty article. A longer delay is a timed reload of a page that has its content (news front pages reload
    every few minutes), and a refresh inside ``<noscript>`` is meant for browsers without scripts. One inside a
    comment, a script or a template is no tag to a browser (``_visible_markup``).
    """
    head = _visible_markup(body[:REFRESH_SCAN_BYTES])
    for tag in _META_REFRESH.finditer(head):
        content = _REFRESH_CONTENT.search(tag.group(0))
        if content is None:
            continue
        value = html.unescape(next(group for group in content.groups() if group is not None).decode("utf-8", "replace"))
        parsed = parse_refresh(value)
        if parsed is None or not parsed[1] or parsed[0] > MAX_REFRESH_DELAY:
            continue
        try:
            target = current.join(parsed[1]).copy_with(fragment=None)
        except (httpx.InvalidURL, ValueError):
            continue  # a refresh to something that is no URL: the page stands, as in a browser
        if target.scheme not in ("http", "https") or target == current.copy_with(fragment=None):
            continue  # a script URL, or the page reloading itself
        return target
    return None


def _visible_markup(head: bytes) -> bytes:
    """``head`` without its comments and the contents of the elements a browser reads no tags in (``_HIDDEN_START``):
    a ``<meta>`` there is text, or inert."""
    visible = bytearray()
    position = 0
    while (start := _HIDDEN_START.search(head, position)) is not None:
        visible += head[position : start.start()]
        name = start.group(1)
        if name is None:
            comment_end = _COMMENT_END.match(head, start.end())
            position = comment_end.end() if comment_end else len(head)
        else:
            position = _element_end(head, name.lower(), start.end())
        visible += b" "
    visible += head[position:]
    return bytes(visible)


def _element_end(head: bytes, name: bytes, position: int) -> int:
    """Where the element ``name`` opened before ``position`` ends (its end tag's end; the end of ``head`` when it is
    not closed in it). Templates nest; the other elements' contents are text, so their first end tag closes them."""
    tag = re.compile(rb"<(/?)" + name + rb"(?=[\s/>])[^>]*>?", re.IGNORECASE)
    depth = 1
    for found in tag.finditer(head, position):
        if found.group(1):
            depth -= 1
            if depth == 0:
                return found.end()
        elif name == b"template":
            depth += 1
    return len(head)


def parse_refresh(value: str) -> tuple[int, str] | None:
    """``(seconds, URL)`` of a refresh ``content`` (URL empty when it reloads the page itself), or None when a
    browser would not refresh: the HTML standard's "shared declarative refresh steps", so "-1; url=/x" and
    "1e3; url=/x" do nothing, "0.5.5; url=/x" goes at once, and an unclosed quote runs to the end."""
    position = len(value) - len(value.lstrip(_ASCII_WHITESPACE))
    digits = len(value) - position - len(value[position:].lstrip("0123456789"))
    if not digits and not value.startswith(".", position):
        return None
    # Python refuses to read an int of more than 4300 digits (ValueError out of the fetch); a delay of more than
    # 18 digits is past any use, and is kept as one that long.
    number = value[position : position + digits].lstrip("0") or "0"
    seconds = int(number) if len(number) <= 18 else 10**18
    position += digits
    position = len(value) - len(value[position:].lstrip("0123456789."))  # the fraction is ignored
    rest = value[position:]
    if rest:
        if rest[0] not in ";," + _ASCII_WHITESPACE:
            return None
        rest = rest.lstrip(_ASCII_WHITESPACE)
        if rest[:1] in (";", ","):
            rest = rest[1:]
        rest = rest.lstrip(_ASCII_WHITESPACE)
    url = rest
    if rest[:1] in ("U", "u"):
        after = rest[1:]
        if after[:2].lower() == "rl":
            after = after[2:].lstrip(_ASCII_WHITESPACE)
            if after[:1] == "=":
                url = _unquoted(after[1:].lstrip(_ASCII_WHITESPACE))
    else:
        url = _unquoted(rest)
    return seconds, url.strip(_ASCII_WHITESPACE)


def _unquoted(text: str) -> str:
    """The standard's "skip quotes": an opening quote, and the URL up to its closing one (or to the end)."""
    if text[:1] in ("'", '"'):
        return text[1:].split(text[0], 1)[0]
    return text


def _hop(location: str, current: httpx.URL, chain: list[str], options: FetchOptions) -> httpx.URL:
    """``location`` read against ``current``, once the hop is recorded in ``chain`` and checked for loops and
    ``max_redirects``."""
    try:
        target = current.join(location).copy_with(fragment=None)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"redirect to an invalid URL {location!r}", url=str(current), reason="redirects") from exc
    chain.append(str(current))
    if str(target) in chain:
        raise FetchError(f"redirect loop: {' -> '.join([*chain, str(target)])}", url=chain[0], reason="redirects")
    if len(chain) > options.max_redirects:
        raise FetchError(f"more than max_redirects={options.max_redirects} redirects", url=chain[0], reason="redirects")
    return target


def status_error(response: httpx.Response, url: str, options: FetchOptions) -> FetchError:
    status = response.status_code
    if response.headers.get("cf-mitigated", "").lower() == "challenge":
        return FetchError(f"bot challenge page (status {status})", url=url, reason="challenge", status_code=status)
    message = f"HTTP status {status} {response.reason_phrase}".rstrip()
    if status in RETRY_STATUSES:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if retry_after is not None and retry_after > options.max_retry_after:
            return FetchError(
                f"{message}; Retry-After {_seconds(retry_after)} exceeds max_retry_after",
                url=url,
                reason="status",
                status_code=status,
            )
        return RetryableStatus(message, url=url, status_code=status, retry_after=retry_after)
    return FetchError(message, url=url, reason="status", status_code=status)


def begin_body(response: httpx.Response, url: str, options: FetchOptions) -> tuple[BodyReader, bool]:
    """Checks the final response's head; returns a reader for its body and whether the type must be sniffed."""
    if not 200 <= response.status_code < 300:
        raise status_error(response, url, options)
    sniff = check_content_type(response.headers, options.content_types, url=url)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchError(
            f"Content-Length {int(declared):,} exceeds max_bytes={options.max_bytes:,}", url=url, reason="too_large"
        )
    return BodyReader(response.headers.get("content-encoding"), max_bytes=options.max_bytes, url=url), sniff


def finish_result(
    response: httpx.Response,
    *,
    requested: str,
    final: httpx.URL,
    body: bytes,
    wire_bytes: int,
    sniff: bool,
    chain: list[str],
    options: FetchOptions,
    fetched_at: datetime,
) -> FetchResult:
    if sniff:
        check_sniffed(body, url=requested)
    headers = flatten_headers(response.headers)
    if options.detect_challenges:
        check_interstitial(body, headers, url=requested, final_host=final.host)
    return FetchResult(
        url=requested,
        final_url=str(final),
        status_code=response.status_code,
        headers=headers,
        content=body,
        redirects=tuple(chain),
        http_version=response.http_version,
        wire_bytes=wire_bytes,
        fetched_at=fetched_at,
    )


def fetch_moment() -> datetime:
    """Now, to the second: what a WARC/1.0 ``WARC-Date`` holds, so a page read back from the archive carries the
    same fetch time as when it was fetched, and cleans to the same Article."""
    return datetime.now(UTC).replace(microsecond=0)


def from_cache(entry: CacheEntry, body: bytes, *, requested: str, chain: list[str]) -> FetchResult:
    return FetchResult(
        url=requested,
        final_url=entry.final_url,
        status_code=entry.status_code,
        headers=entry.headers,
        content=body,
        redirects=tuple(chain),
        http_version=entry.http_version,
        from_cache=True,
        fetched_at=fetch_moment(),  # the server confirmed just now that the page is unchanged
    )


def fetch_failure(url: object, index: int, exc: Exception) -> Failure:
    """The batch record for a URL that failed: stage ``fetch`` and the reason code, or the cleaning stage."""
    text_url = url if isinstance(url, str) else repr(url)
    if isinstance(exc, FetchError):
        return Failure(
            stage="fetch", error=exc.reason, message=exc.message, url=text_url, source_id=text_url, position=str(index)
        )
    from .._exceptions import NewscleanError

    if isinstance(exc, NewscleanError):
        return Failure(
            stage=exc.stage or "clean",
            error=type(exc).__name__,
            message=exc.message,
            url=text_url,
            source_id=text_url,
            position=str(index),
        )
    return Failure(
        stage="internal",
        error=type(exc).__name__,
        message=str(exc),
        url=text_url,
        source_id=text_url,
        position=str(index),
    )
