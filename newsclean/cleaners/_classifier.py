"""A small learned paragraph filter, run after the rule cleaners on the paragraphs they kept.

Each kept paragraph gets a row of cheap, language-light features (its shape, its place in the text, its
neighbours, its overlap with the title, and optionally hashed words at its start); a logistic regression or a
small ensemble of regression trees, shipped as JSON package data, turns the row into the probability that the
paragraph is boilerplate. Paragraphs at or above the model's threshold are dropped and recorded as
``Removal("model.paragraph", …)``. Inference is numpy only and deterministic: the same paragraphs and title
give the same decision in any process.

The model is trained by ``python -m benchmarks.train_paragraphs`` (see docs/benchmarks.md); this module is the
single definition of the features, shared by training and inference.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .._exceptions import NewscleanError
from .._models import Removal

RULE = "model.paragraph"
MODEL_FORMAT = "newsclean-paragraph-model"
MODEL_FORMAT_VERSION = 1
DEFAULT_MODEL = "paragraph_model.json"

FloatArray = npt.NDArray[np.float64]

#: The dense features, in column order. A model file lists the names it was trained with; loading checks them.
FEATURES = (
    "log_words",
    "log_chars",
    "sentence_end",
    "colon_end",
    "capitalised_share",
    "digit_share",
    "punct_share",
    "mean_word_length",
    "pipe",
    "copyright_sign",
    "url_or_email",
    "all_caps",
    "question",
    "bullet_start",
    "quote_start",
    "year",
    "clock_time",
    "sentences",
    "headline_shaped",
    "words_1_3",
    "words_4_8",
    "words_9_20",
    "words_21_50",
    "relative_position",
    "log_index",
    "log_from_end",
    "is_first",
    "is_last",
    "prev_log_words",
    "next_log_words",
    "prev_sentence_end",
    "next_sentence_end",
    "prev_headline",
    "next_headline",
    "title_share",
    "title_jaccard",
    "duplicate",
    "share_of_page_words",
    "ratio_to_longest",
    "log_page_paragraphs",
    "log_page_words",
    "window_log_words",
    "window_sentence_end",
    "window_headline",
    "before_first_prose",
    "after_last_prose",
    "words_before_share",
    "words_after_share",
)
#: Hashed words are taken from the start of a paragraph only: that is where "By", "Photo:", "Read more" sit,
#: and it keeps the cost of a long paragraph flat.
HASHED_TOKENS = 8
#: Neighbours on each side that make up a paragraph's block.
WINDOW = 2
#: A prose paragraph: at least this many words, ending a sentence. The article body is where they are.
PROSE_WORDS = 20
#: Character statistics, case and title overlap are read from a paragraph's first characters and words.
SHAPE_CHARS = 400
SHAPE_WORDS = 60

_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s")
_URL_OR_EMAIL = re.compile(r"https?://|www\.|[\w.+-]+@[\w-]+\.\w")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_BULLETS = ("-", "•", "*", "–", "—", "·", "|", ">", "►", "▶")
_HEADLINE_ENDS = frozenset('.!?:;,"”)]…。！？')
#: A headline-shaped line: this many words, this share of them capitalised.
HEADLINE_WORDS = (4, 20)
HEADLINE_CAPITALISED = 0.6
_QUOTES = ('"', "“", "„", "«", "'", "‘", "‹", "»")


class ModelError(NewscleanError):
    """The paragraph model file is missing, unreadable, or does not match this version of newsclean."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message, stage="model")
        self.path = path


# -- features ------------------------------------------------------------------------------------------------


def is_headline_shaped(paragraph: str) -> bool:
    """A short title-case line without closing punctuation: a teaser link or a subheading."""
    return _shape(paragraph)[3]


