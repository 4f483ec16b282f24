"""Every rule's examples are tests; a bad pack fails loudly, naming the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean._rule_patterns import _WORD_CLASS as _WORD
from newsclean._rule_patterns import unicode_word_classes
from newsclean._rules import CompiledRule, default_rules, parse_pack
from newsclean.cleaners import DomCleaner, TextCleaner

RULES = default_rules()
ARTICLE_FILLER = " ".join(["The council met on Tuesday and approved the budget after a long debate."] * 12)


def _examples(kind: str) -> list[tuple[str, str]]:
    return [
        (rule.id, example)
        for rule in RULES.rules
        for example in (rule.spec.examples.drop if kind == "drop" else rule.spec.examples.keep)
    ]


def _page(snippet: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<html><body><article><p>{ARTICLE_FILLER}</p></article>{snippet}</body></html>")


@pytest.mark.parametrize(("rule_id", "example"), _examples("drop"))
def test_rule_drops_its_drop_example(rule_id: str, example: str) -> None:
    rule: CompiledRule = RULES.by_id[rule_id]
    single = RULES.only(rule_id)
    if rule.spec.stage == "dom":
        tree = _page(example)
        result = DomCleaner(single).clean(tree)
        assert [r.rule for r in result.removed] and {r.rule for r in result.removed} == {rule_id}
        assert tree.body is not None and tree.body.text(separator=" ").split() == ARTICLE_FILLER.split()
        return
    paragraphs = example.split("\n")
    result = TextCleaner(single).clean(paragraphs)
    assert result.removed and {r.rule for r in result.removed} == {rule_id}
    if rule.spec.scope == "prefix":
        assert rule.spec.flag in result.flags
        assert result.paragraphs and result.paragraphs[0] != paragraphs[0]
        assert paragraphs[0].endswith(result.paragraphs[0])
    else:
        assert result.paragraphs == ()
        assert [r.text for r in result.removed] == paragraphs


@pytest.mark.parametrize(("rule_id", "example"), _examples("keep"))
def test_no_default_rule_removes_a_keep_example(rule_id: str, example: str) -> None:
    if RULES.by_id[rule_id].spec.stage == "dom":
        tree = _page(example)
        assert DomCleaner(RULES).clean(tree).removed == ()
        return
    paragraphs = example.split("\n")
    result = TextCleaner(RULES).clean(paragraphs)
    assert result.removed == ()
    assert list(result.paragraphs) == paragraphs


def test_default_packs_are_versioned_and_ids_unique() -> None:
    assert len({rule.id for rule in RULES.rules}) == len(RULES.rules)
    versions = RULES.version.split(",")
    assert {v.split("@")[0] for v in versions} >= {"banners", "dom", "donation", "newsletter", "widgets"}
    assert all("@" in v for v in versions)
    article = newsclean.clean_text("Some title\nA paragraph of text.")
    assert article.rules_version == RULES.version


GOOD_RULE = """
[[rule]]
id = "custom.sponsor"
category = "sponsor"
stage = "text"
match = "phrase"
pattern = ["Sponsored content"]
examples.drop = ["Sponsored content"]
examples.keep = ["The content was sponsored by nobody."]
"""
HEADER = '[pack]\nname = "custom"\nversion = "2"\n'


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            GOOD_RULE.replace('match = "phrase"', 'match = "regex"').replace('"Sponsored content"]', '"(unclosed"]'),
            "does not compile",
        ),
        (
            GOOD_RULE.replace('examples.keep = ["The content was sponsored by nobody."]', "examples.keep = []"),
            "examples.drop and examples.keep",
        ),
        (GOOD_RULE.replace('stage = "text"', 'stage = "somewhere"'), "stage"),
        (
            GOOD_RULE.replace('match = "phrase"', 'match = "selector"').replace('["Sponsored content"]', '["div[["]'),
            "text rules match by",
        ),
        (GOOD_RULE + GOOD_RULE, "duplicate rule id"),
        (GOOD_RULE.replace('category = "sponsor"', 'category = "sponsor"\ncolour = "red"'), "colour"),
        (
            GOOD_RULE.replace("scope", "x").replace('match = "phrase"', 'match = "phrase"\nscope = "block"'),
            "needs a [block] table",
        ),
        (GOOD_RULE.replace('match = "phrase"', 'match = "phrase"\nbox_text = "donat"'), "dom rules only"),
    ],
)
def test_invalid_pack_raises_rule_error_naming_the_rule(body: str, message: str) -> None:
    with pytest.raises(newsclean.RuleError) as caught:
        parse_pack(HEADER + body, "custom.toml")
    assert "custom.sponsor" in str(caught.value)
    assert message in str(caught.value)
    assert caught.value.rule == "custom.sponsor"


def test_bad_selector_in_a_dom_rule_is_reported() -> None:
    body = GOOD_RULE.replace('stage = "text"', 'stage = "dom"').replace('match = "phrase"', 'match = "selector"')
    body = body.replace('["Sponsored content"]', '["div[["]', 1)
    with pytest.raises(newsclean.RuleError, match=r"custom\.sponsor.*invalid CSS selector"):
        parse_pack(HEADER + body, "custom.toml")


def test_pack_without_header_or_not_toml_is_rejected() -> None:
    with pytest.raises(newsclean.RuleError, match="pack"):
        parse_pack(GOOD_RULE, "nohead.toml")
    with pytest.raises(newsclean.RuleError, match="not valid TOML"):
        parse_pack("[[rule]\nid=", "broken.toml")


def test_user_pack_replaces_or_extends_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "custom.toml"
    path.write_text(HEADER + GOOD_RULE, encoding="utf-8")
    body = "The body paragraph stays because it is the article itself."
    text = f"Headline of the day\nSponsored content\nShare this:\n{body}"

    only_custom = newsclean.clean_text(text, rules=path)
    assert only_custom.paragraphs == ("Share this:", "The body paragraph stays because it is the article itself.")
    assert only_custom.rules_version.startswith("custom@2+")

    path.write_text(HEADER + GOOD_RULE.replace('"Sponsored content"]', '"Sponsored content", "Advertorial"]'))
    edited = newsclean.clean_text(text, rules=path)
    assert edited.rules_version.startswith("custom@2+")
    assert edited.rules_version != only_custom.rules_version  # an edit shows even when the version is not bumped

    extended = newsclean.clean_text(text, rules=newsclean.default_rules() + newsclean.load_pack(path))
    assert extended.paragraphs == ("The body paragraph stays because it is the article itself.",)
    assert [(r.rule, r.category) for r in extended.removed] == [
        ("custom.sponsor", "sponsor"),
        ("widget.share", "widget"),
    ]


def test_a_rule_set_passed_on_each_call_builds_its_pipeline_once(tmp_path: Path) -> None:
    # clean_html(rules=RuleSet) built a pipeline (its pattern set) on every call, a hundred times a page's cost.
    path = tmp_path / "custom.toml"
    path.write_text(HEADER + GOOD_RULE, encoding="utf-8")
    rules = newsclean.default_rules() + newsclean.load_pack(path)
    text = "Headline of the day\nSponsored content\nThe body paragraph stays because it is the article itself."
    first = newsclean._pipeline_for(rules)
    assert newsclean._pipeline_for(rules) is first
    assert newsclean.clean_text(text, rules=rules) == newsclean.clean_text(text, rules=rules)
    assert newsclean.clean_text(text, rules=rules).removed[0].rule == "custom.sponsor"
    other = newsclean.default_rules()
    assert newsclean._pipeline_for(other) is not first  # another set, even of the same rules, has its own
    assert newsclean.clean_text(text, rules=other).paragraphs[0] == "Sponsored content"
    assert newsclean._pipeline_for(path) is not newsclean._pipeline_for(path)  # a file is read again each call


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # A regex that matches every paragraph: its keep example says so.
        (
            GOOD_RULE.replace('match = "phrase"', 'match = "regex"').replace('["Sponsored content"]', '[".*"]'),
            "removes its keep example 'The content was sponsored by nobody.'",
        ),
        # A typo in the phrase: the rule would never fire.
        (
            GOOD_RULE.replace('pattern = ["Sponsored content"]', 'pattern = ["Sponsored contnet"]'),
            "does not remove its drop example 'Sponsored content'",
        ),
        # A dom rule whose selector misses the box its example shows.
        (
            GOOD_RULE.replace('stage = "text"', 'stage = "dom"')
            .replace('match = "phrase"', 'match = "selector"')
            .replace('pattern = ["Sponsored content"]', 'pattern = [".sponsor-box"]')
            .replace('examples.drop = ["Sponsored content"]', """examples.drop = ['<div class="sponsored">Ad</div>']""")
            .replace("examples.keep = [", """examples.keep = ['<div class="note">Fine</div>', """),
            """does not remove its drop example '<div class="sponsored">Ad</div>'""",
        ),
    ],
    ids=["regex-matching-everything", "phrase-with-a-typo", "selector-missing-its-box"],
)
def test_a_user_pack_whose_rule_contradicts_its_examples_is_refused(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "custom.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(newsclean.RuleError) as caught:
        newsclean.load_pack(path)
    assert message in str(caught.value)
    assert (caught.value.pack, caught.value.rule) == ("custom", "custom.sponsor")
    with pytest.raises(newsclean.RuleError):
        newsclean.clean_text("Title\nSponsored content", rules=path)


def test_a_refused_pack_says_how_many_examples_failed(tmp_path: Path) -> None:
    body = GOOD_RULE.replace('pattern = ["Sponsored content"]', 'pattern = ["Nothing like it"]')
    body = body.replace('examples.drop = ["Sponsored content"]', 'examples.drop = ["Sponsored content", "Ad"]')
    path = tmp_path / "custom.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(newsclean.RuleError, match=r"'Sponsored content' \(and 1 more example\(s\) in this pack\)"):
        newsclean.load_pack(path)


def test_every_shipped_example_holds_for_its_rule_alone() -> None:
    from newsclean._rule_examples import example_failures

    assert example_failures(RULES) == []


def test_missing_pack_file_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(newsclean.RuleError, match="cannot read"):
        newsclean.load_pack(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("pattern", "rewritten"),
    [
        (r"^By( [A-Z][\w.-]*){1,3}$", r"^By( \p{Lu}[" + _WORD + r".-]*){1,3}$"),
        (r"\W+\w", "[^" + _WORD + "]+[" + _WORD + "]"),
        # Inside brackets \W stays ASCII's (it already takes in every non-ASCII character); escapes and a "]"
        # that opens a class are not taken for its end.
        (r"[*•\W]{0,5}\\w[]\w]", r"[*•\W]{0,5}\\w[]" + _WORD + "]"),
    ],
)
def test_rule_patterns_get_word_classes_beyond_ascii(pattern: str, rewritten: str) -> None:
    assert unicode_word_classes(pattern) == rewritten


def test_name_patterns_match_accented_and_cyrillic_names() -> None:
    article = newsclean.clean_text(
        "The council met on Tuesday to discuss the budget for the coming year in detail.\n\n"
        "By Zoë Müller and Łukasz Nowak\n\n"
        "The mayor said the budget would be balanced by cutting costs in several departments.\n\n"
        "Reporting by José García; Editing by Ана Петрова"
    )
    assert [removal.rule for removal in article.removed] == ["byline.written-by", "byline.reuters-credit"]
    assert article.authors == ("Zoë Müller", "Łukasz Nowak")


def test_word_boundary_beside_a_non_ascii_letter_is_refused() -> None:
    body = GOOD_RULE.replace('match = "phrase"', 'match = "regex"').replace(
        'pattern = ["Sponsored content"]', "pattern = ['^(sponsored content|спонсорский материал)\\b']"
    )
    with pytest.raises(newsclean.RuleError, match=r"custom\.sponsor.*never matches"):
        parse_pack(HEADER + body, "custom.toml")


def test_unless_keeps_what_the_pattern_would_take_and_is_for_text_rules_only() -> None:
    body = GOOD_RULE.replace('match = "phrase"', 'match = "regex"').replace(
        'pattern = ["Sponsored content"]', "pattern = ['^sponsored']\nunless = '^sponsored by nobody'"
    )
    body = body.replace("The content was sponsored by nobody.", "Sponsored by nobody")
    rules = parse_pack(HEADER + body, "custom.toml")
    kept = TextCleaner(rules).clean(["Sponsored by nobody", "Sponsored content"])
    assert kept.paragraphs == ("Sponsored by nobody",)
    dom_body = GOOD_RULE.replace('stage = "text"', 'stage = "dom"').replace('match = "phrase"', 'match = "selector"')
    dom_body = dom_body.replace('pattern = ["Sponsored content"]', "pattern = ['div.sponsor']\nunless = 'nobody'")
    with pytest.raises(newsclean.RuleError, match="'unless' is for text rules"):
        parse_pack(HEADER + dom_body, "custom.toml")


def test_a_rule_yields_a_line_to_a_later_rule_that_matches_it_too() -> None:
    rules = default_rules()
    line = "By Jane Doe • 5 min read"
    taken = TextCleaner(rules).clean(["The council voted on Tuesday to approve the new budget.", line])
    assert [(r.rule, r.text) for r in taken.removed] == [("byline.written-by", line)]
    alone = TextCleaner(rules.only("reading_time.inline")).clean([line])  # nothing to yield to: its own line
    assert [r.rule for r in alone.removed] == ["reading_time.inline"]
    dom_body = GOOD_RULE.replace('stage = "text"', 'stage = "dom"').replace('match = "phrase"', 'match = "selector"')
    dom_body = dom_body.replace('pattern = ["Sponsored content"]', "pattern = ['div.sponsor']\nyields_to = ['a.b']")
    with pytest.raises(newsclean.RuleError, match="yields_to applies to text rules only"):
        parse_pack(HEADER + dom_body, "custom.toml")
