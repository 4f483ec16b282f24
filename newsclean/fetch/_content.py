"""What a page must be before it is cleaned: an HTML type, and not a bot challenge or a consent wall.

Challenge pages come back with status 200 and a short body; cleaning one would give an empty or absurd
article, so they are recorded as failures. Markers are structural (script paths, form actions, titles that
only these interstitials use), and only looked for in small pages, so an article *about* captchas is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .._exceptions import FetchError

# Interstitials are small; real article pages with these words in the text are usually much larger.
_INTERSTITIAL_MAX_BYTES = 256 * 1024
_SCAN_BYTES = 64 * 1024

_CHALLENGE_MARKERS: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    ("cloudflare", re.compile(rb"/cdn-cgi/challenge-platform/|_cf_chl_opt|cf-browser-verification|"
                              rb"<title>\s*(just a moment\.\.\.|attention required! \| cloudflare)\s*</title>", re.I)),
    ("datadome", re.compile(rb"geo\.captcha-delivery\.com|ct\.captcha-delivery\.com", re.I)),
    ("perimeterx", re.compile(rb"px-captcha|_pxcaptcha|captcha\.px-cdn\.net", re.I)),
    ("akamai", re.compile(rb"<title>\s*access denied\s*</title>[\s\S]{0,2000}reference\s*#", re.I)),
    ("imperva", re.compile(rb"_Incapsula_Resource|incapsula incident id", re.I)),
    ("sucuri", re.compile(rb"sucuri website firewall|sucuri_cloudproxy_js", re.I)),
    ("generic", re.compile(rb"<title>\s*(are you a robot\??|verify(ing)? you are (a )?human|"
                           rb"bot verification|security check)\s*</title>|g-recaptcha[\s\S]{0,400}<form|"
                           rb"<form[^>]*captcha", re.I)),
)
_CONSENT_MARKERS: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    ("google", re.compile(rb"action=\"https://consent\.google\.[a-z.]+/|<title>\s*before you continue", re.I)),
    ("yahoo", re.compile(rb"consent\.yahoo\.com/v2/|guce\.(yahoo|oath)\.com", re.I)),
    ("generic", re.compile(rb"<title>\s*(cookie consent|privacy consent|consent required|we value your privacy)"
                           rb"\s*</title>", re.I)),
)
_CONSENT_HOSTS = re.compile(r"^(consent\.google\.|consent\.youtube\.|consent\.yahoo\.|guce\.(yahoo|oath)\.)")


def media_type(headers: Mapping[str, str]) -> str | None:
    value = headers.get("content-type")
    if not value:
        return None
    return value.split(";", 1)[0].strip().lower() or None


def looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title"))


def check_content_type(headers: Mapping[str, str], accepted: tuple[str, ...], *, url: str) -> bool:
    """Raise for a declared non-HTML type. Returns True when the type is missing and the body must be sniffed."""
    declared = media_type(headers)
    if declared is None:
        return True
    if declared not in accepted:
        raise FetchError(f"content type {declared!r} is not a page (accepted: {', '.join(accepted)})",
                         url=url, reason="content_type")
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
    head = body[:_SCAN_BYTES]
    for vendor, pattern in _CHALLENGE_MARKERS:
        if pattern.search(head):
            raise FetchError(f"bot challenge page ({vendor})", url=url, reason="challenge")
    for vendor, pattern in _CONSENT_MARKERS:
        if pattern.search(head):
            raise FetchError(f"consent wall instead of the page ({vendor})", url=url, reason="consent")
