"""Sixth rule audit: interface, comment, form and consent furniture that the peers' text dumps kept, checked in context.

The lines are those a peer's plain-text output kept on the dev sets after ``Pipeline.clean_text``, taken as classes
that recur across sites: a site's navigation and button labels, a comment section's furniture, a form builder's
messages, a consent manager's headings and sentences, a newsletter platform's prompts, bare credit and date labels,
an embed's placeholder. As in the earlier audits' tests, each line is set in a council story, in its middle and as its
last paragraph, and cleaned as a text dump: every one is the whole line and goes anywhere. Prose with the same words
stays in both places.
"""

from __future__ import annotations

import pytest
from _audit_lines import STORY, assert_kept, assert_removed_by
from test_rule_audit_round3 import BODY, _clean

import newsclean

ANYWHERE = {
    # Navigation, pagers, table-of-contents and tag labels, buttons.
    "Back to top": "widget.interface-label",
    "Scroll to top": "widget.interface-label",
    "Bottom of page": "widget.interface-label",
    "Main menu": "widget.interface-label",
    "Search": "widget.interface-label",
    "Close": "widget.interface-label",
    "Contact Us": "widget.interface-label",
    "About us": "widget.interface-label",
    "NEWS": "widget.interface-label",
    "Video": "widget.interface-label",
    "Blog": "widget.interface-label",
    "Previous": "widget.interface-label",
    "Previous Next": "widget.interface-label",
    "View all": "widget.interface-label",
    "In this article": "widget.interface-label",
    "Tags:": "widget.interface-label",
    "Topics": "widget.interface-label",
    "Filed under:": "widget.interface-label",
    "Was this page helpful?": "widget.interface-label",
    "Press enter or click to view image in full size": "widget.player-text",
    "Subscribers can gift articles to anyone": "widget.article-tools",
    "Get started": "widget.interface-label",
    "Start free trial": "widget.interface-label",
    "Request a demo": "widget.interface-label",
    "No credit card required.": "widget.interface-label",
    "Continue reading…": "widget.interface-label",
    "Keep reading": "widget.interface-label",
    "No items found.": "widget.interface-label",
    # The comment section.
    "Reply": "widget.comment-section",
    "User's avatar": "widget.comment-section",
    "Expand full comment": "widget.comment-section",
    "Discussion about this post": "widget.comment-section",
    "Inline Feedbacks": "widget.comment-section",
    "Loading comments...": "widget.comment-section",
    "View all comments": "widget.comment-section",
    "Post a comment": "widget.comment-section",
    "Join the conversation as a VIP member": "widget.comment-section",
    "Comments": "widget.comment-count",
    "Comments 4": "widget.comment-count",
    "147 more comments...": "widget.comment-count",
    "1.6K Shares": "widget.share-count",
    "Shares": "widget.share-count",
    "Pin It on Pinterest": "widget.share",
    "Share on:": "widget.share",
    "Copied!": "widget.share",
    "SHARE ON": "widget.share",
    "Share this on:": "widget.share",
    "Share post": "widget.share",
    "Share link": "widget.share",
    "Share it!": "widget.share",
    "Copy the link": "widget.share",
    "Link copied to clipboard": "widget.share",
    # Forms.
    "Oops! Something went wrong while submitting the form.": "widget.form-messages",
    "Thank you! Your submission has been received!": "widget.form-messages",
    "This field is for validation purposes and should be left unchanged.": "widget.form-messages",
    "Δ": "widget.form-messages",
    "Your subscription has been successful.": "widget.form-messages",
    "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.": (
        "widget.form-messages"
    ),
    "Your subscription could not be saved. Please try again.": "widget.form-messages",
    "Great! Check your inbox and click the link to confirm your subscription.": "widget.form-messages",
    "Error! Please enter a valid email address!": "widget.form-messages",
    "Email Address *": "widget.form-messages",
    "E-mail address:": "widget.form-messages",
    "Full Name": "widget.form-messages",
    "First name": "widget.form-messages",
    "Last name": "widget.form-messages",
    "Contact me with news and offers from other Future brandsReceive email from us on behalf of our trusted partners"
    " or sponsors": "newsletter.form-consent",
    # Consent managers.
    "Privacy Overview": "widget.consent-labels",
    "Always Active": "widget.consent-labels",
    "FunctionalFunctional": "widget.consent-labels",
    "Accept All Cookies": "widget.consent-labels",
    "Privacy Policy": "widget.consent-labels",
    "The technical storage or access is strictly necessary for the legitimate purpose of enabling the use of a"
    " specific service explicitly requested by the subscriber or user.": "widget.consent-text",
    "We use cookies on our website to give you the most relevant experience by remembering your preferences and"
    " repeat visits.": "widget.consent-text",
    "This website uses cookies to improve your experience while you navigate through the website. Out of these, the"
    " cookies that are categorized as necessary are stored on your browser as they are essential for the working of"
    " basic functionalities of the website.": "widget.consent-text",
    "We use cookies and other tracking technologies to improve your browsing experience on our site, show"
    " personalized content and targeted ads.": "widget.consent-text",
    "Google Analytics sets this cookie to store a unique user ID.": "widget.consent-text",
    "By choosing I Accept, you consent to our use of cookies and other tracking technologies.": "widget.consent-text",
    "To provide the best experiences, we use technologies like cookies to store and/or access device information.": (
        "widget.consent-text"
    ),
    "When you visit the site, Example Media and its partners may store or retrieve information on your browser, mostly"
    " in the form of cookies.": "widget.consent-text",
    "YouTube sets this cookie to register a unique ID to store data on what videos from YouTube the user has seen.": (
        "widget.consent-text"
    ),
    "IE 11 is not supported. For an optimal experience visit our site on another browser.": "widget.javascript-notice",
    # Newsletters, related boxes, credits, dates, embeds, ads, copyright.
    "Ready for more?": "newsletter.platform-prompt",
    "No posts": "newsletter.platform-prompt",
    "Subscribe now to keep reading and get access to the full archive.": "newsletter.platform-prompt",
    "Newsletter Sign Up": "newsletter.platform-prompt",
    "Already a subscriber?": "newsletter.platform-prompt",
    "Like what you’re reading?": "newsletter.platform-prompt",
    "Newsletter signup": "newsletter.platform-prompt",
    "You can unsubscribe at any time and we'll never share your details to third parties.": (
        "newsletter.platform-prompt"
    ),
    "Related Story": "related.section-label",
    "Recent Posts": "related.section-label",
    "More on this topic": "related.section-label",
    "Edited by": "byline.bare-label",
    "Medically Reviewed By:": "byline.bare-label",
    "Fact checked by": "byline.bare-label",
    "Credit:": "byline.bare-label",
    "With contributions from": "byline.bare-label",
    "By on": "byline.bare-label",
    "Published: | Updated:": "update_banner.empty-label",
    "Instagram content": "widget.player-text",
    "This content can also be viewed on the site it originates from.": "widget.player-text",
    "Ad": "widget.advertisement",
    "This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research,"
    " no part may be reproduced without the written permission.": "copyright.notice",
}

