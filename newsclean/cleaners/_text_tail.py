"""Teaser headlines left at the end of an article.

Extraction often carries over the first links of a "more stories" box that has lost its heading: a few
headline-shaped lines (title case, no closing punctuation) after the last sentence of the piece. One such
line can be the article's own closing subheading; a run of them at the very end is a list of other
stories. Unless a line ending with a colon announces them ("Here are the books they recommend most:"): then
they are the article's own list. A furniture heading that ends so ("Read more:") is the rule packs' to remove, and
they run first. Nor when every line of the run starts with the same word: that is a list the article sets out in
one pattern ("Best Director Sean Baker for Anora", "Best Actress Mikey Madison for Anora"), where other stories'
headlines each start their own way.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2

from .._models import Removal

RULE = "heuristic.trailing-teasers"
CATEGORY = "related"
#: A run shorter than this may be the article's last subheading or sign-off.
MIN_RUN = 2
#: Headline length in words.
MIN_WORDS, MAX_WORDS = 4, 20
#: Share of the words that start with a capital letter (of those that start with a letter).
CAPITALISED_SHARE = 0.6

_SENTENCE_END = re2.compile(r"[.!?:;,\"”)\]]$")
#: How a list item or a table row starts: content the page lays out that way, not a teaser or a prose paragraph.
LAYOUT_START = ("-", "|", "*", "•", "–", "—")


def is_headline_shaped(paragraph: str) -> bool:
    text = paragraph.strip()
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or text.startswith(LAYOUT_START) or _SENTENCE_END.search(text):
        return False
    lettered = [word for word in words if word[:1].isalpha()]
    capitalised = sum(word[:1].isupper() for word in lettered)
    return bool(lettered) and capitalised >= CAPITALISED_SHARE * len(words)


def drop_trailing_teasers(paragraphs: Sequence[str]) -> tuple[list[str], list[Removal]]:
    """Drop the run of headline-shaped lines that ends the text, when it is a run and not the whole text."""
    start = len(paragraphs)
    while start > 0 and is_headline_shaped(paragraphs[start - 1]):
        start -= 1
    run = len(paragraphs) - start
    # The run must follow more text than it holds: a page of nothing but headlines is not a teaser box.
    if run < MIN_RUN or start < run or _announced(paragraphs, start) or _same_first_word(paragraphs[start:]):
        return list(paragraphs), []
    removed = [Removal(RULE, CATEGORY, "text", paragraphs[index], index) for index in range(start, len(paragraphs))]
    return list(paragraphs[:start]), removed


def _announced(paragraphs: Sequence[str], start: int) -> bool:
    """Whether the list the run at ``start`` ends is announced by a line ending with a colon, before the run or
    before the list's other items (short lines that end no sentence, such as "Klara and the Sun by Kazuo
    Ishiguro", whose words are too few capitalised to be headline-shaped)."""
    index = start - 1
    while index >= 0 and _is_list_item(paragraphs[index]):
        index -= 1
    return index >= 0 and paragraphs[index].rstrip().endswith(":")


def _same_first_word(run: Sequence[str]) -> bool:
    """Whether every line of the run starts with the same word (compared without case): a list's items ("Best
    Director …", "Best Actress …"), not a box of other stories."""
    return len({paragraph.split()[0].casefold() for paragraph in run}) == 1


def _is_list_item(paragraph: str) -> bool:
    text = paragraph.strip()
    return 0 < len(text.split()) <= MAX_WORDS and _SENTENCE_END.search(text) is None
