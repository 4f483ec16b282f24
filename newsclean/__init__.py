"""newsclean: scraped news pages in, clean and auditable article records out.

>>> import newsclean
>>> article = newsclean.clean_text(
...     "Council approves the budget\\n"
...     "The council approved the new budget on Tuesday after a long debate.\\n"
...     "Share this:"
... )
>>> article.title
'Council approves the budget'
>>> article.paragraphs
('The council approved the new budget on Tuesday after a long debate.',)
>>> [(removal.rule, removal.text) for removal in article.removed]
[('widget.share', 'Share this:')]
"""

from __future__ import annotations

from datetime import datetime

from ._arguments import HeadersArg
from ._exceptions import (
    DecodeError,
    ExtractionError,
    ExtractionTimeout,
    FetchError,
    InputError,
    NewscleanError,
    NoContentError,
    ParseError,
    RuleError,
)
from ._limits import Limits
from ._models import Article, Failure, Removal, to_json
from ._pipeline import Document, Pipeline
from ._rules import PatternReferenceError, RulesArg, RuleSet, default_rules, load_pack
from ._version import __version__
from .batch import clean_batch
from .fetch import AsyncFetcher, Fetcher, FetchResult, afetch_many, fetch, fetch_many
from .metadata import near_duplicates

__all__ = [
    "Article",
    "AsyncFetcher",
    "DecodeError",
    "Document",
    "ExtractionError",
    "ExtractionTimeout",
    "Failure",
    "FetchError",
    "FetchResult",
    "Fetcher",
    "InputError",
    "Limits",
    "NewscleanError",
    "NoContentError",
    "ParseError",
    "PatternReferenceError",
    "Pipeline",
    "Removal",
    "RuleError",
    "RuleSet",
    "__version__",
    "afetch_many",
    "clean_batch",
    "clean_html",
    "clean_text",
    "default_rules",
    "fetch",
    "fetch_many",
    "load_pack",
    "near_duplicates",
    "to_json",
]

_default_pipeline: Pipeline | None = None


#: The pipeline of the last ``RuleSet`` passed as ``rules``: a caller looping over pages with its own rule set
#: built the pipeline (its pattern set) again on every call, a hundred times the cost of cleaning a page.
_last_rule_set: tuple[RuleSet, Pipeline] | None = None


def _pipeline_for(rules: RulesArg) -> Pipeline:
    # A pipeline holds only compiled, immutable rules, so reusing one cannot change any result. Rules named by path
    # are read again on each call: the file may have changed.
    global _default_pipeline, _last_rule_set
    if isinstance(rules, RuleSet):
        last = _last_rule_set
        if last is not None and last[0] is rules:
            return last[1]
        pipeline = Pipeline(rules=rules)
        _last_rule_set = (rules, pipeline)
        return pipeline
    if rules is not None:
        return Pipeline(rules=rules)
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    headers: HeadersArg = None,
    fetched_at: datetime | None = None,
    rules: RulesArg = None,
) -> Article:
    """Clean one HTML page. Bytes are decoded BOM → HTTP charset → ``<meta>`` → detection.

    ``fetched_at`` is when the page was fetched: no date after it is believed (default: now). ``rules`` replaces
    the built-in rule packs (a ``RuleSet``, or the path of a TOML pack, or several); to add to them, pass
    ``default_rules() + load_pack(path)``. Raises a ``NewscleanError`` subclass for input that cannot be cleaned;
    a page without article text gives an Article with ``status == "no_content"``.
    """
    return _pipeline_for(rules).clean_html(html, url=url, headers=headers, fetched_at=fetched_at)


def clean_text(
    text: str,
    *,
    url: str | None = None,
    title: str | None = None,
    fetched_at: datetime | None = None,
    rules: RulesArg = None,
) -> Article:
    """Clean a plain-text dump: one paragraph per line; a headline-like first line becomes the title. ``rules`` as
    for ``clean_html``."""
    return _pipeline_for(rules).clean_text(text, url=url, title=title, fetched_at=fetched_at)
