"""Metadata defects a probe found on synthetic pages: newsrooms glued to bylines, host prefixes and punycode in the
site name, invalid ``lang`` codes, several ``<meta name="author">`` tags."""

from __future__ import annotations

import json

import pytest
from _metadata_page import BODY, FETCHED, TITLE, URL
from _metadata_page import clean_story as clean

import newsclean
from newsclean.metadata._authors import parse_byline, person_name
from newsclean.metadata._language import primary_subtag, resolve_language
from newsclean.metadata._site import readable_domain
from newsclean.metadata._title import host_key

ENGLISH = "The council approved the plan on Wednesday after a long debate about the cost of the barrier. " * 3


# -- 1. a newsroom glued after the author's name -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe CNN", "Jane Doe"),
        ("Jane Doe BBC Verify", "Jane Doe"),
        ("Jane Doe CNN Business", "Jane Doe"),
        ("Jane Doe NPR", "Jane Doe"),
        ("Jane Doe BBC News", "Jane Doe"),
        # names that stay whole: role-word surnames, a surname in capitals, a name suffix
        ("Jennifer Senior", "Jennifer Senior"),
        ("Jonathan Head", "Jonathan Head"),
        ("Marie Claire LEROY", "Marie Claire LEROY"),
        ("George T. Conway III", "George T. Conway III"),
        ("Mary Ann Fox", "Mary Ann Fox"),
    ],
)
def test_newsroom_after_the_name_is_no_part_of_it(text: str, expected: str) -> None:
    assert person_name(text, structured=True) == expected


@pytest.mark.parametrize(
    ("byline", "organization"),
    [
        ("By Jane Doe CNN", "CNN"),
        ("Jane Doe BBC Verify", "BBC Verify"),
        ("Jane Doe CNN Business", "CNN Business"),
        ("Jane Doe BBC Africa correspondent", "BBC Africa"),
    ],
)
def test_newsroom_after_the_name_is_the_organisation(byline: str, organization: str) -> None:
    parsed = parse_byline(byline, structured=True)
    assert (parsed.authors, parsed.organization) == (("Jane Doe",), organization)


def test_newsroom_after_a_comma_is_no_person() -> None:
    parsed = parse_byline("Jane Doe, CNN", structured=True)
    assert (parsed.authors, parsed.organization) == (("Jane Doe",), "CNN")


def test_wire_agency_after_the_name_stays_the_agency() -> None:
    assert parse_byline("Jane Doe Reuters", structured=True)[:2] == (("Jane Doe",), "Reuters")


@pytest.mark.parametrize("author", ["Jane Doe CNN", "Jane Doe BBC Verify"])
def test_meta_author_with_its_newsroom_on_a_page(author: str) -> None:
    article = clean(f'<meta name="author" content="{author}">')
    assert article.authors == ("Jane Doe",)
    assert article.organization == author.removeprefix("Jane Doe ")


def test_json_ld_person_with_its_newsroom() -> None:
    node = {"@type": "NewsArticle", "headline": TITLE, "author": {"@type": "Person", "name": "Jane Doe CNN"}}
    article = clean(f'<script type="application/ld+json">{json.dumps(node)}</script>')
    assert (article.authors, article.organization) == (("Jane Doe",), "CNN")


def test_site_name_after_the_name_is_the_organisation() -> None:
    head = (
        '<meta property="og:site_name" content="Riverside Gazette">'
        '<meta name="author" content="Jane Doe Riverside Gazette">'
    )
    article = clean(head, url="https://www.riversidegazette.com/news/council-budget")
    assert (article.authors, article.organization) == (("Jane Doe",), "Riverside Gazette")


# -- 2. host prefixes in a site name read from the URL -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www3.nhk.or.jp/news/html/20240305/k100.html", "nhk.or.jp"),
        ("https://amp.example.com/news/council-budget", "example.com"),
        ("https://m.example.co.uk/news/council-budget", "example.co.uk"),
        ("https://mobile.example.com/news/council-budget", "example.com"),
        ("https://www.m.example.com/news/council-budget", "example.com"),
        ("https://www.bbc.co.uk/news/council-budget", "bbc.co.uk"),
        # the prefix is the registered name itself: it stays
        ("https://m.me/news/council-budget", "m.me"),
        ("https://amp.dev/news/council-budget", "amp.dev"),
        ("https://news.example.com/council-budget", "news.example.com"),
    ],
)
def test_site_name_from_the_url_without_host_prefixes(url: str, site: str) -> None:
    assert readable_domain(url) == site
    assert clean("", url=url).site_name == site


# -- 3. punycode hosts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.xn--mnchen-3ya.de/rathaus/haushalt", "münchen.de"),
        ("https://xn--80aswg.xn--p1ai/news/budget", "сайт.рф"),
        # invalid punycode never raises: the label stays as written
        ("https://xn--a.example.com/news/budget", "xn--a.example.com"),
        ("https://www.xn--zz-invalid.com/news/budget", "xn--zz-invalid.com"),
        ("https://xn--.example.com/news/budget", "xn--.example.com"),
    ],
)
def test_punycode_host_is_read_as_unicode(url: str, site: str) -> None:
    assert readable_domain(url) == site
    assert clean("", url=url).site_name == site


