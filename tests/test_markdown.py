"""Markdown text dumps (Firecrawl, Jina Reader, html2text …) are read as the paragraphs a reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean._markdown import looks_like_markdown, markdown_paragraphs
from newsclean.io import FolderReader

STORY = """# Council approves budget after long debate

![Council chamber](https://example.com/img/chamber.jpg "The chamber")

The council approved the **new budget** on Tuesday after a [long debate](https://example.com/debate) that ran
past midnight, officials said.

Members voted 7-2 in favour of the plan, which raises spending on roads and schools by *five percent*.

## What happens next

The budget takes effect in July, and the first road projects start in the autumn.

**Share this:**

* [Twitter](https://twitter.com/share)
* [Facebook](https://facebook.com/share)

### Related

* [Council delays vote on parking fees](https://example.com/parking)
* [Mayor outlines priorities for 2024](https://example.com/mayor)

[Subscribe to our newsletter](https://example.com/newsletter)
"""


def test_a_markdown_dump_is_cleaned_as_its_reader_sees_it() -> None:
    article = newsclean.clean_text(STORY)
    assert article.title == "Council approves budget after long debate"
    assert article.paragraphs == (
        "The council approved the new budget on Tuesday after a long debate that ran past midnight, officials said.",
        "Members voted 7-2 in favour of the plan, which raises spending on roads and schools by five percent.",
        "What happens next",
        "The budget takes effect in July, and the first road projects start in the autumn.",
    )
    # Read line by line, the rules missed "**Share this:**" and "### Related" and kept both lists.
    assert {removal.rule for removal in article.removed} == {"widget.share", "related.heading", "newsletter.signup"}
    assert "- Mayor outlines priorities for 2024" in [removal.text for removal in article.removed]
    assert article.provenance["text"] == "markdown"
    assert "https://" not in article.text


def test_markup_inside_the_text_is_taken_out_and_what_only_looks_like_it_stays() -> None:
    text = (
        "A `config_file` and a __strong__ word, ~~gone~~ text, an escaped \\*star\\*, see <https://example.com/a> "
        "and [the report][1], while snake_case_names, 2 * 3 * 4 and a lone * stay.\n\n[1]: https://example.com/r"
    )
    assert markdown_paragraphs(text) == [
        "A config_file and a strong word, gone text, an escaped *star*, see https://example.com/a and the report, "
        "while snake_case_names, 2 * 3 * 4 and a lone * stay."
    ]


def test_blocks_keep_their_shape() -> None:
    text = (
        "Setext headline\n===============\n\n> A quoted line\n> that wraps.\n\n1. First step\n2. Second step\n"
        "   continues here\n\n| Team | Points |\n|------|-------:|\n| Reds | 12 |\n\n---\n\n```\ncode line\n```\n"
    )
    assert markdown_paragraphs(text) == [
        "Setext headline",
        "A quoted line that wraps.",
        "1. First step",
        "2. Second step continues here",
        "| Team | Points |",
        "| Reds | 12 |",
        "code line",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Title of the story\nFirst paragraph with a * in it.\nShare this:",
        "Headline\n# 1 in the charts, the band said on Tuesday.\nPrices rose 5% (year on year) [est.]",
        "One link [here](https://example.com/x) in a plain dump.\nAnother line.",
    ],
)
def test_a_plain_dump_is_read_a_line_a_paragraph_as_before(text: str) -> None:
    assert not looks_like_markdown(text)
    assert "text" not in newsclean.clean_text(text).provenance


def test_unclosed_markup_in_a_long_line_is_read_in_linear_time() -> None:
    # Each pattern is bounded: a quadratic one would not finish before the suite's timeout.
    line = "**[" * 40_000 + "](" * 40_000 + "_a" * 40_000
    paragraphs = markdown_paragraphs("# Title\n\n[a](https://e.com) " + line)
    assert len(paragraphs) == 2 and paragraphs[1].endswith("_a_a")


def test_markdown_files_are_read_as_text_dumps(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    (document,) = FolderReader(tmp_path)
    assert isinstance(document, newsclean.Document) and document.text == STORY
