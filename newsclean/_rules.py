"""Rule packs: TOML data, validated once at load, compiled once, stamped with a version.

A pack is a ``[pack]`` table (name, version, description) and a list of ``[[rule]]`` tables. Text patterns
are compiled with RE2, a linear-time engine, because users bring their own packs and one pathological
pattern must not hang a batch.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import msgspec
import re2
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from ._exceptions import RuleError
from ._memo import memo_of_short_strings

MatchKind = Literal["regex", "phrase", "selector", "class_words"]
Scope = Literal["paragraph", "head", "tail", "block", "prefix", "ending"]

_RULE_ID = re2.compile(r"^[a-z0-9_]+(\.[a-z0-9_-]+)+$")
# RE2's \w, \W and [A-Z] are ASCII only, so a name pattern such as "By [A-Z][\w.-]*" missed "By José García"
# and "By Łukasz Nowak". Rule patterns get wider classes: any script's capitals for [A-Z], and for \w the letters
# of the scripts the packs are written for (Latin with its extensions and combining accents, Greek, Cyrillic).
# Not \p{L}: its 600-odd ranges, case-folded in every case-insensitive rule, took a second to compile per process.
_WORD_CLASS = (
    r"0-9A-Za-z_\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{024F}\x{0300}-\x{03FF}\x{0400}-\x{04FF}\x{1E00}-\x{1EFF}"
)
_LETTER_BESIDE_BOUNDARY = re2.compile(r"[^\x00-\x7f][)?*+]*\\b|\\b[(]*[^\x00-\x7f]")
_TRAILING_NOISE = "…. :!?-–—|»›>*•·\u00a0\t"


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
    lang: tuple[str, ...] = ()
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
        "spec",
        "token_regex",
        "unless",
    )

    def __init__(self, spec: RuleSpec, pack: str) -> None:
        self.spec = spec
        self.pack = pack
        self.regex: Any = None
        self.token_regex: Any = None
        self.pattern_source = ""
        self.phrases: frozenset[str] = frozenset()
        self.selector: str | None = None
        self.block_end: Any = None
        self.block_continue: Any = None
        self.block_max = spec.block.max if spec.block else 0
        self.box_text: Any = _compile(spec.box_text, spec, pack) if spec.box_text else None
        self.unless: Any = None
        if spec.unless:
            if spec.stage != "text":
                raise RuleError("'unless' is for text rules (a dom rule has box_text)", pack=pack, rule=spec.id)
            exceptions = (spec.unless,) if isinstance(spec.unless, str) else spec.unless
            self.unless = _compile("|".join(f"(?:{p})" for p in exceptions), spec, pack)
        patterns = (spec.pattern,) if isinstance(spec.pattern, str) else spec.pattern
        if not patterns or not all(patterns):
            raise RuleError("pattern must be a non-empty string or list of strings", pack=pack, rule=spec.id)
        if spec.match == "phrase":
            self.phrases = frozenset(fold_phrase(p) for p in patterns)
        elif spec.match == "selector":
            self.selector = ", ".join(patterns)
            _check_selector(self.selector, pack, spec.id)
        else:
            self.pattern_source = unicode_word_classes("|".join(f"(?:{p})" for p in patterns))
            self.regex = _compile(self.pattern_source, spec, pack)
            if spec.match == "class_words":
                # One search over all of a page's class/id tokens, one per line: ^ and $ are token edges.
                self.token_regex = _compile(f"(?m)^[^\n]*(?:{self.pattern_source})[^\n]*$", spec, pack)
        if spec.block:
            if spec.scope != "block":
                raise RuleError("a [block] table needs scope = 'block'", pack=pack, rule=spec.id)
            if spec.block.end:
                self.block_end = _compile(spec.block.end, spec, pack)
            if spec.block.continue_:
                self.block_continue = _compile(spec.block.continue_, spec, pack)

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


def unicode_word_classes(pattern: str) -> str:
    """``pattern`` with each ``\\w`` (and, outside brackets, each ``\\W``) taking in accented Latin, Greek and
    Cyrillic letters, and each ``[A-Z]`` any script's capitals. A ``\\W`` inside brackets stays ASCII's: it
    already takes in every non-ASCII character, and a class cannot subtract letters from it. ``\\b`` has no
    Unicode form in RE2, so a pattern must not put it next to a non-ASCII letter."""
    parts: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
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


def _compile(pattern: str, spec: RuleSpec, pack: str) -> Any:
    boundary = _LETTER_BESIDE_BOUNDARY.search(pattern)
    if boundary is not None and any(not char.isascii() and char.isalpha() for char in boundary.group()):
        raise RuleError(
            rf"\b beside the non-ASCII letter in “{boundary.group()}” never matches (RE2's \b is ASCII only);"
            r" write (\s|$) or \W instead",
            pack=pack,
            rule=spec.id,
        )
    pattern = unicode_word_classes(pattern)
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = spec.case_sensitive
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise RuleError(f"pattern does not compile: {exc}", pack=pack, rule=spec.id) from None


def _check_selector(selector: str, pack: str, rule: str) -> None:
    try:
        LexborHTMLParser("<p></p>").css(selector)
    except (SelectolaxError, ValueError) as exc:
        raise RuleError(f"invalid CSS selector {selector!r}: {exc}", pack=pack, rule=rule) from None


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

    def __add__(self, other: RuleSet) -> RuleSet:
        return _merge([self, other])


def _merge(sets: Sequence[RuleSet]) -> RuleSet:
    rules: list[CompiledRule] = []
    seen: dict[str, str] = {}
    for rule_set in sets:
        for rule in rule_set.rules:
            if rule.id in seen:
                raise RuleError(f"duplicate rule id (also in pack {seen[rule.id]!r})", pack=rule.pack, rule=rule.id)
            seen[rule.id] = rule.pack
            rules.append(rule)
    return RuleSet(rules, [v for s in sets for v in s.version.split(",") if v])


def parse_pack(source: str | bytes, name: str) -> RuleSet:
    """Validate and compile one pack from its TOML text; ``name`` is used in error messages."""
    try:
        raw = tomllib.loads(source.decode("utf-8") if isinstance(source, bytes) else source)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"not valid TOML: {exc}", pack=name) from None
    try:
        header = msgspec.convert(raw.get("pack"), PackHeader)
    except msgspec.ValidationError as exc:
        raise RuleError(f"[pack] table: {exc}", pack=name) from None
    raw_rules = raw.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError("a pack needs at least one [[rule]]", pack=header.name)
    compiled: list[CompiledRule] = []
    ids: set[str] = set()
    for index, raw_rule in enumerate(raw_rules):
        rule_name = str(raw_rule.get("id", f"rule #{index + 1}")) if isinstance(raw_rule, dict) else f"#{index}"
        try:
            spec = msgspec.convert(raw_rule, RuleSpec)
        except msgspec.ValidationError as exc:
            raise RuleError(str(exc), pack=header.name, rule=rule_name) from None
        if not _RULE_ID.match(spec.id):
            raise RuleError("id must look like 'family.name' (lowercase)", pack=header.name, rule=spec.id)
        if spec.id in ids:
            raise RuleError("duplicate rule id", pack=header.name, rule=spec.id)
        ids.add(spec.id)
        if not spec.examples.drop or not spec.examples.keep:
            raise RuleError("examples.drop and examples.keep must both be non-empty", pack=header.name, rule=spec.id)
        if spec.stage == "dom" and spec.match not in ("selector", "class_words"):
            raise RuleError("dom rules match by 'selector' or 'class_words'", pack=header.name, rule=spec.id)
        if spec.box_text is not None and spec.stage != "dom":
            raise RuleError("box_text applies to dom rules only", pack=header.name, rule=spec.id)
        if spec.yields_to and spec.stage != "text":
            raise RuleError("yields_to applies to text rules only", pack=header.name, rule=spec.id)
        if spec.stage == "text" and spec.match not in ("regex", "phrase"):
            raise RuleError("text rules match by 'regex' or 'phrase'", pack=header.name, rule=spec.id)
        if spec.scope == "block" and spec.block is None:
            raise RuleError("scope = 'block' needs a [block] table", pack=header.name, rule=spec.id)
        if spec.scope == "prefix" and spec.match != "regex":
            raise RuleError("scope = 'prefix' needs a regex", pack=header.name, rule=spec.id)
        compiled.append(CompiledRule(spec, header.name))
    # The declared version alone did not follow every edit of a pack: the digest of its text does, so two
    # records with the same ``rules_version`` were cleaned by the same rules.
    text = source if isinstance(source, bytes) else source.encode("utf-8")
    digest = hashlib.sha256(text).hexdigest()[:8]
    return RuleSet(compiled, [f"{header.name}@{header.version}+{digest}"])


def load_pack(path: str | Path) -> RuleSet:
    """Load a user's pack from a file. Its examples are tests: a rule that leaves one of its ``examples.drop`` or
    removes one of its ``examples.keep`` (each tried on the rule alone) is a ``RuleError`` naming it."""
    from ._rule_examples import example_failures  # the cleaners it runs import this module

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read rule pack: {exc}", pack=str(path)) from None
    pack = parse_pack(data, path.name)
    failures = example_failures(pack)
    if failures:
        first = failures[0]
        more = f" (and {len(failures) - 1} more example(s) in this pack)" if len(failures) > 1 else ""
        raise RuleError(first.describe() + more, pack=pack.rules[0].pack, rule=first.rule)
    return pack


@functools.cache
def default_rules() -> RuleSet:
    """The packs shipped in ``newsclean/rules``, in file-name order. Compiled once per process."""
    files = sorted(
        (entry for entry in resources.files("newsclean.rules").iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
    return _merge([parse_pack(entry.read_bytes(), entry.name) for entry in files])


RulesArg = RuleSet | str | Path | Sequence[str | Path] | None


def resolve_rules(rules: RulesArg) -> RuleSet:
    """Accept what users pass as ``rules=``: None (the defaults), a RuleSet, or pack file path(s).

    Paths *replace* the defaults; to extend them, pass ``default_rules() + load_pack(path)``.
    """
    if rules is None:
        return default_rules()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, str | Path):
        return load_pack(rules)
    return _merge([load_pack(p) for p in rules])