def test_punycode_host_key_matches_the_site_name_in_the_title() -> None:
    assert host_key("www.xn--mnchen-3ya.de") == "münchen"
    html = (
        '<html lang="de"><head><title>Stadtrat beschließt den Haushalt | München</title></head>'
        f"<body><article><h1>Stadtrat beschließt den Haushalt</h1>{BODY}</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://www.xn--mnchen-3ya.de/rathaus/haushalt", fetched_at=FETCHED)
    assert article.title == "Stadtrat beschließt den Haushalt"


# -- 4. invalid lang codes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "primary"),
    [
        ("en_US", "en"),
        ("EN-gb", "en"),
        ("eng", "en"),
        ("english", "en"),
        ("Deutsch", "de"),
        ("fil", "fil"),
        ("zz", None),
        ("zzz", None),
        ("x-default", None),
        ("{{lang}}", None),
        ("", None),
        ("  ", None),
        ("en-US, fr", "en"),
    ],
)
def test_lang_codes_normalised_or_ignored(code: str, primary: str | None) -> None:
    assert primary_subtag(code) == primary


@pytest.mark.parametrize("code", ["english", "en_US", "x-default", "{{lang}}", "zz", ""])
def test_invalid_lang_never_outweighs_the_text(code: str) -> None:
    guess = resolve_language(code, ENGLISH)
    assert guess is not None and guess.language == "en"
    short = resolve_language(code, "ok")
    assert short is None or short.language == "en"


@pytest.mark.parametrize("code", ["zz", "x-default", "{{lang}}", "", "english", "en_US"])
def test_invalid_lang_attribute_on_a_page(code: str) -> None:
    assert clean("", lang=code).language == "en"


def test_invalid_lang_attribute_gives_way_to_a_valid_locale() -> None:
    # too little text to detect: only the declarations speak, and the invalid one declares nothing
    from newsclean import _dom, metadata

    html = '<html lang="zz"><head><meta property="og:locale" content="fr_FR"></head><body><p>Oui.</p></body></html>'
    candidates = _dom.collect_metadata(_dom.parse(html))
    resolved = metadata.resolve(candidates, url=URL, html=html, now=FETCHED)
    assert metadata.complete(resolved, paragraphs=["Oui."], now=FETCHED).get("language") == "fr"


def test_invalid_lang_attribute_on_a_short_page_gives_no_language() -> None:
    from newsclean import _dom, metadata

    html = '<html lang="zz"><head></head><body><p>Oui.</p></body></html>'
    candidates = _dom.collect_metadata(_dom.parse(html))
    resolved = metadata.resolve(candidates, url=URL, html=html, now=FETCHED)
    assert metadata.complete(resolved, paragraphs=["Oui."], now=FETCHED).get("language") is None


# -- 5. two <meta name="author"> tags ----------------------------------------------------------------------------


def test_two_meta_authors_are_two_people() -> None:
    article = clean('<meta name="author" content="Jane Doe"><meta name="author" content="John Smith">')
    assert article.authors == ("Jane Doe", "John Smith")


def test_meta_authors_in_page_order_each_once() -> None:
    head = (
        '<meta name="author" content="Jane Doe"><meta name="author" content="John Smith">'
        '<meta name="author" content="JANE DOE"><meta name="author" content="Ann Lee">'
    )
    assert clean(head).authors == ("Jane Doe", "John Smith", "Ann Lee")


def test_meta_authors_repeating_one_person_give_one() -> None:
    head = '<meta name="author" content="Jane Doe"><meta class="swiftype" name="author" content="Jane Doe">'
    assert clean(head).authors == ("Jane Doe",)


def test_meta_author_that_is_the_site_is_no_second_person() -> None:
    head = (
        '<meta property="og:site_name" content="Riverside Gazette"><meta name="author" content="Riverside Gazette">'
        '<meta name="author" content="Jane Doe">'
    )
    url = "https://www.riversidegazette.com/news/council-budget"
    assert clean(head, url=url).authors == ("Jane Doe",)
    head += '<meta name="author" content="John Smith">'
    assert clean(head, url=url).authors == ("Jane Doe", "John Smith")


def test_meta_authors_complete_a_json_ld_that_names_only_the_first() -> None:
    node = {"@type": "NewsArticle", "headline": TITLE, "author": {"@type": "Person", "name": "Jane Doe"}}
    head = (
        f'<script type="application/ld+json">{json.dumps(node)}</script>'
        '<meta name="author" content="Jane Doe,John Smith,Ann Lee">'
    )
    assert clean(head).authors == ("Jane Doe", "John Smith", "Ann Lee")
    # a meta list that holds more than people's names leaves the JSON-LD's author alone
    head = (
        f'<script type="application/ld+json">{json.dumps(node)}</script>'
        '<meta name="author" content="Jane Doe, Sr. Director of Operations, Riverside Van Lines">'
    )
    assert clean(head).authors == ("Jane Doe",)
