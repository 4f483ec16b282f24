"""The DOM cleaner: removes widget boxes (``stage = "dom"`` rules) from a Lexbor tree before extraction."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import re2
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .._disclosed_panels import controlled_ids, is_collapsed_text_panel, is_hidden, show_panel
from .._dom import node_text
from .._models import Removal
from .._normalize import normalize_paragraph
from .._rules import CompiledRule, RuleSet

# A box holding more than this share of the page's text is probably the article itself, whatever its class
# says ("related-article-body", "subscriber-content"): leave it to the extractor. Its hidden parts do not count.
MAX_TEXT_SHARE = 0.4
_PROTECTED_TAGS = frozenset({"html", "head", "body", "main", "article"})
# A box with the headline and more than half the text of the page's paragraphs is the article's wrapper, whatever
# its class says ("post js-share-bar"), even on a page whose menus and comments hold most of its text.
MIN_ARTICLE_CHARS = 500
MAX_PARAGRAPH_SHARE = 0.5
# Neither guard holds on an ordinary news page whose article wrapper carries a widget word ("post
# series-weekly-newsletter", "story-body--has-related", "node-newsletter", "js-social-share"): menus, rails and
# comment threads hold most of its text and paragraphs. What they never hold is the page's main run of prose: the
# element whose <p>s (readability's scoring: a paragraph's length to its parent, half to its grandparent) add up
# to the most. A box holding that element is the article's wrapper, and so is a box holding more than half of
# the page's prose (a "read-more" wrapper around the rest of the story).
MIN_PROSE_CHARS = 40
MAX_PROSE_LINK_SHARE = 0.3
MAIN_BLOCK_LEAD = 2.0

# class and id attribute values in markup serialised by Lexbor, which always writes lowercase attribute names
# and double quotes. One regex over the markup costs far less than visiting every element from Python;
# Lexbor then finds the elements with one selector.
_CLASS_OR_ID = re.compile(r' (?:class|id)="([^"]*)"')
_SELECTOR_SAFE = re.compile(r"""^[^"\\\n]+$""")
# The classes WordPress puts on a post for each of its terms ("tag-newsletter", "category-donations"): they name
# what the story is filed under, not a widget, however widget-like the term.
_TERM_CLASS = re.compile(r"^(?:tag|tags|category|categories|post_tag|post-tag)-")
# A selector that starts with a class or an id ("#jp-relatedposts", ".sd-like", 'li[class~="comment"]',
# '[class~="credits" i]:not(:has(p ~ p))'), without escapes: it can match only where the page has that token.
_LEADING_TOKEN = re.compile(
    r"""^(?:[a-z][a-z0-9]*)?(?:[.#]([A-Za-z0-9_-]+)|\[(?:class~|id)="([A-Za-z0-9_-]+)"(?: i)?\])(?![\w\\-])"""
)


class DomCleanResult(NamedTuple):
    removed: tuple[Removal, ...]
    nodes_removed: int


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HEADING_SELECTOR = ", ".join(sorted(_HEADINGS))
_SLUG_PARTS = re.compile(r"[^\W_]+")


def _class_and_id_words(node: LexborNode) -> list[str]:
    attributes = node.attributes
    return f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower().split()


def _words(node: LexborNode) -> list[str]:
    """``node``'s class and id words, less an id that is the anchor of the node's own heading."""
    attributes = node.attributes
    identifier = attributes.get("id") or ""
    if identifier and _is_own_heading_anchor(node, identifier):
        return (attributes.get("class") or "").lower().split()
    return _class_and_id_words(node)


