"""``Article.encoding`` names an encoding one way, the WHATWG Encoding Standard's (lowercased), whichever source
named or found it: a ``<meta charset="windows-1252">`` page was "cp1252" while a repaired ``str`` was
"windows-1252"."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import newsclean
from newsclean._decode import _CODEC_LABELS, codec_for_label, decode_html, decode_text_dump
from newsclean.io import CsvReader, FileReader

FRENCH = "Le café était “très” bon – 5 €. Les élèves ont préféré la crème brûlée, mais le maître d’hôtel était déçu. "
RUSSIAN = (
    "Министерство обороны России заявило в среду, что российские войска нанесут удары по командным центрам "
    "в Киеве в ответ на атаки на территории России. Официальный представитель министерства сообщил об этом "
    "на вечернем брифинге, добавив, что российская армия до сих пор воздерживалась от таких ударов."
)
POLISH = (
    "Zażółć gęślą jaźń. Ósmy dzień spotkań w Łodzi przyniósł więcej pytań niż odpowiedzi, mówią mieszkańcy, którzy "
    "czekają na decyzję rady miasta w sprawie nowego mostu na rzece. "
) * 3
JAPANESE = (
    "東京都は木曜日、新しい橋の建設計画について発表した。工事は来年春に始まる予定で、費用は約十二億円になる見込みだ。"
) * 3
KOREAN = (
    "서울시는 목요일 새 다리 건설 계획을 발표했다. 공사는 내년 봄에 시작될 예정이며 비용은 약 120억 원이 든다. " * 3
)
CHINESE = "台北市政府星期四宣布了新橋的建設計畫。工程預計明年春天開始，費用約為十二億元。" * 3


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><article><p>{body}</p></article></body></html>"


@pytest.mark.parametrize(
    ("label", "codec", "name"),
    [
        ("windows-1252", "cp1252", "windows-1252"),
        ("ISO-8859-1", "cp1252", "windows-1252"),  # the standard reads latin-1 as windows-1252
        ("iso-8859-2", "iso8859-2", "iso-8859-2"),
        ("koi8-r", "koi8-r", "koi8-r"),
        ("Shift_JIS", "cp932", "shift_jis"),
        ("euc-kr", "cp949", "euc-kr"),
        ("gb2312", "gb18030", "gb18030"),
        ("big5", "big5hkscs", "big5"),
        ("euc-jp", "euc_jp", "euc-jp"),
    ],
)
@pytest.mark.parametrize("where", ["http-header", "meta"])
def test_a_declared_encoding_is_named_as_the_standard_names_it(label: str, codec: str, name: str, where: str) -> None:
    text = {"cp1252": FRENCH, "iso8859-2": POLISH, "koi8-r": RUSSIAN, "cp949": KOREAN}.get(codec, JAPANESE)
    text = CHINESE if codec in ("gb18030", "big5hkscs") else text
    head = f'<meta charset="{label}">' if where == "meta" else ""
    headers = {"Content-Type": f"text/html; charset={label}"} if where == "http-header" else None
    decoded = decode_html(page(text, head).encode(codec), headers)
    assert text in decoded.text
    assert (decoded.encoding, decoded.source) == (name, where)


def test_the_reported_page_names_its_meta_charset_as_a_repaired_str_does() -> None:
    # The report: <meta charset="windows-1252"> gave "cp1252", a repaired str "windows-1252".
    markup = page(FRENCH * 2, '<meta charset="windows-1252">')
    from_bytes = newsclean.clean_html(markup.encode("cp1252"))
    repaired = newsclean.clean_html(markup.encode("cp1252").decode("latin-1"))
    assert (from_bytes.encoding, from_bytes.encoding_source) == ("windows-1252", "meta")
    assert (repaired.encoding, repaired.encoding_source) == ("windows-1252", "repaired")


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16be"),
        # UTF-32-LE's mark begins with UTF-16-LE's: read as UTF-16, the page was a NUL between every two
        # characters, and refused as binary.
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32be"),
    ],
)
def test_a_byte_order_mark_is_named_as_the_standard_names_it(bom: bytes, codec: str, name: str) -> None:
    decoded = decode_html(bom + page(FRENCH).encode(codec))
    assert FRENCH in decoded.text and (decoded.encoding, decoded.source) == (name, "bom")


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_a_utf32_page_and_dump_with_a_byte_order_mark_are_cleaned(codec: str) -> None:
    bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
    article = newsclean.clean_html(bom + page(FRENCH * 2).encode(codec))
    assert FRENCH.strip() in article.text and "\x00" not in article.text
    assert decode_text_dump(bom + FRENCH.encode(codec)).text == FRENCH


@pytest.mark.parametrize(
    ("text", "codec", "name"),
    [
        (FRENCH * 3, "cp1252", "windows-1252"),
        (RUSSIAN, "cp1251", "windows-1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (POLISH, "iso8859-2", "iso-8859-2"),
        (JAPANESE, "iso2022_jp", "iso-2022-jp"),
        (JAPANESE, "cp932", "shift_jis"),
        ("The council approved the budget after a long debate on Tuesday night.", "utf-16-le", "utf-16le"),
    ],
)
def test_a_detected_encoding_is_named_as_the_standard_names_it(text: str, codec: str, name: str) -> None:
    decoded = decode_html(page(text).encode(codec))
    assert text in decoded.text and (decoded.encoding, decoded.source) == (name, "detected")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (page(FRENCH).encode("utf-8"), ("utf-8", "utf-8-valid")),
        (page("Le café").encode("utf-8") + "était".encode("cp1252"), ("utf-8", "utf-8+windows-1252")),
    ],
)
def test_utf8_found_by_its_bytes_is_named_utf8(data: bytes, expected: tuple[str, str]) -> None:
    assert decode_html(data)[1:] == expected


@pytest.mark.parametrize(
    ("text", "codec", "name"),
    [(FRENCH * 3, "cp1252", "windows-1252"), (RUSSIAN, "koi8-r", "koi8-r"), (RUSSIAN, "cp1251", "windows-1251")],
)
def test_a_text_dump_decoded_from_bytes_is_named_as_a_page_is(text: str, codec: str, name: str) -> None:
    decoded = decode_text_dump(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.source) == (text, name, "detected")


def test_every_encoding_is_named_by_one_of_its_own_labels_which_reads_it_again() -> None:
    # The name an Article reports, given back as a label (a CSV's encoding, a caller's header), reads the same way.
    from newsclean._decode import encoding_name

    for codec, labels in _CODEC_LABELS.items():
        name = encoding_name(codec)
        assert name in labels and name == name.lower(), codec
        assert codec_for_label(name) == codec, codec


def test_an_excel_csv_in_a_legacy_encoding_still_reads(tmp_path: Path) -> None:
    # The CSV reader takes the detected encoding's name back to a codec.
    path = tmp_path / "excel.csv"
    path.write_bytes(f'id,text\n1,"{RUSSIAN}"\n'.encode("koi8-r"))
    [document] = CsvReader(path)
    assert isinstance(document, newsclean.Document) and document.text == RUSSIAN


@pytest.mark.parametrize(("codec", "name"), [("koi8-r", "koi8-r"), ("cp1252", "windows-1252")])
def test_a_txt_dump_in_a_legacy_encoding_reports_it_on_the_article(tmp_path: Path, codec: str, name: str) -> None:
    text = RUSSIAN if codec == "koi8-r" else FRENCH * 3
    path = tmp_path / "dump.txt"
    path.write_bytes(f"Headline of the story\n{text}\n".encode(codec))
    [document] = FileReader(path)
    assert isinstance(document, newsclean.Document)
    article = newsclean.Pipeline().run(document)
    assert text.strip() in article.text
    assert (article.encoding, article.encoding_source) == (name, "detected")
