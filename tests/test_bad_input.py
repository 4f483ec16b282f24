"""Bad input gets a typed error or an empty Article with a clear status, within the time limit."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
import pytest
from click.testing import CliRunner

import newsclean
from newsclean import Document, Failure, InputError, Limits, Pipeline, Removal
from newsclean.cleaners._classifier import ParagraphClassifier
from newsclean.cli import main

ARTICLE = "<html><body><article>" + "<p>The council approved the new budget after a long debate on Tuesday.</p>" * 5


def test_empty_and_whitespace_input_are_input_errors() -> None:
    for empty in (b"", "", "   \n\t  ", b"\n\n"):
        with pytest.raises(InputError, match="empty"):
            newsclean.clean_html(empty)
    with pytest.raises(InputError, match="empty"):
        newsclean.clean_text("")
    # Invisible characters are as empty as spaces: a dump of them is not a page without content.
    for invisible in ("\u200b\u200d\ufeff", "\u00a0\u200b\n\u2060", "\u00ad"):
        with pytest.raises(InputError, match="empty"):
            newsclean.clean_text(invisible)
        with pytest.raises(InputError, match="empty"):
            newsclean.clean_html(invisible.encode("utf-8"))


def test_binary_garbage_is_rejected_as_binary() -> None:
    rng = random.Random(7)
    garbage = bytes(rng.getrandbits(8) for _ in range(50_000))
    with pytest.raises(InputError, match="binary") as caught:
        newsclean.clean_html(garbage, url="https://example.com/file.bin")
    assert caught.value.url == "https://example.com/file.bin"
    assert caught.value.stage == "input"


def test_nul_bytes_inside_a_real_page_are_dropped_not_fatal() -> None:
    page = ARTICLE.encode().replace(b"new budget", b"new\x00 budget")
    article = newsclean.clean_html(page)
    assert article.status == "ok"
    assert "\x00" not in article.text
    assert "approved the new budget" in article.text


def test_page_of_only_nul_bytes_is_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        newsclean.clean_html(b"\x00" * 4096)


def test_20_mb_page_is_refused_by_the_size_limit_at_once() -> None:
    page = ("<html><body>" + "<p>word word word word</p>" * 800_000 + "</body></html>").encode()
    assert len(page) > 20_000_000
    started = time.perf_counter()
    with pytest.raises(InputError, match="max_bytes"):
        newsclean.clean_html(page)
    assert time.perf_counter() - started < 1.0


@pytest.mark.timeout(60)
def test_oversized_page_allowed_by_the_size_limit_stops_at_the_time_limit() -> None:
    page = ("<html><body>" + "<p>word word word word</p>" * 800_000 + "</body></html>").encode()
    pipeline = Pipeline(limits=Limits(max_bytes=30_000_000, timeout=1.0))
    started = time.perf_counter()
    with pytest.raises(newsclean.ExtractionTimeout) as caught:
        pipeline.clean_html(page)
    assert time.perf_counter() - started < 10.0
    assert caught.value.stage in {"decode", "dom", "extract"}


class _ExtractorThatSpins:
    """An extractor that never finishes in time: it loops in Python, as trafilatura's heuristics do on a hard page."""

    name = "spinner"

    def extract(self, html: str, *, url: str | None = None) -> list[str]:
        stop = time.monotonic() + 30
        while time.monotonic() < stop:
            pass
        return []


@pytest.mark.timeout(60)
def test_the_time_limit_holds_off_the_main_thread() -> None:
    # Ray and Dask clean in worker threads, where SIGALRM cannot reach.
    from concurrent.futures import ThreadPoolExecutor

    paragraph = "The council met and voted on the budget. " * 20
    page = f"<html><body><article><p>{paragraph}</p></article></body></html>"
    spinning = Pipeline(extractor=_ExtractorThatSpins(), limits=Limits(timeout=0.5))
    working = Pipeline(limits=Limits(timeout=20))

    def spin_then_work() -> tuple[str, str]:
        try:
            spinning.clean_html(page)
        except newsclean.ExtractionTimeout as exc:
            stage = exc.stage or ""
        # The thread goes on to the next document unharmed: no late exception lands in it.
        return stage, working.clean_html(page).status

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: spin_then_work(), range(2)))
    assert outcomes == [("extract", "ok"), ("extract", "ok")]


