"""Pages on disk: one file, an HTML page or a plain-text dump (``FileReader``), and a folder of them read
recursively, sorted by path (``FolderReader``), a file a document."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .._decode import decode_text_dump
from .._models import Failure
from .._pipeline import Document
from ..fetch._content import looks_like_html
from ._formats import FOLDER_SUFFIXES, MAX_DOCUMENT_BYTES, RECORD_SUFFIXES, TEXT_SUFFIXES
from ._open import base_suffix, compression_of, open_binary
from ._records import Item, path_text, read_failure


class FileReader:
    """One file: an HTML page (any suffix but ``.txt``) or a plain-text dump (``.txt``, or ``text=True``).

    A file of more than ``max_document_bytes`` (decompressed) is rejected; reading stops there.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        text: bool | None = None,
        source_id: str | None = None,
        max_document_bytes: int = MAX_DOCUMENT_BYTES,
    ) -> None:
        self.path = Path(path)
        self.text = base_suffix(self.path) in TEXT_SUFFIXES if text is None else text
        self.source_id = source_id or path_text(self.path.name)
        self.max_document_bytes = max_document_bytes

    def __iter__(self) -> Iterator[Item]:
        position = path_text(str(self.path))
        try:
            with open_binary(self.path) as stream:
                data = stream.read(self.max_document_bytes + 1)
        except FileNotFoundError as exc:
            if self.path.is_symlink():
                # The error names the link, which is there, as "no such file": what is missing is what it points to.
                message = f"link to a file that does not exist: {position} -> {_link_target(self.path)}"
                yield _failure_of(exc, message, position, source_id=self.source_id)
            else:
                yield read_failure(exc, position, source_id=self.source_id)
            return
        except (OSError, EOFError, ValueError) as exc:
            yield read_failure(exc, position, source_id=self.source_id)
            return
        if len(data) > self.max_document_bytes:
            message = f"file exceeds max_document_bytes={self.max_document_bytes:,} (read no further)"
            yield read_failure(message, position, source_id=self.source_id)
            return
        compressed = _still_compressed(data)
        if compressed is not None:
            yield read_failure(f"{path_text(self.path.name)} {compressed}", position, source_id=self.source_id)
            return
        if self.text:
            text = decode_text_dump(data)
            yield Document(
                text=text.text,
                encoding=text.encoding,
                encoding_source=text.source,
                source_id=self.source_id,
                position=position,
            )
        else:
            yield Document(html=data, source_id=self.source_id, position=position)


#: Compressed data by its magic bytes. A page still compressed (a ``.bz2``, or a gzip body that curl saved as
#: ``page.html`` without ``--compressed``) was refused as "input looks binary", which does not say what to do.
_COMPRESSED_MAGIC = (
    (b"\x1f\x8b", "gzip", ".gz"),
    (b"\x28\xb5\x2f\xfd", "zstd", ".zst"),
    (b"BZh", "bzip2", None),
    (b"\xfd7zXZ\x00", "xz", None),
    (b"\x04\x22\x4d\x18", "LZ4", None),
)


def _still_compressed(data: bytes) -> str | None:
    """What to say of a file's bytes that are compressed data (after any decompression its suffix asked for), or
    None when they are not."""
    for magic, name, suffix in _COMPRESSED_MAGIC:
        if data.startswith(magic) and (name != "bzip2" or data[3:4].isdigit()):  # "BZh" and a block size
            if suffix is not None:
                return f"is {name}-compressed but its name does not end in {suffix}: rename it, or decompress it"
            return f"is {name}-compressed, which is not read: decompress it (or recompress it with gzip)"
    return None


