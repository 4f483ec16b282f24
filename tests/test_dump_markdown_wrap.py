"""Dumps read as Markdown or as wrapped text: list items, lines without blank lines, linked images, a "#" headline."""

from __future__ import annotations

import textwrap
from itertools import pairwise

import pytest
from test_hard_wrap import PARAGRAPHS  # the same three paragraphs, wrapped here inside Markdown

import newsclean
from newsclean._hard_wrap import join_wrapped_lines
from newsclean._markdown import looks_like_markdown, markdown_paragraphs


def _wrapped(*blocks: str) -> str:
    """A 72-column dump: the three paragraphs wrapped, with ``blocks`` (written as they are) between them."""
    filled = [textwrap.fill(paragraph, 72) for paragraph in PARAGRAPHS]
    return "Council approves budget\n\n" + "\n\n".join([filled[0], *blocks, *filled[1:]]) + "\n"


BUS_LANES = "- Bus lanes on Main Street and the riverfront, requested for a decade by riders"
ROOFS = "- Repairs to three elementary schools with roofs that leak in heavy rain"


@pytest.mark.parametrize(
    ("block", "items"),
    [
        # An introduction ending in a colon, then the items, no blank line between them.
        (f"The budget pays for:\n{BUS_LANES}\n{ROOFS}", ["The budget pays for:", BUS_LANES, ROOFS]),
        # The items alone in their block: each shares its mark with the other.
        (f"{BUS_LANES}\n{ROOFS}", [BUS_LANES, ROOFS]),
        (
            "1. Bus lanes on Main Street and the riverfront, requested for years by riders\n"
            "2. Repairs to three elementary schools with roofs that leak in heavy rain",
            [
                "1. Bus lanes on Main Street and the riverfront, requested for years by riders",
                "2. Repairs to three elementary schools with roofs that leak in heavy rain",
            ],
        ),
        (
            "\u2022 Bus lanes on Main Street and the riverfront, requested for years by riders\n"
            "\u2022 Repairs to three elementary schools with roofs that leak in heavy rain",
            [
                "\u2022 Bus lanes on Main Street and the riverfront, requested for years by riders",
                "\u2022 Repairs to three elementary schools with roofs that leak in heavy rain",
            ],
        ),
    ],
)
def test_a_wrapped_dump_keeps_its_list_items_apart(block: str, items: list[str]) -> None:
    # Each item is as long as a full line: read as wrapped, the items were joined into one paragraph.
    article = newsclean.clean_text(_wrapped(block))
    assert article.provenance["text"] == "hard-wrapped"
    assert article.title == "Council approves budget"
    assert list(article.paragraphs) == [PARAGRAPHS[0], *items, *PARAGRAPHS[1:]]


def test_a_wrapped_list_item_still_gets_its_continuation() -> None:
    item = (
        "- Bus lanes on Main Street and along the riverfront, requested for a decade by riders who say the buses"
        " are too slow"
    )
    lines = textwrap.fill(item, 72).splitlines()
    assert len(lines) == 2
    article = newsclean.clean_text(_wrapped("\n".join([*lines, ROOFS])))
    assert list(article.paragraphs) == [PARAGRAPHS[0], item, ROOFS, *PARAGRAPHS[1:]]


# Lines a wrap started with what looks like a mark: one spaced hyphen in its block, a number ending a sentence
# with no number next to it, an em dash. Each line before is full, so each is joined, as before.
DASHED = (
    "The council debated the transit plan for hours on Tuesday, and the vote",
    "- closer than many had expected after months of quiet talks - ended 5-4",
    "in favour, with the mayor saying she would sign it on Friday morning.",
)
NUMBERED = (
    "The city has opened new branch libraries every year since 2010, and by",
    "12. Two more are planned, one of them on Elm Street near the old depot,",
    "and both should open to readers before the end of the next fiscal year.",
)
EM_DASH = (
    "The mayor thanked the members who stayed for the vote and said the plan",
    "\u2014 along with the school repairs \u2014 was the most important part of it.",
)


@pytest.mark.parametrize("lines", [DASHED, NUMBERED, EM_DASH])
def test_a_wrapped_line_that_only_starts_like_an_item_is_joined(lines: tuple[str, ...]) -> None:
    # Each line is within 72 columns, and the next line's first word would not have fitted on it.
    assert all(len(line) <= 72 for line in lines)
    assert all(len(line) + 1 + len(following.split()[0]) > 72 for line, following in pairwise(lines))
    article = newsclean.clean_text(_wrapped("\n".join(lines)))
    assert list(article.paragraphs) == [PARAGRAPHS[0], " ".join(lines), *PARAGRAPHS[1:]]


def test_join_wrapped_lines_keeps_items_apart() -> None:
    lines = _wrapped(f"{BUS_LANES}\n{ROOFS}").splitlines()
    joined = join_wrapped_lines(lines)
    assert joined is not None and BUS_LANES in joined and ROOFS in joined


LINKED_LINES = (
    "Council approves new budget after long debate\n"
    "The council approved the budget on Tuesday, [officials said](https://example.com/a).\n"
    "Members voted 7-2 in favour of the plan, which [raises spending](https://example.com/b) on roads.\n"
    "The mayor will sign it on Friday, according to [her office](https://example.com/c).\n"
)
LINKED_PARAGRAPHS = (
    "The council approved the budget on Tuesday, officials said.",
    "Members voted 7-2 in favour of the plan, which raises spending on roads.",
    "The mayor will sign it on Friday, according to her office.",
)


