"""Typed errors. Every error carries the context a user needs to act on it: the URL and the stage.

NewscleanError
├── InputError          bad or oversized input, before any parsing
├── DecodeError         bytes that cannot be turned into text
├── ParseError          markup that cannot be parsed into a DOM
├── ExtractionError     the extractor failed
│   └── ExtractionTimeout   ... or ran past the per-document time limit
├── NoContentError      the page holds no article text (raised only when asked to)
├── RuleError           a rule pack is invalid (names the pack and the rule)
└── FetchError          a page could not be fetched (see ``newsclean.fetch``)
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""

    def __init__(self, message: str, *, url: str | None = None, stage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.stage = stage

    def __str__(self) -> str:
        context = ", ".join(f"{key}={value}" for key, value in (("stage", self.stage), ("url", self.url)) if value)
        return f"{self.message} ({context})" if context else self.message


class InputError(NewscleanError):
    """The input was rejected before parsing: empty, binary, or over a configured limit."""


class DecodeError(NewscleanError):
    """The bytes could not be decoded to text."""


class ParseError(NewscleanError):
    """The markup could not be parsed."""


class ExtractionError(NewscleanError):
    """The main-content extractor failed."""


class ExtractionTimeout(ExtractionError):
    """Processing one document took longer than the configured time limit."""


class NoContentError(NewscleanError):
    """The page holds no article text."""


class RuleError(NewscleanError):
    """A rule pack failed validation; ``rule`` names the offending rule and ``pack`` the pack."""

    def __init__(self, message: str, *, pack: str | None = None, rule: str | None = None) -> None:
        where = "/".join(part for part in (pack, rule) if part)
        super().__init__(f"{where}: {message}" if where else message, stage="rules")
        self.pack = pack
        self.rule = rule


class FetchError(NewscleanError):
    """A page could not be fetched; ``reason`` is a short machine-readable code (``"timeout"``, ``"status"`` …)."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        reason: str = "error",
        status_code: int | None = None,
    ) -> None:
        super().__init__(message, url=url, stage="fetch")
        self.reason = reason
        self.status_code = status_code
