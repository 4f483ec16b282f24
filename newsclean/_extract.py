"""Main-content extraction. ``Extractor`` is the seam: trafilatura is the default, others can be plugged in."""

from __future__ import annotations

import functools
import inspect
import threading
from typing import Any, Protocol

from ._exceptions import ExtractionError, ExtractionTimeout


class Extractor(Protocol):
    name: str

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        """The page's main content as paragraphs, in order."""
        ...


class TrafilaturaExtractor:
    """trafilatura with comments off and its ``deduplicate`` cache off: the same page gives the same text
    whatever was processed before it in the process."""

    name = "trafilatura"

    def __init__(self, *, include_tables: bool = True) -> None:
        self.include_tables = include_tables

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        import trafilatura  # heavy import, deferred until the first page

        try:
            tree = _load(html)
            sequence = _sequence()
            if sequence is not None and not isinstance(tree, str):
                text = _extract_from_own_tree(sequence, tree, url=url, include_tables=self.include_tables)
            else:
                document = trafilatura.bare_extraction(
                    tree,
                    url=url,
                    include_comments=False,
                    include_tables=self.include_tables,
                    deduplicate=False,
                    with_metadata=False,
                )
                text = getattr(document, "text", None)
        except ExtractionTimeout:
            raise
        except (RecursionError, MemoryError) as exc:
            raise ExtractionError(
                f"extractor gave up on this page: {type(exc).__name__}", url=url, stage="extract"
            ) from exc
        except Exception as exc:  # trafilatura and lxml raise many undocumented types
            raise ExtractionError(f"trafilatura failed: {type(exc).__name__}: {exc}", url=url, stage="extract") from exc
        if not isinstance(text, str) or not text:
            return []
        return [line for line in text.split("\n") if line.strip()]


@functools.cache
def _sequence() -> Any:
    """trafilatura's extraction cascade (``trafilatura.core.trafilatura_sequence``) when it has the signature this
    module was written against (trafilatura 2.3), else ``None``: then ``bare_extraction`` runs as documented."""
    try:
        from trafilatura.core import trafilatura_sequence
        from trafilatura.settings import Extractor
        from trafilatura.xml import xmltotxt
    except ImportError:
        return None
    parameters = list(inspect.signature(trafilatura_sequence).parameters)
    if parameters != ["tree", "options", "url"] or "with_metadata" not in inspect.signature(Extractor).parameters:
        return None
    return trafilatura_sequence if callable(xmltotxt) else None


def _extract_from_own_tree(sequence: Any, tree: Any, *, url: str | None, include_tables: bool) -> str | None:
    """What ``bare_extraction(tree, ...)`` returns as text, with the options ``extract`` uses, without its first
    step: a deep copy of the whole tree, made because the caller might still hold it. This tree was parsed for
    trafilatura alone, so the copy is about 3% of extraction time for nothing. The steps after the cascade
    (size checks, text serialisation) are bare_extraction's own; the tests compare both on real pages."""
    from lxml.etree import strip_tags
    from trafilatura.settings import Extractor
    from trafilatura.xml import xmltotxt

    options = Extractor(
        output_format="python", comments=False, tables=include_tables, dedup=False, url=url, with_metadata=False
    )
    try:
        body, text, _, comments = sequence(tree, options, options.url)
        if options.max_tree_size and len(body) > options.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):  # bare_extraction's "discarding data"
        return None
    result: str = xmltotxt(body, options.formatting)
    return result


_local = threading.local()


def _parser() -> Any:
    """trafilatura's lxml parser settings, with a class lookup done in C.

    lxml.html's own lookup is a Python method called for every element proxy lxml creates, which trafilatura
    does hundreds of thousands of times; it only gives form controls their own classes, and those are pruned
    before extraction. lxml parsers are not thread-safe, so each thread has its own.
    """
    parser = getattr(_local, "parser", None)
    if parser is None:
        from lxml import etree, html

        parser = html.HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=html.HtmlElement,
                comment=html.HtmlComment,
                pi=html.HtmlProcessingInstruction,
                entity=html.HtmlEntity,
            )
        )
        _local.parser = parser
    return parser


def _load(markup: str) -> Any:
    """The tree trafilatura would build from ``markup`` (its ``load_html`` steps for a string), or the string
    itself when the markup is unusual enough for trafilatura's own fallbacks to be needed."""
    from lxml import html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = markup[:50].lower()
    if is_dubious_html(beginning):
        return markup
    try:
        tree = html.fromstring(repair_faulty_html(markup, beginning), parser=_parser())
    except Exception:  # trafilatura retries such a page as bytes; let it
        return markup
    return tree if len(tree) >= 1 else markup
