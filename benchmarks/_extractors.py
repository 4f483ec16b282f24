"""newsclean and its peers behind one small interface.

Each extractor turns (html, url) into an ``Extraction``: text split into paragraphs, the metadata it offers,
and, for newsclean, its removal records. A peer whose package is not installed is reported as unavailable
(with the pip name to install) and skipped, as is one whose import or set-up raises anything else (a native
library that will not load), with the exception in its note; an exception on one page gives an empty output and
a note, as a user of that peer would see it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from newsclean import Removal

from ._metadata import PredictedMeta, as_day


class Extraction(NamedTuple):
    paragraphs: tuple[str, ...]
    meta: PredictedMeta = PredictedMeta()
    removed: tuple[Removal, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


ExtractFn = Callable[[str, str | None], Extraction]


class PeerUnavailable(Exception):
    """The peer's package cannot be imported here; the message names the package to install."""


def split_lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _authors(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return tuple(name.strip() for name in value.split(";") if name.strip())
    return tuple(str(name) for name in value if name)


def _field(document: Any, name: str) -> Any:
    # trafilatura returns a Document, or a dict when asked to (as_dict); read both the same way.
    return document.get(name) if isinstance(document, dict) else getattr(document, name, None)


# -- the adapters: each returns a ready extract function, or raises PeerUnavailable -------------------------


def _newsclean() -> ExtractFn:
    import newsclean

    pipeline = newsclean.Pipeline()

    def extract(html: str, url: str | None) -> Extraction:
        article = pipeline.clean_html(html, url=url)
        return Extraction(
            article.paragraphs,
            PredictedMeta(article.title, article.authors, as_day(article.published)),
            article.removed,
        )

    return extract


def _trafilatura(*, favor_precision: bool) -> Callable[[], ExtractFn]:
    def build() -> ExtractFn:
        try:
            import trafilatura
        except ImportError as exc:
            raise PeerUnavailable(f"trafilatura (and lxml_html_clean): {exc}") from exc

        def extract(html: str, url: str | None) -> Extraction:
            document = trafilatura.bare_extraction(
                html,
                url=url,
                include_comments=False,
                deduplicate=False,
                favor_precision=favor_precision,
                with_metadata=True,
            )
            if document is None:
                return Extraction(())
            return Extraction(
                split_lines(_field(document, "text")),
                PredictedMeta(
                    _field(document, "title"), _authors(_field(document, "author")), as_day(_field(document, "date"))
                ),
            )

        return extract

    return build


def _readability() -> ExtractFn:
    try:
        import html_text
        from readability import Document
    except ImportError as exc:
        raise PeerUnavailable(f"readability-lxml and html-text: {exc}") from exc

    def extract(html: str, url: str | None) -> Extraction:
        document = Document(html, url=url)
        # readability returns HTML; html-text renders it with a line break between blocks.
        text = html_text.extract_text(document.summary(html_partial=True))
        return Extraction(split_lines(text), PredictedMeta(title=document.short_title() or None))

    return extract


def _resiliparse() -> ExtractFn:
    try:
        from resiliparse.extract.html2text import extract_plain_text
    except ImportError as exc:
        raise PeerUnavailable(f"resiliparse: {exc}") from exc

    def extract(html: str, url: str | None) -> Extraction:
        return Extraction(split_lines(extract_plain_text(html, main_content=True)))

    return extract


def _justext() -> ExtractFn:
    try:
        import justext
    except ImportError as exc:
        raise PeerUnavailable(f"jusText: {exc}") from exc
    # The sets are multilingual and jusText needs a stoplist: use the union of all of them, as trafilatura's
    # own evaluation does, rather than guess a language per page.
    stoplist = frozenset().union(*(justext.get_stoplist(language) for language in justext.get_stoplists()))

    def extract(html: str, url: str | None) -> Extraction:
        paragraphs = justext.justext(html, stoplist)
        return Extraction(tuple(p.text.strip() for p in paragraphs if not p.is_boilerplate and p.text.strip()))

    return extract


def _newspaper() -> ExtractFn:
    try:
        import newspaper
    except ImportError as exc:
        raise PeerUnavailable(f"newspaper4k: {exc}") from exc

    def extract(html: str, url: str | None) -> Extraction:
        # fetch_images=False: otherwise it downloads images over the network even when handed the HTML.
        article = newspaper.Article(url or "http://localhost/", fetch_images=False)
        article.download(input_html=html)
        article.parse()
        return Extraction(
            split_lines(article.text),
            PredictedMeta(article.title or None, _authors(article.authors), as_day(article.publish_date)),
        )

    return extract


def _goose() -> ExtractFn:
    try:
        from goose3 import Goose
    except ImportError as exc:
        raise PeerUnavailable(f"goose3: {exc}") from exc
    goose = Goose({"enable_image_fetching": False})

    def extract(html: str, url: str | None) -> Extraction:
        article = goose.extract(url=url, raw_html=html) if url else goose.extract(raw_html=html)
        return Extraction(
            split_lines(article.cleaned_text),
            PredictedMeta(article.title or None, _authors(article.authors), as_day(article.publish_date)),
        )

    return extract


#: Every extractor the harness knows, in table order. newsclean and trafilatura need no extra.
BUILDERS: dict[str, Callable[[], ExtractFn]] = {
    "newsclean": _newsclean,
    "trafilatura": _trafilatura(favor_precision=False),
    "trafilatura_precision": _trafilatura(favor_precision=True),
    "readability": _readability,
    "resiliparse": _resiliparse,
    "justext": _justext,
    "newspaper4k": _newspaper,
    "goose3": _goose,
}


#: Metadata fields an extractor offers (others offer none, and are not scored on them): absent means all.
METADATA_FIELDS: dict[str, tuple[str, ...]] = {"readability": ("title",), "resiliparse": (), "justext": ()}


def parse_extractor_names(value: str) -> tuple[str, ...]:
    names = tuple(BUILDERS) if value.strip() == "all" else tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [name for name in names if name not in BUILDERS]
    if unknown or not names:
        raise ValueError(f"unknown extractor(s) {unknown}; choose from {', '.join(BUILDERS)} or 'all'")
    return names


def build_extractors(names: tuple[str, ...]) -> tuple[dict[str, ExtractFn], dict[str, str]]:
    """The extract functions that could be built, and a note for each that could not."""
    ready: dict[str, ExtractFn] = {}
    skipped: dict[str, str] = {}
    for name in names:
        try:
            ready[name] = BUILDERS[name]()
        except PeerUnavailable as exc:
            skipped[name] = f"not installed ({exc}); pip install -e '.[bench]'"
        except Exception as exc:
            if name == "newsclean":
                raise  # newsclean failing to load is the code under test broken, not a peer to skip
            # A native library that will not load (an OSError, say) makes the peer as unusable as a missing one.
            skipped[name] = f"could not be loaded ({type(exc).__name__}: {exc})"
    return ready, skipped
