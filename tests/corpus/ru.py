"""Russian replies: a Russian shop's greetings, signatures, answers and automatic mail."""

from __future__ import annotations

from tests.corpus.model import Answer, Automatic, Client, Greeting, LanguageMaterial, Signature

PHONE_PRICES, ORDER = "phone-and-pricing", "one-click-order-failed"

MATERIAL = LanguageMaterial(
    code="ru",
    shopper="Ольга Смирнова",
    shopper_address="olga.smirnova@mysteryshop.example",
    vendor="ТехноМаркет",
    vendor_domain="tekhnomarket.example",
    greetings=(
        Greeting("Здравствуйте, Ольга!", True),
        Greeting("Ольга, здравствуйте!", True),
        Greeting("Добрый день, Ольга!", True),
        Greeting("Уважаемая Ольга,", True),
        Greeting("Ольга, добрый день.", True),
        Greeting("Здравствуйте!", False),
        Greeting("Добрый день.", False),
        Greeting("Уважаемый клиент!", False),
        Greeting("", False),
    ),
    signatures=(
        Signature(
            "С уважением,\nИрина Петрова\nСлужба поддержки ТехноМаркет\nТел.: +7 (495) 123-45-67\n"
            "support@tekhnomarket.example",
            True,
        ),
        Signature("С уважением,\nСлужба клиентской поддержки «ТехноМаркет»", False),
        Signature(
            "Всего доброго,\nАлексей Кузнецов\nменеджер отдела продаж\n+7 812 555-01-23\nwww.tekhnomarket.example", True
        ),
        Signature("Спасибо за обращение!\nКоманда ТехноМаркет", False),
        Signature("--\nДмитрий\nТехноМаркет\n8 800 555-35-35", False),
        Signature(
            "С наилучшими пожеланиями,\nМария Иванова\nстарший специалист\n+7 495 123 45 60, tekhnomarket.example", True
        ),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Звоните нам по номеру 8 800 555-35-35, звонок по России бесплатный, мы работаем с 9 до 18 "
            "по будням.\nЦены на все товары указаны в каталоге на сайте: https://tekhnomarket.example/catalog",
            {"phone": True, "pricing": True},
            True,
            (
                "Звоните нам по номеру 8 800 555-35-35, звонок по России бесплатный, мы работаем с 9 до 18 по будням.",
                "Цены на все товары указаны в каталоге на сайте: https://tekhnomarket.example/catalog",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "Наша горячая линия: +7 (495) 123-45-67.\nАктуальный прайс-лист можно скачать здесь: "
            "tekhnomarket.example/price",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "К сожалению, телефонной поддержки у нас нет, мы отвечаем только по электронной почте и в чате. "
            "Стоимость каждого товара указана на его странице в интернет-магазине.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Наш телефон: +7 495 123-45-67, звоните в рабочее время.",
            {"phone": True, "pricing": False},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Все цены есть на сайте в разделе «Каталог»: https://tekhnomarket.example/catalog",
            {"phone": False, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Спасибо за обращение. Ваш вопрос о номере телефона передан в отдел продаж, с вами свяжутся.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(PHONE_PRICES, "Вся информация есть на нашем сайте.", {"phone": False, "pricing": False}, False),
        Answer(
            PHONE_PRICES,
            "Позвоните: 8 800 555-35-35. Цены: tekhnomarket.example/catalog",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            ORDER,
            "Приносим извинения за неудобства. Мы проверили платёж: заказ не был оформлен, деньги на карте "
            "только заблокированы. Банк снимет блокировку и средства вернутся на карту в течение 3–5 рабочих "
            "дней.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Извините за ситуацию! Ваш заказ принят и уже передан в службу доставки, поэтому возврат не требуется.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Просим прощения. Заказ оформлен, сейчас он собирается на складе.",
            {"order-status": True, "refund": False},
            True,
        ),
        Answer(
            ORDER,
            "Мы передали ваш вопрос в бухгалтерию. Они проверят оплату и свяжутся с вами по поводу возврата.",
            {"order-status": False, "refund": False},
            False,
        ),
        Answer(
            ORDER,
            "Подскажите, пожалуйста, последние четыре цифры карты и время попытки оплаты, чтобы мы нашли платёж.",
            {"order-status": False, "refund": False},
            True,
        ),
        Answer(
            ORDER,
            "Приносим извинения. Заказ отменён системой после ошибки оплаты.\n\nДеньги вернутся на карту "
            "в течение 10 дней.",
            {"order-status": True, "refund": True},
            True,
            (
                "Приносим извинения. Заказ отменён системой после ошибки оплаты.",
                "Деньги вернутся на карту в течение 10 дней.",
            ),
        ),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Re: {subject}",
            "Здравствуйте!\n\nВаше обращение №88231 зарегистрировано. Специалист ответит вам в течение "
            "24 часов.\n\nЭто письмо отправлено автоматически, отвечать на него не нужно.",
        ),
        Automatic(
            "auto_reply",
            "Автоответ: {subject}",
            "Добрый день!\n\nЯ в отпуске до 7 декабря. По срочным вопросам пишите на "
            "support@tekhnomarket.example или звоните +7 (495) 123-45-67.\n\nИрина Петрова",
            {"X-Autoreply": "yes"},
        ),
        Automatic(
            "auto_reply",
            "Ваше обращение принято",
            "Уважаемый клиент!\n\nМы получили ваше письмо и ответим в ближайшее время.\n\nС уважением,\nТехноМаркет",
            sender="noreply",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Оцените качество обслуживания",
            "Здравствуйте, Ольга!\n\nНедавно вы обращались в нашу службу поддержки. Пожалуйста, оцените "
            "работу специалиста — это займёт меньше минуты.\n\nОценить: https://tekhnomarket.example/opros",
            sender="noreply",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Скидки до 50% только до воскресенья!",
            "Ольга, только для вас: скидки до 50% на смартфоны и ноутбуки.\n\n"
            "Перейти в каталог: https://tekhnomarket.example/sale\n\nОтписаться от рассылки",
            {"List-Unsubscribe": "<mailto:unsubscribe@tekhnomarket.example>", "Precedence": "bulk"},
            sender="news",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Восстановление пароля",
            "Здравствуйте!\n\nДля восстановления пароля перейдите по ссылке: "
            "https://tekhnomarket.example/reset/77ab\n\nЕсли вы не запрашивали смену пароля, проигнорируйте "
            "это письмо.",
            {"Auto-Submitted": "auto-generated"},
            sender="no-reply",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="вт, 1 дек. 2026 г. в {time}, {name} <{address}>:",
        apple="1 дек. 2026 г., в {time}, {name} <{address}> написал(а):",
        thunderbird="01.12.2026 {time}, {name} пишет:",
        outlook=("От", "Отправлено", "Кому", "Тема"),
        mobile_footer="Отправлено с iPhone",
        reply_prefix="Re:",
    ),
    desk_marker="##- Введите свой ответ над этой строкой -##",
    desk_updated="Ваш запрос ({ticket}) был обновлен. Чтобы добавить комментарий, ответьте на это письмо.",
)
