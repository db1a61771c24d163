"""Who takes part, from how the article names them: a surname alone after the full name, a person named before and
designated again by a plural title, the body that speaks of someone else's trip. Texts written for this file."""

import pytest

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document


@pytest.fixture(scope="module")
def lex():
    return load()


def extract(lex, text):
    return extract_document(Document("t", text, "mem", published_raw="2021-03-19"), lex)


def test_a_common_word_surname_after_the_full_name_is_the_person(lex):
    """"ظریف" is no alias (a common word), but after "محمدجواد ظریف" it names him; "یک روحانی" is a cleric."""
    x = extract(lex, "محمدجواد ظریف امروز به آنکارا رفت.\nظریف در آنکارا گفت روابط خوب است.\n")
    assert [(m.text, m.entity, m.how) for m in x.mentions if m.entity == "zarif"] == [
        ("محمدجواد ظریف", "zarif", "lexicon"), ("ظریف", "zarif", "surname")]
    assert ("Statement", ["zarif"]) in [(e.type, e.actors) for e in x.events]
    y = extract(lex, "حسن روحانی امروز به آنکارا رفت.\nیک روحانی در آنکارا گفت روابط خوب است.\n")
    assert [m.how for m in y.mentions if m.entity == "rouhani"] == ["lexicon"]


def test_a_person_named_before_is_designated_again_by_a_plural_title(lex):
    text = ("محمدجواد ظریف امروز به استانبول رفت.\n"
            "وزرای خارجه ایران و ترکیه در استانبول دیدار کردند.\n")
    x = extract(lex, text)
    assert [(e.type, sorted(e.actors)) for e in x.events if e.type == "Meeting"] == [
        ("Meeting", ["cavusoglu", "zarif"])]


def test_the_body_that_tells_of_a_trip_speaks(lex):
    """"وزارت خارجه ترکیه از سفر ظریف … خبر داد": the ministry speaks; Zarif travels."""
    x = extract(lex, "محمدجواد ظریف وزیر خارجه ایران امروز به ترکیه رفت.\n"
                     "وزارت خارجه ترکیه از سفر محمدجواد ظریف به این کشور خبر داد.\n")
    assert [e.actors for e in x.events if e.type == "Statement"] == [["mfa_turkey"]]


def test_the_speaker_of_a_later_trigger_of_the_statement(lex):
    """"دو وزیر در نشست خبری … شرکت کردند و عراقچی گفت …": the press conference names no speaker, "گفت" does."""
    x = extract(lex, "عباس عراقچی وزیر خارجه ایران در مسکو با سرگئی لاوروف دیدار کرد.\n"
                     "دو وزیر در نشست خبری مشترک شرکت کردند و عراقچی گفت روابط دو کشور راهبردی است.\n")
    assert [e.actors for e in x.events if e.type == "Statement"] == [["araghchi"]]


def test_a_reaction_is_no_statement_by_itself(lex):
    """"در واکنش به X، Y تصمیم گرفت …": what Y does in reaction is told by its own verb; no statement here."""
    x = extract(lex, "هلند در واکنش به این رخداد، تصمیم گرفت سفیر خود در تهران را فرابخواند.\n")
    assert [e.type for e in x.events if e.type == "Statement"] == []


def test_a_meeting_in_the_margins_of_this_summit_is_one_of_its_own(lex):
    """"در حاشیه این اجلاس با X و Y دیدار خواهد کرد": a meeting at the summit told before, not the summit itself."""
    text = ("مسعود پزشکیان رئیس‌جمهور ایران امروز برای شرکت در اجلاس سران بریکس وارد کازان شد.\n"
            "پزشکیان در حاشیه این اجلاس با ولادیمیر پوتین و شی جین‌پینگ دیدار خواهد کرد.\n")
    x = extract_document(Document("t", text, "mem", published_raw="2024-10-23"), lex)
    assert [(sorted(e.actors), e.modality) for e in x.events if e.type == "Meeting" and "brics" not in e.actors] == [
        (["pezeshkian", "putin", "xi_jinping"], "Planned")]


def test_a_headline_title_is_not_the_name_the_lead_opens_with(lex):
    """A headline ending in a title ("… عراقچی و وزیر خارجه قطر") with no full stop: the lead's first name
    ("سید عباس عراقچی …") is not that title's holder."""
    text = ("گفت‌وگوی تلفنی عراقچی و وزیر خارجه قطر\n"
            "سید عباس عراقچی وزیر امور خارجه ایران امروز با همتای قطری خود تلفنی گفت‌وگو کرد.\n")
    x = extract(lex, text)
    assert ("araghchi", "ForeignMinister", "qatar") not in [(p.person, p.role, p.country) for p in x.posts]
    assert ("araghchi", "ForeignMinister", "iran") in [(p.person, p.role, p.country) for p in x.posts]
