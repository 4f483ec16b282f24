"""Language: the page's ``lang`` attribute as a prior, confirmed (or overruled) by py3langid on the text."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

# Enough text to be sure, short enough to stay fast on long pages.
SAMPLE_CHARS = 3000
# Below this, a detector's answer on its own is too noisy to publish.
MIN_TEXT_CHARS = 40
_LANG_CODE = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")

_lock = threading.Lock()
_identifier: Any = None


def _detector() -> Any:
    """py3langid's model, loaded once per process (about half a second) and then shared."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = _vectorised(LanguageIdentifier).from_model_file(MODEL_FILE, norm_probs=True)
                identifier._visits = _vectorised_visits(identifier)
                _widen_table(identifier)
                _identifier = identifier
    return _identifier


def _widen_table(identifier: Any) -> None:
    """Store py3langid's feature table (float16) as float32, once per process.

    Scoring multiplies a text's feature counts (float32) by the table rows of its features, and numpy widens
    those rows to float32 for that product on every call: about four fifths of the scoring time. Widening is
    exact, so the product, and every score, is the same; the table takes 57 MB instead of 28 MB.
    """
    import numpy

    table = getattr(identifier, "nb_ptc", None)
    if not isinstance(table, numpy.ndarray) or table.dtype != numpy.float16:
        return
    wide = table.astype(numpy.float32)
    identifier.nb_ptc = wide
    full = getattr(identifier, "_full_model", None)
    if isinstance(full, tuple) and full and full[0] is table:
        identifier._full_model = (wide, *full[1:])


def _vectorised(base: Any) -> Any:
    """py3langid's identifier, walking its automaton with numpy when ``_visits`` is set (same counts)."""

    class VectorisedIdentifier(base):  # type: ignore[misc]
        __slots__ = ("_visits",)

        def _raw_score(self, text: bytes) -> Any:
            if self._visits is None:
                return super()._raw_score(text)
            import numpy
            from py3langid.langid import RAW_FLOOR

            found = self._visits(text)
            if found is not None:
                # py3langid's ``_sparse_score`` on the same arrays: its feature indices (intp) and counts
                # (float32), in order of first visit, which it reads from a ``Counter``.
                features, counts = found
                return numpy.log1p(counts) @ self.nb_ptc[features] + self.nb_pc
            fill = 0.0 if self._norm_probs else RAW_FLOOR
            return numpy.full(len(self.nb_classes), fill, dtype=numpy.float32)

    return VectorisedIdentifier


# py3langid walks its byte automaton (Aho-Corasick over the model's byte n-grams) one byte at a time in Python,
# the larger part of a detection. In such an automaton the state after a byte depends only on the last
# ``depth`` bytes (the deepest state's string length), so every position's state can be computed at once with
# numpy: start from the root ``depth`` bytes back and take ``depth`` steps. The visit counts, in the same order,
# are then exactly py3langid's. The automaton's depth was measured on the model shipped with py3langid 0.4
# (breadth-first search over its states); another model keeps py3langid's own walk.
_MODEL_STATES = 104_583
_MODEL_DEPTH = 6
_CHECK_SAMPLE = "Le chat dort. The cat sleeps. Die Katze schläft. 猫が寝ている。Кошка спит. القطة نائمة"


Visits = tuple[Any, Any]  # feature indices (intp) in order of first visit, and their counts (float32)


def _vectorised_visits(identifier: Any) -> Callable[[bytes], Visits | None] | None:
    try:
        import numpy
        from py3langid.langid import visit_counts

        moves = numpy.frombuffer(identifier.tk_nextmove, dtype=numpy.dtype(f"u{identifier.tk_nextmove.itemsize}"))
        rows = numpy.asarray(identifier._rowbase, dtype=numpy.int64)
        outputs = numpy.asarray(identifier.tk_output, dtype=numpy.int64)
        if len(rows) != _MODEL_STATES:
            return None
    except (AttributeError, ImportError, TypeError, ValueError):
        return None

    def visits(data: bytes) -> Visits | None:
        count = len(data)
        if not count:
            return None
        symbols = numpy.frombuffer(data, dtype=numpy.uint8).astype(numpy.int64)
        states = numpy.empty(count, dtype=numpy.int64)
        state = 0
        head = min(count, _MODEL_DEPTH - 1)
        for position in range(head):  # fewer bytes than the depth so far: walk them
            state = int(moves[rows[state] + symbols[position]])
            states[position] = state
        if count > head:
            window = count - head
            current = numpy.zeros(window, dtype=numpy.int64)
            for step in range(_MODEL_DEPTH):
                current = moves[rows[current] + symbols[step : step + window]]
            states[head:] = current
        features = outputs[states]
        features = features[features >= 0]
        if not len(features):
            return None
        # What ``Counter(features)`` holds, as arrays: the keys in order of first visit, then the counts.
        first_visits = numpy.fromiter(dict.fromkeys(features.tolist()), dtype=numpy.intp)
        return first_visits, numpy.bincount(features)[first_visits].astype(numpy.float32)

    # A guard against a model this was not measured on: both walks must agree on a mixed-script sample.
    sample = identifier._encode(_CHECK_SAMPLE)
    stock = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, sample)
    fast = visits(sample)
    if stock is None or fast is None or list(stock) != fast[0].tolist() or list(stock.values()) != fast[1].tolist():
        return None
    return visits


