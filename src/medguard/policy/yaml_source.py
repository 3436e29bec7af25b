"""Safe YAML loading that keeps the line and column of every value and rejects duplicate keys."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import PolicyError, PolicyProblem

Path = tuple[Any, ...]
Marks = dict[Path, tuple[int, int]]

VALUE = object()
"""Last item of a path to a mapping's entry for where its value is written (``("extends", VALUE)``);
the path without it gives where the key is."""


def load_yaml_with_marks(text: str, filename: str, problems: list[PolicyProblem] | None = None) -> tuple[Any, Marks]:
    """Parse YAML safely; return the data and a map from key path to (line, column), 1-based:
    a mapping entry's path gives its key's place, that path plus ``VALUE`` its value's.

    A syntax error raises PolicyError. A duplicate key (the first value is kept) or a tag raises
    it too, unless ``problems`` is given: they are added there, so that the caller can report them
    with the mistakes it finds in the data."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise PolicyError([_syntax_problem(error, filename, text)]) from None
    except yaml.YAMLError as error:
        raise PolicyError([PolicyProblem(filename, None, None, str(error))]) from None
    if node is None:
        return None, {}
    marks: Marks = {}
    constructor = yaml.constructor.SafeConstructor()
    found: list[PolicyProblem] = []
    data = _build(node, (), marks, constructor, found, filename)
    if problems is None and found:
        raise PolicyError(found)
    if problems is not None:
        problems.extend(found)
    return data, marks


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _build(node, path: Path, marks: Marks, constructor, problems, filename) -> Any:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        problems.append(_tag_problem(node, filename))
        return None
    if isinstance(node, yaml.MappingNode):
        own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
        try:
            constructor.flatten_mapping(node)
        except yaml.MarkedYAMLError as error:
            problems.append(_marked_problem(error, filename))
            return {}
        merged = len(node.value) - own  # `<<: *anchor` pairs come first; own keys override them
        result: dict[Any, Any] = {}
        from_merge: set[Any] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = _scalar(key_node, constructor, problems, filename)
            if index < merged:
                if key in result:
                    continue
                from_merge.add(key)
            elif key in from_merge:
                from_merge.discard(key)
            elif key in result:
                first = marks.get(path + (key,), (None, None))
                problems.append(PolicyProblem(
                    filename, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                    f"duplicate key {key!r} (first defined on line {first[0]})",
                ))
                continue
            result[key] = _build(value_node, path + (key,), marks, constructor, problems, filename)
            marks[path + (key, VALUE)] = marks[path + (key,)]
            marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), marks, constructor, problems, filename) for i, item in enumerate(node.value)]
    return _scalar(node, constructor, problems, filename)


def _scalar(node, constructor, problems, filename) -> Any:
    """A scalar (or a key) with the safe constructor; an unknown tag is a problem, not a crash."""
    if not isinstance(node, yaml.ScalarNode):
        problems.append(PolicyProblem(filename, node.start_mark.line + 1, node.start_mark.column + 1,
                                      "a key must be a plain value, not a list or mapping"))
        return object()
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.MarkedYAMLError:
        problems.append(_tag_problem(node, filename))
        return None


def _tag_problem(node, filename: str) -> PolicyProblem:
    return PolicyProblem(
        filename, node.start_mark.line + 1, node.start_mark.column + 1,
        f"unsupported YAML tag {node.tag!r}: policies are plain YAML (no tags, no Python objects)",
    )


_HINTS = (
    ("\t", "YAML does not allow tabs for indentation or between values; use spaces"),
    ("'\\t'", "YAML does not allow tabs for indentation or between values; use spaces"),
    ("mapping values are not allowed here", "a value that contains ': ' must be quoted"),
    ("unknown escape character", "inside double quotes YAML reads backslashes itself: write regular expressions in single quotes"),
    ("expected <block end>", "check the indentation and the quotes of the lines above"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, filename: str, text: str) -> PolicyProblem:
    """A YAML syntax error where it started: an unclosed quote or bracket is reported where it
    opened, not at the end of the file, with what PyYAML was reading and a hint when one fits."""
    problem = error.problem or "invalid YAML"
    mark, context = error.problem_mark, error.context_mark
    if context is not None and (mark is None or mark.index >= len(text.rstrip())):
        mark = context
    if error.context and context is not None:
        problem += f" ({error.context} at line {context.line + 1}, column {context.column + 1})"
    hint = next((hint for needle, hint in _HINTS if needle in problem), None)
    if hint:
        problem += f"; {hint}"
    return PolicyProblem(filename, mark.line + 1 if mark else None, mark.column + 1 if mark else None, problem)


def _marked_problem(error: yaml.MarkedYAMLError, filename: str) -> PolicyProblem:
    mark = error.problem_mark or error.context_mark
    return PolicyProblem(filename, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                         error.problem or "invalid YAML")


def locate(marks: Marks, path: Path) -> tuple[int | None, int | None]:
    """The position of ``path``, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path not in marks and path:
        path = path[:-1]
    return marks.get(path, (None, None))
