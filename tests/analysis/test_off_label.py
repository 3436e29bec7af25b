"""Uses (a treatment presented for a condition) and the off-label rule on realistic copy."""

from pathlib import Path

import pytest

from medguard import Document, Engine, PluginHost, PolicyError, load_policy

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "examples" / "policies" / "off-label.yaml"
OFF_LABEL_RULES = {"off-label.promoted-products", "off-label.p"}
"""The `off-label` rules of the example pack and of the packs the tests write."""


@pytest.fixture(scope="module")
def brand_engine() -> Engine:
    host = PluginHost()
    return Engine(load_policy(str(PACK), host.rule_types), host)


def off_label(engine, text: str, fmt: str = "text"):
    """Findings of the off-label rule type (the example pack's semantic rules are tested with the model layer)."""
    report = engine.check(Document(body=text, format=fmt)).report
    return [f for f in report.active_findings() if f.category == "off-label" and f.rule in OFF_LABEL_RULES]


@pytest.mark.parametrize("sentence, words, conditions, subject, negated", [
    ("Zubsolv is indicated for the treatment of opioid dependence and should be used as part of a complete treatment plan.",
     "is indicated for the treatment of", ["opioid dependence"], "Zubsolv", False),
    ("Zubsolv also helps with chronic pain and anxiety.", "helps with", ["chronic pain", "anxiety"], "Zubsolv", False),
    ("Many doctors now prescribe Ozempic for weight loss.", "for", ["weight loss"], "Ozempic", False),
    ("Do not use Zubsolv to treat pain.", "treat", ["pain"], "Zubsolv", True),
    ("Avastin has not been approved for use in treating macular degeneration.",
     "been approved for use in treating", ["macular degeneration"], "Avastin", True),
    ("Gabapentin, unlike Zubsolv, treats nerve pain.", "treats", ["nerve pain"], "Gabapentin", False),
    ("Zubsolv, unlike gabapentin which treats nerve pain, is a film.", "treats", ["nerve pain"], "gabapentin", False),
    ("Avastin is approved as a treatment for certain types of lung, kidney and brain cancer.",
     "is approved as a treatment for", ["lung cancer", "kidney cancer", "brain cancer"], "Avastin", False),
    ("Botox is approved to treat conditions like chronic migraine and excessive sweating.",
     "is approved to treat", ["chronic migraine", "excessive sweating"], "Botox", False),
    ("Doctors can use Botox to treat stroke victims.", "treat", ["stroke"], "Botox", False),
])
def test_uses_name_their_conditions_and_subject(analyze, sentence, words, conditions, subject, negated):
    [use, *_] = analyze(sentence).annotation("uses")
    assert use.cue.text.startswith(words)
    assert [c.text for c in use.conditions] == conditions
    assert use.subject.text == subject
    assert use.negated is negated


@pytest.mark.parametrize("sentence", [
    "Patients treated with Zubsolv had fewer cravings.",
    "Zubsolv-treated patients felt better.",
    "Take Zubsolv for 12 weeks.",
    "Zubsolv for $25 a month with our savings card.",
    "Statins such as Lipitor work by preventing the liver from making cholesterol.",
    "It is the start of an entirely new way of treating ED.",
])
def test_what_is_not_a_use(analyze, sentence):
    assert analyze(sentence).annotation("uses") == []


def test_a_clause_after_a_comma_is_not_a_condition(analyze):
    text = "Avastin should be phased out as a treatment for metastatic breast cancer, the Food and Drug Administration said Thursday."
    [use] = analyze(text).annotation("uses")
    assert [c.text for c in use.conditions] == ["metastatic breast cancer"]


def test_the_promotional_page_is_flagged_where_it_strays(brand_engine):
    page = ROOT / "tests/fixtures/articles/promo-offlabel.html"
    report = brand_engine.check(Document(body=page.read_text(encoding="utf-8"), format="html"), str(page)).report
    found = [f for f in report.active_findings() if f.category == "off-label"]
    assert [f.excerpt for f in found] == ["helps with chronic pain and anxiety", "is also used to treat depression"]
    first, second = found
    assert first.message == ("Off-label use: presents Zubsolv for “chronic pain” and “anxiety”, which are not among its "
                             "approved indications (opioid dependence, opioid use disorder, OUD, …).")
    assert "opioid cravings" in first.explanation["approved_indications"]
    assert first.explanation["listed_as_off_label"] == ["chronic pain", "anxiety"]
    assert first.explanation["use"]["subject_found_by"] == "named"
    assert first.confidence == 0.9 and first.severity.value == "error"
    assert second.explanation["use"]["subject_found_by"] == "pronoun"  # "It is also used…": the page's product
    assert "21 CFR 202.1(e)(4)(i)(a): no use not in the approved labeling" in first.references
    assert report.decision.value == "block"


