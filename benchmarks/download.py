"""Fetch the public gold sets and convert them to the harness's format (``NAME.jsonl.gz``), for users who have
no ``../shared/datasets``.

Each set is downloaded as a source archive of its public repository at the commit the shared copies were made
from, so the pages and gold are the same. Only the ScrapingHub set has a converter so far; for the others the
archive is unpacked and the command says where, and fails (exit 1) rather than write a file of guessed shape.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import click
import httpx

from ._data import DATASETS


class Source(NamedTuple):
    repository: str
    commit: str
    licence: str


SOURCES = {
    "scrapinghub": Source(
        "scrapinghub/article-extraction-benchmark", "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010", "MIT"
    ),
    "naeb": Source(
        "AndyTheFactory/article-extraction-dataset", "cf3e2959ffc4fde13e0714d2b6d50c2bd220ed3b", "Apache-2.0"
    ),
    "wcxb_dev_articles": Source(
        "Murrough-Foley/web-content-extraction-benchmark", "c039d5ee9f5a3a984a0e167e63aacd04e76e78a9", "CC-BY-4.0"
    ),
}
ARCHIVE_URL = "https://codeload.github.com/{repository}/tar.gz/{commit}"
TIMEOUT = httpx.Timeout(30.0, read=300.0)


def fetch_archive(source: Source, into: Path) -> Path:
    """Download and unpack the repository at the pinned commit; returns the unpacked root folder."""
    url = ARCHIVE_URL.format(repository=source.repository, commit=source.commit)
    click.echo(f"downloading {url}", err=True)
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True) as client:
            response = client.get(url)
            response.raise_for_status()
    except httpx.HTTPError as exc:
        raise click.ClickException(f"could not download {url}: {type(exc).__name__}: {exc}") from exc
    try:
        with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:gz") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:  # a cut or damaged download, or a page in its place
        raise click.ClickException(f"{url} is not a readable source archive: {type(exc).__name__}: {exc}") from exc
    roots = [path for path in into.iterdir() if path.is_dir()]
    if len(roots) != 1:
        raise click.ClickException(f"unexpected archive layout for {source.repository}: {roots}")
    return roots[0]


def _scrapinghub_pages(root: Path, source: Source) -> Iterator[dict[str, Any]]:
    # Layout: ground-truth.json maps an id to {"articleBody", "url"}; html/<id>.html.gz holds the page (UTF-8).
    ground_truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(ground_truth):
        item = ground_truth[key]
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        body = item.get("articleBody") or ""
        yield {
            "id": f"scrapinghub/{key}",
            "url": item.get("url"),
            "html": html,
            "gold_text": "\n\n".join(p.strip() for p in body.split("\n") if p.strip()),
            "gold_meta": {},
            "must_include": [],
            "must_exclude": [],
            "info": {
                "dataset": "scrapinghub",
                "source_repo": source.repository,
                "source_commit": source.commit,
                "encoding": "utf-8",
            },
        }


Converter = Callable[[Path, Source], Iterator[dict[str, Any]]]
CONVERTERS: dict[str, Converter] = {"scrapinghub": _scrapinghub_pages}


def _convert(converter: Converter, root: Path, source: Source, target: Path) -> int:
    """Write the converted set to ``target`` through a partial file, never leaving a half-written set where the
    harness would read it; returns the page count."""
    partial = target.with_suffix(".partial")
    count = 0
    try:
        with gzip.open(partial, "wt", encoding="utf-8") as handle:
            for page in converter(root, source):
                handle.write(json.dumps(page, ensure_ascii=False) + "\n")
                count += 1
    except (OSError, EOFError, KeyError, TypeError, ValueError) as exc:  # not the layout the converter reads
        partial.unlink(missing_ok=True)
        raise click.ClickException(
            f"{source.repository} at {source.commit[:12]} is not laid out as the converter reads it: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    partial.replace(target)
    return count


def download_datasets(names: Sequence[str], out_dir: Path) -> None:
    unknown = [name for name in names if name not in SOURCES]
    if unknown:
        raise click.UsageError(f"no public source known for {unknown}; known: {', '.join(DATASETS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    missing_converters: list[str] = []
    for name in names:
        source = SOURCES[name]
        target = out_dir / f"{name}.jsonl.gz"
        converter = CONVERTERS.get(name)
        unpack_dir = Path(tempfile.mkdtemp(prefix=f"newsclean-{name}-"))
        keep_unpacked = False
        try:
            root = fetch_archive(source, unpack_dir)
            if converter is None:
                click.echo(f"{name}: no converter yet; the original ({source.licence}) is unpacked at {root}", err=True)
                missing_converters.append(name)
                keep_unpacked = True  # for the user, as the message says
                continue
            count = _convert(converter, root, source, target)
        finally:
            if not keep_unpacked:
                shutil.rmtree(unpack_dir, ignore_errors=True)
        click.echo(f"{name}: {count} pages written to {target} (licence {source.licence})", err=True)
    if missing_converters:
        raise click.ClickException(f"not converted: {', '.join(missing_converters)}")
