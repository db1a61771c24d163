"""Writes graph.ttl, the small hand-made graph of tests/test_analyze.py and tests/test_report.py.

Run once after editing: `.venv/bin/python tests/data/analysis/make_graph.py`. The Turtle is hand-written below;
this script only computes the character offsets of the sentences in the two article texts.
Six countries in two clusters (Iran, Azerbaijan, Turkey | Russia, Armenia, Georgia) bridged by Turkey-Georgia.
"""

from pathlib import Path

A1 = [  # article a1, 2023
    ("e01", "سفارت جمهوری آذربایجان در تهران مورد حمله قرار گرفت."),
    ("e02", "دولت جمهوری آذربایجان فعالیت سفارت خود در تهران را تعلیق کرد."),
    ("e03", "امیرعبداللهیان و بایرام‌اف تلفنی گفت‌وگو کردند."),
    ("e12", "کنعانی درباره جمهوری آذربایجان بیانیه‌ای خواند."),
    ("e04", "وزارت امور خارجه ایران سفیر جمهوری آذربایجان را احضار کرد."),
    ("e05", "امیرعبداللهیان با چاووش‌اوغلو در تهران دیدار کرد."),
]
A2 = [  # article a2, 2024
    ("e07", "لاوروف، میرزویان و دارچیاشویلی در مسکو دیدار کردند."),
    ("e08", "روسیه و ارمنستان توافق‌نامه‌ای امضا کردند."),
    ("e09", "چاووش‌اوغلو به گرجستان سفر کرد."),
    ("e10", "امیرعبداللهیان امیدوار است با لاوروف دیدار کند."),
    ("e06", "سفارت جمهوری آذربایجان در تهران بازگشایی شد."),
    ("e11", "امیرعبداللهیان قرار است به جمهوری آذربایجان سفر کند."),
    ("e13", "امیرعبداللهیان و چاووش‌اوغلو تلفنی گفت‌وگو کردند."),
]

# event id: (type, date, actors, place, modality, has provenance)
EVENTS = {
    "e01": ("Attack", "2023-01-27", ["mission/az-tehran"], "tehran", None, True),
    "e02": ("MissionSuspension", "2023-01-28", ["azerbaijan", "mission/az-tehran"], "tehran", None, True),
    "e03": ("PhoneCall", "2023-02-10", ["person/amirabdollahian", "person/bayramov"], None, None, True),
    "e12": ("Statement", "2023-02-12", ["person/kanaani", "azerbaijan"], None, None, False),
    "e04": ("Summons", "2023-03-05", ["org/iran-mfa", "person/az-ambassador"], "tehran", None, True),
    "e05": ("Meeting", "2023-03-20", ["person/amirabdollahian", "person/cavusoglu"], "tehran", None, True),
    "e07": ("Meeting", "2024-02-01", ["person/lavrov", "person/mirzoyan", "person/darchiashvili"], "moscow", None,
            True),
    "e08": ("Agreement", "2024-02-15", ["russia", "armenia"], None, None, True),
    "e09": ("Visit", "2024-03-10", ["person/cavusoglu", "georgia"], None, None, True),
    "e10": ("Meeting", "2024-03-01", ["person/amirabdollahian", "person/lavrov"], None, "Hoped", True),
    "e06": ("MissionResumption", "2024-03-25", ["azerbaijan", "mission/az-tehran"], "tehran", None, True),
    "e11": ("Visit", "2024-04-05", ["person/amirabdollahian", "azerbaijan"], None, "Planned", True),
    "e13": ("PhoneCall", "2024-01-15", ["person/amirabdollahian", "person/cavusoglu"], None, None, True),
}

HEAD = """@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix id: <https://w3id.org/dipkg/id/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# Countries
id:iran a schema:Country ; schema:name "ایران"@fa, "Iran"@en .
id:azerbaijan a schema:Country ; schema:name "جمهوری آذربایجان"@fa, "Azerbaijan"@en ; schema:alternateName "آذربایجان" .
id:turkey a schema:Country ; schema:name "ترکیه"@fa, "Turkey"@en .
id:russia a schema:Country ; schema:name "روسیه"@fa, "Russia"@en .
id:armenia a schema:Country ; schema:name "ارمنستان"@fa, "Armenia"@en .
id:georgia a schema:Country ; schema:name "گرجستان"@fa, "Georgia"@en .

# Cities
id:tehran a schema:City ; schema:name "تهران"@fa, "Tehran"@en ; dip:country id:iran .
id:moscow a schema:City ; schema:name "مسکو"@fa, "Moscow"@en ; dip:country id:russia .

# Organization and mission
id:org\\/iran-mfa a schema:Organization, schema:GovernmentOrganization ; schema:name "وزارت امور خارجه ایران"@fa ;
    dip:country id:iran .
id:mission\\/az-tehran a dip:DiplomaticMission ; schema:name "سفارت جمهوری آذربایجان در تهران"@fa ;
    dip:sender id:azerbaijan ; dip:host id:iran .

# Persons
id:person\\/amirabdollahian a schema:Person ; schema:name "امیرعبداللهیان"@fa, "Amir-Abdollahian"@en .
id:person\\/bayramov a schema:Person ; schema:name "بایرام‌اف"@fa, "Bayramov"@en .
id:person\\/cavusoglu a schema:Person ; schema:name "چاووش‌اوغلو"@fa, "Cavusoglu"@en .
id:person\\/lavrov a schema:Person ; schema:name "لاوروف"@fa, "Lavrov"@en .
id:person\\/mirzoyan a schema:Person ; schema:name "میرزویان"@fa, "Mirzoyan"@en .
id:person\\/darchiashvili a schema:Person ; schema:name "دارچیاشویلی"@fa, "Darchiashvili"@en .
id:person\\/kanaani a schema:Person ; schema:name "کنعانی"@fa, "Kanaani"@en .
id:person\\/az-ambassador a schema:Person ; schema:name "سفیر جمهوری آذربایجان"@fa .
"""

