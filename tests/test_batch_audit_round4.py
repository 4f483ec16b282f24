"""The batch command's fourth audit: an interrupted run stops at once though a worker is busy on a slow page, a
closed standard error loses no record of an ``-o`` run, and a JSON array or wrapper damaged inside one record
gives every intact record (``_json_records``' salvage)."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _process_group import STACKS_ON_ABORT, communicate_or_explain, ctrl_c_at_its_default, group_alive

import newsclean
from newsclean import Failure
from newsclean.batch._progress import Progress
from newsclean.io import read_inputs

REPO = Path(__file__).resolve().parent.parent
JETPACK = REPO / "fixtures" / "html" / "seed_004_wordpress_jetpack.html"
#: Where the commands run: the newsclean imported here ("-m newsclean" imports it from the working folder).
PACKAGE_ROOT = Path(newsclean.__file__).resolve().parent.parent
#: A page holding this keeps the worker cleaning it busy (``_BUSY_HOOK``).
BUSY_MARKER = "<!-- newsclean-test: a slow page -->"

#: Loaded by every Python process of the command (the main one, the forkserver, the workers) through PYTHONPATH:
#: the extractor, once imported, stays busy for minutes on a page with the marker, after leaving a file named by
#: its process id in NEWSCLEAN_TEST_BUSY_DIR. A real slow page takes a time that depends on the machine; this
#: one is busy for certain when the signal comes, and says when it is.
_BUSY_HOOK = """
import importlib.abc
import importlib.util
import os
import sys
import time

_MARKER = os.environ.get("NEWSCLEAN_TEST_BUSY_MARKER")


class _SlowPages(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "newsclean._extract":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            extract = module.TrafilaturaExtractor.extract

            def slow(self, html, *, url=None):
                if _MARKER in html:
                    busy = os.path.join(os.environ["NEWSCLEAN_TEST_BUSY_DIR"], str(os.getpid()))
                    with open(busy, "w"):
                        pass
                    time.sleep(300)
                return extract(self, html, url=url)

            module.TrafilaturaExtractor.extract = slow

        spec.loader.exec_module = exec_module
        return spec


if _MARKER:
    sys.meta_path.insert(0, _SlowPages())
"""


def _dump(path: Path, ids: list[str], *, busy: str | None = None) -> None:
    page = JETPACK.read_text(encoding="utf-8")
    lines = [json.dumps({"id": id_, "html": page.replace("</body>", BUSY_MARKER + "</body>") if id_ == busy else page})
             for id_ in ids]  # fmt: skip
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["source_id"] for line in path.read_text(encoding="utf-8").splitlines()]


def _busy_environment(tmp_path: Path) -> dict[str, str]:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(_BUSY_HOOK, encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    paths = [str(hook), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {
        **os.environ,
        **STACKS_ON_ABORT,
        "PYTHONPATH": os.pathsep.join(paths),
        "NEWSCLEAN_TEST_BUSY_MARKER": BUSY_MARKER,
        "NEWSCLEAN_TEST_BUSY_DIR": str(busy),
    }


# 1: Ctrl-C and SIGTERM stop the run at once, though a worker is busy on a slow page.


@pytest.mark.timeout(240)
@pytest.mark.parametrize(
    ("signal_number", "whole_group", "status"),
    [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143)],
    ids=["ctrl-c-to-the-group", "sigterm-to-the-main-process"],
)
def test_an_interrupt_stops_a_run_at_once_while_a_worker_is_busy_and_the_run_resumes(
    tmp_path: Path, signal_number: int, whole_group: bool, status: int
) -> None:
    # The pool asked each worker to stop and waited up to 5 s before it killed one still busy on a page, so Ctrl-C
    # took 5 s whenever a worker was on a slow page; that page's result is thrown away all the same.
    ids = [f"d{n}" for n in range(8)]
    dump = tmp_path / "dump.jsonl"
    _dump(dump, ids, busy="d4")
    output = tmp_path / "out.jsonl"
    marker = output.with_name(output.name + ".checkpoint.json")
    environment = _busy_environment(tmp_path)
    command = [sys.executable, "-m", "newsclean", "clean", str(dump), "-o", str(output), "--checkpoint-every", "1",
               "--timeout", "0"]  # fmt: skip  # (no time limit: the slow page is only slow)
    with ctrl_c_at_its_default():
        process = subprocess.Popen(
            [*command, "--workers", "2"],
            cwd=PACKAGE_ROOT,
            env=environment,
            start_new_session=True,  # its own process group, as a terminal's foreground job is
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    try:
        busy = Path(environment["NEWSCLEAN_TEST_BUSY_DIR"])
        deadline = time.monotonic() + 150  # three processes importing trafilatura on a busy machine take a while
        while time.monotonic() < deadline and not any(busy.iterdir()) and process.poll() is None:
            time.sleep(0.05)
        assert any(busy.iterdir()), "no worker started on the slow page"
        assert process.poll() is None
        signalled = time.monotonic()
        if whole_group:
            os.killpg(process.pid, signal_number)  # what Ctrl-C does: the whole foreground process group
        else:
            process.send_signal(signal_number)  # a scheduler's or kill's SIGTERM, to the main process only
        errors = communicate_or_explain(process, timeout=60)
        stopped_after = time.monotonic() - signalled
    finally:
        if group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert stopped_after < 4, f"the run took {stopped_after:.1f}s to stop"
    assert process.returncode == status
    message = errors.decode()
    assert "newsclean: interrupted; run the same command with --resume to continue" in message
    assert "Traceback" not in message
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and group_alive(process.pid):  # the forkserver ends with its parent
        time.sleep(0.1)
    assert not group_alive(process.pid), "a process of the run was left running"
    assert marker.exists()
    written = _ids(output)  # every line whole: each parses
    assert written == ids[: len(written)] and len(written) <= 4

    resumed = subprocess.run(
        [*command, "--workers", "1", "--resume", "--quiet"], cwd=PACKAGE_ROOT, capture_output=True, timeout=150
    )
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert _ids(output) == ids
    assert not marker.exists()


# 2: standard error gone loses no record of a run that writes its records elsewhere.


def _dump_with_a_reject(path: Path) -> list[str]:
    """A dump of four pages and a line that is no JSON (a rejected document: a line on standard error mid-run)."""
    ids = [f"d{n}" for n in range(4)]
    _dump(path, ids)
    with path.open("a", encoding="utf-8") as stream:
        stream.write("not json\n")
    return ids


def _without_stderr_reader(*args: str) -> int:
    """``newsclean clean ARGS`` with standard error a pipe whose reader has gone (as ``2> >(head -c 10)`` once head
    has exited): each write to it fails with EPIPE. Returns its exit status."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "newsclean", "clean", *args], cwd=PACKAGE_ROOT, stderr=writer, timeout=150
        )
    finally:
        os.close(writer)
    return run.returncode


