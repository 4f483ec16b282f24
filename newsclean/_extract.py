"""Main-content extraction. ``Extractor`` is the seam: trafilatura is the default, others can be plugged in."""

from __future__ import annotations

from typing import Protocol

from ._exceptions import ExtractionError, ExtractionTimeout


class Extractor(Protocol):
    name: str

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        """The page's main content as paragraphs, in order."""
        ...


class TrafilaturaExtractor:
    """trafilatura with comments off and its ``deduplicate`` cache off: the same page gives the same text
    whatever was processed before it in the process."""

    name = "trafilatura"

    def __init__(self, *, include_tables: bool = True) -> None:
        self.include_tables = include_tables

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        import trafilatura  # heavy import, deferred until the first page

        try:
            document = trafilatura.bare_extraction(
                html,
                url=url,
                include_comments=False,
                include_tables=self.include_tables,
                deduplicate=False,
                with_metadata=False,
            )
        except ExtractionTimeout:
            raise
        except (RecursionError, MemoryError) as exc:
            raise ExtractionError(
                f"extractor gave up on this page: {type(exc).__name__}", url=url, stage="extract"
            ) from exc
        except Exception as exc:  # trafilatura and lxml raise many undocumented types
            raise ExtractionError(f"trafilatura failed: {type(exc).__name__}: {exc}", url=url, stage="extract") from exc
        text = getattr(document, "text", None)
        if not isinstance(text, str) or not text:
            return []
        return [line for line in text.split("\n") if line.strip()]
