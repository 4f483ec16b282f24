"""Where the article lives: site name, canonical URL without tracking parameters."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url

from ._hosts import unicode_host, without_serving_prefixes
from ._title import host_key

# Campaign parameters courlan's non-strict mode keeps. Its strict mode drops every unknown parameter, and with
# them the ones that address the article ("?id=", "?seite=2"), so it is not used. Also HubSpot's (_hsenc, _hsmi,
# __hstc), TikTok's ttclid, LinkedIn's li_fat_id, Yahoo's consent redirect (guccounter, guce_referrer) and the
# Guardian's CMP.
_TRACKING = re.compile(
    r"^(?:cmpid|cmp|ocid|smid|sref|ito|icid|cid|campaign|mkt_tok|spm|share|shared|via|ns_\w+|at_\w+|pk_\w+|"
    r"mtm_\w+|hsa_\w+|trk\w*|__twitter_impression|amp|output|"
    r"_hsenc|_hsmi|__hs[a-z]+|ttclid|li_fat_id|guccounter|guce_\w+)$",
    re.IGNORECASE,
)


def usable_url(url: str | None) -> str | None:
    """``url`` if it can be parsed, else ``None``: a caller's URL is a hint, and one urllib rejects
    ("http://[::1") gives no evidence rather than an error in the middle of a page's metadata."""
    if not url:
        return None
    try:
        urlsplit(url)
    except ValueError:
        return None
    return url


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def readable_domain(url: str | None) -> str | None:
    """The host as people write it: "https://www.bbc.co.uk/news/x" → "bbc.co.uk", "https://m.xn--mnchen-3ya.de/"
    → "münchen.de"."""
    host = host_of(url)
    return unicode_host(without_serving_prefixes(host)) if host else None


def document_base(url: str | None, base_href: str | None) -> str | None:
    """What the page's relative URLs resolve against: its ``<base href>`` read against the page's URL (HTML's
    document base URL), or the page's URL when there is none or it is no http(s) URL."""
    if not base_href:
        return url
    try:
        joined = urljoin(url, base_href) if url else base_href
        parts = urlsplit(joined)
    except ValueError:
        return url
    return joined if parts.scheme in ("http", "https") and parts.hostname else url


def clean_url(raw: str | None, *, base: str | None) -> str | None:
    """An absolute http(s) URL with tracking parameters and fragment removed, or ``None`` if unusable."""
    if not raw:
        return None
    try:
        absolute = urljoin(base, raw.strip()) if base else raw.strip()
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        normalized = urlsplit(str(normalize_url(absolute, strict=False)))
    except (ValueError, AttributeError):
        return None
    query = urlencode(
        [(k, v) for k, v in parse_qsl(normalized.query, keep_blank_values=True) if not _TRACKING.match(k)]
    )
    return urlunsplit((normalized.scheme, normalized.netloc, normalized.path, query, ""))


# Platforms that give each publisher a subdomain of their own: alice.substack.com and bob.substack.com are two
# sites. (The public suffix list knows a few of them, such as blogspot.com and github.io, not most.)
_TENANT_PLATFORMS = (
    "substack.com",
    "medium.com",
    "wordpress.com",
    "blogspot.com",
    "tumblr.com",
    "github.io",
    "gitlab.io",
    "ghost.io",
    "beehiiv.com",
    "wixsite.com",
    "weebly.com",
    "squarespace.com",
    "typepad.com",
    "livejournal.com",
    "blogger.com",
    "hashnode.dev",
    "netlify.app",
    "vercel.app",
    "pages.dev",
)


def _tenant(host: str) -> str | None:
    """The publisher's subdomain on a platform of ``_TENANT_PLATFORMS`` ("alice.substack.com"), else None."""
    labels = [label for label in host.lower().rstrip(".").split(".") if label != "www"]
    for platform in _TENANT_PLATFORMS:
        size = platform.count(".") + 1
        if len(labels) > size and ".".join(labels[-size:]) == platform:
            return ".".join(labels[-size - 1 :])
    return None


def same_site(first: str | None, second: str | None) -> bool:
    """Whether two URLs are one publisher's: the same registered name ("nytimes" of www.nytimes.com and
    nytimes.co.uk), and not two subdomains of a platform that gives each publisher one."""
    a, b = host_of(first), host_of(second)
    if not (a and b):
        return False
    tenants = _tenant(a), _tenant(b)
    if None not in tenants:
        return tenants[0] == tenants[1]
    # The platform's own host serves every publisher's pages (medium.com/@bob for bob.medium.com).
    return host_key(a) == host_key(b)


def is_homepage(url: str) -> bool:
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return path in ("", "/") or (path.count("/") <= 1 and len(path) <= 4)


def url_sections(url: str | None) -> list[str]:
    """The folders of a URL's path as words, the site's sections ("/district/343604" → "district",
    "/children/patient-education/sleep" → "children", "patient education"); never the page's own slug, a
    number, a date or a code."""
    if not url:
        return []
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    folders = [segment for segment in path.split("/") if segment][:-1]
    return [
        folder.replace("-", " ").replace("_", " ")
        for folder in folders
        if len(folder) >= 3 and folder.replace("-", "").replace("_", "").isalpha()
    ]
