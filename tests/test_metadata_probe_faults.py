"""Metadata faults a probe found: first-of-month ordinals in French, Spanish, Italian and Portuguese dates; JSON-LD
author names given as a list, in parts, with tags or naming two people; canonical links that name no host; page URLs
written without their scheme; the htmldate condition the docs state."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

import newsclean
from newsclean._dom import _json_ld_value
from newsclean.metadata._dateline import find_dateline
from newsclean.metadata._dates import parse_datetime
from newsclean.metadata._site import clean_url, document_base, usable_url
from newsclean.metadata._text_dates import visible_dates

FETCHED = datetime(2025, 6, 1, tzinfo=UTC)
FIRST_OF_MAY = datetime(2025, 5, 1, tzinfo=UTC)

# -- 1. the first of the month written as an ordinal ---------------------------------------------------------------

STORIES = {
    "fr": (
        "Le conseil adopte un nouveau budget",
        "Le conseil municipal a approuvé mardi un nouveau budget qui augmente de quatre pour cent les dépenses pour "
        "les écoles et les routes de la ville.",
        "Les conseillers ont débattu du projet pendant plus de six heures avant le vote final, adopté par sept voix "
        "contre deux.",
    ),
    "es": (
        "El consejo aprueba un nuevo presupuesto",
        "El consejo municipal aprobó el martes un nuevo presupuesto que aumenta un cuatro por ciento el gasto en "
        "escuelas y carreteras de la ciudad.",
        "Los concejales debatieron el proyecto durante más de seis horas antes de la votación final, aprobada por "
        "siete votos contra dos.",
    ),
    "it": (
        "Il consiglio approva un nuovo bilancio",
        "Il consiglio comunale ha approvato martedì un nuovo bilancio che aumenta del quattro per cento la spesa per "
        "le scuole e le strade della città.",
        "I consiglieri hanno discusso il progetto per più di sei ore prima del voto finale, approvato con sette voti "
        "contro due.",
    ),
    "pt": (
        "Câmara aprova novo orçamento",
        "A câmara municipal aprovou na terça-feira um novo orçamento que aumenta em quatro por cento os gastos com "
        "escolas e estradas da cidade.",
        "Os vereadores debateram o projeto durante mais de seis horas antes da votação final, aprovada por sete "
        "votos a dois.",
    ),
}


def _story(lang: str, date_line: str) -> newsclean.Article:
    """The council story in ``lang`` with ``date_line`` under its headline, and no JSON-LD, meta or <time> date."""
    title, *paragraphs = STORIES[lang]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    html = (
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1><p>{date_line}</p>{body}</article></body></html>"
    )
    return newsclean.clean_html(html, url="https://example.com/news/budget", fetched_at=FETCHED)


ORDINAL_DATE_LINES = [
    ("fr", "Publié le 1er mai 2025"),
    ("fr", "Publié le 1ᵉʳ mai 2025"),
    ("fr", "Publié le 1<sup>er</sup> mai 2025"),
    ("fr", "Mis en ligne le jeudi 1er mai 2025"),
    ("fr", "1ER MAI 2025"),
    ("es", "Publicado el 1º de mayo de 2025"),
    ("es", "Publicado el 1.º de mayo de 2025"),
    ("es", "Publicado el 1ro de mayo de 2025"),
    ("es", "Publicado el 1ero de mayo de 2025"),
    ("it", "Pubblicato il 1º maggio 2025"),
    ("it", "Pubblicato il 1° maggio 2025"),
    ("pt", "Publicado em 1º de maio de 2025"),
    ("pt", "Publicado em 1.º de maio de 2025"),
    ("pt", "Publicado em 1o de maio de 2025"),
    ("pt", "1º de maio de 2025"),
]


@pytest.mark.parametrize(("lang", "date_line"), ORDINAL_DATE_LINES)
def test_first_of_the_month_as_an_ordinal_dates_the_page(lang: str, date_line: str) -> None:
    article = _story(lang, date_line)
    assert article.published == FIRST_OF_MAY
    assert article.provenance["published"].startswith("page text")


@pytest.mark.parametrize("written", ["1er mai 2025", "1º de mayo de 2025", "1° maggio 2025", "1.º de maio de 2025"])
def test_an_ordinal_first_is_a_visible_date(written: str) -> None:
    assert visible_dates(f"Mis à jour : {written}") == {date(2025, 5, 1)}


@pytest.mark.parametrize(
    "written",
    [
        "2º de mayo de 2025",  # only the first of the month is an ordinal in these languages
        "2er mai 2025",
        "21er mai 2025",  # "1" ends another number
        "11º maggio 2025",
        "2o de maio de 2025",
    ],
)
def test_other_days_take_no_ordinal(written: str) -> None:
    assert visible_dates(written) == set()


def test_a_cardinal_first_of_the_month_still_dates_the_page() -> None:
    assert _story("fr", "Publié le 1 mai 2025").published == FIRST_OF_MAY


@pytest.mark.parametrize(
    ("paragraph", "place", "agency"),
    [
        ("PARIS, 1er mai (AFP) - Le gouvernement a présenté son budget.", "PARIS", "AFP"),
        ("ROMA, 1º maggio 2025 (ANSA) - Il governo ha presentato il bilancio.", "ROMA", "ANSA"),
    ],
)
def test_a_dateline_on_the_first_of_the_month_as_an_ordinal(paragraph: str, place: str, agency: str) -> None:
    dateline = find_dateline([paragraph])
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.month, dateline.day) == (place, agency, 5, 1)


# -- 2. JSON-LD author names ---------------------------------------------------------------------------------------

RATES_BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "The central bank raised its main interest rate by a quarter point on Tuesday, the third increase this year.",
        "Officials said inflation remained well above the target and that further increases could not be ruled out.",
    )
)


def _with_author(author: object) -> newsclean.Article:
    node = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Central bank raises rates again",
        "author": author,
        "datePublished": "2025-05-20T10:00:00Z",
    }
    html = (
        '<html lang="en"><head><title>Central bank raises rates again</title>'
        f'<script type="application/ld+json">{json.dumps(node)}</script></head>'
        f"<body><article><h1>Central bank raises rates again</h1>{RATES_BODY}</article></body></html>"
    )
    return newsclean.clean_html(html, url="https://example.com/a/1", fetched_at=FETCHED)


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ({"@type": "Person", "name": "Jane Doe and John Roe"}, ("Jane Doe", "John Roe")),
        ({"@type": "Person", "name": "Jane Doe & John Roe"}, ("Jane Doe", "John Roe")),
        ({"@type": "Person", "name": ["Jane Doe", "John Roe"]}, ("Jane Doe", "John Roe")),
        ({"@type": "Person", "givenName": "Jane", "familyName": "Doe"}, ("Jane Doe",)),
        ({"@type": "Person", "givenName": "Jane", "additionalName": "Q.", "familyName": "Doe"}, ("Jane Q. Doe",)),
        ({"@type": "Person", "name": "<a href='/jane'>Jane Doe</a>"}, ("Jane Doe",)),
        ({"@type": "Person", "name": "&lt;a href=&quot;/jane&quot;&gt;Jane Doe&lt;/a&gt;"}, ("Jane Doe",)),
        ("<a href='/jane'>Jane Doe</a>", ("Jane Doe",)),
        # one person each: a conjunction inside one name, a role or an affiliation after a comma
        ({"@type": "Person", "name": "José Ortega y Gasset"}, ("José Ortega y Gasset",)),
        ({"@type": "Person", "name": "Maria da Silva e Souza"}, ("Maria da Silva e Souza",)),
        ({"@type": "Person", "name": "Jane Doe, Riverside Report"}, ("Jane Doe",)),
        ({"@type": "Person", "name": "Jane Doe", "givenName": "J.", "familyName": "Roe"}, ("Jane Doe",)),
    ],
)
def test_json_ld_person_names(author: object, expected: tuple[str, ...]) -> None:
    article = _with_author(author)
    assert article.authors == expected
    assert article.provenance["authors"] == "json-ld"


def test_a_list_of_names_holding_an_organisation_keeps_it_apart() -> None:
    article = _with_author({"@type": "Organization", "name": ["Reuters"]})
    assert (article.authors, article.agency) == ((), "Reuters")


# -- 3. canonical links and page URLs ------------------------------------------------------------------------------

COUNCIL_BODY = (
    "<p>The city council voted on Tuesday to approve a new budget that raises spending on schools and roads by four "
    "percent.</p><p>Council members debated the plan for more than six hours before the final vote, which passed "
    "seven to two.</p>"
)
PAGE_URL = "https://www.example.com/news/2025/05/20/budget?id=7"


def _linked(head: str, url: str = PAGE_URL) -> newsclean.Article:
    html = (
        f'<html lang="en"><head><title>Council approves new budget</title>{head}</head>'
        f"<body><article><h1>Council approves new budget</h1>{COUNCIL_BODY}</article></body></html>"
    )
    return newsclean.clean_html(html, url=url)


@pytest.mark.parametrize("href", ["https:/www.example.com/news/budget", "https://", "http:news/budget"])
def test_a_canonical_link_without_a_host_gives_no_address(href: str) -> None:
    article = _linked(f'<link rel="canonical" href="{href}">')
    assert article.canonical_url is None
    assert "canonical_url" not in article.provenance


def test_a_canonical_link_without_a_host_falls_back_to_og_url() -> None:
    head = (
        '<link rel="canonical" href="https:/www.example.com/news/budget">'
        '<meta property="og:url" content="https://www.example.com/news/budget-approved">'
    )
    article = _linked(head)
    assert article.canonical_url == "https://www.example.com/news/budget-approved"
    assert article.provenance["canonical_url"] == "opengraph"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https:/www.example.com/news/budget", None),
        ("https://", None),
        ("https:///news/budget", None),
        ("/news/budget", "https://www.example.com/news/budget"),
        ("//www.example.com/news/budget", "https://www.example.com/news/budget"),
        ("budget", "https://www.example.com/news/2025/05/20/budget"),
        ("HTTPS://WWW.EXAMPLE.COM/news/budget", "https://www.example.com/news/budget"),
    ],
)
def test_clean_url_resolves_only_links_that_name_a_host(href: str, expected: str | None) -> None:
    assert clean_url(href, base=PAGE_URL) == expected


def test_a_base_href_without_a_host_leaves_the_page_url_as_the_base() -> None:
    assert document_base(PAGE_URL, "https:/cdn.example.com/") == PAGE_URL
    assert document_base(PAGE_URL, "https://cdn.example.com/") == "https://cdn.example.com/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("www.example.com/news/budget", ("https://www.example.com/news/budget", True)),
        ("example.co.uk/a?id=7", ("https://example.co.uk/a?id=7", True)),
        ("example.com:8080/news/budget", ("https://example.com:8080/news/budget", True)),
        ("//www.example.com/news/budget", ("https://www.example.com/news/budget", True)),
        ("www.example.com", ("https://www.example.com", True)),
        ("https://www.example.com/news/budget", ("https://www.example.com/news/budget", False)),
        # no host name ends in a public suffix here: a file, a relative path, a host without a dot
        ("index.html/budget", ("index.html/budget", False)),
        ("news/budget", ("news/budget", False)),
        ("localhost:8000/news", ("localhost:8000/news", False)),
        ("notes.md", ("notes.md", False)),  # a name alone, without "www."
        ("example.com", ("example.com", False)),
        ("http://[::1", (None, False)),
    ],
)
def test_usable_url_assumes_https_only_before_a_host_name(url: str, expected: tuple[str | None, bool]) -> None:
    assert usable_url(url) == expected


def test_a_scheme_less_page_url_gives_the_site_and_resolves_a_relative_canonical() -> None:
    article = _linked('<link rel="canonical" href="/news/budget">', url="www.example.com/news/2025/05/20/budget")
    assert article.site_name == "example.com"
    assert article.canonical_url == "https://www.example.com/news/budget"
    assert article.provenance["canonical_url"] == "link-canonical; https assumed"


def test_a_scheme_less_page_url_takes_an_absolute_canonical_as_its_own() -> None:
    head = '<link rel="canonical" href="http://www.example.com/news/budget">'
    article = _linked(head, url="www.example.com/news/2025/05/20/budget")
    assert article.canonical_url == "http://www.example.com/news/budget"
    assert article.provenance["canonical_url"] == "link-canonical"
    assert article.syndication_source is None


# -- 4. htmldate: the condition docs/metadata.md states --------------------------------------------------------------


@pytest.mark.parametrize(("kind", "expected"), [("NewsArticle", datetime(2025, 5, 20, tzinfo=UTC)), ("Article", None)])
def test_htmldate_unshown_date_only_on_a_news_article(kind: str, expected: datetime | None) -> None:
    # An invalid hour: the JSON-LD date is no candidate, and htmldate reads its day from the markup.
    node = {"@type": kind, "headline": "Council approves new budget", "datePublished": "2025-05-20T25:00:00Z"}
    html = (
        f'<html lang="en"><head><title>Council approves new budget</title>'
        f'<script type="application/ld+json">{json.dumps(node)}</script></head>'
        f"<body><article><h1>Council approves new budget</h1>{COUNCIL_BODY}</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://example.com/news/budget", fetched_at=FETCHED)
    assert article.published == expected
    if expected is not None:
        assert article.provenance["published"].endswith("not shown on the page")


# -- a comma after the last property or item ------------------------------------------------------------

JANE = '{"@type":"Person","name":"Jane Doe"}'
STAMP = '"datePublished":"2025-05-20T10:00:00Z"'


@pytest.mark.parametrize(
    "block",
    [
        f'{{"@type":"NewsArticle","author":{JANE},{STAMP},}}',
        f'{{"@type":"NewsArticle","author":[{JANE},],{STAMP}}}',
        f'<!-- {{"@type":"NewsArticle","author":{JANE},{STAMP},}} -->',
    ],
)
def test_a_trailing_comma_keeps_the_json_ld_block(block: str) -> None:
    html = (
        '<html lang="en"><head><title>Central bank raises rates again</title>'
        f'<script type="application/ld+json">{block}</script></head>'
        f"<body><article><h1>Central bank raises rates again</h1>{RATES_BODY}</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://example.com/a/1", fetched_at=FETCHED)
    assert article.authors == ("Jane Doe",)
    assert article.published == datetime(2025, 5, 20, 10, tzinfo=UTC)


def test_a_comma_inside_a_string_is_no_trailing_comma() -> None:
    block = '{"name": "Doe, Jane,}", "tags": ["a", "b",],}'
    assert _json_ld_value(block) == {"name": "Doe, Jane,}", "tags": ["a", "b"]}


# -- a template's placeholder title --------------------------------------------------------------------------------

PLACEHOLDER_BODY = (
    "<p>The city council voted on Tuesday to approve a new budget that raises spending on schools by four percent.</p>"
    "<p>Council members debated the plan for more than six hours before the final vote, which passed seven to two.</p>"
)


def _titled(head: str, h1: str = "") -> newsclean.Article:
    html = f"<html lang=en><head>{head}</head><body><article>{h1}{PLACEHOLDER_BODY}</article></body></html>"
    return newsclean.clean_html(html, url="https://example.com/news/budget")


@pytest.mark.parametrize("placeholder", ["Home", "Untitled Document", "(No title)", "HomePage", "untitled"])
def test_a_placeholder_title_names_no_article(placeholder: str) -> None:
    assert _titled(f"<title>{placeholder}</title>").title is None
    # Beside a real title it is passed over.
    both = f'<meta property="og:title" content="{placeholder}"><title>Council approves new budget</title>'
    assert _titled(both).title == "Council approves new budget"


def test_a_headline_that_says_home_is_kept_when_the_h1_confirms_it() -> None:
    article = _titled("<title>Home | Film Review</title>", "<h1>Home</h1>")
    assert (article.title, article.provenance["title"]) == ("Home", "h1")


# -- JSON-LD dates as Unix times, and RFC 9557 zone suffixes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        (1747735200, datetime(2025, 5, 20, 10, tzinfo=UTC)),
        (1747735200000, datetime(2025, 5, 20, 10, tzinfo=UTC)),
        ("2025-05-20T10:00:00-07:00[America/Los_Angeles]", datetime(2025, 5, 20, 17, tzinfo=UTC)),
        ("2025-05-20T10:00:00[America/Los_Angeles]", datetime(2025, 5, 20, 17, tzinfo=UTC)),
        ("2025-01-20T10:00:00[America/New_York]", datetime(2025, 1, 20, 15, tzinfo=UTC)),
        ("2025-05-20T10:00:00Z[u-ca=iso8601]", datetime(2025, 5, 20, 10, tzinfo=UTC)),
    ],
)
def test_a_json_ld_date_as_a_unix_time_or_with_a_named_zone_is_read(stated: object, expected: datetime) -> None:
    block = json.dumps({"@type": "NewsArticle", "headline": "Central bank raises rates again", "datePublished": stated})
    html = (
        '<html lang="en"><head><title>Central bank raises rates again</title>'
        f'<script type="application/ld+json">{block}</script></head>'
        f"<body><article><h1>Central bank raises rates again</h1>{RATES_BODY}</article></body></html>"
    )
    article = newsclean.clean_html(html, url="https://example.com/a/1", fetched_at=FETCHED)
    assert article.published == expected
    assert article.provenance["published"].startswith("json-ld")


@pytest.mark.parametrize("stated", [2025, 20250520, True, "2025-05-20T10:00:00[Mars/Base]", "May 5, 2024 [Updated]"])
def test_numbers_that_are_no_time_and_unknown_zones_give_no_date(stated: object) -> None:
    assert parse_datetime(stated) is None
