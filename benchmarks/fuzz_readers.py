"""Fuzz the input readers with damaged dumps: bad content must give a ``Failure`` (stage "read"), never a crash.

Not a test: a search for bugs. Small valid inputs of each format are built here (a few records of short HTML pages:
JSON Lines, a JSON array a record a line, a pretty-printed array, a wrapper object, objects one after another, CSV,
TSV, WARC and ``.warc.gz``, Parquet when pyarrow is there, a folder of pages, a page), plain or ``.gz``/``.zst``;
each case damages one (a truncation inside a string, an escape, a multi-byte character, a gzip or zstd stream, a
WARC header or payload, a chunk-size line; bit flips; NULs, CRs, BOMs put in the middle; ranges duplicated or
deleted; huge Content-Lengths; bad chunk sizes; mixed line ends; UTF-16 without a BOM; deep nesting; long keys;
values of the wrong JSON kind) and reads it whole with ``read_inputs``, twice. Recorded as findings:

- an exception out of the reader, a read slower than ``--slow`` seconds or past ``--timeout`` (a watchdog), memory
  growing past ``--max-rss-growth`` MB;
- a ``Failure`` that is not a read failure or names no position in the input;
- a record silently dropped: one the damage did not touch (before it, or after it in a format whose records stand
  alone) that is not read as a Document, or fewer Documents than records with no Failure at all;
- two reads of the same input that differ;
- the same damage at four times the size taking far more than four times as long (``scaling`` cases).

Each finding's input is kept in a temporary folder (``--out``, default a new one under the system's temp dir) with
a line of JSON saying what was found, and a summary is printed at the end.

    python benchmarks/fuzz_readers.py --seconds 300 --seed 1 [--out DIR] [--cli N]
"""

from __future__ import annotations

import argparse
import base64
import csv
import faulthandler
import gzip
import hashlib
import io
import json
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

from newsclean._models import Failure  # noqa: E402
from newsclean._pipeline import Document  # noqa: E402
from newsclean.io import read_inputs  # noqa: E402

INF = 1 << 62

#: Words the synthetic pages are written with: ASCII, two-, three- and four-byte UTF-8, and characters JSON escapes.
_WORDS = (
    "council", "vote", "budget", "café", "naïve", "Zürich", "東京", "報道", "😀", "🇫🇷", "Ελλάδα", "Москва",
    'quote"d', "back\\slash", "tab\there", "a&amp;b", "<em>x</em>", "line\nbreak", "\u2028sep", "x,y", "50%",
)  # fmt: skip


def _page(rng: random.Random, number: int) -> str:
    """A short HTML page of a few paragraphs."""
    paragraphs = "".join(
        f"<p>{' '.join(rng.choice(_WORDS) for _ in range(rng.randint(8, 30)))}.</p>\n" for _ in range(rng.randint(2, 5))
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story {number} — café</title></head>'
        f"<body><article><h1>Story {number}</h1>\n{paragraphs}</article></body></html>"
    )


@dataclass
class Sample:
    """A valid input: its bytes on disk, the uncompressed bytes, and where each record lies in those."""

    kind: str  # jsonl, jsonl-array, json-pretty, json-wrapper, json-concat, csv, tsv, warc, parquet, folder, html
    suffix: str
    plain: bytes
    spans: list[tuple[str, int, int]]  # record id, start, end (in ``plain``)
    compression: str | None = None
    #: Whether a record after the damage stands alone, so must still be read (lines of JSON, WARC records).
    independent: bool = False
    files: dict[str, bytes] = field(default_factory=dict)  # a folder's files, by relative path


@dataclass
class Case:
    """A damaged input, what was done to it, and which records must still be read."""

    name: str
    sample: Sample
    data: bytes  # on disk (a folder: ``files``)
    must_read: set[str]  # ids the damage left alone, to be read as Documents
    records: int  # how many records the undamaged input holds
    files: dict[str, bytes] | None = None
    detail: str = ""
    #: The record a truncation cut inside (past its first byte, before its trailing blanks): read, or a failure.
    cut_inside: str | None = None
    #: Whether every record's bytes are still in the file (damage that removes none): fewer documents, a failure.
    whole_file: bool = False


# ---------------------------------------------------------------------------------------------------------- samples


def _records(rng: random.Random, count: int, tag: str) -> list[dict[str, Any]]:
    return [
        {"id": f"{tag}-{number}", "url": f"https://news.example/{tag}/{number}", "html": _page(rng, number)}
        for number in range(count)
    ]


def _spans_of(parts: list[tuple[str | None, bytes]]) -> tuple[bytes, list[tuple[str, int, int]]]:
    out = bytearray()
    spans = []
    for record_id, part in parts:
        if record_id is not None:
            spans.append((record_id, len(out), len(out) + len(part)))
        out += part
    return bytes(out), spans


def _dumps(record: dict[str, Any], rng: random.Random) -> bytes:
    return json.dumps(record, ensure_ascii=rng.random() < 0.3).encode("utf-8")


