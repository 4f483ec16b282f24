"""Markup that names a widget word without being a widget: a heading's anchor made from its own words, a link
inside a sentence."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean._rules import default_rules
from newsclean.cleaners import DomCleaner
from newsclean.cleaners._dom import is_heading_anchor

BODY = " ".join(["The council approved the budget on Tuesday after a long and heated debate."] * 10)


def _removed(snippet: str) -> list[tuple[str, str]]:
    tree = LexborHTMLParser(f"<html><body><article><p>{BODY}</p></article>{snippet}</body></html>")
    return [(r.rule, r.text) for r in DomCleaner(default_rules()).clean(tree).removed]


@pytest.mark.parametrize(
    ("identifier", "text"),
    [
        ("3-upgrading-the-curb-appeal", "3. Upgrading the Curb Appeal"),
        (
            "h-balancing-aesthetic-appeal-with-long-term-function-nbsp",
            "Balancing Aesthetic Appeal with Long-Term Function",
        ),
        ("how_to_contribute", "How to contribute"),
        ("Share_Ware_On_Sale", "Share Ware On Sale"),
        ("toc-related-work", "Related work"),
    ],
)
def test_an_id_holding_the_headings_words_in_order_is_an_anchor(identifier: str, text: str) -> None:
    assert is_heading_anchor(identifier, text)


@pytest.mark.parametrize(
    ("identifier", "text"),
    [
        ("related-content-nav", "Other Sections"),  # a widget's id on an unrelated heading
        ("share_post_h1", "Share the post"),  # words of the heading, but not in its order
        ("site-index-subscribe-label", "Subscribe"),  # one word: a widget name as often as a slug
        ("appeal", ""),
    ],
)
def test_other_ids_are_not_anchors(identifier: str, text: str) -> None:
    assert not is_heading_anchor(identifier, text)


def test_a_heading_whose_anchor_holds_a_widget_word_stays() -> None:
    removed = _removed(
        '<h3 id="3-upgrading-the-curb-appeal">3. Upgrading the Curb Appeal</h3>'
        '<h2 id="how-to-contribute">How to contribute</h2>'
        '<div id="donation-appeal"><p>Please give what you can.</p></div>'
    )
    assert removed == [("dom.donation-box", "Please give what you can.")]


def test_a_heading_with_a_widget_class_goes_whatever_its_id() -> None:
    assert _removed('<h2 class="related-posts" id="related-posts">Related posts</h2>') == [
        ("dom.related-box", "Related posts")
    ]


def test_a_heading_whose_id_is_not_its_own_words_goes() -> None:
    assert _removed('<h2 id="related-content-nav">Other Sections</h2>') == [("dom.related-box", "Other Sections")]


def test_the_anchor_test_applies_to_headings_only() -> None:
    # A box's id that happens to spell its first words is still the box's name.
    removed = _removed('<div id="related-posts"><p>Related posts</p><a href="/a">Another story</a></div>')
    assert [rule for rule, _ in removed] == ["dom.related-box"]


# -- links inside sentences -------------------------------------------------------------------------------------

SENTENCE = "is one of the most popular tax preparation programs, and it offers several plans."


def test_a_link_inside_a_sentence_keeps_its_words_whatever_its_class() -> None:
    tree = LexborHTMLParser(
        f"<html><body><article><p>{BODY}</p>"
        f'<p><a class="external-site-popup" href="/go">TurboTax</a> {SENTENCE}</p></article></body></html>'
    )
    assert DomCleaner(default_rules()).clean(tree).removed == ()
    assert "TurboTax is one of the most popular" in " ".join((tree.body.text(separator=" ") or "").split())


def test_a_link_in_a_list_item_of_prose_stays_too() -> None:
    removed = _removed(
        f'<ul><li>Compare <a class="modal-popup-link" href="/x">H&amp;R Block</a>, which {SENTENCE}</li></ul>'
    )
    assert removed == []


def test_links_alone_in_a_paragraph_still_go() -> None:
    # A row of links (skip links, a share bar) has no sentence around them.
    removed = _removed(
        '<p><a class="popup-trigger" href="/a">Privacy Policy</a> '
        '<a class="popup-trigger" href="/b">Terms of Use</a></p>'
    )
    assert [text for _, text in removed] == ["Privacy Policy", "Terms of Use"]


def test_a_box_inside_a_paragraph_still_goes() -> None:
    # Only links are spared: a visually hidden span inside a sentence is still screen-reader text.
    removed = _removed(f'<p>Print or save <span class="screen-reader-text">the English guide</span> {SENTENCE}</p>')
    assert removed == [("dom.screen-reader-text", "the English guide")]


APPEAL_VARIANT = (
    "At Example News we believe everyone deserves journalism. Help keep news free for everyone by giving us as "
    "little as $1. Your contribution will go a long way. "
)


def _appeal_box(variant_class: str) -> str:
    variants = "".join(f'<div class="{variant_class}"><p>{APPEAL_VARIANT * 3}</p></div>' for _ in range(4))
    return f'<div class="cli-support-example"><h4>Support Example News</h4>{variants}</div>'


def test_a_box_whose_text_is_mostly_hidden_is_not_taken_for_the_article() -> None:
    # Four hidden variants of an appeal outweigh the article; the reader sees one at most.
    removed = _removed(_appeal_box("hidden appeal-variant"))
    assert [rule for rule, _ in removed] == ["dom.support-appeal"]


def test_the_same_box_shown_in_full_holds_too_much_of_the_page_to_go() -> None:
    assert _removed(_appeal_box("appeal-variant")) == []


def test_hidden_on_narrow_screens_only_is_not_hidden() -> None:
    # Tailwind's "hidden md:block" is shown from the md breakpoint up.
    assert _removed(_appeal_box("hidden md:block")) == []


def test_a_hidden_attribute_counts_as_hidden_too() -> None:
    variants = "".join(f"<div hidden><p>{APPEAL_VARIANT * 3}</p></div>" for _ in range(4))
    removed = _removed(f'<div class="cli-support-example"><h4>Support Example News</h4>{variants}</div>')
    assert [rule for rule, _ in removed] == ["dom.support-appeal"]


def test_a_support_box_that_asks_for_nothing_stays() -> None:
    # The same class words name a help desk on a shop: box_text keeps the rule to appeals.
    assert _removed('<div class="footer-support-links"><a href="/help">Help Center</a> <a>Returns</a></div>') == []
    assert _removed('<div class="support-huffpost"><p>Support our journalism today.</p></div>') == [
        ("dom.support-appeal", "Support our journalism today.")
    ]


ARTICLE_PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the council voted seven to two on Tuesday to approve the new budget, which raises spending"
    " on schools.</p>"
    for n in range(10)
)
MENU = (
    "<nav><ul>" + "".join(f"<li><a href='/s/{n}'>Local section number {n}</a></li>" for n in range(120)) + "</ul></nav>"
)


@pytest.mark.parametrize("classes", ["tag-newsletter", "category-donations", "post_tag-share", "js-share-bar"])
def test_the_article_s_wrapper_is_kept_whatever_its_classes_on_a_page_of_long_menus(classes: str) -> None:
    # WordPress files a post under its terms as classes ("tag-newsletter"), and a menu of 120 links holds more
    # text than the story: the whole article was removed as a newsletter box, the page came out empty.
    page = (
        f"<html><body>{MENU}<div class='post-4521 post type-post hentry category-local-news {classes}'>"
        f"<h1>Council approves budget</h1><div class='entry-content'>{ARTICLE_PARAGRAPHS}</div></div></body></html>"
    )
    article = newsclean.clean_html(page, url="https://news.example.com/council-approves-budget")
    assert len(article.paragraphs) == 10 and not article.removed


def test_a_widget_box_beside_the_article_is_still_removed() -> None:
    page = (
        f"<html><body>{MENU}<div class='post'><h1>Council approves budget</h1>{ARTICLE_PARAGRAPHS}</div>"
        "<div class='newsletter-signup'><h3>Get our newsletter</h3><p>Sign up for the morning briefing.</p></div>"
        "</body></html>"
    )
    article = newsclean.clean_html(page, url="https://news.example.com/council-approves-budget")
    assert len(article.paragraphs) == 10
    assert "dom.newsletter-box" in [removal.rule for removal in article.removed]
    assert "Sign up for the morning briefing." not in article.text


STORY = [
    f"Paragraph {n} of the story: the council voted seven to two on Tuesday to approve a budget that expands bus"
    " service across the eastern districts."
    for n in range(8)
]
COMMENTS = "".join(
    f"<li class='comment'><div class='comment-body'><p>Comment {n}: I ride the 14 every morning and the service has"
    " been terrible since the spring, so this is welcome news for the whole neighbourhood.</p></div></li>"
    for n in range(16)
)
MOST_READ = "<aside class='rail'><ol>" + "".join(
    f"<li><a href='/s/{n}'>Most read story {n}</a></li>" for n in range(10)
)


@pytest.mark.parametrize(
    "classes",
    [
        "post series-weekly-newsletter",  # a custom taxonomy's term class
        "node node-newsletter",  # Drupal 7's node of content type "newsletter"
        "story-body story-body--has-related",  # a BEM modifier
        "c-entry-content js-social-share",  # a script's hook
    ],
)
def test_the_story_body_is_kept_whatever_its_classes_beside_rails_and_a_comment_thread(classes: str) -> None:
    # Menus, a "most read" rail and sixteen comments hold most of the page's text and paragraphs, and the headline
    # sits outside the body: the text and headline guards did not hold, and the whole story went as a widget.
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    page = (
        f"<html><body>{MENU}<header><h1>Council approves budget</h1></header><div class='{classes}'>{body}</div>"
        f"{MOST_READ}</ol></aside><section class='comments'><ol>{COMMENTS}</ol></section></body></html>"
    )
    article = newsclean.clean_html(page, url="https://news.example.com/council-approves-budget")
    assert [paragraph for paragraph in article.paragraphs if paragraph.startswith("Paragraph")] == STORY


def test_a_read_more_wrapper_holding_most_of_the_story_is_kept() -> None:
    shown = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:2])
    rest = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[2:])
    page = (
        f"<html><body>{MENU}<article><h1>Council approves budget</h1>{shown}"
        f"<div class='read-more-content'>{rest}</div></article></body></html>"
    )
    article = newsclean.clean_html(page, url="https://news.example.com/council-approves-budget")
    assert list(article.paragraphs) == STORY


def test_a_bio_box_beside_an_article_split_over_page_builder_modules_still_goes() -> None:
    # Each module holds two paragraphs; the bio's three do not make it the page's main run of prose.
    modules = "".join(
        f"<div class='et_pb_module'><div class='et_pb_text_inner'><p>{STORY[n]}</p><p>{STORY[n + 1]}</p></div></div>"
        for n in range(0, 8, 2)
    )
    bio = "".join(
        f"<p>Jane Roe has covered the city council for the paper since 2015, and before that {topic}.</p>"
        for topic in ("the state legislature", "the courts", "education in the eastern districts")
    )
    page = (
        f"<html><body>{MENU}<h1>Council approves budget</h1>{modules}<div class='author-bio'>{bio}</div></body></html>"
    )
    article = newsclean.clean_html(page, url="https://news.example.com/council-approves-budget")
    assert list(article.paragraphs) == STORY
    assert "dom.author-bio" in [removal.rule for removal in article.removed]


# -- sections named after their own heading ---------------------------------------------------------------------

RULING = [
    f"Paragraph {n} of the ruling: the state's highest court decided on Thursday that the city may keep its ban on"
    " short-term rentals in the old town."
    for n in range(3)
]
APPEAL = [
    f"Paragraph {n} of the appeal: the landlords had argued that the ban took their property without compensation,"
    " and the judges rejected that reading of the constitution."
    for n in range(3)
]


def _court_story(section: str) -> str:
    ruling = "".join(f"<p>{paragraph}</p>" for paragraph in RULING)
    return (
        f"<html><body>{MENU}<article><h1>Court upholds rental ban</h1>{ruling}{section}"
        "<section id='what-comes-next'><h2>What comes next</h2><p>The landlords may still ask the federal courts to"
        " hear the case, their lawyer said after the hearing.</p></section></article></body></html>"
    )


@pytest.mark.parametrize("identifier", ["the-appeal", "h-the-appeal", "the_appeal"])
def test_a_section_whose_id_is_the_slug_of_its_heading_is_not_a_widget(identifier: str) -> None:
    # "appeal" is a donation word, but this id is the anchor a CMS made from the section's heading.
    appeal = "".join(f"<p>{paragraph}</p>" for paragraph in APPEAL)
    page = _court_story(f"<section id='{identifier}'><h2>The appeal</h2>{appeal}</section>")
    article = newsclean.clean_html(page, url="https://news.example.com/court-upholds-rental-ban")
    assert all(paragraph in article.text for paragraph in APPEAL)
    assert "dom.donation-box" not in [removal.rule for removal in article.removed]


def test_a_box_headed_by_its_id_s_words_but_holding_only_links_still_goes() -> None:
    # "Related posts" over a list of links: the id spells the heading, but there is no prose to keep.
    links = "".join(f"<li><a href='/s/{n}'>Another story about the city council, number {n}</a></li>" for n in range(4))
    removed = _removed(f"<div id='related-posts'><h3>Related posts</h3><ul>{links}</ul></div>")
    assert [rule for rule, _ in removed] == ["dom.related-box"]


def test_a_slug_id_spares_nothing_that_a_class_names() -> None:
    appeal = "<p>Our reporting is free for everyone because readers like you give what they can every month.</p>"
    removed = _removed(f"<section id='support-us' class='donation-box'><h2>Support us</h2>{appeal}</section>")
    assert [rule for rule, _ in removed] == ["dom.donation-box"]


def test_a_box_whose_heading_comes_after_other_text_is_judged_by_its_id() -> None:
    appeal = "<p>Our reporting is free for everyone because readers like you give what they can every month.</p>"
    removed = _removed(f"<section id='the-appeal'><p>Dear reader,</p><h2>The appeal</h2>{appeal}</section>")
    assert [rule for rule, _ in removed] == ["dom.donation-box"]


# -- credit boxes -----------------------------------------------------------------------------------------------

REVIEW = [
    f"Paragraph {n} of the review: the film follows a retired lighthouse keeper who takes in a stranded sailor"
    " during a long winter storm."
    for n in range(5)
]
FILM_CREDITS = ("Director: Jane Campion", "Cast: Olivia Colman, Paul Mescal", "Running time: 112 minutes")


@pytest.mark.parametrize(
    "credits",
    [
        "".join(f"<p>{line}</p>" for line in FILM_CREDITS),
        "<ul>" + "".join(f"<li>{line}</li>" for line in FILM_CREDITS) + "</ul>",
        "<p>" + "<br>".join(FILM_CREDITS) + "</p>",
    ],
)
def test_a_film_review_s_credits_box_is_part_of_the_review(credits: str) -> None:
    # The gold sets keep such fact boxes (a recipe's times and servings, a product's price): they describe what
    # the article is about. A credit line credits one source; this box lists several roles.
    body = "".join(f"<p>{paragraph}</p>" for paragraph in REVIEW)
    page = (
        f"<html><body>{MENU}<article><h1>The Keeper review: a quiet storm</h1>"
        f"<div class='credits'>{credits}</div>{body}</article></body></html>"
    )
    article = newsclean.clean_html(page, url="https://news.example.com/film/the-keeper-review")
    assert all(line in article.text for line in FILM_CREDITS)
    assert not [removal for removal in article.removed if removal.rule.startswith("dom.")]


@pytest.mark.parametrize(
    ("credit", "rule"),
    [
        ('<span class="credit">(Image credit: Future / Jane Roe)</span>', "dom.credit"),
        ('<div class="credits">© 2025 Example Media B.V.</div>', "dom.credit"),
        ('<p class="credits">Submitted photo</p>', "dom.credit"),
        # Named a photo's credits, a box goes whatever it lists.
        ('<div class="photo-credits"><p>Top: Jane Roe/AP</p><p>Bottom: John Doe/Reuters</p></div>', "dom.photo-credit"),
    ],
)
def test_photo_and_site_credit_lines_still_go(credit: str, rule: str) -> None:
    assert [found for found, _ in _removed(credit)] == [rule]
