"""What newsclean changes in trafilatura's fallbacks: when its main pass finds no article container, and where
readability's pick cannot win.

trafilatura's main extractor looks for the article's container with class and id selectors (``BODY_XPATH``:
"entry-content", "article-body", ``<article>``…). When none matches, or the match holds too little text, it
falls back to "wild text": the page's loose ``<p>``, quotes, code blocks and tables, from anywhere on the page,
but no heading and no list. It then weighs readability's pick against that text and keeps its own unless
readability's is twice as long, so an article in a container no selector names (a Webflow ``w-richtext``, a
custom theme) comes out without its subheadings and bullet lists, and with the page's other loose paragraphs.
newsclean adds two steps, each of which can be turned off:

- **The article's container.** When the main pass found nothing at all, the element holding nearly all the
  page's prose (``_article_container``) is marked ``itemprop="articleBody"``, which trafilatura's first
  selector reads, and the main pass runs again on a copy of the tree; the wild text is recovered only when
  that gives less than trafilatura's minimum.
- **Readability's structured article.** trafilatura already prefers readability's pick when it is longer and
  has headings its own text lacks, but only in recall mode (its issue #354). After the fallback, newsclean
  applies a test like it in the default mode: readability's pick is longer and has headings or lists, the
  structure the wild text never has. Its own text is not asked to lack headings, as trafilatura's test does,
  because the fallback also runs when the main pass found a container too small to be the article, and that
  container's heading is then all the structure the text has.

And it saves trafilatura work that cannot change its result: a run of readability whose pick cannot win
(``_readability_skip``); the copy of the page it makes for the caller, who hands the tree over and drops it, and the
copy of the page it makes for readability when readability is not run; the copies of the cleaned page it keeps for
jusText and for the wild-text fallback, made only when one of those runs (``_DeferredBackup``); and most of the
Python calls its regex tests make (``_xpath_prefilter``).

trafilatura offers no seam for any of these, so its private functions are used: ``recover_wild_text``,
``_prefer_readability``, ``compare_extraction`` (as ``trafilatura.core`` calls it) and ``try_readability`` are
wrapped, once per process, ``_extract`` (its main pass) is called, and ``copy`` (as ``trafilatura.core`` calls it)
is wrapped to pass the tree through when ``bare_extraction`` or ``_extract_and_compare`` calls it and to defer the
backup ``_prepare_tree`` asks of it, as ``deepcopy`` (as ``trafilatura.main_extractor`` calls it) is to defer
``extract_content``'s, and ``justext_rescue`` to make the deferred backup it is given. lxml's
``strip_tags``, as four of its modules call it, is wrapped too, so that crowded runs of inline elements are joined
before their tags are stripped (``_stripped_runs``); its XPath expressions that test attributes with regexes are
wrapped, to be answered by their rewrites; the body weighed against readability's pick is handed on in a
``ParagraphTextView`` (``_paragraph_text``). The wrappers pass straight through unless newsclean is extracting on
the calling thread (``engaged``), so trafilatura called by anything else in the process (the benchmarks'
trafilatura, a user's own calls) behaves as released. A trafilatura whose functions are missing or take other
parameters is left alone, with a ``RuntimeWarning``, and newsclean then extracts as trafilatura does. See
docs/dom.md, "When trafilatura finds no article container".
"""

from __future__ import annotations

import copy
import functools
import importlib
import inspect
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from . import _article_container
from ._paragraph_text import ParagraphTextView
from ._readability_skip import readability_cannot_win
from ._source_line_breaks import unwrap_source_lines
from ._stripped_runs import join_crowded_runs
from ._xpath_prefilter import faster_xpath

