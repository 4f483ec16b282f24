"""What the readers share: the file suffixes that tell each kind of input (``detect_format``, a folder's pages,
its dumps of records), and the most bytes one document may take in memory while it is read."""

from __future__ import annotations

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".jl"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
#: The delimiter of each table-of-text suffix.
CSV_DELIMITERS = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
# Common Crawl's WET files (``*.warc.wet.gz``) are WARCs of the pages' text.
WARC_SUFFIXES = frozenset({".warc", ".arc", ".wet"})
#: Files of records (never a page, whatever their first bytes look like).
RECORD_SUFFIXES = JSONL_SUFFIXES | WARC_SUFFIXES | PARQUET_SUFFIXES | frozenset(CSV_DELIMITERS)
#: Folder files that are documents by their suffix (Markdown too: crawlers that write Markdown save a folder of
#: `.md` pages); other files are documents when they start as HTML (`_folder_reader._starts_as_html`), images and
#: CSS are not.
FOLDER_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES
#: The most bytes one document may take in memory while it is read (a JSONL line, a file, a WARC record, stdin).
#: A larger one is rejected unread past that point: a 10 GB ``page.html.gz`` is not decompressed into memory only
#: for the pipeline's ``Limits.max_bytes`` (10 MiB by default) to refuse it.
MAX_DOCUMENT_BYTES = 64 << 20