def _is_own_heading_anchor(node: LexborNode, identifier: str) -> bool:
    """Whether ``identifier`` is the anchor made from the words of ``node``'s own heading: the heading's, or a
    section's that the heading opens (``<section id="the-appeal"><h2>The appeal</h2>``). A section is spared only
    when it holds prose: "Related posts" over a list of links is a widget whose id spells its heading."""
    if node.tag in _HEADINGS:
        return is_heading_anchor(identifier, node_text(node))
    heading = node.css_first(_HEADING_SELECTOR)
    if heading is None:
        return False
    title = node_text(heading)
    if not is_heading_anchor(identifier, title) or not node_text(node).startswith(title):
        return False
    return any(_prose_chars(paragraph) for paragraph in node.css("p"))


def is_heading_anchor(identifier: str, text: str) -> bool:
    """Whether a heading's id is the anchor a CMS or a table of contents made from its own words
    ("3-upgrading-the-curb-appeal", "h-how_to_contribute"): such an id names the heading's subject, not a widget,
    even when a word of it ("appeal", "contribute", "share") is a widget's class word. One word is too little to
    tell a slug from a widget name ("subscribe")."""
    words = _SLUG_PARTS.findall(text.lower())
    if len(words) < 2:
        return False
    parts = _SLUG_PARTS.findall(identifier.lower())
    size = len(words)
    return any(parts[start : start + size] == words for start in range(len(parts) - size + 1))


def class_and_id_tokens(markup: str) -> set[str]:
    """Every class and id token (lowercased) in ``markup`` as Lexbor serialises it."""
    return set(" ".join(_CLASS_OR_ID.findall(markup)).lower().split())


def _token_selector(token: str) -> str:
    return f'[class~="{token}" i], [id~="{token}" i]'


