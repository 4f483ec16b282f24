"""What a page must be before it is cleaned: an HTML type, and not a bot challenge or a consent wall.

Challenge pages come back with status 200 and a short body; cleaning one would give an empty or absurd
article, so they are recorded as failures. Markers are structural (script paths, form actions, titles that
only these interstitials use), and only looked for in small pages, so an article *about* captchas is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .._decode import UNICODE_BOMS, content_type_parts
from .._exceptions import FetchError

# Interstitials are small; real article pages with these words in the text are usually much larger.
_INTERSTITIAL_MAX_BYTES = 256 * 1024
_SCAN_BYTES = 64 * 1024

# Substrings only interstitials carry (challenge script paths, form actions, vendor ids), looked for in the
# lower-cased head of the page; and titles only interstitials use. Plain ``in`` checks keep this at
# microseconds per page. Vendors also inject scripts into normal pages (Cloudflare's
# /cdn-cgi/challenge-platform/scripts/jsd/main.js, Imperva's /_Incapsula_Resource), so those paths are not
# markers: only the challenge's own ones are, and Imperva's resource only in an almost empty page.
_CHALLENGE_MARKERS: tuple[tuple[str, tuple[bytes, ...]], ...] = (
    ("cloudflare", (b"/cdn-cgi/challenge-platform/h/", b"_cf_chl_opt", b"cf-browser-verification", b"cf_chl_prog")),
    ("datadome", (b"geo.captcha-delivery.com", b"ct.captcha-delivery.com")),
    ("perimeterx", (b"px-captcha", b"_pxcaptcha", b"captcha.px-cdn.net")),
    ("imperva", (b"incapsula incident id",)),
    ("sucuri", (b"sucuri website firewall", b"sucuri_cloudproxy_js")),
)
_TINY_PAGE_MARKERS: tuple[tuple[str, tuple[bytes, ...]], ...] = (("imperva", (b"_incapsula_resource",)),)
_TINY_PAGE_BYTES = 4096
_CHALLENGE_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cloudflare", re.compile(r"^(just a moment\.\.\.|attention required! \| cloudflare)$")),
    ("akamai", re.compile(r"^access denied$")),
    (
        "generic",
        re.compile(
            r"^(are you a robot\??|verify(ing)? (that )?you are (a )?human\.*|bot verification|"
            r"security check|captcha|one more step)$"
        ),
    ),
)
_CONSENT_MARKERS: tuple[tuple[str, tuple[bytes, ...]], ...] = (
    ("google", (b'action="https://consent.google.',)),
    ("yahoo", (b"consent.yahoo.com/v2/", b"guce.yahoo.com", b"guce.oath.com")),
)
_CONSENT_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("google", re.compile(r"^before you continue( to [a-z ]+)?$")),
    ("generic", re.compile(r"^(cookie consent|privacy consent|consent required|we value your privacy)$")),
)
_TITLE = re.compile(rb"<title[^>]*>([^<]{0,200})</title>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_CONSENT_HOSTS = re.compile(r"^(consent\.google\.|consent\.youtube\.|consent\.yahoo\.|guce\.(yahoo|oath)\.)")


def media_type(headers: Mapping[str, str]) -> str | None:
    """The essence ("text/html") of the Content-Type. A repeated header comes joined with commas ("text/html,
    text/html; charset=utf-8"): as browsers do (Fetch, "extract a MIME type"), the last value that is a valid type
    other than */* counts; the decoder takes its charset from the same value (``content_type_parts``)."""
    value = headers.get("content-type")
    return content_type_parts(value)[0] if value else None


def looks_like_html(body: bytes) -> bool:
    """Whether ``body`` opens an HTML document, read in the Unicode form a byte order mark names: UTF-16 HTML (a
    Windows tool's "Unicode" page) is ``<\x00h\x00…`` as bytes, which a byte sniff passed over as an image."""
    for bom, codec in UNICODE_BOMS:
        if codec != "utf-8" and body.startswith(bom):
            body = body[len(bom) : len(bom) + 4096].decode(codec, "replace").encode("utf-8")
            break
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title"))


def check_content_type(headers: Mapping[str, str], accepted: tuple[str, ...], *, url: str) -> bool:
    """Raise for a declared non-HTML type. Returns True when the type is missing and the body must be sniffed."""
    declared = media_type(headers)
    if declared is None:
        return True
    if declared not in accepted:
        raise FetchError(
            f"content type {declared!r} is not a page (accepted: {', '.join(accepted)})", url=url, reason="content_type"
        )
    return False


def check_sniffed(body: bytes, *, url: str) -> None:
    if not looks_like_html(body):
        raise FetchError("response has no Content-Type and does not look like HTML", url=url, reason="content_type")


def check_interstitial(body: bytes, headers: Mapping[str, str], *, url: str, final_host: str) -> None:
    """Raise ``FetchError`` with reason ``challenge`` or ``consent`` for an interstitial page."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        raise FetchError("bot challenge page (cf-mitigated: challenge)", url=url, reason="challenge")
    if _CONSENT_HOSTS.match(final_host.lower()):
        raise FetchError(f"redirected to a consent wall on {final_host}", url=url, reason="consent")
    if len(body) > _INTERSTITIAL_MAX_BYTES:
        return
    head = body[:_SCAN_BYTES].lower()
    title_match = _TITLE.search(head)
    title = _SPACES.sub(" ", title_match.group(1).decode("utf-8", "replace")).strip() if title_match else ""
    for vendor, markers in _CHALLENGE_MARKERS:
        if any(marker in head for marker in markers):
            raise FetchError(f"bot challenge page ({vendor})", url=url, reason="challenge")
    if len(body) <= _TINY_PAGE_BYTES:
        for vendor, markers in _TINY_PAGE_MARKERS:
            if any(marker in head for marker in markers):
                raise FetchError(f"bot challenge page ({vendor})", url=url, reason="challenge")
    for vendor, pattern in _CHALLENGE_TITLES:
        if title and pattern.match(title):
            raise FetchError(f"bot challenge page ({vendor})", url=url, reason="challenge")
    for vendor, markers in _CONSENT_MARKERS:
        if any(marker in head for marker in markers):
            raise FetchError(f"consent wall instead of the page ({vendor})", url=url, reason="consent")
    for vendor, pattern in _CONSENT_TITLES:
        if title and pattern.match(title):
            raise FetchError(f"consent wall instead of the page ({vendor})", url=url, reason="consent")