def sample_jsonl(rng: random.Random, count: int) -> Sample:
    records = _records(rng, count, "j")
    end = rng.choice([b"\n", b"\n", b"\r\n", b"\r"])
    plain, spans = _spans_of([(r["id"], _dumps(r, rng) + end) for r in records])
    return Sample("jsonl", ".jsonl", plain, spans, independent=True)


def sample_jsonl_array(rng: random.Random, count: int) -> Sample:
    records = _records(rng, count, "a")
    parts: list[tuple[str | None, bytes]] = [(None, b"[\n")]
    for number, record in enumerate(records):
        parts.append((record["id"], _dumps(record, rng) + (b",\n" if number < count - 1 else b"\n")))
    parts.append((None, b"]\n"))
    plain, spans = _spans_of(parts)
    return Sample("jsonl-array", ".json", plain, spans, independent=True)


def sample_json_pretty(rng: random.Random, count: int) -> Sample:
    records = _records(rng, count, "p")
    parts: list[tuple[str | None, bytes]] = [(None, b"[\n")]
    for number, record in enumerate(records):
        text = json.dumps(record, indent=2, ensure_ascii=rng.random() < 0.3).encode()
        parts.append((record["id"], text + (b",\n" if number < count - 1 else b"\n")))
    parts.append((None, b"]\n"))
    plain, spans = _spans_of(parts)
    return Sample("json-pretty", ".json", plain, spans)


def sample_json_wrapper(rng: random.Random, count: int) -> Sample:
    records = _records(rng, count, "w")
    parts: list[tuple[str | None, bytes]] = [(None, b'{"status": "ok", "total": %d, "articles": [' % count)]
    for number, record in enumerate(records):
        parts.append((record["id"], _dumps(record, rng) + (b", " if number < count - 1 else b"")))
    parts.append((None, b'], "next": null}\n'))
    plain, spans = _spans_of(parts)
    return Sample("json-wrapper", ".json", plain, spans)


def sample_json_concat(rng: random.Random, count: int) -> Sample:
    records = _records(rng, count, "c")
    parts: list[tuple[str | None, bytes]] = [
        (r["id"], json.dumps(r, indent=1, ensure_ascii=False).encode() + b"\n") for r in records
    ]
    plain, spans = _spans_of(parts)
    return Sample("json-concat", ".json", plain, spans)


def sample_csv(rng: random.Random, count: int, delimiter: str = ",") -> Sample:
    records = _records(rng, count, "t" if delimiter == "\t" else "s")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"]))
    writer.writerow(["id", "url", "html"])
    parts: list[tuple[str | None, bytes]] = [(None, buffer.getvalue().encode())]
    for record in records:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=writer.dialect.lineterminator)
        writer.writerow([record["id"], record["url"], record["html"]])
        parts.append((record["id"], buffer.getvalue().encode()))
    plain, spans = _spans_of(parts)
    return Sample("tsv" if delimiter == "\t" else "csv", ".tsv" if delimiter == "\t" else ".csv", plain, spans)


