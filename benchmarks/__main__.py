"""``python -m benchmarks quality|dumps|speed|gate|download``. Exit codes: 0 ok, 1 gate regression, 2 usage or
missing data."""

from __future__ import annotations

import json
import os
import platform
import shlex
import sys
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import click
import msgspec

from ._data import DatasetError, check_names, data_dir, parse_dataset_names

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from ._extractors import ExtractFn
    from ._quality import PageRecord

RESULTS = Path(__file__).resolve().parent / "results"

_data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with the gold sets (default: $NEWSCLEAN_DATASETS, else ../shared/datasets beside the repo).",
)
_limit_option = click.option("--limit", type=click.IntRange(min=1), default=None, help="First N pages of each set.")


class UnusableInput(click.ClickException):
    """A gold set that is missing, damaged or empty, or a place the results cannot be written: exit 2, as a usage
    error, so CI can tell it from a gate regression (1), without click's usage hint, which would not help."""

    exit_code = 2


@contextmanager
def _gold_set_errors() -> Iterator[None]:
    """Pages are streamed, so a damaged line or a cut-short file shows up mid-run: turn it into exit 2."""
    try:
        yield
    except DatasetError as exc:
        raise UnusableInput(str(exc)) from exc


def _writable_folder(folder: Path, file_names: Sequence[str]) -> None:
    """Create ``folder`` and check that the files a command will write there can be written, before its run, so
    a bad path costs a message and not a run (``speed`` would otherwise time every page first)."""
    if folder.exists() and not folder.is_dir():
        raise UnusableInput(f"{folder} is a file; the command needs a folder there")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Creating a file is the only sure test: access() says yes to root even on a read-only file system.
        with tempfile.TemporaryFile(dir=folder):
            pass
    except NotADirectoryError as exc:
        raise UnusableInput(f"cannot create the folder {folder}: a folder on its path is a file") from exc
    except OSError as exc:
        raise UnusableInput(f"cannot create or write to the folder {folder}: {exc.strerror or exc}") from exc
    for name in file_names:
        target = folder / name
        if target.is_dir():
            raise UnusableInput(f"{target} is a folder; the command writes a file there")
        if target.exists() and not os.access(target, os.W_OK):
            raise UnusableInput(f"{target} cannot be written")


def _datasets(value: str, directory: Path | None) -> tuple[tuple[str, ...], Path]:
    folder = data_dir(directory)
    try:
        names = parse_dataset_names(value)
        check_names(names, folder)
    except DatasetError as exc:
        raise click.UsageError(str(exc)) from exc
    return names, folder


def _built_extractors(value: str, *, leave_out: str | None = None) -> tuple[dict[str, ExtractFn], dict[str, str]]:
    """The extractors ``value`` names (comma-separated, or all) that could be built, and a note for each that could
    not (echoed); a usage error when none could."""
    from ._extractors import build_extractors, parse_extractor_names

    try:
        wanted = tuple(name for name in parse_extractor_names(value) if name != leave_out)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    ready, skipped = build_extractors(wanted)
    for name, note in skipped.items():
        click.echo(f"skipping {name}: {note}", err=True)
    if not ready:
        raise click.UsageError(f"no extractor could be built from {value!r}")
    return ready, skipped


def _run_info() -> dict[str, Any]:
    import newsclean

    info: dict[str, Any] = {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python -m benchmarks " + shlex.join(sys.argv[1:]),
        "newsclean": newsclean.__version__,
        "python": platform.python_version(),
    }
    try:
        import trafilatura

        info["trafilatura"] = trafilatura.__version__
    except ImportError:
        pass
    return info


def _progress(label: str) -> Any:
    def report(number: int) -> None:
        if number % 50 == 0:
            click.echo(f"  {label}: {number} pages", err=True)

    return report


def _writer(sink: BinaryIO, encoder: msgspec.json.Encoder) -> Callable[[PageRecord], None]:
    def write(record: PageRecord) -> None:
        sink.write(encoder.encode(record) + b"\n")

    return write


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """newsclean's benchmarks: quality on public gold sets, speed against trafilatura, and the CI gate."""


