"""The gate's logic, dataset loading, and the gate command end to end on a tiny synthetic set."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.__main__ import main
from benchmarks._data import DatasetError, data_dir, iter_pages, parse_dataset_names
from benchmarks._gate import (
    BaselineError,
    Violation,
    check,
    gate_figures,
    load_baseline,
    partial_sets,
    propose_floors,
)

BASELINE = {"datasets": {"naeb": {"f1": {"min": 0.9}, "false_removal_rate": {"max": 0.005}}}}


def test_check_passes_at_or_above_floors() -> None:
    assert check({"naeb": {"f1": 0.9, "false_removal_rate": 0.005}}, BASELINE) == []
    assert check({"naeb": {"f1": 0.95, "false_removal_rate": 0.0}}, BASELINE) == []


def test_check_reports_each_broken_bound() -> None:
    violations = check({"naeb": {"f1": 0.8994, "false_removal_rate": 0.01}}, BASELINE)
    assert violations == [
        Violation("naeb", "f1", 0.8994, 0.9, "min"),
        Violation("naeb", "false_removal_rate", 0.01, 0.005, "max"),
    ]
    assert "below its floor 0.900" in violations[0].message()
    assert "above its ceiling 0.005" in violations[1].message()


def test_a_missing_figure_is_a_violation_and_a_set_without_floors_an_error() -> None:
    assert check({"naeb": {"f1": 0.95}}, BASELINE)[0].measured is None
    with pytest.raises(BaselineError, match="no floors for 'scrapinghub'"):
        check({"scrapinghub": {"f1": 0.99}}, BASELINE)


def test_floors_only_go_up_and_round_toward_strictness_by_at_most_a_thousandth() -> None:
    raised = propose_floors({"naeb": {"f1": 0.93471, "false_removal_rate": 0.00212}}, BASELINE)
    assert raised["datasets"]["naeb"] == {"f1": {"min": 0.934}, "false_removal_rate": {"max": 0.003}}
    kept = propose_floors({"naeb": {"f1": 0.85, "false_removal_rate": 0.02}}, BASELINE)
    assert kept["datasets"]["naeb"] == BASELINE["datasets"]["naeb"]
    assert BASELINE["datasets"]["naeb"]["f1"] == {"min": 0.9}  # the input is not modified
    fresh = propose_floors({"scrapinghub": {"recall": 0.97}}, {"datasets": {}})
    assert fresh["datasets"]["scrapinghub"] == {"recall": {"min": 0.97}}


def test_gate_figures_from_a_summary() -> None:
    summary = {"pages": 4, "f1": 0.9, "precision": 0.8, "recall": 1.0, "residual_boilerplate": 2, "empty": 0}
    assert gate_figures(summary) == {
        "f1": 0.9,
        "precision": 0.8,
        "recall": 1.0,
        "residual_boilerplate_per_page": 0.5,
    }


def test_load_baseline_rejects_malformed_files(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("{not json")
    with pytest.raises(BaselineError, match="not valid JSON"):
        load_baseline(path)
    path.write_text(json.dumps({"datasets": {"naeb": {"f1": 0.9}}}))
    with pytest.raises(BaselineError, match=r"naeb\.f1"):
        load_baseline(path)
    with pytest.raises(BaselineError, match="no baseline"):
        load_baseline(tmp_path / "missing.json")


def test_shipped_baseline_is_valid_and_covers_the_ci_sets() -> None:
    baseline = load_baseline()
    assert {"scrapinghub", "naeb"} <= set(baseline["datasets"])
    for bounds in baseline["datasets"].values():
        assert "f1" in bounds


def test_data_dir_precedence(tmp_path: Path) -> None:
    assert data_dir(tmp_path, {"NEWSCLEAN_DATASETS": "/elsewhere"}) == tmp_path
    assert data_dir(None, {"NEWSCLEAN_DATASETS": "/a", "NEWSCLEAN_SHARED": "/b"}) == Path("/a")
    assert data_dir(None, {"NEWSCLEAN_SHARED": "/b"}) == Path("/b/datasets")
    repo_root = Path(__file__).resolve().parent.parent
    assert data_dir(None, {}) == repo_root.parent / "shared" / "datasets"


def test_dataset_names() -> None:
    assert parse_dataset_names("scrapinghub, naeb") == ("scrapinghub", "naeb")
    assert "wcxb_dev_articles" in parse_dataset_names("all")
    with pytest.raises(DatasetError):
        parse_dataset_names("naeb,naeb")
    with pytest.raises(DatasetError):
        parse_dataset_names(" , ")


ARTICLE = (
    "The council voted on Tuesday to close the old bridge for two years of repairs after engineers found "
    "cracks in three of its piers."
)
PARAGRAPHS = [
    ARTICLE,
    "Traffic will be diverted over the ring road while the work goes on, officials said in a statement.",
    "The bridge, opened in 1904, carried about 40,000 cars a day before the inspection in May this year.",
    "Local shops near the crossing said they feared losing customers during the long closure period.",
]


def _page(number: int) -> dict[str, object]:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        f"<html><head><title>Bridge story {number}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Bridge story {number}</h1>{body}</article><footer>© 2024 Example</footer></body></html>"
    )
    return {
        "id": f"tiny/{number}",
        "url": f"https://example.com/{number}",
        "html": html,
        "gold_text": "\n\n".join(PARAGRAPHS),
        "gold_meta": {"title": f"Bridge story {number}"},
    }


@pytest.fixture
def tiny_set(tmp_path: Path) -> Path:
    with gzip.open(tmp_path / "tiny.jsonl.gz", "wt", encoding="utf-8") as handle:
        for number in range(2):
            handle.write(json.dumps(_page(number)) + "\n")
    return tmp_path


def test_pages_stream_and_a_bad_line_names_file_and_line(tiny_set: Path) -> None:
    pages = list(iter_pages("tiny", tiny_set))
    assert [p.id for p in pages] == ["tiny/0", "tiny/1"] and len(pages[0].gold_paragraphs) == 4
    with gzip.open(tiny_set / "broken.jsonl.gz", "wt") as handle:
        handle.write(json.dumps(_page(0)) + "\n" + '{"id": 3}\n')
    with pytest.raises(DatasetError, match="line 2"):
        list(iter_pages("broken", tiny_set))
    with pytest.raises(DatasetError, match="NEWSCLEAN_DATASETS"):
        list(iter_pages("absent", tiny_set))


@pytest.mark.timeout(60)
def test_gate_command_passes_fails_and_raises_floors(tiny_set: Path) -> None:
    runner = CliRunner()
    baseline = tiny_set / "baseline.json"
    base_args = ["gate", "--datasets", "tiny", "--data-dir", str(tiny_set), "--baseline", str(baseline)]

    result = runner.invoke(main, [*base_args, "--raise-floors"])
    assert result.exit_code == 0, result.output
    written = json.loads(baseline.read_text())
    floors = written["datasets"]["tiny"]
    assert floors["f1"]["min"] > 0.9  # the synthetic article is extracted whole
    assert written["pages"] == {"tiny": 2}  # so a later raise from part of the set is refused

    result = runner.invoke(main, base_args)
    assert result.exit_code == 0, result.output
    assert "quality gate passed" in result.output

    floors["f1"]["min"] = 1.01  # a floor no run can reach: the gate must fail and say why
    baseline.write_text(json.dumps({"datasets": {"tiny": floors}}))
    result = runner.invoke(main, base_args)
    assert result.exit_code == 1
    assert "REGRESSION tiny: f1" in result.output and "below its floor 1.010" in result.output


def test_gate_command_usage_errors(tiny_set: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["gate", "--datasets", "absent", "--data-dir", str(tiny_set)])
    assert result.exit_code == 2 and "not found" in result.output
    (tiny_set / "b.json").write_text(json.dumps({"datasets": {}}))
    result = runner.invoke(
        main, ["gate", "--datasets", "tiny", "--data-dir", str(tiny_set), "--baseline", str(tiny_set / "b.json")]
    )
    assert result.exit_code == 2 and "no floors for 'tiny'" in result.output


def _forbid_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a run of the pages fail loudly, so a test shows the gate stopped before it."""

    def ran(*args: object, **kwargs: object) -> object:
        raise AssertionError("the gate ran the pages before refusing its baseline")

    monkeypatch.setattr("benchmarks._quality.run_dataset", ran)


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b'{"datasets": {"tiny": {}}}', "tiny has no bounds"),
        (b'{"datasets": {"tiny": []}}', "tiny must be a table of metric bounds"),
        (b'\xff\xfe{"datasets": {}}', "not UTF-8"),
        (b'{"datasets": {"tiny": {"f1": {"min": true}}}}', "finite numbers"),
        (b'{"datasets": {"tiny": {"f1": {"min": NaN}}}}', "finite numbers"),
        (
            b'{"datasets": {"tiny": {"f1s": {"min": 0.5}}}}',
            "tiny.f1s is not a metric the gate knows; use f1, precision",
        ),
        (b'{"datasets": {"other": {"f1": {"min": 0.5}}}}', "has no floors for 'tiny'"),
        (b'{"datasets": {"tiny": {"f1": {"min": 0.5}}}, "pages": {"tiny": "all"}}', "'pages' must map"),
    ],
)
def test_a_malformed_baseline_is_a_usage_error_naming_it_before_the_run(
    content: bytes, phrase: str, tiny_set: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forbid_run(monkeypatch)
    baseline = tiny_set / "my-floors.json"
    baseline.write_bytes(content)
    result = CliRunner().invoke(
        main, ["gate", "--datasets", "tiny", "--data-dir", str(tiny_set), "--baseline", str(baseline)]
    )
    assert result.exit_code == 2, result.output
    assert phrase in result.output and "my-floors.json" in result.output


def test_check_names_the_baseline_it_was_given() -> None:
    with pytest.raises(BaselineError, match=r"^mine\.json has no floors for 'tiny'"):
        check({"tiny": {"f1": 0.99}}, {"datasets": {"tiny": {}}}, source="mine.json")


@pytest.mark.timeout(60)
def test_raise_floors_refuses_on_a_regression_and_writes_nothing(tiny_set: Path) -> None:
    baseline = tiny_set / "floors.json"
    baseline.write_text(json.dumps({"datasets": {"tiny": {"f1": {"min": 1.01}, "recall": {"min": 0.5}}}}))
    before = baseline.read_bytes()
    result = CliRunner().invoke(
        main,
        ["gate", "--raise-floors", "--datasets", "tiny", "--data-dir", str(tiny_set), "--baseline", str(baseline)],
    )
    assert result.exit_code == 1, result.output
    assert "REGRESSION tiny: f1" in result.output and "Floors not raised" in result.output
    assert baseline.read_bytes() == before


def test_raise_floors_refuses_a_set_with_fewer_pages_than_the_baseline_records(
    tiny_set: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forbid_run(monkeypatch)
    baseline = tiny_set / "floors.json"
    baseline.write_text(json.dumps({"datasets": {"tiny": {"f1": {"min": 0.5}}}, "pages": {"tiny": 5}}))
    before = baseline.read_bytes()
    result = CliRunner().invoke(
        main,
        ["gate", "--raise-floors", "--datasets", "tiny", "--data-dir", str(tiny_set), "--baseline", str(baseline)],
    )
    assert result.exit_code == 2, result.output
    assert "tiny has 2 pages where the full set has 5" in result.output
    assert baseline.read_bytes() == before


def test_raise_floors_refuses_a_part_of_a_shipped_set_even_without_a_recorded_count(
    tiny_set: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forbid_run(monkeypatch)
    (tiny_set / "tiny.jsonl.gz").rename(tiny_set / "naeb.jsonl.gz")  # two pages of a 421-page set
    baseline = tiny_set / "floors.json"
    result = CliRunner().invoke(
        main,
        ["gate", "--raise-floors", "--datasets", "naeb", "--data-dir", str(tiny_set), "--baseline", str(baseline)],
    )
    assert result.exit_code == 2, result.output
    assert "naeb has 2 pages where the full set has 421" in result.output
    assert not baseline.exists()


def test_partial_sets_prefer_the_recorded_count_and_know_the_shipped_sizes() -> None:
    assert partial_sets({"naeb": 421, "scrapinghub": 180}, {"datasets": {}}) == [
        "scrapinghub has 180 pages where the full set has 181"
    ]
    assert partial_sets({"naeb": 421}, {"datasets": {}, "pages": {"naeb": 430}}) == [
        "naeb has 421 pages where the full set has 430"
    ]
    assert partial_sets({"mine": 3, "naeb": 500}, {"datasets": {}}) == []  # unknown size; a set that grew
    recorded = propose_floors({"mine": {"f1": 0.95}}, {"datasets": {}}, {"mine": 3})
    assert recorded["pages"] == {"mine": 3}
