"""Dates a page labels as the article's in the languages beyond English, German, French, Spanish, Chinese, Japanese
and Korean ("Опубликовано: 5 марта 2024", "Bijgewerkt op 6 maart 2024", "เผยแพร่: 5 มี.ค. 2567"), the Latin-script
month names of Dutch, Indonesian, Turkish, Polish, Czech, Romanian, the Nordic languages, Finnish and Catalan, and
dotted numeric dates read day first; with the words prose puts before any date, which are no labels."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from _metadata_page import BODY
from _metadata_page import clean_story as clean

from newsclean.metadata._date_labels import labelled_date, says_updated, scan_page_dates
from newsclean.metadata._text_dates import visible_dates

# -- 1. publication and update labels -------------------------------------------------------------------------------

PUBLISHED = date(2024, 3, 5)
UPDATED = date(2024, 3, 16)


@pytest.mark.parametrize(
    ("text", "day", "label"),
    [
        # Russian
        ("Опубликовано: 5 марта 2024, 10:30", PUBLISHED, "published"),
        ("Дата публикации: 05.03.2024", PUBLISHED, "published"),
        ("Обновлено: 16 марта 2024", UPDATED, "updated"),
        ("Последнее обновление: 16.03.2024 12:00", UPDATED, "updated"),
        # Ukrainian
        ("Опубліковано 5 березня 2024 о 10:30", PUBLISHED, "published"),
        ("Оновлено: 16 березня 2024", UPDATED, "updated"),
        # Italian
        ("Pubblicato il 5 marzo 2024", PUBLISHED, "published"),
        ("Aggiornato il 16 marzo 2024 alle 12:00", UPDATED, "updated"),
        ("Ultimo aggiornamento: 16/03/2024", UPDATED, "updated"),
        # Dutch
        ("Gepubliceerd op 5 maart 2024", PUBLISHED, "published"),
        ("Geplaatst op 5 mrt 2024", PUBLISHED, "published"),
        ("Bijgewerkt op 16 maart 2024", UPDATED, "updated"),
        # Portuguese (its "Publicado em" was read already)
        ("Atualizado em 16 de março de 2024", UPDATED, "updated"),
        # Polish
        ("Opublikowano: 5 marca 2024", PUBLISHED, "published"),
        ("Data publikacji: 05.03.2024", PUBLISHED, "published"),
        ("Zaktualizowano: 16 marca 2024", UPDATED, "updated"),
        ("Aktualizacja: 16.03.2024, 12:00", UPDATED, "updated"),
        # Turkish, with its letters and without them
        ("Yayınlanma: 5 Mart 2024", PUBLISHED, "published"),
        ("Yayın tarihi: 05.03.2024", PUBLISHED, "published"),
        ("Güncelleme: 16 Mart 2024", UPDATED, "updated"),
        ("Guncellenme tarihi: 16.03.2024", UPDATED, "updated"),
        # Indonesian and Malay
        ("Diterbitkan pada 5 Maret 2024", PUBLISHED, "published"),
        ("Dipublikasikan: 5 Maret 2024", PUBLISHED, "published"),
        ("Diperbarui: 16 Maret 2024", UPDATED, "updated"),
        ("Dikemas kini: 16 Julai 2024", date(2024, 7, 16), "updated"),
        # Czech
        ("Publikováno: 5. března 2024", PUBLISHED, "published"),
        ("Aktualizováno 16. března 2024 12:00", UPDATED, "updated"),
        # Swedish, Danish, Norwegian
        ("Publicerad 5 mars 2024", PUBLISHED, "published"),
        ("Uppdaterad 16 mars 2024", UPDATED, "updated"),
        ("Publiceret den 5. marts 2024", PUBLISHED, "published"),
        ("Opdateret 16. marts 2024", UPDATED, "updated"),
        ("Publisert 5. mars 2024", PUBLISHED, "published"),
        ("Sist oppdatert 16. mars 2024", UPDATED, "updated"),
        # Finnish
        ("Julkaistu 5.3.2024 10:30", PUBLISHED, "published"),
        ("Päivitetty 16. maaliskuuta 2024", UPDATED, "updated"),
        # Greek, accented and in capitals
        ("Δημοσιεύθηκε: 5 Μαρτίου 2024", PUBLISHED, "published"),
        ("ΔΗΜΟΣΙΕΥΤΗΚΕ ΣΤΙΣ 5 ΜΑΡΤΙΟΥ 2024", PUBLISHED, "published"),
        ("Ενημερώθηκε: 16 Μαρτίου 2024", UPDATED, "updated"),
        # Hebrew
        ("פורסם: 05.03.24", PUBLISHED, "published"),
        ("פורסם ב-5 במרץ 2024", PUBLISHED, "published"),
        ("עודכן לאחרונה: 16.03.2024", UPDATED, "updated"),
        # Arabic
        ("تاريخ النشر: 5 مارس 2024", PUBLISHED, "published"),
        ("نُشر في ٥ مارس ٢٠٢٤", PUBLISHED, "published"),
        ("آخر تحديث: 16 مارس 2024", UPDATED, "updated"),
        ("تم التحديث في 16 آذار 2024", UPDATED, "updated"),
        # Persian, with the zero-width non-joiner and without it
        ("تاریخ انتشار: ۲۰۲۴/۰۳/۰۵", PUBLISHED, "published"),
        ("به\u200cروزرسانی: ۱۶ مارس ۲۰۲۴", UPDATED, "updated"),
        ("بروزرسانی: 16 مارس 2024", UPDATED, "updated"),
        # Hindi
        ("प्रकाशित: 5 मार्च 2024", PUBLISHED, "published"),
        ("अपडेटेड: 16 मार्च 2024", UPDATED, "updated"),
        # Vietnamese (slashed dates keep both readings: the day is past 12)
        ("Ngày đăng: 15/03/2024", date(2024, 3, 15), "published"),
        ("Cập nhật lúc 16/03/2024", UPDATED, "updated"),
        # Thai, written without spaces between words
        ("เผยแพร่: 5 มี.ค. 2567", PUBLISHED, "published"),
        ("เผยแพร่เมื่อวันที่ 5 มีนาคม 2567", PUBLISHED, "published"),
        ("อัปเดตล่าสุด 16 มี.ค. 2567", UPDATED, "updated"),
        ("ปรับปรุงล่าสุด 16 มี.ค. 67", UPDATED, "updated"),
        # Romanian
        ("Publicat: 5 martie 2024", PUBLISHED, "published"),
        ("Data actualizării: 16 martie 2024", UPDATED, "updated"),
        # Catalan
        ("Publicat el 5 de març de 2024", PUBLISHED, "published"),
        ("Actualitzat el 16 d’abril de 2024", date(2024, 4, 16), "updated"),
    ],
)
def test_a_date_labelled_in_another_language_is_the_articles(text: str, day: date, label: str) -> None:
    updated = label == "updated"
    assert labelled_date(text, updated=updated) == day
    assert labelled_date(text, updated=not updated) is None
    assert says_updated(text) is updated  # a <time> whose text reads so is the modified date


@pytest.mark.parametrize(
    "text",
    [
        # "on the date of": Thai prose puts it before any date, as Vietnamese its "ngày" and Hindi "दिनांक"
        "เมื่อวันที่ 14 มี.ค. 2567 นายกรัฐมนตรีได้เดินทางไปเชียงใหม่",
        "ข่าววันที่ 14 มี.ค. 2567",
        "Ngày 14/03/2024, ông Nguyễn Văn A đã phát biểu",
        "दिनांक 14.03.2024 को बैठक हुई",
        # Russian "дата" alone is any date ("date of birth"); Turkish "yayın" alone a broadcast
        "Дата рождения: 14.03.1990",
        "Canlı yayın 14 Mart 2024",
        # a label word inside a Thai clause ("which was published on"), prose rather than a label
        "รายงานซึ่งเผยแพร่เมื่อวันที่ 14 มี.ค. 2567",
    ],
)
def test_words_prose_puts_before_any_date_are_no_labels(text: str) -> None:
    assert len(visible_dates(text)) == 1
    assert labelled_date(text) is None
    assert labelled_date(text, updated=True) is None


def test_a_labelled_update_is_never_the_publication() -> None:
    text = "Опубликовано: 5 марта 2024 · Обновлено: 16 марта 2024"
    assert labelled_date(text) == PUBLISHED
    assert labelled_date(text, updated=True) == UPDATED
    scan = scan_page_dates(text)
    assert (scan.published, scan.updated) == (PUBLISHED, UPDATED)


# -- 2. Latin-script month names -------------------------------------------------------------------------------------

MONTH_NAMES = {
    "Dutch": "januari februari maart april mei juni juli augustus september oktober november december",
    "Indonesian": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    "Malay": "Januari Februari _ April Mei Jun Julai Ogos September Oktober November Disember",
    "Turkish": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "Turkish in capitals": "OCAK ŞUBAT MART NISAN MAYIS HAZIRAN TEMMUZ AGUSTOS EYLUL EKIM KASIM ARALIK",
    "Polish": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października _ grudnia",
    "Czech": "ledna února března dubna května června července srpna září října listopadu prosince",
    "Romanian": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",
    "Swedish": "januari februari mars april maj juni juli augusti september oktober november december",
    "Danish": "januar februar marts april maj juni juli august september oktober november december",
    "Norwegian": "januar februar mars april mai juni juli august september oktober november desember",
    "Finnish": "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta "
    "lokakuuta marraskuuta joulukuuta",
    "Catalan": "gener febrer març abril maig juny juliol agost setembre octubre novembre desembre",
}


@pytest.mark.parametrize("language", list(MONTH_NAMES))
def test_each_month_name_of_a_language_is_its_month(language: str) -> None:
    # "_": a month the language names with a word left out (see ``test_a_month_name_that_collides_is_not_read``)
    for month, name in enumerate(MONTH_NAMES[language].split(), start=1):
        if name == "_":
            continue
        for text in (f"5 {name} 2024", f"5. {name} 2024"):  # Czech, Finnish and the Nordic languages: "5. března"
            assert visible_dates(text) == {date(2024, month, 5)}, text


def test_catalan_puts_de_or_d_before_the_month() -> None:
    assert visible_dates("5 de març de 2024") == {date(2024, 3, 5)}
    assert visible_dates("5 d'abril de 2024") == {date(2024, 4, 5)}
    assert visible_dates("5 d’octubre de 2024") == {date(2024, 10, 5)}


@pytest.mark.parametrize(
    "text",
    [
        "5 listopada 2024",  # Polish November, Croatian October: neither reading
        "5 Mac 2024",  # Malay March, an English word ("all 15 Mac 2024 models")
        "les 12 des 2000 candidats",  # "des", December in Indonesian and the Nordic abbreviations, is French
    ],
)
def test_a_month_name_that_collides_is_not_read(text: str) -> None:
    assert visible_dates(text) == set()


# -- 3. dotted numeric dates -----------------------------------------------------------------------------------------


def test_a_dotted_numeric_date_is_read_day_first_as_the_articles() -> None:
    assert labelled_date("Veröffentlicht am 05.03.2024") == date(2024, 3, 5)
    assert labelled_date("Päivitetty 6.3.24", updated=True) == date(2024, 3, 6)
    scan = scan_page_dates("Opublikowano: 05.03.2024 | Aktualizacja: 06.03.2024")
    assert (scan.published, scan.updated) == (date(2024, 3, 5), date(2024, 3, 6))
    assert [entry.dates for entry in scan.printed] == [{date(2024, 3, 5)}, {date(2024, 3, 6)}]


def test_the_days_a_page_shows_keep_both_readings_of_a_numeric_date() -> None:
    # a day shown either way, for the check that a declared date is printed on the page
    assert visible_dates("05.03.2024") == {date(2024, 3, 5), date(2024, 5, 3)}
    assert scan_page_dates("Gast 05.03.2024").dates == {date(2024, 3, 5), date(2024, 5, 3)}
    assert visible_dates("12.17.2025") == {date(2025, 12, 17)}  # only the month can come first


def test_slashed_and_dashed_numeric_dates_are_read_neither_way() -> None:
    assert labelled_date("Published: 05/03/2024") is None
    assert labelled_date("Published: 05-03-2024") is None
    assert scan_page_dates("Published: 05/03/2024").published is None


def test_a_page_that_puts_the_month_first_reads_its_dotted_dates_so() -> None:
    # an American site writing dots: "Opening Bell 11.18.19", "By Block Renovation 09.10.2024" (September 10)
    scan = scan_page_dates("Opening Bell 11.18.19 · Opening Bell 5.3.19 · Posted: 09.10.2024")
    assert scan.dates == {date(2019, 11, 18), date(2019, 5, 3), date(2024, 9, 10)}
    assert scan.published == date(2024, 9, 10)


def test_a_page_that_shows_no_order_reads_its_dotted_dates_day_first() -> None:
    scan = scan_page_dates("Гость 11:15 05.10.18 · Опубликовано: 05.03.2024")
    assert [entry.dates for entry in scan.printed] == [{date(2018, 10, 5)}, {date(2024, 3, 5)}]
    assert scan.published == date(2024, 3, 5)


# -- 4. whole pages ---------------------------------------------------------------------------------------------------
# The labelled line is printed after the article (more than 300 characters after the headline): no markup date, and
# not the header's date line, so only its label makes it the article's.


def test_a_russian_page_is_dated_by_its_labels() -> None:
    article = clean(body=BODY + "<p>Опубликовано: 5 марта 2024 · Обновлено: 6 марта 2024</p>", lang="ru")
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)


def test_a_polish_page_is_dated_by_its_labels_and_dotted_dates() -> None:
    article = clean(body=BODY + "<p>Opublikowano: 05.03.2024 | Aktualizacja: 06.03.2024</p>", lang="pl")
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)


def test_a_thai_page_is_dated_by_its_labels_not_by_a_date_in_its_prose() -> None:
    prose = "<p>เมื่อวันที่ 1 มี.ค. 2567 นายกรัฐมนตรีได้เดินทางไปเชียงใหม่</p>"
    article = clean(body=BODY + prose + "<p>เผยแพร่: 5 มี.ค. 2567 อัปเดต: 6 มี.ค. 2567</p>", lang="th")
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)


def test_a_time_element_that_says_updated_in_ukrainian_is_the_modified_date() -> None:
    line = "<p>Опубліковано: 5 березня 2024</p>"
    line += '<p><time datetime="2024-03-06T09:00:00Z">Оновлено: 6 березня 2024</time></p>'
    article = clean(body=BODY + line, lang="uk")
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, 9, 0, tzinfo=UTC)


# -- 5. the day of the week between a label and its date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "updated"),
    [
        ("Published Tuesday, March 5, 2024", date(2024, 3, 5), False),
        ("Veröffentlicht am Dienstag, 5. März 2024", date(2024, 3, 5), False),
        ("Aktualisiert am Mittwoch, 6. März 2024", date(2024, 3, 6), True),
        ("Publié le mardi 5 mars 2024", date(2024, 3, 5), False),
        ("Publicado el martes, 5 de marzo de 2024", date(2024, 3, 5), False),
        ("Publicado em terça-feira, 5 de março de 2024", date(2024, 3, 5), False),
        ("Pubblicato il martedì 5 marzo 2024", date(2024, 3, 5), False),
        ("Gepubliceerd op dinsdag 5 maart 2024", date(2024, 3, 5), False),
        ("Publicerad tisdag 5 mars 2024", date(2024, 3, 5), False),
        ("Opublikowano: wtorek, 5 marca 2024", date(2024, 3, 5), False),
        ("Yayınlanma: salı, 5 Mart 2024", date(2024, 3, 5), False),
        ("Опубликовано: вторник, 5 марта 2024", date(2024, 3, 5), False),
        ("Оновлено: п’ятниця, 8 березня 2024", date(2024, 3, 8), True),
    ],
)
def test_a_day_of_the_week_between_a_label_and_its_date_is_read_past(text: str, day: date, updated: bool) -> None:
    # Only English weekdays were: "Veröffentlicht am Dienstag, 5. März 2024" gave no date.
    assert labelled_date(text, updated=updated) == day
    assert labelled_date(text, updated=not updated) is None


def test_a_weekday_is_no_label() -> None:
    assert labelled_date("Am Dienstag, 5. März 2024 stimmte der Rat ab") is None
    assert labelled_date("Le mardi 5 mars 2024, le conseil a voté") is None