class _ClassifierThatSpins(ParagraphClassifier):
    """A paragraph filter that never finishes in time: the text stage, after extraction, is the document's too."""

    def clean(self, paragraphs: Sequence[str], title: str | None) -> tuple[list[str], list[Removal]]:
        stop = time.monotonic() + 10
        while time.monotonic() < stop:
            pass
        return list(paragraphs), []


DUMP = "The council met on Tuesday and voted on the budget after a long debate.\n" * 10


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("call", "document"),
    [
        pytest.param("clean_html", ARTICLE, id="page"),
        pytest.param("clean_text", DUMP, id="text dump"),
        pytest.param("clean_text", ARTICLE, id="dump holding html"),
        pytest.param("clean_html", DUMP, id="page holding no markup"),
    ],
)
@pytest.mark.parametrize("thread", [False, True], ids=["main thread", "worker thread"])
def test_the_time_limit_covers_the_text_stage(call: str, document: str, thread: bool) -> None:
    from concurrent.futures import ThreadPoolExecutor

    spinning = Pipeline(paragraph_classifier=_ClassifierThatSpins(), limits=Limits(timeout=0.5))

    def clean() -> str:
        started = time.perf_counter()
        with pytest.raises(newsclean.ExtractionTimeout) as caught:
            getattr(spinning, call)(document)
        assert time.perf_counter() - started < 5.0
        return caught.value.stage or ""

    if thread:
        with ThreadPoolExecutor(1) as pool:
            stage = pool.submit(clean).result()
    else:
        stage = clean()
    assert stage == "clean"
    assert spinning.stats.articles == 0


def test_100000_nested_divs_are_refused_quickly() -> None:
    page = "<html><body>" + "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000 + "</body></html>"
    started = time.perf_counter()
    with pytest.raises(InputError, match="max_depth"):
        newsclean.clean_html(page)
    assert time.perf_counter() - started < 5.0


PROSE = "<p>The council approved the new budget after a long debate on Tuesday evening.</p>" * 5


def _page_with_one_element(attributes: str) -> str:
    return f"<html><body><article><div {attributes}>{PROSE}</div></article></body></html>"


@pytest.mark.parametrize(
    "attributes",
    [
        pytest.param(" ".join(f'data-a{i}="v{i}"' for i in range(50_000)), id="with values"),
        pytest.param(" ".join(f"a{i}" for i in range(50_000)), id="without values"),
        pytest.param(" ".join(f'a{i}=">"' for i in range(50_000)), id="values holding >"),
        pytest.param("\n".join(f"a{i}='<' b{i}='>'" for i in range(25_000)), id="values holding < and >"),
        pytest.param("".join(f'a{i}="1"' for i in range(50_000)), id="glued after quotes"),
        pytest.param("/".join(f"a{i}" for i in range(50_000)), id="split by slashes"),
    ],
)
def test_an_element_with_50000_attributes_is_refused_before_the_parsers_meet_it(attributes: str) -> None:
    # Parsers compare each new attribute with the others: parsing this page took about 19 s.
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"<div> carries 50,000 distinct attributes.*max_attributes=1,000"):
        newsclean.clean_html(_page_with_one_element(attributes))
    assert time.perf_counter() - started < 5.0


def test_the_attribute_limit_is_a_setting_and_a_reject_record_in_a_batch() -> None:
    page = _page_with_one_element(" ".join(f"a{i}" for i in range(300)))
    assert "approved the new budget" in newsclean.clean_html(page).text
    strict = Pipeline(limits=Limits(max_attributes=200))
    (failure,) = strict.run_many([Document(html=page, source_id="wide")])
    assert isinstance(failure, Failure)
    assert (failure.source_id, failure.error, failure.stage) == ("wide", "InputError", "input")
    assert "300 distinct attributes" in failure.message


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param(" ".join('class="x"' for _ in range(50_000)), id="one name repeated costs a parser nothing"),
        pytest.param(f'data-state="{" ".join(f"k{i}=v{i}" for i in range(5_000))}"', id="words in a quoted value"),
    ],
)
def test_long_start_tags_that_are_not_many_attributes_are_kept(markup: str) -> None:
    assert "approved the new budget" in newsclean.clean_html(_page_with_one_element(markup)).text


