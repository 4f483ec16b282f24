"""Author fields (JSON-LD, ``<meta name="author">``) that were read with a piece of their list, their label or their
credential left in as a name: "MEG KINNARD and", "Analysis by Jane Roe", "Ph.D", "CNN Editor-at-large", "Editorial".
"""

from __future__ import annotations

import json

import pytest

import newsclean
from newsclean.metadata._authors import parse_byline, person_name

_STORY = "<p>" + "The candidate spoke to voters in the capital on Monday about schools and the economy. " * 8 + "</p>"


def _page(*, json_ld: dict[str, object] | None = None, meta_author: str | None = None) -> str:
    head = "<title>Candidate takes the campaign to the state</title>"
    if json_ld is not None:
        head += f'<script type="application/ld+json">{json.dumps(json_ld)}</script>'
    if meta_author is not None:
        head += f'<meta name="author" content="{meta_author}">'
    body = f"<article><h1>Candidate takes the campaign to the state</h1>{_STORY}</article>"
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _article_with_person(name: str) -> newsclean.Article:
    node = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Candidate takes the campaign to the state",
        "author": [{"@type": "Person", "name": name}],
    }
    return newsclean.clean_html(_page(json_ld=node), url="https://example.com/news/campaign")


@pytest.mark.parametrize(
    ("name", "authors"),
    [
        ("JANE ROE and", ("JANE ROE",)),  # a list cut short after its first name
        ("and Jane Roe", ("Jane Roe",)),
        ("Jane Roe &", ("Jane Roe",)),
    ],
)
def test_a_person_node_cut_after_a_joining_word_is_the_name_without_it(name: str, authors: tuple[str, ...]) -> None:
    assert _article_with_person(name).authors == authors


def test_an_agency_byline_in_capitals_in_a_person_node_gives_each_name_and_the_agency() -> None:
    # "ERRIN"-like capitals after a name in capitals were taken for an acronym starting an affiliation, and the name
    # was cut to "JANE ROE and".
    article = _article_with_person("By JANE ROE and MARK POE, Associated Press")
    assert article.authors == ("JANE ROE", "MARK POE")
    assert article.agency == "AP"


def test_an_acronym_after_a_name_in_mixed_case_still_starts_the_affiliation() -> None:
    assert person_name("Jane Doe BBC Africa correspondent", structured=True) == "Jane Doe"
    assert person_name("Jane Doe SEO Specialist", structured=True) == "Jane Doe"


@pytest.mark.parametrize(
    "label",
    [
        "Analysis by",
        "Opinion by",
        "Commentary by",
        "Review by",
        "Interview by",
        "Column by",
        "Essay by",
        "Perspective by",
    ],
)
def test_a_kind_of_piece_before_by_is_a_label_not_part_of_the_name(label: str) -> None:
    assert parse_byline(f"{label} Jane Roe", structured=True).authors == ("Jane Roe",)
    article = newsclean.clean_html(_page(meta_author=f"{label} Jane Roe"), url="https://example.com/news/campaign")
    assert article.authors == ("Jane Roe",)


@pytest.mark.parametrize("credential", ["Ph.D", "Ph.D.", "PhD", "M.D.", "MD", "M.S."])
def test_a_credential_after_the_comma_is_no_second_author(credential: str) -> None:
    assert parse_byline(f"Robert E. Moffit, {credential}", structured=True).authors == ("Robert E. Moffit",)
    assert person_name(credential, structured=True) is None


def test_a_credential_glued_to_a_name_goes_with_or_without_dots() -> None:
    assert person_name("Jane Roe Ph.D.", structured=True) == "Jane Roe"
    assert person_name("Jane Roe M.D.", structured=True) == "Jane Roe"
    # A name suffix is part of the name (its dot goes, as a full stop after any name does).
    assert person_name("John Garcia Jr.", structured=True) == "John Garcia Jr"


def test_a_newsroom_and_its_role_after_the_name_give_the_newsroom_as_the_organisation() -> None:
    byline = parse_byline("Analysis by Jane Roe, CNN Editor-at-large", structured=True)
    assert byline.authors == ("Jane Roe",)
    assert byline.organization == "CNN"
    article = newsclean.clean_html(
        _page(meta_author="Analysis by Jane Roe, CNN Editor-at-large"), url="https://example.com/news/campaign"
    )
    assert (article.authors, article.organization) == (("Jane Roe",), "CNN")
    assert parse_byline("Jane Roe, Editor-in-chief", structured=True).authors == ("Jane Roe",)


@pytest.mark.parametrize(
    ("byline", "organization"),
    [
        ("Jane Roe, BBC News", "BBC News"),  # a desk of the newsroom, no role
        ("Jane Roe, CNN Business", "CNN Business"),
        ("Jane Roe, Better Business Bureau", "Better Business Bureau"),  # an organisation, not a newsroom
    ],
)
def test_an_organisation_without_a_role_is_kept_whole(byline: str, organization: str) -> None:
    parsed = parse_byline(byline, structured=True)
    assert parsed.authors == ("Jane Roe",)
    assert parsed.organization == organization


@pytest.mark.parametrize("field", ["Editorial", "Newsroom", "Desk"])
def test_one_word_of_an_organisations_name_is_no_author(field: str) -> None:
    assert person_name(field, structured=True) is None
    article = newsclean.clean_html(_page(meta_author=field), url="https://example.com/news/campaign")
    assert article.authors == ()


def test_a_first_name_alone_in_an_author_field_is_still_read() -> None:
    assert person_name("Susan", structured=True) == "Susan"
    assert _article_with_person("Susan").authors == ("Susan",)


def test_a_name_holding_a_conjunction_stays_one_person() -> None:
    assert _article_with_person("José Ortega y Gasset").authors == ("José Ortega y Gasset",)
