"""When trafilatura's main pass finds no article container, take readability's headed article.

trafilatura's main extractor looks for the article's container with class and id selectors (``BODY_XPATH``:
"entry-content", "article-body", ``<article>``…). When none matches, or the match holds too little text, it
falls back to "wild text": the page's loose ``<p>``, quotes, code blocks and tables, but no heading and no
list. It then weighs readability's pick against that text and keeps its own unless readability's is twice as
long, so an article in an unnamed container (a Webflow ``w-richtext``, a custom theme) comes out without its
subheadings and bullet lists. trafilatura already prefers readability's article when it is longer and has
headings that its own text lacks, but only in recall mode (its issue #354). newsclean applies a test like it
in the default mode, after the wild-text fallback only: readability's pick is longer and has headings. Its
own text is not asked to lack headings, as trafilatura's test does, because the fallback also runs when the
main pass found a container too small to be the article, and that container's heading is then all the
structure the text has.

trafilatura offers no seam for this, so two of its private functions are wrapped, once per process:
``main_extractor.recover_wild_text`` notes that the fallback ran, and ``external._prefer_readability`` adds the
case. Both pass straight through unless newsclean is extracting on the calling thread (``engaged``), so
trafilatura called by anything else in the process (the benchmarks' trafilatura, a user's own calls) behaves
as released. A trafilatura whose functions are missing or take other parameters is left alone, with a
``RuntimeWarning``, and newsclean then extracts as trafilatura does. See docs/dom.md, "Readability's headed
article".
"""

from __future__ import annotations

import functools
import inspect
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: The parameters the wrappers rely on, in order; another signature means another trafilatura.
_PREFER_PARAMETERS = ("body", "algo_body", "algo_text", "len_text", "len_algo", "options")
_RECOVER_PARAMETERS = ("tree", "result_body", "options")
_HEADINGS = ("h2", "h3", "h4")


class _State(threading.local):
    engaged = False
    fell_back_to_wild_text = False


_state = _State()
_install_lock = threading.Lock()
_installed: bool | None = None


@contextmanager
def engaged(enabled: bool = True) -> Iterator[None]:
    """Within this block, on this thread, trafilatura's readability choice includes the headed-article case."""
    if not enabled or not install():
        yield
        return
    outer = _state.engaged, _state.fell_back_to_wild_text
    _state.engaged, _state.fell_back_to_wild_text = True, False
    try:
        yield
    finally:
        _state.engaged, _state.fell_back_to_wild_text = outer


def install() -> bool:
    """Wrap trafilatura's two functions, once per process; ``False`` when this trafilatura does not have them
    as expected."""
    global _installed
    if _installed is None:
        with _install_lock:  # two threads' first pages must not wrap the functions twice
            if _installed is None:
                _installed = _wrap_trafilatura()
    return _installed


def _wrap_trafilatura() -> bool:
    try:
        from trafilatura import external, main_extractor
    except ImportError:
        return False
    prefer = getattr(external, "_prefer_readability", None)
    recover = getattr(main_extractor, "recover_wild_text", None)
    if (
        prefer is None
        or recover is None
        or not (_takes(prefer, _PREFER_PARAMETERS) and _takes(recover, _RECOVER_PARAMETERS))
    ):
        warnings.warn(
            "newsclean could not find trafilatura's readability choice on this trafilatura version: pages whose "
            "article container trafilatura does not find are extracted as trafilatura extracts them",
            RuntimeWarning,
            stacklevel=2,
        )
        return False
    external._prefer_readability = _with_headed_article(prefer)
    main_extractor.recover_wild_text = _noting_wild_text(recover)
    return True


def _takes(function: Callable[..., Any], parameters: tuple[str, ...]) -> bool:
    try:
        names = tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return False
    return names[: len(parameters)] == parameters


def _noting_wild_text(recover: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(recover)
    def recover_wild_text(*args: Any, **kwargs: Any) -> Any:
        if _state.engaged:
            _state.fell_back_to_wild_text = True
        return recover(*args, **kwargs)

    return recover_wild_text


def _with_headed_article(prefer: Callable[..., bool]) -> Callable[..., bool]:
    @functools.wraps(prefer)
    def prefer_readability(
        body: Any, algo_body: Any, algo_text: str, len_text: int, len_algo: int, options: Any
    ) -> bool:
        if prefer(body, algo_body, algo_text, len_text, len_algo, options):
            return True
        return (
            _state.engaged
            and _state.fell_back_to_wild_text
            and getattr(options, "focus", None) == "balanced"
            and len_algo > len_text
            and next(algo_body.iter(*_HEADINGS), None) is not None
        )

    return prefer_readability
