"""Fuzz the public entry points with damaged pages and dumps: every outcome must be an Article or a typed error.

Not a test: a search for bugs. Seeds are the gold sets' pages (``../shared/datasets/``, or ``$NEWSCLEAN_DATASETS``,
or ``$NEWSCLEAN_SHARED/datasets``, or ``--datasets DIR``; read in memory, never copied) and the repository's
``fixtures/``. Each case mutates a seed (truncations inside tags, attributes, scripts, JSON-LD and multi-byte
characters; deleted and duplicated tag spans; stray bytes, control characters, lone surrogates and NULs; a swapped
charset; deep nesting; odd JSON-LD, ``<meta>`` dates, ``<time>``, ``lang`` attributes, URLs and headers) and runs
it through ``clean_html``, ``clean_text`` or ``Pipeline.run_many``. Recorded as findings:

- an exception that is not one of newsclean's typed errors (``NewscleanError``), or a ``Failure`` from
  ``run_many`` naming such an exception;
- a call slower than ``--slow`` seconds (default: half the per-document timeout), or memory growing past
  ``--max-rss-growth`` MB;
- a case cleaned again later (and in reversed order among others) that gives a different record.

Each finding's input is written to a temporary folder (``--out``, default a new one under the system's temp dir)
as a JSON reproducer, and a summary is printed at the end.

    python benchmarks/fuzz_pipeline.py --seconds 300 --seed 1 [--datasets DIR] [--out DIR] [--no-gold]
"""

from __future__ import annotations

import argparse
import base64
import faulthandler
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

#: The most characters of a gold page taken as a seed: longer pages cost more per case and find nothing new.
MAX_SEED_CHARS = 400_000
#: Gold pages taken as seeds, sampled across the sets (the seed decides which).
GOLD_SEEDS = 120
FETCHED_AT = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
#: Fetch times a caller may pass that UTC can hold, at its edges.
ODD_FETCH_TIMES = (
    datetime(1, 1, 1, tzinfo=UTC), datetime(1, 1, 1), datetime(1, 1, 8, tzinfo=UTC), datetime(1970, 1, 1),
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), datetime(1995, 1, 1, tzinfo=UTC), datetime(2100, 1, 1),
)  # fmt: skip


def _fetch_time(rng: random.Random) -> datetime | None:
    roll = rng.random()
    return FETCHED_AT if roll < 0.45 else None if roll < 0.9 else rng.choice(ODD_FETCH_TIMES)


@dataclass
class Case:
    """One call: ``kind`` is "html", "text" or "batch"; for a batch, ``documents`` holds each document's fields."""

    kind: str
    mutations: list[str]
    html: str | bytes | None = None
    text: str | None = None
    url: str | None = None
    headers: dict[str, str] | None = None
    title: str | None = None
    fetched_at: datetime | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "mutations": self.mutations,
            "html": _jsonable(self.html),
            "text": _jsonable(self.text),
            "url": _jsonable(self.url),
            "headers": self.headers,
            "title": _jsonable(self.title),
            "fetched_at": self.fetched_at.isoformat() if self.fetched_at else None,
            "documents": [{key: _jsonable(value) for key, value in doc.items()} for doc in self.documents],
        }


