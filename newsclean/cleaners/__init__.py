"""Cleaners: the steps that drop boilerplate, each recording what it dropped and why."""

from ._dom import DomCleaner, DomCleanResult
from ._text import TextCleaner, TextCleanResult

__all__ = ["DomCleanResult", "DomCleaner", "TextCleanResult", "TextCleaner"]
