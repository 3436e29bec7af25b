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

