"""Undeclared encodings: how often newsclean reads bytes that name no encoding in the encoding they were written in.

Not a test: a measurement. Two sets of pages, none of which declares its encoding:

- synthetic pages: for each language that jusText has a stop list for (it comes with trafilatura), text drawn
  from that list (a fixed seed, so every run draws the same) in 6, 40, 300 and 3,000 words, with and without a
  ``lang`` attribute, encoded in each legacy encoding the language is written in
  (``_encoding_detection.ENCODINGS_BY_LANGUAGE``; windows-1252 for the others) that can encode it;
- the gold sets' pages (``../shared/datasets/``, or ``$NEWSCLEAN_SHARED/datasets``, or ``--datasets DIR``),
  re-encoded in the first legacy encoding of their language where every character fits, their ``<meta>``
  declarations removed. Pages that are pure ASCII are left out: any encoding reads them.

A page counts as right when ``decode_html`` gives back exactly the text that was encoded. Prints a table and each
miss (language, encoding, what it was read as).

``--labelled`` measures the same pages served with a charset in their HTTP header instead: the right one, which must
keep them right; and each other legacy encoding of the Encoding Standard that decodes every byte of the page into
other text (a KOI8-R page labelled windows-1251, a Russian one labelled ISO-8859-1 or Shift_JIS), which a browser
trusts, and which newsclean overrules when it misreads a page in a script other than Latin's. Misses are counted
by language only.

    python benchmarks/encoding_bench.py [--limit N] [--no-gold] [--labelled] [--datasets DIR]
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

# jusText's stop list names and the language codes of py3langid and ENCODINGS_BY_LANGUAGE.
STOPLIST_LANGUAGES = {
    "Arabic": "ar", "Azerbaijani": "az", "Belarusian": "be", "Bosnian": "bs", "Bulgarian": "bg", "Catalan": "ca",
    "Croatian": "hr", "Czech": "cs", "Danish": "da", "Dutch": "nl", "English": "en", "Estonian": "et",
    "Finnish": "fi", "French": "fr", "German": "de", "Greek": "el", "Hebrew": "he", "Hungarian": "hu",
    "Icelandic": "is", "Indonesian": "id", "Italian": "it", "Kazakh": "kk", "Korean": "ko", "Kurdish": "ku",
    "Kyrgyz": "ky", "Latvian": "lv", "Lithuanian": "lt", "Macedonian": "mk", "Norwegian_Bokmal": "no",
    "Persian": "fa", "Polish": "pl", "Portuguese": "pt", "Romanian": "ro", "Russian": "ru", "Serbian": "sr",
    "Slovak": "sk", "Slovenian": "sl", "Spanish": "es", "Swedish": "sv", "Turkish": "tr", "Ukrainian": "uk",
    "Urdu": "ur", "Vietnamese": "vi", "Welsh": "cy",
}  # fmt: skip
WORD_COUNTS = (6, 40, 300, 3000)
_DECLARATION = re.compile(
    rb"<meta\b[^>]*(?:charset|http-equiv\s*=\s*[\"']?content-type)[^>]*>|<\?xml[^>]*\?>", re.IGNORECASE
)


def synthetic_pages() -> Iterator[tuple[str, str, str]]:
    """(language, encoding, page) for every language, length, ``lang`` attribute and legacy encoding."""
    import justext

    from newsclean._encoding_detection import DEFAULT_ENCODINGS, ENCODINGS_BY_LANGUAGE

    for name, language in sorted(STOPLIST_LANGUAGES.items()):
        words = sorted(justext.get_stoplist(name))
        for encoding in ENCODINGS_BY_LANGUAGE.get(language, DEFAULT_ENCODINGS):
            fitting = [word for word in words if _encodes(word, encoding)]
            if len(fitting) < 20 or all(word.isascii() for word in fitting):
                continue
            for count in WORD_COUNTS:
                text = _sentences(fitting, count, random.Random(f"{name}-{encoding}-{count}"))
                for lang_attribute in ("", f' lang="{language}"'):
                    yield language, encoding, f"<!DOCTYPE html><html{lang_attribute}><body><p>{text}</p></body></html>"


def _sentences(words: list[str], count: int, rng: random.Random) -> str:
    drawn = [rng.choice(words) for _ in range(count)]
    sentences = [" ".join(drawn[start : start + 12]) for start in range(0, count, 12)]
    return " ".join(sentence[:1].upper() + sentence[1:] + "." for sentence in sentences)


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def gold_pages(directory: Path, limit: int | None) -> Iterator[tuple[str, str, str]]:
    """(language, encoding, page without declarations) for each gold page that is not ASCII and fits its
    language's first legacy encoding."""
    from newsclean._encoding_detection import DEFAULT_ENCODINGS, ENCODINGS_BY_LANGUAGE, _detected

    for path in sorted(directory.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                if limit is not None and index >= limit:
                    break
                html = json.loads(line).get("html") or ""
                if html.isascii():
                    continue
                stripped = _DECLARATION.sub(b"", html.encode("utf-8", "surrogatepass")).decode("utf-8", "replace")
                found = _detected(re.sub(r"<[^>]*>", " ", stripped)[:20000])
                language = found[0] if found is not None else "en"
                encoding = ENCODINGS_BY_LANGUAGE.get(language, DEFAULT_ENCODINGS)[0]
                if _encodes(stripped, encoding):
                    yield language, encoding, stripped


def measure(pages: Iterator[tuple[str, str, str]]) -> tuple[Counter[tuple[str, str]], list[str], float]:
    from newsclean._decode import decode_html

    totals: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    started = time.process_time()
    for language, encoding, page in pages:
        decoded = decode_html(page.encode(encoding))
        right = decoded.text == page
        totals[(language, "right" if right else "wrong")] += 1
        if not right:
            name = codecs.lookup(encoding).name
            misses.append(f"{language} {name} ({len(page.split())} words) read as {decoded.encoding}")
    return totals, misses, time.process_time() - started


def measure_labelled(
    pages: Iterator[tuple[str, str, str]],
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], float]:
    """(right label: outcomes by language, wrong label: outcomes by language, CPU seconds)."""
    from newsclean._decode import _CODEC_LABELS, decode_html

    label_of = {codec: labels[-1] for codec, labels in _CODEC_LABELS.items()}
    legacy = [codec for codec in _CODEC_LABELS if not codec.startswith(("utf-8", "utf-16"))]
    right_label: Counter[tuple[str, str]] = Counter()
    wrong_label: Counter[tuple[str, str]] = Counter()
    started = time.process_time()
    for language, encoding, page in pages:
        data = page.encode(encoding)
        own = codecs.lookup(encoding).name
        decoded = decode_html(data, {"content-type": f"text/html; charset={label_of[own]}"})
        right_label[(language, "right" if decoded.text == page else "wrong")] += 1
        for other in legacy:
            if codecs.lookup(other).name == own or not _decodes_to_other_text(data, other, page):
                continue
            decoded = decode_html(data, {"content-type": f"text/html; charset={label_of[other]}"})
            wrong_label[(language, "right" if decoded.text == page else "wrong")] += 1
    return right_label, wrong_label, time.process_time() - started


