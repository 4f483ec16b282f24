"""Shared clean-up for scraped metadata strings: entities, Unicode, whitespace, stray quotes."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from .._memo import memo_of_short_strings
from .._normalize import normalize_paragraph

_DOUBLED_QUOTES = re.compile(r"``|''")
# UTF-8 decoded as Latin-1 or cp1252 ("Investorâ€™s", "JOHNSONâ\x80\x99S"): a lead byte's character followed by
# continuation bytes' characters.
_CONTINUATION = "[\u0080-\u00bf\u20ac\u201a-\u2122\u0152-\u0178\u02c6\u02dc]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4]{_CONTINUATION}{{1,3}}")


def clean_string(value: Any) -> str | None:
    """A metadata string as readers expect it: entities decoded (twice-escaped ones too), NFC, one space."""
    if not isinstance(value, str):
        return None
    text = value
    for _ in range(2):  # "&amp;#8217;" is common in meta tags
        if "&" not in text:
            break
        text = html.unescape(text)
    text = normalize_paragraph(_repair_mojibake(text))
    return text or None


def _repair_mojibake(text: str) -> str:
    """Each character sequence that is UTF-8 decoded as Latin-1 or cp1252, decoded again; the rest unchanged.

    A letter followed by typographic punctuation can look like such a sequence: German "Spaß“" re-decodes to an
    NKo letter, "Café…”" to a CJK ideograph. So a repair must give what mojibake of Western text gives (Latin
    letters, accents, punctuation, symbols), or letters of the script written beside them (a whole Cyrillic or
    Chinese title read as Latin-1); otherwise the sequence is the page's own text.
    """
    if not _MOJIBAKE.search(text):
        return text
    pieces: list[str] = []
    repairs: list[tuple[int, str]] = []  # (index in pieces, the sequence as written)
    last = 0
    for match in _MOJIBAKE.finditer(text):
        pieces.append(text[last : match.start()])
        decoded = _redecode(match)
        if decoded != match.group():
            repairs.append((len(pieces), match.group()))
        pieces.append(decoded)
        last = match.end()
    pieces.append(text[last:])
    # Neighbours are judged as repaired, so each letter of a mojibake Cyrillic word confirms the next one.
    rejected = [(index, written) for index, written in repairs if not _plausible_repair(pieces, index)]
    for index, written in rejected:
        pieces[index] = written
    return "".join(pieces)


def _redecode(match: re.Match[str]) -> str:
    for encoding in ("cp1252", "latin-1"):
        try:
            return match.group().encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
    return match.group()


# What mojibake of Western text repairs to, whatever surrounds it: Latin letters (Latin-1, Extended-A and -B:
# "ł", "ș", "ơ"; Extended Additional: Vietnamese "ế"), combining accents, punctuation and symbols (’ … € ™ →),
# CJK punctuation and emoji. Not IPA letters (U+0250–U+02AF): "É”" would give "ɔ".
_PLAUSIBLE_ANYWHERE = (
    (0x0000, 0x0250),
    (0x0300, 0x0370),
    (0x1E00, 0x1F00),
    (0x2000, 0x2C00),
    (0x3000, 0x3040),
    (0x1F000, 0x110000),
)
# Scripts written together: a Japanese word mixes kana and kanji.
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "IDEOGRAPHIC": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK"}


def _plausible_repair(pieces: list[str], index: int) -> bool:
    """Whether the repaired sequence ``pieces[index]`` reads as text: each character one that Western mojibake
    gives, or of the script of the nearest letter before or after it."""
    odd_scripts = {_script(ch) for ch in pieces[index] if not _plausible_anywhere(ch)}
    if not odd_scripts:
        return True
    neighbours = {_script(ch) for ch in (_nearest_letter(pieces, index, -1), _nearest_letter(pieces, index, 1)) if ch}
    return odd_scripts <= neighbours


def _plausible_anywhere(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code < high for low, high in _PLAUSIBLE_ANYWHERE)


def _script(ch: str) -> str:
    """The script a character belongs to, as the first word of its Unicode name gives it ("CYRILLIC", "NKO").
    IPA letters are named "LATIN" but are no Latin text's letters."""
    if 0x0250 <= ord(ch) < 0x02B0:
        return "IPA"
    first = unicodedata.name(ch, "?").split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(first, first)


def _nearest_letter(pieces: list[str], index: int, step: int) -> str:
    """The first letter before (``step`` -1) or after (1) ``pieces[index]``; "" when there is none."""
    position = index + step
    while 0 <= position < len(pieces):
        letters = [ch for ch in pieces[position] if ch.isalpha()]
        if letters:
            return letters[-1] if step < 0 else letters[0]
        position += step
    return ""


def normalize_quotes(text: str) -> str:
    """TeX-style doubled quotes become typographic ones. Quotes wrapping the whole headline stay: a headline in
    quotes is someone's words ("“I think a lot of women lift for the same reason I do”"), as the page prints it."""
    return _DOUBLED_QUOTES.sub(lambda m: "“" if m.group() == "``" else "”", text)


# ASCII bytes that are neither letters nor digits, deleted in one C call on ASCII text (most keys).
_ASCII_NOT_ALNUM = bytes(byte for byte in range(128) if not chr(byte).isalnum())


# The resolvers fold the same few words and titles many times per page (about ten calls per distinct string),
# so a bounded memo of this pure function pays; it cannot change a result. Names and titles are shorter than 256
# characters; a long string, folded once, would only hold memory.
@memo_of_short_strings(maxsize=4096, max_chars=256)
def fold(text: str) -> str:
    """A comparison key: case-folded, letters and digits only."""
    if text.isascii():  # ``casefold`` is ``lower`` on ASCII
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return "".join(ch for ch in text.casefold() if ch.isalnum())
