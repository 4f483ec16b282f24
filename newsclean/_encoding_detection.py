"""The encoding of bytes that declare none and are neither UTF-8 nor UTF-16: charset-normalizer's guess among the
web's encodings, checked against the language the text is written in.

charset-normalizer on its own weighs every code page Python has by byte statistics on a few chunks of the page,
mostly markup. The gold sets' pages, re-encoded in their language's legacy encoding with their declarations
removed (902 pages, nearly all English in windows-1252), came back right from it 705 times; most of the others
were read as windows-1250 ("£" became "Ł", "ñ" "ń"), others as DOS code pages (cp775, cp850) that garble every
curly quote, or as ASCII, which turns every other byte into U+FFFD. Code pages of one script differ in a few
letters, which byte statistics cannot weigh against the language. So:

- only the encodings of the WHATWG Encoding Standard are candidates: those a browser could read the page in;
- the language of charset-normalizer's reading (py3langid; the letters a wrong code page of the right script
  changes are too few to change it) names the encodings that language is written in. Of those that decode every
  byte, the one whose reading py3langid finds most like the language is taken (``_reads_best_as``); when none
  does, charset-normalizer's guess stands. A text of a line or two only vetoes the guess, when the language of
  the guess's own reading is not written in it (``MIN_SHORT_SAMPLE_CHARS``).

All 902 pages then decode right. Code pages of one language differ in a few of its letters (Czech "š" is 0xB9 in
ISO-8859-2 and "ą" in windows-1250), which charset-normalizer, choosing among them, got wrong for ISO-8859-2 Czech
and Slovak and ISO-8859-7 Greek; the language model reads them right. ``benchmarks/encoding_bench.py`` measures
both kinds of page. See docs/architecture.md, "Undeclared encodings".

The same detection overrules a legacy label that the bytes contradict, when its reading is text and the label's is
not (``encoding_overruling_label``).
"""

from __future__ import annotations

import codecs
import re

#: How much of the page detection reads (a page's encoding is the same throughout).
DETECTION_BYTES = 256 * 1024
#: How much of its text names the language.
TEXT_SAMPLE_BYTES = 32 * 1024

#: The legacy encodings each language is written in: first the HTML Standard's suggested default for its locale,
#: then others in use. Any other language is read in windows-1252, that table's default for all other locales.
#: Romanian is not in the standard's table, and windows-1252 has none of ă, ș, ț.
ENCODINGS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "ar": ("cp1256",),
    "fa": ("cp1256",),
    "ur": ("cp1256",),
    "az": ("cp1254",),
    "ku": ("cp1254",),
    "tr": ("cp1254",),
    "ba": ("cp1251",),
    "be": ("cp1251",),
    "bg": ("cp1251",),
    "kk": ("cp1251",),
    "ky": ("cp1251",),
    "mk": ("cp1251",),
    "mn": ("cp1251",),
    "ru": ("cp1251", "koi8-r"),
    "sah": ("cp1251",),
    "sr": ("cp1251",),
    "tg": ("cp1251",),
    "tt": ("cp1251",),
    "uk": ("cp1251", "koi8-u"),
    "bs": ("cp1250", "iso8859-2"),
    "cs": ("cp1250", "iso8859-2"),
    "hr": ("cp1250", "iso8859-2"),
    "sk": ("cp1250", "iso8859-2"),
    "hu": ("iso8859-2", "cp1250"),
    "pl": ("iso8859-2", "cp1250"),
    "sl": ("iso8859-2", "cp1250"),
    "ro": ("cp1250", "iso8859-16", "iso8859-2"),
    "el": ("iso8859-7", "cp1253"),
    "et": ("cp1257", "iso8859-13"),
    "lt": ("cp1257", "iso8859-13"),
    "lv": ("cp1257", "iso8859-13"),
    "he": ("cp1255", "iso8859-8"),
    "ja": ("cp932", "euc_jp", "iso2022_jp"),
    "ko": ("cp949",),
    "th": ("cp874",),
    "vi": ("cp1258",),
    "zh": ("gb18030", "big5hkscs"),
}
DEFAULT_ENCODINGS = ("cp1252",)

# A script or style opening, a comment opening, any other tag (a lone "<" up to the next one), or text. Read one
# token at a time from a cursor, which jumps over a script, style or comment to its end: linear in the page
# whatever it holds (a regex over the whole page rescans the rest from each unclosed "<script").
_TOKEN = re.compile(rb"<(script|style)\b|<!--|<[^<>]*>?|[^<]+", re.IGNORECASE)
_BLOCK_ENDS = {b"script": b"</script", b"style": b"</style"}
_SPACES = re.compile(rb"\s+")


def detect_encoding(data: bytes, web_encodings: list[str]) -> str | None:
    """The Python codec that reads ``data``, among ``web_encodings``; None when charset-normalizer finds none and
    the language names none that decodes the page."""
    return _detect(data, _text_sample(data), web_encodings)


