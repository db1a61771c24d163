"""Issue 12 kinds of entity and post mentions, through the real pipeline with the production lexicon, on sentences
written for this file (invented names). Each table has negatives: text of the same shape that names nobody."""

import pytest

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

PUB = "2023-10-15"  # Raisi, Amir-Abdollahian, Guterres in office


@pytest.fixture(scope="module")
def lex():
    return load()


def run(lex, text):
    return extract_document(Document("t", text, "mem", published_raw=PUB), lex)


def named(x, kind):
    """(surface, entity name) of the mentions of `kind` that name their entity, in text order."""
    out = []
    for m in x.mentions:
        e = x.entities[m.entity]
        if e.kind == kind and m.how not in ("coref", "by-role") and (m.text, e.name_fa) not in out:
            out.append((m.text, e.name_fa))
    return out


def posts(x, by_role=True):
    return sorted((x.entities[p.person].name_fa, p.role, p.country) for p in x.posts if by_role or not p.by_role)


# ---- persons not in the lexicon, in apposition or quotes -------------------------------------------------------
APPOSITION = [
    # «NAME»، TITLE and «NAME» TITLE COUNTRY: any words in quotes next to a title
    ("«پیتر کوالسکی»، وزیر خارجه لهستان به تهران آمد.",
     [("پیتر کوالسکی", "پیتر کوالسکی")], [("پیتر کوالسکی", "ForeignMinister", "poland")]),
    ("«استف بروگمن» وزیر خارجه هلند گفت که سفیرش را فرا می‌خواند.",
     [("استف بروگمن", "استف بروگمن")], [("استف بروگمن", "ForeignMinister", "netherlands")]),
    # NAME، TITLE COUNTRY at the start of a clause, no known given name needed
    ("به گزارش ایرنا، ژائو لینگ، سخنگوی وزارت خارجه چین گفت که گفتگو ادامه دارد.",
     [("ژائو لینگ", "ژائو لینگ")], [("ژائو لینگ", "Spokesperson", "china")]),
    # TITLE COUNTRY، NAME،
    ("وزیر خارجه مالزی، کمال الدین یوسف، وارد تهران شد.",
     [("کمال الدین یوسف", "کمال الدین یوسف")], [("کمال الدین یوسف", "ForeignMinister", "malaysia")]),
    # a rank or courtesy title before the surname of a lexicon person
    ("دکتر روحانی در تهران سخن گفت.", [("دکتر روحانی", "حسن روحانی")], []),
    # negatives: a time phrase or a title before the comma is nobody
    ("روز گذشته، وزیر خارجه لهستان به تهران آمد.", [], []),
    ("در این دیدار، سخنگوی وزارت خارجه چین گفت که گفتگو ادامه دارد.", [], []),
    ("«این توافق خوب است» وزیر خارجه هلند گفت.", [], []),
]


@pytest.mark.parametrize(("text", "persons", "expected_posts"), APPOSITION)
def test_persons_in_apposition_and_quotes(lex, text, persons, expected_posts):
    x = run(lex, text)
    assert [p for p in named(x, "Person") if p[1] != "سید ابراهیم رئیسی"] == persons
    assert posts(x, by_role=False) == expected_posts


# ---- persons named without a title ----------------------------------------------------------------------------
NO_TITLE = [
    ("خبرگزاری‌ها از بازداشت فردی به نام «کاوه صالحی» خبر دادند.", [("کاوه صالحی", "کاوه صالحی")]),
    ("به گزارش ایسنا، سید مرتضی قاسمی نیک در این دیدار بر همکاری تاکید کرد.",
     [("سید مرتضی قاسمی نیک", "سید مرتضی قاسمی نیک")]),
    ("عربستان از اعدام آیت الله شیخ حسن الراضی خبر داد.", [("آیت الله شیخ حسن الراضی", "حسن الراضی")]),
    ("سعود بن نایف آل فیصل به مسقط رفت.", [("سعود بن نایف آل فیصل", "سعود بن نایف آل فیصل")]),
    ("گیورگی کاپانادزه در این دیدار بر همکاری تاکید کرد.", [("گیورگی کاپانادزه", "گیورگی کاپانادزه")]),
    # negatives: a given name before an ordinary word, a plural of a demonym, a bare given name
    ("امید ایرانیان به توافق زیاد است.", []),
    ("علی گفت که روابط خوب است.", []),
    ("سید و سالار این گروه به تهران آمدند.", []),
]


@pytest.mark.parametrize(("text", "persons"), NO_TITLE)
def test_persons_named_without_a_title(lex, text, persons):
    assert named(run(lex, text), "Person") == persons