class DomCleaner:
    def __init__(self, rules: RuleSet) -> None:
        self._selector_rules = tuple(r for r in rules.dom if r.spec.match == "selector")
        self._word_rules = tuple(r for r in rules.dom if r.spec.match == "class_words")
        # Each selector rule's selectors, with the class or id token each needs (lowercased), or None: most pages
        # hold none of those tokens, and every selector in the query costs a test of every element.
        self._rule_selectors: list[tuple[CompiledRule, str, str | None]] = []
        for rule in self._selector_rules:
            if not rule.selector:
                continue
            patterns = (rule.spec.pattern,) if isinstance(rule.spec.pattern, str) else rule.spec.pattern
            tokens = [_leading_token(pattern) for pattern in patterns]
            if all(tokens):
                self._rule_selectors.extend(
                    (rule, pattern.strip(), token) for pattern, token in zip(patterns, tokens, strict=True)
                )
            else:
                self._rule_selectors.append((rule, rule.selector, None))
        # One linear-time pass over a page's tokens finds those any class-word rule matches; only those few
        # are then tried rule by rule.
        self._any_word_rule: Any = None
        if self._word_rules:
            union = "|".join(f"(?:{rule.set_pattern})" for rule in self._word_rules)
            # Compiled and run on UTF-8 bytes (RE2's UTF-8 mode, as for text): on ``str`` the wrapper maps every
            # match's byte offsets back to characters in Python, which cost more than the search itself.
            self._any_word_rule = re2.compile(f"(?m)^[^\n]*(?:{union})[^\n]*$".encode())
            # Which rules a candidate token matches, in one call per token: the same search as each rule's
            # ``matching_tokens`` (a pattern anywhere in the token), without a wrapper call per rule and match.
            self._word_rule_set = re2.Set.SearchSet(_set_options())
            for rule in self._word_rules:
                self._word_rule_set.Add(rule.set_pattern.encode())
            self._word_rule_set.Compile()

    def clean(self, tree: LexborHTMLParser, *, page_chars: int | None = None) -> DomCleanResult:
        """Remove the boxes the rules match, unless one holds more than ``MAX_TEXT_SHARE`` of the page's text.
        ``page_chars`` is the length of the body's text with whitespace collapsed (``_dom.body_text``), when
        the caller has read it; otherwise it is read here, once a box needs it."""
        body = tree.body
        if body is None or not (self._selector_rules or self._word_rules):
            return DomCleanResult((), 0)
        page_tokens = class_and_id_tokens(body.html or "")
        # A selector whose token the page lacks matches nothing: leaving it out of the query, and its rule out of
        # the tests of each box, changes no result.
        live = [
            (rule, selector) for rule, selector, token in self._rule_selectors if token is None or token in page_tokens
        ]
        selectors = [selector for _, selector in live]
        selector_rules = [rule for rule in self._selector_rules if any(rule is found for found, _ in live)]
        rule_tokens: list[tuple[CompiledRule, set[str]]] = []
        hit_tokens: set[str] = set()
        if self._word_rules:
            tokens = "\n".join(page_tokens).encode()
            matched = (match.group(0).decode() for match in self._any_word_rule.finditer(tokens))
            candidates_tokens = {
                token for token in matched if _SELECTOR_SAFE.match(token) and not _TERM_CLASS.match(token)
            }
            hits_by_rule: list[set[str]] = [set() for _ in self._word_rules]
            for token in candidates_tokens:
                for index in self._word_rule_set.Match(token.encode()) or ():
                    hits_by_rule[index].add(token)
            for rule, hits in zip(self._word_rules, hits_by_rule, strict=True):
                if hits:
                    rule_tokens.append((rule, hits))
                    hit_tokens |= hits
        if not selectors and not hit_tokens:
            return DomCleanResult((), 0)
        candidates = _candidates(body, selectors, hit_tokens)
        if not candidates:
            return DomCleanResult((), 0)

        # The body's text is long to read and most candidates fail a cheaper check first: read it once, when needed.
        page_chars = max(page_chars, 1) if page_chars is not None else 0
        paragraph_chars: int | None = None  # the text of the page's <p>s, read once a box needs it
        prose: _Prose | None = None  # the page's prose, read once a box needs it
        controlled: set[str] | None = None  # the ids that disclosure controls name, read once a hidden box needs them
        removed_ids: set[int] = set()
        doomed: list[LexborNode] = []
        folded: list[LexborNode] = []
        removals: list[Removal] = []
        seen: set[int] = set()
        for node in candidates:
            if node.mem_id in seen:  # Lexbor lists a node once per selector of the list it matches
                continue
            seen.add(node.mem_id)
            if _has_ancestor_in(node, removed_ids):  # first: it spares the rule tests of a removed box's contents
                continue
            found = _rule_for(node, selector_rules, rule_tokens)
            if found is None or not _removable(node) or _link_in_running_text(node):
                continue
            if is_hidden(node):
                if controlled is None:
                    controlled = controlled_ids(body)
                if is_collapsed_text_panel(node, controlled):
                    folded.append(node)
                    continue
            text = node_text(node)
            if not page_chars:
                page_chars = max(len(node_text(body)), 1)
            limit = MAX_TEXT_SHARE * page_chars
            if len(text) > limit and len(text) - _hidden_chars(node) > limit:
                continue
            if len(text) >= MIN_ARTICLE_CHARS:
                # A box without a <p> (a list of links) holds no prose: the page's prose is not read for it.
                if node.css_first("p") is not None:
                    if prose is None:
                        prose = _Prose(body)
                    if prose.is_article(node):
                        continue
                if node.css_first("h1") is not None:
                    if paragraph_chars is None:
                        paragraph_chars = _paragraph_chars(body)
                    if _paragraph_chars(node) > MAX_PARAGRAPH_SHARE * paragraph_chars:
                        continue
            if text:
                removals.append(Removal(found.id, found.category, "dom", normalize_paragraph(text)))
            removed_ids.add(node.mem_id)
            doomed.append(node)
        for node in doomed:
            node.decompose()
        # A disclosure's collapsed panel of prose is the article's text folded ("read-more" names the rest of a
        # story as often as links to others), whatever its class. It is shown here, not left to
        # ``reveal_disclosed_panels``: that step finds a panel through its control, and the control, a widget by
        # its own class ("read-more-button"), may just have gone.
        for node in folded:
            show_panel(node)
        return DomCleanResult(tuple(removals), len(doomed))