#: The parameters the wrappers rely on, in order; another signature means another trafilatura.
_PREFER_PARAMETERS = ("body", "algo_body", "algo_text", "len_text", "len_algo", "options")
_RECOVER_PARAMETERS = ("tree", "result_body", "options")
_MAIN_PASS_PARAMETERS = ("tree", "options")
_COMPARE_PARAMETERS = ("cleaned_tree", "raw_tree", "body", "text", "options")
_READABILITY_PARAMETERS = ("htmlinput",)
_PREPARE_PARAMETERS = ("tree", "options", "url")
_RESCUE_PARAMETERS = ("tree", "options")
#: What the wild text never holds: an article's subheadings and lists (readability's pick keeps HTML's tags).
_STRUCTURE = ("h2", "h3", "h4", "ul", "ol")
#: trafilatura's modules that keep XPath expressions (``baseline``'s is ``settings``' ``BASIC_CLEAN_XPATH``).
_MODULES_HOLDING_XPATHS = ("xpaths", "settings", "core", "external", "htmlprocessing", "main_extractor", "baseline")
#: trafilatura names links ``ref`` once it has converted the tree.
_CONVERTED_LINKS = ("ref", "a")


class _State(threading.local):
    engaged = False
    structured_readability = False
    article_container = False
    fell_back_to_wild_text = False
    readability_cannot_win = False
    #: The page tree ``_extract_and_compare`` asked to copy for readability, handed over uncopied.
    uncopied_raw_tree: Any = None
    #: The backup ``_prepare_tree`` deferred last, until ``extract_content`` is given the tree it was taken from.
    deferred_backup: Any = None


_state = _State()
_install_lock = threading.Lock()
_installed: bool | None = None
_main_pass: Callable[..., tuple[Any, str, Any]] | None = None
#: ``trafilatura.core``, whose ``tree_cleaning`` and ``convert_tags`` rebuild a deferred backup (``_DeferredBackup``).
_trafilatura_core: Any = None


@contextmanager
def engaged(*, structured_readability: bool = True, article_container: bool = True) -> Iterator[None]:
    """Within this block, on this thread, trafilatura's fallback includes newsclean's steps that are on, and
    readability is not run where it cannot win."""
    if not install():
        yield
        return
    outer = (_state.engaged, _state.structured_readability, _state.article_container, _state.fell_back_to_wild_text)
    _state.engaged, _state.fell_back_to_wild_text = True, False
    _state.structured_readability, _state.article_container = structured_readability, article_container
    try:
        yield
    finally:
        _state.engaged, _state.structured_readability, _state.article_container, _state.fell_back_to_wild_text = outer
        _state.uncopied_raw_tree = None  # a page cut short (a deadline) must not keep its tree alive
        _state.deferred_backup = None


def install() -> bool:
    """Wrap trafilatura's functions, once per process; ``False`` when this trafilatura does not have them as
    expected."""
    global _installed
    if _installed is None:
        with _install_lock:  # two threads' first pages must not wrap the functions twice
            if _installed is None:
                _installed = _wrap_trafilatura()
    return _installed


def _wrap_trafilatura() -> bool:
    global _main_pass
    try:
        from trafilatura import core, external, main_extractor
    except ImportError:
        return False
    prefer = getattr(external, "_prefer_readability", None)
    recover = getattr(main_extractor, "recover_wild_text", None)
    main_pass = getattr(main_extractor, "_extract", None)
    compare = getattr(core, "compare_extraction", None)
    readability = getattr(external, "try_readability", None)
    if (
        prefer is None
        or recover is None
        or main_pass is None
        or compare is None
        or readability is None
        or not _takes(prefer, _PREFER_PARAMETERS)
        or not _takes(recover, _RECOVER_PARAMETERS)
        or not _takes(main_pass, _MAIN_PASS_PARAMETERS)
        or not _takes(compare, _COMPARE_PARAMETERS)
        or not _takes(readability, _READABILITY_PARAMETERS)
    ):
        warnings.warn(
            "newsclean could not find trafilatura's wild-text fallback on this trafilatura version: pages whose "
            "article container trafilatura does not find are extracted as trafilatura extracts them",
            RuntimeWarning,
            stacklevel=2,
        )
        return False
    _main_pass = main_pass
    _join_crowded_runs_before_stripping()
    _answer_xpaths_faster()
    _copy_only_what_is_changed(core, external, main_extractor)
    external._prefer_readability = _with_structured_article(prefer)
    main_extractor.recover_wild_text = _trying_the_container_first(recover)
    core.compare_extraction = _knowing_when_readability_cannot_win(compare)  # type: ignore[attr-defined]  # core calls it by this name
    external.try_readability = _not_run_when_it_cannot_win(readability)
    return True


