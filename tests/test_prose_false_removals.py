"""News prose that the text rules took for boilerplate, and furniture they missed (the prose probe of session 31).

Each case is an article run twice, as a page (``clean_html`` on an <article>) and as a text dump (``clean_text``, a
line a paragraph): its prose must stay, and the boilerplate set among it must still go, credited to its rule.

A case is written as text: its first paragraph is the title, then a paragraph a block (its wrapped lines joined by
a space); "[rule.id] " before a paragraph marks boilerplate that rule must remove, "## " a subheading.
"""

from __future__ import annotations

import html
import re

import pytest

import newsclean

#: A body paragraph: (text, None) for the article's own text, (text, rule id) for boilerplate that rule must remove.
Line = tuple[str, str | None]
_MARK = re.compile(r"^\[([\w.-]+)\] ")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _article(case: str) -> tuple[str, list[Line]]:
    blocks = [" ".join(block.split()) for block in case.strip().split("\n\n")]
    body: list[Line] = []
    for block in blocks[1:]:
        mark = _MARK.match(block)
        body.append((block[mark.end() :], mark.group(1)) if mark else (block, None))
    return blocks[0], body


def _page(title: str, body: list[Line], lang: str) -> str:
    out = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)} | The Example Herald</title>",
        f'<meta property="og:title" content="{html.escape(title)}">',
        '<meta property="article:published_time" content="2024-03-05T09:00:00Z"></head><body>',
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/opinion'>Opinion</a></nav></header>",
        f"<main><article><h1>{html.escape(title)}</h1>",
        '<div class="byline">By Jane Doe</div><time datetime="2024-03-05">March 5, 2024</time>',
        '<div class="article-body">',
    ]
    for text, _ in body:
        if text.startswith("## "):
            out.append(f"<h2>{html.escape(text[3:])}</h2>")
        else:
            out.append(f"<p>{html.escape(text)}</p>")
    out.append("</div>")
    out.append('<div class="share-buttons"><a>Share on Facebook</a> <a>Share on X</a> <a>Email</a></div>')
    out.append("</article></main><footer><p>© 2024 The Example Herald</p></footer></body></html>")
    return "\n".join(out)


def _check(title: str, body: list[Line], lang: str = "en") -> None:
    page = newsclean.clean_html(_page(title, body, lang), url="https://www.example-herald.com/news/2024/03/05/story")
    dump = newsclean.clean_text("\n".join([title] + [text.removeprefix("## ") for text, _ in body]))
    for mode, article in (("page", page), ("dump", dump)):
        kept = [_norm(p) for p in article.paragraphs]
        removed = [(r.rule, _norm(r.text)) for r in article.removed]
        for text, rule in body:
            text = _norm(text.removeprefix("## "))
            if rule is None:
                assert text in kept, f"{mode}: prose removed ({[r for r, t in removed if t == text]}): {text}"
            else:
                assert (rule, text) in removed, f"{mode}: not removed by {rule}: {text} (kept: {text in kept})"


def _check_case(case: str, lang: str = "en") -> None:
    title, body = _article(case)
    _check(title, body, lang)


