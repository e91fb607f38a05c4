"""Mail-client strings of languages the benchmark does not judge, for the structure of a reply only.

A vendor's desk or a forwarding colleague may run Outlook in Dutch or Gmail in French: their
quote attributions, header blocks, separators, sign-offs and device footers must still be
recognised, although no reply is judged for courtesy in these languages. Written from the
clients' own localised strings (Outlook, Gmail, Apple Mail, Thunderbird, Yahoo, mobile apps).
Fragments as in `language.py`: lower-case regular expressions matched case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass

from supportbench.languages.language import Fragments


@dataclass(frozen=True)
class ClientStrings:
    code: str
    wrote: Fragments
    original_message: Fragments
    forwarded: Fragments
    header_from: Fragments
    header_other: Fragments
    sign_offs: Fragments
    device_footers: Fragments


OTHER_CLIENTS: tuple[ClientStrings, ...] = (
    ClientStrings(
        "nl",
        wrote=(r"schreef", r"het volgende geschreven", r"geschreven"),
        original_message=(r"oorspronkelijk bericht", r"origineel bericht"),
        forwarded=(r"doorgestuurd bericht",),
        header_from=(r"van",),
        header_other=(r"verzonden", r"datum", r"aan", r"onderwerp", r"cc"),
        sign_offs=(
            r"met vriendelijke groet(en)?",
            r"vriendelijke groet(en)?",
            r"hartelijke groet(en)?",
            r"groet(en|jes)?",
        ),
        device_footers=(r"verstuurd vanaf mijn", r"verzonden vanaf mijn", r"verzonden met"),
    ),
    ClientStrings(
        "fr",
        wrote=(r"a écrit", r"a ecrit", r"écrit"),
        original_message=(r"message d'origine", r"message original"),
        forwarded=(r"message transféré", r"début du message réexpédié"),
        header_from=(r"de",),
        header_other=(r"envoyé( le)?", r"envoye( le)?", r"date", r"à", r"a", r"objet", r"cc"),
        sign_offs=(
            r"cordialement",
            r"bien (à vous|cordialement)",
            r"salutations( distinguées)?",
            r"bonne (journée|soirée)",
        ),
        device_footers=(r"envoyé de mon", r"envoyé à partir de", r"envoyé depuis", r"obtenir outlook pour"),
    ),
    ClientStrings(
        "es",
        wrote=(r"escribió", r"escribio"),
        original_message=(r"mensaje original",),
        forwarded=(r"mensaje reenviado",),
        header_from=(r"de",),
        header_other=(r"enviado( el)?", r"fecha", r"para", r"asunto", r"cc"),
        sign_offs=(r"saludos( cordiales)?", r"atentamente", r"un saludo", r"un cordial saludo"),
        device_footers=(r"enviado desde mi", r"obtener outlook para"),
    ),
    ClientStrings(
        "ca",
        wrote=(r"ha escrit", r"va escriure"),
        original_message=(r"missatge original",),
        forwarded=(r"missatge reenviat",),
        header_from=(r"de",),
        header_other=(r"enviat", r"data", r"per a", r"assumpte"),
        sign_offs=(r"salutacions", r"cordialment"),
        device_footers=(r"enviat des del meu",),
    ),
    ClientStrings(
        "it",
        wrote=(r"ha scritto", r"scritto"),
        original_message=(r"messaggio originale",),
        forwarded=(r"messaggio inoltrato",),
        header_from=(r"da",),
        header_other=(r"inviato", r"data", r"a", r"oggetto", r"cc"),
        sign_offs=(r"cordiali saluti", r"distinti saluti", r"saluti", r"un saluto"),
        device_footers=(r"inviato da( il)?( mio)?", r"inviato dal mio"),
    ),
    ClientStrings(
        "pt",
        wrote=(r"escreveu",),
        original_message=(r"mensagem original",),
        forwarded=(r"mensagem encaminhada",),
        header_from=(r"de",),
        header_other=(r"enviada?( em)?", r"data", r"para", r"assunto", r"cc"),
        sign_offs=(r"atenciosamente", r"cumprimentos", r"com os melhores cumprimentos", r"abraços?"),
        device_footers=(r"enviado do meu", r"enviado de meu"),
    ),
    ClientStrings(
        "da",
        wrote=(r"skrev",),
        original_message=(r"oprindelig meddelelse", r"original meddelelse"),
        forwarded=(r"videresendt meddelelse", r"videresendt besked"),
        header_from=(r"fra",),
        header_other=(r"sendt", r"dato", r"til", r"emne", r"cc"),
        sign_offs=(r"med venlig hilsen", r"venlig hilsen", r"mvh\.?", r"hilsen", r"kh"),
        device_footers=(r"sendt fra min",),
    ),
    ClientStrings(
        "sv",
        wrote=(r"skrev",),
        original_message=(r"ursprungligt meddelande", r"originalmeddelande"),
        forwarded=(r"vidarebefordrat meddelande",),
        header_from=(r"från",),
        header_other=(r"skickat", r"datum", r"till", r"ämne", r"kopia"),
        sign_offs=(r"med vänliga hälsningar", r"vänliga hälsningar", r"mvh\.?", r"hälsningar"),
        device_footers=(r"skickat från min",),
    ),
    ClientStrings(
        "no",
        wrote=(r"skrev",),
        original_message=(r"opprinnelig melding", r"original melding"),
        forwarded=(r"videresendt melding",),
        header_from=(r"fra",),
        header_other=(r"sendt", r"dato", r"til", r"emne", r"kopi"),
        sign_offs=(r"med vennlig hilsen", r"vennlig hilsen", r"mvh\.?"),
        device_footers=(r"sendt fra min",),
    ),
    ClientStrings(
        "uk",
        wrote=(r"написав", r"написала", r"пише"),
        original_message=(r"оригінальне повідомлення", r"початкове повідомлення"),
        forwarded=(r"переслане повідомлення",),
        header_from=(r"від",),
        header_other=(r"надіслано", r"дата", r"кому", r"тема", r"копія"),
        sign_offs=(r"з повагою", r"з найкращими побажаннями"),
        device_footers=(r"надіслано з",),
    ),
    ClientStrings(
        "cs",
        wrote=(r"napsal\(a\)", r"napsala", r"napsal", r"napísal"),
        original_message=(r"původní zpráva", r"pôvodná správa"),
        forwarded=(r"přeposlaná zpráva",),
        header_from=(r"od",),
        header_other=(r"odesláno", r"odoslané", r"datum", r"komu", r"předmět", r"predmet"),
        sign_offs=(r"s pozdravem", r"s pozdravom", r"děkuji"),
        device_footers=(r"odesláno z", r"odoslané z"),
    ),
    ClientStrings(
        "other",  # single strings of languages with a few clients each: tr, hu, et, lt, lv, bg, el, sl, hr, vi
        wrote=(
            r"yazdı",
            r"írta",
            r"kirjutas",
            r"rašė",
            r"rakstīja",
            r"написа",
            r"έγραψε",
            r"je napisal",
            r"je napisao",
            r"đã viết",
            r"viết",
        ),
        original_message=(r"orijinal ileti", r"eredeti üzenet", r"algne kiri", r"originalna poruka"),
        forwarded=(r"iletilen ileti", r"továbbított üzenet"),
        header_from=(r"kimden", r"feladó", r"saatja", r"od"),
        header_other=(r"gönderildi", r"kime", r"konu", r"elküldve", r"címzett", r"tárgy", r"saadetud", r"teema"),
        sign_offs=(r"saygılarımla", r"üdvözlettel", r"lugupidamisega", r"lp"),
        device_footers=(r"iphone'umdan gönderildi", r"iphone-ról küldve"),
    ),
    ClientStrings(
        "cjk",  # Chinese and Japanese clients
        wrote=(r"写道", r"寫道", r"のメッセージ", r"書きました", r"wrote"),
        original_message=(r"原始邮件", r"原始郵件", r"元のメッセージ"),
        forwarded=(r"转发的邮件", r"転送されたメッセージ"),
        header_from=(r"发件人", r"寄件者", r"差出人"),
        header_other=(r"发送时间", r"日期", r"收件人", r"主题", r"送信日時", r"宛先", r"件名"),
        sign_offs=(r"谢谢", r"よろしくお願いします"),
        device_footers=(r"发自我的", r"iphoneから送信"),
    ),
)
