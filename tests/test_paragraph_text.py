"""trafilatura's queries for the paragraphs' text nodes are answered in linear time, with the nodes XPath gives."""

from __future__ import annotations

import random
from typing import Any

import pytest
from lxml import etree, html

import newsclean
from newsclean import _paragraph_text
from newsclean._extract import _parser
from newsclean._paragraph_text import ParagraphTextElement, ParagraphTextView, paragraph_text

QUERIES = (("//p//text()", True), (".//p//text()", False))


def _random_markup(generator: random.Random, depth: int = 0) -> str:
    tag = generator.choice(["p", "div", "span", "p", "b", "head"])
    children = "".join(_random_markup(generator, depth + 1) for _ in range(generator.randrange(4))) if depth < 6 else ""
    return f"<{tag}>{generator.choice(['', 'a', 'b c'])}{children}</{tag}>{generator.choice(['', 't'])}"


def _as_lxml_answers(element: Any, path: str) -> list[str]:
    return [str(node) for node in etree._Element.xpath(element, path)]


@pytest.mark.parametrize("seed", range(5))
def test_the_same_text_nodes_in_the_same_order_as_xpath_from_every_element(seed: int) -> None:
    # XML keeps a <p> inside a <p>, as trafilatura's converted trees do, and the HTML parser does not.
    generator = random.Random(seed)
    for _ in range(60):
        markup = "".join(_random_markup(generator) for _ in range(3))
        for tree in (etree.fromstring(f"<root>{markup}</root>"), html.fromstring(markup, parser=_parser())):
            for element in tree.iter():
                for path, from_root in QUERIES:
                    answers = [str(node) for node in paragraph_text(element, from_root=from_root)]
                    assert answers == _as_lxml_answers(element, path), (markup, element.tag, path)


def test_the_tree_trafilatura_reads_answers_with_it_and_passes_other_queries_to_lxml() -> None:
    tree = html.fromstring("<div><p>One <b>two</b></p><p><i>three</i></p><span>four</span></div>", parser=_parser())
    assert isinstance(tree, ParagraphTextElement)
    assert [str(node) for node in tree.xpath("//p//text()")] == ["One ", "two", "three"]
    assert [str(node) for node in tree.xpath("//span/text()")] == ["four"]
    assert tree.xpath("count(//p)") == 2.0
    assert tree.xpath("//p[$n]//text()", n=2) == ["three"]


def test_the_view_answers_with_it_and_is_the_element_otherwise() -> None:
    body = etree.fromstring("<body><p>One <p>nested</p></p><table/><p>two</p></body>")
    view = ParagraphTextView(body)
    assert [str(node) for node in view.xpath(".//p//text()")] == ["One ", "nested", "two"]
    assert view.xpath(".//head") == []
    assert len(view.findall(".//p")) == 3 and len(view.findall(".//table")) == 1
    assert len(view) == len(body) and [child.tag for child in view] == ["p", "table", "p"]


ARTICLE = "".join(f"<p>The council met on day {number} and argued about the budget again.</p>" for number in range(40))


@pytest.mark.parametrize(
    ("page", "from_root"),
    [
        pytest.param(f"<html><body><article>{ARTICLE}</article></body></html>", True, id="main pass"),
        # No container any selector names: after the wild-text fallback, readability's pick is weighed against it.
        pytest.param(f"<html><body><div>{ARTICLE}</div><div><p>Other.</p></div></body></html>", False, id="compare"),
    ],
)
def test_both_of_trafilatura_s_queries_are_answered_by_it(
    page: str, from_root: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []
    linear = _paragraph_text.paragraph_text

    def counted(element: Any, *, from_root: bool) -> list[Any]:
        asked.append(from_root)
        return linear(element, from_root=from_root)

    monkeypatch.setattr(_paragraph_text, "paragraph_text", counted)
    article = newsclean.clean_html(page)
    assert "argued about the budget" in article.text
    assert from_root in asked


def test_a_page_of_200000_paragraphs_is_extracted_whole_within_the_default_deadline() -> None:
    # 10 MB, within Limits.max_bytes. libxml2's duplicate check made the two queries quadratic: the page ran out of
    # its 30 s deadline inside them (37 s of CPU); it now takes about a quarter of that.
    page = "".join(f"<p>Sentence number {number} says something plain.</p>" for number in range(200_000))
    article = newsclean.clean_html(f"<html><body><article>{page}</article></body></html>")
    assert len(article.paragraphs) == 200_000
    assert article.paragraphs[-1] == "Sentence number 199999 says something plain."
