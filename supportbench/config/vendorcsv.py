"""Vendors as a spreadsheet: read a CSV into targets.yaml entries, and write them back out.

An analyst keeps the competitors in a spreadsheet; one row per vendor, one column per
field, the lists in a cell separated by semicolons:

    id,name,address,language,timezone,country,hours,probes,schedule,shopper
    acme,Acme Ltd,help@acme.example,en,Europe/London,GB,mon-fri 09:00-17:30; sat closed,phone-and-pricing,every 14d,alex

Rows are numbered as the spreadsheet shows them (the header is row 1), so every
problem points at the cell to fix.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from supportbench.errors import ConfigError

REQUIRED = ("id", "name", "address", "language", "timezone", "country", "hours", "probes", "schedule", "shopper")
COLUMNS = (*REQUIRED[:3], "alternate_addresses", *REQUIRED[3:6], "subdivision", "hours", "tags", *REQUIRED[7:],
           "paused", "open_on_holidays", "own")  # fmt: skip
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
MAX_ROWS = 100_000


@dataclass(frozen=True)
class VendorRow:
    """One spreadsheet row as targets.yaml vendor fields (only the cells that were filled and read)."""

    row: int
    cells: dict[str, Any]
    unreadable: frozenset[str] = frozenset()  # columns whose cell could not be read (already reported)


@dataclass(frozen=True)
class CellProblem:
    row: int
    column: str | None
    message: str


def read_vendor_rows(text: str, source: str, shared: Collection[str] = ()) -> tuple[list[VendorRow], list[CellProblem]]:
    """The rows of a vendors CSV, and every cell that could not be read; a bad header is raised at once.

    A column may be left out for the fields in `shared` (given by a block of targets.yaml
    the vendors share); whether a row lacks a value is for validation to say.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=_delimiter(text))
    header = [name.strip().lower() for name in next(reader, [])]
    header_problems = _header_problems(header, shared, source)
    if header_problems:
        raise ConfigError(header_problems)
    rows: list[VendorRow] = []
    problems: list[CellProblem] = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line between groups of vendors
        if len(rows) >= MAX_ROWS:
            raise ConfigError([f"{source}: more than {MAX_ROWS:,} vendors; split the file"])
        if len(cells) > len(header):
            problems.append(CellProblem(number, None, f"{len(cells)} cells but {len(header)} columns in the header"))
            continue
        entry: dict[str, Any] = {}
        unreadable: set[str] = set()
        for column, cell in zip(header, cells, strict=False):
            try:
                value = _cell(column, cell.strip())
            except ValueError as exc:
                problems.append(CellProblem(number, column, str(exc)))
                unreadable.add(column)
                continue
            if value is not None:
                entry[column] = value
        rows.append(VendorRow(number, entry, frozenset(unreadable)))
    if not rows and not problems:
        raise ConfigError([f"{source}: no vendor rows under the header"])
    return rows, problems


def _delimiter(text: str) -> str:
    """Comma, semicolon (what spreadsheets write where the comma is the decimal mark) or tab, as
    the header row shows; quoting is always a spreadsheet's (doubled quotes inside quoted cells)."""
    first = text.removeprefix("\ufeff").partition("\n")[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _header_problems(header: list[str], shared: Collection[str], source: str) -> list[str]:
    if not any(header):
        return [f"{source}: empty; the first row names the columns: {', '.join(COLUMNS)}"]
    problems: list[str] = []
    for position, name in enumerate(header, start=1):
        if name not in COLUMNS:
            guess = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f"did you mean {guess[0]!r}?" if guess else f"known columns: {', '.join(COLUMNS)}"
            problems.append(f"{source} row 1, column {position}: unknown column {name!r}; {hint}")
        elif header.index(name) != position - 1:
            problems.append(f"{source} row 1, column {position}: column {name!r} is given twice")
    missing = [name for name in REQUIRED if name not in header and name not in shared]
    if missing:
        problems.append(f"{source} row 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    return problems


def _cell(column: str, cell: str) -> Any:
    """A cell's text as the value targets.yaml holds; None for a blank cell."""
    if column in ("paused", "open_on_holidays", "own"):
        if cell.lower() in _TRUE:
            return True
        if cell.lower() in _FALSE:
            return False if cell else None
        raise ValueError(f"{cell!r} is neither yes nor no")
    if not cell:
        return None
    if column in ("alternate_addresses", "probes"):
        return list(_items(cell.replace(",", ";")))
    if column == "hours":
        return dict(_pairs(cell, " ", 'e.g. "mon-fri 09:00-17:30; sat closed"'))
    if column == "tags":
        return dict(_pairs(cell, "=", 'e.g. "segment=b2b; industry=retail"'))
    if column == "schedule":
        return _schedule(cell)
    return cell


def _items(cell: str) -> Iterator[str]:
    return (item.strip() for item in cell.split(";") if item.strip())


def _pairs(cell: str, separator: str, example: str) -> Iterator[tuple[str, str]]:
    for item in _items(cell):
        key, found, value = item.partition(separator)
        if not found or not value.strip():
            raise ValueError(f"{item!r} is not a name and a value: {example}")
        yield key.strip(), value.strip()


def _schedule(cell: str) -> dict[str, str]:
    """ "every 14d", "14d", or a cron expression ("cron 30 10 * * tue" or just its five fields)."""
    word, _, rest = cell.partition(" ")
    if word.lower() == "every" and rest.strip():
        return {"every": rest.strip()}
    if word.lower() == "cron" and rest.strip():
        return {"cron": rest.strip()}
    if len(cell.split()) == 5:
        return {"cron": cell}
    if " " not in cell:
        return {"every": cell}
    raise ValueError(f'{cell!r} is not a schedule: write "every 14d" or "cron 30 10 * * tue"')


def vendor_rows_csv(vendors: list[Mapping[str, Any]]) -> str:
    """targets.yaml vendor entries as a CSV that `read_vendor_rows` reads back to the same entries."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for vendor in vendors:
        writer.writerow([_text(column, vendor.get(column)) for column in COLUMNS])
    return out.getvalue()


def _text(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        if column == "schedule":
            return "; ".join(f"{key} {item}" for key, item in value.items())
        separator = "=" if column == "tags" else " "
        return "; ".join(f"{key}{separator}{item}" for key, item in value.items())
    return str(value)
