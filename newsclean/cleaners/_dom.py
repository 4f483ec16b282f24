"""The DOM cleaner: removes widget boxes (``stage = "dom"`` rules) from a Lexbor tree before extraction."""

from __future__ import annotations

from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .._models import Removal
from .._rules import CompiledRule, RuleSet

# A box holding more than this share of the page's text is probably the article itself, whatever its class
# says ("related-article-body", "subscriber-content"): leave it to the extractor.
MAX_TEXT_SHARE = 0.4
_PROTECTED_TAGS = frozenset({"html", "head", "body", "main", "article"})


class DomCleanResult(NamedTuple):
    removed: tuple[Removal, ...]
    nodes_removed: int


def _words(node: LexborNode) -> list[str]:
    attributes = node.attributes
    return f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower().split()


def _text(node: LexborNode) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())


class DomCleaner:
    def __init__(self, rules: RuleSet) -> None:
        self._selector_rules = tuple(r for r in rules.dom if r.spec.match == "selector")
        self._word_rules = tuple(r for r in rules.dom if r.spec.match == "class_words")

    def clean(self, tree: LexborHTMLParser) -> DomCleanResult:
        body = tree.body
        if body is None or not (self._selector_rules or self._word_rules):
            return DomCleanResult((), 0)
        matched: dict[int, tuple[LexborNode, CompiledRule]] = {}
        for rule in self._selector_rules:
            assert rule.selector is not None
            for node in body.css(rule.selector):
                matched.setdefault(node.mem_id, (node, rule))
        if self._word_rules:
            nodes = [(node, _words(node)) for node in body.css("[class], [id]")]
            tokens = {token for _, words in nodes for token in words}
            rule_tokens = [(rule, rule.matching_tokens(tokens)) for rule in self._word_rules]
            rule_tokens = [(rule, hits) for rule, hits in rule_tokens if hits]
            for node, words in nodes if rule_tokens else ():
                if node.mem_id in matched:
                    continue
                for rule, hits in rule_tokens:
                    if not hits.isdisjoint(words):
                        matched[node.mem_id] = (node, rule)
                        break
        if not matched:
            return DomCleanResult((), 0)

        page_chars = max(len(_text(body)), 1)
        document_order = {node.mem_id: index for index, node in enumerate(body.css("*"))}
        removed_ids: set[int] = set()
        removals: list[tuple[int, Removal]] = []
        # Outermost boxes first, so a box inside a removed box is not removed (or recorded) twice.
        for node, rule in sorted(matched.values(), key=lambda item: _depth(item[0])):
            if _has_ancestor_in(node, removed_ids) or not _removable(node):
                continue
            text = _text(node)
            if len(text) > MAX_TEXT_SHARE * page_chars:
                continue
            if text:
                removals.append((document_order.get(node.mem_id, 0), Removal(rule.id, rule.category, "dom", text)))
            removed_ids.add(node.mem_id)
        for node, _ in matched.values():
            if node.mem_id in removed_ids:
                node.decompose()
        removals.sort(key=lambda item: item[0])
        return DomCleanResult(tuple(removal for _, removal in removals), len(removed_ids))


def _depth(node: LexborNode) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    return depth


def _has_ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _removable(node: LexborNode) -> bool:
    if node.tag in _PROTECTED_TAGS:
        return False
    return node.css_first("article, main") is None
