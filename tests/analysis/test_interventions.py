"""Intervention mentions: lexicon drugs, new drugs by their stem, brand-style products, references."""

from __future__ import annotations

import pytest

from medguard.analysis.interventions import find_interventions


def mentions(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.canonical, m.kind) for m in find_interventions(text).items]


def test_lexicon_drugs_and_a_new_drug_by_its_stem():
    assert mentions("Suboxone and zorbatinib work.") == [
        ("Suboxone", "buprenorphine/naloxone", "brand"), ("zorbatinib", "zorbatinib", "generic"),
    ]


@pytest.mark.parametrize("text, product", [
    ("CalmRoot is completely safe.", "CalmRoot"),                      # an inner capital, as a claim's subject
    ("Try SlimRx today. SlimRx works.", "SlimRx"),                     # an inner capital, named twice
    ("Vitalix® restores energy; Vitalix is natural.", "Vitalix"),      # a trademark sign
    ("Zenthra (sertraline) lifts your mood. Zenthra helps.", "Zenthra"),  # a brand named with a known generic
])
def test_products_are_found_wherever_they_are_named(text, product):
    found = [m for m in mentions(text) if m[2] == "product"]
    assert found and {m[0] for m in found} == {product}
    assert len(found) == text.count(product)


def test_a_brand_in_capitals_is_the_same_product_when_a_sentence_writes_it_in_title_case():
    found = [m for m in mentions("VELMORA (zantecrolimab) is approved for lupus. With Velmora, patients can plan their week again.")
             if m[2] == "product"]
    assert [(text, canonical) for text, canonical, _ in found] == [("VELMORA", "velmora"), ("Velmora", "velmora")]


@pytest.mark.parametrize("text", [
    "Try SlimRx today. Ultra-SlimRx and SlimRx-Max are others.",  # once alone; in hyphenated names it is not SlimRx
    "McDonald is a name, and so is MacArthur; iPhone is a phone.",
])
def test_brand_style_names_inside_longer_names_or_ordinary_words_are_not_products(text):
    assert [m for m in mentions(text) if m[2] == "product"] == []


def test_references_to_the_treatment():
    assert ("our program", "reference", "reference") in mentions("After our program, clients recover.")


@pytest.mark.parametrize("text", [
    "'Female Viagra' may treat low sexual desire in premenopausal women.",
    "Our herbal Viagra works in minutes.",
    "The so-called pink Viagra, flibanserin, was approved in 2015.",
])
def test_another_products_nickname_does_not_mention_the_brand(text):
    assert [m for m in mentions(text) if m[0] == "Viagra"] == []
    assert mentions("Generic Viagra costs less than the brand.")[0][:2] == ("Viagra", "sildenafil")


def test_a_news_service_in_camel_case_is_the_source_not_a_promoted_product():
    from medguard.analysis.interventions import find_interventions

    text = ("MONDAY, Jan. 8 (HealthDay News) -- A new nasal spray eases migraines, HealthDay reported. "
            "CalmRoot is completely safe, and CalmRoot works fast.")
    interventions = find_interventions(text)
    assert interventions.main == "calmroot"
    assert not [m for m in interventions if m.text == "HealthDay"]



@pytest.mark.parametrize("text, canonical, kind", [
    ("LASIK is one of the safest procedures.", "LASIK", "procedure"),
    ("Pediatric chiropractic is gentle.", "chiropractic", "procedure"),
    ("The gastric sleeve works better than a gastric balloon.", "bariatric surgery", "procedure"),
    ("Proton therapy spares tissue that radiation therapy harms.", "radiotherapy", "class"),  # a field, like a drug class
])
def test_named_procedures_are_interventions(text, canonical, kind):
    assert (canonical, kind) in {(m[1], m[2]) for m in mentions(text)}


def test_a_procedure_is_the_main_intervention_of_a_page_that_promotes_it():
    text = "LASIK corrects your vision. Unlike glasses, LASIK is permanent. Book your LASIK consultation."
    assert find_interventions(text).main == "LASIK"


@pytest.mark.parametrize("text, product", [
    ("Calmly reduces anxiety in just 10 minutes a day. In a trial, Calmly's programme helped.", "Calmly"),
    ("Somna eases insomnia. Members who use Somna every night sleep longer.", "Somna"),
])
def test_a_one_word_name_used_as_a_proper_noun_and_a_claims_subject_is_a_product(text, product):
    assert {m[0] for m in mentions(text) if m[2] == "product"} == {product}


@pytest.mark.parametrize("text", [
    "Exercise reduces stress. Try exercise and a better diet.",  # never a proper noun in running prose
    "Dr. Ruiz treats scars. We trust Dr. Ruiz, who trained in Miami.",  # a person
])
def test_an_ordinary_word_or_a_persons_name_opening_a_claim_is_not_a_product(text):
    assert [m for m in mentions(text) if m[2] == "product"] == []
