"""Load a policy pack from YAML: safe parsing, ``extends``, and validation with positions."""

from __future__ import annotations

import difflib
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from pydantic import BaseModel, ValidationError

from ..ml.settings import environment_problems
from ..patterns import nested_quantifier
from ..rule_types.base import RuleType
from ..rule_types.matchers import Matcher
from .errors import PolicyError, PolicyProblem
from .model import BUILTIN_CATEGORIES, PolicySpec, RuleSpec, SettingsSpec
from .validation import did_you_mean, dotted, error_text, explain, one_line
from .yaml_source import VALUE, Marks, load_yaml_with_marks, locate

DEFAULT_PACK = "default"


def packs_dir() -> Path:
    """Where the built-in packs live: the checkout's policies/ or the installed share/ copy."""
    checkout = Path(__file__).resolve().parents[3] / "policies"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "medguard" / "policies"


def builtin_packs() -> dict[str, Path]:
    return {p.stem: p for p in sorted(packs_dir().glob("*.yaml"))}


@dataclass(slots=True)
class RuleOrigin:
    """Where a rule was written: for errors and for ``medguard policy test`` output."""

    file: str
    line: int | None
    example_lines: dict[tuple[str, int], int] = field(default_factory=dict)
    """The line of each example the rule's own file gives, by (``flag`` or ``pass``, index)."""


@dataclass(slots=True)
class CompiledRule:
    spec: RuleSpec
    origin: RuleOrigin
    rule_type: type[RuleType] | None
    instance: RuleType | None
    skipped: str | None = None
    """Why the rule does not run here (e.g. its extra is not installed)."""

    @property
    def category(self) -> str:
        return self.spec.category or (self.rule_type.category if self.rule_type else "custom")


@dataclass(slots=True)
class Policy:
    """A loaded, validated pack with every rule bound to its rule type."""

    spec: PolicySpec
    files: list[str]
    rules: list[CompiledRule] = field(default_factory=list)
    digest: str = ""
    warnings: list[PolicyProblem] = field(default_factory=list)
    """What looks like a mistake but loads: a category close to a known one, a regex that may backtrack badly."""

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def active_rules(self) -> list[CompiledRule]:
        return [r for r in self.rules if r.instance is not None]


def resolve_pack(reference: str | Path, relative_to: Path | None = None) -> Path:
    """A pack reference (a built-in name like ``default`` or a path) as a file path."""
    text = str(reference)
    candidate = Path(text)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to.parent / candidate
    if candidate.is_file():
        return candidate
    packs = builtin_packs()
    if text in packs:
        return packs[text]
    known = ", ".join(packs) or "none"
    what = "is a folder, not a policy file" if candidate.is_dir() else "no such policy file or built-in pack"
    raise PolicyError([PolicyProblem(str(reference), None, None, f"{what}{did_you_mean(text, packs)} (built-in packs: {known})")])


def _unknown_type(name: str, rule_types: Mapping[str, type[RuleType]], at: tuple, rule_label: str) -> PolicyProblem:
    """A rule's ``type`` that no plugin registers, with a did-you-mean and the registered ones."""
    known = ", ".join(sorted(rule_types)) or "none"
    return PolicyProblem(*at, f"{rule_label}: unknown rule type {name!r}{did_you_mean(name, rule_types)} (registered types: {known})")