def _join_crowded_runs_before_stripping() -> None:
    """trafilatura's modules call lxml's ``strip_tags`` by that name: where it is lxml's, it is wrapped."""
    from lxml import etree
    from trafilatura import core, external, htmlprocessing, main_extractor

    strip_tags: Callable[..., None] = etree.strip_tags
    for module in (core, external, htmlprocessing, main_extractor):
        if getattr(module, "strip_tags", None) is strip_tags:
            setattr(module, "strip_tags", _joining_crowded_runs(strip_tags))  # noqa: B010  # not its declared type


def _joining_crowded_runs(strip_tags: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(strip_tags)
    def strip_tags_of_joined_runs(tree: Any, *tags: Any) -> None:
        if _state.engaged:
            join_crowded_runs(tree, tags)
        strip_tags(tree, *tags)

    return strip_tags_of_joined_runs


def _answer_xpaths_faster() -> None:
    """Each of trafilatura's XPath expressions that ``_xpath_prefilter`` can rewrite is wrapped where trafilatura
    keeps it: in place in its lists (which its modules share), and by name in the modules that import it alone."""
    from lxml import etree

    # By their full names: ``trafilatura.baseline`` is also the name of a function the package exports.
    modules = [importlib.import_module(f"trafilatura.{name}") for name in _MODULES_HOLDING_XPATHS]
    wrapped: dict[int, _EngagedXPath] = {}

    def engaged_variant(expression: Any) -> Any:
        if isinstance(expression, _EngagedXPath) or not isinstance(expression, etree.XPath):
            return expression
        if id(expression) not in wrapped:
            faster = faster_xpath(expression)
            if faster is None:
                return expression
            wrapped[id(expression)] = _EngagedXPath(expression, faster)
        return wrapped[id(expression)]

    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, list) and value and all(isinstance(item, etree.XPath) for item in value):
                value[:] = [engaged_variant(item) for item in value]
            elif isinstance(value, etree.XPath) and (variant := engaged_variant(value)) is not value:
                setattr(module, name, variant)


class _EngagedXPath:
    """One of trafilatura's XPath expressions, evaluated as its rewrite while newsclean extracts on this thread."""

    __slots__ = ("faster", "path", "released")

    def __init__(self, released: Any, faster: Any) -> None:
        self.released = released
        self.faster = faster
        self.path: str = released.path

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return (self.faster if _state.engaged else self.released)(*args, **kwargs)


def _copy_only_what_is_changed(core: Any, external: Any, main_extractor: Any) -> None:
    """``copy`` as ``trafilatura.core`` calls it, passing the tree through where the copy is not needed.

    ``bare_extraction`` copies a tree it is given so that the caller's stays as it was: newsclean parsed that tree
    for the call and drops it after. ``_extract_and_compare`` copies the page for readability to rearrange, which
    is not needed when readability does not run: the copy is deferred to ``compare_extraction``'s wrapper, which
    makes it unless readability cannot win."""
    released: Callable[[Any], Any] | None = getattr(core, "copy", None)
    bare_extraction = getattr(getattr(core, "bare_extraction", None), "__code__", None)
    extract_and_compare = getattr(getattr(core, "_extract_and_compare", None), "__code__", None)
    if released is not copy.copy or bare_extraction is None or extract_and_compare is None:
        return
    prepare_tree = _backup_deferred(core, external)

    @functools.wraps(released)
    def copy_unless_handed_over(value: Any) -> Any:
        if _state.engaged:
            frame = sys._getframe(1)
            caller = frame.f_code
            if caller is bare_extraction:
                return value
            if caller is extract_and_compare:
                _state.uncopied_raw_tree = value
                return value
            if caller is prepare_tree:
                found = frame.f_locals
                page, options = found.get("tree"), found.get("options")
                if value is not page and page is not None and _backup_may_wait(options):
                    backup = _DeferredBackup(page, options, found.get("url"), value)
                    _state.deferred_backup = backup
                    return backup
        return released(value)

    core.copy = copy_unless_handed_over
    if prepare_tree is not None:
        _wild_text_backup_deferred(main_extractor)


