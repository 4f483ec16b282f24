"""Turning command-line file arguments into pipeline Documents."""

from __future__ import annotations

import sys
from pathlib import Path

from .._pipeline import Document

TEXT_SUFFIXES = frozenset({".txt", ".text"})


def read_document(name: str, *, force_text: bool = False) -> Document:
    """``-`` is stdin (HTML unless ``force_text``); ``.txt`` files are text dumps; anything else is HTML."""
    if name == "-":
        data = sys.stdin.buffer.read()
        if force_text:
            return Document(text=data.decode("utf-8", "replace"), source_id="-", position="-")
        return Document(html=data, source_id="-", position="-")
    path = Path(name)
    data = path.read_bytes()
    if force_text or path.suffix.lower() in TEXT_SUFFIXES:
        return Document(text=data.decode("utf-8", "replace"), source_id=path.name, position=str(path))
    return Document(html=data, source_id=path.name, position=str(path))
