"""Lexbor DOM work around the extractor: parse, read metadata candidates, prune what is never content."""

from __future__ import annotations

import json
from typing import Any

import msgspec
from selectolax.lexbor import LexborHTMLParser

from ._exceptions import ParseError

# Never article text, and often most of a page's bytes: dropping them first makes the extractor's own parse
# (lxml) much cheaper. JSON-LD is read before the scripts go.
NON_CONTENT_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed")


class MetadataCandidates(msgspec.Struct, kw_only=True):
    """Everything the markup says about the article, unresolved: the normalizer chooses among these."""

    json_ld: list[dict[str, Any]] = msgspec.field(default_factory=list)
    meta: dict[str, list[str]] = msgspec.field(default_factory=dict)  # name/property (lowercased) -> values
    title_tag: str | None = None
    h1: list[str] = msgspec.field(default_factory=list)
    #: Each ``<h1>`` read without spaces between inline elements ("Kotaku's", a drop cap "C" + "ycle"); the
    #: spaced reading keeps ``<br>``-separated lines apart. The resolver picks the one the markup titles confirm.
    h1_joined: list[str] = msgspec.field(default_factory=list)
    html_lang: str | None = None
    canonical: str | None = None
    times: list[tuple[str, str]] = msgspec.field(default_factory=list)  # (datetime attribute, visible text)
    bylines: list[str] = msgspec.field(default_factory=list)
    #: The page's visible text (scripts and styles excluded), filled by ``visible_text`` after pruning: dates are
    #: trusted more when readers can see them.
    visible_text: str | None = None


def parse(html: str, *, url: str | None = None) -> LexborHTMLParser:
    try:
        return LexborHTMLParser(html)
    except Exception as exc:  # Lexbor raises plain exceptions on allocator failures and similar
        raise ParseError(f"cannot parse HTML: {exc}", url=url, stage="dom") from exc


def _flatten_json_ld(value: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(value, list):
        for item in value:
            _flatten_json_ld(item, out)
    elif isinstance(value, dict):
        out.append(value)
        graph = value.get("@graph")
        if graph is not None:
            _flatten_json_ld(graph, out)


def collect_metadata(tree: LexborHTMLParser) -> MetadataCandidates:
    candidates = MetadataCandidates()
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True)
        try:
            _flatten_json_ld(json.loads(raw), candidates.json_ld)
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; other sources still apply
    for node in tree.css("meta[content]"):
        attributes = node.attributes
        key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        content = attributes.get("content")
        if key and content and content.strip():
            candidates.meta.setdefault(key.strip().lower(), []).append(" ".join(content.split()))
    title = tree.css_first("title")
    if title is not None:
        candidates.title_tag = " ".join(title.text().split()) or None
    for node in tree.css("h1"):
        spaced = " ".join(node.text(separator=" ").split())
        if spaced:
            candidates.h1.append(spaced)
            candidates.h1_joined.append(" ".join(node.text().split()))
    html = tree.css_first("html")
    if html is not None:
        candidates.html_lang = (html.attributes.get("lang") or "").strip() or None
    canonical = tree.css_first('link[rel="canonical"][href]')
    if canonical is not None:
        candidates.canonical = (canonical.attributes.get("href") or "").strip() or None
    for node in tree.css("time"):
        stamp = node.attributes.get("datetime") or ""
        candidates.times.append((stamp.strip(), " ".join(node.text().split())))
    for node in tree.css(
        '[rel="author"], [itemprop="author"], .byline, .author, .author-name, [class*="byline"], '
        'a[href*="/author/"], a[href*="/authors/"], a[href*="/profile/"], [class*="author-name"], '
        '[data-testid*="byline"], address, [class*="author"], [class*="Author"], [id*="author"]'
    ):
        text = " ".join(node.text(separator=" ").split())
        if text and len(text) < 120:
            candidates.bylines.append(text)
    return candidates


def visible_text(tree: LexborHTMLParser, *, limit: int = 200_000) -> str:
    """The text a reader sees, once ``prune_non_content`` has dropped scripts and styles."""
    body = tree.body
    if body is None:
        return ""
    return " ".join(body.text(separator=" ").split())[:limit]


def prune_non_content(tree: LexborHTMLParser) -> None:
    tree.strip_tags(list(NON_CONTENT_TAGS))
