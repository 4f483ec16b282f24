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


def _columns_wrap(tokens: list[str], width: int, separator: str) -> list[str]:
    """A fixed-width wrap counting Chinese, Japanese and Korean characters as two columns, as lynx or w3m does."""
    import unicodedata

    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)

    lines = [""]
    for token in tokens:
        joined = f"{lines[-1]}{separator}{token}" if lines[-1] else token
        if columns(joined) > width:
            lines.append(token)
        else:
            lines[-1] = joined
    return lines


JAPANESE = (
    "政府は2024年3月5日に新しい予算案を閣議決定し、道路の補修と学校の改修に合わせて1200億円を充てると発表した。"
    "野党はこの予算案について、公共交通への配分が少なすぎると批判しており、国会での審議は4月以降も続く見通しだ。",
    "首相は記者会見で、予算案は2025年度の経済成長を支えるものだと述べ、3つの重点分野について説明した。"
    "与党内からも慎重な意見が出ており、修正の可能性も残されている。",
)


@pytest.mark.parametrize("width", [66, 78, 80])
def test_a_japanese_dump_is_joined_without_a_space_before_the_digits_a_wrap_moved_down(width: int) -> None:
    # "…閣議決定し、" + "1200億円…" came back as "…閣議決定し、 1200億円…".
    import re

    wrapped = [_columns_wrap(re.findall(r"[0-9A-Za-z]+|.", paragraph), width, "") for paragraph in JAPANESE]
    assert any(line[0].isdigit() for lines in wrapped for line in lines[1:])  # the case the test is about
    lines = ["政府が新予算案を決定", "", *wrapped[0], "", *wrapped[1]]
    assert join_wrapped_lines(lines) == ["政府が新予算案を決定", "", JAPANESE[0], "", JAPANESE[1]]


KOREAN = (
    "시 의회는 화요일 밤늦게까지 이어진 긴 토론 끝에 새 예산안을 승인했으며, 방청석은 시민들로 가득 찼다."
    " 의원들은 계획된 교통 노선과 학교 예산을 두고 몇 시간 동안 논쟁을 벌였고, 여러 수정안이 제출되었다가 부결되었다.",
    "시장은 새 회계연도가 시작되기 전인 금요일에 예산안에 서명하겠다고 밝히고 의회의 노고에 감사를 표했다."
    " 그는 이번 예산이 도로 보수와 학교 시설 개선에 더 많은 돈을 쓰게 될 것이라고 말했다.",
)


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_korean_dump_wrapped_between_its_words_is_joined_with_spaces(width: int) -> None:
    # Korean is wide but spaced: its wrap moves whole words down. Before, the dump was not found wrapped at all.
    wrapped = [_columns_wrap(paragraph.split(), width, " ") for paragraph in KOREAN]
    lines = ["시 의회, 새 예산안 승인", "", *wrapped[0], "", *wrapped[1]]
    assert join_wrapped_lines(lines) == ["시 의회, 새 예산안 승인", "", KOREAN[0], "", KOREAN[1]]
    assert newsclean.clean_text("\n".join(lines)).paragraphs == KOREAN