class _DeferredBackup:
    """The copy of the cleaned page that ``_prepare_tree`` keeps for jusText, not made until jusText runs (16 of
    the 1,338 backups the gold pages ask for): ``tree_cleaning`` of a copy of the raw page builds the same tree
    again. The raw page is not changed before then: readability, the one step in between that rearranges a tree,
    gets a copy of it. ``cleaned`` is the tree the copy was asked of, which ``_prepare_tree`` then converts and
    hands on."""

    __slots__ = ("cleaned", "options", "page", "url")

    def __init__(self, page: Any, options: Any, url: str | None, cleaned: Any) -> None:
        self.page = page
        self.options = options
        self.url = url
        self.cleaned = cleaned

    def tree(self) -> Any:
        return _trafilatura_core.tree_cleaning(copy.copy(self.page), self.options)

    def converted_tree(self) -> Any:
        """The tree ``_prepare_tree`` hands on, as it was then: the backup converted as it converted its twin."""
        return _trafilatura_core.convert_tags(self.tree(), self.options, self.url)


class _DeferredWildTree:
    """``extract_content``'s copy of the converted page, kept for the wild-text fallback (97 of 1,338 on the gold
    pages) and made when that reads it: ``iter`` (its walk beside the main pass's order) makes it, and the fallback's
    wrapper takes the same tree."""

    __slots__ = ("backup", "made")

    def __init__(self, backup: _DeferredBackup) -> None:
        self.backup = backup
        self.made: Any = None

    def tree(self) -> Any:
        if self.made is None:
            self.made = self.backup.converted_tree()
        return self.made

    def iter(self, *tags: Any) -> Any:
        return self.tree().iter(*tags)


def _wild_text_backup_deferred(main_extractor: Any) -> None:
    """``deepcopy`` as ``trafilatura.main_extractor`` calls it, deferring ``extract_content``'s copy of a tree that
    ``_prepare_tree`` handed on unchanged (its backup deferred: ``_DeferredBackup``)."""
    released: Callable[..., Any] | None = getattr(main_extractor, "deepcopy", None)
    extract_content = getattr(getattr(main_extractor, "extract_content", None), "__code__", None)
    if released is not copy.deepcopy or extract_content is None:
        return

    @functools.wraps(released)
    def deepcopy_unless_deferred(value: Any, *args: Any) -> Any:
        backup = _state.deferred_backup
        if (
            _state.engaged
            and backup is not None
            and value is backup.cleaned
            and not args
            and sys._getframe(1).f_code is extract_content
        ):
            _state.deferred_backup = None
            return _DeferredWildTree(backup)
        return released(value, *args)

    main_extractor.deepcopy = deepcopy_unless_deferred


def _backup_may_wait(options: Any) -> bool:
    """Whether the backup's only reader is ``compare_extraction``'s jusText: with comments on, trafilatura copies it
    for its forum-post path; in precision mode, ``compare_extraction`` prunes the raw page first."""
    return getattr(options, "comments", True) is False and getattr(options, "focus", None) in ("balanced", "recall")


def _backup_deferred(core: Any, external: Any) -> Any | None:
    """The code of ``_prepare_tree``, whose copy of the cleaned tree (``backup = copy(cleaned)``) is deferred, with
    jusText's rescue wrapped to make it when it runs; ``None`` (no deferral) when this trafilatura differs."""
    global _trafilatura_core
    prepare_tree = getattr(core, "_prepare_tree", None)
    rescue = getattr(external, "justext_rescue", None)
    if (
        prepare_tree is None
        or rescue is None
        or getattr(core, "tree_cleaning", None) is None
        or getattr(core, "convert_tags", None) is None
        or not _takes(prepare_tree, _PREPARE_PARAMETERS)
        or not _takes(rescue, _RESCUE_PARAMETERS)
    ):
        return None

    @functools.wraps(rescue)
    def justext_rescue(tree: Any, *args: Any, **kwargs: Any) -> Any:
        return rescue(tree.tree() if isinstance(tree, _DeferredBackup) else tree, *args, **kwargs)

    external.justext_rescue = justext_rescue
    _trafilatura_core = core
    return prepare_tree.__code__


