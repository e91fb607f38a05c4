"""Add entries to a top-level list of a YAML file as text, so its comments and layout stay.

A YAML library would rewrite the whole file on save and drop the analyst's comments;
targets.yaml is the analyst's own document, so new entries are rendered on their own
and spliced in after the list's last item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from supportbench.errors import ConfigError

_TOP_LEVEL = re.compile(r"[^\s#-]")  # a line starting a new top-level key (not an item, comment or blank)


def render_entry(entry: Mapping[str, Any], merge_from: str | None = None) -> str:
    """One mapping in block style, its lists and mappings in flow style, as people write them."""
    lines = [f"<<: *{merge_from}"] if merge_from else []
    for key, value in entry.items():
        if isinstance(value, dict | list):
            lines.append(f"{_dump({key: None}).partition(':')[0]}: {_dump(value, flow=True)}")
        else:
            lines.append(_dump({key: value}))
    return "\n".join(lines) + "\n"


def _dump(value: Any, *, flow: bool = False) -> str:
    return yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True, sort_keys=False, width=10_000).strip()


def anchor_of(text: str, key: str) -> str | None:
    """The anchor a top-level `key: &name` sets, for entries to merge it with `<<: *name`."""
    found = re.search(rf"^{re.escape(key)}\s*:\s*&([^\s#]+)", text, flags=re.MULTILINE)
    return found.group(1) if found else None


def splice_list(text: str, key: str, entries: list[str], *, replace: bool = False, source: str = "") -> str:
    """`text` with `entries` (rendered mappings) added to its top-level list `key`, or put in
    place of its items when `replace`; a missing list is added at the end."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    header = re.compile(rf"{re.escape(key)}\s*:(.*)$")
    found = next(((index, match) for index, line in enumerate(lines) if (match := header.match(line))), None)
    if found is None:
        return "".join(lines) + f"\n{key}:\n" + _block(entries, "  ", separated=False)
    start, match = found
    inline = match.group(1).split("#")[0].strip()
    if inline not in ("", "[]"):
        raise ConfigError([f"{source} line {start + 1}: {key} is written on one line; write one entry per "
                           f"line (`- id: ...`) so entries can be added"])  # fmt: skip
    if inline:
        lines[start] = f"{key}:\n"
    end = next((index for index in range(start + 1, len(lines)) if _TOP_LEVEL.match(lines[index])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # blank lines and comments before the next key belong to it
    items = [index for index in range(start + 1, end) if lines[index].lstrip().startswith("- ")]
    indent = lines[items[0]][: len(lines[items[0]]) - len(lines[items[0]].lstrip())] if items else "  "
    if replace and items:
        del lines[items[0] : end]
        end = items[0]
        items = []
    return "".join(lines[:end]) + _block(entries, indent, separated=bool(items)) + "".join(lines[end:])


def _block(entries: list[str], indent: str, *, separated: bool) -> str:
    """Each entry as a list item at `indent`, a blank line between items as targets.yaml has them."""
    rendered = []
    for entry in entries:
        first, *rest = entry.rstrip("\n").split("\n")
        rendered.append("".join([f"{indent}- {first}\n", *(f"{indent}  {line}\n" for line in rest)]))
    return ("\n" if separated else "") + "\n".join(rendered)
