"""The faster code paths give exactly what the plain ones give (the speed work must not change outputs)."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Any

import htmldate
import pytest
import re2
import trafilatura

from newsclean import Pipeline, _dom
from newsclean import _pipeline as pipeline_module
from newsclean._exceptions import InputError
from newsclean._extract import TrafilaturaExtractor
from newsclean._limits import Limits, check_text
from newsclean._normalize import normalize_paragraph
from newsclean._rules import default_rules
from newsclean.cleaners._dom import DomCleaner
from newsclean.metadata._computed import content_hash, has_words, simhash, word_count
from newsclean.metadata._date_labels import labelled_date, scan_page_dates
from newsclean.metadata._resolve_dates import htmldate_fallback
from newsclean.metadata._resolved import Resolved
from newsclean.metadata._text_dates import TEXT_DATE, text_date_matches, visible_dates

SENTENCE = "The council approved the budget on Tuesday after a long and heated debate about schools."


def _page(body: str, head: str = "<title>Budget passes</title>") -> str:
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"


# -- extraction on a tree built with our parser -------------------------------------------------------------------


def _trafilatura_on_string(html: str) -> list[str]:
    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, deduplicate=False, with_metadata=False
    )
    text = getattr(document, "text", None) or ""
    return [line for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize(
    "html",
    [
        _page(f"<article><h2>Vote</h2><p>{SENTENCE}</p><p>{SENTENCE} Again.</p><ul><li>One item</li></ul></article>"),
        # an ASP.NET page wraps everything in a form: lxml.html would make it a FormElement, ours a plain element
        _page(f"<form id='aspnetForm'><div class='content'><p>{SENTENCE}</p><p>{SENTENCE} More.</p></div></form>"),
        _page(
            f"<div><table><tr><th>Year</th><th>Budget</th></tr><tr><td>2024</td><td>$3m</td></tr></table>"
            f"<p>{SENTENCE}</p></div>"
        ),
        # no "html" in the first 50 characters: trafilatura's own dubious-input path must still apply
        f"<div><p>{SENTENCE}</p><p>{SENTENCE} Then.</p></div>",
        "<!DOCTYPE html>\n<html/>\n<body><p>" + SENTENCE + "</p></body>",
    ],
)
def test_extraction_on_our_tree_equals_trafilatura_on_the_string(html: str) -> None:
    assert TrafilaturaExtractor().extract(html) == _trafilatura_on_string(html)


def test_extraction_of_markup_with_a_nul_equals_trafilatura_on_the_string() -> None:
    html = f"<html><p>{SENTENCE}\x00</p></html>"
    assert TrafilaturaExtractor().extract(html) == _trafilatura_on_string(html)


def test_a_lone_surrogate_costs_one_character_not_the_rest_of_the_page() -> None:
    # libxml2 stops at the surrogate (trafilatura 2.3.1, given the string, keeps only what came before it).
    html = f"<html><body><p>{SENTENCE}\udc80 {SENTENCE}</p><p>After it: {SENTENCE}</p></body></html>"
    assert TrafilaturaExtractor().extract(html) == [f"{SENTENCE}\ufffd {SENTENCE}", f"After it: {SENTENCE}"]


# -- metadata read in one walk ---------------------------------------------------------------------------------------


def test_metadata_fields_keep_document_order_and_first_title_and_canonical() -> None:
    tree = _dom.parse(
        _page(
            "<h1>First <b>head</b>line</h1><time datetime='2024-01-02'>2 Jan</time>"
            "<script type='application/ld+json'>{not json</script>"
            "<h1>Second</h1><time>3 Jan</time>",
            head="<title> Real  title </title><title>Other</title>"
            "<link rel='canonical' href=' https://example.com/a '><link rel='canonical' href='https://example.com/b'>"
            "<meta property='og:title' content='OG  title'><meta name='OG:Title' content='Again'>"
            "<meta name='empty' content='  '>"
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": "H"}]}</script>',
        )
    )
    candidates = _dom.collect_metadata(tree)
    assert candidates.title_tag == "Real title"
    assert candidates.canonical == "https://example.com/a"
    assert candidates.meta == {"og:title": ["OG title", "Again"]}
    assert candidates.h1 == ["First head line", "Second"]
    assert candidates.h1_joined == ["First headline", "Second"]
    assert candidates.times == [("2024-01-02", "2 Jan"), ("", "3 Jan")]
    assert [node.get("@type") for node in candidates.json_ld] == [None, "NewsArticle"]
    assert candidates.html_lang == "en"


# -- the prune guard -------------------------------------------------------------------------------------------------


def test_prune_goes_ahead_when_one_paragraph_is_outside_nested_discarded_containers() -> None:
    tree = _dom.parse(_page(f"<aside><nav><p>Menu</p></nav><p>Side</p></aside><div><p>{SENTENCE}</p></div>"))
    assert _dom.prune_for_extractor(tree) == 1
    html = tree.html or ""
    assert "Menu" not in html and "Side" not in html and SENTENCE in html


def test_prune_is_skipped_when_nested_discarded_containers_hold_every_paragraph() -> None:
    tree = _dom.parse(_page(f"<aside><nav><p>Menu</p></nav><p>{SENTENCE}</p></aside><footer><p>End</p></footer>"))
    _dom.prune_for_extractor(tree)
    html = tree.html or ""
    assert SENTENCE in html and "Menu" in html and "End" in html


# -- the binary check ------------------------------------------------------------------------------------------------

_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


@pytest.mark.parametrize(
    "text",
    [
        "a\x01" * 20,  # 50% control characters
        "\ufffd\ufffdé" * 20,  # undecodable bytes, counted as characters whatever their encoded size
        "x" * 10 + "\x0e\x1f" * 2,
        "\t\n\r\x0b\x0c " * 10 + "text",  # whitespace controls are text
        "\ud800 lone surrogate " * 3 + "\x02",
        "東京" * 30 + "\x07" * 5,
    ],
)
def test_binary_share_is_counted_as_the_character_class_defines_it(text: str) -> None:
    limits = Limits(max_binary_share=0.1)
    bad = len(_NON_TEXT.findall(text[:65536]))
    if bad > 0.1 * len(text[:65536]):
        with pytest.raises(InputError, match=f"input looks binary \\({bad} control"):
            check_text(text, limits, url=None)
    else:
        assert check_text(text, limits, url=None) == text.replace("\x00", "")


@pytest.mark.parametrize("text", ["", " ", "\n\t \u3000\u00a0"])
def test_whitespace_only_is_still_an_empty_document(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        check_text(text, Limits(), url=None)


# -- computed fields -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \t\n",
        "one",
        "— | *** _ __init__ a_b -- x-ray 3.5% U.S. $100 «quoted» l'été naïve",
        "tabs\tand\x1cseparators\x1d\u3000ideographic\u00a0nbsp \u2028line",
        "_under_ score_ ¹²³ ½ Ⅻ ٣ \u0301 \U0001f600 \x00",
        "東京 mixed with words",
        SENTENCE * 3,
    ],
)
def test_word_count_equals_the_regex_count(text: str) -> None:
    from newsclean.metadata._computed import _COUNTED

    assert word_count(text) == len(_COUNTED.findall(text))


_WORD_ATOMS = ("a", "é", "_", "—", "|", "-", " ", "  ", "\n", "\t", "\x1c", "\u3000", "\u00a0", "1", ".", "__", "*")


def test_word_count_by_lines_equals_the_count_over_the_whole_text() -> None:
    from newsclean.metadata._computed import _COUNTED

    rng = random.Random(3)
    texts = ["".join(rng.choice(_WORD_ATOMS) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert word_count(text) == len(_COUNTED.findall(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hello, World — naïve ＡＢＣ ﬁne ½ Straße _snake_case_ x2",
        "ｱｲｳ halfwidth katakana becomes CJK once NFKC-normalised",  # the CJK test runs on the normalised text
        "東京 mixed with words ㊀",
        SENTENCE * 3,
    ],
)
def test_hash_tokens_equal_the_plain_regex(text: str) -> None:
    from newsclean.metadata._computed import _WORD, _tokens

    assert _tokens(text) == _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@pytest.mark.parametrize("text", ["", "one", "one two", "Ünïcödé wörds 東京 and more words here", SENTENCE * 3])
def test_has_words_agrees_with_word_count(text: str) -> None:
    for minimum in (0, 1, 2, 5, 10, 40):
        assert has_words(text, minimum) == (word_count(text) >= minimum)


def test_hashes_are_stable_values() -> None:
    # The hashes are part of stored records and must not drift. SimHash's definition changed once, on purpose
    # (word hashes combined per shingle, docs/metadata.md); these are the values of that definition.
    assert simhash("one two three four five") == "48faf63c715b35a8"
    assert simhash("a b") == "e1a14ea0aee7e09a"
    assert simhash("Ünïcödé wörds 東京 x") == "d846125c301dabd9"
    assert content_hash("Hello, World") == "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"


# -- stage accounting ------------------------------------------------------------------------------------------------


class _FakeClock:
    """Both clocks advance one unit per reading; patched stages add more, so the books can be checked."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> tuple[float, float]:
        self.now += 1.0
        return self.now, self.now


