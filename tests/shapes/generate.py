"""Generates tests/shapes/good/minimal.ttl and tests/shapes/bad/*.ttl from one minimal graph.

Run `python tests/shapes/generate.py` after changing the table below; commit the generated files.
"""
# ruff: noqa: E501  -- a table of Turtle snippets; wrapping them would hide the one change each bad file makes
from pathlib import Path

HEAD = """@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix id: <https://w3id.org/dipkg/id/> .
@prefix cameo: <https://w3id.org/dipkg/cameo/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

BASE = {
"article": """<https://w3id.org/dipkg/id/article/t1> a schema:NewsArticle ;
    schema:datePublished "2023-09-26"^^xsd:date ;
    schema:inLanguage "fa" ;
    schema:publisher <https://w3id.org/dipkg/id/organization/toynews> ;
    dip:publishedHow "metadata" .""",
"context": """<https://w3id.org/dipkg/id/article/t1/text> a nif:Context ;
    nif:isString "دارا کمانی به بستان سفر کرد." ;
    prov:wasDerivedFrom <https://w3id.org/dipkg/id/article/t1> .""",
"sentence": """<https://w3id.org/dipkg/id/article/t1/text#char=0,28> a nif:RFC5147String , nif:Sentence ;
    nif:referenceContext <https://w3id.org/dipkg/id/article/t1/text> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "28"^^xsd:nonNegativeInteger ;
    nif:anchorOf "دارا کمانی به بستان سفر کرد." .""",
"mention1": """<https://w3id.org/dipkg/id/article/t1/text#char=0,10> a nif:RFC5147String , nif:Phrase ;
    nif:referenceContext <https://w3id.org/dipkg/id/article/t1/text> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "10"^^xsd:nonNegativeInteger ;
    nif:anchorOf "دارا کمانی" ;
    itsrdf:taIdentRef <https://w3id.org/dipkg/id/person/dara> .""",
"mention2": """<https://w3id.org/dipkg/id/article/t1/text#char=14,19> a nif:RFC5147String , nif:Phrase ;
    nif:referenceContext <https://w3id.org/dipkg/id/article/t1/text> ;
    nif:beginIndex "14"^^xsd:integer ; nif:endIndex "19"^^xsd:integer ;
    nif:anchorOf "بستان" ;
    itsrdf:taIdentRef <https://w3id.org/dipkg/id/country/beland> .""",
"trigger": """<https://w3id.org/dipkg/id/article/t1/text#char=20,23> a nif:RFC5147String , nif:Phrase ;
    nif:referenceContext <https://w3id.org/dipkg/id/article/t1/text> ;
    nif:beginIndex "20"^^xsd:nonNegativeInteger ; nif:endIndex "23"^^xsd:nonNegativeInteger ;
    nif:anchorOf "سفر" .""",
"person": """<https://w3id.org/dipkg/id/person/dara> a schema:Person ;
    schema:name "دارا کمانی"@fa , "Dara Kamani"@en ;
    schema:nationality <https://w3id.org/dipkg/id/country/alefland> .""",
"country1": """<https://w3id.org/dipkg/id/country/beland> a schema:Country ;
    schema:name "بستان"@fa ; schema:sameAs wd:Q999999 .""",
"country2": """<https://w3id.org/dipkg/id/country/alefland> a schema:Country ;
    schema:name "الف‌ستان"@fa .""",
"city": """<https://w3id.org/dipkg/id/city/beshahr> a schema:City ;
    schema:name "بشهر"@fa ; schema:containedInPlace <https://w3id.org/dipkg/id/country/beland> .""",
"org": """<https://w3id.org/dipkg/id/organization/toynews> a schema:Organization , schema:NewsMediaOrganization ;
    schema:name "خبرگزاری توی"@fa ; dip:country <https://w3id.org/dipkg/id/country/alefland> .""",
"mission": """<https://w3id.org/dipkg/id/mission/alefland@beshahr> a dip:DiplomaticMission ;
    schema:name "سفارت الف‌ستان در بشهر"@fa ;
    dip:sender <https://w3id.org/dipkg/id/country/alefland> ; dip:host <https://w3id.org/dipkg/id/country/beland> ;
    schema:containedInPlace <https://w3id.org/dipkg/id/city/beshahr> .""",
