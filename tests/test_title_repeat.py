"""The repeated headline: the title again among the first paragraphs, with or without a section or media label."""

from __future__ import annotations

from newsclean.cleaners._heuristics import drop_repeated_title, without_label

TITLE = "Council Votes To Close The Old Bridge For Two Years"
BODY = [
    "The council voted on Tuesday to close the old bridge for two years while engineers rebuild it.",
    "Residents said the detour would add half an hour to their commute.",
]


def _removed(paragraphs: list[str], title: str | None = TITLE) -> list[str]:
    kept, removed = drop_repeated_title(paragraphs, title)
    assert all(r.rule == "heuristic.title-repeat" and r.category == "repeated_title" for r in removed)
    texts = [r.text for r in removed]
    assert kept == [p for p in paragraphs if p not in texts]
    return texts


def test_the_title_itself_goes() -> None:
    assert _removed([TITLE, *BODY]) == [TITLE]


def test_the_title_with_a_media_or_section_label_goes() -> None:
    for labelled in (
        f"{TITLE} [Watch]",
        f"{TITLE} (Video)",
        f"Opinion: {TITLE}",
        f"{TITLE} | Opinion",
        f"ANALYSIS — {TITLE}",
    ):
        assert _removed([labelled, *BODY]) == [labelled], labelled


def test_the_bare_title_goes_when_the_title_field_carries_the_label() -> None:
    assert _removed([TITLE, *BODY], title=f"Opinion: {TITLE}") == [TITLE]


def test_other_prefixes_and_other_text_stay() -> None:
    for paragraph in (f"Blog: {TITLE}", f"Today: {TITLE}", f"{TITLE} and what it means for the town"):
        assert _removed([paragraph, *BODY]) == [], paragraph


def test_a_label_alone_never_matches_a_short_title() -> None:
    assert _removed(["Opinion: Bridge", *BODY], title="Bridge") == []
    assert without_label("Opinion") == "Opinion"


def test_only_the_first_paragraphs_are_looked_at() -> None:
    late = [*BODY, "More text about the bridge and the river crossing.", f"{TITLE} [Watch]"]
    assert _removed(late) == []


def test_without_label() -> None:
    assert without_label(f"Opinion: {TITLE}") == TITLE
    assert without_label(f"{TITLE} [Watch]") == TITLE
    assert without_label(f"{TITLE} | Review") == TITLE
    assert without_label(TITLE) == TITLE
    assert without_label("Reviewers: the panel met on Friday") == "Reviewers: the panel met on Friday"
