"""Opening plain, gzip and zstd files as binary streams, chosen by extension."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import IO


def compression_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in {".gz", ".gzip"}:
        return "gzip"
    if suffix in {".zst", ".zstd"}:
        return "zstd"
    return None


def open_binary(path: Path) -> IO[bytes]:
    """A buffered binary reader over ``path``, decompressing ``.gz`` and ``.zst`` on the fly."""
    compression = compression_of(path)
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == "zstd":
        import zstandard

        raw = path.open("rb")
        try:
            # read_across_frames: zstd files written in several frames (as streaming writers do) read whole.
            reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
        except Exception:
            raw.close()
            raise
        return io.BufferedReader(reader)
    return path.open("rb")


def base_suffix(path: Path) -> str:
    """The format suffix under any compression suffix: ``dump.jsonl.gz`` → ``.jsonl``."""
    if compression_of(path) is not None:
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()
