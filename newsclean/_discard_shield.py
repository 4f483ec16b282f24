"""Keep the article's prose out of trafilatura's class-token discard.

Before choosing the main block, trafilatura deletes every ``div``/``section``/``p``/``span``/… whose ``class``
or ``id`` *contains* one of about ninety boilerplate substrings (``OVERALL_DISCARD_XPATH``): "widget", "meta",
"bar", "-stories", "footer", "embed"… Substrings hit article containers too: WordPress and Elementor put every
block in a ``*-widget`` box, tennis.com writes its body as ``oc-c-markdown-stories``, a Webflow page as
``w-embed``, a layout as ``c-layout-sidebar-left`` or ``page1-footer``. trafilatura only keeps such a page when
the discard would take more than six sevenths of all its text; a page with a long menu or a list of other
stories passes that guard, and loses its article.

The shield changes nothing unless the discard, as the tree stands, would delete most of the page's prose
(``PROSE_MAJORITY``) and trafilatura's own guard would let it. Then it defuses the matched containers that
carry the prose: their matching substrings get an underscore ("w_idget"), so the discard passes them by while
every other class word, which trafilatura's body selectors read ("post-content", "article-body"), stays. A
container qualifies when it holds a large share of the prose (``LARGE_SHARE``), or holds some prose and matched
on layout words only (``LAYOUT_TOKENS``), the way Elementor splits an article over many small
``elementor-widget`` boxes. Boxes matched on what they are ("newsletter", "share", "related", "author"…) with a
small share of the prose stay doomed, and so does anything matched by ``role`` or a ``data-`` attribute: those
are declared, not substrings.
See docs/dom.md, "The discard shield".
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from ._xpath_prefilter import EXSLT_REGEX, guarded_path

#: The discard would delete at least this share of the page's prose: the article is in what it matched.
PROSE_MAJORITY = 0.5
#: A matched container holding this share of the page's prose is shielded whatever its class words say.
LARGE_SHARE = 0.25
#: trafilatura's discard tokens that name a layout mechanism, not a kind of boilerplate; a container matched
#: on these only, and holding prose, is a content block in a page builder's box.
LAYOUT_TOKENS = frozenset(
    {
        "widget", "meta", "bar", "slide", "overlay", "viewport", "expand", "options",
        "-stories", "rating", "attachment", "-icon", "timestamp",
    }
)  # fmt: skip
#: Below this, a page has too little prose for shares to mean anything.
MIN_PAGE_PROSE = 400
#: A ``<p>`` counts as prose from this many characters, with at most ``MAX_LINK_SHARE`` of them in links.
MIN_PROSE_CHARS = 40
MAX_LINK_SHARE = 0.3
#: trafilatura's own guard: it prunes only when what is left keeps more than this share of the text.
TRAFILATURA_KEEPS = 1 / 7

_TEST = re.compile(r"re:test\(@(id\|@class|id|class), '([^']*)'\)")
_DESCENDANTS = ".//*"
#: The attributes trafilatura's discard expressions read (2.x); a version reading others disables the shield.
_ATTRIBUTES_READ = frozenset(
    {"class", "id", "style", "role", "aria-hidden", "data-component", "data-lp-replacement-content"}
)
_MAX_DEFUSE_ROUNDS = 20


class _Discard:
    """trafilatura's discard expressions, the same tests for one element, and their regexes' alternatives."""

    def __init__(self, expressions: list[Any]) -> None:
        from lxml import etree

        self.expressions = expressions
        read = {name for expression in expressions for name in re.findall(r"@([\w-]+)", expression.path)}
        if not read <= _ATTRIBUTES_READ:
            raise ValueError(f"discard expressions read attributes the shield does not know: {sorted(read)}")
        # ".//*[test]" selects the descendants passing the test; "self::*[test]" asks it of one element, so that
        # only the ancestors of prose paragraphs are tested (the regex tests call back into Python per element),
        # and only those with the attributes tested (``_xpath_prefilter``).
        self.element_tests = [
            etree.XPath(
                _as_element_test(guarded_path(expression.path)), namespaces={"re": EXSLT_REGEX}, smart_strings=False
            )
            for expression in expressions
        ]
        tokens: dict[str, list[tuple[str, re.Pattern[str]]]] = {"id": [], "class": []}
        for attributes, pattern in _TEST.findall(expressions[0].path):
            for token in _alternatives(pattern):
                for attribute in attributes.split("|@"):
                    tokens[attribute].append((token, re.compile(token)))
        self.tokens = tokens
        self.patterns = {attribute: [pattern for _, pattern in found] for attribute, found in tokens.items()}

    def verdict(self, element: Any) -> tuple[bool, bool]:
        """(matched by the class/id token expression, matched by any discard expression)."""
        by_tokens = bool(self.element_tests[0](element))
        return by_tokens, by_tokens or any(test(element) for test in self.element_tests[1:])

    def matched_tokens(self, element: Any) -> list[str]:
        return [
            token
            for attribute, alternatives in self.tokens.items()
            if (value := element.get(attribute))
            for token, pattern in alternatives
            if pattern.search(value)
        ]


def _as_element_test(path: str) -> str:
    path = path.strip()
    if not path.startswith(_DESCENDANTS):
        raise ValueError(f"unexpected discard expression: {path[:40]!r}")
    return "self::*" + path[len(_DESCENDANTS) :]


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (``a|(?:b|c)|d`` → ``a``, ``(?:b|c)``, ``d``)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in pattern:
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part]


@functools.cache
def _trafilatura_discard() -> _Discard | None:
    """Read once; ``None`` when this trafilatura has no such expressions (the shield then does nothing)."""
    try:
        from trafilatura.xpaths import OVERALL_DISCARD_XPATH

        return _Discard(list(OVERALL_DISCARD_XPATH)) if OVERALL_DISCARD_XPATH else None
    except (ImportError, AttributeError, IndexError, ValueError):  # another trafilatura: no shield
        return None


def shield_article_prose(tree: Any) -> int:
    """Defuse the discard matches that carry the article's prose in ``tree`` (lxml, changed in place).

    Returns the number of containers shielded (0 when the discard would leave most of the prose alone)."""
    discard = _trafilatura_discard()
    if discard is None:
        return 0
    verdicts = _Verdicts(tree, discard)
    prose = verdicts.prose_by_container()
    page = prose.pop(tree, 0)
    doomed = prose.pop(_DOOMED, 0)
    if page < MIN_PAGE_PROSE or doomed < PROSE_MAJORITY * page:
        return 0
    chosen = [
        container
        for container, chars in prose.items()
        if not _declared(container) and (chars >= LARGE_SHARE * page or _layout_only(discard.matched_tokens(container)))
    ]
    if not chosen or not verdicts.trafilatura_would_prune():
        return 0
    for container in chosen:
        _defuse(container, discard)
    return len(chosen)


_DOOMED = object()  # key of the prose the discard would delete, in ``prose_by_container``'s counter


class _Verdicts:
    """The discard's verdict on elements of one page, each element and each tag-and-attributes seen once."""

    def __init__(self, tree: Any, discard: _Discard) -> None:
        self.tree = tree
        self.discard = discard
        self.by_signature: dict[tuple[Any, ...], tuple[bool, bool]] = {}
        # element -> (the token-matched elements from it up to the root, whether any element on the way is doomed)
        self.paths: dict[Any, tuple[tuple[Any, ...], bool]] = {tree: ((), False)}

    def verdict(self, element: Any) -> tuple[bool, bool]:
        """(matched by the class/id token expression, matched by any discard expression)."""
        # The tests read only the tag and these attributes, in source order ("@id|@class" reads the first).
        signature = (element.tag, *((name, value) for name, value in element.items() if name in _ATTRIBUTES_READ))
        verdict = self.by_signature.get(signature)
        if verdict is None:
            verdict = self.by_signature[signature] = self.discard.verdict(element) if len(signature) > 1 else _PASS
        return verdict

    def path(self, element: Any) -> tuple[tuple[Any, ...], bool]:
        climbed = []
        while element not in self.paths:
            climbed.append(element)
            element = element.getparent()
            if element is None:  # detached: cannot happen in a parsed tree, but never loop
                return (), False
        matched, doomed = self.paths[element]
        for element in reversed(climbed):
            by_tokens, any_expression = self.verdict(element)
            matched = (*matched, element) if by_tokens else matched
            doomed = doomed or any_expression
            self.paths[element] = (matched, doomed)
        return matched, doomed

    def prose_by_container(self) -> Counter[Any]:
        """Characters of prose paragraphs: the page's (under the root), the doomed ones (under ``_DOOMED``), and
        those in each container the token expression matches."""
        prose: Counter[Any] = Counter()
        for paragraph in self.tree.iter("p"):
            length = prose_chars(paragraph)
            if not length:
                continue
            matched, doomed = self.path(paragraph)
            prose[self.tree] += length
            if doomed:
                prose[_DOOMED] += length
            for container in matched:
                prose[container] += length
        return prose

    def trafilatura_would_prune(self) -> bool:
        """trafilatura skips the whole discard when it would leave too little text; then nothing needs
        shielding, and shielding a part would let it delete the rest."""
        total = len(self.tree.text_content())
        doomed = 0
        elements = iter(self.tree.iterdescendants())
        for element in elements:
            if isinstance(element.tag, str) and self.verdict(element)[1]:
                doomed += len(element.text_content())
                _skip_subtree(elements, element)
        return total - doomed > total * TRAFILATURA_KEEPS


