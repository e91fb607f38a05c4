"""The words of courtesy and of mail clients, per language, that reading a reply relies on.

Data only, with the compiled patterns built from it. Written from the mail clients'
own strings (Gmail, Outlook, Thunderbird, Apple Mail, Roundcube in each language) and
from how desks in the seed texts' countries write. Each entry is a regular expression
fragment matched case-insensitively; `\\b` is added where the start of a word matters.
Help desks mix languages (an English Outlook header in a Polish reply), so quote and
signature markers are matched in every language at once; courtesy is judged in the
vendor's own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class LanguageWords:
    """One language's phrases; every field is a tuple of regex fragments."""

    wrote: tuple[str, ...]  # the verb ending a quote attribution: "On ... X wrote:"
    original_message: tuple[str, ...]  # "-----Original Message-----" separators
    header_from: tuple[str, ...]  # the first field of a quoted Outlook header block
    header_other: tuple[str, ...]  # the fields that follow it
    sign_offs: tuple[str, ...]  # closing formulas that open the signature
    greetings: tuple[str, ...]
    apologies: tuple[str, ...]
    hour_units: tuple[str, ...]  # for promised times: "within 24 hours"
    day_units: tuple[str, ...]
    business_day_units: tuple[str, ...]
    months: tuple[str, ...]  # month-name stems, for a return date in an out-of-office


