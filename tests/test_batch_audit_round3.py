"""The batch command's third audit: files to write that are an input (a hard link, a file in an input folder), a
resume of a stream, two runs on one output, the time of a run to standard output, a worker that dies while idle,
and the smaller refusals (``--rejects -``, a stats folder that cannot be written, compressions no writer writes)."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean import Document, Failure
from newsclean.batch import run_batch
from newsclean.cli import main

REPO = Path(__file__).resolve().parent.parent
JETPACK = REPO / "fixtures" / "html" / "seed_004_wordpress_jetpack.html"
#: Where the commands run: the newsclean imported here ("-m newsclean" imports it from the working folder).
PACKAGE_ROOT = Path(newsclean.__file__).resolve().parent.parent


def _dump(path: Path, count: int = 2) -> bytes:
    page = JETPACK.read_text(encoding="utf-8")
    data = "".join(json.dumps({"id": f"d{n}", "html": page}) + "\n" for n in range(count)).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", *args],
        input=stdin,
        capture_output=True,
        cwd=PACKAGE_ROOT,
        timeout=60,
    )


def _started(*args: str) -> subprocess.Popen[bytes]:
    """``newsclean clean ARGS`` running, its standard streams piped to the test."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsclean", "clean", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=PACKAGE_ROOT,
    )


# D3: files to write are told from the inputs by inode, and may not lie inside an input folder.


def test_an_output_hard_linked_to_an_input_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    # "ln hl/in.jsonl hl/out.jsonl; newsclean clean hl/in.jsonl -o hl/out.jsonl" emptied the input and exited 0.
    source = tmp_path / "hl" / "in.jsonl"
    data = _dump(source)
    for flag, linked in (("-o", "out.jsonl"), ("--rejects", "rejects.jsonl"), ("--stats", "stats.json")):
        link = tmp_path / "hl" / linked
        os.link(source, link)
        written = ["-o", str(tmp_path / "elsewhere.jsonl"), flag, str(link)] if flag != "-o" else ["-o", str(link)]
        result = CliRunner().invoke(main, ["clean", str(source), *written, "--workers", "0"])
        assert result.exit_code == 2, (flag, result.output)
        assert f"is also input {source}: it would be overwritten" in result.output
        assert source.read_bytes() == data
        link.unlink()
    os.link(source, tmp_path / "hl" / "api.jsonl")
    with pytest.raises(ValueError, match="is also input"):
        run_batch([str(source)], tmp_path / "hl" / "api.jsonl")
    assert source.read_bytes() == data


def test_files_to_write_inside_an_input_folder_are_refused(tmp_path: Path) -> None:
    # "newsclean clean pages/ -o pages/index.html" truncated a page; "-o pages/clean.txt --stats pages/stats.md"
    # run twice read its own earlier outputs as inputs.
    pages = tmp_path / "pages"
    pages.mkdir()
    page = JETPACK.read_bytes()
    (pages / "index.html").write_bytes(page)
    (pages / "nested").mkdir()
    cases = [
        ["-o", str(pages / "index.html")],
        ["-o", str(pages / "clean.txt"), "--stats", str(tmp_path / "stats.md")],
        ["-o", str(tmp_path / "clean.jsonl"), "--stats", str(pages / "stats.md")],
        ["-o", str(tmp_path / "clean.jsonl"), "--rejects", str(pages / "nested" / "rejects.jsonl")],
        ["--rejects", str(pages / "rejects.jsonl")],  # articles to standard output, failures into the folder
    ]
    for written in cases:
        result = CliRunner().invoke(main, ["clean", f"{pages}/", *written, "--workers", "0"])
        assert result.exit_code == 2, (written, result.output)
        assert "is inside the input folder" in result.output
        assert sorted(path.name for path in tmp_path.rglob("*")) == ["index.html", "nested", "pages"], written
        assert (pages / "index.html").read_bytes() == page
    with pytest.raises(ValueError, match="inside the input folder"):
        run_batch([str(pages)], pages / "nested" / "api.jsonl")
    assert not (pages / "nested" / "api.jsonl.lock").exists()


# D2: a resumed run of a stream cannot tell that stream from another.


