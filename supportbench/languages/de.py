"""German: every word the benchmark reads or writes in German."""

from supportbench.languages.language import Language

LANGUAGE = Language(
    code="de",
    name="German",
    stemmer="german",
    wrote=("schrieb",),
    original_message=("ursprüngliche nachricht",),
    forwarded=("weitergeleitete nachricht", "anfang der weitergeleiteten nachricht"),
    header_from=("von",),
    header_other=(
        "gesendet",
        "datum",
        "an",
        "betreff",
        "cc",
    ),
    sign_offs=(
        "mit freundlichen grüßen",
        "freundliche grüße",
        "viele grüße",
        "beste grüße",
        "danke",
        r"mit besten grüßen",
        r"schöne grüße",
        r"lg",
        r"mfg",
        r"gruß",
    ),
    device_footers=(
        "von meinem",
        "gesendet von",
    ),
    reply_above=(
        r"(bitte )?(geben sie )?ihre antwort (oberhalb|über) dieser (zeile|linie)( ein)?",
        r"antworten sie oberhalb dieser (zeile|linie)",
    ),
    desk_chrome=(
        r"ihre anfrage \(?#?\d+\)? wurde aktualisiert",
        r"um weitere kommentare hinzuzufügen,? antworten sie auf diese e-?mail",
    ),
    greetings=(
        "hallo",
        "guten (tag|morgen|abend)",
        "sehr geehrte[rs]?",
        "liebe[rs]?",
    ),
    thanks=(r"danke", r"vielen dank", r"schönen tag"),
    apologies=(
        "entschuldig",
        "tut uns leid",
        "bedauern",
    ),
    team_words=(
        "kundenservice",
        r"ihr\b",
    ),
    hour_units=(
        "stunden",
        r"std\.?",
        "h",
    ),
    day_units=(
        "tagen?",
        "tage",
    ),
    business_day_units=(
        "werktagen?",
        "arbeitstagen?",
    ),
    months=(
        "jan",
        "feb",
        "märz",
        "apr",
        "mai",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "nov",
        "dez",
    ),
    bounce_subject=(
        "unzustellbar",
        "nicht zustellbar",
    ),
    bounce_body=(
        "konnte nicht zugestellt",
        "unzustellbar",
    ),
    auto_subject=(
        "automatische antwort",
        "abwesenheit",
        "außer haus",
    ),
    automatic_body=(
        r"dies ist eine automatische",
        r"automatisch (generiert|erstellt|versendet)",
        r"bitte antworten sie nicht",
        r"ich bin (bis|vom|derzeit nicht|im urlaub|nicht im büro)",
        r"abwesenheitsnotiz",
    ),
    ack_body=(
        r"wir haben ihre (nachricht|anfrage|e-mail) erhalten",
        r"ihre anfrage (wurde|ist) (eingegangen|registriert)",
        r"ticketnummer",
    ),
    survey=(
        r"wie zufrieden waren sie",
        r"bewerten sie",
        r"umfrage",
    ),
    unsubscribe=(
        r"abmelden",
        r"newsletter abbestellen",
    ),
    account=(
        r"passwort zurücksetzen",
        r"bestätigen sie ihre (e-mail|adresse|registrierung)",
    ),
    deferral=(
        r"weitergeleitet",
        r"weitergegeben",
        r"(meldet|melden) sich (bei ihnen|in kürze)",
        r"wir melden uns",
    ),
    negations=(
        r"nicht",
        r"kein(e|en)?",
        r"leider",
        r"nur",
        r"nie",
    ),
    week_units=(r"wochen?",),
    tomorrow=(
        r"morgen",
        r"heute",
    ),
    junk_folders=("Spam", "Junk-E-Mail", "Junk", "[Gmail]/Spam"),
    sent_folders=("Gesendet", "Gesendete Elemente", "Gesendete Objekte", "[Gmail]/Gesendet"),
    follow_up=(
        "Guten Tag,\n\n"
        "ich habe Ihnen am {date} geschrieben (Referenz {reference}) und noch keine Antwort erhalten. "
        "Könnten Sie sich meine Nachricht unten ansehen?\n\nVielen Dank."
    ),
)
