"""Language: the page's ``lang`` attribute as a prior, confirmed (or overruled) by py3langid on the text."""

from __future__ import annotations

import re
import threading
from typing import Any, NamedTuple

# Enough text to be sure, short enough to stay fast on long pages.
SAMPLE_CHARS = 3000
# Below this, a detector's answer on its own is too noisy to publish.
MIN_TEXT_CHARS = 40
_LANG_CODE = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")

_lock = threading.Lock()
_identifier: Any = None


def _detector() -> Any:
    """py3langid's model, loaded once per process (about half a second) and then shared."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


class LanguageGuess(NamedTuple):
    language: str
    source: str


def primary_subtag(value: str | None) -> str | None:
    """ "en-US" → "en"; junk ("{{lang}}", "x") → None."""
    if not value:
        return None
    value = value.strip()
    if not _LANG_CODE.match(value):
        return None
    primary = value.replace("_", "-").split("-")[0].lower()
    return primary if primary not in {"x", "i", "und", "mul", "zxx"} else None


def detect(text: str) -> tuple[str, float] | None:
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_TEXT_CHARS:
        return None
    language, probability = _detector().classify(sample)
    return str(language), float(probability)


def resolve_language(declared: str | None, text: str) -> LanguageGuess | None:
    """The declared language if the text agrees; the detector's when it is sure and the page says otherwise."""
    prior = primary_subtag(declared)
    detected = detect(text)
    if detected is None:
        return LanguageGuess(prior, "html-lang; text too short to confirm") if prior else None
    language, probability = detected
    if prior is None:
        return LanguageGuess(language, f"py3langid ({probability:.2f})") if probability >= 0.9 else None
    if language == prior or (prior, language) in _EQUIVALENT:
        return LanguageGuess(prior, "html-lang; confirmed by py3langid")
    if probability >= 0.95 and len(text) >= 200:
        return LanguageGuess(language, f"py3langid ({probability:.2f}); html-lang '{prior}' contradicted")
    return LanguageGuess(prior, "html-lang; not confirmed by py3langid")


# Codes that name the same language (old and new ISO 639-1 codes, macro-languages the detector reports).
_EQUIVALENT = frozenset(
    {
        ("nb", "no"),
        ("nn", "no"),
        ("no", "nb"),
        ("iw", "he"),
        ("in", "id"),
        ("ji", "yi"),
        ("ms", "id"),
        ("hr", "bs"),
        ("sr", "hr"),
        ("bs", "hr"),
    }
)