class FolderReader:
    """Every ``.html``/``.htm``/``.xhtml``/``.txt`` file under a folder, recursively, sorted by relative path, and
    every other uncompressed file that starts as HTML: a mirror saves pages under their URL's name
    (``news/2023/story``, ``article.php``), and those are pages too.

    Hidden files and folders (names starting with ``.``) are skipped. Links to folders outside it are followed,
    each such folder read once; a link to a folder inside it is not (its pages are read under their own path). A
    folder below it that cannot be listed (no permission, a path too long) is one read failure in its place. The
    source id is the relative path (``path_text``: a byte of a name that is not UTF-8 written ``\\xNN``).
    """

    def __init__(self, path: str | Path, *, text: bool | None = None) -> None:
        self.path = Path(path)
        self.text = text
        self._files: list[Path] | None = None
        self._walked: _Walk | None = None

    def files(self) -> list[Path]:
        """The files it reads, listed once (a count of them and the reading share one listing: each file of no
        page suffix is opened to see whether it starts as HTML), and the folders below it that cannot be listed:
        each is one item, a read failure."""
        if self._files is None:
            self._files = self._list()
        return self._files

    def _walk(self) -> _Walk:
        if self._walked is None:
            self._walked = _walk(self.path)
        return self._walked

    def _list(self) -> list[Path]:
        walked = self._walk()
        found = [
            candidate
            for candidate in walked.entries
            if _regular_or_broken(candidate)
            and (base_suffix(candidate) in FOLDER_SUFFIXES or _starts_as_html(candidate))
        ]
        found += walked.unlisted
        return sorted(found, key=lambda candidate: candidate.relative_to(self.path).as_posix())

    def __iter__(self) -> Iterator[Item]:
        if not self.path.is_dir():
            yield read_failure(f"{path_text(str(self.path))} is not a folder", path_text(str(self.path)))
            return
        try:
            files = self.files()
        except OSError as exc:
            yield read_failure(exc, path_text(str(self.path)))
            return
        unlisted = self._walk().unlisted
        for file in files:
            source_id = path_text(file.relative_to(self.path).as_posix() if file != self.path else str(file))
            if file in unlisted:
                error = unlisted[file]
                message = f"folder cannot be listed, so the pages in it are not read: {error}"
                yield _failure_of(error, message, path_text(str(file)), source_id=source_id)
            else:
                yield from FileReader(file, text=self.text, source_id=source_id)
        if not files:
            yield from self._dumps_left_unread()

    def _dumps_left_unread(self) -> Iterator[Item]:
        """For a folder without pages, one failure: naming the dumps of records in it, if any. A folder's JSON, CSV and
        WARC files are a mirror's data files as often as dumps (and may be an earlier run's output), so they are
        read only when given as inputs; a folder of Spark's ``part-*.jsonl.gz`` would otherwise give nothing,
        silently."""
        dumps = sorted(
            path_text(candidate.relative_to(self.path).as_posix())
            for candidate in self._walk().entries
            if base_suffix(candidate) in RECORD_SUFFIXES and _regular_or_broken(candidate)
        )
        if dumps:
            shown = ", ".join(dumps[:3]) + (", …" if len(dumps) > 3 else "")
            message = (
                f"the folder holds no pages, and its {len(dumps)} dump(s) of records ({shown}) are read only when"
                f" given as inputs: newsclean clean {path_text(str(self.path))}/<name> …"
            )
            yield read_failure(message, path_text(str(self.path)))
        else:
            # Most often the wrong folder: said, not a run that ends with nothing to show.
            message = "the folder holds no pages (.html, .htm, .xhtml, .txt or .md files, or files that open as HTML)"
            yield read_failure(message, path_text(str(self.path)))


def _failure_of(error: OSError, message: str, position: str, *, source_id: str) -> Failure:
    """A read failure with its own message, typed as the error behind it (``PermissionError``, …)."""
    return Failure(stage="read", error=type(error).__name__, message=message, position=position, source_id=source_id)


def _link_target(link: Path) -> str:
    try:
        return path_text(str(link.readlink()))
    except OSError:  # gone, or replaced by a file, since it was listed
        return "?"


@dataclass
class _Walk:
    """What is below a folder: every entry that is not a folder (hidden ones left out), and the folders that
    could not be listed, each with its error."""

    entries: list[Path]
    unlisted: dict[Path, OSError]


def _walk(root: Path) -> _Walk:
    """The entries below ``root``, found with ``os.scandir`` rather than ``Path.rglob``: rglob skips a folder it
    may not list without a word (its pages dropped unsaid), gives up on the whole tree at one path too long to
    open, and never goes into a linked folder (``pages/2024 -> /mnt/archive/2024``, whose pages were dropped
    unsaid). A link to a folder inside ``root`` is not gone into (its pages are read under their own path, and a
    link to a folder above is a loop), and each folder outside it is listed once, by its device and inode."""
    walk = _Walk(entries=[], unlisted={})
    inside = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            walk.unlisted[folder] = exc
            continue
        for entry in children:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                is_folder = entry.is_dir()  # a link to a folder too
            except OSError:
                is_folder = False
            if not is_folder:
                walk.entries.append(path)
            elif not entry.is_symlink():
                pending.append(path)
            elif os.path.commonpath([inside, target := os.path.realpath(path)]) != inside:
                try:
                    linked = Path(target).stat()
                except OSError as exc:
                    walk.unlisted[path] = exc
                    continue
                if (linked.st_dev, linked.st_ino) not in seen:
                    seen.add((linked.st_dev, linked.st_ino))
                    pending.append(path)
    return walk


def _regular_or_broken(path: Path) -> bool:
    """A regular file, or a link to nothing (read, and rejected as unreadable); not a folder, and not a pipe or a
    device, which opening to sniff would block on."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return path.is_symlink()
    return stat.S_ISREG(mode)


def _starts_as_html(path: Path) -> bool:
    """An uncompressed file of no page suffix whose first kilobyte opens an HTML document (in the Unicode form a
    byte order mark names, as ``looks_like_html`` reads it)."""
    if compression_of(path) is not None or base_suffix(path) in RECORD_SUFFIXES:
        return False
    try:
        with path.open("rb") as stream:
            return looks_like_html(stream.read(1024))
    except OSError:  # listed but unreadable: not known to be a page, and not read as one
        return False