def load_policy(reference: str | Path, rule_types: Mapping[str, type[RuleType]]) -> Policy:
    """Load, merge (``extends``) and validate a pack; bind each rule to its rule type.

    Raises PolicyError listing every problem with its file, line and column; what only looks like
    a mistake is in the pack's ``warnings``.
    """
    problems: list[PolicyProblem] = []
    warnings: list[PolicyProblem] = []
    categories = {*BUILTIN_CATEGORIES, *(c for t in rule_types.values() if isinstance(c := getattr(t, "category", None), str))}
    raw, rule_origins, files, top_origins = _load_merged(resolve_pack(reference), [], problems)

    def where(loc: tuple) -> tuple[str, int | None, int | None]:
        if loc[:1] == ("rules",) and len(loc) > 1 and loc[1] in rule_origins:
            origin_file, marks, base = _written_in(rule_origins[loc[1]], loc[2:3])
            return (origin_file, *locate(marks, base + loc[2:]))
        origin_file, marks = top_origins.get(loc[:2]) or top_origins.get(loc[:1]) or top_origins[()]
        return (origin_file, *locate(marks, loc))

    def label(index: int, rule_id: str | None = None) -> str:
        """A rule as its own file places it: ``rules[2] (team.no-miracle)``."""
        return f"rules[{rule_origins[index][0][2][-1]}]" + (f" ({rule_id})" if rule_id else "")

    # The pack's own fields and each rule are validated apart, so that one mistake does not hide the others.
    try:
        PolicySpec.model_validate({**raw, "rules": []})
    except ValidationError as error:
        problems.extend(_problems(error, where, model=PolicySpec))
    if isinstance(raw.get("settings"), dict):
        problems.extend(_settings_problems(raw["settings"], where))
    problems.extend(PolicyProblem("environment", None, None, problem) for problem in environment_problems())
    specs: list[tuple[int, RuleSpec]] = []
    for index, raw_rule in enumerate(raw.get("rules") or []):
        try:
            specs.append((index, RuleSpec.model_validate(raw_rule)))
        except ValidationError as error:
            rule_id = raw_rule.get("id") if isinstance(raw_rule, dict) and isinstance(raw_rule.get("id"), str) else None
            if rule_id and len(files) > 1 and "type" not in raw_rule:  # meant to change a rule of the pack it extends?
                others = [r.get("id") for r in raw["rules"] if isinstance(r, dict) and r is not raw_rule and isinstance(r.get("id"), str)]
                if hint := did_you_mean(rule_id, others):
                    problems.append(PolicyProblem(*where(("rules", index, "id")), f"{label(index, rule_id)}: no rule with this id "
                                                  f"in the packs this one extends{hint}; a new rule needs `type` and `message`"))
                    continue
            problems.extend(_problems(error, lambda loc, i=index: where(("rules", i, *loc)), label=(label(index, rule_id),),
                                      model=RuleSpec))
            type_name = raw_rule.get("type") if isinstance(raw_rule, dict) and isinstance(raw_rule.get("type"), str) else None
            rule_type = rule_types.get(type_name) if type_name else None
            if type_name and rule_type is None:  # a misspelt type too, at once
                problems.append(_unknown_type(type_name, rule_types, where(("rules", index, "type")), label(index, rule_id)))
            if rule_type is not None and isinstance(raw_rule.get("options", {}), dict):  # its options' mistakes too, at once
                _, option_problems = _options(rule_type, raw_rule.get("options", {}), rule_origins[index], label(index, rule_id),
                                              _plugin_of(rule_type, rule_types))
                problems.extend(option_problems)

    seen: dict[str, RuleOrigin] = {}
    compiled_rules: list[CompiledRule] = []
    for index, rule in specs:
        origin_file, marks, path = rule_origins[index][0]
        line, column = locate(marks, path)
        origin = RuleOrigin(origin_file, line, _example_lines(*_written_in(rule_origins[index], ("examples",))[1:]))
        if rule.id in seen:
            problems.append(PolicyProblem(origin_file, line, column, f"duplicate rule id {rule.id!r} (first defined at {seen[rule.id].file}:{seen[rule.id].line})"))
            continue
        seen[rule.id] = origin
        if rule.category is not None and (hint := _misspelt_category(rule.category, categories)):
            warnings.append(PolicyProblem(*where(("rules", index, "category", VALUE)), f"{label(index, rule.id)}.category: "
                                          f"{rule.category!r} is not a known category{hint}; one of your own is allowed, "
                                          "but its findings are counted apart", "warning"))
        rule_type = rule_types.get(rule.type)
        if rule_type is None:
            problems.append(_unknown_type(rule.type, rule_types, (origin_file, *locate(marks, path + ("type",))), label(index, rule.id)))
            continue
        options, option_problems = _options(rule_type, rule.options, rule_origins[index], label(index, rule.id),
                                            _plugin_of(rule_type, rule_types))
        if option_problems:
            problems.extend(option_problems)
            continue
        warnings.extend(_regex_warnings(options, rule_origins[index], label(index, rule.id)))
        compiled = CompiledRule(rule, origin, rule_type, None)
        try:
            if not rule.enabled:
                compiled.skipped = "disabled in the policy"
            elif (reason := rule_type.unavailable_reason()) is not None:
                if rule.required:
                    problems.append(PolicyProblem(origin_file, line, column, f"rule {rule.id} is required but cannot run: {reason}"))
                    continue
                compiled.skipped = reason
            else:
                compiled.instance = rule_type(rule, options)
        except Exception as error:  # a rule type plugin that breaks while starting: say which, don't crash
            problems.append(PolicyProblem(origin_file, line, column, f"rule {rule.id}: rule type {rule.type!r} "
                                          f"(plugin {_plugin_of(rule_type, rule_types)}) failed to start: {error_text(error)}"))
            continue
        compiled_rules.append(compiled)
    order = {name: i for i, name in enumerate(files)}

    def in_file_order(problem: PolicyProblem) -> tuple[int, int, int]:
        return order.get(problem.file, len(order)), problem.line or 0, problem.column or 0

    if problems:
        raise PolicyError(sorted(problems, key=in_file_order))
    policy = Policy(spec=PolicySpec.model_validate(raw), files=files, digest=_digest(raw), warnings=sorted(warnings, key=in_file_order))
    policy.rules.extend(compiled_rules)
    return policy


