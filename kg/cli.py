"""The `kg` command line: parses arguments and calls one function of the library per command.

Each command lives in `kg.commands.<name>` with `add_parser(subparsers)` and `run(args) -> int`.
Errors of the library (`kg.errors.KgError` and subclasses) are mapped to messages and exit codes here only:
0 ok, 1 graph does not conform, 2 bad input or usage, 3 built but inputs skipped (`kg build`), 4 could not write
(the outputs, or a graph to `kg push`'s endpoint) or another build is writing the folder, 70 internal error.
Whatever happens, the user gets one line saying what, never a traceback (KG_TRACEBACK=1 shows it, to report a bug).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
import traceback

from kg import __version__
from kg.errors import KgError
from kg.graph.source import graph_path
from kg.manifest import check_path

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
        warn_about_state(args)
        return int(modules[args.command].run(args) or 0)
    except KgError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a full disk, a permission, a file that vanished: the system's words and the file
        where = f"{exc.filename}: " if exc.filename else ""
        words = "no space left on the device" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        print(f"kg {args.command}: error: {where}{words}", file=sys.stderr)
        return OS_ERROR
    except Exception as exc:  # a bug: say so in one line, never as a traceback
        if os.environ.get("KG_TRACEBACK"):
            traceback.print_exc()
        print(f"kg {args.command}: internal error: {type(exc).__name__}: {exc} -- a bug in dipkg; please report "
              "it with the command you ran (KG_TRACEBACK=1 shows where it happened)", file=sys.stderr)
        return INTERNAL_ERROR


OS_ERROR = 4  # the system refused a read or write (disk full, permission, …)
INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug, never confused with 1 (does not conform)


def warn_about_state(args) -> None:
    """Before a command reads a graph or store: say so when it is not one build's complete outputs (kg.manifest)."""
    path = getattr(args, "graph", None) or getattr(args, "source", None)
    if not isinstance(path, str) or path == "-":
        return
    for warning in check_path(graph_path(path) or path):  # a build's --out folder: its graph.ttl
        print(f"kg {args.command}: warning: {warning}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
