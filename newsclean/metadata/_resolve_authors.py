"""Authors, agency and organisation: from JSON-LD, meta tags, byline elements and the byline printed under the
headline."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .._dom import MetadataCandidates
from ._authors import (
    DATE_THEN_NAME,
    Byline,
    agency_name,
    is_credit_not_authorship,
    is_role_word,
    newsroom_after_name,
    parse_byline,
    person_name,
    starts_text,
)
from ._clean import fold
from ._markup import AUTHOR_META, metas, name_without_tags, node_types, person_names
from ._resolved import Resolved
from ._site import host_of
from ._title import host_key

_ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})


def _person_nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _person_nodes(item)
    elif isinstance(value, dict):
        if "person" in node_types(value):
            yield value
        for key in ("author", "creator", "publisher"):
            if key in value and value[key] is not value:
                yield from _person_nodes(value[key])


_BYLINE_LABEL = re.compile(r"^(?:written\s+)?by\s*:?\s*", re.IGNORECASE)


def personal_site_keys(candidates: MetadataCandidates, site_names: list[tuple[str, str]], url: str | None) -> set[str]:
    """Site names that are a person's name: a personal blog is named after its author, who is then a person,
    not the organisation. Known when a field meant for authors (JSON-LD ``author``, ``<meta name=author>``, a
    byline element) gives the name the site goes by (its og:site_name or publisher, or what its host spells),
    and the name reads as a person's ("Kristian Larsen", "Cory Dransfeldt"; not "MLSsoccer", "USA TODAY", "The
    Independent" or "Riverside Clinic")."""
    people = [name for node in candidates.json_ld for person in _person_nodes(node) for name in person_names(person)]
    host = host_of(url) or ""
    sites = {fold(site): site for site, _ in site_names}
    sites.setdefault(host_key(host), "")
    authors = people + [value for _, value in metas(candidates, AUTHOR_META)]
    authors += [author for node in candidates.json_ld if isinstance(author := node.get("author"), str)]
    authors += [_BYLINE_LABEL.sub("", text) for text in candidates.bylines]
    authors += list(_written_by_meta(candidates))
    folded_host = fold(host)
    personal = set()
    for name in dict.fromkeys(authors):
        key = fold(name)
        if not key or (key not in sites and key not in folded_host):
            continue
        # The name as written with spaces ("ShawnHymel" for the site "Shawn Hymel"); an all-lower-case author
        # field ("annette thurmon") is read as the name it spells.
        spaced = max((name, sites.get(key) or ""), key=lambda text: len(text.split()))
        cased = spaced.title() if spaced.islower() else spaced
        if len(cased.split()) >= 2 and _reads_as_person(cased):
            personal.add(key)
    return personal


def _reads_as_person(name: str) -> bool:
    """Whether a site's name reads as a person's: no organisation word ("Kneib Dentistry PC", "Freewrite
    Store"), not a masthead in capitals ("USA TODAY"), no acronym beside a word ("CBC Bank", "WSET Global")."""
    words = name.split()
    if name.isupper() or any(len(word) >= 3 and word.isupper() for word in words):
        return False
    return person_name(name) == name


def _authors_from_json_ld(
    articles: list[dict[str, Any]], site_keys: set[str], graph: dict[str, dict[str, Any]] | None = None
) -> Byline:
    names: list[str] = []
    agency = organization = None
    for node in articles:
        author = node.get("author") or node.get("creator")
        people = author if isinstance(author, list) else [author]
        for person in people:
            if isinstance(person, dict) and not person.get("name") and graph:
                # A reference into the page's @graph ({"@id": ".../#/schema/person/…"}): the node it names.
                person = graph.get(str(person.get("@id")), person)
            if isinstance(person, str):
                byline = parse_byline(name_without_tags(person) or "", site_keys=site_keys, structured=True)
                names.extend(byline.authors)
                agency = agency or byline.agency
                organization = organization or byline.organization
            elif isinstance(person, dict):
                for name in person_names(person):
                    wire = agency_name(name)
                    if wire:
                        agency = agency or wire
                    elif node_types(person) & _ORGANIZATION_TYPES or fold(name) in site_keys:
                        organization = organization or name.strip(" ,;|")
                    elif (accepted := person_name(name, site_keys=site_keys, structured=True)) is not None:
                        names.extend(_people_listed(accepted, site_keys) or (accepted,))
                        organization = organization or newsroom_after_name(name, site_keys)
                    else:
                        # One Person node is one person: what follows the name is a role or an affiliation
                        # ("Jane Doe, Chief Technology Officer and Head of Labs", "Jane Doe, Riverside Report").
                        head = re.split(r"\s*[,;|]\s*", name, maxsplit=1)[0] or name
                        byline = parse_byline(head, site_keys=site_keys, structured=True)
                        names.extend(byline.authors)
                        agency = agency or byline.agency or parse_byline(name, structured=True).agency
        if names:
            break
    return Byline(tuple(dict.fromkeys(names)), agency, organization)


