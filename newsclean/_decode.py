"""Bytes to text, in the order a browser uses: BOM, HTTP charset, ``<meta>`` prescan, then detection.

Charset labels are read as the WHATWG Encoding Standard defines them, which maps several labels to supersets
(``iso-8859-1`` is decoded as windows-1252, ``shift_jis`` as windows-31j, ``gb2312`` as gb18030): pages labelled
latin-1 routinely carry cp1252 quotes and dashes.

One departure from a browser: bytes that are valid UTF-8, non-ASCII ones included, are read as UTF-8 whatever
legacy encoding a header or a ``<meta>`` names (``_strict_utf8``).

Another: a legacy label the bytes contradict is overruled (``_read_as_labelled``). A browser trusts the label, and
a windows-1251 or windows-1252 page declared as Shift_JIS, EUC-KR, GB2312, Big5 or ISO-2022-JP shows one in six or
more of its non-ASCII characters as U+FFFD; so read, a Russian page was refused as binary and a French one kept as
mojibake. The evidence must be strong, since a genuine multi-byte page with a corrupt byte or two keeps its label:
the label garbles a good share of the text (``MIN_GARBLED_SHARE``), and detection finds an encoding that decodes
every byte into text of a language written in it, while the label's reading is no such text
(``encoding_overruling_label``). A label that garbles no byte, or few, can misread them all the same: a KOI8-R page
labelled windows-1251 reads as Cyrillic with the case of its letters flipped, a Russian page labelled ISO-8859-1 as
accented Latin capitals. On a page written mostly in a script other than Latin's, whose letters beyond ASCII the
label's reading turns into no language written in it, detection's encoding is taken when its reading of them is
(``encoding_for_misread_label``; Latin-script pages keep their label, since it decides a few of their letters only).
The source then names the label overruled: "detected-over-http-header" or "detected-over-meta".
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import NamedTuple

from ._encoding_detection import detect_encoding, encoding_for_misread_label, encoding_overruling_label
from ._exceptions import DecodeError

#: Unicode byte order marks and the codec each names, longest first: UTF-32-LE's BOM starts with UTF-16-LE's.
#: Browsers know no UTF-32 (the Encoding Standard reads FF FE 00 00 as UTF-16-LE and a NUL), but files saved by
#: Windows tools and some scrapers are in it; read as UTF-16 they were a NUL between every two characters, and
#: the page was refused as binary.
UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The WHATWG Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels), by the Python codec
# that decodes what the standard says each label means. Only these labels are honoured: a label is untrusted page
# data, and Python's own codec registry also holds codecs that are no text encoding ("rot13", "base64", "zlib"),
# that raise on any input ("undefined", "idna" with errors="replace") or that browsers refuse ("utf-7",
# "unicode_escape"). An unlisted label falls through to the next source, as it does in a browser.
_CODEC_LABELS: dict[str, tuple[str, ...]] = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859-2": (
        *("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987"),
        *("l2", "latin2"),
    ),
    "iso8859-3": (
        *("csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988"),
        *("l3", "latin3"),
    ),
    "iso8859-4": (
        *("csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988"),
        *("l4", "latin4"),
    ),
    "iso8859-5": (
        *("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5"),
        "iso_8859-5:1987",
    ),
    "iso8859-6": (
        *("arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6"),
        *("iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"),
    ),
    "iso8859-7": (
        *("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7"),
        *("iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"),
    ),
    "iso8859-8": (
        *("csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8"),
        *("iso88598", "iso_8859-8", "iso_8859-8:1988", "visual", "csiso88598i", "iso-8859-8-i", "logical"),
    ),
    "iso8859-10": ("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"),
    "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    "iso8859-16": ("iso-8859-16",),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    # Pages labelled latin-1 or ASCII routinely carry cp1252 quotes and dashes: the standard reads them as cp1252.
    "cp1252": (
        *("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100"),
        *("iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252"),
        # Python has no codec for x-user-defined (bytes 0x80-0xFF to private-use characters); cp1252 is closer
        # to what such pages hold than U+F780-U+F7FF would be.
        *("x-cp1252", "x-user-defined"),
    ),
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": (
        *("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9"),
        *("iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    ),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    # The standard decodes GBK with its gb18030 decoder.
    "gb18030": (
        *("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58"),
        *("x-gbk", "gb18030"),
    ),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022_jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"),
    "cp949": (
        *("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989"),
        *("ksc5601", "ksc_5601", "windows-949"),
    ),
    "utf-16-be": ("unicodefffe", "utf-16be"),
    "utf-16-le": ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
}
#: The standard's name of each encoding above, lowercased (https://encoding.spec.whatwg.org/#names-and-labels): what
#: ``Decoded.encoding``, and so ``Article.encoding``, says, whichever source named or found the encoding. Python's
#: names differ ("cp1252", "iso8859-2", "cp932"), and a page read by its ``<meta>`` and one repaired from a ``str``
#: would name windows-1252 two ways. Each name is one of its encoding's labels, so it reads the same way again.
_WEB_NAMES: dict[str, str] = {
    **{codec: codec for codec in ("utf-8", "koi8-r", "koi8-u", "gb18030")},
    **{f"iso8859-{part}": f"iso-8859-{part}" for part in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **{f"cp{page}": f"windows-{page}" for page in (874, *range(1250, 1259))},
    "cp866": "ibm866",
    "mac-roman": "macintosh",
    "mac-cyrillic": "x-mac-cyrillic",
    "big5hkscs": "big5",
    "euc_jp": "euc-jp",
    "iso2022_jp": "iso-2022-jp",
    "cp932": "shift_jis",
    "cp949": "euc-kr",
    "utf-16-be": "utf-16be",
    "utf-16-le": "utf-16le",
    # Outside the standard, named as it names UTF-16.
    "utf-32-be": "utf-32be",
    "utf-32-le": "utf-32le",
}
# The standard's "replacement" labels (iso-2022-kr, hz-gb-2312 …) decode any page to one U+FFFD, against script
# injection in browsers; for extraction they are left unlisted, so detection reads the page instead.
_CODEC_BY_LABEL: dict[str, str] = {label: codec for codec, labels in _CODEC_LABELS.items() for label in labels}
#: What detection chooses among, once UTF-8 and UTF-16 are ruled out: the standard's other encodings.
_DETECTABLE = [codec for codec in _CODEC_LABELS if not codec.startswith(("utf-8", "utf-16"))]

# Enough of the head to find a <meta charset> on real pages, whose heads are often long with scripts.
PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""",
    re.IGNORECASE,
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)


