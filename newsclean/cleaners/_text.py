"""The rule-pack text cleaner: applies ``stage = "text"`` rules to a list of paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import re2

from .._exceptions import RuleError
from .._models import Removal
from .._rules import CompiledRule, RuleSet, combined_error, fold_phrase

_NOT_ASCII_ALNUM = bytes(byte for byte in range(128) if not chr(byte).isalnum())

# How many paragraphs count as the head and the tail of an article for rules scoped there.
HEAD_PARAGRAPHS = 3
TAIL_PARAGRAPHS = 6
#: The memory budget of the regex set's DFA. With RE2's default (8 MiB) the set's DFA outgrows its cache and is
#: rebuilt again and again: the same matches, several times slower (74,500 dev-set paragraphs: 0.63 s at
#: 8 MiB, 0.32 s at 32 MiB, 0.13 s at 64 MiB). The cache never grows past this budget, so memory stays flat.
#: The rules outgrew 64 MiB in their turn: over the 80,472 paragraphs the pipeline extracts from the three gold
#: sets, 0.77 s at 64 MiB against 0.35 s at 128 MiB, for 5 MB more of the process's memory once all are cleaned.
REGEX_SET_MAX_MEM = 128 << 20
#: Rules with scope "ending" mark the end of the article ("Further reading", "About the author"). Found in the
#: second half of the text and at most ENDING_REACH paragraphs from its end, such a heading takes every
#: paragraph after it along; anywhere else only the heading goes, so a long piece is never cut short.
ENDING_REACH = 25
#: ...unless the rule says the heading may be a subheading (``article_may_go_on``: "Share your story", "Author" and
#: "More to explore" head sections of features too) and what follows it reads as more of the article: the paragraphs
#: after it hold more than this share of the text's words and at least half of them are prose (``_PROSE_WORDS`` words
#: or more, ending as a sentence ends). Headings that only ever open apparatus ("About the author", "Footnotes") end
#: the article whatever follows: a bio can be a quarter of a short piece.
ENDING_TAIL_SHARE = 0.25
_PROSE_WORDS = 15
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "»", "。", "！", "？")


class TextCleanResult(NamedTuple):
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...]
    flags: tuple[str, ...]
    title: str | None
    #: For each kept paragraph, its index in the input (lets callers map kept text back to its source).
    kept_indices: tuple[int, ...]


class TextCleaner:
    """Drops paragraphs matched by text rules; strips marker prefixes (keeping them as flags)."""

    def __init__(self, rules: RuleSet) -> None:
        self._prefix_rules = tuple(r for r in rules.text if r.spec.scope == "prefix")
        self._line_rules = tuple(r for r in rules.text if r.spec.scope != "prefix")
        # One RE2 set search per paragraph says which regex rules can match; the Python wrapper's per-call
        # cost makes one search per rule per paragraph several times slower.
        self._regex_rules = tuple(r for r in self._line_rules if r.spec.match == "regex")
        self._regex_set: Any = None
        if self._regex_rules:
            options = re2.Options()
            options.log_errors = False
            options.max_mem = REGEX_SET_MAX_MEM
            self._regex_set = re2.Set.SearchSet(options)
            try:
                for rule in self._regex_rules:
                    self._regex_set.Add(rule.set_pattern)
                self._regex_set.Compile()
            except re2.error:
                raise _too_large(self._regex_rules) from None
        # Which phrase rules list each folded phrase, so a paragraph is looked up once instead of once per rule.
        self._phrase_rules: dict[str, list[CompiledRule]] = {}
        for rule in self._line_rules:
            if rule.spec.match == "phrase":
                for phrase in rule.phrases:
                    self._phrase_rules.setdefault(phrase, []).append(rule)
        # Rules are tried in pack order; a paragraph's candidates are sorted back into it.
        self._rank = {rule: rank for rank, rule in enumerate(self._line_rules)}
        self._longest_phrase = max(map(len, self._phrase_rules), default=0)

    def clean(self, paragraphs: Sequence[str], title: str | None = None) -> TextCleanResult:
        removed: list[Removal] = []
        flags: list[str] = []
        paragraphs = list(paragraphs)
        if title is not None:
            title = self._strip_prefixes(title, removed, flags, paragraph=None)
        if paragraphs:
            paragraphs[0] = self._strip_prefixes(paragraphs[0], removed, flags, paragraph=0)

        owners = self._assign_owners(paragraphs)
        kept: list[str] = []
        kept_indices: list[int] = []
        for index, (paragraph, owner) in enumerate(zip(paragraphs, owners, strict=True)):
            if owner is not None:
                removed.append(Removal(owner.id, owner.category, "text", paragraph, index))
            elif paragraph:
                kept.append(paragraph)
                kept_indices.append(index)
        return TextCleanResult(tuple(kept), tuple(removed), tuple(dict.fromkeys(flags)), title, tuple(kept_indices))

    def _strip_prefixes(self, text: str, removed: list[Removal], flags: list[str], *, paragraph: int | None) -> str:
        for rule in self._prefix_rules:
            match = rule.regex.search(text)
            if match is None or match.end() == 0 or rule.excepts(text):
                continue
            removed.append(Removal(rule.id, rule.category, "text", text[: match.end()].strip(), paragraph))
            if rule.spec.flag:
                flags.append(rule.spec.flag)
            text = text[match.end() :].lstrip()
        return text

    def _candidates(self, paragraph: str) -> list[CompiledRule]:
        """The rules that may match the paragraph, in pack order: those the regex set or the phrase index name.
        Most paragraphs have none."""
        candidates = self._regex_hits(paragraph)
        phrase_rules = self._phrase_rules.get(fold_phrase(paragraph)) if self._may_be_phrase(paragraph) else None
        if phrase_rules:
            candidates.update(phrase_rules)
        return sorted(candidates, key=self._rank.__getitem__)

    @staticmethod
    def _first_match(
        candidates: Sequence[CompiledRule], paragraph: str, *, in_head: bool, in_tail: bool
    ) -> CompiledRule | None:
        """The first candidate that matches the paragraph where it stands, unless it yields the paragraph to another
        candidate that matches it too (``yields_to``)."""
        words = len(paragraph.split()) if candidates else 0

        def applies(rule: CompiledRule) -> bool:
            spec = rule.spec
            return (
                (spec.scope != "head" or in_head)
                and (spec.scope != "tail" or in_tail)
                and (spec.max_words is None or words <= spec.max_words)
                and not rule.excepts(paragraph)
            )

        for rule in candidates:
            if not applies(rule):
                continue
            yields_to = rule.spec.yields_to
            if yields_to and any(other.id in yields_to and applies(other) for other in candidates):
                continue
            return rule
        return None

    def _may_be_phrase(self, paragraph: str) -> bool:
        """False when ``fold_phrase(paragraph)`` is longer than every phrase: it keeps each ASCII letter and digit
        as one character (NFKC leaves ASCII alone, case folding maps an ASCII letter to one letter, and only
        whitespace and punctuation are collapsed or stripped), so it is at least as long as their count."""
        if len(paragraph) <= self._longest_phrase:
            return True
        return len(paragraph.encode("ascii", "ignore").translate(None, _NOT_ASCII_ALNUM)) <= self._longest_phrase

    def _regex_hits(self, paragraph: str) -> set[CompiledRule]:
        if self._regex_set is None:
            return set()
        return {self._regex_rules[i] for i in self._regex_set.Match(paragraph) or ()}

    def _assign_owners(self, paragraphs: Sequence[str]) -> list[CompiledRule | None]:
        """Which rule removes each paragraph (None: kept). A paragraph inside a block that a rule of its own
        also matches is credited to that rule, so categories stay exact.

        The tail is the last TAIL_PARAGRAPHS paragraphs that other rules keep: a closing run of share buttons,
        "Like this:" and related links must not push the credits and notices above it out of reach."""
        count = len(paragraphs)
        candidates = [self._candidates(p) if p else [] for p in paragraphs]
        direct = [
            self._first_match(found, p, in_head=i < HEAD_PARAGRAPHS, in_tail=False) if found else None
            for i, (p, found) in enumerate(zip(paragraphs, candidates, strict=True))
        ]
        if not any(rule.spec.scope == "tail" for found in candidates for rule in found):
            return self._extend_blocks(paragraphs, direct)
        removed_elsewhere = self._extend_blocks(paragraphs, direct)
        kept_after = 0
        for index in range(count - 1, -1, -1):
            if kept_after < TAIL_PARAGRAPHS and candidates[index]:
                direct[index] = self._first_match(
                    candidates[index], paragraphs[index], in_head=index < HEAD_PARAGRAPHS, in_tail=True
                )
            if paragraphs[index] and removed_elsewhere[index] is None and direct[index] is None:
                kept_after += 1
        return self._extend_blocks(paragraphs, direct)

    def _extend_blocks(self, paragraphs: Sequence[str], direct: list[CompiledRule | None]) -> list[CompiledRule | None]:
        count = len(paragraphs)
        owners = list(direct)
        index = 0
        while index < count:
            rule = direct[index]
            if rule is None or rule.spec.scope != "block":
                index += 1
                continue
            last = _block_end(rule, paragraphs, index)
            for inner in range(index + 1, last + 1):
                owners[inner] = direct[inner] or rule
            index = last + 1
        _propagate_ending(paragraphs, direct, owners)
        return owners


def _too_large(rules: Sequence[CompiledRule]) -> RuleError:
    """The error for regex rules that each compile but not together, within ``REGEX_SET_MAX_MEM``: it names the
    packs not shipped with newsclean (the shipped ones combine) and the rules whose programs are largest."""
    own = [rule for rule in rules if not rule.shipped] or list(rules)
    largest = sorted(own, key=lambda rule: rule.regex.programsize, reverse=True)[:3]
    sizes = ", ".join(f"{rule.id} ({rule.regex.programsize:,})" for rule in largest)
    return combined_error(
        f"the text rules are too large to combine: RE2 cannot compile the patterns of {len(rules)} regex rules as"
        f" one set within {REGEX_SET_MAX_MEM >> 20} MiB (largest programs, in instructions: {sizes}); a long list"
        " of whole lines is better a phrase rule, and a long alternation fewer, shorter patterns",
        rules,
    )


def _propagate_ending(
    paragraphs: Sequence[str], direct: Sequence[CompiledRule | None], owners: list[CompiledRule | None]
) -> None:
    count = len(owners)
    first = max(count // 2, count - 1 - ENDING_REACH, 1)
    for index in range(first, count - 1):
        rule = direct[index]
        if rule is None or rule.spec.scope != "ending":
            continue
        if rule.spec.article_may_go_on and _article_goes_on(paragraphs, index):
            continue  # a subheading: a later heading may still end the article
        for after in range(index + 1, count):
            owners[after] = owners[after] or rule
        return


def _article_goes_on(paragraphs: Sequence[str], heading: int) -> bool:
    """Whether the paragraphs after the heading at ``heading`` read as more of the article (see
    ``ENDING_TAIL_SHARE``)."""
    words = [len(paragraph.split()) for paragraph in paragraphs]
    after = words[heading + 1 :]
    if sum(after) <= ENDING_TAIL_SHARE * sum(words):
        return False
    prose = sum(
        1
        for paragraph, count in zip(paragraphs[heading + 1 :], after, strict=True)
        if count >= _PROSE_WORDS and paragraph.rstrip().endswith(_SENTENCE_END)
    )
    return 2 * prose >= len(after)


def _block_end(rule: CompiledRule, paragraphs: Sequence[str], start: int) -> int:
    """Index of the last paragraph of the block that starts at ``start``."""
    limit = min(len(paragraphs) - 1, start + rule.block_max)
    if rule.block_end is not None:
        for index in range(start + 1, limit + 1):
            if rule.block_end.search(paragraphs[index]):
                return index
    last = start
    if rule.block_continue is not None:
        while last < limit and rule.block_continue.search(paragraphs[last + 1]):
            last += 1
    return last
