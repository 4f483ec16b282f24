"""Train and validate the learned paragraph filter (``newsclean/cleaners/_classifier.py``).

``python -m benchmarks.train_paragraphs protocol`` runs the validation protocol and prints every figure:

1. train on ``naeb``, choose the threshold on ``naeb`` only, evaluate on ``wcxb_dev_articles``;
2. train on ``wcxb_dev_articles``, choose the threshold there, evaluate on ``naeb``;
3. only when 1 and 2 both raise F1: train on both, evaluate on ``scrapinghub`` (evaluation only: its aggregate
   score, never a page).

``python -m benchmarks.train_paragraphs train`` fits the shipped model on both dev sets and writes it to
``newsclean/cleaners/paragraph_model.json``.

Labels come from the harness's own matching (``benchmarks/_matching.py``): a paragraph newsclean keeps today is
content when it is present in the gold text, boilerplate otherwise, so training matches the metric. Evaluation
replays the pipeline's last steps on the paragraphs newsclean keeps before the filter (the filter, then the
``min_words`` check) and scores them exactly as ``python -m benchmarks quality`` does, with false removals
counted by ``benchmarks/_removals.py``. The threshold is chosen on out-of-fold scores of the training set (folds
grouped by site, so a site's template never sits on both sides) as the most conservative one whose F1 is within
``--tolerance`` of the best, under a ceiling on the false-removal rate.

Pipeline outputs are cached in ``benchmarks/results/outputs/`` (git-ignored, they hold dataset text), keyed by
a fingerprint of newsclean's code and rule packs, so a changed pipeline is re-run. scikit-learn (``bench``
extra) is used for fitting only; newsclean itself needs numpy alone.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import click
import msgspec
import numpy as np
import numpy.typing as npt

from newsclean import Pipeline, Removal
from newsclean.cleaners._classifier import (
    DEFAULT_MODEL,
    FEATURES,
    MODEL_FORMAT,
    MODEL_FORMAT_VERSION,
    ParagraphClassifier,
    ParagraphModel,
    hashed_tokens,
    paragraph_features,
)
from newsclean.metadata._computed import word_count

if not __package__:  # run as a script (python benchmarks/train_paragraphs.py): its package is the checkout's
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._data import REPO_ROOT, dataset_path, iter_pages
from benchmarks._data import data_dir as default_data_dir
from benchmarks._matching import TextIndex, folded_tokens
from benchmarks._removals import audit_removals
from benchmarks._scoring import PageCounts, Score, aggregate, page_counts

CACHE_DIR = Path(__file__).resolve().parent / "results" / "outputs"
MODEL_PATH = REPO_ROOT / "newsclean" / "cleaners" / DEFAULT_MODEL
DEV_SETS = ("naeb", "wcxb_dev_articles")
EVALUATION_ONLY = "scrapinghub"
MIN_WORDS = Pipeline().min_words
SEED = 20261122
FOLDS = 5
MIN_SAMPLES_LEAF = 40
THRESHOLDS = tuple(round(0.50 + 0.01 * step, 2) for step in range(50))


# -- the pipeline's output before the filter, cached -------------------------------------------------------


class CachedPage(msgspec.Struct, frozen=True):
    id: str
    group: str
    gold_text: str
    gold_paragraphs: list[str]
    title: str | None
    #: What the pipeline keeps before the filter and before its ``min_words`` check.
    kept: list[str]
    #: The rule cleaners' removal records (without the ``min_words`` ones, which are recomputed).
    removed: list[Removal]


class CachedSet(msgspec.Struct, frozen=True):
    dataset: str
    fingerprint: str
    pages: list[CachedPage]


def code_fingerprint() -> str:
    """A hash of newsclean's code and rule packs (not the model file), so a changed pipeline is re-run."""
    root = REPO_ROOT / "newsclean"
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        # The filter's own module is left out: changing a feature must not re-run every page.
        if path.suffix in {".py", ".toml"} and "__pycache__" not in path.parts and path.name != "_classifier.py":
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _group(url: str | None, page_id: str) -> str:
    host = urlsplit(url).hostname if url else None
    if not host:
        return page_id
    return host.removeprefix("www.")