@pytest.mark.parametrize("text, conditions", [
    ("Ozempic is approved for type 2 diabetes. Our doctors also prescribe it for obesity.", ["obesity"]),
    ("Ozempic is a real game changer for anyone battling sleep apnoea.", ["sleep apnoea"]),
    ("Our team uses Zubsolv to help patients come off benzodiazepines.", ["come off benzodiazepines"]),
    ("Zubsolv might help treat migraine, our doctors say.", ["migraine"]),
    ("Ozempic tames emotional eating and melts stubborn belly fat.", ["emotional eating", "stubborn belly fat"]),
    ("Tired of tension headaches? Zubsolv can help.", ["tension headaches"]),
    ("Ask about our Ozempic weight loss program today.", ["weight loss"]),
    ("Our sleep clinic now prescribes Ozempic to adults with sleep apnoea.", ["sleep apnoea"]),
    ("Zubsolv is offered at both of our clinics to veterans struggling with PTSD.", ["PTSD"]),
    ("Online Zubsolv consultations for fibromyalgia, same week.", ["fibromyalgia"]),
    ("Our doctors can now prescribe Zubsolv tablets for fibromyalgia, once a day.", ["fibromyalgia"]),
    ("Skip the opioids after surgery and leave with Zubsolv for your knee pain instead.", ["knee pain"]),
    ("Our clients say Zubsolv is making a real difference for anyone living with panic attacks.", ["panic attacks"]),
    ("Patients tell us Zubsolv takes the edge off their insomnia.", ["insomnia"]),
    ("New hope for teens with acne: our dermatologists now discuss Ozempic at every visit.", ["acne"]),
    ("Popular with athletes looking to ease shin splints, Zubsolv ships the same day.", ["shin splints"]),
    ("Good for: hot flashes and night sweats | Ozempic 1 mg | $310", ["hot flashes", "night sweats"]),
    ("Best for: sciatica, restless legs | Zubsolv 5.7 mg | $89", ["sciatica", "restless legs"]),
    ("Night-shift workers are turning to Zubsolv for restless legs.", ["restless legs"]),
    ("Many of our patients also use Ozempic to lose weight, even without diabetes.", ["lose weight"]),
    ("Some men take Zubsolv for their back pain.", ["back pain"]),
])
def test_wordings_of_use_beyond_treats(brand_engine, text, conditions):
    found = off_label(brand_engine, text)
    assert [c for f in found for c in f.explanation["off_label_conditions"]] == conditions


@pytest.mark.parametrize("question", [
    "Q: Should I ask my doctor for Ozempic for weight loss?",
    "Will Ozempic help my PCOS?",
    "How soon will Zubsolv ease my back pain?",
])
def test_a_readers_question_is_answered_not_promoted(brand_engine, question):
    text = f"{question} A: Ozempic is approved for type 2 diabetes only."
    assert off_label(brand_engine, text) == []
    [finding] = off_label(brand_engine, "Why wait? Ask your doctor for Ozempic for weight loss.")
    assert finding.explanation["off_label_conditions"] == ["weight loss"]


def test_how_a_product_is_taken_is_not_a_use(brand_engine):
    assert off_label(brand_engine, "Zubsolv comes in six strengths and dissolves under the tongue in minutes.") == []
    assert off_label(brand_engine, "Take Ozempic with or without food, once a week.") == []


def test_a_question_or_a_programme_that_names_no_use_is_not_one(brand_engine):
    assert off_label(brand_engine, "Questions about your refill? Our pharmacists can help.") == []
    assert off_label(brand_engine, "The Ozempic savings program lowers your copay.") == []
    assert off_label(brand_engine, "We do not run an Ozempic weight-loss program.") == []


def test_an_approved_use_in_other_words_passes(brand_engine):
    assert off_label(brand_engine, "Zubsolv treats severe dependence on opioids in adults.") == []
    assert off_label(brand_engine, "Ozempic lowers blood sugar and reduces the risk of heart attack and stroke.") == []
    assert off_label(brand_engine, "We prescribe Zubsolv to patients with fentanyl addiction.") == []


def test_who_a_product_is_given_to_names_its_use_unless_negated(brand_engine):
    [finding] = off_label(brand_engine, "Our clinic now offers Ozempic to teens hoping to lose weight before prom.")
    assert finding.explanation["off_label_conditions"] == ["lose weight"]
    assert finding.explanation["use"]["wording"] == "indication"
    assert off_label(brand_engine, "We do not prescribe Zubsolv to patients with chronic back pain.") == []
    assert off_label(brand_engine, "Ozempic is available to patients with a prescription from any pharmacy.") == []


