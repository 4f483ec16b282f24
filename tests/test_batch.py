"""The batch command and runner: every document ends in exactly one place, in input order, at any worker
count; dead and hung workers are replaced; a SIGKILLed run resumes to exactly the uninterrupted output."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from _process_group import STACKS_ON_ABORT, communicate_or_explain, group_alive
from click.testing import CliRunner

import newsclean
from newsclean import Document, Failure, Removal
from newsclean.batch import BatchConfig, SiteOptions, WorkerStartError, run_batch
from newsclean.batch._worker import warm_up
from newsclean.cleaners._classifier import ParagraphClassifier
from newsclean.cli import main
from newsclean.metadata._computed import computed_fields

REPO = Path(__file__).resolve().parent.parent
WORDS = [
    "council",
    "budget",
    "road",
    "school",
    "river",
    "harbour",
    "market",
    "station",
    "library",
    "festival",
    "museum",
    "bridge",
]


def page(site: str, number: int, *extra: str) -> str:
    """A small news page with an article body of its own (varied words) plus any ``extra`` paragraphs."""
    body = "".join(
        f"<p>Report {number}.{part}: the {WORDS[(number + part) % len(WORDS)]} committee of {site} met again "
        f"on day {number * 7 + part} and discussed the {WORDS[(number * 3 + part) % len(WORDS)]} plan "
        f"for a long time, hearing {number + part} speakers before the vote.</p>"
        for part in range(4)
    )
    tail = "".join(f"<p>{paragraph}</p>" for paragraph in extra)
    return (
        f"<html><head><title>Story {number} from {site}</title></head><body><article>"
        f"<h1>Story {number} from {site}</h1>{body}{tail}</article></body></html>"
    )


def write_dump(path: Path, count: int, *, site: str = "news.example") -> None:
    lines = [
        json.dumps({"id": f"{site}-{n}", "url": f"https://{site}/story/{n}", "html": page(site, n)})
        for n in range(count)
    ]
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def lines_of(path: Path) -> list[dict[str, object]]:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return [json.loads(line) for line in raw.splitlines()]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


@pytest.mark.timeout(120)
def test_mixed_inputs_every_document_ends_in_output_or_rejects(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.html").write_text(page("folder.example", 1))
    (folder / "deep" / "b.htm").write_text(page("folder.example", 2))
    (folder / "deep" / "empty.html").write_text("   ")
    (folder / "seed.txt").write_text((REPO / "fixtures/seeds/000_7fe897650cc9b193.txt").read_text())
    (folder / "gone.html").symlink_to(tmp_path / "nowhere.html")
    dump = tmp_path / "dump.jsonl.gz"
    records = [json.dumps({"doc_id": "j1", "raw_html": page("jsonl.example", 1)}).encode(), b"{broken"]
    dump.write_bytes(gzip.compress(b"\n".join(records) + b"\n"))
    text_dump = tmp_path / "dump.txt"
    text_dump.write_text("A headline of a text dump\nThe only paragraph of the text dump, long enough to keep.\n")
    output = tmp_path / "out.jsonl"
    rejects = tmp_path / "rejects.jsonl"
    stats = tmp_path / "stats.json"
    result = run_cli(str(folder), str(dump), str(text_dump), "-o", str(output), "--rejects", str(rejects),
                     "--stats", str(stats), "--workers", "2", "--quiet")  # fmt: skip
    assert result.returncode == 0, result.stderr
    articles, failures = lines_of(output), lines_of(rejects)
    assert [a["source_id"] for a in articles] == ["a.html", "deep/b.htm", "seed.txt", "j1", "dump.txt"]
    assert [(f["stage"], f["error"]) for f in failures] == [
        ("input", "InputError"),  # deep/empty.html: only whitespace
        ("read", "FileNotFoundError"),  # gone.html: dangling link
        ("read", "InputError"),  # the broken JSON line
    ]
    assert failures[0]["source_id"] == "deep/empty.html" and failures[2]["position"].endswith("dump.jsonl.gz:2")
    summary = json.loads(stats.read_text())
    assert summary["documents_in"] == 8 == len(articles) + len(failures)
    assert summary["rejected_by_reason"] == {"input:InputError": 1, "read:FileNotFoundError": 1, "read:InputError": 1}
    assert summary["removals_by_category"]["donation"] >= 1  # the seed's appeal
    strict = run_cli(str(dump), "-o", str(tmp_path / "strict.jsonl"), "--strict", "--quiet", "--workers", "1")
    assert strict.returncode == 1


@pytest.mark.timeout(120)
def test_same_output_at_one_and_two_workers_and_parquet_matches(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    dump = tmp_path / "dump.jsonl"
    write_dump(dump, 40)
    with dump.open("a") as stream:
        stream.write('{"id": "bad"}\n')
    outputs = {}
    for workers in (1, 2):
        output = tmp_path / f"out{workers}.jsonl.gz"
        config = BatchConfig(workers=workers, chunk_size=3, checkpoint_every=7)
        stats = run_batch([str(dump)], output, config=config)
        assert (stats.documents_in, stats.articles_out, stats.rejected_total) == (41, 40, 1)
        outputs[workers] = (output.read_bytes(), (tmp_path / f"out{workers}.rejects.jsonl").read_bytes())
    assert outputs[1] == outputs[2]  # byte for byte, gzip members included
    parquet = tmp_path / "out.parquet"
    run_batch([str(dump)], parquet, config=BatchConfig(workers=2))
    rows = pq.read_table(parquet).to_pylist()
    from_jsonl = lines_of(tmp_path / "out2.jsonl.gz")
    assert [row["source_id"] for row in rows] == [record["source_id"] for record in from_jsonl]
    assert [row["text"] for row in rows] == [record["text"] for record in from_jsonl]


@pytest.mark.timeout(150)
def test_sigkill_part_way_then_resume_equals_the_uninterrupted_run(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    write_dump(dump, 300)
    with dump.open("a") as stream:
        stream.write("not json\n")
    common = ["--quiet", "--checkpoint-every", "20"]
    reference = tmp_path / "reference" / "out.jsonl.gz"
    done = run_cli(str(dump), "-o", str(reference), "--workers", "2", *common)
    assert done.returncode == 0, done.stderr

    output = tmp_path / "killed" / "out.jsonl.gz"
    marker = output.with_name(output.name + ".checkpoint.json")
    process = subprocess.Popen(
        [sys.executable, "-m", "newsclean", "clean", str(dump), "-o", str(output), "--workers", "2", *common],
        cwd=REPO,
        start_new_session=True,  # its own process group: kill -9 takes the workers down too
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (marker.exists() and json.loads(marker.read_text())["next_index"] >= 60):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert marker.exists(), "the run finished before it could be killed"
    killed_at = json.loads(marker.read_text())["next_index"]
    assert 60 <= killed_at < 301

    # Without --resume, an interrupted output is not silently overwritten.
    refused = run_cli(str(dump), "-o", str(output), "--workers", "2", *common)
    assert refused.returncode == 2 and "--resume" in refused.stderr
    stats = tmp_path / "stats.json"
    resumed = run_cli(str(dump), "-o", str(output), "--workers", "1", "--resume", "--stats", str(stats), *common)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(stats.read_text())  # counts cover the whole run, not only the resumed part
    assert (summary["documents_in"], summary["articles_out"], summary["rejected"]) == (301, 300, 1)
    assert output.read_bytes() == reference.read_bytes()
    assert (output.parent / "out.rejects.jsonl").read_bytes() == (reference.parent / "out.rejects.jsonl").read_bytes()
    assert not marker.exists()
    assert len(lines_of(output)) == 300


class CrashingExtractor:
    """Kills its own process on pages containing CRASH and hangs, deaf to SIGALRM, on pages with HANG."""

    name = "crashing"

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        if "CRASH" in html:
            os.kill(os.getpid(), signal.SIGKILL)
        if "HANG" in html:
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            time.sleep(3600)
        return ["A paragraph of article text extracted for this test from " + (url or "?")]


@pytest.mark.timeout(120)
def test_dead_and_hung_workers_are_replaced_and_their_documents_recorded() -> None:
    documents = [
        Document(html=f"<p>{marker} {n}</p>", url=f"https://t.example/{n}", source_id=str(n), position=str(n))
        for n, marker in enumerate(["ok", "CRASH", "ok", "HANG", "ok", "ok", "CRASH", "ok"])
    ]
    results = list(
        newsclean.clean_batch(documents, workers=2, chunk_size=2, hard_timeout=3.0, extractor=CrashingExtractor())
    )
    assert [r.source_id for r in results] == [str(n) for n in range(8)]
    failed = {r.source_id: (r.stage, r.error) for r in results if isinstance(r, Failure)}
    assert failed == {
        "1": ("worker", "WorkerDied"),
        "3": ("worker", "WorkerTimeout"),
        "6": ("worker", "WorkerDied"),
    }
    assert all(r.paragraphs == (f"A paragraph of article text extracted for this test from https://t.example/{r.source_id}",)
               for r in results if not isinstance(r, Failure))  # fmt: skip
    assert "SIGKILL" in next(r.message for r in results if isinstance(r, Failure))


def _document(n: int, marker: str) -> Document:
    return Document(html=f"<p>{marker} {n}</p>", url=f"https://t.example/{n}", source_id=str(n), position=str(n))


def _slow_start_extractor() -> CrashingExtractor:
    time.sleep(2.5)  # runs when the worker unpickles its settings, i.e. while it starts
    return CrashingExtractor()


class SlowStartExtractor(CrashingExtractor):
    """Takes longer to start in a worker than the per-document hard timeout allows a document."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (_slow_start_extractor, ())


