"""Results as Markdown tables and a PNG plot (matplotlib, from the ``bench`` extra, imported only here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._residual import CATEGORIES


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _f1_cell(row: dict[str, Any]) -> str:
    spread = row.get("spread")
    return f"{row['f1']:.3f} ± {spread['f1']:.3f}" if spread else f"{row['f1']:.3f}"


def run_line(run: dict[str, Any]) -> str:
    """A report's line on its run: when, which versions, the command."""
    return (
        f"Run: {run['started']} · newsclean {run['newsclean']} · trafilatura {run.get('trafilatura', '?')} · "
        f"command `{run['command']}`"
    )


def quality_markdown(results: dict[str, Any]) -> str:
    """``results`` is the ``quality.json`` document: run info and, per dataset, a summary per extractor."""
    lines = [
        "# Quality",
        "",
        run_line(results["run"]),
        "",
        "F1 / P / R: the ScrapingHub benchmark's shingle metric. pages/s: CPU seconds of that extractor alone, "
        "one core. Residual: output paragraphs not in the gold text that the classifier puts in a boilerplate "
        "category; heading (short headline-shaped lines) and other are counted apart. Leaks: must_exclude "
        "snippets found in the output. Meta: share of annotated pages with the right title / author / date. "
        "False removals: gold paragraphs (8+ words) removed by "
        "newsclean's cleaners.",
    ]
    lines += ["", *summary_table(results)]
    for dataset, rows in results["datasets"].items():
        lines += ["", f"## {dataset}", ""]
        lines += [
            "| extractor | F1 | P | R | pages/s | empty | residual | heading | other | must_include | leaks | "
            "meta t/a/d | false removals |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, row in rows.items():
            meta = row.get("metadata")
            meta_cell = "/".join(_fmt(meta.get(f), 2) for f in ("title", "author", "date")) if meta else "–"
            leaks = (
                f"{row['must_exclude_leaked']} / {row['must_exclude_total']}" if "must_exclude_total" in row else "–"
            )
            false_cell = (
                f"{row['false_removals']} ({100 * row['false_removal_rate']:.2f}%)" if "false_removals" in row else "–"
            )
            lines.append(
                f"| {name} | {_f1_cell(row)} | {row['precision']:.3f} | {row['recall']:.3f} | "
                f"{_fmt(row['pages_per_second'], 1)} | {row['empty']} | {row['residual_boilerplate']} | "
                f"{row['residual']['heading']} | {row['residual']['other']} | "
                f"{_fmt(row.get('must_include_recall'))} | {leaks} | {meta_cell} | {false_cell} |"
            )
        lines += ["", "Residual paragraphs by category:", ""]
        lines += ["| extractor | " + " | ".join(CATEGORIES) + " |", "|---|" + "---|" * len(CATEGORIES)]
        for name, row in rows.items():
            lines.append(f"| {name} | " + " | ".join(str(row["residual"][c]) for c in CATEGORIES) + " |")
        for name, row in rows.items():
            if row.get("false_removals_by_rule"):
                rules = ", ".join(f"`{rule}` {count}" for rule, count in row["false_removals_by_rule"].items())
                lines += ["", f"{name} false removals by rule: {rules}; extractor misses: {row['extractor_misses']}."]
            elif "false_removals" in row:
                lines += ["", f"{name}: no false removals; extractor misses: {row['extractor_misses']}."]
            for note in row["notes"]:
                lines += ["", f"- {name} note: {note}"]
    for name, note in results.get("skipped", {}).items():
        lines += ["", f"- skipped {name}: {note}"]
    return "\n".join(lines) + "\n"


def summary_table(results: dict[str, Any]) -> list[str]:
    """Shingle F1 (P / R) of each extractor on each set (the best in bold), and its residual boilerplate."""
    datasets = list(results["datasets"])
    best = {d: max(row["f1"] for row in results["datasets"][d].values()) for d in datasets}
    extractors = list(dict.fromkeys(name for rows in results["datasets"].values() for name in rows))
    lines = [
        "| extractor | " + " | ".join(f"{d} F1 (P / R)" for d in datasets) + " | residual boilerplate |",
        "|---|" + "---|" * len(datasets) + "---|",
    ]
    for name in extractors:
        cells = []
        residual = 0
        for dataset in datasets:
            row = results["datasets"][dataset].get(name)
            if row is None:
                cells.append("–")
                continue
            residual += row["residual_boilerplate"]
            f1 = f"**{row['f1']:.3f}**" if row["f1"] == best[dataset] else f"{row['f1']:.3f}"
            cells.append(f"{f1} ({row['precision']:.3f} / {row['recall']:.3f})")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {residual} |")
    return lines


def quality_plot(results: dict[str, Any], path: Path) -> bool:
    """F1 against pages/s, one point per extractor, one panel per set. False when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    datasets = results["datasets"]
    figure, axes = plt.subplots(1, len(datasets), figsize=(5.2 * len(datasets), 4.4), squeeze=False)
    for axis, (dataset, rows) in zip(axes[0], datasets.items(), strict=True):
        for name, row in rows.items():
            if not row["pages_per_second"]:
                continue
            color = "tab:red" if name == "newsclean" else "tab:blue"
            axis.scatter(row["pages_per_second"], row["f1"], color=color, zorder=3)
            axis.annotate(
                name, (row["pages_per_second"], row["f1"]), textcoords="offset points", xytext=(4, 4), fontsize=8
            )
        axis.set_xscale("log")
        axis.set_title(dataset)
        axis.set_xlabel("pages/s (one core, log scale)")
        axis.set_ylabel("shingle F1")
        axis.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return True


def speed_markdown(result: dict[str, Any]) -> str:
    rows = result["extractors"]
    lines = [
        "# Speed",
        "",
        f"Run: {result['run']['started']} · command `{result['run']['command']}` · {result['pages']} pages, "
        f"{result['megabytes']:.1f} MB of HTML from {', '.join(result['datasets'])}, interleaved page by page "
        "in one process (CPU time, one core).",
        "",
        "| extractor | pages/s | MB/s | CPU s | wall s |",
        "|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['pages_per_second']:.2f} | {row['megabytes_per_second']:.2f} | "
            f"{row['cpu_seconds']:.1f} | {row['wall_seconds']:.1f} |"
        )
    lines += ["", f"**Ratio newsclean / trafilatura (pages/s): {result['ratio']:.2f}**", ""]
    stages = result.get("stage_seconds") or {}
    if stages:
        total = sum(stages.values()) or 1.0
        lines += ["newsclean time per stage (CPU):", "", "| stage | seconds | share |", "|---|---|---|"]
        lines += [f"| {stage} | {seconds:.2f} | {100 * seconds / total:.1f}% |" for stage, seconds in stages.items()]
    return "\n".join(lines) + "\n"
