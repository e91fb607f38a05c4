"""Etiquette criteria, each pass, fail or not applicable, judged in the vendor's language."""

from __future__ import annotations

import pytest

from supportbench.judging import etiquette


@pytest.mark.parametrize(
    ("language", "shopper", "text", "passed"),
    [
        ("en", "Alex Morgan", "Hi Alex,\nthanks for asking.", True),
        ("en", "Alex Morgan", "Dear Mr Morgan,\nthanks.", True),
        ("en", "Alex Morgan", "Hello,\nthanks.", False),
        ("en", "Alex Morgan", "Our number is 0800.", False),
        ("pl", "Anna Nowak", "Dzień dobry Pani Anno,\ndziękujemy.", True),  # vocative
        ("pl", "Anna Nowak", "Szanowna Pani,\ndziękujemy.", False),
        ("ru", "Ольга Смирнова", "Здравствуйте, Ольга!\nСпасибо.", True),
        ("ru", "Ольга Смирнова", "Добрый день!\nСпасибо.", False),
        ("fi", "Mikko Virtanen", "Hei Mikko,\nkiitos viestistä.", True),
        ("ro", "Elena Popescu", "Bună ziua, doamna Popescu,\nvă mulțumim.", True),
        ("ro", "Elena Popescu", "Bună ziua,\nvă mulțumim.", False),
    ],
)
def test_greeting_uses_the_shoppers_name(language: str, shopper: str, text: str, passed: bool) -> None:
    assert etiquette.greeting(text, shopper, language).passed is passed


@pytest.mark.parametrize(
    ("language", "text", "count"),
    [
        ("en", "We are sorry for the delay and apologise for the trouble.", 2),
        ("pl", "Przepraszamy za opóźnienie.", 1),
        ("ru", "Приносим извинения за задержку. Извините!", 2),
        ("fi", "Pahoittelemme viivästystä.", 1),
        ("ro", "Ne cerem scuze pentru întârziere.", 1),
        ("en", "Unfortunately we cannot help.", 0),
    ],
)
def test_apologies_are_found_in_each_language(language: str, text: str, count: int) -> None:
    assert len(etiquette.apologies(text, language)) == count


def test_apology_needed_missing_once_and_over_and_over() -> None:
    assert etiquette.apology([], late=False, problem=False).passed is None
    assert etiquette.apology([], late=False, problem=True).passed is False
    assert etiquette.apology(["sorry"], late=True, problem=False).passed is True
    assert etiquette.apology(["sorry"] * 5, late=True, problem=False).passed is False


@pytest.mark.parametrize(
    ("signature", "passed"),
    [
        ("Kind regards,\nJane Smith\nBrightdesk Support\n+44 20 7946 0000 | jane@brightdesk.example", True),
        ("Z poważaniem\nJan Kowalski\ntel. +48 22 123 45 67\nwww.zielonykoszyk.example", True),
        ("С уважением,\nИван Петров\n+7 (495) 123-45-67, ivan@tekhnomarket.example", True),
        ("Ystävällisin terveisin\nLiisa Korhonen\n09 123 4567\nliisa@kodinkone.example", False),  # no country code
        ("Cu stimă,\nEchipa Librăria Carpați\n+40 21 123 4567\ncontact@librariacarpati.example", False),  # a team
        ("Best regards,\nJane Smith", False),
    ],
)
def test_signature_needs_a_person_a_phone_with_country_code_and_another_address(signature: str, passed: bool) -> None:
    assert etiquette.signature(signature, "").passed is passed


@pytest.mark.parametrize(
    ("reply_subject", "passed"),
    [
        ("Re: Phone number and prices", True),
        ("RE: RE: Phone number and prices", True),
        ("Odp: Phone number and prices", True),
        ("[#12345] Re: Phone number and prices", True),  # a help desk's tag keeps the subject
        ("Re:[## 48002 ##] Phone number and prices", True),
        ("Re: Phone number and prices [#5817]", True),
        ("[Ticket#2026120110000123] RE: Phone number and prices", True),
        ("[#12345] Phone number and prices", False),  # no reply prefix
        ("Ticket Received - 286614", False),
        ("Phone number and prices", False),
    ],
)
def test_subject_kept(reply_subject: str, passed: bool) -> None:
    assert etiquette.subject_kept(reply_subject, "Phone number and prices").passed is passed


