"""Feeds (RSS, Atom) and sitemaps (urlset, sitemap index, gzipped) expanded to article URLs.

trafilatura's feed and sitemap helpers fetch on their own (outside our politeness and safety checks) and
filter links by their own notion of a valid host, dropping IP and local hosts; so the documents are fetched
with our ``Fetcher`` and parsed here with lxml, in document order, without duplicates.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator

import httpx
from lxml import etree

from .._exceptions import FetchError
from ._content import looks_like_html
from ._options import HTML_CONTENT_TYPES, make_options
from ._sync import Fetcher

XML_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/x-gzip",
    "application/gzip",
    "application/octet-stream",
    "text/plain",
    *HTML_CONTENT_TYPES,
)
MAX_SITEMAPS = 50
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


# What a document's root element says it is, for the message when it is not the kind asked for.
_KINDS = {
    "urlset": "a sitemap",
    "sitemapindex": "a sitemap index",
    "rss": "an RSS feed",
    "rdf": "an RSS feed",
    "feed": "an Atom feed",
    "html": "an HTML page",
}
_FEED_ROOTS = frozenset({"rss", "rdf", "feed"})
_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
_FEED_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
_SITEMAP_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:url|sitemap)\s*>", re.IGNORECASE)


def _gunzip(data: bytes, *, max_bytes: int, url: str) -> tuple[bytes, FetchError | None]:
    """A ``.xml.gz`` file's document, and the ``FetchError("encoding")`` that says it was cut short (None when it
    is whole). A corrupt stream raises that error instead."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        document = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(f"gzipped document could not be decompressed: {exc}", url=url, reason="encoding") from exc
    if len(document) > max_bytes:
        raise FetchError(f"gzipped document exceeds max_bytes={max_bytes:,}", url=url, reason="too_large")
    if inflater.eof:
        return document, None
    return document, FetchError(
        "gzipped document was cut short; the entries read before the cut were kept", url=url, reason="encoding"
    )