def _people_listed(name: str, site_keys: set[str]) -> tuple[str, ...]:
    """The people of a Person node's name that lists several ("Jane Doe and John Roe"), read as the same text in
    ``<meta name=author>`` is; none when the list's parts are not all full names: "José Ortega y Gasset" and
    "Maria da Silva e Souza" are one person each, whose names hold a conjunction."""
    listed = parse_byline(name, site_keys=site_keys, structured=True).authors
    return listed if len(listed) >= 2 and all(len(person.split()) >= 2 for person in listed) else ()


def resolve_authors(
    resolved: Resolved,
    candidates: MetadataCandidates,
    articles: list[dict[str, Any]],
    site_keys: set[str],
    headline: list[tuple[int, int]],
) -> None:
    """``headline``: where the headline appears in the page text (``_printed_times.headline_spans``)."""
    header = headline[0][1] if headline else None
    graph = {node["@id"]: node for node in candidates.json_ld if isinstance(node.get("@id"), str)}
    declared = _authors_from_json_ld(articles, site_keys, graph)
    meta = _meta_authors(candidates, site_keys)
    fuller = _fuller_list(declared, meta)
    sources: list[tuple[Byline, str]] = [(declared, "json-ld") if fuller is None else (fuller, "meta")]
    sources.append((_citation_authors(candidates, site_keys), "meta"))
    for byline in meta:
        sources.append((byline, "meta"))
    for value in _written_by_meta(candidates):
        sources.append((parse_byline(value, site_keys=site_keys, structured=True), "meta"))
    texts = _header_first(candidates.bylines, candidates.visible_text, header)
    others = _credited_for_other_work(texts, site_keys)
    # A page may repeat one byline element hundreds of times (a list of posts by the same people): each
    # distinct text is parsed once.
    parsed = {text: parse_byline(text, site_keys=site_keys) for text in dict.fromkeys(texts)}
    bylines = [parsed[text] for text in texts]
    bylines = [byline._replace(authors=tuple(n for n in byline.authors if fold(n) not in others)) for byline in bylines]
    shorter = _NameIndex(name for byline in bylines for name in byline.authors if len(name.split()) >= 2)
    if (
        header is not None
        and len({fold(name) for byline in bylines for name in byline.authors}) >= _MANY_PEOPLE
        and not _byline_in_header(texts[0], candidates.visible_text, header)
        and not _BY_PREFIX.match(texts[0])
    ):
        bylines = []  # a menu of columnists or a list of related posts, none of them in the article header
    for byline in bylines:
        sources.append((byline._replace(authors=shorter.narrowest(byline.authors)), "byline"))
    if candidates.visible_text:
        for text in written_by_names(candidates.visible_text[:50_000]):
            sources.append((parse_byline(text, site_keys=site_keys), "byline"))
        # After the headline's first appearance, else after one of the next two: a menu or a list of posts may
        # print it before the article's own header.
        for _, start in headline[:3]:
            texts = _bylines_after_headline(candidates.visible_text, start)
            for text in texts:
                sources.append((parse_byline(text, site_keys=site_keys), "byline"))
            if texts:
                break
    for byline, source in sources:
        resolved.set("authors", byline.authors, source)
        resolved.set("agency", byline.agency, source)
        resolved.set("organization", byline.organization, source)