@pytest.mark.timeout(300)
@pytest.mark.parametrize("workers", ["0", "2"])
def test_an_output_run_whose_stderr_reader_is_gone_writes_every_record_and_earns_its_status(
    tmp_path: Path, workers: str
) -> None:
    # The first rejected document's line on standard error raised BrokenPipeError, taken for standard output's
    # reader gone: exit 141, the run stopped, its records after that point never written.
    dump = tmp_path / "dump.jsonl"
    ids = _dump_with_a_reject(dump)
    output, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    status = _without_stderr_reader(str(dump), "-o", str(output), "--workers", workers, "--stats", str(stats))
    assert status == 0
    assert _ids(output) == ids
    (reject,) = (tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(reject)["position"].endswith("dump.jsonl:5")
    assert json.loads(stats.read_text())["documents_in"] == 5
    assert not output.with_name("out.jsonl.checkpoint.json").exists()  # a finished run, not one to resume
    # The status is the run's own: --strict with a rejected document is 1, not 141 nor 120 (a failed final flush).
    strict = _without_stderr_reader(str(dump), "-o", str(tmp_path / "strict.jsonl"), "--workers", workers, "--strict")
    assert strict == 1
    assert _ids(tmp_path / "strict.jsonl") == ids


@pytest.mark.timeout(150)
def test_an_output_run_started_without_stderr_writes_every_record(tmp_path: Path) -> None:
    # Started with file descriptor 2 closed ("2>&-"), Python has no sys.stderr: the progress display's isatty() on
    # None raised AttributeError before anything was read (exit 1, no output, and no word of it).
    dump = tmp_path / "dump.jsonl"
    ids = _dump_with_a_reject(dump)
    output = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "newsclean", "clean", str(dump), "-o", str(output), "--workers", "1"]
    run = subprocess.run(["/bin/sh", "-c", 'exec "$@" 2>&-', "sh", *command], cwd=PACKAGE_ROOT, timeout=150)
    assert run.returncode == 0
    assert _ids(output) == ids
    assert len((tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert not (tmp_path / "out.jsonl.lock").exists()


@pytest.mark.timeout(150)
def test_a_run_to_a_closed_standard_output_says_so_and_fails(tmp_path: Path) -> None:
    # Records to standard output that is closed (">&-") cannot be delivered: exit 1 as before, with the reason in
    # place of an AttributeError's traceback.
    dump = tmp_path / "dump.jsonl"
    _dump(dump, ["d0"])
    command = [sys.executable, "-m", "newsclean", "clean", str(dump)]
    run = subprocess.run(
        ["/bin/sh", "-c", 'exec "$@" >&-', "sh", *command], cwd=PACKAGE_ROOT, stderr=subprocess.PIPE, timeout=150
    )
    assert run.returncode == 1
    message = run.stderr.decode()
    assert "standard output is closed" in message and "Traceback" not in message


def test_the_progress_line_on_a_closed_stream_is_dropped() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = Progress(10, enabled=True, stream=stream)
    bar.update(1, 0, force=True)
    assert "1/10 docs" in stream.getvalue()
    stream.close()
    bar.update(2, 0, force=True)  # ValueError: I/O operation on closed file, before
    bar.clear()
    bar.close()


# 3: a JSON array or wrapper damaged inside one record gives every other record, under the ids it would have whole.


def _story(number: int, text: str = "") -> dict[str, object]:
    page = (
        f"<html><head><title>Story {number}</title></head><body><article><h1>Story {number}</h1>"
        f'<p>The council met on day {number} {{agenda}} [item {number}], "quoted" a\\\\b {text}</p>'
        "</article></body></html>"
    )
    return {"id": f"r{number}", "url": f"https://news.example/{number}", "html": page, "tags": ["a", {"k": [1, 2]}]}


def _json_dump(path: Path, stories: list[dict[str, object]], *, shape: str, indent: int | None) -> str:
    value: object = {"status": "ok", "articles": stories} if shape == "wrapper" else stories
    text = json.dumps(value, indent=indent)
    path.write_text(text, encoding="utf-8")
    return text


def _record_span(text: str, number: int) -> tuple[int, int]:
    """Where record ``number``'s object starts and ends (after its closing brace) in ``text``."""
    start = text.rindex("{", 0, text.index(f'"r{number}"'))
    end = text.index(f'"r{number + 1}"') if f'"r{number + 1}"' in text else len(text)
    return start, text.rindex("}", start, text.rindex(",", start, end)) + 1


def _read_records(path: Path) -> tuple[list[tuple[str, str]], list[Failure]]:
    documents: list[tuple[str, str]] = []
    failures: list[Failure] = []
    for item in read_inputs([str(path)]):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            documents.append((str(item.source_id), str(item.position)[len(str(path)) :]))
    return documents, failures


def _damaged(text: str, damage: str) -> str:
    start, end = _record_span(text, 2)
    record = text[start:end]
    if damage == "closing brace turned into a bracket":
        record = record[:-1] + "]"
    elif damage == "quote put into the page text":
        at = record.index("council")
        record = record[:at] + '"' + record[at + 1 :]
    elif damage == "closing quote of the url lost":
        at = record.index('/2"') + 2
        record = record[:at] + record[at + 1 :]
    elif damage == "quote of a key turned into a bracket":
        at = record.index('"tags"')
        record = record[:at] + "[" + record[at + 1 :]
    return text[:start] + record + text[end:]


@pytest.mark.parametrize("shape", ["wrapper", "array"])
@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "pretty-printed"])
@pytest.mark.parametrize(
    "damage",
    [
        "closing brace turned into a bracket",
        "quote put into the page text",
        "closing quote of the url lost",
        "quote of a key turned into a bracket",
    ],
)
def test_one_damaged_record_of_a_json_array_or_wrapper_is_one_failure_and_the_rest_are_read(
    tmp_path: Path, shape: str, indent: int | None, damage: str
) -> None:
    # The scan that cuts the records stopped at brackets that no longer matched, or, a quote lost or added, read the
    # rest of the file with strings where none were: the records after the damaged one were lost in one failure.
    path = tmp_path / "export.json"
    text = _json_dump(path, [_story(number) for number in range(5)], shape=shape, indent=indent)
    path.write_text(_damaged(text, damage), encoding="utf-8")
    documents, failures = _read_records(path)
    step = '["articles"]' if shape == "wrapper" else ""
    assert documents == [(f"r{n}", f"{step}[{n}]") for n in (0, 1, 3, 4)]  # the ids and positions of the file whole
    (failure,) = failures
    assert failure.position == f"{path}{step}[2]"
    assert failure.message.startswith("malformed JSON") and "of the file" in failure.message