def test_a_dose_standing_for_the_page_product_is_its_subject(brand_engine):
    text = "Ozempic, once a week. Imagine if one small shot could calm the binge eating for good."
    [finding] = off_label(brand_engine, text)
    assert finding.explanation["off_label_conditions"] == ["binge eating"]
    assert off_label(brand_engine, "Imagine if one small shot could calm the binge eating for good.") == []  # no product


def engine_for(tmp_path, products: str, **options: str) -> Engine:
    """An engine with one off-label rule for ``products`` (YAML list items) and ``options``."""
    pack = tmp_path / "pack.yaml"
    lines = "".join(f"      {name}: {value}\n" for name, value in options.items())
    pack.write_text('name: t\nversion: "1"\nrules:\n  - id: off-label.p\n    type: off-label\n    message: m\n'
                    f"    options:\n{lines}      products:\n{products}")
    host = PluginHost()
    return Engine(load_policy(str(pack), host.rule_types), host)


ZUBSOLV = "        - {names: [Zubsolv], indications: [opioid dependence]}\n"


def test_unlisted_conditions_need_indication_wording_by_default(tmp_path):
    """"treats insomnia" says what it is for; "relieves cravings" may name a symptom of an
    approved indication, so only a strict pack (`unlisted: any-wording`) flags it."""
    engine = engine_for(tmp_path, ZUBSOLV)
    [finding] = off_label(engine, "Zubsolv treats insomnia.")
    assert finding.confidence == 0.75 and finding.explanation["listed_as_off_label"] == []
    assert off_label(engine, "Zubsolv relieves insomnia and cravings.") == []
    strict = engine_for(tmp_path, ZUBSOLV, unlisted="any-wording")
    [finding] = off_label(strict, "Zubsolv relieves insomnia and cravings.")
    assert finding.confidence == 0.6 and finding.explanation["off_label_conditions"] == ["insomnia", "cravings"]
    assert off_label(engine_for(tmp_path, ZUBSOLV, unlisted="never"), "Zubsolv treats insomnia.") == []


def test_the_strict_example_pack_lists_the_symptoms_that_belong_to_an_indication(brand_engine):
    assert off_label(brand_engine, "Zubsolv calms the restlessness, aches and yawning of opioid withdrawal.") == []
    [finding] = off_label(brand_engine, "Zubsolv curbs alcohol cravings, so you can cut back on drinking.")
    assert finding.explanation["off_label_conditions"] == ["alcohol cravings"]


def test_another_product_on_the_page_is_not_blamed(brand_engine):
    text = "Zubsolv treats opioid dependence. Unlike Ozempic, Wegovy is approved for weight loss. Gabapentin treats nerve pain."
    assert off_label(brand_engine, text) == []


def test_a_product_the_lexicon_does_not_know_is_found_by_its_names(tmp_path):
    engine = engine_for(tmp_path, "        - {names: [Velorin, Velorin cream], indications: [atopic dermatitis, eczema]}\n", unlisted="any-wording")
    [finding] = off_label(engine, "Velorin cream is a new treatment for eczema, psoriasis and rosacea.")
    assert finding.explanation["off_label_conditions"] == ["psoriasis", "rosacea"]
    [finding] = off_label(engine, "Velorin may help with acne, too.")
    assert finding.confidence == 0.6


@pytest.mark.parametrize("options, message", [
    ("{products: [{names: [Zubsolv]}]}", "rules[0] (off-label.x).options.products[0].indications: required field is missing"),
    ("{products: [{names: [Zubsolv], indications: [opioid dependence], offlabel: [pain]}]}",
     "unknown field 'offlabel' (did you mean 'off_label'?)"),
    ("{products: []}", "options.products: List should have at least 1 item"),
])
def test_a_bad_product_list_is_refused_with_where_and_why(tmp_path, options, message):
    pack = tmp_path / "pack.yaml"
    pack.write_text(f'name: t\nversion: "1"\nrules:\n  - id: off-label.x\n    type: off-label\n    message: m\n    options: {options}\n')
    with pytest.raises(PolicyError) as error:
        load_policy(str(pack), PluginHost().rule_types)
    assert message in str(error.value) and f"{pack}:" in str(error.value)


@pytest.mark.parametrize("text, conditions", [
    ("“Two months on Zubsolv and my fibromyalgia flare-ups are basically gone,” writes Marcus.", ["fibromyalgia flare-ups"]),
    ("Hot flashes and night sweats improved for several of our members after starting Ozempic.", ["Hot flashes", "night sweats"]),
    ("Lost 18 pounds before my sister's wedding thanks to Ozempic!", ["Lost 18 pounds"]),
])
def test_a_reported_result_of_taking_a_product_presents_it_for_that_result(brand_engine, text, conditions):
    [finding] = off_label(brand_engine, text)
    assert finding.explanation["off_label_conditions"] == conditions
    assert finding.explanation["use"]["wording"] == "result"