def _warc_record(record_type: str, record_id: str, url: str, block: bytes, content_type: str) -> bytes:
    digest = base64.b32encode(hashlib.sha1(block).digest()).decode()
    head = (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Record-ID: {record_id}\r\nWARC-Date: 2024-06-01T12:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\nWARC-Block-Digest: sha1:{digest}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _chunked(body: bytes, rng: random.Random) -> bytes:
    out = bytearray()
    position = 0
    while position < len(body):
        size = rng.randint(1, 300)
        piece = body[position : position + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        position += size
    return bytes(out + b"0\r\n\r\n")


def _warc_parts(rng: random.Random, count: int) -> list[tuple[str | None, bytes]]:
    info = b"software: fuzz\r\nformat: WARC File Format 1.0\r\n"
    parts: list[tuple[str | None, bytes]] = [
        (None, _warc_record("warcinfo", "<urn:uuid:info>", "", info, "application/warc-fields"))
    ]
    for number in range(count):
        url = f"https://news.example/w/{number}"
        record_id = f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"
        body = _page(rng, number).encode()
        style = rng.choice(["plain", "plain", "chunked", "gzip", "resource", "text"])
        if style in ("resource", "text"):
            kind = "text/plain" if style == "text" else "text/html"
            content = body if style == "resource" else body.replace(b"<", b"[")
            parts.append((record_id, _warc_record("resource", record_id, url, content, kind)))
            continue
        if rng.random() < 0.4:
            request = f"GET /w/{number} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
            parts.append((None, _warc_record("request", f"<urn:uuid:req-{number}>", url, request, "application/http")))
        headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        if style == "gzip":
            body = gzip.compress(body, mtime=0)
            headers += "Content-Encoding: gzip\r\n"
        if style == "chunked":
            payload = _chunked(body, rng)
            headers += "Transfer-Encoding: chunked\r\n"
        else:
            payload = body
            headers += f"Content-Length: {len(body)}\r\n"
        block = headers.encode() + b"\r\n" + payload
        parts.append((record_id, _warc_record("response", record_id, url, block, "application/http; msgtype=response")))
    return parts


def sample_warc(rng: random.Random, count: int) -> Sample:
    plain, spans = _spans_of(_warc_parts(rng, count))
    return Sample("warc", ".warc", plain, spans, independent=True)


def sample_warc_gz(rng: random.Random, count: int) -> Sample:
    """A ``.warc.gz`` of a gzip member a record: spans are in compressed offsets (``plain`` is the file itself)."""
    members = [(record_id, gzip.compress(part, mtime=0)) for record_id, part in _warc_parts(rng, count)]
    data, spans = _spans_of(members)
    return Sample("warc.gz", ".warc.gz", data, spans, independent=True)


def sample_parquet(rng: random.Random, count: int) -> Sample | None:
    try:
        import pyarrow
        import pyarrow.parquet as parquet
    except ImportError:
        return None
    records = _records(rng, count, "q")
    table = pyarrow.Table.from_pylist(records)
    sink = io.BytesIO()
    parquet.write_table(table, sink, row_group_size=rng.choice([1, 2, 64]))
    data = sink.getvalue()
    return Sample("parquet", ".parquet", data, [(r["id"], 0, len(data)) for r in records])


def sample_folder(rng: random.Random, count: int) -> Sample:
    files = {}
    for number in range(count):
        suffix = rng.choice([".html", ".htm", ".txt", ".md", ""])
        name = f"{rng.choice(['', 'news/', 'news/2024/'])}page{number}{suffix}"
        page = _page(rng, number)
        files[name] = page.encode() if suffix not in (".txt", ".md") else page.replace("<", "").encode()
    return Sample("folder", "", b"", [(name, 0, 0) for name in files], independent=True, files=files)


def sample_html(rng: random.Random, count: int) -> Sample:
    data = _page(rng, 0).encode()
    suffix = rng.choice([".html", ".txt"])
    return Sample("html", suffix, data, [(f"input{suffix}", 0, len(data))])


MAKERS: dict[str, Callable[[random.Random, int], Sample | None]] = {
    "jsonl": sample_jsonl,
    "jsonl-array": sample_jsonl_array,
    "json-pretty": sample_json_pretty,
    "json-wrapper": sample_json_wrapper,
    "json-concat": sample_json_concat,
    "csv": sample_csv,
    "tsv": lambda rng, count: sample_csv(rng, count, "\t"),
    "warc": sample_warc,
    "warc.gz": sample_warc_gz,
    "parquet": sample_parquet,
    "folder": sample_folder,
    "html": sample_html,
}
#: The kinds that may be compressed as a whole (``.gz``, ``.zst``).
COMPRESSIBLE = frozenset({"jsonl", "jsonl-array", "json-pretty", "json-wrapper", "json-concat", "csv", "tsv"})


def _zstd(data: bytes) -> bytes | None:
    try:
        import zstandard
    except ImportError:
        return None
    return bytes(zstandard.ZstdCompressor().compress(data))


def compress(data: bytes, compression: str | None) -> bytes:
    if compression == "gzip":
        return gzip.compress(data, mtime=0)
    if compression == "zstd":
        return _zstd(data) or data
    return data


# ----------------------------------------------------------------------------------------------------------- damage


@dataclass
class Damage:
    """Bytes damaged, and the range of the original they touch (``lo``..``hi``, ``hi`` INF: to the end)."""

    name: str
    data: bytes
    lo: int
    hi: int


def _interesting(data: bytes, rng: random.Random, what: str) -> int:
    """An offset of a kind of place in ``data``: inside a string, an escape, a multi-byte character, a header…"""
    candidates: list[int] = []
    if what == "escape":
        candidates = [i + 1 for i in range(len(data)) if data[i] == 0x5C]
    elif what == "utf8":
        candidates = [i + 1 for i in range(len(data)) if data[i] >= 0xC0]
    elif what == "string":
        candidates = [i + rng.randint(1, 4) for i in range(len(data)) if data[i] == 0x22]
    elif what == "crlf":
        candidates = [i + 1 for i in range(len(data) - 1) if data[i : i + 2] == b"\r\n"]
    elif what == "warc-header":
        candidates = [i + rng.randint(1, 120) for i in range(len(data)) if data.startswith(b"WARC/1.0", i)]
    elif what == "payload":
        candidates = [i + rng.randint(5, 200) for i in range(len(data)) if data.startswith(b"<!DOCTYPE", i)]
    elif what == "chunk-size":
        candidates = [i + rng.randint(2, 4) for i in range(len(data) - 3) if data[i : i + 2] == b"\r\n"]
        candidates = [c for c in candidates if data[c - 1 : c].isalnum()]
    elif what == "digits":
        candidates = [i for i in range(len(data)) if 0x30 <= data[i] <= 0x39]
    candidates = [c for c in candidates if 0 < c < len(data)]
    return rng.choice(candidates) if candidates else rng.randrange(1, max(2, len(data)))


def damage_bytes(rng: random.Random, data: bytes, *, warc: bool = False) -> Damage:
    """One random damage to ``data``."""
    size = len(data)
    roll = rng.choice(
        [
            "truncate",
            "truncate-at",
            "truncate-at",
            "bitflip",
            "bitflips",
            "insert",
            "delete",
            "duplicate",
            "overwrite",
            "swap-ends",
            "content-length",
            "chunk-size",
        ]
    )
    if roll == "truncate":
        cut = rng.randrange(0, size)
        return Damage(f"truncate@{cut}", data[:cut], cut, INF)
    if roll == "truncate-at":
        kinds = ["escape", "utf8", "string", "crlf", "digits"] + (["warc-header", "payload", "chunk-size"] * 2) * warc
        what = rng.choice(kinds)
        cut = _interesting(data, rng, what)
        return Damage(f"truncate-in-{what}@{cut}", data[:cut], cut, INF)
    if roll in ("bitflip", "bitflips"):
        out = bytearray(data)
        spots = sorted(rng.randrange(size) for _ in range(1 if roll == "bitflip" else rng.randint(2, 8)))
        for spot in spots:
            out[spot] ^= 1 << rng.randrange(8)
        return Damage(f"{roll}@{spots}", bytes(out), spots[0], spots[-1] + 1)
    if roll == "insert":
        at = rng.randrange(size + 1) if rng.random() < 0.5 else _interesting(data, rng, rng.choice(["string", "crlf"]))
        inserted: bytes = rng.choice(
            [
                b"\x00",
                b"\r",
                b"\n",
                b"\r\n",
                b"\xef\xbb\xbf",
                b"\xff\xfe",
                b"\xfe\xff",
                b'"',
                b"\\",
                b"{",
                b"[",
                b"]",
                b"}",
                b",",
                b"\xc3",
                b"\xed\xa0\x80",
                b"\x00" * 40,
                b"\x1f\x8b\x08\x00",
                b"WARC/1.0\r\n",
                bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))),
            ]
        )
        return Damage(f"insert{inserted[:12]!r}@{at}", data[:at] + inserted + data[at:], at, at)
    if roll == "delete":
        lo = rng.randrange(size)
        hi = min(size, lo + rng.choice([1, 2, 3, 17, 200, 4000]))
        return Damage(f"delete@{lo}:{hi}", data[:lo] + data[hi:], lo, hi)
    if roll == "duplicate":
        lo = rng.randrange(size)
        hi = min(size, lo + rng.choice([1, 5, 50, 500, 5000]))
        return Damage(f"duplicate@{lo}:{hi}", data[:hi] + data[lo:hi] + data[hi:], lo, hi)
    if roll == "overwrite":
        lo = rng.randrange(size)
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
        hi = min(size, lo + len(junk))
        return Damage(f"overwrite@{lo}:{hi}", data[:lo] + junk[: hi - lo] + data[hi:], lo, hi)
    if roll == "swap-ends":
        # Mixed line ends from one point on: LF to CRLF, CRLF to LF, LF to CR.
        at = rng.randrange(size)
        before, after = data[:at], data[at:]
        change = rng.choice([(b"\r\n", b"\n"), (b"\n", b"\r"), (b"\n", b"\r\n")])
        after = after.replace(*change)
        return Damage(f"line-ends{change!r}@{at}", before + after, at, INF)
    if roll == "content-length":
        starts = [i for i in range(size) if data.startswith(b"Content-Length: ", i)]
        if starts:
            at = rng.choice(starts) + len(b"Content-Length: ")
            end = data.index(b"\r\n", at) if b"\r\n" in data[at:] else at
            value = rng.choice(
                [b"99999999999999999999999", b"18446744073709551616", b"-1", b"0x20", b" 1e9", b"4294967296", b"",
                 b"12 34", b"\xd9\xa3", b"9" * 400, str(int(data[at:end] or b"0") + rng.choice([-1, 1, 2])).encode()]
            )  # fmt: skip
            return Damage(f"content-length={value[:24]!r}@{at}", data[:at] + value + data[end:], at, end)
    if roll == "chunk-size":
        starts = [i for i in range(2, size) if data[i - 2 : i] == b"\r\n" and re_hex_line(data, i)]
        if starts:
            at = rng.choice(starts)
            end = data.index(b"\r\n", at)
            value = rng.choice([b"-5", b"zz", b"ffffffffffffffffffff", b"7fffffffffffffff", b"", b" 1a ", b"0", b"1;x"])
            return Damage(f"chunk-size={value!r}@{at}", data[:at] + value + data[end:], at, end)
    cut = rng.randrange(0, size)
    return Damage(f"truncate@{cut}", data[:cut], cut, INF)