FOREIGN_APPEALS = {
    "de": """
Polizei sucht vermissten 82-Jährigen aus Freiburg

Die Polizei in Freiburg sucht seit Sonntagabend nach einem 82 Jahre alten Mann, der aus einem Pflegeheim im
Stadtteil Herdern verschwunden ist.

Der Mann ist dement und auf Medikamente angewiesen. Er trug zuletzt eine blaue Jacke und eine graue Hose.

Unterstützen Sie uns bei der Suche, bat ein Polizeisprecher die Bevölkerung am Montagnachmittag. Wer den Mann
gesehen habe, solle sich melden.

Ein Hubschrauber und mehrere Suchhunde waren bereits im Einsatz, bislang ohne Erfolg.

Hinweise nimmt das Polizeipräsidium Freiburg rund um die Uhr entgegen.

Die Angehörigen hoffen, dass der Mann noch in der Nähe ist.

[donation.appeal] Jetzt spenden!
""",
    "es": """
Los bomberos voluntarios de la comarca piden un camión nuevo

Los bomberos voluntarios de la comarca atendieron el año pasado más de 300 emergencias con un camión que tiene
ya 28 años.

Apoya el trabajo de los voluntarios el 80% de los vecinos, según una encuesta de la propia comarca.

El ayuntamiento ha prometido una subvención, pero no cubrirá ni la mitad del precio de un vehículo nuevo.

Haz una donación y ayuda a comprar un camión nuevo, reza la campaña que la asociación ha lanzado en redes
sociales, con un objetivo de 60.000 euros.

En dos semanas han reunido algo más de 20.000 euros, según la asociación.

El camión actual pasará la inspección técnica en mayo.

[donation.appeal] Haz una donación para apoyar el periodismo independiente.
""",
    "fr": """
La presse locale obtient un fonds de 30 millions d'euros

Le gouvernement a présenté mardi un plan de soutien aux journaux locaux, dont une centaine ont fermé depuis
2015.

Soutenir le journalisme indépendant est devenu une priorité pour le gouvernement, a déclaré mardi la ministre de
la Culture, qui promet un fonds de 30 millions d'euros pour la presse de proximité.

Plusieurs sites d'information en ligne ont déjà adopté le modèle du don défiscalisé, qui permet aux lecteurs de
déduire une partie de leur contribution de leurs impôts.

Faites un don et vous recevrez un reçu fiscal : la formule, empruntée aux associations, a rapporté 400 000 euros
au site l'an dernier, selon son fondateur.

Les syndicats de journalistes ont salué l'annonce, tout en demandant des garanties sur l'indépendance des
rédactions.

Le fonds sera ouvert aux candidatures à partir du mois de juin.

[donation.appeal] Faites un don
""",
    "pt": """
Cooperativas do Sul recebem crédito de R$ 2 bilhões

O governo federal anunciou nesta terça-feira uma linha de crédito de R$ 2 bilhões para cooperativas agrícolas
atingidas pelas enchentes no Rio Grande do Sul.

Apoiar o trabalho das cooperativas é prioridade do governo, disse o ministro durante o anúncio em Brasília.

As cooperativas respondem por mais da metade da produção de leite e de grãos do estado.

Apoie o jornalismo local, pedia um cartaz levado por manifestantes que protestavam contra o fechamento de uma
rádio comunitária na mesma praça.

Faça uma doação de alimentos: a campanha, lançada pelas próprias cooperativas, já arrecadou 300 toneladas para
famílias atingidas pelas enchentes no Sul.

Os recursos devem ser liberados a partir do próximo mês, segundo o Banco do Brasil.

[donation.appeal] Faça uma doação para apoiar o jornalismo local.
""",
    "ru": """
Минспорт объявил о строительстве 500 новых площадок

Министерство спорта объявило в среду о строительстве 500 новых спортивных площадок в регионах до конца
следующего года.

Поддержите наших спортсменов, призвал министр болельщиков, приходите на стадионы и болейте за команду.

На программу выделено 12 миллиардов рублей из федерального бюджета.

Поддержите инициативу, добавил он, обращаясь к руководителям регионов, которые строят новые спортивные площадки.

Первые площадки откроются уже летом, сообщили в министерстве.

Заявки регионы должны подать до конца марта.

[donation.appeal] Поддержите нас
""",
}

