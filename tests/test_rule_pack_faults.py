"""Rule packs that fail, or that say what they do not do: each is a typed error, early, naming the pack's file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newsclean
from newsclean import Document, RuleError
from newsclean._rule_patterns import unicode_word_classes
from newsclean.cleaners._text import REGEX_SET_MAX_MEM
from newsclean.cli import main

HEADER = '[pack]\nname = "mine"\nversion = "1"\n'
BODY = (
    "Council approves the budget\n"
    "The council met on Tuesday and approved the new budget after a long debate about roads and schools.\n"
    "Subscribe now\n"
    "Residents said the plan would fund two new schools and repair the old bridge over the river.\n"
)


def text_rule(rule_id: str = "mine.r", *, pattern: str = "'^Subscribe now$'", extra: str = "", **examples: str) -> str:
    drop = examples.get("drop", '["Subscribe now"]')
    keep = examples.get("keep", '["We subscribe now and then."]')
    return (
        f'[[rule]]\nid = "{rule_id}"\ncategory = "newsletter"\nstage = "text"\nmatch = "regex"\n'
        f"pattern = {pattern}\n{extra}examples.drop = {drop}\nexamples.keep = {keep}\n\n"
    )


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. clean_batch: a bad pack or option fails when clean_batch is called, before any worker starts ----------------


@pytest.fixture(params=["missing", "contradicting", "not-compiling"])
def bad_pack(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "missing":
        return tmp_path / "absent.toml"
    if request.param == "contradicting":
        return write(tmp_path, HEADER + text_rule(keep='["Subscribe now"]'))
    return write(tmp_path, HEADER + text_rule(pattern="'^(Subscribe now'"))


@pytest.mark.timeout(120)
def test_clean_batch_raises_a_bad_packs_rule_error_when_called_at_any_worker_count(bad_pack: Path) -> None:
    with pytest.raises(RuleError) as in_process:
        newsclean.clean_batch([Document(text=BODY)], workers=0, rules=str(bad_pack))
    with pytest.raises(RuleError) as with_workers:
        newsclean.clean_batch([Document(text=BODY)], workers=1, rules=str(bad_pack))  # not iterated: no worker
    assert str(with_workers.value) == str(in_process.value)
    assert str(bad_pack) in str(with_workers.value)


@pytest.mark.timeout(120)
def test_clean_batch_with_a_good_pack_and_workers_still_cleans(tmp_path: Path) -> None:
    pack = write(tmp_path, HEADER + text_rule())
    articles = list(newsclean.clean_batch([Document(text=BODY)] * 2, workers=1, rules=str(pack)))
    assert [[removal.rule for removal in article.removed] for article in articles] == [["mine.r"], ["mine.r"]]
    assert all(isinstance(article, newsclean.Article) and "Subscribe" not in article.text for article in articles)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"hard_timeout": "5"}, TypeError, "hard_timeout must be a number of seconds or None, got str"),
        ({"hard_timeout": float("nan")}, ValueError, "hard_timeout must be positive"),
        ({"chunk_size": 2.5}, TypeError, "chunk_size must be an int, got float"),
        ({"workers": "2"}, TypeError, "workers must be an int or None, got str"),
        ({"workers": True}, TypeError, "workers must be an int or None, got bool"),
        ({"limits": "x"}, TypeError, r"limits must be a newsclean\.Limits, got str"),
        ({"require_content": "yes"}, TypeError, "require_content must be a bool, got str"),
        ({"read_app_state": 1}, TypeError, "read_app_state must be a bool, got int"),
        ({"extractor": "trafilatura"}, TypeError, r"extractor must be an object with an extract\(html"),
        ({"rules": 123}, TypeError, "rules must be None .*, got int"),
        ({"foo": 1}, TypeError, "foo"),
    ],
)
def test_clean_batch_checks_its_options_when_called(options: dict[str, Any], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        newsclean.clean_batch([Document(text=BODY)], **options)  # not iterated


# -- 2. text rules that compile one by one but not as one RE2 set --------------------------------------------------

# Each rule's program is about 479,000 RE2 instructions (\pL is a large class): two fit the text cleaner's set
# in each 64 MiB of its budget, three do not. Loading and refusing them takes a second or two.
_LETTERS = 400
_TOO_MANY = 3 * (REGEX_SET_MAX_MEM // (64 << 20))


def _large_rule(index: int) -> str:
    return text_rule(
        f"huge.r{index}",
        pattern=f"'^q{index} \\pL{{{_LETTERS}}}$'",
        drop=f"['q{index} {'a' * _LETTERS}']",
        keep=f"['q{index} short']",
    )


@pytest.fixture(scope="module")
def too_large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "huge.toml"
    path.write_text(
        '[pack]\nname = "huge"\nversion = "1"\n' + "".join(map(_large_rule, range(_TOO_MANY))), encoding="utf-8"
    )
    return path


def test_text_rules_too_large_to_combine_are_a_rule_error_naming_the_pack(too_large: Path) -> None:
    pack = newsclean.load_pack(too_large)  # each rule passes its examples alone
    for build in (lambda: newsclean.Pipeline(rules=pack), lambda: newsclean.clean_text(BODY, rules=pack)):
        with pytest.raises(RuleError, match="the text rules are too large to combine") as caught:
            build()
        assert caught.value.pack == "huge" and str(too_large) in str(caught.value)
    assert (
        newsclean.Pipeline(rules=newsclean.RuleSet(pack.rules[:2], [pack.version]))
        .clean_text(f"Title\nq1 {'b' * _LETTERS}\nThe council approved the budget on Tuesday night after a debate.")
        .removed[0]
        .rule
        == "huge.r1"
    )


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_text_rules_too_large_to_combine_are_a_usage_error_on_the_command_line(
    too_large: Path, tmp_path: Path, command: str
) -> None:
    story = write(tmp_path, BODY, "story.txt")
    result = CliRunner().invoke(main, [command, "--rules", str(too_large), str(story)])
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--rules'" in result.output and "too large to combine" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.timeout(120)
def test_clean_batch_refuses_text_rules_too_large_to_combine_before_workers_start(too_large: Path) -> None:
    with pytest.raises(RuleError, match="too large to combine"):
        newsclean.clean_batch([Document(text=BODY)], workers=1, rules=newsclean.load_pack(too_large))


def _class_words_pack(tmp_path: Path, letters: int, count: int) -> Path:
    rules = "".join(
        f'[[rule]]\nid = "wide.r{index}"\ncategory = "widget"\nstage = "dom"\nmatch = "class_words"\n'
        f"pattern = '^q{index}\\pL{{{letters}}}$'\nexamples.drop = ['<div class=\"q{index}{'a' * letters}\">x</div>']\n"
        f"examples.keep = ['<div class=\"q{index}\">x</div>']\n\n"
        for index in range(count)
    )
    return write(tmp_path, '[pack]\nname = "wide"\nversion = "1"\n' + rules, "wide.toml")


def test_class_words_too_large_for_the_dom_cleaners_set_are_a_rule_error(tmp_path: Path) -> None:
    # The dom cleaner's RE2 set has RE2's default budget: one such pattern compiles alone, but not into it.
    with pytest.raises(RuleError, match="pattern is too large") as caught:
        newsclean.load_pack(_class_words_pack(tmp_path, 300, 1))
    assert caught.value.rule == "wide.r0"
    # Two that fit one by one but not together: the command line refuses them before reading any input.
    story = write(tmp_path, BODY, "story.txt")
    result = CliRunner().invoke(main, ["explain", "--rules", str(_class_words_pack(tmp_path, 80, 2)), str(story)])
    assert result.exit_code == 2, result.output
    assert "class_words patterns of the dom rules are too large to combine" in result.output


# -- 3 and 4. keys that have no effect are refused ------------------------------------------------------------------

_BOX = "['<div class=\"promo\"><p>Subscribe to our newsletter today</p></div>']"
_OTHER_BOX = "['<div class=\"story\"><p>Hi</p></div>']"


def _dom_rule(extra: str, match: str = "class_words", pattern: str = "'^promo$'") -> str:
    return (
        f'[[rule]]\nid = "mine.promo"\ncategory = "widget"\nstage = "dom"\nmatch = "{match}"\npattern = {pattern}\n'
        f"{extra}examples.drop = {_BOX}\nexamples.keep = {_OTHER_BOX}\n"
    )


_PREFIX = {"drop": '["LIVE: Fire downtown"]', "keep": '["Live music tonight"]'}


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (text_rule(extra='lang = ["de"]\n'), "'lang' is not supported"),
        (_dom_rule('scope = "tail"\n'), "scope has no effect on a dom rule"),
        (_dom_rule("max_words = 1\n"), "max_words has no effect on a dom rule"),
        (_dom_rule('flag = "promo"\n', "selector", "'.promo'"), "flag has no effect on a dom rule"),
        (_dom_rule("case_sensitive = true\n"), "case_sensitive = true has no effect on a class_words rule"),
        (_dom_rule("case_sensitive = true\n", "selector", "'.promo'"), "has no effect on a selector rule"),
        (text_rule(extra='flag = "newsletter"\n'), "flag has no effect unless scope = 'prefix'"),
        (
            text_rule(
                pattern="'^LIVE: '", extra='scope = "prefix"\nflag = "live"\ncase_sensitive = true\nmax_words = 3\n'
            )
            .replace('examples.drop = ["Subscribe now"]', f"examples.drop = {_PREFIX['drop']}")
            .replace('examples.keep = ["We subscribe now and then."]', f"examples.keep = {_PREFIX['keep']}"),
            "max_words has no effect with scope = 'prefix'",
        ),
        (
            text_rule(pattern='"Subscribe now"', extra="case_sensitive = true\n").replace('"regex"', '"phrase"'),
            "case_sensitive = true has no effect on a phrase rule",
        ),
        (text_rule(extra='yields_to = ["mine.r"]\n'), "yields_to names the rule itself"),
        (text_rule(extra="article_may_go_on = true\n"), "article_may_go_on has no effect unless scope = 'ending'"),
    ],
    ids=[
        "lang",
        "dom-scope",
        "dom-max_words",
        "dom-flag",
        "class_words-case",
        "selector-case",
        "paragraph-flag",
        "prefix-max_words",
        "phrase-case",
        "yields-to-itself",
        "article_may_go_on-without-ending",
    ],
)
def test_a_key_that_would_change_nothing_is_refused(tmp_path: Path, rule: str, message: str) -> None:
    with pytest.raises(RuleError, match=message) as caught:
        newsclean.load_pack(write(tmp_path, HEADER + rule))
    assert caught.value.rule in ("mine.r", "mine.promo")


def test_the_lang_rule_of_the_probe_no_longer_removes_english_text(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + text_rule(pattern="'^Mehr\\b'", extra='lang = ["de"]\n', drop='["Mehr dazu"]'))
    with pytest.raises(RuleError, match="'lang' is not supported"):
        newsclean.clean_text(BODY, rules=newsclean.default_rules() + newsclean.load_pack(path))


_YIELDING = text_rule(
    "mine.byline",
    pattern="'^By [A-Z]\\w+ [A-Z]\\w+'",
    extra='yields_to = ["{target}"]\n',
    drop='["By Jane Doe"]',
    keep='["Bye now"]',
)


def test_yields_to_naming_no_rule_in_use_is_refused_once_the_packs_are_combined(tmp_path: Path) -> None:
    typo = write(tmp_path, HEADER + _YIELDING.replace("{target}", "byline.writen-by"), "typo.toml")
    pack = newsclean.load_pack(typo)  # a pack may name a rule of another pack: alone, nothing is known
    with pytest.raises(RuleError, match=r"yields_to names 'byline\.writen-by'") as caught:
        newsclean.Pipeline(rules=newsclean.default_rules() + pack)
    assert caught.value.rule == "mine.byline" and str(typo) in str(caught.value)
    with pytest.raises(RuleError, match=r"yields_to names 'byline\.writen-by'"):
        newsclean.clean_text(BODY, rules=typo)

    built_in = write(tmp_path, HEADER + _YIELDING.replace("{target}", "byline.written-by"), "built_in.toml")
    article = newsclean.clean_text(
        "Title\nBy Jane Doe\nThe council met on Tuesday and approved the new budget after a debate about roads.",
        rules=newsclean.load_pack(built_in) + newsclean.default_rules(),  # its rule first: it yields the line
    )
    assert [removal.rule for removal in article.removed] == ["byline.written-by"]
    with pytest.raises(RuleError, match="a rule of the built-in packs, which these rules replace"):
        newsclean.Pipeline(rules=built_in)
    # A shipped rule whose target is left out of a set made of some shipped rules has nothing to yield to.
    alone = newsclean.Pipeline(rules=newsclean.default_rules().only("reading_time.inline"))
    assert alone.clean_text(f"Title\nBy Jane Doe • 5 min read\n{BODY}").removed[0].rule == "reading_time.inline"


def test_yields_to_on_the_command_line_is_checked_against_the_packs_in_use(tmp_path: Path) -> None:
    built_in = write(tmp_path, HEADER + _YIELDING.replace("{target}", "byline.written-by"), "built_in.toml")
    story = write(tmp_path, BODY, "story.txt")
    added = CliRunner().invoke(main, ["explain", "--extra-rules", str(built_in), str(story)])
    assert added.exit_code == 0, added.output
    replaced = CliRunner().invoke(main, ["explain", "--rules", str(built_in), str(story)])
    assert replaced.exit_code == 2 and "yields_to names 'byline.written-by'" in replaced.output
    typo = write(tmp_path, HEADER + _YIELDING.replace("{target}", "byline.writen-by"), "typo.toml")
    extra = CliRunner().invoke(main, ["clean", "--extra-rules", str(typo), str(story)])
    assert extra.exit_code == 2 and "Invalid value for '--extra-rules'" in extra.output and "writen-by" in extra.output


def test_every_shipped_yields_to_names_a_shipped_rule() -> None:
    rules = newsclean.default_rules()
    targets = {target for rule in rules.rules for target in rule.spec.yields_to}
    assert targets and targets <= set(rules.by_id)


# -- 6. the word-class rewrite leaves POSIX classes and \Q…\E alone --------------------------------------------------


_PROSE = "The council met on Tuesday and approved the new budget after a long debate."


@pytest.mark.parametrize(
    ("pattern", "drop", "keep"),
    [
        (r"^[[:digit:]\w]+$", "abc123", "abc 123"),
        (r"^[[:upper:][:digit:]]+ [A-Z]+$", "ABC9 ÉTÉ", "ABC-9 ETE"),
        (r"^\Q[A-Z]\E$", "[A-Z]", "X"),
    ],
)
def test_posix_classes_and_quoted_text_survive_the_word_class_rewrite(
    tmp_path: Path, pattern: str, drop: str, keep: str
) -> None:
    path = write(tmp_path, HEADER + text_rule(pattern=f"'{pattern}'", drop=f"['{drop}']", keep=f"['{keep}']"))
    pack = newsclean.load_pack(path)  # before: the rewritten pattern left the drop example
    cleaned = newsclean.Pipeline(rules=pack).clean_text(f"Title of the page\n{drop}\n{keep}\n{_PROSE}")
    assert [removal.text for removal in cleaned.removed] == [drop]


def test_the_rewrite_keeps_quoted_text_and_posix_classes_verbatim() -> None:
    assert unicode_word_classes(r"^\Q[A-Z]\w\E [A-Z]$") == r"^\Q[A-Z]\w\E \p{Lu}$"
    assert unicode_word_classes(r"[[:digit:]\w]").startswith("[[:digit:]0-9A-Za-z_")


# -- 7. messages: the item that does not compile, the file, what an id may hold --------------------------------------


def test_a_pattern_that_does_not_compile_is_reported_as_the_user_wrote_it(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + text_rule(pattern="['^By \\w+ [A-Z]\\w+$', '^Share (this']"))
    with pytest.raises(RuleError) as caught:
        newsclean.load_pack(path)
    message = str(caught.value)
    assert "pattern item 2 of 2 '^Share (this' does not compile: missing )" in message
    assert "b'" not in message and "x{00C0}" not in message and str(path) in message


def test_an_unless_or_block_regex_that_does_not_compile_names_its_field(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + text_rule(extra="unless = ['^Subscribe now and', '(oops']\n"))
    with pytest.raises(RuleError, match=r"unless item 2 of 2 '\(oops' does not compile"):
        newsclean.load_pack(path)
    path = write(tmp_path, HEADER + text_rule(extra='scope = "block"\nblock.end = "(("\n'))
    with pytest.raises(RuleError, match=r"block\.end '\(\(' does not compile"):
        newsclean.load_pack(path)


def test_packs_of_one_name_in_two_files_are_told_apart_by_their_file(tmp_path: Path) -> None:
    site_a = write(tmp_path, HEADER + text_rule(), "site_a.toml")
    site_b = write(tmp_path, HEADER + text_rule(keep='["Subscribe now"]'), "site_b.toml")
    with pytest.raises(RuleError) as caught:
        newsclean.load_pack(site_b)
    assert caught.value.pack == "mine" and str(site_b) in str(caught.value) and str(site_a) not in str(caught.value)
    twice = write(tmp_path, HEADER + text_rule(), "site_c.toml")
    with pytest.raises(RuleError, match="duplicate rule id") as caught:
        newsclean.load_pack(site_a) + newsclean.load_pack(twice)
    assert str(site_a) in str(caught.value) and str(twice) in str(caught.value)
    story = write(tmp_path, BODY, "story.txt")
    result = CliRunner().invoke(main, ["clean", "--extra-rules", str(site_a), "--extra-rules", str(site_b), str(story)])
    assert result.exit_code == 2 and "site_b.toml" in result.output


def test_a_rule_id_outside_the_allowed_characters_says_which_are_allowed(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"id 'wïdget\.x' is not allowed: .*ASCII lowercase letters \(a-z\)"):
        newsclean.load_pack(write(tmp_path, HEADER + text_rule("wïdget.x")))


# -- 8. a byte order mark ------------------------------------------------------------------------------------------


def test_a_pack_saved_with_a_utf8_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + text_rule()).encode("utf-8"))
    pack = newsclean.load_pack(path)
    assert [removal.rule for removal in newsclean.clean_text(BODY, rules=pack).removed] == ["mine.r"]


# -- 10. what rules= and + take ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (123, r"rules must be None \(the built-in packs\), a RuleSet, or a rule pack's path .*, got int"),
        (b"x.toml", r"rules must be .*, got bytes"),
        (["x.toml", 5], r"rules\[1\] must be a rule pack's path \(str or pathlib.Path\), got int"),
    ],
)
def test_rules_of_the_wrong_type_are_a_type_error_naming_rules(rules: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        newsclean.Pipeline(rules=rules)


def test_a_rule_set_adds_only_a_rule_set() -> None:
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \+: 'RuleSet' and 'str'"):
        newsclean.default_rules() + "x.toml"  # type: ignore[operator]
