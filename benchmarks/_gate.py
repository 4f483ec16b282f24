"""The quality gate: newsclean's figures per set against the floors (and ceilings) in ``baseline.json``.

A floor ``{"min": x}`` fails when the measured value is below x; a ceiling ``{"max": x}`` fails when it is
above. The scoring is deterministic, so floors sit at the measured value rounded down to 3 decimals (ceilings
rounded up): any regression that shows in the third decimal fails. Floors only go up: ``propose_floors``
raises a floor to a better measurement and never lowers one; lowering one is a hand edit with a written reason
in the same commit. The optional ``"pages"`` table holds each set's page count when its floors were last raised,
so that floors are never raised from part of a set.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ._data import FULL_PAGE_COUNTS

BASELINE = Path(__file__).resolve().parent / "baseline.json"
DECIMALS = 3
#: The figures the gate watches by default, and which way is better.
HIGHER_IS_BETTER = ("f1", "precision", "recall", "must_include_recall")
LOWER_IS_BETTER = ("false_removal_rate", "must_exclude_leak_rate", "residual_boilerplate_per_page")
WATCHED = HIGHER_IS_BETTER + LOWER_IS_BETTER


class BaselineError(Exception):
    """baseline.json is missing, malformed, or has no floors for a set that was asked for."""


class Violation(NamedTuple):
    dataset: str
    metric: str
    measured: float | None
    bound: float
    kind: str  # "min" or "max"

    def message(self) -> str:
        if self.measured is None:
            return f"{self.dataset}: {self.metric} was not measured (bound {self.kind} {self.bound})"
        if self.kind == "min":
            return (
                f"{self.dataset}: {self.metric} {self.measured:.4f} is below its floor {self.bound:.3f} "
                f"(-{self.bound - self.measured:.4f})"
            )
        return (
            f"{self.dataset}: {self.metric} {self.measured:.4f} is above its ceiling {self.bound:.3f} "
            f"(+{self.measured - self.bound:.4f})"
        )


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    """The baseline at ``path``, checked whole before any run, so a malformed one is a usage error and not a
    gate that checks less than it says (or crashes after the run)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"no baseline at {path}") from exc
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path} is not UTF-8 text ({exc})") from exc
    except OSError as exc:
        raise BaselineError(f"cannot read the baseline {path} ({type(exc).__name__}: {exc})") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("datasets"), dict):
        raise BaselineError(f"{path} has no 'datasets' table")
    for dataset, bounds in document["datasets"].items():
        _check_bounds(path, dataset, bounds)
    _check_page_counts(path, document.get("pages", {}))
    return document


def _check_bounds(path: Path, dataset: str, bounds: object) -> None:
    if not isinstance(bounds, dict):
        raise BaselineError(f"{path}: {dataset} must be a table of metric bounds, not {type(bounds).__name__}")
    if not bounds:
        # An empty table would let the gate pass on this set while checking nothing.
        raise BaselineError(f'{path}: {dataset} has no bounds; give at least one, e.g. "f1": {{"min": 0.9}}')
    for metric, bound in bounds.items():
        if metric not in WATCHED:
            raise BaselineError(f"{path}: {dataset}.{metric} is not a metric the gate knows; use {', '.join(WATCHED)}")
        if not isinstance(bound, dict) or set(bound) - {"min", "max"} or not bound:
            raise BaselineError(f"{path}: {dataset}.{metric} must be {{'min': x}} and/or {{'max': x}}")
        # bool is an int to Python, and a NaN bound compares false both ways: neither is a bound.
        if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in bound.values()):
            raise BaselineError(
                f"{path}: {dataset}.{metric} bounds must be finite numbers (not strings, true/false or NaN)"
            )


def _check_page_counts(path: Path, counts: object) -> None:
    if not isinstance(counts, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count > 0 for count in counts.values()
    ):
        raise BaselineError(f"{path}: 'pages' must map each set to its page count (a positive whole number)")


def require_floors(names: Iterable[str], baseline: Mapping[str, Any], source: Path) -> None:
    """Fail before the run when a set asked for has no bounds in the baseline."""
    missing = [name for name in names if name not in baseline["datasets"]]
    if missing:
        raise BaselineError(f"{source} has no floors for {', '.join(map(repr, missing))}; add them with --raise-floors")


def check(
    measured: Mapping[str, Mapping[str, float]], baseline: Mapping[str, Any], *, source: str = "baseline.json"
) -> list[Violation]:
    """Every bound in the baseline for the measured sets that the measurement breaks. A set that was measured
    but has no bounds is an error (a gate that checks nothing must not pass silently); ``source`` names the
    baseline in that error."""
    violations: list[Violation] = []
    floors = baseline["datasets"]
    for dataset, figures in measured.items():
        if not floors.get(dataset):
            raise BaselineError(f"{source} has no floors for {dataset!r}; add them with --raise-floors")
        for metric, bound in floors[dataset].items():
            value = figures.get(metric)
            for kind in ("min", "max"):
                if kind not in bound:
                    continue
                limit = float(bound[kind])
                broken = value is None or (value < limit if kind == "min" else value > limit)
                if broken:
                    violations.append(Violation(dataset, metric, value, limit, kind))
    return violations


def partial_sets(page_counts: Mapping[str, int], baseline: Mapping[str, Any]) -> list[str]:
    """A line for each set that has fewer pages than the full set: the count the baseline records for it
    (written by the last ``--raise-floors``), else the published size of a shipped set. Floors raised on part
    of a set would hold the full set to figures it was never measured on."""
    recorded = baseline.get("pages", {})
    lines = []
    for dataset, count in page_counts.items():
        full = recorded.get(dataset, FULL_PAGE_COUNTS.get(dataset))
        if full is not None and count < full:
            lines.append(f"{dataset} has {count} pages where the full set has {full}")
    return lines


def propose_floors(
    measured: Mapping[str, Mapping[str, float]],
    baseline: Mapping[str, Any],
    page_counts: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The baseline with each watched figure's bound moved to the measurement where that is stricter, never
    looser: floors rounded down, ceilings rounded up, to ``DECIMALS`` places. ``page_counts`` (each measured
    set's pages) are recorded, so a later raise on fewer pages can be refused (``partial_sets``)."""
    scale = 10**DECIMALS
    updated: dict[str, Any] = json.loads(json.dumps(dict(baseline)))
    updated.setdefault("datasets", {})
    if page_counts:
        updated.setdefault("pages", {}).update(page_counts)
    for dataset, figures in measured.items():
        bounds = updated["datasets"].setdefault(dataset, {})
        for metric, value in figures.items():
            if metric in HIGHER_IS_BETTER:
                floor = math.floor(value * scale + 1e-9) / scale
                current = bounds.get(metric, {}).get("min")
                bounds.setdefault(metric, {})["min"] = floor if current is None else max(current, floor)
            elif metric in LOWER_IS_BETTER:
                ceiling = math.ceil(value * scale - 1e-9) / scale
                current = bounds.get(metric, {}).get("max")
                bounds.setdefault(metric, {})["max"] = ceiling if current is None else min(current, ceiling)
    return updated


def gate_figures(summary: Mapping[str, Any]) -> dict[str, float]:
    """The watched figures out of one set's newsclean summary (``ExtractorTally.summary``)."""
    figures = {key: float(summary[key]) for key in (*HIGHER_IS_BETTER, *LOWER_IS_BETTER) if key in summary}
    if summary.get("pages"):
        figures["residual_boilerplate_per_page"] = summary["residual_boilerplate"] / summary["pages"]
    return figures