def test_a_result_within_the_approved_use_or_without_the_product_taken_passes(brand_engine):
    assert off_label(brand_engine, "Four weeks on Zubsolv and my cravings are gone.") == []
    assert off_label(brand_engine, "Since starting Ozempic my A1C has improved.") == []
    assert off_label(brand_engine, "Ozempic costs less than Mounjaro; my back pain is gone since I moved.") == []


def test_another_products_nickname_is_not_the_product():
    host = PluginHost()
    engine = Engine(load_policy(str(ROOT / "datasets" / "offlabel" / "news-products.yaml"), host.rule_types), host)
    assert engine.check(Document(body="'Female Viagra' May Treat Low Sexual Desire", format="text")).report.findings == []
    [finding] = engine.check(Document(body="Viagra may also treat low sexual desire in women.", format="text")).report.findings
    assert finding.explanation["product"] == "Viagra"


def test_it_stands_for_the_product_only_shortly_after_it_is_named(brand_engine):
    named = "Ozempic is approved for type 2 diabetes.\n\nIt is also prescribed for sleep apnoea."
    assert [f.explanation["off_label_conditions"] for f in off_label(brand_engine, named)] == [["sleep apnoea"]]
    far = ("A trial compared light therapy with Ozempic in 96 adults.\n\nLight boxes are small.\n\n"
           "Sessions last thirty minutes.\n\nLight therapy has few side effects. It is also used to treat sleep apnoea.")
    assert off_label(brand_engine, far) == []


def test_a_testimonial_a_seller_prints_is_its_own_even_when_attributed_uses_are_left_out(tmp_path):
    """``include_attributed: false`` leaves quoted uses to a reviewer, but a customer's testimonial on
    a page that sells the product is the seller's claim (16 CFR 255.2), as for efficacy claims."""
    engine = engine_for(tmp_path, ZUBSOLV, include_attributed="false", unlisted="any-wording")
    testimonial = "“Two months on Zubsolv and my fibromyalgia flare-ups are basically gone,” writes Marcus."
    assert off_label(engine, testimonial) == []
    shop = ("Start Zubsolv with our online clinic today. Book your free consultation and your prescription ships to your door. "
            "Order now and you pay $25 a month with our savings card. " + testimonial)
    [finding] = off_label(engine, shop)
    assert finding.explanation["off_label_conditions"] == ["fibromyalgia flare-ups"]
    assert finding.explanation["use"]["attribution"] == "endorsement"


@pytest.fixture(scope="module")
def default_engine() -> Engine:
    host = PluginHost()
    return Engine(load_policy("default", host.rule_types), host)


def repurposed(engine, text: str, fmt: str = "markdown"):
    report = engine.check(Document(body=text, format=fmt)).report
    return [f for f in report.active_findings() if f.rule == "off-label.repurposed-drugs"]


CLINIC = """# Restore Pain Clinic

## Low-dose naltrexone for fibromyalgia

Our doctors prescribe low-dose naltrexone for fibromyalgia and long COVID fatigue. You take one
small capsule at night, and we review your progress every month.

Book your free video consultation today and start your plan this week.
"""


def test_the_default_pack_flags_a_repurposed_medicine_a_clinic_promotes(default_engine):
    findings = repurposed(default_engine, CLINIC)
    assert {c for f in findings for c in f.explanation["off_label_conditions"]} >= {"fibromyalgia", "long COVID fatigue"}
    assert all(f.explanation["product"] == "naltrexone" and "alcohol dependence" in f.explanation["approved_indications"]
               for f in findings)
    assert "fibromyalgia" in findings[0].explanation["listed_as_off_label"]


def test_the_default_pack_leaves_a_reported_off_label_use_and_an_approved_one_alone(default_engine):
    news = ("Some doctors now prescribe low-dose naltrexone for fibromyalgia, although the drug is approved only "
            "for alcohol and opioid dependence. A trial of 99 women found small improvements in pain, researchers said.")
    assert repurposed(default_engine, news, "text") == []
    approved = (CLINIC.replace("Low-dose naltrexone for fibromyalgia", "Naltrexone for alcohol dependence")
                .replace("low-dose naltrexone for fibromyalgia and long COVID fatigue", "naltrexone for alcohol dependence"))
    assert repurposed(default_engine, approved) == []


def test_promotional_pages_only_reads_sellers_pages_and_press_releases(tmp_path):
    engine = engine_for(tmp_path, ZUBSOLV, pages="promotional")
    story = "Zubsolv is also prescribed for chronic pain by some doctors, a practice the agency has not approved."
    assert off_label(engine, story) == []
    release = ("PRINCETON, N.J. -- Orexo (NASDAQ: ORXO) today announced new data. " + story.replace(", a practice the agency has not approved", "")
               + " Media contacts: press@example.com")
    [finding] = off_label(engine, release)
    assert finding.explanation["off_label_conditions"] == ["chronic pain"]
