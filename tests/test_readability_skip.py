"""Readability is not run where its pick cannot replace trafilatura's text, and the result stays the same."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura import external
from trafilatura.settings import Extractor
from trafilatura.utils import load_html, trim

from newsclean import _trafilatura_fallback
from newsclean._extract import TrafilaturaExtractor
from newsclean._readability_skip import has_paragraph_text, readability_cannot_win, text_length_bound

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("fixtures/**/*.html"), *ROOT.glob("tests/data/**/*.html")])
SENTENCE = "The council approved the new budget for the city's libraries after a long debate on Tuesday night."
PROSE = "".join(f"<p>{SENTENCE} Item {number} of the plan was discussed at length.</p>" for number in range(8))
URL = "https://example.org/news/budget"


def _article_page(aside: str = "") -> str:
    return (
        "<html><head><title>Budget approved</title></head><body>"
        f"<article><div class='entry-content'>{PROSE}</div></article>{aside}</body></html>"
    )


@pytest.fixture
def readability_runs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every page readability is run on, from here on."""
    runs: list[object] = []
    document = external.ReadabilityDocument

    def counted(page: object, *args: object, **kwargs: object) -> object:
        runs.append(page)
        return document(page, *args, **kwargs)

    monkeypatch.setattr(external, "ReadabilityDocument", counted)
    return runs


def test_readability_is_not_run_where_it_cannot_win(readability_runs: list[object]) -> None:
    page = _article_page()
    lines = TrafilaturaExtractor().extract(page, url=URL)
    assert SENTENCE in lines[0] and len(lines) == 8
    assert readability_runs == []
    # trafilatura outside newsclean still runs it
    assert trafilatura.extract(page, include_comments=False, deduplicate=False)
    assert len(readability_runs) == 1


def test_readability_runs_where_the_page_holds_more_than_twice_the_text(readability_runs: list[object]) -> None:
    notes = "".join(
        f"<div class='note'>{SENTENCE} Note {number} is a long aside of its own.</div>" for number in range(20)
    )
    TrafilaturaExtractor().extract(_article_page(f"<div class='notes'>{notes}</div>"), url=URL)
    assert len(readability_runs) == 1


def test_the_result_is_the_one_readability_would_have_left(monkeypatch: pytest.MonkeyPatch) -> None:
    assert PAGES, "the fixtures' HTML pages are missing"
    pages = [path.read_text(encoding="utf-8") for path in PAGES] + [_article_page()]
    skipping = [TrafilaturaExtractor().extract(page, url=URL) for page in pages]
    monkeypatch.setattr(_trafilatura_fallback, "readability_cannot_win", lambda *arguments: False)
    assert skipping == [TrafilaturaExtractor().extract(page, url=URL) for page in pages]


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_readability_s_text_is_never_longer_than_the_bound(path: Path) -> None:
    tree = load_html(path.read_text(encoding="utf-8"))
    picked = external.try_readability(tree)  # not engaged: readability itself
    text = trim(etree.tostring(picked, method="text", encoding="utf-8").decode("utf-8"))
    assert text
    # the bound is taken on a fresh tree: readability may change the one it reads
    assert len(text) <= text_length_bound(load_html(path.read_text(encoding="utf-8")))


def _body(markup: str) -> etree._Element:
    return lxml_html.fromstring(f"<div>{markup}</div>")


def test_readability_cannot_win_only_when_every_test_of_trafilatura_fails() -> None:
    page = lxml_html.fromstring(f"<html><body><p>{SENTENCE}</p><p>{SENTENCE}</p></body></html>")
    text = f"{SENTENCE} {SENTENCE}"
    body = _body(f"<p>{SENTENCE}</p><p>{SENTENCE}</p>")
    balanced = Extractor()
    assert readability_cannot_win(page, body, text, balanced)
    assert not readability_cannot_win(page, body, "", balanced)  # no text of its own
    assert not readability_cannot_win(page, body, SENTENCE[:40], balanced)  # the page holds over twice as much
    assert not readability_cannot_win(page, _body(f"<div>{SENTENCE}</div>"), text, balanced)  # no paragraph text
    tables = _body(f"<p>{SENTENCE}</p><table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>")
    assert not readability_cannot_win(page, tables, text, balanced)  # more tables than paragraphs
    # other modes have other tests, or prune the page first
    assert not readability_cannot_win(page, body, text, Extractor(recall=True))
    assert not readability_cannot_win(page, body, text, Extractor(precision=True))


@pytest.mark.parametrize(
    "markup",
    [
        "<p></p>",
        "<div>text outside</div><p></p>",
        "<p><b></b></p>",
        "<p><b></b> </p>",  # a tail inside the paragraph is its text
        "<p><b>bold</b></p>",
        "<p><!-- note --></p>",  # a comment's content is no text node
        "<p><!-- note -->after</p>",
        "<p><span><i></i></span></p><p>second</p>",
        "<div><p></p></div><p></p>after",  # a paragraph's own tail is outside it
        "<h2>no paragraph</h2>",
    ],
)
def test_paragraph_text_test_answers_as_trafilatura_s_xpath(markup: str) -> None:
    body = etree.fromstring(f"<body>{markup}</body>", etree.XMLParser())
    assert has_paragraph_text(body) == bool(body.xpath(".//p//text()"))