def _broken_extractor() -> CrashingExtractor:
    raise RuntimeError("this worker cannot start")


class BrokenInWorkerExtractor(CrashingExtractor):
    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (_broken_extractor, ())


@pytest.mark.timeout(120)
def test_slow_worker_start_is_not_taken_for_a_hung_document() -> None:
    documents = [_document(n, "ok") for n in range(4)]
    results = list(
        newsclean.clean_batch(documents, workers=2, chunk_size=1, hard_timeout=1.0, extractor=SlowStartExtractor())
    )
    assert [r.source_id for r in results] == ["0", "1", "2", "3"]
    assert not [r for r in results if isinstance(r, Failure)]


@pytest.mark.timeout(120)
def test_poison_documents_in_a_row_are_each_recorded_and_the_batch_goes_on() -> None:
    markers = ["CRASH"] * 4 + ["ok"]
    results = list(
        newsclean.clean_batch(
            [_document(n, m) for n, m in enumerate(markers)], workers=1, chunk_size=1, extractor=CrashingExtractor()
        )
    )
    assert [(r.source_id, getattr(r, "error", "ok")) for r in results] == [
        ("0", "WorkerDied"),
        ("1", "WorkerDied"),
        ("2", "WorkerDied"),
        ("3", "WorkerDied"),
        ("4", "ok"),
    ]


