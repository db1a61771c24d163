"""Persian text normalisation for matching, with an offset map back to the original text.

The original text is never changed: `normalize(text)` returns a new string `n.text` and `n.origin`, where
`n.origin[i]` is the index in the original text of the character `n.text[i]` (plus a final sentinel equal to
`len(text)`). Matching happens on `n.text`; spans found there are mapped back with `n.span(i, j)`.

The rules are small `char -> str` tables (after hazm's normalizer): Arabic letters to Persian ones, digits to ASCII,
diacritics, kashida, joiners, bidi marks and Markdown emphasis dropped, whitespace folded to one space.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.model import Span

# One character in, zero or one character out. Built once.
_LETTERS = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "أ": "ا", "إ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ؤ": "و", "ٶ": "و",
}
_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
# Dropped: diacritics (harakat, tanwin, shadda, sukun, superscript alef), kashida, ZWNJ/ZWJ, bidi marks,
# soft hyphen, BOM, Markdown emphasis markers.
_DROPPED = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
       "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u00ad", "\ufeff", "*"]
)
_TABLE: dict[str, str] = {**_LETTERS, **_DIGITS, **{c: "" for c in _DROPPED}}
_PUNCT = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ","}
_TABLE.update(_PUNCT)


def fold_char(c: str) -> str:
    """The normalised form of one character: '' when dropped, ' ' for any whitespace."""
    if c.isspace():
        return " "
    out = _TABLE.get(c)
    if out is not None:
        return out
    return c.lower() if c.isascii() else c


_SAME_LENGTH = str.maketrans({c: f for c, f in _TABLE.items() if len(f) == 1}
                             | {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def fold_same_length(text: str) -> str:
    """`text` with each character folded as `normalize` folds it where that gives one character (letters, digits,
    punctuation, ASCII case); what `normalize` drops or folds to a space is kept as it is, so offsets are the
    original's. For matchers that run regular expressions on the text itself (dates)."""
    return text.translate(_SAME_LENGTH)


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # len(text) + 1 entries; origin[len(text)] == len(original)

    def span(self, start: int, end: int) -> Span:
        """Map a [start, end) range of the normalised text to a span of the original text."""
        return Span(self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start])


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching; whitespace runs become one space; offsets are kept in `origin`."""
    out: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        f = fold_char(c)
        if not f:
            continue
        if f == " ":
            if not out or out[-1] == " ":
                continue
        out.append(f)
        origin.append(i)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    origin.append(len(text))
    return Normalized("".join(out), tuple(origin))


def norm(text: str) -> str:
    """Just the normalised string (for lexicon forms and comparisons)."""
    return normalize(text).text


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def compact(form: str) -> str:
    """A lexicon key: normalised, with every space removed, so that 'علی اف', 'علی‌اف', 'علیاف' agree."""
    return _SPACE.sub("", norm(unicodedata.normalize("NFC", form)))


@dataclass(frozen=True)
class Token:
    text: str  # normalised
    start: int  # into the normalised text
    end: int


_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_", re.UNICODE)


def tokenize(n: Normalized) -> list[Token]:
    """Words (runs of letters/digits) and single punctuation marks of the normalised text."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(n.text)]
