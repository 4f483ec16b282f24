"""Headline clean-up: no site-name prefix or suffix, no title that is only the site's name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from courlan import extract_domain

from .._memo import memo_of_short_strings
from ._clean import clean_string, fold, normalize_quotes
from ._hosts import unicode_host

# Separators sites put between the headline and their name. A plain hyphen counts only with spaces around it,
# so "Jean-Luc" or "COVID-19" never split.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|«|·|•|~|/)\s+|\s*(?:\||｜|»|::|•)\s*")
# Separators Chinese and Japanese titles write without spaces: "…下乡_新浪财经_新浪网", "…下乡-新华网",
# "…--经济·科技--人民网", "…3月20日：朝日新聞デジタル". They count only before the site's own name (a
# colon or a dash is as often the headline's), and a single hyphen only beside a character of a script written
# without spaces ("COVID-19", "Spider-Man" stay whole).
_GLUED_SEPARATOR = re.compile(r"--|——|_|-|—|－|：|:|丨")
# Separators that also set off the site's section before its name ("…--经济·科技--人民网"): not a hyphen or a colon,
# which join words and open quotes.
_SECTION_SEPARATORS = frozenset({"--", "——", "_", "丨"})
# Bidirectional marks left at an end of a title once the site's name is cut ("…المخزونات \u200f| الجزيرة نت").
_BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Guillemets also quote: "… о «перемирии»", "Macron : « Nous ne céderons pas »", German "»Wir schaffen das«". A
# pair, or a » that ends the title or one that opens it, is the headline's own quotation, never a separator (the
# empty segment beyond it is no site name).
_GUILLEMET_QUOTE = re.compile(r"«[^«»]*»|»[^«»]*«|^\s*»|»(?=\s*$)")
_TLD_SUFFIX = re.compile(r"(?:com|org|net|co|couk|comau|de|fr|es|it|io|in|ca|ie|news|online)$")
# "NYTimes.com: headline". A colon usually belongs to the headline, so it only counts before a site name.
_SITE_PREFIX = re.compile(r"^([^:]{2,40}):\s+(?=\S)")
# A tail like "- Reuters" or "| AP News" names an agency even when the page gives no site name.
_GENERIC_SITE_WORDS = frozenset(
    {"news", "online", "times", "post", "daily", "herald", "tribune", "journal", "magazine", "blog", "media"}
)


# Labels that say what kind of piece this is, not what it says: "… | Opinion", "Editorial: …", "Blog: …"; and the
# field's own label, which a page may print in its <h1> ("Title: …", as arXiv does).
_GENRE_LABELS = frozenset(
    fold(label)
    for label in (
        "title",
        "headline",
        "opinion",
        "editorial",
        "analysis",
        "commentary",
        "column",
        "blog",
        "news",
        "infographic",
        "video",
        "podcast",
        "explainer",
        "interview",
        "obituary",
        "letters",
        "photos",
        "gallery",
        "sponsored",
        "exclusive",
        "meinung",
        "kommentar",
        "opinión",
        "tribune",
    )
)


# A media tag after the headline says what comes with the story, like a "LIVE:" marker: "… (video)", "… [Watch]".
# A format that is the piece itself stays: "The Different Types of Wine (Infographic)".
_MEDIA_TAG = re.compile(
    r"\s*[\[(]\s*(?P<tag>video|videos|watch|photos|pictures|gallery|listen|audio|podcast)\s*[\])]$", re.IGNORECASE
)
# Each tag as the flag it becomes in ``Article.flags``: what comes with the story.
_MEDIA_FLAGS = {
    "video": "video",
    "videos": "video",
    "watch": "video",
    "photos": "gallery",
    "pictures": "gallery",
    "gallery": "gallery",
    "listen": "audio",
    "audio": "audio",
    "podcast": "audio",
}


def strip_media_tag(title: str) -> str:
    """``title`` without a media tag at its end ("… (video)", "… [Watch]")."""
    return _MEDIA_TAG.sub("", title)


def media_flag(title: str) -> str | None:
    """The flag for the media tag at the end of ``title`` ("… (video)" → "video", "… [Photos]" → "gallery")."""
    match = _MEDIA_TAG.search(title)
    return _MEDIA_FLAGS[match.group("tag").lower()] if match else None


def is_genre_label(text: str) -> bool:
    return fold(text) in _GENRE_LABELS


def _is_site_segment(
    segment: str,
    site_keys: set[str],
    host_key: str,
    *,
    trailing: bool = False,
    host: HostWords | None = None,
    kept_label: str = "",
) -> bool:
    key = fold(segment)
    if not key or (key in _GENRE_LABELS and key != kept_label):
        return True
    # "Reuters.com", "The Moscow Times", "NYTimes.com" all name the site
    variants = {key, key.removeprefix("the"), _TLD_SUFFIX.sub("", key)}
    sites = site_keys | {site.removeprefix("the") for site in site_keys}
    if host_key:
        sites.add(host_key)
    if variants & sites or not trailing:
        return bool(variants & sites)
    # After the headline, the site's name with a word more or less: "… | Bridgestone Tires" (site "Bridgestone"),
    # "… | DianaHR" (getdianahr.com), "… | Thrive Internet Marketing" ("… Marketing Agency"): a short segment
    # that starts with the site's name, or a name the site's own name ends or starts with. Never before the
    # headline, where a name starts many headlines ("Corti introduces GIM: …", "Report: …").
    short = len(segment.split()) <= 4
    if short and host is not None and host.spells(segment):
        return True
    return any(
        (short and len(site) >= 4 and key.startswith(site))
        or (len(key) >= 5 and (site.endswith(key) or site.startswith(key)))
        for site in sites
    )


_NOT_HOST_NAME_LABELS = frozenset({"www", "com", "org", "net", "co", "uk", "gov", "edu", "ac", "io"})


class HostWords:
    """The words a host name spells: "blog.rust-lang.org" → blog, rust, lang (its own name: rust, lang)."""

    def __init__(self, host: str) -> None:
        labels = [label for label in host.lower().split(".") if label and label not in _NOT_HOST_NAME_LABELS]
        self.words = {fold(word) for label in labels for word in label.split("-") if fold(word)}
        name = fold(host_key(host))
        self.name_words = {fold(word) for label in labels if fold(label) == name for word in label.split("-")}

    def spells(self, segment: str) -> bool:
        """Whether every word of ``segment`` is in the host name and one of them is its own name: "Rust Blog"
        on blog.rust-lang.org."""
        words = [fold(word) for word in segment.split()]
        return bool(words) and all(words) and set(words) <= self.words and bool(set(words) & self.name_words)


def _separators(title: str) -> list[re.Match[str]]:
    """The separators of ``title``, without the guillemets that quote."""
    quoting = {index for quote in _GUILLEMET_QUOTE.finditer(title) for index in (quote.start(), quote.end() - 1)}
    return [sep for sep in _SEPARATOR.finditer(title) if quoting.isdisjoint(range(sep.start(), sep.end()))]


def _split(title: str) -> tuple[list[str], list[str]]:
    """``title``'s separated parts, and the separators between them."""
    separators = _separators(title)
    bounds = [0, *(i for sep in separators for i in sep.span()), len(title)]
    parts = [title[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    return parts, [sep.group() for sep in separators]


def site_name_without_tagline(name: str, host: str | None) -> str:
    """A site's name without the tagline its ``og:site_name`` carries after a separator: "Washingtonian - The
    website that Washington lives by." → "Washingtonian" on washingtonian.com. Only when the first part names the
    host; otherwise the name is left whole ("The Jerusalem Post | JPost.com")."""
    parts, separators = _split(name)
    if not separators or not host:
        return name
    first = parts[0].strip()
    key = fold(first)
    hkey = host_key(host)
    if key and hkey and (key in {hkey, "the" + hkey} or HostWords(host).spells(first)):
        return first
    return name


def title_parts(title: str, *, min_words: int = 3) -> list[str]:
    """The parts of a title its separators set apart ("Council approves budget | The Springfield Gazette"), each of
    ``min_words`` words or more; none for a title without separators. Which part is the headline is not decided."""
    parts, separators = _split(title)
    if not separators:
        return []
    return [part.strip() for part in parts if len(part.split()) >= min_words]


def host_key(host: str | None) -> str:
    """The registered-name part of a host as a comparison key: "www.nytimes.com" → "nytimes", "www3.nhk.or.jp" →
    "nhk", "www.unsw.edu.au" → "unsw", "www.xn--mnchen-3ya.de" → "münchen" (punycode read as the name it spells).
    The public suffix list (courlan's) says where the registered name is; a host it does not know ("localhost", an
    address) gives its second-to-last label."""
    return _host_key(host) if host else ""


# A page's links name the same few hosts again and again. Only a host of a length DNS allows is kept: a link's host
# is the page's to write, at any length.
@memo_of_short_strings(maxsize=1024, max_chars=253)
def _host_key(host: str) -> str:
    registered = extract_domain(f"http://{host}/")
    if isinstance(registered, str) and registered:
        return fold(unicode_host(registered.split(".")[0]))
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    return fold(unicode_host(labels[-2])) if len(labels) >= 2 else fold(labels[0]) if labels else ""


def clean_title(
    raw: str | None,
    *,
    site_names: Iterable[str] = (),
    host: str | None = None,
    sections: Iterable[str] = (),
    kept_label: str = "",
    keep_media_tag: bool = False,
) -> str | None:
    """The headline from a raw title: site-name segments at either end removed, quotes normalised. A segment
    after the headline that is one of the page's ``sections`` ("… | District" on /district/343604) goes too.
    ``kept_label``: a genre label (as ``fold`` gives it) that stays before the headline, because the publisher
    writes it as part of every title of the page (``publisher_label``). ``keep_media_tag``: leave a media tag at
    the end ("… (video)") for ``media_flag`` to read.

    Returns ``None`` when nothing but the site's own name is left (a title equal to the site name is no
    headline).
    """
    title = clean_string(raw)
    if title is None:
        return None
    site_keys = {fold(name) for name in site_names if name and fold(name)}
    hkey = host_key(host)
    if fold(title) in site_keys or (hkey and fold(title) == hkey):
        return None
    if host:
        # The site's domain written out: "davidbau.com" as the <h1>, "davidbau.com Vibe Coding" as the <title>.
        domain = unicode_host(host.removeprefix("www."))
        if title.casefold() == domain:
            return None
        if title.casefold().startswith(domain + " ") and len(title) > len(domain) + 1:
            title = title[len(domain) + 1 :].lstrip()
    parts, separators = _split(title)
    if len(parts) > 1:
        start, end = 0, len(parts)
        words = HostWords(host) if host else None
        section_keys = {fold(section) for section in sections} - {""}
        while end - start > 1 and (
            fold(parts[end - 1]) in section_keys
            or _is_site_segment(parts[end - 1], site_keys, hkey, trailing=True, host=words)
        ):
            end -= 1
        while end - start > 1 and _is_site_segment(parts[start], site_keys, hkey, kept_label=kept_label):
            start += 1
        if (start, end) != (0, len(parts)):
            pieces = [parts[start]]
            for index in range(start + 1, end):
                pieces.extend((separators[index - 1], parts[index]))
            title = "".join(pieces).strip()
    if site_keys or hkey:
        title = _without_glued_site(title, site_keys, hkey)
    prefix = _SITE_PREFIX.match(title)
    if prefix and _is_site_segment(prefix.group(1), site_keys, hkey, kept_label=kept_label):
        title = title[prefix.end() :]
    title = title.strip(_BIDI_CONTROLS + " ")
    return normalize_quotes(title if keep_media_tag else strip_media_tag(title)) or None


def _glued_separators(title: str) -> list[re.Match[str]]:
    """The separators of ``_GLUED_SEPARATOR`` in ``title``; a single hyphen only beside a character of a script
    written without spaces (Chinese, Japanese)."""
    found = []
    for separator in _GLUED_SEPARATOR.finditer(title):
        if separator.group() == "-":
            beside = title[separator.start() - 1 : separator.start()] + title[separator.end() : separator.end() + 1]
            if not any(_unspaced_script(char) for char in beside):
                continue
        found.append(separator)
    return found


def _unspaced_script(char: str) -> bool:
    return (
        "\u3040" <= char <= "\u30ff"  # kana
        or "\u3400" <= char <= "\u9fff"  # ideographs
        or "\uf900" <= char <= "\ufaff"  # compatibility ideographs
        or "\uff00" <= char <= "\uffef"  # full-width forms
    )


def _without_glued_site(title: str, site_keys: set[str], hkey: str) -> str:
    """``title`` without the site's name glued after the headline by ``_GLUED_SEPARATOR``, and without what follows
    it (the portal: "…_新浪财经_新浪网" on 新浪财经) and the sections before it ("…--经济·科技--人民网")."""
    separators = _glued_separators(title)
    sites = site_keys | ({hkey} - {""})
    for index, separator in enumerate(separators):
        end = separators[index + 1].start() if index + 1 < len(separators) else len(title)
        key = fold(title[separator.end() : end])
        if separator.start() == 0 or not key or not {key, key.removeprefix("the"), _TLD_SUFFIX.sub("", key)} & sites:
            continue
        cut = separator.start()
        kind = separator.group()
        for before in reversed(separators[:index]):
            section = title[before.end() : cut]
            if kind not in _SECTION_SEPARATORS or before.group() != kind or len(section) >= before.start():
                break
            cut = before.start()
        head = title[:cut].strip(_BIDI_CONTROLS + " ")
        return head or title
    return title


# A genre label opening a title: "Opinion: …", "Opinion | …", "Analysis – …".
_LEADING_LABEL = re.compile(r"^\s*(?P<label>[^\W\d_]{3,20})\s*(?::|\||–|—|\s-)\s+\S")


def leading_genre_label(raw: str | None) -> str:
    """The genre label (``fold``-ed) that opens ``raw`` set off by a colon, bar or dash; "" when none."""
    text = clean_string(raw)
    match = _LEADING_LABEL.match(text) if text else None
    return fold(match.group("label")) if match and is_genre_label(match.group("label")) else ""


def publisher_label(markup_titles: Sequence[str], h1s: Sequence[str]) -> str:
    """The genre label the publisher makes part of its headline: every markup title (og:title, JSON-LD
    headline, ``<title>``; at least two) and a visible ``<h1>`` open with it ("Opinion: The Smart Roadster is
    slow …" in all of them). A label that one of the titles lacks ("Opinion | …" in og:title, the JSON-LD
    headline without it) is glued on by the template, and goes."""
    if len(markup_titles) < 2:
        return ""
    labels = {leading_genre_label(title) for title in markup_titles}
    if len(labels) != 1:
        return ""
    label = labels.pop()
    return label if label and any(leading_genre_label(h1) == label for h1 in h1s) else ""


def strip_unknown_site_suffix(title: str, alternatives: Iterable[str]) -> str:
    """Without a known site name, a title-tag tail is trusted to be the site only when another source (og:title,
    h1, JSON-LD headline) gives the headline without it."""
    keys = {fold(alt) for alt in alternatives if alt}
    parts, separators = _split(title)
    for cut in range(len(parts) - 1, 0, -1):
        head = parts[0] + "".join(s + p for s, p in zip(separators[: cut - 1], parts[1:cut], strict=True))
        if fold(head) in keys:
            return head.strip()
    return title


def site_segment(title: str) -> tuple[str, str] | None:
    """The title before its last separated part, and that part folded, when the part is shorter than the rest:
    where a site's name sits in a title ("Council approves new budget | City News"), known or not."""
    separators = _separators(title)
    if not separators:
        return None
    head, tail = title[: separators[-1].start()].strip(), title[separators[-1].end() :].strip()
    if not head or not tail or len(tail.split()) >= len(_SEPARATOR.sub(" ", head).split()):
        return None
    return head, fold(tail)


def is_generic_site_word(word: str) -> bool:
    return word.casefold() in _GENERIC_SITE_WORDS