MEMBERS = [  # person, role, country, sentence event id (None: no provenance)
    ("amirabdollahian", "ForeignMinister", "iran", "e03"),
    ("bayramov", "ForeignMinister", "azerbaijan", "e03"),
    ("cavusoglu", "ForeignMinister", "turkey", "e05"),
    ("lavrov", "ForeignMinister", "russia", "e07"),
    ("mirzoyan", "ForeignMinister", "armenia", "e07"),
    ("darchiashvili", "ForeignMinister", "georgia", "e07"),
    ("kanaani", "Spokesperson", "iran", "e12"),
    ("az-ambassador", "Ambassador", "azerbaijan", None),
]

ARTICLES = {"a1": ("2023-03-21", A1), "a2": ("2024-04-06", A2)}


def esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def local(key: str) -> str:
    return "id:" + key.replace("/", "\\/")


def main() -> None:
    out = [HEAD]
    where: dict[str, tuple[str, int, int, str]] = {}
    for art, (published, sents) in ARTICLES.items():
        text = "\n".join(s for _, s in sents)
        pos = 0
        for eid, s in sents:
            where[eid] = (art, pos, pos + len(s), s)
            pos += len(s) + 1
        out.append(f"\n# Article {art}\nid:{art} a schema:NewsArticle ;"
                   f" schema:datePublished \"{published}\"^^xsd:date ;"
                   f" schema:inLanguage \"fa\" .\nid:{art}\\/text a nif:Context ; nif:isString \"{esc(text)}\" ;"
                   f" prov:wasDerivedFrom id:{art} .\n")
    out.append("\n# Sentence spans\n")
    for _eid, (art, b, e, s) in sorted(where.items()):
        out.append(f"id:{art}\\/span\\/{b}-{e} a nif:Sentence ; nif:referenceContext id:{art}\\/text ;"
                   f" nif:beginIndex {b} ; nif:endIndex {e} ; nif:anchorOf \"{esc(s)}\" .\n")
    out.append("\n# Events\n")
    for eid, (typ, day, actors, place, modality, has_prov) in sorted(EVENTS.items()):
        lines = [f"id:event\\/{eid} a dip:{typ} ;"]
        lines.append("    sem:hasActor " + ", ".join(local(a) for a in actors) + " ;")
        if place:
            lines.append(f"    sem:hasPlace {local(place)} ;")
        if modality:
            lines.append(f"    dip:modality dip:{modality} ;")
        if has_prov:
            art, b, e, _ = where[eid]
            lines.append(f"    prov:wasDerivedFrom id:{art}\\/span\\/{b}-{e} ;")
        lines.append(f"    sem:hasEarliestBeginTimeStamp \"{day}\"^^xsd:date ;"
                     f" sem:hasLatestBeginTimeStamp \"{day}\"^^xsd:date .")
        out.append("\n".join(lines) + "\n")
    out.append("\n# Posts\n")
    for person, role, country, eid in MEMBERS:
        lines = [f"id:membership\\/{person} a org:Membership ; org:member id:person\\/{person} ;"
                 f" org:role dip:{role} ; dip:country id:{country}"]
        if eid:
            art, b, e, _ = where[eid]
            lines.append(f" ;\n    prov:wasDerivedFrom id:{art}\\/span\\/{b}-{e}")
        out.append("".join(lines) + " .\n")
    out.append("\n# Mentions\n")
    for eid, key, word in [("e03", "person/bayramov", "بایرام‌اف"), ("e09", "georgia", "گرجستان"),
                           ("e05", "tehran", "تهران"), ("e02", "azerbaijan", "جمهوری آذربایجان")]:
        art, b, _, s = where[eid]
        start = b + s.index(word)
        end = start + len(word)
        out.append(f"id:{art}\\/mention\\/{start}-{end} a nif:Phrase ; nif:referenceContext id:{art}\\/text ;"
                   f" nif:beginIndex {start} ; nif:endIndex {end} ; nif:anchorOf \"{esc(word)}\" ;"
                   f" itsrdf:taIdentRef {local(key)} .\n")
    Path(__file__).with_name("graph.ttl").write_text("".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
