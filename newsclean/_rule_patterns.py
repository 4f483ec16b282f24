"""The regex dialect of the rule packs: RE2, with word classes that take in the scripts the packs are written for,
and shared patterns.

A regex of any pack (a rule's pattern, ``unless``, ``box_text``, ``block.end`` or ``block.continue``) may name a
shared pattern, ``(?&name)``, defined once in the ``[patterns]`` table of ``newsclean/rules/_shared.toml``: the
reference reads as the pattern in a non-capturing group. RE2 rejects ``(?&``, so no regex that compiled before
means anything else now.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from types import MappingProxyType

import re2

from ._exceptions import RuleError

# RE2's \w, \W and [A-Z] are ASCII only, so a name pattern such as "By [A-Z][\w.-]*" missed "By José García"
# and "By Łukasz Nowak". Rule patterns get wider classes: any script's capitals for [A-Z], and for \w the letters
# of the scripts the packs are written for (Latin with its extensions and combining accents, Greek, Cyrillic).
# Not \p{L}: its 600-odd ranges, case-folded in every case-insensitive rule, took a second to compile per process.
_WORD_CLASS = (
    r"0-9A-Za-z_\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{024F}\x{0300}-\x{03FF}\x{0400}-\x{04FF}\x{1E00}-\x{1EFF}"
)
#: The file of ``newsclean/rules`` holding the shared patterns: not a pack, so ``default_rules`` passes it over.
SHARED_PATTERNS_FILE = "_shared.toml"
_PATTERN_NAME = re2.compile(r"^[a-z][a-z0-9_]*$")
_REFERENCE = "(?&"


def unicode_word_classes(pattern: str) -> str:
    """``pattern`` with each ``\\w`` (and, outside brackets, each ``\\W``) taking in accented Latin, Greek and
    Cyrillic letters, and each ``[A-Z]`` any script's capitals. A ``\\W`` inside brackets stays ASCII's: it
    already takes in every non-ASCII character, and a class cannot subtract letters from it. ``\\b`` has no
    Unicode form in RE2, so a pattern must not put it next to a non-ASCII letter. Text quoted by ``\\Q…\\E``
    and POSIX classes (``[[:digit:]]``) are left as they are."""
    parts: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("\\Q", index):
            # Quoted text is literal: a "[A-Z]" in it is those five characters, a "]" closes nothing.
            end = pattern.find("\\E", index + 2)
            stop = len(pattern) if end < 0 else end + 2
            parts.append(pattern[index:stop])
            index = stop
            continue
        if in_class and pattern.startswith("[:", index) and (end := pattern.find(":]", index + 2)) >= 0:
            # Its "]" is not the end of the class around it.
            parts.append(pattern[index : end + 2])
            index = end + 2
            continue
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped == "w":
                parts.append(_WORD_CLASS if in_class else f"[{_WORD_CLASS}]")
            elif escaped == "W" and not in_class:
                parts.append(f"[^{_WORD_CLASS}]")
            else:
                parts.append(pattern[index : index + 2])
            index += 2
            continue
        if pattern.startswith("[A-Z]", index) and not in_class:
            parts.append(r"\p{Lu}")
            index += len("[A-Z]")
            continue
        if char == "[" and not in_class:
            in_class = True
            # A "]" first in the class (after an optional "^") is a literal, not its end.
            opening = "[^]" if pattern.startswith("[^]", index) else "[]" if pattern.startswith("[]", index) else "["
            parts.append(opening)
            index += len(opening)
            continue
        if char == "]" and in_class:
            in_class = False
        parts.append(char)
        index += 1
    return "".join(parts)


def re2_reason(exc: re2.error) -> str:
    """RE2's message, which it gives as bytes, as text (cut short: it may quote a whole OR-ed list)."""
    raw = exc.args[0] if exc.args else ""
    reason = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return reason if len(reason) <= 300 else reason[:297] + "..."


