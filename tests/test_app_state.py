"""An article whose markup prints only its first paragraphs, continued from the app state the page's scripts carry."""

from __future__ import annotations

import json
from typing import Any

import pytest

import newsclean
from newsclean._app_state import MAX_VALUES, hidden_continuation

PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.",
    'Council members argued for hours over the "train to nowhere", as one called it, and the money for schools.',
    "The mayor said she would sign the budget on Friday, before the start of the next fiscal year.",
    "Opponents of the transit line said they would take the question to the voters in the spring.",
    "The budget also adds money for road repairs, which the residents had asked for at every hearing.",
    "A final vote on the school funding formula is expected at the council's next meeting in March.",
)
CUT = 2  # the markup prints the first two paragraphs
BLOCKER = "Subscribe now to keep reading this story and get unlimited access."
APPEAL = "Support our journalism: donate today and become a member of our newsroom."
URL = "https://news.example.com/council-budget"


def _page(state_script: str, *, printed: tuple[str, ...] = PARAGRAPHS[:CUT], after: str = BLOCKER) -> str:
    article = "".join(f"<p>{paragraph}</p>" for paragraph in printed)
    return (
        "<html><head><title>Council approves budget - City News</title></head><body>"
        f"<article><h1>Council approves budget</h1>{article}<div class='paywall'><p>{after}</p></div></article>"
        f"{state_script}</body></html>"
    )


def _rich_text(paragraphs: tuple[str, ...]) -> dict[str, Any]:
    """Blocks as Bloomberg's and ProseMirror-like editors write them: text runs, links, ads in between."""
    blocks: list[dict[str, Any]] = []
    for paragraph in paragraphs:
        head, _, tail = paragraph.partition(" the ")  # every paragraph but the short lines has " the "
        if not tail:
            blocks.append({"type": "paragraph", "content": [{"type": "text", "value": paragraph}]})
            continue
        blocks.append(
            {
                "type": "paragraph",
                "content": [
                    {"type": "text", "value": head + " "},
                    {
                        "type": "link",
                        "data": {"href": "https://example.com/x"},
                        "content": [{"type": "text", "value": "the"}],
                    },
                    {"type": "text", "value": " " + tail},
                ],
            }
        )
        blocks.append({"type": "ad", "data": {"slot": "inline"}})
    return {"props": {"pageProps": {"story": {"headline": "Council approves budget", "body": {"content": blocks}}}}}


#: What else a state holds (the site's navigation): states are long, short scripts are not read.
NAVIGATION = [{"label": f"Section {number}", "href": f"/section-{number}"} for number in range(60)]


def _next_data(state: dict[str, Any]) -> str:
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'


def test_a_cut_article_is_continued_from_its_next_data_after_the_last_paragraph_printed() -> None:
    article = newsclean.clean_html(_page(_next_data(_rich_text(PARAGRAPHS))), url=URL)
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
    assert article.provenance["text"] == "markup, continued from the page's app state"
    assert BLOCKER not in article.paragraphs[: len(PARAGRAPHS)]  # the continuation goes before what followed the cut


def test_an_arc_xp_assignment_with_html_blocks_is_read_and_its_code_dropped() -> None:
    elements: list[dict[str, Any]] = [
        {"type": "text", "content": paragraph.replace("budget", '<a href="/budget">budget</a>')}
        for paragraph in PARAGRAPHS
    ]
    elements.insert(3, {"type": "raw_html", "content": "<script>track('reader', {id: 1});</script>"})
    elements.insert(4, {"type": "image", "caption": "The council chamber on Tuesday night, before the vote."})
    state = json.dumps({"content_elements": elements, "navigation": NAVIGATION}).replace(
        "</", "<\\/"
    )  # as pages escape it in a script
    script = f"<script>var Fusion=Fusion||{{}};Fusion.globalContent={state};</script>"
    article = newsclean.clean_html(_page(script), url=URL)
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
    assert not any("track" in paragraph or "chamber" in paragraph for paragraph in article.paragraphs)


def test_jsonml_bodies_are_read_by_their_text_nodes() -> None:
    body: list[Any] = ["root", {}]
    for paragraph in PARAGRAPHS:
        head, _, tail = paragraph.partition(" the ")
        assert tail, paragraph
        body.append(["p", {"class": "paywall"}, head + " ", ["a", {"href": "/x"}, "the"], " " + tail])
    state = json.dumps({"article": {"body": body}, "navigation": NAVIGATION})
    script = f"<script>window.__PRELOADED_STATE__ = {state};</script>"
    article = newsclean.clean_html(_page(script), url=URL)
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS


def test_the_continuation_goes_through_the_same_cleaners() -> None:
    state = _rich_text((*PARAGRAPHS[:4], APPEAL, *PARAGRAPHS[4:]))
    article = newsclean.clean_html(_page(_next_data(state)), url=URL)
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
    assert ("donation", APPEAL) in [(removal.category, removal.text) for removal in article.removed]