@pytest.mark.parametrize(
    "container",
    [
        pytest.param("<script>if (a<b {names} > 1) {{ go(); }}</script>", id="script code"),
        pytest.param("<!-- <div {names}> -->", id="comment"),
        pytest.param("<textarea><b {names}></textarea>", id="textarea"),
    ],
)
def test_a_tag_written_inside_script_or_comment_text_is_not_an_element(container: str) -> None:
    names = " ".join(f"n{i}" for i in range(3_000))
    page = f"<html><body>{container.format(names=names)}<article>{PROSE}</article></body></html>"
    assert "approved the new budget" in newsclean.clean_html(page).text
    # The same tag outside them is one, after a script or comment that ends before it.
    page = f"<html><body><script>go();</script><!-- x --><div {names}>{PROSE}</div></body></html>"
    with pytest.raises(InputError, match="3,000 distinct attributes"):
        newsclean.clean_html(page)


@pytest.mark.parametrize(
    "level", [pytest.param("<div></span>", id="a stray end tag"), pytest.param("<div/>", id="a self-closed div")]
)
def test_nesting_a_parser_sees_is_refused_whatever_the_tags_pretend(level: str) -> None:
    # The depth scan counted "</span>" as a close and "<div/>" as self-closing; a parser nests 200,000 divs,
    # which Lexbor took minutes over, past any timeout.
    page = "<html><body>" + level * 200_000 + "<p>deep text</p></body></html>"
    started = time.perf_counter()
    with pytest.raises(InputError, match="max_depth"):
        newsclean.clean_html(page)
    assert time.perf_counter() - started < 5.0


def test_self_closed_svg_shapes_and_balanced_end_tags_do_not_count_as_nesting() -> None:
    shapes = "<svg>" + '<path d="M0 0h1"/>' * 6_000 + "</svg>"
    closed = "<div><span>x</span></div>" * 3_000
    page = f"<html><body>{shapes}{closed}<article>{PROSE}</article></body></html>"
    assert "approved the new budget" in Pipeline(limits=Limits(max_depth=100)).clean_html(page).text


@pytest.mark.parametrize("tag", ["i", "a", "span"])
def test_a_paragraph_of_40000_inline_elements_keeps_its_text_and_ends_in_time(tag: str) -> None:
    # The extractor's //p//text() is quadratic in the nodes it gathers: 89 s in one C call, past the timeout.
    words = " ".join(f"<{tag}>w{index}</{tag}>" for index in range(40_000))
    page = f"<html><body><article>{PROSE}<p>{words}<br>after the break</p></article></body></html>"
    started = time.perf_counter()
    article = newsclean.clean_html(page)
    assert time.perf_counter() - started < 10.0
    assert article.paragraphs[-2].startswith("w0 w1 w2") and article.paragraphs[-2].endswith("w39998 w39999")
    assert article.paragraphs[-1] == "after the break"


def test_moderate_nesting_within_the_limit_still_parses() -> None:
    page = "<html><body>" + "<div>" * 200 + ARTICLE[12:] + "</div>" * 200 + "</body></html>"
    article = Pipeline(limits=Limits(max_depth=300)).clean_html(page)
    assert "approved the new budget" in article.text


def _nested_page(tag: str, depth: int) -> str:
    lead = "<p>The council met on Tuesday evening to hear from residents about the plan.</p>"
    deep = "<p>Deep inside the markup, the council approved the new budget after a long debate.</p>"
    after = "<p>After the vote, the mayor thanked the residents who had come to speak.</p>"
    return f"<html><body><article>{lead}{f'<{tag}>' * depth}{deep}{f'</{tag}>' * depth}{after}</article></body></html>"


