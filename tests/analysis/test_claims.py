"""Benefit and safety claims in health copy: subject, hedging, negation, attribution."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medguard import Document
from medguard.analysis.claims import _inside_quotes


def claims_of(analyze, text):
    return analyze(text).annotation("claims")


def test_assertive_benefit_claim_with_named_subject(analyze):
    [claim] = claims_of(analyze, "Suboxone stops cravings within minutes.")
    assert claim.kind == "benefit"
    assert claim.strength == "direct"
    assert claim.subject.canonical == "buprenorphine/naloxone"
    assert claim.subject.kind == "brand"
    assert claim.publisher_voice


def test_hedged_claim_is_conditional(analyze):
    [claim] = claims_of(analyze, "For many people, buprenorphine can ease withdrawal and reduce cravings.")
    assert claim.strength == "conditional"
    assert {h.text.lower() for h in claim.hedges} >= {"can"}


@pytest.mark.parametrize("text, hedge", [
    ("Ginkgo biloba is believed to protect brain cells.", "believed to"),
    ("Talking therapies are thought to relieve depression as well as pills do.", "thought to"),
    ("In mice, cinnamaldehyde appeared to protect against obesity.", "appeared to"),
    ("So far, the treatments appear safe.", "appear"),
    ("Pridopidine seems an effective treatment for Huntington's disease.", "seems"),
])
def test_a_belief_or_an_appearance_hedges_the_claim(analyze, text, hedge):
    [claim] = claims_of(analyze, text)
    assert claim.strength == "conditional" and [h.text for h in claim.hedges] == [hedge]


def test_what_a_health_agency_does_is_not_a_treatment_claim(analyze):
    boilerplate = ("The FDA, an agency within the U.S. Department of Health and Human Services, protects the public health "
                   "by assuring the safety and effectiveness of drugs and vaccines.")
    assert claims_of(analyze, boilerplate) == []
    [claim] = claims_of(analyze, "The FDA says Suboxone works within minutes.")
    assert claim.subject.text == "Suboxone"


def test_negated_claim_is_not_a_claim(analyze):
    assert claims_of(analyze, "Suboxone does not cure addiction.") == []
    assert claims_of(analyze, "There is no evidence that this supplement works.") == []
    assert claims_of(analyze, "There isn't enough evidence to say that this supplement works.") == []


def test_questions_and_topic_headings_are_not_claims(analyze):
    assert claims_of(analyze, "Does semaglutide help you lose weight?") == []
    analyzed = analyze("# How buprenorphine works\n\nIt is a partial opioid agonist.", "markdown")
    assert analyzed.annotation("claims") == []


def test_promising_pilot_early_do_not_support_a_claim(analyze):
    [claim] = claims_of(analyze, "A promising pilot study shows that ketamine relieves depression within hours.")
    assert claim.strength == "direct"
    assert {s.text.lower() for s in claim.softeners} >= {"promising", "pilot"}


def test_attribution(analyze):
    quote = claims_of(analyze, '"Velorin relieves itch quickly," said Dr. Miriam Castellanos.')[0]
    assert quote.attribution == "quote"
    testimonial = claims_of(analyze, '"Suboxone saved my life," says one patient.')[0]
    assert testimonial.attribution == "testimonial"
    named = claims_of(analyze, "According to the American Heart Association, statins lower the risk of heart attack.")[0]
    assert named.attribution == "named-source"
    person = claims_of(analyze, "Dianne Fraser, 56, an accountant from Boston, said the patch eliminated her night sweats.")[0]
    assert person.attribution == "named-source"
    company = claims_of(analyze, "KetoKind says its meal kits reverse insulin resistance, a claim dietitians question.")[0]
    assert company.attribution == "named-source"
    vague = analyze("Science says the shingles vaccine also prevents dementia.")
    assert vague.annotation("claims")[0].attribution is None  # "science" is no named source…
    assert [c.text for c in vague.annotation("establishment")] == ["Science says"]  # …but a promise of evidence


@pytest.mark.parametrize("text, subject", [
    ("Cranberry extract prevents urinary tract infections in women who take it daily.", "Cranberry extract"),
    ("Collagen drinks reverse wrinkles from the inside out.", "Collagen drinks"),
    ("Wearing the Recova compression garment after liposuction reduces swelling.", "the Recova compression garment"),
    ("The Orvanta Centre's targeted beam therapy cures early prostate cancer.", "targeted beam therapy"),
    ("Research has proven that cinnamon capsules lower blood sugar.", "cinnamon capsules"),
    ("What the clinic offers: laser therapy that heals eczema flare-ups.", "laser therapy"),
    ("A nurse gives the RSV shot, which protects older adults all winter.", "the RSV shot"),
    ("Forget Counting Sheep: This Herbal Tea Knocks Out Insomnia for Good", "This Herbal Tea"),
    ("Getting vaccinated against HPV prevents cervical cancer.", "Getting vaccinated"),
    ("Weekly yoga classes relieve low back pain.", "Weekly yoga"),
])
def test_a_product_named_by_what_it_is_is_the_claims_subject(analyze, text, subject):
    [claim] = claims_of(analyze, text)
    assert (claim.subject.text, claim.subject_found_by) == (subject, "product noun")


@pytest.mark.parametrize("text, kind, subject", [
    ("Is our ozone vitamin therapy safe? Yes, it is completely safe and has no side effects.", "safety", "our ozone vitamin therapy"),
    ("Q: Does elderberry syrup actually work? A: Yes, it knocks out flu in two days.", "benefit", "elderberry syrup"),
    ("Our turmeric capsules are gentle on the stomach. They relieve joint pain within days.", "benefit", "Our turmeric capsules"),
])
def test_it_in_an_answer_stands_for_the_product_the_sentence_before_names(analyze, text, kind, subject):
    [claim] = [c for c in claims_of(analyze, text) if c.kind == kind]
    assert (claim.subject.text, claim.subject_found_by) == (subject, "pronoun")


def test_it_does_not_reach_into_another_paragraph(analyze):
    [claim] = claims_of(analyze, "Our turmeric capsules ship free.\n\nThey relieve joint pain within days.")
    assert claim.subject is None


def test_a_product_after_a_negative_is_not_said_to_work(analyze):
    [claim] = claims_of(analyze, "Neither dose of the cannabis extract improved pain scores more than a sugar pill did.")
    assert claim.subject is None


def test_a_verb_before_a_product_word_is_not_part_of_the_subject(analyze):
    [claim] = claims_of(analyze, "Fans say the patch eliminated their night sweats.")
    assert claim.subject.text == "the patch"
    assert claims_of(analyze, "Researchers developed a probiotic supplement aimed at reducing inflammation.") == []  # a purpose


def test_safety_claims(analyze):
    kinds = {c.kind for c in claims_of(analyze, "Our injections are completely safe and have no side effects.")}
    assert kinds == {"safety"}
    assert claims_of(analyze, "Suboxone is not safe for people with severe liver disease.") == []


def test_pronoun_resolves_to_the_page_topic(analyze):
    claims = claims_of(analyze, "Ozempic is a weekly injection. It melts belly fat fast.")
    melt = [c for c in claims if "melt" in " ".join(q.text.lower() for q in c.cues)][0]
    assert melt.subject.canonical == "semaglutide"
    assert melt.subject_found_by == "pronoun"


@pytest.mark.parametrize("text", [
    "None of the new drugs works for everyone.",
    "No medication is right for everyone, and none is guaranteed to work.",
    "Nobody has ever been cured.",
])
def test_a_negative_subject_negates_the_claim_and_the_promise(analyze, text):
    analyzed = analyze(text)
    assert [c for c in analyzed.annotation("claims") if c.kind == "benefit"] == []
    assert analyzed.annotation("absolutes") == []


def test_disclaimer_is_not_a_cure_claim(analyze):
    analyzed = analyze("This product is not intended to diagnose, treat, cure, or prevent any disease.")
    assert analyzed.annotation("absolutes") == []


@pytest.mark.parametrize("text, words", [
    ("Our laser removes unwanted hair permanently.", ["permanently"]),
    ("The Quitwell patch helps you kick smoking once and for all.", ["once and for all"]),
    ("Clearderm eliminates toenail fungus completely, with no repeat visits.", ["eliminates toenail fungus completely"]),
    ("This tea cures migraines.", ["cures"]),
    ("The protocol reverses diabetes in everyone who follows it for 90 days.", ["in everyone who"]),
    ("Our clinic has a 100 percent success rate with shockwave therapy.", ["100 percent"]),
    ("We have the cure for your back pain.", ["cure"]),
    ("The cell transplant appears to have cured both problems.", ["cured"]),
])
def test_absolute_promises(analyze, text, words):
    assert [c.text for c in analyze(text).annotation("absolutes")] == words


@pytest.mark.parametrize("text", [
    "The sensor is permanently implanted under the skin of the upper arm.",  # no outcome: a property
    "Some people develop nerve pain that becomes permanent.",
    "The infection can cause permanent hearing loss even when antibiotics clear it.",  # a harm
    "Early detection gives women the best chance for a cure.",  # a cure sought
    "Cure rates are lower for people with genotype 1.",  # a statistic
    "Volunteers raised money for research into a cure for Crohn's disease.",
    "The trial will test whether the gene therapy can cure sickle cell disease.",
    "Almost 100% of patients in both groups reported a side effect.",
    "She moved permanently to Denver so her son could keep his treatment.",
    "My surgeon was clear that the operation might not help and nothing was guaranteed.",
    "He volunteered for the study to help find a cure for infants.",  # sought
    "He is also testing the same method as a cure for sickle cell disease.",  # tested
    "Our goal is to have a cure, but we can't say that word.",  # a goal
    "The NIH investigates the causes, treatments, and cures for rare diseases.",  # a noun in a list
    "Critics fault the industry's ambitious claims about quick cures.",  # talked about
    "Susan G. Komen for the Cure issued a statement.",  # a name
    "But surgery rarely cures them.",
    "Its permanent stents relieve chest pain but can clot.",  # a device that stays
    "The nerve damage is permanent, so treatment aims to relieve the pain.",  # a harm
    "Cereals fortified with 100% of the DV for vitamin B12 boost energy.",  # a daily value
])
def test_absolute_words_that_promise_nothing(analyze, text):
    assert analyze(text).annotation("absolutes") == []


@pytest.mark.parametrize("text", [
    "Keytruda is already approved for treating melanoma, lung cancer and Hodgkin lymphoma.",
    "HETLIOZ® is indicated for the treatment of Non-24-Hour Sleep-Wake Disorder (Non-24).",
    "Metformin was first approved in the United Kingdom for treatment of type 2 diabetes in 1958.",
    "In 2006, varenicline was approved as a safe and effective means to quit smoking.",
    "Esketamine received Breakthrough Therapy Designation from the FDA in 2013.",
    "Currently approved in the U.S. for treating major depression, dTMS is also used in Israel.",
])
def test_what_a_treatment_is_approved_for_is_a_status_not_a_claim(analyze, text):
    assert claims_of(analyze, text) == []


@pytest.mark.parametrize("text", [
    "A larger trial will test whether semaglutide reduces heart attacks in people without diabetes.",
    "It is still unclear if the vitamin protects older adults from fractures.",
    "Years of work remain before the pill, if proven safe and effective, reaches pharmacies.",
    "Phase 1 trials are designed to see if a new drug is safe at all.",
    "Our goal is to make warfarin safer for everyone who needs it.",
    "It is too soon to say if the nasal spray is even safe.",
    "The results mark real progress toward a safe and effective malaria vaccine.",
    "More work is needed to make sure the implant is safe in children.",
    "Researchers are working to make the therapy safer and more effective.",
    "The goal of this study was to find a safe and effective treatment option.",
    "Scientists hope the vaccine will one day prevent Lyme disease.",
    "The hope is that they'll keep cancer at bay once chemo has attacked it.",
])
def test_a_question_research_is_still_to_answer_is_not_a_claim(analyze, text):
    assert claims_of(analyze, text) == []


@pytest.mark.parametrize("text, cue", [
    ("Whether you have back pain or knee pain, Advil relieves it.", "relieves"),
    ("Daily aspirin users - whether low-dose or regular - reduced their cancer risk by a fifth.", "reduced"),
    ("The trial asked whether it helps, and Zostavax, we now know, reduces shingles by half.", "reduces"),
])
def test_a_whether_that_does_not_hold_the_claim_leaves_it_a_claim(analyze, text, cue):
    [claim] = claims_of(analyze, text)
    assert [c.text for c in claim.cues] == [cue]


def test_an_approved_treatment_can_still_make_a_claim(analyze):
    [claim] = claims_of(analyze, "Keytruda, approved for treating melanoma, reduces the risk of death by half.")
    assert [c.text for c in claim.cues] == ["reduces"]


def test_words_ending_in_nt_are_not_negations(analyze):
    # "treatment", "patients", "supplement" once matched a contraction pattern and hid claims
    [claim] = claims_of(analyze, "Treatment with Suboxone relieves cravings in most patients.")
    assert claim.kind == "benefit"
    assert claims_of(analyze, "Suboxone doesn't relieve cravings for everyone.") == []


@given(st.text(alphabet='ab “”"\n', max_size=60), st.data())
def test_inside_quotes_counts_the_marks_between_the_block_start_and_the_position(text, data):
    block_start = data.draw(st.integers(0, len(text)))
    position = data.draw(st.integers(block_start, len(text)))
    part = text[block_start:position]
    expected = part.count("“") > part.count("”") or part.count('"') % 2 == 1
    assert _inside_quotes(text, block_start, position) is expected


@pytest.mark.parametrize("text", [
    "The pill should not be sold until larger trials show that it works.",
    "If further studies confirm the findings, the test could become routine.",
    "The cancers doctors find would never have harmed most of these women.",
])
def test_evidence_still_awaited_is_not_promised(analyze, text):
    assert analyze(text).annotation("establishment") == []


def test_new_research_points_at_the_study_the_page_reports(analyze):
    [cue] = analyze("Daily walks may lower blood pressure, new research shows.").annotation("establishment")
    assert cue.kind == "establishment-definite"
    [cue] = analyze("Studies show that daily walks lower blood pressure.").annotation("establishment")
    assert cue.kind == "establishment"


def test_specialists_agreeing_or_recommending_promise_evidence(analyze):
    [cue] = analyze("Cardiologists agree that the Helixa stent is the safest option.").annotation("establishment")
    assert cue.text == "Cardiologists agree"
    assert analyze("Cellulaze leaves tiny scars, which fade with time, surgeons say.").annotation("establishment") == []


@pytest.mark.parametrize("text", [
    "A report in the journal Science found the virus in most patients.",
    "The scientists, writing online in The New England Journal of Medicine, found both treatments reduced episodes.",
    "An earlier study in the Journal of Cardiac Failure found the therapy reduced arrhythmias in rats.",
])
def test_a_journal_named_in_the_sentence_is_identifiable_evidence(analyze, text):
    assert [e.kind for e in analyze(text).annotation("evidence")] == ["citation"]


@pytest.mark.parametrize("text, safety", [
    ("Statins are not without risks of their own.", False),
    ("I think it's safe to say most readers know someone on a statin.", False),
    ("Zubsolv is not addictive and has no side effects.", True),
])
def test_safety_claims_in_negative_form(analyze, text, safety):
    assert any(c.kind == "safety" for c in claims_of(analyze, text)) is safety


@pytest.mark.parametrize("text, cues", [
    ("The bulging veins in her lower left leg were painful.", []),
    ("Most people reach this balance after a few weeks of practice.", []),
    ("The enzyme plays a part in wound healing.", []),
    ("Ozempic helps lower blood sugar.", ["lower"]),
    ("Patients on the drug had a lower risk of stroke.", ["lower"]),
    ("Patients in the Forteo arm saw greater healing of the jawbone.", ["healing"]),
    ("Hormone blockers are known to cut the risk of recurrence.", ["cut"]),
    ("Patients treated with Avodart had more high-grade tumours.", []),
    ("The clinic has already treated thousands of patients.", []),
    ("Botox blocks nerve signals to the muscle.", []),
    ("Zubsolv blocks cravings within the hour.", ["blocks"]),
    ("Zubsolv treats opioid dependence.", ["treats"]),
    ("Avastin works by cutting off a tumour's blood supply.", []),
    ("The Novartis pill works in a very precise way to block eosinophils.", []),
    ("Several herbal products are marketed for easing menopause symptoms.", []),  # what they are sold for
    ("The stimulator works a bit like a cardiac pacemaker.", []),
    ("Suboxone works like a charm for cravings.", ["works"]),
    ("The clinic injects stem cells in hopes of restoring movement.", []),
    ("Suboxone eases withdrawal and soothes anxiety.", ["eases", "soothes"]),
    ("If the device works in larger trials, it could reach clinics by 2027.", []),
    ("The vaccine is designed to work against every strain of the virus.", []),
    ("Implants are highly cost effective over five years.", []),
    ("Zubsolv works within minutes.", ["works", "within minutes"]),
    ("MS brings numbness and problems with vision, coordination and balance.", []),
    ("Our tea helps balance hormones.", ["balance"]),
    ("Balance your hormones with our tea.", ["Balance"]),
    ("Two boys on a lower dose of the drug lost the ability to walk.", []),
    ("Erenumab blocks a neural brain pathway called CGRP.", []),
    ("These enzymes cut the messenger RNA.", []),
    ("Statins cut the risk of heart attack.", ["cut"]),
])
def test_benefit_words_that_describe_rather_than_promise_are_not_claims(analyze, text, cues):
    assert [c.text for claim in claims_of(analyze, text) for c in claim.cues] == cues


def test_a_statement_of_use_is_promotion_but_not_an_efficacy_claim(engine):
    """"for the treatment of migraines" says what a product is for: it asks for fair balance
    (missing-risk-disclosure counts it) but there is no effect to substantiate."""
    report = engine.check(Document(body="Nurtec is a tablet for the treatment of migraines.", format="text")).report
    assert [f.rule for f in report.findings] == ["risk.missing-disclosure"]
    report = engine.check(Document(body="Nurtec relieves migraines within the hour.", format="text")).report
    assert "efficacy.unsupported-claim" in [f.rule for f in report.findings]
    report = engine.check(Document(body="Phentermine is the most prescribed drug for weight loss.", format="text")).report
    assert "efficacy.unsupported-claim" not in [f.rule for f in report.findings]
    report = engine.check(Document(body="Phentermine brings weight loss of ten pounds a month.", format="text")).report
    assert "efficacy.unsupported-claim" in [f.rule for f in report.findings]


@pytest.mark.parametrize("text, cues", [
    ("Zubsolv dissolves quickly under the tongue.", []),
    ("The microneedles dissolve into the skin, releasing the vaccine.", []),
    ("Lipodrops dissolve stubborn belly fat while you sleep.", ["dissolve stubborn belly fat"]),
])
def test_dissolving_is_a_claim_only_about_what_it_dissolves(analyze, text, cues):
    assert [c.text for claim in claims_of(analyze, text) for c in claim.cues] == cues


@pytest.mark.parametrize("text", [
    "After three sessions with our Knee Renew injections, they’re walking the dog again.",
    "After the programme, she's dancing again at weddings thanks to Knee Renew injections.",
])
def test_a_contracted_verb_before_a_return_to_activity_is_a_benefit(analyze, text):
    [claim] = claims_of(analyze, text)
    assert claim.kind == "benefit" and claim.cues[0].text.endswith("again")
