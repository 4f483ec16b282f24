"""``newsclean fetch``: URLs (arguments, a file, feeds, sitemaps) in; one JSON record per URL out, in order."""

from __future__ import annotations

import codecs
import io
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, closing
from pathlib import Path
from typing import IO

import click
import msgspec

from .._exceptions import FetchError
from .._models import Article, Failure, to_json
from .._pipeline import Pipeline
from .._rules import RulesArg
from ..fetch import Fetcher, FetchOptions, discover_urls
from ..io._open import open_utf8
from ._options import exit_for_a_gone_reader, file_error, rules_option, terminal_line


def _read_url_file(name: str) -> Iterator[str]:
    """The URLs of a list, one a line (blank lines and # comments skipped). A UTF-8 BOM is dropped, a file in
    UTF-16 or UTF-32 with its BOM (PowerShell 5's ``>``) or gzip-compressed is read as such, and a line that is
    not UTF-8 (a URL copied from a Latin-1 page) has its non-ASCII bytes percent-encoded, the bytes a crawler
    would send for it."""
    stream = sys.stdin.buffer if name == "-" else open_utf8(Path(name))
    try:
        for number, raw in enumerate(stream):
            line = raw.removeprefix(codecs.BOM_UTF8) if number == 0 else raw
            try:
                url = line.decode("utf-8").strip()
            except UnicodeDecodeError:
                url = "".join(chr(byte) if byte < 0x80 else f"%{byte:02X}" for byte in line).strip()
            if url and not url.startswith("#"):
                yield url
    except (EOFError, ValueError) as exc:  # UTF-16 cut inside a character, a truncated or corrupt .gz
        raise click.FileError(name, hint=f"cannot be read as a list of URLs: {exc}") from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _sendable_user_agent(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """The agent, once it is known to be sendable: else a usage error naming the option, before any URL is tried
    (each would fail on it)."""
    if value:
        try:
            FetchOptions(user_agent=value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx=context, param=parameter) from None
    return value


@click.command("fetch")
@click.argument("urls", nargs=-1)
@click.option(
    "-i",
    "--input",
    "url_files",
    multiple=True,
    type=click.Path(exists=True, allow_dash=True, dir_okay=False),
    help="A file of URLs, one per line (# comments allowed); - for stdin. Repeatable.",
)
@click.option("--feed", "feeds", multiple=True, help="An RSS/Atom feed whose article links to fetch. Repeatable.")
@click.option("--sitemap", "sitemaps", multiple=True, help="A sitemap (or index) whose pages to fetch. Repeatable.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    show_default=True,
    help="Where to write JSON lines.",
)
@click.option("--warc", type=click.Path(dir_okay=False), help="Also archive every response to this WARC file.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), help="On-disk cache with revalidation.")
@click.option(
    "--user-agent",
    callback=_sendable_user_agent,
    help="User-Agent header (its first token is matched against robots.txt).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds allowed per attempt at one URL (connect and read timeouts are capped by it).",
)
@click.option("--concurrency", type=click.IntRange(min=1), default=16, show_default=True)
@click.option(
    "--per-host", type=click.IntRange(min=1), default=2, show_default=True, help="Requests in flight to one host."
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Minimum seconds between request starts to one host.",
)
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=10 * 1024 * 1024, show_default=True)
@click.option("--http2", is_flag=True, help="Use HTTP/2 where offered (needs the h2 package).")
@click.option(
    "--ca-bundle",
    type=click.Path(exists=True, dir_okay=False),
    help="PEM file of extra certificate authorities to trust (a TLS proxy, an internal site).",
)
@click.option("--ignore-robots", is_flag=True, help="Do not fetch or obey robots.txt.")
@click.option("--allow-private", is_flag=True, help="Allow URLs that resolve to private or loopback addresses.")
@click.option("--no-meta-refresh", is_flag=True, help="Keep a <meta http-equiv=refresh> stub instead of following it.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@click.option("--strict", is_flag=True, help="Exit 1 when any URL failed.")
@rules_option
def fetch_command(
    urls: tuple[str, ...],
    url_files: tuple[str, ...],
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    output: str,
    warc: str | None,
    cache_dir: str | None,
    user_agent: str | None,
    timeout: float,
    concurrency: int,
    per_host: int,
    delay: float,
    retries: int,
    max_bytes: int,
    http2: bool,
    ca_bundle: str | None,
    ignore_robots: bool,
    allow_private: bool,
    no_meta_refresh: bool,
    progress: bool | None,
    strict: bool,
    rules: RulesArg,
) -> None:
    """Fetch pages politely and write one cleaned article (or failure record) per URL, in input order.

    URLs come from the arguments, then -i files, then --feed and --sitemap expansions. A summary (fetched,
    failed by reason, bytes, pages/s) goes to stderr.
    """
    if not (urls or url_files or feeds or sitemaps):
        raise click.UsageError("give URLs, -i FILE, --feed URL or --sitemap URL")
    options: dict[str, object] = {
        "total_timeout": timeout,
        "connect_timeout": min(10.0, timeout),
        "read_timeout": min(20.0, timeout),
        "concurrency": concurrency,
        "per_host_concurrency": per_host,
        "min_delay": delay,
        "retries": retries,
        "max_bytes": max_bytes,
        "http2": http2,
        "respect_robots": not ignore_robots,
        "allow_private_addresses": allow_private,
        "follow_meta_refresh": not no_meta_refresh,
    }
    if user_agent:
        options["user_agent"] = user_agent
    if cache_dir:
        options["cache_dir"] = Path(cache_dir)
    if ca_bundle:
        options["ca_bundle"] = Path(ca_bundle)
    pipeline = Pipeline(rules=rules)

    try:
        targets = list(urls)
        for name in url_files:
            targets.extend(_read_url_file(name))
    except OSError as exc:
        raise file_error(exc) from None

    try:
        fetched, failures, body_bytes, elapsed = _fetch_all(
            pipeline, options, targets, feeds=feeds, sitemaps=sitemaps, warc=warc, output=output, progress=progress
        )
    except BrokenPipeError:  # "| head": the fetches in flight were stopped on the way here
        exit_for_a_gone_reader()
    except OSError as exc:  # URLs that cannot be fetched are failure records; this is a file that cannot be written
        raise file_error(exc, unnamed="standard output" if output == "-" else repr(output)) from None
    reasons = ", ".join(f"{reason}: {count}" for reason, count in sorted(failures.items())) or "none"
    click.echo(
        f"newsclean fetch: fetched {fetched}, failed {sum(failures.values())} ({reasons}), "
        f"{body_bytes:,} bytes of article text, {len(targets) / elapsed:.1f} pages/s",
        err=True,
    )
    if strict and failures:
        sys.exit(1)


def _fetch_all(
    pipeline: Pipeline,
    options: dict[str, object],
    targets: list[str],
    *,
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    warc: str | None,
    output: str,
    progress: bool | None,
) -> tuple[int, Counter[str], int, float]:
    """Fetch ``targets`` (and what the feeds and sitemaps list) into ``output``: the counts for the summary.

    ``targets`` is extended with the discovered URLs. A feed or sitemap that cannot be read is a failure record
    (stage ``discover``) where its URLs would have been, and the rest of the run goes on.
    """
    with ExitStack() as stack:
        slots: list[str | Failure] = list(targets)
        if feeds or sitemaps:
            discoverer = stack.enter_context(_open_fetcher(pipeline, options))

            def dead(location: str, exc: FetchError) -> None:
                kind = "feed" if location in feeds else "sitemap"
                message = f"{kind} could not be read: {exc.message}"
                slots.append(
                    Failure(stage="discover", error=exc.reason, message=message, url=location, source_id=location)
                )

            for url in discover_urls(feeds=feeds, sitemaps=sitemaps, fetcher=discoverer, on_error=dead):
                slots.append(url)
                targets.append(url)
        archive = {"warc": _created(Path(warc))} if warc else {}
        fetcher = stack.enter_context(_open_fetcher(pipeline, {**options, **archive}))
        out: IO[bytes] = sys.stdout.buffer if output == "-" else stack.enter_context(_created(Path(output)).open("wb"))
        show = progress if progress is not None else sys.stderr.isatty()
        failures: Counter[str] = Counter()
        fetched = 0
        body_bytes = 0
        started = time.monotonic()
        # Closed on the way out, whatever ends the run (Ctrl-C): the fetches in flight stop then, not after their
        # retries.
        records = stack.enter_context(closing(fetcher.fetch_many(url for url in slots if isinstance(url, str))))
        bar = stack.enter_context(
            click.progressbar(
                _in_place(slots, records),
                length=len(slots),
                label="fetching",
                file=sys.stderr if show else io.StringIO(),
            )
        )
        for record in bar:
            if isinstance(record, Failure):
                failures[record.error] += 1
                click.echo(terminal_line(f"newsclean: {record.url}: {record.error}: {record.message}"), err=True)
            else:
                fetched += 1
                body_bytes += len(record.text.encode("utf-8"))
            out.write(to_json(record) + b"\n")
            out.flush()  # a record written is a record kept, even if the run is killed (SIGTERM) right after
    return fetched, failures, body_bytes, max(time.monotonic() - started, 1e-9)


def _in_place(slots: list[str | Failure], records: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
    """The fetched records, with the discovery failures where they stand; ``position`` is the line's index."""
    for position, slot in enumerate(slots):
        record = slot if isinstance(slot, Failure) else next(records)
        yield msgspec.structs.replace(record, position=str(position)) if isinstance(record, Failure) else record


def _created(path: Path) -> Path:
    """``path`` with its folder made, as ``clean`` makes the folders of its outputs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _open_fetcher(pipeline: Pipeline, options: dict[str, object]) -> Fetcher:
    try:
        return Fetcher(pipeline=pipeline, **options)
    except ValueError as exc:  # an option the click types let through, such as a CA file that is not PEM
        raise click.UsageError(str(exc)) from None
    except ImportError as exc:  # --http2 without the h2 package
        raise click.ClickException(str(exc)) from None
