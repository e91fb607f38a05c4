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
    automatic_body=(
        r"wiadomość (została )?(wygenerowana|wysłana) automatycznie",
        r"(to jest|jest to) automatyczna (odpowied|wiadomo)",
        r"automatyczna odpowied",
        r"prosimy (na nią |na tę wiadomość |o )?nie odpowiada",
        r"nie odpowiadaj na (tę|tą|tej) wiadomoś",
        r"skrzynka (ta )?nie jest (już )?(obsługiwana|monitorowana)",
        r"jestem nieobecn",
        r"przebywam na urlopie",
        r"jestem na urlopie",
        r"nie mam dostępu do (poczty|e-?maila)",
    ),
    ack_body=(
        r"otrzymaliśmy (twoją|twoje|państwa|pani|pana) (wiadomość|zgłoszenie|zapytanie|e-?mail)",
        r"zgłoszenie (zostało )?(zarejestrowane|przyjęte|utworzone)",
        r"zgłoszenie (nr|numer|o numerze) \d+",
        r"numer zgłoszenia",
        r"odpowiemy (najpóźniej |najszybciej )?w ciągu",
        r"konsultant (skontaktuje|odpowie)",
    ),
    survey=(
        r"jak oceniasz",
        r"oceń (naszą )?obsług",
        r"ankiet",
        r"prosimy o ocenę",
        r"jak nam poszło",
    ),
    unsubscribe=(
        r"wypisz się",
        r"wypisać się",
        r"rezygnacja z (newslettera|subskrypcji)",
        r"nie chcesz otrzymywać",
    ),
    account=(
        r"(zresetuj|zresetować|resetuj|reset|resetowanie|zmiana|zmienić) hasł",
        r"potwierdź (adres|konto|rejestrację)",
        r"kod (weryfikacyjny|logowania)",
    ),
    deferral=(
        r"przekaza(liśmy|łem|łam|no|ła|ł)",
        r"(skontaktuje|skontaktują|odezwie|odezwą|odpowie|odpowiedzą|odezwiemy|skontaktujemy) się",
        r"wrócimy (do (pani|pana|państwa)|z odpowiedzią)",
        r"(sprawdzimy|wyjaśnimy) i (odpowiemy|wrócimy|damy znać)",
        r"damy (pani|panu|państwu)? ?znać",
    ),
    negations=(
        r"nie",
        r"niestety",
        r"brak",
        r"wyłącznie",
        r"tylko",
        r"nigdy",
    ),
    week_units=(
        r"tydzień",
        r"tygodni[ea]?",
        r"tygodnia",
    ),
    tomorrow=(
        r"jutro",
        r"dzisiaj",
        r"dziś",
        r"pojutrze",
    ),
    follow_up=(
        "Dzień dobry,\n\n"
        "pisałam/pisałem do Państwa {date} (numer {reference}) i nie dostałam/dostałem jeszcze odpowiedzi. "
        "Czy mogą Państwo spojrzeć na moją wiadomość poniżej?\n\nDziękuję."
    ),
)
