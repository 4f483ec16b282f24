"""Article metadata you can trust: each field is set only on evidence, and says where it came from.

``resolve`` reads the markup's candidates (JSON-LD, OpenGraph, ``<meta>``, ``<time>``, bylines, the URL);
``complete`` adds what the clean text says (dateline, wire agency, language) and the computed fields (word
count, reading time, content hash, SimHash). ``near_duplicates`` groups syndicated copies by SimHash.
"""

from __future__ import annotations

from ._authors import Byline, parse_byline
from ._computed import content_hash, hamming_distance, near_duplicates, reading_time_minutes, simhash, word_count
from ._dateline import Dateline, find_dateline
from ._dates import ParsedDate, date_from_url, parse_datetime
from ._resolve import complete, resolve
from ._resolved import Resolved
from ._title import clean_title

__all__ = [
    "Byline",
    "Dateline",
    "ParsedDate",
    "Resolved",
    "clean_title",
    "complete",
    "content_hash",
    "date_from_url",
    "find_dateline",
    "hamming_distance",
    "near_duplicates",
    "parse_byline",
    "parse_datetime",
    "reading_time_minutes",
    "resolve",
    "simhash",
    "word_count",
]
