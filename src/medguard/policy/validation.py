"""Validation errors in a policy writer's words, with the field a misspelling probably meant, and
errors on one line for diagnostics."""

from __future__ import annotations

import difflib
import reprlib
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError


def error_text(error: BaseException) -> str:
    """An exception on one line, for a diagnostic: ``KeyError: 'lexicon'``; a pydantic
    ValidationError as ``ValidationError for Finding: confidence: Input should be ... (got 7.5)``."""
    if isinstance(error, ValidationError):
        return f"ValidationError for {error.title}: {one_line(error)}"
    return f"{type(error).__name__}: {error}"


def one_line(error: ValidationError) -> str:
    """Each problem of a ValidationError as ``field.path: message (got value)``, joined by "; "."""
    problems = []
    for item in error.errors(include_url=False):
        got = item.get("input")
        shown = "" if item["type"] == "missing" or isinstance(got, (dict, list, tuple)) else f" (got {reprlib.repr(got)})"
        problems.append(f"{dotted(tuple(item['loc'])) + ': ' if item['loc'] else ''}{item['msg'].removeprefix('Value error, ')}{shown}")
    return "; ".join(problems)


def dotted(loc: tuple) -> str:
    """A field path as a policy writer reads it: ``rules[2].options.phrases``."""
    out = ""
    for part in loc:
        if part is None:
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "policy"


def explain(item: dict, model: type[BaseModel] | None = None) -> str:
    """What one pydantic validation error of ``model`` means, in a policy writer's words."""
    if item["type"] == "extra_forbidden":
        name = str(item["loc"][-1])
        known = _fields_at(model, tuple(item["loc"][:-1])) if model else []
        hint = did_you_mean(name, known) or (f" (fields: {', '.join(known)})" if known else "")
        return f"unknown field {name!r}{hint}"
    if item["type"] == "missing":
        return "required field is missing"
    if item["type"] == "model_type":
        known = ", ".join(_fields_at(model, tuple(item["loc"]))) if model else ""
        return f"should be a mapping{f' of {known}' if known else ''} (got {item['input']!r})"
    message = item["msg"].removeprefix("Value error, ")
    if item["type"] not in ("value_error",) and "input" in item and not isinstance(item["input"], (dict, list)):
        message += f" (got {item['input']!r})"
        if item["type"] == "string_type" and isinstance(item["input"], (int, float, bool)):
            message += "; quote it: YAML reads 1.10 as the number 1.1 and yes as true"
    if item["type"] == "list_type" and isinstance(item.get("input"), str):
        message += f"; write one item as a list: [{item['input']!r}]"
    if item["type"] == "enum" and isinstance(item.get("input"), str) and repr(item["input"].lower()) in item.get("ctx", {}).get("expected", ""):
        message += f"; write it in lower case: {item['input'].lower()!r}"
    if item["type"] == "string_pattern_mismatch" and item["loc"][-1:] == ("id",):
        message = "an id is lower case letters, digits, dots, dashes and underscores, starting with a letter or digit"
        message += f" (got {item['input']!r})"
    return message


def did_you_mean(name: str, known) -> str:
    """The " (did you mean ...?)" hint naming the closest of ``known``, or "" when none is close."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names, as a policy writes them, of the mapping at ``loc`` inside ``model``."""
    current: Any = model
    for part in loc:
        current = next((inner for candidate in _alternatives(current) if (inner := _inside(candidate, part)) is not None), None)
        if current is None:
            return []
    models = [c for c in _alternatives(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return [field.alias or name for name, field in models[0].model_fields.items()] if models else []


def _alternatives(annotation: Any) -> tuple:
    """The types an annotation allows: ``X | None`` allows X and None."""
    return get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)


def _inside(annotation: Any, part: Any) -> Any:
    """The annotation of item ``part`` (a field name or a list index) of a value of ``annotation``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        return next((f.annotation for name, f in annotation.model_fields.items() if part in (name, f.alias)), None)
    if get_origin(annotation) in (list, tuple) and isinstance(part, int):
        return get_args(annotation)[0]
    return None