class Decoded(NamedTuple):
    text: str
    #: The standard's name of the encoding the text was read in ("utf-8", "windows-1252", "shift_jis" …):
    #: ``encoding_name``; ``codec_for_label`` gives the Python codec back.
    encoding: str
    #: "bom" | "http-header" | "meta" | "utf-8-valid" | "utf-8+windows-1252" | "detected" | "fallback" | "repaired"
    #: | "detected-over-http-header" | "detected-over-meta" (a legacy label the bytes contradict, ``_read_as_labelled``)
    source: str


def encoding_name(codec: str) -> str:
    """The WHATWG Encoding Standard's name, lowercased, of the encoding a Python codec reads."""
    known = _WEB_NAMES.get(codec)
    if known is not None:
        return known
    canonical = codecs.lookup(codec).name  # detection's guess comes as Python spells it
    return _WEB_NAMES.get(canonical, canonical)


def _read_as(data: bytes, codec: str, source: str) -> Decoded:
    """``data`` decoded with ``codec``, its undecodable bytes as U+FFFD, under the encoding's standard name."""
    return Decoded(data.decode(codec, "replace"), encoding_name(codec), source)


def codec_for_label(label: str, *, source: str = "http-header") -> str | None:
    """The Python codec for a WHATWG charset label, or None for a label the standard does not define.

    ``source="meta"``: a ``<meta>`` that declares UTF-16 is read as UTF-8, as the standard says: the prescan
    found it in ASCII-compatible bytes, so the page is not UTF-16."""
    codec = _CODEC_BY_LABEL.get(label.strip().strip("\"'").lower())
    if source == "meta" and codec is not None and codec.startswith("utf-16"):
        return "utf-8"
    return codec


