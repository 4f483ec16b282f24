"""Rules on text in other scripts: prose that related-content blocks must not take along, and the furniture lines of
news sites in Chinese, Japanese, Korean, Arabic, Persian, Hebrew, Hindi, Thai, Ukrainian and Greek."""

from __future__ import annotations

import html

import pytest

import newsclean
from newsclean import Article
from newsclean._rules import default_rules
from newsclean.cleaners import TextCleaner

RULES = default_rules()

JAPANESE = (
    "桜の開花予想",
    [
        "民間の気象会社は9日、ことしの桜の開花予想を発表しました。東京都心の開花は3月20日の見込みです。",
        "この冬は全国的に気温の高い日が多く、桜のつぼみの生育が順調に進んでいるということです。",
        "主な都市の開花予想日は、福岡が3月21日、名古屋が3月22日などとなっています。",
    ],
    "ja",
)
HINDI = (
    "दिल्ली में भारी बारिश का अलर्ट",
    [
        "मौसम विभाग ने अगले तीन दिनों तक दिल्ली में भारी बारिश की चेतावनी जारी की है।",
        "दिल्ली सरकार ने एहतियात के तौर पर शुक्रवार को सभी सरकारी और निजी स्कूल बंद रखने का आदेश दिया है।",
        "ट्रैफिक पुलिस ने लोगों से अपील की है कि वे जरूरी होने पर ही घर से बाहर निकलें।",
    ],
    "hi",
)
# Thai marks no sentence end: each paragraph is a run of clauses between spaces.
THAI = (
    "กรมอุตุฯ เตือนพายุฤดูร้อนถล่มภาคเหนือ",
    [
        (
            "กรมอุตุนิยมวิทยาประกาศเตือนว่า ในช่วงวันที่ 10-12 มีนาคม "
            "จะมีฝนฟ้าคะนองและลมกระโชกแรงในหลายพื้นที่ของภาคเหนือและภาคตะวันออกเฉียงเหนือ"
        ),
        "ผู้สื่อข่าวรายงานว่า สถานการณ์น้ำท่วมในจังหวัดเชียงใหม่เริ่มคลี่คลายลงแล้ว หลังระดับน้ำในแม่น้ำปิงลดลงอย่างต่อเนื่อง",
        "ทั้งนี้ กรมอุตุนิยมวิทยาแนะนำให้ประชาชนติดตามประกาศอย่างใกล้ชิด และหลีกเลี่ยงการอยู่ใต้ต้นไม้ใหญ่หรือป้ายโฆษณาที่ไม่แข็งแรง",
    ],
    "th",
)
HEADINGS = ["Read more", "Also Read", "Trending", "Recommended"]


def _page(title: str, paragraphs: list[str], lang: str, *, bold: bool = True) -> str:
    """A page as its CMS writes it; the heading paragraphs (furniture) in bold, as in the report."""
    body = "\n".join(
        f"<p><strong>{html.escape(p)}</strong></p>" if bold and p in HEADINGS else f"<p>{html.escape(p)}</p>"
        for p in paragraphs
    )
    return f'<html lang="{lang}"><body><article><h1>{html.escape(title)}</h1>\n{body}\n</article></body></html>'


def _prose_kept(article: Article, prose: list[str]) -> None:
    assert [p for p in prose if p not in article.paragraphs] == []
    assert [r for r in article.removed if r.text in prose] == []


@pytest.mark.parametrize("heading", HEADINGS)
@pytest.mark.parametrize("sample", [JAPANESE, HINDI, THAI], ids=["ja", "hi", "th"])
def test_an_english_related_heading_leaves_the_prose_after_it(sample: tuple[str, list[str], str], heading: str) -> None:
    title, prose, lang = sample
    paragraphs = [prose[0], heading, *prose[1:]]
    for article in (
        newsclean.clean_html(_page(title, paragraphs, lang)),
        newsclean.clean_text("\n".join([title, *paragraphs])),
    ):
        _prose_kept(article, prose)
        assert heading not in article.paragraphs


