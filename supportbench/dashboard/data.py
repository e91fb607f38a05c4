"""Cached, read-only queries for the dashboard, and the pure helpers its pages share.

The store is opened with `mode=ro` for every query and never written. Results are cached
for REFRESH_SECONDS, so new results appear without a restart while the scheduler writes.
Everything the pages need of the config (vendors, probes, standards, access settings) comes
from the store's catalog, so the dashboard needs the database file alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TypedDict

import streamlit as st

from supportbench.config.standards import Standard
from supportbench.errors import StoreError
from supportbench.judging.agreement import ReviewedAgreement, reviewed_agreement
from supportbench.judging.records import ProbeFacts, Verdict
from supportbench.pipeline.review import reviews_against_the_judge_now
from supportbench.ranking.ranks import VendorRanking, ordered, rank_outcomes
from supportbench.ranking.summaries import fingerprint, from_summary
from supportbench.store import summaries
from supportbench.store.catalog import Catalog, VendorEntry, bounced_vendors, read_catalog
from supportbench.store.database import OutcomeRow, Store

DEFAULT_DB = "supportbench.db"
REFRESH_SECONDS = 30  # short enough to show new results while the scheduler keeps writing
MAX_SHOWN_CHARS = 6000  # a reply longer than this is cut on screen (the store keeps all of it)
WORD_JOINER = "\u2060"
_AUTOLINK_TRIGGER = re.compile(r"@\w|:/|\bwww\.", re.I)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$&=\"'/^@%])")


def database_path() -> Path:
    """From the SUPPORTBENCH_DB environment variable (set by the command line), else the default."""
    return Path(os.environ.get("SUPPORTBENCH_DB", DEFAULT_DB))


@dataclass(frozen=True)
class Filters:
    """The view's filters; every field is part of the URL so a link reproduces the view."""

    since: date | None = None
    until: date | None = None
    segment: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    language: tuple[str, ...] = ()

    def previous(self) -> Filters | None:
        """The same filters over the period of the same length just before, when a period is chosen."""
        if self.since is None or self.until is None or self.until < self.since:
            return None
        length = self.until - self.since + timedelta(days=1)
        return replace(self, since=self.since - length, until=self.since - timedelta(days=1))

    def keeps_vendor(self, vendor: VendorEntry) -> bool:
        tags = vendor["tags"]
        return (
            (not self.segment or tags.get("segment") in self.segment)
            and (not self.industry or tags.get("industry") in self.industry)
            and (not self.country or vendor["country"] in self.country)
            and (not self.language or vendor["language"] in self.language)
        )


# The catalog, the probes' rows and the rankings are cached as resources: shared, not copied on
# every use (10,000 vendors, or 100,000 rows, would be unpickled each time). Nothing mutates them.
@st.cache_resource(ttl=REFRESH_SECONDS, show_spinner=False)
def load_catalog(path: str) -> Catalog | str:
    """The catalog, or a sentence saying why there is nothing to show."""
    try:
        with Store.open_readonly(path) as store:
            return read_catalog(store)
    except StoreError as exc:
        return str(exc)


@st.cache_data(ttl=REFRESH_SECONDS, show_spinner=False)
def load_bounced(path: str) -> dict[str, str]:
    """Vendors paused because their address bounced permanently: id -> what to say."""
    catalog = load_catalog(path)
    assert isinstance(catalog, Catalog), "the page checked the store first"
    with Store.open_readonly(path) as store:
        return bounced_vendors(store, catalog.vendors)


@st.cache_resource(ttl=REFRESH_SECONDS, show_spinner=False)
def load_outcomes(path: str, standard: str) -> list[OutcomeRow]:
    with Store.open_readonly(path) as store:
        return store.outcomes(standard)


@st.cache_resource(ttl=REFRESH_SECONDS, show_spinner=False)
def load_criteria(path: str, standard: str) -> dict[int, dict[str, Verdict]]:
    """Each probe's verdict per criterion under `standard` (outbox id -> criteria)."""
    with Store.open_readonly(path) as store:
        return {row["outbox_id"]: row["criteria"] for row in store.outcomes(standard, with_criteria=True)}


