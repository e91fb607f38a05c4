"""Finnish: every word the benchmark reads or writes in Finnish."""

from supportbench.languages.language import Language

LANGUAGE = Language(
    code="fi",
    name="Finnish",
    stemmer="finnish",
    wrote=("kirjoitti",),
    original_message=("alkuperäinen viesti",),
    forwarded=("välitetty viesti", "edelleenlähetetty viesti"),
    header_from=("lähettäjä",),
    header_other=(
        "lähetetty",
        "päivämäärä",
        "vastaanottaja",
        "aihe",
        "kopio",
    ),
    sign_offs=(
        "ystävällisin terveisin",
        "parhain terveisin",
        "terveisin",
        "ystävällisesti",
        "kiittäen",
        "hyvää päivänjatkoa",
    ),
    device_footers=("lähetetty",),
    reply_above=(r"(kirjoita|vastaa) (vastauksesi )?tämän rivin yläpuolelle",),
    desk_chrome=(
        r"(tukipyyntösi|pyyntösi) \(?#?\d+\)? on päivitetty",
        r"lisätäksesi kommentin,? vastaa tähän (sähköpostiin|viestiin)",
    ),
    greetings=(
        "hei",
        "moi",
        "terve",
        "hyvä",
        "hyvää (päivää|huomenta|iltapäivää)",
        "arvoisa",
    ),
    apologies=(
        "pahoittel",
        "anteeksi",
        "pyydämme anteeksi",
        "valitettavasti emme",
    ),
    team_words=(
        "asiakaspalvelu",
        "tiimi",
        "palvelu",
    ),
    hour_units=(
        "tunnin",
        "tunnissa",
        "tuntia",
        "tunti",
        "h",
    ),
    day_units=(
        "päivän",
        "päivässä",
        "päivää",
        "vuorokauden",
    ),
    business_day_units=(
        "arkipäivän",
        "arkipäivässä",
        "arkipäivää",
        "työpäivän",
        "työpäivässä",
    ),
    months=(
        "tammi",
        "helmi",
        "maalis",
        "huhti",
        "touko",
        "kesä",
        "heinä",
        "elo",
        "syys",
        "loka",
        "marras",
        "joulu",
    ),
    bounce_subject=("toimitus epäonnistui",),
    bounce_body=(
        "viestiä ei voitu toimittaa",
        "toimitus epäonnistui",
    ),
    auto_subject=(
        "automaattinen vastaus",
        "poissa toimistolta",
        "lomalla",
        "vastaanotettu",
    ),
    automatic_body=(
        r"tämä on automaattinen (viesti|vastaus)",
        r"automaattisesti (lähetetty|luotu)",
        r"(älä|ethän) vastaa tähän (viestiin|sähköpostiin)",
        r"olen (poissa|lomalla|vuosilomalla|matkoilla)",
        r"poissa toimistolta",
        r"tätä (osoitetta|postilaatikkoa) ei (seurata|lueta)",
    ),
    ack_body=(
        r"olemme vastaanottaneet",
        r"(tukipyyntösi|viestisi|yhteydenottosi|pyyntösi) on vastaanotettu",
        r"vastaamme \d+ (arki)?päivän kuluessa",
        r"tukipyyntö(si)? (#|nro|numerolla)? ?\d+",
    ),
    survey=(
        r"miten onnistuimme",
        r"arvioi (palvelu|asiakaspalvelu|kokemuksesi)",
        r"kysely",
        r"palautetta palvelustamme",
    ),
    unsubscribe=(
        r"peru (uutiskirjeen )?tilaus",
        r"lopeta (uutiskirjeen )?tilaus",
        r"peruuta tilaus",
    ),
    account=(
        r"salasana(n)? (palautus|vaihto|nollaus|vaihtaminen)",
        r"vaihda salasana",
        r"vahvista (sähköpostiosoitteesi|tilisi)",
    ),
    follow_up=(
        "Hei,\n\nkirjoitin teille {date} (viite {reference}), enkä ole vielä saanut vastausta. "
        "Voisitteko katsoa alla olevan viestini?\n\nKiitos."
    ),
)
