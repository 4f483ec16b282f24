"""A legacy charset label the bytes contradict: a windows-1251 or windows-1252 page declared as Shift_JIS, EUC-KR,
GB2312, Big5 or ISO-2022-JP. Read as labelled, every other letter came out U+FFFD: a Russian page was refused as
binary ("input looks binary (85 control or undecodable characters in the first 427)"), a French one came out as
mojibake ("ﾉlections � Gen钁e") with status ok. Such a page is read in the encoding detection finds, when that
encoding reads every byte and the label's reading is not text in its own encoding; a genuine multi-byte page with a
corrupt byte or two is still read as labelled."""

from __future__ import annotations

from typing import Any

import pytest

import newsclean
from newsclean._decode import decode_html

RUSSIAN_TITLE = "Минобороны России пообещало ответить на атаки"
RUSSIAN = (
    "Министерство обороны России заявило в среду, что российские войска нанесут удары по командным центрам "
    "в Киеве в ответ на атаки на территории России. Официальный представитель министерства сообщил об этом "
    "на вечернем брифинге, добавив, что российская армия до сих пор воздерживалась от таких ударов.",
    "Накануне губернатор Белгородской области сообщил о повреждении нескольких жилых домов и линии "
    "электропередачи. По его словам, пострадавших нет, а аварийные службы восстановили подачу энергии к утру.",
)
FRENCH_TITLE = "Élections à Genève : le Conseil d’État présente son budget"
FRENCH = (
    "Le Conseil d’État a présenté jeudi un budget qui prévoit une hausse des dépenses pour les écoles et les "
    "hôpitaux. « C’est un effort nécessaire », a déclaré la présidente du gouvernement devant la presse.",
    "L’opposition a dénoncé un déficit « inquiétant » et réclamé des économies dans l’administration. Le Grand "
    "Conseil votera le texte en décembre, après l’examen en commission des finances.",
)
GREEK_TITLE = "Νέα μέτρα στήριξης για τα νοικοκυριά"
GREEK = (
    "Η κυβέρνηση ανακοίνωσε την Πέμπτη νέα μέτρα για τη στήριξη των νοικοκυριών, καθώς οι τιμές της ενέργειας "
    "συνεχίζουν να αυξάνονται σε όλη τη χώρα.",
    "Τα μέτρα θα ισχύσουν από τον επόμενο μήνα και αφορούν κυρίως τις οικογένειες με χαμηλό εισόδημα.",
)
ARABIC_TITLE = "الحكومة تعلن إجراءات جديدة لدعم الأسر"
ARABIC = (
    "أعلنت الحكومة يوم الخميس عن إجراءات جديدة لدعم الأسر، في ظل استمرار ارتفاع أسعار الطاقة في جميع أنحاء البلاد.",
    "وقال المتحدث باسم الحكومة إن الإجراءات ستدخل حيز التنفيذ الشهر المقبل، وتشمل خاصة العائلات ذات الدخل المحدود.",
)
HEBREW_TITLE = "הממשלה הודיעה על צעדים חדשים"
HEBREW = (
    "הממשלה הודיעה ביום חמישי על צעדים חדשים לתמיכה במשקי הבית, בעוד מחירי האנרגיה ממשיכים לעלות בכל רחבי הארץ.",
    "לדברי דובר הממשלה, הצעדים ייכנסו לתוקף בחודש הבא ויחולו בעיקר על משפחות בעלות הכנסה נמוכה.",
)
JAPANESE_TITLE = "東京都、新しい橋の建設計画を発表"
JAPANESE = (
    "東京都は木曜日、新しい橋の建設計画について発表した。工事は来年春に始まる予定で、費用は約十二億円になる見込みだ。",
    "市の担当者は、交通渋滞の緩和につながると説明している。住民説明会は来月、区役所で開かれる。",
)
KOREAN_TITLE = "서울시, 새 다리 건설 계획 발표"
KOREAN = (
    "서울시는 목요일 새 다리 건설 계획을 발표했다. 공사는 내년 봄에 시작될 예정이며 비용은 약 120억 원이 든다.",
    "시 관계자는 교통 체증 완화에 도움이 될 것이라고 설명했다. 주민 설명회는 다음 달 구청에서 열린다.",
)
CHINESE_SIMPLIFIED_TITLE = "北京市公布新桥建设计划"
CHINESE_SIMPLIFIED = (
    "北京市政府星期四宣布了新桥的建设计划。工程预计明年春天开始，费用约为十二亿元。",
    "市政府官员表示，这将有助于缓解交通拥堵。居民说明会将于下个月在区政府举行。",
)
CHINESE_TRADITIONAL_TITLE = "台北市公布新橋建設計畫"
CHINESE_TRADITIONAL = (
    "台北市政府星期四宣布了新橋的建設計畫。工程預計明年春天開始，費用約為十二億元。",
    "市政府官員表示，這將有助於緩解交通擁堵。居民說明會將於下個月在區公所舉行。",
)

