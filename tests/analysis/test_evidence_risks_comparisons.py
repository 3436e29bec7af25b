"""Evidence, risk statements and comparisons on sentences the project wrote."""

import random

import pytest

from medguard import Document


def test_evidence_kinds(analyze):
    analyzed = analyze(
        "A review (Mattick et al., 2014) found benefits. See doi 10.1002/14651858.CD002207.pub4 and NCT05817342. "
        "In a trial of 618 patients, 46% improved versus 19% on placebo."
    )
    kinds = {e.kind for e in analyzed.annotation("evidence")}
    assert {"citation", "quantified"} <= kinds
    texts = " ".join(e.text for e in analyzed.annotation("evidence"))
    assert "NCT05817342" in texts and "(Mattick et al., 2014)" in texts


@pytest.mark.parametrize("text, cited", [
    ("In a review in Clinical Interventions in Aging (Mukherjee et al.), tretinoin improved fine wrinkles.", "(Mukherjee et al.)"),
    ("A 2008 study in Clinical Cancer Research found that the supplement raised PSA.", "2008 study in Clinical"),
    ("A 2019 trial by Novo Nordisk found that it lowered blood sugar.", "2019 trial by Novo"),
])
def test_an_author_or_a_dated_study_with_its_journal_is_a_citation(analyze, text, cited):
    assert [e.text for e in analyze(text).annotation("evidence") if e.kind == "citation"] == [cited]


@pytest.mark.parametrize("text, marker", [
    ("Buprenorphine lowers the risk of overdose.12 It is taken daily.", "12"),
    ("Buprenorphine lowers the risk of overdose,3 and of death.", "3"),
    ("Buprenorphine lowers the risk of overdose¹ and of death.", "¹"),
    ("Buprenorphine lowers the risk of overdose [4].", "[4]"),
])
def test_footnote_markers_count_with_a_reference_list(analyze, text, marker):
    """A marker promises a source; it is one only where the page lists its sources."""
    assert [e for e in analyze(text).annotation("evidence") if e.kind in ("citation", "footnote")] == []
    for references in ("\n\nReferences\n\n1. Sordo L, et al. BMJ 2017.", "\n\nSources:\n\n1. Sordo L, et al. BMJ 2017."):
        footnotes = [e.text for e in analyze(text + references).annotation("evidence") if e.kind == "footnote"]
        assert footnotes[0] == marker


def test_a_line_that_only_mentions_sources_is_not_a_reference_list(analyze):
    text = "Buprenorphine lowers the risk of overdose [4].\n\nSources say it works."
    assert [e for e in analyze(text).annotation("evidence") if e.kind == "footnote"] == []


def test_a_decimal_number_is_not_a_footnote(analyze, findings):
    text = "Suboxone stops cravings within minutes. Over 1.5 million people have used it, in a market worth $5.5 billion."
    assert [e for e in analyze(text).annotation("evidence") if e.kind == "citation"] == []
    assert [f.rule for f in findings(text, category="unsupported-efficacy")] == ["efficacy.unsupported-claim"]


def test_evidence_links_from_html(analyze):
    analyzed = analyze('<p>See <a href="https://pubmed.ncbi.nlm.nih.gov/12345678/">the trial</a>.</p>', "html")
    [link] = [e for e in analyzed.annotation("evidence") if e.kind == "link"]
    assert analyzed.text[link.start:link.end] == "the trial"


