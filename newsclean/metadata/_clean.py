"""Shared clean-up for scraped metadata strings: entities, Unicode, whitespace, stray quotes."""

from __future__ import annotations

import functools
import html
import re
from typing import Any

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
    """Each character sequence that is UTF-8 decoded as Latin-1 or cp1252, decoded again; the rest unchanged."""
    return _MOJIBAKE.sub(_redecode, text) if _MOJIBAKE.search(text) else text


def _redecode(match: re.Match[str]) -> str:
    for encoding in ("cp1252", "latin-1"):
        try:
            return match.group().encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
    return match.group()


def normalize_quotes(text: str) -> str:
    """TeX-style doubled quotes become typographic ones. Quotes wrapping the whole headline stay: a headline in
    quotes is someone's words ("“I think a lot of women lift for the same reason I do”"), as the page prints it."""
    return _DOUBLED_QUOTES.sub(lambda m: "“" if m.group() == "``" else "”", text)


# ASCII bytes that are neither letters nor digits, deleted in one C call on ASCII text (most keys).
_ASCII_NOT_ALNUM = bytes(byte for byte in range(128) if not chr(byte).isalnum())


# The resolvers fold the same few words and titles many times per page (about ten calls per distinct string),
# so a bounded memo of this pure function pays; it cannot change a result.
@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """A comparison key: case-folded, letters and digits only."""
    if text.isascii():  # ``casefold`` is ``lower`` on ASCII
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return "".join(ch for ch in text.casefold() if ch.isalnum())