def _meta_authors(candidates: MetadataCandidates, site_keys: set[str]) -> list[Byline]:
    """The author meta tags' bylines, one a tag in page order, after the people a key's repeated tags name
    together (``_people_of_repeated_tags``)."""
    parsed: list[tuple[str, Byline]] = []
    for key, value in metas(candidates, AUTHOR_META):
        if not value.startswith("http"):
            inverted = _INVERTED_NAME.match(value.strip())  # "Doe, Jane": one person, written last name first
            if inverted:
                value = f"{inverted['first']} {inverted['last']}"
            parsed.append((key, parse_byline(value, site_keys=site_keys, structured=True)))
    together = _people_of_repeated_tags(parsed)
    return [byline for _, byline in parsed] if together is None else [together, *(b for _, b in parsed)]


def _people_of_repeated_tags(parsed: list[tuple[str, Byline]]) -> Byline | None:
    """The people named by one meta key's repeated tags (two ``<meta name="author">``), when they are clearly
    several people: every tag of the key that names anyone names one person by a full name (``_full_name``; not
    "Name", a template's placeholder), and they are not all one person. A tag naming the site names nobody
    (``parse_byline`` makes it the organisation) and is left out."""
    for key in dict.fromkeys(key for key, _ in parsed):
        named = [byline.authors for tag_key, byline in parsed if tag_key == key and byline.authors]
        if len(named) < 2 or any(len(people) != 1 or not _full_name(people[0]) for people in named):
            continue
        people: dict[str, str] = {}
        for (name,) in named:
            people.setdefault(fold(name), name)  # the first spelling of each person, in page order
        if len(people) >= 2:
            return Byline(tuple(people.values()), None, None)
    return None


def _fuller_list(declared: Byline, meta: list[Byline]) -> Byline | None:
    """The author meta tag's list when the JSON-LD names only some of its people (a template that declares the
    first author alone), with the JSON-LD's agency and organisation; None otherwise."""
    named = {fold(name) for name in declared.authors}
    for byline in meta:
        if named and named < {fold(name) for name in byline.authors} and all(map(_full_name, byline.authors)):
            return declared._replace(authors=byline.authors)
    return None


def _full_name(name: str) -> bool:
    """Whether ``name`` reads as a person's full name: two words or more, the first and the last capitalised
    ("Jane Doe", "Jordeene B. Lagare"; not "Name", nor "of Operations" left from a job title)."""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper()


_HEADER_WINDOW = 400
# Byline elements naming this many people, none in the article header, are a list (columnists, related posts).
_MANY_PEOPLE = 4


def _byline_in_header(text: str, visible: str | None, header: int | None) -> bool:
    return visible is not None and header is not None and text in visible[header : header + _HEADER_WINDOW]


_CITATION_AUTHOR_META = ("citation_author", "citation_authors")
_LAST_FIRST = re.compile(r"^(?P<last>[^,]+),\s*(?P<first>[^,]+)$")
# An author field of one last name, a comma and one first name (with an initial): "Doe, Jane", "Doe, Jane A.".
# Two people would each have a first and a last name ("Jane Doe, John Smith").
_INVERTED_NAME = re.compile(r"^(?P<last>[A-Z][\w'’-]+),\s*(?P<first>[A-Z][\w'’-]+(?:\s+[A-Z]\.)?)$")


def _citation_authors(candidates: MetadataCandidates, site_keys: set[str]) -> Byline:
    """The authors a scholarly page lists, one ``citation_author`` meta tag each, in order, written "Last,
    First" (the Highwire convention) or "First Last"."""
    names: list[str] = []
    for _, value in metas(candidates, _CITATION_AUTHOR_META):
        match = _LAST_FIRST.match(value.strip())
        person = f"{match['first']} {match['last']}" if match else value
        name = person_name(person, site_keys=site_keys, structured=True)
        if name:
            names.append(name)
    return Byline(tuple(dict.fromkeys(names)), None, None)


