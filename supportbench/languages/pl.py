"""Polish: every word the benchmark reads or writes in Polish."""

from supportbench.languages.language import Language

LANGUAGE = Language(
    code="pl",
    name="Polish",
    stemmer="polish",
    wrote=(
        r"napisał\(a\)",
        "napisała",
        "napisał",
        "pisze",
    ),
    original_message=(
        "oryginalna wiadomość",
        "wiadomość oryginalna",
    ),
    forwarded=("przekazana wiadomość", "wiadomość przekazana dalej"),
    header_from=(
        "od",
        "nadawca",
    ),
    header_other=(
        "wysłano",
        "wysłane",
        "data",
        "do",
        "temat",
        "dw",
    ),
    sign_offs=(
        "z poważaniem",
        "pozdrawiam(y)?( serdecznie)?",
        "serdecznie pozdrawiam(y)?",
        "(z )?wyrazami szacunku",
        "łączę pozdrowienia",
        "dziękuję|dziękujemy",
    ),
    device_footers=(
        "wysłano z",
        "wysłane z",
    ),
    reply_above=(
        r"(prosimy )?(o )?(wpisz|wpisanie|napisz|pisz) (swoj[aą] )?odpowied[źz] (powyżej|nad) t[eą]j? lini[ią]",
        r"odpowiedz powyżej tej linii",
    ),
    desk_chrome=(
        r"(twoje|państwa) zgłoszenie \(?#?\d+\)? zostało zaktualizowane",
        r"aby dodać (kolejny )?komentarz,? odpowiedz na t[eę] wiadomość",
        r"ta wiadomość jest usługą",
    ),
    greetings=(
        "dzień dobry",
        "witam",
        "witamy",
        "szanown[aiye]+",
        "cześć",
        "dobry wieczór",
        "hej",
    ),
    apologies=(
        "przepraszam(y)?",
        "przeprosiny",
        "przepraszając",
        "wybacz",
        "najmocniej przepraszamy",
    ),
    team_words=(
        "zespół",
        "obsługa",
        "dział",
        "biuro",
    ),
    hour_units=(
        "godzin[ya]?",
        r"godz\.?",
        "h",
    ),
    day_units=(
        "dni",
        "dnia",
        "dzień",
    ),
    business_day_units=(
        "dni roboczych",
        "dni robocze",
        "dnia roboczego",
        "dzień roboczy",
    ),
    months=(
        "stycz",
        "lut",
        "mar",
        "kwie",
        "maj",
        "czerw",
        "lip",
        "sierp",
        "wrze",
        "paźdz",
        "listop",
        "grud",
    ),
    bounce_subject=(
        "niedostarczon",
        "nie dostarczono",
    ),
    bounce_body=(
        "nie może zostać dostarczona",
        "nie została dostarczona",
    ),
    auto_subject=(
        "nieobecno",
        "automatyczna odpowied",
        "zgłoszenie (nr|numer|przyjęte)",
    ),
    ack_body=(
        "otrzymaliśmy (twoją|państwa) wiadomość",
        r"dziękujemy za (wiadomość|kontakt)\b.{0,80}odpowiemy",
        "zgłoszenie zostało",
        "to jest automatyczna odpowied",
        "jestem nieobecn",
    ),
    follow_up=(
        "Dzień dobry,\n\n"
        "pisałam/pisałem do Państwa {date} (numer {reference}) i nie dostałam/dostałem jeszcze odpowiedzi. "
        "Czy mogą Państwo spojrzeć na moją wiadomość poniżej?\n\nDziękuję."
    ),
)
