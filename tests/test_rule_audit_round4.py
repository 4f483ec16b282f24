"""Fourth rule audit: the leftovers of the third (Chinese credits, blog post lines, Dutch bylines joined with "en",
numeric dates under a day-first label, two prompts that took prose with them), checked in context.

As in the third audit's tests, each line is set in a council story, in its middle and as its last paragraph, and
cleaned as a text dump: prose must stay, boilerplate must go, credited to its rule; and what a reader would take
from a byline or date line is read as the dump's metadata.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from _audit_lines import assert_kept, assert_removed_by
from test_rule_audit_round3 import BODY, _clean

import newsclean

FETCHED = datetime(2025, 1, 1, tzinfo=UTC)

PROSE = [
    "记者从市政府获悉，今年全市新增就业岗位三万个。",
    "他对记者说，这项工作还要继续推进。",
    "记者手记",
    "编辑：您怎么看这次改革？",
    "Posted by mail, the letter arrived two weeks late.",
    "Posted by an anonymous account, the video spread quickly.",
    "Par Jean Martin en Costa Rica",
    "Por Juan Pérez en Buenos Aires",
    "Click here to read the terms was all the warning the customers got.",
    "Got a tip? That was how the investigation began, with an anonymous call.",
]

BOILERPLATE = {
    "记者 张三": "byline.chinese-reporter",
    "（记者 张三 李四）": "byline.chinese-reporter",
    "本报记者 王五": "byline.chinese-reporter",
    "本报记者 张三 通讯员 李四": "byline.chinese-reporter",
    "（記者 山田太郎）": "byline.chinese-reporter",
    "责任编辑：王五": "byline.editor-credit",
    "编辑：李明": "byline.editor-credit",
    "来源：新华社": "byline.editor-credit",
    "Posted by admin": "byline.posted-by",
    "Posted by admin on March 3, 2024": "byline.posted-by",
    "Posted on March 3, 2024 by jdoe": "byline.posted-by",
    "Posted by Jane Doe on March 3, 2024": "byline.written-by",
    "Door Jan de Vries en Piet Jansen": "byline.other-languages",
    "Stand: 05.03.2024": "byline.dateline-other-languages",
    "Veröffentlicht am 05.03.2024": "byline.dateline-other-languages",
    "Publié le 05/03/2024 à 10h30, mis à jour le 06/03/2024 à 8h": "byline.dateline-other-languages",
    "Zuletzt aktualisiert: 05.03.2024": "update_banner.timestamp-line",
    "Click here to read the terms.": "related.click-here",
    "Got a tip? Email us at tips@example.com": "footer.contact",
}


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str, where: str) -> None:
    assert_kept(_clean(line, where), line)


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize(("line", "rule"), BOILERPLATE.items())
def test_boilerplate_goes_by_its_rule(line: str, rule: str, where: str) -> None:
    assert_removed_by(_clean(line, where), line, rule, BODY)


def _dump(*lines: str) -> newsclean.Article:
    return newsclean.clean_text("\n\n".join(["Council approves new budget", *lines, *BODY]) + "\n", fetched_at=FETCHED)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("记者 张三", ("张三",)),
        ("（记者 张三 李四）", ("张三", "李四")),
        ("本报记者 张三 通讯员 李四", ("张三", "李四")),
        ("（記者 山田太郎）", ("山田太郎",)),
        ("记者 张三、李四", ("张三", "李四")),
        ("本台記者 張三", ("張三",)),
        ("Door Jan de Vries en Piet Jansen", ("Jan de Vries", "Piet Jansen")),
        ("Posted by Jane Doe on March 3, 2024", ("Jane Doe",)),
    ],
)
def test_the_reporters_of_a_byline_line_are_the_dumps_authors(line: str, authors: tuple[str, ...]) -> None:
    article = _dump(line)
    assert (article.authors, article.provenance.get("authors")) == (authors, "byline")


@pytest.mark.parametrize("line", ["责任编辑：王五", "编辑：李明", "来源：新华社"])
def test_an_editor_or_source_credit_names_no_author(line: str) -> None:
    # The editor edited the story and the source supplied it; neither wrote it.
    article = _dump(line)
    assert article.authors == ()
    assert [r.text for r in article.removed] == [line]


def test_the_reporters_are_read_though_the_editor_is_credited_first() -> None:
    article = _dump("责任编辑：王五", "（记者 张三 李四）")
    assert article.authors == ("张三", "李四")


@pytest.mark.parametrize(
    "line",
    ["Posted by admin", "Posted by administrator", "Posted by editor", "Posted by staff", "Posted by webmaster"],
)
def test_a_placeholder_account_is_no_author(line: str) -> None:
    article = _dump(line)
    assert article.authors == ()
    assert [r.rule for r in article.removed] == ["byline.posted-by"]


def test_a_post_line_gives_its_date_but_not_its_login() -> None:
    article = _dump("Posted on March 3, 2024 by jdoe")
    assert article.authors == ()
    assert article.published == datetime(2024, 3, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Stand: 05.03.2024", "modified", datetime(2024, 3, 5, tzinfo=UTC)),  # the state as of then
        ("Veröffentlicht am 05.03.2024", "published", datetime(2024, 3, 5, tzinfo=UTC)),
        ("Aktualisiert: 05.03.2024, 10:30 Uhr", "modified", datetime(2024, 3, 5, 10, 30, tzinfo=UTC)),
        ("Publié le 05/03/2024 à 10h30", "published", datetime(2024, 3, 5, 10, 30, tzinfo=UTC)),
        ("Zuletzt aktualisiert: 05.03.2024", "modified", datetime(2024, 3, 5, tzinfo=UTC)),
        ("Opublikowano: 05.03.2024", "published", datetime(2024, 3, 5, tzinfo=UTC)),
        ("Publicado el 05/03/2024", "published", datetime(2024, 3, 5, tzinfo=UTC)),
    ],
)
def test_a_numeric_date_under_a_day_first_label_is_read_day_first(line: str, field: str, value: datetime) -> None:
    article = _dump(line)
    assert getattr(article, field) == value
    assert article.provenance[field].startswith("text (date line)")
    assert [r.text for r in article.removed] == [line]


@pytest.mark.parametrize("line", ["05.03.2024", "03/05/2024", "Published 03/05/2024", "Updated 05.03.2024"])
def test_an_ambiguous_date_without_a_day_first_label_is_still_not_read(line: str) -> None:
    # An unlabelled or English-labelled "05.03.2024" may be American (May 3): one reading would be a guess.
    article = _dump(line)
    assert article.published is None and article.modified is None
    assert [r.text for r in article.removed] == [line]


def test_a_publication_line_with_its_update_gives_both_dates_day_first() -> None:
    article = _dump("Publié le 05/03/2024 à 10h30, mis à jour le 06/03/2024 à 8h")
    assert (article.published, article.modified) == (
        datetime(2024, 3, 5, 10, 30, tzinfo=UTC),
        datetime(2024, 3, 6, tzinfo=UTC),
    )


def test_a_quoted_letter_to_dear_friends_is_kept() -> None:
    # The appeal block's opening line starts with "Dear": a letter the story quotes starts with its quote mark.
    letter = (
        "“Dear friends,",
        "Thank you for your support through all these years; it has carried me through hard times.",
        "I will miss you all.”",
    )
    article = _dump("In a letter read aloud at the service, the retiring pastor wrote:", *letter)
    assert article.removed == ()
    assert all(line in article.text for line in letter)