#: The labels of the reported mislabels: multi-byte encodings, whose decoders reject most byte pairs of a
#: single-byte page.
MULTI_BYTE_LABELS = ["shift_jis", "euc-kr", "gb2312", "big5", "iso-2022-jp"]


def article_page(title: str, paragraphs: tuple[str, ...], head: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    )


def declared(label: str, where: str) -> tuple[str, dict[str, str] | None]:
    """The ``<head>`` markup and the headers that declare ``label`` in a ``<meta>`` or in the HTTP header."""
    if where == "meta":
        return f'<meta charset="{label}">', None
    return "", {"Content-Type": f"text/html; charset={label}"}


MISLABELLED = [
    pytest.param(RUSSIAN_TITLE, RUSSIAN, "cp1251", "windows-1251", id="russian-windows-1251"),
    pytest.param(FRENCH_TITLE, FRENCH, "cp1252", "windows-1252", id="french-windows-1252"),
]


@pytest.mark.parametrize("where", ["meta", "http-header"])
@pytest.mark.parametrize("label", MULTI_BYTE_LABELS)
@pytest.mark.parametrize(("title", "paragraphs", "codec", "name"), MISLABELLED)
def test_a_single_byte_page_under_a_multi_byte_label_is_cleaned_in_its_own_encoding(
    title: str, paragraphs: tuple[str, ...], codec: str, name: str, label: str, where: str
) -> None:
    # The report: the Russian page raised InputError ("input looks binary"), the French one was mojibake.
    assert_read_over_its_label(title, paragraphs, codec, name, label, where)


def assert_read_over_its_label(
    title: str, paragraphs: tuple[str, ...], codec: str, name: str, label: str, where: str
) -> None:
    """The page, written in ``codec`` (the standard's ``name``) and declared as ``label`` in a ``<meta>`` or the
    HTTP header (``where``), is cleaned whole, in its own encoding, with the label named as overruled."""
    head, headers = declared(label, where)
    article = newsclean.clean_html(article_page(title, paragraphs, head).encode(codec), headers=headers)
    assert article.status == "ok"
    assert article.title == title
    assert all(paragraph in article.text for paragraph in paragraphs)
    assert (article.encoding, article.encoding_source) == (name, f"detected-over-{where}")


@pytest.mark.parametrize(
    ("title", "paragraphs", "codec", "name"),
    [
        *MISLABELLED,
        pytest.param(GREEK_TITLE, GREEK, "iso8859-7", "iso-8859-7", id="greek-iso-8859-7"),
        pytest.param(RUSSIAN_TITLE, RUSSIAN, "koi8-r", "koi8-r", id="russian-koi8-r"),
        pytest.param(ARABIC_TITLE, ARABIC, "cp1256", "windows-1256", id="arabic-windows-1256"),
        pytest.param(HEBREW_TITLE, HEBREW, "cp1255", "windows-1255", id="hebrew-windows-1255"),
    ],
)
@pytest.mark.parametrize("label", ["euc-kr", "gb2312", "big5", "euc-jp"])
def test_the_decoded_page_holds_no_replacement_character_and_says_the_label_was_overruled(
    title: str, paragraphs: tuple[str, ...], codec: str, name: str, label: str
) -> None:
    head, _ = declared(label, "meta")
    decoded = decode_html(article_page(title, paragraphs, head).encode(codec))
    assert decoded.text == article_page(title, paragraphs, head)
    assert (decoded.encoding, decoded.source) == (name, "detected-over-meta")


@pytest.mark.parametrize("label", ["shift_jis", "iso-2022-jp"])
def test_an_arabic_page_under_a_japanese_label_is_read_in_windows_1256(label: str) -> None:
    # Read as Shift_JIS, most byte pairs of windows-1256 Arabic make valid characters: the fewest garbled of these
    # mislabels, one non-ASCII character in fifteen, still over ``MIN_GARBLED_SHARE``.
    head, _ = declared(label, "meta")
    page = article_page(ARABIC_TITLE, ARABIC, head)
    decoded = decode_html(page.encode("cp1256"))
    assert (decoded.text, decoded.encoding, decoded.source) == (page, "windows-1256", "detected-over-meta")


