"""The article's text from the publisher's structured data, for a page whose markup holds none.

A page rendered by script (a React or Vue app, a paywall that fills the body after load) reaches a scraper that
does not run JavaScript as an empty shell, while its JSON-LD still carries the whole story in ``articleBody``.
When extraction finds no article there, that body is the text the publisher declares for the page: it is read as
a text dump is (one paragraph a line; an ``articleBody`` written in HTML has its paragraphs and line breaks made
lines and its tags dropped) and goes through the same cleaners, and ``provenance["text"]`` says where it came
from. A page whose markup holds an article never takes it: publishers' bodies often leave out subheadings, lists
and the second half of a long piece (docs/benchmarks.md, "Second opinions on the main text").
"""

from __future__ import annotations

import html
import re

from ._dom import MetadataCandidates
from ._normalize import split_text_dump
from .metadata._markup import article_nodes

#: The provenance of text taken from JSON-LD.
PROVENANCE = "json-ld articleBody"
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|h[1-6]|li|blockquote|tr)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def structured_body_paragraphs(candidates: MetadataCandidates) -> list[str]:
    """The paragraphs of the longest ``articleBody`` of the page's article nodes; [] when there is none."""
    bodies = [
        body for node in article_nodes(candidates) if isinstance(body := node.get("articleBody"), str) and body.strip()
    ]
    if not bodies:
        return []
    body = max(bodies, key=len)
    if "<" in body:  # written in HTML: its blocks become lines, its tags go
        body = _TAG.sub("", _BLOCK_END.sub("\n", body))
    return split_text_dump(html.unescape(body))
