"""The new text of a reply: quoted history, our probe text and signatures removed, in five languages."""

from __future__ import annotations

import pytest

from supportbench.message.match import quotable_lines
from supportbench.message.replytext import extract_reply

PROBE_PL = """Dzień dobry,

zastanawiam się nad zakupem w Zielony Koszyk i mam dwa krótkie pytania.
Czy mają Państwo numer telefonu, pod który mogę zadzwonić? I gdzie na
Państwa stronie znajdę cennik?
"""

CASES = [
    (
        "en gmail attribution",
        """Hi Alex,

You can call us on +44 20 7946 0000.

Best regards,
Jane Smith
+44 20 7946 0000

On Tue, 3 Nov 2026 at 10:00, Alex Morgan <alex@shop.example> wrote:
> Do you have a phone number I can call you on?
""",
        "",
        ("Hi Alex,\n\nYou can call us on +44 20 7946 0000.", "Best regards,\nJane Smith\n+44 20 7946 0000", True),
    ),
    (
        "en gmail attribution wrapped over two lines",
        """Hello Alex, prices are at brightdesk.example/pricing.

On Tue, 3 Nov 2026 at 10:00, Alex Morgan <alex.morgan@mysteryshop.example>
wrote:
> Where can I find pricing information?
""",
        "",
        ("Hello Alex, prices are at brightdesk.example/pricing.", "", True),
    ),
    (
        "pl outlook header block in Polish, sign-off Z poważaniem",
        """Dzień dobry Pani Anno,

nasz numer telefonu to +48 22 123 45 67, a cennik jest w zakładce Cennik.

Z poważaniem
Jan Kowalski
Zielony Koszyk

Od: Anna Nowak <anna.nowak@mysteryshop.example>
Wysłano: wtorek, 3 listopada 2026 10:00
Do: bok@zielonykoszyk.example
Temat: Numer telefonu i cennik
""",
        "",
        (
            "Dzień dobry Pani Anno,\n\nnasz numer telefonu to +48 22 123 45 67, a cennik jest w zakładce Cennik.",
            "Z poważaniem\nJan Kowalski\nZielony Koszyk",
            True,
        ),
    ),
    (
        "pl thunderbird attribution napisał(a)",
        """Witam, wysyłamy do Finlandii, koszt 45 zł.

W dniu 3.11.2026 o 10:00, Anna Nowak pisze:
> czy wysyłają Państwo zamówienia do Finlandii?
""",
        "",
        ("Witam, wysyłamy do Finlandii, koszt 45 zł.", "", True),
    ),
    (
        "pl probe text quoted without marks by a help desk",
        """Dzień dobry,

dziękujemy za pytanie. Numer: +48 22 123 45 67.

Czy mają Państwo numer telefonu, pod który mogę zadzwonić? I gdzie na
Państwa stronie znajdę cennik?

Pozdrawiamy
Zespół BOK
""",
        PROBE_PL,
        ("Dzień dobry,\n\ndziękujemy za pytanie. Numer: +48 22 123 45 67.", "Pozdrawiamy\nZespół BOK", True),
    ),
    (
        "ru attribution написал(а) and С уважением",
        """Здравствуйте, Ольга!

Наш телефон: +7 495 123-45-67. Цены есть на сайте в разделе «Цены».

С уважением,
Иван Петров
ТехноМаркет

3 нояб. 2026 г., в 10:00, Ольга Смирнова <olga.smirnova@mysteryshop.example> написал(а):
> Есть ли у вас номер телефона?
""",
        "",
        (
            "Здравствуйте, Ольга!\n\nНаш телефон: +7 495 123-45-67. Цены есть на сайте в разделе «Цены».",
            "С уважением,\nИван Петров\nТехноМаркет",
            True,
        ),
    ),
    (
        "ru outlook separator Исходное сообщение",
        """Добрый день! Заказ не оформлен, деньги вернутся в течение 5 дней.

-----Исходное сообщение-----
От: Ольга Смирнова
Тема: Проблема с заказом
""",
        "",
        ("Добрый день! Заказ не оформлен, деньги вернутся в течение 5 дней.", "", True),
    ),
    (
        "fi kirjoitti and Ystävällisin terveisin",
        """Hei Mikko,

toimitamme Puolaan, toimitus maksaa 19 euroa ja kestää 3-5 arkipäivää.

Ystävällisin terveisin
Liisa Korhonen
Kodinkone Oy, puh. +358 9 123 4567

ti 3.11.2026 klo 10.00 Mikko Virtanen <mikko.virtanen@mysteryshop.example> kirjoitti:
> toimitatteko tilauksia Puolaan?
""",
        "",
        (
            "Hei Mikko,\n\ntoimitamme Puolaan, toimitus maksaa 19 euroa ja kestää 3-5 arkipäivää.",
            "Ystävällisin terveisin\nLiisa Korhonen\nKodinkone Oy, puh. +358 9 123 4567",
            True,
        ),
    ),
    (
        "ro a scris and Cu stimă",
        """Bună ziua, doamna Popescu,

ne cerem scuze pentru neplăcere. Comanda nu a fost plasată, banii vor fi returnați în 3 zile.

Cu stimă,
Mihai Ionescu
Librăria Carpați

Pe mar., 3 nov. 2026 la 10:00, Elena Popescu <elena.popescu@mysteryshop.example> a scris:
> A fost plasată comanda sau nu?
""",
        "",
        (
            "Bună ziua, doamna Popescu,\n\nne cerem scuze pentru neplăcere. Comanda nu a fost plasată, banii vor fi "
            "returnați în 3 zile.",
            "Cu stimă,\nMihai Ionescu\nLibrăria Carpați",
            True,
        ),
    ),
    (
        "interleaved answers between quoted lines are kept",
        """> Do you have a phone number?
Yes: +44 20 7946 0000.
> Where are the prices?
On our website, under Pricing.
""",
        "",
        ("Yes: +44 20 7946 0000.\nOn our website, under Pricing.", "", True),
    ),
    (
        "'--' signature delimiter",
        "Thanks Alex, the price list is attached.\n-- \nJohn Doe | +1 212 555 0100\n",
        "",
        ("Thanks Alex, the price list is attached.", "John Doe | +1 212 555 0100", False),
    ),
    (
        "prose mentioning 'wrote' is not an attribution",
        "Hello Alex,\nas our manager wrote:\nthe shop is open on Saturdays.\n",
        "",
        ("Hello Alex,\nas our manager wrote:\nthe shop is open on Saturdays.", "", False),
    ),
]


@pytest.mark.parametrize(("case", "text", "probe", "expected"), CASES, ids=[case[0] for case in CASES])
def test_extract_reply(case: str, text: str, probe: str, expected: tuple[str, str, bool]) -> None:
    reply = extract_reply(text, frozenset(quotable_lines(probe)))
    new_text, signature, has_quote = expected
    assert (reply.new_text, reply.signature, bool(reply.quoted)) == (new_text, signature, has_quote)