def test_the_header_is_the_label_overruled_when_header_and_meta_both_name_one() -> None:
    _, headers = declared("shift_jis", "http-header")
    data = article_page(RUSSIAN_TITLE, RUSSIAN, '<meta charset="euc-kr">').encode("cp1251")
    decoded = decode_html(data, headers)
    assert RUSSIAN[0] in decoded.text
    assert (decoded.encoding, decoded.source) == ("windows-1251", "detected-over-http-header")


# Guards: what the change must leave alone.

GENUINE_MULTI_BYTE = [
    pytest.param(JAPANESE_TITLE, JAPANESE, "cp932", "shift_jis", "shift_jis", id="shift_jis"),
    pytest.param(JAPANESE_TITLE, JAPANESE, "euc_jp", "euc-jp", "euc-jp", id="euc-jp"),
    pytest.param(KOREAN_TITLE, KOREAN, "cp949", "euc-kr", "euc-kr", id="euc-kr"),
    pytest.param(CHINESE_SIMPLIFIED_TITLE, CHINESE_SIMPLIFIED, "gb18030", "gb2312", "gb18030", id="gb2312"),
    pytest.param(CHINESE_TRADITIONAL_TITLE, CHINESE_TRADITIONAL, "big5hkscs", "big5", "big5", id="big5"),
]


def corrupted(data: bytes, kind: str) -> bytes:
    """``data`` with one or two bytes gone wrong in the middle of its text, as a bad transfer or an editor leaves."""
    middle = data.index(b"<p>") + 3 + 7  # inside the first paragraph, after a few characters
    if kind == "stray-byte":
        return data[:middle] + b"\xff" + data[middle:]
    if kind == "dropped-byte":
        return data[:middle] + data[middle + 1 :]
    if kind == "two-stray-bytes":
        second = middle + 20
        return data[:middle] + b"\x80" + data[middle:second] + b"\xff" + data[second:]
    if kind == "cut-at-the-end":
        return data + data[middle : middle + 1]
    raise AssertionError(kind)


@pytest.mark.parametrize("where", ["meta", "http-header"])
@pytest.mark.parametrize("kind", ["stray-byte", "dropped-byte", "two-stray-bytes", "cut-at-the-end"])
@pytest.mark.parametrize(("title", "paragraphs", "codec", "label", "name"), GENUINE_MULTI_BYTE)
def test_a_genuine_multi_byte_page_with_a_corrupt_byte_is_still_read_as_labelled(
    title: str, paragraphs: tuple[str, ...], codec: str, label: str, name: str, kind: str, where: str
) -> None:
    # Single-byte encodings read nearly any bytes without error: detection finds one (windows-1256, ISO-8859-2,
    # windows-874 …) that decodes these pages "cleanly" into gibberish. The label must stand.
    head, headers = declared(label, where)
    data = corrupted(article_page(title, paragraphs, head).encode(codec), kind)
    decoded = decode_html(data, headers)
    assert (decoded.encoding, decoded.source) == (name, where)
    assert paragraphs[1] in decoded.text and title in decoded.text


@pytest.mark.parametrize(("title", "paragraphs", "codec", "label", "name"), GENUINE_MULTI_BYTE)
def test_a_genuine_multi_byte_page_with_a_corrupt_byte_is_cleaned_as_labelled(
    title: str, paragraphs: tuple[str, ...], codec: str, label: str, name: str
) -> None:
    head, _ = declared(label, "meta")
    article = newsclean.clean_html(corrupted(article_page(title, paragraphs, head).encode(codec), "stray-byte"))
    assert (article.status, article.title) == ("ok", title)
    assert paragraphs[1] in article.text
    assert (article.encoding, article.encoding_source) == (name, "meta")


def test_a_genuine_page_with_a_paragraph_in_another_encoding_keeps_its_label() -> None:
    # A Korean page with a French paragraph pasted in from windows-1252: one in six of its non-ASCII characters is
    # garbled and detection reads the page as French in windows-1252, but read as labelled it is still Korean.
    page = article_page(KOREAN_TITLE, KOREAN, '<meta charset="euc-kr">').encode("cp949")
    end = page.index(b"</article>")
    pasted = f"<p>{FRENCH[0]} {FRENCH[1]}</p>".encode("cp1252")
    decoded = decode_html(page[:end] + pasted + page[end:])
    assert (decoded.encoding, decoded.source) == ("euc-kr", "meta")
    assert KOREAN_TITLE in decoded.text and KOREAN[1] in decoded.text