"membership": """<https://w3id.org/dipkg/id/membership/t1/0-10-ForeignMinister> a org:Membership ;
    org:member <https://w3id.org/dipkg/id/person/dara> ;
    org:role dip:ForeignMinister ;
    dip:country <https://w3id.org/dipkg/id/country/alefland> ;
    dip:attestedOn "2023-09-26"^^xsd:date ;
    dip:confidence 0.8 ;
    dip:post <https://w3id.org/dipkg/id/post/alefland/ForeignMinister/x> ;
    prov:wasDerivedFrom <https://w3id.org/dipkg/id/article/t1/text#char=0,10> .""",
"post": """<https://w3id.org/dipkg/id/post/alefland/ForeignMinister/x> a org:Post ;
    skos:prefLabel "وزیر امور خارجه"@fa ; org:role dip:ForeignMinister .""",
"event": """<https://w3id.org/dipkg/id/event/t1/Visit-20-23> a dip:Event , dip:Visit ;
    sem:hasActor <https://w3id.org/dipkg/id/person/dara> , <https://w3id.org/dipkg/id/country/beland> ;
    dip:source <https://w3id.org/dipkg/id/person/dara> ; dip:target <https://w3id.org/dipkg/id/country/beland> ;
    sem:hasPlace <https://w3id.org/dipkg/id/country/beland> ;
    sem:hasEarliestBeginTimeStamp "2023-09-25"^^xsd:date ; sem:hasLatestBeginTimeStamp "2023-09-25"^^xsd:date ;
    schema:startDate "2023-09-25"^^xsd:date ;
    dip:datePrecision dip:Day ; dip:dateAsStated "دیروز" ;
    sem:eventType cameo:042 ; dip:confidence 0.9 ;
    dip:reportCount "1"^^xsd:nonNegativeInteger ; dip:outletCount "1"^^xsd:nonNegativeInteger ;
    dip:hasReport <https://w3id.org/dipkg/id/report/t1/Visit-20-23> ;
    prov:wasDerivedFrom <https://w3id.org/dipkg/id/article/t1/text#char=0,28> , <https://w3id.org/dipkg/id/article/t1/text#char=20,23> .""",
"report": """<https://w3id.org/dipkg/id/report/t1/Visit-20-23> a dip:EventReport ;
    dip:reportOf <https://w3id.org/dipkg/id/event/t1/Visit-20-23> ;
    dip:inArticle <https://w3id.org/dipkg/id/article/t1> ;
    dip:reportedType dip:Visit ;
    dip:reportedActor <https://w3id.org/dipkg/id/person/dara> , <https://w3id.org/dipkg/id/country/beland> ;
    dip:reportedEarliest "2023-09-25"^^xsd:date ; dip:reportedLatest "2023-09-25"^^xsd:date ;
    dip:datePrecision dip:Day ; dip:dateAsStated "دیروز" ; dip:confidence 0.9 ;
    prov:wasDerivedFrom <https://w3id.org/dipkg/id/article/t1/text#char=0,28> , <https://w3id.org/dipkg/id/article/t1/text#char=20,23> .""",
}

