"""Faults a probe found in the batch runner and the clean command: table datetimes that could not be written,
folders resumed after a change below their top, the site pass letting an emptied page through, rejects not shown
with -o, a resumed run's progress rate, and a finished run resumed (or its checkpoint gone before its stats)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_batch import page

import newsclean
from newsclean import Document, Failure
from newsclean._fetch_time import as_utc, parse_fetch_time
from newsclean.batch import BatchConfig, SiteOptions, run_batch
from newsclean.batch._progress import Progress
from newsclean.cli import main

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")


def story(number: int, *extra: str) -> str:
    """A small page with a body of its own (varied words), and ``extra`` paragraphs after it."""
    return page("the town", number, *extra)


class StopOnce:
    """An extractor (the plain text of each ``<p>``) that raises KeyboardInterrupt, as Ctrl-C would, the first
    time it meets a page holding STOP: a run interrupted part-way, in this process, with its checkpoint kept. Once
    it has, each page takes ``pause`` seconds at least."""

    name = "stop-once"

    def __init__(self, *, armed: bool = True, pause: float = 0.0) -> None:
        self.armed = armed
        self.pause = pause

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        if self.armed and "STOP" in html:
            self.armed = False
            raise KeyboardInterrupt
        if not self.armed:
            time.sleep(self.pause)
        return [re.sub(r"<[^>]+>", "", found) for found in re.findall(r"<p>(.*?)</p>", html)]


class Terminal(io.StringIO):
    """What a terminal would have shown: the progress line is drawn only on one."""

    def isatty(self) -> bool:
        return True


# -- 1, 4: datetimes from tables ------------------------------------------------------------------------------------


def test_pandas_timestamps_and_dates_become_plain_utc_datetimes() -> None:
    aware = pd.Timestamp("2024-03-09 13:00:00.123456789", tz="Europe/Paris")
    for value, expected in (
        (aware, datetime(2024, 3, 9, 12, 0, 0, 123456, tzinfo=UTC)),
        (pd.Timestamp("2024-03-09 12:00"), datetime(2024, 3, 9, 12, tzinfo=UTC)),  # naive: UTC, as crawls store
        (date(2024, 3, 9), datetime(2024, 3, 9, tzinfo=UTC)),  # a date column: midnight UTC, as "2024-03-09" is
    ):
        parsed = parse_fetch_time(value)
        assert type(parsed) is datetime and parsed == expected
    assert parse_fetch_time(date(2024, 3, 9)) == parse_fetch_time("2024-03-09")
    assert type(as_utc(aware)) is datetime
    with pytest.raises(ValueError, match="NaT"):
        as_utc(pd.NaT)


@pytest.mark.timeout(120)
def test_records_with_table_datetimes_or_unwritable_ids_fail_alone_never_the_batch_or_a_worker() -> None:
    frame = pd.DataFrame(
        {
            "id": ["aware", "missing", "naive"],
            "html": [story(1), story(2), story(3)],
            "fetched_at": pd.to_datetime(["2024-03-09T12:00:00Z", None, "2024-03-09T14:00:00+02:00"], utc=True),
        }
    )
    records: list[Any] = frame.to_dict("records")  # pandas Timestamps, and NaT for the missing one
    records.append({"id": "dated", "html": story(4), "crawl_date": date(2024, 3, 9)})
    # A caller's Document whose id is a numpy integer: no JSON form, so its record cannot be written.
    records.append(Document(html=story(5), source_id=np.int64(7), url="https://x.example/7"))
    records.append({"id": "after", "html": story(6)})
    noon = datetime(2024, 3, 9, 12, tzinfo=UTC)
    for workers in (0, 1):
        results = list(newsclean.clean_batch(records, workers=workers))
        assert [result.source_id for result in results] == ["aware", "missing", "naive", "dated", "7", "after"]
        articles = results[:4] + results[5:]
        assert not any(isinstance(result, Failure) for result in articles), articles
        assert [article.fetched_at for article in articles] == [noon, None, noon, noon.replace(hour=0), None]
        unwritable = results[4]
        assert isinstance(unwritable, Failure), workers
        assert (unwritable.stage, unwritable.error) == ("output", "TypeError")  # not WorkerDied
        assert "numpy.int64" in unwritable.message and unwritable.url == "https://x.example/7"


# -- 3: a folder resumed after a change below its top -------------------------------------------------------------


@pytest.mark.timeout(120)
def test_resume_over_a_folder_refuses_pages_edited_added_or_deleted_below_it(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    for number in range(8):
        where = folder / ("a" if number < 4 else "b") / f"p{number}.html"
        where.parent.mkdir(parents=True, exist_ok=True)
        where.write_text(story(number, "STOP" if number == 6 else "More"))
    reference = tmp_path / "reference.jsonl"
    run_batch([str(folder)], reference, config=BatchConfig(workers=0, extractor=StopOnce(armed=False)))
    config = BatchConfig(workers=0, extractor=StopOnce(), checkpoint_every=2)
    output = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(folder)], output, config=config)
    assert json.loads((tmp_path / "out.jsonl.checkpoint.json").read_text())["next_index"] == 6

    cleaned = folder / "a" / "p1.html"  # already in the output
    kept, status = cleaned.read_bytes(), cleaned.stat()

    def restore() -> None:
        cleaned.write_bytes(kept)
        os.utime(cleaned, ns=(status.st_atime_ns, status.st_mtime_ns))

    def refused() -> str:
        with pytest.raises(newsclean.InputError) as raised:
            run_batch([str(folder)], output, config=config, resume=True)
        return str(raised.value)

    cleaned.write_text(story(1, "An edited paragraph of other news, written since the run was interrupted."))
    assert "changed since" in refused()
    restore()
    (folder / "b" / "p3b.html").write_text(story(9))  # a page added in a subfolder
    refused()
    (folder / "b" / "p3b.html").unlink()
    cleaned.unlink()  # a page already cleaned, deleted
    refused()
    restore()
    # The folder as it was: the resume goes on, to exactly the uninterrupted run's output.
    stats = run_batch([str(folder)], output, config=config, resume=True)
    assert stats.documents_in == 8 and output.read_bytes() == reference.read_bytes()


# -- 5: the site pass with --require-content -----------------------------------------------------------------------


@pytest.mark.timeout(120)
def test_a_page_the_site_pass_empties_is_rejected_with_require_content(tmp_path: Path) -> None:
    appeal = "Support independent local journalism: become a member today and read every story without limits."
    dump = tmp_path / "site.jsonl"
    rows = [{"id": f"p{n}", "url": f"https://anews.example/s/{n}", "html": story(n, appeal)} for n in range(12)]
    only = "<html><body><article><h1>Appeal</h1><p>" + appeal + "</p></article></body></html>"
    rows.insert(5, {"id": "only-appeal", "url": "https://anews.example/s/x", "html": only})
    dump.write_text("".join(json.dumps(row) + "\n" for row in rows))
    output = tmp_path / "out.jsonl"
    config = BatchConfig(workers=0, site=SiteOptions(), require_content=True)
    stats = run_batch([str(dump)], output, config=config)

    written = [json.loads(line) for line in output.read_text().splitlines()]
    assert [article["source_id"] for article in written] == [f"p{n}" for n in range(12)]
    assert all(article["status"] == "ok" and appeal not in article["paragraphs"] for article in written)
    (reject,) = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert (reject["stage"], reject["error"], reject["source_id"]) == ("site", "NoContentError", "only-appeal")
    assert reject["url"] == "https://anews.example/s/x" and "anews.example" in reject["message"]
    summary = stats.as_dict()
    assert (summary["documents_in"], summary["articles_out"], summary["no_content"], summary["rejected"]) == (
        13,
        12,
        0,
        1,
    )
    assert summary["rejected_by_reason"] == {"site:NoContentError": 1}
    # What is counted is what was written: twelve appeals removed from the twelve articles out.
    assert summary["site_removals"] == summary["removals_by_category"]["site_boilerplate"] == 12


# -- 8: the site pass's memory ---------------------------------------------------------------------------------


def test_the_site_pass_holds_a_few_bytes_per_paragraph_and_counts_as_before() -> None:
    import tracemalloc

    import msgspec

    from newsclean.batch import SiteBoilerplate

    base = newsclean.Pipeline().clean_html(story(0), url="https://x.example/0")
    appeal = "Become a member today and read every story without limits."
    articles = [
        msgspec.structs.replace(
            base,
            url=f"https://site{number % 100}.example/p/{number}",
            paragraphs=(*(f"Paragraph {part} of page {number}, its own words." for part in range(10)), appeal),
        )
        for number in range(2000)
    ]
    site = SiteBoilerplate()
    tracemalloc.start()
    try:
        for article in articles:
            site.observe(article)
        site.apply(articles[0])  # counts what was observed
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # 22,000 paragraphs of 2,000 pages: a dict of counts held about 105 bytes each (2.3 MB); 8 bytes each now,
    # plus about a hundred per page to tell duplicate pages apart.
    assert held / 22_000 < 40
    # Each of the 100 sites has 20 pages, every one with the appeal: removed, and nothing else.
    cleaned = site.apply(articles[0])
    assert appeal not in cleaned.paragraphs and len(cleaned.paragraphs) == 10
    # Observed after a count, a page counts too: a site of 9 pages (too few to judge) reaching 10.
    few = [msgspec.structs.replace(article, url=f"https://few.example/{n}") for n, article in enumerate(articles[:10])]
    for article in few[:9]:
        site.observe(article)
    assert site.apply(few[0]) is few[0]
    site.observe(few[9])
    assert appeal not in site.apply(few[0]).paragraphs


# -- 7: rejects on stderr with -o ---------------------------------------------------------------------------------


@pytest.mark.timeout(60)
def test_each_rejected_document_is_a_line_on_stderr_with_an_output_file_too(tmp_path: Path) -> None:
    dump = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "html": story(1)})
    dump.write_text(good + '\n{"id": "bad", "html": \n' + json.dumps({"id": "empty", "html": " "}) + "\n")
    runner = CliRunner()

    def reject_lines(*args: str) -> list[str]:
        result = runner.invoke(main, ["clean", str(dump), "--workers", "0", *args])
        assert result.exit_code == 0, result.output
        return [line for line in result.stderr.splitlines() if line.startswith("newsclean: ")]

    with_output = reject_lines("-o", str(tmp_path / "out.jsonl"))
    assert [line.split(": ")[1:3] for line in with_output] == [[f"{dump}:2", "InputError"], [f"{dump}:3", "InputError"]]
    assert with_output == reject_lines("--rejects", str(tmp_path / "r.jsonl"))  # the same lines as without -o
    assert reject_lines("-o", str(tmp_path / "quiet.jsonl"), "-q") == []


# -- 9: the progress rate after --resume ---------------------------------------------------------------------------


def test_the_progress_rate_and_eta_of_a_resumed_run_count_only_its_own_documents() -> None:
    terminal = Terminal()
    bar = Progress(1000, enabled=True, stream=terminal, done_before=900)
    time.sleep(0.3)
    bar.update(910, 3, force=True)
    shown = terminal.getvalue()
    rate = float(re.search(r"([\d,.]+) docs/s", shown).group(1).replace(",", ""))  # type: ignore[union-attr]
    minutes, seconds = re.search(r"ETA (\d+):(\d\d)", shown).groups()  # type: ignore[union-attr]
    assert "910/1,000 docs" in shown
    assert rate <= 10 / 0.3  # 10 documents in this process, not 910
    assert int(minutes) * 60 + int(seconds) >= 2  # 90 left at that rate


@pytest.mark.timeout(120)
def test_a_resumed_run_shows_the_rate_of_its_own_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(40):
        (folder / f"p{number:02d}.html").write_text(story(number, "STOP" if number == 32 else "More"))
    output = tmp_path / "out.jsonl"
    config = BatchConfig(workers=0, extractor=StopOnce(pause=0.1), checkpoint_every=4)
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(folder)], output, config=config)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    run_batch([str(folder)], output, config=config, resume=True, progress=True)
    last = terminal.getvalue().rstrip("\n").split("\r\x1b[K")[-1]
    assert last.startswith("40/40 docs")
    # 8 documents cleaned here, each taking 0.1 s at least; counting the 32 done before gave 4 times as much.
    assert float(re.search(r"([\d.]+) docs/s", last).group(1)) <= 10  # type: ignore[union-attr]


# -- 10: a finished run resumed; the stats file and the checkpoint --------------------------------------------------


@pytest.mark.timeout(120)
def test_resuming_a_finished_run_is_refused_and_one_stopped_before_its_first_checkpoint_starts_over(
    tmp_path: Path,
) -> None:
    dump = tmp_path / "in.jsonl"
    dump.write_text(
        "".join(json.dumps({"id": str(n), "html": story(n, "STOP" if n == 0 else "More")}) + "\n" for n in range(3))
    )
    output = tmp_path / "out.jsonl"
    config = BatchConfig(workers=0, extractor=StopOnce())
    with pytest.raises(KeyboardInterrupt):  # on the first document: nothing written, no checkpoint yet
        run_batch([str(dump)], output, config=config)
    assert output.read_bytes() == b"" and not (tmp_path / "out.jsonl.checkpoint.json").exists()
    assert run_batch([str(dump)], output, config=config, resume=True).articles_out == 3
    finished = output.read_bytes()

    with pytest.raises(newsclean.InputError, match="finished run"):
        run_batch([str(dump)], output, config=config, resume=True)
    assert output.read_bytes() == finished  # not truncated
    result = CliRunner().invoke(main, ["clean", str(dump), "-o", str(output), "--workers", "0", "--resume"])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "looks like the output of a finished run" in message and "without --resume" in message


@pytest.mark.timeout(120)
def test_the_checkpoint_stays_until_the_stats_file_is_written(tmp_path: Path) -> None:
    dump = tmp_path / "in.jsonl"
    dump.write_text("".join(json.dumps({"id": str(n), "html": story(n)}) + "\n" for n in range(5)))
    output = tmp_path / "out.jsonl"
    # A full disk when the stats are written, at the run's end (a stats file whose folder cannot be made is refused
    # before the run starts, tests/test_batch_audit_round3.py).
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full to fail a write at the end of the run")
    common = ["clean", str(dump), "-o", str(output), "--workers", "0", "--checkpoint-every", "2", "-q"]
    failed = CliRunner().invoke(main, [*common, "--stats", "/dev/full"])
    assert failed.exit_code == 1, failed.output
    assert len(output.read_text().splitlines()) == 5  # the articles were written; only the stats were not
    # The stats could not be written: the run is not done, and --resume can finish it.
    assert (tmp_path / "out.jsonl.checkpoint.json").exists()
    resumed = CliRunner().invoke(main, [*common, "--resume", "--stats", str(tmp_path / "stats.json")])
    assert resumed.exit_code == 0, resumed.output
    assert json.loads((tmp_path / "stats.json").read_text())["articles_out"] == 5
    assert len(output.read_text().splitlines()) == 5
    assert not (tmp_path / "out.jsonl.checkpoint.json").exists()
