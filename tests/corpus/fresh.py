"""A second, smaller labelled set, written after the judge was tuned on the first and never tuned on.

Other desks, other phrasings, the same probes: its figures say how the judge does on replies it
was not adjusted to (the first set's figures only say it fits what it was built with).
"""

from __future__ import annotations

from tests.corpus.model import Answer, Automatic, Client, Greeting, LanguageMaterial, Signature

PHONE_PRICES, ORDER, DELIVERY, UNCLEAR = (
    "phone-and-pricing",
    "one-click-order-failed",
    "delivery-abroad",
    "unclear-compatibility",
)

EN = LanguageMaterial(
    code="en",
    shopper="Alex Morgan",
    shopper_address="alex.morgan@mysteryshop.example",
    vendor="Northwind Audio",
    vendor_domain="northwindaudio.example",
    greetings=(
        Greeting("Hey Alex!", True),
        Greeting("Hi Alex - thanks for your message.", True),
        Greeting("Morning Alex,", True),
        Greeting("Hello there,", False),
        Greeting("Thanks for reaching out!", False),
    ),
    signatures=(
        Signature(
            "All the best,\nDaniel Reyes | Northwind Audio\nCustomer Experience\nm. +44 7700 900461\n"
            "northwindaudio.example",
            True,
        ),
        Signature("Warm regards,\nNorthwind Audio Support", False),
        Signature("Thank you,\nLucy\nNorthwind Audio", False),
        Signature(
            "Best regards\n\nOliver Grant\nSupport Lead\nNorthwind Audio Ltd.\nTel +44 113 496 0777\n"
            "support@northwindaudio.example",
            True,
        ),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Absolutely - our team is on 0113 496 0777 between 9 and 5:30, Monday to Saturday. "
            "You can see the full price list for every speaker and amp at northwindaudio.example/prices.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "We're an online-only shop so there's no phone support, sorry! Live chat on the site is "
            "the quickest way to reach us.\n\nEvery product page shows the current price, including delivery.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Sure, here you go:\n- Phone: +44 113 496 0777\n- Prices: https://northwindaudio.example/shop",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "I've forwarded your enquiry to our sales department and they will be in touch with the details shortly.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(PHONE_PRICES, "Our number is 0113 496 0777.", {"phone": True, "pricing": False}, True),
        Answer(
            ORDER,
            "So sorry about this. I looked up the payment and the order didn't complete, so nothing will be "
            "shipped. The charge you see is a temporary hold that your bank drops on its own, usually in 2-3 days.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Apologies! Your order is confirmed and will be dispatched today.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Thanks for letting us know. Our payments team will review this and we'll update you.",
            {"order-status": False, "refund": False},
            False,
        ),
        Answer(
            UNCLEAR,
            'Could you let me know what the "other one" is? If it\'s one of our speakers, tell me the '
            "model and I'll check.",
            {"clarification": True},
            True,
        ),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "We got your email! [Ticket #88412]",
            "Hi there,\n\nThanks for contacting Northwind Audio. This is just to confirm we've received your "
            "message - ticket #88412. One of our agents will reply within 1 business day.\n\n"
            "Northwind Audio Support",
            sender="help",
            replies_in_thread=False,
        ),
        Automatic(
            "auto_reply",
            "Out of Office: {subject}",
            "Thank you for your email. I am on annual leave until 8 December and will reply on my return. "
            "For anything urgent, please write to support@northwindaudio.example.\n\nDaniel",
        ),
        Automatic(
            "unrelated",
            "Tell us how we did",
            "Hi Alex,\n\nYour conversation with Northwind Audio was recently closed. Would you take 30 seconds "
            "to rate the help you got?\n\nRate now: https://northwindaudio.example/csat",
            sender="feedback",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="On Tue, Dec 1, 2026 at {time} AM {name} <{address}> wrote:",
        apple="On Dec 1, 2026, at {time}, {name} <{address}> wrote:",
        thunderbird="On 1.12.2026 {time}, {name} wrote:",
        outlook=("From", "Sent", "To", "Subject"),
        mobile_footer="Sent from my Galaxy",
        reply_prefix="Re:",
    ),
    desk_marker="##- Please type your reply above this line -##",
    desk_updated="Your request ({ticket}) has been updated. To add additional comments, reply to this email.",
)

