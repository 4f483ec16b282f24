"""Markdown text dumps read as plain paragraphs.

Scrapers that hand pages to language models (Firecrawl, Jina Reader, crawl4ai, html2text, trafilatura's own
markdown output) write Markdown, not plain text: ``# Headline``, ``[link text](https://…)``, ``**bold**``,
``![image](…)``, paragraphs wrapped over several lines. Read a line at a time, a dump like that keeps its markup
and URLs in the text, its title starts with "#", and the boilerplate rules, which match what a reader sees
("Share this:", "Related"), miss "**Share this:**" and "### Related".

A dump is read as Markdown only when it shows Markdown's syntax in two ways at least (links, images, ``#``
headings, emphasis, code fences, ``===`` underlines), or holds three links or images: a plain dump with one "*"
is read as before. Then a paragraph is what Markdown says it is (lines up to a blank line, joined), a heading or
a list item or a table row is a paragraph of its own (items keep a "- " as the extractor writes them), and the
inline markup is taken out: a link becomes its text, an image goes (its URL and alt text are markup, as an
``<img>`` is in a page), emphasis and code marks go. Every pattern is bounded, so a line of unclosed markup costs
linear time.
"""

from __future__ import annotations

import re

_LINK = r"\[([^\]\n]{1,500})\]\(\s*<?[^)\s>]{0,2000}>?(?:\s+\"[^\"\n]{0,500}\")?\s*\)"
_IMAGE = r"!\[[^\]\n]{0,500}\]\(\s*<?[^)\s>]{0,2000}>?(?:\s+\"[^\"\n]{0,500}\")?\s*\)"
_IMAGES = re.compile(_IMAGE)
_LINKS = re.compile(_LINK)
_REFERENCE_LINKS = re.compile(r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,200}\]")
_AUTOLINKS = re.compile(r"<((?:https?|mailto):[^>\s]{1,2000})>")
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)([^*\n]{1,1000}?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)([^_\n]{1,1000}?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,1000}?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<!\w)_(?=[^\s_])([^_\n]{1,1000}?)(?<=[^\s_])_(?!\w)"),
    re.compile(r"~~(?=\S)([^~\n]{1,1000}?)(?<=\S)~~"),
)
_CODE = re.compile(r"`([^`\n]{1,1000})`")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ESCAPE_BASE = 0xF0000  # Supplementary Private Use Area-A
_ESCAPES_HELD = re.compile("[\U000f0000-\U000f007f]")

_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_BULLET = re.compile(r"^\s{0,12}[*+-]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,12}(\d{1,9})[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_DIVIDER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]{1,500}\]:\s+\S")
_EMPHASIS_SIGNAL = re.compile(r"\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__")

#: Links and images that make a dump Markdown on their own.
MIN_LINKS = 3


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` shows Markdown's syntax in two ways at least, or holds ``MIN_LINKS`` links or images."""
    lines = text.splitlines()
    links = len(_LINKS.findall(text)) + len(_IMAGES.findall(text))
    if links >= MIN_LINKS:
        return True
    kinds = [
        links > 0,
        any(_ATX_HEADING.match(line) for line in lines),
        _EMPHASIS_SIGNAL.search(text) is not None,
        any(_FENCE.match(line) for line in lines),
        any(
            _SETEXT_UNDERLINE.match(line) and "=" in line and index and lines[index - 1].strip()
            for index, line in enumerate(lines)
        ),
    ]
    return sum(kinds) >= 2


def markdown_paragraphs(text: str) -> list[str]:
    """The dump's paragraphs as a reader sees them: headings, items and rows apart, prose lines joined."""
    paragraphs: list[str] = []
    prose: list[str] = []
    in_fence = False
    last_was_item = False

    def flush() -> None:
        if prose:
            paragraphs.append(_inline(" ".join(prose)))
            prose.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            last_was_item = False
            continue
        if in_fence:
            if stripped:
                paragraphs.append(stripped)
            continue
        if not stripped:
            flush()
            last_was_item = False
            continue
        if _SETEXT_UNDERLINE.match(line) and prose:
            flush()  # the lines above were a heading
            continue
        if _RULE.match(line) or _REFERENCE_DEFINITION.match(line) or _TABLE_DIVIDER.match(line):
            flush()
            continue
        heading = _ATX_HEADING.match(line)
        item = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading is not None:
            flush()
            paragraphs.append(_inline(heading.group(1)))
            last_was_item = False
        elif item is not None:
            flush()
            paragraphs.append(f"- {_inline(item.group(1))}")
            last_was_item = True
        elif numbered is not None:
            flush()
            paragraphs.append(f"{numbered.group(1)}. {_inline(numbered.group(2))}")
            last_was_item = True
        elif last_was_item and not prose and line[:1].isspace():
            paragraphs[-1] = f"{paragraphs[-1]} {_inline(stripped)}"  # an item's wrapped continuation
        elif _TABLE_ROW.match(line):
            flush()
            paragraphs.append(_inline(stripped))
            last_was_item = False
        else:
            quoted = _QUOTE.match(line)
            prose.append(quoted.group(1).strip() if quoted else stripped)
            last_was_item = False
    flush()
    return [paragraph for paragraph in paragraphs if paragraph.strip(" -")]


def _inline(text: str) -> str:
    # An escaped character is a literal: kept out of every pattern's way as a private-use character, then restored
    # (unless the text holds such characters of its own, which then stay as they are).
    held = _ESCAPES_HELD.search(text) is None
    text = _ESCAPED.sub(lambda match: chr(_ESCAPE_BASE + ord(match.group(1))) if held else match.group(1), text)
    text = _IMAGES.sub("", text)
    text = _LINKS.sub(r"\1", text)
    text = _REFERENCE_LINKS.sub(r"\1", text)
    text = _AUTOLINKS.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    if held:
        text = _ESCAPES_HELD.sub(lambda match: chr(ord(match.group(0)) - _ESCAPE_BASE), text)
    return " ".join(text.split())
