"""A legacy charset label that decodes every byte of a page, or nearly, and misreads them: a KOI8-R page labelled
windows-1251 came out as Cyrillic with the case of its letters flipped ("оПЧЩЕ НЕТЩ"), a Russian page labelled
ISO-8859-1 as accented Latin capitals ("îÏ×ÙÅ ÍÅÒÙ"), one labelled Shift_JIS as half-width katakana, each with
status ok and the label as the encoding's source. A browser trusts the label; for a page written mostly in a script
other than Latin's, newsclean now reads it in the encoding detection finds, when the label's reading of its letters
beyond ASCII is no text in the label's encoding and detection's reading is. Where that is not so, the label stands.
"""

from __future__ import annotations

import pytest
from test_decode_mislabel import (
    ARABIC,
    ARABIC_TITLE,
    CHINESE_SIMPLIFIED,
    CHINESE_SIMPLIFIED_TITLE,
    CHINESE_TRADITIONAL,
    CHINESE_TRADITIONAL_TITLE,
    GREEK,
    GREEK_TITLE,
    HEBREW,
    HEBREW_TITLE,
    JAPANESE,
    JAPANESE_TITLE,
    KOREAN,
    KOREAN_TITLE,
    RUSSIAN,
    RUSSIAN_TITLE,
    article_page,
    assert_read_over_its_label,
)

from newsclean._decode import codec_for_label, decode_html

#: (title, paragraphs, the page's encoding, the label it is served under)
MISREAD_CASES = [
    (RUSSIAN_TITLE, RUSSIAN, "koi8-r", "windows-1251"),
    (RUSSIAN_TITLE, RUSSIAN, "koi8-r", "iso-8859-1"),
    (RUSSIAN_TITLE, RUSSIAN, "koi8-r", "shift_jis"),  # a few byte pairs garbled, most read as katakana
    (RUSSIAN_TITLE, RUSSIAN, "windows-1251", "koi8-r"),
    (RUSSIAN_TITLE, RUSSIAN, "windows-1251", "iso-8859-5"),
    (GREEK_TITLE, GREEK, "iso-8859-7", "windows-1252"),
    (ARABIC_TITLE, ARABIC, "windows-1256", "iso-8859-1"),
    (HEBREW_TITLE, HEBREW, "windows-1255", "windows-1251"),
]
MISREAD = [pytest.param(*case, id=f"{case[2]}-as-{case[3]}") for case in MISREAD_CASES]


@pytest.mark.parametrize("where", ["meta", "http-header"])
@pytest.mark.parametrize(("title", "paragraphs", "encoding", "label"), MISREAD)
def test_a_page_its_label_misreads_is_read_in_its_own_encoding(
    title: str, paragraphs: tuple[str, ...], encoding: str, label: str, where: str
) -> None:
    assert_read_over_its_label(title, paragraphs, encoding, encoding, label, where)


OWN_LABELS = [
    pytest.param(RUSSIAN_TITLE, RUSSIAN, "koi8-r", id="russian-koi8-r"),
    pytest.param(RUSSIAN_TITLE, RUSSIAN, "windows-1251", id="russian-windows-1251"),
    pytest.param(GREEK_TITLE, GREEK, "iso-8859-7", id="greek-iso-8859-7"),
    pytest.param(ARABIC_TITLE, ARABIC, "windows-1256", id="arabic-windows-1256"),
    pytest.param(HEBREW_TITLE, HEBREW, "windows-1255", id="hebrew-windows-1255"),
    pytest.param(JAPANESE_TITLE, JAPANESE, "shift_jis", id="japanese-shift_jis"),
    pytest.param(JAPANESE_TITLE, JAPANESE, "euc-jp", id="japanese-euc-jp"),
    pytest.param(KOREAN_TITLE, KOREAN, "euc-kr", id="korean-euc-kr"),
    pytest.param(CHINESE_SIMPLIFIED_TITLE, CHINESE_SIMPLIFIED, "gb2312", id="chinese-gb2312"),
    # Traditional Chinese reads as Mandarin at 0.89 only, the rest Cantonese and Wu: it was read as Thai in
    # windows-874 until the three counted as one language.
    pytest.param(CHINESE_TRADITIONAL_TITLE, CHINESE_TRADITIONAL, "big5", id="chinese-big5"),
]


@pytest.mark.parametrize(("title", "paragraphs", "label"), OWN_LABELS)
def test_a_page_under_its_own_label_keeps_it(title: str, paragraphs: tuple[str, ...], label: str) -> None:
    page = article_page(title, paragraphs)
    data = page.encode(codec_for_label(label) or label)
    decoded = decode_html(data, {"Content-Type": f"text/html; charset={label}"})
    assert (decoded.text, decoded.source) == (page, "http-header")


ENGLISH = (
    "The city council approved the new budget on Tuesday after a long debate about housing, transport and schools. "
    "Officials said the plan would add hundreds of teachers and repair roads across the northern districts."
)
RUSSIAN_PARAGRAPH = (
    "Городской совет во вторник утвердил новый бюджет после долгих споров о жилье, транспорте и школах. "
    "Чиновники заявили, что план добавит сотни учителей и отремонтирует дороги в северных районах."
)


@pytest.mark.parametrize(
    "paragraphs",
    [
        pytest.param((ENGLISH, ENGLISH, ENGLISH, "Москва, Россия — «Новая газета»"), id="english-with-a-russian-name"),
        pytest.param((ENGLISH, RUSSIAN_PARAGRAPH, ENGLISH, RUSSIAN_PARAGRAPH), id="english-and-russian"),
        pytest.param(("Динин тал китеби алышат. Ыйгарылган башын.",), id="six-kyrgyz-words"),
    ],
)
def test_a_windows_1251_label_on_little_or_mixed_cyrillic_stands(paragraphs: tuple[str, ...]) -> None:
    # Read as English, the first is no text "written in" windows-1251, yet detection's windows-1252 reading of its
    # one Russian name is gibberish; the second is half English; six words name no language with confidence.
    page = article_page("Городской бюджет", paragraphs)
    decoded = decode_html(page.encode("cp1251"), {"Content-Type": "text/html; charset=windows-1251"})
    assert (decoded.text, decoded.encoding, decoded.source) == (page, "windows-1251", "http-header")


def test_a_latin_script_page_keeps_a_label_of_the_next_code_page() -> None:
    # Polish in ISO-8859-2 labelled windows-1250: the two differ in a few letters ("ą", "ś", "ź"), which is all the
    # label decides on a page of Latin script; it is not questioned.
    page = article_page(
        "Rada miasta przyjęła budżet",
        (
            "Rada miasta przyjęła we wtorek nowy budżet po długiej dyskusji o mieszkaniach, transporcie i szkołach. "
            * 3,
        ),
    )
    decoded = decode_html(page.encode("iso8859-2"), {"Content-Type": "text/html; charset=windows-1250"})
    assert (decoded.encoding, decoded.source) == ("windows-1250", "http-header")
    assert decoded.text == page.encode("iso8859-2").decode("cp1250")