def _utf16_byte_order(data: bytes) -> str | None:
    """The UTF-16 codec for ``data``, or None when it is not UTF-16 whatever its label says. UTF-16 markup puts a
    NUL byte beside every ASCII character, after it (little-endian) or before it (big-endian). The label alone
    cannot say which: the standard reads "utf-16" as little-endian, and a server may name UTF-16 for a page that
    is not; read either way, every two bytes would become one CJK-looking character."""
    head = data[:1024]
    after, before = head[1::2].count(0), head[0::2].count(0)
    # Enough NULs (a few bytes are no evidence), on one side only (binary data padded with zeros has them on both).
    if max(after, before) < max(len(head) // 8, 8) or min(after, before) > max(after, before) // 8:
        return None
    return "utf-16-le" if after > before else "utf-16-be"


_MEDIA_TYPE = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+/[!#$%&'*+.^_`|~0-9a-z-]+")
_HEADER_VALUES = re.compile(r'(?:"(?:[^"\\]|\\.)*"?|[^,"])+')


def content_type_parts(value: str) -> tuple[str | None, str | None]:
    """``(essence, charset)`` of a Content-Type value. A repeated header comes joined with commas ("text/html;
    charset=windows-1252, text/html; charset=windows-1251"): as browsers do (Fetch, "extract a MIME type"), the
    last value that is a valid type other than */* counts, and the charset is that value's, or, when it names
    none, that of the values of the same type before it."""
    essence: str | None = None
    charset: str | None = None
    for part in _HEADER_VALUES.findall(value):
        candidate, _, parameters = part.partition(";")
        candidate = candidate.strip().lower()
        if not _MEDIA_TYPE.fullmatch(candidate) or candidate == "*/*":
            continue
        if candidate != essence:
            charset = None
        named = _HEADER_CHARSET.search(parameters)
        if named:
            charset = named.group(1)
        essence = candidate
    return essence, charset


def charset_from_headers(headers: Mapping[str, str] | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "content-type":
            essence, charset = content_type_parts(value)
            if essence is None:  # no valid type ("charset=utf-8" alone): its charset still tells more than nothing
                match = _HEADER_CHARSET.search(value)
                return match.group(1) if match else None
            return charset
    return None


def charset_from_meta(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:PRESCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


_ISO_2022_JP_ESCAPES = re.compile(rb"\x1b\$[@B]")


def decode_html(data: bytes, headers: Mapping[str, str] | None = None, *, url: str | None = None) -> Decoded:
    """Decode a page's bytes. Never raises for undecodable bytes: they become U+FFFD, and the source says so."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise DecodeError(f"expected bytes, got {type(data).__name__}", url=url, stage="decode")
    data = bytes(data)
    marked = _by_bom(data)
    if marked is not None:
        return marked
    for label, source in ((charset_from_headers(headers), "http-header"), (charset_from_meta(data), "meta")):
        declared = codec_for_label(label, source=source) if label else None
        if declared is not None and declared.startswith("utf-16"):
            declared = _utf16_byte_order(data)
        if declared:
            if declared != "utf-8" and not declared.startswith("utf-16") and not data.isascii():
                as_utf8 = _strict_utf8(data)
                if as_utf8 is not None:
                    return as_utf8
            if declared == "utf-8" and not data.isascii():
                as_utf8 = _strict_utf8(data)
                if as_utf8 is None:
                    # The label is contradicted: UTF-8 with stray windows-1252 bytes, or a legacy page mislabelled.
                    # Read as if undeclared, which tries the first (``_mostly_utf8``) before detection.
                    return _undeclared(data)
                return Decoded(as_utf8.text, "utf-8", source)  # decoded once, as the label says
            if declared.startswith("utf-16"):
                return _read_as(data, declared, source)  # its byte order was read from the bytes themselves
            return _read_as_labelled(data, declared, source)
    return _undeclared(data)


#: The share of a legacy label's reading of a page's non-ASCII characters that must come out U+FFFD before detection
#: is asked whether the label is wrong. A corrupt byte or two in a genuine Shift_JIS, EUC-KR, GB18030 or Big5 page
#: garble one to six of its characters: under one in a hundred on an article of some length, up to one in twenty on
#: one of two short paragraphs (which the language check then keeps as labelled). Read in one of those encodings, a
#: windows-1251, windows-1252, ISO-8859-7 or windows-1255 page has one in six to one in three garbled, an Arabic
#: windows-1256 page read as Shift_JIS (most of whose byte pairs make valid characters) one in thirteen.
MIN_GARBLED_SHARE = 1 / 20


def _read_as_labelled(data: bytes, codec: str, source: str) -> Decoded:
    """``data`` read in the legacy encoding a label names, unless the bytes contradict the label: then in the
    encoding detection finds, under the source "detected-over-" and the label's source. The label is contradicted
    when its reading garbles a good share of the text (``encoding_overruling_label``), or when, garbling little or
    nothing, it misreads a page written in a script other than Latin's (``encoding_for_misread_label``).

    Decoded strictly first: nearly every page decodes without error under its label."""
    try:
        as_labelled, garbled = data.decode(codec), False
    except UnicodeDecodeError:
        as_labelled = data.decode(codec, "replace")
        garbled = _garbled_share(as_labelled) >= MIN_GARBLED_SHARE
    if garbled:
        overruling = encoding_overruling_label(data, codec, _DETECTABLE)
    else:
        overruling = None if data.isascii() else encoding_for_misread_label(data, codec, _DETECTABLE)
    if overruling is not None:
        return Decoded(data.decode(overruling), encoding_name(overruling), f"detected-over-{source}")
    return Decoded(as_labelled, encoding_name(codec), source)


def _garbled_share(text: str) -> float:
    """The share of ``text``'s non-ASCII characters that are U+FFFD."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text.count("\ufffd") / non_ascii if non_ascii else 0.0


# Valid UTF-8 sequences of two to four bytes (RFC 3629: no overlongs, surrogates or code points past U+10FFFF).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_WINDOWS_1252_FOR_INVALID = "newsclean.windows-1252-for-invalid-utf-8"
_CUT_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{0,2}")


def _windows_1252_for_invalid(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    invalid = error.object[error.start : error.end]
    if error.end == len(error.object) and _CUT_SEQUENCE.fullmatch(invalid):
        return "\ufffd", error.end  # a character cut by the end of the data, not windows-1252
    return invalid.decode("cp1252", "replace"), error.end


codecs.register_error(_WINDOWS_1252_FOR_INVALID, _windows_1252_for_invalid)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """Bytes that are not valid UTF-8 but hold at least as many valid multi-byte UTF-8 sequences as invalid ones:
    a UTF-8 page with text pasted in from windows-1252 (a template in UTF-8 around an article stored in cp1252, or
    a few stray bytes), read as UTF-8 with each invalid byte read as windows-1252 (``encoding_source =
    "utf-8+windows-1252"``). Read as UTF-8 alone, every such byte was U+FFFD; as windows-1252 alone (detection),
    every UTF-8 character became two or three. Otherwise None: the page is in a legacy encoding."""
    valid = len(_UTF8_SEQUENCE.findall(data))
    invalid = data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if valid == 0 or valid < invalid:
        return None
    return Decoded(data.decode("utf-8", _WINDOWS_1252_FOR_INVALID), "utf-8", "utf-8+windows-1252")


def _strict_utf8(data: bytes) -> Decoded | None:
    """``data`` as UTF-8 if every byte of it is. Text in another encoding almost never is once it holds a non-ASCII
    byte, and a page sent as UTF-8 under a legacy label is common (a server's default ``charset=ISO-8859-1``, a
    template's hard-coded ``<meta>``): read as labelled, every non-ASCII character of it would turn into two or
    three others ("café" into "cafÃ©"). None of the 1,159 legacy-encoded pages of the detection measurement
    (docs/architecture.md, "Undeclared encodings") is valid UTF-8."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8-valid")
    except UnicodeDecodeError:
        return None


def decode_text_dump(data: bytes) -> Decoded:
    """Decode a plain-text dump's bytes as a page with no charset declared: BOM, UTF-16, strict UTF-8, then
    detection. A dump saved in a legacy encoding (cp1252, KOI8-R …) is read as such, not as UTF-8 with every
    accented letter replaced."""
    return _by_bom(data) or _undeclared(data)


def _by_bom(data: bytes) -> Decoded | None:
    for bom, codec in UNICODE_BOMS:
        if data.startswith(bom):
            return _read_as(data[len(bom) :], codec, "bom")
    return None


def _undeclared(data: bytes) -> Decoded:
    # UTF-16 without a BOM or a label: its ASCII characters would pass strict UTF-8 below, NULs and all.
    utf16 = _utf16_byte_order(data)
    if utf16 is not None:
        return _read_as(data, utf16, "detected")

    # ISO-2022-JP is 7-bit, so it would pass strict UTF-8 below as ASCII with escape sequences in it; a browser's
    # detector knows it by the escape that switches to JIS X 0208, which no other text holds.
    if _ISO_2022_JP_ESCAPES.search(data) and data.isascii():
        try:
            return Decoded(data.decode("iso2022_jp"), encoding_name("iso2022_jp"), "detected")
        except UnicodeDecodeError:
            pass

    # Strict UTF-8 succeeding on non-ASCII bytes is near-proof of UTF-8, and far cheaper than detection.
    as_utf8 = _strict_utf8(data) or _mostly_utf8(data)
    if as_utf8 is not None:
        return as_utf8

    codec = detect_encoding(data, _DETECTABLE)
    if codec is not None:
        return _read_as(data, codec, "detected")
    return _read_as(data, "utf-8", "fallback")


def repair_misread(text: str) -> Decoded | None:
    """``text`` read again (source ``"repaired"``) when a scraper decoded its bytes with the wrong codec, else None:
    as UTF-8 when it is UTF-8 bytes decoded as Latin-1 or windows-1252; else with its C1 controls read as
    windows-1252 (``_windows_1252_read_as_latin1``).

    A scraper that stores ``response.text`` gets UTF-8 read as Latin-1 whenever a page declares no charset in its
    HTTP header (requests then reads ISO-8859-1): "cafÃ©", "donâ€™t", "Â©". The text is then Latin-1 (or
    windows-1252) throughout and its bytes in that encoding are valid UTF-8, which text written in those encodings
    almost never is once it holds a non-ASCII character: of the gold sets' 1,313 pages, the 11 this reads again all
    are such mojibake (as the bytes of the 1,159 legacy-encoded pages of docs/architecture.md are none valid UTF-8).
    Text that mixes mojibake with characters neither encoding has is not read as UTF-8.
    """
    if text.isascii():
        return None
    for codec in ("latin-1", "cp1252"):
        as_utf8 = _read_as_utf8(text, codec)
        if as_utf8 is not None:
            return Decoded(as_utf8, "utf-8", "repaired")
    return _windows_1252_read_as_latin1(text)


#: Characters encoded and read at a time by ``_read_as_utf8``.
_REREAD_CHUNK = 16_384


def _read_as_utf8(text: str, codec: str) -> str | None:
    """``text``'s bytes in the single-byte ``codec`` read as UTF-8, or None when they are not UTF-8.

    Chunk by chunk, with an incremental decoder (a character cut between two chunks waits for the next one), so a
    page that is no mojibake, which nearly every page is, stops at its first telling character instead of having
    all of it encoded first: a third of the time over the gold sets' pages, for the same result.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts = []
    try:
        for start in range(0, len(text), _REREAD_CHUNK):
            parts.append(decoder.decode(text[start : start + _REREAD_CHUNK].encode(codec)))
        parts.append(decoder.decode(b"", final=True))
    except UnicodeError:
        return None
    return "".join(parts)


#: The C1 control characters windows-1252 has printable characters for, and those characters. Five bytes have none
#: (0x81, 0x8D, 0x8F, 0x90, 0x9D) and stay as they are, as the WHATWG decoder leaves them.
_WINDOWS_1252_FOR_C1 = {
    code: character for code in range(0x80, 0xA0) if (character := bytes([code]).decode("cp1252", errors="ignore"))
}
#: One substring search each is faster than a regex character class over a whole page.
_C1_CONTROLS = tuple(map(chr, _WINDOWS_1252_FOR_C1))


def _windows_1252_read_as_latin1(text: str) -> Decoded | None:
    """``text`` with its C1 control characters read as windows-1252 (source ``"repaired"``); None when it has none.

    The same scraper gets them from a page in windows-1252 (requests reads it as ISO-8859-1, which browsers and
    the WHATWG standard read as windows-1252): “quotes” become U+0093 and U+0094, an em dash U+0097, an ellipsis
    U+0085. The HTML parsers drop them ("wasnt" for "wasn’t") and Python's ``splitlines`` breaks a line at U+0085.
    Pages do not write C1 controls as text, so they are read as windows-1252 even among characters Latin-1 does not
    have: the gold sets' str pages hold them in 17 of 1,294 pages with non-ASCII characters, as windows-1252
    apostrophes (U+0092 in "Court’s", "we’re") or in fragments of mojibake.
    """
    if not any(control in text for control in _C1_CONTROLS):
        return None
    return Decoded(text.translate(_WINDOWS_1252_FOR_C1), "windows-1252", "repaired")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> str:
    """Lone surrogates (text decoded with ``surrogateescape``, UTF-16 cut in half) are not characters and cannot
    be encoded: each becomes U+FFFD, as an undecodable byte does."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text
