"""The command line: clean writes one JSON record per input, explain shows every removal."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.batch import run_batch
from newsclean.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED_004 = REPO / "fixtures" / "seeds" / "004_5045f6a295e9ee84.txt"
JETPACK = REPO / "fixtures" / "html" / "seed_004_wordpress_jetpack.html"


def test_clean_writes_one_json_article_per_input_in_order() -> None:
    result = CliRunner().invoke(main, ["clean", str(SEED_004), str(JETPACK)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert records[0]["title"] == records[1]["title"]
    assert records[0]["paragraphs"] == records[1]["paragraphs"]
    assert records[0]["flags"] == ["updated"]
    assert {r["category"] for r in records[1]["removed"]} >= {"widget", "reading_time", "related"}


def test_clean_reads_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", "-"], input=JETPACK.read_bytes())
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["paragraphs"][0].startswith("March 9 (Reuters)")


STDIN_RECORDS = [
    {"id": f"r{index}", "html": JETPACK.read_text(encoding="utf-8").replace("<title>", f"<title>Copy {index} ", 1)}
    for index in range(2)
]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_clean_reads_a_jsonl_dump_from_stdin_when_told_its_format(compress: bool) -> None:
    # `zcat dump.jsonl.gz | newsclean clean --format jsonl -` was cleaned as one HTML page: the JSON itself.
    data = "".join(json.dumps(record) + "\n" for record in STDIN_RECORDS).encode() + b"{not json\n"
    piped = gzip.compress(data) if compress else data
    result = CliRunner().invoke(main, ["clean", "--format", "jsonl", "-"], input=piped)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record.get("source_id") for record in records] == ["r0", "r1", None]
    assert records[0]["paragraphs"] == records[1]["paragraphs"] and records[0]["paragraphs"][0].startswith("March 9")
    assert records[2]["stage"] == "read" and records[2]["position"] == "-:3"


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("delimiter", [",", "\t"], ids=["csv", "tsv"])
def test_clean_reads_a_csv_or_tsv_dump_from_stdin(delimiter: str, compress: bool) -> None:
    # Gzipped TSV was read as CSV (its header row was not looked at under the compression): every row MissingKey.
    import csv
    import io

    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=["id", "html"], delimiter=delimiter)
    writer.writeheader()
    writer.writerows(STDIN_RECORDS)
    piped = table.getvalue().encode()
    result = CliRunner().invoke(
        main, ["clean", "--format", "csv", "-"], input=gzip.compress(piped) if compress else piped
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["source_id"] for line in result.stdout.splitlines()] == ["r0", "r1"]


def test_a_failed_document_is_a_failure_record_and_strict_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["clean", str(empty), str(SEED_004)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["error"] == "InputError" and lines[0]["stage"] == "input"
    assert "paragraphs" in lines[1]
    assert "empty.html" in result.stderr
    strict = CliRunner().invoke(main, ["clean", "--strict", str(empty), str(SEED_004)])
    assert strict.exit_code == 1


def test_missing_file_and_usage_errors_exit_non_zero(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["clean", str(tmp_path / "nope.html")])
    assert missing.exit_code != 0 and "nope.html" in missing.output
    usage = CliRunner().invoke(main, ["clean"])
    assert usage.exit_code == 2


def test_an_output_that_cannot_be_written_is_a_named_file_error_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    inside = blocker / "out.jsonl"  # its parent is a file: neither it nor its folder can be created
    for arguments in (
        ["clean", str(SEED_004), "-o", str(inside), "--workers", "0"],
        ["clean", str(SEED_004), "-o", str(tmp_path / "ok.jsonl"), "--rejects", str(inside), "--workers", "0"],
        ["clean", str(SEED_004), "-o", str(tmp_path / "ok.jsonl"), "--stats", str(inside), "--workers", "0", "-q"],
        ["fetch", "https://127.0.0.1:9/story", "-o", str(inside)],
    ):
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 1, (arguments, result.output)
        assert "Could not open file" in result.output and str(blocker) in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full, a device that is always full")
@pytest.mark.parametrize(
    "arguments",
    [
        ["clean", str(SEED_004), "-o", "/dev/full", "--workers", "0"],
        ["clean", str(SEED_004), "-o", "{ok}", "--stats", "/dev/full", "--workers", "0", "-q"],
        ["fetch", "https://127.0.0.1:9/story", "-o", "/dev/full"],
    ],
    ids=["output", "stats", "fetch-output"],
)
def test_a_full_disk_is_a_write_error_naming_the_file(tmp_path: Path, arguments: list[str]) -> None:
    # It was "Could not open file '?': No space left on device": the write, not the open, failed, and os.write
    # names no file.
    arguments = [argument.replace("{ok}", str(tmp_path / "ok.jsonl")) for argument in arguments]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1, result.output
    assert "Could not write '/dev/full': No space left on device" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full, a device that is always full")
@pytest.mark.parametrize("command", [["clean", str(SEED_004)], ["fetch", "https://127.0.0.1:9/story"]])
def test_a_full_standard_output_is_named_as_such(command: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "newsclean", *command], stdout=full, stderr=subprocess.PIPE, timeout=120
        )
    message = result.stderr.decode()
    assert result.returncode == 1, message
    assert "Could not write standard output: No space left on device" in message, message
    assert "Traceback" not in message


def test_text_and_format_html_together_are_a_usage_error(tmp_path: Path) -> None:
    # "--text --format html" was accepted, and --text won without a word.
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>One paragraph of an article, long enough to be read.</p></body></html>")
    result = CliRunner().invoke(main, ["clean", str(page), "--text", "--format", "html"])
    assert result.exit_code == 2, result.output
    assert "--text" in result.output and "--format html" in result.output
    assert CliRunner().invoke(main, ["clean", str(page), "--text", "--format", "text"]).exit_code == 0


def test_articles_of_inputs_sharing_a_name_are_told_apart_by_their_position(tmp_path: Path) -> None:
    # Both articles had the id "index.html" (or "x.jsonl:1") and nothing else said which input each came from.
    for site in ("a", "b"):
        (tmp_path / site).mkdir()
        (tmp_path / site / "index.html").write_bytes(JETPACK.read_bytes())
        record = {"text": SEED_004.read_text(encoding="utf-8")}
        (tmp_path / site / "x.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    inputs = [
        str(tmp_path / "a"),
        str(tmp_path / "b"),
        str(tmp_path / "a" / "x.jsonl"),
        str(tmp_path / "b" / "x.jsonl"),
    ]
    result = CliRunner().invoke(main, ["clean", *inputs, "--workers", "0"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    html_records = [record for record in records if record["source_id"] == "index.html"]
    assert [record["position"] for record in html_records] == [
        str(tmp_path / "a" / "index.html"),
        str(tmp_path / "b" / "index.html"),
    ]
    # A folder's JSONL files are no pages: it gives its index.html alone, and the JSONL inputs the last two records.
    assert [(record["source_id"], record["position"]) for record in records[-2:]] == [
        ("x.jsonl:1", f"{tmp_path / 'a' / 'x.jsonl'}:1"),
        ("x.jsonl:1", f"{tmp_path / 'b' / 'x.jsonl'}:1"),
    ]
    assert len(records) == 4 and all(record["status"] == "ok" for record in records)


def test_explain_lists_kept_text_then_each_removal() -> None:
    result = CliRunner().invoke(main, ["explain", str(SEED_004)])
    assert result.exit_code == 0
    text, _, removals = result.stdout.partition("--- 4 removal(s) ---")
    assert "# Russia says mass strikes were ‘retaliation’" in text
    assert "March 9 (Reuters)" in text and "bloggers like this" not in text
    # Each with the paragraph it stood at: the banner under the update marker, the widget closing the dump.
    assert "[text ¶17] widget.likes (widget): %d bloggers like this:" in removals
    assert "[text ¶1] reading_time.banner (reading_time): Reading Time: 3 minutes" in removals


def test_explain_reads_a_compressed_file_as_clean_does_and_names_one_it_cannot_read(tmp_path: Path) -> None:
    dump = tmp_path / "seed.txt.gz"
    dump.write_bytes(gzip.compress(SEED_004.read_bytes()))
    result = CliRunner().invoke(main, ["explain", str(dump)])
    assert result.exit_code == 0, result.output
    assert "--- 4 removal(s) ---" in result.stdout and "March 9 (Reuters)" in result.stdout
    # A file that is not there (or a folder) is a usage error, exit 2, as for clean and fetch -i (it was exit 1).
    for unreadable, reason in ((tmp_path / "missing.html", "does not exist"), (tmp_path, "is a directory")):
        result = CliRunner().invoke(main, ["explain", str(unreadable)])
        assert result.exit_code == 2
        assert f"Invalid value for 'FILE': File '{unreadable}' {reason}" in result.output


def test_custom_rules_option(tmp_path: Path) -> None:
    pack = tmp_path / "only_likes.toml"
    pack.write_text(
        '[pack]\nname = "likes"\nversion = "1"\n[[rule]]\nid = "likes.bloggers"\ncategory = "widget"\n'
        'stage = "text"\nmatch = "phrase"\npattern = ["%d bloggers like this:"]\n'
        'examples.drop = ["%d bloggers like this:"]\nexamples.keep = ["Bloggers like this plan."]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["explain", "--rules", str(pack), str(SEED_004)])
    assert result.exit_code == 0
    assert "--- 1 removal(s) ---" in result.stdout
    assert "Reading Time: 3 minutes" in result.stdout.split("---")[0]


LIKES_PACK = (
    '[pack]\nname = "likes"\nversion = "1"\n[[rule]]\nid = "likes.bloggers"\ncategory = "widget"\n'
    'stage = "text"\nmatch = "phrase"\npattern = ["%d bloggers like this:"]\n'
    'examples.drop = ["%d bloggers like this:"]\nexamples.keep = ["Bloggers like this plan."]\n'
)
DESK_PACK = LIKES_PACK.replace("likes", "desk").replace("%d bloggers like this:", "Filed from the orbital desk.")
DESK_DUMP = (
    "Council approves the budget\nReading Time: 3 minutes\n"
    "The council approved the new budget on Tuesday after a long and heated debate in the town hall.\n"
    "Residents said the plan would fund two new schools and repair the old bridge over the river.\n"
    "Filed from the orbital desk.\n"
)


def test_extra_rules_add_a_pack_to_the_built_in_ones(tmp_path: Path) -> None:
    # --rules replaces the built-in packs; --extra-rules is default_rules() + load_pack(path) on the command line.
    pack = tmp_path / "desk.toml"
    pack.write_text(DESK_PACK, encoding="utf-8")
    dump = tmp_path / "story.txt"
    dump.write_text(DESK_DUMP, encoding="utf-8")
    built_in = CliRunner().invoke(main, ["explain", str(dump)])
    extended = CliRunner().invoke(main, ["explain", "--extra-rules", str(pack), str(dump)])
    assert built_in.exit_code == extended.exit_code == 0, extended.output
    assert "reading_time.banner" in built_in.stdout and "reading_time.banner" in extended.stdout
    assert "desk.bloggers" in extended.stdout and "desk.bloggers" not in built_in.stdout
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", "--extra-rules", str(pack), str(dump), "-o", str(output)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert {"desk.bloggers", "reading_time.banner"} <= {removal["rule"] for removal in record["removed"]}
    assert "orbital desk" not in record["text"]


def test_an_extra_pack_repeating_a_built_in_rule_id_is_a_usage_error(tmp_path: Path) -> None:
    pack = tmp_path / "twice.toml"
    pack.write_text(LIKES_PACK.replace("likes.bloggers", "reading_time.banner"), encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", "--extra-rules", str(pack), str(SEED_004)])
    assert result.exit_code == 2
    assert "Invalid value for '--extra-rules'" in result.output and "duplicate rule id" in result.output


def test_a_rules_pack_contradicting_its_examples_is_a_usage_error(tmp_path: Path) -> None:
    pack = tmp_path / "greedy.toml"
    pack.write_text(
        '[pack]\nname = "greedy"\nversion = "1"\n[[rule]]\nid = "greedy.all"\ncategory = "widget"\n'
        'stage = "text"\nmatch = "regex"\npattern = [\'.\']\n'
        'examples.drop = ["Like this:"]\nexamples.keep = ["The council approved the budget."]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["explain", "--rules", str(pack), str(SEED_004)])
    assert result.exit_code == 2
    assert "Invalid value for '--rules': greedy/greedy.all: the rule removes its keep example" in result.output


@pytest.mark.parametrize("with_output", [False, True], ids=["stdout", "batch"])
def test_a_rules_pack_that_is_not_toml_is_a_usage_error_for_clean(tmp_path: Path, with_output: bool) -> None:
    # With -o it escaped as a RuleError traceback from the batch runner, after the inputs had been opened.
    pack = tmp_path / "broken.toml"
    pack.write_text("[[rule]\nid=", encoding="utf-8")
    output = ["-o", str(tmp_path / "out.jsonl")] if with_output else []
    result = CliRunner().invoke(main, ["clean", "--rules", str(pack), str(SEED_004), *output])
    assert result.exit_code == 2
    assert "Invalid value for '--rules': broken.toml: not valid TOML" in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "--version"], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert "newsclean" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{input}", "-o", "{input}"], "OUTPUT {input} is also input {input}"),
        (["{input}", "-o", "{dir}/out.jsonl", "--rejects", "{input}"], "--rejects {input} is also input {input}"),
        (["{input}", "-o", "{dir}/x.jsonl", "--rejects", "{dir}/x.jsonl"], "--rejects {dir}/x.jsonl is also OUTPUT"),
        (["{input}", "-o", "{dir}/y.jsonl", "--stats", "{input}"], "--stats {input} is also input {input}"),
    ],
    ids=["output-is-input", "rejects-is-input", "rejects-is-output", "stats-is-input"],
)
def test_a_file_to_write_that_is_an_input_or_another_output_is_a_usage_error(
    tmp_path: Path, args: list[str], message: str
) -> None:
    # The writers truncate their files before the first input is read: the input was emptied and the run said
    # "documents in: 0" with exit 0; two writers on one file corrupted it.
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "a", "html": JETPACK.read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    before = dump.read_bytes()
    filled = [arg.format(input=dump, dir=tmp_path) for arg in args]
    result = CliRunner().invoke(main, ["clean", *filled, "--workers", "0"])
    assert result.exit_code == 2
    assert message.format(input=dump, dir=tmp_path) in result.output
    assert dump.read_bytes() == before


def test_output_dash_is_standard_output_and_the_stats_folder_is_made(tmp_path: Path) -> None:
    # "-o -" wrote files named "-" and "-.rejects.jsonl"; --stats into a missing folder failed after the whole run.
    stats = tmp_path / "reports" / "stats.json"
    result = CliRunner().invoke(main, ["clean", str(JETPACK), "-o", "-", "--stats", str(stats)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["paragraphs"][0].startswith("March 9 (Reuters)")
    assert json.loads(stats.read_text(encoding="utf-8"))["articles_out"] == 1


@pytest.mark.parametrize("to_stdout", [[], ["-o", "-"]], ids=["no-output", "output-dash"])
def test_articles_on_standard_output_have_the_summary_on_standard_error_unless_quiet(
    tmp_path: Path, to_stdout: list[str]
) -> None:
    # The summary was printed only with -o FILE, though the docs promise it on stderr unless --quiet.
    empty = tmp_path / "empty.html"
    empty.write_text("  ", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(JETPACK), str(empty), *to_stdout])
    assert result.exit_code == 0, result.output
    assert [json.loads(line).get("error") for line in result.stdout.splitlines()] == [None, "InputError"]
    assert "documents in: 2   articles out: 1 (no content: 0)   rejected: 1" in result.stderr
    assert "rejected by reason: input:InputError 1" in result.stderr
    quiet = CliRunner().invoke(main, ["clean", str(JETPACK), str(empty), *to_stdout, "--quiet"])
    assert quiet.stdout == result.stdout
    assert "documents in" not in quiet.stderr


@pytest.mark.parametrize("to_stdout", [True, False], ids=["stdout", "output-file"])
def test_a_parquet_rejects_file_is_a_usage_error(tmp_path: Path, to_stdout: bool) -> None:
    # Failure records were written as JSON Lines into "rejects.parquet" with -o, and with the articles on stdout
    # the run crashed with a traceback on its first failure (a failure has no article's columns).
    empty = tmp_path / "empty.html"
    empty.write_text("  ", encoding="utf-8")
    rejects = tmp_path / "rejects.parquet"
    output = [] if to_stdout else ["-o", str(tmp_path / "out.jsonl")]
    result = CliRunner().invoke(main, ["clean", str(JETPACK), str(empty), *output, "--rejects", str(rejects)])
    assert result.exit_code == 2
    assert "the rejects file is JSON Lines; give it a .jsonl name" in result.output
    assert not rejects.exists()
    with pytest.raises(ValueError, match="the rejects file is JSON Lines"):
        run_batch([str(empty)], tmp_path / "api.jsonl", rejects=rejects)
    assert not rejects.exists()


def test_with_output_on_stdout_rejects_can_go_to_a_file(tmp_path: Path) -> None:
    # "-o - --rejects r.jsonl" was refused as if -o had not been given.
    empty = tmp_path / "empty.html"
    empty.write_text("  ", encoding="utf-8")
    rejects = tmp_path / "failed" / "rejects.jsonl"
    result = CliRunner().invoke(main, ["clean", str(JETPACK), str(empty), "-o", "-", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["paragraphs"][0].startswith("March 9 (Reuters)")
    (failure,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert failure["error"] == "InputError" and failure["source_id"].endswith("empty.html")
    inline = CliRunner().invoke(main, ["clean", str(JETPACK), str(empty)])
    assert [json.loads(line).get("error") for line in inline.stdout.splitlines()] == [None, "InputError"]


def test_a_missing_input_is_a_usage_error_for_every_command_and_fetch_makes_its_output_folders(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "missing.txt"
    for arguments in (["clean", str(missing)], ["explain", str(missing)], ["fetch", "-i", str(missing)]):
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 2, (arguments, result.output)
        assert str(missing) in result.output
    output, warc = tmp_path / "new" / "out.jsonl", tmp_path / "archive" / "crawl.warc.gz"
    result = CliRunner().invoke(main, ["fetch", "http://127.0.0.1:9/story", "-o", str(output), "--warc", str(warc)])
    assert result.exit_code == 0, result.output  # the URL's failure is a record, as with clean's rejects
    assert json.loads(output.read_text(encoding="utf-8"))["error"] == "private_address"


def test_http2_without_the_h2_package_names_newscleans_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # It was httpx's traceback, whose hint names httpx's extra rather than newsclean's.
    from newsclean.fetch import Fetcher

    monkeypatch.setitem(sys.modules, "h2", None)  # how Python records a module that cannot be imported
    with pytest.raises(ImportError, match=r"pip install 'newsclean\[http2\]'"):
        Fetcher(http2=True)
    result = CliRunner().invoke(main, ["fetch", "--http2", "http://127.0.0.1:9/story"])
    assert result.exit_code == 1
    assert result.output.strip().endswith("Error: http2=True needs the h2 package: pip install 'newsclean[http2]'")


def test_resume_without_an_output_file_says_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", str(JETPACK), "--resume"])
    assert result.exit_code == 2
    assert "--resume needs -o/--output FILE: standard output cannot be read back" in result.output


def test_parquet_output_without_pyarrow_is_an_error_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It was a 40-line ImportError traceback, after the rejects file had been created.
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # how Python records a module that cannot be imported
    output = tmp_path / "articles.parquet"
    result = CliRunner().invoke(main, ["clean", str(JETPACK), "-o", str(output)])
    assert result.exit_code == 1
    assert "Error: Parquet output needs pyarrow: pip install 'newsclean[parquet]'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    # "newsclean clean … | head -1" printed "Error: Could not open file '?': Broken pipe" and exited 1.
    command = [sys.executable, "-m", "newsclean", "clean", *[str(JETPACK)] * 40]
    cleaner = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert cleaner.stdout is not None and cleaner.stderr is not None
    first = cleaner.stdout.readline()
    cleaner.stdout.close()  # the reader is gone
    errors = cleaner.stderr.read()
    assert cleaner.wait(timeout=120) == 141
    assert json.loads(first)["title"] and b"Broken pipe" not in errors and b"Traceback" not in errors


@pytest.mark.parametrize("name", ["dump.jsonl", "records.json", "rows.csv", "crawl.warc.gz"])
def test_explain_refuses_a_dump_of_records(tmp_path: Path, name: str) -> None:
    # The whole dump was read as one HTML page: its "kept text" began with '[{"id": …'.
    path = tmp_path / name
    path.write_text(json.dumps([{"id": "a", "html": JETPACK.read_text(encoding="utf-8")}]), encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 2
    assert "is a dump of records" in result.output and f"newsclean clean {path}" in result.output


def test_an_output_inside_a_file_says_a_file_stands_where_a_folder_should_be(tmp_path: Path) -> None:
    # The message was "Could not open file 'notes.txt': File exists".
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(JETPACK), "-o", str(tmp_path / "notes.txt" / "out.jsonl")])
    assert result.exit_code == 1
    assert "a file stands where a folder of the output's path should be" in result.output