def collect(dataset: str, folder: Path, *, refresh: bool = False, echo: Callable[[str], None] = print) -> CachedSet:
    """The pages of a set as the pipeline leaves them before the filter (from the cache when it is current: the
    same code and the same gold file, so another copy of the set in ``folder`` is read anew)."""
    fingerprint = f"{code_fingerprint()}:{_file_digest(dataset_path(dataset, folder))}"
    path = CACHE_DIR / f"paragraphs-{dataset}.msgpack"
    if path.exists() and not refresh:
        cached = msgspec.msgpack.decode(path.read_bytes(), type=CachedSet)
        if cached.fingerprint == fingerprint:
            return cached
    echo(f"{dataset}: running the pipeline without the filter")
    pipeline = Pipeline(paragraph_classifier=False)
    pages: list[CachedPage] = []
    started = time.perf_counter()
    for page in iter_pages(dataset, folder):
        try:
            article = pipeline.clean_html(page.html, url=page.url)
        except Exception as exc:  # the harness scores a failed page as empty; so does the replay
            echo(f"  {page.id}: {type(exc).__name__}")
            kept, removed, title = [], [], None
        else:
            short = [r.text for r in article.removed if r.rule == "pipeline.min-words"]
            kept = list(article.paragraphs) or short
            removed = [r for r in article.removed if r.rule != "pipeline.min-words"]
            title = article.title
        pages.append(
            CachedPage(page.id, _group(page.url, page.id), page.gold_text, page.gold_paragraphs, title, kept, removed)
        )
    echo(f"  {len(pages)} pages in {time.perf_counter() - started:.0f} s")
    result = CachedSet(dataset, fingerprint, pages)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path.write_bytes(msgspec.msgpack.encode(result))
    return result


# -- replaying the pipeline's end and scoring it like the harness ------------------------------------------


class Evaluation(NamedTuple):
    score: Score
    false_removals: int
    gold_paragraphs: int
    model_false_removals: int
    dropped: int

    @property
    def false_removal_rate(self) -> float:
        return self.false_removals / self.gold_paragraphs if self.gold_paragraphs else 0.0

    def line(self) -> str:
        s = self.score
        return (
            f"F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}  false removals {self.false_removals}"
            f"/{self.gold_paragraphs} ({100 * self.false_removal_rate:.2f}%, filter {self.model_false_removals})"
            f"  dropped by filter {self.dropped}"
        )


def _finish(page: CachedPage, drop: Sequence[bool]) -> tuple[list[str], list[Removal], list[Removal]]:
    """The kept paragraphs, the filter's removals and the min-words removals, as ``Pipeline._finish`` gives."""
    kept = [p for p, d in zip(page.kept, drop, strict=True) if not d]
    judged = [Removal("model.paragraph", "other", "text", p) for p, d in zip(page.kept, drop, strict=True) if d]
    too_short: list[Removal] = []
    if kept and word_count(" ".join(kept)) < MIN_WORDS:
        too_short = [Removal("pipeline.min-words", "no_content", "text", p) for p in kept]
        kept = []
    return kept, judged, too_short


def evaluate(pages: Sequence[CachedPage], drops: Sequence[Sequence[bool]], *, audit: bool = True) -> Evaluation:
    counts: list[PageCounts] = []
    false_total = model_false = gold_total = dropped = 0
    for page, drop in zip(pages, drops, strict=True):
        kept, judged, too_short = _finish(page, drop)
        text = "\n\n".join(kept)
        counts.append(page_counts(page.gold_text, text))
        dropped += len(judged)
        if audit and page.gold_text:
            report = audit_removals(page.gold_paragraphs, TextIndex(text), [*page.removed, *judged, *too_short])
            gold_total += report.gold_paragraphs
            false_total += len(report.false_removals)
            model_false += sum(f.rule == "model.paragraph" for f in report.false_removals)
    return Evaluation(aggregate(counts), false_total, gold_total, model_false, dropped)


