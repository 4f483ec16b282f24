"""A line that is only a date in another language than English ("Veröffentlicht am 5. März 2024", "نشر في 5 مارس
2024", "2024年3月5日 10:30"): removed from the text like an English one, and its date read as the dump's; the month
names the rule knows are the date reader's own (``(?&month_name)``), the same pattern in any process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import re2
from _council_story import FETCHED, TITLE
from _council_story import PROSE as STORY

import newsclean
from newsclean import _rule_patterns
from newsclean._rule_patterns import shared_patterns
from newsclean.cleaners import TextCleaner
from newsclean.metadata import _month_names

PROSE = STORY[:2]


def clean_dump(line: str) -> newsclean.Article:
    return newsclean.clean_text("\n\n".join((TITLE, line, *PROSE)), fetched_at=FETCHED)


MARCH_5 = datetime(2024, 3, 5, tzinfo=UTC)
MARCH_5_AT_10_30 = datetime(2024, 3, 5, 10, 30, tzinfo=UTC)

# A published line and the instant the dump's published field takes from it (UTC assumed: no zone is printed).
PUBLISHED_LINES = [
    ("Veröffentlicht am 5. März 2024", MARCH_5),
    ("Dienstag, 5. März 2024, 10:30 Uhr", MARCH_5_AT_10_30),
    ("Publié le 5 mars 2024", MARCH_5),
    ("Publié le 5 mars 2024 à 10h30", MARCH_5_AT_10_30),
    ("mardi 5 mars 2024", MARCH_5),
    ("Publicado el 5 de marzo de 2024", MARCH_5),
    ("sexta-feira, 5 de março de 2024 às 10:30", MARCH_5_AT_10_30),
    ("Pubblicato il 5 marzo 2024 alle 10:30", MARCH_5_AT_10_30),
    ("Gepubliceerd op 5 maart 2024", MARCH_5),
    ("Opublikowano: 5 marca 2024", MARCH_5),
    ("5 марта 2024, 10:30", MARCH_5_AT_10_30),
    ("نشر في 5 مارس 2024", MARCH_5),
    ("٥ مارس ٢٠٢٤", MARCH_5),
    ("2024年3月5日 10:30", MARCH_5_AT_10_30),
    ("2024. március 5.", MARCH_5),
]


@pytest.mark.parametrize(("line", "published"), PUBLISHED_LINES)
def test_a_dumps_date_line_in_another_language_is_removed_and_read(line: str, published: datetime) -> None:
    article = clean_dump(line)
    assert line not in article.paragraphs
    assert [(removal.rule, removal.text) for removal in article.removed] == [("byline.dateline-other-languages", line)]
    assert article.published == published
    assert article.provenance["published"].startswith("text (date line)")
    assert article.title == TITLE  # not the date line, which a dump's first line would otherwise stand for


def test_a_date_line_above_the_headline_is_not_taken_for_the_title() -> None:
    # Before, the Arabic date line was the dump's title ("first-line") and its date was lost.
    article = newsclean.clean_text("\n\n".join(("نشر في 5 مارس 2024", *PROSE)), fetched_at=FETCHED)
    assert article.title is None
    assert article.published == MARCH_5


def test_a_publication_line_with_its_update_gives_both_dates() -> None:
    article = clean_dump("Publié le 5 mars 2024 à 10h30, mis à jour le 6 mars 2024 à 8h")
    assert article.published == MARCH_5_AT_10_30  # "10h30", as French writes a time
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)  # "8h" alone names no minute: the day only
    assert [removal.rule for removal in article.removed] == ["byline.dateline-other-languages"]


@pytest.mark.parametrize(
    "line",
    [
        "Aggiornato il 6 marzo 2024 alle 10:30",
        "Bijgewerkt op 6 maart 2024",
        "Обновлено 6 марта 2024, 10:30",
        "آخر تحديث: 6 مارس 2024",
    ],
)
def test_an_update_line_in_another_language_is_the_modified_date(line: str) -> None:
    article = clean_dump(line)
    assert [removal.rule for removal in article.removed] == ["update_banner.timestamp-line"]
    assert article.modified is not None and article.modified.date() == datetime(2024, 3, 6).date()
    assert article.published is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Veröffentlicht am 5. März 2024 wurde der Bericht des Ministeriums.",
        "Le 5 mars 2024, le tribunal a rendu sa décision.",
        "5 марта 2024 года суд вынес приговор.",
        "Stand: Die Verhandlungen laufen weiter.",
    ],
)
def test_prose_that_opens_with_a_date_is_kept(sentence: str) -> None:
    article = clean_dump(sentence)
    assert sentence in article.paragraphs
    assert article.removed == ()
    assert article.published is None


def test_a_pages_date_line_in_another_language_is_removed_with_its_record() -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    html = f"<html><body><article><h1>{TITLE}</h1><p>Publicado el 5 de marzo de 2024</p>{body}</article></body></html>"
    article = newsclean.clean_html(html, fetched_at=FETCHED)
    assert "Publicado el 5 de marzo de 2024" not in article.paragraphs
    assert ("byline.dateline-other-languages", "Publicado el 5 de marzo de 2024") in [
        (removal.rule, removal.text) for removal in article.removed
    ]


def test_every_month_name_the_date_reader_knows_is_one_the_rules_match() -> None:
    month_name = re2.compile(f"(?i:^(?:{shared_patterns()['month_name']}))$")
    names = set(_month_names.MONTHS) | {name for name, _ in _month_names._NATIVE_MONTH_NAMES}
    assert len(names) > 300
    missed = sorted(name for name in names if not month_name.search(name))
    assert missed == []
    assert all(_month_names.month_number(name) is not None for name in names if " " not in name)


def test_a_users_pack_names_the_month_names(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[pack]\nname = "mine"\nversion = "1"\n\n[[rule]]\nid = "mine.date"\ncategory = "byline"\nstage = "text"\n'
        "match = \"regex\"\npattern = '^\\d{1,2}\\. (?&month_name) \\d{4}$'\n"
        'examples.drop = ["5. März 2024", "5. MÄRZ 2024", "5. marca 2024"]\nexamples.keep = ["5. Mann 2024"]\n',
        encoding="utf-8",
    )
    pack = newsclean.load_pack(path)
    assert [bool(TextCleaner(pack).clean([line]).removed) for line in ("5. März 2024", "5. Mann 2024")] == [True, False]


def test_the_shipped_shared_patterns_cannot_redefine_month_name(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = {"month_name": "jan", "other": "x"}
    monkeypatch.setattr(_rule_patterns, "parse_shared_patterns", lambda source, name: shipped)
    _rule_patterns.shared_patterns.cache_clear()
    try:
        with pytest.raises(newsclean.RuleError, match="month_name"):
            _rule_patterns.shared_patterns()
    finally:
        monkeypatch.undo()
        _rule_patterns.shared_patterns.cache_clear()


def test_the_rules_version_is_the_same_in_any_process() -> None:
    # The month names come from sets, whose order follows the hash seed: the pattern, and so the credits pack's
    # digest in rules_version (which a batch's resume compares), must not.
    script = "import newsclean; print(newsclean.default_rules().version)"
    versions = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert len(versions) == 1
