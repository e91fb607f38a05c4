"""The dashboard as Streamlit runs it (AppTest), on a store the real pipeline made.

The store comes from the demo (real Postfix and Dovecot, simulated vendors and clock), once
per session. Every page and filter is run; the file is never written; hostile mail is inert.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from supportbench.dashboard.data import allowed, inert_markdown, verified_email
from supportbench.inbound.replies import process_new_messages
from supportbench.pipeline.evaluation import evaluate
from supportbench.ranking.formatting import format_score
from supportbench.reports.board import load_ranking as report_ranking
from supportbench.store.catalog import read_catalog, save_config
from supportbench.store.database import Store
from tests.helpers import config_data, make_config, record_probe, record_reply, reply_to

APP = str(Path(__file__).resolve().parents[2] / "supportbench" / "dashboard" / "app.py")


def run_app(db: Path, monkeypatch: pytest.MonkeyPatch, **query: Any) -> AppTest:
    monkeypatch.setenv("SUPPORTBENCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leaderboard_vendors(app: AppTest) -> list[str]:
    return [name.removesuffix(" (you)") for name in app.dataframe[0].value["Vendor"]]


def test_missing_database_gets_a_friendly_explanation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(tmp_path / "nothing-here.db", monkeypatch)
    assert "No results to show yet" in app.info[0].value
    assert "no database here yet" in app.info[0].value


def test_empty_store_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(tmp_path / "empty.db").close()
    app = run_app(tmp_path / "empty.db", monkeypatch)
    assert "scripts/demo" in app.info[0].value


def test_leaderboard_headline_and_ranking_agree_with_the_report(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportbench.config.standards import BUILT_IN
    from supportbench.reports.board import load_report
    from supportbench.reports.text import cells

    before = digest(demo_db)
    app = run_app(demo_db, monkeypatch)
    with Store.open_readonly(demo_db) as store:
        probes = len(store.outbox_rows("kind = 'probe' AND state = 'sent'"))
        vendors = {vid: data["name"] for vid, data in store.catalog("vendor").items()}
        board = load_report(store, BUILT_IN["seed-etiquette"], None, None, datetime.now(UTC))
    assert f"{len(vendors)} vendors, {probes} probes" in app.caption[1].value  # the sample sizes, first
    table = app.dataframe[0].value
    expected = [r for r in board.rows if r.probes]
    assert list(table["id"]) == [r.vendor for r in expected]
    # Every figure exactly as `supportbench report` writes it (the same rounding, done once).
    written = {r.vendor: cells(r) for r in expected}
    assert list(table["Rank"]) == [
        written[r.vendor][0] + (f" ({written[r.vendor][1]})" if written[r.vendor][1] else "") for r in expected
    ]
    assert list(table["Score"]) == [f"{written[r.vendor][3]} · {written[r.vendor][4].split()[0]}" for r in expected]
    best = [r.name for r in expected if r.rank == 1]
    (card,) = [block.value for block in app.markdown if block.value.startswith("**Best**")]
    assert all(name.split()[0] in card for name in best) and ("tied with" in card) == (len(best) > 1)
    assert next(line.lstrip("- ") for line in app.markdown[0].value.splitlines()).startswith(best[0].split()[0])
    assert digest(demo_db) == before  # read-only


def test_every_page_renders(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(demo_db, monkeypatch)
    for page, expected in (("standards", "vega_lite_chart"), ("curves", "vega_lite_chart"),
                           ("vendor", "expander"), ("methodology", "markdown")):  # fmt: skip
        app.sidebar.radio(key="page").set_value(page).run()
        assert not app.exception, (page, app.exception)
        assert app.query_params["page"] == page
        assert any(element.type == expected for element in app.main), page
    assert "Kaplan-Meier" in app.markdown[0].value  # the methodology, written for a marketing reader


def test_the_url_reproduces_the_view(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(demo_db, monkeypatch, page="curves", standard="toister", basis="business", language=["fi", "pl"])
    assert app.sidebar.radio(key="page").value == "curves"
    assert app.sidebar.selectbox(key="standard").value == "toister"
    assert app.sidebar.radio(key="basis").value == "business"
    assert app.sidebar.multiselect(key="language").value == ["fi", "pl"]
    assert "judged by the standard **Toister: a reply within the hour**" in app.caption[0].value  # its title, not slug


def test_filters_narrow_the_leaderboard_and_land_in_the_url(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(demo_db, monkeypatch)
    with Store.open_readonly(demo_db) as store:
        vendors = store.catalog("vendor")
        finnish = {data["name"] for data in vendors.values() if data["language"] == "fi"}
        unclear = {row["vendor_id"] for row in store.outcomes("seed-etiquette")
                   if row["probe_id"] == "unclear-compatibility"}  # fmt: skip
    app.sidebar.multiselect(key="language").set_value(["fi"]).run()
    assert set(leaderboard_vendors(app)) == finnish
    assert app.query_params["language"] in ("fi", ["fi"])
    app.sidebar.multiselect(key="language").set_value([]).run()
    app.sidebar.multiselect(key="category").set_value(["unclear-question"]).run()
    assert set(app.dataframe[0].value["id"]) == unclear and unclear  # the vendors sent the unclear probe
    future = datetime.now(UTC).date() + timedelta(days=2)
    app.sidebar.multiselect(key="category").set_value([]).run()
    app.sidebar.date_input(key="since").set_value(future).run()
    assert "No probes match these filters" in app.info[0].value


def test_business_time_switch_changes_the_reply_times(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(demo_db, monkeypatch)
    calendar_times = list(app.dataframe[0].value["Median"])
    app.sidebar.radio(key="basis").set_value("business").run()
    table = app.dataframe[0].value
    assert "Median" not in table  # the header says which hours it counts
    assert list(table["Median (business)"]) != calendar_times


def test_curves_lead_to_the_vendor_page(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(demo_db, monkeypatch, page="curves")
    button = next(b for b in app.button if b.key and b.key.startswith("open-"))
    vendor_id = button.key.removeprefix("open-")
    button.click().run()
    assert not app.exception
    assert app.sidebar.radio(key="page").value == "vendor"
    assert app.selectbox(key="vendor").value == vendor_id
    assert app.query_params["vendor"] == vendor_id


HOSTILE = (
    "Hi Alex,\n<script>alert('x')</script>\n[click here](javascript:alert(1)) **bold** :red[red] $x^2$ "
    "<img src=x onerror=alert(1)>\nCall us on +44 20 7946 0000.\n" + "spam " * 40_000
)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Iterator[Path]:
    data = config_data()
    data["vendors"][0]["hours"] = {"mon-sun": "00:00-24:00"}
    config = make_config(data)
    path = tmp_path / "hostile.db"
    now = datetime.now(UTC)
    with Store.open(path) as store:
        probe = record_probe(store, config, "acme", "hello", now - timedelta(days=2))
        record_reply(store, reply_to(probe, "agent@acme.example", HOSTILE), now - timedelta(days=1))
        process_new_messages(store, config, now)
        save_config(store, config)
        evaluate(store, config, now)
    yield path


def test_a_hostile_reply_is_shown_as_inert_text(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(hostile_db, monkeypatch, page="vendor", vendor="acme")
    shown = [m for m in app.markdown if "alert" in m.value]
    assert shown, [m.value[:80] for m in app.markdown]
    for element in shown:
        assert not element.proto.allow_html
        assert "<script>" not in element.value and "\\<script\\>" in element.value
        assert "](javascript" not in element.value and "\\]\\(javascript" in element.value
        assert "**bold**" not in element.value and ":red[" not in element.value
        assert len(element.value) < 2 * 6000  # huge text is cut on screen
    assert any("more characters" in m.value for m in shown)


def test_inert_markdown_breaks_every_autolink_trigger() -> None:
    shown = inert_markdown("Write to ann@example.com, see https://example.com/a or www.example.com")
    for trigger in ("@e", ":\\/", "www\\."):  # as they would appear escaped, next to each other
        assert trigger not in shown, trigger
    assert (
        shown.replace("\u2060", "").replace("\\", "")
        == "Write to ann@example.com, see https://example.com/a or www.example.com"
    )


def test_inert_markdown_highlights_evidence_only_as_whole_words() -> None:
    shown = inert_markdown("Call us: phone 0800. Phones ring.", ["phone"])
    assert ":orange-background[phone]" in shown and ":orange-background[Phones]" in shown
    assert "\\:" in shown and "\\." in shown
    phrase = inert_markdown("It was not  placed, and not shipped.", ["not placed", "+44 20"])
    assert ":orange-background[not  placed]" in phrase and "shipped" in phrase and phrase.count("orange") == 1
    assert "orange" not in inert_markdown("Our smartphone app", ["phone"])  # evidence starts a word


def test_evidence_with_punctuation_is_highlighted_and_stays_inert() -> None:
    # A phone number, an address and a link are evidence as often as words are.
    text = "Call +44 20 7946 0000 or write to help@shop.example.\nSee https://shop.example/returns [sic], Phones: 24/7."
    shown = inert_markdown(text, ["+44 20 7946 0000", "help@shop.example", "https://shop.example/returns", "phone"])
    marked = re.findall(r":orange-background\[((?:\\.|[^\]\\])*)\]", shown)
    plain = [mark.replace("\\", "").replace("\u2060", "") for mark in marked]
    assert plain == ["+44 20 7946 0000", "help@shop.example", "https://shop.example/returns", "Phones"]
    for trigger in ("@s", ":\\/"):  # still no live address or link inside a mark
        assert trigger not in shown
    assert len(re.findall(r"(?<!\\)\]", shown)) == len(marked)  # the text's own brackets escaped, the marks' not


@pytest.mark.parametrize(
    ("email", "allow", "expected"),
    [
        ("ann@example.com", ["ann@example.com"], True),
        ("Ann@Example.com", ["@example.com"], True),
        ("bob@other.com", ["@example.com", "ann@example.com"], False),
        ("ann@example.com.evil.test", ["@example.com"], False),
        (None, ["@example.com"], False),
    ],
)
def test_allow_list(email: str | None, allow: list[str], expected: bool) -> None:
    assert allowed(email, allow) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ({"is_logged_in": True, "email": "ann@example.com", "email_verified": True}, "ann@example.com"),
        ({"is_logged_in": True, "email": "ann@example.com", "email_verified": False}, None),
        ({"is_logged_in": True, "email": "ann@example.com", "email_verified": "true"}, None),  # not the claim's type
        ({"is_logged_in": True, "email": "ann@example.com"}, None),  # a provider that vouches for nothing
        ({"is_logged_in": True, "email_verified": True}, None),
    ],
)
def test_only_a_verified_address_is_checked_against_the_allow_list(
    user: dict[str, object], expected: str | None
) -> None:
    assert verified_email(user) == expected
    assert allowed(verified_email(user), ["@example.com"]) is (expected is not None)


def test_sign_in_is_required_when_turned_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = config_data()
    data["dashboard"] = {"login": True, "allow": ["@example.com"]}
    config = make_config(data)
    path = tmp_path / "private.db"
    with Store.open(path) as store:
        record_probe(store, config, "acme", "hello", datetime.now(UTC) - timedelta(days=1))
        save_config(store, config)
        evaluate(store, config, datetime.now(UTC))
    app = run_app(path, monkeypatch)
    assert "Sign in" in app.info[0].value
    assert [button.label for button in app.button] == ["Sign in"]
    assert not app.dataframe and not app.metric


def expected_vendors(
    catalog: dict[str, dict[str, Any]], probes: dict[str, dict[str, Any]], key: str, value: str
) -> set[str]:
    def keeps(vendor: dict[str, Any]) -> bool:
        if key in ("segment", "industry"):
            return bool(vendor["tags"].get(key) == value)
        if key == "category":
            return any(probes[p]["category"] == value for p in vendor["probes"])
        return bool(vendor[key] == value)

    return {vendor_id for vendor_id, vendor in catalog.items() if keeps(vendor)}


@pytest.mark.parametrize("key", ["segment", "industry", "country", "category", "language"])
def test_each_filter_keeps_exactly_the_matching_vendors(
    key: str, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_app(demo_db, monkeypatch)
    widget = app.sidebar.multiselect(key=key)
    value = widget.options[-1]
    widget.set_value([value]).run()
    assert not app.exception
    with Store.open_readonly(demo_db) as store:
        wanted = expected_vendors(store.catalog("vendor"), store.catalog("probe"), key, value)
    assert set(app.dataframe[0].value["id"]) == wanted and wanted
    assert app.query_params[key] in (value, [value])


def test_curves_draw_the_deadline_in_the_basis_it_is_written_in(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calendar = run_app(demo_db, monkeypatch, page="curves", standard="toister")
    assert "the deadline, 1 h" in calendar.caption[1].value
    business = run_app(demo_db, monkeypatch, page="curves", standard="seed-etiquette", basis="business")
    assert "drawn as that many of each vendor's open days" in business.caption[1].value
    mismatch = run_app(demo_db, monkeypatch, page="curves", standard="toister", basis="business")
    assert "is drawn when reply times are shown in calendar hours" in mismatch.caption[1].value


def test_an_unknown_standard_in_the_address_is_said_not_silently_replaced(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_app(demo_db, monkeypatch, standard="no-such-standard")
    assert any("No standard named 'no-such-standard'" in warning.value for warning in app.sidebar.warning)


def test_a_vendor_paused_by_a_bounce_is_flagged_in_report_and_on_the_dashboard(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import subprocess
    import sys

    from supportbench.store.catalog import read_catalog

    with Store.open_readonly(demo_db) as store:
        vendors = read_catalog(store).vendors
        bounced = {
            b["vendor_id"] for b in store.permanent_bounces() if b["to_address"] == vendors[b["vendor_id"]]["address"]
        }
    assert bounced, "the demo has a desk whose address does not exist"
    names = {vendors[vendor_id]["name"] for vendor_id in bounced}
    command = [sys.executable, "-m", "supportbench", "report", "--db", str(demo_db)]
    table = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout
    assert all(f"Paused: {name}: " in table and "bounced permanently on" in table for name in names)
    rows = json.loads(subprocess.run([*command, "--format", "json"], capture_output=True, text=True, timeout=60,
                                     check=True).stdout)  # fmt: skip
    assert {row["vendor"] for row in rows["vendors"] if row["paused_by_bounce"]} == bounced
    app = run_app(demo_db, monkeypatch)
    assert all(any(f"{name} is paused" in warning.value for warning in app.warning) for name in names)


def test_the_chart_keeps_to_what_can_be_read_and_always_shows_the_own_company() -> None:
    from supportbench.config.standards import BUILT_IN, DEFAULT_STANDARD
    from supportbench.dashboard.views import CHARTED, chart_rows
    from supportbench.ranking.ranks import VendorResults, rank
    from tests.ranking.test_ranks import outcome

    vendors = [VendorResults(f"v{n:03d}", f"V{n:03d}", [outcome(f"v{n:03d}", 1 - n / 100)] * 3) for n in range(100)]
    vendors.append(VendorResults("silent", "Silent", []))  # nothing decided: no bar
    ranking = rank(vendors, BUILT_IN[DEFAULT_STANDARD])
    shown = chart_rows(ranking, frozenset({"v080"}))
    assert [row.vendor for row in shown] == [f"v{n:03d}" for n in range(CHARTED)] + ["v080"]


def test_the_own_company_is_named_and_marked_wherever_vendors_are_listed(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    copy = tmp_path / "own.db"
    shutil.copy(demo_db, copy)
    with Store.open(copy) as store:
        vendors = store.catalog("vendor")
        ours = sorted(vendors)[len(vendors) // 2]
        store.save_catalog("vendor", {vid: {**data, "own": vid == ours} for vid, data in vendors.items()})
    app = run_app(copy, monkeypatch)
    name = str(vendors[ours]["name"])
    (card,) = [block.value for block in app.markdown if block.value.startswith("**Your company**")]
    assert name.split()[0] in card and "rank" in card
    table = app.dataframe[0].value
    assert [vendor for vendor in table["Vendor"] if vendor.endswith(" (you)")] == [f"{name} (you)"]


def test_the_leaderboard_reads_the_writers_summaries_and_the_probes_when_they_are_not_current(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import streamlit as st

    db = demo_copy.parent / "demo.db"
    order = list(run_app(db, monkeypatch).dataframe[0].value["id"])
    last, where = order[-1], "WHERE vendor_id = ? AND standard = 'seed-etiquette'"
    with Store.open(db) as store:  # the last vendor's summary, made to say it is best
        (text,) = store.db.execute(f"SELECT summary FROM vendor_summaries {where}", [last]).fetchone()
        best = json.dumps({**json.loads(text), "score": 100.0, "grade": "A"})
        store.db.execute(f"UPDATE vendor_summaries SET summary = ? {where}", [best, last])
        store.db.conn.commit()
    st.cache_resource.clear()
    st.cache_data.clear()
    table = run_app(db, monkeypatch).dataframe[0].value.set_index("id")
    assert table.loc[last, "Score"] == "A · 100" and table.loc[last, "Rank"].split()[0] in ("1", "=1")  # summaries
    with Store.open(db) as store:  # a save whose vendor is not yet summarised again
        store.db.execute("INSERT INTO summaries_pending VALUES (?, 1)", [order[0]])
        store.db.conn.commit()
    st.cache_resource.clear()
    st.cache_data.clear()
    assert list(run_app(db, monkeypatch).dataframe[0].value["id"]) == order  # read from the probes


def test_the_vendor_page_shows_the_leaderboards_figures_and_only_the_probes_in_view(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open_readonly(demo_db) as store:
        sent = sorted(row["sent_at"] for row in store.outcomes("seed-etiquette"))
    since = datetime.fromisoformat(sent[len(sent) // 2]).date()  # the later half of the study
    leaderboard = run_app(demo_db, monkeypatch, since=since.isoformat()).dataframe[0].value
    vendor_id = leaderboard["id"].iloc[0]
    app = run_app(demo_db, monkeypatch, page="vendor", vendor=vendor_id, since=since.isoformat())
    with Store.open_readonly(demo_db) as store:
        rows = store.outcomes("seed-etiquette", vendor_id=vendor_id)
        everything = len(rows)
        in_view = [row for row in rows if row["sent_at"][:10] >= since.isoformat()]
        standard = read_catalog(store).standards["seed-etiquette"]
        start = datetime.combine(since, datetime.min.time(), UTC)
        (expected,) = [row for row in report_ranking(store, standard, start) if row.vendor == vendor_id]
    assert 0 < len(in_view) < everything  # the period leaves some of the vendor's probes out
    assert len(app.expander) == len(in_view)
    assert app.metric[0].value == format_score(expected)
    assert app.metric[5].value == str(len(in_view))
    assert leaderboard.set_index("id").loc[vendor_id, "Probes"].rstrip(" *") == str(len(in_view))
