"""Lexbor DOM work around the extractor: parse, read metadata candidates, prune what is never content."""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec
from selectolax.lexbor import LexborHTMLParser, LexborNode

from ._exceptions import ParseError

# Never article text, and often most of a page's bytes: dropping them first makes the extractor's own parse
# (lxml) much cheaper. JSON-LD is read before the scripts go.
NON_CONTENT_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed")

# Elements trafilatura's main extractor always deletes with their subtree (``trafilatura.settings.
# MANUALLY_CLEANED``), dropped here in Lexbor so that lxml never parses them. Its fallbacks (readability,
# jusText, the baseline) would otherwise see them on the uncleaned tree and sometimes pick a navigation block,
# a sidebar or a figure caption. Not in the list: ``form`` (trafilatura keeps a form that wraps the page, as
# ASP.NET sites do), ``math`` (it salvages the TeX of formulas), ``head`` (small once scripts are gone), and
# ``figure``, handled apart because a figure holding a table is content.
EXTRACTOR_DISCARDED_TAGS = (
    "aside", "footer", "nav", "menu", "menuitem", "dialog", "noindex",
    "applet", "audio", "video", "picture", "source", "track", "map", "area", "fencedframe", "frame", "frameset",
    "param", "use", "blink", "marquee",
    "button", "datalist", "fieldset", "input", "label", "legend", "optgroup", "option", "output", "progress",
    "select", "textarea",
    "rp", "rt", "rtc", "time", "link",
    # stripped by trafilatura (tag only), but they hold no text: dropping them is the same and saves a parse
    "img", "wbr",
)  # fmt: skip
# The head once the metadata is read: the extractor drops it, and its meta and link tags are a tenth of the
# elements of a typical page. The title stays for extractors that look at it.
HEAD_DISCARDED = "meta, link, base, style, script"


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
    #: The first ``<base href>``: relative URLs on the page resolve against it, not against the page's URL.
    base_href: str | None = None
    times: list[tuple[str, str]] = msgspec.field(default_factory=list)  # (datetime attribute, visible text)
    bylines: list[str] = msgspec.field(default_factory=list)
    #: The page's visible text (scripts and styles excluded), filled by ``visible_text`` after pruning: dates are
    #: trusted more when readers can see them.
    visible_text: str | None = None


def parse(html: str, *, url: str | None = None) -> LexborHTMLParser:
    """The page's DOM as a browser renders it: declarative shadow roots opened (``open_shadow_roots``)."""
    try:
        tree = LexborHTMLParser(html)
        if "shadowroot" in html:
            open_shadow_roots(tree)
    except Exception as exc:  # Lexbor raises plain exceptions on allocator failures and similar
        raise ParseError(f"cannot parse HTML: {exc}", url=url, stage="dom") from exc
    return tree


# A declarative shadow root is rendered in its host's place; on a page built of web components it holds the article.
_SHADOW_ROOTS = "template[shadowrootmode], template[shadowroot]"
_TEMPLATE_END = "</template>"
# Roots nested deeper than this stay closed (and go with their template): real components nest a few levels.
MAX_SHADOW_DEPTH = 32


def open_shadow_roots(tree: LexborHTMLParser, *, depth: int = 0) -> int:
    """Put each declarative shadow root's content (``<template shadowrootmode="open">`` and the older
    ``shadowroot`` attribute) in its template's place; returns how many were opened.

    Lexbor keeps a template's content out of the tree (it only serialises it), so the article inside would have
    gone with the template, which is pruned as never content. A root's content is parsed on its own, its own roots
    opened first, and copied in: a copied template loses its content.
    """
    opened = 0
    for template in tree.css(_SHADOW_ROOTS) if depth < MAX_SHADOW_DEPTH else ():
        markup = template.html or ""
        inner = markup[markup.find(">") + 1 :].removesuffix(_TEMPLATE_END)  # a ">" in a value is "&gt;"
        content = LexborHTMLParser(f"<body>{inner}</body>")
        opened += 1 + open_shadow_roots(content, depth=depth + 1)
        for child in content.body.iter(include_text=True) if content.body is not None else ():
            template.insert_before(child)
        template.decompose()
    return opened