def test_the_reported_japanese_page_keeps_its_three_paragraphs() -> None:
    page = """<html lang="ja"><body><article><h1>桜の開花予想</h1>
<p>民間の気象会社は9日、ことしの桜の開花予想を発表しました。東京都心の開花は3月20日の見込みです。</p>
<p><strong>Read more</strong></p>
<p>この冬は全国的に気温の高い日が多く、桜のつぼみの生育が順調に進んでいるということです。</p>
<p>主な都市の開花予想日は、福岡が3月21日、名古屋が3月22日などとなっています。</p>
</article></body></html>"""
    article = newsclean.clean_html(page)
    assert list(article.paragraphs) == JAPANESE[1]
    assert [r.text for r in article.removed if r.rule == "related.heading"] == ["Read more"]


@pytest.mark.parametrize(
    "line",
    [
        "Is the bill dead? 「法案は廃案になる」と述べた。",
        "「桜が咲くのが楽しみです。」",
        "ولم يعلن أي طرف مسؤوليته عن الهجوم حتى الآن؟",
        "Ο υπουργός ρώτησε: τι σημαίνει αυτό για την οικονομία;",
        "ایران و عراق توافق کردند۔",
        # Long unspaced runs: Chinese without its full stop, Thai.
        "国家统计局城市司首席统计师董莉娟表示春节因素带动食品和服务价格上涨是推动居民消费价格由降转涨的主要原因",
        "ด้านนายกรัฐมนตรีกล่าวว่ารัฐบาลพร้อมให้ความช่วยเหลือผู้ประสบภัยอย่างเต็มที่",
        "ขณะที่ตำรวจได้ควบคุมตัวผู้ต้องสงสัย 2 คน เพื่อสอบสวนเพิ่มเติม",
    ],
)
def test_a_related_block_stops_at_prose_of_any_script(line: str) -> None:
    result = TextCleaner(RULES).clean(["Related", "Putin signs law on mobilisation", line])
    assert [r.text for r in result.removed] == ["Related", "Putin signs law on mobilisation"]
    assert result.paragraphs == (line,)


@pytest.mark.parametrize(
    "teasers",
    [
        # A teaser may end in a quotation closed after its full stop (one does on naeb).
        [
            "Putin signs law on mobilisation",
            'In "World"',
            "Is the housing market about to crash?",
            "She called it “deplorable.”",
        ],
        ["国家统计局：2月份居民消费价格同比上涨0.7%", "多地出台新政支持首套房购买"],
        ["大谷翔平が今季初本塁打　ドジャースは開幕3連勝", "民間気象会社 桜の開花予想を発表 東京都心は3月20日の見込み"],
        ["서울 아파트값 3주 연속 상승", "한국은행 기준금리 동결"],
        ["दिल्ली में भारी बारिश का अलर्ट, स्कूल बंद", "शेयर बाजार में भारी गिरावट"],
        ["กรมอุตุฯ เตือนพายุฤดูร้อนถล่มภาคเหนือ 10-12 มีนาคม", "ครม.อนุมัติงบกลาง 5 หมื่นล้าน แก้ปัญหาภัยแล้ง"],
        ["ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية", "הכנסת אישרה את התקציב בקריאה ראשונה"],
    ],
    ids=["en", "zh", "ja", "ko", "hi", "th", "ar-he"],
)
def test_a_related_block_still_takes_teaser_titles(teasers: list[str]) -> None:
    prose = "The council met on Tuesday and approved the budget after a long debate."
    result = TextCleaner(RULES).clean(["Related", *teasers, prose])
    assert [r.text for r in result.removed] == ["Related", *teasers]
    assert result.paragraphs == (prose,)


# Short articles with their sites' furniture. A line in JUNK is furniture; the rule that removes it from a text dump.
def J(text: str, rule: str) -> tuple[str, str]:  # noqa: N802 - a marker, read like a tag
    return (text, rule)