def test_resume_of_standard_input_or_a_pipe_is_a_usage_error(tmp_path: Path) -> None:
    # It fingerprinted ["-", None, None], and so resumed a different stream as if it were the same, exit 0.
    output = tmp_path / "out.jsonl"
    data = _dump(tmp_path / "dump.jsonl")
    for name in ("-", "/dev/stdin"):  # /dev/stdin names the pipe subprocess gives as standard input
        result = _cli("--format", "jsonl", name, "-o", str(output), "--resume", "--workers", "0", stdin=data)
        assert result.returncode == 2, (name, result.stderr)
        assert b"a stream cannot be checked to be the same" in result.stderr
        assert not output.exists()
    with pytest.raises(newsclean.InputError, match="stream cannot be checked"):
        run_batch(["-"], output, resume=True)


# D4: one run at a time writes an output.


def _locks_held_on(path: Path) -> bool:
    """Whether any process holds a flock on ``path``, read from /proc/locks without taking the lock (taking it,
    even for an instant, could make the run under test fail)."""
    try:
        inode = path.stat().st_ino
    except FileNotFoundError:
        return False
    return any(
        line.split()[1] == "FLOCK" and line.split()[5].endswith(f":{inode}")
        for line in Path("/proc/locks").read_text().splitlines()
    )


def test_a_second_run_on_an_output_being_written_fails_at_once(tmp_path: Path) -> None:
    # Two runs on one OUTPUT interleaved their writes into a corrupt file, and both exited 0.
    if not Path("/proc/locks").exists():
        pytest.skip("needs /proc/locks to see the first run's lock")
    output = tmp_path / "cc.jsonl"
    data = _dump(tmp_path / "dump.jsonl", 3)
    first = _started("--format", "jsonl", "/dev/stdin", "-o", str(output), "--quiet")
    try:
        assert first.stdin is not None
        deadline = time.monotonic() + 30
        while not _locks_held_on(Path(f"{output}.lock")):  # the first run waits on its input, holding the lock
            assert first.poll() is None and time.monotonic() < deadline, "the first run took no lock"
            time.sleep(0.02)
        second = _cli(str(tmp_path / "dump.jsonl"), "-o", str(output), "--workers", "0")
        assert second.returncode == 1, second.stderr
        assert b"is being written by another run" in second.stderr
        first.stdin.write(data)
        first.stdin.close()
        assert first.wait(60) == 0, first.communicate()[1]
    finally:
        first.kill()
        first.wait()
    assert [json.loads(line)["source_id"] for line in output.read_bytes().splitlines()] == ["d0", "d1", "d2"]
    assert not Path(f"{output}.lock").exists()  # removed by the run that held it


