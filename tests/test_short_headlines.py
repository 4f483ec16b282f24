"""The byline and date line under a short headline are read, as under a long one; a byline line the text cleaner
removes names the authors when nothing else did."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import newsclean
from newsclean.metadata._printed_times import headline_spans

FETCHED = datetime(2025, 6, 1, tzinfo=UTC)
ENGLISH_BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "The central bank raised its main interest rate by a quarter point on Tuesday, the third increase this year.",
        "Officials said inflation remained well above the target and that further increases could not be ruled out.",
        "Markets had largely expected the move, and bond yields changed little after the announcement was made.",
    )
)
JAPANESE_BODY = (
    "<p>市議会は火曜日、学校と道路への支出を前年比4％増やす新しい予算案を承認した。</p>"
    "<p>議員らは最終採決の前に6時間以上にわたって計画を議論し、賛成7、反対2で可決された。</p>"
)


def _article(title: str, header: str, body: str) -> newsclean.Article:
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{header}{body}</article>"
        "</body></html>"
    )
    return newsclean.clean_html(html, url="https://example.com/a/1", fetched_at=FETCHED)


@pytest.mark.parametrize("title", ["Rates rise", "Rates rise again"])
def test_the_byline_and_date_under_a_headline_are_read_whatever_its_length(title: str) -> None:
    article = _article(title, "<p>By Jane Doe</p><p>May 20, 2025</p>", ENGLISH_BODY)
    assert article.authors == ("Jane Doe",)
    assert article.published is not None and article.published.date() == date(2025, 5, 20)
    assert "By Jane Doe" not in article.paragraphs


@pytest.mark.parametrize("title", ["市議会、新予算案を承認", "市議会、新しい予算案を賛成多数で承認"])
def test_the_date_under_a_short_japanese_headline_is_read(title: str) -> None:
    article = _article(title, "<p>2025年5月20日</p>", JAPANESE_BODY)
    assert article.published is not None and article.published.date() == date(2025, 5, 20)


def test_a_short_headline_is_found_only_where_it_stands_alone() -> None:
    text = "Rates rise when inflation climbs. Home News Rates rise By Jane Doe May 20, 2025 The bank said"
    spans = headline_spans(text, "Rates rise")
    assert [text[start:end] for start, end in spans] == ["Rates rise"]
    assert spans[0][0] == text.index("News Rates rise") + len("News ")
    # As part of a longer line or in other capitals, it is not the headline.
    assert headline_spans("Rates rise-again story", "Rates rise") == []
    assert headline_spans("RATES RISE By Jane Doe", "Rates rise") == []


@pytest.mark.parametrize("title", ["Obituary", "Sports"])
def test_a_one_word_headline_is_not_looked_for(title: str) -> None:
    assert headline_spans(f"Home {title} By Jane Doe May 20, 2025", title) == []


@pytest.mark.parametrize(
    ("byline", "authors", "agency"),
    [
        ("By JANE DOE Associated Press", ("JANE DOE",), "AP"),
        ("By Dr. Jane Doe", ("Dr. Jane Doe",), None),
        ("By Prof. Jane Doe | March 5, 2025", ("Prof. Jane Doe",), None),
        ("BY JANE DOE", ("JANE DOE",), None),
        ("By Anna de la Cruz and Jan van der Berg", ("Anna de la Cruz", "Jan van der Berg"), None),
        ("Von Hans Müller und Petra Schmidt", ("Hans Müller", "Petra Schmidt"), None),
        ("Par Marie Dupont et Jean Martin", ("Marie Dupont", "Jean Martin"), None),
        ("Por María García y Juan Pérez", ("María García", "Juan Pérez"), None),
        ("Автор: Иван Петров", ("Иван Петров",), None),
    ],
)
def test_a_removed_byline_line_names_the_authors_nothing_else_named(
    byline: str, authors: tuple[str, ...], agency: str | None
) -> None:
    article = _article("Central bank raises rates again", f"<p>{byline}</p>", ENGLISH_BODY)
    assert [removal.rule for removal in article.removed if removal.text == byline] in (
        ["byline.written-by"],
        ["byline.other-languages"],
    )
    assert article.authors == authors
    assert article.agency == agency
    assert article.provenance["authors"] == "byline"


def test_a_removed_byline_line_does_not_replace_the_markup_s_authors() -> None:
    head = '<meta name="author" content="Ann Lee">'
    html = (
        f"<html><head><title>Central bank raises rates again</title>{head}</head><body><article>"
        f"<h1>Central bank raises rates again</h1><p>By Dr. Jane Doe</p>{ENGLISH_BODY}</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://example.com/a/1", fetched_at=FETCHED)
    assert article.authors == ("Ann Lee",)