def _flatten_json_ld(value: Any, out: list[dict[str, Any]]) -> None:
    """Every JSON-LD node of a block: the block's own, those of its ``@graph``, and a page's main entity
    written inside it ("WebPage" whose ``mainEntity`` is the NewsArticle), which is as much the page's node.
    (``mainEntityOfPage`` is not followed: CMSs put the WebPage stub there, the article's page, not an article.)"""
    if isinstance(value, list):
        for item in value:
            _flatten_json_ld(item, out)
    elif isinstance(value, dict):
        out.append(value)
        graph = value.get("@graph")
        if graph is not None:
            _flatten_json_ld(graph, out)
        for entity in _typed_nodes(value.get("mainEntity")):
            _flatten_json_ld(entity, out)


def _typed_nodes(value: Any) -> list[dict[str, Any]]:
    """The nodes with a ``@type`` in a property's value: a bare ``{"@id": …}`` reference is no node of its own."""
    nodes = value if isinstance(value, list) else [value]
    return [node for node in nodes if isinstance(node, dict) and "@type" in node]


# One walk of the tree for every metadata element but the bylines (whose selector is slow to match and is kept
# apart); the nodes come in document order, which each field keeps.
_METADATA_SELECTOR = (
    'script[type="application/ld+json"], meta[content], title, h1, link[rel="canonical"][href], time, base[href]'
)


# What templates wrap a JSON-LD block in so that XHTML and old browsers skip it: "/*<![CDATA[*/ … /*]]>*/",
# "//<![CDATA[ … //]]>", "<![CDATA[ … ]]>", "<!-- … -->"; and a statement's closing semicolon.
_JSON_LD_WRAPPER = re.compile(
    r"^\s*(?:/\*\s*|//\s*)?(?:<!\[CDATA\[|<!--)(?:\s*\*/)?|(?:/\*\s*|//\s*)?(?:\]\]>|-->)(?:\s*\*/)?\s*;?\s*$|;\s*$"
)


# A comma before a closing brace or bracket ('"datePublished": "…",}'): JavaScript takes it, JSON does not, and a
# template that joins its properties with commas leaves one after the last. Strings are matched whole, so a comma
# inside one ("a,}") stays; one pass, linear in the block.
_STRING_OR_TRAILING_COMMA = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")|,(\s*[}\]])')


def _without_trailing_commas(text: str) -> str:
    return _STRING_OR_TRAILING_COMMA.sub(lambda match: match[1] or match[2], text)


def _json_ld_value(text: str) -> Any:
    """A JSON-LD block's value: JSON, with raw line breaks in its strings (which browsers' JSON-LD readers
    accept), inside the wrappers templates put around it, or with a comma after its last property or item.
    Raises ValueError when it is not JSON in any of these ways."""
    try:
        return json.loads(text, strict=False)
    except ValueError:
        repaired = _without_trailing_commas(_JSON_LD_WRAPPER.sub("", text))
        if repaired == text:
            raise
        return json.loads(repaired, strict=False)


