"""Deterministic IRIs of everything dipkg mints, all under https://w3id.org/dipkg/id/ (see docs/graph-model.md).

    entity        id/{kind}/{key}                          kind: country city region person organization mission
    article       id/article/{doc}
    its text      id/article/{doc}/text                    (nif:Context)
    a span        id/article/{doc}/text#char={start},{end} (RFC 5147; mentions and sentences alike)
    event         id/event/{doc}/{Type}-{start}-{end}      (trigger span)
    membership    id/membership/{doc}/{start}-{end}-{Role}
    org:Post      id/post/{country}/{Role}[@{host}]/{title}

An entity key that is already plain ASCII (the lexicon's keys, `mission_embassy_iran_baku`, `gov_iran`) is its own
IRI segment. A key minted from a name the lexicon does not know (`person_بهرامکاظمینژاد`, `outlet_آفتابنیوز`,
`court_دادگاهتجدیدنظر_sweden`) is romanised (kg.graph.slug): `person/bhram_kazminzhad-816838`, lower-case ASCII
words, at most 47 characters, the last six a hash of the key, so one key has one IRI in every article and build and
two keys never share one. Titles of posts are romanised the same way. Document ids are percent-encoded as UTF-8
(RFC 3987 `iunreserved` ASCII characters and ':' '@' are kept), so every IRI is plain ASCII and valid.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.graph.slug import person_words, slug
from kg.graph.vocab import DATA

# Characters a path segment keeps as they are; everything else (spaces, '/', '#', non-ASCII) is percent-encoded.
_SAFE = "-._~:@"
# Characters kept in an article URL: the reserved set and '%' (already-encoded sequences stay as they are).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def segment(text: str) -> str:
    """One path segment from any text: NFC-normalised, then percent-encoded. Empty text is refused."""
    if not text:
        raise ValueError("cannot mint an IRI segment from an empty string")
    return quote(unicodedata.normalize("NFC", text), safe=_SAFE)


# Prefixes of minted keys that only repeat what the IRI's kind says (kg.extract.entities mints them).
MINTED_PREFIXES = {"person": "person_", "organization": "outlet_"}


def entity_iri(kind: str, key: str) -> URIRef:
    """The IRI of an entity: id/{kind lowercase}/{key} for a plain ASCII key, else id/{kind}/{slug of the key}."""
    return DATA[f"{segment(kind.lower())}/{key_segment(kind.lower(), key)}"]


@lru_cache(maxsize=65536)
def key_segment(kind: str, key: str) -> str:
    """`key` itself when it is plain ASCII and needs no escaping; else its slug (the name romanised, then the hash
    of the whole key): "person_بهرامکاظمینژاد" → "bhram_kazminzhad-55d832"."""
    if not key:
        raise ValueError("cannot mint an IRI segment from an empty string")
    if key.isascii() and segment(key) == key:
        return key
    text = key
    prefix = MINTED_PREFIXES.get(kind)
    if prefix and key.startswith(prefix) and len(key) > len(prefix):
        text = key[len(prefix):]
        if kind == "person":
            text = person_words(text)
    return slug(text, key)


def article_iri(doc_id: str) -> URIRef:
    return DATA[f"article/{segment(doc_id)}"]


def context_iri(doc_id: str) -> URIRef:
    return DATA[f"article/{segment(doc_id)}/text"]


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """An RFC 5147 span of the article text: id/article/{doc}/text#char={start},{end}."""
    if not 0 <= start <= end:
        raise ValueError(f"bad span [{start}, {end}) in {doc_id!r}")
    return URIRef(f"{context_iri(doc_id)}#char={start},{end}")


def event_iri(doc_id: str, event_type: str, start: int, end: int) -> URIRef:
    return DATA[f"event/{segment(doc_id)}/{segment(event_type)}-{start}-{end}"]


def membership_iri(doc_id: str, start: int, end: int, role: str) -> URIRef:
    return DATA[f"membership/{segment(doc_id)}/{start}-{end}-{segment(role)}"]


def post_iri(role: str, country: str | None, title: str, accredited_to: str | None = None) -> URIRef:
    """An org:Post: one per (country, role, host country, title as written); 'none' when the country is unknown."""
    where = segment(role) + (f"@{segment(accredited_to)}" if accredited_to else "")
    return DATA[f"post/{segment(country) if country else 'none'}/{where}/{title_segment(title)}"]


def title_segment(title: str) -> str:
    """A post's title as written, as a segment: itself when plain ASCII, else romanised with the hash of the
    title ("وزیر امور خارجه" → "vzir_amur_kharjeh-…")."""
    return key_segment("post", title)


def url_iri(url: str) -> URIRef:
    """An article URL as a valid IRI: characters not allowed in IRIs (spaces, quotes, non-ASCII) percent-encoded."""
    return URIRef(quote(url.strip(), safe=_URL_SAFE))


def disambiguate(iri: URIRef, seen: set[URIRef]) -> URIRef:
    """`iri`, or `iri-2`, `iri-3`… when already used in this article (two events on the same trigger)."""
    out, n = iri, 1
    while out in seen:
        n += 1
        out = URIRef(f"{iri}-{n}")
    seen.add(out)
    return out
