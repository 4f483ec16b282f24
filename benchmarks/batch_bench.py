"""Batch throughput and memory: documents/s at 1 and 2 workers, RSS over the run, trafilatura alongside.

    python benchmarks/batch_bench.py                      # 20,000 documents (the issue's size)
    python benchmarks/batch_bench.py --documents 2000     # a reduced run

Needs the ``bench`` extra (psutil).

The dump is built in a temporary folder (never in the repo) by cycling the pages of ``../shared/datasets``
(or ``--datasets`` / ``NEWSCLEAN_SHARED``), each copy with its own id and URL. Memory is the summed RSS of
the batch process and its workers, sampled every 0.25 s; "first 10%" and "last 10%" are the peaks over the
first and last tenth of the run's wall-clock time, "middle 10%" the peak over the tenth that ends half-way
through, and each is also given for the main process alone and for its children (forkserver, workers) alone.

first -> last is the figure the target was set on. With N workers it also counts caches that warm per worker:
each worker meets about 1/N of the dump, so the text cleaner's RE2 set builds its DFA states (up to its memory
budget) over N times as many documents, and the first tenth of a 20,000-document run ends before the workers have
each met the 1,313 distinct pages (docs/batch.md, "Measured"). middle -> last is the growth over the second half:
a leak that grows with the documents shows there at about half its first -> last size, warm-up done in the first
half does not. trafilatura alone (``extract``, one process) runs on a sample of the same pages so the figures
come with a ratio from the same run and machine.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import gzip
import importlib.util
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from newsclean.batch import BatchConfig, run_batch

REPO = Path(__file__).resolve().parent.parent


def datasets_dir(option: str | None) -> Path:
    """The gold sets' folder, found as ``python -m benchmarks`` finds it."""
    if str(REPO) not in sys.path:  # run from a checkout without installing
        sys.path.insert(0, str(REPO))
    from benchmarks._data import data_dir

    return data_dir(option)


def source_pages(folder: Path) -> Iterator[dict[str, str]]:
    """The gold sets' pages, streamed (never all in memory: this process's RSS is part of the measurement)."""
    paths = sorted(folder.glob("*.jsonl.gz"))
    if not paths:
        raise SystemExit(f"no *.jsonl.gz pages under {folder}")
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                yield {"id": record["id"], "url": record.get("url") or "", "html": record["html"]}


def build_dump(folder: Path, count: int, path: Path, sample_every: int) -> tuple[int, list[dict[str, str]]]:
    """Write ``count`` documents cycling over the pages; return the number of distinct pages and a sample."""
    distinct, sample = 0, []
    with path.open("w", encoding="utf-8") as stream:
        number, copy = 0, 0
        while number < count:
            for page in source_pages(folder):
                if number >= count:
                    break
                if copy == 0:
                    distinct += 1
                    if number % sample_every == 0:
                        sample.append(page)
                record = {"id": f"{page['id']}#{copy}", "url": f"{page['url']}?copy={copy}", "html": page["html"]}
                stream.write(json.dumps(record) + "\n")
                number += 1
            copy += 1
    return distinct, sample


#: One reading: (monotonic seconds, RSS of the main process, summed RSS of its children), in bytes.
Sample = tuple[float, int, int]


class Windows(NamedTuple):
    """Peak RSS in MB over the first tenth, the tenth that ends half-way through, and the last tenth of a run."""

    first: float
    middle: float
    last: float
    peak: float


def window_peaks(samples: Sequence[Sample], part: str = "all") -> Windows:
    """The peaks of ``part`` ("all": main process and children summed, "main", "children") over the run's windows,
    by wall-clock time from the first sample to the last."""
    if part not in ("all", "main", "children"):
        raise ValueError(f"part must be all, main or children, got {part!r}")

    def rss(sample: Sample) -> int:
        main, children = sample[1], sample[2]
        return main + children if part == "all" else main if part == "main" else children

    start, end = samples[0][0], samples[-1][0]
    tenth = (end - start) / 10
    half = start + 5 * tenth

    def peak(low: float, high: float) -> float:
        return max(rss(s) for s in samples if low <= s[0] <= high) / 2**20

    return Windows(
        first=peak(start, start + tenth),
        middle=peak(half - tenth, half),
        last=peak(end - tenth, end),
        peak=peak(start, end),
    )


class RssSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[Sample] = []
        self.cpu_seconds: dict[int, float] = {}  # per process, last reading: shows whether workers got a core
        self.stop_event = threading.Event()

    def run(self) -> None:
        import psutil  # the bench extra: imported here so --help works without it

        me = psutil.Process()
        while not self.stop_event.is_set():
            rss = {}
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    rss[process.pid] = process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu_seconds[process.pid] = times.user + times.system
            main = rss.pop(me.pid, 0)
            self.samples.append((time.monotonic(), main, sum(rss.values())))
            self.stop_event.wait(0.25)


def worker_cpu(sampler: RssSampler, before: dict[int, float]) -> float:
    """CPU seconds used during the run by processes other than this one (workers, forkserver)."""
    me = os.getpid()
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in sampler.cpu_seconds.items() if pid != me)


def _path(windows: Windows) -> str:
    """``first -> middle -> last MB (first->last +x, middle->last +y)``."""
    return (
        f"{windows.first:,.0f} -> {windows.middle:,.0f} -> {windows.last:,.0f} MB (first->last "
        f"{windows.last - windows.first:+,.0f}, middle->last {windows.last - windows.middle:+,.0f})"
    )


def trafilatura_rate(chosen: list[dict[str, str]]) -> float:
    import trafilatura

    started = time.perf_counter()
    for page in chosen:
        trafilatura.extract(page["html"], url=page["url"] or None, include_comments=False, deduplicate=False)
    return len(chosen) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--datasets", help="folder of gold-set *.jsonl.gz (default ../shared/datasets)")
    parser.add_argument("--trafilatura-sample", type=int, default=300)
    args = parser.parse_args()
    if importlib.util.find_spec("psutil") is None:
        parser.exit(2, "batch_bench.py measures memory with psutil: pip install 'newsclean[bench]'\n")

    folder_of_sets = datasets_dir(args.datasets)
    available = sum(1 for _ in source_pages(folder_of_sets))
    rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as folder:
        dump = Path(folder) / "dump.jsonl"
        # trafilatura alone on an evenly spread sample of the pages the dump holds: a like-for-like ratio
        every = max(1, min(available, args.documents) // args.trafilatura_sample)
        distinct, sample = build_dump(folder_of_sets, args.documents, dump, every)
        print(f"dump of {args.documents:,} documents from {distinct:,} distinct pages, cpu_count={os.cpu_count()}")
        baseline = trafilatura_rate(sample)
        print(f"trafilatura.extract alone, 1 process, {len(sample)} pages: {baseline:.1f} docs/s")
        del sample
        gc.collect()
        for workers in args.workers:
            output = Path(folder) / f"out-{workers}.jsonl.gz"
            sampler = RssSampler()
            main_cpu = time.process_time()
            sampler.start()
            stats = run_batch([str(dump)], output, config=BatchConfig(workers=workers))
            sampler.stop_event.set()
            sampler.join()
            every_process = window_peaks(sampler.samples)
            main_only, children = window_peaks(sampler.samples, "main"), window_peaks(sampler.samples, "children")
            first, last, peak = every_process.first, every_process.last, every_process.peak
            main_cpu = time.process_time() - main_cpu
            busy = worker_cpu(sampler, {})
            rates[workers] = stats.documents_in / stats.seconds
            print(
                f"workers={workers}: {stats.documents_in:,} docs in {stats.seconds:,.1f}s = {rates[workers]:.1f} docs/s"
                f" ({rates[workers] / baseline:.2f}x trafilatura alone); out {stats.articles_out:,}, rejected "
                f"{stats.rejected_total:,}; RSS (main+workers) peak first 10% {first:,.0f} MB, last 10% "
                f"{last:,.0f} MB (growth {last - first:+,.0f} MB), overall {peak:,.0f} MB; CPU: workers "
                f"{busy:,.0f}s = {busy / stats.seconds:.2f} cores busy, main process {main_cpu:,.1f}s"
            )
            print(
                f"  RSS by part, first 10% -> middle 10% -> last 10%: main+workers {_path(every_process)}; main "
                f"process {_path(main_only)}; workers and forkserver {_path(children)}. First 10% is about "
                f"{stats.documents_in / 10 / workers:,.0f} documents a worker, of {distinct:,} distinct pages"
            )
    if 1 in rates and 2 in rates:
        print(f"speed-up 2 workers vs 1: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