def encoding_overruling_label(data: bytes, declared: str, web_encodings: list[str]) -> str | None:
    """The Python codec, among ``web_encodings``, that reads ``data`` in place of ``declared``, the codec of a
    charset label whose reading garbles the bytes; None when the evidence does not overrule the label.

    The detected encoding must decode every byte, but that alone proves nothing: single-byte encodings read
    nearly any bytes, and detection reads a genuine Big5 or EUC-KR page with one corrupt byte "cleanly" as
    ISO-8859-2 or windows-874 gibberish. So its reading must also be text, a language the model is sure of and
    that is written in that encoding, and the label's reading must not be: a Japanese or Korean page with a
    corrupt byte still reads as Japanese or Korean, while a Russian or French page read as Shift_JIS or GB2312
    reads as no language with confidence (scattered Han characters, which the model cannot place among the
    Chinese languages, or French not written in a CJK encoding)."""
    sample = _text_sample(data)
    found = _detect(data, sample, web_encodings)
    if found is None or found == codecs.lookup(declared).name or not _decodes(data, found):
        return None
    if not _reads_as_text_in(sample.decode(found, "replace"), found):
        return None
    return None if _reads_as_text_in(sample.decode(declared, "replace"), declared) else found


#: The share of the letters of a page's text that must be non-ASCII before a legacy label that decodes every byte
#: is questioned: a page written in a script other than Latin's. On a page of Latin script, the label decides only a
#: few letters, and a mostly English page with a Russian or Greek name in its menu would read, in the label's
#: encoding, as English, which is not written in windows-1251: detection would garble the name to fix nothing.
MIN_NON_ASCII_LETTER_SHARE = 0.3
#: And as many such letters at least: the language of a line or two is a guess, and a correct windows-1251 label on
#: six Kyrgyz words read, in windows-874, as Thai the model was sure of.
MIN_NON_ASCII_LETTERS = 100
#: Before the page's text is read out of its markup (about 2 ms a page), its bytes say whether it can pass at all:
#: bytes beyond ASCII must be this share at least of them and the ASCII letters, markup and scripts included. The
#: gold sets' English pages re-encoded in windows-1252 (curly quotes, accents) stay under 0.01, their Russian page in
#: windows-1251 is at 0.18.
MIN_PAGE_HIGH_BYTE_SHARE = 0.02
_HIGH_BYTES = bytes(range(0x80, 0x100))
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))


