"""Shared patterns: a regex defined once in ``newsclean/rules/_shared.toml``, named ``(?&name)`` by any pack."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean import RuleError
from newsclean._rule_patterns import SHARED_PATTERNS_FILE, parse_shared_patterns, shared_patterns
from newsclean._rules import PatternReferenceError, default_rules, parse_pack
from newsclean.cleaners import TextCleaner
from newsclean.cli import main

HEADER = '[pack]\nname = "mine"\nversion = "1"\n'
STORY = (
    "Council approves the budget\n"
    "The council met on Tuesday and approved the new budget after a long debate about roads and schools.\n"
    "Residents said the plan would fund two new schools and repair the old bridge over the river.\n"
)


def text_rule(
    *, pattern: str = "'^Follow us on \\w+'", extra: str = "", drop: str = '["Follow us on Telegram"]', keep: str = ""
) -> str:
    keep = keep or '["Follow us on Telegram, the channel told its 2 million readers before it was blocked."]'
    return (
        '[[rule]]\nid = "mine.follow"\ncategory = "widget"\nstage = "text"\nmatch = "regex"\n'
        f"pattern = {pattern}\n{extra}examples.drop = {drop}\nexamples.keep = {keep}\n"
    )


def removes(pack: newsclean.RuleSet, line: str) -> bool:
    return bool(TextCleaner(pack).clean([line]).removed)


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- a reference reads as the shared pattern ----------------------------------------------------------------------


def test_a_reference_in_unless_keeps_reported_speech_as_the_pattern_written_out_did() -> None:
    pack = parse_pack(HEADER + text_rule(extra="unless = '(?&reported_speech)'\n"), "mine.toml")
    written_out = parse_pack(
        HEADER + text_rule(extra=f"unless = '{shared_patterns()['reported_speech']}'\n"), "written_out.toml"
    )
    for line, dropped in (
        ("Follow us on Telegram", True),
        ("Follow us on Instagram for more photos.", True),
        ("Follow us on Telegram, the channel told its 2 million readers before it was blocked.", False),
        ("Follow us on Instagram, the account's last post said, but it has not been updated.", False),
    ):
        assert removes(pack, line) is dropped
        assert removes(written_out, line) is dropped


def test_the_shipped_rules_name_the_shared_patterns_and_read_them_expanded() -> None:
    rules = default_rules()
    packs = resources.files("newsclean.rules")
    named: dict[str, set[str]] = {}
    for entry in packs.iterdir():
        if entry.name.endswith(".toml") and entry.name != SHARED_PATTERNS_FILE:
            for rule in tomllib.loads(entry.read_text(encoding="utf-8"))["rule"]:
                unless = rule.get("unless", ())
                for item in (unless,) if isinstance(unless, str) else unless:
                    if reference := re.match(r"\(\?&(\w+)\)", item):
                        named.setdefault(rule["id"], set()).add(reference.group(1))
    assert named["widget.follow-us"] == {"reported_speech", "reported_speech_nl_pl_it"}
    assert named["footer.contact"] == {"reported_speech_not_writes"}
    assert named["caption.credit"] == {"reported_speech_credit"} and named["byline.author-bio"] == {
        "reported_speech_bio"
    }
    assert named["related.inline"] == {"reported_speech"}
    assert named["newsletter.signup"] == {"reported_speech", "reported_speech_present"}
    assert named["widget.advertise-with-us"] == {"reported_speech"}
    assert len(named) == 22
    for rule_id, names in named.items():
        spec = rules.by_id[rule_id].spec
        unless = (spec.unless,) if isinstance(spec.unless, str) else spec.unless or ()
        for name in names:
            assert any(item.startswith(f"(?:{shared_patterns()[name]})") for item in unless), (rule_id, name)
    follow = rules.only("widget.follow-us")
    assert removes(follow, "Follow us on Telegram")
    assert not removes(follow, "Follow us on Telegram, the channel told its 2 million readers before it was blocked.")


def test_the_shared_patterns_file_is_no_pack_and_each_pack_using_one_has_it_in_its_version() -> None:
    assert (
        default_rules().version.count("@")
        == len([e for e in resources.files("newsclean.rules").iterdir() if e.name.endswith(".toml")]) - 1
    )
    text = HEADER + text_rule(extra="unless = '(?&speech)'\n")
    said = parse_pack(text, "mine.toml", shared={"speech": ", (he|she) said"})
    told = parse_pack(text, "mine.toml", shared={"speech": ", (he|she) told"})
    assert said.version != told.version  # an edit of the shared pattern is an edit of the pack
    plain = HEADER + text_rule()
    assert parse_pack(plain, "mine.toml", shared={"speech": "a"}).version == parse_pack(plain, "mine.toml").version


def test_a_reference_is_a_group_so_the_shared_alternation_stays_inside_it() -> None:
    pack = parse_pack(
        HEADER + text_rule(pattern="'^(?&network)\\.$'", drop='["Telegram."]', keep='["Telegram channels."]'),
        "mine.toml",
        shared={"network": "Telegram|Instagram"},
    )
    assert removes(pack, "Instagram.") and not removes(pack, "Instagram is where we post.")


# -- a user's pack --------------------------------------------------------------------------------------------------


def test_a_users_pack_names_a_shared_pattern(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + text_rule(extra="unless = ['^never$', '(?&reported_speech)']\n"))
    pack = newsclean.load_pack(path)
    assert not removes(pack, "Follow us on Telegram, the channel told its readers before it was blocked.")
    reported = "Follow us on Telegram, the channel told its 2 million readers before the regulator blocked it."
    story = write(tmp_path, STORY + reported + "\nFollow us on Telegram\n", "story.txt")
    result = CliRunner().invoke(main, ["clean", "--rules", str(path), str(story)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert [removal["text"] for removal in record["removed"]] == ["Follow us on Telegram"]
    assert reported in record["text"] and "Residents said" in record["text"]


# -- errors ---------------------------------------------------------------------------------------------------------


def test_an_unknown_name_is_a_typed_error_naming_the_pack_the_rule_and_the_name(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + text_rule(extra="unless = '(?&reported_speach)'\n"))
    with pytest.raises(PatternReferenceError) as caught:
        newsclean.load_pack(path)
    error = caught.value
    assert isinstance(error, RuleError)
    assert (error.pack, error.rule, error.name) == ("mine", "mine.follow", "reported_speach")
    assert "(?&reported_speach) names no shared pattern" in str(error) and str(path) in str(error)
    assert "reported_speech" in str(error)  # the names there are
    result = CliRunner().invoke(main, ["clean", "--rules", str(path), str(write(tmp_path, STORY, "story.txt"))])
    assert result.exit_code == 2
    assert "mine/mine.follow" in result.output and "(?&reported_speach)" in result.output


@pytest.mark.parametrize(
    ("field", "extra"),
    [
        ("pattern", ""),
        ("box_text", None),
        ("block.end", "scope = \"block\"\nblock.end = '^(?&nowhere)$'\n"),
        ("block.continue", "scope = \"block\"\nblock.continue = '^(?&nowhere)$'\n"),
    ],
)
def test_an_unknown_name_is_an_error_in_every_regex_of_a_rule(field: str, extra: str | None) -> None:
    if extra is None:
        text = HEADER + (
            '[[rule]]\nid = "mine.box"\ncategory = "widget"\nstage = "dom"\nmatch = "class_words"\n'
            "pattern = 'share'\nbox_text = '(?&nowhere)'\n"
            "examples.drop = ['<div class=\"share\">Share</div>']\nexamples.keep = ['<div class=\"x\">Share</div>']\n"
        )
    elif field == "pattern":
        text = HEADER + text_rule(pattern="'^(?&nowhere) us'")
    else:
        text = HEADER + text_rule(extra=extra)
    with pytest.raises(PatternReferenceError, match=r"\(\?&nowhere\) names no shared pattern") as caught:
        parse_pack(text, "mine.toml")
    assert caught.value.name == "nowhere" and caught.value.pack == "mine"


@pytest.mark.parametrize("reference", ["(?&Reported_speech)", "(?&reported speech)", "(?&reported_speech"])
def test_a_malformed_reference_is_an_error_saying_how_one_is_written(reference: str) -> None:
    with pytest.raises(PatternReferenceError, match=r"written \(\?&name\)"):
        parse_pack(HEADER + text_rule(extra=f"unless = '{reference}'\n"), "mine.toml")


def test_a_shared_pattern_that_does_not_compile_is_an_error_naming_it() -> None:
    with pytest.raises(RuleError, match=r"shared pattern 'broken' '\(said' does not compile") as caught:
        parse_shared_patterns("[patterns]\nfine = 'said'\nbroken = '(said'\n", "patterns.toml")
    assert caught.value.pack == "patterns.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[patterns]\nouter = '(?&inner) said'\ninner = 'he'\n", "shared pattern 'outer' refers to another"),
        ("[patterns]\nBad = 'said'\n", "shared pattern 'Bad': a name is"),
        ("[patterns]\nempty = ''\n", "shared pattern 'empty' must be a non-empty string"),
        ("[patterns]\nx = 'said'\n[pack]\nname = 'p'\n", r"holds a \[patterns\] table"),
        ("patterns = 'said'\n", r"holds a \[patterns\] table"),
    ],
)
def test_a_shared_patterns_file_is_checked(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_shared_patterns(text, "patterns.toml")


def test_the_shipped_shared_patterns_load_and_compile() -> None:
    shared = shared_patterns()
    assert {"reported_speech", "reported_speech_not_writes", "reported_speech_credit", "reported_speech_bio"} <= set(
        shared
    )
    source = resources.files("newsclean.rules").joinpath(SHARED_PATTERNS_FILE).read_bytes()
    # And the date reader's month names, which the file does not hold (tests/test_date_lines_other_languages.py).
    assert parse_shared_patterns(source, SHARED_PATTERNS_FILE) == {
        name: pattern for name, pattern in shared.items() if name != "month_name"
    }
    assert "month_name" in shared


# -- what is not a reference --------------------------------------------------------------------------------------


def test_braces_and_quantifiers_are_left_as_they_are_beside_a_reference() -> None:
    # RE2's {2,40} and a literal "{name}" mean what they meant: only (?&name) is a reference.
    pack = parse_pack(
        HEADER
        + text_rule(
            pattern="'^Follow us on [\\w ]{2,40}$'",
            extra="unless = ['(?&reported_speech)', '{reported_speech}', '{{ ?[a-z]+ ?}}']\n",
        ),
        "mine.toml",
    )
    assert removes(pack, "Follow us on Telegram")
    assert not removes(pack, "Follow us on {reported_speech}")
    assert not removes(pack, "Follow us on {{ channel }}")
    assert not removes(pack, "Follow us on Telegram, the channel told its readers")


@pytest.mark.parametrize(
    ("unless", "kept"),
    [
        ("'[(?&x)]$'", "Follow us on Telegram &"),  # a character class
        ("'\\(?&x\\)$'", "Follow us on Telegram &x)"),  # an escaped "(", made optional
        ("'\\Q(?&x)\\E'", "Follow us on Telegram (?&x)"),  # quoted text
    ],
)
def test_a_reference_is_not_read_where_its_characters_are_literal(unless: str, kept: str) -> None:
    pack = parse_pack(HEADER + text_rule(extra=f"unless = {unless}\n"), "mine.toml", shared={})
    assert not removes(pack, kept) and removes(pack, "Follow us on Telegram")


def test_a_phrase_is_text_not_a_regex() -> None:
    text = HEADER + (
        '[[rule]]\nid = "mine.phrase"\ncategory = "widget"\nstage = "text"\nmatch = "phrase"\n'
        "pattern = ['Follow (?&us)']\nexamples.drop = ['Follow (?&us)']\nexamples.keep = ['Follow us']\n"
    )
    assert removes(parse_pack(text, "mine.toml", shared={}), "Follow (?&us)")
