"""What simulated support desks write, in English, Polish, Russian, Finnish and Romanian.

Data only. Several greetings, quoting styles, sign-offs and answer wordings per language,
so a desk's replies vary and the scoring is not tuned to one template. Answers are keyed by
the question ids of the embedded targets.yaml; a desk knows which ones it answered.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    """A desk's staff member and contact details, per language."""

    agent: str
    phone: str
    zone: str
    country: str


PERSONAS: dict[str, Persona] = {
    "en": Persona("Jane Smith", "+44 20 7946 0{n:03d}", "Europe/London", "GB"),
    "pl": Persona("Katarzyna Wiśniewska", "+48 22 410 2{n:03d}", "Europe/Warsaw", "PL"),
    "ru": Persona("Иван Петров", "+7 495 120-4{n:03d}", "Europe/Moscow", "RU"),
    "fi": Persona("Liisa Korhonen", "+358 9 4250 {n:03d}", "Europe/Helsinki", "FI"),
    "ro": Persona("Mihai Ionescu", "+40 21 310 4{n:03d}", "Europe/Bucharest", "RO"),
}

# {first} and {last}: the shopper's names. Named greetings first; index 0 is always named.
GREETINGS: dict[str, tuple[str, ...]] = {
    "en": ("Hi {first},", "Hello {first},", "Dear {first} {last},"),
    "pl": ("Dzień dobry Pani {last},", "Witam Pani {first_vocative},", "Szanowna Pani {first_vocative},"),
    "ru": ("Здравствуйте, {first}!", "Добрый день, {first}!", "Уважаемая {first}, добрый день!"),
    "fi": ("Hei {first},", "Hyvä {first} {last},", "Hei {first}!"),
    "ro": ("Bună ziua, doamna {last},", "Bună ziua, {first},", "Stimată doamnă {last},"),
}
BARE_GREETINGS: dict[str, str] = {"en": "Hello,", "pl": "Dzień dobry,", "ru": "Здравствуйте!", "fi": "Hei,",
                                  "ro": "Bună ziua,"}  # fmt: skip

THANKS: dict[str, tuple[str, ...]] = {
    "en": ("Thank you for your message.", "Thanks for getting in touch with us."),
    "pl": ("Dziękujemy za wiadomość.", "Dziękujemy za kontakt z nami."),
    "ru": ("Спасибо за ваше обращение.", "Благодарим вас за письмо."),
    "fi": ("Kiitos viestistäsi.", "Kiitos yhteydenotostasi."),
    "ro": ("Vă mulțumim pentru mesaj.", "Vă mulțumim că ne-ați scris."),
}

APOLOGY_LATE: dict[str, str] = {
    "en": "Sorry for the late reply.",
    "pl": "Przepraszamy za opóźnienie w odpowiedzi.",
    "ru": "Извините за задержку с ответом.",
    "fi": "Pahoittelemme vastauksen viivästymistä.",
    "ro": "Ne cerem scuze pentru răspunsul întârziat.",
}
APOLOGY_PROBLEM: dict[str, str] = {
    "en": "We are sorry about the trouble with your order.",
    "pl": "Przepraszamy za kłopot z zamówieniem.",
    "ru": "Приносим извинения за проблему с заказом.",
    "fi": "Pahoittelemme tilauksesi ongelmaa.",
    "ro": "Ne cerem scuze pentru problema cu comanda.",
}

