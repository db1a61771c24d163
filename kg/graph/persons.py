"""One node for a person not in the lexicon whom several articles name under spelling variants.

    person_aliases(extractions, spellings) -> {key: canonical key}
    rename_persons(x, aliases) -> Extraction      the extraction with those keys replaced

Persons the lexicon does not know are keyed by their name as written, spaces and joiners removed
(`kg.extract.entities`: "خلف خلف‌اف" and "خلف خلف اف" already share a key). Left apart are the other variants of
the press: the surname ending spelt otherwise ("خلف‌اف" / "خلفوف", the `surname_spelling` cues of
entity_cues.tsv) and the name with or without the first name. Two such persons of different articles are one when
the evidence is strong: the same surname (up to those spellings), first names that do not differ (one may lack
it), and the same office of the same country in both articles (a post with the same role and country). A group
never holds two different first names. The canonical key is the one with a first name, then the longest name,
then the smallest key: the same whatever the input order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import combinations

from kg.model import Extraction
from kg.normalize import compact


def _surname(word: str, spellings: set[str]) -> str:
    w = compact(word)
    for ending in sorted(spellings, key=len, reverse=True):
        if w.endswith(ending) and len(w) > len(ending) + 1:
            return w[: -len(ending)] + "~"
    return w


def person_aliases(xs: list[Extraction], spellings: set[str]) -> dict[str, str]:
    """Keys of persons not in the lexicon → the key of the one person they are (only keys that change)."""
    names: dict[str, str] = {}
    offices: dict[str, set[tuple[str, str]]] = defaultdict(set)
    docs: dict[str, set[str]] = defaultdict(set)
    for x in xs:
        for key, e in x.entities.items():
            if e.kind == "Person" and not e.in_lexicon:
                names.setdefault(key, e.name_fa)
                docs[key].add(x.doc.id)
        for p in x.posts:
            if p.person in names and p.country:
                offices[p.person].add((p.role, p.country))
    by_surname: dict[str, list[str]] = defaultdict(list)
    parts = {}
    for key in sorted(names):
        words = names[key].split()
        if not words:
            continue
        parts[key] = (compact(" ".join(words[:-1])) if len(words) > 1 else "", _surname(words[-1], spellings))
        by_surname[parts[key][1]].append(key)
    group = {k: k for k in parts}
    firsts = {k: {parts[k][0]} - {""} for k in parts}

    def root(k: str) -> str:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    for keys in by_surname.values():
        for a, b in combinations(keys, 2):
            if not offices[a] & offices[b] or len(docs[a] | docs[b]) < 2:
                continue  # no shared office, or both in one article only: no evidence across articles
            ra, rb = root(a), root(b)
            if ra == rb or len(firsts[ra] | firsts[rb]) > 1:
                continue
            first, second = sorted((ra, rb))
            group[second] = first
            firsts[first] |= firsts.pop(second)
    members: dict[str, list[str]] = defaultdict(list)
    for k in parts:
        members[root(k)].append(k)
    out = {}
    for ks in members.values():
        if len(ks) < 2:
            continue
        best = min(ks, key=lambda k: (not parts[k][0], -len(names[k].split()), -len(names[k]), k))
        out.update({k: best for k in ks if k != best})
    return out


def rename_persons(x: Extraction, aliases: dict[str, str]) -> Extraction:
    """`x` with the person keys of `aliases` replaced (a new Extraction; `x` is left as it is)."""
    if not aliases.keys() & x.entities.keys():
        return x

    def k(key: str | None) -> str | None:
        return aliases.get(key, key) if key is not None else None

    entities = {}
    for key, e in x.entities.items():
        new = k(key)
        if new in entities:  # two variants in one article: one entity, both names
            entities[new].alt_names |= {e.name_fa} | e.alt_names
        else:
            entities[new] = replace(e, key=new, alt_names=set(e.alt_names))
    return replace(
        x, entities=entities,
        mentions=[replace(m, entity=k(m.entity)) for m in x.mentions],
        posts=[replace(p, person=k(p.person)) for p in x.posts],
        events=[replace(ev, actors=_keys(ev.actors, k), source=_keys(ev.source, k), target=_keys(ev.target, k))
                for ev in x.events])


def _keys(keys: list[str], k) -> list[str]:
    return list(dict.fromkeys(map(k, keys)))