@pytest.mark.timeout(120)
def test_workers_that_cannot_start_stop_the_batch_with_a_clear_error() -> None:
    with pytest.raises(WorkerStartError, match="failed to start") as raised:
        list(newsclean.clean_batch([_document(0, "ok")], workers=1, extractor=BrokenInWorkerExtractor()))
    assert "the environment, not the input" in str(raised.value)


_UNGUARDED_SCRIPT = """
import newsclean
text = "The city council voted on Tuesday night to approve the new budget for schools."
html = f"<html><body><article><h1>Budget</h1><p>{text}</p></article></body></html>"
print(list(newsclean.clean_batch([{"html": html, "url": "https://example.com/a"}], workers=1)))
"""


@pytest.mark.timeout(120)
def test_a_script_that_starts_a_batch_unguarded_is_told_how_to_fix_it(tmp_path: Path) -> None:
    script = tmp_path / "clean_my_pages.py"
    script.write_text(_UNGUARDED_SCRIPT)
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=110, cwd=tmp_path)
    assert run.returncode != 0
    last_line = run.stderr.strip().splitlines()[-1]
    assert last_line.startswith("newsclean.batch._pool.WorkerStartError")
    assert "clean_my_pages.py starts the batch at its top level" in last_line
    assert 'if __name__ == "__main__":' in last_line and "workers=0" in last_line
    # Guarded, the same script runs.
    guarded_lines = "".join(f"    {line}\n" for line in _UNGUARDED_SCRIPT.strip().splitlines())
    script.write_text(f"if __name__ == '__main__':\n{guarded_lines}")
    guarded = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=110, cwd=tmp_path)
    assert guarded.returncode == 0, guarded.stderr
    assert "Article(" in guarded.stdout and "status='ok'" in guarded.stdout


