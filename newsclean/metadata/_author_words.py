"""The words bylines are read with: wire agencies, the labels before a name and the suffixes after it in other
languages, role and organisation words, credentials, name particles and suffixes."""

from __future__ import annotations

from ._clean import fold

# Wire services, by the names bylines and datelines use, in their own scripts too ("新华社", "ТАСС", "رويترز"). Keys
# are folded (see ``fold``).
AGENCIES: dict[str, str] = {
    fold(name): canonical
    for canonical, names in {
        "Reuters": ("Reuters", "Thomson Reuters", "رويترز"),
        "AP": ("AP", "Associated Press", "The Associated Press"),
        "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "أ ف ب", "فرانس برس"),
        "Bloomberg": ("Bloomberg", "Bloomberg News"),
        "dpa": ("dpa", "Deutsche Presse-Agentur"),
        "EFE": ("EFE", "Agencia EFE"),
        "ANSA": ("ANSA",),
        "Xinhua": ("Xinhua", "Xinhua News Agency", "新华社", "新華社"),
        "PA": ("PA", "PA Media", "Press Association", "PA Wire"),
        "UPI": ("UPI", "United Press International"),
        "TASS": ("TASS", "ТАСС"),
        "Interfax": ("Interfax", "Интерфакс"),
        "Kyodo": ("Kyodo", "Kyodo News"),
        "Yonhap": ("Yonhap", "Yonhap News Agency", "연합뉴스"),
        "CNA": ("CNA",),
        "ANI": ("ANI",),
        "PTI": ("PTI", "Press Trust of India"),
        "IANS": ("IANS",),
        "CP": ("The Canadian Press", "Canadian Press"),
        "AAP": ("AAP", "Australian Associated Press"),
        "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
        "Europa Press": ("Europa Press",),
        "Lusa": ("Lusa",),
        "APA": ("APA",),
        "KNA": ("KNA",),
        "epd": ("epd",),
        "SID": ("SID",),
        "WAFA": ("WAFA",),
    }.items()
    for name in names
}
# Labels that introduce the author's name in other languages and scripts, as "By" and "Автор:" do, each followed by
# a space or a colon (a bare "文" could be a surname: "文在寅"). Chinese reporters' labels are ``CHINESE_LABELS``.
NATIVE_LABELS = (
    # Chinese: "author", "text by"
    "作者",
    "撰文",
    "文",
    # Japanese: "writer", "written by"
    "筆者",
    "執筆",
    # Korean: "text", "text and photos", "reporting"
    "글",
    "글·사진",
    "취재",
    # Arabic: "by the pen of", "wrote" (he, she), "the writer", "prepared by"; Persian: "writer", "by the pen of"
    "بقلم",
    "كتب",
    "كتبت",
    "الكاتب",
    "إعداد",
    "نویسنده",
    "به قلم",
    # Hebrew: "by"
    "מאת",
    # Greek: "by" (his, her: the name follows in the genitive), "writes", "write"
    "του",
    "της",
    "γράφει",
    "γράφουν",
    # Hindi: "writer" (he, she); Bengali: "writer"; Tamil: "written by"
    "लेखक",
    "लेखिका",
    "লেখক",
    "எழுதியவர்",
    # Thai: "writer", "by", "written by", "story"
    "ผู้เขียน",
    "โดย",
    "เขียนโดย",
    "เรื่อง",
    # Russian, Ukrainian: "text", "authors"; Indonesian, Malay: "by"
    "текст",
    "авторы",
    "автори",
    "oleh",
)
# Chinese reporters' labels: "reporter", "this paper's reporter", "this station's reporter", "special reporter",
# "correspondent". They may be written without a space before the name ("本报记者张三": no name starts with them), and
# after them names are separated by spaces ("本报记者 张三 李四": two people).
CHINESE_LABELS = (
    "本报记者",
    "本報記者",
    "本台记者",
    "本台記者",
    "特约记者",
    "特約記者",
    "记者",
    "記者",
    "通讯员",
    "通訊員",
)
# What other languages write after the name: Chinese and Japanese "reporter", Japanese "correspondent", "senior staff
# writer" and "editorial writer"; Korean "reporter" (senior, guest, specialist), "correspondent", "editorial writer";
# Hindi "by" (a postposition). Longest first, so "선임기자" goes whole before "기자" is tried.
NATIVE_SUFFIXES = tuple(
    sorted(
        (
            "记者",
            "記者",
            "特派員",
            "編集委員",
            "論説委員",
            "기자",
            "선임기자",
            "객원기자",
            "전문기자",
            "특파원",
            "논설위원",
            "द्वारा",
        ),
        key=len,
        reverse=True,
    )
)
# Role words that qualify the role after them ("Senior Editor", "Bureau Chief", "Head of News"): with no role
# after them, at the end of a two-word name, they are a surname ("Jennifer Senior", "Jonathan Head").
ROLE_QUALIFIERS = frozenset(
    [
        "senior",
        "chief",
        "deputy",
        "managing",
        "associate",
        "executive",
        "assistant",
        "contributing",
        "staff",
        "special",
        "political",
        "business",
        "science",
        "health",
        "sports",
        "tech",
        "technology",
        "foreign",
        "national",
        "international",
        "economics",
        "culture",
        "investigative",
        "data",
        "digital",
        "news",
        "opinion",
        "features",
        "travel",
        "food",
        "fashion",
        "freelance",
        "bureau",
        "head",
        "lead",
        "former",
        "certified",
        "licensed",
        "content",
        "marketing",
        "research",
    ]
)
# Job titles and roles that sites glue to names ("Jane Doe, Senior Reporter", "Jane Doe Chief Correspondent").
ROLE_WORDS = ROLE_QUALIFIERS | frozenset(
    [
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "editor-at-large",
        "editor-in-chief",
        "writer",
        "writers",
        "writer-at-large",
        "columnist",
        "columnists",
        "contributor",
        "contributors",
        "journalist",
        "journalists",
        "producer",
        "producers",
        "analyst",
        "analysts",
        "photographer",
        "photographers",
        "intern",
        "freelancer",
        "director",
        "founder",
        "ceo",
        "president",
        "professor",
        "researcher",
        "author",
        "host",
        "anchor",
        "presenter",
        "critic",
        "strategist",
        "fellow",
        "manager",
        "coordinator",
        "consultant",
        "expert",
        "specialist",
        "officer",
        "gardener",
        "blogger",
        "nutritionist",
        "dietitian",
        "educator",
        "engineer",
        "developer",
        "designer",
        "scientist",
        "economist",
        "advisor",
        "adviser",
        "redakteur",
        "redakteurin",
        "korrespondent",
        "korrespondentin",
        "journaliste",
        "rédacteur",
        "rédactrice",
        "periodista",
        "redactor",
        "correspondente",
        "repórter",
    ]
)
ORGANIZATION_WORDS = frozenset(
    [
        "news",
        "media",
        "press",
        "agency",
        "group",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "gmbh",
        "corp",
        "corporation",
        "company",
        "co.",
        "network",
        "networks",
        "times",
        "post",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "magazine",
        "daily",
        "weekly",
        "radio",
        "tv",
        "television",
        "channel",
        "broadcasting",
        "foundation",
        "institute",
        "university",
        "association",
        "council",
        "ministry",
        "department",
        "office",
        "team",
        "desk",
        "newsroom",
        "staff",
        "editorial",
        "editors",
        "services",
        "wire",
        "bureau",
        "online",
        "digital",
        "publishing",
        "publications",
        "center",
        "centre",
        "official",
        "tips",
        "city",
        "clinic",
        "hospital",
        "redazione",
        "bank",
        "store",
        "shop",
        "global",
        "dentistry",
        "dental",
        "pc",
        "llp",
        "plc",
        "studio",
        "studios",
        "solutions",
        "consulting",
        "labs",
        "academy",
        "insurance",
        "realty",
    ]
)
# Credentials written after a name ("Jane Doe, Ph.D.", "Lauren Manaker MS"), without their dots: a token is looked
# up with its dots taken out, so that "Ph.D.", "Ph.D" and "PhD" are one.
CREDENTIALS = frozenset(
    [
        "phd",
        "md",
        "ms",
        "ma",
        "mba",
        "rd",
        "rdn",
        "fand",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "mph",
        "rn",
        "cpa",
        "esq",
        "dr",
        "prof",
        "ld",
        "bsn",
        "msc",
        "bsc",
        "cpp",
        "psp",
    ]
)
# Part of a name, not a credential: "George T. Conway III", "John Garcia Jr." (without dots, as ``CREDENTIALS``).
NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
LOWER_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
        "zu",
        "ten",
        "ter",
    ]
)
# Capitalised words that start the article's text or the page's next widget rather than continue a name: a run
# "By Jane Doe The council met …" or "By Jane Doe View In Digital Edition" ends before them. Determiners,
# pronouns, conjunctions and prepositions that open sentences, and the labels of header widgets.
NOT_NAME_WORDS = frozenset(
    """
    the a an this that these those it its it's there here what when where why how who which while if as at in on
    for from with without after before during since until despite although though because but and or so yet
    our we i i'm he she they his her their my your you one two three many some all every each more most no not
    today yesterday tomorrow last next new
    view read share follow listen watch print email comments comment subscribe sign log skip click save
    updated published posted photo photos image images video audio advertisement sponsored home menu search
    getty credit courtesy editor's note
    """.split()  # noqa: SIM905 - a word list reads better as text than as 110 quoted strings
)
# Newsrooms that bylines glue to a name in capitals, with no separator: "Jane Doe CNN", "Jane Doe BBC Verify". Each
# is a broadcaster's or a paper's acronym that no surname spells (wire services are in ``AGENCIES``).
NEWSROOM_ACRONYMS = frozenset(
    """
    ABC ARD BBC CBC CBS CNBC CNN CTV DW ESPN FT ITV KBS MSNBC NBC NDTV NHK NPR NYT ORF PBS RAI RFI RNZ RTE RTÉ SBS
    SRF TRT VOA WSJ ZDF
    """.split()  # noqa: SIM905 - a list of acronyms reads better as text
)
# The words that join two names in a list (``_authors._SPLIT``'s, in the Latin script): one left at either end of a
# name is the rest of a list cut short ("MEG KINNARD and" in a Person node), never part of the name.
LIST_JOINERS = frozenset(["and", "&", "with", "und", "et", "y", "e", "i", "mit", "con", "avec"])
