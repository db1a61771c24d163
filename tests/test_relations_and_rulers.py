"""Kinds of diplomatic text, in sentences written for this file, through the real pipeline and lexicon: relations
and missions resumed or broken with a verb whose object says what ("روابط … را از سر گرفتند"), rulers' titles
that are titles only with their country ("امیر قطر"; "امیر" alone begins a name), and a meeting in the margins of a
summit that belongs to the persons who met."""

import pytest

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

PUB = "2023-10-15"


@pytest.fixture(scope="module")
def lex():
    return load()


def run(lex, text):
    return extract_document(Document("t", text, "mem", published_raw=PUB), lex)


def events(lex, text):
    return [(e.type, e.actors, e.place) for e in run(lex, text).events]


@pytest.mark.parametrize("text, expected", [
    ("سفارت ایران در کابل فعالیت خود را از سر گرفت.",
     [("MissionResumption", ["mission_embassy_iran_kabul"], "kabul")]),
    ("سفارت ایران در کابل فعالیتش را از سر گرفت.",
     [("MissionResumption", ["mission_embassy_iran_kabul"], "kabul")]),
    ("ایران و عربستان روابط دیپلماتیک خود را از سر گرفتند.",
     [("MissionResumption", ["iran", "saudi_arabia"], None)]),
    ("بحرین روابط دیپلماتیک خود را با ایران قطع کرد.",
     [("MissionSuspension", ["bahrain", "iran"], None)]),
    # negatives: the verb with neither a mission nor relations as what is resumed or broken
    ("ایران و عربستان مذاکرات خود را از سر گرفتند.", [("Meeting", ["iran", "saudi_arabia"], None)]),  # talks
    ("بحرین کمک‌های خود را به این گروه قطع کرد.", []),
])
def test_resumed_or_broken_relations_and_missions(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, visitor", [
    ("امیر قطر به تهران سفر کرد.", "tamim"),
    ("سلطان عمان به تهران سفر کرد.", "sultan_haitham"),
    ("امیر عبداللهیان به تهران سفر کرد.", "amir_abdollahian"),  # a name that begins with the word
])
def test_a_ruler_is_named_by_title_and_country(lex, text, visitor):
    assert events(lex, text) == [("Visit", [visitor], "tehran")]


@pytest.mark.parametrize("text, person", [
    ("امیر حسینی سفیر ایران در قطر گفت روابط خوب است.", "person_امیرحسینی"),
    ("امیر سعید کاظمی سفیر ایران در قطر گفت روابط خوب است.", "person_امیرسعیدکاظمی"),
])
def test_a_given_name_that_is_also_a_title_still_names_a_person(lex, text, person):
    x = run(lex, text)
    assert [(p.person, p.role, p.country, p.by_role) for p in x.posts] == [(person, "Ambassador", "iran", False)]


def test_a_meeting_in_the_margins_of_a_summit_is_the_persons(lex):
    assert events(lex, "مسعود پزشکیان در حاشیه نشست بریکس با نارندرا مودی نخست وزیر هند دیدار کرد.") == [
        ("Meeting", ["brics", "pezeshkian", "modi"], None),  # the summit, with those who attend it
        ("Meeting", ["pezeshkian", "modi"], None)]  # the meeting in its margins, without the organisation


@pytest.mark.parametrize("text, expected", [
    # a decree in a sentence that appoints is no court's verdict
    ("رئیس جمهور با حکمی محمد کاظمی را به عنوان سفیر ایران در ترکیه منصوب کرد.",
     [("Appointment", ["raisi", "person_محمدکاظمی"], None)]),
    ("رئیس جمهور با صدور حکمی محمد کاظمی را به سمت سفیر ایران در ترکیه منصوب کرد.",
     [("Appointment", ["raisi", "person_محمدکاظمی"], None)]),
    # negative: a verdict where nobody is appointed stays a legal proceeding
    ("دادگاه سوئد حکم این پرونده را صادر کرد.", [("LegalProceeding", ["sweden"], None)]),
])
def test_a_decree_that_appoints_is_no_verdict(lex, text, expected):
    assert [e for e in events(lex, text) if e[0] != "Statement"] == expected