@pytest.mark.timeout(60)
def test_clean_batch_takes_mappings_and_keeps_input_order() -> None:
    records = [{"id": f"r{n}", "url": f"https://o.example/{n}", "html": page("o.example", n)} for n in range(10)]
    records.insert(4, {"id": "r-missing"})
    parallel = list(newsclean.clean_batch(records, workers=2, chunk_size=1))
    serial = list(newsclean.clean_batch(records, workers=0))
    assert parallel == serial
    assert [r.source_id for r in parallel] == [r["id"] for r in records]
    assert isinstance(parallel[4], Failure) and parallel[4].error == "MissingKey"


@pytest.mark.timeout(120)
def test_site_boilerplate_pass_removes_site_wide_paragraphs_only(tmp_path: Path) -> None:
    appeal = "The Example Gazette is published by Gazette Media Group in Harbour City since 1921."
    footer = "© Example Gazette. All rights reserved worldwide."
    records = [
        {"url": f"https://www.gazette.example/{n}", "html": page("gazette", n, appeal, footer)} for n in range(12)
    ]
    # A quote repeated on 3 pages is below min_pages: it stays.
    for n in range(3):
        records[n]["html"] = records[n]["html"].replace(
            "</article>", "<p>“We will not give up on the harbour,” the mayor told reporters.</p></article>"
        )
    # A small site with the same line on all 4 pages: too few pages to judge, untouched.
    records += [{"url": f"https://tiny.example/{n}", "html": page("tiny", n, appeal)} for n in range(4)]
    dump = tmp_path / "site.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records))
    output = tmp_path / "out.jsonl"
    stats = tmp_path / "stats.json"
    result = run_cli(
        str(dump), "-o", str(output), "--site-boilerplate", "--workers", "2", "--quiet", "--stats", str(stats)
    )
    assert result.returncode == 0, result.stderr
    articles = lines_of(output)
    assert len(articles) == 16
    for article in articles[:12]:
        assert appeal not in article["paragraphs"] and footer not in article["paragraphs"]
        site_removed = [r for r in article["removed"] if r["stage"] == "site"]
        assert [r["text"] for r in site_removed] == [appeal, footer]
        assert {r["category"] for r in site_removed} == {"site_boilerplate"}
        assert sum(p.startswith("Report ") for p in article["paragraphs"]) == 4
        # Fields computed from the text follow the text the site pass left.
        recomputed = computed_fields(article["text"])
        assert {field: article[field] for field in recomputed} == recomputed
    assert all(
        "“We will not give up on the harbour,” the mayor told reporters." in a["paragraphs"] for a in articles[:3]
    )
    assert all(appeal in a["paragraphs"] for a in articles[12:])
    assert json.loads(stats.read_text())["site_removals"] == 24
    assert not output.with_name("out.jsonl.site-pass1.jsonl").exists()


def test_without_output_records_go_to_stdout_and_batch_flags_need_output(tmp_path: Path) -> None:
    seeds = sorted(str(p) for p in (REPO / "fixtures" / "seeds").glob("*.txt"))
    result = CliRunner().invoke(main, ["clean", *seeds])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source_id"] for r in records] == [Path(s).name for s in seeds]
    # --rejects takes the failures off standard output (test_cli); --resume needs a file to read back.
    assert CliRunner().invoke(main, ["clean", seeds[0], "--resume"]).exit_code == 2
    assert CliRunner().invoke(main, ["clean", str(tmp_path / "missing.html")]).exit_code == 2
    site_args = ["clean", seeds[0], "--site-boilerplate"]
    assert CliRunner().invoke(main, site_args).exit_code == 2


