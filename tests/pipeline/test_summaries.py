"""The per-vendor summaries the writer keeps for the leaderboard: on the demo's store, made by the
real pipeline, they rank every vendor exactly as the probes do, under every standard; and a reader
is never given one that is stale (after a save not yet summarised, a standard redefined, a race
with another writer, a store from before summaries): it is told to read the probes instead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from supportbench.config.standards import DEFAULT_STANDARD, Standard
from supportbench.config.targets import Config, load_config, parse_config
from supportbench.pipeline import evaluation
from supportbench.pipeline.evaluation import evaluate
from supportbench.pipeline.summaries import refresh_summaries
from supportbench.ranking.ranks import VendorRanking, ordered, rank_outcomes
from supportbench.ranking.summaries import fingerprint, from_summary
from supportbench.store import summaries
from supportbench.store.catalog import read_catalog, save_config
from supportbench.store.database import Store


def from_summaries(store: Store, standard: Standard) -> list[dict[str, Any]] | None:
    kept = summaries.current(store, standard.name, fingerprint(standard))
    if kept is None:
        return None
    names = {vendor_id: vendor["name"] for vendor_id, vendor in read_catalog(store).vendors.items()}
    return shown(ordered([from_summary(vendor, names.get(vendor, vendor), text) for vendor, text in kept.items()]))


def from_probes(store: Store, standard: Standard) -> list[dict[str, Any]]:
    names = {vendor_id: vendor["name"] for vendor_id, vendor in read_catalog(store).vendors.items()}
    return shown(rank_outcomes(store.outcomes(standard.name), names, standard))


def shown(ranking: list[VendorRanking]) -> list[dict[str, Any]]:
    """Every figure of every row (the curves aside: summaries leave them to the probes)."""
    return [row.as_dict() for row in ranking]


def opened(config_path: Path) -> tuple[Store, Config]:
    config = load_config(config_path)
    return Store.open(config_path.parent / "demo.db"), config


def test_summaries_rank_every_vendor_exactly_as_the_probes_do(demo_copy: Path) -> None:
    store, config = opened(demo_copy)
    with store:
        # Each standard as a reader knows it: from the catalog, where the writer wrote it.
        standards = read_catalog(store).standards
        assert set(standards) == set(config.all_standards)
        for standard in standards.values():
            expected = from_probes(store, standard)
            assert expected and any(row["rank_range"] != [1, len(expected)] for row in expected), standard.name
            assert from_summaries(store, standard) == expected, standard.name


def test_a_save_not_yet_summarised_sends_the_reader_to_the_probes(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, config = opened(demo_copy)
    standard = config.all_standards[DEFAULT_STANDARD]
    with store:
        before = from_probes(store, standard)
        monkeypatch.setattr(evaluation, "refresh_summaries", lambda *_: 0)  # a writer stopped between the two
        later = datetime.now(UTC) + timedelta(days=40)  # every open probe decided: the figures change
        evaluate(store, config, later, scope="all", workers=1)
        after = from_probes(store, standard)
        assert after != before
        assert from_summaries(store, standard) is None
        assert refresh_summaries(store, config.all_standards) > 0
        assert from_summaries(store, standard) == after
        assert summaries.pending(store) == {}


def with_house_standard(config_path: Path, **rules: Any) -> Config:
    """The config with the analyst's own standard added, "house", on the default standard's base."""
    data = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    house = {"name": "house", "description": "Our own bar", "extends": DEFAULT_STANDARD, **rules}
    data["standards"] = [entry for entry in data.get("standards") or [] if entry["name"] != "house"] + [house]
    return parse_config(yaml.safe_dump(data, allow_unicode=True))


def test_a_redefined_standard_is_not_read_from_summaries_made_under_the_old_one(demo_copy: Path) -> None:
    store, _ = opened(demo_copy)
    first = with_house_standard(demo_copy, deadline_business_hours=8)
    stricter = with_house_standard(demo_copy, deadline_business_hours=8, min_probes=10_000)  # all provisional
    with store:
        save_config(store, first)
        assert from_summaries(store, first.all_standards["house"]) is None  # a standard new to the store
        evaluate(store, first, datetime.now(UTC))
        assert from_summaries(store, first.all_standards["house"]) == from_probes(store, first.all_standards["house"])
        save_config(store, stricter)  # what a reader now knows of the standard, before any evaluation
        standard = stricter.all_standards["house"]
        assert from_summaries(store, standard) is None
        evaluate(store, stricter, datetime.now(UTC))
        expected = from_probes(store, standard)
        assert expected and all(row["provisional"] for row in expected)
        assert from_summaries(store, standard) == expected


def test_a_vendor_saved_again_during_a_refresh_stays_pending_so_no_stale_summary_is_read(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, config = opened(demo_copy)
    standard = config.all_standards[DEFAULT_STANDARD]
    vendor = config.vendors[0].id
    ids = [row["outbox_id"] for row in store.outcomes(standard.name, vendor_id=vendor)]
    original = summaries.save

    def another_writer_first(target: Store, seen: summaries.Pending, made: Any) -> None:
        # Another process judges the vendor's probes again after this refresh read them (and its
        # own refresh, as this one's, comes after: it saves as the original does).
        monkeypatch.setattr(summaries, "save", original)
        with Store.open(demo_copy.parent / "demo.db") as other:
            monkeypatch.setattr(evaluation, "refresh_summaries", lambda *_: 0)
            evaluate(other, config, datetime.now(UTC) + timedelta(days=40), scope="all", only=ids, workers=1)
            monkeypatch.setattr(evaluation, "refresh_summaries", refresh_summaries)
        original(target, seen, made)

    with store:
        monkeypatch.setattr(evaluation, "refresh_summaries", lambda *_: 0)
        evaluate(store, config, datetime.now(UTC), scope="all", only=ids, workers=1)  # the vendor pending, once
        monkeypatch.setattr(evaluation, "refresh_summaries", refresh_summaries)
        assert vendor in summaries.pending(store)
        monkeypatch.setattr(summaries, "save", another_writer_first)
        refresh_summaries(store, config.all_standards)
        assert vendor in summaries.pending(store)
        assert from_summaries(store, standard) is None
        refresh_summaries(store, config.all_standards)
        assert summaries.pending(store) == {}
        assert from_summaries(store, standard) == from_probes(store, standard)


def test_a_store_from_before_summaries_gets_them_all_at_its_next_evaluation(demo_copy: Path) -> None:
    store, config = opened(demo_copy)
    with store:
        store.db.execute("DELETE FROM vendor_summaries")
        store.db.execute("DELETE FROM summary_marks")  # as migration 0016 leaves a store
        store.db.conn.commit()
        for standard in config.all_standards.values():
            assert from_summaries(store, standard) is None
        evaluate(store, config, datetime.now(UTC), scope="new")
        for standard in config.all_standards.values():
            assert from_summaries(store, standard) == from_probes(store, standard), standard.name


def test_a_standard_the_config_drops_loses_its_summaries(demo_copy: Path) -> None:
    store, config = opened(demo_copy)
    house = with_house_standard(demo_copy, deadline_business_hours=8)
    with store:
        evaluate(store, house, datetime.now(UTC))
        assert "house" in summaries.marks(store)
        refresh_summaries(store, config.all_standards)  # the config without it
        assert set(summaries.marks(store)) == set(config.all_standards)
        rows = store.db.execute("SELECT DISTINCT standard FROM vendor_summaries").fetchall()
        assert {standard for (standard,) in rows} == set(config.all_standards)