def _rule_for(
    node: LexborNode, selector_rules: list[CompiledRule], rule_tokens: list[tuple[CompiledRule, set[str]]]
) -> CompiledRule | None:
    """The first selector rule matching ``node``, else the first class-word rule: the packs' order. A rule
    with ``box_text`` matches only a box whose text matches that too."""
    for rule in selector_rules:
        if rule.selector and node.css_matches(rule.selector) and _box_text_matches(rule, node):
            return rule
    if rule_tokens:
        words = _words(node)
        for rule, hits in rule_tokens:
            if not hits.isdisjoint(words) and _box_text_matches(rule, node):
                return rule
    return None


def _leading_token(selector: str) -> str | None:
    """The class or id token (lowercased) that ``selector`` starts with, when it is one selector (no comma
    outside brackets): an element it matches, or an ancestor of it, carries that token."""
    depth = 0
    for character in selector:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            return None
    match = _LEADING_TOKEN.match(selector.strip())
    if match is None:
        return None
    return (match.group(1) or match.group(2)).lower()


#: Above this many class or id tokens to look for, the elements with a class or an id are read once from Python:
#: Lexbor tests every element against every selector of a query, so a selector per token grows with their product.
MAX_TOKEN_SELECTORS = 64


def _candidates(body: LexborNode, selectors: list[str], tokens: set[str]) -> list[LexborNode]:
    """The elements matching ``selectors`` or holding one of ``tokens`` as a class or id word, in document order
    (an ancestor before its descendants)."""
    if len(tokens) <= MAX_TOKEN_SELECTORS:
        return body.css(", ".join([*selectors, *(_token_selector(token) for token in sorted(tokens))]))
    by_selector = {node.mem_id for node in body.css(", ".join(selectors))} if selectors else set()
    # ``traverse`` leaves text nodes out, and a comment has no attributes. A heading's anchor id, which ``_words``
    # leaves out, could only give a candidate that ``_rule_for`` turns down.
    return [
        node
        for node in body.traverse()
        if node.mem_id in by_selector or not tokens.isdisjoint(_class_and_id_words(node))
    ]


def _box_text_matches(rule: CompiledRule, node: LexborNode) -> bool:
    return rule.box_text is None or rule.box_text.search(node_text(node)) is not None


def _set_options() -> Any:
    options = re2.Options()
    options.log_errors = False
    return options


def _has_ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    if not ids:
        return False
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


_INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "cite",
        "code",
        "em",
        "font",
        "i",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
    }
)
_TEXT_BLOCKS = frozenset({"p", "li", "td", "dd", "blockquote"})
#: Characters of a paragraph's own text (outside its links) above which a link in it is part of a sentence.
RUNNING_TEXT_CHARS = 40


def _link_in_running_text(node: LexborNode) -> bool:
    """Whether ``node`` is a link inside a sentence ("… file with <a class="popup-link">TurboTax</a> …"): its
    class names what the link opens (a pop-up, a sign-up form), and the link's words belong to the sentence. A
    paragraph of nothing but links (skip links, a share bar) is not running text."""
    if node.tag != "a":
        return False
    block = node.parent
    while block is not None and block.tag in _INLINE_TAGS:
        block = block.parent
    if block is None or block.tag not in _TEXT_BLOCKS:
        return False
    text = len(node_text(block))
    links = sum(len(node_text(link)) for link in block.css("a"))
    return text - links >= RUNNING_TEXT_CHARS


# What a browser does not show until a script picks it: the ``hidden`` attribute, and the ``hidden`` class that
# Bootstrap and Tailwind define as ``display: none``. An appeal box ships its variants this way.
_HIDDEN = '[hidden], [class~="hidden"]'
# Tailwind's "hidden md:block" shows the element on wider screens: a class with a breakpoint prefix ("md:…")
# next to "hidden" does not make it hidden.
_RESPONSIVE_CLASS = re.compile(r"(?:^|\s)[a-z0-9-]+:[\w-]")


