"""The discard shield: article prose in a container whose class merely contains one of trafilatura's boilerplate
substrings survives; boilerplate named for what it is still goes."""

from __future__ import annotations

import pytest
import trafilatura
from lxml import html as lxml_html
from trafilatura.xpaths import OVERALL_DISCARD_XPATH

import newsclean
from newsclean._discard_shield import _defused, _trafilatura_discard, shield_article_prose
from newsclean._extract import TrafilaturaExtractor

ARTICLE = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, ending a debate that lasted a decade.",
    "Engineers had warned since 2015 that the steel deck was corroding faster than any model had predicted.",
    "The new bridge will carry two tram lines and a cycle path, and is due to open in the spring of 2029.",
    "Residents of the north bank, who lose their only direct road during the works, asked for a free ferry.",
    "The mayor said the ferry would run every twenty minutes and cost passengers nothing until the reopening.",
]

# A column of other stories, as news sites print beside the article: headlines and standfirsts, no prose
# paragraphs. Its text keeps trafilatura's own guard (prune only if more than a seventh of the text is left)
# from saving the article, and its main extractor then takes the column for the article.
OTHER_STORIES = "".join(
    f'<div class="teaser"><h2><a href="/news/{n}">Headline number {n} on the port</a></h2>'
    f"<div>A short standfirst for story {n}, which the list shows under its headline for readers.</div></div>"
    for n in range(20)
)


def _page(article_html: str, extra: str = "") -> str:
    return (
        "<html><head><title>Harbour bridge to be rebuilt</title></head><body><div class='wrap'>"
        f"<div class='col-list'>{OTHER_STORIES}</div>"
        f"<div class='col-main'><h1>Harbour bridge to be rebuilt</h1>{article_html}{extra}</div>"
        "</div></body></html>"
    )


def _paragraphs(sentences: list[str]) -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in sentences)


def _unshielded(page: str) -> str:
    return trafilatura.extract(page, include_comments=False, deduplicate=False) or ""


def _newsclean(page: str) -> str:
    return newsclean.clean_html(page, url="https://example.org/news/bridge").text


def test_a_body_whose_class_contains_a_discard_substring_is_kept() -> None:
    page = _page(f'<div class="oc-c-body-part oc-c-markdown-stories">{_paragraphs(ARTICLE)}</div>')
    assert ARTICLE[0] not in _unshielded(page)  # the failure the shield exists for
    text = _newsclean(page)
    assert all(sentence in text for sentence in ARTICLE)


def test_an_article_split_over_many_page_builder_boxes_is_kept_whole() -> None:
    boxes = "".join(
        f'<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">'
        f"<p>{sentence}</p></div></div>"
        for sentence in ARTICLE
    )
    page = _page(boxes)
    assert ARTICLE[2] not in _unshielded(page)
    text = _newsclean(page)
    assert all(sentence in text for sentence in ARTICLE)


def test_boilerplate_named_for_what_it_is_stays_discarded_next_to_a_shielded_body() -> None:
    signup = "Sign up for our morning newsletter and get the day's most important stories in your inbox."
    tree = lxml_html.fromstring(
        _page(
            f'<div class="story-widget">{_paragraphs(ARTICLE)}</div>',
            extra=f'<div class="newsletter-box"><p>{signup}</p></div>',
        )
    )
    assert shield_article_prose(tree) == 1
    assert tree.xpath('//div[@class="story-w_idget"]')
    assert tree.xpath('//div[@class="newsletter-box"]')  # a small share of the prose, named for what it is


def test_nothing_is_shielded_when_the_discard_leaves_most_of_the_prose() -> None:
    bio = "Jane Doe has covered the harbour, its ferries and its bridges for the Gazette since the year 2004."
    tree = lxml_html.fromstring(_page(_paragraphs(ARTICLE), extra=f'<div class="author-bio"><p>{bio}</p></div>'))
    assert shield_article_prose(tree) == 0
    assert tree.xpath('//div[@class="author-bio"]')  # untouched, so trafilatura still drops it


def test_a_container_matched_by_its_role_is_not_shielded() -> None:
    tree = lxml_html.fromstring(_page(f'<div role="navigation" class="story-widget">{_paragraphs(ARTICLE)}</div>'))
    shield_article_prose(tree)
    assert tree.xpath('//div[@class="story-widget"]')


def test_the_extractor_can_run_without_the_shield() -> None:
    page = _page(f'<div class="oc-c-body-part oc-c-markdown-stories">{_paragraphs(ARTICLE)}</div>')
    assert ARTICLE[0] in "\n".join(TrafilaturaExtractor().extract(page))
    assert ARTICLE[0] not in "\n".join(TrafilaturaExtractor(shield_article_prose=False).extract(page))


def test_defusing_breaks_every_discard_match_and_keeps_the_other_class_words() -> None:
    discard = _trafilatura_discard()
    assert discard is not None
    patterns = [pattern for found in discard.patterns.values() for pattern in found]
    value = "elementor-widget-theme-post-content entry-meta sidebar-layout article-body"
    defused = _defused(value, patterns)
    element = lxml_html.fromstring(f'<div><div class="{defused}"><p>text</p></div></div>')
    assert not any(expression(element) for expression in OVERALL_DISCARD_XPATH[:1])
    assert "post-content" in defused and "article-body" in defused
    assert defused.replace("_", "") == value


def test_expressions_the_shield_cannot_read_disable_it_instead_of_guessing() -> None:
    from lxml import etree

    from newsclean._discard_shield import _Discard

    with pytest.raises(ValueError, match="attributes the shield does not know"):
        _Discard([etree.XPath(".//*[contains(@data-foo, 'x')]")])
    with pytest.raises(ValueError, match="unexpected discard expression"):
        _Discard([etree.XPath("//div[contains(@class, 'x')]")])
