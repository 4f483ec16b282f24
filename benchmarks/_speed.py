"""The ``speed`` run: newsclean's full pipeline against trafilatura alone, on the same pages, in one process.

The two are interleaved page by page and their order alternates, so a load spike on this shared machine, a
cache warming up or the CPU clocking down hits both alike; the figure that matters is their ratio. Times are
CPU seconds of the calling process (one core), which other processes on the machine do not inflate.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._data import iter_pages
from ._warm_up import WARM_UP_PAGES, warm_up


def run_speed(
    datasets: Sequence[str], directory: Path, *, limit: int | None = None, progress: Callable[[int], None] | None = None
) -> dict[str, Any]:
    import trafilatura

    import newsclean

    pipeline = newsclean.Pipeline()

    def run_newsclean(html: str, url: str | None) -> object:
        return pipeline.clean_html(html, url=url)

    def run_trafilatura(html: str, url: str | None) -> object:
        return trafilatura.extract(html, url=url, include_comments=False, deduplicate=False)

    runners: dict[str, Callable[[str, str | None], object]] = {
        "newsclean": run_newsclean,
        "trafilatura": run_trafilatura,
    }
    warm_up(runners.values(), list(iter_pages(datasets[0], directory, limit=WARM_UP_PAGES)))
    before = _stage_seconds(pipeline)
    walls_before = _stage_seconds(pipeline, "seconds")
    cpu = dict.fromkeys(runners, 0.0)
    wall = dict.fromkeys(runners, 0.0)
    errors = dict.fromkeys(runners, 0)
    pages = 0
    size = 0
    for dataset in datasets:
        for page in iter_pages(dataset, directory, limit=limit):
            for name in list(runners) if pages % 2 == 0 else list(reversed(runners)):
                started_cpu, started_wall = time.process_time(), time.perf_counter()
                try:
                    runners[name](page.html, page.url)
                except Exception:  # an exception is a result too (an empty page); it is counted, not fatal
                    errors[name] += 1
                cpu[name] += time.process_time() - started_cpu
                wall[name] += time.perf_counter() - started_wall
            pages += 1
            size += len(page.html.encode("utf-8", "surrogatepass"))
            if progress is not None:
                progress(pages)
    stages_after = _stage_seconds(pipeline)
    walls_after = _stage_seconds(pipeline, "seconds")
    extractors = {
        name: {
            "cpu_seconds": cpu[name],
            "wall_seconds": wall[name],
            "pages_per_second": pages / cpu[name] if cpu[name] else 0.0,
            "megabytes_per_second": size / 1e6 / cpu[name] if cpu[name] else 0.0,
            "errors": errors[name],
        }
        for name in runners
    }
    return {
        "datasets": list(datasets),
        "pages": pages,
        "megabytes": size / 1e6,
        "extractors": extractors,
        "ratio": cpu["trafilatura"] / cpu["newsclean"] if cpu["newsclean"] else 0.0,
        # CPU seconds, like the totals above, so the stages add up to newsclean's CPU time on a busy machine.
        "stage_seconds": {stage: stages_after[stage] - before.get(stage, 0.0) for stage in stages_after},
        "stage_wall_seconds": {stage: walls_after[stage] - walls_before.get(stage, 0.0) for stage in walls_after},
    }


def _stage_seconds(pipeline: Any, clock: str = "cpu_seconds") -> dict[str, float]:
    seconds = pipeline.stats.as_dict()[clock]
    return {str(stage): float(value) for stage, value in seconds.items()}
