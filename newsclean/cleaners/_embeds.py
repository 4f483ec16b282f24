"""Embedded social posts that extraction flattens into the article text.

A tweet embedded in a page is a ``<blockquote>`` whose text the extractor keeps: the post's words, often
ending in a ``pic.twitter.com/…`` link, then an attribution line "— Jane Doe (@janedoe) December 20, 2023".
Neither is the article's text. The attribution line is unambiguous, so the paragraph just before it (the
post itself) goes with it when it is post-sized; a lone ``pic.twitter.com`` paragraph is a post whose
attribution was lost.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2

from .._models import Removal

RULE = "heuristic.embedded-post"
CATEGORY = "widget"
#: A post is at most 280 characters (about 55 words); a longer paragraph before an attribution is article text.
MAX_POST_WORDS = 70

_DATE = r"([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})"
# "— Name (@handle) Month D, YYYY", as Twitter's embed code writes it (the dash is part of the markup).
_ATTRIBUTION = re2.compile(r"^\W{0,3}[—–-]\s*[^\n]{1,80}\(@\w{1,30}\)\s+" + _DATE + r"\s*$")
_PICTURE_LINK = re2.compile(r"\bpic\.twitter\.com/\w+")


def embedded_post_indices(paragraphs: Sequence[str]) -> list[int]:
    """Indices of the paragraphs that belong to embedded posts, in order."""
    found: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        if _ATTRIBUTION.search(paragraph):
            found.add(index)
            before = index - 1
            if (
                before >= 0
                and before not in found
                and len(paragraphs[before].split()) <= MAX_POST_WORDS
                and not _ATTRIBUTION.search(paragraphs[before])
            ):
                found.add(before)
        elif len(paragraph.split()) <= MAX_POST_WORDS and _PICTURE_LINK.search(paragraph):
            found.add(index)
    return sorted(found)


def drop_embedded_posts(paragraphs: Sequence[str]) -> tuple[list[str], list[Removal]]:
    """The paragraphs without the embedded posts, and a removal record for each post paragraph."""
    drop = set(embedded_post_indices(paragraphs))
    kept = [paragraph for index, paragraph in enumerate(paragraphs) if index not in drop]
    removed = [Removal(RULE, CATEGORY, "text", paragraphs[index]) for index in sorted(drop)]
    return kept, removed
