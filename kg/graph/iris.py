"""Deterministic IRIs of everything dipkg mints, all under https://w3id.org/dipkg/id/ (see docs/graph-model.md).

    entity        id/{kind}/{key}                          kind: country city region person organization mission
    article       id/article/{doc}
    its text      id/article/{doc}/text                    (nif:Context)
    a span        id/article/{doc}/text#char={start},{end} (RFC 5147; mentions and sentences alike)
    event         id/event/{doc}/{Type}-{start}-{end}      (trigger span)
    membership    id/membership/{doc}/{start}-{end}-{Role}
    org:Post      id/post/{country}/{Role}[@{host}]/{title}

Keys, document ids and titles are percent-encoded as UTF-8 (RFC 3987 `iunreserved` ASCII characters and ':' '@'
are kept), so the IRIs are plain ASCII, valid, and the same for the same key in every article.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from rdflib import URIRef

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


def entity_iri(kind: str, key: str) -> URIRef:
    """The IRI of an entity: id/{kind lowercase}/{key}."""
    return DATA[f"{segment(kind.lower())}/{segment(key)}"]


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
    return DATA[f"post/{segment(country) if country else 'none'}/{where}/{segment(title)}"]


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