def collect_metadata(tree: LexborHTMLParser) -> MetadataCandidates:
    candidates = MetadataCandidates()
    title_seen = canonical_seen = base_seen = False
    for node in tree.css(_METADATA_SELECTOR):
        tag = node.tag
        if tag == "meta":
            attributes = node.attributes
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
            content = attributes.get("content")
            if key and content and content.strip():
                candidates.meta.setdefault(key.strip().lower(), []).append(" ".join(content.split()))
        elif tag == "script":
            try:
                _flatten_json_ld(_json_ld_value(node.text(deep=True)), candidates.json_ld)
            except (ValueError, RecursionError):
                continue  # broken JSON-LD is common; other sources still apply
        elif tag == "h1":
            spaced = " ".join(node.text(separator=" ").split())
            if spaced:
                candidates.h1.append(spaced)
                candidates.h1_joined.append(" ".join(node.text().split()))
        elif tag == "time":
            stamp = node.attributes.get("datetime") or ""
            candidates.times.append((stamp.strip(), " ".join(node.text().split())))
        elif tag == "title" and not title_seen:
            title_seen = True
            candidates.title_tag = " ".join(node.text().split()) or None
        elif tag == "link" and not canonical_seen:
            canonical_seen = True
            candidates.canonical = (node.attributes.get("href") or "").strip() or None
        elif tag == "base" and not base_seen:  # only the first <base href> counts (HTML's document base URL)
            base_seen = True
            candidates.base_href = (node.attributes.get("href") or "").strip() or None
    html = tree.css_first("html")
    if html is not None:
        candidates.html_lang = (html.attributes.get("lang") or "").strip() or None
    for node in tree.css(
        '[rel="author"], [itemprop="author"], .byline, .author, .author-name, [class*="byline"], '
        'a[href*="/author/"], a[href*="/authors/"], a[href*="/profile/"], [class*="author-name"], '
        '[data-testid*="byline"], address, [class*="author"], [class*="Author"], [id*="author"], '
        'a[href*="/producers/"], a[href*="/contributor/"], a[href*="/contributors/"], a[href*="/writers/"]'
    ):
        text = " ".join(node.text(separator=" ").split())
        if not text and node.tag == "img":  # an author's photo names its author in its alt text
            text = " ".join((node.attributes.get("alt") or "").split())
        if text and len(text) < 120:
            candidates.bylines.append(text)
    return candidates


VISIBLE_TEXT_LIMIT = 200_000


def node_text(node: LexborNode) -> str:
    """``node``'s text with whitespace collapsed and a space between elements ("<p>a</p><p>b</p>" → "a b")."""
    return " ".join(node.text(deep=True, separator=" ").split())


def body_text(tree: LexborHTMLParser) -> str:
    """All the body's text, whitespace collapsed, once ``prune_non_content`` has dropped scripts and styles."""
    body = tree.body
    if body is None:
        return ""
    return node_text(body)


def visible_text(tree: LexborHTMLParser, *, limit: int = VISIBLE_TEXT_LIMIT) -> str:
    """The text a reader sees, once ``prune_non_content`` has dropped scripts and styles."""
    return body_text(tree)[:limit]


def app_state_scripts(tree: LexborHTMLParser, *, min_chars: int) -> list[str]:
    """The text of the page's inline scripts of ``min_chars`` or more that may carry its app state (JSON, or a
    script assigning it), read before ``prune_non_content`` drops them (see ``_app_state``)."""
    scripts = []
    for node in tree.css("script:not([src])"):
        kind = (node.attributes.get("type") or "").lower()
        if (kind and "json" not in kind and "javascript" not in kind and kind != "module") or "ld+json" in kind:
            continue  # a template, a shader: data no state is written in; JSON-LD, read as metadata
        text = node.text(deep=True)
        if len(text) >= min_chars:
            scripts.append(text)
    return scripts


def prune_non_content(tree: LexborHTMLParser) -> None:
    tree.strip_tags(list(NON_CONTENT_TAGS))


#: A ``<noscript>`` holding at least this many characters of text may hold the article (see ``noscript_markup``).
MIN_NOSCRIPT_CHARS = 200


def noscript_markup(tree: LexborHTMLParser) -> str:
    """The markup of the page's ``<noscript>`` blocks that hold text, before ``prune_non_content`` drops them: a
    page whose scripts render the article may print it there for readers without scripts, and then it is the only
    copy of the text in the page."""
    blocks = [node.html or "" for node in tree.css("body noscript") if len(node.text(strip=True)) >= MIN_NOSCRIPT_CHARS]
    return "".join(blocks)


def prune_for_extractor(tree: LexborHTMLParser) -> int:
    """Drop what the extractor would discard anyway: ``EXTRACTOR_DISCARDED_TAGS``, the contents of figures
    without a table (the empty element stays, see ``_empty``), the head's meta and link tags, and divs without
    a child (not even a space). Call it once the metadata and the visible text are read.

    Returns the number of elements removed. Like trafilatura in recall mode, it leaves the body's containers
    alone when they hold every ``<p>`` of the page: then the article lives in one of them.
    """
    removed = 0
    head = tree.head
    if head is not None:
        for node in head.css(HEAD_DISCARDED):
            node.decompose()
            removed += 1
    body = tree.body
    if body is None:
        return removed
    _unwrap_dates_in_sentences(body)
    figures = _figures_without_table(body)
    doomed = _outermost([*body.css(_DISCARDED_SELECTOR), *figures])
    if doomed and not _holds_every_paragraph(body, doomed):
        figure_ids = {figure.mem_id for figure in figures}
        for node in doomed:
            if node.mem_id in figure_ids:
                _empty(node)
            else:
                node.decompose()
        removed += len(doomed)
    # Empty divs (layout spacers, ad slots filled by script) are a tenth of what reaches the extractor, and each
    # costs a visit in every one of its XPath passes; with no text and no child they weigh in none of its choices.
    for node in body.css("div:empty"):
        node.decompose()
        removed += 1
    _flatten_crowded_paragraphs(body)
    return removed


