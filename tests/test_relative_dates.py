"""Dates printed relative to the fetch ("3 hours ago", "vor 2 Tagen", "Updated yesterday"): placed by the fetch
time when the caller gives one, never by the time of cleaning."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

import newsclean

FETCHED = datetime(2024, 3, 9, 12, 0, tzinfo=UTC)
HEADLINE = "Council approves the budget for next year"
BODY = "".join(
    f"<p>Paragraph {n}: the council voted on Tuesday to approve the new budget for the coming year after a long "
    "debate about road repairs and school funding.</p>"
    for n in range(3)
)
DUMP_BODY = (
    "The council voted on Tuesday to approve the new budget for the coming year after a long debate.\n\n"
    "The mayor said the bridge would reopen next month, once the repairs are done."
)


def _page(meta_line: str, *, lead: str = "", head: str = "") -> str:
    return (
        f"<html><head><title>{HEADLINE}</title>{head}</head><body><article><h1>{HEADLINE}</h1>"
        f"<div class='meta'>{meta_line}</div>{lead}{BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("meta_line", "published", "date_only"),
    [
        ("By Jane Doe · 3 hours ago", datetime(2024, 3, 9, 9, 0, tzinfo=UTC), False),
        ("an hour ago", datetime(2024, 3, 9, 11, 0, tzinfo=UTC), False),
        ("By Jane Doe | Published 2 days ago", datetime(2024, 3, 7, tzinfo=UTC), True),
        ("Veröffentlicht: vor 3 Stunden", datetime(2024, 3, 9, 9, 0, tzinfo=UTC), False),
        ("il y a 2 jours", datetime(2024, 3, 7, tzinfo=UTC), True),
        ("hace 30 minutos", datetime(2024, 3, 9, 11, 30, tzinfo=UTC), False),
        ("Published yesterday", datetime(2024, 3, 8, tzinfo=UTC), True),
    ],
)
def test_a_relative_date_under_the_headline_or_labelled_is_counted_back_from_the_fetch(
    meta_line: str, published: datetime, date_only: bool
) -> None:
    article = newsclean.clean_html(_page(meta_line), url="https://example.com/news/budget", fetched_at=FETCHED)
    assert article.published == published
    assert "before the fetch time); approximate" in article.provenance["published"]
    assert ("date only" in article.provenance["published"]) is date_only


def test_without_a_fetch_time_a_relative_date_is_not_placed() -> None:
    # The time of cleaning may be years after the fetch: "3 hours ago" from now would be a made-up date.
    article = newsclean.clean_html(_page("By Jane Doe · 3 hours ago"), url="https://example.com/news/budget")
    assert article.published is None and "published" not in article.provenance


def test_an_update_counted_back_is_the_modified_date_and_a_stated_date_comes_first() -> None:
    article = newsclean.clean_html(
        _page("March 1, 2024 · Updated 45 minutes ago"), url="https://example.com/news/budget", fetched_at=FETCHED
    )
    assert article.published == datetime(2024, 3, 1, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 9, 11, 15, tzinfo=UTC)
    ld = json.dumps({"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2024-03-05T08:00:00Z"})
    declared = _page("By Jane Doe · 3 hours ago", head=f'<script type="application/ld+json">{ld}</script>')
    article = newsclean.clean_html(declared, url="https://example.com/news/budget", fetched_at=FETCHED)
    assert article.published == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("meta_line", "lead"),
    [
        ("By Jane Doe", "<p>The council voted yesterday to approve the budget, the mayor's office said.</p>"),
        ("By Jane Doe · 3 weeks ago", ""),
        ("By Jane Doe · 2 months ago", ""),
    ],
    ids=["yesterday-in-the-lead", "weeks", "months"],
)
def test_a_lead_s_yesterday_and_counts_of_weeks_or_more_name_no_day(meta_line: str, lead: str) -> None:
    article = newsclean.clean_html(
        _page(meta_line, lead=lead), url="https://example.com/news/budget", fetched_at=FETCHED
    )
    assert article.published is None


def test_a_relative_date_far_from_the_headline_and_unlabelled_is_another_story_s() -> None:
    sidebar = "<aside><h3>More news</h3><ul><li><a href='/a'>Bridge reopens</a> 2 hours ago</li></ul></aside>"
    page = _page("By Jane Doe").replace("</article>", f"</article>{sidebar}")
    article = newsclean.clean_html(page, url="https://example.com/news/budget", fetched_at=FETCHED)
    assert article.published is None


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("3 hours ago", "published", datetime(2024, 3, 9, 9, 0, tzinfo=UTC)),
        ("Published 2 days ago", "published", datetime(2024, 3, 7, tzinfo=UTC)),
        ("Posted yesterday", "published", datetime(2024, 3, 8, tzinfo=UTC)),
        ("Updated 45 minutes ago", "modified", datetime(2024, 3, 9, 11, 15, tzinfo=UTC)),
    ],
)
def test_a_dump_s_relative_date_line_is_removed_and_counted_back(line: str, field: str, value: datetime) -> None:
    dump = f"Council approves the budget\n{line}\n\n{DUMP_BODY}"
    article = newsclean.clean_text(dump, fetched_at=FETCHED)
    assert article.paragraphs == tuple(DUMP_BODY.split("\n\n"))
    assert getattr(article, field) == value
    assert (
        article.provenance[field].startswith("text (date line '")
        and "before the fetch time" in article.provenance[field]
    )
    without_fetch = newsclean.clean_text(dump)
    assert without_fetch.paragraphs == article.paragraphs  # removed all the same
    assert getattr(without_fetch, field) is None


def test_the_anchored_scan_finds_what_the_regex_finds_everywhere() -> None:
    # The regex is tried only around its anchors ("ago", "vor ", "il y a", a day word): the same matches, in order.
    import random

    from newsclean.metadata._relative_dates import _RELATIVE, _matches

    words = (  # noqa: SIM905 - a sample text reads better as text
        "3 hours ago an hour ago vor 3 Stunden il y a 2 jours hace 30 minutos há 2 dias yesterday gestern hier ayer"
        " ontem the council a one agony Hago vor Yesterday AGO 5 mins hrs İstanbul"
    ).split()
    generator = random.Random(1)
    for _ in range(3000):
        text = " ".join(generator.choice(words) for _ in range(generator.randint(1, 40)))
        assert [m.span() for m in _matches(text, 10**6)] == [m.span() for m in _RELATIVE.finditer(text)], text
