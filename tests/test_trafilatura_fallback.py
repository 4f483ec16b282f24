"""When trafilatura's main pass finds no article container: the container holding the prose is found for it,
or readability's structured article is taken, so the article keeps its headings and lists and loses the page's
other loose paragraphs; trafilatura outside newsclean is untouched."""

from __future__ import annotations

import threading

import pytest
import trafilatura
from lxml import html as lxml_html

from newsclean import _trafilatura_fallback
from newsclean._article_container import article_container
from newsclean._extract import TrafilaturaExtractor

SENTENCES = [
    "Choosing a platform for a small shop depends on how much time the owner can spend on upkeep every week.",
    "The first option gives full control over the design, the plugins and the hosting of every single page.",
    "Hosted builders trade some of that freedom for updates, backups and security handled by the vendor.",
    "Costs differ more than the advertised prices suggest once themes, add-ons and transaction fees count.",
    "Search engines treat the platforms alike when the pages load fast and the markup stays clean and small.",
    "Owners who plan to sell online should compare the checkout flows before they compare the templates.",
]
HEADINGS = ["Why the platform matters", "Which builder suits a shop", "What it costs over time"]
ITEMS = [
    f"Point {section}.{item}: a short note on one of the platform's features"
    for section in range(3)
    for item in range(4)
]


def _prose(section: int) -> str:
    first = " ".join(SENTENCES[(2 * section + k) % 6] for k in range(3))
    second = " ".join(SENTENCES[(2 * section + k) % 6] for k in range(3, 6))
    return f"<p>{first}</p><p>{second}</p>"


def _list(section: int) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in ITEMS[4 * section : 4 * section + 4]) + "</ul>"


def _sections(*, headings: bool = True, lists: bool = True) -> str:
    return "".join(
        (f"<h2>{HEADINGS[section]}</h2>" if headings else "") + _prose(section) + (_list(section) if lists else "")
        for section in range(3)
    )


def _page(
    container_class: str = "richtext-presentation w-richtext",
    *,
    headings: bool = True,
    lists: bool = True,
    aside: str = "",
) -> str:
    # "w-richtext" is no class trafilatura's body selectors know, so its main pass finds no container and falls
    # back to the page's loose paragraphs.
    return (
        "<html><head><title>Website builders compared</title></head><body>"
        "<div class='top'><a href='/'>Home</a> <a href='/blog'>Blog</a></div>"
        f"<div class='{container_class}'>{_sections(headings=headings, lists=lists)}</div>{aside}</body></html>"
    )


PROMO = "Book a free call with our team this week and we will build your new website in less than a month."
BOTH_OFF = {"find_article_container": False, "prefer_structured_readability": False}


def _released_trafilatura(page: str) -> str:
    return trafilatura.extract(page, include_comments=False, deduplicate=False) or ""


def _lines(page: str, **options: bool) -> list[str]:
    return TrafilaturaExtractor(**options).extract(page, url="https://example.org/blog/builders")


def test_headings_and_lists_come_back_after_the_wild_text_fallback() -> None:
    page = _page()
    released = _released_trafilatura(page)
    assert SENTENCES[0] in released
    assert HEADINGS[0] not in released and ITEMS[0] not in released  # the loss this module exists for

    text = "\n".join(_lines(page))
    assert all(heading in text for heading in HEADINGS)
    assert all(item in text for item in ITEMS)
    assert all(sentence in text for sentence in SENTENCES)


def test_each_step_alone_brings_them_back_and_both_can_be_turned_off() -> None:
    page = _page()
    for alone in ({"find_article_container": False}, {"prefer_structured_readability": False}):
        text = "\n".join(_lines(page, **alone))
        assert HEADINGS[0] in text and ITEMS[0] in text, alone
    text = "\n".join(_lines(page, **BOTH_OFF))
    assert SENTENCES[0] in text
    assert HEADINGS[0] not in text and ITEMS[0] not in text


def test_the_container_pass_leaves_the_page_s_other_paragraphs_out() -> None:
    page = _page(aside=f"<div class='promo'><p>{PROMO}</p></div>")
    assert PROMO in "\n".join(_lines(page, **BOTH_OFF))  # wild text takes every loose paragraph
    text = "\n".join(_lines(page, prefer_structured_readability=False))
    assert PROMO not in text
    assert HEADINGS[2] in text and ITEMS[-1] in text and SENTENCES[-1] in text


def _tree(body: str) -> object:
    return lxml_html.fromstring(f"<html><body>{body}</body></html>")


def test_the_container_is_the_deepest_box_holding_nearly_all_the_prose() -> None:
    teaser = f"<div id='teaser'><h3>Related</h3><p>{SENTENCES[0]}</p></div>"  # under a tenth of the prose
    tree = _tree(f"<div id='page'><div id='story'>{_prose(0)}{_prose(1)}</div>{teaser}</div>")
    found = article_container(tree)
    assert found is not None and found.get("id") == "story"


def test_the_container_widens_to_a_lead_paragraph_outside_it() -> None:
    lead = f"<p class='lead'>{SENTENCES[5]}</p>"
    story = f"<div id='story'>{lead}<div id='text'>{_prose(0)}{_prose(1)}</div></div>"
    tree = _tree(f"<div id='col'><div>FULL STORY</div>{story}</div>")
    found = article_container(tree)
    assert found is not None and found.get("id") == "story"  # not 'text', and not 'col' (its label is no prose)