def test_metadata_time_is_booked_under_normalize(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _FakeClock()
    monkeypatch.setattr(pipeline_module, "_clocks", clock)
    real_resolve = pipeline_module._metadata.resolve

    def slow_resolve(*args: object, **kwargs: object) -> object:
        clock.now += 1000.0
        return real_resolve(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline_module._metadata, "resolve", slow_resolve)
    pipeline = Pipeline()
    pipeline.clean_html(_page(f"<article><p>{SENTENCE}</p><p>{SENTENCE}</p></article>"))
    wall = pipeline.stats.as_dict()["seconds"]
    cpu = pipeline.stats.as_dict()["cpu_seconds"]
    assert isinstance(wall, dict) and isinstance(cpu, dict)
    assert wall == cpu
    assert cpu["normalize"] > 1000 and cpu["clean"] < 1000
    assert set(cpu) == set(pipeline_module.STAGES)


# -- language detection ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stock() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE * 40,
        "LE CONSEIL A APPROUVÉ LE BUDGET MARDI APRÈS UN LONG DÉBAT.",  # all capitals: py3langid lower-cases it
        "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt beschlossen. " * 5,
        "市議会は火曜日、長い議論の末に予算を承認した。" * 20,
        "Городской совет утвердил бюджет во вторник после долгих дебатов. " * 10,
        "ab",
        "a",
        "",
        "12345 !!! ...",
    ],
)
def test_vectorised_language_detection_equals_py3langid(text: str, stock: Any) -> None:
    from newsclean.metadata._language import SAMPLE_CHARS, _detector

    detector = _detector()
    assert detector._visits is not None  # the model measured: the vectorised walk is in use
    assert detector.classify(text[:SAMPLE_CHARS]) == stock.classify(text[:SAMPLE_CHARS])
    assert detector.rank(text[:SAMPLE_CHARS]) == stock.rank(text[:SAMPLE_CHARS])
    # the widened table gives the very same scores, bit for bit
    assert detector.nb_ptc.dtype.name == "float32"
    assert detector._decide(text[:SAMPLE_CHARS]).tobytes() == stock._decide(text[:SAMPLE_CHARS]).tobytes()


