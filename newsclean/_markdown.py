"""Markdown text dumps read as plain paragraphs.

Scrapers that hand pages to language models (Firecrawl, Jina Reader, crawl4ai, html2text, trafilatura's own
markdown output) write Markdown, not plain text: ``# Headline``, ``[link text](https://…)``, ``**bold**``,
``![image](…)``, paragraphs wrapped over several lines. Read a line at a time, a dump like that keeps its markup
and URLs in the text, its title starts with "#", and the boilerplate rules, which match what a reader sees
("Share this:", "Related"), miss "**Share this:**" and "### Related".

A dump is read as Markdown only when it shows Markdown's syntax in two ways at least (links, images, ``#``
headings, emphasis, code fences, ``===`` underlines), or holds three links or images, or opens with a ``#`` heading
("# Headline": no plain dump starts so, while "#1 …" and "#hashtag" are no heading): a plain dump with one "*"
is read as before. Then a paragraph is what Markdown says it is (lines up to a blank line, joined), a heading or
a list item or a table row is a paragraph of its own (items keep a "- " as the extractor writes them), and the
inline markup is taken out: a link becomes its text, an image goes (its URL and alt text are markup, as an
``<img>`` is in a page), and so does a link left empty by its image (a linked logo), emphasis and code marks go.
Every pattern is bounded, so a line of unclosed markup costs linear time.

Some writers put no blank line between paragraphs (trafilatura's Markdown, a dump converted a line a paragraph):
joined, such a dump became one paragraph. When no blank line stands between two prose lines (leaving out the blank
after the first block, a headline or a scraper's header) and few prose lines look continued on the next (they end
no sentence and the next starts in lower case, as a soft-wrapped paragraph's do), each prose line is a paragraph.
"""

from __future__ import annotations

import re

