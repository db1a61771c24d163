"""A small hand-made Extraction with invented names, shared by the RDF, shape and export tests."""

from __future__ import annotations

from datetime import date

from kg.model import DateInfo, Document, Entity, Event, Extraction, Mention, Post, Span

TEXT = ("وزیر امور خارجه جمهوری الف‌ستان، دارا کمانی، روز دوشنبه ۳ مهر ۱۴۰۲ به بستان سفر کرد. "
        "او در بشهر با بهار سپهری‌اف دیدار کرد.")


def at(word: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `word` in TEXT."""
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(word, i + 1)
    return Span(i, i + len(word))


def mention(word: str, key: str, nth: int = 0, how: str = "lexicon") -> Mention:
    return Mention(at(word, nth), word, key, how)


def sample_extraction(doc_id: str = "toy-1") -> Extraction:
    doc = Document(id=doc_id, text=TEXT, source=f"tests/{doc_id}.txt", lang="fa",
                   url="https://example.org/news/1 a", title="سفر وزیر خارجه", outlet="خبرگزاری توی")
    s1 = Span(0, TEXT.index(".") + 1)
    s2 = Span(s1.end + 1, len(TEXT))
    ents = {
        "alefland": Entity("alefland", "Country", "جمهوری الف‌ستان", "Alefland", {"الف‌ستان"}, qid="Q999999"),
        "beland": Entity("beland", "Country", "بستان", "Beland"),
        "beshahr": Entity("beshahr", "City", "بشهر", country="beland"),
        "person_داراکمانی": Entity("person_داراکمانی", "Person", "دارا کمانی", country="alefland"),
        "bahar": Entity("bahar", "Person", "بهار سپهری‌اف", "Bahar Sepehrioff"),
    }
    when = DateInfo(date(2023, 9, 25), date(2023, 9, 25), "Day", "۳ مهر ۱۴۰۲", span=at("۳ مهر ۱۴۰۲"))
    return Extraction(
        doc=doc, published=date(2023, 9, 26), published_how="metadata", language="fa",
        sentences=[s1, s2], entities=ents,
        mentions=[mention("جمهوری الف‌ستان", "alefland"), mention("دارا کمانی", "person_داراکمانی", how="title+name"),
                  mention("بستان", "beland"), mention("بشهر", "beshahr"), mention("بهار سپهری‌اف", "bahar")],
        posts=[Post("person_داراکمانی", "ForeignMinister", "alefland", "وزیر امور خارجه",
                    Span(0, at("دارا کمانی").end), attested=date(2023, 9, 26))],
        events=[Event("Visit", at("سفر"), s1, actors=["person_داراکمانی", "beland"], source=["person_داراکمانی"],
                      target=["beland"], place="beland", date=when, confidence=0.9),
                Event("Meeting", at("دیدار"), s2, actors=["person_داراکمانی", "bahar"], place="beshahr",
                      modality=None, confidence=0.75)],
    )