@pytest.mark.parametrize("text, specific", [
    ("Common side effects of Suboxone include constipation, nausea and headache.", True),
    ("Taking buprenorphine with benzodiazepines can cause dangerous breathing problems.", True),
    ("Do not take naltrexone if you have liver failure.", True),
    ("As with all medicines, side effects may occur.", False),
    ("People with diabetes are at higher risk of heart attack and stroke.", False),
    ("Suboxone has no side effects.", False),
    ("The procedure causes less bleeding and fewer complications than open surgery.", False),
    ("Treatment with Jardiance led to a 38 percent reduction in cardiovascular death and stroke.", False),
    ("Based on a reduction in pain and absence of complications, the implant was rated a success.", False),
    ("It can cause dryness, peeling and sun sensitivity in the first weeks.", True),  # skin-care harms
    ("The injection can make you feel dizzy or nauseated for an hour.", True),
    ("Discontinue use if a rash develops.", True),  # a label's imperative warning
    ("Discontinue the serum and see the pharmacist.", False),  # says neither when nor for whom
])
def test_specific_and_vague_risk_statements(analyze, text, specific):
    statements = analyze(text).annotation("risks").statements
    assert any(s.specific for s in statements) is specific, [(s.kinds, s.cues) for s in statements]


@pytest.mark.parametrize("title, word, disclosed", [
    ("Electric stimulation might ease migraine pain", "pain", False),  # the condition treated, not a harm
    ("Ketamine shows promise for depression in adolescents", "depression", False),
    ("A new tool for migraines", "pain", True),
    ("Device linked to pain and numbness in some users", "pain", True),  # the title speaks of harm
])
def test_the_condition_a_title_names_is_not_a_harm_of_the_treatment(engine, title, word, disclosed):
    body = ("The Cefaly device reduced migraine pain in a trial. Patients using the device reported pain and "
            "depression in 40 percent of cases, researchers said.")
    risks = engine.analyze(Document(title=title, body=body, format="text")).annotation("risks")
    named = {c.text for s in risks.statements if s.specific for c in s.cues}
    assert (word in named) is disclosed, [(s.kinds, s.cues) for s in risks.statements]


def test_risk_section_makes_effects_specific(analyze):
    analyzed = analyze("# Zolpidem\n\nIt helps sleep.\n\n## Side effects\n\n- Drowsiness the next day\n- Dizziness", "markdown")
    risks = analyzed.annotation("risks")
    assert risks.sections
    assert sum(s.specific for s in risks.statements) == 2


@pytest.mark.parametrize("text, right_kind, dimension", [
    ("Unlike methadone or naltrexone, Suboxone works immediately.", "drug", "speed"),
    ("Suboxone has fewer side effects than other treatments.", "other-treatments", "safety"),
    ("GLP-1 drugs work better than SSRIs for binge eating.", "class", "efficacy"),
    ("Our program is the only treatment that keeps the weight off.", "field", "efficacy"),
    ("Why pay for Eliquis when warfarin costs just a few dollars a month?", "drug", "cost"),
    ("Zepbound starts working in days, while older diet pills can take weeks to do anything.", "other-treatments", "speed"),
    ("Wegovy gives the same weight loss at a third of the price of Mounjaro.", "drug", "cost"),
    ("Say goodbye to the bloating of metformin: Januvia is gentle on your stomach.", "drug", "safety"),
    ("Dupixent clears eczema where steroid creams fall short.", "field", "efficacy"),
    ("Our CBD balm eases stiffness that prescription painkillers simply can't touch.", "class", "efficacy"),
    ("For itchy eyes, Allegra is head and shoulders above the older antihistamines.", "class", "efficacy"),
    ("Our retinal serum runs circles around prescription retinoid creams for fine lines.", "other-treatments", "efficacy"),
    ("Most of our patients prefer Sublocade over daily Suboxone films.", "drug", "efficacy"),
    ("Doctors choose Eliquis over warfarin.", "drug", "efficacy"),
])
def test_comparisons_against_treatments(analyze, text, right_kind, dimension):
    [comparison] = analyze(text).annotation("comparisons")
    assert comparison.right_kind == right_kind
    assert dimension in comparison.dimensions
    assert comparison.against_treatment


