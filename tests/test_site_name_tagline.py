"""A site's ``og:site_name`` with its tagline after a separator ("Washingtonian - The website that Washington lives
by."): the site's name is the part that names its host."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.metadata._title import site_name_without_tagline


@pytest.mark.parametrize(
    ("name", "host", "site"),
    [
        ("Riverside Ledger - The news that Riverside reads.", "www.riversideledger.com", "Riverside Ledger"),
        ("Ledger | Madison, Wisconsin", "ledger.com", "Ledger"),
        ("The Riverside Ledger | Local news since 1901", "riversideledger.com", "The Riverside Ledger"),
        ("Fermata • Cloud tools for small teams.", "www.fermata.dev", "Fermata"),
        ("Riverside Ledger |", "riversideledger.com", "Riverside Ledger"),
    ],
)
def test_the_tagline_after_the_name_of_the_host_goes(name: str, host: str, site: str) -> None:
    assert site_name_without_tagline(name, host) == site


@pytest.mark.parametrize(
    ("name", "host"),
    [
        ("The Jerusalem Gazette | JGazette.com", "jgazette.com"),  # the first part does not name the host
        ("News & Views - Riverside", "riversideledger.com"),
        ("Riverside Ledger", "riversideledger.com"),  # no separator
        ("Riverside Ledger - The news that Riverside reads.", None),  # no host to tell the name by
    ],
)
def test_a_name_whose_first_part_does_not_name_the_host_is_left_whole(name: str, host: str | None) -> None:
    assert site_name_without_tagline(name, host) == name


def test_the_article_names_the_site_without_its_tagline() -> None:
    story = "<p>" + "The council voted on Tuesday to repave the bridge before winter comes to the valley. " * 8 + "</p>"
    html = (
        '<html><head><meta property="og:site_name" content="Riverside Ledger - The news that Riverside reads.">'
        f"<title>Council votes to repave the bridge</title></head><body><h1>Council votes to repave the bridge</h1>"
        f"{story}</body></html>"
    )
    article = newsclean.clean_html(html, url="https://www.riversideledger.com/news/bridge")
    assert article.site_name == "Riverside Ledger"
    assert article.provenance["site_name"] == "opengraph"