def _root(
    data: bytes, *, max_bytes: int, url: str, kinds: frozenset[str], wanted: str, entry_end: re.Pattern[bytes]
) -> tuple[etree._Element, FetchError | None]:
    """The root of a document whose root element is one of ``kinds`` (``wanted`` names them), and the error that
    says it was cut short, if it was: then the root holds the entries that were read whole. Raises ``FetchError``
    for a document that is corrupt, no XML, or XML of another kind (an HTML page given as a sitemap)."""
    cut_short = None
    if data[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file, not as a Content-Encoding
        data, cut_short = _gunzip(data, max_bytes=max_bytes, url=url)
        if cut_short is not None:
            # The last entry may stop mid-URL, and recovering parsing would close it: keep the whole ones.
            ends = [match.end() for match in entry_end.finditer(data)]
            if not ends:
                raise cut_short
            data = data[: ends[-1]]
    try:
        root = etree.fromstring(data.lstrip(), parser=_PARSER) if data.strip() else None
    except etree.LxmlError as exc:  # even the recovering parser gives up on binary data
        raise _not_xml(data, url=url, wanted=wanted, detail=f": {exc}") from exc
    if root is None:
        raise _not_xml(data, url=url, wanted=wanted, detail="")
    name = _local(root.tag)
    if name not in kinds:
        kind = _KINDS.get(name, "an XML document")
        raise FetchError(f"document is {kind} (<{name}>), not {wanted}", url=url, reason="content_type")
    return root, cut_short


def _not_xml(data: bytes, *, url: str, wanted: str, detail: str) -> FetchError:
    if looks_like_html(data):  # "<!doctype html>" in lower case is no XML at all, but says what it is
        return FetchError(f"document is an HTML page, not {wanted}", url=url, reason="content_type")
    return FetchError(f"document is not XML{detail}", url=url, reason="content_type")


def _join(base: str, link: str | None) -> str | None:
    if not link or not link.strip():
        return None
    try:
        joined = httpx.URL(base).join(link.strip())
    except (httpx.InvalidURL, ValueError):
        return None
    return str(joined) if joined.scheme in {"http", "https"} else None


def parse_feed(data: bytes, *, base_url: str, max_bytes: int = 10 * 1024 * 1024) -> list[str]:
    """Article links of an RSS 1/2 or Atom feed, in feed order, relative links resolved against ``base_url``.
    Raises ``FetchError`` for a document that cannot be read whole or is no feed."""
    links, cut_short = _read_feed(data, base_url=base_url, max_bytes=max_bytes)
    if cut_short is not None:
        raise cut_short
    return links


def _read_feed(data: bytes, *, base_url: str, max_bytes: int) -> tuple[list[str], FetchError | None]:
    """``parse_feed``, but a gzipped feed cut short gives the links read before the cut and the error."""
    root, cut_short = _root(
        data, max_bytes=max_bytes, url=base_url, kinds=_FEED_ROOTS, wanted="a feed", entry_end=_FEED_ENTRY_END
    )
    links: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name not in {"item", "entry"}:
            continue
        found: str | None = None
        for child in element:
            child_name = _local(child.tag)
            if child_name == "link":
                href = child.get("href")
                if href is not None:
                    if child.get("rel", "alternate") == "alternate":
                        found = href
                        break
                elif child.text:
                    found = child.text
                    break
        if found is None:
            for child in element:
                if _local(child.tag) == "guid" and child.get("isPermaLink", "true") != "false":
                    found = child.text
                    break
        joined = _join(base_url, found)
        if joined and joined not in links:
            links.append(joined)
    return links, cut_short


def parse_sitemap(data: bytes, *, base_url: str, max_bytes: int = 50 * 1024 * 1024) -> tuple[list[str], list[str]]:
    """``(page URLs, child sitemap URLs)`` of a sitemap or sitemap index, in document order. Raises ``FetchError``
    for a document that cannot be read whole or is no sitemap."""
    pages, children, cut_short = _read_sitemap(data, base_url=base_url, max_bytes=max_bytes)
    if cut_short is not None:
        raise cut_short
    return pages, children


def _read_sitemap(data: bytes, *, base_url: str, max_bytes: int) -> tuple[list[str], list[str], FetchError | None]:
    """``parse_sitemap``, but a gzipped sitemap cut short gives the URLs read before the cut and the error."""
    root, cut_short = _root(
        data, max_bytes=max_bytes, url=base_url, kinds=_SITEMAP_ROOTS, wanted="a sitemap", entry_end=_SITEMAP_ENTRY_END
    )
    pages: list[str] = []
    children: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name not in {"url", "sitemap"}:
            continue
        for child in element:
            if _local(child.tag) == "loc":
                joined = _join(base_url, child.text)
                target = pages if name == "url" else children
                if joined and joined not in target:
                    target.append(joined)
                break
    return pages, children, cut_short


def discover_urls(
    *,
    feeds: tuple[str, ...] = (),
    sitemaps: tuple[str, ...] = (),
    fetcher: Fetcher | None = None,
    on_error: Callable[[str, FetchError], None] | None = None,
    **options: object,
) -> Iterator[str]:
    """Fetch feeds and sitemaps (politely, through a ``Fetcher``) and yield the article URLs they list.

    Sitemap indexes are followed, breadth first, up to ``MAX_SITEMAPS`` documents. Each URL is yielded once.
    A feed or sitemap that cannot be fetched or read (corrupt, no XML, or not a feed or sitemap) raises its
    ``FetchError``; with ``on_error``, it is passed ``(document URL, error)`` instead (when the other documents'
    URLs are yielded, in their place) and discovery goes on with the rest. A gzipped one cut short yields the
    entries read before the cut, then fails the same way.
    """

    def failed(location: str, exc: FetchError) -> None:
        if on_error is None:
            raise exc
        on_error(location, exc)

    base = fetcher.options if fetcher is not None else make_options(None, **options)
    xml_options = make_options(base, content_types=XML_CONTENT_TYPES, detect_challenges=False)
    own = Fetcher(xml_options, pipeline=fetcher.pipeline if fetcher else None)
    seen: set[str] = set()
    try:
        for feed in feeds:
            try:
                result = own.get(feed)
                links, cut_short = _read_feed(
                    result.content, base_url=result.final_url, max_bytes=xml_options.max_bytes
                )
            except FetchError as exc:
                failed(feed, exc)
                continue
            for link in links:
                if link not in seen:
                    seen.add(link)
                    yield link
            if cut_short is not None:
                failed(feed, cut_short)
        queue = list(sitemaps)
        visited: set[str] = set()
        while queue and len(visited) < MAX_SITEMAPS:
            location = queue.pop(0)
            if location in visited:
                continue
            visited.add(location)
            try:
                result = own.get(location)
                pages, children, cut_short = _read_sitemap(
                    result.content, base_url=result.final_url, max_bytes=xml_options.max_bytes
                )
            except FetchError as exc:
                failed(location, exc)
                continue
            queue.extend(children)
            for link in pages:
                if link not in seen:
                    seen.add(link)
                    yield link
            if cut_short is not None:
                failed(location, cut_short)
    finally:
        own.close()