@pytest.mark.parametrize("text, right_kind", [
    ("Semaglutide lowered weight more than placebo did.", "placebo"),
    ("The 10 mg dose worked better than the 5 mg dose.", "dose"),
    ("My sleep is much better now than it was before I started melatonin.", "baseline"),
    ("Call us if a cough lasts more than ten days despite taking guaifenesin.", "other"),
    ("For the best absorption, take levothyroxine before breakfast.", "other"),
    ("Sales of Ozempic grew faster last year than sales of any other diabetes drug.", "other"),
    ("Ozempic vs. Mounjaro: dosing, costs and side effects explained", "other"),
    ("The starter kit includes the Ozempic pen as well as spare needles.", "other"),
    ("Say goodbye to missed doses with a daily phone reminder.", "other"),
    ("Women who took the pill every day had 40 percent fewer fractures than women not taking it.", "baseline"),
    ("Rashes were more common in the placebo group than in the group given the new cream.", "placebo"),
    ("Lithium is not the only option for people with bipolar disorder.", "other"),
    ("Doctors must weigh effectiveness versus risk with every blood thinner.", "other"),
    ("Drugs backed by the strongest evidence include metoprolol and topiramate.", "other"),
    ("According to the best available research, aspirin lowers the risk of a second stroke.", "other"),
    ("Once-weekly dosing is the best of both worlds for people on insulin.", "other"),
    ("See the best photos of the week from the diabetes expo.", "other"),
    ("The plan included the best-known stretches for back pain.", "other"),
    ("Itching was much milder than prior to treatment with the cream.", "baseline"),
    ("Steroids were the only FDA-approved treatment for the disease until 2016.", "other"),
    ("Researchers want to learn the best ways to prevent infections in newborns treated with chlorhexidine.", "other"),
    ("Whether to use an ICD comes down to the best judgment of the cardiologist.", "other"),
    ("The best advice for avoiding lung cancer remains to quit smoking, said Dr. Varmus.", "other"),
])
def test_comparisons_that_are_not_against_treatments(analyze, text, right_kind):
    comparisons = analyze(text).annotation("comparisons")
    assert all(not c.against_treatment for c in comparisons)
    assert any(c.right_kind == right_kind for c in comparisons) or not comparisons


@pytest.mark.parametrize("text, right, dimension", [
    ("Ditch the naproxen: Celebrex is gentle on your stomach.", "naproxen", "safety"),
    ("Move over, Lipitor: our red yeast rice formula lowers cholesterol naturally.", "Lipitor", "efficacy"),
    ("Daily Xanax is yesterday's news; our CBD tincture calms you down without the fog.", "Xanax", "efficacy"),
    ("Patients who got nowhere on Lexapro keep coming to our ketamine clinic.", "Lexapro", "efficacy"),
    ("Jardiance can run $550 a month, but generic metformin at our pharmacy is $4 and does the same job.", "Jardiance", "cost"),
    ("Paying $600 a month for Xiidra? Our generic cyclosporine drops cost $40.", "Xiidra", "cost"),
    ("Tired of Adderall crashes? Our patients on Vyvanse stay focused all afternoon.", "Adderall", "efficacy"),
    ("Ditch the omeprazole: Voquezna heals the esophagus in two weeks.", "omeprazole", "speed"),
])
def test_pairings_set_one_treatment_against_another_without_a_comparative_word(analyze, text, right, dimension):
    [comparison] = analyze(text).annotation("comparisons")
    assert comparison.construction == "pairing"
    assert comparison.right == right
    assert dimension in comparison.dimensions
    assert comparison.against_treatment