@pytest.mark.parametrize("shape", ["wrapper", "array"])
@pytest.mark.parametrize("number", [0, 2, 4], ids=["first", "middle", "last"])
@pytest.mark.parametrize("value", ["NaN", "-Infinity", "tru", "01"])
def test_a_record_with_a_bad_value_but_its_brackets_and_strings_whole_leaves_the_others_read(
    tmp_path: Path, shape: str, number: int, value: str
) -> None:
    # A NaN where a page should be (fuzz_readers seed 106): the scan was still on the records, but the salvage taken
    # for any record that fails as JSON lost every record after it.
    path = tmp_path / "export.json"
    text = _json_dump(path, [_story(n) for n in range(5)], shape=shape, indent=2)
    start, end = _record_span(text, number)
    record = text[start:end]
    at = record.index('"html": ') + len('"html": ')
    path.write_text(text[:start] + record[:at] + value + ', "x": ' + record[at:] + text[end:], encoding="utf-8")
    documents, failures = _read_records(path)
    step = '["articles"]' if shape == "wrapper" else ""
    assert documents == [(f"r{n}", f"{step}[{n}]") for n in range(5) if n != number]
    (failure,) = failures
    assert failure.position == f"{path}{step}[{number}]"
    assert failure.message.startswith("malformed JSON") and "of the file" in failure.message