def _jsonable(value: object) -> object:
    """Bytes as base64 and strings with lone surrogates as their escapes, so a reproducer holds the exact input."""
    if isinstance(value, bytes):
        return {"bytes_b64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return {"str_surrogateescape": value.encode("utf-8", "surrogatepass").hex()}
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def load_reproducer(path: Path) -> Case:
    """A saved case (a finding's file, or ``current_case.json``), to run it again with ``replay``."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw = raw.get("case", raw)  # a finding's file holds the case with its key and detail

    def back(value: Any) -> Any:
        if isinstance(value, dict) and "bytes_b64" in value:
            return base64.b64decode(value["bytes_b64"])
        if isinstance(value, dict) and "str_surrogateescape" in value:
            return bytes.fromhex(value["str_surrogateescape"]).decode("utf-8", "surrogatepass")
        return value

    fetched = raw.get("fetched_at")
    return Case(
        kind=raw["kind"],
        mutations=raw["mutations"],
        html=back(raw["html"]),
        text=back(raw["text"]),
        url=back(raw["url"]),
        headers=raw["headers"],
        title=back(raw["title"]),
        fetched_at=datetime.fromisoformat(fetched) if fetched else None,
        documents=[{key: back(value) for key, value in doc.items()} for doc in raw["documents"]],
    )


def replay(path: Path) -> object:
    """Run a saved case in this process and return what it gave (or raise what it raised)."""
    import newsclean

    return _call(load_reproducer(path), newsclean.Pipeline())


# -- seeds ------------------------------------------------------------------------------------------------------


def html_seeds(rng: random.Random, datasets: Path | None, gold: bool) -> list[tuple[str, str | None]]:
    """(page, url) pairs: the fixtures' pages and a sample of the gold sets' pages."""
    seeds: list[tuple[str, str | None]] = [
        (path.read_text(encoding="utf-8", errors="replace"), None)
        for path in sorted((REPO / "fixtures").rglob("*.html"))
    ]
    if gold:
        seeds += _gold_pages(rng, datasets)
    return seeds


def text_seeds(rng: random.Random, datasets: Path | None, gold: bool) -> list[str]:
    """Plain-text dumps: the fixtures' and some gold texts, plus synthetic ones of odd shapes."""
    seeds = [path.read_text(encoding="utf-8", errors="replace") for path in sorted((REPO / "fixtures").rglob("*.txt"))]
    if gold:
        seeds += [text for text, _ in _gold_texts(rng, datasets)]
    seeds += list(_synthetic_dumps())
    return seeds


_GOLD_CACHE: list[tuple[str, str | None, str]] = []


def _gold(rng: random.Random, datasets: Path | None) -> list[tuple[str, str | None, str]]:
    if _GOLD_CACHE:
        return _GOLD_CACHE
    from benchmarks._data import DATASETS, DatasetError, data_dir, iter_pages

    directory = data_dir(datasets)
    pool: list[tuple[str, str | None, str]] = []
    for name in DATASETS:
        try:
            pool.extend((page.html, page.url, page.gold_text) for page in iter_pages(name, directory))
        except DatasetError as exc:
            print(f"(no gold seeds from {name}: {exc})", file=sys.stderr)
    pool = [item for item in pool if len(item[0]) <= MAX_SEED_CHARS]
    _GOLD_CACHE.extend(rng.sample(pool, min(GOLD_SEEDS, len(pool))))
    return _GOLD_CACHE


def _gold_pages(rng: random.Random, datasets: Path | None) -> list[tuple[str, str | None]]:
    return [(page, url) for page, url, _ in _gold(rng, datasets)]


def _gold_texts(rng: random.Random, datasets: Path | None) -> list[tuple[str, str | None]]:
    return [(text, url) for _, url, text in _gold(rng, datasets)]


_SENTENCE = "The council approved the new budget on Tuesday after a long debate about the schools."


def _synthetic_dumps() -> Iterator[str]:
    yield "\n".join(f"{_SENTENCE} {i}" for i in range(12))
    yield "# Headline here\n\n" + "\n\n".join(f"- item {i} {_SENTENCE}" for i in range(8)) + "\n\n```\ncode"
    yield "---\ntitle: A headline\ndate: 2024-01-02\nauthor: [Jane, [Doe]]\n---\n" + _SENTENCE * 5
    yield "Title: The budget\nURL: https://example.com/a\nDate: 2024-02-30\nAuthor: Jane Doe\n\n" + _SENTENCE * 4
    yield "By JANE DOE | March 3, 2024\nKYIV, Ukraine (AP) — " + _SENTENCE + "\n" + _SENTENCE * 3
    yield "\n".join("word " * 13 for _ in range(30))  # hard-wrapped
    yield _SENTENCE + " [1] and [2].\n\nReferences\n[1] https://example.com/a\n[2] http://[::1\n"
    yield "مرحبا بالعالم " * 20 + "\n" + "你好，世界。" * 40 + "\n" + "שלום עולם " * 20 + "\n" + _SENTENCE
    yield "!?.,;:—…" * 500
    yield "| a | b |\n|---|---|\n| 1 | 2 |\n" + "> quoted " * 40 + "\n" + "[link](javascript:alert(1)) " * 20


# -- mutations --------------------------------------------------------------------------------------------------

Mutation = Callable[[random.Random, str], str]

ODD_CHARSETS = (
    "utf-8", "utf-16", "utf-16le", "utf-32", "utf-7", "iso-8859-1", "windows-1251", "shift_jis", "euc-kr", "gb18030",
    "big5", "koi8-r", "x-user-defined", "cp037", "ebcdic", "", "unknown-8bit", "utf8mb4", "binary", "none",
    "ISO-2022-JP", "hz-gb-2312", "rot13", "idna", "punycode", "zlib", "base64", "hex", "undefined", "mbcs",
    "../../etc", "utf-8\x00", "utf-8; q=1", '"utf-8"', "windows-1252" * 50,
)  # fmt: skip
ODD_DATES = (
    "0000-00-00", "2024-13-45", "2024-02-30", "99999-01-01", "10000-01-01", "1712345678901", "1712345678", "-1",
    "-62135596800", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00", "2024-06-01T25:61:61Z", "", " ",
    "yesterday", "NaN", "Infinity", "1e309", "2024-06-01T12:00:00+99:99", "2024-W53-8", "2024-366", "Feb 30, 2024",
    "31/31/2031", "2024年13月45日", "٢٠٢٤-٠٦-٠١", "1-1-1", "0", "2024-06-01T12:00:00.9999999999999Z",
    "Mon, 32 Jan 2024 99:99:99 GMT", "12:00", "2024-06-01T12:00:00Z" * 40, "18446744073709551616",
)  # fmt: skip
ODD_LANGS = ("", "xx-YY-ZZ-123", "../../", "en_US", "zh-Hant-TW", "x", "EN", "😀", "und", "i-klingon", "a" * 300)
ODD_URLS: tuple[str | None, ...] = (
    None, "", "http://[::1", "javascript:alert(1)", "https://example.com/" + "a" * 10_000, "https://пример.рф/новости",
    "https://xn--e1afmkfd.xn--p1ai/a", "http://", "://", "https://example.com:99999/a", "https://ex ample.com/",
    "file:///etc/passwd", "data:text/html,<p>x</p>", "https://example.com/2024/13/45/story", "mailto:a@b",
    "https://example.com/\udc80", "https://[fe80::1%25eth0]/a", "https://example.com/a?b=%ZZ", "\x00", "https://a..b/",
    "HTTPS://EXAMPLE.COM/1999/99/99/title-here", "//example.com/a", "https://user:pass@example.com:0/a",
)  # fmt: skip
ODD_VALUES: tuple[Any, ...] = (
    0, -1, 1e309, -1e309, 3.5, 10**30, True, None, [], {}, [[["Jane"]]], [1, 2], {"@id": "#a"}, "", " ",
    {"name": ["x", {"name": 5}]}, [{"@type": "Person"}], {"@value": "2024-01-01"}, "a" * 5000, [None, None],
)  # fmt: skip


def truncate_anywhere(rng: random.Random, page: str) -> str:
    return page[: rng.randrange(len(page) + 1)]


def _cut_inside(rng: random.Random, page: str, start: str, end: str) -> str | None:
    starts = [i for i in _find_all(page, start, limit=400)]
    if not starts:
        return None
    where = rng.choice(starts)
    stop = page.find(end, where + len(start))
    stop = len(page) if stop < 0 else stop + len(end)
    return page[: rng.randrange(where + 1, max(where + 2, stop))]


def _find_all(page: str, needle: str, limit: int) -> Iterator[int]:
    at = page.find(needle)
    found = 0
    while at >= 0 and found < limit:
        yield at
        found += 1
        at = page.find(needle, at + 1)


def truncate_in_tag(rng: random.Random, page: str) -> str:
    return _cut_inside(rng, page, "<", ">") or truncate_anywhere(rng, page)


def truncate_in_attribute(rng: random.Random, page: str) -> str:
    return _cut_inside(rng, page, '="', '"') or truncate_in_tag(rng, page)


def truncate_in_script(rng: random.Random, page: str) -> str:
    return _cut_inside(rng, page, "<script", "</script>") or truncate_in_tag(rng, page)


def truncate_in_json_ld(rng: random.Random, page: str) -> str:
    return _cut_inside(rng, page, "application/ld+json", "</script>") or truncate_in_script(rng, page)


def delete_tag_span(rng: random.Random, page: str) -> str:
    starts = list(_find_all(page, "<", 2000))
    if len(starts) < 2:
        return page
    a, b = sorted(rng.sample(starts, 2))
    if rng.random() < 0.7:
        b = min(b, a + rng.randrange(1, 5000))
    return page[:a] + page[b:]


def duplicate_tag_span(rng: random.Random, page: str) -> str:
    starts = list(_find_all(page, "<", 2000))
    if len(starts) < 2:
        return page + page
    a, b = sorted(rng.sample(starts, 2))
    b = min(b, a + rng.randrange(1, 20_000))
    return page[:b] + page[a:b] * rng.choice((1, 2, 5, 50)) + page[b:]


ODD_CHARS = (
    "\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\uffff",
    "\ud800", "\udfff", "\udc80", "\u200b", "\u202e", "\u0300", "\U0010ffff", "\U0001f600", "&#0;", "&#x110000;",
    "&#99999999999999;", "&#xD800;", "&amp", "&", "<", ">", "]]>", "<!--", "-->", "<![CDATA[", "\r", "\r\n", "\t",
    "<!DOCTYPE", "<?xml version='1.0' encoding='utf-16'?>", "\\", '"', "'", "{", "}", "$", "%s", "{0}",
)  # fmt: skip


def insert_odd_chars(rng: random.Random, page: str) -> str:
    pieces = list(page)
    for _ in range(rng.choice((1, 3, 20, 200))):
        at = rng.randrange(len(pieces) + 1)
        pieces.insert(at, rng.choice(ODD_CHARS) * rng.choice((1, 1, 2, 50)))
    return "".join(pieces)


def insert_odd_chars_in_tags(rng: random.Random, page: str) -> str:
    starts = list(_find_all(page, "<", 2000))
    if not starts:
        return insert_odd_chars(rng, page)
    out = page
    for at in sorted(rng.sample(starts, min(len(starts), rng.choice((1, 5, 30)))), reverse=True):
        offset = at + rng.randrange(1, 12)
        out = out[:offset] + rng.choice(ODD_CHARS) + out[offset:]
    return out


def nest_deeply(rng: random.Random, page: str) -> str:
    tag = rng.choice(("div", "span", "b", "table", "ul", "li", "p", "font", "section", "a", "svg", "blockquote", "td"))
    depth = rng.choice((100, 255, 256, 257, 1000, 3000, 4999, 5001, 9000))
    opener = f"<{tag}>" if rng.random() < 0.8 else f"<{tag} class='x{rng.randrange(9)}' id=n>"
    closer = f"</{tag}>" if rng.random() < 0.5 else ""
    at = _body_offset(page, rng)
    inner = f"<p>{_SENTENCE}</p>"
    return page[:at] + opener * depth + inner + closer * depth + page[at:]


def _body_offset(page: str, rng: random.Random) -> int:
    body = page.find("<body")
    if body >= 0:
        end = page.find(">", body)
        return end + 1 if end >= 0 else body
    return rng.randrange(len(page) + 1)


def swap_charset(rng: random.Random, page: str) -> str:
    import re

    charset = rng.choice(ODD_CHARSETS)
    swapped, count = re.subn(r"charset\s*=\s*[\"']?[-\w.:]*", f"charset={charset}", page, count=1, flags=re.I)
    if count:
        return swapped
    return _insert_head(page, f'<meta charset="{charset}">')


def _insert_head(page: str, markup: str) -> str:
    head = page.find("<head")
    if head >= 0:
        end = page.find(">", head)
        if end >= 0:
            return page[: end + 1] + markup + page[end + 1 :]
    return markup + page


@dataclass
class RawJson:
    """JSON already written out."""

    text: str


def _odd_json_ld(rng: random.Random) -> Any:
    def value() -> Any:
        return rng.choice(ODD_VALUES + ODD_DATES)

    article: dict[str, Any] = {
        "@context": rng.choice(("https://schema.org", 5, None, ["x"], "")),
        "@type": "NewsArticle",
    }
    for key in ("author", "datePublished", "dateModified", "headline", "publisher", "articleBody", "inLanguage",
                "keywords", "articleSection", "image", "mainEntityOfPage", "@id", "url", "name", "description",
                "isAccessibleForFree", "creator", "uploadDate", "dateCreated", "@type"):  # fmt: skip
        if rng.random() < 0.35:
            article[key] = value()
    if rng.random() < 0.3:
        article["author"] = {"@type": "Person", "name": value(), "@id": "#me"}
    if rng.random() < 0.3:
        article["datePublished"] = rng.choice(ODD_DATES)
    shape = rng.randrange(7)
    if shape == 0:  # "@graph" whose nodes point at each other by id
        return {
            "@context": "https://schema.org",
            "@graph": [
                {**article, "@id": "#a", "author": {"@id": "#b"}, "isPartOf": {"@id": "#a"}},
                {"@type": "Person", "@id": "#b", "name": {"@id": "#a"}, "worksFor": {"@id": "#b"}},
                {"@id": "#b", "@type": ["Person", 5], "sameAs": {"@id": "#a"}},
            ],
        }
    if shape == 1:
        return [[article, [article]], 5, None]
    if shape == 2:
        return {"@graph": rng.choice((5, "x", None, [None, 5, [article]], {"@graph": [article]}))}
    if shape == 3:  # nested deep: written out, as json.dumps recurses
        depth = rng.choice((50, 500, 2000, 20_000))
        return RawJson('{"@type": "WebPage", "mainEntity": ' * depth + json.dumps(article) + "}" * depth)
    if shape == 4:
        return rng.choice(ODD_VALUES)
    return article


def inject_json_ld(rng: random.Random, page: str) -> str:
    data = _odd_json_ld(rng)
    body = data.text if isinstance(data, RawJson) else json.dumps(data, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.2:
        body = body[: rng.randrange(len(body) + 1)]  # cut short
    if rng.random() < 0.1:
        body = body.replace('"', "'")
    return _insert_head(page, f'<script type="application/ld+json">{body}</script>')


META_DATE_NAMES = (
    'property="article:published_time"', 'property="article:modified_time"', 'name="date"', 'name="pubdate"',
    'itemprop="datePublished"', 'name="dc.date"', 'name="sailthru.date"', 'property="og:updated_time"',
    'name="parsely-pub-date"', 'name="publish-date"', 'name="citation_publication_date"', 'name="last-modified"',
)  # fmt: skip
META_OTHER = (
    'name="author"', 'property="article:author"', 'property="og:title"', 'name="description"', 'property="og:url"',
    'rel="canonical"', 'property="og:site_name"', 'name="keywords"', 'property="og:locale"', 'name="language"',
    'http-equiv="content-language"', 'property="og:image"', 'name="twitter:creator"', 'name="byl"',
)  # fmt: skip


def odd_meta(rng: random.Random, page: str) -> str:
    tags = []
    for _ in range(rng.randrange(1, 6)):
        if rng.random() < 0.6:
            tags.append(f'<meta {rng.choice(META_DATE_NAMES)} content="{rng.choice(ODD_DATES)}">')
        else:
            content = rng.choice((*ODD_LANGS, *(u for u in ODD_URLS if u), *map(str, ODD_VALUES)))
            attribute = rng.choice(META_OTHER)
            if attribute.startswith("rel="):
                tags.append(f'<link {attribute} href="{content}">')
            else:
                tags.append(f'<meta {attribute} content="{content}">')
    return _insert_head(page, "".join(tags))


def odd_time(rng: random.Random, page: str) -> str:
    markup = "".join(
        f'<time datetime="{rng.choice(ODD_DATES)}" {rng.choice(("", "pubdate", "itemprop=datePublished"))}>'
        f"{rng.choice(ODD_DATES)}</time>"
        for _ in range(rng.randrange(1, 4))
    )
    at = _body_offset(page, rng)
    return page[:at] + f"<p class='byline'>By Jane Doe {markup}</p>" + page[at:]


def odd_lang(rng: random.Random, page: str) -> str:
    import re

    lang = rng.choice(ODD_LANGS)
    replaced, count = re.subn(
        r"<html\b[^>]*>", f'<html lang="{lang}" xml:lang="{rng.choice(ODD_LANGS)}">', page, count=1
    )
    if count:
        return replaced
    return f'<html lang="{lang}">' + page


def odd_entities_in_text(rng: random.Random, page: str) -> str:
    entities = ("&#0;", "&#x110000;", "&#99999999999999999999;", "&#xD800;", "&#x;", "&#-1;", "&nbsp", "&#128512;")
    pieces = page.split("</p>")
    for i in range(0, len(pieces), max(1, len(pieces) // 5)):
        pieces[i] += rng.choice(entities) * rng.choice((1, 3, 1000))
    return "</p>".join(pieces)


def odd_markup(rng: random.Random, page: str) -> str:
    snippets = (
        "<plaintext>", "<xmp>", "<template><p>hidden " + _SENTENCE + "</p></template>", "<frameset><frame src=x>",
        "<noscript><p>" + _SENTENCE * 8 + "</p></noscript>", "<math><mi>x</mi>", "<svg><p>in svg</p></svg>",
        "<table><tr><td>" * 40, "<select>" + "<option>x" * 100, "<iframe srcdoc='<p>x</p>'>", "<base href='http://[::1'>",
        "<a href='javascript:x'>" * 50, "<p " + " ".join(f"a{i}=1" for i in range(999)) + ">x</p>",
        "<div " + "x " * 3000 + ">", "<p>" + "a" * 200_000 + "</p>", "<p>" + "<br>" * 20_000 + "</p>", "<!-->",
        "<![CDATA[" + _SENTENCE, "<?php echo 1 ?>", "<script>" + "{" * 10_000, "<style>" + "}" * 1000,
        "<details open><summary>x</summary><p>" + _SENTENCE + "</p></details>", "<article><article><article>",
        '<div hidden aria-hidden="true" style="display:none">' + _SENTENCE + "</div>",
        "<script>window.__INITIAL_STATE__ = " + json.dumps({"article": {"body": [[[_SENTENCE]]] * 50}}) + "</script>",
        "<script id='__NEXT_DATA__' type='application/json'>" + "[" * 3000 + "]" * 3000 + "</script>",
        "<script type='application/json'>{\"content\": " + '"' + "x\\u" + '"}' + "</script>",
    )  # fmt: skip
    out = page
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(snippets) + out[at:]
    return out


def drop_caps(rng: random.Random, page: str) -> str:
    """Paragraphs' first letters set as drop caps (``_drop_caps``): inline or block, nested in each other, with
    whitespace inside their boxes or after them, a word or nothing in them."""
    boxes = (
        "<span class='dropcap'>{}</span>", "<span class='dropcap'>\n\t<span>{}</span>\n</span>",
        "<div class='first-letter'>{}</div>\n", "<span class='dropcap'><span class='first-letter'>{}</span></span>",
        "<span class='drop-cap'>{} </span>", "<div class='initial-letter'>{}</div>" * 3,
    )  # fmt: skip
    pieces = page.split("<p>")
    for index in range(1, len(pieces)):
        if rng.random() < 0.5 and pieces[index][:1].isalpha():
            letter, rest = pieces[index][0], pieces[index][1:]
            content = rng.choice((letter, letter, "“" + letter, "Word", ""))
            pieces[index] = rng.choice(boxes).replace("{}", content) + rest
    return "<p>".join(pieces)


def next_articles(rng: random.Random, page: str) -> str:
    """The page's body loaded again as the next stories of an infinite scroll (``_next_articles``): articles with
    headlines of their own, nested in each other or after each other, some with the page's title."""
    start, end = page.find("<body"), page.rfind("</body>")
    if start < 0 or end < start:
        return page
    body = page[page.find(">", start) + 1 : end]
    title = page[page.find("<title>") + 7 : page.find("</title>")] if "<title>" in page else "Headline"
    stories = []
    for number in range(rng.choice((1, 3, 30))):
        headline = rng.choice((title, f"Another story number {number} of the day", "News", ""))
        stories.append(f"<article><h1>{headline}</h1>{body[: rng.randrange(len(body) + 1)]}")
    nested = rng.random() < 0.5
    closing = "</article>" * len(stories) if nested else ""
    joined = "".join(story + ("" if nested else "</article>") for story in stories) + closing
    return page[:end] + joined + page[end:]


HTML_MUTATIONS: tuple[Mutation, ...] = (
    truncate_anywhere, truncate_in_tag, truncate_in_attribute, truncate_in_script, truncate_in_json_ld,
    delete_tag_span, duplicate_tag_span, insert_odd_chars, insert_odd_chars_in_tags, nest_deeply, swap_charset,
    inject_json_ld, inject_json_ld, odd_meta, odd_meta, odd_time, odd_lang, odd_entities_in_text, odd_markup,
    drop_caps, next_articles,
)  # fmt: skip


def _to_bytes(rng: random.Random, page: str, mutations: list[str]) -> bytes:
    """The page as bytes: UTF-8 (lone surrogates passed through), a legacy codec, or UTF-16; then byte damage."""
    codec = rng.choice(("utf-8", "utf-8", "utf-8", "windows-1252", "utf-16", "utf-16-le", "shift_jis", "koi8-r"))
    data = page.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace")
    mutations.append(f"bytes:{codec}")
    roll = rng.random()
    if roll < 0.25 and data:  # cut inside a multi-byte character, if there is one
        multi = [i for i in range(min(len(data), 2_000_000)) if data[i] >= 0xC0][:5000]
        cut = rng.choice(multi) + 1 if multi else rng.randrange(len(data))
        data = data[:cut]
        mutations.append("bytes:cut-in-char")
    elif roll < 0.45:
        blob = bytearray(data)
        for _ in range(rng.choice((1, 10, 100))):
            blob.insert(rng.randrange(len(blob) + 1), rng.randrange(256))
        data = bytes(blob)
        mutations.append("bytes:random")
    elif roll < 0.55:
        bom = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"+/v8"))
        data = bom + data
        mutations.append("bytes:bom")
    return data


def _odd_headers(rng: random.Random) -> dict[str, str] | None:
    if rng.random() < 0.6:
        return None
    charset = rng.choice(ODD_CHARSETS)
    kind = rng.choice(("text/html", "application/xhtml+xml", "text/plain", "application/json", "", "image/png", "x"))
    headers = {
        "Content-Type": rng.choice((f"{kind}; charset={charset}", f'{kind};charset="{charset}"', kind, charset)),
    }
    if rng.random() < 0.3:
        headers["Content-Language"] = rng.choice(ODD_LANGS)
    if rng.random() < 0.3:
        headers["Last-Modified"] = rng.choice(ODD_DATES)
    if rng.random() < 0.2:
        headers["Date"] = rng.choice(ODD_DATES)
    return headers


#: A case a little past newsclean's default max_bytes (10 MiB) still probes the size check. Unbounded, the
#: mutations that repeat lines, chained on one case, once grew it to gigabytes (seed 41, in the long-line
#: mutation) and the machine's OOM killer ended the run.
MAX_CASE_CHARS = 12_000_000


def _copies(wanted: int, piece_chars: int, case_chars: int) -> int:
    """How many copies of a piece already in a case of ``case_chars`` to leave in it: ``wanted``, fewer when that
    would take the case past ``MAX_CASE_CHARS`` (the piece stays at least once, unless ``wanted`` is 0)."""
    if wanted <= 1:
        return wanted
    room = max(0, MAX_CASE_CHARS - case_chars)
    return min(wanted, 1 + room // max(1, piece_chars))


def text_mutation(rng: random.Random, text: str) -> tuple[str, list[str]]:
    names: list[str] = []
    for _ in range(rng.randrange(1, 4)):
        choice = rng.randrange(11)
        if choice == 0:
            text = truncate_anywhere(rng, text)
            names.append("truncate")
        elif choice == 1:
            text = insert_odd_chars(rng, text)
            names.append("odd-chars")
        elif choice == 2:  # a very long line
            lines = text.splitlines() or [""]
            at = rng.randrange(len(lines))
            times = _copies(rng.choice((100, 1000)), len(lines[at]), len(text))
            lines[at] = lines[at] * times if lines[at] else "x" * 200_000
            text = "\n".join(lines)
            names.append("long-line")
        elif choice == 3:
            text = "".join(rng.choice("!?.,;:—…-*#|>[](){}\"'`~_=+") for _ in range(rng.choice((10, 1000, 50_000))))
            names.append("punctuation")
        elif choice == 4:  # RTL / CJK / combining mixes
            mix = ("مرحبا", "你好", "שלום", "\u202e", "\u200f", "カタカナ", "\u0301", "한국어", "ไทย", "১২৩", "٢٠٢٤")
            words = text.split(" ")
            for _ in range(min(200, len(words))):
                words.insert(rng.randrange(len(words) + 1), rng.choice(mix))
            text = " ".join(words)
            names.append("rtl-cjk")
        elif choice == 5:  # markdown-ish
            prefixes = ("# ", "## ", "- ", "* ", "1. ", "> ", "```", "| ", "---", "===", "    ", "[x]: ", "![](", "**")
            text = "\n".join(rng.choice(prefixes) + line if rng.random() < 0.4 else line for line in text.splitlines())
            names.append("markdown")
        elif choice == 6:  # front matter and header lines with odd values
            header = rng.choice(("---\n", "+++\n", "Title: ", "URL: ", "Date: ", "Author: ", "Published: "))
            value = rng.choice((*ODD_DATES, *(u for u in ODD_URLS if u), *ODD_LANGS))
            block = f"{header}{value}\n"
            if header in ("---\n", "+++\n"):
                key = rng.choice(("title", "date", "author", "authors", "url", "lang", "tags", "published"))
                close = header if rng.random() < 0.7 else ""
                block = f"{header}{key}: {value}\n{key}: [{value}, [1, 2]]\n{close}"
            text = block + text
            names.append("front-matter")
        elif choice == 7:  # bylines, datelines
            line = rng.choice(
                (
                    f"By Jane Doe, {rng.choice(ODD_DATES)}",
                    f"KYIV, {rng.choice(ODD_DATES)} (Reuters) - {_SENTENCE}",
                    f"Updated {rng.choice(ODD_DATES)} | {rng.choice(ODD_DATES)}",
                    f"Published: {rng.choice(ODD_DATES)}",
                    "By " + ", ".join(["Jane Doe"] * rng.choice((2, 50, 500))),
                    f"{rng.randrange(10**6)} min read",
                    f"{rng.randrange(1, 10**9)} hours ago",
                )
            )
            text = line + "\n" + text
            names.append("byline")
        elif choice == 8:  # link references
            refs = "\n".join(f"[{i}] {rng.choice([u for u in ODD_URLS if u])}" for i in range(rng.randrange(1, 30)))
            text = text + "\n\nReferences\n" + refs
            names.append("references")
        elif choice == 9:  # delete / duplicate lines
            lines = text.splitlines()
            if lines:
                a = rng.randrange(len(lines))
                b = min(len(lines), a + rng.randrange(1, 40))
                times = _copies(rng.choice((0, 2, 20)), sum(len(line) + 1 for line in lines[a:b]), len(text))
                lines = lines[:a] + lines[a:b] * times + lines[b:]
            text = "\n".join(lines)
            names.append("lines")
        else:
            text = text.replace("\n", rng.choice(("\r", "\r\n", "\u2028", "\x0b", "\x0c", "\n\n\n\n", " ")))
            names.append("line-ends")
    return text, names


# -- cases ------------------------------------------------------------------------------------------------------


def html_case(rng: random.Random, seeds: list[tuple[str, str | None]]) -> Case:
    page, url = rng.choice(seeds)
    names = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutation = rng.choice(HTML_MUTATIONS)
        page = mutation(rng, page)
        names.append(mutation.__name__)
    html: str | bytes = page
    if rng.random() < 0.5:
        html = _to_bytes(rng, page, names)
    if rng.random() < 0.4:
        url = rng.choice(ODD_URLS)
        names.append("odd-url")
    headers = _odd_headers(rng)
    if headers:
        names.append("headers")
    fetched_at = _fetch_time(rng)
    return Case("html", names, html=html, url=url, headers=headers, fetched_at=fetched_at)


def text_case(rng: random.Random, seeds: list[str]) -> Case:
    text, names = text_mutation(rng, rng.choice(seeds))
    url = rng.choice(ODD_URLS) if rng.random() < 0.4 else None
    title = rng.choice((None, None, "", " ", "A headline | Site", "\ud800", "x" * 5000, rng.choice(ODD_DATES)))
    return Case("text", names, text=text, url=url, title=title, fetched_at=_fetch_time(rng))


def batch_case(rng: random.Random, html: list[tuple[str, str | None]], texts: list[str]) -> Case:
    documents: list[dict[str, Any]] = []
    names: list[str] = []
    for _ in range(rng.randrange(2, 6)):
        case = html_case(rng, html) if rng.random() < 0.6 else text_case(rng, texts)
        names.extend(f"{case.kind}:{name}" for name in case.mutations)
        document: dict[str, Any] = {"url": case.url, "fetched_at": case.fetched_at}
        if case.kind == "html":
            document.update(html=case.html, headers=case.headers)
        else:
            document.update(text=case.text, title=case.title)
        if rng.random() < 0.1:
            document = {"url": case.url}  # neither html nor text
        documents.append(document)
    return Case("batch", names, documents=documents)


def _call(case: Case, pipeline: Any) -> Any:
    import newsclean

    if case.kind == "html":
        assert case.html is not None
        return pipeline.clean_html(case.html, url=case.url, headers=case.headers, fetched_at=case.fetched_at)
    if case.kind == "text":
        assert case.text is not None
        return pipeline.clean_text(case.text, url=case.url, title=case.title, fetched_at=case.fetched_at)
    documents = [newsclean.Document(**doc) for doc in case.documents]
    return list(pipeline.run_many(documents))


# -- the sweep: every odd value in every place, on one small page ------------------------------------------------

_SWEEP_PAGE = (
    "<html><head><title>Budget approved | The Gazette</title>{head}</head><body>{body}<article><h1>Budget approved"
    "</h1><p class='byline'>By Jane Doe. Published 3 hours ago</p>"
    + ("<p>" + _SENTENCE * 3 + "</p>")
    * 4
    + "</article>"
    "</body></html>"
)
_SWEEP_DUMP = "Budget approved\nBy Jane Doe | {value}\nPublished 3 hours ago\n" + (_SENTENCE * 3 + "\n") * 4
_JSON_LD_KEYS = (
    "author", "datePublished", "dateModified", "headline", "publisher", "articleBody", "inLanguage", "keywords",
    "articleSection", "image", "mainEntityOfPage", "@id", "url", "name", "description", "isAccessibleForFree",
    "creator", "dateCreated", "@type", "@context", "@graph", "uploadDate", "copyrightHolder", "sourceOrganization",
)  # fmt: skip


def sweep_cases() -> Iterator[Case]:
    """Each odd value in each place it can go, one at a time, on a small page and a small dump."""

    def page(head: str = "", body: str = "") -> str:
        return _SWEEP_PAGE.format(head=head, body=body)

    for key in _JSON_LD_KEYS:
        for value in (*ODD_VALUES, *ODD_DATES):
            node = {"@context": "https://schema.org", "@type": "NewsArticle", key: value}
            script = f'<script type="application/ld+json">{json.dumps(node)}</script>'
            yield Case("html", [f"sweep:json-ld:{key}"], html=page(head=script), fetched_at=FETCHED_AT)
            nested = {"@type": "NewsArticle", "author": {"@type": "Person", key: value}, "publisher": {key: value}}
            script = f'<script type="application/ld+json">{json.dumps(nested)}</script>'
            yield Case("html", [f"sweep:json-ld-nested:{key}"], html=page(head=script), fetched_at=FETCHED_AT)
    for name in (*META_DATE_NAMES, *META_OTHER):
        for value in (*ODD_DATES, *ODD_LANGS, *(u for u in ODD_URLS if u), *map(str, ODD_VALUES)):
            tag = f'<link {name} href="{value}">' if name.startswith("rel=") else f'<meta {name} content="{value}">'
            yield Case("html", [f"sweep:meta:{name}"], html=page(head=tag), fetched_at=FETCHED_AT)
    for value in ODD_DATES:
        for markup in (f'<time datetime="{value}">{value}</time>', f"<time>{value}</time>", f"<p>{value}</p>"):
            yield Case("html", ["sweep:time"], html=page(body=markup), fetched_at=FETCHED_AT)
        yield Case("text", ["sweep:dump-date"], text=_SWEEP_DUMP.format(value=value), fetched_at=FETCHED_AT)
        yield Case("text", ["sweep:dump-header"], text=f"Date: {value}\n" + _SWEEP_DUMP.format(value=""))
        yield Case("text", ["sweep:front-matter"], text=f"---\ndate: {value}\n---\n" + _SWEEP_DUMP.format(value=""))
        yield Case("text", ["sweep:dateline"], text=f"KYIV, {value} (Reuters) - {_SENTENCE}\n" * 3)
    for lang in ODD_LANGS:
        html = page().replace("<html>", f'<html lang="{lang}">')
        yield Case("html", ["sweep:lang"], html=html, headers={"Content-Language": lang})
    for url in ODD_URLS:
        yield Case("html", ["sweep:url"], html=page(head=f'<link rel="canonical" href="{url}">'), url=url)
        yield Case("text", ["sweep:url"], text=_SWEEP_DUMP.format(value=""), url=url)
        yield Case("text", ["sweep:url-header"], text=f"URL: {url}\n" + _SWEEP_DUMP.format(value=""))
    for charset in ODD_CHARSETS:
        for codec in ("utf-8", "utf-16", "cp1252"):
            data = page(head=f'<meta charset="{charset}">').replace("Budget", "Bügét").encode(codec)
            yield Case("html", ["sweep:charset", codec], html=data)
            yield Case(
                "html",
                ["sweep:header-charset", codec],
                html=data,
                headers={"Content-Type": f"text/html; charset={charset}"},
            )
    for moment in ODD_FETCH_TIMES:
        yield Case("html", ["sweep:fetched-at"], html=page(), fetched_at=moment)
        yield Case("text", ["sweep:fetched-at"], text=_SWEEP_DUMP.format(value="yesterday"), fetched_at=moment)
    for char in ODD_CHARS:
        yield Case("html", ["sweep:char"], html=page(body=char * 3))
        yield Case("html", ["sweep:char-bytes"], html=page(body=char * 3).encode("utf-8", "surrogatepass"))
        yield Case("text", ["sweep:char"], text=_SWEEP_DUMP.format(value=char * 3))


# -- the run ----------------------------------------------------------------------------------------------------


@dataclass
class Finding:
    key: str
    detail: str
    path: Path
    count: int = 1


@dataclass
class Run:
    out: Path
    slow: float
    max_rss_growth_mb: float
    findings: dict[str, Finding] = field(default_factory=dict)
    outcomes: Counter[str] = field(default_factory=Counter)
    cases: int = 0
    slowest: list[tuple[float, str]] = field(default_factory=list)

    def record(self, key: str, detail: str, case: Case) -> None:
        if key in self.findings:
            self.findings[key].count += 1
            return
        path = self.out / f"finding_{len(self.findings):03d}.json"
        path.write_text(json.dumps({"key": key, "detail": detail, "case": case.to_json()}, indent=1), encoding="utf-8")
        self.findings[key] = Finding(key, detail, path)
        print(f"  FINDING {key}\n    {detail.splitlines()[-1] if detail else ''}\n    -> {path}", flush=True)


def _where(exc: BaseException) -> str:
    """The innermost frame inside newsclean (else the innermost frame): what tells two crashes apart."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [frame for frame in frames if "/newsclean/" in frame.filename]
    if not (ours or frames):
        return "?"
    frame = (ours or frames)[-1]
    return f"{Path(frame.filename).name}:{frame.name}"


def _record_bytes(record: Any) -> bytes:
    import newsclean

    if isinstance(record, list):
        return b"\n".join(_record_bytes(item) for item in record)
    return newsclean.to_json(record)


def run_case(run: Run, case: Case, pipeline: Any) -> bytes | None:
    """Run one case, record what is wrong with it; the record's JSON when the call gave one."""
    import newsclean

    current = run.out / "current_case.json"
    current.write_text(json.dumps(case.to_json()), encoding="utf-8")  # what was running, if the process dies
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    faulthandler.dump_traceback_later(run.slow * 4 + 60, exit=False)
    started = time.perf_counter()
    result: Any = None
    try:
        result = _call(case, pipeline)
    except newsclean.ExtractionTimeout as exc:
        run.outcomes["ExtractionTimeout"] += 1
        run.record(f"timeout:{case.kind}:{exc.stage}", f"ExtractionTimeout at stage {exc.stage}", case)
    except newsclean.NewscleanError as exc:
        run.outcomes[type(exc).__name__] += 1
    except Exception as exc:
        run.outcomes[f"BUG:{type(exc).__name__}"] += 1
        detail = "".join(traceback.format_exception(exc, limit=-8))
        run.record(f"crash:{case.kind}:{type(exc).__name__}:{_where(exc)}", detail, case)
    finally:
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.perf_counter() - started
    run.cases += 1
    run.slowest = sorted([*run.slowest, (elapsed, ",".join(case.mutations))], reverse=True)[:5]
    if elapsed > run.slow:
        run.record(f"slow:{case.kind}:{','.join(sorted(set(case.mutations)))}", f"{elapsed:.1f} s", case)
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss_before
    if growth > run.max_rss_growth_mb:
        run.record(f"memory:{case.kind}", f"peak RSS grew {growth:.0f} MB in one call", case)
    if result is None:
        return None
    if case.kind == "batch":
        if len(result) != len(case.documents):
            run.record("batch:count", f"{len(case.documents)} documents gave {len(result)} records", case)
        for record in result:
            if isinstance(record, newsclean.Failure):
                if not hasattr(newsclean, record.error):
                    run.record(f"crash:batch:{record.error}:{record.stage}", record.message, case)
                run.outcomes[f"batch-failure:{record.error}"] += 1
            elif isinstance(record, newsclean.Article):
                run.outcomes["batch-article"] += 1
            else:
                run.record("batch:record-type", type(record).__name__, case)
    else:
        run.outcomes[f"article:{result.status}"] += 1
    try:
        return _record_bytes(result)
    except Exception as exc:
        run.record(f"crash:to_json:{type(exc).__name__}", "".join(traceback.format_exception(exc, limit=-5)), case)
        return None


def check_determinism(run: Run, done: list[tuple[Case, bytes]], pipeline: Any) -> None:
    """Clean the cases again, in reversed order, and compare the records byte for byte."""
    for case, first in reversed(done):
        try:
            again = _record_bytes(_call(case, pipeline))
        except Exception as exc:
            run.record(f"nondeterministic:{case.kind}:raised", repr(exc), case)
            continue
        if again != first:
            diff = _first_difference(first, again)
            run.record(f"nondeterministic:{case.kind}", diff, case)


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"first difference at byte {at}: {a[max(0, at - 80) : at + 80]!r} vs {b[max(0, at - 80) : at + 80]!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300.0, help="how long to fuzz (default 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--datasets", type=Path, default=None, help="the gold sets' folder (see benchmarks/_data)")
    parser.add_argument("--no-gold", action="store_true", help="seed from fixtures/ only")
    parser.add_argument("--out", type=Path, default=None, help="where reproducers go (default: a new temp dir)")
    parser.add_argument("--no-sweep", action="store_true", help="skip the sweep of odd values in each place")
    parser.add_argument("--slow", type=float, default=None, help="seconds past which a call is a finding")
    parser.add_argument("--max-rss-growth", type=float, default=1024.0, help="MB of peak-RSS growth in one call")
    parser.add_argument("--recheck-every", type=int, default=40, help="cases between determinism re-checks")
    args = parser.parse_args(argv)

    import newsclean

    rng = random.Random(args.seed)
    out = args.out or Path(tempfile.mkdtemp(prefix=f"newsclean-fuzz-{args.seed}-"))
    out.mkdir(parents=True, exist_ok=True)
    pipeline = newsclean.Pipeline()
    timeout = pipeline.limits.timeout or 30.0
    run = Run(out=out, slow=args.slow or timeout / 2, max_rss_growth_mb=args.max_rss_growth)
    html = html_seeds(rng, args.datasets, not args.no_gold)
    texts = text_seeds(rng, args.datasets, not args.no_gold)
    print(f"seed {args.seed}: {len(html)} page seeds, {len(texts)} text seeds; reproducers in {out}", flush=True)

    stop = time.monotonic() + args.seconds
    recent: list[tuple[Case, bytes]] = []
    kinds = Counter[str]()
    if not args.no_sweep:
        for case in sweep_cases():
            kinds["sweep"] += 1
            run_case(run, case, pipeline)
            if time.monotonic() > stop:
                break
        print(f"sweep: {kinds['sweep']} cases, {len(run.findings)} findings so far", flush=True)
    while time.monotonic() < stop:
        roll = rng.random()
        case = (
            html_case(rng, html)
            if roll < 0.6
            else text_case(rng, texts)
            if roll < 0.9
            else batch_case(rng, html, texts)
        )
        kinds[case.kind] += 1
        record = run_case(run, case, pipeline)
        if record is not None and rng.random() < 0.25:
            recent.append((case, record))
        if len(recent) >= args.recheck_every // 4:
            check_determinism(run, recent, newsclean.Pipeline() if rng.random() < 0.5 else pipeline)
            recent = []
    check_determinism(run, recent, pipeline)

    print(f"\n{run.cases} cases in {args.seconds:.0f} s ({dict(kinds)}); outcomes:")
    for outcome, count in sorted(run.outcomes.items()):
        print(f"  {outcome:40} {count}")
    print("slowest calls:")
    for seconds, mutations in run.slowest:
        print(f"  {seconds:6.2f} s  {mutations[:100]}")
    print(f"{len(run.findings)} distinct findings:")
    for finding in run.findings.values():
        print(f"  {finding.count:4}× {finding.key}  -> {finding.path}")
    return 1 if run.findings else 0


if __name__ == "__main__":
    sys.exit(main())