def _decodes_to_other_text(data: bytes, encoding: str, page: str) -> bool:
    try:
        return data.decode(encoding) != page
    except UnicodeDecodeError:  # a label the bytes contradict with errors: measured by the unlabelled runs' logic
        return False


def report_labelled(
    title: str, right: Counter[tuple[str, str]], wrong: Counter[tuple[str, str]], seconds: float
) -> None:
    for name, totals in ((f"{title}, right label", right), (f"{title}, wrong label that decodes", wrong)):
        read_right = sum(count for (_, outcome), count in totals.items() if outcome == "right")
        print(f"## {name}: {read_right} of {sum(totals.values())} read right")
        misses = Counter({language: count for (language, outcome), count in totals.items() if outcome == "wrong"})
        if misses:
            print(
                "- misses by language: "
                + ", ".join(f"{language} {count}" for language, count in sorted(misses.items()))
            )
    print(f"({seconds:.1f} CPU s)")


def report(title: str, totals: Counter[tuple[str, str]], misses: list[str], seconds: float) -> None:
    right = sum(count for (_, outcome), count in totals.items() if outcome == "right")
    total = sum(totals.values())
    print(f"## {title}: {right} of {total} read right ({seconds:.1f} CPU s)")
    for miss in misses:
        print(f"- {miss}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", help="the gold sets' directory (default ../shared/datasets)")
    parser.add_argument("--limit", type=int, help="at most this many pages of each gold set")
    parser.add_argument("--no-gold", action="store_true", help="synthetic pages only")
    parser.add_argument("--labelled", action="store_true", help="the pages under a right and a wrong HTTP charset")
    options = parser.parse_args(argv)
    if options.labelled:
        report_labelled("synthetic pages", *measure_labelled(synthetic_pages()))
    else:
        report("synthetic pages", *measure(synthetic_pages()))
    if not options.no_gold:
        from benchmarks._data import data_dir  # as ``python -m benchmarks`` finds the sets

        directory = data_dir(options.datasets)
        if options.labelled:
            report_labelled("gold pages, re-encoded", *measure_labelled(gold_pages(directory, options.limit)))
        else:
            report("gold pages, re-encoded", *measure(gold_pages(directory, options.limit)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
