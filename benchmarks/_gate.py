"""The quality gate: newsclean's figures per set against the floors (and ceilings) in ``baseline.json``.

A floor ``{"min": x}`` fails when the measured value is below x; a ceiling ``{"max": x}`` fails when it is
above. The scoring is deterministic, so floors sit at the measured value rounded down to 3 decimals (ceilings
rounded up): any regression that shows in the third decimal fails. Floors only go up: ``propose_floors``
raises a floor to a better measurement and never lowers one; lowering one is a hand edit with a written reason
in the same commit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

BASELINE = Path(__file__).resolve().parent / "baseline.json"
DECIMALS = 3
#: The figures the gate watches by default, and which way is better.
HIGHER_IS_BETTER = ("f1", "precision", "recall", "must_include_recall")
LOWER_IS_BETTER = ("false_removal_rate", "must_exclude_leak_rate", "residual_boilerplate_per_page")


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
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"no baseline at {path}") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("datasets"), dict):
        raise BaselineError(f"{path} has no 'datasets' table")
    for dataset, bounds in document["datasets"].items():
        for metric, bound in bounds.items():
            if not isinstance(bound, dict) or set(bound) - {"min", "max"} or not bound:
                raise BaselineError(f"{path}: {dataset}.{metric} must be {{'min': x}} and/or {{'max': x}}")
            if not all(isinstance(v, int | float) for v in bound.values()):
                raise BaselineError(f"{path}: {dataset}.{metric} bounds must be numbers")
    return document


def check(measured: Mapping[str, Mapping[str, float]], baseline: Mapping[str, Any]) -> list[Violation]:
    """Every bound in the baseline for the measured sets that the measurement breaks. A set that was measured
    but has no bounds is an error (a gate that checks nothing must not pass silently)."""
    violations: list[Violation] = []
    floors = baseline["datasets"]
    for dataset, figures in measured.items():
        if dataset not in floors:
            raise BaselineError(f"baseline.json has no floors for {dataset!r}; add them with --raise-floors")
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


def propose_floors(measured: Mapping[str, Mapping[str, float]], baseline: Mapping[str, Any]) -> dict[str, Any]:
    """The baseline with each watched figure's bound moved to the measurement where that is stricter, never
    looser: floors rounded down, ceilings rounded up, to ``DECIMALS`` places."""
    scale = 10**DECIMALS
    updated: dict[str, Any] = json.loads(json.dumps(dict(baseline)))
    updated.setdefault("datasets", {})
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
