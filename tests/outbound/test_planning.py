"""When probes go out and which: schedules, windows, jitter, rotation, catch-up, guards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from supportbench.config.targets import Config
from supportbench.outbound.guards import check_send
from supportbench.outbound.planning import OutboxEntry, choose_probe, next_send_time
from tests.helpers import config_data, make_config

LONDON = ZoneInfo("Europe/London")
# Tuesday 24 Nov 2026, 10:00 in London (UTC+0 in winter).
TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def config(**safety: object) -> Config:
    data = config_data()
    data["shoppers"][0]["timezone"] = "Europe/London"
    data["probes"].append({**data["probes"][0], "id": "second"})
    data["vendors"][0]["probes"] = ["hello", "second"]
    data["safety"] = {"jitter": "30m", **safety}
    return make_config(data)


def sent(
    at: datetime, probe: str = "hello", state: str = "sent", kind: str = "probe", vendor: str = "acme"
) -> OutboxEntry:
    return OutboxEntry(vendor, probe, kind, state, at)


def test_a_new_every_vendor_is_due_today_and_stays_due_as_the_clock_moves() -> None:
    cfg = config()
    assert next_send_time(cfg.vendors[0], cfg, [], TUESDAY_10) == TUESDAY_10
    later = TUESDAY_10 + timedelta(minutes=7)
    assert next_send_time(cfg.vendors[0], cfg, [], later) == later


def test_first_probes_of_new_vendors_spread_over_the_window_opening() -> None:
    data = config_data()
    data["shoppers"][0]["timezone"] = "Europe/London"
    data["vendors"] = [{**data["vendors"][0], "id": f"v{n}", "address": f"s@v{n}.example"} for n in range(8)]
    data["safety"] = {"jitter": "30m"}
    cfg = make_config(data)
    early = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    times = {next_send_time(vendor, cfg, [], early) for vendor in cfg.vendors}
    opens = datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)
    assert len(times) == 8 and all(opens <= t < opens + timedelta(minutes=30) for t in times)


def test_next_probe_follows_the_last_one_in_the_store_with_stable_jitter() -> None:
    cfg = config()
    last_wednesday = TUESDAY_10 - timedelta(days=6)
    history = [sent(last_wednesday)]
    first = next_send_time(cfg.vendors[0], cfg, history, TUESDAY_10)
    again = next_send_time(cfg.vendors[0], cfg, history, TUESDAY_10 + timedelta(hours=3))
    scheduled = last_wednesday + timedelta(days=7)  # every: 7d, a weekday inside the window
    assert scheduled <= first < scheduled + timedelta(minutes=30)
    assert first == again  # a restart computes the same time: it comes from the store


def test_jitter_differs_between_weeks() -> None:
    cfg = config()
    offsets = set()
    for week in range(6):
        last = TUESDAY_10 - timedelta(days=7) + timedelta(weeks=week)
        due = next_send_time(cfg.vendors[0], cfg, [sent(last)], last)
        offsets.add(round((due - (last + timedelta(days=7))).total_seconds()))
    assert len(offsets) >= 5


def test_catch_up_after_downtime_is_one_probe_due_now() -> None:
    cfg = config()
    three_weeks_ago = TUESDAY_10 - timedelta(weeks=3)
    due = next_send_time(cfg.vendors[0], cfg, [sent(three_weeks_ago)], TUESDAY_10)
    assert due == TUESDAY_10
    # Once that one is sent, the next is a full period away: missed runs are not replayed.
    after = next_send_time(cfg.vendors[0], cfg, [sent(three_weeks_ago), sent(TUESDAY_10)], TUESDAY_10)
    assert after >= TUESDAY_10 + timedelta(days=7)


@pytest.mark.parametrize(
    ("now", "opens"),
    [
        # Saturday noon: weekdays-only window -> Monday 09:00 London, plus jitter.
        (datetime(2026, 11, 28, 12, 0, tzinfo=UTC), datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)),
        # Tuesday 19:30, after the window -> Wednesday 09:00.
        (datetime(2026, 11, 24, 19, 30, tzinfo=UTC), datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)),
        # Tuesday 07:00, before it opens -> the same day 09:00.
        (datetime(2026, 11, 24, 7, 0, tzinfo=UTC), datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)),
    ],
)
def test_outside_the_send_window_waits_for_the_next_one_with_jitter(now: datetime, opens: datetime) -> None:
    cfg = config()
    due = next_send_time(cfg.vendors[0], cfg, [], now)
    assert opens <= due < opens + timedelta(minutes=30)


def test_new_cron_vendor_waits_for_its_fire_time_then_stays_due() -> None:
    data = config_data()
    data["vendors"][0].update(schedule={"cron": "30 10 * * tue"}, timezone="America/New_York")
    data["safety"] = {"send_windows": {"mon-sun": "00:00-24:00"}, "jitter": "1m"}
    cfg = make_config(data)
    due = next_send_time(cfg.vendors[0], cfg, [], TUESDAY_10)
    assert due > TUESDAY_10
    assert next_send_time(cfg.vendors[0], cfg, [], due) == due  # at its time, it is due, not a week later


def test_cron_schedule_runs_in_the_vendors_time_zone() -> None:
    data = config_data()
    data["vendors"][0].update(schedule={"cron": "30 10 * * tue"}, timezone="America/New_York")
    data["safety"] = {"send_windows": {"mon-sun": "00:00-24:00"}, "jitter": "1m"}
    cfg = make_config(data)
    due = next_send_time(cfg.vendors[0], cfg, [], TUESDAY_10)
    local = due.astimezone(ZoneInfo("America/New_York"))
    assert (local.weekday(), local.hour, local.minute) == (1, 10, 30)


def test_rotation_takes_probes_in_turn_and_skips_recent_repeats() -> None:
    cfg = config()
    vendor = cfg.vendors[0]
    year = timedelta(days=365)
    assert choose_probe(vendor, [], TUESDAY_10, year) == "hello"
    history = [sent(TUESDAY_10 - timedelta(days=30), "hello")]
    assert choose_probe(vendor, history, TUESDAY_10, year) == "second"
    history.append(sent(TUESDAY_10 - timedelta(days=10), "second"))
    assert choose_probe(vendor, history, TUESDAY_10, year) is None  # both within repeat_after
    assert choose_probe(vendor, history, TUESDAY_10, timedelta(days=20)) == "hello"


def test_failed_probes_do_not_count_but_uncertain_ones_do() -> None:
    cfg = config()
    vendor = cfg.vendors[0]
    assert choose_probe(vendor, [sent(TUESDAY_10, state="failed")], TUESDAY_10, timedelta(days=90)) == "hello"
    assert choose_probe(vendor, [sent(TUESDAY_10, state="uncertain")], TUESDAY_10, timedelta(days=90)) == "second"


# -- guards --------------------------------------------------------------------------


def guards(cfg: Config, history: list[OutboxEntry], to: str = "support@acme.example", kind: str = "probe") -> set[str]:
    return {refusal.guard for refusal in check_send(cfg, cfg.vendors[0], to, kind, history, TUESDAY_10)}


def test_a_clean_send_passes_every_guard() -> None:
    assert guards(config(), []) == set()


def test_unknown_address_is_refused() -> None:
    assert guards(config(), [], to="someone@else.example") == {"unknown_address"}


def test_paused_switches_refuse() -> None:
    assert "paused" in guards(config(paused=True), [])
    data = config_data()
    data["vendors"][0]["paused"] = True
    assert "vendor_paused" in guards(make_config(data), [])


def test_min_interval_and_rolling_window_caps() -> None:
    cfg = config(per_vendor={"max_probes": 2, "window": "28d", "min_interval": "5d"})
    assert guards(cfg, [sent(TUESDAY_10 - timedelta(days=2))]) == {"min_interval"}
    two_in_window = [sent(TUESDAY_10 - timedelta(days=20)), sent(TUESDAY_10 - timedelta(days=10))]
    assert guards(cfg, two_in_window) == {"vendor_cap"}
    assert guards(cfg, [sent(TUESDAY_10 - timedelta(days=30)), sent(TUESDAY_10 - timedelta(days=10))]) == set()


def test_daily_cap_counts_every_vendor_and_follow_ups() -> None:
    cfg = config(daily_cap=3)
    others = [sent(TUESDAY_10 - timedelta(hours=h), vendor=f"v{h}") for h in (1, 2)]
    assert guards(cfg, others) == set()
    others.append(sent(TUESDAY_10 - timedelta(hours=3), kind="follow_up", vendor="v3"))
    assert guards(cfg, others) == {"daily_cap"}
    assert guards(cfg, [sent(TUESDAY_10 - timedelta(hours=25), vendor=f"v{h}") for h in range(5)]) == set()


def test_follow_ups_are_not_held_by_the_probe_interval() -> None:
    cfg = config()
    assert guards(cfg, [sent(TUESDAY_10 - timedelta(days=2))], kind="follow_up") == set()
