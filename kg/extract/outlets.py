"""The news organization an article's metadata names (`outlet`, `based_on`), when the lexicon knows it.

    outlet_key(lex, "خبرگزاری ایرنا") -> "irna"     also "ایرنا", "IRNA", "irna.ir", "https://www.irna.ir/news/1"
    outlet_of(lex, name, entities) -> Entity       that organization (the article's copy if it names it), or
                                                   one minted as the extractor mints the outlets the text names
    publisher_of_url(lex, url, entities) -> Entity  the news organization on whose web host `url` is, or None

Tried in order: a web host or URL (outlet_hosts.tsv; a subdomain by its host), a name or alias of a
NewsMediaOrganization (normalised as every lexicon form is), the same after a generic head ("خبرگزاری",
"روزنامه", "پایگاه خبری": the `outlet_head` cues) and its adjectives, a bare name that is also a common word
(ambiguous.tsv: "مهر" as an outlet is Mehr News), and a Latin name equal to the English name or to the key
("Mehr News" → mehr_news). An outlet the lexicon does not know is keyed as kg.extract.entities keys the outlets
the text names, by its name after the generic head: "خبرگزاری دانا" and "به گزارش دانا" are both `outlet_دانا`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from kg.lexicon import Lexicon
from kg.model import Entity
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


def outlet_of(lex: Lexicon, name: str | None, entities: dict[str, Entity]) -> Entity | None:
    """The organization the metadata field `name` names: the lexicon's (the article's copy when the article names
    it too), else a new NewsMediaOrganization named `name`, keyed `outlet_{compact name after its head}` (the name
    after the head is an alternate name). None for no name."""
    if not name or not name.strip():
        return None
    key = outlet_key(lex, name)
    if key is not None:
        e = entities.get(key) or lex.entities[key]
        return replace(e, alt_names=set(e.alt_names))
    name = " ".join(name.split())
    bare = bare_name(lex, name)
    persian = bool(re.search("[\u0600-\u06ff]", name))
    return Entity(f"outlet_{compact(bare)}", "Organization", name, None if persian else name,
                  alt_names={bare} - {name}, subtype=NEWS)


def publisher_of_url(lex: Lexicon, url: str | None, entities: dict[str, Entity]) -> Entity | None:
    """The lexicon's news organization whose web host `url` is on (outlet_hosts.tsv), or None."""
    key = host_key(lex, url.strip()) if url and url.strip() else None
    if key is None:
        return None
    e = entities.get(key) or lex.entities[key]
    return replace(e, alt_names=set(e.alt_names))


def bare_name(lex: Lexicon, name: str) -> str:
    """`name` without a generic head ("خبرگزاری", "روزنامه") and the adjectives after it, without «»."""
    words = name.replace("«", " ").replace("»", " ").split()
    heads = lex.cues.get("outlet_head", set())
    for n in range(len(words) - 1, 0, -1):
        if compact(" ".join(words[:n])) in heads:
            rest = words[n:]
            while len(rest) > 1 and compact(rest[0]) in lex.cues.get("outlet_adjective", set()):
                rest = rest[1:]
            return " ".join(rest)
    return " ".join(words)


def _forms(lex: Lexicon, name: str) -> list[str]:
    """The compact name, then the name after a generic head and the adjectives that follow it."""
    return list(dict.fromkeys([compact(name.replace("«", " ").replace("»", " ")), compact(bare_name(lex, name))]))


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