def _shape(paragraph: str) -> tuple[list[float], list[str], bool, bool]:
    """The paragraph's own features, its case-folded head tokens, and whether it ends a sentence / looks like a
    headline (its neighbours need those two)."""
    stripped = paragraph.strip()
    words = stripped.split()
    n_words = len(words)
    n_chars = len(stripped)
    sentence_end = _SENTENCE_END.search(stripped[-8:]) is not None
    lettered = [word for word in words[:SHAPE_WORDS] if word[:1].isalpha()]
    capitalised_words = sum(word[:1].isupper() for word in lettered)
    headline = (
        HEADLINE_WORDS[0] <= n_words <= HEADLINE_WORDS[1]
        and not stripped.startswith(_BULLETS)
        and stripped[-1:] not in _HEADLINE_ENDS
        and bool(lettered)
        and capitalised_words >= HEADLINE_CAPITALISED * n_words
    )
    # Character statistics and tokens come from the head only, so a long paragraph costs no more.
    head = stripped[:SHAPE_CHARS]
    head_chars = len(head) or 1
    letters = sum(map(str.isalpha, head))
    uppers = sum(map(str.isupper, head))
    digits = sum(map(str.isdigit, head))
    spaces = head.count(" ")
    tokens = _TOKEN.findall(head.casefold())
    row = [
        math.log1p(n_words),
        math.log1p(n_chars),
        float(sentence_end),
        float(stripped.endswith((":", "："))),
        capitalised_words / len(lettered) if lettered else 0.0,
        digits / head_chars,
        (head_chars - letters - digits - spaces) / head_chars,
        (n_chars - stripped.count(" ")) / n_words if n_words else 0.0,
        float("|" in stripped),
        float("©" in stripped),
        float(_URL_OR_EMAIL.search(head) is not None),
        float(letters >= 2 and uppers == letters),
        float("?" in stripped or "？" in stripped),
        float(stripped.startswith(_BULLETS)),
        float(stripped.startswith(_QUOTES)),
        float(_YEAR.search(head) is not None),
        float(_CLOCK.search(head) is not None),
        math.log1p(len(_SENTENCE_BREAK.findall(head)) + sentence_end),
        float(headline),
        float(n_words <= 3),
        float(4 <= n_words <= 8),
        float(9 <= n_words <= 20),
        float(21 <= n_words <= 50),
    ]
    return row, tokens, sentence_end, headline


def paragraph_features(paragraphs: Sequence[str], title: str | None) -> FloatArray:
    """One row of ``FEATURES`` per paragraph (shape ``(len(paragraphs), len(FEATURES))``)."""
    count = len(paragraphs)
    if not count:
        return np.zeros((0, len(FEATURES)))
    shapes = [_shape(paragraph) for paragraph in paragraphs]
    word_counts = [len(paragraph.split()) for paragraph in paragraphs]
    page_words = sum(word_counts)
    longest = max(word_counts) or 1
    title_tokens = set(_TOKEN.findall(title.casefold())) if title else set()
    seen: dict[str, int] = {}
    for paragraph in paragraphs:
        key = paragraph.casefold()
        seen[key] = seen.get(key, 0) + 1
    prose = [words >= PROSE_WORDS and shape[2] for words, shape in zip(word_counts, shapes, strict=True)]
    first_prose = prose.index(True) if any(prose) else count
    last_prose = count - 1 - prose[::-1].index(True) if any(prose) else -1
    words_before = 0
    rows: list[list[float]] = []
    for index, (row, tokens, _, _) in enumerate(shapes):
        window = [shapes[i] for i in range(max(0, index - WINDOW), min(count, index + WINDOW + 1)) if i != index]
        previous = shapes[index - 1] if index > 0 else None
        following = shapes[index + 1] if index + 1 < count else None
        token_set = set(tokens)
        shared = len(token_set & title_tokens)
        union = len(token_set | title_tokens)
        rows.append(
            [
                *row,
                index / (count - 1) if count > 1 else 0.0,
                math.log1p(index),
                math.log1p(count - 1 - index),
                float(index == 0),
                float(index == count - 1),
                previous[0][0] if previous else 0.0,
                following[0][0] if following else 0.0,
                float(previous[2]) if previous else 1.0,
                float(following[2]) if following else 1.0,
                float(previous[3]) if previous else 0.0,
                float(following[3]) if following else 0.0,
                shared / len(token_set) if token_set else 0.0,
                shared / union if union else 0.0,
                float(seen[paragraphs[index].casefold()] > 1),
                word_counts[index] / page_words if page_words else 0.0,
                word_counts[index] / longest,
                math.log1p(count),
                math.log1p(page_words),
                sum(shape[0][0] for shape in window) / len(window) if window else 0.0,
                sum(shape[2] for shape in window) / len(window) if window else 1.0,
                sum(shape[3] for shape in window) / len(window) if window else 0.0,
                float(index < first_prose),
                float(index > last_prose),
                words_before / page_words if page_words else 0.0,
                (page_words - words_before - word_counts[index]) / page_words if page_words else 0.0,
            ]
        )
        words_before += word_counts[index]
    return np.asarray(rows, dtype=np.float64)


