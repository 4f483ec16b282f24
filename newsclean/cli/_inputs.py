"""Turning a command-line file argument into a pipeline Document."""

from __future__ import annotations

import click

from .._models import Failure
from .._pipeline import Document
from ..io import FileReader, StdinReader


def read_document(name: str, *, force_text: bool = False) -> Document:
    """``-`` is stdin (HTML unless ``force_text``); a file is read as ``clean`` reads it: ``.txt`` is a text dump,
    anything else HTML, ``.gz`` and ``.zst`` decompressed. Raises click.FileError when it cannot be read."""
    reader = StdinReader(text=force_text) if name == "-" else FileReader(name, text=True if force_text else None)
    item = next(iter(reader))
    if isinstance(item, Failure):
        raise click.FileError(name, hint=item.message)
    return item