class LanguageGuess(NamedTuple):
    language: str
    source: str


def primary_subtag(value: str | None) -> str | None:
    """The language a ``lang`` attribute or a locale declares, as a code this module can report: "en-US",
    "en_US", "eng" and "english" → "en"; a list ("en-US, fr", as Content-Language writes it) gives its first.
    Junk ("{{lang}}", "x-default", "zz", "") → None: no prior, so the text decides."""
    if not value:
        return None
    first = value.split(",", 1)[0].strip()
    named = _LANGUAGE_NAMES.get(first.casefold())
    if named is not None:
        return named
    if not _LANG_CODE.match(first):
        return None
    primary = first.replace("_", "-").split("-")[0].lower()
    primary = _RENAMED.get(primary, primary)
    primary = _THREE_LETTER_TO_TWO.get(primary, primary)
    return primary if primary in _ISO_639_1 or primary in _THREE_LETTER_ONLY else None


# ISO 639-1 codes withdrawn for new ones, still written by old templates: the language is reported by its code.
_RENAMED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}

# ISO 639-1: every two-letter language code. Any other two letters ("zz", a country written as a language) name no
# language.
_ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el
    en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu
    ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na
    nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so
    sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split()  # noqa: SIM905 - a code list reads better as text
)


def _by_word(words_by_code: dict[str, str]) -> dict[str, str]:
    """Each space-separated word of the table's values, mapped to its key."""
    return {word: code for code, words in words_by_code.items() for word in words.split()}


# Three-letter codes (ISO 639-2, bibliographic and terminological, and a few ISO 639-3 individual languages) of
# languages that have a two-letter code: reported by the two-letter one, as the detector reports them.
_THREE_LETTER_TO_TWO = _by_word(
    {
        "af": "afr",
        "am": "amh",
        "ar": "ara arb",
        "az": "aze",
        "be": "bel",
        "bg": "bul",
        "bn": "ben",
        "br": "bre",
        "bs": "bos",
        "ca": "cat",
        "co": "cos",
        "cs": "ces cze",
        "cy": "cym wel",
        "da": "dan",
        "de": "deu ger",
        "el": "ell gre",
        "en": "eng",
        "eo": "epo",
        "es": "spa",
        "et": "est",
        "eu": "eus baq",
        "fa": "fas per pes",
        "fi": "fin",
        "fo": "fao",
        "fr": "fra fre",
        "fy": "fry",
        "ga": "gle",
        "gd": "gla",
        "gl": "glg",
        "gu": "guj",
        "ha": "hau",
        "he": "heb",
        "hi": "hin",
        "hr": "hrv",
        "hu": "hun",
        "hy": "hye arm",
        "id": "ind",
        "ig": "ibo",
        "is": "isl ice",
        "it": "ita",
        "ja": "jpn",
        "jv": "jav",
        "ka": "kat geo",
        "kk": "kaz",
        "km": "khm",
        "kn": "kan",
        "ko": "kor",
        "ku": "kur",
        "ky": "kir",
        "la": "lat",
        "lb": "ltz",
        "lo": "lao",
        "lt": "lit",
        "lv": "lav",
        "mk": "mkd mac",
        "ml": "mal",
        "mn": "mon",
        "mr": "mar",
        "ms": "msa may zsm",
        "mt": "mlt",
        "my": "mya bur",
        "ne": "nep",
        "nb": "nob",
        "nl": "nld dut",
        "nn": "nno",
        "no": "nor",
        "oc": "oci",
        "pa": "pan",
        "pl": "pol",
        "ps": "pus",
        "pt": "por",
        "ro": "ron rum",
        "ru": "rus",
        "si": "sin",
        "sk": "slk slo",
        "sl": "slv",
        "so": "som",
        "sq": "sqi alb",
        "sr": "srp",
        "su": "sun",
        "sv": "swe",
        "sw": "swa swh",
        "ta": "tam",
        "te": "tel",
        "tg": "tgk",
        "th": "tha",
        "tk": "tuk",
        "tl": "tgl",
        "tr": "tur",
        "tt": "tat",
        "ug": "uig",
        "uk": "ukr",
        "ur": "urd",
        "uz": "uzb",
        "vi": "vie",
        "xh": "xho",
        "yo": "yor",
        "zh": "zho chi cmn",
        "zu": "zul",
    }
)
# Languages with no two-letter code, by their three letters: those py3langid's model reports, and a few more that
# pages declare.
_THREE_LETTER_ONLY = frozenset(
    """
    ace ary arz bcl crh ext fuv gcf gcr gom grc gug guw hbo kab kik lij ltg nso pcm sdh uzs vec wuu yue
    fil ceb haw hmn ast ckb gsw nds sco war ilo hil
    """.split()  # noqa: SIM905 - a code list reads better as text
)
# Language names some templates write where a code belongs (lang="english"), in English and as their speakers
# write them.
_LANGUAGE_NAMES = _by_word(
    {
        "en": "english",
        "fr": "french français francais",
        "de": "german deutsch",
        "es": "spanish español espanol",
        "it": "italian italiano",
        "pt": "portuguese português portugues",
        "nl": "dutch nederlands",
        "ru": "russian русский",
        "pl": "polish polski",
        "sv": "swedish svenska",
        "tr": "turkish türkçe",
        "ja": "japanese 日本語",
        "zh": "chinese 中文",
        "ko": "korean 한국어",
        "ar": "arabic العربية",
    }
)

