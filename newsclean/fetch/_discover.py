"""Feeds (RSS, Atom) and sitemaps (urlset, sitemap index, gzipped) expanded to article URLs.

trafilatura's feed and sitemap helpers fetch on their own (outside our politeness and safety checks) and
filter links by their own notion of a valid host, dropping IP and local hosts; so the documents are fetched
with our ``Fetcher`` and parsed here with lxml, in document order, without duplicates.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

import httpx
from lxml import etree

from .._exceptions import FetchError
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


def _root(data: bytes, *, max_bytes: int, url: str) -> etree._Element:
    if data[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file, not as a Content-Encoding
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data = inflater.decompress(data, max_bytes + 1)
        if len(data) > max_bytes:
            raise FetchError(f"gzipped document exceeds max_bytes={max_bytes:,}", url=url, reason="too_large")
    root = etree.fromstring(data.lstrip(), parser=_PARSER) if data.strip() else None
    if root is None:
        raise FetchError("document is not XML", url=url, reason="content_type")
    return root


def _join(base: str, link: str | None) -> str | None:
    if not link or not link.strip():
        return None
    try:
        joined = httpx.URL(base).join(link.strip())
    except (httpx.InvalidURL, ValueError):
        return None
    return str(joined) if joined.scheme in {"http", "https"} else None


def parse_feed(data: bytes, *, base_url: str, max_bytes: int = 10 * 1024 * 1024) -> list[str]:
    """Article links of an RSS 1/2 or Atom feed, in feed order, relative links resolved against ``base_url``."""
    root = _root(data, max_bytes=max_bytes, url=base_url)
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
    return links


def parse_sitemap(data: bytes, *, base_url: str, max_bytes: int = 50 * 1024 * 1024) -> tuple[list[str], list[str]]:
    """``(page URLs, child sitemap URLs)`` of a sitemap or sitemap index, in document order."""
    root = _root(data, max_bytes=max_bytes, url=base_url)
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
    return pages, children


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
    A feed or sitemap that cannot be fetched or read raises its ``FetchError``; with ``on_error``, it is passed
    ``(document URL, error)`` instead (when the other documents' URLs are yielded, in their place) and
    discovery goes on with the rest.
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
                links = parse_feed(result.content, base_url=result.final_url, max_bytes=xml_options.max_bytes)
            except FetchError as exc:
                failed(feed, exc)
                continue
            for link in links:
                if link not in seen:
                    seen.add(link)
                    yield link
        queue = list(sitemaps)
        visited: set[str] = set()
        while queue and len(visited) < MAX_SITEMAPS:
            location = queue.pop(0)
            if location in visited:
                continue
            visited.add(location)
            try:
                result = own.get(location)
                pages, children = parse_sitemap(
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
    finally:
        own.close()