DONATION_DRIVE = """
Herald's reader-funded newsroom hits its spring target a week early

The Riverside Courier, the county's last independent daily, said on Monday that its spring membership drive had
raised $412,000 from about 6,100 readers, beating its goal a week before the campaign was due to close.

The paper, which dropped its paywall in 2021 and has since been kept alive by reader donations, said the money
would pay for two new reporters covering the school board and the county jail.

Readers can give as little as $5 a month, and about a third of this year's donors chose that tier, according to
figures the Courier shared with the Herald.

Supporting independent journalism has become a cause for local philanthropists as well. The Harmon Family
Foundation matched the first $100,000 given during the drive.

Donations play a crucial role in the Courier's budget: they now make up 58 percent of its revenue, up from 12
percent five years ago, while print advertising has fallen to less than a fifth.

## A message from the founders

When the Courier's owners gave the paper to a nonprofit trust in 2020, they wrote to subscribers that the move
was the only way to keep the newsroom open.

That letter, which promised readers that their contributions would go to reporting and not to shareholders, is
still pinned to the top of the paper's website.

Media analysts say the model is fragile. Donor fatigue sets in after three or four years, said Ken Doctor, a
news industry analyst, and a recession can cut giving by a quarter.

The paper plans a second drive in the autumn, timed to the county elections.

[donation.reader-funded] Our non-profit newsroom provides coverage free of charge. Your one-off or monthly
donations play a crucial role in supporting our operations.

[donation.appeal] If you value our reporting, please support us today.
"""

RETIREMENT = """
Five ways to save more for retirement this year

Americans are saving more for retirement than they were a decade ago, but most still fall short of what planners
recommend.

Start with your employer's plan. Many match part of what you put in, and that match is the best return you will
get anywhere.

Many plans let you contribute as little as 1% of each paycheck and raise it automatically every year. Investors
can also contribute as little as $100 a month to most index funds.

Check your fees. A fund that charges 1 percent a year can cost you a quarter of your savings over 40 years.

If you value flexibility, consider contributing to a Roth account, which has no required withdrawals, rather
than a traditional one.

Finally, revisit your plan every year, and whenever your job or family changes.

[donation.appeal] Donate to the Herald
"""

FIRE = """
Fire destroys vacant warehouse on Canal Street

A fire destroyed a vacant warehouse on Canal Street early on Tuesday, and firefighters spent six hours bringing
it under control.

No one was hurt. The building had been empty since 2019, when its last tenant, a furniture maker, moved out.

Video from the scene showed flames shooting through the roof shortly after 4 a.m.

Photo from a neighbour's balcony shows the roof collapsing.

[caption.credit] Photo: Reuters

The fire department said the cause was under investigation, but that it was treating the fire as suspicious.

For residents, the bigger picture: three vacant buildings in the area have burned this year.

[caption.trailing-credit] Firefighters at the scene on Tuesday morning. Picture: Jane Roe

Video by bystanders was shared widely on social media.

The owner, a property company based in Delaware, did not respond to requests for comment.

City council member Ana Ruiz said she would ask for a hearing on vacant buildings next month.
"""

OBITUARY = """
Margaret Hale, foreign correspondent who covered the fall of the Soviet Union, dies at 81

Margaret Hale, a foreign correspondent whose dispatches from Moscow in the last years of the Soviet Union were
read aloud in the House of Commons, died on Saturday at her home in Oxford. She was 81.

Her daughter, Anna, said the cause was complications of a stroke.

Born in Leeds in 1943, she joined the Yorkshire Post at 19 and moved to London six years later.

Margaret Hale was a correspondent for The Guardian for 31 years.

She reported from Moscow, Beijing and Cairo.

She is survived by her daughter and two grandchildren.

[byline.author-bio] Jim Walsh is a senior reporter for the Courier-Post. Email: jwalsh@example.com.

[byline.contributed] Jane Roe contributed to this report.
"""

CASTING = """
'The Bear' star cast in Taika Waititi's new limited series

Ayo Edebiri has been cast in the lead role of a new limited series from Taika Waititi for FX, the network said
on Tuesday.

The eight-episode series follows a hotel concierge in 1970s Los Angeles who is drawn into a smuggling ring.

Production begins in Atlanta in May, and the series is expected to air next year.

Edebiri won an Emmy in January for her role as Sydney Adamu in The Bear.

Taika Waititi is an executive producer on the series and will direct the first two episodes.

[byline.author-bio] Jane Roe is an entertainment reporter at the Example Herald.
"""

