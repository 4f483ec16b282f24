"""A text browser's dump (``lynx -dump``): the link list at its end and the link numbers in its text go."""

from __future__ import annotations

import textwrap

import newsclean

PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate over transit "
    "that ran past midnight and into the early morning.",
    "Council members argued for hours over the planned transit line and the money for the schools, which the "
    "mayor has called the city's first priority [9].",
    "The mayor said she would sign the budget on Friday, before the start of the next fiscal year, and thanked "
    "the members for their work on it.",
)
MARKED = (
    PARAGRAPHS[0].replace("the new budget", "the [1]new budget"),
    PARAGRAPHS[1].replace("planned transit", "planned [2]transit"),
    PARAGRAPHS[2].replace("fiscal year", "[3]fiscal year"),
)
LIST = (
    "References\n\n   Visible links\n   1. https://news.example.com/budget\n   2. https://news.example.com/transit\n"
    "   3. https://news.example.com/fiscal-year\n\n   Hidden links:\n   4. file:///tmp/lynxXXXX/logo.png\n"
)


def _dump(paragraphs: tuple[str, ...], references: str = LIST, *, width: int = 75) -> str:
    body = "\n\n".join(textwrap.fill(p, width=width, initial_indent="   ", subsequent_indent="   ") for p in paragraphs)
    return f"Council approves budget\n\n{body}\n\n{references}"


def test_a_lynx_dump_loses_its_link_list_and_its_link_numbers() -> None:
    # The list stayed as paragraphs, the numbers in the text ("the [1]new budget"), and the lines the numbers made
    # long were read as the writer's breaks.
    article = newsclean.clean_text(_dump(MARKED), url="https://news.example.com/council-budget")
    assert article.title == "Council approves budget"
    assert article.paragraphs == PARAGRAPHS
    assert article.provenance["text"] == "hard-wrapped"
    assert [(removal.rule, removal.category) for removal in article.removed] == [("dump.link-references", "widget")]
    assert article.removed[0].text.startswith("References Visible links 1. https://news.example.com/budget")


def test_an_unwrapped_lynx_dump_too() -> None:
    article = newsclean.clean_text(_dump(MARKED, width=1000))
    assert article.paragraphs == PARAGRAPHS


def test_a_writers_list_of_addresses_stays() -> None:
    sources = "References\n\n1. https://example.org/report\n2. https://example.org/data\n"
    article = newsclean.clean_text(_dump(PARAGRAPHS, sources))
    assert article.paragraphs[-3:] == ("References", "1. https://example.org/report", "2. https://example.org/data")
    assert not article.removed


def test_a_list_that_is_not_all_addresses_stays_and_so_do_the_numbers() -> None:
    sources = LIST + "   5. The council's own minutes, March 5\n"
    article = newsclean.clean_text(_dump(MARKED, sources))
    assert "the [1]new budget" in article.paragraphs[0]
    assert "References" in article.paragraphs
    assert not article.removed


def test_a_writers_citations_of_listed_numbers_stay() -> None:
    # They were taken for lynx's marks and removed ("values ." was left).
    cited = (*MARKED[:2], "The study cited earlier [1] found that parks raise property values [2].")
    article = newsclean.clean_text(_dump(cited))
    assert article.paragraphs[-1] == "The study cited earlier [1] found that parks raise property values [2]."
    assert [removal.rule for removal in article.removed] == ["dump.link-references"]


def test_a_writers_list_of_addresses_and_citations_stays() -> None:
    # Its citations ("away [1].") were taken for lynx's marks: the list and the citations went.
    cited = (PARAGRAPHS[0] + " [1].", PARAGRAPHS[1], PARAGRAPHS[2][:-1] + " [2].")
    sources = "References\n\n1. https://doi.org/10.1000/parks.1\n2. https://doi.org/10.1000/parks.2\n"
    article = newsclean.clean_text(_dump(cited, sources))
    assert article.paragraphs[0].endswith("morning. [1].") and "References" in article.paragraphs
    assert not article.removed


def test_a_list_of_hidden_links_only_is_lynxs_too() -> None:
    # No link was marked in the text, so the list stayed, and the dump was not found wrapped.
    hidden = "References\n\n   Visible links:\n   Hidden links:\n   1. https://news.example.com/a\n   2. https://x.example/b\n"
    article = newsclean.clean_text(_dump(PARAGRAPHS, hidden))
    assert article.paragraphs == PARAGRAPHS
    assert [removal.rule for removal in article.removed] == ["dump.link-references"]


#: `lynx -dump -width=72` of a page written for this test, lynx 2.9.0 run in a German locale.
GERMAN_LYNX_DUMP = (
    "                        Rat beschliesst Haushalt\n\n"
    "   Der Stadtrat hat am Dienstag nach einer langen und hitzigen\n"
    "   Debatte den neuen [1]Haushalt beschlossen, der deutlich mehr\n"
    "   Geld fuer die Schulen und Parks der Stadt vorsieht.\n\n"
    "   Die Abgeordneten stritten stundenlang ueber die geplante\n"
    "   [2]Strassenbahn und ueber die Mittel fuer die Schulen, die der\n"
    "   Buergermeister als wichtigste Aufgabe bezeichnet hat.\n\n"
    "   Die Buergermeisterin sagte, sie werde den Haushalt am Freitag\n"
    "   unterschreiben, noch vor dem Beginn des neuen\n"
    "   [3]Haushaltsjahres im Januar.\n"
    "   [4][x.png]\n\n"
    "Verweise\n\n"
    "   1. https://news.example.com/haushalt\n"
    "   2. https://news.example.com/tram\n"
    "   3. https://news.example.com/jahr\n"
    "   4. https://news.example.com/x\n"
)


def test_lynx_in_another_language_and_its_image_placeholders() -> None:
    # The German list ("Verweise") and every mark stayed, and the dump was not found wrapped.
    article = newsclean.clean_text(GERMAN_LYNX_DUMP)
    assert article.title == "Rat beschliesst Haushalt"
    assert article.paragraphs == (
        "Der Stadtrat hat am Dienstag nach einer langen und hitzigen Debatte den neuen Haushalt beschlossen, der "
        "deutlich mehr Geld fuer die Schulen und Parks der Stadt vorsieht.",
        "Die Abgeordneten stritten stundenlang ueber die geplante Strassenbahn und ueber die Mittel fuer die Schulen, "
        "die der Buergermeister als wichtigste Aufgabe bezeichnet hat.",
        "Die Buergermeisterin sagte, sie werde den Haushalt am Freitag unterschreiben, noch vor dem Beginn des neuen "
        "Haushaltsjahres im Januar.",
    )
    assert [removal.rule for removal in article.removed] == ["dump.link-references"]


def test_a_french_list_with_lynxs_spaced_colons() -> None:
    french = (
        "Références\n\n   Liens visibles :\n   1. https://news.example.com/budget\n   2. https://news.example.com/tram\n"
        "   3. https://news.example.com/annee\n\n   Liens cachés :\n   4. https://news.example.com/logo\n"
    )
    article = newsclean.clean_text(_dump(MARKED, french))
    assert article.paragraphs == PARAGRAPHS
    assert article.removed[0].text.startswith("Références Liens visibles :")
