"""The DOM cleaner finds widget boxes by class/id tokens and selectors, and records each removal once."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean._dom import body_text, visible_text
from newsclean._rules import default_rules, parse_pack
from newsclean.cleaners import DomCleaner
from newsclean.cleaners import _dom as cleaner_dom
from newsclean.cleaners._dom import class_and_id_tokens

BODY = " ".join(["The council approved the budget on Tuesday after a long and heated debate."] * 10)
PACK = """
[pack]
name = "t"
version = "1"

[[rule]]
id = "t.share"
category = "widget"
stage = "dom"
match = "class_words"
pattern = ['^share-box$']
examples.drop = ['<div class="share-box">Share</div>']
examples.keep = ['<div class="box">Share prices fell.</div>']

[[rule]]
id = "t.related"
category = "related"
stage = "dom"
match = "class_words"
pattern = ['^related$']
examples.drop = ['<div class="related">Other story</div>']
examples.keep = ['<div class="related-charges">Related charges were filed.</div>']

[[rule]]
id = "t.selector"
category = "widget"
stage = "dom"
match = "selector"
pattern = ['.sharedaddy']
examples.drop = ['<div class="sharedaddy">Like this</div>']
examples.keep = ['<div class="shared">Shared costs rose.</div>']
"""


def _tree(snippet: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<html><body><article><p>{BODY}</p></article>{snippet}</body></html>")


def test_tokens_are_read_from_class_and_id_in_lowercase() -> None:
    markup = '<div class="Share-Box  big" id="Main"><p data-class="x" title=" class=&quot;y&quot;">t</p></div>'
    assert class_and_id_tokens(LexborHTMLParser(markup).body.html or "") == {"share-box", "big", "main"}


def test_class_names_match_whatever_their_case() -> None:
    tree = _tree('<div class="Share-Box">Facebook Twitter</div><div id="RELATED">Other story</div>')
    result = DomCleaner(parse_pack(PACK, "t")).clean(tree)
    assert [(r.rule, r.text) for r in result.removed] == [
        ("t.share", "Facebook Twitter"),
        ("t.related", "Other story"),
    ]
    assert "Facebook" not in (tree.html or "") and "Other story" not in (tree.html or "")


def test_a_box_matched_by_several_rules_is_removed_and_recorded_once() -> None:
    tree = _tree('<div class="sharedaddy share-box" id="related">Like this</div>')
    result = DomCleaner(parse_pack(PACK, "t")).clean(tree)
    # Selector rules come first, then the class-word rules in pack order.
    assert [(r.rule, r.text) for r in result.removed] == [("t.selector", "Like this")]
    assert result.nodes_removed == 1


def test_boxes_inside_a_removed_box_are_not_recorded_again() -> None:
    tree = _tree('<div class="related"><h3>More</h3><div class="share-box">Share</div><p>Next story</p></div>')
    result = DomCleaner(parse_pack(PACK, "t")).clean(tree)
    assert [(r.rule, r.text) for r in result.removed] == [("t.related", "More Share Next story")]


def test_removals_come_in_document_order() -> None:
    tree = LexborHTMLParser(
        f'<html><body><div class="share-box">Top share</div><article><p>{BODY}</p></article>'
        '<div class="related">Bottom related</div><div class="sharedaddy">Bottom share</div></body></html>'
    )
    result = DomCleaner(parse_pack(PACK, "t")).clean(tree)
    assert [r.text for r in result.removed] == ["Top share", "Bottom related", "Bottom share"]


def test_a_box_holding_most_of_the_page_is_left_to_the_extractor() -> None:
    tree = LexborHTMLParser(f'<html><body><div class="related"><p>{BODY}</p></div><p>Short.</p></body></html>')
    assert DomCleaner(parse_pack(PACK, "t")).clean(tree).removed == ()
    assert BODY in (tree.html or "")


def test_a_box_wrapping_the_article_is_never_removed() -> None:
    tree = LexborHTMLParser(
        f'<html><body><p>{BODY}</p><p>{BODY}</p><div class="share-box"><article><p>Short article</p></article>'
        "</div></body></html>"
    )
    assert DomCleaner(parse_pack(PACK, "t")).clean(tree).removed == ()


def test_a_page_without_matching_tokens_is_untouched() -> None:
    page = f'<html><body><div class="story-body"><p>{BODY}</p></div></body></html>'
    tree = LexborHTMLParser(page)
    result = DomCleaner(default_rules()).clean(tree)
    assert result.removed == () and result.nodes_removed == 0
    assert tree.html == LexborHTMLParser(page).html


def test_class_values_with_odd_characters_do_not_break_the_query() -> None:
    tree = _tree(
        '<div class="share-box lg:w-[50%] [&amp;>*]:p-2 a\\b">Share</div><div class="x&quot;y related">R</div>'
    )
    result = DomCleaner(parse_pack(PACK, "t")).clean(tree)
    assert [r.text for r in result.removed] == ["Share", "R"]


SELECTOR_PACK = """
[pack]
name = "s"
version = "1"

[[rule]]
id = "s.simple"
category = "widget"
stage = "dom"
match = "selector"
pattern = ['.sharedaddy', '#jp-post-flair']
examples.drop = ['<div class="sharedaddy">Like this</div>']
examples.keep = ['<div class="shared">Shared costs rose.</div>']

