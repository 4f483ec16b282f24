"""Shared clean-up for scraped metadata strings: entities, Unicode, whitespace, stray quotes."""

from __future__ import annotations

import html
import re
from typing import Any

from .._normalize import normalize_paragraph

_DOUBLED_QUOTES = re.compile(r"``|''")
_WRAPPING_QUOTES = (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("«", "»"), ("„", "“"))


def clean_string(value: Any) -> str | None:
    """A metadata string as readers expect it: entities decoded (twice-escaped ones too), NFC, one space."""
    if not isinstance(value, str):
        return None
    text = value
    for _ in range(2):  # "&amp;#8217;" is common in meta tags
        if "&" not in text:
            break
        text = html.unescape(text)
    text = normalize_paragraph(text)
    return text or None


def normalize_quotes(text: str) -> str:
    """TeX-style doubled quotes become typographic ones; quotes wrapping the whole string are dropped."""
    text = _DOUBLED_QUOTES.sub(lambda m: "“" if m.group() == "``" else "”", text)
    for opening, closing in _WRAPPING_QUOTES:
        inner = text[len(opening) : -len(closing)]
        if (
            len(text) > 2
            and text.startswith(opening)
            and text.endswith(closing)
            and opening not in inner
            and closing not in inner
        ):
            return inner.strip()
    return text


def fold(text: str) -> str:
    """A comparison key: case-folded, letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