LIVE_BLOG = """
Storm Ciarán live: power cuts for 150,000 homes as winds hit 100mph

Storm Ciarán has brought winds of more than 100mph to the south coast of England and to the Channel Islands,
cutting power to about 150,000 homes.

The Met Office has issued an amber warning for wind across southern England until 9pm.

Updated 2:15 p.m.: Network Rail says all lines out of Waterloo are closed.

Southern, Southeastern and Great Western Railway have told passengers not to travel. Network Rail said it had
cleared more than 60 fallen trees from the tracks since midnight.

More than 200 schools in Cornwall and Devon are shut today, the two county councils have said. Parents should
check their school's website for updates.

More — and heavier — rain is forecast for Thursday night, the Met Office said.

[related.inline] RELATED: What to do if your power goes out

Recommended: stay away from the seafront, coastguards say, as waves of up to 10 metres are expected at high
tide.

The last storm of comparable strength, Storm Pia, brought gusts of 90mph to Scotland and left 40,000 homes
without power.

Sign up for alerts from your local council to be told of flood warnings in your area, the Environment Agency
advised.

Ferries between Portsmouth and the Isle of Wight are suspended until Thursday morning.

[newsletter.signup] Sign up for our newsletter
"""

NEWSLETTERS = """
Inside the boom in paid newsletters, and the writers it leaves behind

When Priya Natarajan left her job as a magazine editor in 2022, she had 900 email subscribers and no plan for
how to make money from them.

Two years later her weekly letter about South Asian food has 41,000 readers, about 3,800 of whom pay $7 a month.
It is now her only job.

But the economics are harsh for most. A 2024 survey found that the median paid newsletter earns less than $1,000
a year.

Some writers have gone back to newsrooms. Others have formed collectives that share one subscription and one
editor.

Natarajan said she would not go back. Readers who sign up for her free weekly newsletter get one recipe a month;
those who pay get all four and an archive of 300 more.

She is now writing a cookbook, which she plans to sell first to her subscribers, and hopes to hire an assistant
this year.

[newsletter.signup] Sign up for our free daily newsletter to get the top stories in your inbox.
"""

SCAM = """
Fake parcel texts are back: how to spot them

Police in three states have warned of a new wave of text messages claiming that a parcel could not be delivered
and asking the recipient to pay a small redelivery fee.

The messages link to convincing copies of the Postal Service or FedEx websites, where victims enter their card
details.

The Federal Trade Commission said Americans reported losing $330 million to text scams last year, more than
double the figure for 2021.

The same gang also sends fake invoices sent to your inbox.

Tap here to subscribe, one recent message read, followed by a link to a fake loyalty programme.

Be the first to know when your parcel arrives, another promised, by downloading an app that turned out to be
spyware.

[newsletter.signup] Get the latest articles and how-to guides delivered to your inbox.

Investigators said the gang behind the texts was based in China and rented phone farms in the United States.

Real delivery companies will never ask for payment by text, the Postal Inspection Service said.
"""

PLATFORM = """
Substack's chief on paying writers, and why he is not building a social network

Chris Best co-founded Substack in 2017 with the idea that writers could make a living from subscriptions alone.
Seven years later the platform says it has more than three million paid subscriptions.

We spoke to him in San Francisco about growth, moderation and competition. The interview has been condensed.

Why not sell ads? Because then the reader is not the customer.

We earn revenue only when writers do, so our incentives are the same as theirs. That's the difference between us
and a social network.

We receive a commission on every subscription, not on every click, and that changes what you build.

Subscribe to a writer and you get their work in your inbox. Follow an account on X and you get whatever the
algorithm decides.

[copyright.affiliate-tail] If you make a purchase by clicking one of the links, we may earn an affiliate fee.
"""

HOWTO = """
How to download everything you have ever posted before you quit social media

Quitting a social network is easy. Keeping the photos, messages and posts you shared there over a decade takes a
little more work.

Every big platform now has a tool to export your data, a requirement of European privacy law that the companies
have extended to users elsewhere.

On X, the archive is under Settings, Your account, Download an archive of your data. It can take 24 hours or
more.

Follow along on YouTube if you prefer to watch: several privacy groups, including the Electronic Frontier
Foundation, have posted step-by-step videos.

Once you have the files, keep two copies in different places, said Lena Park, a digital archivist at the
University of Michigan.

[widget.follow-prompt] Want more tech how-tos? Follow me on Pinterest to see what I'm pinning.
"""

