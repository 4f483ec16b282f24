"""The ``dumps`` run: a peer's text scored as it is and after newsclean's text cleaners, on a tiny synthetic set."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.__main__ import main
from benchmarks._dumps import dumps_markdown, run_dumps
from benchmarks._extractors import Extraction

ARTICLE = [
    "The council voted on Tuesday to close the old bridge for two years of repairs after engineers found cracks.",
    "Traffic will be diverted over the ring road while the work goes on, officials said in a statement.",
    "The bridge, opened in 1904, carried about 40,000 cars a day before the inspection in May this year.",
    "Local shops near the crossing said they feared losing customers during the long closure period.",
]
# What an extractor lets through around the article, in the shapes the seeds show.
BOILERPLATE = ["Reading Time: 3 minutes", "Share this:", "Like this:", "Sign up for our daily newsletter."]


def _page(number: int) -> dict[str, object]:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return {
        "id": f"tiny/{number}",
        "url": f"https://example.com/{number}",
        "html": f"<html><head><title>Bridge {number}</title></head><body><article>{body}</article></body></html>",
        "gold_text": "\n\n".join(ARTICLE),
        "gold_meta": {"title": f"Bridge {number}"},
    }


@pytest.fixture
def tiny_set(tmp_path: Path) -> Path:
    with gzip.open(tmp_path / "tiny.jsonl.gz", "wt", encoding="utf-8") as handle:
        for number in range(3):
            handle.write(json.dumps(_page(number)) + "\n")
    return tmp_path


def _leaky(html: str, url: str | None) -> Extraction:
    return Extraction((BOILERPLATE[0], *ARTICLE, *BOILERPLATE[1:]))


def _failing(html: str, url: str | None) -> Extraction:
    raise RuntimeError("peer broke")


def _widgets_only(html: str, url: str | None) -> Extraction:
    return Extraction(tuple(BOILERPLATE[1:3]))


def test_the_cleaning_raises_precision_keeps_recall_and_removes_no_gold(tiny_set: Path) -> None:
    tally = run_dumps("tiny", tiny_set, {"leaky": _leaky})["leaky"]
    row = tally.summary()
    assert row["pages"] == 3
    assert row["before"]["precision"] < 0.9 and row["after"]["precision"] == pytest.approx(1.0)
    assert row["after"]["recall"] == pytest.approx(row["before"]["recall"]) == pytest.approx(1.0)
    assert row["before"]["residual_boilerplate"] >= 3 * 3 and row["after"]["residual_boilerplate"] == 0
    assert row["false_removals"] == 0 and row["gold_paragraphs_8plus"] == 12
    assert row["clean_errors"] == 0 and row["clean_cost"] is not None and row["clean_cost"] > 0


def test_a_page_without_gold_text_adds_no_residual_paragraphs(tmp_path: Path) -> None:
    pages = [_page(number) for number in range(3)]
    pages[0]["gold_text"] = ""
    for name, chosen in (("with_ungolded", pages), ("golded", pages[1:])):
        with gzip.open(tmp_path / f"{name}.jsonl.gz", "wt", encoding="utf-8") as handle:
            handle.writelines(json.dumps(page) + "\n" for page in chosen)
    with_ungolded = run_dumps("with_ungolded", tmp_path, {"leaky": _leaky})["leaky"].summary()
    golded = run_dumps("golded", tmp_path, {"leaky": _leaky})["leaky"].summary()
    assert golded["before"]["residual_boilerplate"] > 0
    for side in ("before", "after"):
        assert with_ungolded[side]["residual_boilerplate"] == golded[side]["residual_boilerplate"]


def test_a_failing_peer_and_a_dump_cleaned_to_nothing_score_as_empty(tiny_set: Path) -> None:
    tallies = run_dumps("tiny", tiny_set, {"failing": _failing, "widgets": _widgets_only})
    failing, widgets = tallies["failing"].summary(), tallies["widgets"].summary()
    assert failing["peer_errors"] == 3 and failing["before"]["empty"] == failing["after"]["empty"] == 3
    assert widgets["peer_errors"] == 0 and widgets["before"]["empty"] == 0 and widgets["after"]["empty"] == 3
    assert widgets["before"]["f1"] == 0.0 and widgets["after"]["f1"] == 0.0


def test_markdown_has_a_row_per_set_and_peer() -> None:
    results = {
        "run": {"started": "now", "newsclean": "0", "command": "x"},
        "datasets": {
            "tiny": {
                "leaky": {
                    "before": {"f1": 0.8, "precision": 0.7, "recall": 1.0, "residual_boilerplate": 9, "empty": 0},
                    "after": {"f1": 1.0, "precision": 1.0, "recall": 1.0, "residual_boilerplate": 0, "empty": 0},
                    "false_removals": 0,
                    "false_removal_rate": 0.0,
                    "clean_cost": 0.25,
                    "clean_errors": 1,
                    "clean_error_notes": ["tiny/0: InputError: too long"],
                }
            }
        },
    }
    markdown = dumps_markdown(results)
    assert "| tiny | leaky | 0.8000 → **1.0000** | 0.7000 → 1.0000 | 1.0000 → 1.0000 | 9 → 0 | 0 (0.00%) | 0 |" in (
        markdown
    )
    assert "tiny / leaky: tiny/0: InputError: too long" in markdown


def test_the_command_cleans_trafilatura_text_and_writes_its_results(tiny_set: Path, tmp_path: Path) -> None:
    results = tmp_path / "results"
    outcome = CliRunner().invoke(
        main,
        ["dumps", "--datasets", "tiny", "--peers", "newsclean,trafilatura", "--data-dir", str(tiny_set),
         "--results-dir", str(results)],
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.output
    written = json.loads((results / "text_dumps.json").read_text())
    assert list(written["datasets"]["tiny"]) == ["trafilatura"]  # newsclean is never its own peer
    assert written["datasets"]["tiny"]["trafilatura"]["pages"] == 3
    assert "| tiny | trafilatura |" in (results / "text_dumps.md").read_text()
    unknown = CliRunner().invoke(
        main, ["dumps", "--datasets", "tiny", "--peers", "nosuch", "--data-dir", str(tiny_set)]
    )
    assert unknown.exit_code == 2 and "unknown extractor" in unknown.output