@st.cache_data(ttl=REFRESH_SECONDS, show_spinner=False)
def load_vendor(path: str, vendor_id: str, standard: str) -> list[VendorProbe]:
    """A vendor's probes, newest first: facts and the verdict under `standard`."""
    with Store.open_readonly(path) as store:
        results = {row["outbox_id"]: row for row in store.outcomes(standard, vendor_id=vendor_id, with_criteria=True)}
        facts = store.probe_facts(vendor_id)
    return [VendorProbe(facts=f, result=results.get(f["outbox_id"])) for f in reversed(facts)]


class VendorProbe(TypedDict):
    facts: ProbeFacts
    result: OutcomeRow | None  # with its criteria


@dataclass(frozen=True)
class View:
    """What a page shows for one standard and set of filters; shared between runs, never mutated."""

    rows: list[OutcomeRow]
    ranking: list[VendorRanking]


@st.cache_resource(ttl=REFRESH_SECONDS, show_spinner=False)
def load_view(path: str, standard_name: str, filters: Filters) -> View:
    catalog = load_catalog(path)
    assert isinstance(catalog, Catalog), "the page checked the store first"
    rows = filtered(load_outcomes(path, standard_name), catalog, filters)
    return View(rows, leaderboard(rows, catalog, catalog.standards[standard_name]))


@st.cache_resource(ttl=REFRESH_SECONDS, show_spinner=False)
def load_ranking(path: str, standard_name: str, filters: Filters) -> list[VendorRanking]:
    """The leaderboard's ranking, without curves. From the writer's per-vendor summaries when they
    are current and the filters keep or drop whole vendors (10,000 summaries read instead of a
    million probes); from the probes otherwise (a period, a category), the same figures either way."""
    catalog = load_catalog(path)
    assert isinstance(catalog, Catalog), "the page checked the store first"
    standard = catalog.standards[standard_name]
    if filters.since is None and filters.until is None and not filters.category:
        with Store.open_readonly(path) as store:
            kept = summaries.current(store, standard_name, fingerprint(standard))
        if kept is not None:
            shown = kept.keys() if filters == Filters() else kept.keys() & _kept_vendors(catalog, filters)
            return ordered([from_summary(vendor, catalog.vendor_name(vendor), kept[vendor]) for vendor in shown])
    return load_view(path, standard_name, filters).ranking


def _kept_vendors(catalog: Catalog, filters: Filters) -> set[str]:
    """The catalog's vendors that the filters on vendors keep."""
    return {vendor_id for vendor_id, vendor in catalog.vendors.items() if filters.keeps_vendor(vendor)}


def filtered(outcomes: list[OutcomeRow], catalog: Catalog, filters: Filters) -> list[OutcomeRow]:
    """The outcomes the filters keep (by the vendor's tags, the probe's category, the send date)."""
    if filters == Filters():
        return outcomes  # nothing to filter: the list is shared, never changed
    since = filters.since.isoformat() if filters.since else ""
    until = filters.until.isoformat() + "T99" if filters.until else "9999"
    kept_vendors = _kept_vendors(catalog, filters)
    return [
        row
        for row in outcomes
        if row["vendor_id"] in kept_vendors
        and since <= row["sent_at"] <= until
        and (not filters.category or catalog.category(row["probe_id"]) in filters.category)
    ]


def leaderboard(
    rows: list[OutcomeRow], catalog: Catalog, standard: Standard, criteria: dict[int, dict[str, Verdict]] | None = None
) -> list[VendorRanking]:
    """The ranking of the vendors in `rows`; with `criteria`, per-criterion pass rates too."""
    if criteria is not None:
        rows = [OutcomeRow(**row, criteria=criteria.get(row["outbox_id"], {})) for row in rows]
    names = {vid: vendor["name"] for vid, vendor in catalog.vendors.items()}
    return rank_outcomes(rows, names, standard)


class ExportRow(TypedDict):
    """A probe's outcome as the per-probe CSV export writes it."""

    vendor: str
    vendor_id: str
    probe: str
    language: str | None
    sent_at: str
    decided: bool
    replied: bool
    hours_to_reply_or_watched: float
    business_hours: float
    within_deadline: bool | None
    completeness: float | None
    score: float | None