# -- paragraph normalisation ----------------------------------------------------------------------------------------

_PLAIN_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None
)
_JOINERS = "\u200c\u200d"
_UNJOINABLE = ".,;:!?\"'()[]«»“”‘’—–-"


def _joins(text: str, index: int) -> bool:
    """Whether the joiner run around ``index`` has a joinable character on both sides."""
    start, end = index, index
    while start > 0 and text[start - 1] in _JOINERS:
        start -= 1
    while end < len(text) - 1 and text[end + 1] in _JOINERS:
        end += 1
    before = text[start - 1] if start > 0 else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return all(not (side.isspace() or side in _UNJOINABLE) for side in (before, after))


_PLAIN_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\r\f\v"), " ")


def _plain_normalize_paragraph(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_PLAIN_INVISIBLE).translate(_PLAIN_SPACES)
    text = "".join(char for index, char in enumerate(text) if char not in _JOINERS or _joins(text, index))
    return " ".join(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Plain ASCII  text\twith\r\ntabs\fand\vbreaks ",
        "Cafe\u0301 au lait",  # decomposed: must be composed
        "Café déjà composed",
        "no\u00a0break\u2007figure\u202fnarrow\u2009thin\u200ahair\u2002en\u2003em\u3000ideographic",
        "zero\u200bwidth\u2060joiner\ufeffbom soft\u00adhyphen",
        "e\u00ad\u0301 an accent after a soft hyphen stays apart",
        "\u200b\u00a0\ufeff",
        "ZWNJ\u200cand ZWJ\u200d stay: \U0001f469\u200d\U0001f4bb",
        "\u200d alone, \u200cat an edge\u200d, (\u200dbracketed\u200c) or after a space \u200c go",
        "bidi \u200fmarks\u200e and \u2067isolates\u2069 go, \u202bembeddings\u202c too",
        "Ångström \u212b sign and A\u030a",
        "한국어 \u1100\u1161 jamo",
    ],
)
def test_normalize_paragraph_equals_the_plain_path(text: str) -> None:
    assert normalize_paragraph(text) == _plain_normalize_paragraph(text)


