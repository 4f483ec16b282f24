"""Collapsed accordion and disclosure panels: their folded text reaches the article; hidden menus and pop-ups,
disclosed the same way, stay out."""

from __future__ import annotations

import pytest
import trafilatura
from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean import _dom
from newsclean._disclosed_panels import reveal_disclosed_panels

INTRO = [
    "Installing solar panels at home takes about three months from the first quote to the day the system runs.",
    "Most of that time goes on paperwork and inspections, not on the roof, and each step below says how long.",
    "The figures come from a survey of two hundred installers in twelve states, asked about jobs done last year.",
    "Delays were longest where the utility had a queue of requests, and shortest where the city issued permits online.",
    "A battery added to the system rarely changes the timeline, but a roof repair before the work can add a month.",
    "Homeowners who gathered their bills and roof documents before the first call saved about two weeks on average.",
]
STEPS = [
    (
        "Week 1: find an installer",
        "Ask at least three installers for a quote, and give each of them a year of electricity bills to size it.",
    ),
    (
        "Weeks 2-4: permits",
        "The installer files the building permit and the grid connection request, which the utility must approve.",
    ),
    (
        "Weeks 5-8: installation",
        "The crew mounts the racking and the panels in one or two days, and an inspector checks the wiring after.",
    ),
]


def _accordion(panel_attributes: str) -> str:
    return "".join(
        f'<div class="step"><h3><button aria-expanded="false" aria-controls="step-{n}" id="step-{n}-header">'
        f"{header}</button></h3>"
        f'<div id="step-{n}" {panel_attributes} aria-labelledby="step-{n}-header"><p>{body}</p></div></div>'
        for n, (header, body) in enumerate(STEPS)
    )


def _page(accordion: str, extra: str = "") -> str:
    intro = "".join(f"<p>{sentence}</p>" for sentence in INTRO)
    return (
        "<html><head><title>How long does a solar installation take?</title></head><body>"
        f"{extra}<article><h1>How long does a solar installation take?</h1>{intro}{accordion}</article>"
        "</body></html>"
    )


def _text(page: str) -> str:
    return newsclean.clean_html(page, url="https://example.org/solar/timeline").text


def test_panels_collapsed_with_display_none_reach_the_article() -> None:
    page = _page(_accordion('role="region" style="display:none;"'))
    plain = trafilatura.extract(page, include_comments=False, deduplicate=False) or ""
    assert STEPS[0][1] not in plain  # what the step exists for: trafilatura deletes hidden elements
    text = _text(page)
    assert all(body in text for _, body in STEPS)
    assert all(sentence in text for sentence in INTRO)


def test_panels_hidden_by_attribute_or_aria_hidden_are_revealed() -> None:
    hidings = ("hidden", 'aria-hidden="true"', 'style="color: red; display: none !important"', 'class="panel hidden"')
    for hiding in hidings:
        page = _page(_accordion(hiding))
        text = _text(page)
        assert all(body in text for _, body in STEPS), hiding


def test_a_labelled_region_needs_no_control_naming_it() -> None:
    panel = f'<div role="region" aria-labelledby="faq-1" style="display:none"><p>{STEPS[1][1]}</p></div>'
    page = _page(f'<h3 id="faq-1">When do I need a permit?</h3>{panel}')
    assert STEPS[1][1] in _text(page)


def test_a_hidden_element_no_control_names_stays_hidden() -> None:
    stray = "This hidden paragraph belongs to no accordion and no reader ever sees it on the published page."
    page = _page(_accordion('role="region" style="display:none"'), extra="")
    page = page.replace("</article>", f'<div id="orphan" style="display:none"><p>{stray}</p></div></article>')
    text = _text(page)
    assert STEPS[0][1] in text
    assert stray not in text


def _controlled(panels: str, controls: str = "panel") -> LexborHTMLParser:
    """A page with one control naming ``controls`` (space-separated ids), followed by ``panels``."""
    return _dom.parse(f'<html><body><button aria-controls="{controls}">Open</button>{panels}</body></html>')


def test_only_the_hiding_is_removed() -> None:
    tree = _controlled(
        f'<div id="panel" class="panel hidden" style="color: red; display:none; margin: 0" hidden aria-hidden="true">'
        f"<p>{STEPS[0][1]}</p></div>"
    )
    assert reveal_disclosed_panels(tree) == 1
    panel = tree.css_first("#panel")
    assert panel is not None
    attributes = panel.attributes
    assert "hidden" not in attributes and "aria-hidden" not in attributes
    assert attributes["class"] == "panel"
    assert "display" not in (attributes["style"] or "")
    assert "color: red" in (attributes["style"] or "") and "margin: 0" in (attributes["style"] or "")


