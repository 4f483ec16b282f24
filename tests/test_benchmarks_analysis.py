"""Residual-boilerplate classification, false-removal audit and metadata matching on synthetic pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.__main__ import main
from benchmarks._matching import TextIndex
from benchmarks._metadata import PredictedMeta, as_day, field_matches
from benchmarks._removals import audit_removals
from benchmarks._residual import PageContext, classify, page_context, residual_paragraphs
from newsclean import Removal

CONTEXT = PageContext(
    titles=("Council votes to close the old bridge",),
    descriptions=("The 120-year-old crossing will shut for two years while engineers rebuild it.",),
)


@pytest.mark.parametrize(
    ("paragraph", "category"),
    [
        ("Council votes to close the old bridge", "repeated_title"),
        ("The 120-year-old crossing will shut for two years while engineers rebuild it.", "repeated_title"),
        ("Support independent journalism: donate today and keep our reporting free for everyone.", "donation"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Get the best stories delivered to your inbox every day.", "newsletter"),
        ("12 comments", "comments"),
        ("Leave a comment", "comments"),
        ("Share this article on Facebook", "share"),
        ("Photo: Jane Doe / Getty Images", "caption"),
        ("© 2024 Example Media. All rights reserved.", "copyright"),
        ("By Jane Doe", "byline"),
        ("Jane Doe is a reporter covering city hall.", "byline"),
        ("5 min read", "banner"),
        ("Updated: March 3, 2024 at 10:15 am", "banner"),
        ("READ MORE: Mayor defends budget cuts", "related"),
        ("[Related: Mayor defends budget cuts]", "related"),
        ("Courtesy of Jane Doe/Instagram", "caption"),
        ("Mayor Defends Budget Cuts After Heated Meeting", "heading"),
        ("The bridge carried 40,000 cars a day before the cracks were found.", "other"),
    ],
)
def test_classifier_categories(paragraph: str, category: str) -> None:
    assert classify(paragraph, CONTEXT) == category


def test_long_prose_that_mentions_a_widget_word_is_not_a_widget() -> None:
    prose = (
        "Residents who share the bridge with cyclists said on Twitter that the closure would add forty minutes "
        "to their commute, and several asked the council to run extra buses across the river while the work "
        "goes on."
    )
    assert classify(prose, CONTEXT) == "other"


def test_residual_paragraphs_are_only_those_missing_from_gold() -> None:
    gold = TextIndex("The bridge carried 40,000 cars a day before the cracks were found. Engineers warned in May.")
    output = [
        "The bridge carried 40,000 cars a day before the cracks were found.",
        "Sign up for our morning newsletter",
        "—",
    ]
    assert [(r.text, r.category) for r in residual_paragraphs(output, gold, CONTEXT)] == [
        ("Sign up for our morning newsletter", "newsletter")
    ]


def test_page_context_reads_titles_and_descriptions() -> None:
    html = (
        "<html><head><title>Bridge closes | Daily</title><meta property='og:title' content='Bridge closes'>"
        "<meta name='description' content='A short standfirst.'></head><body><h1>Bridge closes</h1></body></html>"
    )
    context = page_context(html, "Gold title")
    assert context.titles == ("Gold title", "Bridge closes", "Bridge closes | Daily")
    assert context.descriptions == ("A short standfirst.",)


GOLD = [
    "The council voted on Tuesday to close the old bridge for two years of repairs.",
    "Engineers found cracks in three of the bridge's supporting piers during a routine inspection in May.",
    "Traffic will be diverted over the ring road while the work goes on, officials said.",
    "Short line.",
]


def test_false_removal_is_credited_to_the_rule_and_misses_are_counted_apart() -> None:
    output = TextIndex(GOLD[0])
    removed = [
        Removal("widget.share", "widget", "text", "Share this"),
        Removal("dom.related-box", "related", "dom", "Related stories " + GOLD[1] + " More stories"),
    ]
    audit = audit_removals(GOLD, output, removed)
    assert audit.gold_paragraphs == 3  # "Short line." has fewer than 8 words
    assert [(f.rule, f.stage) for f in audit.false_removals] == [("dom.related-box", "dom")]
    assert audit.extractor_misses == 1  # GOLD[2] is nowhere: the extractor never returned it


def test_no_false_removal_when_everything_is_kept() -> None:
    audit = audit_removals(GOLD, TextIndex(" ".join(GOLD)), [Removal("r.x", "x", "text", GOLD[1])])
    assert audit.false_removals == () and audit.extractor_misses == 0


def test_metadata_matching() -> None:
    gold = {"title": "Bridge Closes!", "author": "Jane Doe and John Roe", "date": "2024-03-03"}
    right = PredictedMeta("bridge closes", ("John Roe", "Jane Doe"), "2024-03-03")
    assert field_matches(gold, right) == {"title": True, "author": True, "date": True}
    wrong = PredictedMeta("Bridge closes for good", ("Jane Doe",), "2024-03-04")
    assert field_matches(gold, wrong) == {"title": False, "author": False, "date": False}


def test_metadata_annotated_absent_expects_no_value_and_unannotated_is_not_scored() -> None:
    assert field_matches({"author": ""}, PredictedMeta(authors=())) == {"author": True}
    assert field_matches({"author": None}, PredictedMeta(authors=("Staff",))) == {"author": False}
    assert field_matches({}, PredictedMeta("t", ("a",), "2024-01-01")) == {}


def test_as_day() -> None:
    from datetime import datetime

    assert as_day(datetime(2024, 3, 3, 23, 59)) == "2024-03-03"
    assert as_day("published 2024-03-03T10:00:00Z") == "2024-03-03"
    assert as_day("March 3") is None and as_day(None) is None
    assert as_day(["2024-09-26T17:46:15+00:00", "2024-09-27"]) == "2024-09-26"  # goose3 returns candidates
    assert as_day([]) is None and as_day(20240926) is None


def test_analysis_ranks_categories_and_lists_false_removals() -> None:
    from benchmarks._analyse import analysis_markdown
    from benchmarks._quality import PageRecord

    records = [
        PageRecord("naeb", "naeb/1", "newsclean", 0.9, 0.1, 0.0, residual=[("Share this", "share")]),
        PageRecord(
            "naeb",
            "naeb/2",
            "newsclean",
            0.8,
            0.1,
            0.1,
            residual=[("Share this", "share"), ("By Jane Doe", "byline")],
            false_removals=[("A gold paragraph of enough words to count here.", "dom.related-box", "dom")],
        ),
    ]
    text = analysis_markdown(records)
    assert "| share | 2 | 2 |" in text and "| byline | 1 | 1 |" in text
    assert text.index("| share |") < text.index("| byline |")
    assert "- 2× Share this" in text
    assert "**dom.related-box (dom)**: 1" in text and "naeb/2: A gold paragraph" in text


def test_quality_markdown_has_one_row_per_extractor_and_the_false_removal_rate() -> None:
    from benchmarks._report import quality_markdown
    from benchmarks._residual import CATEGORIES

    row = {
        "pages": 2,
        "f1": 0.9512,
        "precision": 0.94,
        "recall": 0.9626,
        "errors": 0,
        "empty": 1,
        "notes": ["p/1: ValueError: boom"],
        "pages_per_second": 12.5,
        "residual": dict.fromkeys(CATEGORIES, 1),
        "residual_boilerplate": len(CATEGORIES) - 2,
        "must_exclude_leaked": 3,
        "must_exclude_total": 40,
        "metadata": {"title": 0.5, "author": 1.0, "date": 0.25},
    }
    newsclean_row = {
        **row,
        "false_removals": 2,
        "false_removal_rate": 0.004,
        "false_removals_by_rule": {"r.x": 2},
        "extractor_misses": 7,
    }
    results = {
        "run": {"started": "now", "newsclean": "0", "command": "python -m benchmarks quality"},
        "datasets": {"naeb": {"newsclean": newsclean_row, "trafilatura": row}},
        "skipped": {"goose3": "not installed"},
    }
    text = quality_markdown(results)
    assert (
        "| newsclean | 0.951 | 0.940 | 0.963 | 12.5 | 1 | 10 | 1 | 1 | – | 3 / 40 | 0.50/1.00/0.25 | 2 (0.40%) |"
        in text
    )
    assert "| trafilatura | 0.951 |" in text
    assert "`r.x` 2; extractor misses: 7" in text
    assert "skipped goose3: not installed" in text and "p/1: ValueError: boom" in text


def test_analyse_on_damaged_records_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / "tiny.jsonl").write_bytes(b'{"dataset": "tiny", "id": "tiny/1", "extractor": "newsclean"\n')
    result = CliRunner().invoke(main, ["analyse", "tiny", "--results-dir", str(tmp_path)])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 2, result.output
    assert "tiny.jsonl is not a quality run's per-page records" in result.output
