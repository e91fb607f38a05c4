"""The kinds of answer a question can expect, recognised in any wording, and sentences that defer."""

from __future__ import annotations

import pytest

from supportbench.judging import answers


@pytest.mark.parametrize(
    ("kind", "language", "sentence", "found"),
    [
        ("phone", "en", "You can reach us on 0800 123 456 on weekdays.", "0800 123 456"),
        ("phone", "ru", "Мы на связи по будням: +7 (495) 120-4001.", "+7 (495) 120-4001"),
        ("phone", "pl", "Zamówienie nr 48213-KQ złożono 24.11.2026.", None),  # a reference and a date
        ("phone", "en", "Plans start at 1 200 000 €.", None),  # an amount
        ("link", "fi", "Hinnasto löytyy sivulta kodinkone.example/hinnasto.", "kodinkone.example/hinnasto"),
        ("link", "en", "Write to support@acme.example.", None),  # an address is no page
        ("amount", "pl", "Dostawa kosztuje 49 zł.", "49 zł"),
        ("amount", "en", "It costs £12 a month.", "£12"),
        ("duration", "ro", "Banii vor fi returnați în 5 zile lucrătoare.", "5 zile lucrătoare"),
        ("duration", "ru", "Деньги вернутся за 3–7 рабочих дней.", "3–7 рабочих дней"),
        ("duration", "fi", "Paketti lähtee huomenna.", "huomenna"),
        ("date", "en", "The shop reopens on 15 December.", "15 December"),
        ("date", "pl", "Wracam 15 grudnia.", "15 grudnia"),
        ("date", "fi", "Olen lomalla 7.12. asti.", "7.12"),
        ("date", "en", "Call us, weekdays 9-17.", None),
        ("question", "en", "Which product do you mean?", "Which product do you mean?"),
        ("statement", "en", "Yes, we ship to Finland.", "Yes, we ship to Finland."),
        ("statement", "en", "Thank you for your order!", None),  # courtesy only
    ],
)
def test_recognised_kinds(kind: str, language: str, sentence: str, found: str | None) -> None:
    assert answers.recognise(kind, sentence, language) == found


@pytest.mark.parametrize(
    ("language", "sentence", "defers"),
    [
        ("en", "I have passed your question about a phone number to our sales team.", True),
        ("en", "Our payments team will review this and we'll update you.", True),
        ("en", "The order was passed to our courier this morning.", False),
        ("pl", "Pozostałe pytanie przekazaliśmy do działu sprzedaży.", True),
        ("pl", "Przekazaliśmy zamówienie kurierowi.", False),
        ("ru", "Ваше письмо переслали коллегам из отдела продаж.", True),
        ("ru", "Заказ передан в службу доставки.", False),
        ("fi", "Välitimme kysymyksesi myyntiin.", True),
        ("ro", "Am transmis mesajul dumneavoastră colegilor.", True),
    ],
)
def test_deferrals(language: str, sentence: str, defers: bool) -> None:
    assert answers.defers(sentence, language) is defers