def encoding_for_misread_label(data: bytes, declared: str, web_encodings: list[str]) -> str | None:
    """The Python codec, among ``web_encodings``, that reads ``data`` in place of ``declared``, a legacy label that
    decodes every byte but misreads them; None when the label stands.

    A KOI8-R page labelled windows-1251 reads as Cyrillic with the case of its letters flipped, a Russian page
    labelled ISO-8859-1 as accented Latin capitals, one labelled Shift_JIS as half-width katakana: no error says so.
    The label is questioned only on a page whose text is mostly letters beyond ASCII, and judged on its words with
    such letters alone, which are all the encodings disagree on: its reading of them must be no text of a language
    written in it, and the detected encoding's reading must be (a bilingual page whose English half detection reads
    as windows-1252 keeps its label, since its Russian half is no text in windows-1252)."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if high < max(MIN_NON_ASCII_LETTERS, MIN_PAGE_HIGH_BYTE_SHARE * (high + ascii_letters)):
        return None
    sample = _text_sample(data)
    reading = sample.decode(declared, "replace")
    letters = [char for char in reading if char.isalpha()]
    non_ascii = sum(1 for char in letters if not char.isascii())
    if non_ascii < max(MIN_NON_ASCII_LETTERS, MIN_NON_ASCII_LETTER_SHARE * len(letters)):
        return None
    if _reads_as_text_in(_non_ascii_words(reading), declared, chinese_as_one=True):
        return None
    found = _detect(data, sample, web_encodings)
    if found is None or found == codecs.lookup(declared).name or not _decodes(data, found):
        return None
    return found if _reads_as_text_in(_non_ascii_words(sample.decode(found, "replace")), found) else None


def _non_ascii_words(text: str) -> str:
    return " ".join(word for word in text.split() if not word.isascii())


def _reads_as_text_in(reading: str, encoding: str, *, chinese_as_one: bool = False) -> bool:
    """Whether the model is sure of ``reading``'s language and that language is written in ``encoding``.
    ``chinese_as_one``: Mandarin, Cantonese and Wu count as one language, Chinese; Traditional Chinese in Big5 reads
    as Mandarin at 0.89 only, the rest Cantonese and Wu."""
    found = _detected(reading)
    if chinese_as_one and found is not None and found[1] < CONFIDENT_LANGUAGE:
        from .metadata._language import CHINESE_LANGUAGES, as_chinese

        found = as_chinese(reading) if found[0] in CHINESE_LANGUAGES else found
    return (
        found is not None and found[1] >= CONFIDENT_LANGUAGE and codecs.lookup(encoding).name in _written_in(found[0])
    )


def _detect(data: bytes, sample: bytes, web_encodings: list[str]) -> str | None:
    from charset_normalizer import from_bytes

    head = data[:DETECTION_BYTES]
    best = from_bytes(head, cp_isolation=web_encodings).best()
    guess = codecs.lookup(best.encoding).name if best is not None and best.encoding else None
    reading = sample.decode(guess or DEFAULT_ENCODINGS[0], "replace")
    found = _detected(reading)
    if found is None:  # a line or two: the guess stands unless its own reading's language is not written in it
        found = _detected(reading, min_chars=MIN_SHORT_SAMPLE_CHARS)
        if found is None or guess in _written_in(found[0]):
            return guess
    elif found[1] < CONFIDENT_LANGUAGE:
        found = _consistent_reading(data, sample) or found
    language = found[0]
    decoding = [name for name in _written_in(language) if _decodes(data, name)]
    if len(decoding) <= 1:
        return decoding[0] if decoding else guess
    return _reads_best_as(language, sample, decoding)


def _reads_best_as(language: str, sample: bytes, encodings: list[str]) -> str:
    """The encoding whose reading of ``sample`` the language model finds most like ``language``; the first of the
    best on a tie (all readings alike: no letter the encodings disagree on)."""
    from .metadata._language import language_contrast

    def likelihood(encoding: str) -> float:
        found = language_contrast(sample.decode(encoding, "replace"), language)
        return float("-inf") if found is None else found

    return max(encodings, key=likelihood)


def _text_sample(data: bytes) -> bytes:
    """The start of the page's text (outside tags, scripts, styles and comments), whitespace collapsed."""
    lowered = data.lower()  # ASCII letters only: every byte keeps its place
    pieces: list[bytes] = []
    size = position = 0
    end = len(data)
    while position < end and size < TEXT_SAMPLE_BYTES:
        token = _TOKEN.match(data, position)
        if token is None:  # cannot happen: a "<" alone is a token, and so is any run without one
            break
        block = token.group(1)
        if block is not None or token.group(0) == b"<!--":
            closer = _BLOCK_ENDS[block.lower()] if block is not None else b"-->"
            found = lowered.find(closer, token.end())
            position = end if found < 0 else found  # the closing tag is read next, as a tag
            if block is None and found >= 0:
                position += len(closer)
        elif token.group(0).startswith(b"<"):
            position = token.end()
        else:
            pieces.append(token.group(0))
            size += token.end() - position
            position = token.end()
    return _SPACES.sub(b" ", b" ".join(pieces))[:TEXT_SAMPLE_BYTES]


#: The shortest text whose language can overrule charset-normalizer, when the language of the guess's own reading is
#: not written in the guessed encoding: byte statistics on a few dozen bytes read "Il est arrivé à Paris" as
#: windows-1250 ("ŕ Paris"), and that reading is still French. Under the metadata's floor, the language of the
#: text is a weak guess, so it only vetoes: a reading it finds consistent (Russian in windows-1251) stands.
MIN_SHORT_SAMPLE_CHARS = 12


def _detected(text: str, *, min_chars: int | None = None) -> tuple[str, float] | None:
    from .metadata._language import MIN_TEXT_CHARS, detect

    return detect(text, min_chars=MIN_TEXT_CHARS if min_chars is None else min_chars)


#: A reading whose language the model names with less confidence may be the wrong script's: charset-normalizer
#: read undeclared windows-1256 Persian, whose zero-width non-joiner byte (0x9D) no other Arabic code page has, as
#: Mac Cyrillic (Macedonian at 0.42), or gave up.
CONFIDENT_LANGUAGE = 0.9


def _consistent_reading(data: bytes, sample: bytes) -> tuple[str, float] | None:
    """The language of the reading of ``sample`` that the model is surest of, among the readings in each
    language's first legacy encoding that decode ``data`` and whose language is one written in that encoding;
    None when no reading is."""
    best: tuple[str, float] | None = None
    for encoding in _FIRST_ENCODINGS:
        if not _decodes(data, encoding):
            continue
        found = _detected(sample.decode(encoding, "replace"))
        if found is None or encoding not in _written_in(found[0]):
            continue
        if best is None or found[1] > best[1]:
            best = found
    return best


def _written_in(language: str) -> list[str]:
    return [codecs.lookup(name).name for name in ENCODINGS_BY_LANGUAGE.get(language, DEFAULT_ENCODINGS)]


# Each script's first encoding, once: a language's other encodings differ from it in a few letters, which the
# language found in this reading then weighs (``_reads_best_as``).
_FIRST_ENCODINGS = tuple(
    dict.fromkeys(codecs.lookup(names[0]).name for names in (*ENCODINGS_BY_LANGUAGE.values(), DEFAULT_ENCODINGS))
)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True
