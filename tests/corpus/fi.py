"""Finnish replies: a Finnish shop's greetings, signatures, answers and automatic mail."""

from __future__ import annotations

from tests.corpus.model import Answer, Automatic, Client, Greeting, LanguageMaterial, Signature

PHONE_PRICES, DELIVERY = "phone-and-pricing", "delivery-abroad"

MATERIAL = LanguageMaterial(
    code="fi",
    shopper="Mikko Virtanen",
    shopper_address="mikko.virtanen@mysteryshop.example",
    vendor="Kodinkone Oy",
    vendor_domain="kodinkone.example",
    greetings=(
        Greeting("Hei Mikko,", True),
        Greeting("Moi Mikko!", True),
        Greeting("Hyvää päivää Mikko,", True),
        Greeting("Hei Mikko ja kiitos viestistäsi!", True),
        Greeting("Hei,", False),
        Greeting("Hyvä asiakas,", False),
        Greeting("Kiitos yhteydenotostasi.", False),
        Greeting("", False),
    ),
    signatures=(
        Signature(
            "Ystävällisin terveisin\nLaura Korhonen\nAsiakaspalvelu, Kodinkone Oy\npuh. +358 9 4242 1234\n"
            "www.kodinkone.example",
            True,
        ),
        Signature("Terveisin\nKodinkoneen asiakaspalvelu", False),
        Signature(
            "Parhain terveisin,\nJussi Mäkinen\nmyyntipäällikkö\n+358 40 123 4567\njussi.makinen@kodinkone.example",
            True,
        ),
        Signature("t. Anna\nKodinkone", False),
        Signature("Ystävällisesti\nPekka Nieminen\nKodinkone Oy | 09 4242 1234", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Asiakaspalvelumme palvelee puhelimitse numerossa 09 4242 1234 arkisin klo 8-16.\n"
            "Kaikki hinnat löydät verkkokaupastamme tuotesivuilta: https://kodinkone.example/tuotteet",
            {"phone": True, "pricing": True},
            True,
            (
                "Asiakaspalvelumme palvelee puhelimitse numerossa 09 4242 1234 arkisin klo 8-16.",
                "Kaikki hinnat löydät verkkokaupastamme tuotesivuilta: https://kodinkone.example/tuotteet",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "Meille voi soittaa numeroon 010 123 4567 (pvm/mpm). Hinnasto on osoitteessa kodinkone.example/hinnasto",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Valitettavasti meillä ei ole puhelinpalvelua, palvelemme vain sähköpostitse ja chatissa. "
            "Hinnat näkyvät jokaisen tuotteen sivulla verkkokaupassa.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(PHONE_PRICES, "Puhelinnumeromme on +358 9 4242 1234.", {"phone": True, "pricing": False}, True),
        Answer(
            PHONE_PRICES,
            "Hintatiedot löytyvät sivustoltamme osiosta Hinnasto: https://kodinkone.example/hinnasto",
            {"phone": False, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Kiitos kysymyksestäsi. Välitimme viestisi myyntitiimillemme, joka on sinuun yhteydessä "
            "mahdollisimman pian.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(PHONE_PRICES, "Kaikki tiedot löytyvät nettisivuiltamme.", {"phone": False, "pricing": False}, False),
        Answer(
            PHONE_PRICES,
            "Soita 09 4242 1234. Hinnat: kodinkone.example/hinnasto",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            DELIVERY,
            "Kyllä, toimitamme myös Puolaan. Toimitus maksaa 19,90 € ja kestää noin 5-7 arkipäivää. "
            "Tuotteella on 30 päivän palautusoikeus, palautus on maksuton.",
            {"ships-abroad": True, "delivery-cost-time": True, "returns": True},
            True,
        ),
        Answer(
            DELIVERY,
            "Valitettavasti emme toimita tilauksia ulkomaille, vain Suomeen.",
            {"ships-abroad": True, "delivery-cost-time": False, "returns": False},
            True,
        ),
        Answer(
            DELIVERY,
            "Toimitamme Puolaan, toimituskulut ovat 25 euroa ja toimitusaika noin viikko.",
            {"ships-abroad": True, "delivery-cost-time": True, "returns": False},
            True,
        ),
        Answer(
            DELIVERY,
            "Palautukset onnistuvat 14 päivän sisällä. Ulkomaantoimituksista logistiikkatiimimme vastaa "
            "sinulle erikseen.",
            {"ships-abroad": False, "delivery-cost-time": False, "returns": True},
            True,
        ),
        Answer(
            DELIVERY,
            "Kyllä toimitamme.\n\nToimitus maksaa 15 € ja kestää 3-5 päivää.",
            {"ships-abroad": True, "delivery-cost-time": True, "returns": False},
            True,
            ("Kyllä toimitamme.", "Toimitus maksaa 15 € ja kestää 3-5 päivää.", ""),
        ),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "VS: {subject}",
            "Hei,\n\nKiitos viestistäsi! Olemme vastaanottaneet yhteydenottosi ja vastaamme 2 arkipäivän "
            "kuluessa.\n\nTämä on automaattinen viesti, älä vastaa tähän viestiin.\n\nKodinkone Oy",
        ),
        Automatic(
            "auto_reply",
            "Poissa toimistolta: {subject}",
            "Hei,\n\nolen lomalla 7.12. asti. Kiireellisissä asioissa ota yhteyttä "
            "asiakaspalvelu@kodinkone.example tai soita +358 9 4242 1234.\n\nLaura Korhonen",
            {"Auto-Submitted": "auto-replied"},
        ),
        Automatic(
            "auto_reply",
            "Tukipyyntö #3312 vastaanotettu",
            "Hei,\n\ntukipyyntösi on vastaanotettu numerolla 3312. Asiakaspalvelijamme käsittelee sen "
            "mahdollisimman pian.\n\nKodinkone",
            sender="noreply",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Miten onnistuimme? Arvioi asiakaspalvelumme",
            "Hei Mikko,\n\ntukipyyntösi #3312 on ratkaistu. Kertoisitko, miten onnistuimme?\n\n"
            "Arvioi palvelu: https://kodinkone.example/kysely",
            replies_in_thread=False,
            sender="palaute",
        ),
        Automatic(
            "unrelated",
            "Joulun tarjoukset alkoivat!",
            "Hei Mikko,\n\nJoulun tarjoukset ovat alkaneet: jopa 30 % alennusta kodinkoneista.\n\n"
            "Katso tarjoukset: https://kodinkone.example/tarjoukset\n\nPeru uutiskirjeen tilaus",
            {"List-Unsubscribe": "<https://kodinkone.example/peru>", "List-Id": "<uutiskirje.kodinkone.example>"},
            sender="uutiskirje",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="ti 1. jouluk. 2026 klo {time} {name} ({address}) kirjoitti:",
        apple="{name} <{address}> kirjoitti 1.12.2026 kello {time}:",
        thunderbird="1.12.2026 {time}, {name} kirjoitti:",
        outlook=("Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe"),
        mobile_footer="Lähetetty iPhonesta",
        reply_prefix="VS:",
    ),
    desk_marker="##- Kirjoita vastauksesi tämän rivin yläpuolelle -##",
    desk_updated="Tukipyyntösi ({ticket}) on päivitetty. Lisätäksesi kommentin, vastaa tähän sähköpostiin.",
)
