"""trafilatura's XPath expressions, rewritten to give the same elements for less work.

trafilatura tests class and id attributes with EXSLT regular expressions (``re:test(@class, 'widget|meta|…')``),
which lxml answers by calling back into Python's ``re`` for every element the expression visits: about a fifth of
newsclean's time goes to evaluating trafilatura's expressions, most of it in those calls. Two rewrites keep every
answer and skip most of the calls:

- an element without the attribute tested gets an empty string, which a pattern that cannot match the empty
  string never matches, so such a test is guarded by the attribute's presence (``(@class and re:test(@class,
  …))``), which libxml2 answers itself and, false, short-circuits;
- lxml hands each call its node-set argument as strings that remember their element (its "smart strings"),
  building a proxy of the element for each; an expression that can only select elements never returns such a
  string, so it is compiled without them.

Each rewritten expression is checked against the original on trees built to exercise every test (the tests in
``tests/test_xpath_prefilter.py``), and ``_trafilatura_fallback`` uses them only while newsclean extracts.
"""

from __future__ import annotations

import re
from typing import Any

EXSLT_REGEX = "http://exslt.org/regular-expressions"

# An EXSLT regex test on one or more attributes, as trafilatura writes them: re:test(@id|@class, 'pattern', 'i').
_REGEX_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*), '([^']*)'(?:, '([^']*)')?\)")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
# A location path whose steps, predicates set aside, all select elements by name (or any element), possibly in
# parentheses (which a predicate follows: "(.//div[…])[1]").
_NAME_TEST = r"(?:\*|[A-Za-z_][\w.-]*)"
_ELEMENT_STEP = rf"(?:{_NAME_TEST}|self::{_NAME_TEST}|descendant(?:-or-self)?::{_NAME_TEST})"
_ELEMENT_PATH = rf"(?:\.?//?)?{_ELEMENT_STEP}(?://?{_ELEMENT_STEP})*"
_ELEMENTS_ONLY = re.compile(rf"\s*(?:{_ELEMENT_PATH}|\(\s*{_ELEMENT_PATH}\s*\))\s*")


def guarded_path(path: str) -> str:
    """``path`` with each regex test that cannot match the empty string guarded by its attributes' presence."""

    def guard(test: re.Match[str]) -> str:
        attributes, pattern, flags = test.groups()
        try:
            compiled = re.compile(pattern, re.IGNORECASE if flags and "i" in flags else 0)
        except re.error:
            return test.group(0)
        if compiled.search("") is not None:  # a missing attribute would pass it: no guard
            return test.group(0)
        present = " or ".join(attributes.split("|"))
        return f"(({present}) and {test.group(0)})"

    return _REGEX_TEST.sub(guard, path)


def selects_elements_only(path: str) -> bool:
    """Whether every branch of ``path`` is a location path of element steps (its predicates set aside), so that
    it can never return a string."""
    bare = _without_predicates(_QUOTED.sub("''", path))
    if bare is None:
        return False
    return all(_ELEMENTS_ONLY.fullmatch(branch) for branch in bare.split("|"))


def _without_predicates(path: str) -> str | None:
    """``path`` with its bracketed predicates taken out; ``None`` when its brackets do not balance."""
    kept: list[str] = []
    depth = 0
    for char in path:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            kept.append(char)
    return "".join(kept) if depth == 0 else None


def faster_xpath(expression: Any) -> Any | None:
    """The expression rewritten as above, compiled; ``None`` when neither rewrite applies to it."""
    from lxml import etree

    path = expression.path
    guarded = guarded_path(path)
    plain_strings = "re:test(" in path and selects_elements_only(path)
    if guarded == path and not plain_strings:
        return None
    return etree.XPath(guarded, namespaces={"re": EXSLT_REGEX}, smart_strings=not plain_strings)