def hashed_tokens(paragraphs: Sequence[str], buckets: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(row, bucket) pairs for the first ``HASHED_TOKENS`` case-folded words of each paragraph, the first word
    hashed apart (a leading "by" is not a "by" inside a sentence). CRC32, so buckets are stable across processes
    (Python's ``hash`` of a string is salted per process)."""
    rows: list[int] = []
    columns: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        tokens = _TOKEN.findall(paragraph[:200].casefold())[:HASHED_TOKENS]
        for position, token in enumerate(tokens):
            key = f"^{token}" if position == 0 else token
            rows.append(index)
            columns.append(zlib.crc32(key.encode("utf-8")) % buckets)
    return np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64)


# -- the model -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Trees:
    """Regression trees flattened into arrays: a node goes left when ``x[feature] <= threshold``; a leaf has
    ``feature == -1`` and holds ``value``. ``roots`` is the index of each tree's first node."""

    roots: npt.NDArray[np.int64]
    feature: npt.NDArray[np.int64]
    threshold: FloatArray
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    value: FloatArray
    depth: int


class ParagraphModel:
    """Weights of the paragraph filter, loaded from a JSON model file and checked against ``FEATURES``."""

    def __init__(self, data: Any, *, source: str = "<memory>") -> None:
        self.source = source
        if not isinstance(data, dict):
            raise ModelError("not a paragraph model (expected a JSON object)", path=source)
        if data.get("format") != MODEL_FORMAT or data.get("format_version") != MODEL_FORMAT_VERSION:
            raise ModelError(
                f"not a {MODEL_FORMAT} v{MODEL_FORMAT_VERSION} file (format={data.get('format')!r}, "
                f"format_version={data.get('format_version')!r}); retrain with python -m benchmarks.train_paragraphs",
                path=source,
            )
        try:
            self.version = str(data["version"])
            self.kind = str(data["kind"])
            self.threshold = float(data["threshold"])
            features = tuple(str(name) for name in data["features"])
            self.hash_buckets = int(data.get("hash_buckets", 0))
            self.base = float(data["base"])
            self.meta: dict[str, Any] = dict(data.get("meta", {}))
            if features != FEATURES:
                raise ModelError(
                    f"trained on features {list(features)}, but this newsclean computes {list(FEATURES)}; "
                    "retrain with python -m benchmarks.train_paragraphs",
                    path=source,
                )
            if not 0.0 < self.threshold <= 1.0:
                raise ModelError(f"threshold {self.threshold} is not in (0, 1]", path=source)
            if self.kind == "logistic":
                self.mean = _vector(data["mean"], len(FEATURES), "mean", source)
                self.scale = _vector(data["scale"], len(FEATURES), "scale", source)
                self.coef = _vector(data["coef"], len(FEATURES), "coef", source)
                self.hashed_coef = _vector(data.get("hashed_coef", []), self.hash_buckets, "hashed_coef", source)
                if np.any(self.scale <= 0):
                    raise ModelError("scale must be positive", path=source)
            elif self.kind == "trees":
                if self.hash_buckets:
                    raise ModelError("a tree model takes no hashed words", path=source)
                self.trees = _load_trees(data["trees"], source)
            else:
                raise ModelError(f"unknown model kind {self.kind!r} (expected 'logistic' or 'trees')", path=source)
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"malformed model: {type(exc).__name__}: {exc}", path=source) from exc

    @classmethod
    def load(cls, path: str | Path) -> ParagraphModel:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise ModelError(f"cannot read the model file: {exc.strerror or exc}", path=str(path)) from exc
        return cls(_parse(raw, str(path)), source=str(path))

    @classmethod
    def default(cls) -> ParagraphModel:
        """The model shipped with newsclean (parsed once per process; it is immutable package data)."""
        return _default_model()

    def scores(self, paragraphs: Sequence[str], title: str | None) -> FloatArray:
        """P(boilerplate) for each paragraph."""
        features = paragraph_features(paragraphs, title)
        if not len(features):
            return np.zeros(0)
        if self.kind == "logistic":
            margin = ((features - self.mean) / self.scale) @ self.coef + self.base
            if self.hash_buckets:
                rows, columns = hashed_tokens(paragraphs, self.hash_buckets)
                margin += np.bincount(rows, weights=self.hashed_coef[columns], minlength=len(paragraphs))
        else:
            margin = _tree_margin(self.trees, features) + self.base
        return 1.0 / (1.0 + np.exp(-margin))