def outcome_rows_for_export(rows: list[OutcomeRow], catalog: Catalog) -> list[ExportRow]:
    """The per-probe data as a CSV export shows it."""
    return [
        ExportRow(
            vendor=catalog.vendor_name(row["vendor_id"]),
            vendor_id=row["vendor_id"],
            probe=row["probe_id"],
            language=vendor["language"] if (vendor := catalog.vendors.get(row["vendor_id"])) else None,
            sent_at=row["sent_at"],
            decided=row["decided"],
            replied=row["replied"],
            hours_to_reply_or_watched=row["hours"],
            business_hours=row["business_hours"],
            within_deadline=row["within_deadline"],
            completeness=row["completeness"],
            score=None if row["score"] is None else round(100 * row["score"], 1),
        )
        for row in rows
    ]


def inert_markdown(text: str, highlight: list[str] | tuple[str, ...] = ()) -> str:
    """Mail text as Markdown that renders as the text itself: every ASCII punctuation escaped
    (links, emphasis, HTML, LaTeX, colour and emoji syntax all become plain characters), plain
    addresses and URLs kept from being turned into live links, and the evidence (words, phrases,
    numbers, addresses) wrapped in a highlight."""
    if len(text) > MAX_SHOWN_CHARS:
        text = text[:MAX_SHOWN_CHARS] + f"\n[cut: {len(text) - MAX_SHOWN_CHARS} more characters]"
    pieces, done = [], 0
    for start, end in evidence_spans(text, highlight):
        pieces += [_inert(text[done:start]), f":orange-background[{_inert(text[start:end])}]"]
        done = end
    pieces.append(_inert(text[done:]))
    return "  \n".join("".join(pieces).splitlines()) or "(empty)"


def evidence_spans(text: str, evidence: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the evidence stands in the text, without overlaps, each within a line: matched
    regardless of case and of the spaces between its words; one that starts with a letter or
    digit starts a word ("phone" is not marked inside "smartphone") and one that ends with
    one runs to the end of its word ("phone" marks "Phones")."""
    found: list[tuple[int, int]] = []
    for words in {tuple(item.split()) for item in evidence if item.split()}:
        pattern = r"[ \t]+".join(re.escape(word) for word in words)
        before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
        after = r"\w*" if re.search(r"\w$", words[-1]) else ""
        found += [match.span() for match in re.finditer(before + pattern + after, text, flags=re.I)]
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):  # the longest first where two start
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _inert(text: str) -> str:
    # The renderer links "x@y.z", "scheme://..." and "www." even when escaped; an invisible word
    # joiner inside each trigger keeps them text.
    text = _AUTOLINK_TRIGGER.sub(lambda found: found.group(0)[:-1] + WORD_JOINER + found.group(0)[-1], text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def verified_email(user: Mapping[str, object]) -> str | None:
    """The signed-in user's address when the identity provider vouches for it (`email_verified`
    true): an unverified address proves nothing about who signed in."""
    email = user.get("email")
    return email if isinstance(email, str) and email and user.get("email_verified") is True else None


def allowed(email: str | None, allow: list[str]) -> bool:
    """An address is let in when it, or its domain written as "@domain", is on the list."""
    if not email:
        return False
    email = email.lower()
    return email in allow or ("@" + email.rpartition("@")[2]) in allow


@st.cache_data(ttl=REFRESH_SECONDS, show_spinner=False)
def load_agreement(path: str) -> list[ReviewedAgreement]:
    """How often the judge agreed with the analysts' reviews, per criterion and language."""
    with Store.open_readonly(path) as store:
        return reviewed_agreement(reviews_against_the_judge_now(store))


def agreement_rows(found: list[ReviewedAgreement]) -> list[dict[str, object]]:
    """The agreement table as the review page and the methodology page show it."""
    return [
        {"reviews": "random sample" if row.basis == "sample" else "all reviewed", "criterion": row.criterion,
         "language": row.language, "judge right": f"{row.result.right} of {row.result.count}",
         "share": f"{row.result.share:.0%}" if row.result.share is not None else "",
         "kappa": f"{row.result.kappa:.2f}" if row.result.kappa is not None else "n/a"}
        for row in found
    ]  # fmt: skip
