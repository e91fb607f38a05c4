"""English replies: a UK/US desk's greetings, signatures, answers and automatic mail."""

from __future__ import annotations

from tests.corpus.model import Answer, Automatic, Client, Greeting, LanguageMaterial, Signature

PHONE_PRICES, ORDER, UNCLEAR = "phone-and-pricing", "one-click-order-failed", "unclear-compatibility"

MATERIAL = LanguageMaterial(
    code="en",
    shopper="Alex Morgan",
    shopper_address="alex.morgan@mysteryshop.example",
    vendor="Brightdesk",
    vendor_domain="brightdesk.example",
    greetings=(
        Greeting("Hi Alex,", True),
        Greeting("Hello Alex,", True),
        Greeting("Dear Mr Morgan,", True),
        Greeting("Good morning Alex,", True),
        Greeting("Alex, thanks for getting in touch!", True),
        Greeting("Hello,", False),
        Greeting("Dear Customer,", False),
        Greeting("Hi there,", False),
        Greeting("", False),
    ),
    signatures=(
        Signature(
            "Kind regards,\nSarah Mitchell\nCustomer Care Team\nBrightdesk Ltd\n+44 20 7946 0958\nbrightdesk.example",
            True,
        ),
        Signature(
            "Best,\nTom Baker\nSupport Specialist | Brightdesk\n"
            "T: +44 (0)20 7946 0102 | E: tom.baker@brightdesk.example",
            True,
        ),
        Signature("Thanks,\nJordan\n\nBrightdesk Support\nwww.brightdesk.example", False),
        Signature("Regards,\nThe Brightdesk Team", False),
        Signature(
            "Cheers,\nPriya Shah\nCustomer Success Manager\nDirect: +1 (646) 555-0142\nhttps://brightdesk.example/help",
            True,
        ),
        Signature("Many thanks,\nEmily", False),
        Signature("--\nMark Evans\nBrightdesk Customer Support\nPhone: 020 7946 0958", False),
    ),
    answers=(
        Answer(
            PHONE_PRICES,
            "Yes, of course: our customer line is 020 7946 0958, open Monday to Friday 9am-6pm.\n"
            "All our prices are listed on the pricing page: https://brightdesk.example/pricing",
            {"phone": True, "pricing": True},
            True,
            (
                "Yes, of course: our customer line is 020 7946 0958, open Monday to Friday 9am-6pm.",
                "All our prices are listed on the pricing page: https://brightdesk.example/pricing",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "You can reach us on 0800 123 456 (free from UK landlines), weekdays until 6pm. "
            "For costs, have a look at brightdesk.example/plans, every plan is listed there with its monthly fee.",
            {"phone": True, "pricing": True},
            True,
            (
                "You can reach us on 0800 123 456 (free from UK landlines), weekdays until 6pm.",
                "For costs, have a look at brightdesk.example/plans, every plan is listed there with its monthly fee.",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "Ring us any time on +44 161 496 0000 and one of the team will pick up.\n\n"
            "Our plans start at £12 a month; the full breakdown is at https://brightdesk.example/pricing.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "We don't have a phone line at the moment, I'm afraid: support is by e-mail and live chat only, "
            "and we usually answer within a few hours.\n\nPricing is on our website under Plans & Pricing "
            "(top menu), or directly here: https://brightdesk.example/pricing",
            {"phone": True, "pricing": True},
            True,
            (
                "We don't have a phone line at the moment, I'm afraid: support is by e-mail and live chat only.",
                "Pricing is on our website under Plans & Pricing (top menu), or directly here: "
                "https://brightdesk.example/pricing",
            ),
        ),
        Answer(
            PHONE_PRICES,
            "Our telephone number is 020 7946 0958, lines are open 8am to 8pm.",
            {"phone": True, "pricing": False},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "You'll find the prices at https://brightdesk.example/pricing, they include VAT.",
            {"phone": False, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Thank you for your interest in Brightdesk. I have passed your question about a phone number "
            "and our pricing to the sales team, and someone will get back to you shortly.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(PHONE_PRICES, "Please see our website for all information.", {"phone": False, "pricing": False}, False),
        Answer(
            PHONE_PRICES,
            "Happy to help! Call 020 7946 0958 or see brightdesk.example/pricing.",
            {"phone": True, "pricing": True},
            True,
        ),
        Answer(
            PHONE_PRICES,
            "Thanks for your email. We will get back to you regarding your question as soon as possible.",
            {"phone": False, "pricing": False},
            False,
        ),
        Answer(
            ORDER,
            "I've checked your reference and the order was not placed: the payment page timed out before "
            "confirming it. What you see on your card is only a pre-authorisation, and your bank will "
            "release it automatically within 3-5 working days, so there is nothing you need to do. "
            "Sorry for the trouble this caused!",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Apologies for the inconvenience. I can confirm that your order did not go through.\n\n"
            "The amount taken will be refunded to your card within 5 business days.",
            {"order-status": True, "refund": True},
            True,
            (
                "Apologies for the inconvenience. I can confirm that your order did not go through.",
                "The amount taken will be refunded to your card within 5 business days.",
            ),
        ),
        Answer(
            ORDER,
            "Sorry about that! Good news: your order was placed successfully and it ships tomorrow, "
            "so no refund is needed. You'll get a tracking link by e-mail.",
            {"order-status": True, "refund": True},
            True,
        ),
        Answer(
            ORDER,
            "Sorry for the trouble. We can see the order was created, our warehouse is on it.",
            {"order-status": True, "refund": False},
            True,
        ),
        Answer(
            ORDER,
            "We're sorry to hear this. I've forwarded your message to our billing team, who will look into "
            "the payment and get back to you about a refund.",
            {"order-status": False, "refund": False},
            False,
        ),
        Answer(
            ORDER,
            "Could you send us the last four digits of the card and the time you tried to order? "
            "Then I can find the payment and tell you whether the order exists.",
            {"order-status": False, "refund": False},
            True,
        ),
        Answer(
            UNCLEAR,
            'Happy to help! Which product do you mean by "the other one"? If you tell me the model or '
            "plan name I can check whether the basic plan works with it.",
            {"clarification": True},
            True,
        ),
        Answer(
            UNCLEAR,
            "Could you clarify what you currently have? Once I know the product I can say if anything extra is needed.",
            {"clarification": True},
            True,
        ),
        Answer(
            UNCLEAR,
            "Yes, the basic plan works with all our other products, nothing extra is needed.",
            {"clarification": False},
            True,
        ),
        Answer(UNCLEAR, "The basic plan includes everything you need.", {"clarification": False}, False),
    ),
    automatic=(
        Automatic(
            "auto_reply",
            "Re: {subject}",
            "Thank you for contacting Brightdesk Support.\n\nThis is an automated response to let you know "
            "that we've received your message. A member of our team will get back to you within 24 hours.\n\n"
            "Your ticket number is #48213.\n\nBrightdesk Support",
        ),
        Automatic(
            "auto_reply",
            "[#48213] We have received your request",
            "Hello,\n\nYour request (48213) has been received and is being reviewed by our support staff.\n\n"
            "To add additional comments, reply to this email.\n\nThis email is a service from Brightdesk Support.",
            {"Auto-Submitted": "auto-generated"},
            sender="support",
        ),
        Automatic(
            "auto_reply",
            "Automatic reply: {subject}",
            "Hi,\n\nI'm out of the office until Monday 7 December with limited access to e-mail. "
            "For urgent matters please contact support@brightdesk.example or call +44 20 7946 0958.\n\n"
            "Thanks,\nSarah",
        ),
        Automatic(
            "auto_reply",
            "Re: {subject}",
            "Please note: this mailbox is not monitored. Your message has not been read.\n\n"
            "To contact our customer care team, please use the contact form at "
            "https://brightdesk.example/contact.",
            sender="no-reply",
        ),
        Automatic(
            "auto_reply",
            "Ticket Received - 286614",
            "Dear Alex Morgan,\n\nThank you for reaching out. We have received your enquiry and created "
            "ticket 286614. Our average response time is currently 2 business days.\n\nKind regards,\n"
            "Brightdesk Customer Care",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "How did we do? Rate your recent support experience",
            "Hi Alex,\n\nYour ticket #48213 was recently solved. We'd love to hear what you think of the "
            "support you received.\n\nHow would you rate it?\n\nGood, I'm satisfied\nBad, I'm unsatisfied\n\n"
            "Thanks for helping us improve!",
            {"Auto-Submitted": "auto-generated"},
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "This week only: 20% off all annual plans",
            "Hi Alex,\n\nOur winter sale is on! Save 20% on every annual plan until Sunday.\n\n"
            "Shop now: https://brightdesk.example/sale\n\nYou are receiving this email because you signed up "
            "at brightdesk.example. Unsubscribe: https://brightdesk.example/unsubscribe",
            {"Precedence": "bulk"},
            sender="news",
            replies_in_thread=False,
        ),
        Automatic(
            "unrelated",
            "Reset your Brightdesk password",
            "Hi Alex,\n\nSomeone requested a password reset for your Brightdesk account. "
            "Click the link below to choose a new password:\n\nhttps://brightdesk.example/reset/8f2k1\n\n"
            "If you didn't request this, you can ignore this email.",
            {"Auto-Submitted": "auto-generated"},
            sender="no-reply",
            replies_in_thread=False,
        ),
    ),
    client=Client(
        gmail="On Tue, 1 Dec 2026 at {time}, {name} <{address}> wrote:",
        apple="On 1 Dec 2026, at {time}, {name} <{address}> wrote:",
        thunderbird="On 01/12/2026 {time}, {name} wrote:",
        outlook=("From", "Sent", "To", "Subject"),
        mobile_footer="Sent from my iPhone",
        reply_prefix="Re:",
    ),
    desk_marker="##- Please type your reply above this line -##",
    desk_updated="Your request ({ticket}) has been updated. To add additional comments, reply to this email.",
)
