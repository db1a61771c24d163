"""Extraction steps are registered components; an order whose needs are unmet is refused, naming what is missing."""

from pathlib import Path

import pytest

from kg.extract.component import DEFAULT_PIPELINE, REGISTRY, PipelineError, component, plan
from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

TOY = load(Path(__file__).parent / "data" / "toy_lexicon")


def test_default_pipeline_is_registered_in_order():
    assert [c.name for c in plan(DEFAULT_PIPELINE)] == [
        "document", "entities", "dates", "by-role", "plural", "pronouns", "posts", "events", "mentions",
        "entities-used"]
    assert REGISTRY["posts"].requires == {"titles", "by-role", "plural-posts", "pronouns"}
    assert REGISTRY["posts"].module == "kg.extract.steps.posts"


def test_order_with_an_unmet_need_is_refused_naming_it():
    with pytest.raises(PipelineError) as e:
        plan(["document", "entities", "posts"])
    assert str(e.value) == ("extractor order refused: 'posts' needs 'by-role', 'plural-posts', 'pronouns', which no "
                            "step before it provides (order: document, entities, posts)")


def test_step_before_what_it_needs_is_refused():
    order = list(DEFAULT_PIPELINE)
    order.remove("dates")
    order.append("dates")
    with pytest.raises(PipelineError, match=r"^extractor order refused: 'by-role' needs 'dates', which no step"):
        plan(order)


def test_unknown_step_is_refused():
    with pytest.raises(PipelineError, match=r"^no extractor named 'nope' \(known: by-role, dates, document,"):
        plan(["document", "nope"])


def test_extract_document_checks_the_order_before_reading():
    doc = Document("t", "وزیر امور خارجه دیروز سفر کرد.", "mem")
    with pytest.raises(PipelineError, match="'events' needs 'dates', 'found', 'pronouns'"):
        extract_document(doc, TOY, order=("document", "events"))


def test_a_shorter_order_runs_only_its_steps():
    doc = Document("t", "امروز سه‌شنبه ۱۲ مهر ۱۴۰۲ خبری نبود.", "mem")
    x = extract_document(doc, TOY, order=("document", "dates"))
    assert (x.language, x.events, x.posts, x.mentions, x.entities) == ("fa", [], [], [], {})
    assert len(x.sentences) == 1


def test_a_step_registered_twice_under_one_name_is_refused():
    with pytest.raises(PipelineError, match="extractor 'posts' registered twice"):
        component("posts")(lambda ctx: None)