WORDS: dict[str, LanguageWords] = {
    "en": LanguageWords(
        wrote=(r"wrote", r"writes"),
        original_message=(r"original message", r"forwarded message", r"reply above this line"),
        header_from=(r"from",),
        header_other=(r"sent", r"date", r"to", r"subject", r"cc"),
        sign_offs=(
            r"(best|kind|warm|many thanks and|with kind)?\s*regards",
            r"best( wishes)?",
            r"sincerely( yours)?",
            r"yours (sincerely|faithfully|truly)",
            r"(many )?thanks( again)?",
            r"thank you",
            r"cheers",
            r"all the best",
        ),
        greetings=(r"hello", r"hi", r"hey", r"dear", r"good (morning|afternoon|evening|day)", r"greetings"),
        apologies=(r"sorry", r"apologi[sz]e", r"apologies", r"we regret", r"pardon"),
        hour_units=(r"hours?", r"hrs?", r"h"),
        day_units=(r"days?",),
        business_day_units=(r"(business|working|work) days?",),
        months=(r"jan", r"feb", r"mar", r"apr", r"may", r"jun", r"jul", r"aug", r"sep", r"oct", r"nov", r"dec"),
    ),
    "pl": LanguageWords(
        wrote=(r"napisał\(a\)", r"napisała", r"napisał", r"pisze"),
        original_message=(r"oryginalna wiadomość", r"wiadomość oryginalna", r"przekazana wiadomość"),
        header_from=(r"od", r"nadawca"),
        header_other=(r"wysłano", r"wysłane", r"data", r"do", r"temat", r"dw"),
        sign_offs=(
            r"z poważaniem",
            r"pozdrawiam(y)?( serdecznie)?",
            r"serdecznie pozdrawiam(y)?",
            r"(z )?wyrazami szacunku",
            r"łączę pozdrowienia",
            r"dziękuję|dziękujemy",
        ),
        greetings=(r"dzień dobry", r"witam", r"witamy", r"szanown[aiye]+", r"cześć", r"dobry wieczór", r"hej"),
        apologies=(r"przepraszam(y)?", r"przeprosiny", r"przepraszając", r"wybacz", r"najmocniej przepraszamy"),
        hour_units=(r"godzin[ya]?", r"godz\.?", r"h"),
        day_units=(r"dni", r"dnia", r"dzień"),
        business_day_units=(r"dni roboczych", r"dni robocze", r"dnia roboczego", r"dzień roboczy"),
        months=(
            r"stycz",
            r"lut",
            r"mar",
            r"kwie",
            r"maj",
            r"czerw",
            r"lip",
            r"sierp",
            r"wrze",
            r"paźdz",
            r"listop",
            r"grud",
        ),
    ),
    "ru": LanguageWords(
        wrote=(r"написал\(а\)", r"написала", r"написал", r"пишет"),
        original_message=(r"исходное сообщение", r"пересылаемое сообщение", r"оригинальное сообщение"),
        header_from=(r"от", r"отправитель"),
        header_other=(r"отправлено", r"дата", r"кому", r"тема", r"копия"),
        sign_offs=(
            r"с уважением",
            r"с наилучшими пожеланиями",
            r"всего (доброго|хорошего)",
            r"спасибо( за обращение)?",
            r"благодарим за обращение",
        ),
        greetings=(
            r"здравствуйте",
            r"добрый (день|вечер)",
            r"доброе утро",
            r"уважаем(ая|ый|ые)",
            r"привет",
            r"приветствуем",
        ),
        apologies=(r"извин", r"просим прощения", r"прошу прощения", r"приносим (свои )?извинения"),
        hour_units=(r"час(а|ов)?", r"ч\.?"),
        day_units=(r"дн(я|ей)", r"день", r"суток"),
        business_day_units=(r"рабочих дн(я|ей)", r"рабочий день", r"рабочего дня"),
        months=(
            r"январ",
            r"феврал",
            r"март",
            r"апрел",
            r"ма[яй]",
            r"июн",
            r"июл",
            r"август",
            r"сентябр",
            r"октябр",
            r"ноябр",
            r"декабр",
        ),
    ),
    "fi": LanguageWords(
        wrote=(r"kirjoitti",),
        original_message=(r"alkuperäinen viesti", r"välitetty viesti"),
        header_from=(r"lähettäjä",),
        header_other=(r"lähetetty", r"päivämäärä", r"vastaanottaja", r"aihe", r"kopio"),
        sign_offs=(
            r"ystävällisin terveisin",
            r"parhain terveisin",
            r"terveisin",
            r"ystävällisesti",
            r"kiittäen",
            r"hyvää päivänjatkoa",
        ),
        greetings=(r"hei", r"moi", r"terve", r"hyvä", r"hyvää (päivää|huomenta|iltapäivää)", r"arvoisa"),
        apologies=(r"pahoittel", r"anteeksi", r"pyydämme anteeksi", r"valitettavasti emme"),
        hour_units=(r"tunnin", r"tunnissa", r"tuntia", r"tunti", r"h"),
        day_units=(r"päivän", r"päivässä", r"päivää", r"vuorokauden"),
        business_day_units=(r"arkipäivän", r"arkipäivässä", r"arkipäivää", r"työpäivän", r"työpäivässä"),
        months=(
            r"tammi",
            r"helmi",
            r"maalis",
            r"huhti",
            r"touko",
            r"kesä",
            r"heinä",
            r"elo",
            r"syys",
            r"loka",
            r"marras",
            r"joulu",
        ),
    ),
    "ro": LanguageWords(
        wrote=(r"a scris",),
        original_message=(r"mesaj original", r"mesajul original", r"mesaj redirecționat"),
        header_from=(r"de la", r"de", r"expeditor"),
        header_other=(r"trimis", r"data", r"către", r"catre", r"subiect", r"cc"),
        sign_offs=(
            r"cu stim[ăa]",
            r"cu respect",
            r"toate cele bune",
            r"o zi bun[ăa]",
            r"mul[țţt]umim",
            r"v[ăa] mul[țţt]umim",
            r"cu drag",
        ),
        greetings=(
            r"bun[ăa] ziua",
            r"bun[ăa] seara",
            r"bun[ăa] diminea[țţ]a",
            r"bun[ăa]",
            r"stimat[ăae]",
            r"salut(are)?",
            r"drag[ăa]",
        ),
        apologies=(r"ne cerem scuze", r"îmi cer scuze", r"scuze", r"ne pare rău", r"regretăm", r"ne scuzați"),
        hour_units=(r"ore", r"oră", r"h"),
        day_units=(r"zile", r"zi"),
        business_day_units=(r"zile lucrătoare", r"zi lucrătoare"),
        months=(r"ian", r"feb", r"mar", r"apr", r"mai", r"iun", r"iul", r"aug", r"sep", r"oct", r"noi", r"dec"),
    ),
    "de": LanguageWords(
        wrote=(r"schrieb",),
        original_message=(r"ursprüngliche nachricht", r"weitergeleitete nachricht"),
        header_from=(r"von",),
        header_other=(r"gesendet", r"datum", r"an", r"betreff", r"cc"),
        sign_offs=(r"mit freundlichen grüßen", r"freundliche grüße", r"viele grüße", r"beste grüße", r"danke"),
        greetings=(r"hallo", r"guten (tag|morgen|abend)", r"sehr geehrte[rs]?", r"liebe[rs]?"),
        apologies=(r"entschuldig", r"tut uns leid", r"bedauern"),
        hour_units=(r"stunden", r"std\.?", r"h"),
        day_units=(r"tagen?", r"tage"),
        business_day_units=(r"werktagen?", r"arbeitstagen?"),
        months=(r"jan", r"feb", r"märz", r"apr", r"mai", r"jun", r"jul", r"aug", r"sep", r"okt", r"nov", r"dez"),
    ),
}