# -- dates written on the page: one scan for the visible dates and both labelled dates -------------------------------

_DATE_TEXTS = [
    "",
    "No date here at all.",
    "Published on March 3, 2024. Updated: 12/03/2024 and again 4 April 2024",
    "Posted 03/04/2023 | Last updated: 05/04/2023 — Date: 2023-04-06",
    "Updated March 9, 2024 Published: Monday, March 4, 2024 on 3rd of May 2021",
    "Published 31/02/2024 then Posted on 1 Février 2024, modified 2024-13-40, Last modified Jan. 2nd, 2022",
    "Date: 1/2/24 and 7.8.2019 and veröffentlicht am 3. März 2020; aktualisiert 4. März 2020",
]


@pytest.mark.parametrize("text", [*_DATE_TEXTS, " filler " * 7000 + _DATE_TEXTS[2] + " filler " * 10])
def test_page_date_scan_equals_the_separate_scans(text: str) -> None:
    scan = scan_page_dates(text)
    assert scan.dates == visible_dates(text)
    assert scan.published == labelled_date(text)
    assert scan.updated == labelled_date(text, updated=True)


def test_page_date_scan_over_the_limit_reads_labels_only_up_to_it() -> None:
    # a date cut by the limit: the labelled readings see the text only up to there, as labelled_date does
    text = "x" * 49_980 + " Published: March 3, 2024 more"
    assert scan_page_dates(text).published == labelled_date(text) is None
    assert scan_page_dates(text).dates == visible_dates(text) == {date(2024, 3, 3)}


def _date_match_keys(matches: Any) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(match.span(), match.groups()) for match in matches]


# Dates in every form, next to near-misses (numbers, decimals, a year alone) and whitespace runs far longer than
# the search window, which the windows must widen for.
_DATE_ATOMS = (
    "March", "Mar.", "Sept", "of", "the", "on", "1", "12", "31", "5th", "2nd", "2019", "2020", "1999", "20", "19",
    "/", "-", ".", ",", " ", "  ", "\n", "\t\t", "T10", "x", "é", "mai", "août", "00", "3", "2023-04-05",
    "03/04/23", "\u00a0", " " * 70, "abcdefghij", "7.5", "a b c d e f g h",
)  # fmt: skip


def test_windowed_date_scan_equals_the_regex_on_the_whole_text() -> None:
    rng = random.Random(20261122)
    texts = [*_DATE_TEXTS, " filler " * 7000 + _DATE_TEXTS[2] + " filler " * 10, "1 " * 200 + "March 5, 2020"]
    texts += ["".join(rng.choice(_DATE_ATOMS) for _ in range(rng.randint(1, 200))) for _ in range(3000)]
    for text in texts:
        assert _date_match_keys(text_date_matches(text)) == _date_match_keys(TEXT_DATE.finditer(text)), text


def test_windowed_date_scan_finds_dates_behind_long_whitespace() -> None:
    # the regex allows any whitespace run inside a date: the window widens until it holds the whole date
    text = "x " * 50 + "March" + " " * 500 + "5," + "\n" * 300 + "2020 and 2021-04-05, 03/04/23"
    found = [match.group(0) for match in text_date_matches(text)]
    assert found == [match.group(0) for match in TEXT_DATE.finditer(text)]
    assert len(found) == 3


# -- the htmldate fallback is skipped only when its answer could not be used ----------------------------------------

_ABBR_PAGE = _page(f"<p>{SENTENCE}</p><abbr class='published' title='2023-04-05T10:00:00'>yesterday</abbr>")


