"""For each pair of countries: the timeline of their events and the state of their embassies over time.

A pair's timeline holds every event whose participants belong to both countries, counting a mission for its
sender and its host. A mission is open until its first MissionSuspension, suspended from that date, resumed from
the next MissionResumption (and so on). Planned or unreal suspensions (any modality) do not change the state;
undated ones cannot be placed and are left out of the state (they stay in the timeline).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from kg.analyze.load import EventRec, Facts
from kg.analyze.project import EXCLUDED_MODALITIES, event_countries, kind_of

CHANGES = {"MissionSuspension": "suspended", "MissionResumption": "resumed"}


@dataclass
class StateInterval:
    mission: str
    state: str  # open | suspended | resumed
    start: date | None  # None: since before the graph says anything
    end: date | None  # None: still so at the end of the graph
    event: str | None  # the event that started it


@dataclass
class PairTimeline:
    a: str
    b: str
    events: list[EventRec] = field(default_factory=list)  # sorted by date, undated last
    embassies: dict[str, list[StateInterval]] = field(default_factory=dict)  # mission IRI -> states

    def counts(self) -> dict[str, int]:
        out = {"cooperative": 0, "conflictual": 0, "neutral": 0}
        for ev in self.events:
            out[kind_of(ev.type)] += 1
        return out


def _when(ev: EventRec) -> tuple[int, str, str]:
    return (0, ev.earliest.isoformat(), ev.iri) if ev.earliest else (1, "", ev.iri)


def mission_states(facts: Facts, mission: str) -> list[StateInterval]:
    """The state intervals of one mission, from its suspension/resumption events."""
    changes = sorted((ev for ev in facts.events if mission in ev.actors and ev.type in CHANGES
                      and ev.modality is None and ev.earliest), key=_when)
    states = [StateInterval(mission, "open", None, None, None)]
    for ev in changes:
        new = CHANGES[ev.type]
        if new == "resumed" and states[-1].state not in ("suspended",):
            continue  # a resumption of an open mission changes nothing
        if new == "suspended" and states[-1].state == "suspended":
            continue
        states[-1].end = ev.earliest
        states.append(StateInterval(mission, new, ev.earliest, None, ev.iri))
    return states


def pair_timelines(facts: Facts) -> list[PairTimeline]:
    """Every pair of countries that share at least one event, sorted by the pair's IRIs."""
    pairs: dict[tuple[str, str], PairTimeline] = {}
    for ev in sorted(facts.events, key=_when):
        if ev.modality in EXCLUDED_MODALITIES:
            continue
        for a, b in combinations(event_countries(ev, facts, with_hosts=True), 2):
            pairs.setdefault((a, b), PairTimeline(a, b)).events.append(ev)
    missions = [e for e in facts.entities.values() if e.kind == "Mission" and e.host]
    for (a, b), tl in pairs.items():
        for m in missions:
            if {a, b} <= (m.countries | {m.host}) and m.host in (a, b):
                tl.embassies[m.iri] = mission_states(facts, m.iri)
    return [pairs[k] for k in sorted(pairs)]


def pair_timeline(facts: Facts, a: str, b: str) -> PairTimeline:
    """The timeline of one pair (empty when they share no event)."""
    a, b = sorted((a, b))
    for tl in pair_timelines(facts):
        if (tl.a, tl.b) == (a, b):
            return tl
    return PairTimeline(a, b)