def test_resume_refuses_a_checkpoint_of_other_options(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    write_dump(dump, 3)
    output = tmp_path / "o.jsonl"
    marker = output.with_name("o.jsonl.checkpoint.json")
    marker.write_text(
        json.dumps({"fingerprint": "other", "phase": "clean", "next_index": 1, "output": 0, "rejects": 0})
    )
    result = CliRunner().invoke(main, ["clean", str(dump), "-o", str(output), "--resume", "--workers", "0"])
    assert result.exit_code == 2 and "other inputs or options" in result.output
    site = BatchConfig(workers=0, site=SiteOptions())
    with pytest.raises(newsclean.InputError):
        run_batch([str(dump)], output, config=site, resume=False)


class SlowExtractor:
    """Takes two seconds on pages containing SLOW (interruptible: the in-worker deadline must stop it)."""

    name = "slow"

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        if "SLOW" in html:
            time.sleep(2)
        return ["A kept paragraph of article text long enough to count, from " + (url or "?")]


@pytest.mark.timeout(60)
def test_size_limit_timeout_and_require_content_are_enforced_in_the_worker() -> None:
    documents = [
        Document(html="<p>fine</p>", url="https://l.example/ok", source_id="ok"),
        Document(html="<p>" + "big " * 3000 + "</p>", url="https://l.example/big", source_id="big"),
        Document(html="<p>SLOW</p>", url="https://l.example/slow", source_id="slow"),
    ]
    results = list(
        newsclean.clean_batch(
            documents, workers=1, limits=newsclean.Limits(max_bytes=5000, timeout=0.3), extractor=SlowExtractor()
        )
    )
    assert not isinstance(results[0], Failure) and results[0].paragraphs == (
        "A kept paragraph of article text long enough to count, from https://l.example/ok",
    )
    assert isinstance(results[1], Failure) and (results[1].stage, results[1].error) == ("input", "InputError")
    assert "max_bytes=5,000" in results[1].message
    assert isinstance(results[2], Failure) and results[2].error == "ExtractionTimeout"  # not a killed worker

    empty = Document(html="<html><body><div><img src='a.png'></div></body></html>", source_id="empty")
    kept, rejected = (next(newsclean.clean_batch([empty], workers=0, require_content=flag)) for flag in (False, True))
    assert not isinstance(kept, Failure) and kept.status == "no_content"
    assert isinstance(rejected, Failure) and rejected.error == "NoContentError"


class _SlowTextStage(ParagraphClassifier):
    """A paragraph filter that takes 0.5 s a document: the text stage is under the document's deadline."""

    def clean(self, paragraphs: Sequence[str], title: str | None) -> tuple[list[str], list[Removal]]:
        time.sleep(0.5)
        return list(paragraphs), []


@pytest.mark.timeout(60)
def test_warm_up_runs_past_the_deadline_and_leaves_the_pipeline_as_built() -> None:
    # What loads lazily (stoplists, the language model, the suffix list) takes seconds on a busy machine: it is
    # loaded with no deadline, so a worker's first document is not a timeout for it.
    limits = newsclean.Limits(timeout=0.2)
    pipeline = newsclean.Pipeline(paragraph_classifier=_SlowTextStage(), limits=limits)
    started = time.perf_counter()
    warm_up(pipeline)
    assert time.perf_counter() - started >= 1.0  # a page and a dump, each allowed its 0.5 s
    assert pipeline.limits is limits
    assert (pipeline.stats.documents, pipeline.stats.articles, dict(pipeline.stats.failures)) == (0, 0, {})
    with pytest.raises(newsclean.ExtractionTimeout):
        pipeline.clean_text("The council met on Tuesday and voted on the budget after a long debate.")


@pytest.mark.timeout(150)
def test_site_boilerplate_run_killed_in_pass_one_resumes_to_the_same_output(tmp_path: Path) -> None:
    footer = "The Example Gazette is published by Gazette Media Group in Harbour City since 1921."
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        "".join(
            json.dumps({"id": str(n), "url": f"https://gazette.example/{n}", "html": page("gazette", n, footer)}) + "\n"
            for n in range(300)
        )
    )
    common = ["--site-boilerplate", "--quiet", "--checkpoint-every", "20", "--workers", "2"]
    reference = tmp_path / "reference" / "out.jsonl"
    assert run_cli(str(dump), "-o", str(reference), *common).returncode == 0
    output = tmp_path / "killed" / "out.jsonl"
    marker = output.with_name(output.name + ".checkpoint.json")
    process = subprocess.Popen(
        [sys.executable, "-m", "newsclean", "clean", str(dump), "-o", str(output), *common],
        cwd=REPO,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (marker.exists() and json.loads(marker.read_text())["next_index"] >= 40):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    state = json.loads(marker.read_text())
    assert state["phase"] == "clean" and 40 <= state["next_index"] < 300
    resumed = run_cli(str(dump), "-o", str(output), "--resume", *common)
    assert resumed.returncode == 0, resumed.stderr
    assert output.read_bytes() == reference.read_bytes()
    articles = lines_of(output)
    assert len(articles) == 300 and all(footer not in a["paragraphs"] for a in articles)
    # The footer closed each page: its place is the end of the article as the pipeline delivered it.
    assert all(a["removed"][-1] == {"rule": "site.repeated_paragraph", "category": "site_boilerplate",
                                    "stage": "site", "text": footer, "paragraph": len(a["paragraphs"])}
               for a in articles)  # fmt: skip


@pytest.mark.timeout(120)
def test_a_long_run_of_unreadable_inputs_is_written_out_as_it_is_read() -> None:
    # Read failures need no worker; they piled up in memory until the reader was exhausted (a million bad lines
    # took 659 MB), and nothing was written meanwhile.
    from newsclean.batch._pool import ProcessPool
    from newsclean.batch._worker import PipelineSettings

    consumed = 0

    def tasks() -> Iterator[tuple[int, Any]]:
        nonlocal consumed
        for index in range(5_000):
            consumed += 1
            yield index, Failure(stage="read", error="MissingKey", message="no page", position=f"dump:{index + 1}")

    pool = ProcessPool(PipelineSettings(), workers=1, chunk_size=4)
    outcomes = pool.run(tasks())
    first = next(outcomes)
    assert first.index == 0 and consumed <= 1 * 4 * 4 + 4  # the reorder window (workers × chunk × 4), and a chunk
    assert [outcome.index for outcome in outcomes] == list(range(1, 5_000))


@pytest.mark.timeout(240)
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_the_main_process_killed_alone_leaves_no_worker_behind(tmp_path: Path, signal_number: int) -> None:
    # SIGTERM ended the run with a BrokenPipeError traceback from each worker; after SIGKILL a worker waiting on
    # half a chunk in its queue stayed forever. Now SIGTERM is handled as Ctrl-C (exit 143, checkpoint kept) and a
    # worker ends with its parent, however it died.
    dump = tmp_path / "dump.jsonl"
    write_dump(dump, 400)
    output = tmp_path / "out.jsonl"
    marker = output.with_name(output.name + ".checkpoint.json")
    command = [sys.executable, "-m", "newsclean", "clean", str(dump), "-o", str(output), "--workers", "2", "--quiet"]
    process = subprocess.Popen(
        [*command, "--checkpoint-every", "20"],
        cwd=REPO,
        env={**os.environ, **STACKS_ON_ABORT},
        start_new_session=True,  # its own process group, to see whether any of it is left
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 80  # three processes importing trafilatura on a busy machine take a while
    while time.monotonic() < deadline and not (marker.exists() and json.loads(marker.read_text())["next_index"] >= 40):
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be stopped"
    os.kill(process.pid, signal_number)  # the main process only, as a scheduler or the OOM killer would
    errors = communicate_or_explain(process, timeout=50)
    assert marker.exists(), "no checkpoint was written before the run was stopped"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and group_alive(process.pid):
        time.sleep(0.1)
    assert not group_alive(process.pid)
    assert b"Traceback" not in errors and b"BrokenPipeError" not in errors
    if signal_number == signal.SIGTERM:
        assert process.returncode == 143 and b"run the same command with --resume" in errors
        resumed = run_cli(
            str(dump), "-o", str(output), "--workers", "1", "--resume", "--quiet", "--checkpoint-every", "20"
        )
        assert resumed.returncode == 0, resumed.stderr
        assert len(output.read_text().splitlines()) == 400


def test_clean_batch_takes_keys_as_a_dict_as_the_adapters_do() -> None:
    # clean_batch(records, keys={"html": "content"}) crashed with "'dict' object has no attribute 'id'".
    records = [{"content": page("o.example", 1), "link": "https://o.example/1"}]
    (article,) = newsclean.clean_batch(records, workers=0, keys={"html": "content", "url": "link"})
    assert isinstance(article, newsclean.Article) and article.url == "https://o.example/1"
    with pytest.raises(TypeError, match=r"keys must be a newsclean\.io\.KeyMap"):
        list(newsclean.clean_batch(records, workers=0, keys=["content"]))
