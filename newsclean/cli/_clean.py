from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any, TypeVar

import click
import msgspec

from .._exceptions import InputError
from .._limits import Limits
from .._models import Failure
from .._rules import RulesArg
from ..batch import BatchConfig, BatchStats, OutputLockedError, SiteOptions, run_batch
from ..batch._job import check_resumable_inputs, check_written_apart, default_rejects_path, outcomes
from ..batch._pool import WorkerStartError
from ..batch._stderr import keep_stderr_descriptor, write_diagnostic
from ..io import KeyMap, read_inputs
from ..io._writers import JsonlWriter, check_output_path, check_rejects_path, require_writer_packages
from ._options import exit_for_a_gone_reader, file_error, rules_option, terminal_line

F = TypeVar("F", bound=Callable[..., Any])

_DEFAULT_LIMITS = Limits()
_DEFAULT_SITE = SiteOptions()


def _batch_options(function: F) -> F:
    options = [
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False),
            help=(
                "Write articles here: .jsonl, .jsonl.gz, .jsonl.zst or .parquet (by extension); - for stdout. "
                "Without it, every record (article or failure) goes to stdout as JSON Lines."
            ),
        ),
        click.option(
            "--rejects",
            type=click.Path(dir_okay=False),
            help=(
                "JSONL file for documents that could not be read or cleaned (stage, error, message, source_id, "
                "position). Default: OUTPUT's name with .rejects.jsonl; without -o, failures go to stdout in "
                "their place unless this is given."
            ),
        ),
        click.option(
            "--stats", "stats_path", type=click.Path(dir_okay=False), help="Write the end-of-run summary here as JSON."
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=0),
            help=("Worker processes (default with -o: all cores; without -o: 0, i.e. this process)."),
        ),
        click.option("--resume", is_flag=True, help="Continue an interrupted run with the same inputs and options."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary."),
        click.option(
            "--site-boilerplate",
            is_flag=True,
            help=("Second pass: remove paragraphs repeated across many pages of the same site (needs -o)."),
        ),
        click.option(
            "--site-min-pages",
            type=click.IntRange(min=2),
            default=_DEFAULT_SITE.min_pages,
            show_default=True,
            help="Site pass: a paragraph must appear on at least this many pages...",
        ),
        click.option(
            "--site-min-share",
            type=click.FloatRange(0, 1),
            default=_DEFAULT_SITE.min_share,
            show_default=True,
            help="...and on at least this share of the site's pages...",
        ),
        click.option(
            "--site-min-site-pages",
            type=click.IntRange(min=1),
            default=_DEFAULT_SITE.min_site_pages,
            show_default=True,
            help="...of a site with at least this many pages.",
        ),
        click.option(
            "--format",
            "input_format",
            default="auto",
            show_default=True,
            type=click.Choice(["auto", "jsonl", "csv", "warc", "parquet", "html", "text", "folder"]),
            help="Input kind; auto decides by extension (.jsonl/.ndjson[.gz|.zst], .csv/.tsv, .warc[.gz], "
            ".parquet, .txt, folders; anything else is HTML).",
        ),
        click.option(
            "--html-key",
            help="JSONL, CSV, Parquet: field holding the page HTML (default: html, raw_html, ...).",
        ),
        click.option(
            "--text-key",
            help="JSONL, CSV, Parquet: field holding plain text (default: text, content, body, ...).",
        ),
        click.option(
            "--url-key",
            help="JSONL, CSV, Parquet: field holding the URL (default: url, link, uri, ...).",
        ),
        click.option(
            "--id-key",
            help="JSONL, CSV, Parquet: field holding the document id (default: id, doc_id, uuid, ...).",
        ),
        click.option(
            "--title-key",
            help="JSONL, CSV, Parquet: field holding a title for text records (default: title, headline).",
        ),
        click.option(
            "--fetched-at-key",
            help="JSONL, CSV, Parquet: field holding when the page was fetched, ISO 8601, CDX timestamp or epoch "
            "seconds (default: fetched_at, crawled_at, fetch_time, …). WARC records use their WARC-Date.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=_DEFAULT_LIMITS.max_bytes,
            show_default=True,
            help="Reject documents larger than this.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0),
            default=_DEFAULT_LIMITS.timeout,
            show_default=True,
            help="Seconds one document may take (0: no limit).",
        ),
        click.option("--require-content", is_flag=True, help="Reject pages without article text."),
        click.option(
            "--markup-only",
            is_flag=True,
            help="Keep to the text a page's markup prints: do not continue an article the markup cuts short "
            "(a paywall) with the rest its scripts' app state holds.",
        ),
        click.option(
            "--checkpoint-every",
            type=click.IntRange(min=1),
            default=256,
            show_default=True,
            help="Documents between checkpoints (what --resume may have to redo).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.command("clean")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--text", "force_text", is_flag=True, help="Treat every HTML-or-text input as a plain-text dump.")
@click.option("--strict", is_flag=True, help="Exit 1 when any document fails.")
@_batch_options
@rules_option
def clean_command(
    inputs: tuple[str, ...],
    force_text: bool,
    strict: bool,
    output: str | None,
    rejects: str | None,
    stats_path: str | None,
    workers: int | None,
    resume: bool,
    quiet: bool,
    site_boilerplate: bool,
    site_min_pages: int,
    site_min_share: float,
    site_min_site_pages: int,
    input_format: Any,
    html_key: str | None,
    text_key: str | None,
    url_key: str | None,
    id_key: str | None,
    title_key: str | None,
    fetched_at_key: str | None,
    max_bytes: int,
    timeout: float,
    require_content: bool,
    markup_only: bool,
    checkpoint_every: int,
    rules: RulesArg,
) -> None:
    """Clean INPUTS: HTML files, .txt dumps, folders of them (recursive), JSONL (.gz/.zst), CSV/TSV, WARC (.gz,
    WET) and Parquet dumps, or - for stdin.

    With -o OUTPUT, documents are cleaned on worker processes into OUTPUT in input order; each document that
    cannot be read or cleaned goes to the rejects file instead. Without -o, one JSON record per document (the
    article, or a failure record {"stage", "error", "message", ...} in its place) goes to stdout. Either way a
    summary follows on stderr, unless --quiet.
    """
    keep_stderr_descriptor()
    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:
        raise click.BadParameter(", ".join(missing), param_hint="INPUTS (no such file or folder)")
    if force_text and input_format == "html":
        raise click.UsageError(
            "--text reads the inputs as text dumps and --format html as HTML pages: give one of them"
        )
    if inputs.count("-") > 1:
        # The first '-' reads standard input to its end: each further one was an "empty document" reject.
        raise click.BadParameter(
            "- (standard input) is given more than once; it can be read only once", param_hint="INPUTS"
        )
    if output == "-":
        output = None  # "-o -" is standard output, as "-" is standard input
    if output is None:
        # Both go back over a file: the checkpoint's records, the articles to strip of their site's furniture.
        for flag, given in (("--resume", resume), ("--site-boilerplate", site_boilerplate)):
            if given:
                raise click.UsageError(f"{flag} needs -o/--output FILE: standard output cannot be read back")
    for flag, path in (("--rejects", rejects), ("--stats", stats_path)):
        if path == "-":
            # Only -o takes "-": standard output holds the articles (or the failures in their place) already.
            raise click.BadParameter(
                "- is not standard output here: give a file (the records go to standard output without -o)",
                param_hint=flag,
            )
    _check_distinct_files(inputs, output, rejects, stats_path)
    if rejects is not None:
        try:
            check_rejects_path(rejects)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--rejects") from None
    _check_output_format(output)
    if stats_path is not None:
        _check_stats_folder(stats_path)
    try:
        config = BatchConfig(
            workers=workers if workers is not None or output is not None else 0,
            keys=KeyMap(
                html=html_key, text=text_key, url=url_key, id=id_key, title=title_key, fetched_at=fetched_at_key
            ),
            input_format=input_format,
            text=True if force_text else None,
            rules=rules,
            limits=Limits(max_bytes=max_bytes, timeout=timeout or None),
            require_content=require_content,
            read_app_state=not markup_only,
            site=SiteOptions(min_pages=site_min_pages, min_share=site_min_share, min_site_pages=site_min_site_pages)
            if site_boilerplate
            else None,
            checkpoint_every=checkpoint_every,
        )
    except ValueError as exc:  # a setting out of range (--workers, --timeout): a usage error, as click's are
        raise click.UsageError(str(exc)) from None
    if resume:
        try:
            check_resumable_inputs(inputs)
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
    in_main_thread = threading.current_thread() is threading.main_thread()  # where Python lets a handler be set
    previous = signal.signal(signal.SIGTERM, _terminated) if in_main_thread else None
    try:
        if output is None:
            stats = _to_stdout(inputs, config, rejects)
        else:
            stats = run_batch(
                inputs,
                output,
                rejects=rejects,
                config=config,
                resume=resume,
                progress=not quiet,
                stats_path=stats_path,
                on_reject=None if quiet else _print_reject,
            )
            stats_path = None  # written by run_batch, before it removed the checkpoint
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    except (WorkerStartError, OutputLockedError) as exc:  # a run that could not start or go on: exit 1
        raise click.ClickException(str(exc)) from None
    except BrokenPipeError:
        exit_for_a_gone_reader()
    except OSError as exc:  # inputs that cannot be read are rejects; this is an output that cannot be written
        raise file_error(exc, unnamed="standard output" if output is None else repr(output)) from None
    except KeyboardInterrupt as exc:
        # The workers are stopped (the pool's cleanup ran on the way here) and the last checkpoint stands.
        if output is None:  # nothing to resume: the records went to standard output, with no checkpoint
            _diagnostic(
                "newsclean: interrupted; without -o FILE there is no checkpoint to resume from: run the command"
                " again (with -o FILE, a run can be continued with --resume)"
            )
        else:
            _diagnostic("newsclean: interrupted; run the same command with --resume to continue")
        sys.exit(143 if isinstance(exc, _Terminated) else 130)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
    if stats_path:
        try:
            stats.write(stats_path)
        except OSError as exc:
            raise file_error(exc) from None
    if not quiet:  # to standard error with the articles on standard output too: it is no record
        for line in stats.summary_lines():
            _diagnostic(line)
    if stats.rejected_total and strict:
        sys.exit(1)


class _Terminated(KeyboardInterrupt):
    """SIGTERM (a job scheduler, ``kill``), handled as Ctrl-C is: workers stopped, the checkpoint kept."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _check_distinct_files(
    inputs: tuple[str, ...], output: str | None, rejects: str | None, stats_path: str | None
) -> None:
    """A usage error when two of OUTPUT, the rejects file and the stats file are one file (by inode too: a hard
    link), or one of them is an input or inside an input folder: the writers truncate their files before the first
    input is read, so the input would be lost (and two writers on one file corrupt it), and a file written into an
    input folder is read as an input by the next run."""
    written: list[tuple[str, str | None]] = [("OUTPUT", output), ("--stats", stats_path)]
    if rejects is not None or output is not None:
        written.append(("--rejects", str(rejects if rejects is not None else default_rejects_path(Path(str(output))))))
    try:
        check_written_apart(inputs, written)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def _check_stats_folder(stats_path: str) -> None:
    """A file error (exit 1, as for an OUTPUT that cannot be written), before the run, when the stats file's folder
    cannot be made or written: the file is written at the end, so the whole run was done first, then failed, and
    left its checkpoint behind."""
    folder = Path(stats_path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)  # as BatchStats.write makes it, only sooner
    except OSError as exc:
        raise file_error(exc) from None
    if not os.access(folder, os.W_OK):
        raise click.FileError(stats_path, hint=f"its folder {folder} cannot be written")


def _to_stdout(inputs: tuple[str, ...], config: BatchConfig, rejects: str | None) -> BatchStats:
    """Every record to standard output, in input order; with ``rejects``, the failure records to that file
    instead (as with -o)."""
    if sys.stdout is None:  # started without it (">&-"): said, not an AttributeError's traceback, still exit 1
        raise click.ClickException("standard output is closed, and the records go there: give -o FILE")
    out = sys.stdout.buffer
    stats = BatchStats()
    started = time.monotonic()
    items = enumerate(read_inputs(inputs, keys=config.keys, input_format=config.input_format, text=config.text))
    failure = msgspec.json.Decoder(Failure)
    with ExitStack() as stack:
        rejected = stack.enter_context(closing(JsonlWriter(rejects))) if rejects is not None else None
        for outcome in outcomes(items, config, stats):
            stats.count(outcome)
            if not outcome.ok:
                _print_reject(failure.decode(outcome.record))
                if rejected is not None:
                    rejected.write(outcome.record)
                    continue
            out.write(outcome.record + b"\n")
        out.flush()
    stats.seconds = time.monotonic() - started  # as run_batch times its run: the summary's time and throughput
    return stats


def _print_reject(failure: Failure) -> None:
    """One line on standard error for a rejected document: where it was (its id when no position is known, as
    for a page the site pass emptied), why, and the message."""
    where = failure.position or failure.source_id
    _diagnostic(terminal_line(f"newsclean: {where}: {failure.error}: {failure.message}"))


def _diagnostic(line: str) -> None:
    """A line on standard error, best effort: a run whose standard error is gone still writes every record and
    exits with the status it earned (``batch._stderr``)."""
    write_diagnostic(line + "\n")


def _check_output_format(output: str | None) -> None:
    """Refuse, before anything is read or written, an output whose format needs a package that is missing."""
    if output is None:
        return
    try:
        check_output_path(output)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="-o/--output") from None
    try:
        require_writer_packages(output)
    except ImportError as exc:
        raise click.ClickException(str(exc)) from None
