"""Raw bytes decode in the browser's order: BOM, HTTP charset, <meta>, detection, UTF-8 fallback."""

from __future__ import annotations

import pytest

import newsclean
from newsclean._decode import _CODEC_BY_LABEL, codec_for_label, decode_html

RUSSIAN = (
    "Министерство обороны России заявило в среду, что российские войска нанесут удары по командным центрам "
    "в Киеве в ответ на атаки на территории России. Официальный представитель министерства сообщил об этом "
    "на вечернем брифинге, добавив, что российская армия до сих пор воздерживалась от таких ударов."
)
GERMAN = (
    "Die Bürgermeisterin äußerte sich am Donnerstag zu den Plänen für den Neubau der Brücke über die Straße. "
    "Größere Verzögerungen seien nicht zu erwarten, sagte sie. Die Kosten für das Projekt würden sich auf "
    "rund zwölf Millionen Euro belaufen, die Fördermittel des Landes seien bereits bewilligt worden."
)
JAPANESE = (
    "東京都は木曜日、新しい橋の建設計画について発表した。工事は来年春に始まる予定で、費用は約十二億円になる見込みだ。"
)


#: The Encoding Standard's name (what ``Decoded.encoding`` reports) of each Python codec these tests encode with.
STANDARD_NAMES = {
    **{f"cp{page}": f"windows-{page}" for page in range(1250, 1259)},
    **{"iso8859-2": "iso-8859-2", "iso8859-7": "iso-8859-7", "koi8-r": "koi8-r", "iso2022_jp": "iso-2022-jp"},
    **{"utf-16-le": "utf-16le", "utf-16-be": "utf-16be"},
}