# ---- titles: adjectives inside, former and acting posts, qualifiers ------------------------------------------
TITLES = [
    # former office: a post, but never resolved by role to whoever holds it now
    ("سردار کاظمی، رئیس پیشین پلیس تهران گفت که ضارب دستگیر شد.", [("کاظمی", "Official", "iran")]),
    ("وزیر خارجه سابق ایران در این نشست سخنرانی کرد.", []),
    # the present holder is resolved by role
    ("وزیر خارجه ایران در این نشست سخنرانی کرد.", [("حسین امیرعبداللهیان", "ForeignMinister", "iran")]),
    # acting posts
    ("نادر شریفی، سرپرست سفارت ایران در کابل گفت که کار کنسولی ادامه دارد.", [("نادر شریفی", "Official", "iran")]),
    # a word and a parenthesis between the title and its country
    ("رضا کریمی معاون رئیس جمهوری و رئیس مجلس علیای (سنا) هند به تهران رفت.",
     [("رضا کریمی", "Official", "india")]),
    # the sending country of a mission after the title
    ("«یان لارسون» کاردار سفارت سوئد در تهران به وزارت خارجه احضار شد.",
     [("یان لارسون", "Official", "sweden")]),
    # "Official" by role only for a holder of that very office: nobody holds "رئیس مجلس" of India in the lexicon
    ("رئیس مجلس هند به تهران رفت.", []),
    # coordination: a person named between two titles keeps a known office of his own
    ("حسین امیرعبداللهیان وزیر امور خارجه و وانگ یی وزیر خارجه چین دیدار کردند.",
     [("حسین امیرعبداللهیان", "ForeignMinister", "iran"), ("وانگ یی", "ForeignMinister", "china")]),
    # a counterpart holds the subject's office for the country named
    ("امیرعبداللهیان با «کریم نوری» همتای سوری‌اش دیدار کرد.", [("کریم نوری", "ForeignMinister", "syria")]),
    ("وزیر خارجه ایران با همتای روس خود تلفنی گفتگو کرد.",
     [("حسین امیرعبداللهیان", "ForeignMinister", "iran"), ("سرگئی لاوروف", "ForeignMinister", "russia")]),
    ("همتای روس در این نشست حاضر نبود.", []),  # no subject with an office: nobody
    # several holders of one country's office
    ("سید عباس عراقچی و مجید تخت‌روانچی معاونان وزیر امور خارجه به وین رفتند.",
     [("سید عباس عراقچی", "DeputyForeignMinister", "iran"), ("مجید تخت‌روانچی", "DeputyForeignMinister", "iran")]),
]


@pytest.mark.parametrize(("text", "expected_posts"), TITLES)
def test_titles_and_posts(lex, text, expected_posts):
    assert posts(run(lex, text)) == expected_posts


def test_a_former_title_is_marked(lex):
    from kg.extract.entities import EntityFinder
    from kg.extract.text import Text

    _, titles, _ = EntityFinder(lex).run(Text.of("سردار کاظمی، رئیس پیشین پلیس تهران گفت."))
    assert [(t.title.form, t.former) for t in titles] == [("رئیس پلیس", True)]


# ---- organizations named generically --------------------------------------------------------------------------
ORGS = [
    ("خبرگزاری رسمی مالزی برناما روز پنجشنبه اعلام کرد که هیئت به تهران می‌رود.", [("برناما", "برناما")]),
    ("روزنامه لبنانی «الاخبار» از این سفر خبر داد.", [("الاخبار", "الاخبار")]),
    ("به گزارش خبرگزاری آسیا، هیئت به تهران رفت.", [("آسیا", "آسیا")]),
    ("صبح‌نیوز :\nهیئت به تهران رفت.", [("صبح‌نیوز", "صبح‌نیوز")]),
    ("وزارت کشور عربستان سعودی بیانیه داد.", [("وزارت کشور عربستان سعودی", "وزارت کشور عربستان سعودی")]),
    ("دادستانی بلژیک پرونده را بست.", [("دادستانی بلژیک", "دادستانی بلژیک")]),
    ("دادگاه تجدیدنظر دانمارک حکم را تایید کرد.", [("دادگاه تجدیدنظر دانمارک", "دادگاه تجدیدنظر دانمارک")]),
    ("پلیس مشهد ضارب را دستگیر کرد.", [("پلیس مشهد", "پلیس مشهد")]),
    ("هیئت دولت سند را تصویب کرد.", [("هیئت دولت", "هیئت دولت ایران")]),
    # negatives: an anaphoric head, a head before a verb, a nuclear site, police with no place
    ("این روزنامه نوشت که هیئت به تهران رفت.", []),
    ("سایت هسته‌ای فردو بازدید شد.", []),
    ("پلیس ضارب را دستگیر کرد.", []),
]


@pytest.mark.parametrize(("text", "orgs"), ORGS)
def test_organizations_named_generically(lex, text, orgs):
    assert named_or_designated(run(lex, text), "Organization") == orgs


def named_or_designated(x, kind):
    return [(m.text, x.entities[m.entity].name_fa) for m in x.mentions
            if x.entities[m.entity].kind == kind and m.how in ("pattern", "designation")]


MISSIONS = [
    ("معترضان به سفارتخانه و کنسولگری سعودی در شهرهای تهران و مشهد حمله کردند.",
     ["سفارت عربستان سعودی در تهران", "کنسولگری عربستان سعودی در مشهد"]),
    ("کنسولگری ترکیه در تبریز بازگشایی شد.", ["کنسولگری ترکیه در تبریز"]),
]


@pytest.mark.parametrize(("text", "missions"), MISSIONS)
def test_consulates_and_embassies(lex, text, missions):
    x = run(lex, text)
    assert sorted({x.entities[m.entity].name_fa for m in x.mentions if x.entities[m.entity].kind == "Mission"}) \
        == missions


def test_our_country_inside_a_designation_is_a_mention_of_it(lex):
    x = run(lex, "سخنگوی وزارت امور خارجه کشورمان حمله را محکوم کرد.")
    assert ("کشورمان", "iran") in [(m.text, m.entity) for m in x.mentions]