PROSE = [
    "Back to top of the table after a 3-0 win, the club celebrated on Saturday.",
    "The main menu changes every week, the chef said, and the soup is always local.",
    "Contact us if you saw the crash, police said in a statement on Tuesday.",
    "Previous owners had left the house empty for a decade before the council bought it.",
    "Search teams found the hikers on Sunday morning, two days after they went missing.",
    "Close to 400 people attended the hearing, which ran past midnight.",
    "News of the closure spread quickly through the village.",
    "Reply to the letter was slow in coming, the family said.",
    "Comments?",
    "Comments closed at midnight, the agency said, after 4,000 residents had written in.",
    "Shares fell 4% on Tuesday after the company cut its forecast.",
    "Oops! Something went wrong while the rocket was on the pad, the engineer said.",
    "Email addresses of 2 million customers were leaked in the breach.",
    "The privacy policy changed in May, and users were not told.",
    "Privacy overview documents were sent to every member of the board.",
    "The technical storage of the archive is paid for by the university.",
    "Ready for more? The second season starts in March.",
    "Already a subscriber? View your reports here →",
    "Related story lines run through the whole season, the showrunner said.",
    "Edited by hand, the film took four years to finish.",
    "Credit is what the bank gave too freely, the report concluded.",
    "Last updated in 2019, the map is out of date.",
    "Instagram content moderators said they were overwhelmed.",
    "Ad spending fell 5% last year.",
    "This document is subject to copyright law in 40 countries, the lawyers said.",
]


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str, where: str) -> None:
    assert_kept(_clean(line, where), line)


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize(("line", "rule"), ANYWHERE.items())
def test_furniture_goes_anywhere(line: str, rule: str, where: str) -> None:
    assert_removed_by(_clean(line, where), line, rule, BODY)


# The audit's phrase rules: every phrase each lists, as a dump writes it alone on a line, goes by that rule.
PHRASE_RULES = (
    "widget.interface-label",
    "widget.comment-section",
    "widget.consent-labels",
    "related.section-label",
    "update_banner.empty-label",
)
PHRASES = [
    (phrase, rule.id)
    for rule in newsclean.default_rules().rules
    if rule.id in PHRASE_RULES
    for phrase in rule.spec.pattern
]


def test_every_phrase_rule_of_the_audit_is_listed() -> None:
    assert {rule for _, rule in PHRASES} == set(PHRASE_RULES)


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize(("line", "rule"), PHRASES)
def test_every_phrase_goes_anywhere(line: str, rule: str, where: str) -> None:
    assert_removed_by(_clean(line, where), line, rule, BODY)


def test_a_dump_loses_its_furniture_and_keeps_its_story() -> None:
    # A peer's dump of a post: the site's menu above it, the comment section and a consent box below.
    furniture_above = ("Main menu", "Search", "In this article")
    furniture_below = (
        "Discussion about this post",
        "Comments",
        "User's avatar",
        "Reply",
        "Privacy Overview",
        "Always Active",
        "Back to top",
    )
    text = "\n\n".join(["Council approves new budget for schools", *furniture_above, *STORY, *furniture_below])
    article = newsclean.clean_text(text + "\n", url="https://example.com/news/council-budget")
    removed = {removal.text for removal in article.removed}
    assert set(furniture_above) | set(furniture_below) <= removed
    assert all(sentence in article.text for sentence in STORY)
