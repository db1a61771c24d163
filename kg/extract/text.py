"""The analysed text every extractor works on: normalised tokens, sentences, and a longest-match helper."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import Span
from kg.normalize import Normalized, Token, compact, normalize, tokenize

# Sentence ends: a line break, or . ! ? ؟ followed by white space (not inside numbers like 3.5).
_SENT_END = re.compile(r"\n+|(?<=[.!?؟])\s+|(?<=[.!?؟])(?=[«\"])")
# Attached suffixes a trigger or name may carry when the joiner was lost ("دیدارش", "سفرهای").
SUFFIXES = ("هایی", "های", "ها", "اش", "ش", "ی", "ای", "شان", "مان", "تان", "ند", "ه")


# A text wrapped at a fixed width: a single line break after a line this long that ends inside a sentence (no
# closing punctuation) continues the sentence; headlines and date lines are shorter.
WRAPPED_LINE = 120
_CLOSED = re.compile(r"[.!?؟:»\")]\s*$")
# A full stop glued to the next word ("است.جمهوری"): a sentence end when a letter follows (not "3.5", "U.N").
_GLUED_END = re.compile(r"(?<=[^\W\d_]{2}[.!?؟])(?=[^\W\d_]{2})")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of the original text, trimmed of surrounding white space, in order."""
    spans: list[Span] = []
    pos = 0
    ends = sorted([m for m in _SENT_END.finditer(text) if not _wrapped(text, m)]
                  + [m for m in _GLUED_END.finditer(text) if _persian(text, m.start())], key=lambda m: m.start())
    for m in ends:
        if m.start() < pos:
            continue
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _wrapped(text: str, m: re.Match[str]) -> bool:
    """A lone line break inside a sentence of a text wrapped at a fixed width."""
    if m.group() != "\n":
        return False
    line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    continues = m.end() < len(text) and not text[m.end()].isspace()
    return len(line) >= WRAPPED_LINE and not _CLOSED.search(line) and continues


def _persian(text: str, k: int) -> bool:
    """The letter before offset k is Arabic-script (Latin "e.g" or "U.N." keep their dots inside)."""
    return k >= 2 and "\u0600" <= text[k - 2] <= "\u06ff"


def _add_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


@dataclass
class Text:
    """A document's text ready for matching: normalised tokens with sentence numbers."""

    original: str
    n: Normalized
    tokens: list[Token]
    sentences: list[Span]
    sent_of: list[int] = field(default_factory=list)  # sentence index of each token
    sent_range: list[range] = field(default_factory=list)  # token range of each sentence

    @classmethod
    def of(cls, original: str, end: int | None = None) -> Text:
        """`end`: the offset of the original text where the article ends (a site's related news after it): tokens
        and sentences from there on are not read. The offsets of the rest are unchanged."""
        n = normalize(original)
        tokens = tokenize(n)
        sentences = split_sentences(original)
        if end is not None:
            tokens = [tok for tok in tokens if n.origin[tok.start] < end]
            sentences = [s for s in sentences if s.start < end]
        t = cls(original, n, tokens, sentences)
        si = 0
        for tok in tokens:
            o = n.origin[tok.start]
            while si < len(sentences) - 1 and o >= sentences[si].end:
                si += 1
            t.sent_of.append(si)
        bounds: dict[int, list[int]] = {}
        for k, si in enumerate(t.sent_of):
            bounds.setdefault(si, [k, k])[1] = k
        t.sent_range = [range(bounds[si][0], bounds[si][1] + 1) if si in bounds else range(0)
                        for si in range(len(sentences))]
        return t

    def span(self, i: int, j: int) -> Span:
        """Original span of tokens [i, j)."""
        return self.n.span(self.tokens[i].start, self.tokens[j - 1].end)

    def surface(self, i: int, j: int) -> str:
        s = self.span(i, j)
        return self.original[s.start:s.end]

    def word(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def joined(self, i: int, j: int) -> str:
        return "".join(t.text for t in self.tokens[i:j])

    def sentence_tokens(self, si: int) -> range:
        return self.sent_range[si]

    def longest(self, i: int, table: dict, max_len: int = 8, suffixes: bool = False,
                stop_at_sentence: bool = True) -> tuple[int, object] | None:
        """Longest entry of `table` (keyed by compact form) starting at token i: (end token, value).
        With `suffixes`, the last word may carry an attached suffix ("دیدارش", "سفرهای")."""
        if not 0 <= i < len(self.tokens):
            return None
        prefixes = prefixes_of(table)
        first = self.tokens[i].text
        if first not in prefixes and first not in table:
            stem = without_suffix(first, table) if suffixes else None
            return (i + 1, table[stem]) if stem else None
        last = min(len(self.tokens), i + max_len)
        key = ""
        best = None
        for j in range(i, last):
            tok = self.tokens[j].text
            if j > i and stop_at_sentence and self.sent_of[j] != self.sent_of[i]:
                break
            if not (tok[0].isalnum() or (tok == "+" and j > i)):
                break
            key += tok
            if key in table:
                best = (j + 1, table[key])
            elif suffixes and (stem := without_suffix(key, table)):
                best = (j + 1, table[stem])
            if key not in prefixes:
                break
        return best


def without_suffix(key: str, table: dict) -> str | None:
    """`key` less an attached suffix, when that is an entry of `table` ("دیدارش" → "دیدار")."""
    for suf in SUFFIXES:
        if key.endswith(suf) and len(key) > len(suf) + 1 and key[: -len(suf)] in table:
            return key[: -len(suf)]
    return None


_PREFIXES: dict[int, tuple[dict, frozenset[str]]] = {}


def prefixes_of(table: dict) -> frozenset[str]:
    """Every proper prefix of the table's keys (computed once per table), to stop a match that cannot grow."""
    hit = _PREFIXES.get(id(table))
    if hit is None or hit[0] is not table:
        pre = frozenset(k[:n] for k in table for n in range(1, len(k)))
        hit = _PREFIXES[id(table)] = (table, pre)
    return hit[1]


def article_end(original: str, markers: tuple[str, ...], longest: int = 60) -> int | None:
    """The offset of the first short line (at most `longest` characters) that opens with one of the compact
    `markers` ("انتهای پیام/", "اخبار مرتبط:") after a line of the article's text, else None."""
    if not markers:
        return None
    offset, text_seen = 0, False
    for line in original.splitlines(keepends=True):
        stripped = line.strip().strip("/-:*#|")
        if text_seen and stripped and len(stripped) <= longest and compact(stripped).startswith(markers):
            return offset
        text_seen = text_seen or len(stripped) > longest
        offset += len(line)
    return None
