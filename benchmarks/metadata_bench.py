"""Metadata accuracy: newsclean against trafilatura's own metadata, in the same run, on the gold sets.

Not a test: a measurement. Reads ``naeb`` and ``wcxb_dev_articles`` from ``../shared/datasets/`` (or
``$NEWSCLEAN_DATASETS``, ``$NEWSCLEAN_SHARED/datasets``, or ``--datasets DIR``) and prints, per set and per system:

- title: exact match after Unicode NFKC, case folding and whitespace collapsing (the issue's measure), and beside
  it ``titleQ``, the same with typographic quotes folded to ASCII (the two gold sets follow opposite quote
  conventions, see docs/metadata.md);
- authors: set F1 over normalised names, averaged over pages whose gold names authors;
- date: same calendar day as the gold date (the prediction's own calendar day, in its own zone);
- false authors / false dates: share of pages whose gold says "none" where the system still gave one;
- seconds spent in metadata resolution per page (newsclean: markup candidates + resolution + text evidence;
  trafilatura: ``extract_metadata``), and their ratio.

    python benchmarks/metadata_bench.py [--limit N] [--sets naeb,wcxb_dev_articles] [--errors FILE]
        [--convention NAME ...]

``--convention`` scores what newsclean would get if it followed a convention one gold set uses and the issue's rules
do not (see ``CONVENTIONS``): a measurement of what a switch costs the other set, never a library option.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))
DEFAULT_SETS = ("naeb", "wcxb_dev_articles")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||\band\b|&|\n)\s*", re.IGNORECASE)
# A miss's field in the errors file, and the Article field whose provenance explains it.
_PROVENANCE_FIELDS = {"title": "title", "authors": "authors", "date": "published"}
_CREDENTIAL = re.compile(r"^(?:[A-Z]{1,4}|ph\.?d\.?|m\.?d\.?|jr\.?|sr\.?|ii|iii)$", re.IGNORECASE)


def datasets_dir(option: str | None) -> Path:
    """The gold sets' folder, found as ``python -m benchmarks`` finds it (``--datasets``, $NEWSCLEAN_DATASETS,
    $NEWSCLEAN_SHARED/datasets, ../shared/datasets)."""
    from benchmarks._data import data_dir

    return data_dir(option)


def read_pages(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if limit is not None and index >= limit:
                return
            yield json.loads(line)


def norm_title(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


# Typographic quotes and apostrophes as their ASCII forms: for the secondary, quote-folded title figure only.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


def norm_title_quotes(text: str | None) -> str:
    """The title key with quotes folded. The gold sets disagree on the page's ’ against ' (naeb keeps the
    page's, wcxb often types '), so this figure is reported beside the strict one, never instead of it."""
    return norm_title(text).translate(_QUOTES)


def norm_names(value: str | list[str] | tuple[str, ...] | None) -> set[str]:
    """Names as a set of comparable keys: split on separators, credentials ("MS", "RD", "PhD") dropped,
    case and punctuation ignored. Applied the same way to the gold and to every system."""
    if not value:
        return set()
    parts = [value] if isinstance(value, str) else list(value)
    names: set[str] = set()
    for part in parts:
        for piece in _NAME_SPLIT.split(part):
            piece = re.sub(r"^by\s+", "", piece.strip(), flags=re.IGNORECASE)
            if not piece or _CREDENTIAL.match(piece):
                continue
            key = " ".join("".join(ch for ch in word if ch.isalnum()) for word in piece.casefold().split())
            key = " ".join(key.split())
            if key:
                names.add(key)
    return names


def set_f1(predicted: set[str], gold: set[str]) -> float:
    if not predicted or not gold:
        return 0.0
    hits = len(predicted & gold)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(predicted), hits / len(gold)
    return 2 * precision * recall / (precision + recall)


@dataclass
class Score:
    pages: int = 0
    title_hits: int = 0
    title_hits_quotes_folded: int = 0
    author_pages: int = 0
    author_f1: float = 0.0
    no_author_pages: int = 0
    false_authors: int = 0
    date_pages: int = 0
    date_hits: int = 0
    no_date_pages: int = 0
    false_dates: int = 0
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        page: dict[str, Any],
        title: str | None,
        authors: Any,
        date: str | None,
        keep: bool,
        provenance: dict[str, str] | None = None,
    ) -> None:
        gold = page.get("gold_meta") or {}
        self.pages += 1
        miss: dict[str, Any] = {}
        if norm_title_quotes(title) == norm_title_quotes(gold.get("title")):
            self.title_hits_quotes_folded += 1
        if norm_title(title) == norm_title(gold.get("title")):
            self.title_hits += 1
        elif keep:
            miss["title"] = (title, gold.get("title"))
        gold_names = norm_names(gold.get("author"))
        predicted = norm_names(authors)
        if gold_names:
            self.author_pages += 1
            f1 = set_f1(predicted, gold_names)
            self.author_f1 += f1
            if f1 < 1 and keep:
                miss["authors"] = (sorted(predicted), sorted(gold_names))
        else:
            self.no_author_pages += 1
            if predicted:
                self.false_authors += 1
                if keep:
                    miss["authors"] = (sorted(predicted), None)
        gold_date = gold.get("date") or None
        if gold_date:
            self.date_pages += 1
            if date == gold_date:
                self.date_hits += 1
            elif keep:
                miss["date"] = (date, gold_date)
        else:
            self.no_date_pages += 1
            if date:
                self.false_dates += 1
                if keep:
                    miss["date"] = (date, None)
        if miss:
            sources = {key: (provenance or {}).get(field) for key, field in _PROVENANCE_FIELDS.items() if key in miss}
            self.errors.append({"id": page.get("id"), "url": page.get("url"), **miss, "provenance": sources})

    def row(self) -> dict[str, float]:
        def ratio(a: float, b: int) -> float:
            return a / b if b else float("nan")

        return {
            "title": ratio(self.title_hits, self.pages),
            "title_quotes_folded": ratio(self.title_hits_quotes_folded, self.pages),
            "author_f1": ratio(self.author_f1, self.author_pages),
            "date": ratio(self.date_hits, self.date_pages),
            "false_author": ratio(self.false_authors, self.no_author_pages),
            "false_date": ratio(self.false_dates, self.no_date_pages),
            "ms_per_page": 1000 * ratio(self.seconds, self.pages),
        }


# Gold conventions the rules do not follow, as switches applied to newsclean's resolved record (measurement
# only: docs/metadata.md, round 8, gives what each gains on one set and costs on the other).
CONVENTIONS = {
    "ascii-quotes": "title: typographic quotes typed as ASCII ones (’ → ')",
    "markup-title": "title: the markup titles' choice (og:title, JSON-LD headline, <title>), the visible <h1> ignored",
    "update-as-published": "date: a page without a publication date is dated by its update (declared or labelled)",
    "printed-update-as-published": "date: a page without a publication date is dated by the update its text labels",
    "modified-over-published": "date: the update, declared or labelled, when it is later than the publication",
    "printed-update-over-hidden-publication": (
        "date: the update the text labels, when the declared publication is not shown on the page and is earlier"
    ),
    "utc-day": "date: the publication instant's day in UTC, not in the zone the page gives it",
    "shown-dates-only": "date: a declared date the page does not show is no date",
    "printed-authors-only": "authors: a declared author whose name the page does not print is no author",
}


def newsclean_metadata(
    html: str, url: str | None, paragraphs: tuple[str, ...], now: datetime, conventions: frozenset[str] = frozenset()
) -> Any:
    import msgspec

    from newsclean import _dom, metadata

    tree = _dom.parse(html, url=url)
    candidates = _dom.collect_metadata(tree)
    _dom.prune_non_content(tree)
    candidates.visible_text = _dom.visible_text(tree)
    resolved = metadata.resolve(candidates, url=url, html=html, now=now)
    resolved = metadata.complete(resolved, paragraphs=paragraphs, now=now)
    if "markup-title" in conventions:
        without_h1 = msgspec.structs.replace(candidates, h1=[], h1_joined=[])
        title = metadata.resolve(without_h1, url=url, html=html, now=now).get("title")
        resolved.replace("title", title, "markup titles (convention)")
    _apply_date_conventions(resolved, conventions)
    if "printed-authors-only" in conventions and resolved.get("authors"):
        shown = " ".join((candidates.visible_text or "").casefold().split())
        printed = tuple(name for name in resolved.get("authors") if " ".join(name.casefold().split()) in shown)
        resolved.replace("authors", printed, resolved.provenance.get("authors", "") + "; printed (convention)")
    return resolved


def _apply_date_conventions(resolved: Any, conventions: frozenset[str]) -> None:
    published = resolved.get("published")
    if "shown-dates-only" in conventions and "not shown" in resolved.provenance.get("published", ""):
        resolved.replace("published", None, "")
        published = None
    update = resolved.get("modified")
    labelled = resolved.labelled_update
    if labelled is not None and (update is None or "printed-update-as-published" in conventions):
        update = datetime(labelled.year, labelled.month, labelled.day, tzinfo=UTC)
    elif "printed-update-as-published" in conventions:
        update = None
    if update is None:
        return
    if "printed-update-over-hidden-publication" in conventions and labelled is not None and published is not None:
        hidden = "not shown" in resolved.provenance.get("published", "")
        if hidden and labelled > published.date():
            resolved.replace(
                "published", datetime(labelled.year, labelled.month, labelled.day, tzinfo=UTC), "update (convention)"
            )
        return
    undated = bool({"update-as-published", "printed-update-as-published"} & conventions) and published is None
    later = "modified-over-published" in conventions and published is not None and update.date() > published.date()
    if undated or later:
        resolved.replace("published", update, "update (convention)")


def run(
    sets: list[str],
    directory: Path,
    limit: int | None,
    errors_path: Path | None,
    conventions: frozenset[str] = frozenset(),
) -> int:
    import trafilatura.metadata

    import newsclean

    pipeline = newsclean.Pipeline()
    now = datetime.now(UTC)
    errors: list[dict[str, Any]] = []
    print(f"metadata benchmark, fetch time taken as {now.isoformat(timespec='seconds')}")
    for name in sorted(conventions):
        print(f"convention {name}: {CONVENTIONS[name]}")
    header = f"{'set':<20} {'system':<12} {'pages':>5} {'title':>6} {'titleQ':>6} {'authF1':>7} {'date':>6} "
    header += f"{'falseA':>7} {'falseD':>7} {'ms/page':>8}"
    for name in sets:
        path = directory / f"{name}.jsonl.gz"
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
        ours, theirs = Score(), Score()
        for page in read_pages(path, limit):
            html, url = page["html"], page.get("url") or None
            try:
                article = pipeline.clean_html(html, url=url)
                paragraphs = article.paragraphs
            except newsclean.NewscleanError:
                paragraphs = ()
            started = time.perf_counter()
            resolved = newsclean_metadata(html, url, paragraphs, now, conventions)
            ours.seconds += time.perf_counter() - started
            values = resolved.values
            # The pipeline strips "UPDATED:"-style markers from the title after resolution: score what users get.
            title = article.title if paragraphs and "markup-title" not in conventions else values.get("title")
            if "ascii-quotes" in conventions and title:
                title = title.translate(_QUOTES)
            published = values.get("published")
            if published is not None and "utc-day" in conventions:
                published = published.astimezone(UTC)
            day = published.date().isoformat() if published else None
            ours.add(page, title, values.get("authors", ()), day, True, resolved.provenance)

            started = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    document = trafilatura.metadata.extract_metadata(html, default_url=url)
                t_title, t_author, t_date = document.title, document.author, document.date
            except Exception:  # a peer's crash on a page counts as no metadata for that page
                t_title = t_author = t_date = None
            theirs.seconds += time.perf_counter() - started
            theirs.add(page, t_title, t_author.split(";") if t_author else None, t_date, False)
        print()
        print(header)
        for system, score in (("newsclean", ours), ("trafilatura", theirs)):
            row = score.row()
            print(
                f"{name:<20} {system:<12} {score.pages:>5} {row['title']:>6.3f} {row['title_quotes_folded']:>6.3f} "
                f"{row['author_f1']:>7.3f} "
                f"{row['date']:>6.3f} {row['false_author']:>7.3f} {row['false_date']:>7.3f} {row['ms_per_page']:>8.2f}"
            )
        print(
            f"  gold with authors {ours.author_pages}, without {ours.no_author_pages}; "
            f"with date {ours.date_pages}, without {ours.no_date_pages}; "
            f"metadata time newsclean/trafilatura = {ours.seconds / max(theirs.seconds, 1e-9):.2f}"
        )
        print("  title: the issue's measure (exact after NFKC, case, whitespace); titleQ: the same, quotes folded")
        errors.extend(ours.errors)
    if errors_path is not None:
        errors_path.write_text("\n".join(json.dumps(e, ensure_ascii=False, default=str) for e in errors) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", help="folder with the *.jsonl.gz gold sets (default ../shared/datasets)")
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS), help="comma-separated set names")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--errors", type=Path, default=None, help="write newsclean's misses here (JSONL)")
    parser.add_argument(
        "--convention",
        action="append",
        default=[],
        choices=sorted(CONVENTIONS),
        help="score newsclean as if it followed this gold convention (repeatable; measurement only)",
    )
    args = parser.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    return run(sets, datasets_dir(args.datasets), args.limit, args.errors, frozenset(args.convention))


if __name__ == "__main__":
    sys.exit(main())
