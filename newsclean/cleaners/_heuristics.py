"""Cleaning that rules cannot express because it compares paragraphs with the rest of the document."""

from __future__ import annotations

from collections.abc import Sequence

from .._models import Removal
from .._rules import fold_phrase
from ..metadata._title import strip_media_tag

TITLE_REPEAT_WINDOW = 3


def drop_repeated_title(paragraphs: Sequence[str], title: str | None) -> tuple[list[str], list[Removal]]:
    """The headline repeated as one of the first paragraphs is not body text (the title field keeps it)."""
    if not title:
        return list(paragraphs), []
    folded_title = fold_phrase(title)
    kept: list[str] = []
    removed: list[Removal] = []
    for index, paragraph in enumerate(paragraphs):
        # The page may repeat the headline with the media tag the title drops ("… (video)").
        if index < TITLE_REPEAT_WINDOW and folded_title in (
            fold_phrase(paragraph),
            fold_phrase(strip_media_tag(paragraph)),
        ):
            removed.append(Removal("heuristic.title-repeat", "repeated_title", "text", paragraph))
        else:
            kept.append(paragraph)
    return kept, removed
