"""The gold sets: where they live and how to stream them.

They are read from ``../shared/datasets/`` relative to the repository root, unless ``--data-dir`` or the
``NEWSCLEAN_DATASETS`` environment variable (or ``NEWSCLEAN_SHARED``, whose ``datasets/`` is used) says
otherwise. Pages are streamed one gzip JSONL line at a time and never copied into the repository.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS = ("scrapinghub", "naeb", "wcxb_dev_articles")
#: The pages in each shipped set as published (docs/benchmarks.md, "Data"): a run on fewer is on a part of it.
FULL_PAGE_COUNTS = {"scrapinghub": 181, "naeb": 421, "wcxb_dev_articles": 711}


class DatasetError(Exception):
    """A gold set is missing or malformed; the message says where it was looked for and how to fix it."""


class Page(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    html: str
    gold_text: str
    url: str | None = None
    gold_meta: dict[str, Any] = msgspec.field(default_factory=dict)
    must_include: tuple[str, ...] = ()
    must_exclude: tuple[str, ...] = ()
    info: dict[str, Any] = msgspec.field(default_factory=dict)

    @property
    def gold_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.gold_text.split("\n\n") if p.strip()]


def data_dir(explicit: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The datasets folder: the explicit path, else $NEWSCLEAN_DATASETS, else $NEWSCLEAN_SHARED/datasets,
    else ``../shared/datasets`` beside the repository."""
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit)
    if env.get("NEWSCLEAN_DATASETS"):
        return Path(env["NEWSCLEAN_DATASETS"])
    if env.get("NEWSCLEAN_SHARED"):
        return Path(env["NEWSCLEAN_SHARED"]) / "datasets"
    return REPO_ROOT.parent / "shared" / "datasets"


def parse_dataset_names(value: str) -> tuple[str, ...]:
    """``"scrapinghub,naeb"`` → ``("scrapinghub", "naeb")``; ``"all"`` → every known set. Unknown names are
    allowed (a user may drop their own ``NAME.jsonl.gz`` into the folder) but duplicates are not."""
    names = DATASETS if value.strip() == "all" else tuple(n.strip() for n in value.split(",") if n.strip())
    if not names:
        raise DatasetError("no dataset named; give e.g. --datasets scrapinghub,naeb")
    if len(set(names)) != len(names):
        raise DatasetError(f"dataset named twice in {value!r}")
    return names


def dataset_path(name: str, directory: Path) -> Path:
    path = directory / f"{name}.jsonl.gz"
    if not path.is_file():
        raise DatasetError(
            f"dataset {name!r} not found at {path}. Point --data-dir or NEWSCLEAN_DATASETS at the folder "
            "holding the gold sets, or fetch the public originals with `python -m benchmarks download`."
        )
    return path


_DECODER = msgspec.json.Decoder(Page)


def iter_pages(name: str, directory: Path, *, limit: int | None = None) -> Iterator[Page]:
    """Stream a set's pages in file order (the order is part of determinism: results never depend on it).

    A damaged file (not gzip, cut short, a line that is not a page, a byte that is not UTF-8) raises
    ``DatasetError`` naming the file and, where it is known, the line; so does a set with no page at all, which
    is missing data rather than a run that scores nothing. Pages are streamed, so the error may come after
    pages have been yielded."""
    path = dataset_path(name, directory)
    line_number = 0
    pages = 0
    try:
        with gzip.open(path, "rb") as handle:
            for line_number, line in enumerate(handle, start=1):
                if limit is not None and line_number > limit:
                    return
                if not line.strip():
                    continue
                try:
                    page = _DECODER.decode(line)
                except (msgspec.DecodeError, UnicodeDecodeError) as exc:
                    raise DatasetError(f"{path}, line {line_number}: not a gold-set page ({exc})") from exc
                pages += 1
                yield page
    except EOFError as exc:
        raise DatasetError(
            f"{path}: the gzip stream ends early, after line {line_number} (a cut-short download or copy?); "
            "fetch the set again"
        ) from exc
    except gzip.BadGzipFile as exc:
        raise DatasetError(f"{path}: not a gzip file ({exc}); the gold sets are gzip-compressed JSON lines") from exc
    except (OSError, zlib.error) as exc:  # zlib.error: corrupt compressed data; OSError: the file is unreadable
        raise DatasetError(f"{path}, after line {line_number}: cannot be read ({type(exc).__name__}: {exc})") from exc
    if pages == 0:
        raise DatasetError(f"{path} holds no pages (an empty file or an empty gzip): the set's data is missing")


def load_pages(name: str, directory: Path, *, limit: int | None = None) -> list[Page]:
    return list(iter_pages(name, directory, limit=limit))


def check_names(names: Sequence[str], directory: Path) -> None:
    """Fail before any work starts when one of the sets is missing."""
    for name in names:
        dataset_path(name, directory)