@pytest.mark.parametrize(
    ("title", "paragraphs", "codec", "label", "name"),
    [
        pytest.param(RUSSIAN_TITLE, RUSSIAN, "cp1251", "windows-1251", "windows-1251", id="windows-1251"),
        pytest.param(RUSSIAN_TITLE, RUSSIAN, "koi8-r", "koi8-r", "koi8-r", id="koi8-r"),
        pytest.param(FRENCH_TITLE, FRENCH, "cp1252", "windows-1252", "windows-1252", id="windows-1252"),
        pytest.param(FRENCH_TITLE, FRENCH, "cp1252", "iso-8859-1", "windows-1252", id="iso-8859-1"),
        pytest.param(GREEK_TITLE, GREEK, "iso8859-7", "iso-8859-7", "iso-8859-7", id="iso-8859-7"),
        *GENUINE_MULTI_BYTE,
    ],
)
@pytest.mark.parametrize("where", ["meta", "http-header"])
def test_a_correctly_labelled_page_is_read_as_labelled(
    title: str, paragraphs: tuple[str, ...], codec: str, label: str, name: str, where: str
) -> None:
    head, headers = declared(label, where)
    page = article_page(title, paragraphs, head)
    decoded = decode_html(page.encode(codec), headers)
    assert (decoded.text, decoded.encoding, decoded.source) == (page, name, where)


def test_a_windows_1252_page_with_a_byte_it_leaves_undefined_is_read_as_labelled() -> None:
    # 0x81 is one of the five bytes windows-1252 has no character for: one of them is no evidence against the label.
    page = article_page(FRENCH_TITLE, FRENCH, '<meta charset="windows-1252">').encode("cp1252")
    decoded = decode_html(page.replace(b"<p>", b"<p>\x81", 1))
    assert (decoded.encoding, decoded.source) == ("windows-1252", "meta")
    assert FRENCH[1] in decoded.text


@pytest.mark.parametrize("label", ["shift_jis", "windows-1251"])
def test_valid_utf8_under_a_legacy_label_is_still_read_as_utf8(label: str) -> None:
    page = article_page(RUSSIAN_TITLE, RUSSIAN, f'<meta charset="{label}">')
    decoded = decode_html(page.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.source) == (page, "utf-8", "utf-8-valid")


def test_a_utf8_label_the_bytes_contradict_still_goes_to_detection_as_before() -> None:
    page = article_page(RUSSIAN_TITLE, RUSSIAN, '<meta charset="utf-8">')
    decoded = decode_html(page.encode("cp1251"))
    assert (decoded.text, decoded.encoding, decoded.source) == (page, "windows-1251", "detected")


def test_a_mislabelled_page_too_short_to_name_its_language_is_read_as_labelled() -> None:
    # A few words are too little evidence to overrule a label: the language of each reading cannot be told.
    page = f'<html><head><meta charset="shift_jis"><title>x</title></head><body><p>{FRENCH_TITLE[:24]}</p></body>'
    decoded = decode_html(page.encode("cp1252"))
    assert (decoded.encoding, decoded.source) == ("shift_jis", "meta")


@pytest.fixture
def detection_calls(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bytes charset-normalizer, the costly part of detection, is asked about while the test runs."""
    import charset_normalizer

    calls: list[bytes] = []
    from_bytes = charset_normalizer.from_bytes

    def counting(data: bytes, **options: Any) -> Any:
        calls.append(data)
        return from_bytes(data, **options)

    monkeypatch.setattr(charset_normalizer, "from_bytes", counting)
    return calls


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(article_page(JAPANESE_TITLE, JAPANESE, '<meta charset="shift_jis">').encode("cp932"), id="clean"),
        pytest.param(
            corrupted(article_page(KOREAN_TITLE, KOREAN, '<meta charset="euc-kr">').encode("cp949"), "stray-byte"),
            id="corrupt-byte",
        ),
    ],
)
def test_a_label_the_bytes_hardly_contradict_costs_no_detection(data: bytes, detection_calls: list[bytes]) -> None:
    # Decoding is on every page's path: detection only runs when the label garbles a good share of the text.
    decode_html(data)
    assert detection_calls == []


def test_a_mislabelled_page_is_detected_once(detection_calls: list[bytes]) -> None:
    data = article_page(RUSSIAN_TITLE, RUSSIAN, '<meta charset="shift_jis">').encode("cp1251")
    assert decode_html(data).source == "detected-over-meta"
    assert detection_calls == [data]
