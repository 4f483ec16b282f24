"""Line breaks of a page's source inside a paragraph's text, read as HTML reads them: as spaces.

A hand-written page often wraps its paragraphs' source lines ("The earliest such⏎reference we know is 1833 …").
trafilatura's own pass trims each text node it takes, but the article readability picks reaches its output with
the text nodes as the source wrote them, and there a line break means a new paragraph: one paragraph came out as
one paragraph a source line, and a line such as "by Lydia Marie Child.  See" was then taken for a byline.

Only text whose block is a paragraph, a heading, a list item, a definition, a caption or a table cell is joined:
there the markup says what one paragraph is. Text straight in a ``div`` (or ``section``, ``body`` …) may have its
line breaks shown (CSS ``white-space: pre-line``, which the markup does not show) or mean them. A text with a
blank line inside keeps its line breaks too: it was written as plain text, a paragraph a line or a block of lines
(an article's plain-text copy, which readability may have turned into a ``p``), and its line breaks are the only
paragraph breaks it has. A line break beside a block's edge stays: trafilatura strips the ``div`` tags of
readability's pick, and the blanks between two of them are then all that keeps their texts apart.
"""

from __future__ import annotations

import re
from typing import Any

#: Elements whose text keeps its line breaks as written.
PREFORMATTED = frozenset({"pre", "code", "textarea", "listing", "plaintext", "xmp"})
#: Blocks that hold one paragraph of text: their text's line breaks are the source's wrapping.
PARAGRAPH_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption", "caption", "td", "th", "summary"}
)
#: Elements that start and end a line of their own: text beside their edges is another line's.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "center", "details", "dialog", "dir", "div", "dl",
        "fieldset", "figure", "footer", "form", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "section",
        "table", "tbody", "tfoot", "thead", "tr", "ul", "pre", "listing", "plaintext", "xmp", *PARAGRAPH_BLOCKS,
    }
)  # fmt: skip
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_INNER_BREAK = re.compile(r"(?<=\S)[ \t]*[\r\n]\s*(?=\S)")
_LEADING_BREAK = re.compile(r"^[ \t]*[\r\n]\s*")
_TRAILING_BREAK = re.compile(r"[ \t]*[\r\n]\s*$")


def unwrap_source_lines(tree: Any) -> None:
    """The line breaks in the paragraphs' text of ``tree`` (an lxml element), with the blanks around them, as one
    space each: in text whose nearest block is one of ``PARAGRAPH_BLOCKS``, not inside a preformatted element, and
    not beside the edge of a block (``BLOCKS``)."""
    preformatted = {element for block in tree.iter(*PREFORMATTED) for element in block.iter()}
    # Each element's nearest block (itself or an ancestor), found in document order: a parent comes before its
    # children, so a page nested thousands deep costs one step an element.
    nearest_block: dict[Any, Any] = {}
    for element in tree.iter():
        parent = element.getparent()
        nearest_block[element] = element if _is_block(element) else nearest_block.get(parent)
        if not isinstance(element.tag, str) or element in preformatted:
            continue
        block = nearest_block[element]
        if block is None or block.tag.lower() not in PARAGRAPH_BLOCKS:
            continue
        children = list(element)
        if element.text:
            after = children[0] if children else None
            element.text = _unwrapped(
                element.text,
                block_before=_is_block(element),
                block_after=_is_block(after) if after is not None else _is_block(element),
            )
        for index, child in enumerate(children):
            if child.tail:  # the element's text, after the child (a preformatted child's too)
                following = children[index + 1] if index + 1 < len(children) else None
                child.tail = _unwrapped(
                    child.tail,
                    block_before=_is_block(child),
                    block_after=_is_block(following) if following is not None else _is_block(element),
                )


def _is_block(element: Any) -> bool:
    return isinstance(element.tag, str) and element.tag.lower() in BLOCKS


def _unwrapped(text: str, *, block_before: bool, block_after: bool) -> str:
    if "\n" not in text and "\r" not in text:
        return text
    if not text.strip():  # blanks alone, between two elements
        return text if block_before or block_after else " "
    if _BLANK_LINE.search(text.strip()):
        return text
    text = _INNER_BREAK.sub(" ", text)
    if not block_before:
        text = _LEADING_BREAK.sub(" ", text)
    if not block_after:
        text = _TRAILING_BREAK.sub(" ", text)
    return text
