"""`supportbench vendors import` and `export`: a vendors spreadsheet checked against targets.yaml.

Import checks every row as targets.yaml would (probes and shoppers that exist, addresses
used once, hours that parse) before anything is written, and says which row and column
each problem is in; then the rows are spliced into the file, its comments kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from supportbench.config.targets import parse_config, validate_data
from supportbench.config.vendorcsv import CellProblem, VendorRow, read_vendor_rows, vendor_rows_csv
from supportbench.config.yamledit import anchor_of, render_entry, splice_list
from supportbench.config.yamlsource import Path as YamlPath
from supportbench.config.yamlsource import YamlDocument, YamlSyntaxError, format_path, parse_yaml
from supportbench.errors import ConfigError


@dataclass(frozen=True)
class Imported:
    """The new text of targets.yaml and the ids of the vendors it gained."""

    text: str
    added: list[str]


def import_vendors(
    config_text: str,
    config_name: str,
    csv_text: str,
    csv_name: str,
    *,
    defaults: str | None = None,
    replace: bool = False,
) -> Imported:
    """targets.yaml's text with the CSV's vendors added (or in place of its vendors, `replace`).

    `defaults` names a top-level block (`x-uk: &uk`) whose values every row shares: the
    new entries merge it with `<<: *uk` and give only their own cells.
    """
    document = _document(config_text, config_name)
    shared, anchor = _shared(document, config_text, config_name, defaults)
    rows, unread = read_vendor_rows(csv_text, csv_name, shared)
    listed = document.data.get("vendors")
    existing = [] if replace or not isinstance(listed, list) else listed
    combined = {**document.data, "vendors": [*existing, *({**shared, **row.cells} for row in rows)]}
    _, problems = validate_data(combined)
    where = _Locator(document, config_name, csv_name, rows, len(existing), defaults)
    located = [where.cell(problem) for problem in unread]
    located += [where.say(path, message) for path, message in problems if not where.already_said(path)]
    if located:
        raise ConfigError([text for _, text in sorted(dict.fromkeys(located))])
    entries = [render_entry(row.cells, anchor) for row in rows]
    text = splice_list(config_text, "vendors", entries, replace=replace, source=config_name)
    parse_config(text, source=config_name)  # what is written must load as it was checked
    return Imported(text, [str(row.cells["id"]) for row in rows])


def export_vendors(config_text: str, config_name: str) -> str:
    """The vendors of a valid targets.yaml as a CSV, shared blocks merged in."""
    parse_config(config_text, source=config_name)
    vendors = _document(config_text, config_name).data.get("vendors") or []
    return vendor_rows_csv(vendors)


def _document(text: str, name: str) -> YamlDocument:
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise ConfigError([f"{name}: not valid YAML: {exc}"]) from None
    if not isinstance(document.data, dict):
        raise ConfigError([f"{name}: must be a mapping with shoppers, vendors and probes at the top level"])
    return document


def _shared(document: YamlDocument, text: str, name: str, key: str | None) -> tuple[dict[str, Any], str | None]:
    """The values of the `key` block and the anchor entries merge it by."""
    if key is None:
        return {}, None
    data = document.data
    block = data.get(key)
    if not isinstance(block, dict):
        blocks = ", ".join(str(found) for found, value in data.items() if str(found).startswith("x-") and value)
        raise ConfigError([f"{name}: no block {key!r} to share values from; blocks here: {blocks or 'none'}"])
    anchor = anchor_of(text, key)
    if anchor is None:
        suggestion = f"{key}: &{key.removeprefix('x-')}"
        raise ConfigError([f"{name}: {key} has no anchor for entries to merge: write `{suggestion}`"])
    defined, used = document.lines.get((key,), 0), document.lines.get(("vendors",))
    if used is not None and defined > used:
        raise ConfigError([f"{name} line {defined}: {key} comes after vendors (line {used}); YAML needs it "
                           "above the entries that merge it: move the block up"])  # fmt: skip
    return block, anchor


@dataclass(frozen=True)
class _Locator:
    """Says where a problem is: a CSV row and column for the new vendors, a line of targets.yaml otherwise."""

    document: YamlDocument
    config_name: str
    csv_name: str
    rows: list[VendorRow]
    existing: int
    defaults: str | None

    def cell(self, problem: CellProblem) -> tuple[tuple[int, int], str]:
        """A cell that could not be read, in words."""
        column = f", column {problem.column}" if problem.column else ""
        return (1, problem.row), f"{self.csv_name} row {problem.row}{column}: {problem.message}"

    def already_said(self, path: YamlPath) -> bool:
        """Whether the problem is in a cell already reported unreadable (its value was left out)."""
        row = self._row(path)
        return row is not None and len(path) >= 3 and path[2] in row.unreadable

    def say(self, path: YamlPath, message: str) -> tuple[tuple[int, int], str]:
        """The problem in words, and a key that orders problems as they stand in the files."""
        message = re.sub(r"vendors\[(\d+)\](\.\w+)?", self._name, message)
        row = self._row(path)
        if row is None:
            line = self.document.line_of(path) or 0
            where = f"{self.config_name} line {line}" if line else self.config_name
            return (0, line), f"{where}: {format_path(path)}: {message}"
        if len(path) < 3:
            return (1, row.row), f"{self.csv_name} row {row.row}: {message}"
        column = str(path[2])
        if column not in row.cells and self.defaults:
            column += f" (from {self.defaults})"
        return (1, row.row), f"{self.csv_name} row {row.row}, column {column}: {message}"

    def _row(self, path: YamlPath) -> VendorRow | None:
        if len(path) >= 2 and path[0] == "vendors" and isinstance(path[1], int) and path[1] >= self.existing:
            return self.rows[path[1] - self.existing]
        return None

    def _name(self, found: re.Match[str]) -> str:
        """A reference to another vendor in a message: its CSV row, or its place in targets.yaml."""
        row = self._row(("vendors", int(found.group(1))))
        return f"row {row.row}" if row else f"{found.group(0)} in {self.config_name}"
