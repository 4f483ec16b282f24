"""Lists of links written as one paragraph per link: removed, with a record; links in the article's sentences,
and short runs of link paragraphs, stay."""

from __future__ import annotations

import newsclean
from newsclean import _dom
from newsclean.cleaners._link_runs import CATEGORY, MIN_RUN, RULE, drop_link_paragraph_runs

ARTICLE = [
    "Cleaning services in San Diego cost between 120 and 250 dollars a visit for a two-bedroom apartment.",
    "Deep cleaning costs a third more than a standard visit, and move-out cleaning about the same as deep cleaning.",
    "Weekly schedules are cheaper per visit than monthly ones, because the home never gets as dirty in between.",
    "Pets, clutter and special requests such as the inside of the oven add to the time and so to the bill.",
]
CITIES = ["Albuquerque", "Anaheim", "Arlington", "Atlanta", "Aurora", "Austin", "Bakersfield", "Baltimore"]


def _link_paragraph(city: str) -> str:
    slug = city.lower()
    return f'<p><a href="/blog/costs-in-{slug}"><strong>Average Costs for Cleaning Services in {city}</strong></a></p>'


def _page(after_article: str) -> str:
    article = "".join(f"<p>{sentence}</p>" for sentence in ARTICLE)
    return (
        "<html><head><title>Cleaning costs in San Diego</title></head><body><article>"
        f"<h1>Cleaning costs in San Diego</h1>{article}<div class='links'>{after_article}</div>"
        "</article></body></html>"
    )


def _removals(markup: str) -> tuple[newsclean.Removal, ...]:
    return drop_link_paragraph_runs(_dom.parse(markup))


def test_a_run_of_link_paragraphs_is_removed_with_a_record() -> None:
    page = _page("".join(_link_paragraph(city) for city in CITIES))
    article = newsclean.clean_html(page, url="https://example.org/blog/costs-in-san-diego")
    assert all(sentence in article.text for sentence in ARTICLE)
    assert "Average Costs" not in article.text
    records = [removal for removal in article.removed if removal.rule == RULE]
    assert len(records) == 1
    assert records[0].category == CATEGORY and records[0].stage == "dom"
    assert all(f"Average Costs for Cleaning Services in {city}" in records[0].text for city in CITIES)


def test_fewer_than_the_minimum_stay() -> None:
    assert _removals(_page("".join(_link_paragraph(city) for city in CITIES[: MIN_RUN - 1]))) == ()


def test_a_prose_paragraph_breaks_the_run() -> None:
    half = MIN_RUN - 1
    links = [_link_paragraph(city) for city in CITIES[: 2 * half]]
    markup = "".join(links[:half]) + f"<p>{ARTICLE[0]}</p>" + "".join(links[half:])
    assert _removals(_page(markup)) == ()


def test_empty_paragraphs_do_not_break_the_run() -> None:
    markup = "<p>&nbsp;</p>".join(_link_paragraph(city) for city in CITIES[:MIN_RUN])
    tree = _dom.parse(_page(markup))
    (removal,) = drop_link_paragraph_runs(tree)
    assert "Albuquerque" in removal.text
    assert "Average Costs" not in (tree.body.text() if tree.body else "")


def test_links_inside_sentences_stay() -> None:
    sentences = "".join(
        f'<p>The council published <a href="/r/{n}">report number {n}</a> on its website on Monday.</p>'
        for n in range(MIN_RUN + 2)
    )
    assert _removals(_page(sentences)) == ()


def test_paragraphs_of_two_links_are_not_link_paragraphs() -> None:
    pairs = "".join(f'<p><a href="/a/{n}">Part {n}</a><a href="/b/{n}">Notes {n}</a></p>' for n in range(MIN_RUN + 2))
    assert _removals(_page(pairs)) == ()


def test_only_the_run_goes_and_the_rest_of_its_box_stays() -> None:
    heading = "<h2>Costs in other cities</h2>"
    closing = "<p>Prices were collected from local cleaning companies in the spring.</p>"
    tree = _dom.parse(_page(heading + "".join(_link_paragraph(city) for city in CITIES) + closing))
    assert len(drop_link_paragraph_runs(tree)) == 1
    text = tree.body.text() if tree.body else ""
    assert "Costs in other cities" in text and "Prices were collected" in text
    assert all(sentence in text for sentence in ARTICLE)
