"""Every knob of the fetcher, as one frozen record. Users pass them as keyword arguments, never a config file."""

from __future__ import annotations

import math
import re
from pathlib import Path

import msgspec

from .._limits import MAX_TIMEOUT
from .._version import __version__

DEFAULT_USER_AGENT = f"newsclean/{__version__} (article fetcher; python-httpx)"
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)?")


class FetchOptions(msgspec.Struct, frozen=True, kw_only=True):
    #: Sent as ``User-Agent``; its first product token is what robots.txt groups are matched against.
    user_agent: str = DEFAULT_USER_AGENT
    #: Seconds to open a connection.
    connect_timeout: float = 10.0
    #: Seconds to wait for the next piece of the response once connected.
    read_timeout: float = 20.0
    #: Seconds one attempt at a URL may take in all, redirects and body included; a server that trickles
    #: bytes just under ``read_timeout`` is still cut off here.
    total_timeout: float = 60.0
    #: Largest body accepted, in bytes, both as sent on the wire and once decompressed. Reading stops there.
    max_bytes: int = 10 * 1024 * 1024
    #: Redirects followed before giving up with reason ``"redirects"``; a loop is detected sooner.
    max_redirects: int = 10
    #: Requests in flight at once, all hosts together.
    concurrency: int = 16
    #: Requests in flight at once to one host.
    per_host_concurrency: int = 2
    #: Seconds between the starts of two requests to one host (robots.txt ``Crawl-delay`` can raise it).
    min_delay: float = 0.0
    #: Upper bound on a robots.txt ``Crawl-delay`` we honour, so one site cannot stall a whole run.
    max_crawl_delay: float = 30.0
    #: Attempts after the first, for connection errors, timeouts, 429 and 5xx.
    retries: int = 2
    #: First backoff in seconds; it doubles each attempt, with jitter, up to ``backoff_max``.
    backoff: float = 0.5
    backoff_max: float = 30.0
    #: A ``Retry-After`` longer than this makes the URL fail (reason ``"status"``) instead of waiting.
    max_retry_after: float = 60.0
    #: Obey robots.txt (fetched once per origin and cached).
    respect_robots: bool = True
    #: Allow URLs that resolve to private, loopback, link-local or reserved addresses. Off by default: URLs from
    #: untrusted dumps must not reach the machine's own network.
    allow_private_addresses: bool = False
    #: Speak HTTP/2 where the server offers it (needs the ``h2`` package: ``pip install 'newsclean[http2]'``).
    http2: bool = False
    #: A PEM file of extra certificate authorities to trust besides certifi's bundle (a company's TLS proxy,
    #: an internal site, a test server). Verification itself can never be switched off.
    ca_bundle: Path | None = None
    #: Content types accepted as pages. A response without a Content-Type is accepted when it looks like HTML.
    content_types: tuple[str, ...] = HTML_CONTENT_TYPES
    #: Follow a ``<meta http-equiv="refresh">`` of at most 5 seconds, as a browser does (a hop like a redirect's).
    follow_meta_refresh: bool = True
    #: Record 200-status challenge and consent pages as failures rather than as empty articles.
    detect_challenges: bool = True
    #: Append every response (redirect hops included) to this WARC file (gzip-compressed per record).
    warc: Path | None = None
    #: On-disk response cache; cached pages are revalidated with ``If-None-Match`` / ``If-Modified-Since``.
    cache_dir: Path | None = None
    #: Extra request headers.
    headers: dict[str, str] = msgspec.field(default_factory=dict)

    def __post_init__(self) -> None:
        positive = ("connect_timeout", "read_timeout", "total_timeout", "max_bytes", "concurrency")
        # A count that is no int passed here and failed later, or not at all: concurrency=16.5 crashed the fetcher
        # (range() of a float), per_host_concurrency=1.5 let two requests at a host in at once.
        for name in ("max_bytes", "max_redirects", "concurrency", "per_host_concurrency", "retries"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number, got {value!r}")
        # max_retry_after is a wait like the others. Unbounded (inf, nan), a Retry-After of 10**23 seconds was slept
        # (the async fetcher hung, the sync one crashed with OverflowError); negative, even "Retry-After: 0" failed.
        for name in (
            "connect_timeout",
            "read_timeout",
            "total_timeout",
            "min_delay",
            "backoff_max",
            "max_crawl_delay",
            "max_retry_after",
        ):
            value = getattr(self, name)
            if not value <= MAX_TIMEOUT:  # nan too, which passes every other comparison
                raise ValueError(f"{name} must be a number of seconds up to {MAX_TIMEOUT:,}, got {value!r}")
        if not math.isfinite(self.backoff):
            raise ValueError(f"backoff must be a finite number, got {self.backoff!r}")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")
        if self.per_host_concurrency < 1:
            raise ValueError(f"per_host_concurrency must be at least 1, got {self.per_host_concurrency!r}")
        for name in (
            "max_redirects",
            "retries",
            "min_delay",
            "backoff",
            "backoff_max",
            "max_crawl_delay",
            "max_retry_after",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, got {getattr(self, name)!r}")

        _check_header_value("user_agent", self.user_agent)
        for name, value in self.headers.items():
            if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"headers: {name!r} is not a header name (letters, digits and !#$%&'*+-.^_`|~)")
            _check_header_value(f"headers[{name!r}]", value)

    @property
    def robots_agent(self) -> str:
        """The product token robots.txt rules are matched against (``newsclean`` for the default agent)."""
        product = self.user_agent.split("/", 1)[0].split()
        return product[0] if product else "*"  # an agent such as "/1.0" has no product token


def _check_header_value(option: str, value: object) -> None:
    """Raise ``ValueError`` naming ``option`` for a value that cannot be sent as a header. httpx sends ASCII only, and
    h11 refuses control characters and surrounding spaces: left to the request, every URL would fail, retried, as a
    connection error."""
    if not isinstance(value, str) or not _HEADER_VALUE.fullmatch(value):
        raise ValueError(
            f"{option} must be printable ASCII, without line breaks or spaces around it, to be sent as a header; "
            f"got {value!r}"
        )


def make_options(options: FetchOptions | None = None, **overrides: object) -> FetchOptions:
    """Options from keyword arguments, optionally on top of a base ``FetchOptions``."""
    base = options or FetchOptions()
    if not overrides:
        return base
    unknown = sorted(set(overrides) - set(FetchOptions.__struct_fields__))
    if unknown:
        raise TypeError(f"unknown fetch option(s): {', '.join(unknown)}")
    for key in ("warc", "cache_dir", "ca_bundle"):
        value = overrides.get(key)
        if isinstance(value, str):
            overrides[key] = Path(value)
    if isinstance(overrides.get("content_types"), list):
        overrides["content_types"] = tuple(overrides["content_types"])  # type: ignore[arg-type]
    return msgspec.structs.replace(base, **overrides)
