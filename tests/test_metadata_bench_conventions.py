"""The benchmark's gold-convention switches (``metadata_bench.py --convention``) do what their names say, on
synthetic pages: they are measurements the round-8 evidence table rests on."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from benchmarks.metadata_bench import CONVENTIONS, main, newsclean_metadata

NOW = datetime(2024, 6, 1, tzinfo=UTC)
BODY = "<p>" + "The council met on Tuesday to discuss the budget for the coming year. " * 5 + "</p>"


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _resolve(html: str, *conventions: str) -> dict[str, object]:
    resolved = newsclean_metadata(html, "https://example.org/news/budget", (), NOW, frozenset(conventions))
    return dict(resolved.values)


def test_every_convention_is_described_and_accepted_by_the_command_line() -> None:
    assert all(CONVENTIONS.values())
    # An unknown name is a usage error (exit code 2), before any data set is read.
    with pytest.raises(SystemExit) as exited:
        main(["--convention", "no-such-convention"])
    assert exited.value.code == 2


def test_markup_title_ignores_the_visible_headline() -> None:
    head = '<meta property="og:title" content="Budget 2024: what the council decided">'
    html = _page(head, "<h1>What the council decided on the budget</h1>" + BODY)
    assert _resolve(html)["title"] == "What the council decided on the budget"
    assert _resolve(html, "markup-title")["title"] == "Budget 2024: what the council decided"


def test_printed_update_becomes_the_publication_only_under_its_convention() -> None:
    headline = "Council approves new flood barrier plan"
    head = f'<meta property="og:title" content="{headline}">'
    html = _page(head, f"<h1>{headline}</h1><p>Last updated: March 5, 2024</p>" + BODY)
    assert "published" not in _resolve(html)
    published = _resolve(html, "printed-update-as-published")["published"]
    assert isinstance(published, datetime) and published.date() == date(2024, 3, 5)


def test_shown_dates_only_drops_a_declared_date_the_page_never_prints() -> None:
    headline = "Council approves new flood barrier plan"
    head = f'<meta property="og:title" content="{headline}">'
    head += '<meta property="article:published_time" content="2024-01-10T09:00:00Z">'
    html = _page(head, f"<h1>{headline}</h1><p>By Jane Doe</p>" + BODY)
    published = _resolve(html)["published"]
    assert isinstance(published, datetime) and published.date() == date(2024, 1, 10)
    assert "published" not in _resolve(html, "shown-dates-only")


def test_printed_authors_only_keeps_the_printed_name_and_drops_the_other() -> None:
    headline = "Council approves new flood barrier plan"
    head = f'<meta property="og:title" content="{headline}"><meta name="author" content="Benjamin Hidden">'
    html = _page(head, f"<h1>{headline}</h1>" + BODY)
    assert _resolve(html)["authors"] == ("Benjamin Hidden",)
    assert not _resolve(html, "printed-authors-only").get("authors")
    printed = _page(head, f"<h1>{headline}</h1><p>By Benjamin Hidden</p>" + BODY)
    assert _resolve(printed, "printed-authors-only")["authors"] == ("Benjamin Hidden",)
