"""trafilatura copies only the trees it changes while newsclean extracts, and extracts what it did with every copy
and every released XPath expression."""

from __future__ import annotations

import copy
import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml import etree
from trafilatura import core, external

from newsclean import _extract, _trafilatura_fallback
from newsclean._exceptions import ExtractionError
from newsclean._extract import TrafilaturaExtractor

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("fixtures/**/*.html"), *ROOT.glob("tests/data/**/*.html")])
SENTENCE = "The council approved the new budget for the city's libraries after a long debate on Tuesday night."
URL = "https://example.org/news/budget"


def _page(aside: str = "") -> str:
    prose = "".join(f"<p>{SENTENCE} Item {number} of the plan was discussed at length.</p>" for number in range(8))
    return (
        "<html><head><title>Budget approved</title></head><body>"
        f"<article><div class='entry-content'>{prose}</div></article>{aside}</body></html>"
    )


def _long_aside() -> str:
    note = "<div class='note'>{} Note {} is a long aside of its own.</div>"
    notes = "".join(note.format(SENTENCE, number) for number in range(20))
    return f"<div class='notes'>{notes}</div>"


@pytest.fixture
def trees(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """The trees newsclean hands trafilatura, the trees its sequence works on, and the trees readability reads."""
    seen: dict[str, list[Any]] = {"handed": [], "sequence": [], "readability": []}
    load, sequence, document = _extract._load, core.trafilatura_sequence, external.ReadabilityDocument

    def loaded(*args: Any, **kwargs: Any) -> Any:
        tree = load(*args, **kwargs)
        seen["handed"].append(tree)
        return tree

    def sequenced(tree: Any, *args: Any, **kwargs: Any) -> Any:
        seen["sequence"].append(tree)
        return sequence(tree, *args, **kwargs)

    def read(tree: Any, *args: Any, **kwargs: Any) -> Any:
        seen["readability"].append(tree)
        return document(tree, *args, **kwargs)

    monkeypatch.setattr(_extract, "_load", loaded)
    monkeypatch.setattr(core, "trafilatura_sequence", sequenced)
    monkeypatch.setattr(external, "ReadabilityDocument", read)
    return seen


def test_the_tree_newsclean_hands_over_is_not_copied(trees: dict[str, list[Any]]) -> None:
    assert TrafilaturaExtractor().extract(_page(), url=URL)
    (handed,) = trees["handed"]
    assert trees["sequence"] == [handed]


def test_trafilatura_called_outside_newsclean_still_copies_the_caller_s_tree(trees: dict[str, list[Any]]) -> None:
    tree = _extract._load(_page())
    before = etree.tostring(tree)
    assert trafilatura.bare_extraction(tree, include_comments=False, deduplicate=False, with_metadata=False)
    (worked_on,) = trees["sequence"]
    assert worked_on is not tree
    assert etree.tostring(tree) == before


def test_readability_reads_a_copy_of_the_page_trafilatura_keeps(trees: dict[str, list[Any]]) -> None:
    TrafilaturaExtractor().extract(_page(_long_aside()), url=URL)  # more than twice the article: readability runs
    (handed,), (read,) = trees["handed"], trees["readability"]
    assert read is not handed
    assert handed.find(".//div[@class='notes']") is not None  # the page trafilatura falls back on is whole


def test_no_copy_is_made_for_readability_that_does_not_run(
    trees: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    weighed: list[Any] = []
    cannot_win = _trafilatura_fallback.readability_cannot_win

    def recorded(raw_tree: Any, *args: Any) -> bool:
        weighed.append(raw_tree)
        return cannot_win(raw_tree, *args)

    monkeypatch.setattr(_trafilatura_fallback, "readability_cannot_win", recorded)
    TrafilaturaExtractor().extract(_page(), url=URL)
    (handed,) = trees["handed"]
    assert weighed == [handed] and trees["readability"] == []


def test_the_articles_are_the_ones_released_copies_and_expressions_give(monkeypatch: pytest.MonkeyPatch) -> None:
    assert PAGES, "the fixtures' HTML pages are missing"
    pages = [path.read_text(encoding="utf-8") for path in PAGES] + [_page(), _page(_long_aside())]
    extracted = [TrafilaturaExtractor().extract(page, url=URL) for page in pages]
    monkeypatch.setattr(core, "copy", copy.copy)
    monkeypatch.setattr(
        _trafilatura_fallback._EngagedXPath, "__call__", lambda self, *args, **kwargs: self.released(*args, **kwargs)
    )
    assert extracted == [TrafilaturaExtractor().extract(page, url=URL) for page in pages]


def test_a_page_whose_extraction_failed_keeps_no_tree_alive(
    trees: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: Any) -> bool:
        raise RuntimeError("the comparison failed")

    monkeypatch.setattr(_trafilatura_fallback, "readability_cannot_win", failing)
    with pytest.raises(ExtractionError):
        TrafilaturaExtractor().extract(_page(), url=URL)
    handed = weakref.ref(trees["handed"].pop())
    trees["sequence"].clear()
    gc.collect()
    assert handed() is None
