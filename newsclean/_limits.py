"""Per-document limits: size, depth, attributes and wall-clock time; each a keyword argument with a default."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import re
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator

import msgspec

from ._exceptions import ExtractionTimeout, InputError

#: The longest timeout taken, a day: the alarm's clock overflows near 1e308 s ("timestamp out of range for platform
#: time_t" on every document), and None already means no limit.
MAX_TIMEOUT = 86_400


class Limits(msgspec.Struct, frozen=True, kw_only=True):
    """Bounds on one document, checked before and while it is cleaned: ``Pipeline(limits=Limits(timeout=10))``.

    A document past one is an ``InputError`` (size, binary, depth) or an ``ExtractionTimeout``; in a batch, a
    reject record in its place. Values are checked when built (``ValueError``).
    """

    #: Largest input accepted, in bytes (or characters for ``str`` input).
    max_bytes: int = 10 * 1024 * 1024
    #: Wall-clock seconds one document may take; None disables it. Enforced with SIGALRM on the main thread, and
    #: in other threads (Ray's and Dask's workers, a thread pool) by raising into the thread (``deadline``).
    timeout: float | None = 30.0
    #: Share of control or replacement characters above which input is treated as binary, not text.
    max_binary_share: float = 0.1
    #: Deepest element nesting accepted. HTML parsers are quadratic in depth (Lexbor needs ~2 s at 20,000
    #: levels); real pages stay under a few hundred even with broken templates.
    max_depth: int = 5000
    #: Most distinct attributes one element may carry. Parsers check each new attribute against the element's
    #: others, so time grows with the square (Lexbor and libxml2 together ≈19 s at 50,000 on one element, in C
    #: calls no deadline can interrupt); real elements carry a few dozen.
    max_attributes: int = 1000

    def __post_init__(self) -> None:
        # msgspec checks types only when decoding: a Limits built in code is checked here, once.
        for name in ("max_bytes", "max_depth", "max_attributes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, got {value!r}")
        if self.timeout is not None and (not _is_number(self.timeout) or not 0 < self.timeout <= MAX_TIMEOUT):
            raise ValueError(
                f"Limits.timeout must be a positive number of seconds up to {MAX_TIMEOUT:,} or None, "
                f"got {self.timeout!r}"
            )
        if not _is_number(self.max_binary_share) or not 0 < self.max_binary_share <= 1:
            raise ValueError(f"Limits.max_binary_share must be in (0, 1], got {self.max_binary_share!r}")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_size(size: int, limits: Limits, *, url: str | None) -> None:
    if size == 0:
        raise InputError("empty document", url=url, stage="input")
    if size > limits.max_bytes:
        raise InputError(f"document of {size:,} bytes exceeds max_bytes={limits.max_bytes:,}", url=url, stage="input")


# Control characters that never occur in text (tab, newlines and form feed do). In UTF-8 each is one byte that
# no multi-byte sequence contains, so they can be counted on the encoded bytes, where deleting them is a C loop.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


# Whitespace, and the invisible characters normalisation drops (zero-width space and joiners, word joiner, BOM, soft
# hyphen): a document of nothing else is as empty as one of spaces.
_VISIBLE = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def check_text(text: str, limits: Limits, *, url: str | None) -> str:
    """Reject binary data that slipped through as text; drop stray NULs from otherwise good text."""
    # Not ``text.strip()``, which copies the whole page: the first visible character ends the search.
    if _VISIBLE.search(text) is None:
        raise InputError("document is empty or only whitespace", url=url, stage="input")
    sample = text[:65536]
    encoded = sample.encode("utf-8", "surrogatepass")
    bad = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES)) + sample.count("\ufffd")
    if bad > limits.max_binary_share * len(sample):
        raise InputError(
            f"input looks binary ({bad} control or undecodable characters in the first {len(sample)})",
            url=url,
            stage="input",
        )
    return text.replace("\x00", "") if "\x00" in text else text


# Below this many "<", a page cannot nest deeper than max_depth, so the depth scan is skipped (it costs a
# Python loop over every tag, which most pages need not pay).
_DEPTH_SCAN_MIN_TAGS = 10_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
# Where "/>" closes an element: inside these, or on them.
_FOREIGN_ROOTS = frozenset({"svg", "math"})
# Elements that never nest (void) or whose end tag is optional (the parser closes them implicitly).
_NON_NESTING = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"),
        *("p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup"),
        *("rp", "rt", "caption"),
    }
)


def check_depth(text: str, limits: Limits, *, url: str | None) -> None:
    """Refuse markup nesting deeper than ``max_depth``, counted as a parser nests it: an end tag closes the open
    element of its name and those opened inside it, or nothing when none is open ("</span>" after "<div>"), and
    "/>" closes only elements of SVG and MathML ("<div/>" opens a div)."""
    if text.count("<") < min(_DEPTH_SCAN_MIN_TAGS, 2 * limits.max_depth):
        return
    open_names: list[str] = []
    open_count: Counter[str] = Counter()
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if name in _NON_NESTING:
            continue
        if match.group(1):
            if open_count[name]:
                while (closed := open_names.pop()) != name:
                    open_count[closed] -= 1
                open_count[name] -= 1
            continue
        if match.group(3) and (open_count["svg"] or open_count["math"] or name in _FOREIGN_ROOTS):
            continue
        open_names.append(name)
        open_count[name] += 1
        if len(open_names) > limits.max_depth:
            raise InputError(f"markup nests deeper than max_depth={limits.max_depth}", url=url, stage="input")


# One attribute in a start tag: its name, and its value if it has one. As a parser reads it, a quote opens a
# value only after "=" (elsewhere it is part of a name), and a quoted value may hold spaces, "=", "<" and ">".
_ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
# Where a "<" starts no tag until the matching end: comments, and elements whose content is raw text.
_RAW_TEXT_START = re.compile(r"<!--|<(script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext)\b", re.I)


#: The most characters one piece of ``_long_start_tag`` takes: longer pieces mean fewer steps of the search.
_PIECE_CHARS = 16


@functools.cache
def _long_start_tag(pieces: int) -> re.Pattern[str]:
    """A start tag of at least ``pieces`` pieces, read as ``_ATTRIBUTE`` reads it: a piece is a run of at most
    ``_PIECE_CHARS`` characters other than "=" and ">", or "=" with its value (a quoted one may hold ">"). A tag of
    A attributes holds 2A - 1 characters at least (" a" each), so at least (2A - 1) / ``_PIECE_CHARS`` pieces.
    Script code such as "i<n.length;" has no tag name."""
    piece = rf"""[^>=]{{1,{_PIECE_CHARS}}}+|=\s*+(?:"[^"]*+"|'[^']*+')?"""
    return re.compile(rf"""<([a-zA-Z][a-zA-Z0-9-]*+)[\s/](?:{piece}){{{pieces}}}+(?:{piece})*+""")


