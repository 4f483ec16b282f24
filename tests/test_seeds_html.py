"""HTML versions of the seeds, in the markup real sites use, give the same paragraphs as the text seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _article_lines(name: str, first: str, last: str) -> list[str]:
    lines = [line.strip() for line in (FIXTURES / "seeds" / name).read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.endswith(last))
    return lines[start : end + 1]


def test_moscow_times_page_drops_the_publisher_donation_box() -> None:
    expected = _article_lines("000_7fe897650cc9b193.txt", "The Russian military threatened", "in recent days.")
    article = newsclean.clean_html((FIXTURES / "html" / "seed_000_publisher_donation_box.html").read_bytes())
    assert list(article.paragraphs) == expected
    assert article.title == "Russia Threatens to Strike Kyiv 'Command Centers'"
    donation = [r for r in article.removed if r.category == "donation"]
    assert donation and donation[0].stage == "dom"
    removed_text = " ".join(r.text for r in donation)
    for phrase in ("A Message from The Moscow Times:", "Dear readers,", "support us monthly", "Remind me later."):
        assert phrase in removed_text
    assert not any("Remind me later" in p or "Dear readers" in p for p in article.paragraphs)


def test_wordpress_jetpack_page_drops_every_widget_with_its_category() -> None:
    expected = _article_lines("004_5045f6a295e9ee84.txt", "March 9 (Reuters)", "ties to the West.")
    article = newsclean.clean_html((FIXTURES / "html" / "seed_004_wordpress_jetpack.html").read_bytes())
    assert list(article.paragraphs) == expected
    assert article.title == "Russia says mass strikes were ‘retaliation’ for attack it blamed on Ukraine"
    assert article.updated
    by_category: dict[str, str] = {}
    for removal in article.removed:
        by_category[removal.category] = by_category.get(removal.category, "") + " " + removal.text
    assert "Reading Time: 3 minutes" in " ".join(by_category["reading_time"].split())
    assert "%d bloggers like this:" in by_category["widget"]
    assert "Share this:" in by_category["widget"] and "Like this:" in by_category["widget"]
    assert "Related" in by_category["related"]
    assert "UPDATED:" in by_category["update_banner"]


@pytest.mark.parametrize("name", ["seed_000_publisher_donation_box.html", "seed_004_wordpress_jetpack.html"])
def test_text_rules_alone_still_clean_the_html_seeds(name: str) -> None:
    """Without DOM rules, the text packs catch whatever the extractor lets through."""
    rules = newsclean.default_rules()
    text_only = newsclean.RuleSet(list(rules.text), ["text-only@1"])
    article = newsclean.Pipeline(rules=text_only).clean_html((FIXTURES / "html" / name).read_bytes())
    widgets = ("Share this", "Like this", "bloggers like this", "Reading Time", "Remind me later", "Dear readers")
    assert not any(marker in paragraph for paragraph in article.paragraphs for marker in widgets)
    assert all(r.stage == "text" for r in article.removed)