@pytest.mark.parametrize(
    "text",
    [
        LINKED_LINES,
        LINKED_LINES.replace("\n", "\n\n", 1),  # a blank line after the headline only
        "# " + LINKED_LINES,
        "# " + LINKED_LINES.replace("\n", "\n\n", 1),
    ],
)
def test_markdown_lines_without_blank_lines_are_paragraphs(text: str) -> None:
    # Read as Markdown, lines up to a blank line were joined: the headline and the whole story became one paragraph.
    article = newsclean.clean_text(text)
    assert article.provenance["text"] == "markdown"
    assert article.title == "Council approves new budget after long debate"
    assert article.paragraphs == LINKED_PARAGRAPHS


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # Soft-wrapped paragraphs apart by blank lines, as before.
        (
            "# Title\n\nThe council approved the budget\non Tuesday, [officials said](https://e.com/a).\n\n"
            "Members voted 7-2 in favour\nof the plan.\n",
            [
                "Title",
                "The council approved the budget on Tuesday, officials said.",
                "Members voted 7-2 in favour of the plan.",
            ],
        ),
        # Soft-wrapped paragraphs apart only by headings: their lines are continued, so still joined.
        (
            "# Title\n\nThe council approved the budget after a debate\nthat ran past midnight, "
            "[officials said](https://e.com/a).\n\n## Next\n\nThe budget takes effect in July, and the\n"
            "first road projects start in the autumn.\n",
            [
                "Title",
                "The council approved the budget after a debate that ran past midnight, officials said.",
                "Next",
                "The budget takes effect in July, and the first road projects start in the autumn.",
            ],
        ),
        # A sentence a line, paragraphs apart by blank lines: Markdown's paragraphs, joined.
        (
            "[One](https://e.com/1) sentence.\nTwo sentences.\n\n**Three** sentences.\nFour.\n\nFive.\nSix.\n",
            ["One sentence. Two sentences.", "Three sentences. Four.", "Five. Six."],
        ),
    ],
)
def test_markdown_paragraphs_made_of_several_lines_are_still_joined(text: str, paragraphs: list[str]) -> None:
    assert looks_like_markdown(text)
    assert markdown_paragraphs(text) == paragraphs


@pytest.mark.parametrize(
    ("line", "paragraph"),
    [
        ("[![Logo](https://ex.com/logo.png)](https://ex.com/) Home", "Home"),
        ('[![Logo](https://ex.com/logo.png "The logo")](https://ex.com/ "Home page")', ""),
        ("Read on [![icon](https://ex.com/i.png) the full report](https://ex.com/r).", "Read on the full report."),
        (
            "An empty link [](https://ex.com/) goes, a [real one](https://ex.com/) stays.",
            "An empty link goes, a real one stays.",
        ),
    ],
)
def test_a_linked_image_goes_as_a_whole(line: str, paragraph: str) -> None:
    # The image went and left "[](https://ex.com/)" behind.
    assert markdown_paragraphs(f"# Title\n\n{line}\n") == ["Title", *([paragraph] if paragraph else [])]


@pytest.mark.parametrize(
    ("line", "paragraph"),
    [
        ("![The council chamber][chamber]", ""),
        ("![The council chamber][]", ""),
        ("[![Logo][logo]](https://ex.com/) Home", "Home"),
        (
            "The council approved the [new budget][1], ![chart][2] as expected.",
            "The council approved the new budget, as expected.",
        ),
    ],
)
def test_a_reference_style_image_goes(line: str, paragraph: str) -> None:
    # It was read as a reference link, and left "!The council chamber".
    text = f"# Title\n\n{line}\n\n[1]: https://ex.com/b\n[2]: https://ex.com/c.png\n[chamber]: https://ex.com/c.jpg\n"
    assert markdown_paragraphs(text) == ["Title", *([paragraph] if paragraph else [])]


BODY = (
    "The city council voted on Tuesday to approve the new budget after a long debate that ran past midnight.\n\n"
    "Members voted 7-2 in favour of the plan, which raises spending on roads and schools by five percent.\n"
)


@pytest.mark.parametrize("marks", ["#", "##", "###", "######"])
def test_a_dump_opening_with_a_heading_loses_its_marks(marks: str) -> None:
    # Its only Markdown was the "#": read a line a paragraph, the title was "# Council approves new budget".
    text = f"{marks} Council approves new budget\n\n" + BODY
    assert looks_like_markdown(text)
    article = newsclean.clean_text(text)
    assert article.title == "Council approves new budget"
    assert article.paragraphs == tuple(BODY.split("\n\n")[i].strip() for i in range(2))


def test_a_heading_after_blank_lines_and_closing_marks_counts_too() -> None:
    article = newsclean.clean_text("\n\n# Council approves new budget #\n\n" + BODY)
    assert article.title == "Council approves new budget"


@pytest.mark.parametrize(
    "first",
    ["#1 seed wins the final after extra time", "#hashtag campaign spreads across the city", "#", "#    "],
)
def test_a_plain_dump_opening_with_a_hash_stays_plain(first: str) -> None:
    text = f"{first}\n" + BODY
    assert not looks_like_markdown(text)
    article = newsclean.clean_text(text)
    assert "text" not in article.provenance
    if first.strip("# "):
        assert article.title == first
