"""The board pack and `report`'s formats, on a store the real pipeline made (the demo's)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supportbench.config.standards import DEFAULT_STANDARD
from supportbench.ranking.formatting import format_score
from supportbench.reports.board import choose_standard, load_report
from supportbench.reports.pdf import chart_png
from supportbench.store.database import Store
from tests.cli.test_cli import run_cli

PNG = b"\x89PNG\r\n\x1a\n"


def report(db: Path, *args: str) -> str:
    done = run_cli("report", "--db", str(db), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_json_carries_its_standard_period_and_date(demo_db: Path) -> None:
    found = json.loads(report(demo_db, "--format", "json", "--since", "2020-01-01", "--until", "2099-12-31"))
    assert found["standard"]["name"] == DEFAULT_STANDARD and found["standard"]["title"] == "Seed etiquette"
    assert found["period"]["since"].startswith("2020-01-01") and found["period"]["until"].startswith("2100-01-01")
    assert found["period"]["described"] == "probes sent 2020-01-01 to 2099-12-31"
    assert datetime.fromisoformat(found["generated_at"]) > datetime.now(UTC) - timedelta(minutes=5)
    assert found["probes"] == sum(row["probes"] for row in found["vendors"]) > 0
    assert found["headline"] and found["method"]


def test_csv_has_one_value_per_cell(demo_db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(report(demo_db, "--format", "csv"))))
    assert {"score", "score_low", "score_high", "rank_best", "rank_worst", "response_rate_low", "replied_judged",
            "criterion_greeting", "own", "paused_by_bounce"} <= set(rows[0])  # fmt: skip
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("[", "{", "(")), (column, value)  # no list packed into a cell
        if row["score_low"]:
            assert float(row["score_low"]) <= float(row["score"]) <= float(row["score_high"])


def test_markdown_has_a_title_the_standard_and_the_period(demo_db: Path) -> None:
    text = report(demo_db, "--format", "markdown", "--until", "2099-12-31")
    title, _, subtitle = text.splitlines()[:3]
    assert title.startswith("# Customer support by e-mail")
    assert subtitle.startswith("Seed etiquette (deadline 1 business day) · all probes sent up to 2099-12-31 · ")


def test_until_keeps_only_probes_sent_by_the_end_of_that_day(demo_db: Path) -> None:
    with Store.open_readonly(demo_db) as store:
        sent = sorted(row["sent_at"] for row in store.outcomes(DEFAULT_STANDARD))
    middle = datetime.fromisoformat(sent[len(sent) // 2])
    day = f"{middle:%Y-%m-%d}"
    expected = sum(stamp < f"{middle + timedelta(days=1):%Y-%m-%d}" for stamp in sent)
    found = json.loads(report(demo_db, "--format", "json", "--until", day))
    assert 0 < found["probes"] == expected < len(sent)


def test_the_pdf_agrees_with_the_table_to_the_digit_and_renders(demo_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "board.pdf"
    report(demo_db, "--format", "pdf", "--output", str(pdf))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    first_page = text.split("\f")[0]
    with Store.open_readonly(demo_db) as store:
        board = load_report(store, choose_standard(store, DEFAULT_STANDARD), None, None, datetime.now(UTC))
    assert "Customer support by e-mail" in first_page and board.subtitle.split(" · ")[0] in first_page
    assert board.headline()[0].split(";")[0][:40] in " ".join(first_page.split())
    for row in board.rows[:14]:
        line = next(line for line in first_page.splitlines() if f" {row.name} " in f" {line} " and "%" in line)
        assert format_score(row) in line, (row.name, line)  # the same figure, to the digit
    words = " ".join(text.split())  # pdftotext spaces words as laid out
    assert "Appendix: what each vendor passed under Seed etiquette" in words
    assert "Every question answered at once (×2)" in words
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2 and all(page.read_bytes().startswith(PNG) for page in pages)
    width, height = _png_size(pages[0].read_bytes())
    assert width > height  # A4 landscape


@pytest.mark.parametrize("chart", ["scores", "curves"])
def test_each_chart_exports_as_a_captioned_png(demo_db: Path, chart: str) -> None:
    with Store.open_readonly(demo_db) as store:
        board = load_report(store, choose_standard(store, DEFAULT_STANDARD), None, None, datetime.now(UTC))
    image = chart_png(board, chart)
    assert image.startswith(PNG) and _png_size(image) == (1350, 825)
    with pytest.raises(ValueError, match="no chart 'pie'"):
        chart_png(board, "pie")


def test_pdf_needs_a_file() -> None:
    done = run_cli("report", "--db", "/nonexistent.db", "--format", "pdf")
    assert done.returncode == 1 and "give --output board.pdf" in done.stderr


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.filterwarnings("error")
def test_an_empty_report_still_makes_a_pdf_and_says_why() -> None:
    from supportbench.config.standards import BUILT_IN
    from supportbench.reports.board import BoardReport
    from supportbench.reports.pdf import board_pdf

    board = BoardReport(BUILT_IN["nkom"], None, None, datetime.now(UTC), [], {}, frozenset())
    assert board.headline() == ["No probe has been decided yet: nothing to rank."]
    assert board_pdf(board).startswith(b"%PDF") and chart_png(board, "curves").startswith(PNG)