def check_attributes(text: str, limits: Limits, *, url: str | None) -> None:
    """Refuse a page with an element carrying more than ``max_attributes`` distinct attributes, before a parser
    meets it. Only start tags long enough to hold that many are counted; finding them costs about 1.5 ms per MB."""
    raw_text = _raw_text_spans(text)
    span = (-1, -1)
    for tag in _long_start_tag(2 * limits.max_attributes // _PIECE_CHARS).finditer(text):
        # The tag's name is not an attribute; a name given twice costs a parser nothing (it keeps the first).
        count = len({match.group(1).lower() for match in _ATTRIBUTE.finditer(text, tag.end(1), tag.end())})
        if count <= limits.max_attributes:
            continue
        # Text between "<" and ">" in a script can read as a tag too: rare enough to place exactly, when found.
        while span[1] <= tag.start():
            span = next(raw_text, (len(text), len(text) + 1))
        if span[0] < tag.start():
            continue
        raise InputError(
            f"an element <{tag.group(1)[:40]}> carries {count:,} distinct attributes, more than "
            f"max_attributes={limits.max_attributes:,}",
            url=url,
            stage="input",
        )


def _raw_text_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where, in order, a "<" starts no tag: comments, and elements whose content is raw text (``<script>``)."""
    searched_from = 0
    while start := _RAW_TEXT_START.search(text, searched_from):
        name = start.group(1)
        if name is not None and name.lower() == "plaintext":  # it has no end: the rest of the page is text
            yield start.start(), len(text) + 1
            return
        end = re.compile("-->" if name is None else f"</{name}", re.I).search(text, start.end())
        searched_from = len(text) + 1 if end is None else end.end()
        yield start.start(), searched_from


class _DeadlineReached(BaseException):
    """Raised from the alarm handler. A BaseException, so extractor code that catches ``Exception`` to fall
    back (trafilatura does) cannot swallow it; ``deadline`` turns it into ExtractionTimeout."""


class StageMarker:
    """Which stage a document is in, so a timeout can say where the time went."""

    def __init__(self) -> None:
        self.stage = "decode"


class _ThreadAlarm:
    """SIGALRM reaches only the main thread. Elsewhere a timer thread raises ``_DeadlineReached`` in the
    document's thread (CPython's ``PyThreadState_SetAsyncExc``). It lands at the next bytecode the thread runs,
    so one long C call (a parse) finishes first: the document is stopped late, but it is stopped."""

    def __init__(self, seconds: float) -> None:
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._armed = True
        self._fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self._fired = True
                _raise_in_thread(self._thread_id, _DeadlineReached)

    def disarm(self) -> None:
        with self._lock:
            self._armed = False
            if self._fired:
                # Fired but not yet raised (the thread ran no bytecode since): withdrawn, so it cannot land in
                # whatever the thread does next.
                _raise_in_thread(self._thread_id, None)
        self._timer.cancel()


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    # None, passed bare, is a NULL pointer: it clears the thread's pending exception.
    pending = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), pending)


@contextlib.contextmanager
def deadline(seconds: float | None, *, url: str | None) -> Iterator[StageMarker]:
    """Raise ExtractionTimeout in the body after ``seconds``: with SIGALRM on the main thread of a Unix process,
    from a timer thread in any other thread of CPython. Elsewhere it is a no-op and the batch runner's process
    guard applies."""
    marker = StageMarker()
    if not seconds:
        yield marker
        return
    on_main_thread = threading.current_thread() is threading.main_thread()
    if on_main_thread and hasattr(signal, "setitimer"):
        with _alarm_signal(seconds):
            try:
                yield marker
            except _DeadlineReached:
                raise _timeout(seconds, url, marker) from None
        return
    if on_main_thread or sys.implementation.name != "cpython":
        yield marker
        return
    try:
        alarm = _ThreadAlarm(seconds)
        try:
            yield marker
        finally:
            alarm.disarm()
    except _DeadlineReached:
        # Also when it lands in ``disarm`` itself, between the body's end and the alarm's withdrawal.
        raise _timeout(seconds, url, marker) from None


@contextlib.contextmanager
def _alarm_signal(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise _DeadlineReached

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timeout(seconds: float, url: str | None, marker: StageMarker) -> ExtractionTimeout:
    return ExtractionTimeout(f"document took longer than timeout={seconds}s", url=url, stage=marker.stage)
