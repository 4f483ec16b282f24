"""Turning a command-line file argument into a pipeline Document."""

from __future__ import annotations

import click

from .._models import Failure
from .._pipeline import Document
from ..io import FileReader, StdinReader, detect_format

_DUMP_KINDS = {"jsonl": "JSON", "csv": "CSV", "warc": "WARC", "parquet": "Parquet"}


def read_document(name: str, *, force_text: bool = False) -> Document:
    """``-`` is stdin (HTML unless ``force_text``); a file is read as ``clean`` reads a page: ``.txt`` is a text
    dump, anything else HTML, ``.gz`` and ``.zst`` decompressed. Raises click.FileError when it cannot be read, and
    click.BadParameter for a dump of records (JSON, CSV, WARC, Parquet), which holds many pages."""
    kind = detect_format(name) if name != "-" else "html"
    if kind in _DUMP_KINDS and not force_text:
        raise click.BadParameter(
            f"{name} is a dump of records ({_DUMP_KINDS[kind]}); explain takes one page: clean it with"
            f" 'newsclean clean {name}', or save one record's page to a file and explain that",
            param_hint="FILE",
        )
    reader = StdinReader(text=force_text) if name == "-" else FileReader(name, text=True if force_text else None)
    item = next(iter(reader))
    if isinstance(item, Failure):
        raise click.FileError(name, hint=item.message)
    return item
