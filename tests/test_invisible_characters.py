"""Zero-width joiners spell words and survive extraction; bidirectional marks are display hints and go, on the HTML
path and the text-dump path alike."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import newsclean
from newsclean.cli import main

PERSIAN = (
    "مدارس به\u200cصورت مجازی برگزار می\u200cشود و کلاس\u200cها در همه شهرها تا پایان هفته تعطیل خواهند بود"
    " و دانش\u200cآموزان در خانه می\u200cمانند."
)
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
EMOJI = f"The {FAMILY} family emoji is one character on screen, joined from three people by two joiners."


def _page(*paragraphs: str) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"<html><head><title>خبر</title></head><body><article><h1>خبر</h1>{body}</article></body></html>"


def test_zero_width_joiners_survive_the_extractor() -> None:
    # trafilatura drops every unprintable character: "می‌شود" came out as "میشود", the family as three people.
    article = newsclean.clean_html(_page(PERSIAN, EMOJI))
    assert article.paragraphs == (PERSIAN, EMOJI)


def test_a_page_and_its_text_dump_give_the_same_text_and_hashes() -> None:
    marked = PERSIAN.replace("مدارس", "\u200fمدارس\u200f").replace("هفته", "\u2067هفته\u2069")
    page = newsclean.clean_html(_page(marked))
    dump = newsclean.clean_text(f"خبر\n{marked}")
    assert page.paragraphs == dump.paragraphs == (PERSIAN,)
    assert (page.content_hash, page.simhash) == (dump.content_hash, dump.simhash)


def test_a_title_loses_its_bidirectional_marks() -> None:
    html = _page(PERSIAN).replace("<title>خبر</title>", "<title>تعطیلی مدارس \u200f| الجزيرة نت</title>")
    assert "\u200f" not in (newsclean.clean_html(html.replace("<h1>خبر</h1>", "")).title or "")


def test_a_page_that_writes_the_stand_in_characters_is_extracted_as_it_stands() -> None:
    stand_ins = "The character ⿰ describes a left-to-right ideograph in the Unicode charts, like ⿱ for top-to-bottom."
    article = newsclean.clean_html(_page(stand_ins, PERSIAN))
    assert stand_ins in article.paragraphs


def test_a_joiner_that_joins_nothing_goes_with_a_paragraph_of_nothing_else() -> None:
    # Page builders write empty paragraphs as "<p>&zwj;</p>"; kept, each became a paragraph of one invisible
    # character.
    article = newsclean.clean_html(_page(EMOJI, "&zwj;", "That is the \u200ciPhone 11\u200c and its case.\u200d"))
    assert article.paragraphs == (EMOJI, "That is the iPhone 11 and its case.")


# -- control characters -------------------------------------------------------------------------------------------

LINE = "The council met on Tuesday and approved the budget after a long debate about the roads and the bridge."
# An escape sequence that would retitle and clear a terminal, a bell, a NUL and a C1 control in scraped text.
CONTROLLED = "The council met on Tuesday\x1b]0;pwned\x07\x1b[2J and approved\x00 the budget\x9b after a long debate."


def _council_page(*paragraphs: str, box: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"<html><body><article><h1>Council</h1>{body}{box}</article></body></html>"


def test_a_dump_loses_control_characters_as_a_page_does() -> None:
    dump = newsclean.clean_text(f"{LINE}\n{CONTROLLED}")
    page = newsclean.clean_html(_council_page(LINE, CONTROLLED))
    assert dump.paragraphs == page.paragraphs
    assert dump.paragraphs[1].startswith("The council met on Tuesday]0;pwned[2J and approved the budget")
    assert not any(character in dump.paragraphs[1] for character in "\x1b\x07\x00\x9b")


def test_a_removed_box_is_recorded_as_normalised_text() -> None:
    box = "<div class='mt-donation-box'><p>Give\u200b now\x1b[2J</p>\n\n<p>Cafe\u0301 fund</p></div>"
    article = newsclean.clean_html(_council_page(LINE, LINE.replace("roads", "lanes"), box=box))
    [removal] = [r for r in article.removed if r.rule == "dom.donation-box"]
    assert removal.text == "Give now[2J Café fund"


def test_explain_writes_no_control_character_of_the_page_to_the_terminal(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    box = "<div class='mt-donation-box'><p>Give now\x1b]0;pwned\x07\x1b[2J</p></div>"
    page.write_text(_council_page(LINE, CONTROLLED, box=box), encoding="utf-8")
    # color=True: the output as a terminal gets it, which click leaves as it is
    result = CliRunner().invoke(main, ["explain", str(page)], color=True)
    assert result.exit_code == 0, result.output
    assert not any(character in result.output for character in "\x1b\x07\x00\x9b")
    article = newsclean.clean_html(page.read_bytes())
    for removal in article.removed:
        assert f"{removal.rule} ({removal.category}): {removal.text}" in result.output