NURSING_HOMES = """
Texas nursing homes cut nurses as falls and bedsores rose, records show

Nursing homes in Texas cut the number of nurses on duty by a fifth between 2019 and 2023, even as reports of
falls and bedsores among residents rose, according to state inspection records.

The records, obtained through public information requests, cover 1,180 homes and more than 90,000 inspections.

Homes owned by private equity firms cut staff the most, by 27 percent on average.

Industry groups said the homes could not find nurses to hire at the rates Medicaid pays.

Reporting by ProPublica and The Texas Tribune in 2022 found similar patterns in homes owned by real estate
investment trusts.

The commission said residents and families who see problems can call its complaint line, which is open 24 hours
a day.

[byline.reuters-credit] Reporting by Jane Roe; Editing by John Doe
"""

COPYRIGHT_LAW = """
What 'all rights reserved' actually means, and why it may not matter

The phrase appears at the foot of almost every website, book and album sleeve. Lawyers say it has had no legal
force in most of the world for more than a century.

Copyright notices that say all rights reserved are a relic of the 1910 Buenos Aires Convention, which required
them for protection across the Americas, said Rebecca Tushnet, a professor at Harvard Law School.

Since the United States joined the Berne Convention in 1989, a work is protected from the moment it is fixed,
with or without a notice.

[copyright.notice] © Example Magazine. Not to be reproduced without permission

Publishers keep printing the phrase anyway, Tushnet said, because it costs nothing and may deter a copier.

Courts have rarely been asked to rule on it since.
"""


@pytest.mark.parametrize("lang", sorted(FOREIGN_APPEALS))
def test_appeals_a_story_reports_in_other_languages_are_kept(lang: str) -> None:
    # donation.appeal: the speaker after the verb (", a déclaré mardi la ministre", ", bat ein Polizeisprecher"), or a
    # source (", selon son fondateur", ", según una encuesta"); a donation in kind ("doação de alimentos").
    _check_case(FOREIGN_APPEALS[lang], lang)


def test_money_advice_and_a_story_about_a_donation_drive_keep_their_appeal_words() -> None:
    # donation.appeal: "as little as" given to someone else, "Supporting …" as a subject, "If you value …" advice;
    # donation.reader-funded and donation.message-from-publisher (a heading without a colon) on another paper's drive.
    _check_case(DONATION_DRIVE)
    _check_case(RETIREMENT)


def test_a_fire_story_keeps_its_sentences_about_pictures_and_video() -> None:
    # caption.credit ("Video from the scene showed …"), caption.trailing-credit ("the bigger picture: …").
    _check_case(FIRE)


def test_people_in_the_news_are_not_taken_for_the_author() -> None:
    # byline.author-bio ("was a correspondent", "an executive producer"), byline.contributed ("She reported from …"),
    # in the last paragraphs.
    _check_case(OBITUARY)
    _check_case(CASTING)


def test_a_live_blog_keeps_its_timed_entries_and_reported_advice() -> None:
    # update_banner.timestamp-line ("Updated 2:15 p.m.: Network Rail says …"), related.inline ("More — …",
    # "Recommended: …, coastguards say, …"), newsletter.signup (advice with its speaker).
    _check_case(LIVE_BLOG)


def test_stories_about_newsletters_scams_and_platforms_keep_their_sentences() -> None:
    # newsletter.prompt (her newsletter, their work in your inbox), newsletter.inbox-line ("sent to your inbox", a
    # quoted scam text), newsletter.join (a quoted promise), copyright.affiliate-tail ("We earn revenue …"),
    # widget.follow-prompt ("Follow along on YouTube …").
    _check_case(NEWSLETTERS)
    _check_case(SCAM)
    _check_case(PLATFORM)
    _check_case(HOWTO)


def test_prose_that_opens_like_a_wire_credit_or_a_copyright_notice_is_kept() -> None:
    # byline.reuters-credit (names, then prose; the bracketed credit goes), copyright.notice ("Copyright notices …").
    _check_case(NURSING_HOMES)
    _check_case(COPYRIGHT_LAW)