Origin = tuple[str, Marks, tuple]
"""Where a rule is written: its file, that file's marks, and its path there (``("rules", 2)``)."""


CATEGORY_SLACK = 2
"""A category is taken for a misspelling of a known one only this many characters longer or shorter
(``drug-comparisons``, not ``comparison`` nor ``off-label-us``)."""


def _misspelt_category(category: str, known: set[str]) -> str:
    """The did-you-mean hint when ``category`` is not a known category but is close to one, else ""."""
    if category in known:
        return ""
    close = difflib.get_close_matches(category.lower(), known, n=1, cutoff=0.8)
    return f" (did you mean {close[0]!r}?)" if close and abs(len(close[0]) - len(category)) <= CATEGORY_SLACK else ""


def _plugin_of(rule_type: type[RuleType], rule_types: Mapping[str, type[RuleType]]) -> str:
    """The plugin that registered ``rule_type``, as ``medguard plugins`` names it (its module if unknown)."""
    return getattr(rule_types, "plugins", {}).get(rule_type.name) or rule_type.__module__


def _options(rule_type: type[RuleType], options: dict, origins: list[Origin], rule_label: str,
             plugin: str) -> tuple[Any, list[PolicyProblem]]:
    """A rule's options validated by its rule type, or the problems, placed where they are written."""
    options_file, options_marks, options_base = _written_in(origins, ("options",))
    try:
        validated = rule_type.Options.model_validate(options)
    except ValidationError as error:
        return None, _problems(error, lambda loc: (options_file, *locate(options_marks, options_base + ("options",) + loc)),
                               label=(f"{rule_label}.options",), model=rule_type.Options)
    try:  # pydantic does not check defaults: a rule type's own bad default must not fail on every document
        rule_type.Options.model_validate(validated.model_dump(warnings=False))
    except ValidationError as error:
        line, column = locate(options_marks, options_base)
        return None, [PolicyProblem(options_file, line, column, f"{rule_label}: rule type {rule_type.name!r} "
                                    f"(plugin {plugin}) has an invalid default option, a bug in that plugin: {one_line(error)}")]
    return validated, []


