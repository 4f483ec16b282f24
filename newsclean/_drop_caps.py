"""A drop cap joined to the word it begins.

A page that sets its first letter large writes it as an element of its own: ``<span class="dropcap">T</span>he``.
Read as text, the letter parted from its word wherever the markup put whitespace inside that element ("F our years
before", its letter's box indented over three lines), and was lost where the element is a block outside the article's
container (``<div class="post-first-letter">D</div><div …><p>uring the pandemic``): the extractor kept "uring". Here
the letter is put at the start of the text that follows it, and its element goes, before extraction.

Whitespace inside the element is the markup's layout. Whitespace after an inline one is a word space ("<span
class="dropcap">A</span> man walked in"), so the letter is joined only to text right after it; after a block it is a
block's boundary, which any drop cap crosses, so the letter is joined across it; unless it is a word of one letter
("A", "I", "O"), which may stand alone after a block: that drop cap is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Class names of a drop cap, as templates write them: "dropcap", "drop-cap", "has-dropcap", "first-letter",
#: "ArticlePage-articleBody-firstLetter", "initial-letter".
_DROP_CAP_CLASS = re.compile(r"drop-?caps?|first-?letter|initial-?letter", re.IGNORECASE)
#: What a drop cap holds: a letter, with an opening quote mark before it at most.
_DROP_CAP_TEXT = re.compile(r"[\"'“‘«„]?[^\W\d_]")
#: Letters that are words on their own: after a block drop cap they may start a word or be one.
_ONE_LETTER_WORDS = frozenset("AIOaio")
#: Elements laid out as blocks: a drop cap of one of these is set apart from the text by its box.
_BLOCKS = frozenset({"div", "p", "section", "aside", "figure", "header", "h1", "h2", "h3", "h4", "h5", "h6"})
#: How many text nodes after a drop cap are looked at for the text it begins (empty ones between blocks).
_MAX_TEXT_NODES = 20


def join_drop_caps(tree: LexborHTMLParser) -> None:
    """Put each drop cap's letter at the start of the text it begins, and remove its element."""
    body = tree.body
    if body is None:
        return
    selector = '[class*="drop" i], [class*="letter" i]'
    gone: set[int] = set()  # drop caps inside one removed: decomposing an element frees what it holds
    for element in body.css(selector):
        if element.mem_id in gone or not _DROP_CAP_CLASS.search(element.attributes.get("class") or ""):
            continue
        letter = element.text(deep=True).strip()
        if not _DROP_CAP_TEXT.fullmatch(letter):
            continue
        block = element.tag in _BLOCKS
        if block and letter[-1] in _ONE_LETTER_WORDS:
            continue
        following = _text_it_begins(element, across_blocks=block)
        if following is None:
            continue
        following.replace_with(letter + (following.text_content or "").lstrip())
        gone.update(inner.mem_id for inner in element.css(selector))
        element.decompose()


def _text_it_begins(element: LexborNode, *, across_blocks: bool) -> LexborNode | None:
    """The text node the drop cap ``element`` begins: the first text after it that holds a letter, when nothing but
    whitespace between blocks (``across_blocks``) or nothing at all stands between them; else None."""
    for number, node in enumerate(_text_nodes_after(element)):
        text = node.text_content or ""
        if not text.strip():
            if not across_blocks or number >= _MAX_TEXT_NODES:
                return None
            continue
        if text[0].isspace() and not across_blocks:
            return None
        return node if text.lstrip()[0].isalpha() else None
    return None


def _text_nodes_after(element: LexborNode) -> Iterator[LexborNode]:
    """The text nodes after ``element`` (outside it), in document order."""
    current: LexborNode | None = element
    while current is not None:
        sibling = current.next
        while sibling is not None:
            if sibling.is_text_node:
                yield sibling
            elif sibling.is_element_node:
                for node in sibling.traverse(include_text=True):
                    if node.is_text_node:
                        yield node
            sibling = sibling.next
        current = current.parent
