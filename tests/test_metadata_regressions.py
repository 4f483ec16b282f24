"""Metadata bugs a probing session found, each on a page or a function the way it went wrong."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from _metadata_page import BODY, FETCHED, URL

import newsclean
from newsclean.metadata import clean_title, find_dateline
from newsclean.metadata._authors import person_name
from newsclean.metadata._clean import clean_string
from newsclean.metadata._site import clean_url, same_site
from newsclean.metadata._text_dates import visible_dates
from newsclean.metadata._title import host_key


def clean(html: str, url: str = URL) -> newsclean.Article:
    return newsclean.clean_html(html, url=url, fetched_at=FETCHED)


def page(head: str, body: str, lang: str = "en") -> str:
    return f'<html lang="{lang}"><head><meta charset="utf-8">{head}</head><body><article>{body}</article></body></html>'


# -- mojibake repair needs evidence --------------------------------------------------------------------------


def test_german_eszett_before_a_quote_is_no_mojibake() -> None:
    # "ß“" and "ß«" re-decode as UTF-8 to NKo characters: the page's correct German must stay as it is.
    title = "Trainer nach der Niederlage: „Das war kein Spaß“"
    html = page(
        f'<title>{title} | Sportblatt</title><meta property="og:title" content="{title}">'
        '<meta name="description" content="Er sagte: »Das ist kein Spaß« – und ging.">',
        f"<h1>{title}</h1>{BODY}",
        lang="de",
    )
    article = clean(html, "https://www.sportblatt.de/fussball/trainer-niederlage")
    assert article.title == title
    assert article.description == "Er sagte: »Das ist kein Spaß« – und ging."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Café…”", "“Café…”"),  # "é…”" would re-decode to a CJK ideograph
        ("CAFÉ”", "CAFÉ”"),  # "É”" would give the IPA letter "ɔ"
        # real mojibake is still repaired, in Latin text and in whole texts of other scripts
        ("Investorâ€™s Guide", "Investor’s Guide"),
        ("Привет мир в Москве".encode().decode("latin-1"), "Привет мир в Москве"),
        ("中文新闻「标题」".encode().decode("latin-1"), "中文新闻「标题」"),
        ("Łódź, ș, ơ, ế".encode().decode("latin-1"), "Łódź, ș, ơ, ế"),
    ],
)
def test_mojibake_repair_gives_plausible_text(text: str, expected: str) -> None:
    assert clean_string(text) == expected


# -- a closing guillemet is no separator ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "sites", "expected"),
    [
        ("В Кремле ответили на вопрос о «перемирии»", [], "В Кремле ответили на вопрос о «перемирии»"),
        ("Macron : « Nous ne céderons pas »", [], "Macron : « Nous ne céderons pas »"),
        ("«Спартак» обыграл «Зенит»", [], "«Спартак» обыграл «Зенит»"),
        ("«Спартак» обыграл «Зенит» | Спорт-Экспресс", ["Спорт-Экспресс"], "«Спартак» обыграл «Зенит»"),
        ("»Wir schaffen das« - DER SPIEGEL", ["DER SPIEGEL"], "»Wir schaffen das«"),
        # a guillemet between the site and the headline still separates them
        ("Kremlin rejects talks » Moscow Times", ["The Moscow Times"], "Kremlin rejects talks"),
    ],
)
def test_guillemet_quotes_stay_in_the_title(raw: str, sites: list[str], expected: str) -> None:
    assert clean_title(raw, site_names=sites) == expected


def test_title_ending_in_a_guillemet_quote_on_a_page() -> None:
    title = "В Кремле ответили на вопрос о «перемирии»"
    html = page(f'<title>{title}</title><meta property="og:title" content="{title}">', f"<h1>{title}</h1>{BODY}")
    assert clean(html, "https://ria.ru/20240305/peremirie-123.html").title == title


# -- month names of ten letters -------------------------------------------------------------------------------


def test_septiembre_is_read() -> None:
    assert visible_dates("Publicado el 5 de septiembre de 2023") == {date(2023, 9, 5)}
    html = page(
        "<title>El ayuntamiento aprueba el nuevo presupuesto</title>",
        "<h1>El ayuntamiento aprueba el nuevo presupuesto</h1>"
        f'<p class="fecha">Publicado el 5 de septiembre de 2023</p>{BODY}',
        lang="es",
    )
    article = clean(html, "https://www.diario.es/local/ayuntamiento-presupuesto")
    assert article.published is not None and article.published.date() == date(2023, 9, 5)


# -- tags listed in one tag ------------------------------------------------------------------------------------


def test_article_tag_listing_its_tags_with_commas() -> None:
    html = page(
        '<title>Council approves new budget | Politics | The Guardian</title><meta property="og:site_name" '
        'content="the Guardian"><meta property="article:tag" content="Politics,UK news,Budget,Local government">',
        f"<h1>Council approves new budget</h1>{BODY}",
    )
    article = clean(html, "https://www.theguardian.com/politics/2024/mar/05/council-approves-new-budget")
    assert article.tags == ("Politics", "UK news", "Budget", "Local government")


def test_one_tag_per_article_tag_keeps_its_comma() -> None:
    html = page(
        '<title>Council approves new budget</title><meta property="article:tag" content="Paris, France">'
        '<meta property="article:tag" content="Budget">',
        f"<h1>Council approves new budget</h1>{BODY}",
    )
    assert clean(html).tags == ("Paris, France", "Budget")


def test_news_keywords_with_semicolons() -> None:
    html = page(
        '<title>Council approves new budget</title><meta name="news_keywords" content="budget; council; housing">',
        f"<h1>Council approves new budget</h1>{BODY}",
    )
    assert clean(html).tags == ("budget", "council", "housing")


# -- the article as the WebPage's main entity -------------------------------------------------------------------


def test_article_nested_as_the_web_page_main_entity() -> None:
    node = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": URL,
        "name": "Council approves new budget",
        "mainEntity": {
            "@type": "NewsArticle",
            "headline": "Council approves new budget",
            "datePublished": "2024-03-05T09:30:00+01:00",
            "author": {"@type": "Person", "name": "Jane Doe"},
            "publisher": {"@type": "Organization", "name": "Example Times"},
            "articleSection": "Politics",
        },
    }
    html = page(
        f'<title>Council approves new budget</title><script type="application/ld+json">{json.dumps(node)}</script>',
        f"<h1>Council approves new budget</h1>{BODY}",
    )
    article = clean(html)
    assert article.authors == ("Jane Doe",)
    assert article.published == datetime.fromisoformat("2024-03-05T09:30:00+01:00")
    assert article.site_name == "Example Times"
    assert article.section == "Politics"


# -- Reuters' numbered updates ---------------------------------------------------------------------------------


def test_reuters_update_number_glued_to_the_headline() -> None:
    html = page(
        '<title>UPDATE 2-Oil prices rise on supply fears | Reuters</title><meta property="og:site_name" '
        'content="Reuters">',
        BODY,
    )
    article = clean(html, "https://www.reuters.com/article/oil-prices-idUSL1N2X1")
    assert article.title == "Oil prices rise on supply fears"
    assert "updated" in article.flags


# -- a LIVE badge in the <h1> ------------------------------------------------------------------------------------


def test_live_badge_inside_the_h1_is_a_marker() -> None:
    html = page(
        '<title>LIVE: Election results 2024 | Example News</title><meta property="og:site_name" '
        'content="Example News"><meta property="og:title" content="LIVE: Election results 2024">',
        f'<h1><span class="live-badge">LIVE</span> Election results 2024</h1>{BODY}',
    )
    article = clean(html, "https://www.example.com/news/election-results-2024-live")
    assert article.title == "Election results 2024"
    assert "live" in article.flags


# -- tracking parameters ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["_hsenc=p2ANqtz-8&_hsmi=2948", "ttclid=E.C.P.abc", "li_fat_id=abc-123", "CMP=share_btn_tw", "guccounter=1"],
)
def test_tracking_parameters_leave_the_canonical_url(query: str) -> None:
    assert clean_url(f"{URL}?{query}", base=None) == URL


def test_address_parameters_stay() -> None:
    assert clean_url(f"{URL}?id=42&CMP=share_btn_tw", base=None) == f"{URL}?id=42"


# -- surnames that are role words, affiliations glued to names ---------------------------------------------------


@pytest.mark.parametrize("name", ["Jennifer Senior", "Jonathan Head"])
def test_surname_that_is_a_role_word(name: str) -> None:
    assert person_name(name, structured=True) == name
    assert person_name(name) == name
    node = {
        "@type": "NewsArticle",
        "headline": "Council approves new budget",
        "author": {"@type": "Person", "name": name},
    }
    html = page(
        f'<title>Council approves new budget</title><script type="application/ld+json">{json.dumps(node)}</script>',
        f"<h1>Council approves new budget</h1>{BODY}",
    )
    assert clean(html).authors == (name,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # roles still go
        ("Jane Doe Senior Reporter", "Jane Doe"),
        ("Jane Doe News Editor", "Jane Doe"),
        ("Jane Doe Staff Writer", "Jane Doe"),
        ("Celeste Longacre Gardener", "Celeste Longacre"),
        ("Senior Editor", None),
        # an organisation after the name is no part of it
        ("Jane Doe BBC News", "Jane Doe"),
        ("Jane Doe BBC Africa correspondent", "Jane Doe"),
        ("Jane Doe Sky News", None),
    ],
)
def test_roles_and_affiliations_after_a_name(text: str, expected: str | None) -> None:
    assert person_name(text, structured=True) == expected


@pytest.mark.parametrize("affiliation", ["BBC News, Lagos", "BBC Africa correspondent", "NBC News"])
def test_affiliation_element_after_the_name(affiliation: str) -> None:
    html = page(
        "<title>Nigeria council approves new budget - BBC News</title>"
        '<meta property="og:site_name" content="BBC News">',
        '<h1>Nigeria council approves new budget</h1><div data-testid="byline-new">'
        '<div data-testid="byline-new-contributors"><div><span class="TextContributorName">Jane Doe</span>'
        f'<div class="TextContributorDescription">{affiliation}</div></div></div></div>{BODY}',
    )
    assert clean(html, "https://www.bbc.com/news/articles/c4ng").authors == ("Jane Doe",)


# -- registered names under second-level public suffixes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("www3.nhk.or.jp", "nhk"),
        ("www.unsw.edu.au", "unsw"),
        ("www.beehive.govt.nz", "beehive"),
        ("www.argentina.gob.ar", "argentina"),
        ("www.bbc.co.uk", "bbc"),
        ("www.nytimes.com", "nytimes"),
        ("localhost", "localhost"),
    ],
)
def test_host_key_under_second_level_suffixes(host: str, key: str) -> None:
    assert host_key(host) == key


def test_two_sites_under_one_second_level_suffix_are_two_sites() -> None:
    assert not same_site("https://www3.nhk.or.jp/news/a.html", "https://www.jcci.or.jp/b.html")
    html = page("<title>Council approves new budget | UNSW</title>", BODY)
    assert clean(html, "https://www.unsw.edu.au/newsroom/news/2024/03/council-budget").title == (
        "Council approves new budget"
    )


# -- wire datelines ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline", "place", "agency"),
    [
        (
            "Madrid, 5 mar (EFE).- El ayuntamiento aprobó el martes un nuevo presupuesto.",
            "Madrid, 5 mar (EFE)",
            "Madrid",
            "EFE",
        ),
        (
            "MADRID, 5 (EUROPA PRESS) - El Gobierno ha aprobado este martes el nuevo presupuesto.",
            "MADRID, 5 (EUROPA PRESS)",
            "MADRID",
            "Europa Press",
        ),
        (
            "Frankfurt/Main (dpa) - Die Europäische Zentralbank hat die Zinsen gesenkt.",
            "Frankfurt/Main (dpa)",
            "Frankfurt/Main",
            "dpa",
        ),
    ],
)
def test_wire_datelines(paragraph: str, dateline: str, place: str, agency: str) -> None:
    found = find_dateline([paragraph])
    assert found is not None
    assert (found.text, found.place, found.agency) == (dateline, place, agency)


def test_spanish_dateline_month_of_ten_letters() -> None:
    found = find_dateline(["Madrid, 5 septiembre (EFE).- El ayuntamiento aprobó el presupuesto."])
    assert found is not None and (found.month, found.day) == (9, 5)


# -- several authors without a separator ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="byline">By <a href="/author/jane-doe">Jane Doe</a>'
        '<a href="/author/john-smith">John Smith</a></div>',
        '<div class="article-authors"><span class="author-name">Jane Doe</span>'
        '<span class="author-name">John Smith</span></div>',
    ],
)
def test_adjacent_author_elements(byline: str) -> None:
    html = page("<title>Council approves new budget</title>", f"<h1>Council approves new budget</h1>{byline}{BODY}")
    assert clean(html).authors == ("Jane Doe", "John Smith")