def test_off_the_article_holds_only_what_the_markup_printed() -> None:
    pipeline = newsclean.Pipeline(read_app_state=False)
    article = pipeline.clean_html(_page(_next_data(_rich_text(PARAGRAPHS))), url=URL)
    assert not set(PARAGRAPHS[CUT:]) & set(article.paragraphs)
    assert "text" not in article.provenance
    with pytest.raises(TypeError, match="read_app_state"):
        newsclean.Pipeline(read_app_state="no")  # type: ignore[arg-type]


def test_a_state_whose_rest_the_page_prints_adds_nothing() -> None:
    """The markup printed the whole list: the extractor's choice of paragraphs stands, nothing is doubled."""
    printed = "".join(f"<li>{paragraph}</li>" for paragraph in PARAGRAPHS[CUT:])
    page = _page(_next_data(_rich_text(PARAGRAPHS)), after=BLOCKER).replace(
        "</article>", f"</article><aside><ul>{printed}</ul></aside>"
    )
    article = newsclean.clean_html(page, url=URL)
    assert "text" not in article.provenance
    assert all(article.paragraphs.count(paragraph) <= 1 for paragraph in PARAGRAPHS)


def test_lists_the_markup_does_not_open_are_not_read() -> None:
    other_story = tuple(paragraph.replace("council", "committee") for paragraph in PARAGRAPHS)
    article = newsclean.clean_html(_page(_next_data(_rich_text(other_story))), url=URL)
    assert "text" not in article.provenance
    assert not any("committee" in paragraph for paragraph in article.paragraphs)


@pytest.mark.parametrize(
    ("state", "why"),
    [
        ((PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3]), "two blocks after the cut"),
        ((*PARAGRAPHS[:CUT], "A short line.", "Another one.", "And a third one."), "too few words after the cut"),
        ((PARAGRAPHS[1], PARAGRAPHS[0], *PARAGRAPHS[2:]), "the printed paragraphs in another order"),
    ],
)
def test_no_continuation_when(state: tuple[str, ...], why: str) -> None:
    article = newsclean.clean_html(_page(_next_data(_rich_text(state))), url=URL)
    assert "text" not in article.provenance, why
    assert article.paragraphs[:CUT] == PARAGRAPHS[:CUT]


@pytest.mark.parametrize(
    "script",
    [
        '<script id="__NEXT_DATA__" type="application/json">{"props": [' + "x" * 3000 + "</script>",
        "<script>window.__STATE__ = {" + '"a": [' * 5000 + "</script>",
        '<script type="application/json">' + "[" * 100_000 + "]" * 100_000 + "</script>",
        "<script>window.__STATE__ = {" + json.dumps({"n": list(range(MAX_VALUES * 2))})[1:] + ";</script>",
        '<script type="text/x-template">' + json.dumps(_rich_text(PARAGRAPHS)) + "</script>",
    ],
    ids=["broken JSON", "unclosed nesting", "deep nesting", "a state past the walk's budget", "a template"],
)
def test_a_state_that_cannot_be_read_leaves_the_markup_as_it_is(script: str) -> None:
    article = newsclean.clean_html(_page(script), url=URL)
    assert article.paragraphs[:CUT] == PARAGRAPHS[:CUT]
    assert "text" not in article.provenance


def test_the_walk_stops_at_its_budget_in_a_state_that_holds_the_article_far_down() -> None:
    filler = [{"n": number} for number in range(MAX_VALUES)]
    state = {"filler": filler, **_rich_text(PARAGRAPHS)}  # walked last: the stack takes the last value first
    scripts = [json.dumps({"late": state, "early": filler})]
    assert hidden_continuation(scripts, PARAGRAPHS[:CUT], visible_text=" ".join(PARAGRAPHS[:CUT])) is None
    continuation = hidden_continuation(
        [json.dumps(_rich_text(PARAGRAPHS))], PARAGRAPHS[:CUT], " ".join(PARAGRAPHS[:CUT])
    )
    assert continuation is not None and continuation == (CUT - 1, list(PARAGRAPHS[CUT:]))


def test_a_japanese_article_in_a_state_written_with_unicode_escapes_is_continued() -> None:
    paragraphs = (
        "市議会は火曜日、長い議論の末に新しい予算案を賛成多数で可決した。",
        "議員たちは計画中の路面電車の路線と学校への予算をめぐって何時間も議論を続けた。",
        "市長は新年度が始まる前の金曜日に予算案に署名すると記者団に述べた。",
        "路面電車の計画に反対する住民は、春の住民投票で賛否を問うよう求めている。",
        "予算には住民が公聴会のたびに求めてきた道路の補修費も盛り込まれた。",
    )
    state = {"story": {"body": [{"type": "paragraph", "text": paragraph} for paragraph in paragraphs]}}
    script = f'<script type="application/json">{json.dumps({**state, "navigation": NAVIGATION})}</script>'
    assert "市議会" not in script  # written as \u escapes
    article = newsclean.clean_html(_page(script, printed=paragraphs[:2]), url=URL)
    assert article.paragraphs[: len(paragraphs)] == paragraphs