def test_a_brace_in_a_page_text_is_never_taken_for_a_record(tmp_path: Path) -> None:
    # Past a lost quote, the page text of the records after it reads as JSON from the start of the file: a record
    # written inside a page's text must not come out as one.
    fake = '}, {"id": "invented", "html": "<p>Not a record of the file.</p>"}, {'
    stories = [_story(0), _story(1), _story(2, fake), _story(3, fake), _story(4)]
    path = tmp_path / "export.json"
    text = _json_dump(path, stories, shape="array", indent=None)
    path.write_text(_damaged(text, "closing quote of the url lost"), encoding="utf-8")
    documents, failures = _read_records(path)
    assert documents == [("r0", "[0]"), ("r1", "[1]"), ("r3", "[3]"), ("r4", "[4]")]
    assert [failure.position for failure in failures] == [f"{path}[2]"]


def test_damage_the_brackets_cannot_place_leaves_the_rest_one_failure_not_a_guess(tmp_path: Path) -> None:
    # '"r2",{"url": ...}': a brace added after a comma, or the record's own closing brace lost before '"r3"'? The
    # brackets count the same either way, and the records after it would be numbered one way or the other.
    path = tmp_path / "export.json"
    text = _json_dump(path, [_story(number) for number in range(5)], shape="wrapper", indent=None)
    start, _ = _record_span(text, 2)
    at = text.index('"url"', start) - 1
    path.write_text(text[:at] + "{" + text[at + 1 :], encoding="utf-8")
    documents, failures = _read_records(path)
    assert documents == [("r0", '["articles"][0]'), ("r1", '["articles"][1]')]
    (failure,) = failures
    assert failure.position == f'{path}["articles"][2]' and "cannot be told" in failure.message


def _many_chunks(damages: dict[int, str]) -> str:
    """160 records of escaped quotes and backslashes over several of the reader's 1 MiB chunks (so runs of
    backslashes and records are cut by chunk ends), the records of ``damages`` damaged so."""
    filler = 'x\\\\\\"y' * 4000
    text = json.dumps([_story(number, filler if number % 3 else "") for number in range(160)], indent=1)
    assert len(text) > 3 * (1 << 20)
    for number, damage in damages.items():
        start, end = _record_span(text, number)
        if damage == "quote":
            at = text.index("council", start)
            text = text[:at] + '"' + text[at + 1 :]
        else:
            text = text[: end - 1] + "]" + text[end:]
    return text


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "gzip"])
def test_salvage_reads_a_file_of_many_chunks_past_two_damaged_records(tmp_path: Path, compressed: bool) -> None:
    data = _many_chunks({5: "quote", 120: "bracket"}).encode()
    path = tmp_path / ("dump.json.gz" if compressed else "dump.json")
    path.write_bytes(gzip.compress(data) if compressed else data)
    documents, failures = _read_records(path)
    assert documents == [(f"r{n}", f"[{n}]") for n in range(160) if n not in (5, 120)]
    assert [failure.position for failure in failures] == [f"{path}[5]", f"{path}[120]"]


def test_two_quotes_put_in_far_apart_still_give_every_other_record_under_its_id(tmp_path: Path) -> None:
    # Counted from the end of the file, the strings between two quote faults are inside out: read with that count
    # alone, the first boundary between records was found past the second fault, and the records after it were
    # numbered from the first.
    path = tmp_path / "dump.json"
    path.write_text(_many_chunks({5: "quote", 120: "quote"}), encoding="utf-8")
    documents, failures = _read_records(path)
    assert documents == [(f"r{n}", f"[{n}]") for n in range(160) if n not in (5, 120)]
    assert [failure.position for failure in failures] == [f"{path}[5]", f"{path}[120]"]