def _takes(function: Callable[..., Any], parameters: tuple[str, ...]) -> bool:
    try:
        names = tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return False
    return names[: len(parameters)] == parameters


def _trying_the_container_first(recover: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(recover)
    def recover_wild_text(tree: Any, result_body: Any, options: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(tree, _DeferredWildTree):
            tree = tree.tree()
        if _state.engaged:
            _state.fell_back_to_wild_text = True
        if _state.article_container and getattr(options, "focus", None) == "balanced" and len(result_body) == 0:
            body = _main_pass_on_article_container(tree, options)
            if body is not None:
                return body
        return recover(tree, result_body, options, *args, **kwargs)

    return recover_wild_text


def _main_pass_on_article_container(tree: Any, options: Any) -> Any | None:
    """trafilatura's main pass on a copy of ``tree`` whose article container is marked as the article's body;
    ``None`` when there is no container, or the pass gives less text than trafilatura's minimum."""
    container = _article_container.article_container(tree, _CONVERTED_LINKS)
    if _main_pass is None or container is None or container.get("itemprop") is not None:
        return None
    marked = copy.deepcopy(tree)  # the wild text, if this fails, is taken from the tree as trafilatura left it
    twin = next(copied for original, copied in zip(tree.iter(), marked.iter(), strict=True) if original is container)
    twin.set("itemprop", "articleBody")
    try:
        body, text, _ = _main_pass(marked, options)
    except Exception:  # the added step must never cost a page the wild text would have given
        return None
    return body if len(text) >= options.min_extracted_size else None


def _with_structured_article(prefer: Callable[..., bool]) -> Callable[..., bool]:
    @functools.wraps(prefer)
    def prefer_readability(
        body: Any, algo_body: Any, algo_text: str, len_text: int, len_algo: int, options: Any
    ) -> bool:
        # trafilatura built the body with plain elements: its paragraph text is asked for through the view
        preferred = prefer(
            ParagraphTextView(body) if _state.engaged else body, algo_body, algo_text, len_text, len_algo, options
        ) or (
            _state.structured_readability
            and _state.fell_back_to_wild_text
            and getattr(options, "focus", None) == "balanced"
            and len_algo > len_text
            and next(algo_body.iter(*_STRUCTURE), None) is not None
        )
        if preferred and _state.engaged:
            unwrap_source_lines(algo_body)  # readability's text nodes are as the source wrote them
        return preferred

    return prefer_readability


def _knowing_when_readability_cannot_win(compare: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(compare)
    def compare_extraction(
        cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any, *args: Any, **kwargs: Any
    ) -> Any:
        # after the wild-text fallback, readability's structured article wins by being longer, not twice as long
        may_take_structure = _state.structured_readability and _state.fell_back_to_wild_text
        skip = _state.engaged and not may_take_structure and readability_cannot_win(raw_tree, body, text, options)
        if raw_tree is _state.uncopied_raw_tree:
            _state.uncopied_raw_tree = None
            if not skip:  # readability runs, and rearranges its tree: the copy ``_extract_and_compare`` asked for
                raw_tree = copy.copy(raw_tree)
        _state.readability_cannot_win = skip
        try:
            return compare(cleaned_tree, raw_tree, body, text, options, *args, **kwargs)
        finally:
            _state.readability_cannot_win = False

    return compare_extraction


def _not_run_when_it_cannot_win(try_readability: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(try_readability)
    def not_run_when_it_cannot_win(htmlinput: Any, *args: Any, **kwargs: Any) -> Any:
        if _state.readability_cannot_win:
            from lxml.html import HtmlElement

            return HtmlElement()  # what try_readability gives when readability finds nothing
        return try_readability(htmlinput, *args, **kwargs)

    return not_run_when_it_cannot_win