_PASS = (False, False)


def prose_chars(paragraph: Any, link_tags: tuple[str, ...] = ("a",)) -> int:
    """The characters of a ``<p>`` that reads as prose (``MIN_PROSE_CHARS`` or more, at most ``MAX_LINK_SHARE`` of
    them in links), else 0. trafilatura's converted trees name links ``ref``: pass ``link_tags`` for them."""
    length = len(paragraph.text_content().strip())
    if length < MIN_PROSE_CHARS:
        return 0
    if sum(len(link.text_content()) for link in paragraph.iter(*link_tags)) > MAX_LINK_SHARE * length:
        return 0
    return length


def _skip_subtree(elements: Iterator[Any], element: Any) -> None:
    """Advance a document-order iterator past ``element``'s descendants."""
    last = element
    while len(last):
        last = last[-1]
    if last is element:
        return
    for following in elements:
        if following is last:
            return


def _layout_only(tokens: list[str]) -> bool:
    return bool(tokens) and LAYOUT_TOKENS.issuperset(tokens)


def _declared(element: Any) -> bool:
    """Matched by a role or a data attribute the page sets on purpose, not by a class substring."""
    return bool(element.get("role") or element.get("data-component") or element.get("data-lp-replacement-content"))


def _defuse(element: Any, discard: _Discard) -> None:
    for attribute, patterns in discard.patterns.items():
        value = element.get(attribute)
        if value:
            element.set(attribute, _defused(value, patterns))


def _defused(value: str, patterns: Sequence[re.Pattern[str]]) -> str:
    """``value`` with an underscore after the first letter of each discard match ("a-widget" → "a-w_idget")."""
    for _ in range(_MAX_DEFUSE_ROUNDS):
        found = min(
            (match for pattern in patterns if (match := pattern.search(value))),
            key=lambda match: match.start(),
            default=None,
        )
        if found is None:
            break
        start, end = found.span()
        letter = start + len(value[start:end]) - len(value[start:end].lstrip())
        if letter >= end:  # a match of spaces only: no letter to split, and no discard token is one
            break
        value = value[: letter + 1] + "_" + value[letter + 1 :]
    return value
