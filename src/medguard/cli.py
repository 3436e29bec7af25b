"""The ``medguard`` command.

Exit codes (``check``): 0 nothing at or above ``--fail-on``; 1 findings at or above it, or a
document a fail-closed policy blocks because a rule failed on it; 2 usage, policy or input error
(other documents are still checked and reported).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import select
import sys
from pathlib import Path

from . import __version__
from .engine import DEFAULT_MAX_BYTES, Engine
from .models import Decision, Diagnostic, PolicyRef, Report, Severity, report_json_schema
from .pluginmanager import PluginHost
from .policy.errors import PolicyError
from .policy.loader import DEFAULT_PACK, Policy, load_policy
from .policy.testing import run_rule_examples
from .policy.validation import did_you_mean
from .processes import freeze_heap
from .readers.base import InputError
from .sources import iter_sources

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

COMMAND_MODULES: tuple[str, ...] = ("medguard.eval.command", "medguard.server.command", "medguard.scan.command")
"""Modules that add subcommands: each has ``add_command(subparsers, common)`` and imports its
heavy dependencies only inside the command's handler, so ``medguard check`` starts fast."""


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # the command's own usage, not the top level's, and the option probably meant
        command = getattr(args, "command_parser", parser)
        command.error(f"unrecognized arguments: {' '.join(unknown)}{_meant(unknown, command)}")
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_ERROR
    for directory in getattr(args, "plugins_dir", ()):
        if not Path(directory).is_dir():
            what = "is not a folder" if Path(directory).exists() else "no such folder"
            print(f"medguard: --plugins-dir {directory}: {what}", file=sys.stderr)
            return EXIT_ERROR
    try:
        return args.handler(args)
    except PolicyError as error:
        for problem in error.problems:
            print(f"medguard: policy error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        if not _stdout_closed():
            raise  # a pipe of ours (a worker's, say) broke: a real error, not `| head`
        return EXIT_OK


def _meant(unknown: list[str], command: argparse.ArgumentParser) -> str:
    """" (did you mean '--workers'?)" for the first unknown option close to one of ``command``'s."""
    options = [o for action in command._actions for o in action.option_strings if o.startswith("--")]
    for argument in unknown:
        if argument.startswith("--") and (hint := did_you_mean(argument.partition("=")[0], options)):
            return hint
    return ""


def _stdout_closed() -> bool:
    """Whether the reader of our standard output went away (``medguard check ... | head``); if
    so, further output goes to /dev/null (see silence_stdout)."""
    try:
        sys.stdout.flush()
        closed = _no_reader(sys.stdout.fileno())  # the failed write may have emptied the buffer
    except BrokenPipeError:
        closed = True
    if closed:
        silence_stdout()
    return closed


def _no_reader(fd: int) -> bool:
    """Whether ``fd`` is a pipe whose reading end is closed (poll reports an error on it)."""
    try:
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll() here, or not a file
        return False


def silence_stdout() -> None:
    """Send further output to /dev/null once the reader of standard output went away, so that
    Python's exit, flushing it, does not complain again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medguard", description="Find dangerous health claims in content before and after it is published.")
    parser.add_argument("--version", action="version", version=f"medguard {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-p", dest="plugin_args", action="append", default=[], metavar="NAME",
                        help="load plugin module NAME, or block a plugin with no:NAME (repeatable)")
    common.add_argument("--plugins-dir", action="append", default=[], metavar="DIR", help="also load every *.py plugin in DIR")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = sub.add_parser("check", parents=[common], help="check documents and print findings")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check; - reads one document from standard input")
    check.add_argument("--policy", default=DEFAULT_PACK, help="policy file or built-in pack name (default: %(default)s)")
    check.add_argument("--format", default="text", help="output format: text, json, sarif, or one a plugin adds (default: text)")
    check.add_argument("--fail-on", default=None, choices=[s.value for s in Severity] + ["never"],
                       help="exit 1 when a finding is at or above this severity (default: the policy's block threshold)")
    check.add_argument("--output", "-o", type=Path, help="write the report here instead of standard output")
    check.add_argument("--stdin-format", default="auto", choices=["auto", "html", "markdown", "text", "json"], help="format of a document read from -")
    check.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip documents larger than this (default: 10 MiB)")
    check.set_defaults(handler=_check)

    plugins = sub.add_parser("plugins", parents=[common], help="list plugins, their hooks and rule types")
    plugins.add_argument("--format", choices=["text", "json"], default="text")
    plugins.set_defaults(handler=_plugins)

    policy = sub.add_parser("policy", help="validate and test policy packs")
    policy_sub = policy.add_subparsers(title="policy commands", metavar="COMMAND")
    validate = policy_sub.add_parser("validate", parents=[common], help="check that policies load, with file:line:column errors")
    validate.add_argument("policies", nargs="*", default=[DEFAULT_PACK], metavar="POLICY")
    validate.set_defaults(handler=_policy_validate)
    test = policy_sub.add_parser("test", parents=[common], help="run every rule's flag/pass examples")
    test.add_argument("policies", nargs="*", default=[DEFAULT_PACK], metavar="POLICY")
    test.add_argument("--rule", action="append", default=[], help="only test this rule id (repeatable)")
    test.set_defaults(handler=_policy_test)

    schema = sub.add_parser("schema", help="print the JSON Schema of the --format json report")
    schema.set_defaults(handler=_schema)
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_command(sub, common)
    _name_commands(sub)
    return parser


def _name_commands(subparsers: argparse._SubParsersAction) -> None:
    """Give each (sub)command's namespace its parser, so a usage error shows that command's usage."""
    for command in subparsers.choices.values():
        command.set_defaults(command_parser=command)
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _name_commands(action)


def make_host(args: argparse.Namespace) -> PluginHost:
    disabled = [p[3:] for p in args.plugin_args if p.startswith("no:")]
    modules = [p for p in args.plugin_args if not p.startswith("no:")]
    return PluginHost(disabled=disabled, modules=modules, plugin_dirs=args.plugins_dir)


def _report_host_problems(host: PluginHost) -> None:
    host.load_registries()
    for diagnostic in host.diagnostics:
        print(f"medguard: {diagnostic.level}: {diagnostic.message}", file=sys.stderr)


CHECK_BATCH = 32
"""Documents checked together, so the model layer embeds their sentences in one batch."""


def _report_skipped(policy: Policy) -> None:
    skipped = [r for r in policy.rules if r.skipped and r.spec.enabled]
    if skipped:
        listing = "; ".join(f"{r.spec.id} ({r.skipped})" for r in skipped)
        print(f"medguard: {len(skipped)} rule(s) skipped: {listing}", file=sys.stderr)


def _report_warnings(policy: Policy) -> None:
    """What looks like a mistake in the pack but loads, for its author (``policy validate`` and ``test``)."""
    for warning in policy.warnings:
        print(warning, file=sys.stderr, flush=True)


def _check(args: argparse.Namespace) -> int:
    host = make_host(args)
    _report_host_problems(host)  # first: a plugin that failed to load may be why its format is unknown
    reporter = host.reporters.get(args.format)
    if reporter is None:
        print(f"medguard: unknown format {args.format!r} (known: {', '.join(sorted(host.reporters))})", file=sys.stderr)
        return EXIT_ERROR
    policy = load_policy(args.policy, host.rule_types)
    _report_skipped(policy)
    engine = Engine(policy, host, max_bytes=args.max_bytes)
    report = Report(medguard_version=__version__, policy=PolicyRef(name=policy.name, version=policy.version))
    input_errors = 0
    batch: list = []
    frozen = False

    def check_batch() -> None:
        nonlocal input_errors, frozen
        for item, checked in zip(batch, engine.check_many([(i.document, i.source, i.diagnostics) for i in batch])):
            if any(d.code == "input-error" for d in checked.report.diagnostics):
                input_errors += 1
                print(f"medguard: input error: {item.source}: {checked.report.diagnostics[-1].message}", file=sys.stderr)
            report.documents.append(checked.report)
        if batch and not frozen:
            freeze_heap()  # the lexicons and patterns the first documents loaded: kept out of full collections
            frozen = True
        batch.clear()

    for item in iter_sources(args.paths, host, args.stdin_format):
        if isinstance(item, InputError):
            check_batch()
            input_errors += 1
            print(f"medguard: input error: {item}", file=sys.stderr)
            diagnostic = Diagnostic(level="error", code="input-error", message=str(item))
            report.documents.append(engine.failed_report(item.source or "-", None, [diagnostic]))
            continue
        batch.append(item)
        if len(batch) >= CHECK_BATCH:
            check_batch()
    check_batch()
    for line in engine.model_error_lines():
        print(f"medguard: error: {line}", file=sys.stderr)
    try:
        output = reporter.render(report)
        if not isinstance(output, str):
            raise TypeError(f"render() returned {type(output).__name__}, not str")
    except Exception as error:  # a reporter plugin's bug: say which, with the exit code of an error
        print(f"medguard: the {args.format} reporter (plugin {host.reporters.plugins.get(args.format)}) failed: "
              f"{type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.output:
        try:
            args.output.write_text(output, encoding="utf-8")
        except OSError as error:
            print(f"medguard: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
            return EXIT_ERROR
    else:
        sys.stdout.write(output)
    if input_errors:
        return EXIT_ERROR
    threshold = args.fail_on or (policy.spec.decision.block.value if policy.spec.decision.block else "never")
    if threshold == "never":
        return EXIT_OK
    rank = Severity(threshold).rank
    failing = any(f.severity.rank >= rank for d in report.documents for f in d.active_findings())
    blocked_by_error = policy.spec.on_error == "fail-closed" and any(
        d.decision == Decision.block and any(x.level == "error" for x in d.diagnostics) for d in report.documents)
    return EXIT_FINDINGS if failing or blocked_by_error else EXIT_OK


def _plugins(args: argparse.Namespace) -> int:
    host = make_host(args)
    infos = host.describe()
    _report_host_problems(host)
    if args.format == "json":
        print(json.dumps([_info_dict(info) for info in infos], indent=2))
        return EXIT_OK
    for info in infos:
        origin = "built-in" if info.builtin else "plugin"
        print(f"{info.name} {info.version or ''} ({origin})".replace("  ", " "))
        print(f"    hooks: {', '.join(info.hooks)}")
        if info.rule_types:
            print(f"    rule types: {', '.join(info.rule_types)}")
    return EXIT_OK


def _info_dict(info) -> dict:
    return {"name": info.name, "version": info.version, "builtin": info.builtin, "hooks": info.hooks, "rule_types": info.rule_types}


def _policy_validate(args: argparse.Namespace) -> int:
    host = make_host(args)
    _report_host_problems(host)
    status = EXIT_OK
    for reference in args.policies:
        try:
            policy = load_policy(reference, host.rule_types)
        except PolicyError as error:
            for problem in error.problems:
                print(f"{problem}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        examples = sum(len(r.spec.examples.flag) + len(r.spec.examples.pass_) for r in policy.rules)
        print(f"{reference}: ok — {policy.name} {policy.version}, {len(policy.rules)} rule(s), {examples} example(s)")
        _report_warnings(policy)
        _report_skipped(policy)
    return status


def _policy_test(args: argparse.Namespace) -> int:
    host = make_host(args)
    _report_host_problems(host)
    status = EXIT_OK
    for reference in args.policies:
        policy = load_policy(reference, host.rule_types)
        _report_warnings(policy)
        engine = Engine(policy, host)
        print(f"{policy.name} {policy.version}")
        ids = [rule.spec.id for rule in policy.rules]
        for unknown in [rule_id for rule_id in args.rule or () if rule_id not in ids]:
            print(f"medguard: {reference}: no rule {unknown!r}{did_you_mean(unknown, ids)}", file=sys.stderr, flush=True)
            status = EXIT_ERROR
        selected = [rule for rule in policy.rules if not args.rule or rule.spec.id in args.rule]
        if not selected:
            continue
        totals = [0, 0]
        untested = 0
        for rule in selected:
            if rule.instance is None:
                print(f"  - {rule.spec.id}: skipped ({rule.skipped})")
                continue
            examples = rule.spec.examples
            if not examples.flag and not examples.pass_:
                print(f"  - {rule.spec.id}: no examples to test")
                untested += 1
                continue
            result = run_rule_examples(engine, rule)
            mark = "ok  " if result.ok else "FAIL"
            print(f"  {mark} {rule.spec.id}: {result.flagged}/{len(examples.flag)} flagged, {result.passed}/{len(examples.pass_)} passed")
            for failure in result.failures:
                print(f"       {rule.origin.file}:{failure.line}: {failure.expected} example: {failure.detail}")
                example = failure.example if len(failure.example) <= 200 else failure.example[:200] + f"… ({len(failure.example):,} characters)"
                print(f"         {example!r}")
            totals[0 if result.ok else 1] += 1
        print(f"{totals[0]} passed, {totals[1]} failed" + (f", {untested} without examples" if untested else ""))
        if totals == [0, 0]:  # like pytest's "no tests ran": a test run that tests nothing must not pass
            which = "selected rules" if args.rule else "pack's rules"
            print(f"medguard: {reference}: no rule was tested: the {which} are switched off, cannot run here or have no examples",
                  file=sys.stderr, flush=True)
            status = EXIT_ERROR
        elif totals[1] and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(report_json_schema(), indent=2))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
