"""The resolver's working record: field values and, for each, where it came from."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._dates import ParsedDate
    from ._relative_dates import RelativeDate


class Resolved:
    """Field values and where each came from. Only fields with evidence are set; the first source wins."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.provenance: dict[str, str] = {}
        # Evidence kept for ``complete``, which runs once the clean text is known.
        self.fallback_html: str | None = None
        self.html_lang: str | None = None
        self.site_keys: set[str] = set()
        self.news_article = False  # typed as a news article in JSON-LD
        self.page_dates: set[date] | None = None  # dates written on the page; None when the page is unknown
        self.labelled_date: date | None = None  # the first date the page labels "Published", "Posted", …
        self.labelled_original = False  # that label says "originally published": it precedes the header's date
        self.headline_date: date | None = None  # the date printed just after (or before) the headline
        self.headline_date_before = False  # printed before the headline ("Back to blog · Dec 12, 2025 · Title")
        self.labelled_update: date | None = None  # the first date the page labels "Updated", "Last modified", …
        # That update with the time of day printed beside it ("Updated March 6, 2024, 10:30 a.m. EST"), when printed.
        self.labelled_update_time: ParsedDate | None = None
        # The dates of a page's removed byline line ("By Jane Doe | March 5, 2024"), read as a dump's are, for
        # ``complete`` to set when nothing else did: (field, value, provenance).
        self.byline_dates: list[tuple[str, datetime, str]] = []
        # The time of day printed beside the header's and the labelled date, by day ("March 5, 2024 at 3:45 pm").
        self.printed_times: dict[date, ParsedDate] = {}
        # Dates printed relative to the fetch ("Published 3 hours ago"), placed once the fetch time is known.
        self.relative_dates: list[RelativeDate] = []
        self.flags: list[str] = []  # markers read from the metadata, for ``Article.flags`` (a headline's "(video)")
        # Headlines the page writes with a media tag: (the tag's flag, the headline without it, folded). ``complete``
        # flags the ones that are the final title, once the text cleaner has taken any "UPDATED:" off it.
        self.tagged_headlines: list[tuple[str, str]] = []

    def set(self, field: str, value: Any, source: str) -> bool:
        """Record ``value`` for ``field`` unless it is empty or the field already has a value."""
        if value is None or value == "" or value == () or field in self.values:
            return False
        self.values[field] = value
        self.provenance[field] = source
        return True

    def replace(self, field: str, value: Any, source: str) -> None:
        """Overwrite a field (or clear it with ``None``): a later check found better or contrary evidence."""
        if value is None or value == "" or value == ():
            self.values.pop(field, None)
            self.provenance.pop(field, None)
            return
        self.values[field] = value
        self.provenance[field] = source

    def get(self, field: str, default: Any = None) -> Any:
        return self.values.get(field, default)