PL = LanguageMaterial(
    code="pl",
    shopper="Anna Nowak",
    shopper_address="anna.nowak@mysteryshop.example",
    vendor="Meble Sosna",
    vendor_domain="meblesosna.example",
    greetings=(
        Greeting("Dzień dobry Pani,", False),
        Greeting("Witam serdecznie Pani Anno!", True),
        Greeting("Pani Anno, dzień dobry.", True),
        Greeting("Dzień dobry!", False),
    ),
    signatures=(
        Signature(
            "Pozdrawiam,\nMagdalena Kowalczyk\nObsługa Klienta Meble Sosna\ntel. +48 61 855 20 10\n"
            "www.meblesosna.example",
            True,
        ),
        Signature("Zespół Meble Sosna", False),
        Signature("Z pozdrowieniami\nPiotr\nMeble Sosna", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Jesteśmy dostępni telefonicznie pod numerem 61 855 20 10 (pon.–pt. 9–17). Ceny mebli "
            "są podane przy każdym produkcie w naszym sklepie internetowym meblesosna.example.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(PHONE_PRICES, "Numer do nas: +48 61 855 20 10.", {"phone": True, "pricing": False}, True),
        Answer(
            PHONE_PRICES,
            "Informacje o cenach otrzyma Pani od naszego doradcy, który oddzwoni w ciągu kilku dni.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            ORDER,
            "Przepraszamy za kłopot! Zamówienie nie zostało zarejestrowane, a pieniądze wrócą na konto "
            "w ciągu 5 dni roboczych.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(ORDER, "Sprawdzimy sprawę i wrócimy z odpowiedzią.", {"order-status": False, "refund": False}, False),
        Answer(
            DELIVERY,
            "Tak, realizujemy wysyłki do Finlandii – koszt transportu to 120 zł, a czas dostawy to około "
            "10 dni roboczych. Zwrot jest możliwy w ciągu 14 dni.",
            {"ships-abroad": True, "delivery-cost-time": True, "returns": True},
            True,
        ),
        Answer(
            DELIVERY,
            "Wysyłamy wyłącznie na terenie Polski.",
            {"ships-abroad": True, "delivery-cost-time": False, "returns": False},
            True,
        ),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Re: {subject}",
            "Dziękujemy za kontakt z Meble Sosna!\n\nTo jest wiadomość automatyczna – potwierdzamy otrzymanie "
            "Państwa e-maila. Odpowiemy najszybciej, jak to możliwe (zwykle w ciągu 24 godzin).",
        ),
        Automatic(
            "unrelated",
            "Zmiana hasła w sklepie Meble Sosna",
            "Dzień dobry,\n\notrzymaliśmy prośbę o zmianę hasła do konta. Aby ustawić nowe hasło, kliknij: "
            "https://meblesosna.example/haslo/1x9\n\nJeśli to nie Ty, zignoruj tę wiadomość.",
            sender="konto",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="wt., 1 gru 2026 o {time} {name} <{address}> napisała:",
        apple="Dnia 01.12.2026 o godz. {time} {name} <{address}> napisał(a):",
        thunderbird="W dniu 1.12.2026 o {time}, {name} pisze:",
        outlook=("Od", "Wysłano", "Do", "Temat"),
        mobile_footer="Wysłane z mojego smartfona Samsung Galaxy",
        reply_prefix="Odp:",
    ),
    desk_marker="##- Wpisz swoją odpowiedź powyżej tej linii -##",
    desk_updated="Twoje zgłoszenie ({ticket}) zostało zaktualizowane.",
)

RU = LanguageMaterial(
    code="ru",
    shopper="Ольга Смирнова",
    shopper_address="olga.smirnova@mysteryshop.example",
    vendor="Книжный Дом",
    vendor_domain="knizhnydom.example",
    greetings=(
        Greeting("Приветствуем, Ольга!", True),
        Greeting("Ольга Сергеевна, здравствуйте.", True),
        Greeting("Доброго времени суток!", False),
        Greeting("Здравствуйте.", False),
    ),
    signatures=(
        Signature(
            "С уважением,\nЕлена Волкова\nменеджер по работе с клиентами\n+7 (812) 555-44-33\nknizhnydom.example", True
        ),
        Signature("Команда «Книжного Дома»", False),
        Signature("Хорошего дня!\nАнтон", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Наш номер: +7 (812) 555-44-33, звоните с 10 до 19. Все цены указаны на сайте "
            "knizhnydom.example в карточке каждой книги.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Мы работаем только онлайн и телефона у нас нет. Цены смотрите в каталоге на сайте.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Ваше письмо переслали коллегам из отдела продаж, они ответят на ваши вопросы.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            ORDER,
            "Просим прощения. Заказ не создан, а списанная сумма вернётся на карту за 3–7 рабочих дней.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(ORDER, "Мы разберёмся и сообщим вам.", {"order-status": False, "refund": False}, False),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Re: {subject}",
            "Здравствуйте!\n\nСпасибо за письмо. Мы получили ваше обращение и ответим в течение одного рабочего "
            "дня.\n\nПисьмо сформировано автоматически.",
        ),
        Automatic(
            "unrelated",
            "Новинки недели в Книжном Доме",
            "Ольга, посмотрите новинки этой недели!\n\nhttps://knizhnydom.example/new\n\n"
            "Чтобы отписаться от рассылки, нажмите здесь.",
            {"List-Unsubscribe": "<https://knizhnydom.example/unsub>"},
            sender="news",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="вт, 1 дек. 2026 г. в {time}, {name} <{address}>:",
        apple="1 декабря 2026 г., в {time}, {name} <{address}> написал(а):",
        thunderbird="01.12.2026 в {time}, {name} пишет:",
        outlook=("От", "Отправлено", "Кому", "Тема"),
        mobile_footer="Отправлено из мобильной Почты Mail.ru",
        reply_prefix="Re:",
    ),
    desk_marker="##- Введите свой ответ над этой строкой -##",
    desk_updated="Ваш запрос ({ticket}) был обновлен.",
)

FI = LanguageMaterial(
    code="fi",
    shopper="Mikko Virtanen",
    shopper_address="mikko.virtanen@mysteryshop.example",
    vendor="Pohjolan Kirja",
    vendor_domain="pohjolankirja.example",
    greetings=(
        Greeting("Moikka Mikko,", True),
        Greeting("Hei Mikko!", True),
        Greeting("Hyvä vastaanottaja,", False),
        Greeting("Hei!", False),
    ),
    signatures=(
        Signature("Terveisin\nSanna Lehtonen\nPohjolan Kirja Oy\n+358 20 123 4000\npohjolankirja.example", True),
        Signature("Pohjolan Kirjan asiakaspalvelu", False),
        Signature("Kiittäen\nMatti", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Asiakaspalvelumme numero on 020 123 4000 (ma–pe 9–16). Hinnat näet verkkokaupassamme "
            "pohjolankirja.example jokaisen kirjan kohdalta.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Meillä ei ole puhelinpalvelua. Hinnasto löytyy sivulta pohjolankirja.example/hinnasto.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Välitimme kysymyksesi myyntiin, he ovat sinuun yhteydessä.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            DELIVERY,
            "Toimitamme Puolaan! Postikulut ovat 14,90 € ja paketti on perillä noin viikossa. Voit "
            "palauttaa tuotteen 14 päivän kuluessa.",
            {"ships-abroad": True, "delivery-cost-time": True, "returns": True},
            True,
        ),
        Answer(
            DELIVERY,
            "Emme valitettavasti toimita Suomen ulkopuolelle.",
            {"ships-abroad": True, "delivery-cost-time": False, "returns": False},
            True,
        ),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Kiitos viestistäsi",
            "Hei,\n\nkiitos yhteydenotosta! Tämä on automaattinen vahvistus siitä, että viestisi on "
            "vastaanotettu. Vastaamme arkipäivisin 24 tunnin sisällä.",
            sender="noreply",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Vahvista sähköpostiosoitteesi",
            "Hei,\n\nvahvista sähköpostiosoitteesi klikkaamalla alla olevaa linkkiä:\n"
            "https://pohjolankirja.example/vahvista/abc",
            {"Auto-Submitted": "auto-generated"},
            sender="noreply",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="ti 1.12.2026 klo {time} {name} <{address}> kirjoitti:",
        apple="{name} <{address}> kirjoitti 1.12.2026 kello {time}:",
        thunderbird="{name} kirjoitti 1.12.2026 klo {time}:",
        outlook=("Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe"),
        mobile_footer="Lähetetty Android-laitteesta",
        reply_prefix="VS:",
    ),
    desk_marker="##- Kirjoita vastauksesi tämän rivin yläpuolelle -##",
    desk_updated="Tukipyyntösi ({ticket}) on päivitetty.",
)

RO = LanguageMaterial(
    code="ro",
    shopper="Elena Popescu",
    shopper_address="elena.popescu@mysteryshop.example",
    vendor="Casa Verde",
    vendor_domain="casaverde.example",
    greetings=(
        Greeting("Bună ziua, Elena!", True),
        Greeting("Stimată doamnă,", False),
        Greeting("Doamna Popescu, bună ziua.", True),
        Greeting("Bună!", False),
    ),
    signatures=(
        Signature("Cu stimă,\nCristina Dumitrescu\nCasa Verde SRL\n+40 264 123 456\ncasaverde.example", True),
        Signature("Echipa Casa Verde", False),
        Signature("Mulțumim,\nVlad", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Ne găsiți la 0264 123 456, de luni până vineri, 9-17. Prețurile sunt afișate pe "
            "casaverde.example, la fiecare produs.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Nu avem linie telefonică pentru clienți, comunicăm doar prin e-mail. Lista de prețuri: "
            "https://casaverde.example/preturi",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Am transmis mesajul dumneavoastră colegilor de la vânzări, care vă vor contacta.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            ORDER,
            "Ne pare rău. Comanda nu s-a finalizat, iar banii vor reveni în cont în 5 zile lucrătoare.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(ORDER, "Verificăm și revenim cu detalii.", {"order-status": False, "refund": False}, False),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Confirmare primire mesaj",
            "Bună ziua,\n\nVă confirmăm că am primit mesajul dumneavoastră. Un consultant vă va răspunde în cel "
            "mult 2 zile lucrătoare.\n\nCasa Verde",
            sender="noreply",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Oferte de sezon la Casa Verde",
            "Descoperă ofertele de sezon: https://casaverde.example/oferte\n\nDezabonare de la newsletter",
            {"Precedence": "bulk"},
            sender="newsletter",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="În mar., 1 dec. 2026 la {time}, {name} <{address}> a scris:",
        apple="Pe 01.12.2026, la {time}, {name} <{address}> a scris:",
        thunderbird="Pe 01.12.2026 {time}, {name} a scris:",
        outlook=("De la", "Trimis", "Către", "Subiect"),
        mobile_footer="Trimis de pe telefonul meu",
        reply_prefix="Re:",
    ),
    desk_marker="##- Vă rugăm să scrieți răspunsul deasupra acestei linii -##",
    desk_updated="Solicitarea dumneavoastră ({ticket}) a fost actualizată.",
)

MATERIALS = (EN, PL, RU, FI, RO)
