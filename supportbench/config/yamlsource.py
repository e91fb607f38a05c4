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
        _check_size(root)  # first: what would be too large to walk or construct is refused unread
        document.lines[()] = root.start_mark.line + 1
        _walk(root, document)
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


def _check_size(root: yaml.Node) -> None:
    """Refuse a document nested too deeply, or too large once its aliases are expanded (a
    "billion laughs" grows only by aliases). Each distinct node is looked at once: an alias is
    the same node object, so its expanded size and depth are known when it is met again."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()  # begun, children not yet done: meeting one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in size:
            continue
        children = _children(node)
        if not children_done:
            if id(node) in open_nodes:
                raise YamlSyntaxError("an alias refers to a collection that holds it (a cycle)", None, None)
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in size)
            if len(stack) > MAX_NODES:
                raise YamlSyntaxError(f"more than {MAX_NODES:,} values", None, None)
            continue
        open_nodes.discard(id(node))
        size[id(node)] = 1 + sum(size[id(child)] for child in children)
        depth[id(node)] = 1 + max((depth[id(child)] for child in children), default=0)
        if depth[id(node)] > MAX_DEPTH:
            raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", None, None)
        if size[id(node)] > MAX_NODES:
            raise YamlSyntaxError(f"more than {MAX_NODES:,} values once its aliases are expanded", None, None)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _walk(root: yaml.Node, document: YamlDocument) -> None:
    """Record the line of every key and item, depth first, without recursion (`_check_size` has
    bounded how many there are)."""
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
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
