"""A bounded memo of a pure function of a string that keeps short strings only.

Names, words, titles and paragraphs recur across a page and a batch, so memos of the functions that fold or hash
them pay. A memo bounded by its number of entries alone still holds whatever long strings it met: pages each with a
unique megabyte-long title or base64 "word" grew a batch by megabytes a page. Strings longer than ``max_chars`` are
computed each time instead, so a memo holds at most ``maxsize * max_chars`` characters. The libraries' memos of a
page's strings, which newsclean cannot bound so, are emptied after each page instead (``forget_page_strings``).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

_Value = TypeVar("_Value")
_Value_co = TypeVar("_Value_co", covariant=True)


class ShortStringMemo(Protocol[_Value_co]):
    """The memoised function; ``memo`` is its ``lru_cache`` (``cache_info``, ``cache_clear``)."""

    memo: Any

    def __call__(self, text: str) -> _Value_co: ...


def memo_of_short_strings(
    *, maxsize: int, max_chars: int
) -> Callable[[Callable[[str], _Value]], ShortStringMemo[_Value]]:
    def decorate(function: Callable[[str], _Value]) -> ShortStringMemo[_Value]:
        memo = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(text: str) -> _Value:
            return memo(text) if len(text) <= max_chars else function(text)

        call.memo = memo  # type: ignore[attr-defined]
        return cast(ShortStringMemo[_Value], call)

    return decorate


#: Libraries' memos keyed by a page's strings, by module: a text node (trafilatura's ``trim`` and
#: ``line_processing``, 1,024 entries each), a date expression (htmldate's, 8,192), a link (``urlsplit``, 128).
#: They keep strings of any length, so pages each with a long text node or link of their own grew a batch by its
#: size, two or three times over, page after page. They pay within a page, not across pages (a batch was no
#: faster with them kept), and emptying them cannot change a result: their functions are pure.
_PAGE_STRING_MEMOS = (
    ("trafilatura.utils", ("trim", "line_processing")),
    ("htmldate.extractors", ("try_date_expr",)),
    ("htmldate.validators", ("_parse_and_validate", "filter_ymd_candidate")),
    ("urllib.parse", ("urlsplit",)),
)


def forget_page_strings() -> None:
    """Empty the memos of ``_PAGE_STRING_MEMOS`` whose module is loaded; a name the installed version lacks, or
    holds no memo under, is passed over."""
    for module, names in _PAGE_STRING_MEMOS:
        loaded = sys.modules.get(module)
        for name in names:
            cache_clear = getattr(getattr(loaded, name, None), "cache_clear", None)
            if callable(cache_clear):
                cache_clear()
