"""The `kg` command line: parses arguments and calls one function of the library per command.

Each command lives in `kg.commands.<name>` with `add_parser(subparsers)` and `run(args) -> int`.
Errors of the library (`kg.errors.KgError` and subclasses) are mapped to messages and exit codes here only:
0 ok, 1 graph does not conform, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg import __version__
from kg.errors import KgError

# Built-in commands, in the order `kg --help` lists them.
COMMANDS = ("build", "validate", "query", "export", "extract", "analyze", "report", "serve", "push")


def make_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="dipkg: build a knowledge graph of diplomatic events from Persian news articles, "
        "validate it with SHACL, query, analyse and export it.",
    )
    parser.add_argument("--version", action="version", version=f"dipkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(f"kg.commands.{name}")
        module.add_parser(sub)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(modules[args.command].run(args) or 0)
    except KgError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