def _is_hidden(element: LexborNode) -> bool:
    attributes = element.attributes
    return "hidden" in attributes or not _RESPONSIVE_CLASS.search(attributes.get("class") or "")


def _hidden_chars(node: LexborNode) -> int:
    """The length of the text in ``node``'s hidden parts (outermost ones only): an article is never mostly
    hidden, an appeal box with variants can be."""
    hidden = [element for element in node.css(_HIDDEN) if _is_hidden(element)]
    hidden_ids = {element.mem_id for element in hidden}
    return sum(len(node_text(element)) for element in hidden if not _has_ancestor_in(element, hidden_ids))


class _Prose:
    """A page's visible prose paragraphs, and the element holding its main run of them with that element's
    ancestors. Hidden paragraphs do not count: an appeal box ships its variants hidden, an article is shown."""

    def __init__(self, body: LexborNode) -> None:
        hidden = [element for element in body.css(_HIDDEN) if _is_hidden(element)]
        hidden_ids = {element.mem_id for element in hidden}
        self.chars: dict[int, int] = {}
        scores: dict[int, float] = {}
        elements: dict[int, LexborNode] = {}
        for paragraph in body.css("p"):
            length = _prose_chars(paragraph)
            if not length or _has_ancestor_in(paragraph, hidden_ids):
                continue
            self.chars[paragraph.mem_id] = length
            parent = paragraph.parent
            for share in (1.0, 0.5):
                if parent is None:
                    break
                scores[parent.mem_id] = scores.get(parent.mem_id, 0.0) + share * length
                elements[parent.mem_id] = parent
                parent = parent.parent
        self.total = sum(self.chars.values())
        self.main_block = self._main_block(scores, elements)

    @staticmethod
    def _main_block(scores: dict[int, float], elements: dict[int, LexborNode]) -> set[int]:
        """The best-scored element and its ancestors, when it leads every element outside its own line by
        ``MAIN_BLOCK_LEAD``: a page builder splits an article over many boxes of similar size, and the best of
        them is then no better than an author's bio beside them."""
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        if not ranked or scores[ranked[0]] < MIN_ARTICLE_CHARS:
            return set()
        block: set[int] = set()
        element: LexborNode | None = elements[ranked[0]]
        while element is not None:
            block.add(element.mem_id)
            element = element.parent
        for other in ranked[1:]:
            if other in block or _has_ancestor_in(elements[other], {ranked[0]}):
                continue
            if scores[other] * MAIN_BLOCK_LEAD > scores[ranked[0]]:
                return set()
            break
        return block

    def is_article(self, node: LexborNode) -> bool:
        """Whether ``node`` holds the main run of prose, or more than half of the page's prose."""
        if node.mem_id in self.main_block:
            return True
        held = sum(self.chars.get(paragraph.mem_id, 0) for paragraph in node.css("p"))
        return held >= MIN_ARTICLE_CHARS and held > MAX_PARAGRAPH_SHARE * self.total


def _prose_chars(paragraph: LexborNode) -> int:
    """A ``<p>``'s length when it reads as prose (long enough, and mostly not links), else 0."""
    length = len(node_text(paragraph))
    if length < MIN_PROSE_CHARS:
        return 0
    if sum(len(node_text(link)) for link in paragraph.css("a")) > MAX_PROSE_LINK_SHARE * length:
        return 0
    return length


def _paragraph_chars(node: LexborNode) -> int:
    return sum(len(node_text(paragraph)) for paragraph in node.css("p"))


def _removable(node: LexborNode) -> bool:
    if node.tag in _PROTECTED_TAGS:
        return False
    return node.css_first("article, main") is None