class _Replay:
    """Scores a set under many thresholds, re-scoring only the pages whose kept paragraphs changed."""

    def __init__(self, pages: Sequence[CachedPage], scores: Sequence[npt.NDArray[np.float64]]) -> None:
        self.pages = pages
        self.scores = scores
        self._counts: dict[tuple[int, bytes], tuple[PageCounts, int, int]] = {}
        self.baseline = evaluate(pages, [[False] * len(p.kept) for p in pages])

    def at(self, threshold: float) -> tuple[Score, int]:
        """(score, model false removals) with the filter at ``threshold``."""
        counts: list[PageCounts] = []
        model_false = 0
        for number, (page, score) in enumerate(zip(self.pages, self.scores, strict=True)):
            drop = score >= threshold
            key = (number, np.packbits(drop).tobytes() + bytes([len(drop) % 8]))
            if key not in self._counts:
                kept, judged, too_short = _finish(page, drop.tolist())
                text = "\n\n".join(kept)
                false = 0
                if judged and page.gold_text:
                    report = audit_removals(page.gold_paragraphs, TextIndex(text), [*page.removed, *judged, *too_short])
                    false = sum(f.rule == "model.paragraph" for f in report.false_removals)
                self._counts[key] = (page_counts(page.gold_text, text), false, len(judged))
            page_count, false, _ = self._counts[key]
            counts.append(page_count)
            model_false += false
        return aggregate(counts), model_false


# -- features, labels, fitting -----------------------------------------------------------------------------


class Matrix(NamedTuple):
    dense: npt.NDArray[np.float64]
    labels: npt.NDArray[np.int64]  # 1 = boilerplate (absent from the gold text)
    weights: npt.NDArray[np.float64]
    groups: list[str]
    #: Row offset of each page's first paragraph.
    offsets: list[int]
    pages: list[CachedPage]


def build_matrix(sets: Sequence[CachedSet], *, weighting: str) -> Matrix:
    """One row per kept paragraph that has a token (a paragraph without one adds no shingle, so the metric
    cannot say whether it belongs). Rows of a page stay together, in order, so the page's features are whole."""
    rows: list[npt.NDArray[np.float64]] = []
    labels: list[int] = []
    weights: list[float] = []
    groups: list[str] = []
    offsets: list[int] = []
    pages: list[CachedPage] = []
    row_mask: list[bool] = []
    total = 0
    for cached in sets:
        for page in cached.pages:
            offsets.append(total)
            pages.append(page)
            if not page.kept or not page.gold_text:
                continue
            gold = TextIndex(page.gold_text)
            rows.append(paragraph_features(page.kept, page.title))
            sizes = [len(folded_tokens(p)) for p in page.kept]
            page_size = sum(sizes) or 1
            for paragraph, size in zip(page.kept, sizes, strict=True):
                labels.append(0 if gold.contains(paragraph) else 1)
                # "page": the metric weighs each page alike and a paragraph by its share of its page's tokens.
                weights.append(size / page_size if weighting == "page" else 1.0)
                groups.append(f"{cached.dataset}/{page.group}")
                row_mask.append(size > 0)
            total += len(page.kept)
    dense = np.vstack(rows) if rows else np.zeros((0, len(FEATURES)))
    weight_array = np.asarray(weights)
    mask = np.asarray(row_mask, dtype=bool)
    weight_array[~mask] = 0.0
    weight_array *= mask.sum() / weight_array.sum()  # mean weight 1 over the rows that count
    return Matrix(dense, np.asarray(labels), weight_array, groups, offsets, pages)


class Config(NamedTuple):
    kind: str
    hash_buckets: int
    weighting: str
    c: float
    trees: int
    depth: int
    learning_rate: float


def _sparse(pages: Sequence[CachedPage], buckets: int, rows: int) -> Any:
    from scipy import sparse

    row_parts: list[npt.NDArray[np.int64]] = []
    column_parts: list[npt.NDArray[np.int64]] = []
    offset = 0
    for page in pages:
        if not page.kept or not page.gold_text:
            continue
        r, c = hashed_tokens(page.kept, buckets)
        row_parts.append(r + offset)
        column_parts.append(c)
        offset += len(page.kept)
    all_rows = np.concatenate(row_parts) if row_parts else np.zeros(0, dtype=np.int64)
    all_columns = np.concatenate(column_parts) if column_parts else np.zeros(0, dtype=np.int64)
    values = np.ones(len(all_rows))
    matrix = sparse.csr_matrix((values, (all_rows, all_columns)), shape=(rows, buckets))
    matrix.sum_duplicates()
    return matrix


