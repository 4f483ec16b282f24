"""Whole pages through ``clean_html`` / ``clean_text``: every field with its provenance, and the issue's traps."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import newsclean

DATA = Path(__file__).resolve().parent / "data" / "metadata"
SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def page(name: str, url: str) -> newsclean.Article:
    return newsclean.clean_html((DATA / name).read_text(encoding="utf-8"), url=url)


@pytest.fixture(scope="module")
def gazette() -> newsclean.Article:
    return page("org_author_future_date.html", "https://www.riverside-gazette.example/news/flood-barrier")


@pytest.fixture(scope="module")
def portal() -> newsclean.Article:
    return page("agency_byline_syndicated.html", "https://www.portalnews.com/news/strikes-ukraine-123")


@pytest.fixture(scope="module")
def stadtblatt() -> newsclean.Article:
    return page("people_byline.html", "https://www.stadtblatt.example/lokal/park-altstadt-123.html")


def test_json_ld_author_that_is_an_organisation_is_no_person(gazette: newsclean.Article) -> None:
    assert gazette.authors == ()
    assert gazette.organization == "Riverside Gazette"
    assert gazette.provenance["organization"] == "json-ld"


def test_future_date_in_a_script_is_rejected_for_the_next_candidate(gazette: newsclean.Article) -> None:
    assert gazette.published == datetime(2023, 3, 8, 9, 30, tzinfo=UTC)
    assert gazette.provenance["published"].startswith("opengraph; shown on the page")
    assert "later than fetch time in json-ld" in gazette.provenance["published"]


def test_last_updated_earlier_than_published_is_dropped(gazette: newsclean.Article) -> None:
    assert gazette.modified is None
    assert gazette.provenance["modified"] == "dropped: earlier than published"


def test_title_and_canonical_without_tracking_parameters(gazette: newsclean.Article) -> None:
    assert gazette.title == "Council approves new flood barrier plan"
    assert gazette.canonical_url == "https://www.riverside-gazette.example/news/flood-barrier"
    assert gazette.site_name == "Riverside Gazette"
    assert gazette.language == "en"
    assert gazette.provenance["language"] == "html-lang; confirmed by py3langid"


def test_byline_by_ap_and_staff_gives_agency_and_no_author(portal: newsclean.Article) -> None:
    assert portal.authors == ()
    assert portal.agency == "AP"


def test_title_equal_to_site_name_is_not_the_headline(portal: newsclean.Article) -> None:
    assert portal.title == "Russia fires missiles at Ukrainian cities after border raid"
    assert portal.provenance["title"] == "h1"


def test_canonical_to_another_domain_is_a_syndication_source(portal: newsclean.Article) -> None:
    assert portal.canonical_url is None
    assert portal.syndication_source == "https://www.wireservice.org/world/2023/03/09/strikes-ukraine"
    assert portal.site_name == "Portal News"


def test_dateline_with_place_and_agency_stays_in_the_text(portal: newsclean.Article) -> None:
    assert portal.dateline == "KYIV, Ukraine (AP)"
    assert portal.dateline_place == "KYIV, Ukraine"
    assert any(p.startswith("KYIV, Ukraine (AP) — Russia fired") for p in portal.paragraphs)
    assert portal.published is not None and portal.published.isoformat() == "2023-03-09T08:00:00-05:00"
    assert portal.provenance["published"] == "time; shown on the page"


def test_byline_with_roles_junk_and_date_gives_two_people(stadtblatt: newsclean.Article) -> None:
    assert stadtblatt.authors == ("Jane Doe", "John Roe")
    assert stadtblatt.provenance["authors"] == "byline"


def test_site_fields_from_opengraph(stadtblatt: newsclean.Article) -> None:
    assert stadtblatt.title == "Ein neuer Park für die Altstadt"
    assert stadtblatt.canonical_url == "https://www.stadtblatt.example/lokal/park-altstadt-123.html?seite=2"
    assert stadtblatt.image == "https://www.stadtblatt.example/bilder/park.jpg"
    assert stadtblatt.section == "Lokales"
    assert stadtblatt.tags == ("Stadtplanung", "Parks")
    assert stadtblatt.description == "Die Stadt baut einen Park."
    assert stadtblatt.language == "de"


def test_computed_fields_come_from_the_clean_text(stadtblatt: newsclean.Article) -> None:
    assert stadtblatt.word_count == len(stadtblatt.text.split())
    assert stadtblatt.reading_time_minutes == 1
    assert stadtblatt.content_hash is not None and len(stadtblatt.content_hash) == 64
    assert stadtblatt.simhash is not None and len(stadtblatt.simhash) == 16
    assert stadtblatt.provenance["simhash"] == "computed"


def test_seed_004_as_text_fills_what_the_text_allows() -> None:
    article = newsclean.clean_text((SEEDS / "004_5045f6a295e9ee84.txt").read_text(encoding="utf-8"))
    assert article.title == "Russia says mass strikes were ‘retaliation’ for attack it blamed on Ukraine"
    assert "updated" in article.flags
    assert article.agency == "Reuters"
    assert article.provenance["agency"] == "dateline"
    assert article.dateline == "March 9 (Reuters)"
    # The text never states the year: the date is kept year-less, and no published date is invented.
    assert article.dateline_date == "--03-09"
    assert article.published is None
    assert article.language == "en"
    assert article.word_count > 300 and article.reading_time_minutes == 2


def test_dateline_year_comes_from_an_agreeing_markup_date() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-03-09T10:00:00Z"></head><body>'
        "<article><h1>Strikes hit Ukraine</h1><p>March 9, 2023</p>"
        "<p>LONDON, March 9 (Reuters) - Russia said on Thursday that its forces had carried out strikes on "
        "Ukrainian infrastructure after what it called a terrorist attack in the Bryansk region last week.</p>"
        "<p>Ukraine said at least six civilians were killed in the first big volley of strikes in weeks.</p>"
        "</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://news.example.com/world/strikes")
    assert article.dateline_place == "LONDON"
    assert article.agency == "Reuters"
    assert article.dateline_date == "2023-03-09"


def test_text_without_evidence_gets_no_invented_metadata() -> None:
    article = newsclean.clean_text("Short note\nok.")
    assert article.authors == () and article.published is None and article.agency is None
    assert article.language is None  # too little text to confirm any language
    assert "published" not in article.provenance


def test_metadata_is_deterministic_across_runs() -> None:
    html = (DATA / "people_byline.html").read_text(encoding="utf-8")
    first = newsclean.to_json(newsclean.Pipeline().clean_html(html, url="https://www.stadtblatt.example/a"))
    second = newsclean.to_json(newsclean.Pipeline().clean_html(html, url="https://www.stadtblatt.example/a"))
    assert first == second


def _story(head: str, h1: str, body: str, url: str, lead: str = "") -> newsclean.Article:
    """``clean_html`` on a one-article page: ``head``, the ``<h1>``, an optional lead paragraph, ``body`` twice."""
    html = (
        f"<html><head>{head}</head><body><article><h1>{h1}</h1>{lead}<p>{body}</p><p>{body}</p></article></body></html>"
    )
    return newsclean.clean_html(html, url=url)


def test_media_tag_leaves_the_title_and_its_repeat_leaves_the_text() -> None:
    # the headline carries "(video)" everywhere; the title drops it, and the repeated headline is no body text
    headline = "Space agency beams a cat video to Earth from 19 million miles away"
    body = " ".join(["The agency sent the clip by laser from a probe far beyond the Moon to test the link."] * 4)
    article = _story(
        f'<meta property="og:title" content="{headline} (video)">',
        f"{headline} (video)",
        body,
        "https://www.space.example/cat-video",
        lead=f"<p>{headline} (video)</p>",
    )
    assert article.title == headline
    assert all("(video)" not in paragraph for paragraph in article.paragraphs)
    assert any(removal.rule == "heuristic.title-repeat" for removal in article.removed)
    assert article.flags == ("video",)  # what the tag said stays, as an "UPDATED:" marker's does


def test_media_flag_joins_the_text_markers_flags() -> None:
    headline = "Storm floods the harbour town overnight"
    body = " ".join(["Water rose over the quay before dawn and shops along the front were flooded."] * 4)
    article = _story(
        f"<title>{headline} [Photos] | Gazette</title>", f"UPDATED: {headline}", body, "https://gazette.example/storm"
    )
    assert article.title == headline
    assert article.updated
    assert set(article.flags) == {"updated", "gallery"}


def test_a_title_without_a_media_tag_sets_no_flag() -> None:
    headline = "The video game that made us (and why)"  # brackets, but no tag: part of the headline
    body = " ".join(["The studio shipped the game in a garage and sold it by mail to a few thousand fans."] * 4)
    article = _story(f'<meta property="og:title" content="{headline}">', headline, body, "https://games.example/story")
    assert article.title == headline
    assert article.flags == ()


@pytest.mark.parametrize(
    ("url", "canonical", "same"),
    [
        ("https://alice.substack.com/p/budget", "https://bob.substack.com/p/budget", False),
        ("https://jane.blogspot.com/2024/budget.html", "https://john.blogspot.com/2024/budget.html", False),
        ("https://alice.substack.com/p/budget?utm_source=x", "https://alice.substack.com/p/budget", True),
        ("https://medium.com/@bob/budget-1a2b", "https://bob.medium.com/budget-1a2b", True),
        ("https://www.example.co.uk/news/budget", "https://www.example.com/news/budget", True),
    ],
)
def test_two_publishers_on_one_platform_are_two_sites(url: str, canonical: str, same: bool) -> None:
    # Every substack.com subdomain counted as one site: another publisher's canonical became this page's address.
    page = (
        f"<html><head><link rel='canonical' href='{canonical}'></head><body><article><h1>Council approves budget</h1>"
        + "<p>The council met on Tuesday to discuss the new budget, with enough words to count as prose.</p>" * 4
        + "</article></body></html>"
    )
    article = newsclean.clean_html(page, url=url)
    assert (article.canonical_url, article.syndication_source) == ((canonical, None) if same else (None, canonical))
