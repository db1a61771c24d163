"""A news page's tail (related news, tags, the agencies' end-of-story line) is not the article: nothing is read
from it, and the offsets of the article's text do not move. Texts written for this file."""

import pytest

from kg.extract.pipeline import extract_document
from kg.extract.text import article_end
from kg.lexicon import load
from kg.model import Document

BODY = ("سید عباس عراقچی وزیر امور خارجه کشورمان امروز در دیدار با هاکان فیدان وزیر خارجه ترکیه در آنکارا گفت "
        "روابط خوب است.\n")


@pytest.fixture(scope="module")
def lex():
    return load()


@pytest.mark.parametrize("tail", ["انتهای پیام/\n", "/انتهای پیام\n", "اخبار مرتبط:\n", "برچسب‌ها: ایران، ترکیه\n"])
def test_nothing_is_read_after_the_end_of_the_article(lex, tail):
    text = BODY + tail + "سفر وزیر خارجه به ریاض\n"
    assert article_end(text, lex.boilerplate) == len(BODY)
    x = extract_document(Document("t", text, "mem", published_raw="2024-11-15"), lex)
    assert [(e.type, e.place) for e in x.events] == [("Meeting", "ankara"), ("Statement", None)]
    assert all(m.span.end <= len(BODY) for m in x.mentions)


@pytest.mark.parametrize("text", [
    "اخبار مرتبط:\n" + BODY,  # a marker before any text of the article (a page's sidebar first) cuts nothing
    BODY + "او گفت این خبر انتهای پیام دیپلماسی منطقه نیست و روابط ادامه دارد و دو کشور به گفتگو ادامه می‌دهند.\n",
])
def test_a_marker_that_does_not_close_the_article_cuts_nothing(lex, text):
    assert article_end(text, lex.boilerplate) is None


def test_a_pronoun_opening_a_sentence_is_the_previous_subject(lex):
    """"X در دیدار با Y … گفت … . وی افزود …": X speaks again, one statement of X (not one of Y)."""
    x = extract_document(Document("t", BODY + "وی افزود همکاری‌ها ادامه دارد.\n", "mem", published_raw="2024-11-15"),
                         lex)
    assert [(e.type, e.actors) for e in x.events] == [("Meeting", ["araghchi", "fidan"]), ("Statement", ["araghchi"])]
