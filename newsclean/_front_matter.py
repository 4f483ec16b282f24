"""The front matter of a text dump: the metadata block a static site's Markdown file opens with.

Jekyll, Hugo, Eleventy and the crawlers that save pages as Markdown open a file with a YAML block between ``---``
lines (Hugo also a TOML block between ``+++`` lines)::

    ---
    title: "Council approves the budget"
    date: 2024-03-05T10:00:00Z
    authors: [Jane Doe, John Roe]
    ---

Read as text, the block was the article's title ("title: … date: … author: …") and its metadata was lost. It is
read here as flat ``key: value`` (or ``key = value``) pairs, a value being a string, a quoted string, an inline
list, or the ``- item`` lines under the key; nested maps are skipped. No YAML library is needed for that much, and
none is trusted with a dump's content.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from .metadata._authors import parse_byline
from .metadata._clean import clean_string
from .metadata._dates import describe, parse_datetime, plausible
from .metadata._resolved import Resolved
from .metadata._site import clean_url

#: Where the closing line must come: a block longer than this is not front matter.
MAX_FRONT_MATTER_LINES = 200

_DELIMITERS = {"---": ("---", "..."), "+++": ("+++",)}
_YAML_PAIR = re.compile(r"^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*?))?\s*$")
_TOML_PAIR = re.compile(r"^([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$")
_LIST_ITEM = re.compile(r"^\s+-\s+(.*?)\s*$|^-\s+(.*?)\s*$")

Value = str | tuple[str, ...]


class FrontMatter(NamedTuple):
    fields: dict[str, Value]  # keys lower-cased
    body: str  # the text after the block
    source: str = "front-matter"  # the provenance of the fields it sets: "front-matter" or "header"
    markdown: bool = False  # the header says the body is Markdown (Jina Reader's "Markdown Content:")


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the start of ``text`` and the text after it, or None when the text opens with none
    (the opening line alone, the closing line within ``MAX_FRONT_MATTER_LINES``, and one ``key: value`` pair at
    least: a Markdown rule "---" above a paragraph is not front matter)."""
    lines = text.lstrip("\ufeff").split("\n", MAX_FRONT_MATTER_LINES + 2)
    opening = lines[0].rstrip()
    closers = _DELIMITERS.get(opening)
    if closers is None:
        return None
    end = next((index for index, line in enumerate(lines[1:], 1) if line.rstrip() in closers), None)
    if end is None or end > MAX_FRONT_MATTER_LINES:
        return None
    fields = _toml_fields(lines[1:end]) if opening == "+++" else _yaml_fields(lines[1:end])
    if not fields:
        return None
    return FrontMatter(fields, "\n".join(lines[end + 1 :]))


# The header lines many scrapers write above a text dump's article ("Title: …", "URL: …", "Date: …"); Jina Reader
# (r.jina.ai) writes "Title:", "URL Source:", "Published Time:" (and "Number of Pages:" for a PDF, "Warning:" lines
# about the fetch), a blank line after each, then "Markdown Content:" and the article.
_HEADER_LINE = re.compile(
    r"^(title|headline|url|link|source url|url source|canonical url|date|published|published time|updated"
    r"|last updated|author|authors|by|byline|description|summary|tags|keywords|language|lang|number of pages"
    r"|warning)\s*:(?:\s*(\S.*?))?\s*$",
    re.IGNORECASE,
)
#: Lines a header may hold that say nothing of the article: they are passed over and count for no key.
_SKIPPED_KEYS = frozenset({"warning", "number_of_pages"})
#: The line Jina Reader writes between its header and the article: it ends the header (and is no paragraph).
_CONTENT_LINE = re.compile(r"^markdown content:$", re.IGNORECASE)
_URL_LINE = re.compile(r"^https?://\S+$")
#: A header is this many "Key: value" lines at least; one such line is as likely the article's first.
MIN_HEADER_LINES = 2


def split_header_lines(text: str) -> FrontMatter | None:
    """The header a scraper wrote above a text dump's article: a first line that is only a URL, and/or
    ``MIN_HEADER_LINES`` or more lines of known "Key: value" pairs ("Title:", "URL:", "Date:", "Author:" …), blank
    lines between them or not, up to a blank line, or one such line at least up to Jina Reader's "Markdown
    Content:" line; None when the dump opens with neither."""
    lines = text.lstrip("\ufeff").split("\n", 64)
    fields: dict[str, Value] = {}
    index = 0
    if _URL_LINE.match(lines[0].strip()):
        fields["url"] = lines[0].strip()
        index = 1
        while index < len(lines) - 1 and not lines[index].strip():
            index += 1
    pairs: list[tuple[str, str]] = []
    counted = 0  # the pairs that name a field of the article (not a fetch warning)
    end = index  # the line after the last header line
    content_line = False
    for position in range(index, len(lines) - 1):  # the last piece is the rest of the text
        line = lines[position].strip()
        if not line:
            continue
        if _CONTENT_LINE.match(line):
            content_line, end = True, position + 1
            break
        pair = _HEADER_LINE.match(line)
        if pair is None:
            break
        key = pair.group(1).lower().replace(" ", "_")
        counted += key not in _SKIPPED_KEYS
        if pair.group(2) and key not in _SKIPPED_KEYS:
            pairs.append((key, pair.group(2)))
        end = position + 1
    ends_header = end < len(lines) and not lines[end].strip()
    declared_markdown = content_line and counted >= 1
    if declared_markdown or (counted >= MIN_HEADER_LINES and ends_header):
        for key, value in pairs:
            fields.setdefault(key, value)
        index = end
    if not fields:
        return None
    return FrontMatter(fields, "\n".join(lines[index:]), "header", declared_markdown)


