"""Bylines into person names, with wire agencies and organisations kept apart and junk dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from typing import NamedTuple

from ._author_words import (
    AGENCIES,
    CHINESE_LABELS,
    CREDENTIALS,
    LIST_JOINERS,
    LOWER_PARTICLES,
    NAME_SUFFIXES,
    NATIVE_LABELS,
    NATIVE_SUFFIXES,
    NEWSROOM_ACRONYMS,
    NOT_NAME_WORDS,
    ORGANIZATION_WORDS,
    ROLE_QUALIFIERS,
    ROLE_WORDS,
)
from ._clean import clean_string, fold

_CHINESE_LABEL = re.compile(r"^(?:" + "|".join(CHINESE_LABELS) + r")")
_PREFIX = re.compile(
    r"^(?:this (?:post|article|story|piece) (?:was|is) )?"
    r"(?:(?:about the author|(?:written|authored|reported|reporting|story|words|text|article|photos?|posted|"
    r"published|compiled|edited|additional reporting|analysis|opinion|commentary|column|perspective|essay|review|"
    r"interview)\s+by|by|from|von|par|por|di|door|av|af|przez|автор|"
    r"author|authors|autor|autorin|autorka|autora|autore|auteur|autrice|writer|reporter|byline|verfasst von|"
    r"texto)\s*(?:[:\-–—]?(?:\s+|$)|：\s*)"
    r"|(?:" + "|".join(map(re.escape, sorted(NATIVE_LABELS, key=len, reverse=True))) + r")\s*(?:[:：\-–—]\s*|\s+|$)"
    r"|(?:" + "|".join(CHINESE_LABELS) + r")\s*[:：]?\s*)",
    re.IGNORECASE,
)
# A full stop ends a name ("By Jane Doe. Photos by …") unless it ends an honorific ("Dr. Jane Doe"). A middle dot
# between two Chinese characters joins a transliterated name ("迈克尔·乔丹"); elsewhere it separates names
# ("홍길동·김철수"), as do the ideographic and Arabic commas and "and" written with spaces in other scripts.
_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|／|(?<![\u4e00-\u9fff])·|·(?![\u4e00-\u9fff])|•|、|，|；|،|؛|"
    r"(?<=\w\w)(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bprof)\.\s|\band\b|&|\bwith\b|\n|"
    r"(?-i:\bund\b|\bet\b|\by\b|\be\b|\bi\b|\bmit\b|\bcon\b|\bavec\b)|"
    r"(?<=\s)(?:и|і|та|και|और|এবং|மற்றும்|และ|및)(?=\s))\s*",
    re.IGNORECASE,
)
# "en" (and) joins names only in a Dutch byline ("Door Jan de Vries en Piet Jansen"); elsewhere it is French or
# Spanish "in" ("Par Jean Martin en Costa Rica"), so it splits names only after the Dutch "Door".
_DUTCH_LABEL = re.compile(r"^door\s", re.IGNORECASE)
_DUTCH_AND = re.compile(r"\s+en\s+")
# Bidirectional marks, embeddings and isolates around a name ("\u200fישראל ישראלי\u200f"): display hints only.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# An e-mail address after the name ("홍길동 기자 gildong@hani.co.kr", "Jane Doe jane@example.com"): contact details, no
# part of the name, and no reason to drop it. Not after a label or a word that makes it the subject ("Contact: …",
# "… at jane@example.com").
_TRAILING_EMAIL = re.compile(r"(?<=[^\W\d_])\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
_EMAIL_LEAD = re.compile(r"(?:\bat|\bemail|\be-mail|\bcontact|\bto)$", re.IGNORECASE)
# Where a byline stops being names: a date, a time, "Updated", "Published", a role after a dash.
_TAIL = re.compile(
    r"\s*(?:\b(?:updated|published|posted|last modified|modified|aktualisiert|veröffentlicht|publié|mis à jour|"
    r"on|am|le|el|em)\b\s*:?\s*)?(?:\d{1,4}[./-]\d|\d{1,2}:\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(?:19|20)\d{2}\b|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b\d+\s+(?:min|minutes?|hours?|hrs?|days?)"
    r"\b|\b(?:last\s+)?updated\b|\bpublished\b|\bposted\b|\blast modified\b).*$",
    re.IGNORECASE | re.DOTALL,
)
# A written date, with its time if any: "Dec. 19, 2025", "19 December 2025, 10:14 am ET", "2025-12-17".
_DATE_TEXT = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}|"
    r"(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{1,3}T|UTC|GMT)\b)?)?"
)
# A date that opens a byline line, with the separator after it: "Dec. 19, 2025 · Jane Doe", "2025-12-17 · Jane
# Doe", "Dec 17, 2025 Jane Doe". The name follows; ``_TAIL`` would otherwise cut the whole line at the date.
_LEADING_DATE = re.compile(
    r"^(?:(?:published|posted|updated|on)\s*:?\s*)?" + _DATE_TEXT + r"\s*(?:[·•|–—-]\s*|by\b\s*:?\s*)?(?=[^\W\d_])",
    re.IGNORECASE,
)
#: A header line's date and the dot after it, before a name: "Dec 26, 2025 • Jane Doe in Project News".
#: Only a dot: after a bar comes the section as often as the author ("Apr 21, 2017 | Products Liability").
DATE_THEN_NAME = re.compile(r"\b" + _DATE_TEXT + r"\s*[·•]\s*(?=[A-Z])", re.IGNORECASE)
# What surrounds a name in a byline's field: spaces, punctuation, brackets, quotes.
_PUNCTUATION = " .,:;-–—|()[]\"'"
# Where a name stops and the rest of the line says for whom ("Jane Doe on behalf of the Vision Doc group").
_ON_BEHALF = re.compile(r"\s+on behalf of\b.*$", re.IGNORECASE | re.DOTALL)
_JUNK = re.compile(
    r"^(?:staff|staff writers?|staff reporters?|editorial staff|editorial team|editorial board|editors?|"
    r"the editors|newsroom|news desk|web desk|desk|admin|administrator|guest|guest author|guest contributor|"
    r"anonymous|unknown|webmaster|site admin|edit profile|my profile|"
    r"contributors?|correspondents?|team|redaktion|rédaction|redacción|redação|redazione|learn more|full bio|"
    r"email the author|email|e-mail|contact|follow|follow us|follow on twitter|twitter|facebook|linkedin|"
    r"instagram|bluesky|threads|mastodon|tiktok|youtube|reddit|pinterest|whatsapp|x|"
    r"view all posts|see all|more|more from|more articles|read more|all articles|profile|"
    r"bio|share|print|comments?|opinion|analysis|news|sponsored|partner content|advertisement)$",
    re.IGNORECASE,
)
_JUNK_ANYWHERE = re.compile(
    r"@|https?://|www\.|\.com\b|\bemail\b|\be-mail\b|\bfollow\b|\bview (?:all|more)\b|\bposts? by\b|"
    r"\barticles? by\b|\bmore (?:from|by|stories)\b|\bread more\b|\blearn more\b|\bclick\b|\bsubscribe\b|\bsign up\b|"
    r"\bminutes? read\b|\blog ?in\b|\bsign ?in\b|\baccount\b|"
    r"\w\.(?:com|net|org|co|io)\b|\bedit profile\b|\bmin read\b|\bcopyright\b|©|\d",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$", re.UNICODE)
# Inside a name, beside letters: the joiners of Persian and Indic names ("علی‌رضا") and the middle dots of a foreign
# name written in Japanese or Chinese ("ドナルド・トランプ", "迈克尔·乔丹"; ``_SPLIT`` splits at any other "·").
_NAME_JOINERS = frozenset("'’.-\u200c\u200d\u30fb·")


def _name_token(token: str) -> bool:
    """Whether ``token`` can be a word of a name: a letter, then letters, digits, combining marks (the vowel signs
    and viramas of Indic scripts, Thai vowels and tones, Arabic vowel marks: not ``\\w``) and joiners."""
    if _NAME_TOKEN.match(token):
        return True
    return token[:1].isalpha() and all(
        char.isalnum() or char in _NAME_JOINERS or unicodedata.category(char)[0] == "M" for char in token
    )


def _author_text(text: str) -> str | None:
    """An author field or byline as ``clean_string`` gives it, without bidirectional marks."""
    cleaned = clean_string(text)
    if cleaned is None or cleaned.isascii():
        return cleaned
    return " ".join(cleaned.translate(_BIDI_CONTROLS).split()) or None


def _without_native_suffix(text: str) -> str:
    """``text`` without the word for "reporter" (or a like label) that other languages write after the name:
    "山田太郎記者", "홍길동 기자", "홍길동기자" → the name. Glued to the name only in Chinese, Japanese and
    Korean, and only where two characters of name are left."""
    for suffix in NATIVE_SUFFIXES:
        if text == suffix:
            return ""  # the label alone names nobody
        if not text.endswith(suffix):
            continue
        head = text[: -len(suffix)]
        if head[-1].isspace() or (_cjk_or_hangul(suffix[0]) and len(head) >= 2 and _cjk_or_hangul(head[-1])):
            return head.strip(_PUNCTUATION)
    return text


def _cjk_or_hangul(char: str) -> bool:
    return "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af"


def _hangul_or_han_names(tokens: list[str], han: bool) -> bool:
    """Whether space-separated ``tokens`` are several people's names, each written whole: Korean names (two to four
    hangul syllables, surname and given name unspaced), or with ``han`` (after a Chinese reporter's label) Chinese
    ones. Japanese writes a space inside a name ("山田 太郎"), so Han characters alone do not say so."""
    if len(tokens) < 2 or not all(2 <= len(token) <= 4 for token in tokens):
        return False
    if all("\uac00" <= char <= "\ud7af" for token in tokens for char in token):
        return True
    return han and all("\u4e00" <= char <= "\u9fff" for token in tokens for char in token)


def starts_text(word: str) -> bool:
    """Whether a capitalised ``word`` after a name starts the text that follows it rather than continuing the
    name ("The", "In", "View"): then the name has ended."""
    return word.casefold().strip(",:;!?\"'“”‘’") in NOT_NAME_WORDS


# Credits for work other than writing: "Editing by …", "Photos by …", "Fact-checked by …".
_NOT_AUTHOR_CREDIT = re.compile(
    r"^(?:edit(?:ed|ing)|photos?|photograph(?:s|y)|images?|graphics?|illustrations?|video|fact[- ]checked|"
    r"reviewed|translated|additional reporting|produced)\s+by\b",
    re.IGNORECASE,
)


def is_credit_not_authorship(text: str) -> bool:
    """Whether ``text`` credits work other than the writing ("Photos by …", "Reviewed by …")."""
    return _NOT_AUTHOR_CREDIT.match(text) is not None


def is_role_word(word: str) -> bool:
    """Whether ``word`` names a job rather than a person ("Editor", "Co-founder")."""
    folded = word.casefold()
    return folded in ROLE_WORDS or folded.split("-")[-1] in ROLE_WORDS


class Byline(NamedTuple):
    authors: tuple[str, ...]
    agency: str | None
    organization: str | None


def agency_name(text: str) -> str | None:
    """The canonical wire-agency name if ``text`` names one ("The Associated Press" → "AP")."""
    return AGENCIES.get(fold(text))


def _folded(token: str) -> str:
    return token.casefold().strip(".,")


def _credential_key(token: str) -> str:
    """``token`` as ``CREDENTIALS`` lists it: folded, without its dots ("Ph.D." → "phd")."""
    return token.casefold().strip(",").replace(".", "")


def _strip_roles(tokens: list[str]) -> list[str]:
    """Roles and credentials glued to a name: "Liz Kenny Former McKinsey Consultant" → "Liz Kenny",
    "Lauren Manaker MS" → "Lauren Manaker". A role word after the first two tokens ends the name; one ending a
    name goes while a full name is left, when it is a job on its own ("Jane Reporter"), or when a role followed
    it ("Jane Senior Editor"), but a qualifier ending a two-word name is its surname ("Jennifer Senior")."""
    if tokens and _folded(tokens[0]) in ROLE_WORDS:
        while tokens and _folded(tokens[0]) in ROLE_WORDS:
            tokens.pop(0)
        if any(_folded(token) in ROLE_WORDS for token in tokens):
            return []  # a job title on its own ("Certified Pediatric Sleep Consultant"), no name in it
    role_follows = False
    for index in range(2, len(tokens)):
        if _folded(tokens[index]) in ROLE_WORDS:
            del tokens[index:]
            role_follows = True
            break
    while tokens and _folded(tokens[-1]) in ROLE_WORDS and (role_follows or not _role_word_surname(tokens)):
        tokens.pop()
        role_follows = True
    while len(tokens) > 2 and _credential_key(tokens[-1]) in CREDENTIALS - NAME_SUFFIXES:
        tokens.pop()
    return tokens


def _role_word_surname(tokens: list[str]) -> bool:
    """Whether the qualifier ending a two-word name is its surname ("Jennifer Senior", "Jonathan Head"): after a
    capitalised first name, not an acronym ("AAA Travel" is what is left of "AAA Travel Editor")."""
    first = tokens[0]
    return len(tokens) == 2 and _folded(tokens[1]) in ROLE_QUALIFIERS and first[:1].isupper() and not first.isupper()


# The most words a site's own name written after a byline has: only so long a rest is folded and looked up, so a
# "name" of 30,000 words (JSON-LD) costs one pass, not one fold of the rest per word (27 s, 1.3 GB before).
_LONGEST_SITE_NAME = 8


def _newsroom_start(tokens: list[str], site_keys: Collection[str]) -> int | None:
    """Where a newsroom written after a name starts, after at least two tokens of name: a known acronym ("Jane Doe
    CNN", "Jane Doe BBC Verify") or the site's own name ("Jane Doe Riverside Gazette" on that site: several words,
    or one not capitalised as a name is, which could be the surname). None in a name written all in capitals,
    where no acronym stands out."""
    if all(token.isupper() for token in tokens):
        return None
    for index in range(2, len(tokens)):
        token, words = tokens[index], len(tokens) - index
        if token in NEWSROOM_ACRONYMS:
            return index
        fits = words <= _LONGEST_SITE_NAME and (words > 1 or not token.istitle())
        if fits and fold(" ".join(tokens[index:])) in site_keys:
            return index
    return None


def _affiliation_start(tokens: list[str], site_keys: Collection[str] = ()) -> int | None:
    """Where what follows a name starts: a newsroom (``_newsroom_start``), or an acronym an organisation or role
    word follows ("Jane Doe BBC Africa correspondent", "Jane Doe SEO Specialist"); None when only a name is
    written, or all of it, or all of the name before the word, is in capitals (no acronym stands out)."""
    if all(token.isupper() for token in tokens):
        return None
    newsroom = _newsroom_start(tokens, site_keys)
    for index in range(2, len(tokens) - 1 if newsroom is None else newsroom):
        token = tokens[index]
        if (
            token.isupper()
            and not _in_capitals(tokens[:index])
            and token.isalpha()
            and 2 <= len(token) <= 5
            and _credential_key(token) not in CREDENTIALS
            and any(_folded(t) in ORGANIZATION_WORDS | ROLE_WORDS for t in tokens[index + 1 :])
        ):
            return index
    return newsroom


def _in_capitals(tokens: list[str]) -> bool:
    """Whether the words of ``tokens`` are all in capitals, as an agency prints its names ("MEG KINNARD and ERRIN
    HAINES, Associated Press"): after them a word in capitals is the next name, not an acronym that stands out."""
    return all(token.isupper() for token in tokens if token.casefold() not in LIST_JOINERS)


def _without_affiliation(tokens: list[str], site_keys: Collection[str] = ()) -> list[str]:
    """A name without the newsroom written after it ("Jane Doe BBC News" → "Jane Doe")."""
    start = _affiliation_start(tokens, site_keys)
    return tokens if start is None else tokens[:start]


def _is_role(tokens: list[str], index: int) -> bool:
    """Whether ``tokens[index]`` starts a job title: a role ("correspondent"), or a qualifier before one ("Senior
    Reporter"), not a qualifier naming a newsroom's desk ("CNN Business")."""
    word = _folded(tokens[index])
    if word not in ROLE_WORDS:
        return False
    following = _folded(tokens[index + 1]) if index + 1 < len(tokens) else ""
    return word not in ROLE_QUALIFIERS or following in ROLE_WORDS


def newsroom_after_name(text: str, site_keys: Iterable[str] = ()) -> str | None:
    """The newsroom a byline writes after the name, without its role: "Jane Doe CNN Business" → "CNN Business",
    "Jane Doe BBC Africa correspondent" → "BBC Africa"; None when only a name is written."""
    candidate = clean_string(text)
    if candidate is None:
        return None
    tokens = _PREFIX.sub("", candidate).strip(_PUNCTUATION).split()
    start = _newsroom_start(tokens, set(site_keys))
    if start is None:
        return None  # an acronym before a role is often a field ("Jane Doe SEO Specialist"), not an employer
    end = next((i for i in range(start + 1, len(tokens)) if tokens[i][:1].islower() or _is_role(tokens, i)), None)
    return " ".join(tokens[start:end]).strip(_PUNCTUATION) or None


def _names_organization(tokens: list[str]) -> bool:
    """Whether an organisation word is part of the name ("Jane Doe Sky News", "Field Level Media"), asked before
    roles are cut, which would take "News" off and leave "Jane Doe Sky". Such a word qualifying the role after
    it ("News Editor", "Staff Writer", "Bureau Chief") is the role's, and so is all that follows a role word
    that is no organisation word ("Jane Doe Senior Reporter, Daily Mail")."""
    folded = [_folded(token) for token in tokens]
    for index, word in enumerate(folded):
        following = folded[index + 1] if index + 1 < len(folded) else ""
        if word in ORGANIZATION_WORDS and following not in ROLE_WORDS:
            return True
        if index >= 2 and word in ROLE_WORDS and word not in ORGANIZATION_WORDS:
            return False
    return False


#: The most words a name is written with, its newsroom and roles included ("Jane Doe, Senior Political
#: Correspondent, BBC News Washington Bureau" has nine). A longer "name" is none, and is not searched for an
#: affiliation word by word: a JSON-LD author of 10,000 words took minutes.
MOST_WORDS_WITH_A_NAME = 30


def person_name(text: str, *, site_keys: Iterable[str] = (), structured: bool = False) -> str | None:
    """``text`` as a person's name, or ``None`` when it is not one (a role, an organisation, junk).

    ``structured`` names come from a field meant for authors (JSON-LD, ``<meta name="author">``): there a single
    word ("Susan") or a lower-case name is accepted; in page text it is too often a handle or a sentence.
    """
    candidate = _author_text(text)
    if candidate is None:
        return None
    candidate = _without_native_suffix(_PREFIX.sub("", candidate).strip(_PUNCTUATION))
    if not candidate or _JUNK.match(candidate) or _JUNK_ANYWHERE.search(candidate):
        return None
    words = candidate.split()
    if len(words) > MOST_WORDS_WITH_A_NAME:
        return None
    while words and words[-1].casefold() in LIST_JOINERS:
        words.pop()
    while words and words[0].casefold() in LIST_JOINERS:
        words.pop(0)
    keys = set(site_keys)
    tokens = _without_affiliation(words, keys)
    if len(tokens) >= 2 and _names_organization(tokens):
        return None
    tokens = _strip_roles(tokens)
    half = len(tokens) // 2
    if len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        tokens = tokens[:half]  # "Jane Doe Jane Doe": a name rendered twice (link text and image alt)
    if not tokens or len(tokens) > 6 or tokens[0].casefold() == "the":
        return None  # "The Independent", "The Organized Mama": a name with an article is a title, not a person
    if len(tokens) == 1:
        single = tokens[0]
        # In running text a single Latin word is a handle or a first name only (CJK names have no spaces);
        # in an author field it may be a first name, never a credential, a lower-case handle or the site.
        if single.isascii() and not structured:
            return None
        if (
            len(single) < 2
            or _credential_key(single) in CREDENTIALS
            or single in NEWSROOM_ACRONYMS
            or single[0].islower()
            or any(fold(single) in key for key in keys)
        ):
            return None
    if not all(map(_name_token, tokens)):
        return None
    folded_tokens = [t.casefold().strip(".,") for t in tokens]
    if any(t in ORGANIZATION_WORDS for t in folded_tokens):
        return None  # an organisation, or a word of its name alone ("Editorial" in an author field)
    if any(t in ROLE_WORDS for t in folded_tokens) and not _role_word_surname(tokens):
        return None  # a role left in the name, unless it is a surname (``_strip_roles`` kept it)
    cased = [t for t in tokens if t.casefold() not in LOWER_PARTICLES]
    if not structured and any(t[0].isalpha() and t[0].islower() and t[0] != t[0].upper() for t in cased):
        return None  # sentence words ("comments are closed"), not a name
    name = " ".join(tokens)
    if fold(name) in keys or agency_name(name):
        return None
    return name


def parse_byline(text: str, *, site_keys: Iterable[str] = (), structured: bool = False) -> Byline:
    """Person names, agency and organisation from a byline: "By Jane Doe and John Roe, AP" → two names, AP."""
    cleaned = _author_text(text)
    if cleaned is None:
        return Byline((), None, None)
    keys = set(site_keys)
    email = _TRAILING_EMAIL.search(cleaned)
    if email is not None and not _EMAIL_LEAD.search(cleaned, 0, email.start()):
        cleaned = cleaned[: email.start()]
    # After the label, inside brackets or not ("（记者 张三 李四）"), spaces separate the names.
    chinese = _CHINESE_LABEL.match(cleaned.lstrip("（(【[ ")) is not None
    dutch = _DUTCH_LABEL.match(cleaned) is not None
    cleaned = _PREFIX.sub("", cleaned)
    cleaned = _PREFIX.sub("", _LEADING_DATE.sub("", cleaned, count=1))
    cleaned = _ON_BEHALF.sub("", _TAIL.sub("", cleaned))
    if not structured and any(map(str.isdigit, cleaned)):
        # Digits before any date are a street number, a postcode or a phone number: an address, not a byline.
        return Byline((), None, None)
    names: list[str] = []
    agency: str | None = None
    organization: str | None = None
    cleaned = _BRACKETED_NAME_PART.sub(r"\1 \2 \3", cleaned)
    parts = _SPLIT.split(_without_role_clauses(cleaned))
    if dutch:
        parts = [name for part in parts for name in _DUTCH_AND.split(part)]
    for part in parts:
        part = part.strip(_PUNCTUATION)
        if not part or _NOT_AUTHOR_CREDIT.match(part):
            continue
        for segment in _segments(part, chinese):
            wire = agency_name(segment)
            if wire:
                agency = agency or wire
                continue
            person, wire = _name_then_agency(segment, keys, structured)
            if person and wire:  # "JANE DOE Associated Press": no comma between them
                names.append(person)
                agency = agency or wire
                continue
            if fold(segment) in keys:
                organization = organization or segment
                continue
            name = person_name(segment, site_keys=keys, structured=structured)
            if name:
                names.append(name)
                organization = organization or newsroom_after_name(segment, keys)
            elif organization is None and _is_newsroom(segment):
                organization = _newsroom_without_role(segment)
            elif organization is None and _looks_like_organization(segment):
                organization = segment
    # One author written twice, once in capitals ("Jane Doe", "JANE DOE" normalised alike or not), counts once.
    unique = {name.casefold(): name for name in reversed(names)}
    return Byline(tuple(reversed(unique.values())), agency, organization)


def _segments(part: str, chinese: bool) -> Iterator[str]:
    """The pieces of one part of a byline that each name one person or one organisation: split at a dash or a
    bracket, without the label written after a name ("홍길동 기자"); Korean names, or Chinese ones after a Chinese
    reporter's label (``chinese``), one by one ("홍길동 김철수", "张三 李四")."""
    for piece in re.split(r"\s+[-–—]\s+|\s*[(（【]\s*|\s*[)）】]\s*", part):
        segment = _without_native_suffix(piece.strip(_PUNCTUATION))
        tokens = segment.split()
        if _hangul_or_han_names(tokens, chinese):
            yield from tokens
        elif segment:
            yield segment


def _name_then_agency(segment: str, keys: set[str], structured: bool) -> tuple[str | None, str | None]:
    """A person's name followed by an agency's without a separator ("Jane Doe Associated Press", "JANE DOE
    Reuters"): the name and the agency. Only agencies of two words or more, or one of four letters or more:
    "AP" or "PA" after a name could be initials."""
    words = segment.split()
    for size in range(min(4, len(words) - 2), 0, -1):
        tail = " ".join(words[-size:])
        wire = agency_name(tail)
        if wire and (size > 1 or len(tail) >= 4):
            return person_name(" ".join(words[:-size]), site_keys=keys, structured=structured), wire
    return None, None


# A middle or maiden name in brackets inside a name is part of it: "Paramita (Guha) Ghosh" (while "Jane Doe (AP)"
# is a name and an agency).
_BRACKETED_NAME_PART = re.compile(r"\b([A-Z][\w'’-]+) \(([A-Z][a-z][\w'’-]*)\) ([A-Z][\w'’-]+)\b")
_CLAUSE = re.compile(r"\s*[,;|]\s*")


def _without_role_clauses(text: str) -> str:
    """A byline without the job-title clauses after its names: in "Jane Doe, Head of Marketing and Community
    Development" the "and" joins two halves of the role, not two people."""
    clauses = _CLAUSE.split(text)
    if len(clauses) < 2:
        return text
    kept = [clauses[0]] + [clause for clause in clauses[1:] if not (clause and is_role_word(clause.split()[0]))]
    return ", ".join(kept)


def _newsroom_without_role(text: str) -> str | None:
    """A newsroom's name without the role written after it: "CNN Editor-at-large" → "CNN"."""
    tokens = text.split()
    end = next((index for index in range(1, len(tokens)) if _is_role(tokens, index)), None)
    return " ".join(tokens[:end]) or None


def _is_newsroom(text: str) -> bool:
    """Whether ``text`` names a newsroom of ``NEWSROOM_ACRONYMS`` ("CNN", "BBC Verify") on its own."""
    return text.split()[0] in NEWSROOM_ACRONYMS


def _looks_like_organization(text: str) -> bool:
    tokens = [t.casefold().strip(".,") for t in text.split()]
    return 1 <= len(tokens) <= 6 and any(t in ORGANIZATION_WORDS for t in tokens) and not _JUNK.match(text)
