"""German "Stand: 05.03.2024 10:30 Uhr" says how the text stood then: its last update, not its publication.

It was read as the published date, in a dump's date line and in a page's text. It is now an update label, with its
colon only: "stand" is an English word, and "take the stand on March 5" is prose.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import newsclean
from newsclean.metadata._date_labels import date_label, labelled_date

STORY = (
    "Die Bundesregierung hat am Dienstag neue Regeln für den Wohnungsbau beschlossen, die ab dem kommenden Jahr "
    "gelten sollen. Der Bauminister sprach von einem wichtigen Schritt für Familien mit kleinen Einkommen."
)
FETCHED = datetime(2025, 1, 1, tzinfo=UTC)


def _dump(line: str) -> newsclean.Article:
    text = f"Neue Regeln für den Wohnungsbau\n\n{line}\n\n{STORY}\n\n{STORY}"
    return newsclean.clean_text(text, fetched_at=FETCHED)


def test_a_dump_s_stand_line_is_its_modified_date() -> None:
    article = _dump("Stand: 05.03.2024 10:30 Uhr")
    assert article.published is None
    assert article.modified == datetime(2024, 3, 5, 10, 30, tzinfo=UTC)
    assert article.provenance["modified"].startswith("text (date line)")
    assert [r.rule for r in article.removed] == ["byline.dateline-other-languages"]


def test_a_publication_line_with_its_stand_gives_both_dates() -> None:
    article = _dump("Veröffentlicht am 04.03.2024, Stand: 05.03.2024 10:30 Uhr")
    assert article.published == datetime(2024, 3, 4, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 5, 10, 30, tzinfo=UTC)
    assert [r.rule for r in article.removed] == ["byline.dateline-other-languages"]


def test_a_page_s_stand_line_is_a_labelled_update() -> None:
    body = f"<p>{STORY}</p><p>{STORY}</p>"
    html = (
        "<html lang=de><head><title>Neue Regeln</title></head><body><article>"
        f"<h1>Neue Regeln für den Wohnungsbau</h1><p>Stand: 05.03.2024 10:30 Uhr</p>{body}</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://www.example.de/politik/wohnungsbau.html", fetched_at=FETCHED)
    assert article.modified == datetime(2024, 3, 5, 10, 30, tzinfo=UTC)
    assert article.provenance["modified"].startswith("page text (labelled update)")
    assert not article.provenance.get("published", "").startswith("page text")


@pytest.mark.parametrize(
    ("text", "printed", "label"),
    [
        ("Stand: 05.03.2024", "05.03.2024", "updated"),
        ("Stand : 05.03.2024", "05.03.2024", "updated"),
        ("He will take the stand on March 5, 2024", "March 5, 2024", None),
        ("Stand 05.03.2024", "05.03.2024", None),
    ],
)
def test_stand_labels_an_update_only_with_its_colon(text: str, printed: str, label: str | None) -> None:
    assert date_label(text, text.index(printed)) == label


def test_the_labelled_update_reading_takes_a_stand_date() -> None:
    assert labelled_date("Stand: 05.03.2024 10:30 Uhr", updated=True) == date(2024, 3, 5)
    assert labelled_date("Stand: 05.03.2024 10:30 Uhr") is None
