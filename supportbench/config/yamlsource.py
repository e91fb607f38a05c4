"""Load YAML text into plain data while remembering the line of every key and item.

PyYAML's `safe_load` forgets where values came from; to say
`vendors[2].hours.mon-fri: ... (targets.yaml line 41)` we compose the node tree,
record each path's line, and report duplicate keys, which `safe_load` would
silently resolve to the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]
MAX_DEPTH = 50  # targets.yaml nests five or six levels
MAX_NODES = 1_000_000  # values, counting each use of an alias: far beyond 10,000 vendors


@dataclass
class YamlDocument:
    """Parsed data, a line number per path, and problems found while reading."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document (safe types only) with its line map."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # PyYAML composes nested collections by recursion
        raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", None, None) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None, None) from None
    document = YamlDocument(data=None)
    if root is not None:
        document.lines[()] = root.start_mark.line + 1
        _walk(root, document)  # first: it refuses what would be too large to construct
    try:
        document.data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None, None) from None
    return document


def _syntax_error(exc: yaml.MarkedYAMLError) -> YamlSyntaxError:
    mark = exc.problem_mark
    problem = exc.problem or str(exc)
    if exc.context:
        problem = f"{problem} ({exc.context})"
    return YamlSyntaxError(problem, mark.line + 1 if mark else None, mark.column + 1 if mark else None)


def _walk(root: yaml.Node, document: YamlDocument) -> None:
    """Record the line of every key and item, depth first, without recursion; an alias counts
    each time it is used, so a document that only grows by aliases ("billion laughs") is refused
    before anything reads its values."""
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    visited = 0
    while stack:
        node, path = stack.pop()
        visited += 1
        if visited > MAX_NODES:
            raise YamlSyntaxError(f"more than {MAX_NODES:,} values once its aliases are expanded", None, None)
        if len(path) > MAX_DEPTH:
            raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep at {format_path(path)}", None, None)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = (*path, key)
                line = key_node.start_mark.line + 1
                if key in seen:
                    document.duplicate_keys.append((child, line))
                seen.add(key)
                document.lines.setdefault(child, line)
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*path, index)
                document.lines[child] = item.start_mark.line + 1
                stack.append((item, child))


def format_path(path: Path) -> str:
    """`('vendors', 2, 'hours', 'mon-fri')` -> `vendors[2].hours.mon-fri`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"
