"""An article whose markup prints only its first paragraphs, continued from the app state the page's scripts carry."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import newsclean
from newsclean._app_state import MAX_BLOCK_CHARS, MAX_VALUES, Continuation, _block_text, hidden_continuation

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
    assert continuation == Continuation(CUT - 1, list(PARAGRAPHS[CUT:]))


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


# -- guards a probe of the first version called for ---------------------------------------------------------------

OTHER_STORY = (
    "The state senate passed a bill on Wednesday that changes how the counties share the sales tax.",
    "Senators from rural districts said the change would cost their counties millions of dollars a year.",
    "The governor has not said whether she will sign the bill, which now goes to the state assembly.",
    "A vote in the assembly is expected before the end of the session, which closes in early June.",
)


def _blocks(paragraphs: tuple[str, ...]) -> list[dict[str, Any]]:
    return list(_rich_text(paragraphs)["props"]["pageProps"]["story"]["body"]["content"])


def test_a_next_story_that_opens_as_this_one_does_is_not_spliced_in() -> None:
    # The next story's four paragraphs went in after the second one, and the article's own rest was lost.
    state = {
        "story": {"body": _blocks(PARAGRAPHS)},
        "nextStory": {"body": _blocks((*PARAGRAPHS[:2], *OTHER_STORY))},
        "navigation": NAVIGATION,
    }
    article = newsclean.clean_html(_page(_next_data(state), printed=PARAGRAPHS[:3]), url=URL)
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
    assert not set(OTHER_STORY) & set(article.paragraphs)


def test_an_article_printed_whole_takes_nothing_from_a_story_that_opens_as_it_does() -> None:
    state = {"nextStory": {"body": _blocks((*PARAGRAPHS[:2], *OTHER_STORY))}, "navigation": NAVIGATION}
    article = newsclean.clean_html(_page(_next_data(state), printed=PARAGRAPHS, after="Share this story."), url=URL)
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
    assert not set(OTHER_STORY) & set(article.paragraphs)
    assert "text" not in article.provenance


def test_a_carousels_unseen_teasers_are_not_added_to_an_article_printed_whole() -> None:
    # The carousel's six teasers the page had not shown yet came in after the two it had.
    boards = (
        "zoning board",
        "transit agency",
        "library trustees",
        "harbor commission",
        "police chief",
        "water utility",
    )
    teasers = [
        f"The {board} weighs a plan to extend its hours to the new development, officials said." for board in boards
    ]
    state = {"story": {"body": _blocks(PARAGRAPHS)}, "more": [{"type": "teaser", "text": t} for t in teasers]}
    carousel = "<h2>More stories</h2>" + "".join(f"<p>{teaser}</p>" for teaser in teasers[:2])
    page = _page(_next_data({**state, "navigation": NAVIGATION}), printed=PARAGRAPHS, after="Share this story.")
    article = newsclean.clean_html(page.replace("</article>", f"{carousel}</article>"), url=URL)
    assert teasers[1] in article.paragraphs  # the extractor kept the carousel's printed teasers
    assert not set(teasers[2:]) & set(article.paragraphs)
    assert "text" not in article.provenance


def test_nested_blocks_are_spaced_and_blocks_typed_as_no_prose_are_left_out() -> None:
    # List items and a quote's citation were glued to the text before them ("next fallRepair"); an ad's label, a
    # photo's caption and a promo came in as paragraphs.
    def item(text: str) -> dict[str, Any]:
        return {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]}

    items = {
        "type": "bulletList",
        "content": [
            item("Hire forty new teachers for the schools next fall"),
            item("Repair the roofs of six aging school buildings"),
        ],
    }
    quote = {
        "type": "quote",
        "content": [
            {"type": "text", "text": "We heard the residents at every hearing this spring."},
            {"type": "citation", "text": "Mayor Linda Park"},
        ],
    }
    typed_out = [
        {"type": "ad", "text": "Advertisement. Story continues below this message from our sponsors and partners."},
        {
            "type": "image",
            "text": "Council members listen during the Tuesday meeting at City Hall. (Photo by Jane Doe)",
        },
        {"type": "promo", "text": "Subscribe today for one dollar a week and get unlimited access to our journalism."},
    ]
    blocks = [*_blocks(PARAGRAPHS[:3]), items, *typed_out, quote, *_blocks(PARAGRAPHS[3:])]
    article = newsclean.clean_html(_page(_next_data({"story": {"body": blocks}, "navigation": NAVIGATION})), url=URL)
    assert article.paragraphs == (
        *PARAGRAPHS[:3],
        "Hire forty new teachers for the schools next fall Repair the roofs of six aging school buildings",
        "We heard the residents at every hearing this spring. Mayor Linda Park",
        *PARAGRAPHS[3:],
        BLOCKER,
    )


def test_the_provenance_names_the_app_state_only_when_text_from_it_is_left() -> None:
    reads = tuple(f"Read more: {story}" for story in OTHER_STORY)
    state = {"story": {"body": _blocks((*PARAGRAPHS[:CUT], *reads))}, "navigation": NAVIGATION}
    article = newsclean.clean_html(_page(_next_data(state)), url=URL)
    assert not set(reads) & set(article.paragraphs)  # all removed by the cleaners, with their records
    assert "text" not in article.provenance


def test_a_state_written_with_upper_case_unicode_escapes_is_read() -> None:
    paragraphs = (
        "Городской совет во вторник утвердил новый бюджет после долгих и жарких споров о транспорте.",
        "Депутаты несколько часов спорили о новой линии трамвая и о деньгах для городских школ.",
        "Мэр сказала, что подпишет бюджет в пятницу, до начала нового финансового года в городе.",
        "Противники трамвайной линии заявили, что весной вынесут этот вопрос на городской референдум.",
        "В бюджет также заложены деньги на ремонт дорог, о которых жители просили на каждом слушании.",
        "Окончательное голосование по формуле финансирования школ ожидается на следующем заседании в марте.",
    )
    state = json.dumps(
        {"story": {"body": [{"type": "paragraph", "text": p} for p in paragraphs]}, "navigation": NAVIGATION}
    )
    upper = re.sub(r"\\u([0-9a-f]{4})", lambda escape: "\\u" + escape.group(1).upper(), state)
    assert upper != state and "Город" not in upper
    page = _page(f'<script type="application/json">{upper}</script>', printed=paragraphs[:2])
    assert newsclean.clean_html(page, url=URL).paragraphs[: len(paragraphs)] == paragraphs


def test_a_block_too_long_for_a_paragraph_is_no_paragraph() -> None:
    long_block = {"type": "paragraph", "text": "word " * (MAX_BLOCK_CHARS // 5 + 1)}
    nested: Any = long_block
    for _ in range(30):  # each level a list of blocks around the one below
        nested = {"type": "section", "content": [nested, {"type": "x"}, {"type": "y"}, {"type": "z"}]}
    assert _block_text(nested, [MAX_VALUES]) == ""
    assert _block_text({"type": "paragraph", "text": "A short one."}, [MAX_VALUES]) == "A short one."


def test_short_lines_above_the_article_do_not_hide_its_opening() -> None:
    preamble = ("Politics", "By Jane Doe", "March 5, 2024", "Updated at noon")
    page = _page(_next_data(_rich_text(PARAGRAPHS)), printed=(*preamble, *PARAGRAPHS[:CUT]))
    article = newsclean.clean_html(page, url=URL)
    assert article.provenance["text"] == "markup, continued from the page's app state"
    assert PARAGRAPHS[-1] in article.paragraphs


def test_a_last_paragraph_printed_cut_short_is_replaced_by_its_whole_copy() -> None:
    # Its whole copy in the state was on the page, as far as the cut: the continuation was refused.
    cut = PARAGRAPHS[2][:40].rstrip() + "…"
    page = _page(_next_data(_rich_text(PARAGRAPHS)), printed=(*PARAGRAPHS[:2], cut))
    article = newsclean.clean_html(page, url=URL)
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
    assert cut not in article.paragraphs


def test_a_state_read_from_json_parse_or_after_many_assignments() -> None:
    # JSON.parse('…') was not read, nor a state assigned after four other "= {".
    state = json.dumps(_rich_text(PARAGRAPHS) | {"navigation": NAVIGATION})
    literal = state.replace("\\", "\\\\").replace("'", "\\'")
    parsed = f"<script>window.__APOLLO_STATE__ = JSON.parse('{literal}');</script>"
    assigned = "<script>" + "".join(f"var a{n} = {{}};" for n in range(6)) + f"window.__STATE__ = {state};</script>"
    for script in (parsed, assigned):
        article = newsclean.clean_html(_page(script), url=URL)
        assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
