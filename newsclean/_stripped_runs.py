"""Crowded runs of inline elements joined into one text node before trafilatura strips their tags.

lxml's ``strip_tags`` leaves the text of each element it strips as a text node of its own beside the others, and
lxml reads an element's ``text``, ``tail`` or ``itertext()`` over adjacent text nodes by appending them one at a
time to a growing string: time that grows with the square of their number. trafilatura strips links, spans and
the like, then reads the result's text several times, so a ``<div>`` of 100,000 links (4 MB, a link farm or a
tag cloud) took 18 s, most of it in C calls no deadline interrupts, and one of 8 MB about a minute. Unwrapped
here in one pass, a parent's run of such elements becomes one text node, with the same text: the tree is the one
``strip_tags`` makes, with fewer text nodes.

Only a parent holding ``CROWDED_RUN`` or more elements to strip, none of them with children, is joined: nowhere
else do text nodes add up, and every other parent is left to lxml as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Childless elements to strip under one parent from which their text is joined first (a paragraph of a gold page
#: holds a few dozen links at most; time grows with the square of this count).
CROWDED_RUN = 64


def join_crowded_runs(tree: Any, tags: Iterable[Any], *, crowded: int = CROWDED_RUN) -> int:
    """Unwrap the childless elements named by ``tags`` (as ``lxml.etree.strip_tags`` takes them: names, or lists
    of names) under each parent of ``tree`` that holds ``crowded`` or more of them, each run of text joined; how
    many were unwrapped."""
    names = [tag for tag in _flattened(tags) if isinstance(tag, str) and "*" not in tag and "{" not in tag]
    if not names:
        return 0
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    by_parent: dict[Any, list[Any]] = {}
    for element in root.iter(*names):
        if element is not root and len(element) == 0:
            by_parent.setdefault(element.getparent(), []).append(element)
    unwrapped = 0
    for parent, leaves in by_parent.items():
        if parent is not None and len(leaves) >= crowded:
            _unwrap(parent, {id(leaf) for leaf in leaves})
            unwrapped += len(leaves)
    return unwrapped


def _unwrap(parent: Any, stripped: set[int]) -> None:
    """Remove ``parent``'s children whose ids are ``stripped``, their text and tail joined into the text before
    them (the parent's own, or the tail of the child kept before them)."""
    holder, attribute = parent, "text"
    run = [parent.text or ""]
    for child in list(parent):
        if id(child) in stripped:
            run.extend((child.text or "", child.tail or ""))
            parent.remove(child)
        else:
            setattr(holder, attribute, "".join(run) or None)
            holder, attribute = child, "tail"
            run = [child.tail or ""]
    setattr(holder, attribute, "".join(run) or None)


def _flattened(tags: Iterable[Any]) -> list[Any]:
    flattened: list[Any] = []
    for tag in tags:
        if isinstance(tag, list | tuple | set | frozenset):
            flattened.extend(tag)
        else:
            flattened.append(tag)
    return flattened