def test_htmldate_is_skipped_when_the_page_shows_no_date_and_is_no_news_article() -> None:
    assert htmldate.find_date(_ABBR_PAGE, extensive_search=False, original_date=True) == "2023-04-05"
    now = datetime(2026, 1, 1, tzinfo=UTC)
    skipped = Resolved()
    skipped.page_dates = set()
    htmldate_fallback(skipped, _ABBR_PAGE, now)
    assert "published" not in skipped.values  # the plain path drops it too: not shown, not a news article
    for page_dates, news in ((set(), True), ({date(2023, 4, 5)}, False), (None, False)):
        resolved = Resolved()
        resolved.page_dates, resolved.news_article = page_dates, news
        htmldate_fallback(resolved, _ABBR_PAGE, now)
        assert resolved.values["published"] == datetime(2023, 4, 5, tzinfo=UTC)


# -- the DOM cleaner reads the body's text only for a candidate that needs it ---------------------------------------


def test_dom_cleaner_text_share_guard_still_applies_after_skipped_candidates() -> None:
    article = " ".join([SENTENCE] * 3)
    tree = _dom.parse(
        _page(
            f"<div class='related'><article><p>{article}</p></article></div>"  # holds an article: not removable
            f"<div class='related-posts'><p>{article} {article}</p></div>"  # more than 40% of the text: kept
            "<div class='related'><p>Read more: other stories</p></div>"
        )
    )
    result = DomCleaner(default_rules()).clean(tree)
    assert [removal.text for removal in result.removed] == ["Read more: other stories"]
    assert tree.body is not None and SENTENCE in (tree.body.text() or "")


def test_dom_cleaner_token_search_on_bytes_equals_the_search_on_text() -> None:
    cleaner = DomCleaner(default_rules())
    on_text = re2.compile(cleaner._any_word_rule.pattern.decode())
    tokens = "\n".join(
        [
            "related-posts",
            "story-body",
            "related-ünïcode",
            "日本-related",
            "mehr-related-artikel",
            "taboola",
            "x-recirc-list",
            "Related-Caps",
            "related\u00a0nbsp",
            "ok",
            "",
        ]
    )
    from_bytes = [match.group(0).decode() for match in cleaner._any_word_rule.finditer(tokens.encode())]
    assert from_bytes == [match.group(0) for match in on_text.finditer(tokens)]
    assert "related-ünïcode" in from_bytes and "日本-related" in from_bytes


def test_dom_cleaner_rule_set_finds_the_tokens_each_rule_matches() -> None:
    cleaner = DomCleaner(default_rules())
    tokens = {
        "related-posts", "story-body", "donation-box", "mt-donation-box", "newsletter", "inline-newsletter",
        "emailcapture", "post-share-buttons", "market-share-chart", "share", "social-share", "author-bio",
        "comments", "related-ünïcode", "日本-related", "ok",
    }  # fmt: skip
    by_set: list[set[str]] = [set() for _ in cleaner._word_rules]
    for token in tokens:
        for index in cleaner._word_rule_set.Match(token.encode()) or ():
            by_set[index].add(token)
    assert by_set == [rule.matching_tokens(tokens) for rule in cleaner._word_rules]
    assert any(by_set) and not all(by_set)


# -- comparison keys: the ASCII fast path of ``fold`` --------------------------------------------------------------


def _plain_fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@pytest.mark.parametrize(
    "text",
    [
        "".join(map(chr, range(128))),
        *map(chr, range(128)),
        "The New York Times | Politics_Desk 2024-05-01",
        "Straße ÉCOLE İstanbul ﬁnance Ⅻ ½ ٣",
        "",
    ],
)
def test_fold_equals_the_plain_path(text: str) -> None:
    from newsclean.metadata._clean import fold

    assert fold(text) == _plain_fold(text)
    assert fold(text) == _plain_fold(text)  # memoised: the same again


# -- the text cleaner skips folding paragraphs too long to be a phrase ----------------------------------------------

_PHRASE_ATOMS = ("a", "Z", "7", "e\u0301", "ﬁ", "Ａ", "ß", "İ", " ", "  ", "…", ".", "•", "-", "\u00a0", "\u3000", "ǅ")


