"""A dump's kicker: the section label or flag printed above the headline ("Politics", "BREAKING NEWS").

A scraper's dump of a page keeps the kicker as its first line, and the first line of a dump is read as its title.
By shape alone a kicker and a short headline are the same (a few words, no full stop), so a first line is taken
for a kicker only on evidence that the line below it is the headline: it is the title the caller gave, or the
words of the URL's slug (the path segment of the most words, which most sites make from the headline, an id
possibly after it) are in it and not in the first line. The kicker is removed, with a record, and the headline
becomes the title. Capitals are no evidence: a headline in capitals above a subheading is as common as a flag
("BREAKING NEWS") above a headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from ._models import Removal
from ._normalize import looks_like_title
from ._rules import fold_phrase

RULE = "heuristic.kicker"
MAX_KICKER_WORDS = 4
#: A slug of fewer words ("/news/12345", "/story") names no headline.
MIN_SLUG_WORDS = 3
#: The share of the slug's words the headline holds, and at most that a kicker may hold.
HEADLINE_SLUG_SHARE = 0.6
KICKER_SLUG_SHARE = 0.34

_WORD = re.compile(r"[^\W_]+")


def drop_kicker(
    paragraphs: list[str], *, url: str | None, titles: Iterable[str] = ()
) -> tuple[list[str], list[Removal]]:
    """``paragraphs`` without a kicker above the headline on its first line, and its removal record; ``titles`` are
    the caller's title and its readings without the site's name, when a title was given (the line below the kicker
    is then the headline when it is one of them)."""
    if len(paragraphs) < 3:  # a kicker, a headline and a body
        return paragraphs, []
    kicker, headline = paragraphs[0], paragraphs[1]
    if len(kicker.split()) > MAX_KICKER_WORDS or len(headline.split()) <= len(kicker.split()):
        return paragraphs, []
    if not (looks_like_title(kicker) and looks_like_title(headline)):
        return paragraphs, []
    if fold_phrase(headline) in {fold_phrase(title) for title in titles} or _slug_names(headline, kicker, url):
        return paragraphs[1:], [Removal(RULE, "heading", "text", kicker, 0)]
    return paragraphs, []


def _slug_names(headline: str, kicker: str, url: str | None) -> bool:
    slug = _slug_words(url)
    if len(slug) < MIN_SLUG_WORDS:
        return False
    return _share(slug, headline) >= HEADLINE_SLUG_SHARE and _share(slug, kicker) < KICKER_SLUG_SHARE


def _slug_words(url: str | None) -> list[str]:
    if not url:
        return []
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return []
    # The segment of the most words: an id or a page number may follow the slug ("/council-approves-budget/123").
    segments = [
        [word for word in _WORD.findall(segment.rsplit(".", 1)[0].lower()) if not word.isdigit()]
        for segment in path.split("/")
    ]
    return max(segments, key=len, default=[])


def _share(slug: list[str], line: str) -> float:
    words = set(_WORD.findall(line.lower()))
    return sum(word in words for word in slug) / len(slug)
