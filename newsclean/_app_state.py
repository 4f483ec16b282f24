"""The rest of an article whose markup stops short, from the app state the page's scripts carry.

A page built with a JavaScript framework ships its article twice: as markup, and as the data the framework renders
the markup from (Next.js's ``<script id="__NEXT_DATA__" type="application/json">``, a
``window.__PRELOADED_STATE__ = {…}`` assignment or its ``JSON.parse('…')``, Arc XP's ``Fusion.globalContent =
{…}``). A metered paywall or a
lazy "continue reading" prints only the first paragraphs as markup, while the data holds them all. In the data, the
body is a list of blocks: objects whose text sits under ``text``, ``value`` or ``content`` keys (ProseMirror and
TipTap, Contentful's rich text, Portable Text, Arc XP's content elements, Bloomberg's story body), or JsonML arrays
(``["p", {…}, "text ", ["a", {…}, "a link"]]``).

The list is recognised by the markup's own paragraphs: at least two of them are blocks of it, in the same order,
one of the markup's first paragraphs among them (a state also holds teasers, some of which the page prints), and no
other list holds more of them (a next story may open as this one does). The blocks after the last one the markup
printed are the article's continuation, taken only when the markup prints no more prose after that paragraph (it
was cut there), no reader could see any of them (none is in the page's visible text: a list the markup printed
further than the extractor kept is the extractor's call, not a cut), and they make a run of prose (``MIN_BLOCKS``
blocks, ``MIN_WORDS`` words); a last paragraph the markup printed cut short ("… before the…") is replaced by its
whole block. A block whose type names no prose (an ad, an image, an embed, a promo) is left out; blocks nested in
a block (list items, a quote's citation) are read as one paragraph, a space between them. Gold sets differ on such
text (docs/benchmarks.md, "The hidden rest of an article"); the provenance names the app state only when some of
its text is left after the cleaners.

Most pages' states hold no article, or all of it where the page prints it all; parsing and walking one costs more
than the rest of the page's metadata. So a script's text is tested first, as text: it holds two of the markup's
first paragraphs, and after the last of the markup's paragraphs it holds come two strings of prose under that
paragraph's key (a caption, a summary or an author's bio is under a key of its own) that the page does not print.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, NamedTuple

from .metadata._computed import word_count

#: The provenance of an article continued from its page's app state.
PROVENANCE = "markup, continued from the page's app state"

#: A script shorter than this holds no article body.
MIN_SCRIPT_CHARS = 2_000

# The script's text, tested before it is parsed.
#: The markup's first paragraphs, two of which a state holding the article holds; and, of those long enough to
#: identify a block, the first among which the article's list holds one.
OPENING_PARAGRAPHS = 4
#: The markup's last paragraphs, looked up from the end: the last one a state holds is where its rest begins.
CLOSING_PARAGRAPHS = 6
SNIPPET_CHARS = 24
#: After that paragraph, the string literals looked at: ``PROSE_LITERALS`` of them, in ``PROSE_WINDOW`` characters,
#: under the paragraph's own key, of ``MIN_LITERAL_CHARS`` or more.
PROSE_WINDOW = 6_000
PROSE_LITERALS = 16
MIN_LITERAL_CHARS = 40
#: Two pieces of prose the page does not print, as a caption or a teaser's summary after the article is one.
HIDDEN_LITERALS = 2
PROSE_WORDS = 8
KEY_LOOKBACK = 48
#: Bounded: a literal of HTML holds escaped quotes by the thousand.
MAX_ESCAPED_QUOTES = 256

# The state, parsed.
#: Assignments tried per script (a failing one costs a character or two), and ``JSON.parse('…')`` calls read.
MAX_ASSIGNMENTS = 64
MAX_PARSE_CALLS = 8
#: JSON values walked per page, all states together: a state is data of any size, the walk stays bounded.
MAX_VALUES = 300_000
#: A markup paragraph of fewer words is too common a phrase to identify a block.
MIN_KEY_WORDS = 5
MIN_MATCHED = 2
#: A list is not the article's when none of its first blocks of text is one of the markup's paragraphs.
OPENING_BLOCKS = 8
MIN_BLOCKS = 3
MIN_WORDS = 50
#: The markup goes on printing prose after the list's last paragraph (this many paragraphs of so many words): the
#: list is not the article's continuation there.
PRINTED_PROSE_AFTER = 2
PRINTED_PROSE_WORDS = 15
#: A block's text longer than this is no paragraph (and collecting it stops).
MAX_BLOCK_CHARS = 20_000
#: A block whose text (folded) starts with this many characters printed on the page means the markup was not cut;
#: a shorter block (a subheading) may be printed elsewhere on the page, and is not looked for.
SHOWN_CHARS = 40

_TEXT_KEYS = frozenset({"text", "value", "content"})
_ELLIPSES = ("…", "...")
#: Where rich-text formats name a block's type (ProseMirror, Contentful, Portable Text, Arc XP, Bloomberg).
_TYPE_KEYS = ("type", "nodeType", "_type")
_NOT_PROSE = re.compile(
    r"(?i)ads?|advert\w*|image|img|photo\w*|picture|figure|gallery|slideshow|video|audio|podcast|embed\w*"
    r"|oembed\w*|custom_embed|raw_?html|html|iframe|promo\w*|related\w*|newsletter\w*|interstitial\w*"
    r"|caption|credit|social\w*|tweet|instagram|youtube|divider|hr|table|widget|byline"
)
_NOT_PROSE_TAGS = frozenset(
    {"figure", "img", "picture", "video", "audio", "iframe", "aside", "script", "style", "table"}
)
#: What may end a run before another that starts a word, and what may start it, with no space between the runs.
_CLOSERS = frozenset(".,;:!?)]’”\"'")
_OPENERS = frozenset('“‘"(')
_WORD = re.compile(r"\w+")
_ASSIGNMENT = re.compile(r"=\s*(?=\{)")
_JSONML_TAG = re.compile(r"[a-z][a-z0-9-]{0,15}")
_CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
#: The rest of the JSON string literal a position is in; a string literal; the key a literal is the value of.
_REST_OF_LITERAL = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"')
_LITERAL = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_KEY_BEFORE = re.compile(r'"([^"\\]{1,40})"\s*:\s*$')
_PARSE_CALL = re.compile(
    r"""JSON\.parse\(\s*(?:'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)")\s*\)""", re.DOTALL
)
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_UPPER_HEX = re.compile(r"(?<=\\u)[0-9a-f]{4}")
#: A snippet of a paragraph that JSON writes as it is (or, non-ASCII, as \\u escapes): letters, digits, spaces.
_PLAIN_RUN = re.compile(r"[^\W_](?:[^\W_]| ){11,}")


class Continuation(NamedTuple):
    """Blocks the markup did not print, to go after its paragraph ``after``; with ``cut``, in place of that
    paragraph, which the markup printed cut short ("… the council said it would…")."""

    after: int
    paragraphs: list[str]
    cut: bool = False


def hidden_continuation(scripts: Sequence[str], paragraphs: Sequence[str], visible_text: str) -> Continuation | None:
    """The continuation of ``paragraphs`` (the markup's article) in the app state ``scripts`` carry, if any."""
    if not scripts or len(paragraphs) < MIN_MATCHED:
        return None
    # The article's first paragraphs: a headline, a byline or a date line may come before them.
    opening = _snippets(islice(_long(paragraphs), OPENING_PARAGRAPHS))
    closing = _snippets(paragraphs[: -CLOSING_PARAGRAPHS - 1 : -1])
    # Cheap tests on the script's text first: most states hold no article, or hold all of it where the page
    # prints it; only a state with hidden prose after the printed paragraphs is parsed.
    holding = [script for script in scripts if _holds_paragraphs(script, opening)]
    worth_parsing = [
        text
        for script in holding
        for text in _script_texts(script, opening)
        if _hides_prose_after(text, closing, visible_text)
    ]
    if not worth_parsing:
        return None
    keys = {key: index for index, paragraph in enumerate(paragraphs) if (key := _key(paragraph))}
    if len(keys) < MIN_MATCHED:
        return None
    opening_bound = sorted(keys.values())[:OPENING_PARAGRAPHS][-1]
    budget = [MAX_VALUES]
    most_matched = 0
    best: Continuation | None = None
    best_words = 0
    folded_visible = _fold(visible_text)
    for script in worth_parsing:
        for state in _states(script):
            for blocks in _block_lists(state, budget):
                found = _match(blocks, keys, paragraphs, opening_bound, budget)
                if found is None or found.matched < most_matched:
                    continue
                if found.matched > most_matched:  # the list holding the most printed paragraphs is the article's
                    most_matched, best, best_words = found.matched, None, 0
                rest = found.rest
                if rest is None or len(rest.paragraphs) < MIN_BLOCKS:
                    continue
                words = sum(map(word_count, rest.paragraphs))
                if words < MIN_WORDS or words <= best_words:
                    continue
                if any(_shown(text, folded_visible) for text in rest.paragraphs[rest.cut :]):
                    continue
                best, best_words = rest, words
    return best


class _Match(NamedTuple):
    """How many of the markup's paragraphs a list holds, and its blocks after the last of them, if they may be the
    article's continuation."""

    matched: int
    rest: Continuation | None


def _match(
    blocks: list[Any], keys: dict[str, int], paragraphs: Sequence[str], opening_bound: int, budget: list[int]
) -> _Match | None:
    """The markup's paragraphs in ``blocks``, when two or more are there, in order, one of the markup's first
    (up to ``opening_bound``) among them; a list whose first ``OPENING_BLOCKS`` blocks of text hold none of them
    is not the article's. The blocks after the last one are no continuation when the markup goes on printing
    prose after that paragraph (it was not cut there: the list is another story that opens as this one does)."""
    texts: list[str] = []
    matched: list[tuple[int, int]] = []  # (block, paragraph)
    opening = 0
    for block in blocks:
        if budget[0] <= 0:
            return None
        text = _block_text(block, budget)
        texts.append(text)
        if (key := _key(text)) in keys:
            matched.append((len(texts) - 1, keys[key]))
        elif text and not matched:
            opening += 1
            if opening == OPENING_BLOCKS:
                return None
    order = [paragraph for _, paragraph in matched]
    if len(matched) < MIN_MATCHED or order != sorted(order) or order[0] > opening_bound:
        return None
    printed_after = sum(word_count(paragraph) >= PRINTED_PROSE_WORDS for paragraph in paragraphs[order[-1] + 1 :])
    if printed_after >= PRINTED_PROSE_AFTER:
        return _Match(len(matched), None)
    rest = [text for text in texts[matched[-1][0] + 1 :] if text]
    following = order[-1] + 1
    if rest and following < len(paragraphs) and _cut_copy(paragraphs[following], rest[0]):
        return _Match(len(matched), Continuation(following, rest, cut=True))
    return _Match(len(matched), Continuation(order[-1], rest))


def _cut_copy(printed: str, block: str) -> bool:
    """Whether ``printed`` is ``block`` cut short with an ellipsis, as a paywall prints the last paragraph it shows."""
    stripped = printed.rstrip()
    if not stripped.endswith(_ELLIPSES):
        return False
    head = _fold(stripped.rstrip(".…"))
    return len(head.split()) >= MIN_KEY_WORDS and _fold(block).startswith(head)


def _long(paragraphs: Iterable[str]) -> Iterator[str]:
    """The paragraphs long enough to identify a block."""
    return (paragraph for paragraph in paragraphs if word_count(paragraph) >= MIN_KEY_WORDS)


def _snippets(paragraphs: Iterable[str]) -> list[tuple[str, str]]:
    """A run of each paragraph's letters and spaces, as it is and as JSON writes it with ``\\u`` escapes."""
    return [
        (snippet, json.dumps(snippet)[1:-1])
        for paragraph in paragraphs
        if (run := _PLAIN_RUN.search(paragraph)) and (snippet := run.group()[:SNIPPET_CHARS].strip())
    ]


def _find(script: str, snippet: tuple[str, str]) -> int:
    raw, escaped = snippet
    position = script.find(raw)
    if position >= 0 or escaped == raw:
        return position
    position = script.find(escaped)  # json.dumps writes "\u00e9"; .NET and others write "\u00E9"
    return position if position >= 0 else script.find(_UPPER_HEX.sub(lambda digits: digits.group().upper(), escaped))


def _holds_paragraphs(script: str, opening: list[tuple[str, str]]) -> bool:
    hits = 0
    for snippet in opening:
        hits += _find(script, snippet) >= 0
        if hits >= MIN_MATCHED:
            return True
    return False


def _hides_prose_after(script: str, closing: list[tuple[str, str]], visible_text: str) -> bool:
    """Whether strings of prose that the page does not print follow, in ``script``, the last of the markup's
    paragraphs it holds, under the same key as that paragraph (a caption, a summary or an author's bio after the
    article is under a key of its own)."""
    for snippet in closing:
        if (position := _find(script, snippet)) >= 0:
            break
    else:
        return False
    key = _key_before(script, _literal_start(script, position))
    literal_end = _REST_OF_LITERAL.match(script, position)
    start = literal_end.end() if literal_end else position
    checked = hidden = 0
    for literal in _literals(script, start, key):
        if len(literal) < MIN_LITERAL_CHARS:
            continue  # an identifier, a short label
        checked += 1
        if checked > PROSE_LITERALS:
            break
        try:
            text: str = json.loads(literal)
        except ValueError:
            continue
        if "<" in text:
            text = _TAG.sub(" ", text)
        text = " ".join(text.split())
        run = _PLAIN_RUN.search(text)
        if run and word_count(text) >= PROSE_WORDS and run.group()[:SNIPPET_CHARS].strip() not in visible_text:
            hidden += 1
            if hidden == HIDDEN_LITERALS:
                return True
    return False


def _literals(script: str, start: int, key: str | None) -> Iterator[str]:
    """The string literals in the ``PROSE_WINDOW`` characters after ``start`` that are values of ``key`` (array
    items when it is None)."""
    end = start + PROSE_WINDOW
    if key is None:
        for literal in _LITERAL.finditer(script, start, end):
            if _key_before(script, literal.start()) is None:
                yield literal.group()
        return
    for value in re.finditer(f'"{re.escape(key)}"\\s*:\\s*(?=")', script[start:end]):
        if found := _LITERAL.match(script, start + value.end()):
            yield found.group()


def _literal_start(script: str, position: int) -> int:
    """Where the JSON string literal holding ``position`` opens: its nearest quote before it not escaped."""
    quote = script.rfind('"', 0, position)
    for _ in range(MAX_ESCAPED_QUOTES):  # bounded: a literal of HTML holds escaped quotes by the thousand
        if quote <= 0 or script[quote - 1] != "\\":
            break
        quote = script.rfind('"', 0, quote - 1)
    return max(quote, 0)


def _key_before(script: str, literal_start: int) -> str | None:
    """The object key a string literal is the value of; None for an array's item."""
    found = _KEY_BEFORE.search(script, max(0, literal_start - KEY_LOOKBACK), literal_start)
    return found.group(1) if found else None


def _fold(text: str) -> str:
    """``text``'s words, lowercased, one space apart: inline markup and punctuation differ between the copies."""
    return " ".join(_WORD.findall(text.lower()))


def _key(text: str) -> str | None:
    return _fold(text) if word_count(text) >= MIN_KEY_WORDS else None


def _shown(text: str, folded_visible: str) -> bool:
    folded = _fold(text)
    return len(folded) >= SHOWN_CHARS and folded[:SHOWN_CHARS] in folded_visible


def _script_texts(script: str, opening: list[tuple[str, str]]) -> Iterator[str]:
    """The script, and the JSON each of its ``JSON.parse('…')`` calls reads from a string literal that holds the
    markup's first paragraphs (a state written so is escaped twice, and only its JSON shows the keys and quotes the
    text tests read)."""
    yield script
    if "JSON.parse(" not in script:
        return
    for call in islice(_PARSE_CALL.finditer(script), MAX_PARSE_CALLS):
        literal = call.group(1) if call.group(1) is not None else call.group(2)
        if len(literal) >= MIN_SCRIPT_CHARS and _holds_paragraphs(literal, opening):
            yield _js_string(literal)


def _js_string(literal: str) -> str:
    """A JavaScript string literal's value: JSON's string escapes are JavaScript's but for ``\\'``, ``\\x…``,
    ``\\v`` and ``\\0``, so JSON's decoder (in C) reads most, and the rest is read escape by escape."""
    try:
        value: str = json.loads(f'"{literal.replace(chr(92) + chr(39), chr(39))}"', strict=False)
        return value
    except ValueError:
        return _JS_ESCAPE.sub(_unescaped, literal)


def _unescaped(escape: re.Match[str]) -> str:
    code = escape.group(1)
    if code[0] in "ux" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _JS_ESCAPES.get(code, code)


def _states(script: str) -> Iterator[Any]:
    """The JSON a script holds: all of it, or the objects it assigns (``window.__STATE__ = {…}``)."""
    stripped = script.strip()
    if stripped[:1] in "{[":
        try:
            yield json.loads(stripped)
            return
        except (ValueError, RecursionError):
            pass
    decoder = json.JSONDecoder()
    for assignment in list(_ASSIGNMENT.finditer(script))[:MAX_ASSIGNMENTS]:
        try:
            value, _ = decoder.raw_decode(script, assignment.end())
        except (ValueError, RecursionError):
            continue
        yield value


def _is_jsonml(value: Any) -> bool:
    return (
        isinstance(value, list) and bool(value) and isinstance(value[0], str) and bool(_JSONML_TAG.fullmatch(value[0]))
    )


def _is_block(value: Any) -> bool:
    return isinstance(value, dict) or _is_jsonml(value)


def _block_lists(state: Any, budget: list[int]) -> Iterator[list[Any]]:
    """Lists of four or more values, four in five of them blocks (objects or JsonML elements)."""
    stack = [state]
    while stack and budget[0] > 0:
        value = stack.pop()
        budget[0] -= 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            if len(value) >= 4 and 5 * sum(map(_is_block, value)) >= 4 * len(value):
                yield value
            stack.extend(value)


def _not_prose(value: Any) -> bool:
    """An object or JsonML element whose type names what is not the article's prose (an ad, an image, an embed)."""
    if isinstance(value, dict):
        kind = next((value[key] for key in _TYPE_KEYS if isinstance(value.get(key), str)), None)
        return kind is not None and _NOT_PROSE.fullmatch(kind) is not None
    return _is_jsonml(value) and value[0] in _NOT_PROSE_TAGS


def _block_text(block: Any, budget: list[int]) -> str:
    """A block's text, tags dropped: a JsonML element's text nodes, or an object's strings under text keys, in
    order; "" for a block that is not prose by its type, or too long to be a paragraph."""
    parts: list[str] = []
    length = 0
    stack: list[tuple[str | None, Any]] = [(None, block)]
    while stack and budget[0] > 0:
        budget[0] -= 1
        key, value = stack.pop()
        if isinstance(value, str):
            if key in _TEXT_KEYS:
                parts.append(value)
                length += len(value)
                if length > MAX_BLOCK_CHARS:
                    return ""
        elif _not_prose(value):
            continue
        elif isinstance(value, dict):
            stack.extend(reversed(value.items()))
        elif _is_jsonml(value):  # ["tag", {attributes}?, child, …]: its strings past the tag are text
            stack.extend(("text", child) for child in reversed(value[1:]) if not isinstance(child, dict))
        elif isinstance(value, list):
            stack.extend((key, item) for item in reversed(value))
    text = _joined(parts)
    if "<" in text:  # Arc XP and others write a block's text as HTML
        text = _TAG.sub(" ", _CODE.sub(" ", text))
    return " ".join(html.unescape(text).split())


def _needs_space(left: str, right: str) -> bool:
    return (left.isalnum() or left in _CLOSERS) and (
        right.isupper() or right in _OPENERS or (right.isdigit() and left.isalpha())
    )


def _joined(parts: list[str]) -> str:
    """Text runs joined as written ("approve the " + "new budget" + "."), and with a space where one run ends a
    word and the next starts a capitalised one: the runs are then two blocks nested in this one (list items, a
    quote and its citation, the lines of a hard break), which no run's own spaces separate."""
    joined: list[str] = []
    for part in parts:
        if joined and part and _needs_space(joined[-1][-1:], part[0]):
            joined.append(" ")
        joined.append(part)
    return "".join(joined)
