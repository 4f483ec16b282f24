from __future__ import annotations

from pathlib import Path

import pytest

import newsclean

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def seed_lines(name: str) -> list[str]:
    return [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_000_keeps_exactly_the_article_and_removes_the_appeal_as_donation() -> None:
    lines = seed_lines("000_7fe897650cc9b193.txt")
    start = next(i for i, line in enumerate(lines) if line.startswith("The Russian military threatened"))
    end = next(i for i, line in enumerate(lines) if line.endswith("in recent days."))
    article = newsclean.clean_text("\n".join(lines))
    assert list(article.paragraphs) == lines[start : end + 1]
    removed = {r.text: r.category for r in article.removed}
    assert set(removed) == set(lines[end + 1 :])
    assert set(removed.values()) == {"donation"}
    assert "Remind me later." in removed and "A Message from The Moscow Times:" in removed


def test_seed_004_title_without_marker_and_widgets_removed_by_category() -> None:
    lines = seed_lines("004_5045f6a295e9ee84.txt")
    article = newsclean.clean_text((SEEDS / "004_5045f6a295e9ee84.txt").read_text(encoding="utf-8"))
    assert article.title == "Russia says mass strikes were ‘retaliation’ for attack it blamed on Ukraine"
    assert article.updated and "updated" in article.flags
    assert article.paragraphs[0].startswith("March 9 (Reuters) – Russia said on Thursday")
    assert article.paragraphs[-1].endswith("ties to the West.")
    start = next(i for i, line in enumerate(lines) if line.startswith("March 9 (Reuters)"))
    end = next(i for i, line in enumerate(lines) if line.endswith("ties to the West."))
    assert list(article.paragraphs) == lines[start : end + 1]
    categories = {r.text: r.category for r in article.removed}
    assert categories == {
        "UPDATED:": "update_banner",
        "Reading Time: 3 minutes": "reading_time",
        "Once you're here...": "related",
        "%d bloggers like this:": "widget",
    }


@pytest.mark.parametrize(
    ("headline", "is_title"),
    [
        ("Storm hits the U.S.", True),
        ("กรมอุตุฯ เตือนพายุฤดูร้อนถล่มภาคเหนือ 9-11 มี.ค.", True),  # Thai headlines end in abbreviated months
        ("The storm is over.", False),
        ("Acme Inc.", False),  # one dot may end a sentence
        ("Version 2.0.", False),
        # A sentence's end inside closing quotes, or in another script, is still a sentence's end.
        ("Late-night host mocked the court's decision by calling the unprecedented move “pro-Democratic.”", False),
        ("He said the move was 'pro-Democratic.'", False),
        ("先日、不正に改造したiPhoneを販売した男性が逮捕されたというニュースを耳にしました。", False),
        ("Сегодня в городе прошёл сильный дождь!", False),
        ("وقال المتحدث إن الاجتماع سيعقد غدا،", False),
        # A line of contact details names an address; a headline does not.
        ("Tested by: Jane Roe RRP: £23.99 More info: www.example.co.uk", False),
        ("Press contact: press@example.com", False),
        ("Read the report at https://example.org/report", False),
        # Headlines: a question, quotes that close a quoted phrase, a script without full stops at the end.
        ("Is a 16-year-old a child or an adult?", True),
        ('Video shows dramatic rescue of 8-year-old kidnapping victim: "We got her!"', True),
        ("Trump: ‘I’m not a student of Hitler’", True),
        ("东京奥运会推迟至2021年举行", True),
        ("The Email Address That Changed the Internet", True),
        ("Council approves budget, but...", True),  # an ellipsis in three dots, as "…"
        ("Council approves budget, but…", True),
    ],
)
def test_a_dumps_first_line_is_its_title_only_when_shaped_as_one(headline: str, is_title: bool) -> None:
    body = "The storm brought heavy rain and strong winds to the region on Monday, and thousands lost power."
    article = newsclean.clean_text(f"{headline}\n{body}")
    assert (article.title == headline) is is_title
    assert article.paragraphs == ((body,) if is_title else (headline, body))