def _parse(raw: bytes, source: str) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"not valid JSON: {exc}", path=source) from exc


def _vector(values: Any, length: int, name: str, source: str) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    if array.shape != (length,) or not np.all(np.isfinite(array)):
        raise ModelError(f"{name} must hold {length} finite numbers, found shape {array.shape}", path=source)
    return array


def _load_trees(data: Any, source: str) -> _Trees:
    feature = np.asarray(data["feature"], dtype=np.int64)
    size = feature.shape
    threshold = np.asarray(data["threshold"], dtype=np.float64)
    left = np.asarray(data["left"], dtype=np.int64)
    right = np.asarray(data["right"], dtype=np.int64)
    value = np.asarray(data["value"], dtype=np.float64)
    roots = np.asarray(data["roots"], dtype=np.int64)
    if any(array.shape != size for array in (threshold, left, right, value)) or len(size) != 1 or not len(roots):
        raise ModelError("tree arrays must be one-dimensional and of equal length", path=source)
    nodes = size[0]
    inner = feature >= 0
    if (
        np.any(feature >= len(FEATURES))
        or np.any(roots < 0)
        or np.any(roots >= nodes)
        or np.any(inner & ((left < 0) | (left >= nodes) | (right < 0) | (right >= nodes)))
        or not np.all(np.isfinite(value))
    ):
        raise ModelError("tree arrays point outside the model", path=source)
    return _Trees(roots, feature, threshold, left, right, value, int(data["depth"]))


def _tree_margin(trees: _Trees, features: FloatArray) -> FloatArray:
    """Sum of the leaf values each row reaches, all trees walked at once, one level per step."""
    rows = np.arange(len(features))[:, None]
    node = np.broadcast_to(trees.roots, (len(features), len(trees.roots))).copy()
    for _ in range(trees.depth):
        feature = trees.feature[node]
        leaf = feature < 0
        if leaf.all():
            break
        goes_left = features[rows, np.maximum(feature, 0)] <= trees.threshold[node]
        node = np.where(leaf, node, np.where(goes_left, trees.left[node], trees.right[node]))
    return np.asarray(trees.value[node].sum(axis=1), dtype=np.float64)


@cache
def _default_model() -> ParagraphModel:
    source = resources.files("newsclean.cleaners") / DEFAULT_MODEL
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise ModelError(f"the packaged model is missing: {exc}", path=DEFAULT_MODEL) from exc
    return ParagraphModel(_parse(raw, DEFAULT_MODEL), source=DEFAULT_MODEL)


# -- the cleaner ---------------------------------------------------------------------------------------------


class ParagraphClassifier:
    """Drops the paragraphs the model scores at or above its threshold (or ``threshold`` when given)."""

    def __init__(self, model: ParagraphModel | str | Path | None = None, *, threshold: float | None = None) -> None:
        if model is None:
            model = ParagraphModel.default()
        elif not isinstance(model, ParagraphModel):
            model = ParagraphModel.load(model)
        self.model = model
        self.threshold = model.threshold if threshold is None else float(threshold)

    def clean(self, paragraphs: Sequence[str], title: str | None) -> tuple[list[str], list[Removal]]:
        if not paragraphs:
            return [], []
        drop = self.model.scores(paragraphs, title) >= self.threshold
        kept: list[str] = []
        removed: list[Removal] = []
        for index, (paragraph, dropped) in enumerate(zip(paragraphs, drop.tolist(), strict=True)):
            if dropped:
                category = "heading" if is_headline_shaped(paragraph) else "other"
                removed.append(Removal(RULE, category, "text", paragraph, index))
            else:
                kept.append(paragraph)
        return kept, removed


ClassifierArg = ParagraphClassifier | ParagraphModel | str | Path | bool


def resolve_classifier(value: ClassifierArg) -> ParagraphClassifier | None:
    """``True`` → the packaged model, ``False`` → no filter, a path or model → that model."""
    if value is False:
        return None
    if value is True:
        return ParagraphClassifier()
    if isinstance(value, ParagraphClassifier):
        return value
    if isinstance(value, ParagraphModel | str | Path):
        return ParagraphClassifier(value)
    raise TypeError(f"paragraph_classifier must be a bool, a path or a ParagraphClassifier, not {type(value).__name__}")
