"""Signal probes: would a second opinion on the main text lift F1 on every dev set, or only on one?

Not a test: a measurement, kept so that the figures in docs/benchmarks.md ("Second opinions on the main text")
can be reproduced. Each probe changes newsclean's output in one way and is scored with the ScrapingHub shingle
metric against the same pages' newsclean output:

- ``articlebody``: keep only the paragraphs found in the publisher's own JSON-LD ``articleBody`` (at least half
  of their 4-token shingles, as ``benchmarks._matching`` looks a paragraph up), on pages where that body is a
  whole article (150+ words, no "…" teaser ending, and at least 80% of its shingles in newsclean's output);
- ``favor_recall``: trafilatura asked to favour recall, newsclean's cleaners after it as usual;
- ``resiliparse_vote``: keep only the paragraphs found in resiliparse's main-content text (the same look-up),
  unless that would drop more than half of the page's text (the two then chose different blocks);
- ``peer_vote``: the most cautious vote: drop a paragraph only when none of four peers (resiliparse,
  readability-lxml, jusText, trafilatura ``favor_precision``, as the quality harness runs them) has it, with the
  same half-the-page guard.

A probe that lifts one set and lowers another is the overfitting the project brief warns about.

    python benchmarks/signal_probes.py [--sets naeb,wcxb_dev_articles] [--probes articlebody,...] [--limit N]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

from benchmarks._data import Page, data_dir, iter_pages, parse_dataset_names  # noqa: E402
from benchmarks._matching import TextIndex  # noqa: E402
from benchmarks._scoring import PageCounts, aggregate, page_counts  # noqa: E402

DEFAULT_SETS = ("naeb", "wcxb_dev_articles")
PROBES = ("articlebody", "favor_recall", "resiliparse_vote", "peer_vote")
#: The peers of ``peer_vote``: a paragraph goes only when none of them has it.
VOTING_PEERS = ("resiliparse", "readability", "justext", "trafilatura_precision")
ARTICLE_BODY_MIN_WORDS = 150
ARTICLE_BODY_MIN_COVERAGE = 0.8
_TEASER_END = re.compile(r"(?:\.\.\.|…|\[…\])\s*$")
_TAG = re.compile(r"<[^>]+>")

Paragraphs = list[str]
Probe = Callable[[Page, Paragraphs], Paragraphs]


def _kept_in(paragraphs: Paragraphs, other_text: str) -> Paragraphs:
    """The paragraphs found in ``other_text``, as the residual and false-removal audits look them up."""
    other = TextIndex(other_text)
    return [p for p in paragraphs if other.contains(p)]


def _article_bodies(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "articleBody" and isinstance(value, str):
                yield value
            else:
                yield from _article_bodies(value)
    elif isinstance(node, list):
        for value in node:
            yield from _article_bodies(value)


def _whole_article_body(markup: str) -> str | None:
    from newsclean import _dom

    bodies = list(_article_bodies(_dom.collect_metadata(_dom.parse(markup)).json_ld))
    # Some publishers put HTML (tags, entities) in the body: read it as text.
    texts = [_TAG.sub(" ", html.unescape(body)) for body in bodies]
    whole = [text for text in texts if len(text.split()) >= ARTICLE_BODY_MIN_WORDS and not _TEASER_END.search(text)]
    return max(whole, key=len) if whole else None


def articlebody_probe(page: Page, paragraphs: Paragraphs) -> Paragraphs:
    body = _whole_article_body(page.html)
    if body is None:
        return paragraphs
    if TextIndex("\n\n".join(paragraphs)).coverage(body) < ARTICLE_BODY_MIN_COVERAGE:
        return paragraphs
    return _kept_in(paragraphs, body)


def resiliparse_vote_probe(page: Page, paragraphs: Paragraphs) -> Paragraphs:
    from resiliparse.extract.html2text import extract_plain_text

    kept = _kept_in(paragraphs, extract_plain_text(page.html, main_content=True))
    return _kept_unless_half_the_page_goes(paragraphs, kept)


def _kept_unless_half_the_page_goes(paragraphs: Paragraphs, kept: Paragraphs) -> Paragraphs:
    return paragraphs if len(" ".join(kept)) < 0.5 * len(" ".join(paragraphs)) else kept


def peer_vote_probe() -> Probe:
    from benchmarks._extractors import build_extractors

    peers, missing = build_extractors(VOTING_PEERS)
    if missing:
        raise SystemExit(f"peer_vote needs every voting peer: {missing}")

    def probe(page: Page, paragraphs: Paragraphs) -> Paragraphs:
        texts = [TextIndex(extract(page.html, page.url).text) for extract in peers.values()]
        kept = [paragraph for paragraph in paragraphs if any(text.contains(paragraph) for text in texts)]
        return _kept_unless_half_the_page_goes(paragraphs, kept)

    return probe


def favor_recall_probe() -> Probe:
    import newsclean
    from newsclean._extract import TrafilaturaExtractor

    class RecallExtractor(TrafilaturaExtractor):
        name = "trafilatura-favor-recall"

        def options(self) -> dict[str, Any]:
            return {**super().options(), "favor_recall": True}

    pipeline = newsclean.Pipeline(extractor=RecallExtractor())

    def probe(page: Page, paragraphs: Paragraphs) -> Paragraphs:
        return list(pipeline.clean_html(page.html, url=page.url).paragraphs)

    return probe


def build_probes(names: Sequence[str]) -> dict[str, Probe]:
    probes: dict[str, Probe] = {}
    for name in names:
        if name == "articlebody":
            probes[name] = articlebody_probe
        elif name == "resiliparse_vote":
            probes[name] = resiliparse_vote_probe
        elif name == "favor_recall":
            probes[name] = favor_recall_probe()
        elif name == "peer_vote":
            probes[name] = peer_vote_probe()
        else:
            raise SystemExit(f"unknown probe {name!r}; choose from {', '.join(PROBES)}")
    return probes


def run(sets: Sequence[str], probe_names: Sequence[str], directory: Path, limit: int | None) -> None:
    import newsclean

    pipeline = newsclean.Pipeline()
    probes = build_probes(probe_names)
    print(f"{'set':<20} {'output':<18} {'precision':>9} {'recall':>7} {'F1':>8} {'dF1':>8} {'pages changed':>14}")
    for name in sets:
        counts: dict[str, list[PageCounts]] = {"newsclean": [], **{probe: [] for probe in probes}}
        changed = dict.fromkeys(probes, 0)
        for page in iter_pages(name, directory, limit=limit):
            paragraphs = list(pipeline.clean_html(page.html, url=page.url).paragraphs)
            counts["newsclean"].append(page_counts(page.gold_text, "\n\n".join(paragraphs)))
            for probe_name, probe in probes.items():
                probed = probe(page, paragraphs)
                changed[probe_name] += probed != paragraphs
                counts[probe_name].append(page_counts(page.gold_text, "\n\n".join(probed)))
        base = aggregate(counts["newsclean"])
        for output, pages in counts.items():
            score = aggregate(pages)
            pages_changed = str(changed[output]) if output in changed else ""
            print(
                f"{name:<20} {output:<18} {score.precision:>9.5f} {score.recall:>7.5f} {score.f1:>8.5f}"
                f" {score.f1 - base.f1:>+8.5f} {pages_changed:>14}"
            )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", help="directory holding the gold sets (default: ../shared/datasets)")
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS))
    parser.add_argument("--probes", default=",".join(PROBES))
    parser.add_argument("--limit", type=int, help="pages per set (default: all)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # trafilatura's and lxml's warnings on odd pages are not findings here
    probe_names = tuple(name.strip() for name in args.probes.split(",") if name.strip())
    run(parse_dataset_names(args.sets), probe_names, data_dir(args.datasets), args.limit)


if __name__ == "__main__":
    main()
