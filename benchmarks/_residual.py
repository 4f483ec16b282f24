"""Residual boilerplate: output paragraphs that are not in the gold text, sorted into categories.

The classifier is deliberately simple and documented (docs/benchmarks.md) so that counts can be audited: it is
a measuring stick, not a cleaner, and it never sees newsclean's rules. A residual paragraph goes to the first
category whose test it passes, in the order of ``CATEGORIES``:

1. ``repeated_title`` – the headline or standfirst again: its tokens equal, or sit inside, the page's title
   (gold title, ``<title>``, ``og:title``, first ``<h1>``) or description (``og:description``, ``<meta
   name=description>``), or cover most of one of them.
2. ``donation``, ``newsletter``, ``comments``, ``share``, ``caption``, ``copyright``, ``byline``,
   ``banner`` (reading time, "updated", date lines), ``related`` (read-more / related / see-also markers),
   each a case-insensitive pattern list, bounded in length because a long paragraph that mentions "share" is
   prose, not a widget.
3. ``heading`` – a short headline-shaped line (3–20 words, no sentence-ending punctuation, mostly capitalised
   words): a teaser link, or a subheading or label the gold left out. Counted apart from the boilerplate sum.
4. ``other`` – everything else (typically article text the gold set left out, or a genuine one-off).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from ._matching import TextIndex, folded_tokens

CATEGORIES = (
    "repeated_title",
    "donation",
    "newsletter",
    "comments",
    "share",
    "caption",
    "copyright",
    "byline",
    "banner",
    "related",
    "heading",
    "other",
)
#: The boilerplate categories, whose sum the quality targets are about. ``heading`` (a short headline-shaped
#: line: a teaser link, or a subheading or table label the gold leaves out) and ``other`` are counted apart
#: because they mix boilerplate with content the gold set merely chose to omit.
BOILERPLATE_CATEGORIES = CATEGORIES[:-2]

_MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?)"
)


class _Pattern(NamedTuple):
    category: str
    regex: re.Pattern[str]
    max_words: int


def _p(category: str, pattern: str, max_words: int = 10_000) -> _Pattern:
    return _Pattern(category, re.compile(pattern, re.IGNORECASE), max_words)


_PATTERNS = (
    _p(
        "donation",
        r"\b(donat(e|ion|ions|ing)|spenden?|make a (gift|contribution)|chip in|patreon|become a (member|patron|"
        r"supporter|sustaining member)|support (our|us|independent|local|quality|nonprofit|this) ?(\w+ )?"
        r"(journalism|reporting|newsroom|work|news)|reader[- ]funded|reader[- ]supported|"
        r"your (support|contribution|gift) (helps|makes|means|keeps|allows|matters)|contribute (today|now))",
        120,
    ),
    _p(
        "newsletter",
        r"\b(newsletters?|sign(ing)? up|subscribe|subscribing|subscriptions?|subscriber|inbox|"
        r"e-?mail (address|updates|alerts)|unsubscribe|daily (digest|briefing)|abonnieren|abonnez|"
        r"suscr[ií]bete|download (our|the) app|get the app)\b",
        80,
    ),
    _p(
        "comments",
        r"(\b\d+\s+comments?\b|^comments?\b|\bcomments? (\(\d+\)|are (closed|moderated)|policy|section)|"
        r"\bleave a (comment|reply)|\bjoin the (conversation|discussion)|\bpost a comment|\blog ?in to comment|"
        r"\badd (a|your) comment|\bshow comments|\bview comments|\bkommentare?\b|\bcommentaires?\b)",
        40,
    ),
    _p(
        "share",
        r"(\bshare (this|on|via|the|article|story|post|page)\b|^share\b|\btweet\b|\bfacebook\b|\btwitter\b|"
        r"\bwhatsapp\b|\blinkedin\b|\bpinterest\b|\breddit\b|\btelegram\b|\bemail this\b|\bprint this\b|"
        r"\bcopy (the )?link\b|\blike this\b|\bfollow us\b|\bfollow (on|@)|\bteilen\b|\bpartager\b|"
        r"\bcompartir\b|\bgift (this )?article\b|\bsave (this )?(article|story)\b)",
        25,
    ),
    _p(
        "caption",
        r"(\b(photo|image|picture|illustration|graphic|video|foto|bild)s?\s*(:|/|by\b|credit|courtesy)|"
        r"\b(getty images|reuters|ap photo|afp|shutterstock|istock|epa-efe|alamy|dpa|pa media|bloomberg via)\b|"
        r"^(credit|source|caption|quelle|fuente)\s*:|^\(?courtesy\b|\(photo\b|\bpictured\b|\b(file|stock) photo\b)",
        45,
    ),
    _p(
        "copyright",
        r"(©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\bterms of (use|service)\b|"
        r"\bprivacy (policy|notice)\b|\bcookies?\b|\bmay not be (published|reproduced|redistributed)\b|"
        r"\baffiliate (links?|commission)\b|\bwe may earn\b)",
        80,
    ),
    _p(
        "byline",
        r"(^(by|von|par|por|di|door|av|af)\s+\S+|^(author|written by|reporting by|editing by|reported by|"
        r"additional reporting)\b|contributed to this (report|story)|\bis an? ([\w-]+ )?(reporter|"
        r"correspondent|writer|editor|journalist|columnist|contributor)\b|\bfollow (him|her|them) on\b|"
        r"\bwrites about\b|\bcan be reached at\b|\bcovers [\w ,]{2,60} for\b)",
        70,
    ),
    _p(
        "banner",
        r"(\b\d+\s*(-\s*)?(min|mins|minutes?)\.?\s*(read|reading|lesezeit|de lecture)\b|\breading time\b|"
        r"^(last )?updated?\b|^(published|posted|aktualisiert|veröffentlicht|mis à jour|publié)\b|"
        r"^(\w+,? )?" + _MONTH + r"\.? \d{1,2},? \d{4}\b|^\d{1,2}(\.|/|-)\d{1,2}(\.|/|-)\d{2,4}\b|"
        r"^\d{1,2} " + _MONTH + r"\.? \d{4}\b|^\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)"
        r"|\bbreaking news\b|^(listen|watch|audio|play)\b)",
        25,
    ),
    _p(
        "related",
        r"^[\W_]*(read more|more:|related|see also|more from|more (stories|news|articles|on this)|recommended|"
        r"you (may|might) also like|also read|read also|read next|up next|trending|most (read|popular|viewed)|"
        r"(also )?see:|click here|continue reading|top stories|latest (news|stories)|lesen sie auch|"
        r"mehr zum thema|lire aussi|à lire aussi|leer más|lee también)\b",
        60,
    ),
)

_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)]\s*$")


class PageContext(NamedTuple):
    """What a repeated headline or standfirst would repeat."""

    titles: tuple[str, ...]
    descriptions: tuple[str, ...]


def page_context(html: str, gold_title: str | None = None) -> PageContext:
    tree = LexborHTMLParser(html)
    titles: list[str] = [gold_title] if gold_title else []
    descriptions: list[str] = []
    for selector, bucket in (
        ("meta[property='og:title'], meta[name='twitter:title']", titles),
        ("meta[property='og:description'], meta[name='description'], meta[name='twitter:description']", descriptions),
    ):
        for node in tree.css(selector):
            content = node.attributes.get("content")
            if content:
                bucket.append(content)
    for selector in ("title", "h1"):
        heading = tree.css_first(selector)
        if heading is not None and heading.text(strip=True):
            titles.append(heading.text(separator=" ", strip=True))
    return PageContext(tuple(dict.fromkeys(titles)), tuple(dict.fromkeys(descriptions)))


def _repeats(tokens: list[str], sources: Sequence[str], *, whole: float) -> bool:
    joined = " " + " ".join(tokens) + " "
    for source in sources:
        source_tokens = folded_tokens(source)
        if not source_tokens:
            continue
        source_joined = " " + " ".join(source_tokens) + " "
        if len(tokens) >= 3 and joined in source_joined:
            return True
        if source_joined in joined and len(source_tokens) >= whole * len(tokens):
            return True
        if len(tokens) >= 6 and TextIndex(source).coverage(tokens) >= 0.8:
            return True
    return False


def _headline_shaped(paragraph: str, words: list[str]) -> bool:
    if not 3 <= len(words) <= 20 or _SENTENCE_END.search(paragraph):
        return False
    capitalised = sum(word[:1].isupper() for word in words if word[:1].isalpha())
    return capitalised >= 0.6 * len(words)


def classify(paragraph: str, context: PageContext) -> str:
    """The residual category of one output paragraph that is not in the gold text."""
    tokens = folded_tokens(paragraph)
    if tokens and (_repeats(tokens, context.titles, whole=0.6) or _repeats(tokens, context.descriptions, whole=0.6)):
        return "repeated_title"
    words = paragraph.split()
    for pattern in _PATTERNS:
        if len(words) <= pattern.max_words and pattern.regex.search(paragraph):
            return pattern.category
    if _headline_shaped(paragraph, words):
        return "heading"
    return "other"


class Residual(NamedTuple):
    text: str
    category: str


def residual_paragraphs(paragraphs: Sequence[str], gold: TextIndex, context: PageContext) -> list[Residual]:
    """Output paragraphs (with at least one token) not present in the gold text, each with its category."""
    return [
        Residual(paragraph, classify(paragraph, context))
        for paragraph in paragraphs
        if folded_tokens(paragraph) and not gold.contains(paragraph)
    ]
