"""The next articles an infinite-scroll page has already loaded, removed before extraction.

A page that loads the site's next stories as the reader scrolls holds each one whole, as an ``<article>`` with its own
``<h1>``, often inside the first one's element: the extractor reads them all as one article (a page of 400 words gave
3,800). The page's own article is the one whose headline is the page's title (its ``<title>``, ``og:title`` or
``twitter:title``): the other articles with a headline of their own, laid out as it is (the same classes: the site's
template for a story), go, a removal record each. An article of another layout stays: a live blog's update, a card.
A page with no such article, or whose articles with a headline all have the page's title, is left as it is: which
article is the page's cannot be told then.
"""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .._dom import node_text
from .._models import Removal
from .._normalize import normalize_paragraph
from ..metadata._clean import fold

RULE = "heuristic.next-article"
CATEGORY = "related"
#: A headline this short (letters and digits) is no evidence of which article is the page's ("News", "Opinion").
MIN_HEADLINE_CHARS = 12


def drop_next_articles(tree: LexborHTMLParser, titles: Iterable[str | None]) -> tuple[Removal, ...]:
    """Remove each ``<article>`` with a headline of its own (an ``<h1>`` whose nearest ``<article>`` is it) and the
    classes of the page's, when one has the page's title (one of ``titles``) for headline; the page's article's
    ancestors stay. Returns a removal record per article removed."""
    folded_titles = [fold(title) for title in titles if title]
    headed = _headed_articles(tree)
    if len(headed) < 2 or not folded_titles:
        return ()
    main: LexborNode | None = None
    for article, headline in headed:
        if _is_title(headline, folded_titles):
            main = article
            break
    if main is None:
        return ()
    ancestors = _ancestor_ids(main)
    layout = _classes(main)
    doomed = [
        article
        for article, headline in headed
        if article.mem_id != main.mem_id
        and article.mem_id not in ancestors
        and _classes(article) == layout
        and not _is_title(headline, folded_titles)
    ]
    removals: list[Removal] = []
    gone: set[int] = set()  # articles inside one removed: decomposing an element frees what it holds
    for article in doomed:
        if article.mem_id in gone:
            continue
        removals.append(Removal(RULE, CATEGORY, "dom", normalize_paragraph(node_text(article))))
        gone.update(inner.mem_id for inner in article.css("article"))
        article.decompose()
    return tuple(removals)


def _classes(element: LexborNode) -> frozenset[str]:
    return frozenset((element.attributes.get("class") or "").split())


def _ancestor_ids(node: LexborNode) -> set[int]:
    ancestors = set()
    parent = node.parent
    while parent is not None:
        ancestors.add(parent.mem_id)
        parent = parent.parent
    return ancestors


def _headed_articles(tree: LexborHTMLParser) -> list[tuple[LexborNode, str]]:
    """Each ``<article>`` that is the nearest ``<article>`` of an ``<h1>``, with that headline folded, in document
    order."""
    found: dict[int, tuple[LexborNode, str]] = {}
    for heading in tree.css("article h1"):
        article = heading.parent
        while article is not None and article.tag != "article":
            article = article.parent
        if article is not None and article.mem_id not in found:
            found[article.mem_id] = (article, fold(node_text(heading)))
    return list(found.values())


def _is_title(headline: str, folded_titles: list[str]) -> bool:
    """Whether a folded headline is the page's title: the whole of one of the folded titles, or within one (a
    ``<title>`` adds the site's name)."""
    if len(headline) < MIN_HEADLINE_CHARS:
        return False
    return any(headline == title or headline in title for title in folded_titles)