#: Elements inside paragraphs past which their markup goes, their text kept: twice the most a gold page has
#: (1,497). The extractor's ``//p//text()`` is quadratic in the nodes it gathers (4.5 s at 10,000 ``<i>`` in one
#: paragraph, 89 s at 40,000), in one C call that no deadline interrupts.
MAX_PARAGRAPH_ELEMENTS = 3000


def _flatten_crowded_paragraphs(body: LexborNode) -> None:
    inside = body.css("p *:not(br)")  # a line break is text, not markup
    if len(inside) <= MAX_PARAGRAPH_ELEMENTS:
        return
    for node in reversed(inside):  # the innermost first, so that each unwrap meets elements that still exist
        node.unwrap()


def _unwrap_dates_in_sentences(body: LexborNode) -> None:
    """Keep the words of a ``<time>`` inside a sentence ("The hearing is on <time>June 12</time> at …"): the
    extractor deletes every ``<time>`` with its text, which suits a date stamp on its own line and cuts a hole in
    a sentence. A stamp alone in its block still goes (the published field keeps its date)."""
    for stamp in body.css("time"):
        block = stamp.parent
        while block is not None and block.tag in _INLINE_TAGS:
            block = block.parent
        if block is None or block.tag not in _TEXT_BLOCKS:
            continue
        if len(block.text(strip=True)) - len(stamp.text(strip=True)) >= MIN_SENTENCE_CHARS:
            stamp.unwrap()


def _empty(node: LexborNode) -> None:
    """Drop a figure's contents but leave the element: trafilatura takes a block holding a ``<figure>`` for
    unclean and compares its readability pick with jusText's, which finds the article on some pages where
    readability's pick is a fragment of it (docs/text-cleaning.md, rounds 5 and 6). Gone, the figure would hide
    that signal; left whole, its caption would come back into the text."""
    for child in list(node.iter(include_text=True)):
        child.decompose()


_DISCARDED_SELECTOR = ", ".join(EXTRACTOR_DISCARDED_TAGS)
# The elements a <time> can sit in inside a sentence, and the blocks that hold sentences.
_INLINE_TAGS = frozenset({"a", "abbr", "b", "cite", "em", "i", "mark", "q", "small", "span", "strong", "sub", "sup"})
_TEXT_BLOCKS = frozenset({"p", "li", "td", "dd", "blockquote", "figcaption"})
#: Characters of a block's own text, besides the date, from which the date is part of a sentence.
MIN_SENTENCE_CHARS = 40


def _figures_without_table(body: LexborNode) -> list[LexborNode]:
    return [figure for figure in body.css("figure") if figure.css_first("table") is None]


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """``nodes`` without duplicates and without those inside another one: decomposing a node frees its
    subtree, so a node inside it must not be touched afterwards."""
    by_id = {node.mem_id: node for node in nodes}
    outer = []
    for node in by_id.values():
        parent = node.parent
        while parent is not None and parent.mem_id not in by_id:
            parent = parent.parent
        if parent is None:
            outer.append(node)
    return outer


def _holds_every_paragraph(body: LexborNode, containers: list[LexborNode]) -> bool:
    """Whether every ``<p>`` of ``body`` sits inside one of ``containers`` (outermost nodes, none a ``<p>``):
    their subtrees are disjoint, so counting the paragraphs in each is enough, and costs no walk from Python."""
    total = len(body.css("p"))
    return total > 0 and sum(len(node.css("p")) for node in containers) == total