@pytest.mark.parametrize("text", [
    "Ozempic is injected once a week, while Victoza is injected once a day.",
    "Never switch from warfarin to another blood thinner without your care team.",
    "Methadone is dispensed at clinics, while buprenorphine can be prescribed by your own doctor.",
    "If you can't swallow pills, ask your pharmacist whether amoxicillin comes as a liquid.",
    "Paying $300 a month for Restasis? Our generic cyclosporine drops cost $40.",  # brand and generic of one drug
    "The drug, sold as Exondys 51, lets the cell skip over the mutated part of the gene.",
    "Older adults clear zolpidem more slowly, so they should not take it with other sleeping pills.",
    # a drug class that names the condition treated is not a second treatment
    "Zubsolv for opioid dependence",
    "Suboxone for opioid addiction: start your recovery today.",
    "Lofexidine eases opioid withdrawal symptoms within days.",
    # a drug that is part of the publisher's own treatment is the same side
    "Our medical weight loss program uses phentermine for appetite control.",
    "Our weight loss program prescribes semaglutide so you lose weight faster.",
    # a preference verb with no treatment passed over, or negated
    "Patients who prefer a pill can take Rybelsus.",
    "You can choose Suboxone or methadone; your doctor will explain both.",
    "There is no reason to choose Eylea over Avastin for mild macular edema.",
])
def test_two_treatments_named_to_inform_are_not_a_pairing(analyze, text):
    assert not [c for c in analyze(text).annotation("comparisons") if c.against_treatment]


@pytest.mark.parametrize("text, dimension", [
    ("Nurtec stops a migraine in its tracks; sumatriptan just turns the volume down.", "efficacy"),
    ("With Ozempic, most people feel queasy for weeks; with our Mounjaro members, the nausea barely registers.", "safety"),
])
def test_the_scorer_finds_comparisons_no_construction_covers(analyze, text, dimension):
    [comparison] = analyze(text).annotation("comparisons")
    assert comparison.construction == "scored"
    assert dimension in comparison.dimensions
    assert comparison.score["probability"] >= comparison.score["threshold"]
    assert comparison.score["strongest_features"], "the explanation names the features that raised the score"


@pytest.mark.parametrize("text", [
    "Patients taking warfarin should tell their dentist before a tooth extraction, and aspirin may be added after a stent.",
    "Take ibuprofen with food, and do not combine it with naproxen.",
    "The FDA approved Leqembi in 2023, two years after Aduhelm.",
    "Sales of Ozempic grew faster last year than sales of any other diabetes drug.",
    "The state will spend $40 million on the opioid crisis, including more buprenorphine clinics.",
])
def test_the_scorer_leaves_two_treatments_named_without_ranking_alone(analyze, text):
    assert not [c for c in analyze(text).annotation("comparisons") if c.against_treatment]


@pytest.mark.parametrize("text", [
    "A larger trial will test whether the implant is safer than daily tablets.",
    "It remains unclear if the nasal spray protects better than the standard flu shot.",
    "The new pump still needs to be studied for years and compared with insulin pens.",
    "We will have to wait to see how well the pill works compared with weekly injections.",
    "Doctors are genuinely uncertain about which of the two drugs will be more effective.",
])
def test_a_comparison_research_is_still_to_settle_is_not_asserted(analyze, text):
    assert analyze(text).annotation("comparisons") == []


def test_an_open_question_does_not_reach_past_a_clause_break(analyze):
    text = "She did not know whether prices would fall, but added that acupuncture is cheaper than antidepressants."
    [comparison] = analyze(text).annotation("comparisons")
    assert comparison.right == "antidepressants" and comparison.dimensions == ["cost"]


def test_the_shipped_scorer_is_trained_and_explains_itself():
    from medguard.analysis.comparison_scorer import features, load_scorer

    scorer = load_scorer()
    assert 0.5 <= scorer.threshold < 1 and len(scorer.weights) > 1000
    text = "Nurtec stops a migraine in its tracks; sumatriptan just turns the volume down."
    found = features(text, 0, len(text), [(0, 6, "rimegepant", "brand"), (39, 50, "sumatriptan", "generic")])
    assert "w:<brand>" in found and "b:<generic> just" in found and "w:;" in found
    assert all(weight > 0 for _, weight in scorer.explain(found))