def re_hex_line(data: bytes, at: int) -> bool:
    end = data.find(b"\r\n", at, at + 18)
    return end > at and all(c in b"0123456789abcdef" for c in data[at:end])


def _touched(span: tuple[str, int, int], lo: int, hi: int, margin: int) -> bool:
    _, start, end = span
    return lo <= end + margin - 1 and hi >= start - margin + 1 if hi > lo else start - margin < lo < end + margin


def must_survive(sample: Sample, lo: int, hi: int, *, margin: int = 1) -> set[str]:
    """The records the damage at ``lo``..``hi`` of ``plain`` left alone that must still be read: those wholly
    before it, and, in a format whose records stand alone, those wholly after it."""
    keep = set()
    for span in sample.spans:
        if _touched(span, lo, hi, margin):
            continue
        if span[2] + margin <= lo or sample.independent:
            keep.add(span[0])
    if sample.kind in ("jsonl", "jsonl-array") and sample.spans and _touched(sample.spans[0], lo, hi, 2):
        return set()  # the first line tells the reader what kind of document it is
    return keep


def gzip_prefix(compressed: bytes, cut: int) -> int:
    """How many bytes a gzip stream cut at ``cut`` decompresses to."""
    decompressor = zlib.decompressobj(wbits=31)
    try:
        return len(decompressor.decompress(compressed[:cut]))
    except zlib.error:
        return 0