def parse_shared_patterns(source: str | bytes, name: str) -> Mapping[str, str]:
    """The ``[patterns]`` table of a shared-patterns file (``name``, for error messages), each pattern checked: a
    lowercase name, a non-empty string that compiles with RE2, and no reference to another shared pattern (each is
    written out whole, so that it reads as it matches)."""
    try:
        raw = tomllib.loads(source.decode("utf-8-sig") if isinstance(source, bytes) else source.removeprefix("\ufeff"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"not valid TOML: {exc}", pack=name) from None
    table = raw.get("patterns")
    if not isinstance(table, dict) or set(raw) != {"patterns"}:
        raise RuleError("a shared-patterns file holds a [patterns] table (name = 'regex') and nothing else", pack=name)
    options = re2.Options()
    options.log_errors = False
    patterns: dict[str, str] = {}
    for key, pattern in table.items():
        where = f"shared pattern {key!r}"
        if not _PATTERN_NAME.match(key):
            raise RuleError(f"{where}: a name is ASCII lowercase letters, digits and '_', a letter first", pack=name)
        if not isinstance(pattern, str) or not pattern:
            raise RuleError(f"{where} must be a non-empty string", pack=name)
        if _references(pattern):
            raise RuleError(f"{where} refers to another shared pattern: write each one out whole", pack=name)
        try:
            re2.compile(unicode_word_classes(pattern), options)
        except re2.error as exc:
            raise RuleError(f"{where} {pattern!r} does not compile: {re2_reason(exc)}", pack=name) from None
        patterns[key] = pattern
    return MappingProxyType(patterns)


@functools.cache
def shared_patterns() -> Mapping[str, str]:
    """The shared patterns shipped in ``newsclean/rules/_shared.toml``, and ``month_name``, every month name the
    date reader knows (written there once, so that a line a rule removes as a date is a date it reads): any pack's
    regexes name them, ``(?&name)``."""
    from .metadata._month_names import MONTH_NAME_ALTERNATION

    entry = resources.files("newsclean.rules").joinpath(SHARED_PATTERNS_FILE)
    shipped = parse_shared_patterns(entry.read_bytes(), SHARED_PATTERNS_FILE)
    if "month_name" in shipped:
        raise RuleError(
            "shared pattern 'month_name' is the date reader's: it cannot be redefined", pack=SHARED_PATTERNS_FILE
        )
    return MappingProxyType({**shipped, "month_name": MONTH_NAME_ALTERNATION})


def _references(pattern: str) -> list[tuple[int, int, str]]:
    """The ``(?&name)`` references of a regex: (start, end, name) each. Not in a character class, an escape or
    ``\\Q…\\E`` quoted text, where those characters are literal; a "(?&" with no ")" after it is returned with
    the rest of the pattern as its name, for the caller to reject."""
    found: list[tuple[int, int, str]] = []
    in_class = False
    index = 0
    while index < len(pattern):
        if pattern.startswith("\\Q", index):
            end = pattern.find("\\E", index + 2)
            index = len(pattern) if end < 0 else end + 2
        elif pattern[index] == "\\":
            index += 2
        elif in_class:
            if pattern.startswith("[:", index) and (end := pattern.find(":]", index + 2)) >= 0:
                index = end + 2
            else:
                in_class = pattern[index] != "]"
                index += 1
        elif pattern[index] == "[":
            in_class = True
            # A "]" first in the class (after an optional "^") is a literal, not its end.
            index += 3 if pattern.startswith("[^]", index) else 2 if pattern.startswith("[]", index) else 1
        elif pattern.startswith(_REFERENCE, index):
            close = pattern.find(")", index)
            stop = len(pattern) if close < 0 else close + 1
            found.append((index, stop, pattern[index + len(_REFERENCE) : close if close >= 0 else stop]))
            index = stop
        else:
            index += 1
    return found


def expand_shared(
    pattern: str, shared: Mapping[str, str], used: set[str], error: Callable[[str, str], RuleError]
) -> str:
    """``pattern`` with each ``(?&name)`` replaced by the shared pattern in a non-capturing group; the names are
    added to ``used``. ``error(message, name)`` makes the error for a reference that names nothing shared."""
    parts: list[str] = []
    last = 0
    for start, stop, name in _references(pattern):
        if not pattern.endswith(")", 0, stop) or not _PATTERN_NAME.match(name):
            raise error(
                f"{pattern[start:stop]!r}: '(?&' starts a reference to a shared pattern, written (?&name) with a name"
                " of lowercase letters, digits and '_' (for a literal '(', write \\()",
                name,
            )
        if name not in shared:
            known = ", ".join(sorted(shared)) or "none"
            raise error(f"(?&{name}) names no shared pattern (those of {SHARED_PATTERNS_FILE}: {known})", name)
        used.add(name)
        parts.append(f"{pattern[last:start]}(?:{shared[name]})")
        last = stop
    return "".join(parts) + pattern[last:] if parts else pattern
