"""Bytes to text: the decoding rules of dipkg's readers (docs/input-format.md, "Encodings").

1. A UTF-32 or UTF-16 byte-order mark → that encoding (BOM removed). NUL bytes are normal there.
2. A UTF-8 BOM → UTF-8, BOM removed.
3. NUL bytes anywhere else → UTF-16 without a byte-order mark when the NULs are the high bytes of ASCII characters
   (error naming it), else the file is binary, not text (error).
4. Valid UTF-8 → UTF-8. UTF-8 with a few bad bytes among many good multi-byte characters → error naming the
   first bad byte's offset and line (not "binary": the file is UTF-8, damaged).
5. Else Windows-1256 when it decodes the file into Arabic-script text (warning naming the encoding).
6. Else the encoding charset-normalizer is sure of (low "chaos"), with a warning naming it.
7. Else: binary or unknown encoding (error).

Nothing else is done to the text: no normalisation, no newline translation, so offsets are into the text as read.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from kg.errors import InputError

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

# charset-normalizer's "chaos" (mess ratio) above which a guess is not trusted.
MAX_CHAOS = 0.2
# Share of the non-ASCII characters of a Windows-1256 decoding that must be Arabic-script letters or marks.
MIN_ARABIC_SHARE = 0.85
# How much of a big file charset-normalizer looks at (it samples anyway; this bounds the copy it makes).
GUESS_SAMPLE = 1 << 20
# Control characters that plain text must not contain (tab, newlines, form feed and NEL are fine).
BAD_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
ARABIC = re.compile("[\u0600-\u06ff\u200c-\u200f]")
NON_ASCII = re.compile("[^\x00-\x7f\\s]")
MULTIBYTE = re.compile("[^\x00-\x7f\ufffd]")
SURROGATE = re.compile("[\ud800-\udfff]")


class NotText(InputError):
    """The bytes are not text in an encoding dipkg accepts."""


def bom_encoding(head: bytes) -> tuple[str, str, int] | None:
    """(codec, label, BOM length) when `head` starts with a byte-order mark, else None."""
    for bom, codec, label in BOMS:
        if head.startswith(bom):
            return codec, label, len(bom)
    return None


def decode(data: bytes, where: str) -> tuple[str, str | None]:
    """Decode a whole file. Returns (text, warning or None); raises NotText for binary or undecodable input."""
    bom = bom_encoding(data[:4])
    if bom:
        codec, label, size = bom
        try:
            return data[size:].decode(codec), None
        except UnicodeDecodeError as exc:
            raise NotText(where, f"starts with a {label} byte-order mark but is not valid {label} "
                                 f"(byte {exc.start + size}): re-save the file as UTF-8") from None
    if b"\x00" in data:
        raise NotText(where, nul_message(data))
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        damaged_utf8(data, exc, where)
    return guess(data, where)


BINARY = ("binary file, not text (it contains NUL bytes and has no UTF-16 byte-order mark): "
          "give a .txt/.md/.json/.jsonl/.html file saved as UTF-8")
# UTF-16 without BOM: at least this share of the NUL bytes sit at one parity (the high bytes of ASCII characters).
UTF16_PARITY = 0.95
# ... and at least this share of its characters are ASCII (white space, digits, punctuation, JSON syntax).
UTF16_MIN_NULS = 0.05
# UTF-8 with bad bytes: at least this many good multi-byte characters per bad byte (a legacy 8-bit file has
# almost no valid multi-byte UTF-8 sequences).
UTF8_GOOD_PER_BAD = 10


def utf16_without_bom(data: bytes) -> str | None:
    """"UTF-16 LE"/"UTF-16 BE" when `data` (no BOM) reads as UTF-16 text: its NULs are the high bytes of ASCII
    characters (all at odd offsets for LE, even for BE) and it decodes without control characters."""
    sample = data[:GUESS_SAMPLE] if len(data) % 2 == 0 else data[:GUESS_SAMPLE - 1]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    total = odd + even
    if total == 0:
        return None
    codec, label = ("utf-16-le", "UTF-16 LE") if odd >= even else ("utf-16-be", "UTF-16 BE")
    if max(odd, even) < UTF16_PARITY * total or max(odd, even) < UTF16_MIN_NULS * (len(sample) // 2):
        return None
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(sample[:len(sample) & ~1])
    return label if not _has_controls(text.replace("\ufffd", "")) else None


def nul_message(data: bytes) -> str:
    """Why bytes with NULs (and no BOM) are refused: UTF-16 without a byte-order mark, or binary."""
    label = utf16_without_bom(data)
    if label:
        return (f"looks like {label} text without a byte-order mark (NUL bytes between the characters): "
                "re-save the file as UTF-8 (or as UTF-16 with a byte-order mark)")
    return BINARY


def bad_utf8(data: bytes) -> tuple[int, int]:
    """(bad byte sequences, good multi-byte characters) of `data` read as UTF-8."""
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") - data.count("\ufffd".encode()), len(MULTIBYTE.findall(text))


def mostly_utf8(data: bytes) -> bool:
    """True when `data` is UTF-8 but for a few bad bytes (many good multi-byte characters per bad byte)."""
    bad, good = bad_utf8(data)
    return bad > 0 and good >= UTF8_GOOD_PER_BAD * bad


def damaged_utf8(data: bytes, exc: UnicodeDecodeError, where: str) -> None:
    """Raise NotText naming the first bad byte when `data` is UTF-8 but for a few bad bytes; else return."""
    bad, good = bad_utf8(data)
    if bad == 0 or good < UTF8_GOOD_PER_BAD * bad:
        return
    line = data.count(b"\n", 0, exc.start) + 1
    raise NotText(f"{where}:{line}", f"not valid UTF-8 at byte {exc.start} (line {line}, byte 0x{data[exc.start]:02x}; "
                                     f"{bad} bad byte sequence(s) in all): the file is UTF-8 but damaged there; "
                                     "fix those bytes or re-save the file as UTF-8")


def guess(data: bytes, where: str) -> tuple[str, str]:
    """Decode bytes that are not UTF-8 by the guessed encoding; returns (text, warning naming the encoding)."""
    codec = guess_encoding(data[:GUESS_SAMPLE], where)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise NotText(where, f"looks like {codec} but byte {exc.start} is not: re-save the file as UTF-8") from None
    if _has_controls(text):
        raise NotText(where, f"binary file, not text (control characters after decoding as {codec}): "
                             "re-save it as UTF-8")
    return text, guessed_warning(codec)


def guess_encoding(data: bytes, where: str) -> str:
    """The codec of bytes that are not UTF-8: Windows-1256 first (Persian first), then charset-normalizer's guess.

    `data` is at most GUESS_SAMPLE bytes: the start of a bigger file. Raises NotText when nothing fits.
    """
    if _as_cp1256(data) is not None:
        return "cp1256"
    import charset_normalizer  # imported here: only legacy-encoded input pays for it

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.chaos <= MAX_CHAOS:
        try:
            text = codecs.getincrementaldecoder(best.encoding)().decode(data, final=False)  # may end mid-character
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and not _has_controls(text):
            return best.encoding
    raise NotText(where, "binary file, not text (not UTF-8, not UTF-16 with a byte-order mark, not Windows-1256, "
                         "and no other encoding fits): re-save it as UTF-8")


def guessed_warning(codec: str) -> str:
    label = "Windows-1256" if codec == "cp1256" else codec
    return f"not UTF-8; decoded as {label} (guessed): check the text, or re-save the file as UTF-8"


def _as_cp1256(data: bytes) -> str | None:
    """The Windows-1256 decoding of `data` if it reads as Arabic-script text, else None."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    if _has_controls(text):
        return None
    arabic = len(ARABIC.findall(text))
    total = len(NON_ASCII.findall(text))
    return text if total and arabic / total >= MIN_ARABIC_SHARE else None


def _has_controls(text: str) -> bool:
    return BAD_CONTROLS.search(text) is not None


def first_surrogate(text: str) -> int | None:
    """Offset of the first unpaired surrogate (possible in JSON "\\ud800" escapes), else None."""
    m = SURROGATE.search(text)
    return m.start() if m else None


def is_blank(text: str) -> bool:
    """True when the text has nothing but white space and invisible format characters (ZWNJ, marks, BOM)."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)