def record_level(rng: random.Random, sample_kind: str, count: int) -> Case | None:
    """A JSON dump with one record odd in kind (``"html": 5``, ``"id": {}``), deep or long: the others must stand."""
    records: list[Any] = _records(rng, count, "k")
    victim = rng.randrange(count)
    what = rng.choice(
        [
            "html-number",
            "url-array",
            "id-object",
            "deep",
            "long-key",
            "nan",
            "big-int",
            "surrogate",
            "null-html",
            "not-object",
            "title-object",
            "headers-list",
            "fetched-at",
            "empty-key",
        ]
    )
    record = dict(records[victim])
    raw: bytes | None = None
    if what == "html-number":
        record["html"] = 5
    elif what == "url-array":
        record["url"] = []
    elif what == "id-object":
        record["id"] = {}
    elif what == "deep":
        depth = rng.choice([100, 1000, 5000, 100_000])
        raw = b'{"id": "%s", "html": "<p>x</p>", "x": ' % record["id"].encode() + b"[" * depth + b"]" * depth + b"}"
    elif what == "long-key":
        record["k" * rng.choice([300, 70_000, 1 << 20])] = "v"
    elif what == "nan":
        raw = b'{"id": "%s", "html": NaN}' % record["id"].encode()
    elif what == "big-int":
        raw = b'{"id": %s, "html": "<p>x</p>"}' % (b"9" * rng.choice([30, 5000]))
    elif what == "surrogate":
        raw = b'{"id": "%s", "html": "<p>\\ud83d half</p>"}' % record["id"].encode()
    elif what == "null-html":
        record["html"] = None
    elif what == "not-object":
        raw = rng.choice([b"5", b'"x"', b"null", b"[]", b"[1, 2]", b"true"])
    elif what == "title-object":
        record["title"] = {"a": 1}
    elif what == "headers-list":
        record["headers"] = rng.choice([[1, 2], "no header", 7, [["a"]], {"a": [1]}])
    elif what == "fetched-at":
        record["fetched_at"] = rng.choice(["not a date", -1e30, 1e300, "99999-01-01", [], True])
    elif what == "empty-key":
        record[""] = "x"
    records[victim] = record
    lines = [raw if (n == victim and raw is not None) else json.dumps(r).encode() for n, r in enumerate(records)]
    joined = b",\n".join(lines) if sample_kind == "json-pretty" else b"\n".join(lines)
    plain = b"[\n" + joined + b"\n]\n" if sample_kind == "json-pretty" else joined + b"\n"
    kind = "jsonl" if sample_kind != "json-pretty" else "json-pretty"
    must = {r["id"] for n, r in enumerate(records) if n != victim and isinstance(r, dict)}
    # (A first line that is an array with no object in it is one failure, and the lines after it are read.)
    sample = Sample(kind, ".jsonl" if kind == "jsonl" else ".json", plain, [], independent=True)
    return Case(f"record-{what}", sample, plain, must, count, detail=f"record {victim}")


def make_case(rng: random.Random, kinds: list[str] | None = None) -> Case | None:
    kind = rng.choice(kinds or list(MAKERS))
    count = rng.randint(2, 6)
    if kind in ("jsonl", "json-pretty") and rng.random() < 0.25:
        return record_level(rng, kind, count)
    sample = MAKERS[kind](rng, count)
    if sample is None:
        return None
    if kind in COMPRESSIBLE and rng.random() < 0.35:
        compression = rng.choice(["gzip", "zstd"])
        if compression == "zstd" and _zstd(b"") is None:
            compression = "gzip"
        sample = replace(
            sample, compression=compression, suffix=sample.suffix + (".gz" if compression == "gzip" else ".zst")
        )
    if kind == "folder":
        return folder_case(rng, sample)
    if kind in ("json-pretty", "jsonl", "csv") and rng.random() < 0.05:
        # a whole-file transformation: UTF-16 without a BOM; failures are expected, not records
        data = sample.plain.decode("utf-8").encode(rng.choice(["utf-16-le", "utf-16-be"]))
        return Case("utf16-no-bom", sample, compress(data, sample.compression), set(), len(sample.spans))
    if sample.compression is not None and rng.random() < 0.5:
        # damage the compressed stream itself
        whole = compress(sample.plain, sample.compression)
        damage = damage_bytes(rng, whole)
        must: set[str] = set()
        if damage.hi == INF and damage.name.startswith("truncate") and sample.compression == "gzip":
            must = must_survive(sample, gzip_prefix(whole, damage.lo), INF, margin=2)
        return Case(f"{sample.compression}:{damage.name}", sample, damage.data, must, len(sample.spans))
    damage = damage_bytes(rng, sample.plain, warc=kind.startswith("warc"))
    records = len(sample.spans)
    if kind == "parquet":
        return Case(f"parquet:{damage.name}", sample, damage.data, set(), records)
    must = must_survive(sample, damage.lo, damage.hi)
    case = Case(damage.name, sample, compress(damage.data, sample.compression), must, records)
    if damage.hi == INF and damage.name.startswith("truncate"):
        case.cut_inside = _cut_inside(sample, damage.lo)
    elif not damage.name.startswith(("delete", "truncate")):
        # a WARC header is covered by no digest: a flip there may make a response no page, unsaid
        case.whole_file = kind != "warc" or not _in_warc_header(sample.plain, damage.lo, damage.hi)
    return case


