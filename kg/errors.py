"""Typed errors of the library. The CLI maps them to messages and exit codes (kg.cli)."""

from __future__ import annotations


class KgError(Exception):
    """Base class: a problem the user can act on. The message says what, where, and what to do."""

    exit_code = 2


class InputError(KgError):
    """An input file or record cannot be read. `where` names the file (and line)."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class LexiconError(KgError):
    """A lexicon data file is malformed (names file and line). The build stops before writing anything."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where


class QueryError(KgError):
    """A SPARQL query cannot be parsed or is refused."""


class NotConforming(KgError):
    """The graph does not conform to the SHACL shapes (exit 1)."""

    exit_code = 1