def _yaml_fields(lines: list[str]) -> dict[str, Value]:
    fields: dict[str, Value] = {}
    key: str | None = None
    items: list[str] = []
    for line in lines:
        item = _LIST_ITEM.match(line)
        if key is not None and item is not None:
            items.append(_unquote(item.group(1) if item.group(1) is not None else item.group(2)))
            continue
        if key is not None and items:
            fields.setdefault(key, tuple(items))
        key, items = None, []
        pair = _YAML_PAIR.match(line)
        if pair is None:
            continue  # a nested map's line, a comment, a block scalar's text
        name, raw = pair.group(1).lower(), pair.group(2) or ""
        if not raw or raw in ("|", ">", "|-", ">-"):
            key = name  # its items (or a block scalar, which is skipped) follow
        elif (value := _value(raw)) is not None:
            fields.setdefault(name, value)
    if key is not None and items:
        fields.setdefault(key, tuple(items))
    return fields


def _toml_fields(lines: list[str]) -> dict[str, Value]:
    fields: dict[str, Value] = {}
    for line in lines:
        if line.lstrip().startswith("["):
            break  # a table: the keys after it are not the page's own
        pair = _TOML_PAIR.match(line)
        if pair is not None and (value := _value(pair.group(2))) is not None:
            fields.setdefault(pair.group(1).lower(), value)
    return fields


def _value(raw: str) -> Value | None:
    if raw.startswith("[") and raw.endswith("]"):
        items = tuple(item for item in (_unquote(part) for part in raw[1:-1].split(",")) if item)
        return items or None
    if raw.startswith(("{", "#")):
        return None  # an inline map, or a comment where the value would be
    return _unquote(raw) or None


def _unquote(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].replace('\\"', '"') if value[0] == '"' else value[1:-1].replace("''", "'")
    return value.split(" #", 1)[0].strip()  # a trailing comment


def first_value(fields: dict[str, Value], *keys: str) -> Value | None:
    return next((fields[key] for key in keys if key in fields), None)


# The keys static-site generators and Markdown exporters write each field under, most specific first.
_TITLE_KEYS: tuple[str, ...] = ("title", "headline")
_AUTHOR_KEYS: tuple[str, ...] = ("authors", "author", "byline", "by", "creator")
_PUBLISHED_KEYS: tuple[str, ...] = (
    *("date", "published", "published_time", "publishdate", "published_at", "pubdate", "date_published", "created"),
)
_MODIFIED_KEYS: tuple[str, ...] = (
    *("lastmod", "updated", "last_updated", "modified", "last_modified", "updated_at", "date_modified"),
)
_DESCRIPTION_KEYS: tuple[str, ...] = ("description", "summary", "excerpt", "subtitle")
_TAG_KEYS: tuple[str, ...] = ("tags", "keywords", "categories")
_URL_KEYS: tuple[str, ...] = ("canonical_url", "canonical", "url", "permalink", "source_url", "url_source", "link")
_IMAGE_KEYS: tuple[str, ...] = ("image", "cover", "featured_image", "thumbnail")
_LANGUAGE_KEYS: tuple[str, ...] = ("lang", "language", "locale")


def resolve_front_matter(resolved: Resolved, block: FrontMatter, *, url: str | None, now: datetime) -> None:
    """Set the Article fields the block states, each with the block's provenance (``front-matter``, ``header``); a
    date later than ``now`` (the fetch time) is not believed, as anywhere else."""
    fields, source = block.fields, block.source
    title = first_value(fields, *_TITLE_KEYS)
    resolved.set("title", clean_string(title) if isinstance(title, str) else None, source)
    authors: list[str] = []
    for entry in _as_list(first_value(fields, *_AUTHOR_KEYS)):
        authors.extend(parse_byline(entry, structured=True).authors)
    resolved.set("authors", tuple(dict.fromkeys(authors)), source)
    for field, keys in (("published", _PUBLISHED_KEYS), ("modified", _MODIFIED_KEYS)):
        stated = first_value(fields, *keys)
        parsed = parse_datetime(stated) if isinstance(stated, str) else None
        if parsed is not None and plausible(parsed.value, now):
            resolved.set(field, parsed.value, describe(source, parsed))
    description = first_value(fields, *_DESCRIPTION_KEYS)
    resolved.set("description", clean_string(description) if isinstance(description, str) else None, source)
    tags = [tag for entry in _as_list(first_value(fields, *_TAG_KEYS)) for tag in entry.split(",")]
    resolved.set("tags", tuple(dict.fromkeys(clean for tag in tags if (clean := clean_string(tag)))), source)
    for field, keys in (("canonical_url", _URL_KEYS), ("image", _IMAGE_KEYS)):
        link = first_value(fields, *keys)
        resolved.set(field, clean_url(link, base=url) if isinstance(link, str) else None, source)
    language = first_value(fields, *_LANGUAGE_KEYS)
    if isinstance(language, str):
        resolved.html_lang = language  # a prior the text must confirm, as a page's lang attribute is


def _as_list(value: Value | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value