def _cut_inside(sample: Sample, cut: int) -> str | None:
    for record_id, start, end in sample.spans:
        core = len(sample.plain[start:end].rstrip(b" \t\r\n,"))
        if start < cut < start + core:
            return record_id
    return None


def _in_warc_header(data: bytes, lo: int, hi: int) -> bool:
    start = data.rfind(b"WARC/1.0", 0, lo + 1)
    if start < 0:
        return True
    header_end = data.find(b"\r\n\r\n", start)
    return header_end < 0 or lo <= header_end + 4 or hi > lo + 2000


def folder_case(rng: random.Random, sample: Sample) -> Case:
    files = dict(sample.files)
    victim = rng.choice(list(files))
    roll = rng.random()
    name = f"folder:{victim}:"
    if roll < 0.6:
        damage = damage_bytes(rng, files[victim])
        files[victim] = damage.data
        name += damage.name
    elif roll < 0.75:
        files[victim] = files[victim].decode().encode("utf-16-le")
        name += "utf16-no-bom"
    elif roll < 0.85:
        files[victim] = gzip.compress(files[victim])
        name += "gzip-without-suffix"
    else:
        files[victim + ".gz"] = gzip.compress(files.pop(victim))[: rng.randrange(5, 40)]
        name += "truncated-gz"
    must = {span[0] for span in sample.spans if span[0] != victim}
    # A file of no page suffix is read only when it starts as HTML: damaged, it may be no page at all.
    counted = len(sample.spans) - (Path(victim).suffix == "")
    return Case(name, sample, b"", must, counted, files=files)


# ------------------------------------------------------------------------------------------------------ reading


