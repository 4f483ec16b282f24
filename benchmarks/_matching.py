"""Is this paragraph in that text? Shingle coverage on case-folded ``\\w+`` tokens.

Paragraph splits differ between an extractor's output and the gold text, and punctuation and case differ too,
so a paragraph is looked up by the share of its 4-token shingles that occur anywhere in the other text. A
paragraph of fewer than four tokens must occur as a whole token sequence.
"""

from __future__ import annotations

from ._scoring import SHINGLE_SIZE, tokenize

#: A paragraph counts as present in a text when at least this share of its shingles occurs in it.
PRESENT_AT = 0.5


def folded_tokens(text: str) -> list[str]:
    return [token.casefold() for token in tokenize(text)]


class TextIndex:
    """A text prepared for many paragraph look-ups."""

    __slots__ = ("_joined", "_shingles", "tokens")

    def __init__(self, text: str) -> None:
        self.tokens = folded_tokens(text)
        self._shingles = {tuple(self.tokens[i : i + SHINGLE_SIZE]) for i in range(len(self.tokens) - SHINGLE_SIZE + 1)}
        self._joined = " " + " ".join(self.tokens) + " "

    def coverage(self, paragraph: str | list[str]) -> float:
        """Share of the paragraph's shingles found in this text (0.0 for a paragraph without tokens)."""
        tokens = folded_tokens(paragraph) if isinstance(paragraph, str) else paragraph
        if not tokens:
            return 0.0
        if len(tokens) < SHINGLE_SIZE:
            return 1.0 if f" {' '.join(tokens)} " in self._joined else 0.0
        grams = [tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)]
        return sum(gram in self._shingles for gram in grams) / len(grams)

    def contains(self, paragraph: str | list[str]) -> bool:
        return self.coverage(paragraph) >= PRESENT_AT
