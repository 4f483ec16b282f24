"""Show the extractor the collapsed panels of accordions and disclosures: they are the article's text, folded.

An FAQ or a step-by-step guide often ships each answer or step collapsed (``style="display:none"``,
``aria-hidden="true"``, the ``hidden`` attribute or a ``hidden`` class) until its header is clicked. trafilatura
deletes every such element before it looks for the article, so those pages come out as their headers only. A
hidden element is not always content, though: closed menus, search overlays and pop-ups are hidden the same way.

What marks a panel is the WAI-ARIA disclosure and accordion pattern: its ``id`` is named by some control's
``aria-controls``, or it is a ``role="region"`` labelled by its header (``aria-labelledby``). Of those, a panel
is revealed (its hiding removed, nothing else) when it reads as text, not as a list of links: ``MIN_CHARS`` or
more, at most ``MAX_LINK_SHARE`` of them in links. Closed menus and submenus, the other big family of controlled
hidden elements, are link lists and stay hidden; so do dialogs (``role="dialog"``, ``aria-modal``), which are
disclosed the same way but are pop-ups. See docs/dom.md, "Collapsed panels".

The DomCleaner asks ``is_collapsed_text_panel`` too: such a panel is the article's text whatever its class
("read-more" names the rest of a story as often as a box of links to others), so it is shown, not removed.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ._dom import node_text

#: A panel shorter than this is a label or a button's worth of text: nothing to gain, and a menu stub can be one.
MIN_CHARS = 80
#: A panel with more of its text in links than this is a menu or a list of links, not folded prose.
MAX_LINK_SHARE = 0.3

_CONTROLS = "[aria-controls]"
_LABELLED_REGIONS = '[role="region" i][aria-labelledby]'
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*(?:!\s*important\s*)?;?", re.IGNORECASE)
#: Utility classes that hide an element (Tailwind's and Bootstrap's ``hidden``, ``hide``, ``is-hidden``); trafilatura
#: deletes an element whose class attribute has " hidden" or " hide" after another class.
_HIDING_CLASSES = frozenset({"hidden", "hide", "is-hidden"})


def reveal_disclosed_panels(tree: LexborHTMLParser) -> int:
    """Remove the hiding of every collapsed panel in ``tree`` that reads as text (changed in place).

    Returns the number of panels revealed."""
    body = tree.body
    if body is None:
        return 0
    controlled = controlled_ids(body)
    # One pass over the elements with an id, not a selector per id: a page with thousands of controls would make
    # Lexbor test every element against every one of them.
    panels = body.css(_LABELLED_REGIONS)
    if controlled:
        panels.extend(node for node in body.css("[id]") if node.attributes.get("id") in controlled)
    revealed = 0
    seen: set[int] = set()
    for panel in panels:
        if panel.mem_id in seen:
            continue
        seen.add(panel.mem_id)
        if _is_collapsed_text(panel):
            show_panel(panel)
            revealed += 1
    return revealed


def controlled_ids(body: LexborNode) -> set[str]:
    """The ids that some control in ``body`` names in ``aria-controls``."""
    return {
        identifier
        for control in body.css(_CONTROLS)
        for identifier in (control.attributes.get("aria-controls") or "").split()
    }


def is_collapsed_text_panel(node: LexborNode, controlled: Collection[str]) -> bool:
    """Whether ``node`` is a collapsed panel that reads as text: the kind ``reveal_disclosed_panels`` shows.
    ``controlled`` holds the page's ``controlled_ids``."""
    is_panel = node.attributes.get("id") in controlled or node.css_matches(_LABELLED_REGIONS)
    return is_panel and _is_collapsed_text(node)


def _is_collapsed_text(panel: LexborNode) -> bool:
    return is_hidden(panel) and not _is_dialog(panel) and _reads_as_text(panel)


def is_hidden(node: LexborNode) -> bool:
    """Whether ``node`` hides itself in one of the ways a collapsed panel does (not through an ancestor)."""
    attributes = node.attributes
    return (
        "hidden" in attributes
        or not _HIDING_CLASSES.isdisjoint((attributes.get("class") or "").split())
        or (attributes.get("aria-hidden") or "").lower() == "true"
        or _DISPLAY_NONE.search(attributes.get("style") or "") is not None
    )


def _is_dialog(node: LexborNode) -> bool:
    attributes = node.attributes
    return (
        node.tag == "dialog"
        or (attributes.get("role") or "").lower() in {"dialog", "alertdialog"}
        or (attributes.get("aria-modal") or "").lower() == "true"
    )


def _reads_as_text(node: LexborNode) -> bool:
    length = len(node_text(node))
    if length < MIN_CHARS:
        return False
    return sum(len(node_text(link)) for link in node.css("a")) <= MAX_LINK_SHARE * length


def show_panel(node: LexborNode) -> None:
    """Remove ``node``'s hiding, and nothing else."""
    attributes = node.attrs
    if "hidden" in attributes:
        del attributes["hidden"]
    if (attributes.get("aria-hidden") or "").lower() == "true":
        del attributes["aria-hidden"]
    classes = (attributes.get("class") or "").split()
    if not _HIDING_CLASSES.isdisjoint(classes):
        attributes["class"] = " ".join(name for name in classes if name not in _HIDING_CLASSES)
    style = attributes.get("style")
    if style and _DISPLAY_NONE.search(style):
        attributes["style"] = _DISPLAY_NONE.sub("", style).strip()
