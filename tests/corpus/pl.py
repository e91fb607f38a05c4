"""Polish replies: a Polish shop's greetings, signatures, answers and automatic mail."""

from __future__ import annotations

from tests.corpus.model import Answer, Automatic, Client, Greeting, LanguageMaterial, Signature

PHONE_PRICES, ORDER, DELIVERY = "phone-and-pricing", "one-click-order-failed", "delivery-abroad"

MATERIAL = LanguageMaterial(
    code="pl",
    shopper="Anna Nowak",
    shopper_address="anna.nowak@mysteryshop.example",
    vendor="Zielony Koszyk",
    vendor_domain="zielonykoszyk.example",
    greetings=(
        Greeting("Dzień dobry Pani Anno,", True),
        Greeting("Pani Anno,", True),
        Greeting("Witam Panią Annę,", True),
        Greeting("Dzień dobry, Pani Anno!", True),
        Greeting("Szanowna Pani Anno,", True),
        Greeting("Dzień dobry,", False),
        Greeting("Witam,", False),
        Greeting("Szanowna Pani,", False),
        Greeting("", False),
    ),
    signatures=(
        Signature(
            "Z poważaniem\nKatarzyna Wiśniewska\nDział Obsługi Klienta\nZielony Koszyk sp. z o.o.\n"
            "tel. +48 22 123 45 67\nwww.zielonykoszyk.example",
            True,
        ),
        Signature(
            "Pozdrawiam serdecznie,\nMarek Zieliński\nBiuro Obsługi Klienta\n+48 501 234 567\n"
            "bok@zielonykoszyk.example",
            True,
        ),
        Signature("Pozdrawiamy,\nZespół Zielony Koszyk", False),
        Signature("Z wyrazami szacunku\nTomasz\nBOK Zielony Koszyk\ntel. 22 123 45 67", False),
        Signature(
            "Pozdrawiam\nAgnieszka Lewandowska\nSpecjalista ds. Obsługi Klienta\nT: +48 (22) 123 45 60\n"
            "zielonykoszyk.example",
            True,
        ),
        Signature("Dziękujemy i pozdrawiamy\nObsługa sklepu", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Oczywiście, można do nas dzwonić pod numer 22 123 45 67, od poniedziałku do piątku "
            "w godzinach 8-16.\nAktualny cennik znajdzie Pani na naszej stronie w zakładce „Cennik”: "
            "https://zielonykoszyk.example/cennik",
            {"phone": True, "pricing": True},
            True,
            (
                "Oczywiście, można do nas dzwonić pod numer 22 123 45 67, od poniedziałku do piątku w godzinach 8-16.",
                "Aktualny cennik znajdzie Pani na naszej stronie w zakładce „Cennik”: "
                "https://zielonykoszyk.example/cennik",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "Nasza infolinia: 801 234 567 (pn-pt 8:00-16:00, sob. 9:00-13:00).\n"
            "Ceny wszystkich produktów są widoczne przy każdym produkcie w sklepie, a zestawienie kosztów "
            "dostawy jest tutaj: zielonykoszyk.example/dostawa",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Niestety nie prowadzimy obsługi telefonicznej – kontaktujemy się wyłącznie mailowo i przez czat "
            "na stronie. Ceny podane są bezpośrednio na stronie każdego produktu.",
            {"phone": True, "pricing": True},
            True,
            (
                "Niestety nie prowadzimy obsługi telefonicznej – kontaktujemy się wyłącznie mailowo i przez czat "
                "na stronie.",
                "Ceny podane są bezpośrednio na stronie każdego produktu.",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "Zapraszamy do kontaktu telefonicznego: +48 22 123 45 67.",
            {"phone": True, "pricing": False},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Cennik jest dostępny pod adresem https://zielonykoszyk.example/cennik.",
            {"phone": False, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Dziękujemy za wiadomość. Pani pytanie o numer telefonu i cennik przekazaliśmy do działu "
            "sprzedaży, który skontaktuje się z Panią wkrótce.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            PHONE_PRICES,
            "Wszystkie informacje znajdzie Pani na naszej stronie.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            PHONE_PRICES,
            "Proszę dzwonić: 22 123 45 67. Cennik: zielonykoszyk.example/cennik",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            ORDER,
            "Bardzo przepraszamy za kłopot. Sprawdziliśmy płatność po numerze referencyjnym – zamówienie "
            "nie zostało złożone, a środki zostały jedynie zablokowane na karcie. Bank zwolni blokadę "
            "automatycznie w ciągu 3–5 dni roboczych.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Przepraszamy za niedogodności. Zamówienie zostało przyjęte i jest już w realizacji, więc "
            "pieniądze nie przepadły – paczka wyjdzie jutro.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Przepraszamy. Widzimy Pani zamówienie w systemie, jest w trakcie kompletowania.",
            {"order-status": True, "refund": False},
            True,
        ),
        Answer(
            ORDER,
            "Przekazaliśmy sprawę do działu księgowości, który sprawdzi płatność i odezwie się w sprawie zwrotu.",
            {"order-status": False, "refund": False},
            False,
        ),
        Answer(
            ORDER,
            "Przykro nam z powodu problemu. Zwrot środków nastąpi w ciągu 14 dni.\n\nZamówienie zostało "
            "anulowane przez system po błędzie płatności.",
            {"order-status": True, "refund": True},
            True,
            (
                "Zamówienie zostało anulowane przez system po błędzie płatności.",
                "Przykro nam z powodu problemu. Zwrot środków nastąpi w ciągu 14 dni.",
            ),
        ),
        Answer(
            DELIVERY,
            "Tak, wysyłamy zamówienia do Finlandii. Dostawa kurierem DPD kosztuje 49 zł i trwa zwykle "
            "4–6 dni roboczych. Towar można zwrócić w ciągu 14 dni od otrzymania, bez podawania przyczyny.",
            {"ships-abroad": True, "delivery-cost-time": True, "returns": True},
            True,
        ),
        Answer(
            DELIVERY,
            "Niestety nie realizujemy wysyłek za granicę, dostarczamy tylko na terenie Polski.",
            {"ships-abroad": True, "delivery-cost-time": False, "returns": False},
            True,
        ),
        Answer(
            DELIVERY,
            "Tak, do Finlandii też wysyłamy. Koszt to 12 euro, czas dostawy około tygodnia.",
            {"ships-abroad": True, "delivery-cost-time": True, "returns": False},
            True,
        ),
        Answer(
            DELIVERY,
            "Zwroty przyjmujemy w ciągu 30 dni. W sprawie wysyłki za granicę odezwie się do Pani nasz dział logistyki.",
            {"ships-abroad": False, "delivery-cost-time": False, "returns": True},
            True,
        ),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Odp: {subject}",
            "Dzień dobry,\n\ndziękujemy za wiadomość. Otrzymaliśmy Państwa zgłoszenie i odpowiemy najpóźniej "
            "w ciągu 2 dni roboczych.\n\nWiadomość wygenerowana automatycznie, prosimy na nią nie "
            "odpowiadać.\n\nZespół Zielony Koszyk",
        ),
        Automatic(
            "auto_reply",
            "Zgłoszenie nr 45120 zostało przyjęte",
            "Dzień dobry,\n\nTwoje zgłoszenie zostało zarejestrowane pod numerem 45120. Konsultant "
            "skontaktuje się z Tobą najszybciej, jak to możliwe.\n\nZielony Koszyk",
            sender="no-reply",
            replies_in_thread=False,
        ),
        Automatic(
            "auto_reply",
            "Nieobecność: {subject}",
            "Dzień dobry,\n\ndo 7 grudnia przebywam na urlopie. W pilnych sprawach proszę o kontakt "
            "z bok@zielonykoszyk.example lub pod numerem +48 22 123 45 67.\n\nKatarzyna Wiśniewska",
            {"Auto-Submitted": "auto-replied"},
        ),
        Automatic(
            "auto_reply",
            "RE: {subject}",
            "Uprzejmie informujemy, że ta skrzynka nie jest obsługiwana. Prosimy o kontakt przez formularz: "
            "https://zielonykoszyk.example/kontakt",
            sender="noreply",
        ),
        Automatic(
            "unrelated",
            "Jak oceniasz naszą obsługę?",
            "Dzień dobry,\n\nTwoje zgłoszenie nr 45120 zostało zamknięte. Prosimy o ocenę rozmowy z naszym "
            "konsultantem – zajmie to tylko chwilę.\n\nOceń obsługę: https://zielonykoszyk.example/ankieta\n\n"
            "Dziękujemy!",
            sender="ankiety",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Black Week w Zielonym Koszyku – rabaty do 40%",
            "Cześć!\n\nRuszył Black Week: rabaty do 40% na setki produktów.\n\nSprawdź: "
            "https://zielonykoszyk.example/promocje\n\nNie chcesz otrzymywać newslettera? Wypisz się tutaj.",
            {"List-Unsubscribe": "<https://zielonykoszyk.example/wypisz>"},
            sender="newsletter",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="wt., 1 gru 2026 o {time} {name} <{address}> napisała:",
        apple="Wiadomość napisana przez {name} <{address}> w dniu 01.12.2026, o godz. {time}:",
        thunderbird="W dniu 01.12.2026 o {time}, {name} pisze:",
        outlook=("Od", "Wysłano", "Do", "Temat"),
        mobile_footer="Wysłane z iPhone'a",
        reply_prefix="Odp:",
    ),
    desk_marker="##- Wpisz swoją odpowiedź powyżej tej linii -##",
    desk_updated="Twoje zgłoszenie ({ticket}) zostało zaktualizowane. Aby dodać komentarz, odpowiedz na ten e-mail.",
)