def test_paragraphs_skipped_as_too_long_fold_longer_than_every_phrase() -> None:
    from newsclean._rules import fold_phrase
    from newsclean.cleaners._text import TextCleaner

    cleaner = TextCleaner(default_rules())
    longest = cleaner._longest_phrase
    assert longest > 0
    rng = random.Random(11)
    texts = ["".join(rng.choice(_PHRASE_ATOMS) for _ in range(rng.randint(0, 400))) for _ in range(3000)]
    texts += ["Related articles that may interest you" + " ." * 40, "a" * longest + "…" * 50, "x" * (longest + 1)]
    skipped = 0
    for text in texts:
        if not cleaner._may_be_phrase(text):
            skipped += 1
            assert len(fold_phrase(text)) > longest, text
    assert skipped > 100


def test_a_long_paragraph_folding_to_a_phrase_is_still_matched() -> None:
    from newsclean.cleaners._text import TextCleaner

    cleaner = TextCleaner(default_rules())
    # trailing noise makes it long, but it folds to a phrase: it must not be skipped
    paragraph = "Story continues below advertisement" + " …" * 30
    assert cleaner._may_be_phrase(paragraph)
    assert cleaner.clean([SENTENCE, paragraph, SENTENCE]).paragraphs == (SENTENCE, SENTENCE)


# -- "Written by Jane Doe" labels in the page text: the regex tried only where a label starts ---------------------

_LABEL_ATOMS = (
    "Written by", "written By:", "Article by", "Words by", "Author:", "Authors:", "AUTHOR:", "CONTRIBUTORS:",
    "Contributor:", "records ", "Jane", "Doe", "J.", "Mc'Neil", "O’Brien-Smith", "uthor", "ontributor", " ", "  ",
    "\n", ".", ",", "x", "by", "Wwritten by", "é",
)  # fmt: skip


def test_written_by_scan_equals_findall_over_the_text() -> None:
    from newsclean.metadata._resolve_authors import _WRITTEN_BY, written_by_names

    rng = random.Random(5)
    texts = ["".join(rng.choice(_LABEL_ATOMS) for _ in range(rng.randint(0, 60))) for _ in range(4000)]
    texts += ["Written by Jane Doe and Contributors: John Roe", "AUTHORS: Ann Lee Written by Bob Ray", ""]
    found = 0
    for text in texts:
        expected = _WRITTEN_BY.findall(text)
        assert written_by_names(text) == expected, text
        found += bool(expected)
    assert found > 30


# -- readability's skip: the loose length bound read in C ----------------------------------------------------------


def _random_markup(rng: random.Random, depth: int = 0) -> str:
    """Nested elements, comments and processing instructions with tails, and runs of whitespace: the nodes whose
    texts ``itertext`` gives one string each."""
    parts = []
    for _ in range(rng.randint(0, 4)):
        kind = rng.random()
        words = " ".join(rng.choice(["a", "bb", "  ", "\n\t", "ccc", "é", "東京"]) for _ in range(rng.randint(0, 4)))
        if kind < 0.2:
            parts.append(f"<!--{words}-->")
        elif kind < 0.3:
            parts.append(f"<?pi {words}?>")
        elif kind < 0.7 and depth < 4:
            tag = rng.choice(["div", "p", "span", "b", "li"])
            parts.append(f"<{tag}>{words}{_random_markup(rng, depth + 1)}</{tag}>")
        parts.append(words)
    return "".join(parts)


def test_loose_text_length_bound_is_never_below_the_exact_one() -> None:
    # The skip takes the loose bound as settling the test when it is within the limit: it must bound the exact one
    # on any tree, comments and processing instructions (whose tails are text nodes of their own) included.
    from lxml import html as lxml_html

    from newsclean._readability_skip import loose_text_length_bound, text_length_bound

    parser = lxml_html.HTMLParser(remove_comments=False, remove_pis=False)
    rng = random.Random(11)
    for _ in range(500):
        tree = lxml_html.fromstring(f"<html><body>{_random_markup(rng)}x</body></html>", parser=parser)
        assert loose_text_length_bound(tree) >= text_length_bound(tree)