def _header_first(texts: list[str], visible: str | None, header: int | None) -> list[str]:
    """Byline elements printed in the article header (within ``_HEADER_WINDOW`` characters after the headline)
    first, the rest in page order: a menu of columnists or a list of related posts comes before the header in
    the page's markup as often as after it."""
    if not texts or visible is None or header is None:
        return texts
    near = visible[header : header + _HEADER_WINDOW]
    return sorted(texts, key=lambda text: (text not in near, not _BY_PREFIX.match(text)))


# A byline element that says so: "By Jane Doe", "Written by: Jane Doe", "By — Jane Doe, AP".
_BY_PREFIX = re.compile(r"^(?:(?:written|posted|reported)\s+)?by\b", re.IGNORECASE)


_COMMENTER = re.compile(r"\s+(?:says|said|wrote|replied)\s*:?\s*$", re.IGNORECASE)
_CREDIT_LABEL = re.compile(r"^.*?\bby\b\s*:?\s*", re.IGNORECASE)


def _credited_for_other_work(texts: list[str], site_keys: set[str]) -> set[str]:
    """Folded names the page credits for other work than the writing: reviewers and fact-checkers ("Reviewed by
    Jane Doe"), and commenters ("Jane Doe says:"). Their name elsewhere on the page is not a byline."""
    others: set[str] = set()
    for text in texts:
        if is_credit_not_authorship(text):
            rest = _CREDIT_LABEL.sub("", text, count=1)
        elif _COMMENTER.search(text):
            rest = _COMMENTER.sub("", text)
        else:
            continue
        others.update(fold(name) for name in parse_byline(rest, site_keys=site_keys).authors)
    return others


# "Written by Jane Doe", "Contributors: Jane Doe" in the page text: the label says the name that follows is the
# author (a bare "Author" needs its colon to be a label). The page text has
# no line breaks, so the name is read as a first and a last name (with a middle initial, if any), never more.
_WRITTEN_BY = re.compile(
    r"(?:\b(?:[Ww]ritten|[Aa]rticle|[Ww]ords) [Bb]y:?|\b(?:Authors?|Contributors?|AUTHORS?|CONTRIBUTORS?):)"
    r"\s+([A-Z][\w'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+)"
)


# Every match of ``_WRITTEN_BY`` starts one character before one of these (the label's first letter is either
# case): finding them is a fast literal scan, where the regex itself tries its alternation at every position.
_WRITTEN_BY_TAILS = ("ritten ", "rticle ", "ords ", "uthor", "ontributor", "UTHOR", "ONTRIBUTOR")


def written_by_names(text: str) -> list[str]:
    """``_WRITTEN_BY.findall(text)``, with the regex tried only where a label starts: in order, each start at or
    after the end of the previous match, as ``findall`` scans (none of the tails overlaps itself, so no start
    is missed)."""
    starts: set[int] = set()
    for tail in _WRITTEN_BY_TAILS:
        found = text.find(tail, 1)
        while found >= 0:
            starts.add(found - 1)
            found = text.find(tail, found + len(tail))
    names: list[str] = []
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        match = _WRITTEN_BY.match(text, start)
        if match is not None:
            names.append(match.group(1))
            end = match.end()
    return names


# "By Jane Doe" in the article header, just after the headline. The page text has no line breaks, so the name
# is a first and a last name (with initials, if any) after the label, and it must end there: at punctuation, a
# lower-case word, a number, a month ("By Sofia Gonzalez December 2, 2025"), a word that starts the next text
# ("By Jane Doe The council …", "… View In Digital Edition") or a dateline in capitals. A three-word name ("Md
# Aynal Haque") needs a hard end (punctuation, a capitalised dateline, a date, the end of the text): after it,
# a lower-case word may be the article's ("By Jane Doe Apple has …"). Other runs ("By Field Level Media Staff")
# cannot be cut safely: no name.
def _compound_word(word: str) -> bool:
    """ "Hot-swappable", "Co-founder": each part of a double-barrelled name is capitalised ("Martínez-Beltrán"),
    a compound word's are not."""
    return any(part[:1].islower() for part in word.split("-")[1:])