# "Re:", "RE[2]:", "Odp:", "Ответ:", "Vs:", "AW:", "Răspuns:": a reply's subject prefix in any client's language.
REPLY_PREFIX = re.compile(r"^\s*(?:re|odp|otv|отв|ответ|vs|sv|aw|wg|răspuns|rasp|r)\s*(?:\[\d+\])?\s*:\s*", re.I)


def _alternation(fragments: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{fragment})" for fragment in sorted(fragments, key=len, reverse=True))


def _all(field: str) -> list[str]:
    return [fragment for words in WORDS.values() for fragment in getattr(words, field)]


@dataclass(frozen=True)
class MarkerPatterns:
    """Patterns for the structure of a reply, in every language at once."""

    attribution_end: re.Pattern[str]
    original_message: re.Pattern[str]
    header_from: re.Pattern[str]
    header_other: re.Pattern[str]
    sign_off: re.Pattern[str]


@cache
def markers() -> MarkerPatterns:
    return MarkerPatterns(
        # "On Tue, 3 Nov 2026 at 10:00, Alex <a@b> wrote:" and its translations; the verb ends the line.
        attribution_end=re.compile(rf"(?:{_alternation(_all('wrote'))})\s*:?\s*$", re.I),
        original_message=re.compile(rf"^[\s>]*-{{2,}}\s*(?:{_alternation(_all('original_message'))})\s*-*\s*$", re.I),
        header_from=re.compile(rf"^[\s>*]*(?:{_alternation(_all('header_from'))})\s*:\s*\S", re.I),
        header_other=re.compile(rf"^[\s>*]*(?:{_alternation(_all('header_other'))})\s*:\s*", re.I),
        # A sign-off stands on its own line, perhaps with a comma or an exclamation mark.
        sign_off=re.compile(rf"^\s*(?:{_alternation(_all('sign_offs'))})\s*[,.!]?\s*$", re.I),
    )


@dataclass(frozen=True)
class CourtesyPatterns:
    """One language's courtesy and time patterns."""

    greeting: re.Pattern[str]
    apology: re.Pattern[str]
    promised_time: re.Pattern[str]  # groups: number, business unit, day unit, hour unit
    month: re.Pattern[str]


@cache
def courtesy(language: str) -> CourtesyPatterns:
    words = WORDS[language]
    return CourtesyPatterns(
        greeting=re.compile(rf"^\W*(?:{_alternation(words.greetings)})\b", re.I),
        apology=re.compile(rf"(?<!\w)(?:{_alternation(words.apologies)})", re.I),
        promised_time=re.compile(
            rf"(?<![\d.,])(\d{{1,3}})\s*(?:-|de\s+)?\s*"
            rf"(?:({_alternation(words.business_day_units)})|({_alternation(words.day_units)})"
            rf"|({_alternation(words.hour_units)}))(?!\w)",
            re.I,
        ),
        month=re.compile(rf"(?<!\w)(?:{_alternation(words.months)})\w*\.?\s", re.I),
    )
