"""What the report shows beside the raw values: the event types' labels (rdfs:label @en and @fa of the dip: event
classes in ontology/dipkg.ttl, data not code) and Jalali dates beside Gregorian ones."""

from __future__ import annotations

from datetime import date
from functools import cache

import jdatetime
import pyoxigraph as ox

from kg.graph.names import EVENT_TYPES, NAMESPACES
from kg.graph.vocab import ONTOLOGY_DIR

DASH = "\u2013"  # en dash, between the two countries of a pair and the ends of a span
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@cache
def type_labels() -> dict[str, dict[str, str]]:
    """Event type (local name) -> {"en": …, "fa": …}, read from the ontology; a missing label is the local name."""
    store = ox.Store()
    store.load(path=str(ONTOLOGY_DIR / "dipkg.ttl"), format=ox.RdfFormat.TURTLE)
    dip = NAMESPACES["dip"]
    out: dict[str, dict[str, str]] = {}
    for t in EVENT_TYPES:
        labels = {q.object.language: q.object.value
                  for q in store.quads_for_pattern(ox.NamedNode(dip + t), ox.NamedNode(LABEL), None)
                  if isinstance(q.object, ox.Literal) and q.object.language}
        out[t] = {"en": labels.get("en", t), "fa": labels.get("fa", t)}
    return out


def type_fa(t: str) -> str:
    return type_labels().get(t, {}).get("fa", t)


def type_en(t: str) -> str:
    return type_labels().get(t, {}).get("en", t)


def jalali(d: date | None) -> str:
    """The Jalali date in Persian words and digits: 2023-10-22 -> "۳۰ مهر ۱۴۰۲" ("" for None)."""
    if d is None:
        return ""
    j = jdatetime.date.fromgregorian(date=d)
    return f"{str(j.day).translate(FA_DIGITS)} {jdatetime.date.j_months_fa[j.month - 1]} " \
           f"{str(j.year).translate(FA_DIGITS)}"


def jalali_month(year: int, month: int) -> str:
    """The Jalali month(s) a Gregorian month overlaps most: its 15th day's month, e.g. 2023-10 -> "مهر ۱۴۰۲"."""
    j = jdatetime.date.fromgregorian(date=date(year, month, 15))
    return f"{jdatetime.date.j_months_fa[j.month - 1]} {str(j.year).translate(FA_DIGITS)}"


def both(d: date | None, none: str = "—", isolate: bool = True) -> str:
    """"2023-10-22 (۳۰ مهر ۱۴۰۲)", or `none`; with `isolate` (HTML, SVG) the Jalali date is a bidi isolate
    (U+2068 … U+2069): in a left-to-right line its day, month and year would otherwise read in the wrong order."""
    if not d:
        return none
    j = f"\u2068{jalali(d)}\u2069" if isolate else jalali(d)
    return f"{d.isoformat()} ({j})"


def number(n: int) -> str:
    """An integer with thousands separators: 7272 -> "7,272"."""
    return f"{n:,}"
