"""Simulated vendor support desks: what each one does with a probe, and the truth of it.

Pure. One of the two simulated things in the demo (the other is the clock). A desk reads a
probe that really arrived in its lab mailbox and plans its messages back: their raw bytes,
the (simulated) moment each arrives, the folder it lands in, and what the desk knows it did
(kind, which probe, which questions it answered). The behaviours are those the seed texts
and the published studies report; `BEHAVIOURS` lists them in the order vendors get them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from supportbench.simulation import phrases
from supportbench.timing.businesstime import BusinessCalendar

HOUR = 3600.0

BEHAVIOURS: tuple[str, ...] = (
    "fast-complete",  # fast, courteous and complete
    "slow-complete",  # complete, but days later, often over a weekend
    "promise-broken",  # acknowledges, promises 24 hours, answers in three days
    "black-hole",  # acknowledges and never answers
    "help-desk",  # rewrites the subject to "[#12345] ...", drops In-Reply-To, quotes without ">"
    "other-address",  # answers from a colleague's address of the same company, no thread headers
    "partial",  # answers only the first question
    "brush-off",  # two curt lines, no greeting, no apology
    "clarifier",  # asks what an unclear question meant
    "junk",  # a good reply that lands in the shopper's spam folder
    "bounce",  # its address does not exist: Postfix bounces the probe
    "out-of-office",  # an out-of-office with a return date and contacts, then a reply after it
    "silent",  # never answers at all
)


@dataclass(frozen=True)
class Desk:
    """A simulated vendor: who it is, how it behaves, where it writes from."""

    vendor_id: str
    company: str
    language: str
    behaviour: str
    address: str
    colleague: str  # the other address of the same company
    calendar: BusinessCalendar
    staff_number: int  # varies phone numbers between desks


@dataclass(frozen=True)
class ProbeSeen:
    """A probe as it arrived in a desk's mailbox."""

    message_id: str
    subject: str
    text: str
    sent_at: datetime
    shopper_name: str
    shopper_address: str
    question_ids: tuple[str, ...]
    category: str


@dataclass(frozen=True)
class Planned:
    """A message the desk sends back, with the truth about it."""

    raw: bytes
    message_id: str
    arrives_at: datetime  # whole seconds: an IMAP INTERNALDATE has no fraction
    folder: str  # INBOX or Junk
    kind: str  # auto_reply, human, or unrelated (a survey)
    answers_probe: str  # the probe's Message-ID
    answered: tuple[str, ...]  # question ids a human reply answers


def plan_replies(desk: Desk, probe: ProbeSeen, sequence: int, rng: random.Random) -> list[Planned]:
    """Everything the desk will send about this probe (empty for the silent and the bouncing)."""
    writer = _Writer(desk, probe, sequence, rng)
    behaviour = desk.behaviour
    if behaviour in ("silent", "bounce"):
        return []
    if behaviour == "black-hole":
        return [writer.acknowledgement(minutes=rng.randint(1, 4))]
    if behaviour == "promise-broken":
        ack = writer.acknowledgement(minutes=rng.randint(1, 4))
        return [ack, writer.reply(probe.question_ids, after=timedelta(days=3, hours=rng.randint(1, 5)), late=True)]
    if behaviour == "out-of-office":
        back = desk.calendar.add_business_seconds(probe.sent_at + timedelta(days=5), 0)
        notice = writer.out_of_office(back)
        return [notice, writer.reply(probe.question_ids, at=desk.calendar.add_business_seconds(back, 2 * HOUR),
                                     late=True)]  # fmt: skip
    if behaviour == "slow-complete":
        return [writer.reply(probe.question_ids, business_hours=rng.uniform(16, 26), late=True)]
    if behaviour == "partial":
        return [writer.reply(probe.question_ids[:1], business_hours=rng.uniform(2, 6), defer_rest=True)]
    if behaviour == "brush-off":
        return [writer.brush_off(business_hours=rng.uniform(1, 4))]
    if behaviour == "clarifier":
        return [writer.reply(("clarification",), business_hours=rng.uniform(0.5, 3))]
    if behaviour == "help-desk":
        return [writer.reply(probe.question_ids, business_hours=rng.uniform(2, 6), help_desk=True)]
    if behaviour == "other-address":
        return [writer.reply(probe.question_ids, business_hours=rng.uniform(1, 5), from_colleague=True)]
    if behaviour == "junk":
        return [writer.reply(probe.question_ids, business_hours=rng.uniform(1, 4), folder="Junk")]
    reply = writer.reply(probe.question_ids, business_hours=rng.uniform(0.3, 3))  # fast-complete
    # Some desks follow a solved ticket with a satisfaction survey: it must never count as a reply.
    return [reply, writer.survey(reply.arrives_at + timedelta(days=2))] if rng.random() < 0.3 else [reply]


