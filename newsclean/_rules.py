"""Rule packs: TOML data, validated once at load, compiled once, stamped with a version.

A pack is a ``[pack]`` table (name, version, description) and a list of ``[[rule]]`` tables. Text patterns
are compiled with RE2, a linear-time engine, because users bring their own packs and one pathological
pattern must not hang a batch.

The regex dialect the patterns are written in (word classes, shared patterns) is set out in ``_rule_patterns``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tomllib
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import msgspec
import re2
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from ._exceptions import RuleError
from ._memo import memo_of_short_strings
from ._rule_patterns import (
    SHARED_PATTERNS_FILE,
    expand_shared,
    re2_reason,
    shared_patterns,
    unicode_word_classes,
)

MatchKind = Literal["regex", "phrase", "selector", "class_words"]
Scope = Literal["paragraph", "head", "tail", "block", "prefix", "ending"]

_RULE_ID = re2.compile(r"^[a-z0-9_]+(\.[a-z0-9_-]+)+$")
_RULE_ID_FORM = (
    "an id is 'family.name': parts joined by '.', each of ASCII lowercase letters (a-z), digits and '_',"
    " and '-' too after the first"
)
_LETTER_BESIDE_BOUNDARY = re2.compile(r"[^\x00-\x7f][)?*+]*\\b|\\b[(]*[^\x00-\x7f]")
_TRAILING_NOISE = "…. :!?-–—|»›>*•·\u00a0\t"


class PatternReferenceError(RuleError):
    """A rule's regex names a shared pattern, ``(?&name)``, that is not defined; ``name`` is the name it gave."""

    def __init__(self, message: str, *, pack: str | None, rule: str | None, name: str) -> None:
        super().__init__(message, pack=pack, rule=rule)
        self.name = name