AWARDS = """
'Anora' wins best picture at the Oscars

Anora, Sean Baker's comedy about a Brooklyn stripper who marries the son of a Russian oligarch, won best picture
at the 97th Academy Awards on Sunday.

The film won five Oscars in all, including best director, best original screenplay and best editing for Baker.

Mikey Madison, 25, won best actress for the title role, beating Demi Moore, who had been the favourite.

Adrien Brody won best actor for The Brutalist, his second win in the category after The Pianist in 2003.

Kieran Culkin and Zoe Saldaña won the supporting acting awards, as expected.

The ceremony, hosted for the first time by Conan O'Brien, paid tribute to the firefighters who fought the Los
Angeles wildfires in January.
"""
WINNERS = """
## Full list of winners

Best Director Sean Baker for Anora

Best Actress Mikey Madison for Anora

Best Actor Adrien Brody for The Brutalist

Best Supporting Actress Zoe Saldaña for Emilia Pérez

Best Supporting Actor Kieran Culkin for A Real Pain
"""


def test_a_closing_list_whose_lines_start_alike_is_not_a_teaser_box() -> None:
    # heuristic.trailing-teasers: the winners' list stays; a closing box of other stories' headlines still goes.
    _check_case(AWARDS + WINNERS)
    teasers = [
        "Demi Moore Opens Up About Her Oscar Loss",
        "Five Films To Stream This Weekend",
        "Conan O'Brien Will Host Again Next Year",
    ]
    title, body = _article(AWARDS)
    article = newsclean.clean_text("\n".join([title] + [text for text, _ in body] + teasers))
    assert [(r.rule, r.text) for r in article.removed] == [("heuristic.trailing-teasers", t) for t in teasers]


#: Furniture that survived both paths, set among a council story (in its middle and at its end), and the rule that
#: now removes it. None of these lines is a gold paragraph of the three benchmark sets.
FURNITURE = {
    "Share this article on WhatsApp": "widget.share-prompt",
    "Comments (12)": "widget.podcast-and-comment-notes",
    "Join the conversation": "widget.comment-form",
    "Have your say in the comments below.": "widget.comment-form",
    "Donate to the Herald": "donation.appeal",
    "Unlock unlimited access for $1 a week": "widget.login-prompt",
    "Give a gift subscription": "widget.login-prompt",
    "Most Viewed": "related.more-from",
    "Editor's picks": "related.more-from",
    "Recommended reading": "related.more-from",
    "Read more stories like this": "related.more-from",
    "Les plus lus": "related.more-from",
    "Mais lidas": "related.more-from",
    "Lo más leído": "related.more-from",
    "Самое читаемое": "related.more-from",
    "Mehr lesen": "widget.page-furniture",
    "Lire la suite": "widget.page-furniture",
    "Leia mais": "widget.page-furniture",
    "Читать далее": "widget.page-furniture",
    "Suscríbete": "newsletter.signup",
    "Iscriviti alla newsletter": "newsletter.signup",
    "Подпишитесь на наш Telegram-канал": "widget.follow-us",
}
COUNCIL = """
Council approves budget with money for fire stations

The city council voted 7-2 on Tuesday to approve a $48 million budget for the coming year, including money for
two new fire stations.

The vote followed three hours of public comment, much of it about a proposed cut to library hours, which the
council eventually dropped.

Council member Ana Ruiz, who voted against the budget, said it relied on optimistic forecasts for sales tax
revenue.

The mayor said the city had built up reserves over the past three years and could absorb a shortfall if the
economy slowed.

The budget takes effect on July 1. A second vote, on the capital plan, is scheduled for next month.

Residents can read the full budget on the city's website and at the main library, officials said.
"""


@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("line", sorted(FURNITURE))
def test_furniture_lines_are_removed(line: str, where: str) -> None:
    title, body = _article(COUNCIL)
    body.insert(3 if where == "middle" else len(body), (line, FURNITURE[line]))
    _check(title, body)
