"""Per-question completeness on word stems: inflected forms count, missing groups are named."""

from __future__ import annotations

import pytest

from supportbench.config.targets import load_config
from supportbench.judging.completeness import QuestionTerms, answered_questions, share_answered
from supportbench.pipeline.evaluation import question_terms

TARGETS = load_config("targets.yaml")


def terms(probe_id: str, language: str) -> tuple[QuestionTerms, ...]:
    return question_terms(TARGETS.probe(probe_id), language)


@pytest.mark.parametrize(
    ("language", "probe_id", "reply", "answered"),
    [
        ("en", "phone-and-pricing", "You can ring us on 0800 123. Our plans are on the pricing page.",
         {"phone": True, "pricing": True}),
        ("en", "phone-and-pricing", "Our prices are very competitive.", {"phone": False, "pricing": False}),
        # Inflected forms: "Finlandii" (locative) for the term "Finlandi", "kosztuje" for "koszt".
        ("pl", "delivery-abroad", "Wysyłamy do Finlandii. Dostawa kosztuje 45 zł i trwa 5 dni. Zwrot możliwy.",
         {"ships-abroad": True, "delivery-cost-time": True, "returns": True}),
        ("pl", "phone-and-pricing", "Prosimy dzwonić pod numer 22 123 45 67.", {"phone": True, "pricing": False}),
        ("ru", "phone-and-pricing", "Позвоните по телефону +7 495 123-45-67, цены на сайте в разделе «Цены».",
         {"phone": True, "pricing": True}),
        ("ru", "one-click-order-failed", "Ваш заказ не оформлен, деньги вернутся в течение 5 дней.",
         {"order-status": True, "refund": True}),
        ("fi", "delivery-abroad", "Toimitamme Puolaan. Toimitus maksaa 19 euroa ja kestää viikon.",
         {"ships-abroad": True, "delivery-cost-time": True, "returns": False}),
        ("fi", "phone-and-pricing", "Puhelinnumeromme on 09 123 4567. Hinnasto löytyy sivustoltamme.",
         {"phone": True, "pricing": True}),
        ("ro", "one-click-order-failed", "Comanda nu a fost plasată. Vă vom returna banii în 3 zile lucrătoare.",
         {"order-status": True, "refund": True}),
        ("ro", "phone-and-pricing", "Ne puteți suna la numărul 021 123 4567.", {"phone": True, "pricing": False}),
    ],
)  # fmt: skip
def test_questions_answered(language: str, probe_id: str, reply: str, answered: dict[str, bool]) -> None:
    results = answered_questions(reply, terms(probe_id, language), language)
    assert {result.id: result.answered for result in results} == answered


def test_evidence_names_the_matched_words_and_the_missing_group() -> None:
    (pricing,) = [r for r in answered_questions("Our prices are low.", terms("phone-and-pricing", "en"), "en")
                  if r.id == "pricing"]  # fmt: skip
    assert pricing.evidence[0] == "prices"
    assert pricing.evidence[1].startswith("no website/page")


def test_share_answered() -> None:
    results = answered_questions("Call us on 0800 123 456.", terms("phone-and-pricing", "en"), "en")
    assert share_answered(results) == 0.5
    assert share_answered([]) is None


def test_short_terms_match_whole_words_only() -> None:
    # "zł" is shorter than a stem: "złoty" must not count for it, "45 zł" must.
    question = (QuestionTerms("cost", (("zł",),)),)
    assert [r.answered for r in answered_questions("45 złotych", question, "pl")] == [False]
    assert [r.answered for r in answered_questions("45 zł", question, "pl")] == [True]