def test_readability_skip_decides_as_the_exact_bound_alone() -> None:
    from lxml import html as lxml_html

    from newsclean._readability_skip import readability_cannot_win, text_length_bound

    options = type("Options", (), {"focus": "balanced"})()
    body = lxml_html.fromstring(f"<div><p>{SENTENCE}</p></div>")
    rng = random.Random(5)
    for _ in range(300):
        raw = lxml_html.fromstring(f"<html><body>{_random_markup(rng)}<p>{SENTENCE}</p></body></html>")
        for text in (SENTENCE[:20], SENTENCE, SENTENCE * 2):
            exact = text_length_bound(raw) <= 2 * len(text)
            assert readability_cannot_win(raw, body, text, options) == exact


# -- SimHash: the memo called straight from C ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [SENTENCE * 3, "short words only", f"{SENTENCE} {'x' * 65} {SENTENCE}", "y" * 64 + " z w", "Ünïcödé wörds 東京 x"],
)
def test_simhash_through_the_memo_equals_the_wrapped_path(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.metadata import _computed

    fast = simhash(text)
    monkeypatch.setattr(_computed, "_WORD_HASH_MAX_CHARS", -1)  # every text takes the wrapper's path
    assert simhash(text) == fast


# -- trafilatura's backups of the cleaned page, made when jusText or the wild-text fallback reads them ---------------


@pytest.mark.parametrize(
    ("html", "backups"),
    [
        # too short for trafilatura's minimum: the wild text and jusText are tried on backups made then
        (_page(f"<div><p>{SENTENCE}</p></div>"), 2),
        (
            _page(f"<div><p>{SENTENCE}</p></div><nav><p>{SENTENCE} Menu.</p></nav><aside><p>{SENTENCE} A.</p></aside>"),
            2,
        ),
        # no container the main pass knows, and loose paragraphs: the wild text is read from the backup
        (_page("".join(f"<div><p>{SENTENCE} {n}</p><span>{SENTENCE}</span></div>" for n in range(12))), 1),
        # a container found: no backup is made
        (_page(f"<div class='content'><p>{SENTENCE}</p><p>{SENTENCE} Then.</p><ul><li>{SENTENCE}</li></ul></div>"), 0),
        (_page(f"<article><p>{SENTENCE}</p>" + f"<p>{SENTENCE} More.</p>" * 4 + "</article>"), 0),
    ],
)
def test_deferred_backups_give_what_the_copies_give(html: str, backups: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean import _trafilatura_fallback

    made = []
    tree = _trafilatura_fallback._DeferredBackup.tree

    def counted(self: Any) -> Any:
        made.append(self)
        return tree(self)

    monkeypatch.setattr(_trafilatura_fallback._DeferredBackup, "tree", counted)
    deferred = TrafilaturaExtractor().extract(html)
    assert len(made) == backups  # each backup is made when it is read, and only then
    monkeypatch.setattr(_trafilatura_fallback, "_backup_may_wait", lambda options: False)
    assert TrafilaturaExtractor().extract(html) == deferred


@pytest.mark.parametrize("focus", ["balanced", "recall"])
def test_deferred_backup_builds_the_tree_the_copy_holds(focus: str) -> None:
    from copy import copy

    from lxml import etree
    from trafilatura import core
    from trafilatura.settings import Extractor

    from newsclean import _trafilatura_fallback
    from newsclean._extract import _load

    html = _page(
        f"<div><p>{SENTENCE}</p><figure><table><tr><td>1</td></tr></table></figure><form><p>{SENTENCE}</p></form>"
        f"<aside><p>Aside</p></aside><table role='presentation'><tr><td>{SENTENCE}</td></tr></table></div>"
    )
    options = Extractor(comments=False, tables=True)
    options.focus = focus
    with _trafilatura_fallback.engaged():
        cleaned, deferred = core._prepare_tree(_load(html), options, None)
        assert isinstance(deferred, _trafilatura_fallback._DeferredBackup)
        made = etree.tostring(deferred.tree())
        # ``extract_content``'s copy, made for the wild text: the tree ``_prepare_tree`` hands on, as it was then
        assert etree.tostring(deferred.converted_tree()) == etree.tostring(cleaned)
    page = _load(html)
    expected = etree.tostring(core.tree_cleaning(copy(page), options))
    assert made == expected
    assert b"<aside" not in made and b"<form" not in made  # what ``tree_cleaning`` drops