[[rule]]
id = "s.complex"
category = "related"
stage = "dom"
match = "selector"
pattern = ['.sharedaddy', 'section > div.more-stories', '[data-widget="related"]']
examples.drop = ['<section><div class="more-stories">Read next</div></section>']
examples.keep = ['<div class="stories">The stories were told.</div>']
"""


def test_simple_selectors_apply_when_their_token_is_on_the_page() -> None:
    tree = _tree('<div class="x sharedaddy">Like this</div><div id="jp-post-flair">Share</div>')
    result = DomCleaner(parse_pack(SELECTOR_PACK, "s")).clean(tree)
    assert [(r.rule, r.text) for r in result.removed] == [("s.simple", "Like this"), ("s.simple", "Share")]


def test_a_quirks_mode_page_matches_class_selectors_in_another_case_as_lexbor_does() -> None:
    snippet = '<div class="SharedAddy">Like this</div>'
    quirks = LexborHTMLParser(f"<html><body><article><p>{BODY}</p></article>{snippet}</body></html>")
    expected = [node.mem_id for node in quirks.body.css(".sharedaddy")]
    result = DomCleaner(parse_pack(SELECTOR_PACK, "s")).clean(quirks)
    # Whatever Lexbor's own matching says about the case, the cleaner agrees with it.
    assert len(result.removed) == len(expected)


def test_selectors_that_are_not_a_single_class_or_id_always_run() -> None:
    tree = _tree(
        '<section><div class="more-stories">Read next</div></section><aside data-widget="related">Also</aside>'
    )
    result = DomCleaner(parse_pack(SELECTOR_PACK, "s")).clean(tree)
    assert [(r.rule, r.text) for r in result.removed] == [("s.complex", "Read next"), ("s.complex", "Also")]


LEADING_TOKEN_PACK = """
[pack]
name = "l"
version = "1"

[[rule]]
id = "l.line"
category = "caption"
stage = "dom"
match = "selector"
pattern = ['[class~="credits" i]:not(:has(p ~ p))', 'div.more-stories', 'li[class~="comment"] > p']
examples.drop = ['<span class="credits">Getty Images</span>']
examples.keep = ['<div class="credits"><p>Director: Jane Roe</p><p>Cast: John Doe</p></div>']
"""


def test_selectors_starting_with_a_class_or_id_apply_when_the_page_has_it_in_any_case() -> None:
    # Such a selector is left out of the query on a page without its token; where the token is, it runs whole.
    tree = _tree(
        '<span class="CREDITS">Getty Images</span><div class="credits"><p>Director: Jane Roe</p><p>Cast: Jo</p></div>'
        '<div class="more-stories">Read next</div><ul><li class="comment"><p>First!</p></li></ul>'
    )
    result = DomCleaner(parse_pack(LEADING_TOKEN_PACK, "l")).clean(tree)
    assert [r.text for r in result.removed] == ["Getty Images", "Read next", "First!"]


def test_a_pattern_holding_a_selector_list_always_runs() -> None:
    assert cleaner_dom._leading_token(".credits, .byline") is None
    assert cleaner_dom._leading_token(".credits:not(:has(p, br))") == "credits"
    assert cleaner_dom._leading_token(".x\\:y") is None  # an escaped class ("x:y"): not the token "x"


def test_the_page_length_the_caller_read_sets_the_size_limit() -> None:
    page = f'<html><body><article><p>{BODY}</p></article><div class="share-box">Facebook Twitter</div></body></html>'
    tree = LexborHTMLParser(page)
    assert visible_text(tree) == body_text(tree)[:200_000]
    told = DomCleaner(parse_pack(PACK, "t")).clean(LexborHTMLParser(page), page_chars=len(body_text(tree)))
    read = DomCleaner(parse_pack(PACK, "t")).clean(LexborHTMLParser(page))
    assert told == read and [r.text for r in told.removed] == ["Facebook Twitter"]
    # A page said to be this short makes the share box more than 40% of it: the box is kept.
    assert DomCleaner(parse_pack(PACK, "t")).clean(LexborHTMLParser(page), page_chars=30).removed == ()


def test_a_page_with_many_matching_tokens_gets_the_same_removals(monkeypatch: pytest.MonkeyPatch) -> None:
    # Past MAX_TOKEN_SELECTORS distinct tokens the candidates are read from Python instead of one selector per
    # token (which grew with tokens × elements): the same boxes, in the same order, nested boxes recorded once.
    count = cleaner_dom.MAX_TOKEN_SELECTORS + 10
    boxes = "".join(
        f'<div class="Related-{n}"><a href="/s/{n}">Story {n}</a><div id="related-in-{n}">Inner {n}</div></div>'
        f'<div class="sharedaddy">Like {n}</div>'
        for n in range(count)
    )
    rules = default_rules()

    def removals() -> list[tuple[str, str]]:
        return [(r.rule, r.text) for r in DomCleaner(rules).clean(_tree(boxes)).removed]

    many = removals()
    assert len(many) == 2 * count
    assert many[:2] == [("dom.related-box", "Story 0 Inner 0"), ("dom.jetpack-sharing", "Like 0")]
    monkeypatch.setattr(cleaner_dom, "MAX_TOKEN_SELECTORS", 10 * count)
    assert removals() == many