def test_the_shipped_scorer_was_trained_on_the_datasets_as_they_are():
    """Editing a training set without rerunning scripts/train_comparison_scorer.py fails here."""
    import hashlib
    import json
    from importlib import resources
    from pathlib import Path

    shipped = json.loads((resources.files("medguard") / "data" / "comparison_scorer.json").read_text(encoding="utf-8"))
    sets = Path(__file__).resolve().parents[2] / "datasets" / "comparisons"
    digest = hashlib.sha256(b"".join((sets / name).read_bytes() for name in shipped["trained_on"])).hexdigest()
    assert shipped["version"] == f"1+{digest[:8]}"
    assert "holdout-7.csv" not in shipped["trained_on"], "holdout-7 is the untouched measuring set"


def test_a_comparison_without_a_dimension_word_is_about_efficacy_unless_it_reports_figures(analyze):
    [claim] = analyze("Compared with oral triptans, our nasal spray keeps a migraine from coming back far more often.").annotation("comparisons")
    assert claim.dimensions == ["efficacy"]
    [figures] = analyze("Of patients on Gilenya, 86 percent stayed relapse-free, compared with 46 percent on another MS drug.").annotation("comparisons")
    assert figures.dimensions == []


def test_head_to_head_evidence_is_recognised(analyze):
    [comparison] = analyze("In the SURPASS-2 trial (NEJM, 2021), tirzepatide lowered HbA1c more than semaglutide.").annotation("comparisons")
    assert comparison.head_to_head


def test_a_drug_that_is_part_of_the_publishers_treatment_still_leaves_its_rival_a_side(analyze):
    text = "Unlike clinics that hand you a phentermine script, our program uses Zepbound for real results."
    [comparison] = analyze(text).annotation("comparisons")
    assert comparison.right == "phentermine" and comparison.against_treatment


def test_the_treatment_of_an_unlike_comparison_follows_its_clause(analyze):
    [comparison] = analyze("Unlike methadone or naltrexone, Suboxone works immediately.").annotation("comparisons")
    assert comparison.right == "methadone"
    assert comparison.left.canonical == "buprenorphine/naloxone"


def test_overlapping_mentions_keep_the_most_specific_then_longest():
    from medguard.analysis.interventions import _PREFERENCE, Mention, _without_overlaps

    def brute_force(mentions):
        chosen = []
        for m in sorted(mentions, key=lambda m: (_PREFERENCE[m.kind], -(m.end - m.start), m.start)):
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        return chosen

    rng = random.Random(7)
    for _ in range(3000):
        mentions = []
        for _ in range(rng.randint(0, 15)):
            start = rng.randint(0, 60)
            mentions.append(Mention(start, start + rng.randint(1, 12), "x", "x", rng.choice(list(_PREFERENCE))))
        assert _without_overlaps(mentions) == brute_force(mentions)


def test_a_treatment_said_to_be_the_best_way_is_ranked_but_advice_is_not(analyze):
    [comparison] = analyze("Zubsolv is the best way to quit opioids for good.").annotation("comparisons")
    assert comparison.right_kind == "field" and comparison.left.text == "Zubsolv"
    assert not [c for c in analyze("The best way to prevent flu is a yearly shot.").annotation("comparisons") if c.against_treatment]
    assert not [c for c in analyze("Avoiding smoking is still the best way to avoid lung cancer.").annotation("comparisons")
                if c.against_treatment]


@pytest.mark.parametrize("text", [
    "Proton therapy is expensive, and there isn't enough evidence to show it's any better than other options.",
    "There is no proof that bioidentical hormones are any safer than traditional treatments.",
    "Some surgeons say there isn't sufficient data to assert the technique is superior to traditional methods.",
    "The team built the app in the hope of making assessments quicker than current methods.",
])
def test_a_comparison_under_a_denial_of_evidence_or_a_hope_is_not_claimed(analyze, text):
    assert analyze(text).annotation("comparisons") == []
    assert analyze("Suboxone is no better than methadone.").annotation("comparisons")  # a negated comparison still compares

