"""The next stories an infinite-scroll page has already loaded are not the page's article (``_next_articles``)."""

from __future__ import annotations

import pytest

import newsclean

TITLE = "Council Approves the Harbour Bridge Repairs After a Long Debate"
MAIN_PARAGRAPHS = [
    "The city council voted on Tuesday to approve the repairs to the harbour bridge, ending a long debate.",
    "Engineers had warned that the bridge's steel supports were corroding faster than expected after two wet winters.",
    "The repairs will cost the city about twelve million dollars and close one lane of traffic until next autumn.",
    "Residents who spoke at the meeting asked for a ferry service during the works, which the mayor promised.",
]
NEXT_STORIES = [
    (
        "School Board Delays the Vote on the New Curriculum Once Again",
        "The school board postponed its vote on the new curriculum for the third time, citing missing cost estimates.",
        "Parents at the meeting said the delays left teachers without guidance for the coming school year.",
    ),
    (
        "Storm Leaves Thousands Without Power Across the Northern Suburbs",
        "A winter storm brought down power lines across the northern suburbs overnight, leaving thousands in the dark.",
        "The utility said crews would work through the weekend and most homes should be reconnected by Monday.",
    ),
]


def _story(headline: str, paragraphs: list[str] | tuple[str, ...], *, inner: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f'<article class="post"><header><h1>{headline}</h1></header><div class="body">{body}{inner}</div></article>'


def _page(main: str, *, title: str = TITLE, after: str = "") -> str:
    return (
        f'<html><head><title>{title} | The Harbour Gazette</title><meta property="og:title" content="{title}">'
        f"</head><body><main>{main}{after}</main></body></html>"
    )


def _next_stories() -> str:
    return "".join(_story(headline, paragraphs) for headline, *paragraphs in NEXT_STORIES)


def _removed_by_rule(article: newsclean.Article) -> list[str]:
    return [removal.text for removal in article.removed if removal.rule == "heuristic.next-article"]


@pytest.mark.parametrize("layout", ["nested-in-the-first", "siblings-after-it"])
def test_the_stories_loaded_after_the_pages_own_go_with_a_record_each(layout: str) -> None:
    # An infinite-scroll page (a news site's "next story" loading) held nine more stories whole, each an <article>
    # with its own <h1>, inside the first story's element: the article came out 3,800 words long where it had 474.
    if layout == "nested-in-the-first":
        html = _page(_story(TITLE, MAIN_PARAGRAPHS, inner=_next_stories()))
    else:
        html = _page(_story(TITLE, MAIN_PARAGRAPHS), after=_next_stories())
    article = newsclean.clean_html(html, url="https://gazette.example/news/bridge-repairs")
    assert list(article.paragraphs) == MAIN_PARAGRAPHS
    removed = _removed_by_rule(article)
    assert len(removed) == len(NEXT_STORIES)
    for (headline, *paragraphs), text in zip(NEXT_STORIES, removed, strict=True):
        assert text.startswith(headline) and all(paragraph in text for paragraph in paragraphs)
    assert article.title == TITLE


def test_the_pages_own_article_is_told_by_its_title_not_by_its_place() -> None:
    # A story loaded before the page's own (a "previous story" above it): the page's is the one with the title.
    headline, *paragraphs = NEXT_STORIES[0]
    html = _page(_story(headline, paragraphs) + _story(TITLE, MAIN_PARAGRAPHS))
    article = newsclean.clean_html(html, url="https://gazette.example/news/bridge-repairs")
    assert list(article.paragraphs) == MAIN_PARAGRAPHS
    assert _removed_by_rule(article) == [" ".join([headline, *paragraphs])]


def test_articles_none_of_which_has_the_pages_title_are_all_left() -> None:
    # Which article is the page's cannot be told: nothing goes (a listing, or a title the site writes otherwise).
    html = _page(_next_stories(), title="The Harbour Gazette: Latest News")
    article = newsclean.clean_html(html, url="https://gazette.example/latest")
    assert _removed_by_rule(article) == []


def test_an_article_holding_the_pages_own_stays_and_cards_without_a_headline_are_not_stories() -> None:
    # The page's article inside a wrapper <article> with a headline of its own (a section's name) is not taken out
    # with it; a related-story card that is an <article> with an <h2> is not a story loaded whole.
    card = "<article class='card'><h2>More from the harbour</h2><p>Ferry timetables change for the holidays.</p>"
    card += "</article>"
    main = _story(TITLE, MAIN_PARAGRAPHS, inner=card)
    html = _page(f"<article class='section'><h1>Harbour City News and Politics</h1>{main}</article>")
    article = newsclean.clean_html(html, url="https://gazette.example/news/bridge-repairs")
    assert _removed_by_rule(article) == []
    assert all(paragraph in article.paragraphs for paragraph in MAIN_PARAGRAPHS)


def test_an_article_laid_out_otherwise_is_no_next_story() -> None:
    # A live blog's update or a card with an <h1> of its own has another layout (classes) than the page's story.
    headline, *paragraphs = NEXT_STORIES[0]
    update = _story(headline, paragraphs).replace('class="post"', 'class="live-update"')
    html = _page(_story(TITLE, MAIN_PARAGRAPHS, inner=update))
    article = newsclean.clean_html(html, url="https://gazette.example/news/bridge-repairs")
    assert _removed_by_rule(article) == []


def test_a_short_headline_is_no_evidence_of_the_pages_article() -> None:
    # "News" is in every title of the site: an article headed "News" is not thereby the page's.
    html = _page(_story("News", MAIN_PARAGRAPHS) + _next_stories(), title="News")
    article = newsclean.clean_html(html, url="https://gazette.example/news")
    assert _removed_by_rule(article) == []