def page(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><article><p>{body}</p></article></body></html>"


def test_cp1252_declared_in_header() -> None:
    text = "“Quoted” — café costs 5 €."
    decoded = decode_html(page(text).encode("cp1252"), {"Content-Type": "text/html; charset=windows-1252"})
    assert text in decoded.text
    assert (decoded.encoding, decoded.source) == ("windows-1252", "http-header")


def test_latin1_declared_only_in_meta_is_read_as_windows_1252() -> None:
    text = "Café “smart quotes” and naïve résumé"
    raw = page(text, '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252")
    decoded = decode_html(raw)
    assert text in decoded.text
    assert decoded.source == "meta"


def test_windows_1251_cyrillic_declared_in_meta_charset() -> None:
    decoded = decode_html(page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251"))
    assert RUSSIAN in decoded.text
    assert (decoded.encoding, decoded.source) == ("windows-1251", "meta")


def test_shift_jis_declared_in_meta() -> None:
    decoded = decode_html(page(JAPANESE, '<meta charset="Shift_JIS">').encode("shift_jis"))
    assert JAPANESE in decoded.text
    assert decoded.source == "meta"


def test_utf8_bom_wins_over_a_wrong_meta() -> None:
    raw = b"\xef\xbb\xbf" + page(RUSSIAN, '<meta charset="iso-8859-1">').encode("utf-8")
    decoded = decode_html(raw, {"content-type": "text/html; charset=iso-8859-1"})
    assert RUSSIAN in decoded.text and not decoded.text.startswith("\ufeff")
    assert (decoded.encoding, decoded.source) == ("utf-8", "bom")


def test_header_wins_when_header_and_meta_disagree() -> None:
    raw = page(RUSSIAN, '<meta charset="windows-1251">').encode("utf-8")
    decoded = decode_html(raw, {"Content-Type": "text/html; charset=UTF-8"})
    assert RUSSIAN in decoded.text
    assert decoded.source == "http-header"


@pytest.mark.parametrize(("text", "codec"), [(RUSSIAN, "cp1251"), (GERMAN, "cp1252"), (JAPANESE * 3, "shift_jis")])
def test_undeclared_encoding_is_detected(text: str, codec: str) -> None:
    decoded = decode_html(page(text).encode(codec))
    assert text in decoded.text
    assert decoded.source == "detected"


POLISH = (
    "Zażółć gęślą jaźń. Ósmy dzień spotkań w Łodzi przyniósł więcej pytań niż odpowiedzi, mówią mieszkańcy, którzy "
    "czekają na decyzję rady miasta w sprawie nowego mostu na rzece."
)
# Czech and Greek are written in two encodings each that differ in a few of their letters ("š" is 0xB9 in ISO-8859-2
# and "ą" in windows-1250; "Ά" is 0xB6 in ISO-8859-7 and "¶" in windows-1253). Byte statistics cannot tell them
# apart; the readings' likeness to the language can.
CZECH = (
    "Vláda schválila návrh zákona o státním rozpočtu. Ministr financí řekl, že schodek bude nižší, než se čekalo. "
    "Opozice žádá, aby se šetřilo na úřednících, a ne na školství. Předseda sněmovny Tomáš Šťastný očekává dlouhou "
    "debatu, ještě než poslanci o zákoně příští týden budou hlasovat."
)
GREEK = (
    "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία. Ο υπουργός Οικονομικών δήλωσε ότι άλλα μέτρα θα "
    "ακολουθήσουν. Άλλωστε η αγορά αντέδρασε θετικά. Όλοι περιμένουν την απόφαση της Βουλής, που θα ψηφίσει την "
    "Τετάρτη. Έτσι ο προϋπολογισμός θα είναι έτοιμος πριν από το τέλος του μήνα."
)
# English text whose few non-ASCII letters other code pages have too. Byte statistics alone (charset-normalizer 3.5
# over every Python codec) read El Niño as johab, "Wörd" as johab and this Polish in ISO-8859-2 as ISO-8859-10.
ENGLISH_WITH_NAMES = "Señor García paid £40 for the café’s “famous” paella — twice. " * 5
ENGLISH_EL_NINO = (
    "El Niño returned this year, and farmers in Peñalver said the señor of the estate had warned them. " * 4
)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (ENGLISH_WITH_NAMES, "cp1252"),
        (ENGLISH_EL_NINO, "cp1252"),
        (POLISH * 3, "iso8859-2"),
        (POLISH * 3, "cp1250"),
        (RUSSIAN, "koi8-r"),
        (RUSSIAN, "cp1251"),
        ("Wörd " * 60, "cp1252"),
        (CZECH, "iso8859-2"),
        (CZECH, "cp1250"),
        (GREEK, "iso8859-7"),
        (GREEK, "cp1253"),
        (JAPANESE * 3, "iso2022_jp"),
    ],
    ids=[
        *("english-names", "english-el-nino", "polish-iso8859-2", "polish-cp1250", "russian-koi8-r"),
        *("russian-cp1251", "german-word", "czech-iso8859-2", "czech-cp1250", "greek-iso8859-7", "greek-cp1253"),
        "japanese-iso2022-jp",
    ],
)
def test_an_undeclared_page_is_read_in_an_encoding_its_language_is_written_in(text: str, codec: str) -> None:
    markup = page(text)
    decoded = decode_html(markup.encode(codec))
    assert decoded.text == markup
    assert (decoded.encoding, decoded.source) == (STANDARD_NAMES[codec], "detected")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Il est arrivé à Paris hier soir.", "cp1252"),
        ("L'élève a reçu un prix à l'école.", "cp1252"),
        ("Il faut être honnête avec soi-même.", "cp1252"),
        ("Trädgården är full av äpplen.", "cp1252"),
        ("Příliš žluťoučký kůň úpěl.", "cp1250"),
        ("Вчера в Москве прошёл дождь.", "cp1251"),
    ],
)
def test_a_one_line_undeclared_page_is_read_in_an_encoding_its_language_is_written_in(text: str, codec: str) -> None:
    # Byte statistics alone read the French lines as windows-1250 ("ŕ Paris", "ętre"): too short for the
    # language to be sure of, but not for it to see that a French reading is not what windows-1250 writes.
    markup = page(text)
    decoded = decode_html(markup.encode(codec))
    assert decoded.text == markup
    assert (decoded.encoding, decoded.source) == (STANDARD_NAMES[codec], "detected")


def test_the_language_is_read_from_the_text_outside_scripts_styles_and_comments() -> None:
    from newsclean._encoding_detection import _text_sample

    markup = b"<script>var s = '<p>no</p>';</script><STYLE>p{}</STYLE><!-- <p>hidden</p> --><p>Visible</p> <b>text</b>"
    assert _text_sample(markup).split() == [b"Visible", b"text"]
    assert _text_sample(b"<p>Before</p><script>never closed <p>after").split() == [b"Before"]
    assert _text_sample(b"<p>Before</p><!-- never closed <p>after").split() == [b"Before"]


def test_an_undeclared_text_dump_is_read_in_an_encoding_its_language_is_written_in() -> None:
    from newsclean._decode import decode_text_dump

    decoded = decode_text_dump((POLISH * 3).encode("iso8859-2"))
    assert (decoded.text, decoded.encoding) == (POLISH * 3, "iso-8859-2")


