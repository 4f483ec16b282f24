"""A user audit of the text rules: one-line share and like widgets and reader-revenue appeals that a dump kept, and
reported speech that the follow-us and click-here rules removed.

Each line is set among a council story, in its middle and at its end, and the story is cleaned as a text dump (a
line a paragraph, as the audit ran it) and as a page: boilerplate must go, credited to its rule, and the article's
sentences must stay.
"""

from __future__ import annotations

import html

import pytest

import newsclean

COUNCIL = [
    "The city council voted 7-2 on Tuesday to approve a $48 million budget for the coming year, including money for"
    " two new fire stations.",
    "The vote followed three hours of public comment, much of it about a proposed cut to library hours, which the"
    " council eventually dropped.",
    "Council member Ana Ruiz, who voted against the budget, said it relied on optimistic forecasts for sales tax"
    " revenue.",
    "The mayor said the city had built up reserves over the past three years and could absorb a shortfall if the"
    " economy slowed.",
    "The budget takes effect on July 1. A second vote, on the capital plan, is scheduled for next month.",
    "Residents can read the full budget on the city's website and at the main library, officials said.",
]
TITLE = "Council approves budget with money for fire stations"

#: The audit's boilerplate lines and the rule that now removes each.
BOILERPLATE = {
    "Like this: Like Loading...": "widget.sharing-row",
    "Share this: Twitter Facebook": "widget.sharing-row",
    "Share on Facebook Share on Twitter": "widget.sharing-row",
    "If you value our journalism, please consider making a donation.": "donation.appeal",
    "We rely on readers like you. Make a contribution today.": "donation.appeal",
    "Our journalism is free for everyone, but it is not free to produce. Please donate.": "donation.appeal",
    "Chip in $5 to keep our newsroom going.": "donation.appeal",
    "Enjoyed this article? Buy us a coffee.": "donation.appeal",
    "Unlike many news organizations, we have no paywall. We rely on donations from readers like you.": (
        "donation.reader-funded"
    ),
}

#: Article sentences shaped like the boilerplate: reported speech, news about donations and fundraisers, sharing on
#: social networks.
PROSE = [
    "Follow us on Telegram, the channel told its 2 million readers before it was blocked by Roskomnadzor.",
    "Click here to read the full statement, the ministry's website said, but the link was broken.",
    "Follow us on X, the account posted on Monday, hours before it was suspended.",
    "He shared on Facebook that he had been fired, and the post was shared 40,000 times.",
    "Like this year's budget, last year's plan ran out of money before the winter.",
    "Share this: Facebook and Twitter removed the video within hours, the company said.",
    "The charity asked supporters to donate to its winter appeal, which closes on Friday.",
    "The Courier's annual donation drive raised $1.2 million from 9,000 readers, the paper said on Monday.",
    '"Every dollar counts. Please donate," said Maria Lopez, who runs the food bank.',
    "The blood bank has three days of supply left. Donate today.",
    "His family is asking for help. Please consider making a donation to the fund set up in his name.",
    "Chip in $5 to keep our newsroom going, the editor wrote in a letter to subscribers.",
    "We rely on people like you, the fire chief told residents at Tuesday's meeting, and we need ten more volunteers.",
    "Buy Me a Coffee raised $10 million from investors last year.",
    "If you value flexibility, consider making a contribution to a Roth account, which has no required withdrawals.",
    "Make a gift basket from pantry staples: jam, crackers and a good olive oil.",
]


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title></head>'
        f"<body><main><article><h1>{html.escape(TITLE)}</h1>{body}</article></main></body></html>"
    )


def _cleaned(paragraphs: list[str]) -> list[newsclean.Article]:
    dump = newsclean.clean_text("\n".join([TITLE, *paragraphs]))
    page = newsclean.clean_html(_page(paragraphs), url="https://www.example-herald.com/news/2024/03/05/budget")
    return [dump, page]


def _with(line: str, where: str) -> list[str]:
    body = list(COUNCIL)
    body.insert(3 if where == "middle" else len(body), line)
    return body


@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("line", sorted(BOILERPLATE))
def test_audit_boilerplate_is_removed_by_its_rule(line: str, where: str) -> None:
    for article in _cleaned(_with(line, where)):
        assert (BOILERPLATE[line], line) in [(r.rule, r.text) for r in article.removed]
        assert list(article.paragraphs) == COUNCIL


@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("line", PROSE)
def test_prose_shaped_like_the_audit_boilerplate_stays(line: str, where: str) -> None:
    for article in _cleaned(_with(line, where)):
        assert [r.rule for r in article.removed if r.text == line] == []
        assert list(article.paragraphs) == _with(line, where)


