"""Romanian: every word the benchmark reads or writes in Romanian."""

from supportbench.languages.language import Language

LANGUAGE = Language(
    code="ro",
    name="Romanian",
    stemmer="romanian",
    wrote=("a scris",),
    original_message=(
        "mesaj original",
        "mesajul original",
    ),
    forwarded=("mesaj redirecționat", "mesaj transmis"),
    header_from=(
        "de la",
        "de",
        "expeditor",
    ),
    header_other=(
        "trimis",
        "data",
        "către",
        "catre",
        "subiect",
        "cc",
    ),
    sign_offs=(
        "cu stim[ăa]",
        "cu respect",
        "toate cele bune",
        "o zi bun[ăa]",
        "mul[țţt]umim",
        "v[ăa] mul[țţt]umim",
        "cu drag",
        r"numai bine",
        r"cu considerație",
        r"cu bine",
        r"vă dorim o zi bună",
    ),
    device_footers=(
        "trimis de pe",
        "trimis de la",
    ),
    reply_above=(
        r"(vă rugăm să )?(scrieți|răspundeți|introduceți) (răspunsul )?(deasupra|mai sus de) (acestei|această) linii",
    ),
    desk_chrome=(
        r"(solicitarea|cererea|tichetul) (dvs\.?|dumneavoastră) \(?#?\d+\)? a fost actualizat[ăa]",
        r"pentru a adăuga (alte )?comentarii,? răspundeți la acest e-?mail",
    ),
    greetings=(
        "bun[ăa] ziua",
        "bun[ăa] seara",
        "bun[ăa] diminea[țţ]a",
        "bun[ăa]",
        "stimat[ăae]",
        "salut(are)?",
        "drag[ăa]",
    ),
    thanks=(r"mulțum", r"multum", r"o zi bună", r"cu plăcere"),
    apologies=(
        "ne cerem scuze",
        "îmi cer scuze",
        "scuze",
        "ne pare rău",
        "regretăm",
        "ne scuzați",
    ),
    team_words=(
        "echipa",
        "echipă",
        "serviciul",
        "departament",
    ),
    hour_units=(
        "ore",
        "oră",
        "h",
    ),
    day_units=(
        "zile",
        "zi",
    ),
    business_day_units=(
        "zile lucrătoare",
        "zi lucrătoare",
    ),
    months=(
        "ian",
        "feb",
        "mar",
        "apr",
        "mai",
        "iun",
        "iul",
        "aug",
        "sep",
        "oct",
        "noi",
        "dec",
    ),
    bounce_subject=(
        "nelivrat",
        "nu a putut fi livrat",
    ),
    bounce_body=(
        "nu a putut fi livrat",
        "mesajul nu a fost livrat",
    ),
    auto_subject=(
        "răspuns automat",
        "absent de la birou",
        "solicitare(a)? (nr|înregistrată)",
    ),
    automatic_body=(
        r"acesta este un (mesaj|răspuns) automat",
        r"mesaj (generat|trimis) automat",
        r"nu (răspundeți|raspundeti) (la acest|acestui) (mesaj|e-?mail)",
        r"sunt în concediu",
        r"lipsesc din birou",
        r"sunt plecat",
        r"adresă nu este monitorizată",
    ),
    ack_body=(
        r"am primit (mesajul|solicitarea|e-?mailul|cererea)",
        r"solicitarea (dumneavoastră )?(a fost înregistrată|nr)",
        r"vă vom răspunde (în cel mult|în cel mai scurt timp|cât mai curând|în \d+)",
        r"un coleg vă va răspunde",
        r"numărul (solicitării|tichetului)",
    ),
    survey=(
        r"cum v-am ajutat",
        r"evaluați",
        r"sondaj",
        r"chestionar",
    ),
    unsubscribe=(
        r"dezabonare",
        r"dezabonează",
        r"dezabonați",
    ),
    account=(
        r"resetarea parolei",
        r"reseta(ți|ți-vă)? parola",
        r"confirm(ă|ați) (adresa|contul)",
    ),
    deferral=(
        r"am transmis",
        r"am redirecționat",
        r"(vă|te) (vor|va|vom) contacta",
        r"(vă|te) contact(ează|ăm)",
        r"revenim (cu un răspuns|în cel mai scurt timp|cu detalii)",
        r"vă vom răspunde (ulterior|după)",
    ),
    negations=(
        r"nu",
        r"din păcate",
        r"doar",
        r"numai",
        r"niciodată",
    ),
    week_units=(
        r"săptămân[ăia]",
        r"săptămâni",
    ),
    tomorrow=(
        r"mâine",
        r"astăzi",
        r"azi",
    ),
    follow_up=(
        "Bună ziua,\n\nv-am scris pe {date} (referința {reference}) și nu am primit încă un răspuns. "
        "Ați putea să vă uitați la mesajul meu de mai jos?\n\nMulțumesc."
    ),
)
