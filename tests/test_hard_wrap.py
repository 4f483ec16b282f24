"""Text dumps wrapped at a fixed width (lynx -dump, w3m -dump, e-mail): their paragraphs are joined again."""

from __future__ import annotations

import textwrap

import pytest

import newsclean
from newsclean._hard_wrap import join_wrapped_lines

PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate that lasted well"
    " into the night, with members of the public filling the chamber.",
    "Council members argued for hours over the planned transit line and the money for schools, and several"
    " amendments were offered and rejected before the final vote was taken.",
    "The mayor said she would sign the budget on Friday, before the start of the fiscal year, and thanked the"
    " council for its work.",
)


@pytest.mark.parametrize("width", [60, 72, 76, 80, 100])
def test_a_wrapped_dump_gets_its_paragraphs_back(width: int) -> None:
    # Read a line a paragraph, it gave sentence fragments ("and heated debate that lasted well into the night,").
    wrapped = "\n\n".join(textwrap.fill(paragraph, width) for paragraph in PARAGRAPHS)
    dump = f"Council approves budget\n\n{wrapped}\n\nShare this:\nTwitter\nFacebook\n"
    article = newsclean.clean_text(dump)
    assert (article.title, article.paragraphs) == ("Council approves budget", PARAGRAPHS)
    assert article.provenance["text"] == "hard-wrapped"
    assert [removal.text for removal in article.removed] == ["Share this:", "Twitter", "Facebook"]


SHORT_LINES = [
    "Council approves budget",
    "",
    "The council voted on Tuesday to approve the budget, after a long debate in the chamber.",
    "Members argued for hours over the transit line and the money for the city's schools.",
    "The mayor said that she would sign it on Friday, before the new fiscal year begins.",
    "Several amendments were offered and rejected before the final vote was taken at last.",
]


@pytest.mark.parametrize(
    "lines",
    [
        SHORT_LINES,  # one sentence a line, all of about the same length: the lines end where the writer ended them
        [line for line in SHORT_LINES if line],  # no blank line: nothing would end a paragraph but the wrap
        [*textwrap.fill(" ".join(PARAGRAPHS), 72).splitlines()],  # wrapped, but without a blank line
        ["市议会周二投票通过了新的预算案", "", "经过长时间的激烈辩论" * 4, "议员们就计划中的交通线路争论了数小时" * 3],
    ],
)
def test_lines_that_the_writer_ended_are_not_joined(lines: list[str]) -> None:
    assert join_wrapped_lines(lines) is None
    assert newsclean.clean_text("\n".join(lines)).provenance.get("text") != "hard-wrapped"


def test_only_the_lines_the_wrap_broke_are_joined() -> None:
    wrapped = textwrap.fill(PARAGRAPHS[0], 72).splitlines()
    lines = [*wrapped, "", "Related:", "Budget talks stall", "", *textwrap.fill(PARAGRAPHS[1], 72).splitlines()]
    assert join_wrapped_lines(lines) == [PARAGRAPHS[0], "", "Related:", "Budget talks stall", "", PARAGRAPHS[1]]


CHINESE = (
    "市议会周二投票通过了新的预算案，此前议员们进行了长时间的激烈辩论，辩论一直持续到深夜，旁听席上坐满了市民。"
    "议员们就计划中的交通线路和学校经费争论了数小时，多项修正案被提出后又被否决。",
    "市长表示，她将在周五签署预算案，赶在新财年开始之前，并感谢议会的工作。她说，这份预算将为道路维修和学校提供更多资金。",
    "反对派议员批评预算案没有为公共交通拨出足够的资金，并表示将在明年再次提出这一问题，以争取更多市民的支持。",
)


@pytest.mark.parametrize("characters", [30, 35, 38])
def test_a_chinese_dump_wrapped_at_a_number_of_characters_is_joined_without_spaces(characters: int) -> None:
    # Each character is two columns wide and a wrap may break between any two: the "next word" is one character.
    # Before, every line was its own paragraph.
    wrapped = [
        "\n".join(paragraph[i : i + characters] for i in range(0, len(paragraph), characters)) for paragraph in CHINESE
    ]
    lines = "\n\n".join(["市议会通过新预算案", *wrapped]).splitlines()
    assert join_wrapped_lines(lines) == ["市议会通过新预算案", "", CHINESE[0], "", CHINESE[1], "", CHINESE[2]]


def test_a_line_the_wrap_broke_before_a_long_url_is_joined_to_it() -> None:
    url = "https://www.example.gov/reports/2024/city-budget-final-approved-version.pdf"
    paragraph = PARAGRAPHS[0] + f" The full report is published at {url} for anyone to read and comment on."
    lines = [
        *textwrap.fill(paragraph, 72, break_long_words=False, break_on_hyphens=False).splitlines(),
        "",
        *textwrap.fill(PARAGRAPHS[1], 72).splitlines(),
        "",
        "Sources:",
        url,
    ]
    assert join_wrapped_lines(lines) == [paragraph, "", PARAGRAPHS[1], "", "Sources:", url]
