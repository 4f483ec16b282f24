"""The list of link targets a text browser prints under a dump, and the link numbers it puts in the text.

``lynx -dump`` numbers every link in the text ("approve the [1]new budget") and lists the targets at the end,
under a "References" heading ("   1. https://news.example.com/budget"), the list split into "Visible links:" and
"Hidden links:" in some versions, all three in the reader's language (``LYNX_LABELS``). Neither is the article's:
the list goes, as one removal, and so do the numbers in the text of the links it lists (lynx's markup, as a
link's tag is a page's). A list under that heading that is not all numbered addresses is the writer's, and stays,
and so is one without lynx's subheadings whose links are not, half of them at least, marked in the text as lynx
marks them (the number right before the link's text: a writer cites a source as "… [1]."); a writer's citations
stay, whatever their number.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ._models import Removal

RULE = "dump.link-references"
#: lynx's words for the list's heading and its two parts, in every language its message catalogs translate them
#: to (lynx 2.9.0: References, Visible links:, Hidden links:); lynx writes them in the reader's locale.
LYNX_LABELS = {
    "ca": ("Referències", "Enllaços visibles:", "Enllaços ocults:"),
    "cs": ("Reference", "Viditelné odkazy:", "Skryté odkazy:"),
    "da": ("Henvisninger", "Synlige links:", "Skjulte links:"),
    "de": ("Verweise", "Sichtbare Links:", "Versteckte Links:"),
    "en": ("References", "Visible links:", "Hidden links:"),
    "eo": ("Referencoj", "Videblaj ligiloj:", "Kaŝitaj ligiloj:"),
    "et": ("Viited", "Nähtavad viited:", "Peidetud viited:"),
    "fi": ("Viitteet", "Näkyvät linkit:", "Piilotetut linkit:"),
    "fr": ("Références", "Liens visibles :", "Liens cachés :"),
    "hu": ("Hivatkozások", "Látható hivatkozás:", "Rejtett hivatkozás:"),
    "id": ("Referensi", "Sambungan yang terlihat:", "Sambungan tersembunyi:"),
    "it": ("Riferimenti", "Collegamenti visibili:", "Collegamenti nascosti:"),
    "ja": ("参照", "見えるリンク:", "隠されたリンク:"),
    "nl": ("Referenties", "Zichtbare links:", "Verborgen links:"),
    "pt_BR": ("Referências", "Ligações visíveis:", "Ligações escondidas:"),
    "ru": ("Ссылки", "Видимых ссылок:", "Скрытых ссылок:"),
    "sl": ("Sklici", "Visible links:", "Skrite povezave:"),
    "sv": ("Referenser", "Besökta länkar:", "Dolda länkar:"),
    "tr": ("Referanslar", "Görünür linkler:", "Gizli Linkler:"),
    "uk": ("Посилання", "Видимі посилання:", "Приховані посилання:"),
    "vi": ("Tham chiếu", "Liên kết hiển thị:", "Liên kết ẩn:"),
    "zh_TW": ("References", "不隱藏的鏈結：", "隱藏的鏈結："),
}


def _label(text: str) -> str:
    """A label as compared: casefolded, its colon (of any width, with a space before it or not) dropped; older
    lynx versions wrote "Visible links" without one."""
    return text.strip().rstrip(":：").strip().casefold()


_HEADINGS = frozenset(_label(heading) for heading, _, _ in LYNX_LABELS.values())
_VISIBLE = frozenset(_label(visible) for _, visible, _ in LYNX_LABELS.values())
_HIDDEN = frozenset(_label(hidden) for _, _, hidden in LYNX_LABELS.values())
_SUBHEADINGS = _VISIBLE | _HIDDEN
_TARGET = re.compile(r"\s*(\d{1,5})\. [a-zA-Z][a-zA-Z0-9+.-]{0,20}:\S*\s*")
#: A line of lynx's placeholders for images without a text ("[x.png]", "[IMG]").
_IMAGE_PLACEHOLDERS = re.compile(r"\s*(?:\[[^\]\s]{1,100}\]\s*)+")
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
    # Most dumps end in prose: their last line says so without the whole text split into lines.
    tail = text.rstrip()
    tail = tail[max(tail.rfind("\n"), tail.rfind("\r")) + 1 :]
    last = tail.splitlines()[-1] if tail else tail  # the line separators splitlines knows besides these two
    if not (_TARGET.fullmatch(last) or _label(last) in _SUBHEADINGS):
        return None
    lines = text.splitlines()
    # From the end: the list's lines, then its heading; anything else first means there is no list.
    heading = len(lines) - 1
    while heading >= 0 and (
        not lines[heading].strip() or _TARGET.fullmatch(lines[heading]) or _label(lines[heading]) in _SUBHEADINGS
    ):
        heading -= 1
    if heading < 0 or _label(lines[heading]) not in _HEADINGS:
        return None
    numbers: set[str] = set()
    visible: set[str] = set()  # listed before the hidden links: lynx marked them in the text
    hidden = False
    subheadings = 0  # lynx's own words: with them the list is lynx's, marked in the text or not
    for line in lines[heading + 1 :]:
        if target := _TARGET.fullmatch(line):
            numbers.add(target.group(1))
            if not hidden:
                visible.add(target.group(1))
        elif line.strip():
            hidden = _label(line) in _HIDDEN
            subheadings += 1
    # A writer's own list of addresses under "References" has no marks in the text, or not lynx's: its number
    # right before the link's text.
    body = "\n".join(lines[:heading])
    marked = {marker.group(1) for marker in _MARKED_LINK.finditer(body)} & visible
    if not numbers or (subheadings == 0 and (not visible or 2 * len(marked) < len(visible))):
        return None
    listed = " ".join(" ".join(line.split()) for line in lines[heading:] if line.strip())
    return LinkReferences(body, frozenset(numbers), Removal(RULE, "widget", "text", listed))


def drop_link_numbers(paragraphs: list[str], numbers: frozenset[str]) -> list[str]:
    """``paragraphs`` without lynx's marks of the links in ``numbers``, taken out once the dump's lines are joined
    (the wrap was measured with them), and without the lines lynx writes for images ("[x.png]", "[IMG]"). A
    writer's citation of the same number ("… [1].") stays."""
    unmarked = [
        _MARKED_LINK.sub(lambda marker: "" if marker.group(1) in numbers else marker.group(0), paragraph)
        for paragraph in paragraphs
    ]
    return [paragraph for paragraph in unmarked if not _IMAGE_PLACEHOLDERS.fullmatch(paragraph)]
