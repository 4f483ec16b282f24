"""Third rule audit: sentences of prose that rules removed, and boilerplate they left, checked in context.

Each line is set in a council story, in its middle and as its last paragraph (the tail that tail-scoped rules read),
and cleaned as a text dump: prose must stay, boilerplate must go, credited to its rule. The rules' own examples test
each line alone.
"""

from __future__ import annotations

import pytest
from _audit_lines import BODY, HEAD, assert_kept, assert_removed_by

import newsclean

PROSE = [
    "Subscribe to a streaming service and the bills add up quickly.",
    "Get a message like this in your inbox and you should delete it at once, police advise.",
    "Be the first to hear the new album at the record store on Saturday.",
    "To unsubscribe from the robocalls, customers had to dial a number that did not work.",
    "Sign up today and the first month is free, the gym's flyer promises.",
    "Check prices at several stores before buying a used car.",
    "Listen to any of the top ten shows on Spotify and you will hear ads for the same mattress company.",
    "Share with a friend: portions are enormous.",
    "JavaScript is required for most modern websites, but some developers are pushing back.",
    "This website uses cookies to track users across devices without their consent, the complaint alleges.",
    "Follow Elon Musk on X and you will see a stream of conspiracy theories.",
    "Become a member of the European Union, and Ukraine would have to meet strict conditions.",
    "Your contribution helps determine the size of your pension, so check your payslip.",
    "Make a donation of stock instead of cash and you may avoid capital gains tax.",
    "Поддержите нашу команду — кричали болельщики на трибунах стадиона.",
    "This story has a long history: the legend first appeared in print in 1820.",
    "This story ran on the front page of the Post for three days in 1974, and it changed the city.",
    "Tagged: that is what the graffiti crew calls a wall it has marked.",
    "The newsletter grew to 40,000 readers before its founder asked people to subscribe for $5 a month.",
]

BOILERPLATE = {
    "Post navigation": "widget.page-furniture",
    "Previous Post": "widget.page-furniture",
    "Next Post": "widget.page-furniture",
    "Save my name, email, and website in this browser for the next time I comment.": "widget.comment-form",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.": "widget.comment-form",
    "Abonnieren Sie unseren Newsletter": "newsletter.signup",
    "Schrijf je in voor onze nieuwsbrief": "newsletter.signup",
    "Zapisz się do naszego newslettera": "newsletter.signup",
    "Thanks for reading The Gazette! This post is public so feel free to share it.": "newsletter.signup",
    "Dona ahora": "donation.appeal",
    "Doe agora": "donation.appeal",
    "Sostieni il nostro giornalismo": "donation.appeal",
    "Steun onze journalistiek": "donation.appeal",
    "Wesprzyj nasze dziennikarstwo": "donation.appeal",
    "Support The Gazette today.": "donation.appeal",
    "Seguici su Facebook": "widget.follow-us",
    "Volg ons op Twitter": "widget.follow-us",
    "Obserwuj nas na Facebooku": "widget.follow-us",
    "Tweet Share Email": "widget.sharing-row",
    "Facebook Twitter WhatsApp Email": "widget.sharing-row",
}


def _clean(line: str, where: str) -> newsclean.Article:
    paragraphs = [*HEAD, line, *BODY] if where == "middle" else [*HEAD, *BODY, line]
    return newsclean.clean_text("\n\n".join(paragraphs) + "\n")


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str, where: str) -> None:
    assert_kept(_clean(line, where), line)


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize(("line", "rule"), BOILERPLATE.items())
def test_boilerplate_goes_by_its_rule(line: str, rule: str, where: str) -> None:
    assert_removed_by(_clean(line, where), line, rule, BODY)