def test_no_container_when_the_prose_is_split_or_too_short() -> None:
    split = _tree(f"<div id='a'>{_prose(0)}</div><div id='b'>{_prose(1)}</div>")
    assert article_container(split) is None
    short = _tree(f"<div id='a'><p>{SENTENCES[0]}</p><p>{SENTENCES[1]}</p></div>")
    assert article_container(short) is None


def test_the_choice_needs_the_fallback_a_longer_pick_and_headings_or_lists() -> None:
    from lxml import etree
    from lxml import html as lxml_html
    from trafilatura import external
    from trafilatura.settings import Extractor

    assert _trafilatura_fallback.install()
    own = etree.Element("body")
    etree.SubElement(own, "p").text = SENTENCES[0] * 3
    headed = lxml_html.fromstring(f"<div><h2>{HEADINGS[0]}</h2><p>{SENTENCES[1]}</p></div>")
    listed = lxml_html.fromstring(f"<div><p>{SENTENCES[1]}</p><ol><li>{ITEMS[0]}</li></ol></div>")
    plain = lxml_html.fromstring(f"<div><p>{SENTENCES[1]}</p><p>{SENTENCES[2]}</p></div>")
    options = Extractor()  # the default focus, "balanced"

    def choose(pick: object, length: int, *, fell_back: bool = True, engaged: bool = True) -> bool:
        with _trafilatura_fallback.engaged(structured_readability=engaged, article_container=False):
            if engaged:
                _trafilatura_fallback._state.fell_back_to_wild_text = fell_back
            # 300 characters of own text against a pick under twice as long: trafilatura keeps its own
            return bool(external._prefer_readability(own, pick, "text", 300, length, options))

    assert choose(headed, 400)
    assert choose(listed, 400)
    assert not choose(headed, 400, fell_back=False)  # the main pass found the article's container
    assert not choose(plain, 400)
    assert not choose(headed, 300)  # not longer
    assert not choose(headed, 400, engaged=False)  # trafilatura called outside newsclean


def test_a_longer_pick_with_lists_only_replaces_the_wild_text() -> None:
    page = _page(headings=False)
    assert ITEMS[0] not in "\n".join(_lines(page, **BOTH_OFF))
    text = "\n".join(_lines(page, find_article_container=False))
    assert all(item in text for item in ITEMS) and all(sentence in text for sentence in SENTENCES)


def test_a_longer_pick_without_headings_or_lists_does_not_replace_the_wild_text() -> None:
    # Readability also reads text written in <div>s, which the wild text skips, so its pick is longer here; but
    # plain text is no evidence of an article's structure that the fallback missed.
    notes = "".join(f"<div>{sentence}</div>" for sentence in SENTENCES)
    page = _page(headings=False, lists=False, aside=f"<div class='notes'>{notes}</div>")
    lines = _lines(page, find_article_container=False)
    assert lines == _lines(page, **BOTH_OFF)


def test_trafilatura_outside_newsclean_behaves_as_released() -> None:
    page = _page()
    _lines(page)  # installs the wrappers
    assert _trafilatura_fallback.install()
    assert HEADINGS[0] not in _released_trafilatura(page)

    from_other_thread: list[str] = []
    with _trafilatura_fallback.engaged():
        worker = threading.Thread(target=lambda: from_other_thread.append(_released_trafilatura(page)))
        worker.start()
        worker.join()
    assert SENTENCES[0] in from_other_thread[0]
    assert HEADINGS[0] not in from_other_thread[0]


def test_the_state_is_restored_when_extraction_raises() -> None:
    with pytest.raises(RuntimeError), _trafilatura_fallback.engaged():
        assert _trafilatura_fallback._state.structured_readability and _trafilatura_fallback._state.article_container
        raise RuntimeError("extraction failed")
    assert not _trafilatura_fallback._state.engaged
    assert not _trafilatura_fallback._state.structured_readability
    assert not _trafilatura_fallback._state.article_container
    assert not _trafilatura_fallback._state.fell_back_to_wild_text


def test_a_trafilatura_with_other_signatures_is_left_alone_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from trafilatura import external, main_extractor

    def other_prefer(body: object, algo_text: str, options: object) -> bool:
        return False

    monkeypatch.setattr(external, "_prefer_readability", other_prefer)
    recover = main_extractor.recover_wild_text
    with pytest.warns(RuntimeWarning, match="wild-text fallback"):
        assert not _trafilatura_fallback._wrap_trafilatura()
    assert external._prefer_readability is other_prefer
    assert main_extractor.recover_wild_text is recover


def test_a_failing_container_pass_falls_back_to_the_wild_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_main_pass(tree: object, options: object) -> tuple[object, str, set[str]]:
        raise ValueError("main pass failed")

    assert _trafilatura_fallback.install()
    monkeypatch.setattr(_trafilatura_fallback, "_main_pass", broken_main_pass)
    page = _page(aside=f"<div class='promo'><p>{PROMO}</p></div>")
    text = "\n".join(_lines(page, prefer_structured_readability=False))
    assert SENTENCES[0] in text and PROMO in text  # trafilatura's own wild text, as if the step were off