_BY_LABEL = re.compile(r"\b[Bb]y:?\s+(?=[A-Z])")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]+|[A-Z]\.)$")
_NAME_END = frozenset(",;:·|•–—()")
_MONTH_OR_DAY = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?$",
    re.I,
)
# A word before a lower-case "by" makes it a phrase ("brought to you by …", a menu's "Guidance by Sector"),
# unless the word is one of these labels.
_DATE_LABELS = frozenset({"published", "updated", "posted", "on"})
_BY_LABEL_WORDS = frozenset({"written", "posted", "published", "reported", "words", "article", "story"})


def _bylines_after_headline(text: str, start: int, *, window: int = 300) -> list[str]:
    """The "By Jane Doe" names printed within ``window`` characters of ``start``, the end of the headline; else
    the name a date line gives after a dot or a bar ("Dec 26, 2025 • Jane Doe")."""
    names = []
    for match in _BY_LABEL.finditer(text, start, start + window):
        before = text[max(0, match.start() - 25) : match.start()].split()
        word = before[-1] if before else ""
        if is_credit_not_authorship(f"{word} by"):  # "Photos by …", "Reviewed by …": not the writing
            continue
        # lower-case "by" is a label after the headline itself or with a colon ("… in a Nutshell by: Ziyi Xu")
        label = ":" in match.group(0) or not text[start : match.start()].strip()
        if match.group(0)[0] == "b" and word.isalpha() and word.casefold() not in _BY_LABEL_WORDS and not label:
            continue
        name = _name_list(text[match.end() : match.end() + 160].split())
        if name:
            names.append(name)
    if not names:
        # A header line without "By": "Dec 26, 2025 • Jane Doe in Project News", "2025-12-17 · Jane Doe"
        for match in DATE_THEN_NAME.finditer(text, start, start + window):
            name = _name_run(text[match.end() : match.end() + 80].split())
            if name:
                names.append(name)
                break
    return names


_LIST_AND = frozenset({"and", "&"})
_AGENCY_SEPARATORS = frozenset({"|", "•", "·", "-", "–", "—"})


def _name_list(words: list[str]) -> str | None:
    """The names a byline lists ("Jane Doe and John Smith", "Jane Doe, John Smith and Ann Lee") and the agency
    after them ("Jane Doe | Reuters"), as one byline for ``parse_byline``; the first name alone when what follows
    it is not clearly a list ("Jane Doe, Senior Reporter")."""
    first = _name_run(words)
    if first is None:
        return None
    names, separators = [first], []
    consumed = len(first.split())
    while len(names) < 6 and consumed < len(words):
        if words[consumed] in _LIST_AND:
            start, separator = consumed + 1, "and"
        elif words[consumed - 1].endswith(","):
            start, separator = consumed, ","
        else:
            break
        name = _name_run(words[start:])
        if name is None:
            break
        names.append(name)
        separators.append(separator)
        consumed = start + len(name.split())
    if "," in separators and separators[-1] != "and":
        # "Jane Doe, Senior Reporter": a comma alone does not make a list; "A, B and C" does
        cut = separators.index(",")
        names, separators = names[: cut + 1], separators[:cut]
        consumed = sum(len(name.split()) for name in names) + separators.count("and")
    byline = names[0] + "".join(f" and {name}" for name in names[1:])
    after = words[consumed : consumed + 5]
    if after and (words[consumed - 1].endswith(",") or after[0] in _AGENCY_SEPARATORS):
        after = after[1:] if after[0] in _AGENCY_SEPARATORS else after
        for size in range(min(4, len(after)), 0, -1):
            wire = agency_name(" ".join(after[:size]).strip(",.;"))
            if wire:
                return f"{byline}, {wire}"
    return byline