# question id -> language -> alternative wordings; {phone} and {domain} are the desk's.
ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "phone": {
        "en": ("You can call us on {phone}, Monday to Friday from 9 to 5.",
               "Our phone number is {phone}; we answer calls on weekdays.",
               "You can reach us on {phone} on weekdays."),
        "pl": ("Nasz numer telefonu to {phone} (od poniedziałku do piątku).",
               "Można do nas dzwonić pod numer {phone} w dni robocze.",
               "Jesteśmy dostępni pod {phone} (pn.-pt.)."),
        "ru": ("Наш телефон: {phone}, звоните в будни с 9 до 18.",
               "Позвонить нам можно по номеру {phone}.",
               "Мы на связи по будням: {phone}."),
        "fi": ("Puhelinnumeromme on {phone}, palvelemme arkisin.",
               "Voit soittaa meille numeroon {phone} arkisin.",
               "Asiakaspalvelumme palvelee arkisin numerossa {phone}."),
        "ro": ("Ne puteți suna la numărul {phone}, de luni până vineri.",
               "Numărul nostru de telefon este {phone}.",
               "Ne găsiți la {phone}, în zilele lucrătoare."),
    },
    "pricing": {
        "en": ("Our prices are listed on the pricing page: https://www.{domain}/pricing",
               "You will find every plan and its cost on our website under Pricing.",
               "Prices: {domain}/pricing"),
        "pl": ("Cennik znajdą Państwo na naszej stronie w zakładce Cennik: https://www.{domain}/cennik",
               "Aktualne ceny są na naszej stronie internetowej, w zakładce Cennik."),
        "ru": ("Цены указаны на нашем сайте в разделе «Цены»: https://www.{domain}/ceny",
               "Актуальные цены есть на сайте, на странице «Прайс»."),
        "fi": ("Hinnat löytyvät sivustoltamme osiosta Hinnasto: https://www.{domain}/hinnasto",
               "Hinnasto on nähtävissä verkkosivun osiossa Hinnasto."),
        "ro": ("Prețurile sunt pe site-ul nostru, în secțiunea Prețuri: https://www.{domain}/preturi",
               "Găsiți toate prețurile pe pagina Prețuri a site-ului nostru."),
    },
    "order-status": {
        "en": ("I checked your order: it was not placed, so nothing will be shipped.",),
        "pl": ("Sprawdziliśmy: zamówienie nie zostało złożone, więc nic nie zostanie wysłane.",),
        "ru": ("Мы проверили: заказ не оформлен, поэтому ничего не будет отправлено.",),
        "ro": ("Am verificat: comanda nu a fost plasată, deci nu se va livra nimic.",),
    },
    "refund": {
        "en": ("The payment was only reserved and will be refunded within 5 days.",),
        "pl": ("Środki zostaną zwrócone na kartę w ciągu 5 dni roboczych.",),
        "ru": ("Деньги вернутся на карту в течение 5 дней.",),
        "ro": ("Banii vă vor fi returnați pe card în 5 zile lucrătoare.",),
    },
    "ships-abroad": {
        "pl": ("Tak, wysyłamy zamówienia do Finlandii.",),
        "fi": ("Kyllä, toimitamme tilauksia myös Puolaan.",),
    },
    "delivery-cost-time": {
        "pl": ("Dostawa kosztuje 39 zł i trwa 4-6 dni roboczych.",),
        "fi": ("Toimitus maksaa 19 euroa ja kestää noin viikon.",),
    },
    "returns": {
        "pl": ("Zwrot towaru jest możliwy w ciągu 14 dni od otrzymania paczki.",),
        "fi": ("Tuotteen palautus on mahdollista 14 päivän ajan.",),
    },
    "clarification": {
        "en": ("Could you tell us which product you mean by \u201cthe other one\u201d? Then we can check it for you.",),
    },
}  # fmt: skip

CLOSINGS: dict[str, tuple[str, ...]] = {
    "en": ("Let us know if there is anything else we can do.", "Have a good day."),
    "pl": ("W razie pytań jesteśmy do dyspozycji.", "Życzymy miłego dnia."),
    "ru": ("Если остались вопросы, пишите.", "Хорошего дня!"),
    "fi": ("Autamme mielellämme muissakin asioissa.", "Mukavaa päivänjatkoa."),
    "ro": ("Vă stăm la dispoziție pentru orice întrebare.", "O zi bună!"),
}

SIGN_OFFS: dict[str, tuple[str, ...]] = {
    "en": ("Kind regards,", "Best regards,"),
    "pl": ("Z poważaniem", "Pozdrawiamy serdecznie"),
    "ru": ("С уважением,", "С наилучшими пожеланиями,"),
    "fi": ("Ystävällisin terveisin", "Parhain terveisin"),
    "ro": ("Cu stimă,", "Cu respect,"),
}
PHONE_LABEL = {"en": "Tel.", "pl": "tel.", "ru": "Тел.:", "fi": "puh.", "ro": "Tel:"}

# How a mail client introduces the quoted probe: {date}, {name}, {address}.
ATTRIBUTIONS: dict[str, str] = {
    "en": "On {date}, {name} <{address}> wrote:",
    "pl": "W dniu {date} {name} <{address}> napisał(a):",
    "ru": "{date}, {name} <{address}> написал(а):",
    "fi": "{date} {name} <{address}> kirjoitti:",
    "ro": "Pe {date}, {name} <{address}> a scris:",
}

