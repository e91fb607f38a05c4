"""The plan preview: the scheduler's own rules run forward, and when results stop being provisional."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from supportbench.config.standards import BUILT_IN, DEFAULT_STANDARD
from supportbench.outbound.preview import preview
from tests.helpers import config_data, make_config

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_planned_sends_obey_every_guard_and_the_last_is_decided_after_its_window() -> None:
    data = config_data()
    data["safety"] = {"per_vendor": {"max_probes": 2, "window": "28d", "min_interval": "5d"}, "repeat_after": "30d"}
    config = make_config(data)
    vendor, standard = config.vendors[0], BUILT_IN[DEFAULT_STANDARD]
    planned = preview(vendor, config, standard, NOW)
    sends = planned.sends
    assert len(sends) == standard.min_probes and sends == sorted(sends) and sends[0] >= NOW
    assert all(later - earlier >= timedelta(days=5) for earlier, later in pairwise(sends))
    assert all(sum(1 for s in sends if start <= s < start + timedelta(days=28)) <= 2 for start in sends)
    assert planned.decided_by == sends[-1] + timedelta(hours=standard.response_window_hours)


def test_caps_that_never_let_enough_probes_out_are_said_to_be_never() -> None:
    data = config_data()
    data["safety"] = {"repeat_after": "3650d"}  # each probe once in ten years
    config = make_config(data)
    vendor = config.vendors[0]
    planned = preview(vendor, config, BUILT_IN[DEFAULT_STANDARD], NOW)
    assert planned.decided_by is None and len(planned.sends) == len(vendor.probes)
