"""The article's text extracted twice.

Some pages carry their article twice (a copy for another layout, a print or app version left in the markup),
and the extractor takes both copies. One repeated paragraph can be the article's own (a refrain, a disclaimer
quoted twice), and so can a list shown twice (the picks at the top and again at the end); but a run of
paragraphs that each repeat an earlier one verbatim, holding several long prose paragraphs, is the second copy.
The first copy stays; the run goes, with a removal record for each paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._models import Removal
from ._text_tail import LAYOUT_START

RULE = "heuristic.repeated-block"
CATEGORY = "repeated_block"
#: A repeated paragraph counts towards a block from this many words: short lines ("Pros", a date, a heading)
#: repeat in any article, and only come along inside a block.
MIN_WORDS = 8
#: A block holds at least this many repeated prose paragraphs.
MIN_BLOCK = 4


def drop_repeated_blocks(paragraphs: Sequence[str], title: str | None = None) -> tuple[list[str], list[Removal]]:
    """Drop each run of paragraphs repeating earlier ones (or the title, which the first copy began with) that
    holds ``MIN_BLOCK`` repeated prose paragraphs."""
    seen: set[str] = {title} if title else set()
    repeated: list[bool] = []
    for paragraph in paragraphs:
        repeated.append(paragraph in seen)
        seen.add(paragraph)
    doomed: list[int] = []
    start = 0
    while start < len(paragraphs):
        end = start
        while end < len(paragraphs) and repeated[end]:
            end += 1
        if sum(_is_prose(paragraphs[index]) for index in range(start, end)) >= MIN_BLOCK:
            doomed.extend(range(start, end))
        start = end + 1
    if not doomed:
        return list(paragraphs), []
    dropped = set(doomed)
    kept = [paragraph for index, paragraph in enumerate(paragraphs) if index not in dropped]
    return kept, [Removal(RULE, CATEGORY, "text", paragraphs[index], index) for index in doomed]


def _is_prose(paragraph: str) -> bool:
    # list items and table rows do not count: a page may show the same list twice, and both are its text
    return len(paragraph.split()) >= MIN_WORDS and not paragraph.startswith(LAYOUT_START)
