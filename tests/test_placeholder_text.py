"""A template's filler text ("Lorem ipsum dolor sit amet, consectetur …") left on a published page: removed as a
widget, wherever it stands, and no longer read as the page's language; a sentence about the filler stays."""

from __future__ import annotations

import newsclean

_STORY = [
    "The council met on Tuesday to vote on the budget for the coming year, which includes three new roads.",
    "Residents asked for more money for the library, and the mayor said the request would be heard next month.",
    "The vote was delayed after two members said they had not been given the figures in time to read them.",
]
_FILLER = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore"
    " magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo."
)


def test_filler_paragraphs_and_numbered_filler_items_go_in_a_dump() -> None:
    article = newsclean.clean_text("\n".join([_STORY[0], _FILLER, "- Lorem ipsum 1", "- Lorem ipsum 2", *_STORY[1:]]))
    assert article.paragraphs == tuple(_STORY)
    assert {(removal.rule, removal.text) for removal in article.removed} == {
        ("widget.placeholder-text", _FILLER),
        ("widget.placeholder-text", "- Lorem ipsum 1"),
        ("widget.placeholder-text", "- Lorem ipsum 2"),
    }


def test_a_page_mostly_of_filler_is_read_in_its_own_language() -> None:
    filler_blocks = "".join(f"<h2>Head Line {n}</h2><p>{_FILLER}</p><ul><li>Lorem ipsum 1</li></ul>" for n in range(4))
    html = (
        "<html><head><title>Insurer rankings for 2025</title></head><body><article><h1>Insurer rankings for 2025</h1>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in _STORY)
        + filler_blocks
        + "</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://example.com/insights/rankings")
    assert not any("Lorem ipsum" in paragraph for paragraph in article.paragraphs)
    assert article.language == "en"


def test_a_sentence_about_the_filler_stays() -> None:
    about = "Lorem ipsum, the filler text designers use, comes from a passage of Cicero's De finibus."
    article = newsclean.clean_text("\n".join([_STORY[0], about, *_STORY[1:]]))
    assert about in article.paragraphs
