"""A page whose scripts render the article, with a copy printed in <noscript> for readers without scripts: that copy
is the page's text when nothing else gives one."""

from __future__ import annotations

import newsclean

BODY = "".join(
    f"<p>Paragraph {n}: the council voted on Tuesday to approve the new budget after a long debate about schools.</p>"
    for n in range(6)
)
HEAD = "<head><title>Council approves budget</title></head>"


def test_the_noscript_copy_of_a_script_rendered_article_is_its_text() -> None:
    # <noscript> is dropped as never content, so the page came out no_content.
    page = f"<html>{HEAD}<body><div id='app'></div><noscript><article>{BODY}</article></noscript></body></html>"
    article = newsclean.clean_html(page, url="https://news.example.com/budget")
    assert article.status == "ok" and len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("Paragraph 0: the council voted")
    assert article.provenance["text"] == "noscript"


def test_a_page_with_its_text_outside_noscript_ignores_the_noscript_blocks() -> None:
    notice = (
        "<noscript><p>"
        + "Our site works best with scripts; here is a short summary of the menu. " * 5
        + "</p></noscript>"
    )
    page = f"<html>{HEAD}<body>{notice}<article>{BODY}</article></body></html>"
    article = newsclean.clean_html(page, url="https://news.example.com/budget")
    assert len(article.paragraphs) == 6 and "text" not in article.provenance
    assert not any("summary of the menu" in paragraph for paragraph in article.paragraphs)


def test_a_notice_to_enable_javascript_is_no_article() -> None:
    notice = (
        "Please enable JavaScript to view this site. This website requires JavaScript for the best experience, and"
        " many features will not work without it, including the article you asked for."
    )
    page = f"<html>{HEAD}<body><div id='app'></div><noscript><p>{notice}</p></noscript></body></html>"
    article = newsclean.clean_html(page, url="https://news.example.com/budget")
    assert article.status == "no_content" and article.paragraphs == ()
    dump = newsclean.clean_text(
        f"Council approves budget\n{notice}\n{BODY.replace('<p>', '').replace('</p>', chr(10))}"
    )
    assert notice not in dump.paragraphs and "widget.javascript-notice" in [r.rule for r in dump.removed]