def test_the_title_after_as_or_to_the_post_of_is_the_persons(lex):
    x = run(lex, "رئیس جمهور محمد کاظمی را به سمت سفیر ایران در ترکیه منصوب کرد.")
    assert [(p.person, p.role, p.country, p.accredited_to) for p in x.posts if p.role == "Ambassador"] == [
        ("person_محمدکاظمی", "Ambassador", "iran", "turkey")]


@pytest.mark.parametrize("text, expected", [
    ("تهران و ریاض در پکن توافقنامه ازسرگیری روابط را امضا کردند.",
     [("Agreement", ["iran", "saudi_arabia"], "beijing"), ("MissionResumption", ["iran", "saudi_arabia"], "beijing")]),
    ("مسکو اعلام کرد که از این طرح حمایت می‌کند.", [("Statement", ["russia"], None)]),
    # negatives: a capital that is where the event happens stays the place
    ("در تهران، وزیر امور خارجه عمان با عراقچی دیدار کرد.", [("Meeting", ["albusaidi", "araghchi"], "tehran")]),
    ("وزیر امور خارجه عمان در تهران با عراقچی دیدار کرد.", [("Meeting", ["albusaidi", "araghchi"], "tehran")]),
])
def test_a_capital_at_the_head_of_its_clause_is_its_government(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("سفیر ایران در باکو با وزیر امور خارجه آذربایجان دیدار کرد.", {"mousavi_abbas", "bayramov"}),
    ("سفیر ایران با وزیر امور خارجه آذربایجان دیدار کرد.", {"mousavi_abbas", "bayramov"}),  # host: the other
    # an ambassador of the lexicon is not "the ambassador" to another host, nor with no host at all
    ("سفیر ایران در مسکو با وزیر امور خارجه آذربایجان دیدار کرد.", {"bayramov"}),
    ("سفیر ایران با وزیران خارجه ترکیه و آذربایجان دیدار کرد.", {"fidan", "bayramov"}),
    ("سفیر ایران گفت روابط خوب است.", set()),
])
def test_an_ambassador_by_title_is_the_one_to_the_host_named(lex, text, expected):
    x = run(lex, text)
    assert {p.person for p in x.posts} == expected


@pytest.mark.parametrize("text, expected", [
    ("وزیر خارجه ترکیه فردا به تهران می‌آید.", [("Visit", ["fidan"], "tehran")]),
    ("وزیران خارجه ترکیه و روسیه فردا به تهران می‌آیند.", [("Visit", ["lavrov", "fidan"], "tehran")]),
    ("وزیر خارجه ترکیه فردا می‌آید.", []),  # negative: no destination, no visit
])
def test_a_trip_ahead_in_the_present_tense(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, persons", [
    # "Official" covers every other office of the presidency: not its spokesman
    ("نماینده ویژه رئیس جمهور روسیه با علی باقری دیدار کرد.", set()),
    # a fixed office named by its own title is still its holder
    ("رهبر معظم انقلاب با رئیس جمهور دیدار کرد.", {"khamenei", "raisi"}),
])
def test_an_official_by_title_is_the_holder_of_that_very_office(lex, text, persons):
    assert {p.person for p in run(lex, text).posts} == persons


def test_a_spokesman_of_a_body_is_not_its_other_official(lex):
    """"سخنگوی کاخ سفید" is not the vice-president, though both offices belong to the White House."""
    x = run(lex, "سخنگوی کاخ سفید گفت که روابط خوب است.")
    assert [(e.type, e.actors) for e in x.events] == [("Statement", ["presidency_usa"])]


@pytest.mark.parametrize("text, expected", [
    # what a demand asks for right after it is demanded, not held
    # (the talks it asks for name one side only: no meeting of one participant, held or not)
    ("لاوروف از ایران خواست به مذاکرات بازگردد.", [("Statement", ["lavrov"], None)]),
    ("لاوروف خواستار دیدار پزشکیان و پوتین شد.",
     [("Statement", ["lavrov"], None), ("Meeting", ["pezeshkian", "putin"], "Demanded")]),
    # negative: "بنا به خواست X" refers to a demand, it reports none
    ("بنا به خواست ایران نشست به تعویق افتاد.", []),
])
def test_a_demand_and_what_it_asks_for(lex, text, expected):
    assert [(e.type, e.actors, e.modality) for e in run(lex, text).events] == expected


