"""The list of link targets a text browser prints under a dump, and the link numbers it puts in the text.

``lynx -dump`` numbers every link in the text ("approve the [1]new budget") and lists the targets at the end,
under a "References" heading ("   1. https://news.example.com/budget"), the list split into "Visible links" and
"Hidden links:" in some versions. Neither is the article's: the list goes, as one removal, and so do the numbers
in the text of the links it lists (lynx's markup, as a link's tag is a page's). A list under that heading that is
not all numbered addresses is the writer's, and stays, and so is one without lynx's "Visible links" / "Hidden
links:" subheadings whose links are not, half of them at least, marked in the text as lynx marks them (the number
right before the link's text: a writer cites a source as "… [1]."); a writer's citations stay, whatever their
number.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ._models import Removal

RULE = "dump.link-references"
HEADING = "References"
_TARGET = re.compile(r"\s*(\d{1,5})\. [a-zA-Z][a-zA-Z0-9+.-]{0,20}:\S*\s*")
_SUBHEADING = re.compile(r"\s*(Visible links|Hidden links):?\s*")
#: lynx's mark: the number right before the link's text (a word, a quote, an image's "[IMG]"), not a writer's
#: citation, which a space or punctuation follows ("… [1].").
_MARKED_LINK = re.compile(r"\[(\d{1,5})\](?=[^\W_]|[\[“‘\"'(])")


class LinkReferences(NamedTuple):
    body: str
    #: The link numbers the list explains, as written.
    numbers: frozenset[str]
    removal: Removal


def split_link_references(text: str) -> LinkReferences | None:
    """``text`` without the link list a text browser printed at its end, and the removal of that list; None when
    it ends with no such list."""
    if HEADING not in text:
        return None
    lines = text.splitlines()
    heading = next((index for index in range(len(lines) - 1, -1, -1) if lines[index].strip() == HEADING), None)
    if heading is None:
        return None
    numbers: set[str] = set()
    visible: set[str] = set()  # listed before "Hidden links": lynx marked them in the text
    hidden = False
    subheadings = 0  # lynx's own words: with them the list is lynx's, marked in the text or not
    for line in lines[heading + 1 :]:
        if target := _TARGET.fullmatch(line):
            numbers.add(target.group(1))
            if not hidden:
                visible.add(target.group(1))
        elif subheading := _SUBHEADING.fullmatch(line):
            hidden = subheading.group(1) == "Hidden links"
            subheadings += 1
        elif line.strip():
            return None
    # A writer's own list of addresses under "References" has no marks in the text, or not lynx's: its number
    # right before the link's text.
    body = "\n".join(lines[:heading])
    marked = {marker.group(1) for marker in _MARKED_LINK.finditer(body)} & visible
    if subheadings == 0 and (not visible or 2 * len(marked) < len(visible)):
        return None
    listed = " ".join(" ".join(line.split()) for line in lines[heading:] if line.strip())
    return LinkReferences(body, frozenset(numbers), Removal(RULE, "widget", "text", listed))


def drop_link_numbers(paragraphs: list[str], numbers: frozenset[str]) -> list[str]:
    """``paragraphs`` without lynx's marks of the links in ``numbers``; taken out once the dump's lines are joined,
    as the wrap was measured with them. A writer's citation of the same number ("… [1].") stays."""
    return [
        _MARKED_LINK.sub(lambda marker: "" if marker.group(1) in numbers else marker.group(0), paragraph)
        for paragraph in paragraphs
    ]