def fit(
    matrix: Matrix, rows: npt.NDArray[np.int64], config: Config, version: str, meta: dict[str, Any]
) -> dict[str, Any]:
    """Fit on ``rows`` of the matrix; the result is a model file's content (threshold still to be set)."""
    rows = rows[matrix.weights[rows] > 0]
    dense = matrix.dense[rows]
    labels = matrix.labels[rows]
    weights = matrix.weights[rows]
    model: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "format_version": MODEL_FORMAT_VERSION,
        "version": version,
        "kind": config.kind,
        "features": list(FEATURES),
        "hash_buckets": config.hash_buckets,
        "threshold": 1.0,
        "meta": meta,
    }
    if config.kind == "logistic":
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression

        mean = dense.mean(axis=0)
        scale = dense.std(axis=0)
        scale[scale == 0] = 1.0
        design: Any = (dense - mean) / scale
        if config.hash_buckets:
            hashed = _sparse(matrix.pages, config.hash_buckets, len(matrix.labels))[rows]
            design = sparse.hstack([sparse.csr_matrix(design), hashed]).tocsr()
        regression = LogisticRegression(C=config.c, max_iter=5000, tol=1e-6, random_state=SEED)
        regression.fit(design, labels, sample_weight=weights)
        coef = regression.coef_[0]
        model.update(
            base=float(regression.intercept_[0]),
            mean=mean.tolist(),
            scale=scale.tolist(),
            coef=coef[: len(FEATURES)].tolist(),
            hashed_coef=coef[len(FEATURES) :].tolist(),
        )
    else:
        from sklearn.ensemble import HistGradientBoostingClassifier

        booster = HistGradientBoostingClassifier(
            max_iter=config.trees,
            max_depth=config.depth,
            max_leaf_nodes=None,
            learning_rate=config.learning_rate,
            min_samples_leaf=MIN_SAMPLES_LEAF,
            early_stopping=False,
            random_state=SEED,
        )
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):  # one thread: the histogram sums, and so the trees, are reproducible
            booster.fit(dense, labels, sample_weight=weights)
        model.update(base=float(np.ravel(booster._baseline_prediction)[0]), trees=_export_trees(booster, config))
        _check_export(ParagraphModel(model | {"threshold": 1.0}), booster.decision_function(dense[:2000]), dense[:2000])
    return model


def _check_export(model: ParagraphModel, expected: npt.NDArray[np.float64], dense: npt.NDArray[np.float64]) -> None:
    """newsclean's numpy walk of the exported trees must give scikit-learn's own margins."""
    from newsclean.cleaners._classifier import _tree_margin

    margin = _tree_margin(model.trees, dense) + model.base
    if not np.allclose(margin, expected, atol=1e-9):
        raise RuntimeError(f"exported trees disagree with scikit-learn by {np.abs(margin - expected).max():g}")


def _export_trees(booster: Any, config: Config) -> dict[str, Any]:
    """scikit-learn's histogram trees as flat arrays (their leaf values already carry the learning rate). The
    training data has no missing values, so the missing-value branch is never taken and is not exported."""
    roots: list[int] = []
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    for (predictor,) in booster._predictors:
        nodes = predictor.nodes
        offset = len(feature)
        roots.append(offset)
        for node in nodes:
            leaf = bool(node["is_leaf"])
            feature.append(-1 if leaf else int(node["feature_idx"]))
            threshold.append(0.0 if leaf else float(node["num_threshold"]))
            left.append(-1 if leaf else offset + int(node["left"]))
            right.append(-1 if leaf else offset + int(node["right"]))
            value.append(float(node["value"]) if leaf else 0.0)
    return {
        "depth": config.depth,
        "roots": roots,
        "feature": feature,
        "threshold": threshold,
        "left": left,
        "right": right,
        "value": value,
    }


def page_scores(model: ParagraphModel, pages: Sequence[CachedPage]) -> list[npt.NDArray[np.float64]]:
    return [model.scores(page.kept, page.title) for page in pages]


def _fold_of(groups: Sequence[str]) -> npt.NDArray[np.int64]:
    """Each site goes to one fold (by a stable hash), so a site's template is never on both sides."""
    unique = sorted(set(groups))
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(unique))
    fold_of_group = {unique[i]: rank % FOLDS for rank, i in enumerate(order)}
    return np.asarray([fold_of_group[g] for g in groups])


def out_of_fold_scores(matrix: Matrix, config: Config) -> list[npt.NDArray[np.float64]]:
    folds = _fold_of(matrix.groups)
    scores = np.zeros(len(matrix.labels))
    for fold in range(FOLDS):
        train_rows = np.flatnonzero(folds != fold)
        model = ParagraphModel(fit(matrix, train_rows, config, "oof", {}) | {"threshold": 1.0})
        held = folds == fold
        for page, offset in zip(matrix.pages, matrix.offsets, strict=True):
            if not page.kept or not page.gold_text:
                continue
            span = slice(offset, offset + len(page.kept))
            if held[span].any():
                scores[span] = model.scores(page.kept, page.title)
    return [
        scores[offset : offset + len(page.kept)] if page.gold_text else np.zeros(len(page.kept))
        for page, offset in zip(matrix.pages, matrix.offsets, strict=True)
    ]


