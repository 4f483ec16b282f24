"""The commands on bad input: damaged or empty gold sets, results folders that cannot be written, and a peer whose
import fails. Each must end in a message and exit 2 (usage error or missing data), which CI tells apart from a
gate regression (exit 1); none may end in a traceback."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from benchmarks.__main__ import main
from benchmarks._extractors import BUILDERS, ExtractFn, build_extractors

PARAGRAPHS = [
    "The council voted on Tuesday to close the old bridge for two years of repairs after engineers found cracks.",
    "Traffic will be diverted over the ring road while the work goes on, officials said in a statement.",
]


def _page_line(number: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = {
        "id": f"tiny/{number}",
        "url": f"https://example.com/{number}",
        "html": f"<html><head><title>Bridge {number}</title></head><body><article>{body}</article></body></html>",
        "gold_text": "\n\n".join(PARAGRAPHS),
        "gold_meta": {"title": f"Bridge {number}"},
    }
    return json.dumps(page).encode() + b"\n"


def _with_second_line(line: bytes) -> bytes:
    """A gzip set whose first line is a good page and whose second is ``line``."""
    return gzip.compress(_page_line(1) + line + b"\n")


_DROP = object()


def _page_with(**changes: object) -> bytes:
    """The second page as a JSON line, with fields changed (or left out, given ``_DROP``)."""
    page = json.loads(_page_line(2))
    page.update(changes)
    return json.dumps({key: value for key, value in page.items() if value is not _DROP}).encode()


def _truncated() -> bytes:
    whole = gzip.compress(b"".join(_page_line(number) for number in range(40)), compresslevel=1)
    return whole[: len(whole) // 2]


#: Each damage a gold-set file can have, the file's bytes, and what the message must say.
DAMAGED: dict[str, tuple[Callable[[], bytes], str]] = {
    "not gzip": (lambda: _page_line(1) + _page_line(2), "not a gzip file"),
    "truncated gzip": (_truncated, "ends early"),
    "bad JSON line": (lambda: _with_second_line(b'{"id": "tiny/2", "html": '), "line 2"),
    "array line": (lambda: _with_second_line(b'["tiny/2", "<p>x</p>"]'), "line 2"),
    "missing gold_text": (lambda: _with_second_line(_page_with(gold_text=_DROP)), "line 2"),
    "gold_meta null": (lambda: _with_second_line(_page_with(gold_meta=None)), "line 2"),
    "non-UTF-8 byte": (
        lambda: _with_second_line(b'{"id": "tiny/2", "html": "caf\xe9", "gold_text": "caf\xe9"}'),
        "line 2",
    ),
    "empty file": (lambda: b"", "no pages"),
    "empty gzip": (lambda: gzip.compress(b""), "no pages"),
    "blank lines only": (lambda: gzip.compress(b"\n\n"), "no pages"),
}

#: Every command that reads gold sets, with arguments that need nothing beyond newsclean and trafilatura.
READERS = {
    "quality": ["quality", "--extractors", "newsclean"],
    "speed": ["speed"],
    "gate": ["gate"],
    "gate --raise-floors": ["gate", "--raise-floors"],
    "dumps": ["dumps", "--peers", "trafilatura"],
}


def _invoke(command: list[str], data: Path, tmp_path: Path) -> Result:
    arguments = [*command, "--datasets", "tiny", "--data-dir", str(data)]
    if command[0] == "gate":
        baseline = tmp_path / "floors.json"
        baseline.write_text(json.dumps({"datasets": {"tiny": {"f1": {"min": 0.5}}}}))
        arguments += ["--baseline", str(baseline)]
    else:
        arguments += ["--results-dir", str(tmp_path / "results")]
    return CliRunner().invoke(main, arguments)


def _assert_exit_2_without_traceback(result: Result, *phrases: str) -> None:
    # An exception that escaped the command would leave exit 1 and the exception here, not a SystemExit.
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    for phrase in phrases:
        assert phrase in result.output


@pytest.mark.parametrize("damage", DAMAGED)
@pytest.mark.parametrize("command", READERS)
def test_a_damaged_or_empty_gold_set_is_exit_2_naming_the_file(damage: str, command: str, tmp_path: Path) -> None:
    make, phrase = DAMAGED[damage]
    data = tmp_path / "data"
    data.mkdir()
    (data / "tiny.jsonl.gz").write_bytes(make())
    result = _invoke(READERS[command], data, tmp_path)
    _assert_exit_2_without_traceback(result, "tiny.jsonl.gz", phrase)


@pytest.fixture
def tiny_set(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "tiny.jsonl.gz").write_bytes(gzip.compress(_page_line(1) + _page_line(2)))
    return data


def _refuse_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any run of the pages fail loudly, so a test shows the command stopped before it."""

    def ran(*args: object, **kwargs: object) -> object:
        raise AssertionError("the run started before the bad path was found")

    monkeypatch.setattr("benchmarks._speed.run_speed", ran)
    monkeypatch.setattr("benchmarks._quality.run_dataset", ran)
    monkeypatch.setattr("benchmarks._dumps.run_dumps", ran)