def test_a_flattened_jetpack_block_cleans_as_its_markup_does() -> None:
    """The same page, as HTML (Jetpack's box, removed as dom.jetpack-sharing) and as a dump (its text on one line)."""
    sharing = (
        '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li>Twitter</li>'
        '<li>Facebook</li></ul></div><div id="jp-post-flair"><div class="sd-like"><h3>Like this:</h3>Like Loading...'
        "</div></div>"
    )
    page = _page(COUNCIL).replace("</article>", sharing + "</article>")
    as_html = newsclean.clean_html(page, url="https://www.example-herald.com/news/2024/03/05/budget")
    as_dump = newsclean.clean_text(
        "\n".join([TITLE, *COUNCIL, "Share this: Twitter Facebook Like this: Like Loading..."])
    )
    assert list(as_html.paragraphs) == list(as_dump.paragraphs) == COUNCIL
    assert [r.rule for r in as_dump.removed] == ["widget.sharing-row"]


#: Reported speech followed by its speaker (or by the sign, message or stamp that reads it), which the contact, log-in,
#: copyright, credit and byline rules removed, found by a second audit; each is a keep example of its rule.
REPORTED = {
    "Contact us at refunds@example-air.com, the airline said in a statement, and a refund will be issued within 14"
    " days.": "footer.contact",
    "Have a tip? Call Crime Stoppers, police said on Friday.": "footer.contact",
    "Have a tip? Email the hotline at tips@example.gov, the sheriff's office wrote on Facebook.": "footer.contact",
    "Please log in again, the bank's app told customers, many of whom then found their accounts empty.": (
        "widget.login-prompt"
    ),
    "You have reached your limit of free articles, the message read.": "widget.login-prompt",
    "Don't have an account? Sign up, the fake login page said, and thousands of users did.": "widget.login-prompt",
    "All rights reserved, the notice on the photograph says, but the copyright expired in 1998.": "copyright.notice",
    "Not to be reproduced, the stamp on every page read.": "copyright.notice",
    "Evan Gershkovich is a journalist, not a spy, the Wall Street Journal said in a statement.": "byline.author-bio",
    "Evan Gershkovich reports on Russia for The Wall Street Journal, the newspaper said.": "byline.author-bio",
    "Evan Gershkovich writes about Russia for The Wall Street Journal, his editor told reporters on Friday.": (
        "byline.author-bio"
    ),
    "Gershkovich reported from Yekaterinburg, his editor said.": "byline.contributed",
    "The aid was distributed by the UN refugee agency, officials said on Monday.": "byline.syndication-credit",
    "Video from the body camera, the chief said, contradicts the officer's account.": "caption.credit",
    "Image from a traffic camera, prosecutors said, puts him at the scene.": "caption.credit",
    "Support independent media, the sign read.": "donation.appeal",
    "Support independent journalism, the banner read, as protesters marched past the ministry.": "donation.appeal",
    "Follow us on Telegram, the last message on the channel read.": "widget.follow-us",
    "Click here to read the full statement, the email read.": "related.click-here",
    "If you enjoyed this newsletter, please share it with a friend, the last issue read.": "widget.support-prompt",
}

#: The same rules' boilerplate, which a speaker-shaped tail must not keep.
REPORTED_BOILERPLATE = {
    "Contact Jane Doe at jdoe@example.com, who writes about schools and education.": "footer.contact",
    "Jane Doe is a senior reporter at the Herald, where she writes about schools.": "byline.author-bio",
}


@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("line", sorted(REPORTED))
def test_reported_speech_with_its_speaker_stays(line: str, where: str) -> None:
    """The rule named removed the line before; now no rule does, in a dump (a paragraph a line) and on a page."""
    dump = newsclean.clean_text("\n".join([TITLE, *_with(line, where)]))
    assert [r.rule for r in dump.removed if r.text == line] == []
    assert list(dump.paragraphs) == _with(line, where)
    for article in _cleaned(_with(line, where)):
        assert line in article.paragraphs


@pytest.mark.parametrize("line", sorted(REPORTED_BOILERPLATE))
def test_boilerplate_with_a_speaker_shaped_tail_still_goes(line: str) -> None:
    dump = newsclean.clean_text("\n".join([TITLE, *_with(line, "end")]))
    assert (REPORTED_BOILERPLATE[line], line) in [(r.rule, r.text) for r in dump.removed]
    assert list(dump.paragraphs) == COUNCIL
