"""Text normalisation: Unicode NFC, one kind of space, no invisible characters, no empty paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Invisible characters that only break matching and word counts: zero-width space and word joiner, BOM, soft
# hyphen, and the bidirectional marks, embeddings and isolates (display hints that the extractor already drops
# from an HTML page's text, so a page and its text dump read alike). ZWNJ/ZWJ stay: they carry meaning in Persian,
# Hindi and emoji sequences.
_BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad" + _BIDI_CONTROLS), None)
_BIDI_CONTROL = re.compile(f"[{_BIDI_CONTROLS}]")
# A joiner joins only between two characters of a word or an emoji: beside a space or punctuation, or alone
# ("<p>&zwj;</p>", a page builder's empty paragraph), it joins nothing.
_UNJOINABLE = "\\s.,;:!?\"'()\\[\\]«»“”‘’—–-"
_LOOSE_JOINER = re.compile(f"(?<![^{_UNJOINABLE}])[\u200c\u200d]+|[\u200c\u200d]+(?![^{_UNJOINABLE}])")
# The other spaces (no-break, thin, ideographic, tabs...) become one plain space: ``str.split`` splits on every
# one of them, so the final split-and-join does it without a translate table.


# Control characters that are no whitespace ``str.split`` knows: never text, and a terminal acts on some (an escape
# sequence in a scraped line can retitle or clear the window of whoever prints it). trafilatura drops them from a
# page's text; a dump's lines and the DOM stage's removed boxes lose them here.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def normalize_paragraph(text: str) -> str:
    if not text.isprintable() and _CONTROL.search(text) is not None:  # isprintable: a C-speed test most text passes
        text = _CONTROL.sub("", text)
    if text.isascii():  # ASCII is already NFC and holds none of the invisible characters
        return " ".join(text.split())
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # ``translate`` with a table looks up every character from Python's C loop (a third of this function's time);
    # four substring scans and one search for the bidirectional controls are cheaper, and most text holds none.
    if (
        "\u200b" in text
        or "\u2060" in text
        or "\ufeff" in text
        or "\u00ad" in text
        or _BIDI_CONTROL.search(text) is not None
    ):
        text = text.translate(_INVISIBLE)
    if "\u200c" in text or "\u200d" in text:
        text = _LOOSE_JOINER.sub("", text)
    return " ".join(text.split())


def normalize_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    return [p for p in map(normalize_paragraph, paragraphs) if p]


def split_text_dump(text: str) -> list[str]:
    """A plain-text dump's paragraphs: one per non-empty line (blank lines between them are optional)."""
    return normalize_paragraphs(text.splitlines())


def looks_like_title(line: str) -> bool:
    """A dump's first line is a headline when it is short, names no web or mail address, and does not end like a
    sentence: in a full stop, a comma, a colon or an exclamation mark, in any script's, also inside closing quotes
    ('… “pro-Democratic.”', see ``_SENTENCE_END``). An abbreviation with dots inside ("Storm hits the U.S.", Thai
    "9-11 มี.ค.") or an ellipsis ("…", "...") ends a headline without ending a sentence. A question mark may end
    either."""
    words = line.split()
    if not 0 < len(words) <= 30 or len(line) > 250 or _ADDRESS.search(line) is not None:
        return False
    ending = line.rstrip()
    if ending.endswith("...") or (ending.endswith(".") and _DOTTED_ABBREVIATION.search(words[-1]) is not None):
        return True
    return _SENTENCE_END.search(ending) is None


# A last word of dotted pieces of at most four characters each, no digits ("U.S.", "a.m.", "มี.ค.", whose vowel
# signs are marks, not letters): one dot alone ("Inc.", "over.") may end a sentence.
_DOTTED_ABBREVIATION = re.compile(r"^\W*(?:[^\s.\d]{1,4}\.){2,}$")
# The full stop, comma, semicolon, colon and exclamation mark of the Latin, CJK (and fullwidth), Arabic, Devanagari,
# Urdu and Ethiopic scripts; all but the exclamation mark also inside closing quotes (a headline may end on a quoted
# cry: '… kidnapping victim: "We got her!"').
_SENTENCE_END = re.compile("(?:[.,;:。．｡，、；：،؛।॥۔።፣][\"'”’»」』]*|[!！])$")
# What a headline does not hold and a dump's first line of contact details or a review's fact box does ("More
# info: www.example.net | +49 …").
_ADDRESS = re.compile(r"https?://|\bwww\.\w|\w@\w[\w-]*\.\w")


#: A dump that opens with one of these tags (or a doctype or a comment) and closes a tag somewhere is HTML: prose
#: does not start with a tag.
_OPENING_TAG = re.compile(
    r"\s*(?:<!doctype\s+html|<!--|<(?:html|head|body|main|article|section|header|div|span|p|h[1-6]|ul|ol|li|table"
    r"|figure|blockquote|pre|a|img|br|strong|em|b|i)[\s>/])",
    re.IGNORECASE,
)
_CLOSING_TAG = re.compile(r"</[a-z][a-z0-9]*\s*>", re.IGNORECASE)
#: A fragment may open with any other element (a ``<style>`` or ``<script>`` block, an embed, a ``<nav>``) or an XML
#: declaration; it is HTML when it also closes a block of text somewhere. Only that: a plain dump whose first line is
#: an embed's tag (``<iframe …></iframe>``) and then prose is still a dump.
_OTHER_OPENING_TAG = re.compile(
    r"\s*(?:<\?xml\b|<(?:abbr|address|area|aside|audio|base|bdi|bdo|button|canvas|caption|center|cite|code|col"
    r"|colgroup|data|datalist|dd|del|details|dfn|dialog|dl|dt|embed|fieldset|figcaption|font|footer|form|hgroup|hr"
    r"|iframe|input|ins|kbd|label|legend|link|map|mark|menu|meta|meter|nav|noscript|object|optgroup|option|output"
    r"|param|picture|progress|q|rp|rt|ruby|s|samp|script|search|select|small|source|style|sub|summary|sup|svg|tbody"
    r"|td|template|textarea|tfoot|th|thead|time|title|tr|track|tt|u|var|video|wbr)[\s>/])",
    re.IGNORECASE,
)
_CLOSING_TEXT_BLOCK = re.compile(
    r"</(?:p|div|h[1-6]|li|article|section|main|blockquote|td|dd|figcaption|pre|table|ul|ol|body|html)\s*>",
    re.IGNORECASE,
)


_TAG_START = re.compile(r"<[a-z!?/]", re.IGNORECASE)


def holds_no_markup(text: str) -> bool:
    """Whether a page is plain text: nothing in it opens a tag, a comment or a declaration ("a < b" and "<3" do
    not)."""
    return _TAG_START.search(text) is None


def looks_like_html_dump(text: str) -> bool:
    """Whether a text dump is HTML: it opens with a tag and closes one (the ``content`` field of many scraped
    records holds the article's HTML), or opens with another element and closes a block of text."""
    start = text.lstrip("\ufeff")
    if _OPENING_TAG.match(start) is not None:
        return _CLOSING_TAG.search(text) is not None
    return _OTHER_OPENING_TAG.match(start) is not None and _CLOSING_TEXT_BLOCK.search(text) is not None
