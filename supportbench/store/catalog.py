"""The catalog: what readers of the store need of the config (vendors, probes, standards, who may
see the dashboard), written whenever a command loads targets.yaml and opens the store to write.

Readers (`report`, the dashboard) take everything from here and need the database file alone;
they see the config as the last writing command loaded it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NotRequired, TypedDict, cast

from supportbench.config.standards import DEFAULT_STANDARD, Standard
from supportbench.config.targets import Config
from supportbench.store.database import Store
from supportbench.store.rows import describe_bounce, failing, last_bounce


class VendorEntry(TypedDict):
    name: str
    address: NotRequired[str]  # absent in catalogs written before it was kept
    language: str
    country: str
    timezone: str
    tags: dict[str, str]
    hours: dict[str, str]
    probes: list[str]
    own: NotRequired[bool]  # the analyst's own company (absent in older catalogs)


class QuestionEntry(TypedDict):
    id: str
    asks: str  # in English where the config says it in English, else in the first language given


class ProbeEntry(TypedDict):
    category: str
    languages: list[str]
    questions: list[QuestionEntry]


class AccessEntry(TypedDict):
    login: bool
    allow: list[str]


NO_SIGN_IN = AccessEntry(login=False, allow=[])


@dataclass(frozen=True)
class Catalog:
    vendors: dict[str, VendorEntry]
    probes: dict[str, ProbeEntry]
    standards: dict[str, Standard]
    access: AccessEntry
    probe_count: int  # what the store holds besides: probes recorded, messages quarantined, parts of `run` failing
    unreadable: int
    failing: list[str]

    @property
    def default_standard(self) -> str:
        return DEFAULT_STANDARD if DEFAULT_STANDARD in self.standards else next(iter(self.standards), "")

    @property
    def own(self) -> frozenset[str]:
        """The analyst's own company (`own: true` in targets.yaml), highlighted wherever vendors are listed."""
        return frozenset(vendor_id for vendor_id, vendor in self.vendors.items() if vendor.get("own"))

    def vendor_name(self, vendor_id: str) -> str:
        """The vendor's name, or its id when the config no longer lists it."""
        vendor = self.vendors.get(vendor_id)
        return vendor["name"] if vendor else vendor_id

    def category(self, probe_id: str) -> str | None:
        probe = self.probes.get(probe_id)
        return probe["category"] if probe else None


def save_config(store: Store, config: Config) -> None:
    """Write the config's part of the catalog (a no-op when it is as the last command left it)."""
    store.save_catalog(
        "vendor",
        {
            v.id: VendorEntry(name=v.name, address=v.address, language=v.language, country=v.country,
                              timezone=v.timezone, tags=v.tags, hours=dict(v.hours), probes=v.probes, own=v.own)
            for v in config.vendors
        },
    )  # fmt: skip
    store.save_catalog(
        "probe",
        {
            p.id: ProbeEntry(
                category=p.category,
                languages=sorted(p.variants),
                questions=[QuestionEntry(id=q.id, asks=q.asks.get("en") or next(iter(q.asks.values()), ""))
                           for q in p.questions],
            )
            for p in config.probes
        },
    )  # fmt: skip
    store.save_catalog("standard", {name: standard.as_dict() for name, standard in config.all_standards.items()})
    store.save_catalog(
        "setting", {"dashboard": AccessEntry(login=config.dashboard.login, allow=config.dashboard.allow)}
    )


def bounced_vendors(store: Store, vendors: dict[str, VendorEntry]) -> dict[str, str]:
    """Vendors whose address, as the config now gives it, bounced permanently: id -> what to say.
    `run` sends them nothing until the address is fixed, so readers of the results say so too."""
    bounces = store.permanent_bounces()
    found = {vid: last_bounce(bounces, vid, vendor.get("address", "")) for vid, vendor in vendors.items()}
    return {vid: describe_bounce(bounce) for vid, bounce in found.items() if bounce is not None}


def read_catalog(store: Store) -> Catalog:
    """The catalog as the last writing command left it (empty before any)."""
    settings = store.catalog("setting")
    access = cast(AccessEntry | None, settings.get("dashboard"))
    return Catalog(
        vendors=cast(dict[str, VendorEntry], store.catalog("vendor")),  # as save_config wrote them
        probes=cast(dict[str, ProbeEntry], store.catalog("probe")),
        standards={name: Standard.from_dict(data) for name, data in store.catalog("standard").items()},
        access=access or NO_SIGN_IN,
        probe_count=store.probe_count(),
        unreadable=store.unreadable_count(),
        failing=[row["component"] for row in store.health() if failing(row)],
    )