@main.command()
@click.option("--datasets", "dataset_names", default="all", show_default=True, help="Comma-separated sets, or all.")
@click.option("--extractors", default="all", show_default=True, help="Comma-separated extractors, or all.")
@_data_dir_option
@_limit_option
@click.option("--bootstrap", type=click.IntRange(min=0), default=0, help="Bootstrap samples for a ± on F1.")
@click.option("--results-dir", type=click.Path(file_okay=False, path_type=Path), default=RESULTS, show_default=True)
@click.option(
    "--keep-outputs/--no-keep-outputs",
    default=True,
    help="Per-page records in results/outputs/ (for analyse); without, the sets' earlier records there are removed.",
)
def quality(
    dataset_names: str,
    extractors: str,
    data_dir: Path | None,
    limit: int | None,
    bootstrap: int,
    results_dir: Path,
    keep_outputs: bool,
) -> None:
    """newsclean and its peers on each gold set: shingle F1, snippets, residual boilerplate, false removals,
    metadata. Writes quality.json, quality.md and quality.png to the results folder."""
    from ._quality import run_dataset
    from ._report import quality_markdown, quality_plot

    names, folder = _datasets(dataset_names, data_dir)
    ready, skipped = _built_extractors(extractors)
    _writable_folder(results_dir, ("quality.json", "quality.md", "quality.png"))
    if keep_outputs:
        _writable_folder(results_dir / "outputs", [f"{dataset}.jsonl" for dataset in names])
    else:
        _drop_earlier_outputs(results_dir / "outputs", names)
    results: dict[str, Any] = {"run": _run_info(), "datasets": {}, "skipped": skipped}
    encoder = msgspec.json.Encoder()
    outputs = None
    for dataset in names:
        click.echo(f"{dataset}: {', '.join(ready)}", err=True)
        if keep_outputs:
            outputs = (results_dir / "outputs" / f"{dataset}.jsonl").open("wb")
        try:
            with _gold_set_errors():
                tallies = run_dataset(
                    dataset,
                    folder,
                    ready,
                    limit=limit,
                    on_record=_writer(outputs, encoder) if outputs else None,
                    progress=_progress(dataset),
                )
        finally:
            if outputs is not None:
                outputs.close()
        results["datasets"][dataset] = {name: tally.summary(bootstrap) for name, tally in tallies.items()}
        for name, row in results["datasets"][dataset].items():
            click.echo(f"  {name:<22} F1 {row['f1']:.3f}  P {row['precision']:.3f}  R {row['recall']:.3f}", err=True)
        # Written after each set, so a long run that is stopped still leaves the sets it finished.
        (results_dir / "quality.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        markdown = quality_markdown(results)
        (results_dir / "quality.md").write_text(markdown)
    if not quality_plot(results, results_dir / "quality.png"):
        click.echo("no plot: matplotlib is not installed (pip install -e '.[bench]')", err=True)
    click.echo(markdown)


def _drop_earlier_outputs(folder: Path, names: Sequence[str]) -> None:
    """An earlier run's per-page records of a set this run scores without keeping its own: ``analyse`` would read
    them as this run's, against a quality.json they no longer match."""
    for dataset in names:
        path = folder / f"{dataset}.jsonl"
        if path.is_file():
            try:
                path.unlink()
            except OSError as exc:
                raise UnusableInput(f"cannot remove {path}, an earlier run's per-page records: {exc}") from exc
            click.echo(f"removed {path}: it held an earlier run's per-page records", err=True)


@main.command()
@click.option("--datasets", "dataset_names", default="all", show_default=True, help="Comma-separated sets, or all.")
@click.option(
    "--peers",
    default="trafilatura,readability,resiliparse,justext",
    show_default=True,
    help="Comma-separated extractors whose text is cleaned, or all (newsclean itself is never one).",
)
@_data_dir_option
@_limit_option
@click.option("--results-dir", type=click.Path(file_okay=False, path_type=Path), default=RESULTS, show_default=True)
def dumps(dataset_names: str, peers: str, data_dir: Path | None, limit: int | None, results_dir: Path) -> None:
    """newsclean's text cleaners on plain-text dumps: each peer's output on the gold pages, scored as it is and
    after Pipeline.clean_text. Writes text_dumps.json and text_dumps.md."""
    from ._dumps import dumps_markdown, run_dumps

    names, folder = _datasets(dataset_names, data_dir)
    ready, skipped = _built_extractors(peers, leave_out="newsclean")
    _writable_folder(results_dir, ("text_dumps.json", "text_dumps.md"))
    results: dict[str, Any] = {"run": _run_info(), "datasets": {}, "skipped": skipped}
    for dataset in names:
        click.echo(f"{dataset}: {', '.join(ready)}", err=True)
        with _gold_set_errors():
            tallies = run_dumps(dataset, folder, ready, limit=limit, progress=_progress(dataset))
        results["datasets"][dataset] = {name: tally.summary() for name, tally in tallies.items()}
        (results_dir / "text_dumps.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        markdown = dumps_markdown(results)
        (results_dir / "text_dumps.md").write_text(markdown)
    click.echo(markdown)


@main.command()
@click.option("--datasets", "dataset_names", default="scrapinghub,naeb", show_default=True)
@_data_dir_option
@_limit_option
@click.option("--results-dir", type=click.Path(file_okay=False, path_type=Path), default=RESULTS, show_default=True)
def speed(dataset_names: str, data_dir: Path | None, limit: int | None, results_dir: Path) -> None:
    """newsclean's full pipeline against trafilatura alone, interleaved on the same pages: pages/s, MB/s,
    their ratio, and newsclean's time per stage. Writes speed.json and speed.md."""
    from ._report import speed_markdown
    from ._speed import run_speed

    names, folder = _datasets(dataset_names, data_dir)
    _writable_folder(results_dir, ("speed.json", "speed.md"))
    with _gold_set_errors():
        result = run_speed(names, folder, limit=limit, progress=_progress("speed"))
    result["run"] = _run_info()
    (results_dir / "speed.json").write_text(json.dumps(result, indent=1) + "\n")
    markdown = speed_markdown(result)
    (results_dir / "speed.md").write_text(markdown)
    click.echo(markdown)


@main.command()
@click.option("--datasets", "dataset_names", default="scrapinghub,naeb", show_default=True)
@_data_dir_option
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Floors file (default: benchmarks/baseline.json).",
)
@click.option("--raise-floors", is_flag=True, help="Move floors up to this run's figures (never down) and save.")
def gate(dataset_names: str, data_dir: Path | None, baseline_path: Path | None, raise_floors: bool) -> None:
    """Fail (exit 1) when newsclean's quality on a set falls below a floor in baseline.json. Needs only
    newsclean and trafilatura."""
    from ._data import iter_pages
    from ._extractors import build_extractors
    from ._gate import (
        BASELINE,
        BaselineError,
        check,
        gate_figures,
        load_baseline,
        partial_sets,
        propose_floors,
        require_floors,
    )
    from ._quality import run_dataset

    path = baseline_path or BASELINE
    names, folder = _datasets(dataset_names, data_dir)
    try:
        baseline = load_baseline(path) if path.exists() or not raise_floors else {"datasets": {}}
        if not raise_floors:  # --raise-floors may add a set; a plain gate must have bounds for each one
            require_floors(names, baseline, path)
    except BaselineError as exc:
        raise click.UsageError(str(exc)) from exc
    page_counts: dict[str, int] = {}
    if raise_floors:
        _writable_folder(path.parent, (path.name,))
        with _gold_set_errors():
            page_counts = {dataset: sum(1 for _ in iter_pages(dataset, folder)) for dataset in names}
        partial = partial_sets(page_counts, baseline)
        if partial:
            raise UnusableInput(
                f"not raising floors from part of a set: {'; '.join(partial)} (in {folder}). Floors are raised "
                "only from the full sets; point --data-dir or NEWSCLEAN_DATASETS at them."
            )
    ready, _ = build_extractors(("newsclean",))
    measured: dict[str, dict[str, float]] = {}
    for dataset in names:
        with _gold_set_errors():
            tally = run_dataset(dataset, folder, ready, progress=_progress(dataset))["newsclean"]
        summary = tally.summary(0)
        measured[dataset] = gate_figures(summary)
        figures = ", ".join(f"{key} {value:.4f}" for key, value in measured[dataset].items())
        click.echo(f"{dataset} ({summary['pages']} pages): {figures}")
        if summary["errors"]:
            # A page newsclean raised on scores as empty; say which, so a regression can be traced to it.
            click.echo(f"  {summary['errors']} page(s) raised: " + "; ".join(summary["notes"]), err=True)
    # With --raise-floors, the sets that have no floors yet are being added: there is nothing to check them by.
    bounded = {dataset: figures for dataset, figures in measured.items() if dataset in baseline["datasets"]}
    try:
        violations = check(bounded if raise_floors else measured, baseline, source=str(path))
    except BaselineError as exc:
        raise click.UsageError(str(exc)) from exc
    if violations:
        for violation in violations:
            click.echo(f"REGRESSION {violation.message()}", err=True)
        not_raised = " Floors not raised." if raise_floors else ""
        click.echo(
            f"quality gate failed: {len(violations)} figure(s) below baseline ({path}).{not_raised} Fix the "
            "regression; a floor is lowered only by hand, with the reason in the same commit.",
            err=True,
        )
        sys.exit(1)
    if raise_floors:
        raised = propose_floors(measured, baseline, page_counts)
        try:
            path.write_text(json.dumps(raised, indent=2) + "\n")
        except OSError as exc:
            raise UnusableInput(f"cannot write the floors to {path}: {exc.strerror or exc}") from exc
        click.echo(f"floors written to {path}")
        return
    click.echo(f"quality gate passed: {', '.join(names)} at or above every floor in {path}")


@main.command()
@click.option("--results-dir", type=click.Path(file_okay=False, path_type=Path), default=RESULTS, show_default=True)
def report(results_dir: Path) -> None:
    """Render quality.md and quality.png again from quality.json (after a change to the report's layout)."""
    from ._report import quality_markdown, quality_plot

    path = results_dir / "quality.json"
    if not path.is_file():
        raise click.UsageError(f"no {path}: run `python -m benchmarks quality` first")
    _writable_folder(results_dir, ("quality.md", "quality.png"))
    results = json.loads(path.read_text(encoding="utf-8"))
    markdown = quality_markdown(results)
    (results_dir / "quality.md").write_text(markdown)
    quality_plot(results, results_dir / "quality.png")
    click.echo(markdown)


@main.command()
@click.argument("dataset")
@click.option("--extractor", default="newsclean", show_default=True)
@click.option("--examples", type=click.IntRange(min=0), default=8, show_default=True)
@click.option("--results-dir", type=click.Path(file_okay=False, path_type=Path), default=RESULTS, show_default=True)
def analyse(dataset: str, extractor: str, examples: int, results_dir: Path) -> None:
    """Residual paragraphs by category, with the most frequent texts, and false removals by rule, from the
    last quality run's per-page records of DATASET."""
    from ._analyse import analysis_markdown, read_records

    path = results_dir / "outputs" / f"{dataset}.jsonl"
    if not path.is_file():
        raise click.UsageError(f"no per-page records at {path}: run `python -m benchmarks quality` first")
    try:
        records = read_records(path, extractor)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise UnusableInput(f"{path} is not a quality run's per-page records ({exc}); run quality again") from exc
    if not records:
        raise click.UsageError(f"no records for extractor {extractor!r} in {path}")
    click.echo(analysis_markdown(records, examples=examples))


@main.command()
@click.option("--datasets", "dataset_names", default="all", show_default=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write NAME.jsonl.gz (default: $NEWSCLEAN_DATASETS or ../shared/datasets).",
)
def download(dataset_names: str, out_dir: Path | None) -> None:
    """Fetch the public originals of the gold sets and convert them to the harness's format."""
    from .download import download_datasets

    try:
        names = parse_dataset_names(dataset_names)
    except DatasetError as exc:
        raise click.UsageError(str(exc)) from exc
    download_datasets(names, out_dir or data_dir(None))


if __name__ == "__main__":
    main()