@pytest.mark.parametrize("tag", ["div", "font"])
def test_nesting_past_libxml2_s_default_limit_keeps_the_text_inside_and_after_it(tag: str) -> None:
    # Without XML_PARSE_HUGE, libxml2 stops at 256 levels and the page ends there, without an error.
    article = newsclean.clean_html(_nested_page(tag, 300))
    assert [paragraph.split()[0] for paragraph in article.paragraphs] == ["The", "Deep", "After"]


def test_nesting_past_the_extractor_parser_s_limit_is_a_parse_error_not_a_cut_article() -> None:
    page = _nested_page("div", 2_100)  # under max_depth, past the 2,048 levels libxml2 accepts even so
    with pytest.raises(newsclean.ParseError, match="line 1, column") as caught:
        newsclean.clean_html(page, url="https://example.com/deep")
    assert (caught.value.stage, caught.value.url) == ("extract", "https://example.com/deep")
    failure = next(Pipeline().run_many([Document(html=page, source_id="deep")]))
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error) == ("extract", "ParseError")
    # The parser is reused: the next page parses in full.
    assert len(newsclean.clean_html(_nested_page("div", 3)).paragraphs) == 3


def test_page_without_an_article_is_an_empty_article_with_status() -> None:
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    article = newsclean.clean_html(page)
    assert article.status == "no_content"
    assert article.text == "" and article.paragraphs == ()
    assert all(r.category == "no_content" for r in article.removed)
    with pytest.raises(newsclean.NoContentError):
        Pipeline(require_content=True).clean_html(page)


def test_run_many_turns_each_bad_document_into_a_failure_and_goes_on() -> None:
    documents = [
        Document(html=ARTICLE, source_id="good-1"),
        Document(html=b"", source_id="empty"),
        Document(html=b"\x00" * 100, source_id="binary", url="https://example.com/b"),
        Document(source_id="nothing"),
        Document(
            text="Title\nA short text dump paragraph with enough words to count as an article here.", source_id="good-2"
        ),
    ]
    records = list(Pipeline().run_many(documents))
    assert [r.source_id for r in records] == ["good-1", "empty", "binary", "nothing", "good-2"]
    kinds = [type(r).__name__ for r in records]
    assert kinds == ["Article", "Failure", "Failure", "Failure", "Article"]
    failure = records[2]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error, failure.url) == ("input", "InputError", "https://example.com/b")


def test_run_many_reports_an_item_that_is_not_a_document_and_goes_on() -> None:
    # A dict in the stream raised AttributeError from the failure report itself, which ended the run.
    items: list[Any] = [{"html": ARTICLE}, Document(html=ARTICLE, source_id="good"), None]
    records = list(Pipeline().run_many(items))
    assert [type(record).__name__ for record in records] == ["Failure", "Article", "Failure"]
    failure = records[0]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error, failure.source_id) == ("input", "TypeError", None)
    assert "expected a newsclean.Document, not dict" in failure.message
    with pytest.raises(TypeError, match="not NoneType"):
        Pipeline().run(None)  # type: ignore[arg-type]


def test_a_fetch_time_utc_cannot_hold_is_a_value_error() -> None:
    # It raised OverflowError from the conversion to UTC.
    from datetime import datetime, timedelta, timezone

    from newsclean._fetch_time import parse_fetch_time

    early = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    with pytest.raises(ValueError, match="out of the range of dates in UTC"):
        newsclean.clean_text("A short text dump paragraph with enough words to count.", fetched_at=early)
    with pytest.raises(ValueError, match="out of the range"):
        parse_fetch_time(early)  # what a record's fetch time goes through, as documented


