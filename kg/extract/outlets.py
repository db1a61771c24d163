"""The news organization an article's metadata names (`outlet`, `based_on`), when the lexicon knows it.

    outlet_key(lex, "خبرگزاری ایرنا") -> "irna"     also "ایرنا", "IRNA", "irna.ir", "https://www.irna.ir/news/1"

Tried in order: a web host or URL (outlet_hosts.tsv; a subdomain by its host), a name or alias of a
NewsMediaOrganization (normalised as every lexicon form is), the same after a generic head ("خبرگزاری",
"روزنامه", "پایگاه خبری": the `outlet_head` cues) and its adjectives, a bare name that is also a common word
(ambiguous.tsv: "مهر" as an outlet is Mehr News), and a Latin name equal to the English name or to the key
("Mehr News" → mehr_news). Otherwise None: kg.graph.rdf_text mints the outlet under the key the text uses
(`outlet_{compact name}`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kg.lexicon import Lexicon
from kg.normalize import compact

NEWS = "NewsMediaOrganization"
_HOSTLIKE = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(:\d+)?([/?#].*)?$", re.IGNORECASE | re.ASCII)


def outlet_key(lex: Lexicon, name: str | None) -> str | None:
    """The key of the lexicon's news organization named `name`, or None."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    if _HOSTLIKE.match(name):
        return host_key(lex, name)
    for form in _forms(lex, name):
        key = _news(lex, lex.forms.get(form, [])) or _news(lex, [lex.ambiguous.get(form, "")])
        if key:
            return key
    return _latin(lex, name) if name.isascii() else None


def host_key(lex: Lexicon, url: str) -> str | None:
    """The news organization whose web host `url` (or a bare host) is on, or None."""
    host = (urlsplit(url if "://" in url else f"http://{url}").hostname or "").lower()
    labels = host.removeprefix("www.").split(".")
    for i in range(len(labels) - 1):  # en.irna.ir, then irna.ir
        key = lex.hosts.get(".".join(labels[i:]))
        if key:
            return _news(lex, [key])
    return None


def _forms(lex: Lexicon, name: str) -> list[str]:
    """The compact name, then the name after a generic head and the adjectives that follow it."""
    words = name.replace("«", " ").replace("»", " ").split()
    out = [compact(" ".join(words))]
    heads = lex.cues.get("outlet_head", set())
    for n in range(len(words) - 1, 0, -1):
        if compact(" ".join(words[:n])) in heads:
            rest = words[n:]
            while len(rest) > 1 and compact(rest[0]) in lex.cues.get("outlet_adjective", set()):
                rest = rest[1:]
            out.append(compact(" ".join(rest)))
            break
    return out


def _news(lex: Lexicon, keys: list[str]) -> str | None:
    for k in keys:
        e = lex.entities.get(k)
        if e is not None and e.kind == "Organization" and e.subtype == NEWS:
            return k
    return None


def _latin(lex: Lexicon, name: str) -> str | None:
    folded = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    for key in sorted(lex.entities):
        e = lex.entities[key]
        if e.kind == "Organization" and e.subtype == NEWS and \
                folded in {key, re.sub(r"[^a-z0-9]+", "_", (e.name_en or "").lower()).strip("_")}:
            return key
    return None