ARTICLES: dict[str, tuple[str, list[str | tuple[str, str]]]] = {
    "zh-hans": (
        "国家统计局：2月份居民消费价格同比上涨0.7%",
        [
            J("分享到：微信 微博 QQ空间", "widget.share-prompt"),
            "国家统计局3月9日发布数据显示，2月份全国居民消费价格同比上涨0.7%，涨幅比上月扩大1.5个百分点。",
            "国家统计局城市司首席统计师董莉娟表示，春节因素带动食品和服务价格上涨，是推动居民消费价格由降转涨的主要原因。",
            J("相关阅读", "related.heading"),
            J("1月份居民消费价格同比下降0.8%", "related.heading"),
            J("多地出台新政支持首套房购买", "related.heading"),
            "从环比看，2月份居民消费价格上涨1.0%，其中食品价格上涨3.3%，非食品价格上涨0.5%。",
            "扣除食品和能源价格的核心CPI同比上涨1.2%，涨幅比上月扩大0.8个百分点。",
            J("责任编辑：张三", "byline.editor-credit"),
            J("关注我们", "widget.follow-us"),
            J("扫二维码下载新京报APP", "newsletter.app-prompt"),
        ],
    ),
    "zh-hant": (
        "台股今年漲幅居亞洲之冠",
        [
            "台股今天終場上漲312點，收在20,118點，創下歷史新高，今年以來漲幅居亞洲主要股市之冠。",
            "法人指出，人工智慧相關供應鏈訂單暢旺，外資連續五個交易日買超，是推升大盤的主要力量。",
            J("延伸閱讀", "related.heading"),
            J("央行理監事會維持利率不變", "related.heading"),
            "不過分析師提醒，美國聯準會降息時程仍有變數，投資人應留意短線波動風險。",
            J("（責任編輯：李四）", "byline.editor-credit"),
            J("點我下載APP", "newsletter.app-prompt"),
            J("☆更多新聞請訂閱《今日新聞》Telegram頻道☆", "newsletter.join"),
        ],
    ),
    "ja": (
        "桜の開花予想 東京は3月20日",
        [
            J("この記事をシェアする", "widget.share"),
            "民間の気象会社は9日、ことしの桜の開花予想を発表しました。東京都心の開花は3月20日の見込みです。",
            J("続きを読む", "widget.page-furniture"),
            "この冬は全国的に気温の高い日が多く、桜のつぼみの生育が順調に進んでいるということです。",
            "主な都市の開花予想日は、福岡が3月21日、名古屋が3月22日などとなっています。",
            J("関連記事", "related.heading"),
            J("大谷翔平が今季初本塁打 ドジャースは開幕3連勝", "related.heading"),
            J("東京都心で今年初の夏日 熱中症に注意", "related.heading"),
            J("アプリのダウンロードはこちら", "newsletter.app-prompt"),
            J("無断転載・複製を禁じます", "copyright.notice"),
        ],
    ),
    "ko": (
        "서울 아파트값 3주 연속 상승",
        [
            J("기사 공유하기", "widget.share"),
            "서울 아파트값이 3주 연속 상승했다고 한국부동산원이 14일 밝혔다.",
            "한국부동산원에 따르면 이번 주 서울 아파트 매매가격은 전주보다 0.03% 올라 상승 폭이 커졌다.",
            J("관련기사", "related.heading"),
            J("서울 전셋값 40주 연속 올라", "related.heading"),
            '부동산원 관계자는 "선호 단지를 중심으로 매수 문의가 늘고 있다"고 설명했다.',
            J("제보는 카카오톡 okjebo", "footer.contact"),
            # Stays, as English copyright lines do: a gold set keeps the Korean notice (footers.toml, copyright.notice).
            "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
            J("네이버에서 연합뉴스를 구독하세요!", "newsletter.join"),
        ],
    ),
    "ar": (
        "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
        [
            J("شارك", "widget.share"),
            (
                "ارتفعت أسعار النفط يوم الأربعاء بعد أن أظهرت بيانات حكومية تراجع "
                "مخزونات الخام في الولايات المتحدة بأكثر من المتوقع."
            ),
            (
                "وصعدت العقود الآجلة لخام برنت 1.2 بالمئة إلى 83 دولارا للبرميل، "
                "بينما زاد خام غرب تكساس الوسيط 1.4 بالمئة."
            ),
            J("اقرأ أيضا: الذهب يتراجع مع صعود الدولار", "related.inline"),
            "وقال محللون إن الطلب القوي على الوقود في الصيف يدعم الأسعار رغم المخاوف من تباطؤ الاقتصاد العالمي.",
            J("تابعونا على تيليجرام", "widget.follow-us"),
            J("حمل تطبيق الجزيرة", "newsletter.app-prompt"),
            J("جميع الحقوق محفوظة © 2024", "copyright.notice"),
        ],
    ),
    "fa": (
        "افزایش قیمت دلار در بازار آزاد تهران",
        [
            "قیمت دلار آمریکا روز شنبه در بازار آزاد تهران با افزایش دو درصدی به ۶۰ هزار تومان رسید.",
            "فعالان بازار می‌گویند نگرانی از تحریم‌های تازه و افزایش تقاضا برای ارز، عامل اصلی این رشد بوده است.",
            J("بیشتر بخوانید", "related.heading"),
            J("قیمت طلا و سکه امروز ۲۵ فروردین", "related.heading"),
            "بانک مرکزی اعلام کرد برای کنترل نوسانات بازار، عرضه ارز در مرکز مبادله را افزایش می‌دهد.",
            J("انتهای پیام", "footer.end-marker"),
            J("ما را در تلگرام دنبال کنید", "widget.follow-us"),
            J("کلیه حقوق این سایت محفوظ است", "copyright.notice"),
        ],
    ),
    "he": (
        "הכנסת אישרה את התקציב בקריאה ראשונה",
        [
            J("שתפו בפייסבוק", "widget.share"),
            "מליאת הכנסת אישרה הלילה בקריאה ראשונה את תקציב המדינה לשנת 2025, ברוב של 59 חברי כנסת מול 52 מתנגדים.",
            "שר האוצר אמר לאחר ההצבעה כי התקציב נועד לחזק את הצמיחה ולצמצם את הגירעון בשנים הקרובות.",
            J("קראו עוד", "related.heading"),
            J("בנק ישראל הותיר את הריבית ללא שינוי", "related.heading"),
            "ההצעה תועבר כעת לדיון בוועדת הכספים, ותובא לקריאה שנייה ושלישית עד סוף החודש.",
            J("הצטרפו לערוץ הטלגרם שלנו", "widget.follow-us"),
            J("להורדת האפליקציה", "newsletter.app-prompt"),
            J("כל הזכויות שמורות © 2024", "copyright.notice"),
        ],
    ),
    "hi": (
        "दिल्ली में भारी बारिश का अलर्ट, स्कूल बंद",
        [
            J("शेयर करें", "widget.share"),
            "मौसम विभाग ने अगले तीन दिनों तक दिल्ली में भारी बारिश की चेतावनी जारी की है।",
            J("यह भी पढ़ें: मुंबई में लोकल ट्रेन सेवाएं प्रभावित", "related.inline"),
            "दिल्ली सरकार ने एहतियात के तौर पर शुक्रवार को सभी सरकारी और निजी स्कूल बंद रखने का आदेश दिया है।",
            "ट्रैफिक पुलिस ने लोगों से अपील की है कि वे जरूरी होने पर ही घर से बाहर निकलें।",
            J("ताज़ा खबरों के लिए हमें फेसबुक और ट्विटर पर फॉलो करें", "widget.follow-us"),
            J("हिंदी न्यूज़ के लिए ऐप डाउनलोड करें", "newsletter.app-prompt"),
            J("© 2024 Example Media Limited. सर्वाधिकार सुरक्षित", "copyright.notice"),
        ],
    ),
    "th": (
        "กรมอุตุฯ เตือนพายุฤดูร้อนถล่มภาคเหนือ",
        [
            J("แชร์ข่าวนี้", "widget.share"),
            THAI[1][0],
            THAI[1][1],
            J("อ่านข่าวที่เกี่ยวข้อง", "related.heading"),
            J("สธ.เตือนฝุ่น PM2.5 เกินมาตรฐาน 40 จังหวัด", "related.heading"),
            THAI[1][2],
            J("ดาวน์โหลดแอป", "newsletter.app-prompt"),
            J("สงวนลิขสิทธิ์ © 2024 บริษัท ข่าวไทย จำกัด", "copyright.notice"),
        ],
    ),
    "uk": (
        "У Києві відкрили новий міст через Дніпро",
        [
            J("Поділитися", "widget.share"),
            (
                "У Києві в неділю відкрили рух новим мостом через Дніпро, "
                "будівництво якого тривало понад п'ятнадцять років."
            ),
            (
                "За словами міського голови, міст розвантажить центральні магістралі "
                "та скоротить час у дорозі для мешканців лівого берега."
            ),
            J("Читайте також:", "related.heading"),
            J("Укрзалізниця призначила додаткові поїзди до Львова", "related.heading"),
            "Повне завершення робіт, зокрема запуск руху метро мостом, заплановане на наступний рік.",
            J("Підписуйтесь на наш Telegram-канал", "widget.follow-us"),
            J("Помітили помилку? Виділіть її та натисніть Ctrl+Enter", "widget.error-report"),
        ],
    ),
    "el": (
        "Πώς θα λειτουργήσουν τα σχολεία τον Σεπτέμβριο",
        [
            J("Κοινοποίηση", "widget.share"),
            (
                "Με νέο ωρολόγιο πρόγραμμα θα ανοίξουν τα σχολεία τον Σεπτέμβριο, "
                "σύμφωνα με ανακοίνωση του υπουργείου Παιδείας."
            ),
            (
                "Η υπουργός δήλωσε ότι οι αλλαγές στοχεύουν στη μείωση του φόρτου εργασίας "
                "των μαθητών και στην ενίσχυση των ξένων γλωσσών."
            ),
            J("Διαβάστε επίσης:", "related.heading"),
            J("Πανελλαδικές 2024: Πότε ανακοινώνονται οι βάσεις", "related.heading"),
            "Οι σύλλογοι εκπαιδευτικών ζητούν διάλογο με το υπουργείο πριν από την εφαρμογή των αλλαγών.",
            J("Ακολουθήστε το Example.gr στο Google News", "widget.follow-us"),
        ],
    ),
}


