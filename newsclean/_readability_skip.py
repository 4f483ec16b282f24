"""When trafilatura's comparison with readability cannot change its choice, readability need not run.

After its main pass, trafilatura runs readability on the page and keeps its own text unless readability's pick
wins one of the tests of ``_prefer_readability``. In the default ("balanced") mode those tests are: its own text
is empty; the pick is more than twice as long; its own text has no paragraph text or more tables than
paragraphs (newsclean adds a fourth, after the wild-text fallback: ``_trafilatura_fallback``). readability only
selects and rearranges the page's elements, so its text is never longer than the page's own text. When that is
at most twice trafilatura's text, and the other tests fail on trafilatura's text alone, readability loses
whatever it picks: its run, about a tenth of newsclean's time, is skipped and the result is the same. See
docs/dom.md, "Readability that cannot win is not run".
"""

from __future__ import annotations

from typing import Any

from lxml import etree

#: readability's pick must be more than this many times as long as trafilatura's text to replace it.
LENGTH_FACTOR = 2


def readability_cannot_win(raw_tree: Any, body: Any, text: str, options: Any) -> bool:
    """Whether trafilatura keeps ``body`` (its text ``text``) whatever readability picks from ``raw_tree``, by
    its own tests in the default mode."""
    if getattr(options, "focus", None) != "balanced" or not text:
        return False
    if not has_paragraph_text(body) or len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    limit = LENGTH_FACTOR * len(text)
    # The looser bound, read in C, settles most pages (885 of the 1,218 the gold sets send here) in half the time
    # of the exact one, which makes a Python string of every text node.
    return loose_text_length_bound(raw_tree) <= limit or text_length_bound(raw_tree) <= limit


def has_paragraph_text(body: Any) -> bool:
    """Whether XPath ``.//p//text()`` finds anything in ``body``, without building that node-set: libxml2 merges
    the text nodes of every ``<p>`` into one set with a duplicate check, which grows with the square of their
    number (0.9 s for 32,000 paragraphs), where this stops at the first paragraph with a text node."""
    for paragraph in body.iterdescendants("p"):
        if paragraph.text is not None:
            return True
        for descendant in paragraph.iterdescendants():
            if descendant.tail is not None or (isinstance(descendant.tag, str) and descendant.text is not None):
                return True
    return False


def text_length_bound(tree: Any) -> int:
    """An upper bound on the length of any text made of ``tree``'s elements, whitespace collapsed as trafilatura's
    ``trim`` does: a space between every two text nodes counts each separator a rearrangement can add."""
    return len(" ".join(" ".join(tree.itertext()).split()))


def loose_text_length_bound(tree: Any) -> int:
    """A bound at least ``text_length_bound(tree)``, read by libxml2 without a Python string per text node: the
    characters of the text nodes (``itertext`` reads the same ones, and neither reads comments or processing
    instructions), and a separator for each, since each string ``itertext`` gives is one text node or more.
    Collapsing whitespace never lengthens a text."""
    text = etree.tostring(tree, method="text", encoding="unicode", with_tail=False)
    return len(text) + int(tree.xpath("count(descendant::text())"))
