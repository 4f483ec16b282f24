"""Each removal says where its text stood (``Removal.paragraph``), in the paragraphs the text stage was given."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import msgspec
import pytest

import newsclean
from newsclean import Article, Pipeline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BODY = [
    "The city council approved the new budget on Tuesday after a debate that ran late into the night.",
    "Council members argued over the cost of the new bridge, which has doubled since it was first proposed.",
    "The mayor said the vote showed that the city could still agree on the things that matter most to it.",
    "Opponents said they would bring the question back to the council before the end of the year.",
    "The budget takes effect in January, and the first payments for the bridge are due in the spring.",
]


class _GivenParagraphs:
    """A pipeline whose text stage's input is kept for the test: the real text cleaner, called through."""

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.given: list[tuple[list[str], str | None]] = []
        cleaner = self.pipeline._text_cleaner
        clean = cleaner.clean

        def clean_and_keep(paragraphs: Sequence[str], title: str | None = None) -> object:
            self.given.append((list(paragraphs), title))
            return clean(paragraphs, title)

        cleaner.clean = clean_and_keep  # type: ignore[method-assign]


def assert_placed(article: Article, given: Sequence[str], title: str | None = None) -> None:
    """Every text removal points at the paragraph it came from (or was cut from the ``title`` the text stage was
    given), and the paragraphs no removal took whole are the article's, in order (less the line a dump's title
    was read from; a kept paragraph may have lost a marker)."""
    whole: set[int] = set()
    for removal in article.removed:
        if removal.stage == "dom":
            assert removal.paragraph is None
            continue
        if removal.paragraph is None:
            assert title is not None and title.startswith(removal.text), removal
            continue
        assert removal.text in given[removal.paragraph], (removal, given[removal.paragraph])
        if removal.text == given[removal.paragraph]:
            whole.add(removal.paragraph)
    rest = [paragraph for index, paragraph in enumerate(given) if index not in whole]
    if article.provenance.get("title") == "first-line":
        rest = rest[1:]
    assert len(rest) == len(article.paragraphs)
    assert all(source.endswith(kept) for source, kept in zip(rest, article.paragraphs, strict=True))


def test_a_dumps_removals_are_numbered_by_its_lines() -> None:
    lines = ["Reading Time: 3 minutes", *BODY[:2], "Share this:", *BODY[2:], "Like this:"]
    article = newsclean.clean_text("\n".join(lines), title="Council approves the budget")
    assert [(removal.text, removal.paragraph) for removal in article.removed] == [
        ("Reading Time: 3 minutes", 0),
        ("Share this:", 3),
        ("Like this:", 7),
    ]
    assert article.paragraphs == tuple(BODY)


def test_later_passes_number_their_removals_in_the_text_as_given_not_in_what_is_left() -> None:
    # The share line goes first (a rule), then the repeated headline, then the closing run of teaser headlines:
    # each of those passes sees a shorter list than the one before it.
    teasers = [
        "Mayor Unveils Plan For New Harbour Park",
        "School Board Delays Vote On Later Start Times",
        "Storm Leaves Thousands Without Power Overnight",
    ]
    lines = ["Share this:", "Council approves the budget", *BODY, *teasers]
    article = newsclean.clean_text("\n".join(lines), title="Council approves the budget")
    placed = {removal.text: (removal.rule, removal.paragraph) for removal in article.removed}
    assert placed["Share this:"] == ("widget.share", 0)
    assert placed["Council approves the budget"] == ("heuristic.title-repeat", 1)
    assert [placed[teaser] for teaser in teasers] == [("heuristic.trailing-teasers", 7 + n) for n in range(3)]
    assert_placed(article, lines)


def test_a_second_copy_of_the_article_is_placed_where_it_was_printed() -> None:
    lines = [*BODY, "Share this:", *BODY]
    article = newsclean.clean_text("\n".join(lines), title="Council approves the budget")
    copies = [removal.paragraph for removal in article.removed if removal.rule == "heuristic.repeated-block"]
    assert copies == [6, 7, 8, 9, 10]
    assert_placed(article, lines)


def test_a_marker_cut_from_the_first_paragraph_shares_its_index() -> None:
    lines = ["UPDATED: " + BODY[0], *BODY[1:]]
    article = newsclean.clean_text("\n".join(lines), title="Council approves the budget")
    assert [(removal.text, removal.paragraph) for removal in article.removed] == [("UPDATED:", 0)]
    assert article.paragraphs[0] == BODY[0]
    assert_placed(article, lines)


def test_a_dumps_title_line_keeps_its_index_free() -> None:
    lines = ["Council approves the budget", *BODY[:3], "Share this:", *BODY[3:]]
    article = newsclean.clean_text("\n".join(lines))
    assert article.title == "Council approves the budget"
    assert article.provenance["title"] == "first-line"
    assert [(removal.text, removal.paragraph) for removal in article.removed] == [("Share this:", 4)]
    assert_placed(article, lines)


def test_too_few_words_to_be_an_article_are_placed_where_they_stood() -> None:
    article = newsclean.clean_text("Share this:\nMenu\nHome", title="Council approves the budget")
    assert [(removal.rule, removal.paragraph) for removal in article.removed] == [
        ("widget.share", 0),
        ("pipeline.min-words", 1),
        ("pipeline.min-words", 2),
    ]


def test_a_title_marker_has_no_place_in_the_text() -> None:
    article = newsclean.clean_text("\n".join(BODY), title="UPDATED: Council approves the budget")
    markers = [removal for removal in article.removed if removal.text == "UPDATED:"]
    assert article.title == "Council approves the budget"
    assert [marker.paragraph for marker in markers] == [None]


@pytest.mark.parametrize(
    "path",
    sorted((FIXTURES / "html").glob("*.html")) + sorted((FIXTURES / "false_removals").glob("*.html")),
    ids=lambda path: path.name,
)
def test_a_pages_text_removals_point_at_the_extracted_paragraphs(path: Path) -> None:
    spied = _GivenParagraphs()
    article = spied.pipeline.clean_html(path.read_bytes(), url="https://news.example/story")
    assert len(spied.given) == 1
    assert_placed(article, *spied.given[0])


@pytest.mark.parametrize("path", sorted((FIXTURES / "seeds").glob("*.txt")), ids=lambda path: path.name)
def test_a_dumps_removals_point_at_its_paragraphs(path: Path) -> None:
    spied = _GivenParagraphs()
    article = spied.pipeline.clean_text(path.read_text(encoding="utf-8"))
    assert article.removed and all(removal.paragraph is not None for removal in article.removed)
    assert_placed(article, *spied.given[0])


def test_places_survive_json() -> None:
    article = newsclean.clean_text("\n".join(["Share this:", *BODY]), title="Council approves the budget")
    again = msgspec.json.decode(newsclean.to_json(article), type=Article)
    assert [removal.paragraph for removal in again.removed] == [0]
    assert again == article
