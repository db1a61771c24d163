"""kg.langid.detect: language by script and letter statistics, Persian told apart from Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.langid import detect

SEED = Path(__file__).parent.parent / "seeds" / "000_b8878e3335182e53.txt"
FA = "وزیر امور خارجه ایران امروز با همتای خود در باکو دیدار و گفت‌وگو کرد."

# text, expected language, expected confidence (rounded to 3 decimals)
CASES = [
    pytest.param(FA, "fa", 1.0, id="Persian sentence"),
    pytest.param(FA.replace("ی", "ي").replace("ک", "ك"), "fa", 0.904,
                 id="Persian typed with Arabic yeh and kaf is still Persian"),
    pytest.param("سخنگوی وزارت خارجه گفت این سفر مهم است.", "fa", 1.0, id="Persian with گ and است"),
    pytest.param("ذهب الوزير إلى القاهرة في زيارة رسمية التقى خلالها بنظيره المصري.", "ar", 1.0,
                 id="Arabic sentence"),
    pytest.param("قال المتحدث باسم الخارجية إن هذه الزيارة مهمة للعلاقات بين البلدين.", "ar", 1.0,
                 id="Arabic with ة and function words"),
    pytest.param("The foreign minister of Iran met his counterpart in Baku on Sunday.", "en", 1.0,
                 id="English sentence"),
    pytest.param("Der Außenminister traf seinen Amtskollegen am Sonntag.", "und-Latn", 0.5,
                 id="negative: Latin but not English"),
    pytest.param("Министр иностранных дел России встретился с коллегой в Москве.", "ru", 0.95,  # noqa: RUF001 - Cyrillic intended
                 id="Russian"),
    pytest.param("Міністр закордонних справ України зустрівся з колегою.", "und-Cyrl", 0.6,
                 id="negative: Ukrainian is not Russian"),
    pytest.param("وزیر امور خارجه ایران با Antony Blinken در New York دیدار کرد.", "fa", 0.6,
                 id="mixed: Persian with English names, confidence scaled by the Arabic-script share"),
    pytest.param("Iran's minister said: «ما آماده گفت‌وگو هستیم» and left for the airport with the delegation.",
                 "en", 0.75, id="mixed: English with a Persian quote"),
    pytest.param("ایران", "fa", 0.542, id="one Persian word: Persian, weakly"),
    pytest.param("سلام", "fa", 0.5, id="no evidence either way: Persian first, at 0.5"),
    pytest.param("۱۴۰۲/۱۱/۲۹ - 12:30 !!!", "und", 0.0, id="no letters"),
    pytest.param("", "und", 0.0, id="empty"),
    pytest.param("東京の外務大臣", "und", 0.5, id="another script"),
]


@pytest.mark.parametrize(("text", "lang", "conf"), CASES)
def test_detect(text, lang, conf):
    """Each sentence gets exactly this language code and confidence."""
    assert detect(text) == (lang, conf)


def test_seed_article_is_persian():
    """The seed article (which quotes outlets and has ** markup) is detected as Persian with high confidence."""
    lang, conf = detect(SEED.read_text(encoding="utf-8"))
    assert lang == "fa" and conf >= 0.95


def test_only_the_start_is_read():
    """Detection looks at the first SAMPLE characters only: what follows cannot change the result."""
    from kg.langid import SAMPLE

    head = (FA + " ") * (SAMPLE // len(FA) + 1)
    assert detect(head + "The end of the text is English and long. " * 1000) == detect(head)


@given(st.text())
def test_detect_total_and_bounded(text):
    """Any text gives a known code and a confidence in [0, 1] with at most 3 decimals; the same every time."""
    lang, conf = detect(text)
    assert lang in {"fa", "ar", "en", "ru", "und", "und-Latn", "und-Cyrl"}
    assert 0.0 <= conf <= 1.0 and round(conf, 3) == conf
    assert detect(text) == (lang, conf)
