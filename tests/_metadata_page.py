"""Resolving metadata on a whole synthetic page, the way the pipeline does: parse, collect, prune, resolve."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import newsclean
from newsclean import _dom, metadata

NOW = datetime(2024, 6, 1, tzinfo=UTC)
ARTICLE_TEXT = "<p>" + "The council met on Tuesday to discuss the budget for the coming year. " * 5 + "</p>"


def resolve_page(head: str, body: str, url: str | None = "https://example.org/guides/budget") -> metadata.Resolved:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    tree = _dom.parse(html)
    candidates = _dom.collect_metadata(tree)
    _dom.prune_non_content(tree)
    candidates.visible_text = _dom.visible_text(tree)
    resolved = metadata.resolve(candidates, url=url, html=html, now=NOW)
    return metadata.complete(resolved, paragraphs=[], now=NOW)


def json_ld(node: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'


# A page through the whole pipeline: a council story under a headline, fetched on FETCHED.
FETCHED = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
URL = "https://www.example.com/news/council-budget"
TITLE = "Council approves new budget"
BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "The city council voted on Tuesday to approve a new budget that increases spending on public transport "
        "and housing across the region.",
        "Officials said the plan would take effect next year after a long debate that lasted several months and "
        "involved many residents.",
        "Critics argued that the measure would raise taxes for small businesses, while supporters said it was "
        "long overdue for the city.",
    )
)


def clean_story(
    head: str = "", *, body: str = BODY, url: str = URL, lang: str | None = "en", title: str = TITLE, h1: bool = True
) -> newsclean.Article:
    """The story's page with ``head`` in its ``<head>`` (after a ``<title>``), cleaned as fetched on FETCHED."""
    lang_attribute = "" if lang is None else f' lang="{lang}"'
    heading = f"<h1>{title}</h1>" if h1 else ""
    html = (
        f'<html{lang_attribute}><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f"<body><article>{heading}{body}</article></body></html>"
    )
    return newsclean.clean_html(html, url=url, fetched_at=FETCHED)
