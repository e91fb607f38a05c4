"""Romanian replies: a Romanian shop's greetings, signatures, answers and automatic mail."""

from __future__ import annotations

from tests.corpus.model import Answer, Automatic, Client, Greeting, LanguageMaterial, Signature

PHONE_PRICES, ORDER = "phone-and-pricing", "one-click-order-failed"

MATERIAL = LanguageMaterial(
    code="ro",
    shopper="Elena Popescu",
    shopper_address="elena.popescu@mysteryshop.example",
    vendor="Librăria Carpați",
    vendor_domain="librariacarpati.example",
    greetings=(
        Greeting("Bună ziua, doamna Popescu,", True),
        Greeting("Stimată doamnă Popescu,", True),
        Greeting("Bună ziua Elena,", True),
        Greeting("Elena, bună ziua!", True),
        Greeting("Bună ziua,", False),
        Greeting("Stimate client,", False),
        Greeting("Salut!", False),
        Greeting("", False),
    ),
    signatures=(
        Signature(
            "Cu stimă,\nAndreea Ionescu\nDepartamentul Relații Clienți\nLibrăria Carpați SRL\n"
            "Tel: +40 21 312 45 67\nwww.librariacarpati.example",
            True,
        ),
        Signature("Cu respect,\nEchipa Librăria Carpați", False),
        Signature(
            "Toate cele bune,\nMihai Popa\nconsultant vânzări\n+40 722 123 456\nmihai.popa@librariacarpati.example",
            True,
        ),
        Signature("Mulțumim,\nSuport clienți", False),
        Signature("O zi bună,\nIoana\n021 312 45 67", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Ne puteți suna la 021 312 45 67, de luni până vineri între orele 9 și 18.\n"
            "Prețurile tuturor cărților sunt afișate pe site, în pagina fiecărui produs: "
            "https://librariacarpati.example/carti",
            {"phone": True, "pricing": True},
            True,
            (
                "Ne puteți suna la 021 312 45 67, de luni până vineri între orele 9 și 18.",
                "Prețurile tuturor cărților sunt afișate pe site, în pagina fiecărui produs: "
                "https://librariacarpati.example/carti",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "Numărul nostru de contact este 0722 123 456. Lista de prețuri o găsiți aici: "
            "librariacarpati.example/preturi",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Din păcate nu avem suport telefonic, răspundem doar pe e-mail și pe chat. Prețurile sunt "
            "afișate direct pe pagina fiecărei cărți.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(PHONE_PRICES, "Ne găsiți la telefon la +40 21 312 45 67.", {"phone": True, "pricing": False}, True),
        Answer(
            PHONE_PRICES,
            "Toate tarifele sunt pe site, în secțiunea Prețuri: https://librariacarpati.example/preturi",
            {"phone": False, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Vă mulțumim pentru mesaj. Am transmis întrebarea dumneavoastră despre telefon colegilor de la "
            "vânzări, care vă vor contacta în curând.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            PHONE_PRICES, "Toate informațiile le găsiți pe site-ul nostru.", {"phone": False, "pricing": False}, False
        ),
        Answer(
            PHONE_PRICES,
            "Sunați-ne la 021 312 45 67. Prețuri: librariacarpati.example/preturi",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            ORDER,
            "Ne cerem scuze pentru neplăcere. Am verificat plata: comanda nu a fost plasată, iar suma este "
            "doar blocată pe card. Banca o va debloca automat în 3-5 zile lucrătoare.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Ne pare rău pentru situație. Comanda a fost înregistrată și va fi expediată mâine, deci nu este "
            "nevoie de rambursare.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Ne cerem scuze. Comanda dumneavoastră apare în sistem și este în curs de procesare.",
            {"order-status": True, "refund": False},
            True,
        ),
        Answer(
            ORDER,
            "Am transmis solicitarea către departamentul financiar, care vă va contacta în legătură cu "
            "returnarea banilor.",
            {"order-status": False, "refund": False},
            False,
        ),
        Answer(
            ORDER,
            "Ne cerem scuze. Comanda a fost anulată automat după eroarea de plată.\n\nBanii vor fi returnați "
            "pe card în maximum 10 zile.",
            {"order-status": True, "refund": True},
            True,
            (
                "Ne cerem scuze. Comanda a fost anulată automat după eroarea de plată.",
                "Banii vor fi returnați pe card în maximum 10 zile.",
            ),
        ),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Re: {subject}",
            "Bună ziua,\n\nVă mulțumim pentru mesaj. Am primit solicitarea dumneavoastră și vă vom răspunde "
            "în cel mult 48 de ore.\n\nAcesta este un mesaj automat, vă rugăm să nu răspundeți.\n\n"
            "Librăria Carpați",
        ),
        Automatic(
            "auto_reply",
            "Răspuns automat: {subject}",
            "Bună ziua,\n\nSunt în concediu până pe 7 decembrie. Pentru urgențe scrieți la "
            "contact@librariacarpati.example sau sunați la +40 21 312 45 67.\n\nAndreea Ionescu",
            {"Auto-Submitted": "auto-replied"},
        ),
        Automatic(
            "auto_reply",
            "Solicitarea nr. 7781 a fost înregistrată",
            "Bună ziua,\n\nSolicitarea dumneavoastră a fost înregistrată cu numărul 7781. Un coleg vă va "
            "răspunde cât mai curând.\n\nLibrăria Carpați",
            sender="noreply",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Cum v-am ajutat? Evaluați experiența",
            "Bună ziua,\n\nSolicitarea dumneavoastră nr. 7781 a fost rezolvată. Ne ajutați cu o evaluare?\n\n"
            "Evaluați aici: https://librariacarpati.example/sondaj",
            replies_in_thread=False,
            sender="feedback",
        ),
        Automatic(
            "unrelated",
            "Reduceri de iarnă: -25% la toate cărțile",
            "Dragi cititori,\n\nÎncepe campania de iarnă: -25% la toate cărțile până duminică.\n\n"
            "Vezi ofertele: https://librariacarpati.example/oferte\n\nDezabonare",
            {"List-Unsubscribe": "<https://librariacarpati.example/dezabonare>"},
            sender="newsletter",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="În mar., 1 dec. 2026 la {time}, {name} <{address}> a scris:",
        apple="Pe 1 dec. 2026, la {time}, {name} <{address}> a scris:",
        thunderbird="Pe 01.12.2026 {time}, {name} a scris:",
        outlook=("De la", "Trimis", "Către", "Subiect"),
        mobile_footer="Trimis de pe iPhone",
        reply_prefix="Re:",
    ),
    desk_marker="##- Vă rugăm să scrieți răspunsul deasupra acestei linii -##",
    desk_updated="Solicitarea dumneavoastră ({ticket}) a fost actualizată. Pentru a adăuga comentarii, răspundeți "
    "la acest e-mail.",
)