def test_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        newsclean.clean_html(12345)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: newsclean.clean_html(12345), "html must be str or bytes, not int"),
        (lambda: newsclean.clean_html(None), "html must be str or bytes, not NoneType"),
        (lambda: newsclean.clean_html(ARTICLE, url=5), "url must be a str or None, not int"),
        (lambda: Pipeline().clean_html(ARTICLE, source_id=3), "source_id must be a str or None, not int"),
        (lambda: newsclean.clean_html(ARTICLE.encode(), headers=42), "headers must be a mapping, a list of"),
        (lambda: newsclean.clean_html(ARTICLE.encode(), headers=[("a",)]), "headers must be a mapping, a list of"),
        (lambda: newsclean.clean_html(ARTICLE.encode(), headers="utf-8"), "without any 'Name: value' line"),
        (lambda: newsclean.clean_text("Some text", title=5), "title must be a str or None, not int"),
        (lambda: newsclean.clean_text("Some text", url=b"https://e.com/"), "url must be a str or None, not bytes"),
    ],
)
def test_an_argument_of_the_wrong_type_is_a_type_error_naming_it(call: Any, message: str) -> None:
    # Before any work: not an AttributeError from a stage, nor an ExtractionError from trafilatura choking on the URL.
    with pytest.raises(TypeError, match=message):
        call()


def test_response_headers_are_read_in_every_form_callers_hold_them() -> None:
    import httpx

    page = "<html><body><article><p>Le café du coin — ouvert depuis 1890, toujours à la même adresse.</p>" * 3
    body = page.encode("cp1252")
    content_type = "text/html; charset=windows-1252"
    forms: list[Any] = [
        {"Content-Type": content_type},
        httpx.Headers({"content-type": content_type}),
        [("Content-Type", content_type)],
        [(b"content-type", content_type.encode())],  # httpx.Response.headers.raw
        {b"Content-Type": content_type.encode()},
        f"HTTP/1.1 200 OK\r\nServer: x\r\nContent-Type: {content_type}\r\n",
        f"Content-Type: {content_type}".encode(),
    ]
    for form in forms:
        article = newsclean.clean_html(body, headers=form)
        assert (article.encoding, article.encoding_source) == ("windows-1252", "http-header"), form
        assert "Le café du coin — ouvert" in article.text, form


def test_unparseable_urls_give_no_url_evidence_instead_of_an_error() -> None:
    # urllib rejects "http://[::1" (an unclosed IPv6 host): from the caller or from the page's own markup,
    # such a URL is no evidence, and the page is still cleaned.
    head = '<head><link rel="canonical" href="http://[::1/story"><meta property="og:image" content="https://[x"></head>'
    page = f"<html>{head}<body><article>" + ARTICLE.split("<article>", 1)[1]
    article = newsclean.clean_html(page, url="https://example.com/2024/03/05/story")
    assert article.status == "ok"
    assert (article.canonical_url, article.image) == (None, None)
    assert article.site_name == "example.com"

    article = newsclean.clean_html(ARTICLE, url="http://[::1/2024/03/05/story")
    assert article.status == "ok"
    assert article.url == "http://[::1/2024/03/05/story"  # kept as given
    assert (article.site_name, article.canonical_url, article.published) == (None, None, None)


def test_site_boilerplate_skips_articles_whose_url_names_no_site() -> None:
    from newsclean.batch._site import site_of

    article = newsclean.clean_html(ARTICLE, url="http://[::1/story")
    assert site_of(article) is None


def test_lone_surrogates_in_a_text_dump_become_replacement_characters() -> None:
    # A str decoded with "surrogateescape" carries lone surrogates, which no encoder accepts.
    text = "Council approves the budget\nThe council approved the new \udcff budget after a long debate on Tuesday."
    article = newsclean.clean_text(text)
    assert article.paragraphs == ("The council approved the new \ufffd budget after a long debate on Tuesday.",)
    assert "\ufffd".encode() in newsclean.to_json(article)
    assert newsclean.clean_text(text, title="Budget \ud800 vote").title == "Budget \ufffd vote"
    with pytest.raises(InputError, match="binary"):
        newsclean.clean_text("\udcff" * 1000)


def test_records_holding_lone_surrogates_still_encode() -> None:
    article = Pipeline().clean_html(ARTICLE, url="https://example.com/\udcff", source_id="caf\udce9.html")
    encoded = msgspec.json.decode(newsclean.to_json(article))
    assert (encoded["url"], encoded["source_id"]) == ("https://example.com/\ufffd", "caf\ufffd.html")
    assert encoded["text"] == article.text
    failure = Failure(stage="read", error="InputError", message="bad \udce9", source_id="bin\udce9.html")
    assert msgspec.json.decode(newsclean.to_json(failure)) == {
        "stage": "read",
        "error": "InputError",
        "message": "bad \ufffd",
        "source_id": "bin\ufffd.html",
    }