_LINK = r"\[([^\]\n]{1,500})\]\(\s*<?[^)\s>]{0,2000}>?(?:\s+\"[^\"\n]{0,500}\")?\s*\)"
_IMAGE = r"!\[[^\]\n]{0,500}\]\(\s*<?[^)\s>]{0,2000}>?(?:\s+\"[^\"\n]{0,500}\")?\s*\)"
_IMAGES = re.compile(_IMAGE)
# A link with no text left once its images went: "[![Logo](logo.png)](https://example.com/)".
_EMPTY_LINKS = re.compile(r"\[\s{0,100}\]\(\s*<?[^)\s>]{0,2000}>?(?:\s+\"[^\"\n]{0,500}\")?\s*\)")
_LINKS = re.compile(_LINK)
_REFERENCE_LINKS = re.compile(r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,200}\]")
_REFERENCE_IMAGES = re.compile(r"!\[[^\]\n]{0,500}\]\[[^\]\n]{0,200}\]")
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
_OPENING_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]+[^\s#]")
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
#: A text whose paragraphs are not told apart by blank lines is read a line a paragraph unless at least this share
#: of its prose lines followed by another look continued there (a soft-wrapped paragraph's lines).
MIN_CONTINUED_SHARE = 0.3
_SENTENCE_END = frozenset(".!?:;\u2026\u3002\uff01\uff1f")
_CLOSING = "\"'\u201d\u2019\u00bb)]*_"


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` shows Markdown's syntax in two ways at least, or holds ``MIN_LINKS`` links or images, or
    opens with a ``#`` heading."""
    lines = text.splitlines()
    if _OPENING_HEADING.match(next((line for line in lines if line.strip()), "")):
        return True
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
    lines = text.splitlines()
    classified = _line_kinds(lines)
    each_line = _lines_are_paragraphs(lines, [kind for kind, _ in classified])

    def flush() -> None:
        if prose:
            paragraphs.append(_inline(" ".join(prose)))
            prose.clear()

    for line, (kind, match) in zip(lines, classified, strict=True):
        stripped = line.strip()
        if kind == "code":
            if stripped:
                paragraphs.append(stripped)
        elif kind == "continuation":
            paragraphs[-1] = f"{paragraphs[-1]} {_inline(stripped)}"  # an item's wrapped continuation
        elif kind == "prose":
            if each_line:
                flush()  # the line before was a paragraph (flushed here, not there, as a "===" may follow)
            quoted = _QUOTE.match(line)
            prose.append(quoted.group(1).strip() if quoted else stripped)
        else:
            # A fence, a blank line, an underline (the lines above were a heading), a rule or a table divider ends
            # the prose; a heading, an item or a row is a paragraph of its own.
            flush()
            if match is not None and kind == "heading":
                paragraphs.append(_inline(match.group(1)))
            elif match is not None and kind == "item":
                paragraphs.append(f"- {_inline(match.group(1))}")
            elif match is not None and kind == "numbered":
                paragraphs.append(f"{match.group(1)}. {_inline(match.group(2))}")
            elif kind == "row":
                paragraphs.append(_inline(stripped))
    flush()
    return [paragraph for paragraph in paragraphs if paragraph.strip(" -")]


def _line_kinds(lines: list[str]) -> list[tuple[str, re.Match[str] | None]]:
    """Each line's kind, with the match of a heading, an item or a numbered item: "fence", "code" (inside a fence),
    "blank", "underline" (of a heading written on the prose line above), "skip" (a rule, a reference definition, a
    table divider), "heading", "item", "numbered", "continuation" (an item's wrapped line), "row" (of a table) or
    "prose" (joined up to a blank line)."""
    classified: list[tuple[str, re.Match[str] | None]] = []
    in_fence = False
    last_was_item = False
    for line in lines:
        match = None
        if _FENCE.match(line):
            in_fence, kind = not in_fence, "fence"
        elif in_fence:
            kind = "code"
        elif not line.strip():
            kind = "blank"
        elif _SETEXT_UNDERLINE.match(line) and classified and classified[-1][0] == "prose":
            kind = "underline"
        elif _RULE.match(line) or _REFERENCE_DEFINITION.match(line) or _TABLE_DIVIDER.match(line):
            kind = "skip"
        elif match := _ATX_HEADING.match(line):
            kind = "heading"
        elif match := _BULLET.match(line):
            kind = "item"
        elif match := _NUMBERED.match(line):
            kind = "numbered"
        elif last_was_item and line[:1].isspace():
            kind = "continuation"
        elif _TABLE_ROW.match(line):
            kind = "row"
        else:
            kind = "prose"
        if kind not in ("code", "continuation", "skip", "underline"):  # a rule between items does not end the list
            last_was_item = kind in ("item", "numbered")
        classified.append((kind, match))
    return classified


def _lines_are_paragraphs(lines: list[str], kinds: list[str]) -> bool:
    """Whether a text's prose lines are its paragraphs: no blank line stands between two of them (but the one after
    the text's first block), and fewer than ``MIN_CONTINUED_SHARE`` of them are continued on the next line. A prose
    line an underline follows is a heading's."""
    kinds = [
        "block" if kind == "prose" and kinds[index + 1 : index + 2] == ["underline"] else kind
        for index, kind in enumerate(kinds)
    ]
    # The first block (the lines up to the first blank line after the first prose line) may be a headline or a
    # scraper's header, set apart by a blank line from a text that has none between its paragraphs.
    first_prose = kinds.index("prose") if "prose" in kinds else len(kinds)
    first_blank = kinds.index("blank", first_prose) if "blank" in kinds[first_prose:] else len(kinds)
    last_text: int | None = None  # the last line that is not blank
    followed = continued = 0
    for index, kind in enumerate(kinds):
        if kind == "blank":
            continue
        if last_text is not None and kind == "prose" and kinds[last_text] == "prose":
            if last_text < index - 1:
                if last_text > first_blank:
                    return False  # a blank line between two prose lines: Markdown's paragraphs
            else:
                followed += 1
                before = _inline(_prose_line(lines[last_text])).rstrip(_CLOSING)
                after = _inline(_prose_line(lines[index]))
                continued += bool(before) and before[-1] not in _SENTENCE_END and after[:1].islower()
        last_text = index
    return continued < MIN_CONTINUED_SHARE * followed or followed == 0


def _prose_line(line: str) -> str:
    quoted = _QUOTE.match(line)
    return quoted.group(1) if quoted else line


def _inline(text: str) -> str:
    # An escaped character is a literal: kept out of every pattern's way as a private-use character, then restored
    # (unless the text holds such characters of its own, which then stay as they are).
    held = _ESCAPES_HELD.search(text) is None
    text = _ESCAPED.sub(lambda match: chr(_ESCAPE_BASE + ord(match.group(1))) if held else match.group(1), text)
    text = _REFERENCE_IMAGES.sub("", _IMAGES.sub("", text))
    text = _EMPTY_LINKS.sub("", text)
    text = _LINKS.sub(r"\1", text)
    text = _REFERENCE_LINKS.sub(r"\1", text)
    text = _AUTOLINKS.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    if held:
        text = _ESCAPES_HELD.sub(lambda match: chr(ord(match.group(0)) - _ESCAPE_BASE), text)
    return " ".join(text.split())