# bad file name (<shape>__<what>) → (part, old, new): one change to the minimal good graph.
BAD = {
    "ArticleDateShape__missing_datePublished": ("article", '    schema:datePublished "2023-09-26"^^xsd:date ;\n', ""),
    "NewsArticleShape__datePublished_as_string": ("article", '"2023-09-26"^^xsd:date', '"2023-09-26"'),
    "NewsArticleShape__two_languages": ("article", 'schema:inLanguage "fa"', 'schema:inLanguage "fa" , "en"'),
    "ContextShape__no_link_to_article": ("context", "    prov:wasDerivedFrom <https://w3id.org/dipkg/id/article/t1> .", '    nif:sourceUrl "x" .'),
    "SpanShape__negative_begin": ("mention2", '"14"^^xsd:integer', '"-14"^^xsd:integer'),
    "SpanShape__empty_span": ("trigger", 'nif:endIndex "23"^^xsd:nonNegativeInteger ;\n    nif:anchorOf "سفر" .', 'nif:endIndex "20"^^xsd:nonNegativeInteger ;\n    nif:anchorOf "" .'),
    "SpanShape__index_as_string": ("trigger", '"20"^^xsd:nonNegativeInteger', '"20"'),
    "SpanIntegrityShape__anchor_not_text": ("mention2", 'nif:anchorOf "بستان"', 'nif:anchorOf "بُستان"'),
    "SpanIntegrityShape__end_past_text": ("sentence", '"28"^^xsd:nonNegativeInteger ;\n    nif:anchorOf "دارا کمانی به بستان سفر کرد." .', '"29"^^xsd:nonNegativeInteger ;\n    nif:anchorOf "دارا کمانی به بستان سفر کرد." .'),
    "PhraseShape__two_found_how": ("mention1", "itsrdf:taIdentRef <https://w3id.org/dipkg/id/person/dara>", "itsrdf:taIdentRef <https://w3id.org/dipkg/id/person/dara> ; dip:mentionHow \"lexicon\" , \"coref\""),
    "EntityCoreTypeShape__missing_type": ("mention2", "itsrdf:taIdentRef <https://w3id.org/dipkg/id/country/beland>", "itsrdf:taIdentRef <https://w3id.org/dipkg/id/country/gimland>"),
    "EntityCoreTypeShape__two_core_types": ("city", "a schema:City ;", "a schema:City , schema:AdministrativeArea ;"),
    "EntityShape__plain_name": ("country2", 'schema:name "الف‌ستان"@fa', 'schema:name "الف‌ستان"@fa , "Alefland"'),
    "EntityShape__bad_wikidata": ("country1", "schema:sameAs wd:Q999999", "schema:sameAs <https://www.wikidata.org/wiki/Q999999>"),
    "EntityNameFaShape__no_persian_name": ("country2", 'schema:name "الف‌ستان"@fa', 'schema:name "Alefland"@en'),
    "CountryShape__contained_in_place": ("country1", "schema:sameAs wd:Q999999 .", "schema:sameAs wd:Q999999 ; schema:containedInPlace <https://w3id.org/dipkg/id/country/alefland> ."),
    "CityShape__in_a_person": ("city", "schema:containedInPlace <https://w3id.org/dipkg/id/country/beland>", "schema:containedInPlace <https://w3id.org/dipkg/id/person/dara>"),
    "PersonShape__nationality_city": ("person", "schema:nationality <https://w3id.org/dipkg/id/country/alefland>", "schema:nationality <https://w3id.org/dipkg/id/city/beshahr>"),
    "OrganizationShape__two_countries": ("org", 'dip:country <https://w3id.org/dipkg/id/country/alefland>', 'dip:country <https://w3id.org/dipkg/id/country/alefland> , <https://w3id.org/dipkg/id/country/beland>'),
    "DiplomaticMissionShape__no_sender": ("mission", "dip:sender <https://w3id.org/dipkg/id/country/alefland> ; ", ""),
    "MembershipShape__bad_role": ("membership", "org:role dip:ForeignMinister", "org:role dip:Chancellor"),
    "MembershipShape__role_as_string": ("membership", "org:role dip:ForeignMinister", 'org:role "ForeignMinister"'),
    "MembershipShape__member_not_person": ("membership", "org:member <https://w3id.org/dipkg/id/person/dara>", "org:member <https://w3id.org/dipkg/id/country/beland>"),
    "MembershipShape__confidence_above_one": ("membership", "dip:confidence 0.8", "dip:confidence 1.5"),
    "MembershipShape__no_source_span": ("membership", "    prov:wasDerivedFrom <https://w3id.org/dipkg/id/article/t1/text#char=0,10> .", '    dip:byRole false .'),
    "MembershipDateShape__no_attested_date": ("membership", '    dip:attestedOn "2023-09-26"^^xsd:date ;\n', ""),
    "PostShape__no_title": ("post", 'skos:prefLabel "وزیر امور خارجه"@fa ; ', ""),
    "EventShape__bad_modality": ("event", "dip:confidence 0.9 ;", "dip:confidence 0.9 ; dip:modality dip:Rumoured ;"),
    "EventShape__modality_as_string": ("event", "dip:confidence 0.9 ;", 'dip:confidence 0.9 ; dip:modality "Planned" ;'),
    "EventShape__two_event_types": ("event", "a dip:Event , dip:Visit ;", "a dip:Event , dip:Visit , dip:Meeting ;"),
    "EventShape__no_event_class": ("event", "a dip:Event , dip:Visit ;", "a dip:Event ;"),
    "EventShape__unknown_cameo": ("event", "sem:eventType cameo:042", "sem:eventType cameo:999"),
    "EventShape__date_as_datetime": ("event", 'schema:startDate "2023-09-25"^^xsd:date', 'schema:startDate "2023-09-25T10:00:00"^^xsd:dateTime'),
    "EventShape__startDate_without_day": ("event", "dip:datePrecision dip:Day", "dip:datePrecision dip:Month"),
    "EventShape__bad_precision": ("event", "dip:datePrecision dip:Day", "dip:datePrecision dip:Week"),
    "EventShape__no_source_span": ("event", "dip:hasReport <https://w3id.org/dipkg/id/report/t1/Visit-20-23> ;\n    prov:wasDerivedFrom <https://w3id.org/dipkg/id/article/t1/text#char=0,28> , <https://w3id.org/dipkg/id/article/t1/text#char=20,23> .", "dip:hasReport <https://w3id.org/dipkg/id/report/t1/Visit-20-23> ."),
    "EventShape__two_places": ("event", "sem:hasPlace <https://w3id.org/dipkg/id/country/beland>", "sem:hasPlace <https://w3id.org/dipkg/id/country/beland> , <https://w3id.org/dipkg/id/city/beshahr>"),
    "EventDateOrderShape__bounds_reversed": ("event", 'sem:hasLatestBeginTimeStamp "2023-09-25"^^xsd:date', 'sem:hasLatestBeginTimeStamp "2023-09-20"^^xsd:date'),
    "EventActorShape__no_actor": ("event", "    sem:hasActor <https://w3id.org/dipkg/id/person/dara> , <https://w3id.org/dipkg/id/country/beland> ;\n    dip:source <https://w3id.org/dipkg/id/person/dara> ; dip:target <https://w3id.org/dipkg/id/country/beland> ;\n", ""),
    "EventDateShape__no_date": ("event", '    sem:hasEarliestBeginTimeStamp "2023-09-25"^^xsd:date ; sem:hasLatestBeginTimeStamp "2023-09-25"^^xsd:date ;\n    schema:startDate "2023-09-25"^^xsd:date ;\n    dip:datePrecision dip:Day ; dip:dateAsStated "دیروز" ;\n', ""),
    "DateProblemShape__impossible_date": ("trigger", 'nif:anchorOf "سفر" .', 'nif:anchorOf "سفر" ;\n    dip:dateProblem "30 Esfand 1401 does not exist (1401 is not a leap year)" .'),
    "EventShape__report_count_as_string": ("event", 'dip:reportCount "1"^^xsd:nonNegativeInteger', 'dip:reportCount "1"'),
    "EventShape__two_outlet_counts": ("event", 'dip:outletCount "1"^^xsd:nonNegativeInteger', 'dip:outletCount "1"^^xsd:nonNegativeInteger , "2"^^xsd:nonNegativeInteger'),
    "EventReportShape__no_occurrence": ("report", "    dip:reportOf <https://w3id.org/dipkg/id/event/t1/Visit-20-23> ;\n", ""),
    "EventReportShape__no_article": ("report", "    dip:inArticle <https://w3id.org/dipkg/id/article/t1> ;\n", ""),
    "ReportConflictShape__other_place": ("report", "dip:confidence 0.9 ;\n    prov:", "dip:confidence 0.9 ;\n    dip:reportedPlace <https://w3id.org/dipkg/id/city/beshahr> ; dip:conflictsOn sem:hasPlace ;\n    prov:"),
    "EventAfterPublicationShape__after_publication": ("event", '"2023-09-25"^^xsd:date ; sem:hasLatestBeginTimeStamp "2023-09-25"^^xsd:date ;\n    schema:startDate "2023-09-25"^^xsd:date', '"2023-10-25"^^xsd:date ; sem:hasLatestBeginTimeStamp "2023-10-25"^^xsd:date ;\n    schema:startDate "2023-10-25"^^xsd:date'),
}


def render(parts):
    return HEAD + "\n" + "\n\n".join(parts.values()) + "\n"


root = Path(__file__).resolve().parent
(root / "good" / "minimal.ttl").write_text("# A minimal graph that uses every shape and conforms without warnings.\n" + render(BASE))
for name, (part, old, new) in BAD.items():
    assert BASE[part].count(old) == 1, (name, old)
    parts = dict(BASE)
    parts[part] = BASE[part].replace(old, new)
    what = name.split("__")[1].replace("_", " ")
    (root / "bad" / f"{name}.ttl").write_text(f"# Must fail {name.split('__')[0]} only: {what}.\n" + render(parts))
print(len(BAD))