class CaseTimeout(BaseException):
    """Raised by the watchdog in a read that takes too long (a BaseException: ``except Exception`` lets it by)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise CaseTimeout


@dataclass
class Reading:
    items: list[Any]
    seconds: float
    error: str | None = None


def read_all(paths: list[str], timeout: float) -> Reading:
    items: list[Any] = []
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, timeout)
    faulthandler.dump_traceback_later(timeout * 3, exit=True)  # a hang in C code, where the alarm cannot fire
    try:
        for item in read_inputs(paths):
            items.append(item)
        return Reading(items, time.perf_counter() - started)
    except CaseTimeout:
        return Reading(items, time.perf_counter() - started, f"timeout after {timeout}s")
    except BaseException as exc:  # anything out of the reader is the finding
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Reading(items, time.perf_counter() - started, "".join(traceback.format_exception(exc))[-3000:])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()


def _summary(item: Any) -> tuple[Any, ...]:
    if isinstance(item, Document):
        content = item.html if item.html is not None else item.text
        digest = hashlib.sha1(
            content if isinstance(content, bytes) else (content or "").encode("utf-8", "surrogatepass")
        )
        return ("doc", item.source_id, item.position, item.url, digest.hexdigest(), item.encoding)
    if isinstance(item, Failure):
        return ("fail", item.stage, item.error, item.message, item.source_id, item.position, item.url)
    return ("other", repr(item)[:200])


def write_input(case: Case, folder: Path) -> Path:
    if case.files is not None:
        root = folder / "pages"
        for name, data in case.files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return root
    path = folder / f"input{case.sample.suffix}"
    path.write_bytes(case.data)
    return path


def check(case: Case, path: Path, first: Reading, second: Reading, slow: float) -> list[tuple[str, str]]:
    """What is wrong with the two reads of ``case``: (category, detail) pairs."""
    found: list[tuple[str, str]] = []
    if first.error:
        if first.error.startswith("timeout"):
            return [("timeout", first.error)]
        lines = first.error.strip().splitlines()
        frames = [line.strip() for line in lines if line.strip().startswith('File "')]
        where = frames[-1].split("/")[-1] if frames else "?"
        return [(f"exception:{lines[-1].split(':')[0]}@{where[:80]}", first.error)]
    if first.seconds > slow:
        found.append(("slow", f"{first.seconds:.2f}s"))
    documents = [item for item in first.items if isinstance(item, Document)]
    failures = [item for item in first.items if isinstance(item, Failure)]
    others = [item for item in first.items if not isinstance(item, Document | Failure)]
    if others:
        found.append(("not-an-item", repr(others[0])[:200]))
    name = path.name
    for failure in failures:
        if failure.stage != "read":
            found.append(("failure-stage", repr(failure)))
        if not failure.position or (name not in failure.position and case.files is None):
            found.append(("failure-position", repr(failure)[:400]))
    ids = {str(document.source_id) for document in documents}
    missing = sorted(case.must_read - ids)
    if missing:
        found.append(("silent-drop" if not failures else "lost-intact-record", f"missing {missing}"))
    if case.cut_inside is not None and case.cut_inside not in ids and not failures:
        found.append(("silent-drop-truncated", f"record {case.cut_inside} cut short, no failure"))
    if case.whole_file and len(documents) < case.records and not failures:
        found.append(("silent-drop-count", f"{len(documents)} documents of {case.records}, no failure"))
    if second.error or [_summary(i) for i in first.items] != [_summary(i) for i in second.items]:
        found.append(("nondeterministic", f"{len(first.items)} vs {len(second.items)} items"))
    # A .warc.gz record read whole stands beside the failure for its member's damage (its trailer, say): the same
    # position for a Document and a Failure is that; two Documents or two Failures at one position are not.
    positions = Counter((type(item).__name__, str(item.position)) for item in first.items)
    repeated = [position for position, seen in positions.items() if seen > 1]
    if repeated:
        found.append(("repeated-position", f"{repeated[:3]}"))
    return found


# ------------------------------------------------------------------------------------------------------ scaling


def scaling_inputs(rng: random.Random, n: int) -> dict[str, tuple[str, bytes]]:
    """Inputs of about ``n`` units of one kind of damage each: their time must grow about linearly in ``n``."""
    page = _page(rng, 1)
    line = json.dumps({"id": "x", "html": page}).encode()
    return {
        "jsonl-bad-lines": (".jsonl", b"\n".join(line[: rng.randrange(1, len(line))] for _ in range(n)) + b"\n"),
        "jsonl-deep-line": (".jsonl", b'{"id":"a","html":"<p>a</p>"}\n' + b"[" * (n * 20) + b"\n"),
        "jsonl-objects-on-line": (".jsonl", line + b"\n" + b'{"html":"<p>x</p>"}' * n + b"\n"),
        "jsonl-broken-objects-on-line": (".jsonl", line + b"\n" + b'{"html":"<p>x</p>"}{' * n + b"\n"),
        "jsonl-cr-lines": (".jsonl", line + b"\r" + b"{\r" * n),
        "json-deep": (".json", b"[" + b"{" * (n * 20)),
        "json-brackets": (".json", b"[\n" + b"[]," * (n * 20) + b"]"),
        "json-escapes": (".json", b'[{"html": "' + b"\\" * (n * 40) + b'"}]'),
        "json-stray": (".json", b'{"html":"<p>x</p>"}\n' + b"x {} " * (n * 10)),
        "wrapper-many-lists": (".json", b'{"a": [{"x": 1}], ' + b'"b": [{"y": 2}], ' * (n * 5) + b'"z": 1}'),
        "wrapper-many-keys": (".json", b'{"articles": [' + line + b"], " + b'"k": 1, ' * (n * 20) + b'"z": 1}'),
        "csv-open-quotes": (".csv", b"id,html\n" + b'a,"<p>x\n' * n),
        "csv-bad-quotes": (".csv", b"id,html\n" + b'a,"<p>x"y</p>"\n' * n),
        "csv-many-cells": (".csv", b"id,html\n" + b"a,<p>x</p>" + b",y" * (n * 50) + b"\n"),
        "warc-garbage": (".warc", _warc_parts(rng, 1)[1][1] + b"garbage\r\n" * (n * 20) + _warc_parts(rng, 1)[1][1]),
        "warc-bad-lengths": (".warc", _warc_parts(rng, 1)[1][1].replace(b"Length: ", b"Length: 1", 1) * n),
        "warc-record-lines": (".warc", b"WARC/1.0\r\n" * (n * 10)),
        "warcgz-magic": (".warc.gz", gzip.compress(_warc_parts(rng, 1)[1][1]) + b"\x1f\x8b\x08\x00" * (n * 50)),
        "warcgz-bad-members": (".warc.gz", b"".join(gzip.compress(_warc_parts(rng, 1)[1][1])[:-9] for _ in range(n))),
        "warc-chunks": (".warc", _chunked_record(n)),
    }  # fmt: skip


def _chunked_record(n: int) -> bytes:
    """A response whose chunked payload is ``n * 20`` chunks of a byte."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    block = head + b"1\r\nx\r\n" * (n * 20) + b"0\r\n\r\n"
    return _warc_record("response", "<urn:uuid:c>", "https://a.example/", block, "application/http; msgtype=response")