# Languages written in the Latin script: text with hardly a Latin letter is not in one of them, whatever the page
# declares (a template's lang="en" over an Arabic article).
_LATIN_SCRIPT = frozenset(
    "af az br bs ca co cs cy da de en eo es et eu fi fo fr fy ga gd gl ha hr ht hu id ig is it jv ku la lb lt".split()  # noqa: SIM905
) | frozenset(
    "lv mg mi ms mt nb nl nn no oc pl pt qu rm ro rw sk sl sm sn so sq sv sw tk tl tn tr uz vi wa wo xh yo zu".split()  # noqa: SIM905
)
#: Below this share of Latin letters among a text's letters, it is not in a Latin-script language.
MIN_LATIN_SHARE = 0.2


def _latin_share(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for char in letters if char.isascii() or "LATIN" in unicodedata.name(char, "")) / len(letters)


def detect(text: str, *, min_chars: int = MIN_TEXT_CHARS) -> tuple[str, float] | None:
    """The language of ``text`` and the model's probability for it; None for a text under ``min_chars``."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < min_chars:
        return None
    language, probability = _detector().classify(sample)
    return str(language), float(probability)


def language_contrast(text: str, language: str) -> float | None:
    """How much more ``text`` reads like ``language`` than like the average language of py3langid's model: the
    language's raw log score less the mean of the others', per byte of the text; None for a language the model
    does not have.

    Comparable between readings of the same bytes in different encodings. A raw score alone is not: a garbled
    reading visits fewer of the model's n-grams and so loses less log probability. The language's lead over its
    nearest rival is no better: a sibling (Bosnian beside Croatian) moves with it whatever the reading.
    """
    identifier = _detector()
    encoded = identifier._encode(text)
    columns = {index for index, label in enumerate(identifier.nb_classes) if label == language}
    if not columns or not encoded:
        return None
    scores = identifier._raw_score(encoded)
    own = max(float(scores[index]) for index in columns)
    others = [float(score) for index, score in enumerate(scores) if index not in columns]
    return (own - sum(others) / len(others)) / len(encoded)


def resolve_language(declared: str | None, text: str) -> LanguageGuess | None:
    """The declared language if the text agrees; the detector's when it is sure and the page says otherwise."""
    prior = primary_subtag(declared)
    detected = detect(text)
    if detected is None:
        return LanguageGuess(prior, "html-lang; text too short to confirm") if prior else None
    language, probability = detected
    if prior is None:
        if probability < 0.9 and language in CHINESE_LANGUAGES:
            language, probability = as_chinese(text)
        return LanguageGuess(language, f"py3langid ({probability:.2f})") if probability >= 0.9 else None
    if language == prior or (prior, language) in _EQUIVALENT:
        return LanguageGuess(prior, "html-lang; confirmed by py3langid")
    if probability >= 0.95 and len(text) >= 200:
        return LanguageGuess(language, f"py3langid ({probability:.2f}); html-lang '{prior}' contradicted")
    if prior in _LATIN_SCRIPT and language not in _LATIN_SCRIPT and _latin_share(text[:SAMPLE_CHARS]) < MIN_LATIN_SHARE:
        source = f"py3langid ({probability:.2f}); html-lang '{prior}' contradicted by the script"
        return LanguageGuess(language, source)
    return LanguageGuess(prior, "html-lang; not confirmed by py3langid")


# The Chinese languages py3langid tells apart: Mandarin, Cantonese and Wu, all written in Han characters. Standard
# written Chinese in Traditional characters (Taiwan, Hong Kong) scores between them: zh 0.66 to 0.87, the rest yue
# and wuu, never enough for one of them alone.
CHINESE_LANGUAGES = frozenset({"zh", "yue", "wuu"})


def as_chinese(text: str) -> tuple[str, float]:
    """Chinese ("zh", the macrolanguage) and the probability of all its languages together, when the detector is
    unsure which Chinese it reads."""
    ranked = _detector().rank(text[:SAMPLE_CHARS])
    return "zh", float(sum(probability for language, probability in ranked if language in CHINESE_LANGUAGES))


# Codes that name the same language (old and new ISO 639-1 codes, macro-languages the detector reports).
_EQUIVALENT = frozenset(
    {
        ("nb", "no"),
        ("nn", "no"),
        ("no", "nb"),
        ("iw", "he"),
        ("in", "id"),
        ("ji", "yi"),
        ("ms", "id"),
        ("hr", "bs"),
        ("sr", "hr"),
        ("bs", "hr"),
    }
)