class _Writer:
    """Writes one desk's messages about one probe, in the desk's language, with some variety."""

    def __init__(self, desk: Desk, probe: ProbeSeen, sequence: int, rng: random.Random) -> None:
        self.desk, self.probe, self.sequence, self.rng = desk, probe, sequence, rng
        self.language = desk.language
        self.domain = desk.address.partition("@")[2]
        self.phone = phrases.PERSONAS[self.language].phone.format(n=desk.staff_number)
        self.ticket = str(40000 + 137 * sequence + desk.staff_number)
        self.count = 0

    def acknowledgement(self, minutes: int) -> Planned:
        subject = phrases.ACK_SUBJECTS[self.language].format(ticket=self.ticket)
        body = phrases.ACK_BODIES[self.language].format(company=self.desk.company)
        at = self.probe.sent_at + timedelta(minutes=minutes)
        # Half the desks' acknowledgements carry no RFC 3834 header: the judge must read them.
        return self._planned(subject, body, at, "auto_reply", (), auto=self.rng.random() < 0.5)

    def survey(self, at: datetime) -> Planned:
        subject = phrases.SURVEY_SUBJECTS[self.language]
        body = phrases.SURVEY_BODIES[self.language].format(ticket=self.ticket, domain=self.domain)
        return self._planned(subject, body, at, "unrelated", (), threaded=False)

    def out_of_office(self, back: datetime) -> Planned:
        subject = phrases.OOO_SUBJECTS[self.language].format(subject=self.probe.subject)
        local_back = back.astimezone(self.desk.calendar.zone).strftime("%d.%m.%Y")
        body = phrases.OOO_BODIES[self.language].format(back=local_back, phone=self.phone, other=self.desk.colleague)
        at = self.probe.sent_at + timedelta(minutes=self.rng.randint(1, 3))
        return self._planned(subject, body, at, "auto_reply", (), auto=True)

    def reply(
        self,
        answer_ids: Sequence[str],
        *,
        business_hours: float | None = None,
        after: timedelta | None = None,
        at: datetime | None = None,
        late: bool = False,
        help_desk: bool = False,
        from_colleague: bool = False,
        folder: str = "INBOX",
        defer_rest: bool = False,
    ) -> Planned:
        if at is None:
            at = (
                self.probe.sent_at + after
                if after is not None
                else self.desk.calendar.add_business_seconds(self.probe.sent_at, (business_hours or 1) * HOUR)
            )
        first, _, last = self.probe.shopper_name.partition(" ")
        greeting = self.rng.choice(phrases.GREETINGS[self.language]).format(
            first=first, last=last, first_vocative=first[:-1] + "o" if first.endswith("a") else first
        )
        lines = [greeting, "", self.rng.choice(phrases.THANKS[self.language])]
        if late:
            lines.append(phrases.APOLOGY_LATE[self.language])
        if self.probe.category == "post-sales-problem":
            lines.append(phrases.APOLOGY_PROBLEM[self.language])
        answered = tuple(q for q in answer_ids if self.language in phrases.ANSWERS.get(q, {}))
        answers = {
            question: self.rng.choice(phrases.ANSWERS[question][self.language]).format(phone=self.phone,
                                                                                      domain=self.domain)
            for question in answered
        }  # fmt: skip
        questions = self._question_sentences()
        inline = not help_desk and len(questions) == len(self.probe.question_ids) > 1 and self.rng.random() < 0.3
        if inline:
            # Answers written between the quoted questions, as many people reply.
            lines += ["", self._attribution()]
            for question_id, sentence in zip(self.probe.question_ids, questions, strict=True):
                lines += [f"> {sentence}", *([answers[question_id], ""] if question_id in answers else [""])]
        else:
            lines += list(answers.values())
        if defer_rest:
            lines.append(phrases.DEFERRALS[self.language])
        lines += ["", self.rng.choice(phrases.CLOSINGS[self.language]), "", *self._signature(from_colleague)]
        if help_desk:
            lines += ["", phrases.RETURN_TO_SENDER_NOTE, "", *self.probe.text.strip().splitlines()]
            subject = f"[#{self.ticket}] {self.probe.subject}"
        else:
            if not inline and self.rng.random() < 0.7:
                lines += ["", *self._quote()]
            subject = (
                "Re: " if self.language in ("en", "ro") else self.rng.choice(["Re: ", "RE: "])
            ) + self.probe.subject
        threaded = not (help_desk or from_colleague)
        return self._planned(subject, "\n".join(lines), at, "human", answered, threaded=threaded,
                             from_colleague=from_colleague, folder=folder)  # fmt: skip

    def brush_off(self, business_hours: float) -> Planned:
        at = self.desk.calendar.add_business_seconds(self.probe.sent_at, business_hours * HOUR)
        body = "\n".join(self.rng.sample(phrases.BRUSH_OFFS[self.language], 2))
        return self._planned("Re: " + self.probe.subject, body, at, "human", ())

    def _signature(self, from_colleague: bool) -> list[str]:
        persona = phrases.PERSONAS[self.language]
        email = self.desk.colleague if from_colleague else self.desk.address
        return [self.rng.choice(phrases.SIGN_OFFS[self.language]), persona.agent, self.desk.company,
                f"{phrases.PHONE_LABEL[self.language]} {self.phone}", email]  # fmt: skip

    def _attribution(self) -> str:
        date = self.probe.sent_at.astimezone(self.desk.calendar.zone).strftime("%d.%m.%Y %H:%M")
        return phrases.ATTRIBUTIONS[self.language].format(
            date=date, name=self.probe.shopper_name, address=self.probe.shopper_address
        )

    def _quote(self) -> list[str]:
        return [self._attribution(), *("> " + line if line else ">" for line in self.probe.text.strip().splitlines())]

    def _question_sentences(self) -> list[str]:
        flat = " ".join(self.probe.text.split())
        return [sentence.strip() for sentence in re.findall(r"[^.?!]*\?", flat)]

    def _planned(
        self, subject: str, body: str, at: datetime, kind: str, answered: tuple[str, ...], *, auto: bool = False,
        threaded: bool = True, from_colleague: bool = False, folder: str = "INBOX",
    ) -> Planned:  # fmt: skip
        self.count += 1
        at = at.replace(microsecond=0)
        message_id = f"<sim-{self.desk.vendor_id}-{self.sequence}-{self.count}@{self.domain}>"
        message = EmailMessage(policy=SMTP)
        sender = self.desk.colleague if from_colleague else self.desk.address
        message["From"] = f"{self.desk.company} <{sender}>"
        message["To"] = self.probe.shopper_address
        message["Subject"] = subject
        message["Date"] = format_datetime(at.astimezone(self.desk.calendar.zone))
        message["Message-ID"] = message_id
        if threaded:
            message["In-Reply-To"] = self.probe.message_id
            message["References"] = self.probe.message_id
        if auto:
            message["Auto-Submitted"] = "auto-replied"
        message["Content-Language"] = self.language
        message.set_content(body + "\n", cte="8bit" if self.rng.random() < 0.5 else "quoted-printable")
        return Planned(message.as_bytes(), message_id, at, folder, kind, self.probe.message_id, answered)
