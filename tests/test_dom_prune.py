"""The extractor-side prune: elements trafilatura always discards go in Lexbor, before lxml parses the page."""

from __future__ import annotations

import pytest

from newsclean import Pipeline, _dom

BODY = " ".join(["The council approved the budget on Tuesday after a long and heated debate."] * 6)


def _pruned(html: str) -> tuple[int, str]:
    tree = _dom.parse(html)
    removed = _dom.prune_for_extractor(tree)
    return removed, tree.html or ""


def test_navigation_sidebar_footer_and_controls_go_with_their_text() -> None:
    removed, html = _pruned(
        "<html><body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<div class='story'><p>{BODY}</p><button>Show more</button><label>Search<input></label></div>"
        "<aside><h3>Most read</h3><p>Another story</p></aside><footer>Copyright 2024</footer></body></html>"
    )
    assert removed == 5
    for gone in ("Home", "World", "Show more", "Search", "Most read", "Another story", "Copyright"):
        assert gone not in html
    assert BODY in html


def test_a_removed_inline_element_keeps_the_text_after_it() -> None:
    _, html = _pruned(f"<html><body><p>Search <input name='q'> in Politics. {BODY}</p></body></html>")
    assert "<input" not in html
    assert "Search  in Politics." in html


def test_figures_go_unless_they_hold_a_table() -> None:
    _, html = _pruned(
        f"<html><body><p>{BODY}</p>"
        "<figure><img src='a.jpg'><figcaption>The mayor, photographed by Jane Roe</figcaption></figure>"
        "<figure><table><tr><td>Turnout</td><td>61%</td></tr></table><figcaption>Results</figcaption></figure>"
        "</body></html>"
    )
    assert "photographed by" not in html and "a.jpg" not in html
    assert "Turnout" in html and "Results" in html


def test_a_pruned_figure_stays_as_an_empty_element() -> None:
    # trafilatura reads a <figure> in its readability pick as a sign of an unclean block (then it weighs jusText's
    # text too): the caption goes, the element stays.
    removed, html = _pruned(
        f"<html><body><div id='story'><p>{BODY}</p>"
        "<figure class='photo'><img src='a.jpg'><figcaption>The mayor <b>(Photo: Jane Roe)</b></figcaption>"
        "trailing credit</figure><p>After.</p></div></body></html>"
    )
    assert removed == 1
    assert '<figure class="photo"></figure>' in html
    assert "The mayor" not in html and "Jane Roe" not in html and "trailing credit" not in html
    assert BODY in html and "After." in html


def test_nested_discarded_elements_are_removed_once() -> None:
    removed, html = _pruned(
        f"<html><body><p>{BODY}</p><footer><nav><a>Terms</a></nav><figure><img></figure><time>x</time></footer>"
        "</body></html>"
    )
    assert removed == 1
    assert "Terms" not in html and BODY in html


def test_forms_and_formulas_stay_for_the_extractor_to_judge() -> None:
    # trafilatura keeps a form that wraps the whole page (ASP.NET) and salvages the TeX of formulas.
    _, html = _pruned(
        f"<html><body><form id='aspnetForm'><div><p>{BODY}</p></div></form>"
        "<p><math alttext='x^2'><mi>x</mi></math></p></body></html>"
    )
    assert "aspnetForm" in html and BODY in html
    assert "<math" in html


def test_a_page_whose_paragraphs_all_sit_in_discarded_containers_is_left_alone() -> None:
    page = f"<html><body><aside><p>{BODY}</p></aside><footer><p>About us</p></footer></body></html>"
    removed, html = _pruned(page)
    assert removed == 0
    assert BODY in html and "About us" in html


def test_head_keeps_its_title_only() -> None:
    removed, html = _pruned(
        "<html><head><title>Budget passes</title><meta name='description' content='d'>"
        "<link rel='stylesheet' href='s.css'><base href='/'></head>"
        f"<body><p>{BODY}</p></body></html>"
    )
    assert removed == 3
    assert "<title>Budget passes</title>" in html
    assert "s.css" not in html and "description" not in html