def _regex_warnings(options: BaseModel, origins: list[Origin], rule_label: str) -> list[PolicyProblem]:
    """A warning, at the pattern, for each regular expression of a rule's options (in a Matcher, at
    any depth) with an unbounded repeat inside another: it may backtrack catastrophically."""
    options_file, options_marks, options_base = _written_in(origins, ("options",))
    warnings = []

    def walk(value: Any, loc: tuple) -> None:
        if isinstance(value, Matcher):
            for index, pattern in enumerate(value.patterns):
                if nested := nested_quantifier(pattern):
                    outer, inner = nested
                    at = ("options", *loc, "patterns", index)
                    warnings.append(PolicyProblem(
                        options_file, *locate(options_marks, options_base + at),
                        f"{dotted((rule_label, *at))}: `{outer}` repeats without limit a part that repeats `{inner}` "
                        "without limit: on text that almost matches, the search can try exponentially many ways to split "
                        "it and be stopped at its time limit (catastrophic backtracking); make the inner repeat possessive "
                        f"(`{inner.removesuffix('?')}+`) or bounded, or the group atomic (`(?>...)`)", "warning"))
        if isinstance(value, BaseModel):
            for name, field_info in type(value).model_fields.items():
                walk(getattr(value, name), (*loc, field_info.alias or name))
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))

    walk(options, ())
    return warnings


def _written_in(origins: list[Origin], key: tuple) -> Origin:
    """The file that wrote ``key`` of a rule: the overriding child's when it gives that key, else
    the parent's it came from (``origins`` runs from the child to the first parent)."""
    return next((origin for origin in origins if origin[2] + key in origin[1]), origins[0])


def _load_merged(path: Path, visiting: list[Path], problems: list[PolicyProblem]
                 ) -> tuple[dict, dict[int, list[Origin]], list[str], dict[tuple, tuple[str, Marks]]]:
    """Read a pack and its ``extends`` chain; child rules replace parent rules with the same id.
    Duplicate keys go to ``problems`` (the first value is kept), to be reported with the rest.

    Returns the merged pack, each rule's origins (see ``_written_in``), the files from the first
    parent to the child, and where each top-level key (and each key of ``decision`` and
    ``settings``) was written: ``()`` is the child itself."""
    path = path.resolve()
    visiting.append(path)
    filename = _display(path)
    try:
        raw_bytes = path.read_bytes()
        text = raw_bytes.decode("utf-8-sig")
    except OSError as error:
        raise PolicyError([PolicyProblem(filename, None, None, f"cannot read policy: {error.strerror or error}")]) from None
    except UnicodeDecodeError as error:
        line = raw_bytes.count(b"\n", 0, error.start) + 1
        column = error.start - (raw_bytes.rfind(b"\n", 0, error.start) + 1) + 1
        raise PolicyError([PolicyProblem(filename, line, column, f"byte 0x{raw_bytes[error.start]:02x} is not UTF-8: "
                                                                 "save the policy as UTF-8")]) from None
    data, marks = load_yaml_with_marks(text, filename, problems)
    if not isinstance(data, dict):
        shape = ("the file is empty" if data is None else "the file is a YAML list (put the rules under `rules:`)"
                 if isinstance(data, list) else f"the file is a single {type(data).__name__} value")
        raise PolicyError([PolicyProblem(filename, 1, 1, f"{shape}: a policy must be a mapping with `name`, "
                                                         "`version` and usually `rules`")])
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        line, column = locate(marks, ("rules",))
        raise PolicyError([PolicyProblem(filename, line, column, "`rules` must be a list of rules")])
    own = [(rule, [(filename, marks, ("rules", i))]) for i, rule in enumerate(rules)]
    files = [filename]
    written = {(): (filename, marks), **{(key,): (filename, marks) for key in data},
               **{(key, sub): (filename, marks) for key in ("decision", "settings") if isinstance(data.get(key), dict) for sub in data[key]}}
    if data.get("extends"):
        line, column = locate(marks, ("extends", VALUE))
        if not isinstance(data["extends"], str):
            raise PolicyError([PolicyProblem(filename, line, column, "extends: name one pack, a built-in name or a file path "
                                             f"(got {data['extends']!r}); to build on several, let each extend the next")])
        try:
            parent_path = resolve_pack(data["extends"], relative_to=path)
        except PolicyError as error:
            raise PolicyError([PolicyProblem(filename, line, column, f"extends: {p.file}: {p.message}") for p in error.problems]) from None
        if parent_path.resolve() in visiting:
            chain = " -> ".join(_display(p) for p in [*visiting, parent_path.resolve()])
            raise PolicyError([PolicyProblem(filename, line, column, f"`extends` forms a cycle: {chain}")])
        parent, parent_origins, parent_files, parent_written = _load_merged(parent_path, visiting, problems)
        files = parent_files + files
        merged_rules = list(zip(parent.get("rules") or [], (parent_origins[i] for i in range(len(parent.get("rules") or [])))))
        by_id = {r.get("id"): i for i, (r, _) in enumerate(merged_rules) if isinstance(r, dict)}
        for rule, origin in own:
            rule_id = rule.get("id") if isinstance(rule, dict) else None
            if rule_id in by_id:
                parent_rule, parent_origin = merged_rules[by_id[rule_id]]
                merged_rules[by_id[rule_id]] = (_override(parent_rule, rule), origin + parent_origin)
            else:
                merged_rules.append((rule, origin))
        merged = {**{k: v for k, v in parent.items() if k != "rules"}, **{k: v for k, v in data.items() if k not in ("rules", "extends")}}
        for key in ("decision", "settings"):
            if isinstance(parent.get(key), dict) and isinstance(data.get(key), dict):
                merged[key] = {**parent[key], **data[key]}
        merged["rules"] = [r for r, _ in merged_rules]
        merged["extends"] = data["extends"]
        origins = {i: origin for i, (_, origin) in enumerate(merged_rules)}
        return merged, origins, files, {**parent_written, **written}
    return data, {i: origin for i, (_, origin) in enumerate(own)}, files, written


