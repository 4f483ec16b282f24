"""A paragraph whose source lines the page wraps is one paragraph, also when readability's pick is the article:
its text nodes reached the output as the source wrote them, and each source line came out a paragraph of its own
(a hand-written page of 5 paragraphs gave 25)."""

from __future__ import annotations

import textwrap

import pytest
from lxml import html

import newsclean
from newsclean._source_line_breaks import unwrap_source_lines

SENTENCES = [
    "Fold and cut was the basis for several early magic tricks, and the earliest such reference we know of is a book"
    " of games for girls printed in 1833 by Lydia Marie Child. See the paper folding history project for images.",
    "In particular, before he was a famous escape artist, the magician wrote a small book about paper magic that"
    " describes the trick over a few pages of careful instructions for readers.",
    "The general problem asks which shapes can be made by folding a sheet of paper flat and making one complete"
    " straight cut, and the answer turns out to be every shape with straight sides.",
    "Two different methods solve the problem, one based on the straight skeleton of the polygon and one based on"
    " packing disks, and each of them leads to a folding that can be computed quickly.",
    "The proofs were published over several years in journals and conference proceedings, and they remain a"
    " favourite example of how recreational puzzles can lead to serious mathematics.",
]


def _wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 60))


# An old hand-written page: no article container (trafilatura falls back to its wild text), a subheading and a
# list (so readability's pick, which keeps them, is taken), every paragraph's source wrapped at 60 columns.
PAGE = (
    "<HTML><HEAD><TITLE>The Fold-and-Cut Problem</TITLE></HEAD><BODY>\n<H1>The Fold-and-Cut Problem</H1>\n"
    + "".join(f"<P>\n{_wrapped(sentence)}\n" for sentence in SENTENCES[:2])
    + "<H2>The problem</H2>\n"
    + "".join(f"<P>\n{_wrapped(sentence)}\n" for sentence in SENTENCES[2:])
    + "<UL>\n<LI>Straight skeleton\nmethod</LI>\n<LI>Disk packing\nmethod</LI>\n</UL>\n</BODY></HTML>"
)


def test_a_page_whose_source_lines_are_wrapped_keeps_its_paragraphs_whole() -> None:
    article = newsclean.clean_html(PAGE)
    assert article.paragraphs == (
        *SENTENCES[:2],
        "The problem",
        *SENTENCES[2:],
        "- Straight skeleton method",
        "- Disk packing method",
    )


def _unwrapped(markup: str) -> str:
    tree = html.fromstring(markup)
    unwrap_source_lines(tree)
    return html.tostring(tree, encoding="unicode")


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # inside a paragraph, around inline elements and comments: one space each
        ("<div><p>a\nb <a>x\ny</a>\nc</p></div>", "<div><p>a b <a>x y</a> c</p></div>"),
        ("<div><p>z\n<i>w</i>\n<!-- c -->\nq</p></div>", "<div><p>z <i>w</i> <!-- c --> q</p></div>"),
        (
            "<div><h2>A long\nheading</h2><ul><li>an\nitem</li></ul></div>",
            "<div><h2>A long heading</h2><ul><li>an item</li></ul></div>",
        ),
        ("<table><tr><td>a\ncell</td></tr></table>", "<table><tr><td>a cell</td></tr></table>"),
        # the edge of a block keeps its line break: the texts of two blocks stay apart
        ("<div><p>a</p>\n<div>d</div>\n<p>e\n</p></div>", "<div><p>a</p>\n<div>d</div>\n<p>e\n</p></div>"),
        # text straight in a div may show its line breaks (CSS pre-line): kept
        ("<div><div>d\ne</div></div>", "<div><div>d\ne</div></div>"),
        # a text with a blank line inside is plain text, a paragraph a line: kept
        ("<div><p>one\n\ntwo\nthree</p></div>", "<div><p>one\n\ntwo\nthree</p></div>"),
        # preformatted text and code keep theirs, and the text after them in the paragraph is joined
        (
            "<div><p>see <code>a\nb</code>\nand</p><pre>x\ny</pre></div>",
            "<div><p>see <code>a\nb</code> and</p><pre>x\ny</pre></div>",
        ),
    ],
    ids=["inline", "comment", "heading-and-item", "cell", "block-edges", "div-text", "blank-line", "preformatted"],
)
def test_line_breaks_are_spaces_inside_a_paragraph_only(markup: str, expected: str) -> None:
    assert _unwrapped(markup) == expected


def test_a_page_nested_thousands_deep_is_unwrapped_in_one_pass() -> None:
    depth = 3000
    markup = "<div><p>" + "<span>a\nb " * depth + "</span>" * depth + "</p></div>"
    tree = html.fromstring(markup, parser=html.HTMLParser(huge_tree=True))
    unwrap_source_lines(tree)
    assert "\n" not in "".join(tree.itertext())