class ThresholdChoice(NamedTuple):
    threshold: float
    score: Score
    model_false_rate: float
    table: list[tuple[float, Score, int]]


def choose_threshold(
    pages: Sequence[CachedPage],
    scores: Sequence[npt.NDArray[np.float64]],
    *,
    tolerance: float,
    max_false_rate: float,
) -> ThresholdChoice:
    replay = _Replay(pages, scores)
    gold = replay.baseline.gold_paragraphs or 1
    table = [(t, *replay.at(t)) for t in THRESHOLDS]
    allowed = [row for row in table if row[2] / gold <= max_false_rate]
    if not allowed:
        return ThresholdChoice(1.0, replay.baseline.score, 0.0, table)
    best = max(row[1].f1 for row in allowed)
    # The most conservative threshold that is (nearly) as good: remove only confident boilerplate.
    threshold, score, false = max((row for row in allowed if row[1].f1 >= best - tolerance), key=lambda r: r[0])
    if score.f1 <= replay.baseline.score.f1:
        return ThresholdChoice(1.0, replay.baseline.score, 0.0, table)
    return ThresholdChoice(threshold, score, false / gold, table)


def train_model(
    sets: Sequence[CachedSet],
    config: Config,
    *,
    tolerance: float,
    max_false_rate: float,
    version: str,
    echo: Callable[[str], None],
) -> tuple[dict[str, Any], ThresholdChoice]:
    matrix = build_matrix(sets, weighting=config.weighting)
    names = [s.dataset for s in sets]
    boilerplate = int(matrix.labels.sum())
    echo(f"  training rows {len(matrix.labels)} ({boilerplate} boilerplate), sites {len(set(matrix.groups))}")
    oof = out_of_fold_scores(matrix, config)
    choice = choose_threshold(matrix.pages, oof, tolerance=tolerance, max_false_rate=max_false_rate)
    meta = {
        "trained_on": names,
        "config": config._asdict(),
        "threshold_rule": f"most conservative within {tolerance} F1 of the best out-of-fold F1 on the training sets, "
        f"filter false removals <= {max_false_rate:.2%}",
        "out_of_fold_f1": round(choice.score.f1, 5),
    }
    model = fit(matrix, np.arange(len(matrix.labels)), config, version, meta)
    model["threshold"] = choice.threshold
    return model, choice


# -- the command -------------------------------------------------------------------------------------------


def _config(kind: str, hash_buckets: int, weighting: str, c: float, trees: int, depth: int, rate: float) -> Config:
    if kind == "trees" and hash_buckets:
        raise click.UsageError("--hash-buckets needs --kind logistic")
    return Config(kind, hash_buckets, weighting, c, trees, depth, rate)


_options = [
    click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None),
    click.option("--kind", type=click.Choice(["logistic", "trees"]), default="trees", show_default=True),
    click.option("--hash-buckets", type=click.IntRange(min=0), default=0, show_default=True),
    click.option("--weighting", type=click.Choice(["uniform", "page"]), default="uniform", show_default=True),
    click.option("--c", "c", type=float, default=1.0, show_default=True, help="Logistic: inverse L2 strength."),
    click.option("--trees", type=click.IntRange(min=1), default=100, show_default=True),
    click.option("--depth", type=click.IntRange(min=1, max=8), default=3, show_default=True),
    click.option("--learning-rate", "rate", type=float, default=0.1, show_default=True),
    click.option("--tolerance", type=float, default=0.0005, show_default=True),
    click.option("--max-false-rate", type=float, default=0.002, show_default=True),
    click.option("--refresh", is_flag=True, help="Re-run the pipeline even when the cache is current."),
]


def _with_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Train and validate newsclean's paragraph filter."""