def test_a_held_lock_refuses_a_run_and_a_resume_and_a_stale_one_does_not(tmp_path: Path) -> None:
    dump, output = tmp_path / "dump.jsonl", tmp_path / "out.jsonl"
    _dump(dump)
    output.write_bytes(b"kept\n")
    lock = Path(f"{output}.lock")
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a run writing this output holds it
        for resume in ([], ["--resume"]):
            result = CliRunner().invoke(main, ["clean", str(dump), "-o", str(output), "--workers", "0", *resume])
            assert result.exit_code == 1, result.output
            assert f"{output} is being written by another run" in result.output
            assert output.read_bytes() == b"kept\n"
        from newsclean.batch import OutputLockedError  # here: the module's other tests run without it

        with pytest.raises(OutputLockedError):
            run_batch([str(dump)], output, resume=True)
    finally:
        os.close(descriptor)  # the lock file stays, as a run killed with SIGKILL leaves it: no one holds it
    assert lock.exists()
    result = CliRunner().invoke(main, ["clean", str(dump), "-o", str(output), "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert len(output.read_bytes().splitlines()) == 2
    assert not lock.exists()


# D6: a run to standard output is timed.


def test_a_run_to_standard_output_reports_its_time(tmp_path: Path) -> None:
    # The summary said "time: 0.0s" and --stats "seconds": 0.0 without -o.
    stats = tmp_path / "stats.json"
    result = CliRunner().invoke(main, ["clean", str(JETPACK), "--stats", str(stats)])
    assert result.exit_code == 0, result.output
    summary = json.loads(stats.read_text(encoding="utf-8"))
    assert summary["seconds"] > 0 and summary["documents_per_second"] is not None
    assert "time: 0.0s" not in result.stderr and "throughput: n/a" not in result.stderr


# D5: a worker that died while idle is replaced without blaming the document sent next.


def _stalling(documents: list[Document]) -> Iterator[Document]:
    """The documents, killing the (one) worker once it has cleaned the first and waits idle for more."""
    yield documents[0]
    # Asked for the next document: the pool has the first one's result, so its worker is idle.
    import multiprocessing

    (worker,) = [child for child in multiprocessing.active_children() if child.name.startswith("ForkServerProcess")]
    assert worker.pid is not None
    os.kill(worker.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while worker.is_alive():
        assert time.monotonic() < deadline, "the killed worker did not die"
        time.sleep(0.01)
    yield from documents[1:]


@pytest.mark.timeout(120)
def test_a_worker_that_dies_idle_is_replaced_and_no_document_is_blamed() -> None:
    if "forkserver" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("the pool's workers are found as forkserver processes")
    page = JETPACK.read_text(encoding="utf-8")
    documents = [Document(html=page, source_id=str(n), position=str(n)) for n in range(3)]
    results = list(newsclean.clean_batch(_stalling(documents), workers=1, chunk_size=1))
    assert [result.source_id for result in results] == ["0", "1", "2"]
    assert [result for result in results if isinstance(result, Failure)] == []


# The smaller refusals.


@pytest.mark.parametrize("flag", ["--rejects", "--stats"])
def test_rejects_or_stats_to_dash_is_a_usage_error(tmp_path: Path, flag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # They wrote a file literally named "-".
    monkeypatch.chdir(tmp_path)
    for output in ([], ["-o", "out.jsonl"]):
        result = CliRunner().invoke(main, ["clean", str(JETPACK), *output, flag, "-", "--workers", "0"])
        assert result.exit_code == 2, result.output
        assert "- is not standard output here" in result.output
        assert list(tmp_path.iterdir()) == []


def test_a_stats_file_in_a_folder_that_cannot_be_made_is_refused_before_the_run(tmp_path: Path) -> None:
    # The run went to its end, then failed writing the stats, and left its checkpoint behind. Exit 1, as for an
    # OUTPUT that cannot be written (tests/test_cli.py), but now before anything is read or written.
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["clean", str(JETPACK), "-o", str(output), "--stats", "/proc/nope/s.json", "--workers", "0"]
    )
    assert result.exit_code == 1, result.output
    assert "Could not open file '/proc/nope'" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("flag", "name", "message"),
    [
        ("-o", "x.jsonl.xz", "cannot be written xz-compressed"),
        ("-o", "x.jsonl.bz2", "cannot be written bzip2-compressed"),
        ("-o", "x.parquet.gz", "a Parquet file is not compressed whole"),
        ("--rejects", "r.jsonl.xz", "the rejects file cannot be written xz-compressed"),
    ],
)
def test_an_unwritten_compression_is_a_usage_error(tmp_path: Path, flag: str, name: str, message: str) -> None:
    # They wrote plain JSON Lines (or Parquet) under a name that promised xz, bzip2 or gzip.
    written = [flag, str(tmp_path / name)] + (["-o", str(tmp_path / "out.jsonl")] if flag != "-o" else [])
    result = CliRunner().invoke(main, ["clean", str(JETPACK), *written, "--workers", "0"])
    assert result.exit_code == 2, result.output
    assert message in result.output and ".gz (gzip) or .zst (zstd) compressed" in result.output
    assert list(tmp_path.iterdir()) == []
    if flag == "-o":
        with pytest.raises(ValueError, match=message):
            run_batch([str(JETPACK)], tmp_path / name)
        assert list(tmp_path.iterdir()) == []


def test_rejects_of_an_upper_case_gzip_output_are_named_as_a_lower_case_ones(tmp_path: Path) -> None:
    # "-o up.JSONL.GZ" was gzipped, and its rejects went to "up.JSONL.GZ.rejects.jsonl".
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["clean", str(JETPACK), str(empty), "-o", str(tmp_path / "up.JSONL.GZ")])
    assert result.exit_code == 0, result.output
    assert json.loads(gzip.decompress((tmp_path / "up.JSONL.GZ").read_bytes()))["title"]
    (failure,) = (tmp_path / "up.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(failure)["error"] == "InputError"


def test_an_interrupted_run_to_standard_output_does_not_suggest_resume(tmp_path: Path) -> None:
    # Without -o it said "run the same command with --resume to continue", which --resume then refused.
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    run = _started(str(empty), "-")
    try:
        assert run.stderr is not None
        # Its reject line comes once the run is under way (its SIGTERM handler set), reading standard input next.
        assert b"InputError" in run.stderr.readline()
        run.send_signal(signal.SIGTERM)
        assert run.wait(30) == 143
        message = run.stderr.read().decode()
    finally:
        run.kill()
        run.wait()
    assert "without -o FILE there is no checkpoint to resume from" in message
    assert "--resume to continue" not in message