def _name_run(words: list[str]) -> str | None:
    """The first and last name (and initials) ``words`` start with, when the name clearly ends there."""
    name: list[str] = []
    for word in words[:5]:
        core = word.rstrip("".join(_NAME_END))
        if not _NAME_WORD.match(core) or _MONTH_OR_DAY.match(core) or core.casefold() in _DATE_LABELS:
            break
        if name and (
            starts_text(core) or (len(core) > 2 and core.isupper() and not name[0].isupper()) or _compound_word(core)
        ):
            # the article's text ("The …", "Hot-swappable …") or a dateline in capitals ("RAJSHAHI, Dec 20")
            break
        name.append(core)
        if core != word:
            break
    role = next((i for i, word in enumerate(name) if i >= 2 and is_role_word(word)), None)
    if role is not None:  # "By Preetam Jinka Co-founder and Chief Architect": the role ends the name
        name = name[:role]
    if not name or name[-1].endswith(".") or starts_text(name[0]):
        return None
    words_of_name = len(name) - sum(len(word) == 2 and word.endswith(".") for word in name)
    if words_of_name not in (2, 3) and not (words_of_name == 1 and len(name) >= 2):
        return None  # a first and a last name, a three-part name, or initials and a last name ("A. J. Neal")
    if len({word.isupper() for word in name if len(word) > 2}) > 1:
        return None  # "JWU Last updated …": an acronym beside a capitalised word is not a name
    following = words[len(name)] if len(words) > len(name) else ""
    hard_end = role is not None or following == "" or words[len(name) - 1] != name[-1]
    hard_end = hard_end or following[:1] in _NAME_END or bool(_MONTH_OR_DAY.match(following))
    hard_end = hard_end or following.rstrip(":").casefold() in _DATE_LABELS  # "By Daryl Austin Published …"
    hard_end = hard_end or (len(following) > 2 and following.rstrip(",").isupper())  # a dateline: "RAJSHAHI,"
    if hard_end:
        return " ".join(name)  # a role, the end of the text, a punctuation mark, a date or a dateline ends it
    if words_of_name == 3:
        return None
    if not following[:1].isupper() or starts_text(following) or _compound_word(following):
        return " ".join(name)  # a lower-case word, or the first word of the text that follows
    return None


def _written_by_meta(candidates: MetadataCandidates) -> Iterator[str]:
    """The author Yoast-style pages state as a twitter label/data pair ("Written by" / "Jane Doe")."""
    for index in range(1, 5):
        labels = candidates.meta.get(f"twitter:label{index}", ())
        if any(label.strip().casefold() == "written by" for label in labels):
            yield from candidates.meta.get(f"twitter:data{index}", ())


class _NameIndex:
    """The page's byline names by their words, to find a name's shorter readings without comparing every pair
    (a list of posts may hold thousands of bylines)."""

    def __init__(self, names: Iterable[str]) -> None:
        # Per word sequence, the shortest name that spells it, the first in page order among equals.
        self._by_words: dict[tuple[str, ...], tuple[int, int, str]] = {}
        for order, name in enumerate(names):
            words = tuple(name.split())
            entry = (len(name), order, name)
            known = self._by_words.get(words)
            if known is None or entry[:2] < known[:2]:
                self._by_words[words] = entry

    def narrowest(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """Each name as the page's narrowest byline element gives it: a byline block reads "Jim Walsh Cherry
        Hill Courier-Post" or "Celeste Longacre Gardener", while the element inside it holds only "Jim Walsh". A
        block whose elements are printed without a separator ("Jane Doe" and "John Smith" links, "Jane Doe John
        Smith" as text) is all of them."""
        narrowed: list[str] = []
        for name in names:
            tokens = tuple(name.split())
            parts = self._partition(tokens)
            if parts:
                narrowed.extend(parts)
                continue
            prefixes = [entry for size in range(1, len(tokens)) if (entry := self._by_words.get(tokens[:size]))]
            narrowed.append(min(prefixes)[2] if prefixes else name)
        return tuple(dict.fromkeys(narrowed))

    def _partition(self, tokens: tuple[str, ...], depth: int = 0) -> list[str]:
        """``tokens`` as two or more of the page's byline names one after the other; [] when they are not."""
        for size in range(2, len(tokens) - 1):
            head = self._by_words.get(tokens[:size])
            if head is None:
                continue
            rest = tokens[size:]
            whole = self._by_words.get(rest)
            if whole is not None:
                return [head[2], whole[2]]
            if depth < 4 and (more := self._partition(rest, depth + 1)):
                return [head[2], *more]
        return []