def _example_lines(marks: Marks, rule_path: tuple) -> dict[tuple[str, int], int]:
    """Lines of the examples written under the rule at ``rule_path`` (none when it inherits them)."""
    lines = {}
    for kind in ("flag", "pass"):
        index = 0
        while (position := marks.get((*rule_path, "examples", kind, index))) is not None:
            lines[(kind, index)] = position[0]
            index += 1
    return lines


def _override(parent_rule: Any, child_rule: dict) -> dict:
    """A child rule with the parent's id changes only the keys it gives."""
    if not isinstance(parent_rule, dict):
        return child_rule
    return {**parent_rule, **child_rule}


def _problems(error: ValidationError, where, label: tuple = (), model: type[BaseModel] | None = None) -> list[PolicyProblem]:
    """One problem per validation error of ``model``, placed by ``where(loc) -> (file, line, column)``."""
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        file, line, column = where(loc)
        problems.append(PolicyProblem(file, line, column, f"{dotted(label + loc)}: {explain(item, model)}"))
    return problems


def _settings_problems(settings: dict, where) -> list[PolicyProblem]:
    """The settings medguard reads, validated; a name close to one of them is taken for a typo
    (other names are left to the plugins that read them)."""
    problems = []
    try:
        SettingsSpec.model_validate(settings)
    except ValidationError as error:
        problems.extend(_problems(error, lambda loc: where(("settings", *loc)), label=("settings",), model=SettingsSpec))
    for name in settings:
        if name not in SettingsSpec.model_fields and (hint := did_you_mean(str(name), SettingsSpec.model_fields)):
            problems.append(PolicyProblem(*where(("settings", name)), f"settings.{name}: unknown setting{hint}"))
    return problems


def _digest(raw: dict) -> str:
    return hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