def test_question_quoted_reads_rewrapped_quotes() -> None:
    probe = "Hello,\nDo you have a phone number I can call you\non? Thanks."
    questions = etiquette.question_sentences(probe)
    assert etiquette.question_quoted("> Do you have a phone\n> number I can call you on?", questions).passed is True
    assert etiquette.question_quoted("> Hello,", questions).passed is False
    assert etiquette.question_quoted("", []).passed is None


def test_same_language() -> None:
    assert etiquette.same_language("pl", 0.99, "pl").passed is True
    assert etiquette.same_language("en", 0.9, "pl").passed is False
    assert etiquette.same_language("unknown", 0.2, "pl").passed is None


@pytest.mark.parametrize(
    ("language", "text", "passed"),
    [
        ("en", "Hi Alex,\nPlease see our website.", False),
        ("ro", "Bună ziua,\nNu știm. Verificați contul.", False),
        ("en", "Hi Alex,\nour number is +44 20 7946 0000.\nPrices are on /pricing.\nAsk if anything is unclear.", True),
        ("pl", "Dzień dobry,\nwysyłamy do Finlandii kurierem DPD, dostawa kosztuje 45 zł i trwa zwykle od trzech do "
               "pięciu dni roboczych, a zwrot towaru jest możliwy w ciągu 14 dni od otrzymania przesyłki.", True),
    ],
)  # fmt: skip
def test_substance_versus_a_brush_off(language: str, text: str, passed: bool) -> None:
    assert etiquette.substance(text, language).passed is passed


def test_clarification_only_for_unclear_probes() -> None:
    assert etiquette.clarification("Which product do you mean?", True).passed is True
    assert etiquette.clarification("Yes, it works.", True).passed is False
    assert etiquette.clarification("Yes, it works.", False).passed is None


@pytest.mark.parametrize(
    ("language", "text", "hours", "business_days"),
    [
        ("en", "We will answer within 24 hours.", 24.0, None),
        ("en", "Expect a reply in 2 business days.", 48.0, 2),
        ("pl", "Odpowiemy w ciągu 24 godzin.", 24.0, None),
        ("pl", "Odpowiemy w ciągu 2 dni roboczych.", 48.0, 2),
        ("ru", "Мы ответим в течение 24 часов.", 24.0, None),
        ("fi", "Vastaamme 24 tunnin kuluessa.", 24.0, None),
        ("ro", "Vă vom răspunde în 24 de ore.", 24.0, None),
        ("ro", "Răspundem în 3 zile lucrătoare.", 72.0, 3),
    ],
)
def test_promised_time_in_each_language(language: str, text: str, hours: float, business_days: int | None) -> None:
    promise = etiquette.promised_time(text, language)
    assert promise is not None
    assert (promise.hours, promise.business_days) == (hours, business_days)


def test_no_promise_in_an_order_number() -> None:
    assert etiquette.promised_time("Your ticket 24.5 was received.", "en") is None


@pytest.mark.parametrize(
    ("language", "text", "passed"),
    [
        ("en", "I am out of the office until 30 November. For urgent matters call +44 20 7946 0000.", True),
        ("en", "I'm away but will answer when I'm back.", False),
        ("pl", "Jestem na urlopie do 30 listopada. W pilnych sprawach: bok@zielonykoszyk.example", True),
        ("ru", "Я в отпуске до 30.11. По срочным вопросам пишите support@tekhnomarket.example", True),
        ("fi", "Olen lomalla 30.11. asti.", False),
        ("ro", "Vă vom răspunde în 24 de ore. Telefon: +40 21 123 4567", True),
    ],
)
def test_informative_auto_reply(language: str, text: str, passed: bool) -> None:
    assert etiquette.informative_auto_reply(text, language).passed is passed
