"""The facts of one report, read once from the store: the ranking under a standard for a period,
its sample sizes, the flags, and the headline sentences every format shows alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from supportbench.config.standards import Standard
from supportbench.errors import SupportbenchError
from supportbench.judging.agreement import ReviewedAgreement, reviewed_agreement
from supportbench.pipeline.review import reviews_against_the_judge_now
from supportbench.ranking.formatting import and_list, format_hours, format_rank_range
from supportbench.ranking.ranks import VendorRanking, rank_outcomes
from supportbench.store.catalog import Catalog, bounced_vendors, read_catalog
from supportbench.store.database import Store

TITLE = "Customer support by e-mail: who answers, how fast, how well"
METHOD = (
    "Mystery shoppers wrote to each vendor's support address as customers would, and every reply was "
    "classified, timed in calendar and business hours and judged question by question. Scores are the mean "
    "of the probes' weighted verdicts under the standard, with 95% intervals; unanswered probes count as "
    "unanswered, never dropped."
)


@dataclass(frozen=True)
class BoardReport:
    """Everything a report shows; every format reads these same figures."""

    standard: Standard
    since: datetime | None
    until: datetime | None
    generated_at: datetime
    rows: list[VendorRanking]
    bounced: dict[str, str]  # vendor id -> why it is paused
    own: frozenset[str]  # the analyst's own company (ids)
    agreement: tuple[ReviewedAgreement, ...] = ()  # how often the judge agreed with the analysts' reviews

    @property
    def probes(self) -> int:
        return sum(row.probes for row in self.rows)

    @property
    def pending(self) -> int:
        return sum(row.pending for row in self.rows)

    @property
    def period(self) -> str:
        """ "probes sent 2026-10-01 to 2026-11-30" (the end day included), "all probes sent up to ..."."""
        end = f"{self.until - timedelta(days=1):%Y-%m-%d}" if self.until else f"{self.generated_at:%Y-%m-%d}"
        return f"probes sent {self.since:%Y-%m-%d} to {end}" if self.since else f"all probes sent up to {end}"

    @property
    def subtitle(self) -> str:
        deadline = self.standard.deadline.describe() if self.standard.deadline else "no deadline"
        vendors = len(self.rows)
        return (f"{self.standard.label} (deadline {deadline}) · {self.period} · {vendors} vendor"
                f"{'' if vendors == 1 else 's'}, {self.probes} probes ({self.pending} still open)")  # fmt: skip

    def headline(self) -> list[str]:
        """The few sentences a board reads first."""
        ranked = [row for row in self.rows if row.rank is not None]
        if not ranked:
            return ["No probe has been decided yet: nothing to rank."]
        first = [row for row in ranked if row.rank == 1]
        leader = first[0]
        could = format_rank_range(leader)
        lines = [
            f"{and_list([row.name for row in first])} {'lead' if len(first) > 1 else 'leads'} with a score of "
            f"{leader.score:.0f} of 100 (grade {leader.grade})"
            + (f"; with the uncertainty of so few probes it could rank {could}." if could else ".")
        ]
        silent = [row for row in ranked if row.response_rate == 0]
        if silent:
            lines.append(f"{len(silent)} of {len(ranked)} vendors never answered a probe with a person's reply.")
        if self.standard.deadline is not None:
            kept = [row for row in ranked if (row.within_deadline or 0) >= 0.5]
            lines.append(f"{len(kept)} of {len(ranked)} vendors met the deadline ({self.standard.deadline.describe()}) "
                         "for at least half of their probes.")  # fmt: skip
        timed = [row for row in ranked if row.median_hours is not None]
        if timed:
            fastest = min(timed, key=lambda row: row.median_hours or 0)
            lines.append(f"Fastest median first reply: {fastest.name}, {format_hours(fastest.median_hours)}.")
        for row in self.rows:
            if row.vendor in self.own:
                where = f"ranks {row.rank} of {len(ranked)}" if row.rank else "has no decided probe yet"
                lines.append(f"Your company, {row.name}, {where}" + (f" (could be {format_rank_range(row)})."
                             if format_rank_range(row) else "."))  # fmt: skip
        return lines


def choose_standard(store: Store, name: str) -> Standard:
    """A standard as the store's last evaluation knew it (the config's built-in and custom ones)."""
    standards = read_catalog(store).standards
    if not standards:
        raise SupportbenchError(f"{store.path}: nothing evaluated yet (run `supportbench fetch` or `rescore`)")
    if name not in standards:
        raise SupportbenchError(f"no standard named {name!r}: choose one of {', '.join(standards)}")
    return standards[name]


def load_ranking(
    store: Store, standard: Standard, since: datetime | None, until: datetime | None = None
) -> list[VendorRanking]:
    """Every vendor of the last evaluation's config (and any other with evaluated probes), ranked."""
    return _ranking(store, read_catalog(store), standard, since, until)


def load_report(store: Store, standard: Standard, since: datetime | None, until: datetime | None,
                now: datetime) -> BoardReport:  # fmt: skip
    """The report's facts as the store holds them now."""
    catalog = read_catalog(store)
    return BoardReport(
        standard=standard, since=since, until=until, generated_at=now,
        rows=_ranking(store, catalog, standard, since, until), bounced=bounced_vendors(store, catalog.vendors),
        own=catalog.own, agreement=tuple(reviewed_agreement(reviews_against_the_judge_now(store))),
    )  # fmt: skip


def _ranking(
    store: Store, catalog: Catalog, standard: Standard, since: datetime | None, until: datetime | None
) -> list[VendorRanking]:
    names = {vendor_id: vendor["name"] for vendor_id, vendor in catalog.vendors.items()}
    outcomes = store.outcomes(standard.name, since, with_criteria=True, until=until)
    return rank_outcomes(outcomes, names, standard, every_named=True)