@pytest.mark.timeout(120)
def test_a_folder_with_file_names_that_are_not_utf8_is_cleaned(tmp_path: Path) -> None:
    # Linux hands such names to Python with surrogateescape: one used to crash the whole batch at encoding.
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.html")).write_text(ARTICLE)
    (folder / os.fsdecode(b"bin\xe9.html")).write_bytes(bytes(range(256)) * 100)
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(output), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    (article,) = [msgspec.json.decode(line) for line in output.read_bytes().splitlines()]
    assert article["source_id"] == "caf\\xe9.html"  # the byte written out: names differing there keep their own ids
    (reject,) = [msgspec.json.decode(line) for line in (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()]
    assert (reject["source_id"], reject["error"]) == ("bin\\xe9.html", "InputError")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--timeout", "nan"], "Limits.timeout must be a positive number of seconds"),
        (["--timeout", "inf"], "Limits.timeout must be a positive number of seconds"),
        (["--timeout", "1e308"], "up to 86,400"),
        (["--workers", "100000"], "workers=100000 is more than this machine can use"),
    ],
)
def test_cli_settings_out_of_range_are_usage_errors(tmp_path: Path, option: list[str], message: str) -> None:
    # nan gave a traceback (exit 1); inf and 1e308 rejected every document (OverflowError from the alarm);
    # 100,000 workers were all started before the first document, and the run hung.
    (tmp_path / "page.html").write_text(ARTICLE)
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "page.html"), "-o", str(output), "-q", *option])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not output.exists()


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Limits(timeout=-1), "Limits.timeout must be a positive number"),
        (lambda: Limits(max_bytes="10"), "Limits.max_bytes must be a positive integer"),
        (lambda: Limits(max_depth=0), "Limits.max_depth must be a positive integer"),
        (lambda: Limits(max_attributes=-5), "Limits.max_attributes must be a positive integer"),
        (lambda: Limits(timeout=float("nan")), "Limits.timeout must be a positive number of seconds up to 86,400"),
        (lambda: Limits(timeout=float("inf")), "Limits.timeout must be a positive number of seconds up to 86,400"),
        (lambda: Limits(timeout=1e308), "Limits.timeout must be a positive number of seconds up to 86,400"),
        (lambda: newsclean.Fetcher(total_timeout=1e308), "total_timeout must be a number of seconds up to 86,400"),
        (lambda: newsclean.Fetcher(read_timeout=float("nan")), "read_timeout must be a number of seconds"),
        (lambda: newsclean.Fetcher(min_delay=float("inf")), "min_delay must be a number of seconds"),
        (lambda: list(newsclean.clean_batch([], workers=100_000)), "workers=100000 is more than this machine can use"),
        (lambda: Limits(max_binary_share=1.5), r"Limits.max_binary_share must be in \(0, 1\]"),
        (lambda: Pipeline(min_words=-1), "min_words must be 0 or more"),
        (lambda: list(newsclean.clean_batch([], workers=-2)), r"workers must be 0 \(this process\) or more"),
        (lambda: list(newsclean.clean_batch([], chunk_size=0)), "chunk_size must be at least 1"),
    ],
)
def test_settings_out_of_range_are_value_errors_naming_the_setting(build: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Pipeline(limits="x"), "limits must be a newsclean.Limits, got str"),
        (lambda: Pipeline(limits={"timeout": 5}), "limits must be a newsclean.Limits, got dict"),
        (lambda: Pipeline(extractor="trafilatura"), r"extractor must have an extract\(html, url=...\) method, got str"),
        (lambda: Pipeline(require_content="yes"), "require_content must be a bool, got str"),
    ],
)
def test_settings_of_the_wrong_type_are_type_errors_when_the_pipeline_is_built(build: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        build()
