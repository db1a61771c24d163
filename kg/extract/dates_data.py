"""Pattern pieces for date extraction over the month and weekday names of the lexicon (kg.lexicon.calendar).

Matching runs on a folded copy of the text of the same length (`kg.normalize.fold_same_length`: kg.normalize's own
letter, digit and punctuation foldings, ASCII lower-cased), so every offset found there is an offset in the
original. Joiners and spaces are never removed: patterns accept any run of space/ZWNJ (or none) where a form has
a space.
"""

from __future__ import annotations

import re

from kg.lexicon.calendar import Names, builtin, load_names
from kg.normalize import compact
from kg.normalize import fold_same_length as fold

__all__ = ["END", "END_WORD", "GAP", "START", "Names", "alternation", "compact", "fold", "form_pattern",
           "load_names", "names"]

# Between the words of a phrase: spaces, ZWNJ, bidi marks, or nothing ("تیرماه", "سالجاری").
GAP = r"[\s\u200c\u200e\u200f]*"
# Word edges: Python's \w covers Persian letters and all digits; ZWNJ is not a word character. A word followed by
# ZWNJ is a prefix of a longer word ("می‌رود", "دی‌ان‌ای"): END_WORD refuses that.
START = r"(?<!\w)"
END = r"(?!\w)"
END_WORD = r"(?![\w\u200c])"


# Marks kg.normalize drops (harakat, hamza above, superscript alef): a word may carry them at its end, as the
# ezafe hamza of "ژانویهٔ" (the data lists the bare form once; kg.normalize.compact makes both one form).
MARKS = r"[\u064b-\u065f\u0670]*"


def form_pattern(form: str) -> str:
    """Regex for a folded form: each space or ZWNJ in it matches GAP; each word may end in MARKS."""
    words = re.split(r"[\s\u200c]+", fold(compact_marks(form)).strip())
    return GAP.join(re.escape(w) + MARKS for w in words)


def compact_marks(form: str) -> str:
    """`form` without the marks kg.normalize drops."""
    return re.sub(MARKS, "", form)


def alternation(forms: list[str]) -> str:
    """One non-capturing alternation of forms, longest first (so "یکشنبه" wins over "شنبه")."""
    pats = sorted({form_pattern(f) for f in forms}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(pats) + ")"


def names() -> Names:
    """The built-in month and weekday names (a lexicon's own are `Lexicon.calendar`)."""
    return builtin()