def run_scaling(rng: random.Random, folder: Path, timeout: float) -> list[tuple[str, str, Path | None]]:
    findings: list[tuple[str, str, Path | None]] = []
    small, large = scaling_inputs(random.Random(rng.random()), 200), scaling_inputs(random.Random(rng.random()), 800)
    for name, (suffix, data) in small.items():
        times = []
        for size, inputs in (("small", small), ("large", large)):
            path = folder / f"{name}-{size}{suffix}"
            path.write_bytes(inputs[name][1])
            reading = read_all([str(path)], timeout)
            if reading.error:
                findings.append((f"scaling-{name}:{reading.error.strip().splitlines()[-1][:100]}", reading.error, path))
                break
            times.append(max(reading.seconds, 1e-3))
        else:
            ratio = times[1] / times[0]
            # 4x the size: a linear reader takes about 4x as long; 16x is quadratic
            if times[1] > 0.2 and ratio > 9:
                findings.append(
                    (
                        f"superlinear:{name}",
                        f"{times[0]:.3f}s -> {times[1]:.3f}s (x{ratio:.1f})",
                        folder / f"{name}-large{suffix}",
                    )
                )
        del data
    return findings


# ------------------------------------------------------------------------------------------------------------ CLI


def run_cli(case: Case, path: Path, folder: Path) -> tuple[str, str] | None:
    """``newsclean clean`` on the damaged input: a documented exit code (0, or 1 with ``--strict``) and no
    traceback."""
    out = folder / "out.jsonl"
    strict = ["--strict"] if case.name.__hash__() % 2 else []
    command = [sys.executable, "-m", "newsclean", "clean", str(path), "-o", str(out), "--workers", "0", "-q", *strict]
    try:
        done = subprocess.run(command, capture_output=True, timeout=120, cwd=folder, check=False)
    except subprocess.TimeoutExpired:
        return ("cli-timeout", " ".join(command[2:]))
    stderr = done.stderr.decode("utf-8", "replace")
    allowed = {0, 1} if strict else {0}
    if done.returncode not in allowed or "Traceback" in stderr:
        return (f"cli-exit-{done.returncode}", stderr[-2000:])
    return None


# ----------------------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="where findings are kept (default: a new temporary folder)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds a read may take before it is a hang")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds past which a read of a small input is slow")
    parser.add_argument("--max-rss-growth", type=float, default=500.0, help="MB of memory growth that is a finding")
    parser.add_argument("--cli", type=int, default=6, help="damaged cases also run through 'newsclean clean'")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--kinds", help=f"comma-separated kinds of input to fuzz (default all: {', '.join(MAKERS)})")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    out = args.out or Path(tempfile.mkdtemp(prefix="newsclean-fuzz-readers-"))
    out.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    work = Path(tempfile.mkdtemp(prefix="newsclean-fuzz-work-"))
    findings: Counter[str] = Counter()
    kept: dict[str, Path] = {}
    cases = 0
    cli_runs = 0
    started = time.monotonic()
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def keep(category: str, detail: str, case_name: str, source: Path | None) -> None:
        findings[category] += 1
        if category in kept or source is None:
            return
        target = out / f"finding-{len(kept):03d}"
        target.mkdir()
        if source.is_dir():
            shutil.copytree(source, target / source.name)
        else:
            shutil.copy2(source, target / source.name)
        (target / "finding.json").write_text(
            json.dumps({"category": category, "case": case_name, "seed": args.seed, "detail": detail[:5000]}, indent=1)
        )
        kept[category] = target
        print(f"[finding] {category} ({case_name}) -> {target}", flush=True)

    try:
        if not args.no_scaling:
            for category, detail, source in run_scaling(rng, work, args.timeout):
                keep(category, detail, "scaling", source)
        while time.monotonic() - started < args.seconds:
            case = make_case(rng, args.kinds.split(",") if args.kinds else None)
            if case is None:
                continue
            cases += 1
            folder = work / f"case-{cases}"
            folder.mkdir()
            path = write_input(case, folder)
            first = read_all([str(path)], args.timeout)
            second = read_all([str(path)], args.timeout) if not first.error else first
            problems = check(case, path, first, second, args.slow)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            if rss - rss_start > args.max_rss_growth:
                problems.append(("memory", f"max RSS {rss:.0f} MB (started at {rss_start:.0f} MB)"))
                rss_start = rss
            for category, detail in problems:
                category = (
                    f"{case.sample.kind}{'.' + case.sample.compression if case.sample.compression else ''}:{category}"
                )
                keep(category, f"{case.detail} {detail}", case.name, path)
            if cli_runs < args.cli and (problems or rng.random() < 0.02):
                cli_runs += 1
                result = run_cli(case, path, folder)
                if result is not None:
                    keep(result[0], result[1], case.name, path)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"seed {args.seed}: {cases} cases in {time.monotonic() - started:.0f}s, {cli_runs} through the CLI,"
        f" {len(findings)} distinct findings, {sum(findings.values())} in all; reproducers in {out}"
    )
    for category, seen in findings.most_common():
        print(f"  {seen:5d}  {category}  ->  {kept.get(category, '')}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