BRUSH_OFFS: dict[str, tuple[str, ...]] = {
    "en": ("See our website.", "Check your bank."),
    "pl": ("Proszę sprawdzić stronę.", "Proszę pytać w banku."),
    "ru": ("Смотрите на сайте.", "Обратитесь в банк."),
    "fi": ("Katso verkkosivuilta.", "Kysy pankista."),
    "ro": ("Vedeți site-ul.", "Întrebați banca."),
}

ACK_SUBJECTS: dict[str, str] = {
    "en": "Ticket Received - {ticket}",
    "pl": "Zgłoszenie nr {ticket} zostało przyjęte",
    "ru": "Ваше обращение №{ticket} зарегистрировано",
    "fi": "Viestisi on vastaanotettu ({ticket})",
    "ro": "Am primit solicitarea dumneavoastră ({ticket})",
}
ACK_BODIES: dict[str, str] = {
    "en": "Thank you for contacting {company}. We have received your request and will reply within 24 hours.",
    "pl": "Dziękujemy za wiadomość do {company}. Odpowiemy w ciągu 24 godzin.",
    "ru": "Спасибо за обращение в {company}! Мы ответим в течение 24 часов.",
    "fi": "Kiitos viestistäsi, {company}. Vastaamme 24 tunnin kuluessa.",
    "ro": "Vă mulțumim că ați contactat {company}. Vă vom răspunde în 24 de ore.",
}
OOO_SUBJECTS: dict[str, str] = {
    "en": "Out of Office: {subject}",
    "pl": "Nieobecność: {subject}",
    "ru": "Автоответ: {subject}",
    "fi": "Poissa: {subject}",
    "ro": "Răspuns automat: {subject}",
}
OOO_BODIES: dict[str, str] = {
    "en": "I am out of the office until {back}. For urgent matters please call {phone} or write to {other}.",
    "pl": "Jestem nieobecna do {back}. W pilnych sprawach proszę dzwonić pod {phone} lub pisać na {other}.",
    "ru": "Я в отпуске до {back}. По срочным вопросам звоните {phone} или пишите на {other}.",
    "fi": "Olen poissa toimistolta {back} asti. Kiireellisissä asioissa soita {phone} tai kirjoita {other}.",
    "ro": "Sunt în concediu până pe {back}. Pentru urgențe sunați la {phone} sau scrieți la {other}.",
}
RETURN_TO_SENDER_NOTE = "Your message:"

# What a partial desk writes about the questions it does not answer: it passes them on.
DEFERRALS: dict[str, str] = {
    "en": "I have passed your other question to our sales team, who will get back to you.",
    "pl": "Pozostałe pytanie przekazaliśmy do działu sprzedaży, który odezwie się do Pani.",
    "ru": "Ваш второй вопрос мы передали в отдел продаж, с вами свяжутся.",
    "fi": "Välitimme muut kysymyksesi myyntitiimille, joka on sinuun yhteydessä.",
    "ro": "Am transmis celelalte întrebări colegilor de la vânzări, care vă vor contacta.",
}

# A satisfaction survey some desks send days after answering: mail about the probe, not a reply.
SURVEY_SUBJECTS: dict[str, str] = {
    "en": "How did we do? Rate your support experience",
    "pl": "Jak oceniasz naszą obsługę?",
    "ru": "Оцените качество обслуживания",
    "fi": "Miten onnistuimme? Arvioi asiakaspalvelumme",
    "ro": "Cum v-am ajutat? Evaluați experiența",
}
SURVEY_BODIES: dict[str, str] = {
    "en": "Your request {ticket} was solved. How would you rate the support you received?\n\nhttps://{domain}/survey",
    "pl": "Twoje zgłoszenie {ticket} zostało zamknięte. Prosimy o ocenę naszej obsługi:\n\nhttps://{domain}/ankieta",
    "ru": "Ваше обращение {ticket} закрыто. Оцените работу специалиста:\n\nhttps://{domain}/opros",
    "fi": "Tukipyyntösi {ticket} on ratkaistu. Arvioi palvelumme:\n\nhttps://{domain}/kysely",
    "ro": "Solicitarea {ticket} a fost rezolvată. Evaluați serviciul nostru:\n\nhttps://{domain}/sondaj",
}  # help desks that quote without ">" marks
