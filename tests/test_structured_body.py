"""A page rendered by script: its markup is an empty shell, its JSON-LD holds the story."""

from __future__ import annotations

import json
from typing import Any

import newsclean

PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.",
    "Council members argued for hours over the planned transit line and the money for schools.",
    "The mayor said she would sign the budget on Friday, before the start of the fiscal year.",
)
APPEAL = "Support our journalism: donate today and become a member of our newsroom."


def _shell(*nodes: dict[str, Any], body: str = '<div id="root"></div><script src="/app.js"></script>') -> str:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(node)}</script>' for node in nodes)
    return f"<html><head><title>Council approves budget - City News</title>{scripts}</head><body>{body}</body></html>"


def _article(body: str, kind: str = "NewsArticle") -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": kind, "headline": "Council approves budget", "articleBody": body}


def test_an_empty_shell_takes_the_article_body_its_json_ld_declares_through_the_same_cleaners() -> None:
    body = "\n\n".join((*PARAGRAPHS[:2], APPEAL, PARAGRAPHS[2]))
    article = newsclean.clean_html(_shell(_article(body)), url="https://news.example.com/council-budget")
    assert article.status == "ok" and article.paragraphs == PARAGRAPHS
    assert article.provenance["text"] == "json-ld articleBody"
    assert [(removal.category, removal.text) for removal in article.removed] == [("donation", APPEAL)]
    assert article.word_count == sum(len(paragraph.split()) for paragraph in PARAGRAPHS)


def test_an_article_body_written_in_html_is_read_by_its_blocks() -> None:
    first = PARAGRAPHS[0].replace("the new budget", "the new&nbsp;budget")
    second = PARAGRAPHS[1].replace("transit line", '<a href="/transit">transit line</a>')
    body = f"<p>{first}</p><p>{second}<br/>{PARAGRAPHS[2]}</p>"
    article = newsclean.clean_html(_shell(_article(body)))
    assert article.paragraphs == PARAGRAPHS


def test_the_longest_article_body_is_taken_and_site_nodes_are_not_read() -> None:
    teaser = _article(PARAGRAPHS[0], kind="BlogPosting")
    site = {"@type": "WebSite", "articleBody": "Our site: " + " ".join(PARAGRAPHS * 3)}
    article = newsclean.clean_html(_shell(teaser, site, _article("\n".join(PARAGRAPHS))))
    assert article.paragraphs == PARAGRAPHS


def test_a_page_whose_markup_holds_the_article_keeps_its_own_text() -> None:
    markup = "<article><h1>Council approves budget</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    teaser = _article("A different teaser of the story, in twelve words or so.")
    article = newsclean.clean_html(_shell(teaser, body=markup))
    assert article.paragraphs == PARAGRAPHS
    assert "text" not in article.provenance


def test_an_empty_shell_without_an_article_body_has_no_content() -> None:
    article = newsclean.clean_html(_shell({"@type": "NewsArticle", "headline": "Council approves budget"}))
    assert article.status == "no_content" and article.text == "" and "text" not in article.provenance