class Examples(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    drop: tuple[str, ...]
    keep: tuple[str, ...]


class BlockSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """How far a block that starts at a matching paragraph reaches.

    When a paragraph matching ``end`` follows within ``max`` paragraphs, everything up to it goes. Otherwise
    the block extends over the following paragraphs that match ``continue``.
    """

    max: int = 12
    end: str | None = None
    continue_: str | None = msgspec.field(default=None, name="continue")


class RuleSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    category: str
    stage: Literal["dom", "text"]
    match: MatchKind
    pattern: str | tuple[str, ...]
    examples: Examples
    scope: Scope = "paragraph"
    max_words: int | None = None
    case_sensitive: bool = False
    flag: str | None = None
    block: BlockSpec | None = None
    #: DOM rules only: a box is removed only when its text matches this regex as well. For class words that name
    #: an appeal on one site and a help desk on another ("support-…").
    box_text: str | None = None
    #: Text rules only: a paragraph matching this regex as well stays. For the prose a pattern's words also start
    #: ("By Train", a travel guide's heading, beside the byline "By Jane Doe"); its keep examples show which.
    unless: str | tuple[str, ...] | None = None
    #: Text rules only: rules (by id, of any pack) that take a paragraph this rule matches too, though this rule comes
    #: first; for a line two categories share ("By Jane Doe • 5 min read" is a byline first, its names read from it).
    yields_to: tuple[str, ...] = ()
    #: Ending rules only: the heading is also a feature's subheading ("Share your story", "Author"), so what follows
    #: it stays when it reads as more of the article (``cleaners/_text.py``, ``ENDING_TAIL_SHARE``). Without it the
    #: heading ends the article whatever follows: an author box under "About the author" can be a quarter of a short
    #: piece, and it is a bio all the same.
    article_may_go_on: bool = False
    description: str = ""


class PackHeader(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    version: str
    description: str = ""


# The text cleaner folds each paragraph once per phrase rule; a small memo of this pure function makes that
# once per paragraph, and stays small however long the batch (256 entries of at most 4,096 characters).
@memo_of_short_strings(maxsize=256, max_chars=4096)
def fold_phrase(text: str) -> str:
    """The form phrases are compared in: NFKC, case-folded, typographic quotes and dashes as their ASCII forms,
    inner whitespace collapsed, trailing punctuation and ellipses dropped ("Like this:" == "like this"; a title
    "Council's new budget" == its body's "Council’s new budget")."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().translate(_TYPOGRAPHIC_MARKS).split())
    return folded.rstrip(_TRAILING_NOISE).lstrip("•·*- ")


# NFKC leaves curly quotes, primes and dashes as they are; a page's title and its body, or a rule and the page,
# often write the same phrase with different ones.
_TYPOGRAPHIC_MARKS = str.maketrans(
    dict.fromkeys("‘’‚‛′", "'") | dict.fromkeys("“”„‟″", '"') | dict.fromkeys("‐‑‒–—―", "-")
)


class CompiledRule:
    """A validated rule, ready to apply. Cleaners read these; they never see raw TOML."""

    __slots__ = (
        "block_continue",
        "block_end",
        "block_max",
        "box_text",
        "pack",
        "pattern_source",
        "phrases",
        "regex",
        "selector",
        "shipped",
        "source",
        "spec",
        "token_regex",
        "unless",
    )

    def __init__(self, spec: RuleSpec, pack: str, source: str | None = None, *, shipped: bool = False) -> None:
        self.spec = spec
        self.pack = pack
        #: The file the rule was read from: two packs copied from one template share their name.
        self.source = source or pack
        #: Whether the rule is one of newsclean's own (``default_rules``).
        self.shipped = shipped
        self.regex: Any = None
        self.token_regex: Any = None
        self.pattern_source = ""
        self.phrases: frozenset[str] = frozenset()
        self.selector: str | None = None
        self.block_end: Any = None
        self.block_continue: Any = None
        self.block_max = spec.block.max if spec.block else 0
        self.box_text: Any = self._compile("box_text", (spec.box_text,)) if spec.box_text else None
        self.unless: Any = None
        if spec.unless:
            if spec.stage != "text":
                raise self.error("'unless' is for text rules (a dom rule has box_text)")
            exceptions = (spec.unless,) if isinstance(spec.unless, str) else spec.unless
            self.unless = self._compile("unless", exceptions, unicode_word_classes(_joined(exceptions)))
        patterns = (spec.pattern,) if isinstance(spec.pattern, str) else spec.pattern
        if not patterns or not all(patterns):
            raise self.error("pattern must be a non-empty string or list of strings")
        if spec.match == "phrase":
            self.phrases = frozenset(fold_phrase(p) for p in patterns)
        elif spec.match == "selector":
            self.selector = ", ".join(patterns)
            self._check_selector(self.selector)
        else:
            self.pattern_source = unicode_word_classes(_joined(patterns))
            self.regex = self._compile("pattern", patterns, self.pattern_source)
            if spec.match == "class_words":
                # One search over all of a page's class/id tokens, one per line: ^ and $ are token edges.
                self.token_regex = self._compile("pattern", patterns, f"(?m)^[^\n]*(?:{self.pattern_source})[^\n]*$")
        if spec.block:
            if spec.scope != "block":
                raise self.error("a [block] table needs scope = 'block'")
            if spec.block.end:
                self.block_end = self._compile("block.end", (spec.block.end,))
            if spec.block.continue_:
                self.block_continue = self._compile("block.continue", (spec.block.continue_,))

    def error(self, message: str) -> RuleError:
        """A ``RuleError`` naming this rule, its pack and the pack's file."""
        return pack_error(message, self.pack, self.source, self.spec.id)

    def _compile(self, field: str, items: Sequence[str], source: str | None = None) -> Any:
        """``field``'s patterns as one RE2 regex: ``source`` (the items OR-ed, word classes widened), by default
        the one item's."""
        for item in items:
            boundary = _LETTER_BESIDE_BOUNDARY.search(item)
            if boundary is not None and any(not char.isascii() and char.isalpha() for char in boundary.group()):
                raise self.error(
                    rf"{field}: \b beside the non-ASCII letter in “{boundary.group()}” never matches (RE2's \b is"
                    r" ASCII only); write (\s|$) or \W instead"
                )
        try:
            return re2.compile(unicode_word_classes(items[0]) if source is None else source, self._options())
        except re2.error as exc:
            raise self._not_compiling(field, items, exc) from None

    def _not_compiling(self, field: str, items: Sequence[str], exc: re2.error) -> RuleError:
        # RE2 quotes what it was given: the list OR-ed, its word classes widened, as bytes. The user wrote one
        # item of it, so that item is found and RE2's complaint about it quoted.
        for number, item in enumerate(items, 1):
            problem = self._problem(item) or self._problem(unicode_word_classes(item))
            if problem is not None:
                which = f"{field} item {number} of {len(items)}" if len(items) > 1 else field
                return self.error(f"{which} {item!r} does not compile: {problem}")
        what = f"{field} ({len(items)} items OR-ed)" if len(items) > 1 else field
        return self.error(f"{what} does not compile: {re2_reason(exc)}")

    def _problem(self, pattern: str) -> str | None:
        try:
            re2.compile(pattern, self._options())
        except re2.error as exc:
            return re2_reason(exc)
        return None

    def _options(self) -> Any:
        options = re2.Options()
        options.log_errors = False
        options.case_sensitive = self.spec.case_sensitive
        return options

    def _check_selector(self, selector: str) -> None:
        try:
            LexborHTMLParser("<p></p>").css(selector)
        except (SelectolaxError, ValueError) as exc:
            raise self.error(f"invalid CSS selector {selector!r}: {exc}") from None

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def category(self) -> str:
        return self.spec.category

    def matches_text(self, paragraph: str) -> bool:
        if self.spec.max_words is not None and len(paragraph.split()) > self.spec.max_words:
            return False
        if self.spec.match == "phrase":
            matched = fold_phrase(paragraph) in self.phrases
        else:
            matched = self.regex.search(paragraph) is not None
        return matched and not self.excepts(paragraph)

    def excepts(self, paragraph: str) -> bool:
        """Whether the rule's ``unless`` regex keeps this paragraph although its pattern matched."""
        return self.unless is not None and self.unless.search(paragraph) is not None

    def matching_tokens(self, tokens: Iterable[str]) -> set[str]:
        """The class/id tokens (lowercase, without newlines) that this class_words rule matches."""
        return {match.group(0) for match in self.token_regex.finditer("\n".join(tokens))}

    @property
    def set_pattern(self) -> str:
        """The pattern as an entry of a case-sensitive RE2 set (case folding made inline)."""
        return self.pattern_source if self.spec.case_sensitive else f"(?i:{self.pattern_source})"


def _joined(items: Sequence[str]) -> str:
    return "|".join(f"(?:{item})" for item in items)


def _with_shared_patterns(
    spec: RuleSpec, shared: Mapping[str, str], used: set[str], error: Callable[[str, str], RuleError]
) -> RuleSpec:
    """``spec`` with the shared patterns its regexes name written in (a phrase or a selector is not a regex: a
    "(?&" in it is text)."""

    def expand(value: str | None) -> str | None:
        return None if value is None else expand_shared(value, shared, used, error)

    def expand_all(value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        if isinstance(value, str):
            return expand_shared(value, shared, used, error)
        return tuple(expand_shared(item, shared, used, error) for item in value)

    changes: dict[str, Any] = {}
    if spec.match in ("regex", "class_words"):
        changes["pattern"] = expand_all(spec.pattern)
    if spec.unless is not None:
        changes["unless"] = expand_all(spec.unless)
    if spec.box_text is not None:
        changes["box_text"] = expand(spec.box_text)
    if spec.block is not None:
        changes["block"] = msgspec.structs.replace(
            spec.block, end=expand(spec.block.end), continue_=expand(spec.block.continue_)
        )
    return msgspec.structs.replace(spec, **changes)


def pack_error(message: str, pack: str, source: str | None, rule: str | None = None) -> RuleError:
    """A ``RuleError`` naming the pack and, when it is not the pack's name, the file it was read from."""
    where = f" (pack file {source})" if source and source != pack else ""
    return RuleError(message + where, pack=pack, rule=rule)


def combined_error(message: str, rules: Sequence[CompiledRule]) -> RuleError:
    """A ``RuleError`` for rules that fail only together: it names the packs (and files) not shipped with newsclean,
    since the shipped ones combine, or all of them when every rule is shipped."""
    own = [rule for rule in rules if not rule.shipped] or list(rules)
    packs = dict.fromkeys(rule.pack for rule in own)
    files = dict.fromkeys(rule.source for rule in own)
    return pack_error(message, ", ".join(packs), ", ".join(files))


class RuleSet:
    """Rules from one or more packs, split by stage, in load order. Immutable once built."""

    def __init__(self, rules: Sequence[CompiledRule], versions: Sequence[str]) -> None:
        self.rules = tuple(rules)
        self.version = ",".join(versions)
        self.dom = tuple(r for r in self.rules if r.spec.stage == "dom")
        self.text = tuple(r for r in self.rules if r.spec.stage == "text")
        self.by_id = {r.id: r for r in self.rules}

    def __len__(self) -> int:
        return len(self.rules)

    def only(self, rule_id: str) -> RuleSet:
        """A rule set holding one rule: for testing a rule in isolation."""
        rule = self.by_id[rule_id]
        return RuleSet([rule], [self.version])

    def __add__(self, other: object) -> RuleSet:
        if not isinstance(other, RuleSet):
            return NotImplemented  # Python's TypeError names both operands; a path is added with load_pack()
        return _merge([self, other])


def _merge(sets: Sequence[RuleSet]) -> RuleSet:
    rules: list[CompiledRule] = []
    seen: dict[str, CompiledRule] = {}
    for rule_set in sets:
        for rule in rule_set.rules:
            if rule.id in seen:
                first = seen[rule.id]
                raise rule.error(f"duplicate rule id (also in pack {first.pack!r}, file {first.source})")
            seen[rule.id] = rule
            rules.append(rule)
    return RuleSet(rules, [v for s in sets for v in s.version.split(",") if v])


def parse_pack(
    source: str | bytes,
    name: str,
    *,
    path: str | None = None,
    shipped: bool = False,
    shared: Mapping[str, str] | None = None,
) -> RuleSet:
    """Validate and compile one pack from its TOML text; ``name`` (its file's name) and ``path`` (the file, when
    it is more than its name) are used in error messages. Its regexes' ``(?&name)`` references name the patterns of
    ``shared`` (by default ``shared_patterns()``, newsclean's own)."""
    file = path or name
    shared = shared_patterns() if shared is None else shared
    used: set[str] = set()
    try:
        # Notepad and PowerShell save UTF-8 with a byte order mark, which TOML has no place for.
        raw = tomllib.loads(source.decode("utf-8-sig") if isinstance(source, bytes) else source.removeprefix("\ufeff"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise pack_error(f"not valid TOML: {exc}", name, file) from None
    try:
        header = msgspec.convert(raw.get("pack"), PackHeader)
    except msgspec.ValidationError as exc:
        raise pack_error(f"[pack] table: {exc}", name, file) from None

    def error(message: str, rule: str | None = None) -> RuleError:
        return pack_error(message, header.name, file, rule)

    raw_rules = raw.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise error("a pack needs at least one [[rule]]")
    compiled: list[CompiledRule] = []
    ids: set[str] = set()
    for index, raw_rule in enumerate(raw_rules):
        rule_name = str(raw_rule.get("id", f"rule #{index + 1}")) if isinstance(raw_rule, dict) else f"#{index}"
        if isinstance(raw_rule, dict) and "lang" in raw_rule:
            # It was in the schema and never read: a "German-only" rule removed English text.
            raise error(
                "'lang' is not supported: a rule applies to every page, whatever its language (keep a pack for"
                " one language's pages and load it only when cleaning those)",
                rule_name,
            )
        try:
            spec = msgspec.convert(raw_rule, RuleSpec)
        except msgspec.ValidationError as exc:
            raise error(str(exc), rule_name) from None
        if not _RULE_ID.match(spec.id):
            raise error(f"id {spec.id!r} is not allowed: {_RULE_ID_FORM}", spec.id)
        if spec.id in ids:
            raise error("duplicate rule id", spec.id)
        ids.add(spec.id)
        if not spec.examples.drop or not spec.examples.keep:
            raise error("examples.drop and examples.keep must both be non-empty", spec.id)
        if spec.stage == "dom" and spec.match not in ("selector", "class_words"):
            raise error("dom rules match by 'selector' or 'class_words'", spec.id)
        if spec.box_text is not None and spec.stage != "dom":
            raise error("box_text applies to dom rules only", spec.id)
        if spec.yields_to and spec.stage != "text":
            raise error("yields_to applies to text rules only", spec.id)
        if spec.stage == "text" and spec.match not in ("regex", "phrase"):
            raise error("text rules match by 'regex' or 'phrase'", spec.id)
        if spec.scope == "block" and spec.block is None:
            raise error("scope = 'block' needs a [block] table", spec.id)
        if spec.scope == "prefix" and spec.match != "regex":
            raise error("scope = 'prefix' needs a regex", spec.id)
        idle = _key_without_effect(spec, raw_rule)
        if idle is not None:
            raise error(idle, spec.id)

        def unknown(message: str, pattern_name: str, rule: str = spec.id) -> RuleError:
            where = f" (pack file {file})" if file != header.name else ""
            return PatternReferenceError(message + where, pack=header.name, rule=rule, name=pattern_name)

        spec = _with_shared_patterns(spec, shared, used, unknown)
        compiled.append(CompiledRule(spec, header.name, file, shipped=shipped))
    # The declared version alone did not follow every edit of a pack: the digest of its text does, so two
    # records with the same ``rules_version`` were cleaned by the same rules.
    text = source if isinstance(source, bytes) else source.encode("utf-8")
    # A shared pattern's edit is an edit of the packs that use it. (A pack that uses none keeps its digest.)
    text += "".join(f"\0{key}={shared[key]}" for key in sorted(used)).encode("utf-8")
    digest = hashlib.sha256(text).hexdigest()[:8]
    return RuleSet(compiled, [f"{header.name}@{header.version}+{digest}"])


_CASE_BLIND = {
    "phrase": "phrases are compared case-folded (a regex tells case apart)",
    "class_words": "class and id tokens are compared in lowercase, so an uppercase letter of the pattern never matches",
    "selector": "CSS decides (an attribute selector's i or s flag)",
}


def _key_without_effect(spec: RuleSpec, keys: Collection[str]) -> str | None:
    """Why a key the rule sets would change nothing (None: each does something). A key that silently does nothing
    reads as a rule doing what it does not: a dom rule "limited" to the tail, a phrase "matched" case-sensitively."""
    if spec.stage == "dom":
        for key in ("scope", "max_words", "flag"):
            if key in keys:
                return f"{key} has no effect on a dom rule: it removes a box before extraction, wherever the box is"
    if spec.flag is not None and spec.scope != "prefix":
        return "flag has no effect unless scope = 'prefix': the flag records the marker a prefix rule strips"
    if spec.scope == "prefix":
        for key, given in (("max_words", spec.max_words is not None), ("yields_to", bool(spec.yields_to))):
            if given:
                return f"{key} has no effect with scope = 'prefix': the marker is stripped before paragraphs are taken"
    if spec.case_sensitive and spec.match != "regex":
        return f"case_sensitive = true has no effect on a {spec.match} rule: {_CASE_BLIND[spec.match]}"
    if spec.id in spec.yields_to:
        return "yields_to names the rule itself"
    if spec.article_may_go_on and spec.scope != "ending":
        return "article_may_go_on has no effect unless scope = 'ending': it tells what follows an ending heading"
    return None


def load_pack(path: str | os.PathLike[str]) -> RuleSet:
    """Load a user's pack from a file. Its examples are tests: a rule that leaves one of its ``examples.drop`` or
    removes one of its ``examples.keep`` (each tried on the rule alone) is a ``RuleError`` naming it."""
    from ._rule_examples import example_failures  # the cleaners it runs import this module

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read rule pack: {exc}", pack=str(path)) from None
    pack = parse_pack(data, path.name, path=str(path))
    failures = example_failures(pack)
    if failures:
        first = failures[0]
        more = f" (and {len(failures) - 1} more example(s) in this pack)" if len(failures) > 1 else ""
        raise pack.by_id[first.rule].error(first.describe() + more)
    return pack


def load_packs(paths: Iterable[str | os.PathLike[str]]) -> RuleSet:
    """The packs of ``paths`` together, each loaded as ``load_pack`` loads it; what they name of rules not among
    them (``yields_to``) is checked once they are combined with the rest (``resolve_rules``)."""
    return _merge([load_pack(path) for path in paths])


@functools.cache
def default_rules() -> RuleSet:
    """The packs shipped in ``newsclean/rules``, in file-name order (not ``_shared.toml``, the patterns they share).
    Compiled once per process."""
    files = sorted(
        (
            entry
            for entry in resources.files("newsclean.rules").iterdir()
            if entry.name.endswith(".toml") and entry.name != SHARED_PATTERNS_FILE
        ),
        key=lambda entry: entry.name,
    )
    return _merge([parse_pack(entry.read_bytes(), entry.name, shipped=True) for entry in files])


RulesArg = RuleSet | str | Path | Sequence[str | Path] | None


def check_rules_arg(rules: object) -> None:
    """A ``TypeError`` naming ``rules`` when it is none of the things ``rules=`` takes."""
    if rules is None or isinstance(rules, RuleSet | str | os.PathLike):
        return
    accepted = "None (the built-in packs), a RuleSet, or a rule pack's path (str or pathlib.Path) or a list of them"
    if not isinstance(rules, Sequence) or isinstance(rules, bytes | bytearray):
        raise TypeError(f"rules must be {accepted}, got {type(rules).__name__}")
    for index, item in enumerate(rules):
        if not isinstance(item, str | os.PathLike):
            raise TypeError(
                f"rules[{index}] must be a rule pack's path (str or pathlib.Path), got {type(item).__name__}"
            )


def resolve_rules(rules: RulesArg) -> RuleSet:
    """Accept what users pass as ``rules=``: None (the defaults), a RuleSet, or pack file path(s).

    Paths *replace* the defaults; to extend them, pass ``default_rules() + load_pack(path)``. A rule of a user's
    pack whose ``yields_to`` names no rule of the set is a ``RuleError``.
    """
    check_rules_arg(rules)
    if rules is None:
        return default_rules()
    if isinstance(rules, RuleSet):
        rule_set = rules
    elif isinstance(rules, str | os.PathLike):
        rule_set = load_pack(rules)
    else:
        rule_set = load_packs(rules)
    check_yields_to(rule_set)
    return rule_set


def check_yields_to(rules: RuleSet) -> None:
    """Each ``yields_to`` of a user's rule names a rule of ``rules``: a typo would leave the rule taking every line it
    was meant to yield. A shipped rule's names a shipped rule (the tests see to it), which a set built of some of
    the shipped rules may leave out: that rule then has nothing to yield to, as on its own."""
    for rule in rules.rules:
        if rule.shipped:
            continue
        for target in rule.spec.yields_to:
            if target not in rules.by_id:
                built_in = target in default_rules().by_id
                why = (
                    "a rule of the built-in packs, which these rules replace (add to them instead: --extra-rules,"
                    " or default_rules() + load_pack(...))"
                    if built_in
                    else "no rule of the packs in use has that id"
                )
                raise rule.error(f"yields_to names {target!r}: {why}")


def checked_rules(rules: RulesArg) -> RuleSet:
    """``resolve_rules``, and the check the ``Pipeline`` makes when it combines the text rules into one RE2 set:
    for a caller that hands the rules on (to batch workers, to a command) and must fail before they do."""
    from .cleaners import DomCleaner, TextCleaner  # they import this module

    rule_set = resolve_rules(rules)
    if rules is not None:  # the shipped packs combine (every Pipeline() builds them)
        TextCleaner(rule_set)
        try:
            DomCleaner(rule_set)
        except re2.error:
            # The dom cleaner raises RE2's own error, which a Pipeline passes on; this names the packs instead.
            raise combined_error(
                "the class_words patterns of the dom rules are too large to combine into one RE2 set", rule_set.dom
            ) from None
    return rule_set