def test_a_document_without_body_content_does_not_fail() -> None:
    assert _pruned("")[0] == 0
    assert _pruned("<html><head><meta charset='utf-8'></head></html>")[0] == 1


@pytest.mark.timeout(30)
def test_pipeline_reads_metadata_and_dates_before_the_prune() -> None:
    # <time> and <meta> are pruned for the extractor, but only after the metadata stage has read them.
    article = Pipeline().clean_html(
        "<html><head><title>Budget passes</title><meta property='og:title' content='Budget passes'>"
        "<meta name='author' content='Jane Roe'></head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>Budget passes</h1><p>Published <time datetime='2024-03-05T10:00:00Z'>5 March 2024</time></p>"
        f"<p>{BODY}</p></article><footer>Copyright 2024 Example News</footer></body></html>",
        url="https://example.com/news/budget",
    )
    assert article.status == "ok"
    assert article.title == "Budget passes"
    assert article.published is not None and article.published.date().isoformat() == "2024-03-05"
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.text.endswith(BODY.split()[-1])


def test_a_page_built_of_web_components_keeps_the_article_in_its_shadow_roots() -> None:
    # Lexbor keeps a template's content out of the tree, so the article went with the template: no_content.
    page = (
        "<html><head><title>Budget passes</title></head><body><news-story>"
        f"<template shadowrootmode='open'><article><h1>Budget passes</h1><p>{BODY}</p>"
        "<story-quote><template shadowroot='closed'><p>Nested root: the mayor called the vote a turning point for"
        " the city's schools.</p></template></story-quote></article></template></news-story>"
        "<template id='card'><p>An inert template the page clones, never shown as it stands.</p></template>"
        "</body></html>"
    )
    article = Pipeline().clean_html(page)
    assert article.status == "ok"
    assert article.paragraphs[0] == BODY
    assert any("turning point" in paragraph for paragraph in article.paragraphs)
    assert "inert template" not in article.text


def test_shadow_roots_nested_past_the_bound_stay_closed() -> None:
    nested = "<template shadowrootmode='open'><div>" * 100 + "deepest" + "</div></template>" * 100
    tree = _dom.parse(f"<html><body>{nested}</body></html>")
    body = tree.body
    assert body is not None
    html = body.html or ""
    assert "deepest" not in html and html.count("<div>") == _dom.MAX_SHADOW_DEPTH


def test_a_date_inside_a_sentence_keeps_its_words() -> None:
    # trafilatura deletes every <time> with its text: "The hearing is on <time>June 12</time> at the courthouse"
    # lost its date and read "on at the courthouse", with no removal to show for it.
    _, html = _pruned(
        "<html><body><p>The hearing is scheduled for <time datetime='2024-06-12'>June 12</time> at the county"
        " courthouse, the clerk said.</p><p class='meta'>Posted <time datetime='2024-01-02'>2 Jan</time> in"
        f" Politics</p><p>{BODY}</p></body></html>"
    )
    assert "scheduled for June 12 at the county courthouse" in html
    # A stamp in a short line of its own goes, as before: the published field keeps its date.
    assert "2 Jan" not in html


def test_divs_without_any_child_go_and_divs_holding_a_space_or_an_element_stay() -> None:
    removed, html = _pruned(
        f"<html><body><div class='ad-slot'></div><p>{BODY}</p><div class='clear'></div>"
        "<div class='spacer'> </div><div class='photo'><img src='a.jpg'></div>"
        "<div class='lead'><span></span></div></body></html>"
    )
    assert "ad-slot" not in html and "clear" not in html
    assert "photo" not in html  # emptied by the prune (the extractor strips images)
    assert "spacer" in html  # a space is text, which can part the sentences around it
    assert "lead" in html
    assert removed == 4 and BODY in html