@main.command()
@_with_options
@click.option("--show-thresholds", is_flag=True, help="Print the out-of-fold F1 for every threshold.")
@click.option("--final-anyway", is_flag=True, help="Run step 3 even when step 1 or 2 did not raise F1.")
def protocol(
    data_dir: Path | None,
    refresh: bool,
    tolerance: float,
    max_false_rate: float,
    show_thresholds: bool,
    final_anyway: bool,
    **options: Any,
) -> None:
    """The validation protocol: naeb → wcxb, wcxb → naeb, and only when both raise F1, both → scrapinghub
    (its aggregate score only)."""
    config = _config(**options)
    folder = default_data_dir(data_dir)
    echo = _echo
    echo(f"config: {config}")
    cached = {name: collect(name, folder, refresh=refresh, echo=echo) for name in DEV_SETS}
    passed = True
    for train, test in (
        (("naeb",), "wcxb_dev_articles"),
        (("wcxb_dev_articles",), "naeb"),
        (DEV_SETS, EVALUATION_ONLY),
    ):
        if test == EVALUATION_ONLY and not (passed or final_anyway):
            echo(f"\nstep 3 ({EVALUATION_ONLY}) not run: the filter did not raise F1 in steps 1 and 2")
            break
        if test not in cached:
            cached[test] = collect(test, folder, refresh=refresh, echo=echo)
        echo(f"\ntrain on {'+'.join(train)} → evaluate on {test}")
        model_data, choice = train_model(
            [cached[name] for name in train],
            config,
            tolerance=tolerance,
            max_false_rate=max_false_rate,
            version="protocol",
            echo=echo,
        )
        if show_thresholds:
            for threshold, score, false in choice.table:
                echo(
                    f"    t={threshold:.2f} oof F1 {score.f1:.4f} P {score.precision:.4f} R {score.recall:.4f} "
                    f"filter false {false}"
                )
        echo(
            f"  threshold {choice.threshold:.2f} (out-of-fold on training: F1 {choice.score.f1:.4f}, filter false "
            f"removals {100 * choice.model_false_rate:.2f}%)"
        )
        model = ParagraphModel(model_data)
        pages = cached[test].pages
        without = evaluate(pages, [[False] * len(p.kept) for p in pages])
        scores = page_scores(model, pages)
        with_filter = evaluate(pages, [(s >= model.threshold).tolist() for s in scores])
        echo(f"  {test} without filter: {without.line()}")
        echo(f"  {test} with filter:    {with_filter.line()}")
        echo(
            f"  delta F1 {with_filter.score.f1 - without.score.f1:+.4f}  P "
            f"{with_filter.score.precision - without.score.precision:+.4f}  R "
            f"{with_filter.score.recall - without.score.recall:+.4f}"
        )
        passed = passed and with_filter.score.f1 > without.score.f1


@main.command()
@_with_options
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=MODEL_PATH, show_default=True)
@click.option("--version", "version", default=None, help="Model version string (default: date and config hash).")
def train(
    data_dir: Path | None,
    refresh: bool,
    tolerance: float,
    max_false_rate: float,
    out: Path,
    version: str | None,
    **options: Any,
) -> None:
    """Fit the shipped model on both dev sets, choose its threshold there, and write the model file."""
    config = _config(**options)
    folder = default_data_dir(data_dir)
    cached = [collect(name, folder, refresh=refresh, echo=_echo) for name in DEV_SETS]
    digest = hashlib.sha256(json.dumps(config._asdict(), sort_keys=True).encode()).hexdigest()[:8]
    model_data, choice = train_model(
        cached,
        config,
        tolerance=tolerance,
        max_false_rate=max_false_rate,
        version=version or f"{time.strftime('%Y.%m.%d')}-{config.kind}-{digest}",
        echo=_echo,
    )
    ParagraphModel(model_data)  # the file must load before it is written
    out.write_text(json.dumps(model_data, separators=(",", ":"), allow_nan=False) + "\n")
    _echo(
        f"threshold {choice.threshold:.2f}, out-of-fold F1 {choice.score.f1:.4f}; wrote {out} "
        f"({out.stat().st_size / 1024:.0f} KiB)"
    )
    model = ParagraphClassifier(out).model
    for dataset in cached:
        pages = dataset.pages
        scores = page_scores(model, pages)
        _echo(
            f"  {dataset.dataset} (training data) with filter: "
            f"{evaluate(pages, [(s >= model.threshold).tolist() for s in scores]).line()}"
        )


def _echo(message: str) -> None:
    click.echo(message, err=True)
    sys.stderr.flush()


if __name__ == "__main__":
    main()
