"""The one reader of lexicon data files (`kg/lexicon/data/*.tsv`, format in FORMAT.md), with the same checks for
every file: the exact header, the column count, a non-empty source column, and (given `key`) no form listed twice
once normalised. Every refusal is a LexiconError naming the file and line.

    read_tsv(path, columns, key=None) -> iterator of (where, row)      where = "FILE:LINE", row = column -> cell
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from pathlib import Path

from kg.errors import LexiconError

__all__ = ["read_tsv"]


def read_tsv(path: Path, columns: list[str], key: Callable[[dict[str, str]], Hashable] | None = None
             ) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of the TSV file `path` whose header must be `columns` (the last one the source). Blank lines and lines
    starting with "#" are skipped; cells are stripped. `key(row)` (a normalised form, say) must differ between
    rows: a repeated one is refused, naming the line where it first appeared."""
    seen: dict[Hashable, str] = {}
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise LexiconError(str(path), f"cannot read: {exc.strerror}") from exc
    with fh:
        header = None
        try:
            for lineno, line in enumerate(fh, start=1):
                line = line.rstrip("\r\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                cells = line.split("\t")
                where = f"{path}:{lineno}"
                if header is None:
                    if cells != columns:
                        raise LexiconError(where, f"header must be {'<TAB>'.join(columns)}")
                    header = cells
                    continue
                if len(cells) != len(header):
                    raise LexiconError(where, f"{len(cells)} columns, expected {len(header)}")
                row = dict(zip(header, (c.strip() for c in cells), strict=True))
                if not row[columns[-1]]:
                    raise LexiconError(where, f"empty {columns[-1]} column: say where the row comes from")
                if key is not None:
                    k = key(row)
                    if k in seen:
                        raise LexiconError(where, f"duplicate form {row.get('form', k)!r} (same as {seen[k]} "
                                                  "after normalisation)")
                    seen[k] = where
                yield where, row
        except UnicodeDecodeError as exc:
            raise LexiconError(str(path), f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if header is None:
        raise LexiconError(str(path), f"no header line ({'<TAB>'.join(columns)})")
