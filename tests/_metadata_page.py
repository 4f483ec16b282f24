"""Resolving metadata on a whole synthetic page, the way the pipeline does: parse, collect, prune, resolve."""

from __future__ import annotations

import json
from datetime import UTC, datetime

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
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'
