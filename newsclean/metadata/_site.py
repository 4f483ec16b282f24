"""Where the article lives: site name, canonical URL without tracking parameters."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import extract_domain, normalize_url

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


# A URL written without its scheme, as lists and mirrored copies write them: a host name, perhaps a port, and a
# path, query or fragment ("www.example.com/news/budget", "example.co.uk/a?id=7"), or a "www." host alone. The host
# must end in a public suffix (``_known_host``): "index.html/…" and "news/budget" name no host, and a file name
# alone ("notes.md", Moldova's suffix) has no "www.".
_HOST_THEN_PATH = re.compile(r"^(?P<host>[^\s/?#:@]+\.[^\s/?#:@.]+)(?::\d{1,5})?(?:[/?#]|(?P<alone>$))")


def _known_host(host: str) -> bool:
    """Whether ``host`` ends in a public suffix of the tld list, under a registered name of its own."""
    return "." in (extract_domain(f"http://{host}/") or "")


def usable_url(url: str | None) -> tuple[str | None, bool]:
    """``url`` as the page's address, and whether its scheme was assumed; ``None`` when urllib rejects it
    ("http://[::1"): a caller's URL is a hint, and a bad one gives no evidence rather than an error in the middle
    of a page's metadata. A URL without a scheme that starts with a host name (``_HOST_THEN_PATH``), or with "//",
    is taken as https: else urllib finds no host in the first (no site name), and links resolved against either
    have no scheme (no canonical URL); which of http and https serves the page changes neither site nor path."""
    if not url:
        return None, False
    try:
        parts = urlsplit(url)
    except ValueError:
        return None, False
    if url.startswith("//") and parts.hostname:
        return f"https:{url}", True
    written = _HOST_THEN_PATH.match(url) if "://" not in url else None
    if (
        written is not None
        and (written["alone"] is None or written["host"].casefold().startswith("www."))
        and _known_host(written["host"])
    ):
        return f"https://{url}", True
    return url, False


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
    return _joined(base_href, url) or url


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def writes_scheme(link: str) -> bool:
    """Whether ``link`` starts with a scheme ("https:", "mailto:"): it is then absolute, and names its host itself
    or none."""
    return _SCHEME.match(link.strip()) is not None


def _joined(href: str, base: str | None) -> str | None:
    """``href`` as an absolute http(s) URL with a host, resolved against ``base`` when relative; else ``None``.

    urllib resolves a link with the base's scheme and a single slash ("https:/www.example.com/news") as a path
    on the base's host ("https://www.example.com/www.example.com/news"), and one with a scheme and nothing more
    ("https://") as the base itself: either would invent an address the link never gave, so a link that writes a
    scheme is taken as it is written, and without a host it gives none."""
    try:
        absolute = href if writes_scheme(href) or not base else urljoin(base, href)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    return absolute if parts.scheme in ("http", "https") and parts.hostname else None


def clean_url(raw: str | None, *, base: str | None) -> str | None:
    """An absolute http(s) URL with tracking parameters and fragment removed, or ``None`` if unusable."""
    if not raw:
        return None
    absolute = _joined(raw.strip(), base)
    if absolute is None:
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
