"""What the readers' tests write and read back: a short story's page, a JSON record of it, and the items read."""

from __future__ import annotations

import json
from typing import Any

from newsclean._models import Failure
from newsclean._pipeline import Document

#: A story's page; the blank line in its markup is one a WARC record's wrong length can end on.
PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\n\n"
    "<p>The storm made landfall on Tuesday morning, bringing heavy rain and strong winds to the coastal towns.</p>"
    "<p>Officials said that thousands of homes were without power and that crews worked to restore it.</p>"
    "</article></body></html>"
)


#: What a WARC that holds no page reads as: one failure for the file (its records are passed over without one each).
NO_PAGES = (
    "the file holds no pages (it is empty, or its records are requests, metadata, or responses that are no HTML or"
    " text page): nothing to clean"
)


def holds_nothing(position: object, what: str = NO_PAGES) -> Failure:
    """The one failure a dump that gives no document reads as; ``what`` is its message (by default a WARC's)."""
    return Failure(stage="read", error="InputError", message=what, position=str(position))


def story_record(number: int) -> dict[str, Any]:
    """Story ``number`` as a record: its id "r<number>", a URL and its page."""
    return {"id": f"r{number}", "url": f"http://example.com/{number}", "html": PAGE.format(title=f"Story {number}")}


def story_line(number: int) -> str:
    """Story ``number``'s record as a line of JSON."""
    return json.dumps(story_record(number))


def shown(items: list[Document | Failure]) -> list[tuple[str, str | None, str | None]]:
    """Each item as (kind, id, position)."""
    return [(type(item).__name__, item.source_id, item.position) for item in items]
