"""Main-content extraction. ``Extractor`` is the seam: trafilatura is the default, others can be plugged in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from . import _trafilatura_fallback
from ._decode import replace_lone_surrogates
from ._discard_shield import shield_article_prose
from ._exceptions import ExtractionError, ExtractionTimeout, ParseError


class Extractor(Protocol):
    name: str

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        """The page's main content as paragraphs, in order."""
        ...


class TrafilaturaExtractor:
    """trafilatura with comments off and its ``deduplicate`` cache off: the same page gives the same text
    whatever was processed before it in the process."""

    name = "trafilatura"

    def __init__(
        self,
        *,
        include_tables: bool = True,
        shield_article_prose: bool = True,
        find_article_container: bool = True,
        prefer_structured_readability: bool = True,
    ) -> None:
        self.include_tables = include_tables
        #: Keep the article's prose out of trafilatura's class-substring discard (``_discard_shield``).
        self.shield_article_prose = shield_article_prose
        #: When trafilatura's main pass finds no article container, run it again on the element holding nearly
        #: all the prose (``_trafilatura_fallback``).
        self.find_article_container = find_article_container
        #: After trafilatura's wild-text fallback, take readability's article when it is longer and has headings
        #: or lists, which the wild text never has (``_trafilatura_fallback``).
        self.prefer_structured_readability = prefer_structured_readability

    def options(self) -> dict[str, Any]:
        """trafilatura's settings besides the page and its URL (a subclass may add to them)."""
        return {
            "include_comments": False,
            "include_tables": self.include_tables,
            "deduplicate": False,
            "with_metadata": False,
        }

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        import trafilatura  # heavy import, deferred until the first page

        html, restore = _joiners_kept(html)
        try:
            page = _load(html, url=url)
            if self.shield_article_prose and not isinstance(page, str):
                shield_article_prose(page)
            with _trafilatura_fallback.engaged(
                structured_readability=self.prefer_structured_readability, article_container=self.find_article_container
            ):
                document = trafilatura.bare_extraction(page, url=url, **self.options())
        except (ExtractionTimeout, ParseError):
            raise
        except (RecursionError, MemoryError) as exc:
            raise ExtractionError(
                f"extractor gave up on this page: {type(exc).__name__}", url=url, stage="extract"
            ) from exc
        except Exception as exc:  # trafilatura and lxml raise many undocumented types
            raise ExtractionError(f"trafilatura failed: {type(exc).__name__}: {exc}", url=url, stage="extract") from exc
        text = getattr(document, "text", None)
        if not isinstance(text, str) or not text:
            return []
        return [restore(line) for line in text.split("\n") if line.strip()]


# trafilatura deletes every character that is not printable, the zero-width non-joiner and joiner with them: they
# spell Persian words ("می‌شود" would read "میشود") and join emoji sequences. Through the extractor they travel as
# printable stand-ins, Ideographic Description Characters, which pages do not write (one that does keeps the
# extractor's reading).
_JOINER_STAND_INS = {"\u200c": "\u2ff0", "\u200d": "\u2ff1"}
_TO_STAND_INS = str.maketrans(_JOINER_STAND_INS)
_FROM_STAND_INS = str.maketrans({stand_in: joiner for joiner, stand_in in _JOINER_STAND_INS.items()})


def _joiners_kept(html: str) -> tuple[str, Callable[[str], str]]:
    """``html`` with its joiners as stand-ins, and the function that puts them back in the extracted text."""
    if html.isascii() or not any(joiner in html for joiner in _JOINER_STAND_INS):
        return html, _unchanged
    if any(stand_in in html for stand_in in _JOINER_STAND_INS.values()):
        return html, _unchanged
    return html.translate(_TO_STAND_INS), _restore_joiners


def _unchanged(text: str) -> str:
    return text


def _restore_joiners(text: str) -> str:
    return text.translate(_FROM_STAND_INS)


_local = threading.local()


def _parser() -> Any:
    """trafilatura's lxml parser settings, with a class lookup done in C.

    lxml.html's own lookup is a Python method called for every element proxy lxml creates, which trafilatura
    does hundreds of thousands of times; it only gives form controls their own classes, and those are pruned
    before extraction. Its elements answer trafilatura's query for the paragraphs' text nodes in linear time
    (``_paragraph_text``). lxml parsers are not thread-safe, so each thread has its own.

    ``huge_tree``: without it libxml2 stops at 256 levels of nesting and drops the rest of the page without an
    exception (a page of unclosed ``<font>`` or ``<div>`` tags gets there); with it, at 2,048 (see ``_load``).
    Its other limits are against XML entity expansion, which the HTML parser does not do, and text nodes over
    10 MB, about the size of the largest page ``Limits.max_bytes`` lets in by default.
    """
    parser = getattr(_local, "parser", None)
    if parser is None:
        from lxml import etree, html

        from ._paragraph_text import ParagraphTextElement

        parser = html.HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            huge_tree=True,
            remove_comments=True,
            remove_pis=True,
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=ParagraphTextElement,
                comment=html.HtmlComment,
                pi=html.HtmlProcessingInstruction,
                entity=html.HtmlEntity,
            )
        )
        _local.parser = parser
    return parser


def _load(markup: str, *, url: str | None = None) -> Any:
    """The tree trafilatura would build from ``markup`` (its ``load_html`` steps for a string), or the string
    itself when the markup is unusual enough for trafilatura's own fallbacks to be needed.

    Raises ParseError when libxml2 gave up part way (a fatal error, such as nesting past 2,048 levels) for any
    reason but a lone surrogate: the tree then ends where it stopped, and an article cut there would pass for the
    whole page."""
    from lxml import html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = markup[:50].lower()
    if is_dubious_html(beginning):
        return markup
    parser = _parser()
    try:
        tree = html.fromstring(repair_faulty_html(markup, beginning), parser=parser)
    except Exception:  # trafilatura retries such a page as bytes; let it
        return markup
    fatal = next((entry for entry in parser.error_log if entry.level_name == "FATAL"), None)
    if fatal is not None:
        repaired = replace_lone_surrogates(markup)
        if repaired is not markup:
            # libxml2 stops at a lone surrogate (text decoded with surrogateescape, UTF-16 cut in half); as a
            # U+FFFD, like an undecodable byte, it costs one character instead of the rest of the page.
            return _load(repaired, url=url)
        raise ParseError(
            f"the extractor's HTML parser gave up at line {fatal.line}, column {fatal.column}, so the text after it"
            f" would be lost ({fatal.message})",
            url=url,
            stage="extract",
        )
    return tree if len(tree) >= 1 else markup
