"""Where the article lives: site name, canonical URL without tracking parameters."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from courlan import normalize_url

from ._title import host_key


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def readable_domain(url: str | None) -> str | None:
    """The host as people write it: "https://www.bbc.co.uk/news/x" → "bbc.co.uk"."""
    host = host_of(url)
    return host.removeprefix("www.") if host else None


def clean_url(raw: str | None, *, base: str | None) -> str | None:
    """An absolute http(s) URL with tracking parameters and fragment removed, or ``None`` if unusable."""
    if not raw:
        return None
    absolute = urljoin(base, raw.strip()) if base else raw.strip()
    try:
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        return str(normalize_url(absolute, strict=True))
    except (ValueError, AttributeError):
        return None


def same_site(first: str | None, second: str | None) -> bool:
    a, b = host_of(first), host_of(second)
    return bool(a and b and host_key(a) == host_key(b))


def is_homepage(url: str) -> bool:
    path = urlsplit(url).path
    return path in ("", "/") or (path.count("/") <= 1 and len(path) <= 4)
