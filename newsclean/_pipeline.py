"""The pipeline: decode → DOM → extract → clean → normalize → Article, with counters per stage."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

import msgspec

from . import _decode, _dom
from . import metadata as _metadata
from ._app_state import MIN_SCRIPT_CHARS, hidden_continuation
from ._app_state import PROVENANCE as CONTINUED_FROM_APP_STATE
from ._arguments import HeadersArg, header_fields, optional_str, page_markup
from ._disclosed_panels import reveal_disclosed_panels
from ._drop_caps import join_drop_caps
from ._dump_bylines import complete_byline_list, header_byline_dates, read_removed_bylines
from ._dump_kicker import drop_kicker
from ._exceptions import NewscleanError, NoContentError
from ._extract import Extractor, TrafilaturaExtractor
from ._fetch_time import as_utc
from ._front_matter import resolve_front_matter, split_front_matter, split_header_lines
from ._hard_wrap import join_wrapped_lines
from ._limits import Limits, StageMarker, check_attributes, check_depth, check_size, check_text, deadline
from ._link_references import drop_link_numbers, split_link_references
from ._markdown import looks_like_markdown, markdown_paragraphs
from ._memo import forget_page_strings
from ._models import Article, Failure, Removal, Status
from ._normalize import (
    holds_no_markup,
    looks_like_html_dump,
    looks_like_title,
    normalize_paragraph,
    normalize_paragraphs,
    split_text_dump,
)
from ._rules import RulesArg, resolve_rules
from ._structured_body import PROVENANCE as STRUCTURED_BODY
from ._structured_body import structured_body_paragraphs
from .cleaners import DomCleaner, TextCleaner
from .cleaners._classifier import ClassifierArg, resolve_classifier
from .cleaners._heuristics import drop_repeated_title
from .cleaners._link_runs import drop_link_paragraph_runs
from .cleaners._next_articles import drop_next_articles
from .cleaners._repeated_blocks import drop_repeated_blocks
from .cleaners._text_tail import drop_trailing_teasers
from .metadata._computed import has_words
from .metadata._site import host_of
from .metadata._title import clean_title, title_parts

STAGES = ("decode", "dom", "extract", "clean", "normalize")


class Document(msgspec.Struct, frozen=True, kw_only=True):
    """One input for ``Pipeline.run``: either ``html`` (str or bytes) or ``text`` (a plain-text dump)."""

    html: str | bytes | None = None
    text: str | None = None
    url: str | None = None
    #: HTTP response headers in any form ``clean_html`` takes (a mapping, ``httpx.Headers``, pairs, a raw block).
    headers: HeadersArg = None
    title: str | None = None
    source_id: str | None = None
    position: str | None = None
    #: When the page was fetched (see ``Pipeline.clean_html``).
    fetched_at: datetime | None = None
    #: The encoding ``text`` was decoded from and how it was found, when a reader decoded it from bytes (a ``.txt``
    #: dump, a binary text column, a WARC text record): the Article reports them, unless the text is repaired.
    encoding: str | None = None
    encoding_source: str | None = None


class PipelineStats:
    """Counters a run accumulates: documents, failures by error type, removals by rule, seconds per stage."""

    def __init__(self) -> None:
        self.documents = 0
        self.articles = 0
        self.no_content = 0
        self.failures: Counter[str] = Counter()
        self.removals_by_rule: Counter[str] = Counter()
        self.removals_by_category: Counter[str] = Counter()
        #: Wall-clock seconds per stage, and CPU seconds of the calling thread (what the stage cost, whatever
        #: else the machine was doing).
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.cpu_seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "articles": self.articles,
            "no_content": self.no_content,
            "failures": dict(sorted(self.failures.items())),
            "removals_by_rule": dict(sorted(self.removals_by_rule.items())),
            "removals_by_category": dict(sorted(self.removals_by_category.items())),
            "seconds": {stage: round(self.seconds[stage], 4) for stage in STAGES},
            "cpu_seconds": {stage: round(self.cpu_seconds[stage], 4) for stage in STAGES},
        }


#: A ``<noscript>`` copy of the page stands for its text when it has this many words at least: less is a notice
#: ("Please enable JavaScript"), not an article.
MIN_NOSCRIPT_WORDS = 50


class Pipeline:
    """Turns pages or text dumps into Articles. Build once, reuse: rules are compiled at construction.

    ``run`` raises a ``NewscleanError`` subclass for a bad document; ``run_many`` never raises for one
    document and yields a ``Failure`` in its place, in input order.

    A page whose kept text has fewer than ``min_words`` words gives an Article with ``status ==
    "no_content"`` and empty text (the stray words are in ``removed``); with ``require_content=True`` it
    raises ``NoContentError`` instead.

    ``paragraph_classifier`` runs the learned paragraph filter after the rule cleaners (``True``: the packaged
    model, whose trained threshold removes nothing yet; a path or ``cleaners._classifier.ParagraphClassifier``:
    that model; ``False``, the default: off — it did not pay for itself under the validation protocol in
    docs/benchmarks.md).

    ``read_app_state`` (on by default) continues an article whose markup prints only its first paragraphs (a
    paywall, a lazy "continue reading") with the rest the page's app state holds (``_app_state``;
    ``provenance["text"]`` says so); off, an Article holds only text the page's markup printed.
    """

    def __init__(
        self,
        *,
        rules: RulesArg = None,
        extractor: Extractor | None = None,
        limits: Limits | None = None,
        require_content: bool = False,
        min_words: int = 10,
        paragraph_classifier: ClassifierArg = False,
        read_app_state: bool = True,
    ) -> None:
        self.rules = resolve_rules(rules)
        # Checked here, where the mistake is made, not at the first page, where it would surface as an
        # AttributeError from inside the pipeline.
        if extractor is not None and not callable(getattr(extractor, "extract", None)):
            raise TypeError(f"extractor must have an extract(html, url=...) method, got {type(extractor).__name__}")
        self.extractor: Extractor = extractor or TrafilaturaExtractor()
        if limits is not None and not isinstance(limits, Limits):
            raise TypeError(f"limits must be a newsclean.Limits, got {type(limits).__name__}")
        self.limits = limits or Limits()
        if not isinstance(require_content, bool):
            raise TypeError(f"require_content must be a bool, got {type(require_content).__name__}")
        self.require_content = require_content
        if not isinstance(min_words, int) or min_words < 0:
            raise ValueError(f"min_words must be 0 or more, got {min_words!r}")
        self.min_words = min_words
        if not isinstance(read_app_state, bool):
            raise TypeError(f"read_app_state must be a bool, got {type(read_app_state).__name__}")
        self.read_app_state = read_app_state
        self.stats = PipelineStats()
        self._dom_cleaner = DomCleaner(self.rules)
        self._text_cleaner = TextCleaner(self.rules)
        self._classifier = resolve_classifier(paragraph_classifier)

    @classmethod
    def default(cls) -> Pipeline:
        return cls()

    # -- single documents -------------------------------------------------------------------------------------

    def clean_html(
        self,
        html: str | bytes,
        *,
        url: str | None = None,
        headers: HeadersArg = None,
        source_id: str | None = None,
        fetched_at: datetime | None = None,
    ) -> Article:
        """Clean one page. ``fetched_at`` is when it was fetched (naive means UTC): a date later than that is
        never believed, and the same page with the same ``fetched_at`` always gives the same Article. Without
        it, the time of cleaning stands in, so a page dated in the future may be read differently later. A page
        holding no markup at all is read as ``clean_text`` reads a dump (``provenance["text"] == "plain text"``)."""
        self.stats.documents += 1
        html = page_markup(html)
        url, source_id = optional_str(url, "url"), optional_str(source_id, "source_id")
        header_text = header_fields(headers)
        fetched_at = _aware(fetched_at)
        check_size(len(html), self.limits, url=url)
        try:
            with deadline(self.limits.timeout, url=url) as progress:
                article = self._clean_markup(
                    html,
                    url=url,
                    header_text=header_text,
                    source_id=source_id,
                    fetched_at=fetched_at,
                    progress=progress,
                )
            return self._delivered(article)
        finally:
            forget_page_strings()

    def _clean_markup(
        self,
        html: str | bytes,
        *,
        url: str | None,
        header_text: dict[str, str] | None,
        source_id: str | None,
        fetched_at: datetime | None,
        title: str | None = None,
        read_as: str | None = None,
        progress: StageMarker,
        read_from: tuple[str | None, str | None] = (None, None),
    ) -> Article:
        """``clean_html`` once its arguments are checked, under the document's deadline (``progress`` names the
        stage reached); ``title``, when given, stands for the page's own, ``read_as`` names how a text dump was
        read (``provenance["text"]``), and ``read_from`` is the encoding a reader decoded a ``str`` page from
        (reported unless the text is repaired)."""
        started = _clocks()
        encoding: str | None
        encoding_source: str | None
        if isinstance(html, bytes):
            text, encoding, encoding_source = _decode.decode_html(html, header_text, url=url)
        else:  # taken as given, unless a scraper decoded its bytes with the wrong codec
            repaired = _decode.repair_misread(html)
            text, encoding, encoding_source = repaired if repaired is not None else (html, *read_from)
        text = check_text(text, self.limits, url=url)
        started = self._tick("decode", started)
        if read_as is None and holds_no_markup(text):  # a text/plain response, or a dump passed as a page
            return self._clean_dump(
                text,
                url=url,
                title=None,
                source_id=source_id,
                fetched_at=fetched_at,
                progress=progress,
                decoded=(encoding, encoding_source),
                read_as="plain text",
            )
        check_depth(text, self.limits, url=url)
        check_attributes(text, self.limits, url=url)

        progress.stage = "dom"

        tree = _dom.parse(text, url=url)
        candidates = _dom.collect_metadata(tree)
        state_scripts = _dom.app_state_scripts(tree, min_chars=MIN_SCRIPT_CHARS) if self.read_app_state else []
        _dom.prune_non_content(tree)
        # Before the page's text is read: the stories an infinite-scroll page loaded after its own are not the page's.
        next_articles = drop_next_articles(tree, (candidates.title_tag, *candidates.meta.get("og:title", ())[:1],
                                                  *candidates.meta.get("twitter:title", ())[:1]))  # fmt: skip
        page_text = _dom.body_text(tree)
        candidates.visible_text = page_text[: _dom.VISIBLE_TEXT_LIMIT]
        # The cleaner measures its boxes against the page's text: read once, here.
        dom_result = self._dom_cleaner.clean(tree, page_chars=len(page_text))
        del page_text
        # After the cleaner, so that a box one of its rules removes is recorded under that rule.
        dom_removed = next_articles + dom_result.removed + drop_link_paragraph_runs(tree)
        # After the cleaner, which weighs a box by its visible text; before the pruning, which drops the
        # panels' header buttons (the controls that name them).
        reveal_disclosed_panels(tree)
        join_drop_caps(tree)
        # After the cleaner, so that its removal records hold the whole box (buttons and all).
        _dom.prune_for_extractor(tree)
        pruned_html = tree.html or ""
        del tree
        started = self._tick("dom", started)

        progress.stage = "extract"
        raw_paragraphs = self.extractor.extract(pruned_html, url=url)
        started = self._tick("extract", started)

        # Metadata and paragraph normalisation are booked under "normalize", as the metadata completed from
        # the clean text is in ``_finish``: "clean" is the cleaners' time only.
        progress.stage = "normalize"
        resolved = _metadata.resolve(candidates, url=url, html=text, now=fetched_at)
        paragraphs = normalize_paragraphs(raw_paragraphs)
        continuation = hidden_continuation(state_scripts, paragraphs, candidates.visible_text or "")
        del state_scripts
        if read_as is not None:
            resolved.provenance["text"] = read_as
        if title is not None:
            resolved.replace("title", None, "caller")  # the caller's title stands for the page's own
        raw_title = title if title is not None else resolved.values.get("title")
        continued: list[str] = []
        if continuation is not None:  # a paywall or a lazy page printed the article's first paragraphs only
            continued = normalize_paragraphs(continuation.paragraphs)
            start = continuation.after + (0 if continuation.cut else 1)  # a paragraph printed cut short is replaced
            paragraphs[start : continuation.after + 1] = continued
        elif not has_words(" ".join(paragraphs), self.min_words):  # a page rendered by script: its JSON-LD, if any
            structured = structured_body_paragraphs(candidates)
            if structured:
                paragraphs = structured
                resolved.provenance["text"] = STRUCTURED_BODY
            elif noscript := _dom.noscript_markup(_dom.parse(text, url=url)):  # parsed again: few pages get here
                # The copy printed for readers without scripts.
                progress.stage = "extract"
                fallback = normalize_paragraphs(
                    self.extractor.extract(f"<html><body>{noscript}</body></html>", url=url)
                )
                progress.stage = "normalize"
                if has_words(" ".join(fallback), max(self.min_words, MIN_NOSCRIPT_WORDS)):
                    paragraphs = fallback
                    resolved.provenance["text"] = "noscript"
        title = normalize_paragraph(raw_title) if isinstance(raw_title, str) else None
        started = self._tick("normalize", started)
        return self._finish(
            paragraphs,
            title=title,
            title_from_first_line=False,
            url=url,
            fetched_at=fetched_at,
            source_id=source_id,
            resolved=resolved,
            removed=dom_removed,
            encoding=encoding,
            encoding_source=encoding_source,
            started=started,
            progress=progress,
            continued=frozenset(continued),
        )

    def clean_text(
        self,
        text: str,
        *,
        url: str | None = None,
        title: str | None = None,
        source_id: str | None = None,
        fetched_at: datetime | None = None,
    ) -> Article:
        """Clean a plain-text dump: one paragraph per line, or, for a dump written in Markdown, its paragraphs with
        the markup taken out (``provenance["text"] == "markdown"``), or, for one that is HTML (a tag first, and
        closing tags), the page ``clean_html`` reads (``provenance["text"] == "html"``, ``title`` kept);
        ``fetched_at`` as in ``clean_html``."""
        return self._clean_text(text, url=url, title=title, source_id=source_id, fetched_at=fetched_at)

    def _clean_text(
        self,
        text: str,
        *,
        url: str | None,
        title: str | None,
        source_id: str | None,
        fetched_at: datetime | None,
        read_from: tuple[str | None, str | None] = (None, None),
    ) -> Article:
        """``clean_text``; ``read_from`` is the encoding and its source of a text a reader decoded from bytes."""
        self.stats.documents += 1
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        url, source_id = optional_str(url, "url"), optional_str(source_id, "source_id")
        title = optional_str(title, "title")
        fetched_at = _aware(fetched_at)
        check_size(len(text), self.limits, url=url)
        text = check_text(_decode.replace_lone_surrogates(text), self.limits, url=url)
        if title is not None:
            title = _decode.replace_lone_surrogates(title)
        try:
            with deadline(self.limits.timeout, url=url) as progress:
                if looks_like_html_dump(text) and not looks_like_markdown(text):  # a record's "content" in HTML, say
                    article = self._clean_markup(
                        text,
                        url=url,
                        header_text=None,
                        source_id=source_id,
                        fetched_at=fetched_at,
                        title=title,
                        read_as="html",
                        progress=progress,
                        read_from=read_from,
                    )
                else:
                    article = self._clean_dump(
                        text,
                        url=url,
                        title=title,
                        source_id=source_id,
                        fetched_at=fetched_at,
                        progress=progress,
                        read_from=read_from,
                    )
            return self._delivered(article)
        finally:
            forget_page_strings()

    def _clean_dump(
        self,
        text: str,
        *,
        url: str | None,
        title: str | None,
        source_id: str | None,
        fetched_at: datetime | None,
        progress: StageMarker,
        decoded: tuple[str | None, str | None] | None = None,
        read_as: str | None = None,
        read_from: tuple[str | None, str | None] = (None, None),
    ) -> Article:
        """``clean_text`` once its arguments are checked, under the document's deadline. ``decoded`` is the
        encoding and its source when the page was decoded from bytes (else a misread is repaired here, and
        ``read_from`` names the encoding a reader decoded the text from, when it was not); ``read_as`` names a page
        read as a dump (``provenance["text"]``) unless the dump's form names itself."""
        started = _clocks()
        encoding: str | None
        encoding_source: str | None
        if decoded is not None:
            encoding, encoding_source = decoded
        else:
            repaired = _decode.repair_misread(text)
            text, encoding, encoding_source = repaired if repaired is not None else (text, *read_from)
        progress.stage = "normalize"
        resolved = _metadata.Resolved()
        if read_as is not None:
            resolved.provenance["text"] = read_as
        # A static site's Markdown file opens with its metadata block; a scraper's dump with a URL or "Key: value"
        # lines.
        front = split_front_matter(text) or split_header_lines(text)
        if front is not None:
            text = front.body
            resolve_front_matter(resolved, front, url=url, now=fetched_at or datetime.now(UTC))
            stated_url = resolved.values.get("canonical_url")
            if url is None and isinstance(stated_url, str):
                url = stated_url
            if title is not None:
                resolved.replace("title", None, "caller")  # the caller's title stands for the block's
            elif isinstance(resolved.values.get("title"), str):
                title = resolved.values["title"]
        # A text browser's dump ends with the targets of the links it numbered in the text.
        references = split_link_references(text)
        if references is not None:
            text = references.body
        if (front is not None and front.markdown) or looks_like_markdown(text):
            paragraphs = normalize_paragraphs(markdown_paragraphs(text))
            resolved.provenance["text"] = "markdown"  # how the dump was read, for the audit
        elif (unwrapped := join_wrapped_lines(text.splitlines())) is not None:
            paragraphs = normalize_paragraphs(unwrapped)
            resolved.provenance["text"] = "hard-wrapped"
        else:
            paragraphs = split_text_dump(text)
        if references is not None:
            paragraphs = normalize_paragraphs(drop_link_numbers(paragraphs, references.numbers))
        started = self._tick("normalize", started)
        return self._finish(
            paragraphs,
            title=normalize_paragraph(title) if title else None,
            title_from_first_line=title is None,
            url=url,
            fetched_at=fetched_at,
            source_id=source_id,
            resolved=resolved,
            removed=(references.removal,) if references is not None else (),
            encoding=encoding,
            encoding_source=encoding_source,
            started=started,
            progress=progress,
            from_dump=True,
        )

    def _finish(
        self,
        paragraphs: list[str],
        *,
        title: str | None,
        title_from_first_line: bool,
        url: str | None,
        fetched_at: datetime | None,
        source_id: str | None,
        resolved: _metadata.Resolved,
        removed: tuple[Removal, ...],
        encoding: str | None,
        encoding_source: str | None,
        started: tuple[float, float],
        progress: StageMarker,
        from_dump: bool = False,
        continued: frozenset[str] = frozenset(),
    ) -> Article:
        """The cleaners, the heuristics and the metadata from the text, for a page's paragraphs or a dump's
        (``from_dump``: its removed byline and date lines are its metadata too). ``continued`` are the paragraphs
        taken from the page's app state: the provenance names it when one of them is left after the cleaners."""
        progress.stage = "clean"
        cleaned = self._text_cleaner.clean(paragraphs, title)
        kept = list(cleaned.paragraphs)
        # Where each kept paragraph stood in ``paragraphs``: each pass below numbers its removals in the list it is
        # given, and ``_placed`` numbers them in ``paragraphs`` instead.
        origin = list(cleaned.kept_indices)
        title = cleaned.title
        title_source = resolved.provenance.get("title", "caller")
        # A dump's title is read as a page's <title> is: "… | The Gazette" on the Gazette's URL is its headline.
        host = host_of(url) if from_dump else None
        kicker: list[Removal] = []
        if from_dump:
            # A caller's title may carry the site's name: its readings without it name the headline too.
            titles = (title, clean_title(title, host=host), *title_parts(title)) if title else ()
            kept, kicker = drop_kicker(kept, url=url, titles=[form for form in titles if form])
            kicker, origin = _placed(kicker, origin)
        # The first line the cleaners leave: a scraper's dump may open with a date, a byline or a reading-time
        # banner above its headline.
        if (
            title_from_first_line
            and kept
            and looks_like_title(kept[0])
            and (headline := clean_title(kept[0], host=host))
        ):
            kept.pop(0)
            origin.pop(0)
            title, title_source = headline, "first-line"
        kept, repeats = drop_repeated_title(kept, title)
        repeats, origin = _placed(repeats, origin)
        if from_dump and title:
            # A caller's title taken from the page's <title>, site name and all, above the body's headline: the
            # headline is the title without the site's name, which the URL names, or else one of its parts.
            for headline in dict.fromkeys((clean_title(title, host=host), *title_parts(title))):
                if headline and headline != title:
                    kept, headline_repeats = drop_repeated_title(kept, headline)
                    headline_repeats, origin = _placed(headline_repeats, origin)
                    repeats += headline_repeats
        kept, teasers = drop_trailing_teasers(kept)
        teasers, origin = _placed(teasers, origin)
        kept, second_copies = drop_repeated_blocks(kept, title)
        second_copies, origin = _placed(second_copies, origin)
        kept, judged = self._classifier.clean(kept, title) if self._classifier else (kept, [])
        judged, origin = _placed(judged, origin)
        too_short: list[Removal] = []
        if kept and not has_words(" ".join(kept), self.min_words):
            # A few stray words (a menu item, a caption) are not an article; say so rather than pass them off.
            too_short = [
                Removal("pipeline.min-words", "no_content", "text", paragraph, origin[index])
                for index, paragraph in enumerate(kept)
            ]
            kept = []
        all_removed = (*removed, *cleaned.removed, *kicker, *repeats, *teasers, *second_copies, *judged, *too_short)
        started = self._tick("clean", started)

        progress.stage = "normalize"
        resolved.replace("title", title or None, title_source)
        if continued.intersection(kept):
            resolved.provenance["text"] = CONTINUED_FROM_APP_STATE
        if from_dump:
            read_removed_bylines(resolved, all_removed, fetched=fetched_at)
        else:
            complete_byline_list(resolved, all_removed, paragraphs, kept)
            resolved.byline_dates = header_byline_dates(resolved, paragraphs, kept, all_removed, fetched_at)
        _metadata.complete(resolved, paragraphs=kept, now=fetched_at)
        status: Status = "ok" if kept else "no_content"
        article = Article(
            text="\n\n".join(kept),
            paragraphs=tuple(kept),
            status=status,
            **resolved.values,
            flags=tuple(dict.fromkeys((*cleaned.flags, *resolved.flags))),
            url=url,
            fetched_at=fetched_at,
            provenance=resolved.provenance,
            removed=all_removed,
            source_id=source_id,
            extractor=self.extractor.name,
            rules_version=self.rules.version,
            encoding=encoding,
            encoding_source=encoding_source,
        )
        self._tick("normalize", started)
        return article

    def _delivered(self, article: Article) -> Article:
        """A finished article counted, and refused when it has no text and content is required: once its deadline
        is withdrawn, so that no alarm lands between the count and the return."""
        self._count(article)
        if article.status == "no_content" and self.require_content:
            raise NoContentError("no article text found", url=article.url, stage="extract")
        return article

    # -- documents in bulk ------------------------------------------------------------------------------------

    def run(self, document: Document) -> Article:
        """Clean one ``Document``: its text as a dump when it has one, else its page. Raises ``TypeError`` for
        anything but a ``Document``, ``InputError`` for one with neither."""
        if not isinstance(document, Document):
            raise TypeError(
                f"expected a newsclean.Document, not {type(document).__name__}"
                " (build one with newsclean.Document(html=..., url=...))"
            )
        if document.text is not None:
            article = self._clean_text(
                document.text,
                url=document.url,
                title=document.title,
                source_id=document.source_id,
                fetched_at=document.fetched_at,
                read_from=(document.encoding, document.encoding_source),
            )
        elif document.html is None:
            from ._exceptions import InputError

            raise InputError("document has neither html nor text", url=document.url, stage="input")
        else:
            article = self.clean_html(
                document.html,
                url=document.url,
                headers=document.headers,
                source_id=document.source_id,
                fetched_at=document.fetched_at,
            )
        return article if document.position is None else msgspec.structs.replace(article, position=document.position)

    def run_many(self, documents: Iterable[Document]) -> Iterator[Article | Failure]:
        """Clean each document in order. A document that fails becomes a ``Failure``; the run goes on."""
        for document in documents:
            try:
                yield self.run(document)
            except NewscleanError as exc:
                yield self._failure(document, exc.stage or "unknown", exc)
            except Exception as exc:  # one bad page never stops a batch; the failure says what happened
                stage = "input" if not isinstance(document, Document) else "internal"
                yield self._failure(document, stage, exc)

    def _failure(self, document: Document, stage: str, exc: Exception) -> Failure:
        self.stats.failures[type(exc).__name__] += 1
        message = exc.message if isinstance(exc, NewscleanError) else str(exc) or type(exc).__name__
        known = document if isinstance(document, Document) else None  # a caller may pass anything
        return Failure(
            stage=stage,
            error=type(exc).__name__,
            message=message,
            source_id=known.source_id if known else None,
            url=known.url if known else None,
            position=known.position if known else None,
        )

    # -- bookkeeping ------------------------------------------------------------------------------------------

    def _tick(self, stage: str, started: tuple[float, float]) -> tuple[float, float]:
        now = _clocks()
        self.stats.seconds[stage] += now[0] - started[0]
        self.stats.cpu_seconds[stage] += now[1] - started[1]
        return now

    def _count(self, article: Article) -> None:
        if article.status == "ok":
            self.stats.articles += 1
        else:
            self.stats.no_content += 1
        for removal in article.removed:
            self.stats.removals_by_rule[removal.rule] += 1
            self.stats.removals_by_category[removal.category] += 1


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.thread_time()


def _placed(removals: Sequence[Removal], origin: list[int]) -> tuple[list[Removal], list[int]]:
    """A pass's removals of whole paragraphs, numbered in the list it was given (``origin`` holds where each of
    that list's paragraphs stood in the text stage's input), renumbered in that input; and ``origin`` for the
    paragraphs the pass kept."""
    if not removals:
        return list(removals), origin
    gone = {removal.paragraph for removal in removals}
    placed = [
        msgspec.structs.replace(removal, paragraph=None if removal.paragraph is None else origin[removal.paragraph])
        for removal in removals
    ]
    return placed, [where for index, where in enumerate(origin) if index not in gone]


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        raise TypeError(f"fetched_at must be a datetime, not {type(moment).__name__}")
    return as_utc(moment)
