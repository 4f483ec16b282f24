"""trafilatura's XPath expressions, rewritten by ``_xpath_prefilter``, select the same elements as released."""

from __future__ import annotations

import importlib
import random
import re
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html
from trafilatura import main_extractor

from newsclean import _trafilatura_fallback
from newsclean._extract import TrafilaturaExtractor
from newsclean._xpath_prefilter import EXSLT_REGEX, faster_xpath, guarded_path, selects_elements_only

_TAGS = ("div", "section", "article", "main", "aside", "p", "span", "ul", "ol", "li", "a", "h1", "h2", "list", "item")
_ATTRIBUTES = ("id", "class", "role", "style", "itemprop", "data-component", "aria-hidden", "href")


def _released_expressions() -> list[Any]:
    """Every XPath expression of trafilatura's modules (lists and single ones), as released."""
    _trafilatura_fallback.install()
    found: dict[int, Any] = {}
    for name in _trafilatura_fallback._MODULES_HOLDING_XPATHS:
        for value in vars(importlib.import_module(f"trafilatura.{name}")).values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                released = getattr(item, "released", item)
                if isinstance(released, etree.XPath):
                    found[id(released)] = released
    return list(found.values())


EXPRESSIONS = [expression for expression in _released_expressions() if faster_xpath(expression) is not None]


def _words(path: str) -> list[str]:
    return sorted(set(re.findall(r"[A-Za-z][\w-]*", path)))


def _value(rng: random.Random, words: list[str]) -> str:
    parts = [rng.choice(words) for _ in range(rng.randint(1, 3))]
    parts = [part.upper() if rng.random() < 0.1 else part for part in parts]
    prefix = rng.choice(["", "", "x", "my-", " "])
    return prefix + rng.choice([" ", "-", "_", "", "  "]).join(parts) + rng.choice(["", "", "s", "-box", " "])


def _random_page(rng: random.Random, words: list[str], elements: int = 60) -> str:
    named = [tag for tag in _TAGS if tag in words] or list(_TAGS)  # the tags the expression asks for, more often

    def element(depth: int) -> str:
        tag = rng.choice(named if rng.random() < 0.5 else _TAGS)
        attributes = []
        for name in rng.sample(_ATTRIBUTES, rng.randint(0, 3)):  # in random order: "@id|@class" reads the first
            value = "" if rng.random() < 0.05 else _value(rng, words)
            attributes.append(f' {name}="{value}"')
        children = "".join(element(depth + 1) for _ in range(rng.randint(0, 3))) if depth < 5 else ""
        return f"<{tag}{''.join(attributes)}>{rng.choice(words)} text{children}</{tag}>"

    blocks = "".join(element(0) for _ in range(elements // 6))
    return f"<html><body>{blocks}</body></html>"


@pytest.mark.parametrize("expression", EXPRESSIONS, ids=lambda expression: " ".join(expression.path.split())[:60])
def test_the_rewrite_selects_the_elements_the_released_expression_selects(expression: Any) -> None:
    rewritten = faster_xpath(expression)
    words = _words(expression.path)
    rng = random.Random(expression.path)
    selected = 0
    for _ in range(120):
        tree = lxml_html.fromstring(_random_page(rng, words))
        released = expression(tree)
        assert rewritten(tree) == released
        selected += len(released)
    assert selected, "the random pages never exercised this expression"


def test_a_test_an_empty_string_passes_is_left_unguarded() -> None:
    path = ".//div[re:test(@class, 'a*') or re:test(@id, 'news')]"
    assert guarded_path(path) == ".//div[re:test(@class, 'a*') or ((@id) and re:test(@id, 'news'))]"
    page = lxml_html.fromstring("<html><body><div>no class</div><div id='x'>x</div></body></html>")
    namespaces = {"re": EXSLT_REGEX}
    assert len(etree.XPath(guarded_path(path), namespaces=namespaces)(page)) == 2  # 'a*' matches a missing class


def test_several_attributes_are_guarded_by_any_of_them() -> None:
    test = "re:test(@id|@class, 'cookie', 'i')"
    assert guarded_path(test) == f"((@id or @class) and {test})"


@pytest.mark.parametrize(
    ("path", "elements_only"),
    [
        (".//*[self::div][re:test(@class, 'x')]", True),
        ("\n  (.//*[self::article or self::div][@role='article'])[1]\n  ", True),
        (".//div[contains(@class, '|')]//a[@href]|//author", True),
        (".//div[re:test(@class, 'x')]/@id", False),
        (".//p[re:test(@class, 'x')]/text()", False),
        ("count(.//p[re:test(@class, 'x')])", False),
        ("string(.//p)", False),
        (".//p[re:test(@class, 'x')", False),
    ],
)
def test_only_paths_of_element_steps_select_elements_only(path: str, elements_only: bool) -> None:
    assert selects_elements_only(path) is elements_only


def test_a_rewrite_that_may_return_strings_keeps_them_smart() -> None:
    expression = etree.XPath(".//div[re:test(@class, 'story')]/@id", namespaces={"re": EXSLT_REGEX})
    page = lxml_html.fromstring("<html><body><div class='story' id='a'>x</div></body></html>")
    rewritten = faster_xpath(expression)
    assert rewritten is not None
    (identifier,) = rewritten(page)
    assert identifier == "a" and identifier.getparent().tag == "div"


def test_an_expression_without_regex_tests_is_not_rewritten() -> None:
    assert faster_xpath(etree.XPath(".//div[contains(@class, 'story')]")) is None


def test_trafilatura_called_outside_newsclean_evaluates_the_released_expressions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _trafilatura_fallback.install()
    wrapped = [item for item in main_extractor.BODY_XPATH if isinstance(item, _trafilatura_fallback._EngagedXPath)]
    assert wrapped, "trafilatura's body expressions are not wrapped"
    used: list[str] = []
    for item in wrapped:
        faster = item.faster
        monkeypatch.setattr(item, "faster", lambda tree, faster=faster: used.append("faster") or faster(tree))
    page = "<html><body><div class='post-content'>" + "<p>A sentence of the article, long enough.</p>" * 20
    page += "</div></body></html>"
    import trafilatura

    assert trafilatura.extract(page, deduplicate=False)
    assert used == []
    assert TrafilaturaExtractor().extract(page)
    assert used


def test_every_module_s_expressions_are_wrapped_where_trafilatura_reads_them() -> None:
    _trafilatura_fallback.install()
    for name in _trafilatura_fallback._MODULES_HOLDING_XPATHS:
        module = importlib.import_module(f"trafilatura.{name}")
        for value in vars(module).values():
            for item in value if isinstance(value, list) else [value]:
                assert not (isinstance(item, etree.XPath) and faster_xpath(item) is not None), (name, item.path[:80])
    baseline = importlib.import_module("trafilatura.baseline")
    assert isinstance(baseline.BASIC_CLEAN_XPATH, _trafilatura_fallback._EngagedXPath)
