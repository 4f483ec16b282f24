"""Cleaning that rules cannot express because it compares paragraphs with the rest of the document."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._models import Removal
from .._rules import fold_phrase

TITLE_REPEAT_WINDOW = 3

# The section or media label a page sets before or after its headline when it repeats it in the body
# ("Opinion: …", "… [Watch]", "… | Opinion", "… (Video)"). Only these labels: another prefix ("Blog: …",
# "Today: …") is as often the article's own first line as a repeat (measured on the dev sets).
_LABEL = (
    r"(?:opinion|analysis|editorial|commentary|column|exclusive|explainer|review|interview|"
    r"watch|videos?|photos?|gallery|listen|podcast|audio)"
)
_LABELLED = re.compile(
    rf"^\W*{_LABEL}\s*[:|–—-]\s*(?P<after>.+)$|^(?P<before>.+?)\s*(?:[|–—-]\s*{_LABEL}|\[{_LABEL}\]|\({_LABEL}\))\W*$",
    re.IGNORECASE,
)


def without_label(text: str) -> str:
    """The headline without a section or media label before or after it ("Opinion: X" → "X")."""
    match = _LABELLED.match(text.strip())
    if match is None:
        return text
    return match.group("after") or match.group("before") or text


#: A labelled repeat differs from the title by its label only: a longer or shorter paragraph is never one, and
#: skipping it spares the label search on every long first paragraph.
LABEL_SLACK = 30


def drop_repeated_title(paragraphs: Sequence[str], title: str | None) -> tuple[list[str], list[Removal]]:
    """The headline repeated as one of the first paragraphs is not body text (the title field keeps it), with
    or without a section or media label the title field leaves out ("Opinion: …", "… [Watch]")."""
    if not title:
        return list(paragraphs), []
    folded_title = fold_phrase(title)
    unlabelled_title: str | None = None
    kept: list[str] = []
    removed: list[Removal] = []
    for index, paragraph in enumerate(paragraphs):
        repeat = False
        if index < TITLE_REPEAT_WINDOW:
            folded = fold_phrase(paragraph)
            repeat = folded == folded_title
            if not repeat and abs(len(folded) - len(folded_title)) <= LABEL_SLACK:
                if unlabelled_title is None:
                    unlabelled_title = fold_phrase(without_label(title))
                repeat = _labelled_repeat(paragraph, folded, folded_title, unlabelled_title)
        if repeat:
            removed.append(Removal("heuristic.title-repeat", "repeated_title", "text", paragraph, index))
        else:
            kept.append(paragraph)
    return kept, removed


def _labelled_repeat(paragraph: str, folded: str, folded_title: str, unlabelled_title: str) -> bool:
    """A label on either side only: a paragraph that is the title with a label of its own, or the bare title when
    the page's title carries the label. Never an empty or one- or two-word remainder."""
    unlabelled = fold_phrase(without_label(paragraph))
    return (
        len(unlabelled.split()) >= 3
        and unlabelled == unlabelled_title
        and (unlabelled != folded or unlabelled_title != folded_title)
    )