@pytest.mark.parametrize("text, visit", [
    # a statement's clause ends at its verb and "و": the same subject travels, and the trip is not demanded
    ("گوترش حملات را محکوم کرد و به تهران سفر کرد.", ("Visit", ["guterres"], None)),
    ("گوترش خواستار توقف حملات شد و به تهران سفر کرد.", ("Visit", ["guterres"], None)),
    # negative: what a speaker says others will do is theirs, not the speaker's trip
    ("گوترش گفت وزیران خارجه ترکیه و روسیه به تهران سفر خواهند کرد.", ("Visit", ["lavrov", "fidan"], "Planned")),
])
def test_a_statement_then_a_trip_of_the_same_subject(lex, text, visit):
    assert [(e.type, e.actors, e.modality) for e in run(lex, text).events if e.type == "Visit"] == [visit]


def test_a_title_of_one_body_is_not_the_holder_of_another_bodys(lex):
    """"سخنگوی دولت" (the government's spokesperson) is not the foreign ministry's spokesman, though both are
    Spokesperson of Iran; "سخنگوی وزارت خارجه" is."""
    assert {p.person for p in run(lex, "سخنگوی دولت گفت روابط خوب است.").posts} == set()
    assert {p.person for p in run(lex, "سخنگوی وزارت خارجه گفت روابط خوب است.").posts} == {"kanaani"}


@pytest.mark.parametrize("text, expected", [
    ("عراقچی: ایران آماده مذاکره است.", [("Statement", ["araghchi"])]),  # the headline form of a quote
    ("عراقچی، وزیر امور خارجه ایران: مذاکرات ادامه دارد.", [("Statement", ["araghchi"])]),
    ("عراقچی گفت: مذاکرات ادامه دارد.", [("Statement", ["araghchi"])]),  # one statement: the verb's
    ("عراقچی در تهران: گزارش تصویری", []),  # a caption: a place between the name and the colon
    ("ساعت: ۱۰:۳۰", []),
])
def test_a_name_and_a_colon_heading_a_sentence_is_a_statement(lex, text, expected):
    assert [(e.type, e.actors) for e in run(lex, text).events] == expected


def test_one_person_alone_holds_no_meeting(lex):
    """"مذاکرات ادامه دارد" in X's words is no meeting of X with nobody; a planned one may name one side."""
    assert [e.type for e in run(lex, "عراقچی گفت مذاکرات ادامه دارد.").events] == ["Statement"]
    assert [(e.type, e.modality) for e in run(lex, "عراقچی هفته آینده با لاوروف دیدار خواهد کرد.").events] == [
        ("Meeting", "Planned")]


def test_a_schedule_cue_before_a_long_subject(lex):
    """"قرار است" reaches past a long subject to its verb: the meeting is planned."""
    x = run(lex, "قرار است وزیر امور خارجه جمهوری آذربایجان با رئیس جمهور ایران نیز دیدار کند.")
    assert [(e.type, e.modality) for e in x.events] == [("Meeting", "Planned")]


@pytest.mark.parametrize("text, posts", [
    # an office of an international organisation is of no country: not of the holder's nationality
    ("آنتونیو گوترش دبیرکل سازمان ملل با عراقچی دیدار کرد.", []),
    # an office of a country's body is that country's, named or by role
    ("دیمیتری پسکوف سخنگوی کرملین گفت روابط خوب است.", [("peskov", "Official", "russia", "presidency_russia")]),
    ("سخنگوی کرملین گفت روابط خوب است.", [("peskov", "Official", "russia", "presidency_russia")]),
])
def test_the_country_of_an_international_title_is_its_bodys(lex, text, posts):
    assert [(p.person, p.role, p.country, p.organization) for p in run(lex, text).posts] == posts