@pytest.mark.parametrize(
    ("text", "label", "where"),
    [
        ("“Quoted” — the café’s menu, 5 €.", "ISO-8859-1", "header"),
        ("“Quoted” — the café’s menu, 5 €.", "windows-1252", "meta"),
        (RUSSIAN, "windows-1251", "meta"),
        (JAPANESE * 3, "Shift_JIS", "header"),
    ],
    ids=["latin1-header", "cp1252-meta", "cp1251-meta", "shift-jis-header"],
)
def test_utf8_bytes_under_a_legacy_label_are_read_as_utf8(text: str, label: str, where: str) -> None:
    # A server's default "charset=ISO-8859-1" or a template's hard-coded <meta> over a page that is UTF-8: read as
    # labelled, "café" would come out as "cafÃ©".
    meta = f'<meta charset="{label}">' if where == "meta" else ""
    headers = {"Content-Type": f"text/html; charset={label}"} if where == "header" else None
    decoded = decode_html(page(text, meta).encode("utf-8"), headers)
    assert text in decoded.text
    assert (decoded.encoding, decoded.source) == ("utf-8", "utf-8-valid")


def test_a_legacy_label_is_followed_for_bytes_that_are_not_utf8() -> None:
    decoded = decode_html(page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251"))
    assert RUSSIAN in decoded.text
    assert (decoded.encoding, decoded.source) == ("windows-1251", "meta")


MISREAD = "The café’s menu — 5 € a dish, “fresh” daily. Señor García’s recipe won twice."


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_utf8_a_scraper_decoded_as_latin1_is_read_again_as_utf8(codec: str) -> None:
    # requests reads a page without a header charset as ISO-8859-1: response.text comes out as "cafÃ©".
    text = MISREAD if codec == "latin-1" else MISREAD.replace("“fresh”", "fresh")  # 0x9D is no cp1252 byte
    misread = text.encode("utf-8").decode(codec)
    assert "Ã©" in misread
    article = newsclean.clean_html(page(misread))
    assert text in article.text
    assert (article.encoding, article.encoding_source) == ("utf-8", "repaired")
    dump = newsclean.clean_text(f"Menu\n{misread}")
    assert dump.paragraphs == (text,) and dump.encoding_source == "repaired"


@pytest.mark.parametrize("offset", range(16_380, 16_386))
def test_a_misread_page_is_read_again_whole_wherever_its_characters_fall(offset: int) -> None:
    # The page is read again a slice at a time: a character whose bytes straddle two slices, and a character only
    # past the first slice that spoils the reading, must come out as the whole page read at once gives them.
    from newsclean._decode import repair_misread

    original = "a" * offset + "café — “fresh” € " + "b" * 20_000 + " Señor García’s"
    misread = original.encode("utf-8").decode("latin-1")
    repaired = repair_misread(misread)
    assert repaired is not None and repaired.text == original
    spoiled = repair_misread(misread + " plain é written after it")  # é alone is no UTF-8
    assert spoiled is None or spoiled.encoding != "utf-8"


@pytest.mark.parametrize(
    "text",
    [
        "Mojibake turns é into Ã© on a screen that reads UTF-8 as Latin-1, the manual says.",  # é is no UTF-8
        "The cafÃ© sign in Łódź was misprinted, the shop owner said on Tuesday.",  # Ł: neither encoding has it
        "Plain text, and a price of 5 € for the menu of the day.",
    ],
)
def test_text_that_is_not_misread_utf8_is_left_as_it_is(text: str) -> None:
    article = newsclean.clean_html(page(text))
    assert text in article.text
    assert (article.encoding, article.encoding_source) == (None, None)


WINDOWS_1252 = "He said “hello” — then left… It wasn’t over: 5 € for the café’s ‘special’ – Œuvre, Š, Ž, ™."


def test_windows_1252_a_scraper_decoded_as_latin1_gets_its_punctuation_back() -> None:
    # requests reads a windows-1252 page without a header charset as ISO-8859-1: the quotes, dashes and ellipsis
    # come out as C1 controls, which the HTML parsers dropped ("wasnt") and splitlines broke a dump at (U+0085).
    misread = WINDOWS_1252.encode("cp1252").decode("latin-1")
    assert "\x93" in misread and "\x85" in misread
    article = newsclean.clean_html(page(misread))
    assert WINDOWS_1252 in article.text
    assert (article.encoding, article.encoding_source) == ("windows-1252", "repaired")
    dump = newsclean.clean_text(f"Menu\n{misread}")
    assert dump.paragraphs == (WINDOWS_1252,) and dump.encoding_source == "repaired"


def test_c1_controls_among_characters_latin1_lacks_are_read_as_windows_1252_too() -> None:
    # A page whose curly quotes survived but whose apostrophes came through as U+0092, as on two gold pages.
    text = "The Supreme Court’s ruling came first, and the “new” law of the state followed it within the month."
    article = newsclean.clean_html(page(text.replace("Court’s", "Court\x92s")))
    assert text in article.text
    assert article.encoding == "windows-1252"


def test_windows_1252_bytes_without_a_character_there_stay_as_they_are() -> None:
    # 0x81, 0x8D, 0x8F, 0x90, 0x9D have no windows-1252 character; the WHATWG decoder keeps them as C1 controls.
    from newsclean._decode import repair_misread

    repaired = repair_misread("caf\xe9 \x81 \x93quoted\x94")
    assert repaired is not None and repaired.text == "caf\xe9 \x81 “quoted”"


def test_undeclared_valid_utf8_is_taken_as_utf8_without_detection() -> None:
    decoded = decode_html(page(GERMAN).encode("utf-8"))
    assert GERMAN in decoded.text
    assert decoded.source == "utf-8-valid"


def test_unknown_label_falls_through_to_the_next_source() -> None:
    raw = page(RUSSIAN, '<meta charset="x-no-such-charset">').encode("cp1251")
    decoded = decode_html(raw, {"Content-Type": "text/html; charset=bogus"})
    assert RUSSIAN in decoded.text
    assert decoded.source == "detected"


# Python codecs a page may name that are no text encoding, raise on any input, or that browsers do not honour.
NOT_WEB_ENCODINGS = [
    *("rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "idna", "punycode"),
    *("unicode_escape", "raw_unicode_escape", "utf-7", "utf-32", "mbcs", "palmos", "iso-2022-kr"),
]


@pytest.mark.parametrize("label", NOT_WEB_ENCODINGS)
def test_a_label_the_web_does_not_define_is_passed_over_in_header_and_meta(label: str) -> None:
    raw = page(GERMAN, f'<meta charset="{label}">').encode("utf-8")
    decoded = decode_html(raw, {"Content-Type": f"text/html; charset={label}"})
    assert GERMAN in decoded.text
    assert (decoded.encoding, decoded.source) == ("utf-8", "utf-8-valid")
    assert newsclean.clean_html(raw, headers={"Content-Type": f"text/html; charset={label}"}).encoding == "utf-8"


def test_every_web_label_names_a_text_codec() -> None:
    assert len(_CODEC_BY_LABEL) > 200
    for label in _CODEC_BY_LABEL:
        codec = codec_for_label(label.upper())
        assert codec is not None, label
        # bytes.decode refuses a codec that is no text encoding (LookupError)
        assert isinstance(b"\x00a".decode(codec, "replace"), str)


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO_8859-1:1987", "cp1252"),
        ("x-mac-cyrillic", "mac-cyrillic"),
        ("logical", "iso8859-8"),
        ("koi", "koi8-r"),
        ("windows-949", "cp949"),
        ("big5", "big5hkscs"),
    ],
)
def test_web_labels_read_as_the_encoding_standard_says(label: str, codec: str) -> None:
    assert codec_for_label(label) == codec


