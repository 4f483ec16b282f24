"""Crowded runs of inline elements are joined into one text node before trafilatura strips their tags: the tree
lxml's strip_tags makes, without the text nodes whose reading grows with the square of their number."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
import trafilatura
from lxml import etree

import newsclean
from newsclean import _trafilatura_fallback
from newsclean._stripped_runs import CROWDED_RUN, join_crowded_runs

STRIP_TAGS: Any = etree.strip_tags  # lxml's own, whatever trafilatura's modules now call


def _random_markup(generator: random.Random, depth: int = 0) -> str:
    tag = generator.choice(["a", "span", "b", "div", "a", "p"])
    children = "".join(_random_markup(generator, depth + 1) for _ in range(generator.randrange(4))) if depth < 4 else ""
    comment = "<!--c-->" if generator.random() < 0.1 else ""
    return f"<{tag}>{generator.choice(['', 'x', 'y z'])}{comment}{children}</{tag}>{generator.choice(['', 't', ' '])}"


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("tags", [("a",), ("span", "a"), (["a", "b"],), ("div",)])
def test_joined_then_stripped_is_the_tree_lxml_strips(seed: int, tags: tuple[Any, ...]) -> None:
    generator = random.Random(seed)
    for _ in range(100):
        tree = etree.fromstring(f"<root>lead{''.join(_random_markup(generator) for _ in range(5))}</root>")
        stripped, joined = copy.deepcopy(tree), copy.deepcopy(tree)
        STRIP_TAGS(stripped, *tags)
        join_crowded_runs(joined, tags, crowded=1)  # every parent joined, however few its elements
        STRIP_TAGS(joined, *tags)
        assert etree.tostring(joined) == etree.tostring(stripped)


def test_a_parent_with_fewer_elements_to_strip_is_left_to_lxml() -> None:
    links = "".join(f"word <a href='/{number}'>link {number}</a> " for number in range(CROWDED_RUN - 1))
    tree = etree.fromstring(f"<div>{links}</div>")
    before = etree.tostring(tree)
    assert join_crowded_runs(tree, ("a",)) == 0
    assert etree.tostring(tree) == before
    tree = etree.fromstring(f"<div>{links}<a>one more</a></div>")
    assert join_crowded_runs(tree, ("a",)) == CROWDED_RUN
    assert tree.text == (etree.fromstring(f"<div>{links}<a>one more</a></div>").xpath("string()"))


TAG_CLOUD = "".join(f'word{number} <a href="/tag/{number}">tag {number}</a> ' for number in range(3_000))
PAGE = (
    "<html><body><article><p>"
    + "The council approved the new budget after a long debate on Tuesday evening. " * 8
    + f"</p><div>{TAG_CLOUD}</div></article></body></html>"
)


@pytest.fixture
def unwrapped(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counts: list[int] = []

    def counted(tree: Any, tags: Any, *, crowded: int = CROWDED_RUN) -> int:
        counts.append(join_crowded_runs(tree, tags, crowded=crowded))
        return counts[-1]

    monkeypatch.setattr(_trafilatura_fallback, "join_crowded_runs", counted)
    return counts


def test_newsclean_joins_the_runs_trafilatura_strips_and_gets_the_same_article(
    unwrapped: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = newsclean.clean_html(PAGE)
    assert max(unwrapped) >= 3_000  # the tag cloud's links, in one call
    monkeypatch.setattr(_trafilatura_fallback, "join_crowded_runs", lambda tree, tags: 0)
    assert newsclean.clean_html(PAGE) == article


def test_trafilatura_called_outside_newsclean_strips_as_released(unwrapped: list[int]) -> None:
    newsclean.clean_html(PAGE)  # the wrappers are installed by the first extraction
    unwrapped.clear()
    trafilatura.extract(PAGE)
    assert unwrapped == []