@pytest.mark.parametrize("text, expected", [
    ("سپاه پاسداران انقلاب اسلامی مواضع تروریست‌ها در اقلیم کردستان عراق را هدف قرار داد.",
     [("Attack", ["irgc"], None)]),
    ("ارتش اسرائیل سفارت ایران در دمشق را بمباران کرد.",
     [("Attack", ["mission_embassy_iran_damascus"], "damascus")]),
    ("هیئت پارلمانی ایران به ریاست رئیس کمیسیون امنیت ملی مجلس وارد بغداد شد.", [("Visit", ["iran"], "baghdad")]),
    ("هیئتی از روسیه وارد تهران شد.", [("Visit", ["russia"], "tehran")]),
])
def test_strikes_and_delegations(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, posts", [
    # "TITLE X را به عنوان TITLE2": X gets TITLE2; TITLE is the one who appoints
    ("رئیس جمهور علی احمدی را به عنوان سرپرست وزارت امور خارجه منصوب کرد.",
     {("raisi", "HeadOfState"), ("person_علیاحمدی", "ForeignMinister")}),
    ("نخست وزیر عراق فواد حسین را به عنوان وزیر امور خارجه ابقا کرد.",
     {("sudani", "HeadOfGovernment"), ("fuad_hussein", "ForeignMinister")}),
    # negative: "TITLE X" with no "را به عنوان" after is X's title
    ("رئیس جمهور علی احمدی گفت روابط خوب است.", {("person_علیاحمدی", "HeadOfState")}),
])
def test_the_title_before_an_appointed_name_is_the_appointers(lex, text, posts):
    assert {(p.person, p.role) for p in run(lex, text).posts} == posts


@pytest.mark.parametrize("text, expected", [
    # the host of an ambassador "در Y" (a country, or a city of it) is "این کشور" after it, not the sender
    ("سفیر ایران در آذربایجان به وزارت خارجه این کشور احضار شد.", ["mousavi_abbas", "mfa_azerbaijan"]),
    ("سفیر ایران در باکو به وزارت خارجه این کشور احضار شد.", ["mousavi_abbas", "mfa_azerbaijan"]),
])
def test_this_country_after_an_ambassadors_host(lex, text, expected):
    assert [e.actors for e in run(lex, text).events if e.type == "Summons"] == [expected]


@pytest.mark.parametrize("text, expected", [
    # an international body at the head of its clause holds the session it names
    ("شورای امنیت سازمان ملل متحد نشست اضطراری برگزار کرد.", [("Meeting", ["unsc"], None)]),
    # negative: an attack noun inside what a body condemns is not that body's attack
    ("سازمان همکاری اسلامی در بیانیه‌ای حمله به سفارت را محکوم کرد.", [("Statement", ["oic"], None)]),
])
def test_bodies_that_meet_or_condemn(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, posts", [
    # a singular title before "X و Y" with a plural verb or "یکدیگر" after: each country's holder
    ("وزیر امور خارجه ایران و عمان در تهران با یکدیگر دیدار کردند.",
     {("amir_abdollahian", "iran"), ("albusaidi", "oman")}),
    # negative: a singular verb: the title is the first country's, the second country is the object's
    ("وزیر امور خارجه ایران و عمان را دید.", {("amir_abdollahian", "iran")}),
])
def test_one_title_for_two_countries(lex, text, posts):
    assert {(p.person, p.country) for p in run(lex, text).posts if p.role == "ForeignMinister"} == posts


@pytest.mark.parametrize("text, expected", [
    # what an outlet reports has its own participants: the one it names is not its source
    ("ایرنا گزارش داد که نخست وزیر عراق به تهران سفر می‌کند.", [("Visit", ["sudani"], "tehran")]),
    ("به گزارش ایرنا، نخست وزیر عراق به تهران سفر می‌کند.", [("Visit", ["sudani"], "tehran")]),
])
def test_what_an_outlet_reports(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("لندن سفیر ایران را احضار کرد.", [("Summons", ["uk", "iran"], None)]),
    ("روزنامه گاردین نوشت که لندن سفیر ایران را احضار کرده است.", [("Summons", ["uk", "iran"], None)]),
])
def test_a_capital_that_acts_on_an_object(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, modality", [
    ("دیدار پزشکیان و پوتین لغو شد.", "Negated"),
    ("سفر وزیر خارجه ترکیه به تهران به تعویق افتاد.", "Negated"),
    ("ایران آماده است با عربستان مذاکره کند.", "Hoped"),
    ("پزشکیان و پوتین دیدار کردند.", None),  # negative: held
])
def test_cancelled_postponed_and_offered_events_were_not_held(lex, text, modality):
    assert [e.modality for e in run(lex, text).events] == [modality]