@pytest.mark.parametrize("label", ["utf-16", "utf-16le", "utf-16be"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_named_by_a_header_is_read_in_the_byte_order_of_the_bytes(label: str, codec: str) -> None:
    utf16 = page(GERMAN).encode(codec)  # no BOM: the header is all there is
    decoded = decode_html(utf16, {"Content-Type": f"text/html; charset={label}"})
    assert GERMAN in decoded.text and (decoded.encoding, decoded.source) == (STANDARD_NAMES[codec], "http-header")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_ascii_utf16_without_bom_or_label_is_read_as_utf16(codec: str) -> None:
    text = "The council approved the budget after a long debate on Tuesday night."
    decoded = decode_html(page(text).encode(codec))  # every byte pair would pass strict UTF-8, NULs and all
    assert text in decoded.text and (decoded.encoding, decoded.source) == (STANDARD_NAMES[codec], "detected")
    assert newsclean.clean_html(page(text * 3).encode(codec)).text == text * 3


def test_zero_padded_bytes_are_not_taken_for_utf16() -> None:
    padded = b"".join(bytes([0, 0, byte, byte]) for byte in range(65, 91)) * 20
    assert not decode_html(padded).encoding.startswith("utf-16")


def test_utf16_named_by_a_header_is_passed_over_for_bytes_that_are_not_utf16() -> None:
    mislabelled = decode_html(page(GERMAN).encode("utf-8"), {"Content-Type": "text/html; charset=utf-16"})
    assert GERMAN in mislabelled.text and mislabelled.source == "utf-8-valid"


def test_utf16_named_by_a_meta_is_read_as_utf8() -> None:
    decoded = decode_html(page(GERMAN, '<meta charset="utf-16">').encode("utf-8"))
    assert GERMAN in decoded.text and (decoded.encoding, decoded.source) == ("utf-8", "meta")


def test_article_records_encoding_and_its_source() -> None:
    article = newsclean.clean_html(
        page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251"), url="https://example.ru/a"
    )
    assert RUSSIAN in article.text
    assert (article.encoding, article.encoding_source) == ("windows-1251", "meta")


FRENCH = "Le café était “très” bon – 5 €. Les élèves ont préféré la crème brûlée, mais le maître d’hôtel était déçu. "
FRENCH *= 3


@pytest.mark.parametrize(
    ("text", "codec"),
    [(FRENCH, "cp1252"), (RUSSIAN + " Сёмга «Ёлка»", "cp1251")],
    ids=["french-cp1252", "russian-cp1251"],
)
@pytest.mark.parametrize("where", ["header", "meta"])
def test_a_legacy_page_labelled_utf8_is_read_in_its_encoding(text: str, codec: str, where: str) -> None:
    # Read as labelled, every accented or Cyrillic letter was U+FFFD. ("Сё" and "«Ё" are valid UTF-8 pairs by
    # chance: a few such pairs do not make the page UTF-8.)
    markup = page(text, '<meta charset="utf-8">' if where == "meta" else "")
    headers = {"Content-Type": "text/html; charset=UTF-8"} if where == "header" else None
    decoded = decode_html(markup.encode(codec), headers)
    assert decoded.text == markup
    assert (decoded.encoding, decoded.source) == (STANDARD_NAMES[codec], "detected")


@pytest.mark.parametrize("label", ['<meta charset="utf-8">', ""], ids=["labelled", "undeclared"])
def test_utf8_with_some_windows_1252_pasted_in_is_read_as_both(label: str) -> None:
    # A UTF-8 page with a line stored in windows-1252: as UTF-8 alone its accents were U+FFFD; as windows-1252 alone
    # (detection) the page's "’" and "©" became "â€™" and "Â©".
    head = label + "<title>Café © 2024 – l’équipe</title>"
    template = page("CONTENT", head).encode("utf-8")
    decoded = decode_html(template.replace(b"CONTENT", "Le café était bon.".encode("cp1252")))
    assert decoded.text == page("Le café était bon.", head)
    assert (decoded.encoding, decoded.source) == ("utf-8", "utf-8+windows-1252")


def test_a_page_mostly_in_windows_1252_is_read_so_whatever_a_few_utf8_characters_say() -> None:
    # More invalid sequences than valid ones: the page is windows-1252, and its few UTF-8 characters (a template's)
    # are the ones misread.
    head = '<meta charset="utf-8"><title>© 2024</title>'
    template = page("CONTENT", head).encode("utf-8")
    decoded = decode_html(template.replace(b"CONTENT", FRENCH.encode("cp1252")))
    assert decoded.text == page(FRENCH, head.replace("©", "Â©"))
    assert (decoded.encoding, decoded.source) == ("windows-1252", "detected")


def test_a_utf8_character_cut_at_the_end_stays_a_replacement_character() -> None:
    data = ('<meta charset="utf-8"><p>Le café ’ était ' + "très").encode("utf-8") + "è".encode("cp1252") + b"\xe2\x80"
    decoded = decode_html(data)
    assert decoded.text.endswith("trèsè\ufffd") and decoded.source == "utf-8+windows-1252"


@pytest.mark.parametrize("paragraphs", [1, 3])
def test_undeclared_windows_1256_persian_with_its_non_joiner_byte_is_read(paragraphs: int) -> None:
    # 0x9D, Persian's zero-width non-joiner, is in no other Arabic code page: charset-normalizer read one paragraph
    # as Mac Cyrillic (Macedonian, at 0.42) and gave up on three, which then failed as binary.
    text = "مدارس به\u200cصورت مجازي برگزار مي\u200cشود و تيم\u200cهاي امدادي در حالت آماده\u200cباش هستند."
    raw = ("<html><body><h1>خبر</h1>" + f"<p>{text}</p>" * paragraphs + "</body></html>").encode("cp1256")
    article = newsclean.clean_html(raw)
    assert (article.encoding, article.encoding_source) == ("windows-1256", "detected")
    assert article.paragraphs[0] == text