@pytest.mark.parametrize(
    "command", [["speed"], ["dumps", "--peers", "trafilatura"], ["quality", "--extractors", "newsclean"]]
)
def test_a_results_folder_that_cannot_be_made_is_exit_2_before_the_run(
    command: list[str], tiny_set: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    _refuse_to_run(monkeypatch)
    results = tmp_path / "a-file" / "results"
    outcome = CliRunner().invoke(
        main, [*command, "--datasets", "tiny", "--data-dir", str(tiny_set), "--results-dir", str(results)]
    )
    _assert_exit_2_without_traceback(outcome, "a folder on its path is a file")


def test_results_files_in_the_way_are_exit_2_before_the_run(
    tiny_set: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_to_run(monkeypatch)
    arguments = ["quality", "--extractors", "newsclean", "--datasets", "tiny", "--data-dir", str(tiny_set)]
    folder_in_the_way = tmp_path / "one"
    (folder_in_the_way / "quality.json").mkdir(parents=True)
    outcome = CliRunner().invoke(main, [*arguments, "--results-dir", str(folder_in_the_way)])
    _assert_exit_2_without_traceback(outcome, "quality.json is a folder")
    file_in_the_way = tmp_path / "two"
    file_in_the_way.mkdir()
    (file_in_the_way / "outputs").write_text("not a folder")
    outcome = CliRunner().invoke(main, [*arguments, "--results-dir", str(file_in_the_way)])
    _assert_exit_2_without_traceback(outcome, "outputs is a file")


def test_raise_floors_to_a_baseline_whose_folder_cannot_be_made_is_exit_2_before_the_run(
    tiny_set: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    _refuse_to_run(monkeypatch)
    baseline = tmp_path / "a-file" / "sub" / "floors.json"
    outcome = CliRunner().invoke(
        main, ["gate", "--raise-floors", "--datasets", "tiny", "--data-dir", str(tiny_set), "--baseline", str(baseline)]
    )
    _assert_exit_2_without_traceback(outcome, "a folder on its path is a file")
    assert not baseline.exists()


def _native_library_missing() -> ExtractFn:
    raise OSError("libxml9.so: cannot open shared object file")


def test_a_peer_whose_import_raises_is_skipped_with_the_exception_named(
    tiny_set: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(BUILDERS, "readability", _native_library_missing)
    ready, skipped = build_extractors(("newsclean", "readability"))
    assert list(ready) == ["newsclean"]
    assert "OSError: libxml9.so: cannot open shared object file" in skipped["readability"]

    results = tmp_path / "results"
    outcome = CliRunner().invoke(
        main,
        ["quality", "--extractors", "newsclean,readability", "--datasets", "tiny", "--data-dir", str(tiny_set),
         "--results-dir", str(results), "--no-keep-outputs"],
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.output
    assert "skipping readability: could not be loaded (OSError" in outcome.output
    written = json.loads((results / "quality.json").read_text())
    assert list(written["datasets"]["tiny"]) == ["newsclean"] and "readability" in written["skipped"]


def test_newsclean_failing_to_load_is_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    # newsclean is the code under test: a broken import must stop the run, not vanish from the table.
    monkeypatch.setitem(BUILDERS, "newsclean", _native_library_missing)
    with pytest.raises(OSError, match="libxml9"):
        build_extractors(("newsclean",))


# -- untimed warm-up ---------------------------------------------------------------------------------------------------


def test_quality_and_dumps_warm_each_extractor_up_before_the_timed_pages(tiny_set: Path) -> None:
    from benchmarks._dumps import run_dumps
    from benchmarks._extractors import Extraction
    from benchmarks._quality import run_dataset

    calls: list[str] = []

    def first_call_fails(html: str, url: str | None) -> Extraction:
        calls.append(url or "")
        if len(calls) == 1:
            raise RuntimeError("a lazily built model failed to load the first time")
        return Extraction(tuple(PARAGRAPHS))

    tally = run_dataset("tiny", tiny_set, {"peer": first_call_fails})["peer"]
    # Two untimed calls (the set's first pages), then the two scored ones: the first call's failure is no result.
    assert calls == ["https://example.com/1", "https://example.com/2"] * 2
    assert (tally.errors, tally.empty, len(tally.pages)) == (0, 0, 2)
    calls.clear()
    dumps = run_dumps("tiny", tiny_set, {"peer": first_call_fails})["peer"]
    assert calls == ["https://example.com/1", "https://example.com/2"] * 2
    assert dumps.peer_errors == 0


def test_the_standalone_bench_scripts_find_the_sets_where_the_harness_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # They read $NEWSCLEAN_SHARED only, and silently fell back to ../shared where $NEWSCLEAN_DATASETS pointed elsewhere.
    from benchmarks import batch_bench, metadata_bench
    from benchmarks._data import data_dir

    monkeypatch.setenv("NEWSCLEAN_DATASETS", str(tmp_path / "sets"))
    for find in (metadata_bench.datasets_dir, batch_bench.datasets_dir):
        assert find(None) == data_dir() == tmp_path / "sets"
        assert find(str(tmp_path / "given")) == tmp_path / "given"


@pytest.mark.parametrize("script", ["train_paragraphs.py", "metadata_bench.py", "batch_bench.py", "fetch_bench.py"])
def test_the_standalone_scripts_run_as_files_from_any_folder(script: str, tmp_path: Path) -> None:
    # train_paragraphs.py imported its siblings relatively, so it ran only in the module form (python -m …).
    path = Path(__file__).resolve().parent.parent / "benchmarks" / script
    done = subprocess.run(
        [sys.executable, str(path), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "usage" in done.stdout.lower()


def test_the_training_cache_is_read_anew_for_another_copy_of_a_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_set: Path
) -> None:
    # The cache was keyed by the code alone: another folder's set was answered with the first one's pages.
    from benchmarks import train_paragraphs

    monkeypatch.setattr(train_paragraphs, "CACHE_DIR", tmp_path / "cache")
    other = tmp_path / "other"
    other.mkdir()
    (other / "tiny.jsonl.gz").write_bytes(gzip.compress(b"".join(_page_line(number) for number in (7, 8, 9))))
    first = train_paragraphs.collect("tiny", tiny_set, echo=lambda _: None)
    second = train_paragraphs.collect("tiny", other, echo=lambda _: None)
    assert [page.id for page in first.pages] == ["tiny/1", "tiny/2"]
    assert [page.id for page in second.pages] == ["tiny/7", "tiny/8", "tiny/9"]
    again = train_paragraphs.collect("tiny", other, echo=lambda message: pytest.fail(f"not read from cache: {message}"))
    assert again == second


# -- per-page records ------------------------------------------------------------------------------------------------


def test_analyse_never_reads_an_earlier_runs_records_as_the_last_runs(tiny_set: Path, tmp_path: Path) -> None:
    results = tmp_path / "results"
    kept = _invoke(["quality", "--extractors", "newsclean", "--keep-outputs"], tiny_set, tmp_path)
    assert kept.exit_code == 0, kept.output
    assert CliRunner().invoke(main, ["analyse", "tiny", "--results-dir", str(results)]).exit_code == 0
    not_kept = _invoke(["quality", "--extractors", "newsclean", "--no-keep-outputs"], tiny_set, tmp_path)
    assert not_kept.exit_code == 0, not_kept.output
    assert "earlier run's per-page records" in not_kept.output
    assert not (results / "outputs" / "tiny.jsonl").exists()
    analysed = CliRunner().invoke(main, ["analyse", "tiny", "--results-dir", str(results)])
    assert analysed.exit_code == 2 and "run `python -m benchmarks quality` first" in analysed.output