def _split(lines: list[str | tuple[str, str]]) -> tuple[list[str], dict[str, str], list[str]]:
    """All lines in order, the furniture with the rule that removes it, and the prose."""
    texts = [line if isinstance(line, str) else line[0] for line in lines]
    junk = {line[0]: line[1] for line in lines if isinstance(line, tuple)}
    prose = [line for line in lines if isinstance(line, str)]
    return texts, junk, prose


@pytest.mark.parametrize("lang", ARTICLES)
def test_furniture_goes_from_a_text_dump_and_the_prose_stays(lang: str) -> None:
    title, lines = ARTICLES[lang]
    texts, junk, prose = _split(lines)
    article = newsclean.clean_text("\n".join([title, *texts]))
    assert list(article.paragraphs) == prose
    assert {r.text: r.rule for r in article.removed if r.text in junk} == junk


@pytest.mark.parametrize("lang", ARTICLES)
def test_furniture_goes_from_a_page_and_the_prose_stays(lang: str) -> None:
    title, lines = ARTICLES[lang]
    texts, junk, prose = _split(lines)
    body = "\n".join(f"<p>{html.escape(text)}</p>" for text in texts)
    page = f'<html lang="{lang[:2]}"><body><article><h1>{html.escape(title)}</h1>\n{body}\n</article></body></html>'
    article = newsclean.clean_html(page)
    assert list(article.paragraphs) == prose
    assert {r.text: r.rule for r in article.removed if r.text in junk} == junk
