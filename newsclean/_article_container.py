"""The element that holds nearly all of a page's prose: the article's container, for an extractor that found
none by its class and id selectors.

It is the deepest ``div``/``section``/``article``/``main`` holding ``NEARLY_ALL`` of the page's prose (prose as
the discard shield counts it: ``<p>``s of 40+ characters, at most 30% linked). A lead paragraph styled apart
often sits just outside the body's own box (``<div id="story"><p class="lead">…</p><div id="text">…</div>``), so
the container then widens to its parent as long as everything the parent adds is prose. See docs/dom.md,
"When trafilatura finds no article container".
"""

from __future__ import annotations

from typing import Any

from ._discard_shield import MIN_PAGE_PROSE, prose_chars

#: The container holds at least this share of the page's prose.
NEARLY_ALL = 0.9
CONTAINER_TAGS = frozenset({"div", "section", "article", "main"})
_PAGE_TAGS = frozenset({"body", "html"})


def article_container(tree: Any, link_tags: tuple[str, ...] = ("a",)) -> Any | None:
    """The container of ``tree`` (an lxml tree) holding nearly all its prose, or ``None`` (too little prose, or
    no single box below the page holds it)."""
    prose: dict[Any, int] = {}
    paragraphs: dict[Any, int] = {}  # prose paragraphs under each ancestor
    page = 0
    for paragraph in tree.iter("p"):
        length = prose_chars(paragraph, link_tags)
        if not length:
            continue
        page += length
        for ancestor in paragraph.iterancestors():
            prose[ancestor] = prose.get(ancestor, 0) + length
            paragraphs[ancestor] = paragraphs.get(ancestor, 0) + 1
    if page < MIN_PAGE_PROSE:
        return None
    deepest, depth = None, -1
    for element, chars in prose.items():
        if element.tag in _PAGE_TAGS or chars < NEARLY_ALL * page:
            continue
        element_depth = sum(1 for _ in element.iterancestors())
        if element_depth > depth:
            deepest, depth = element, element_depth
    if deepest is None:
        return None
    container = _widened_to_its_lead(deepest, prose, paragraphs)
    return container if container.tag in CONTAINER_TAGS else None


def _widened_to_its_lead(container: Any, prose: dict[Any, int], paragraphs: dict[Any, int]) -> Any:
    """Climb while the parent adds prose and nothing else (a separator space per paragraph aside)."""
    while True:
        parent = container.getparent()
        if parent is None or parent.tag in _PAGE_TAGS:
            return container
        added_prose = prose[parent] - prose[container]
        if added_prose <= 0:
            return container
        added_paragraphs = paragraphs[parent] - paragraphs[container]
        if _text_length(parent) - _text_length(container) > added_prose + 2 * added_paragraphs + 2:
            return container
        container = parent


def _text_length(element: Any) -> int:
    return len(" ".join(element.text_content().split()))
