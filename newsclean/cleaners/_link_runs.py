"""Lists of links written as paragraphs, removed before extraction.

Site builders (Squarespace, Wix, page builders) often lay out a list of other pages as one ``<p>`` per link:
"Average Costs for Cleaning Services in Albuquerque", "… in Anaheim", and sixty more under a guide. The
extractor reads them as the article's paragraphs, since they are ``<p>``s in its container. One paragraph that is
a link is a normal thing in an article ("Read the full report"), and so are two or three in a row (a source
list); a run of ``MIN_RUN`` or more sibling paragraphs that are each one link and nothing else is a list of links.
The run goes, with one removal record. (A ``<ul>`` of links is left alone: the gold sets keep most of those.)
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .._dom import node_text
from .._models import Removal
from .._normalize import normalize_paragraph

RULE = "heuristic.link-paragraph-run"
CATEGORY = "related"
#: This many link-only paragraphs in a row make a list of links.
MIN_RUN = 5


def drop_link_paragraph_runs(tree: LexborHTMLParser) -> tuple[Removal, ...]:
    """Remove each run of ``MIN_RUN`` or more sibling ``<p>``s that are each one link and nothing else (empty
    paragraphs between them do not break a run). Returns a removal record per run."""
    body = tree.body
    if body is None:
        return ()
    link_only_by_parent: dict[int, tuple[LexborNode, set[int]]] = {}
    for paragraph in _paragraphs_holding_links(body):
        parent = paragraph.parent
        if parent is not None and _is_link_only(paragraph):
            link_only_by_parent.setdefault(parent.mem_id, (parent, set()))[1].add(paragraph.mem_id)
    removals: list[Removal] = []
    for parent, link_only in link_only_by_parent.values():
        if len(link_only) < MIN_RUN:
            continue
        for run in _runs(parent, link_only):
            text = normalize_paragraph(" ".join(node_text(paragraph) for paragraph in run))
            removals.append(Removal(RULE, CATEGORY, "dom", text))
            for paragraph in run:
                paragraph.decompose()
    return tuple(removals)


def _paragraphs_holding_links(body: LexborNode) -> list[LexborNode]:
    """Each ``<p>`` holding a link, once, in document order."""
    paragraphs: dict[int, LexborNode] = {}
    for link in body.css("p a"):
        node = link.parent
        while node is not None and node.tag != "p":
            node = node.parent
        if node is not None:
            paragraphs.setdefault(node.mem_id, node)
    return list(paragraphs.values())


def _is_link_only(paragraph: LexborNode) -> bool:
    links = paragraph.css("a")
    if len(links) != 1:
        return False
    text = node_text(paragraph)
    return bool(text) and node_text(links[0]) == text


def _runs(parent: LexborNode, link_only: set[int]) -> list[list[LexborNode]]:
    """The runs of ``MIN_RUN`` or more link-only paragraphs among ``parent``'s children. Any other element
    breaks a run, except an empty paragraph."""
    runs: list[list[LexborNode]] = []
    run: list[LexborNode] = []
    for child in parent.iter():
        if child.mem_id in link_only:
            run.append(child)
            continue
        if child.tag == "p" and not node_text(child):
            continue
        if len(run) >= MIN_RUN:
            runs.append(run)
        run = []
    if len(run) >= MIN_RUN:
        runs.append(run)
    return runs
