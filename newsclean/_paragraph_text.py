"""The text nodes of a tree's paragraphs, as XPath ``//p//text()`` finds them, in time linear in the tree.

trafilatura asks for them twice a page: its main pass tests ``subtree.xpath("//p//text()")`` (the whole
document's, whatever the subtree) and its comparison with readability ``body.xpath(".//p//text()")``. libxml2
merges the text nodes of each ``<p>`` into one node-set with a duplicate check against all those collected so
far, which grows with the square of their number: on a page of 100,000 sibling paragraphs (5 MB, half the default
``Limits.max_bytes``) those two queries were two thirds of an 11 s page, and at 200,000 the page ran out of its
30 s deadline inside them, where no alarm can interrupt C. Taken one outermost paragraph at a time, each
``<p>``'s own ``descendant::text()`` needs no merge: the same text nodes, in the same (document) order.

The tree trafilatura reads is built by newsclean's parser with ``ParagraphTextElement`` as its element class
(``_extract._parser``), which answers the main pass's query; the body it compares with readability's is built by
trafilatura with plain elements, and reaches the comparison inside ``ParagraphTextView``
(``_trafilatura_fallback``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree, html

_DESCENDANT_TEXT = etree.XPath("descendant::text()")
#: The queries answered here, and whether each is taken from the document's root (else from the element).
_PARAGRAPH_TEXT_QUERIES = {"//p//text()": True, ".//p//text()": False}


def paragraph_text(element: Any, *, from_root: bool) -> list[Any]:
    """What ``element.xpath("//p//text()")`` (``from_root``) or ``element.xpath(".//p//text()")`` returns."""
    scope = element.getroottree().getroot() if from_root else element
    found: list[Any] = []
    open_paragraphs = 0
    for event, paragraph in etree.iterwalk(scope, events=("start", "end"), tag="p"):
        if paragraph is element and not from_root:
            continue  # ".//p" is the element's descendants, not the element itself
        if event == "start":
            if open_paragraphs == 0:  # a paragraph inside another has its text nodes among the outer one's
                found.extend(_DESCENDANT_TEXT(paragraph))
            open_paragraphs += 1
        else:
            open_paragraphs -= 1
    return found


def _answered(element: Any, path: str, arguments: dict[str, Any]) -> list[Any] | None:
    """``element.xpath(path, **arguments)`` when the query is one of the paragraph text queries (and takes no
    variables), else None: the caller asks lxml."""
    from_root = _PARAGRAPH_TEXT_QUERIES.get(path)
    if from_root is None or arguments:
        return None
    return paragraph_text(element, from_root=from_root)


class ParagraphTextElement(html.HtmlElement):  # type: ignore[misc]  # lxml has no type information
    """lxml.html's element, whose ``xpath`` answers the paragraph text queries with ``paragraph_text``."""

    def xpath(self, _path: str, **arguments: Any) -> Any:
        found = _answered(self, _path, arguments)
        return super().xpath(_path, **arguments) if found is None else found


class ParagraphTextView:
    """An element as trafilatura's comparison with readability reads it, with the paragraph text queries
    answered by ``paragraph_text``; everything else is the element's own."""

    __slots__ = ("_element",)

    def __init__(self, element: Any) -> None:
        self._element = element

    def xpath(self, _path: str, **arguments: Any) -> Any:
        found = _answered(self._element, _path, arguments)
        return self._element.xpath(_path, **arguments) if found is None else found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._element, name)

    def __len__(self) -> int:
        return len(self._element)

    def __iter__(self) -> Any:
        return iter(self._element)