def test_a_collapsed_menu_of_links_stays_hidden() -> None:
    links = "".join(f'<li><a href="/section/{n}">Section number {n}</a></li>' for n in range(12))
    tree = _controlled(f'<ul id="panel" style="display:none">{links}</ul>')
    assert reveal_disclosed_panels(tree) == 0
    submenu = tree.css_first("#panel")
    assert submenu is not None and "display:none" in (submenu.attributes["style"] or "")


def test_a_disclosed_dialog_stays_hidden() -> None:
    appeal = "Parents who struggle after a birth can call the free hotline at any hour of the day or the night."
    for dialog in ('role="dialog"', 'aria-modal="true"'):
        tree = _controlled(f'<div id="panel" {dialog} style="display:none"><p>{appeal}</p></div>')
        assert reveal_disclosed_panels(tree) == 0, dialog


def test_a_short_panel_stays_hidden() -> None:
    assert reveal_disclosed_panels(_controlled('<div id="panel" style="display:none">Press the red button.</div>')) == 0


def test_any_id_can_name_a_panel() -> None:
    tree = _controlled(
        f'<div id="a&quot;b" style="display:none"><p>{STEPS[0][1]}</p></div>'
        f'<div id="c\\d" style="display:none"><p>{STEPS[1][1]}</p></div>',
        controls="a&quot;b c\\d",
    )
    assert reveal_disclosed_panels(tree) == 2


def test_thousands_of_panels_are_all_revealed() -> None:
    panels = 5000
    body = "".join(
        f'<button aria-controls="panel-{n}">Step {n}</button><div id="panel-{n}" hidden><p>{STEPS[0][1]}</p></div>'
        for n in range(panels)
    )
    tree = _dom.parse(f"<html><body>{body}</body></html>")
    assert reveal_disclosed_panels(tree) == panels


def test_a_visible_panel_is_not_counted_or_changed() -> None:
    tree = _controlled(f'<div id="panel" style="margin: 0"><p>{STEPS[0][1]}</p></div>')
    assert reveal_disclosed_panels(tree) == 0
    panel = tree.css_first("#panel")
    assert panel is not None and panel.attributes["style"] == "margin: 0"


# -- a story's second half folded behind "Continue reading" ----------------------------------------------------

FIRST_HALF = [
    f"Paragraph {n}: the council voted seven to two on Tuesday to approve a budget that expands bus service across"
    " the eastern districts."
    for n in range(4)
]
SECOND_HALF = [
    f"Paragraph {n}: riders on the eastern lines have waited years for the new routes, and the first of them opens"
    " in the spring."
    for n in range(4, 8)
]
HIDINGS = ("hidden", 'style="display:none"', 'aria-hidden="true"')


def _folded_story(hiding: str, control: str = "button", rest: str = "") -> str:
    shown = "".join(f"<p>{paragraph}</p>" for paragraph in FIRST_HALF)
    rest = rest or "".join(f"<p>{paragraph}</p>" for paragraph in SECOND_HALF)
    toggle = (
        f'<{control} class="read-more-button" aria-expanded="false" aria-controls="story-rest">'
        f"Continue reading</{control}>"
    )
    return (
        "<html><head><title>Council approves budget</title></head><body>"
        f"<article><h1>Council approves budget</h1>{shown}{toggle}"
        f'<div class="read-more" id="story-rest" {hiding}>{rest}</div></article></body></html>'
    )


@pytest.mark.parametrize("hiding", HIDINGS)
@pytest.mark.parametrize("control", ["button", "a"])
def test_a_read_more_panel_holding_the_rest_of_the_story_is_revealed_not_removed(hiding: str, control: str) -> None:
    # "read-more" names a box of links to other stories as often as the rest of this one; a disclosure's panel
    # of prose is the latter, and its button ("read-more-button", a widget) may go without taking it along.
    article = newsclean.clean_html(_folded_story(hiding, control=control), url="https://example.org/budget")
    assert list(article.paragraphs) == FIRST_HALF + SECOND_HALF
    assert [removal.text for removal in article.removed if removal.rule == "dom.related-box"] == ["Continue reading"]


def test_a_read_more_panel_of_links_still_goes() -> None:
    links = "".join(f'<li><a href="/story/{n}">Another story about the council, number {n}</a></li>' for n in range(6))
    article = newsclean.clean_html(_folded_story("hidden", rest=f"<ul>{links}</ul>"), url="https://example.org/budget")
    assert list(article.paragraphs) == FIRST_HALF
    assert "Another story" not in article.text


def test_a_hidden_read_more_box_that_no_control_names_still_goes() -> None:
    # Without the disclosure markup, hidden is no sign of content (closed menus and pop-ups are hidden alike):
    # the box is judged by its class, as before.
    page = _folded_story("hidden").replace(' aria-controls="story-rest"', "")
    article = newsclean.clean_html(page, url="https://example.org/budget")
    assert list(article.paragraphs) == FIRST_HALF
    assert "dom.related-box" in [removal.rule for removal in article.removed]
