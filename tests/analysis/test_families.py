"""The four policy families on realistic full articles: careful writing passes, promotion is caught."""

from pathlib import Path

import pytest

from medguard import Document, Engine, PluginHost, Severity, is_patient_leaflet, load_policy
from medguard.cli import main

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = {"unsupported-efficacy", "missing-risk-disclosure", "drug-comparison", "safety-minimization"}


def check(engine, path: Path):
    fmt = {".html": "html", ".md": "markdown", ".txt": "text"}[path.suffix]
    return engine.check(Document(body=path.read_text(encoding="utf-8"), format=fmt), str(path)).report


@pytest.mark.parametrize("path", ["examples/articles/careful-buprenorphine.md", "tests/fixtures/articles/careful-statins.html"])
def test_careful_articles_come_out_clean(engine, path):
    report = check(engine, ROOT / path)
    assert report.active_findings() == [], [(f.rule, f.excerpt) for f in report.active_findings()]
    assert report.decision.value == "pass"
    assert report.diagnostics == []


@pytest.mark.parametrize("path", ["examples/articles/suboxone-clinic.html", "tests/fixtures/articles/promo-weightloss.md"])
def test_promotional_articles_are_flagged_on_every_family(engine, path):
    report = check(engine, ROOT / path)
    categories = {f.category for f in report.active_findings()}
    assert FAMILIES <= categories
    assert "absolute-language" in categories
    assert report.decision.value == "block"


def test_clinic_page_findings_point_at_the_planted_claims(engine):
    report = check(engine, ROOT / "examples/articles/suboxone-clinic.html")
    excerpts = {f.rule: [] for f in report.findings}
    for f in report.active_findings():
        excerpts[f.rule].append(f.excerpt)
    assert any("Unlike methadone or naltrexone" in e for e in excerpts["comparison.unsupported"])
    assert any("fewer side effects than other treatments" in e for e in excerpts["comparison.unsupported"])
    assert any("Studies have shown" == e for e in excerpts["efficacy.establishment-claim"])
    assert any("non-addictive" in e for e in excerpts["safety.minimization"])
    suppressed = [f for f in report.findings if f.suppressed]
    assert [f.excerpt for f in suppressed] == ["cured"]
    assert "legal" in suppressed[0].suppression.reason


def test_missing_disclosure_explains_what_it_balances(engine):
    report = check(engine, ROOT / "tests/fixtures/articles/promo-weightloss.md")
    [finding] = [f for f in report.active_findings() if f.category == "missing-risk-disclosure"]
    assert finding.severity == Severity.error
    assert finding.explanation["intervention"] == "semaglutide"
    assert finding.explanation["benefit_claims"] >= 5
    assert finding.explanation["claims_balanced"][0]["claim_words"]
    assert finding.explanation["specific_risk_statements"] == []
    assert "side effects" in finding.suggestion
    assert "21 CFR 202.1(e)(5)(ii) fair balance" in finding.references


def test_a_treatment_named_only_by_the_publisher_is_named_in_the_messages(findings):
    text = "Our scalar wave therapy boosts your energy and restores your immune system. Our scalar wave therapy is completely safe."
    flagged = {f.rule: f for f in findings(text)}
    assert flagged["risk.missing-disclosure"].message.startswith("Promotes our scalar wave therapy in 1 benefit claim(s)")
    assert flagged["risk.missing-disclosure"].explanation["intervention"] == "our scalar wave therapy"
    assert flagged["safety.minimization"].excerpt == "completely safe"


@pytest.mark.parametrize("text, excerpt", [
    ("Our tonic has no side effects.", "no side effects"),
    ("Our herbal tea is completely safe and non-addictive.", "completely safe"),
    ("This elixir is 100% safe for the whole family.", "100% safe"),
])
def test_a_product_said_to_be_safe_with_is_or_has_is_the_subject_of_the_claim(findings, text, excerpt):
    [finding] = findings(text, category="safety-minimization")
    assert finding.excerpt.startswith(excerpt)


def test_a_product_the_page_names_is_named_as_the_page_spells_it(findings):
    [finding] = [f for f in findings("SlimPath melts fat fast. Join SlimPath today.") if f.rule == "risk.missing-disclosure"]
    assert finding.message.startswith("Promotes SlimPath in 1 benefit claim(s)")


@pytest.mark.parametrize("text", [
    "GlucoBalance Pro lowers blood sugar naturally.",
    "**SlimPath** melts belly fat while you sleep.",
    "BPC-157 heals torn tendons in days.",  # a research compound's code name
])
def test_a_brand_style_name_seen_once_as_a_claims_subject_is_the_product(findings, text):
    [finding] = [f for f in findings(text, fmt="markdown") if f.rule == "risk.missing-disclosure"]
    assert finding.message.startswith(f"Promotes {text.split()[0].strip('*')}")


def test_a_claim_that_only_implies_its_product_names_it_as_the_page_spells_it(findings):
    text = "# Relief now\n\nSlimPath melts belly fat while you sleep."
    [heading] = [f for f in findings(text, fmt="markdown") if f.rule == "efficacy.unsupported-claim" and f.line == 1]
    assert heading.message.startswith("Unsupported efficacy claim about SlimPath:")


@pytest.mark.parametrize("text, name", [
    ("Suboxone stops cravings fast. Ask us about Suboxone.", "Suboxone (buprenorphine/naloxone)"),
    ("CBD relieves anxiety and helps you sleep.", "CBD (cannabidiol)"),  # an abbreviation too short for the lexicon's build
    ("Paracetamol relieves pain fast.", "Paracetamol (acetaminophen)"),
    ("Aspirin relieves pain fast.", "aspirin"),  # the drug's own name
])
def test_a_drug_is_named_as_the_page_spells_it_with_its_generic_name(findings, text, name):
    [finding] = findings(text, category="missing-risk-disclosure")
    assert finding.message.startswith(f"Promotes {name} in 1 benefit claim(s)")


def test_a_comparison_against_the_pages_own_drug_does_not_make_it_its_own_rival(findings):
    text = ("Wegovy helps adults lose weight. Cinnamon tea curbed appetite just as well as Wegovy, with fewer side "
            "effects.")
    [finding] = findings(text, category="drug-comparison")
    assert finding.message.startswith("Comparative claim: the treatment set against Wegovy on ")
    acupuncture = findings(text.replace("Cinnamon tea", "Acupuncture"), category="drug-comparison")
    assert acupuncture[0].message.startswith("Comparative claim: acupuncture set against Wegovy on ")  # a procedure is named


def test_a_product_the_policy_names_is_named_as_the_policy_writes_it(tmp_path):
    pack = tmp_path / "site.yaml"
    pack.write_text('name: site\nversion: "1"\nextends: default\nsettings:\n  interventions: [CalmRoot]\n')
    host = PluginHost()
    engine = Engine(load_policy(pack, host.rule_types), host)
    report = engine.check(Document(body="calmroot relieves anxiety in minutes.", format="text")).report
    [finding] = [f for f in report.findings if f.rule == "risk.missing-disclosure"]
    assert finding.message.startswith("Promotes CalmRoot in 1 benefit claim(s)")


@pytest.mark.parametrize("text, rule", [
    ("Berberine relieves bloating in 95% of customers.", "efficacy.unsupported-claim"),  # a share of one's own customers
    ("95% of our patients report lasting relief from neuropathy with our laser therapy.", "efficacy.unsupported-claim"),
    ("Chiropractic adjustments prevent ear infections.", "efficacy.unsupported-claim"),
    ("The IV drip has no side effects.", "safety.minimization"),
    ("Thousands of doctors now recommend berberine.", "efficacy.establishment-claim"),
    ("Trusted by athletes and recommended by doctors.", "efficacy.establishment-claim"),
    ("Research shows turmeric works, though more studies are needed to confirm the dose.", "efficacy.establishment-claim"),
    ("Finally keep the weight off permanently.", "absolute-language.cure"),
    ("Studies have shown that side effects are few and generally minor.", "efficacy.establishment-claim"),
    ("The evidence suggests that there's no harm in taking our capsules daily.", "efficacy.establishment-claim"),
    ("Clinical data have shown low rates of complications with the new stent.", "efficacy.establishment-claim"),
    ("Research has repeatedly confirmed that CBD eases joint pain.", "efficacy.establishment-claim"),
    ("Testosterone has been shown to protect your heart.", "efficacy.establishment-claim"),
    ("Trusted by European physicians for eighty years, our arnica gel soothes bruises.", "efficacy.establishment-claim"),
    ("Calmwise is backed by leading experts in anxiety research.", "efficacy.establishment-claim"),
    ("Oral minoxidil is the secret weapon top dermatologists are now reaching for.", "efficacy.establishment-claim"),
    ("Dermatologist-approved and gentle on sensitive skin.", "efficacy.establishment-claim"),
    ("Our serum fades dark spots and tightens pores in just 14 nights.", "efficacy.unsupported-claim"),
    ("Our gummies help you drift off and fall asleep faster.", "efficacy.unsupported-claim"),
    ("Suboxone stops cravings fast. Side effects are rare and usually mild.", "safety.minimization"),
    ("Ketamine lifts depression in hours. The risks are minimal.", "safety.minimization"),
    ("Suboxone carries zero risk of addiction.", "safety.minimization"),
    ("Finasteride stops hair loss. Those sexual side effects you read about online are mostly a myth.", "safety.minimization"),
    ("Studies from Yale and the NIH have proven that ketamine lifts depression.", "efficacy.establishment-claim"),
    ("Recommended by thousands of doctors nationwide.", "efficacy.establishment-claim"),
    ("SmartLipo is the procedure most recommended by plastic surgeons.", "efficacy.establishment-claim"),
    ("Finasteride regrows hair in most men within three months.", "efficacy.unsupported-claim"),
    ("Minoxidil helps hair grow back thicker.", "efficacy.unsupported-claim"),
    ("Finasteride stops hair loss. Finasteride's sexual side effects are a myth.", "safety.minimization"),
    # the dismissed harm is not a disclosure of it
    ("Finasteride stops hair loss. Finasteride's sexual side effects are a myth.", "risk.missing-disclosure"),
    ("Semaglutide melts belly fat in weeks. Lose up to 20% of your body weight.", "efficacy.unsupported-claim"),  # a ceiling sold, not a result
    ("Viagra Connect treats erectile dysfunction. Virtually no side effects, so most men notice nothing but the results.", "safety.minimization"),
    ("Our topical finasteride spray has none of the sexual side effects of the pill.", "safety.minimization"),
    ("TRT is completely safe when supervised by our doctors.", "safety.minimization"),
    ("100% of our patients feel better.", "absolute-language.cure"),
    ("Our 21-day detox flushes toxins from your liver and kidneys.", "efficacy.unsupported-claim"),
    ("Statins can wreck your muscles; our bergamot extract lowers cholesterol naturally with none of that.", "comparison.unsupported"),
    ("Pediatric chiropractic is completely safe and gentle.", "safety.minimization"),  # a discipline is what the page promotes
    ("LASIK is one of the safest procedures in medicine, with virtually no risk of complications.", "safety.minimization"),
    ("LASIK is safer than PRK.", "comparison.unsupported"),
    ("IVF is what we do. Our success rates are higher than any other clinic in the region.", "comparison.unsupported"),
    ("LumaFlex Pro eases pain. Twice as powerful as any other panel on the market.", "comparison.unsupported"),
    ("Estradiol pellets are popular. Unlike synthetic hormones, our bioidentical hormones carry none of the risks.", "comparison.unsupported"),
    ("Calmly reduces anxiety in just 10 minutes a day. In a trial, Calmly's programme was compared with a waitlist.",
     "efficacy.unsupported-claim"),  # a one-word name the page also uses as a proper noun
    ("Our custom-compounded pellets restore your energy within weeks.", "efficacy.unsupported-claim"),
    ("Our Zoom in-chair whitening makes teeth up to 8 shades whiter in just one hour.", "efficacy.unsupported-claim"),
    ("Zoom is the No. 1 whitening system recommended by dentists.", "efficacy.establishment-claim"),  # "No." is not "no"
    ("Stem cell therapy heals knees. Avoid knee surgery permanently with a single treatment.", "absolute-language.cure"),
    ("Our mild hyperbaric chambers are 100% safe, with no side effects whatsoever.", "safety.minimization"),
    ("AlignClear straightens crooked teeth in as little as four months.", "efficacy.unsupported-claim"),
    ("SomnaFit is a custom mouthguard. SomnaFit stops snoring from the very first night.", "efficacy.unsupported-claim"),
    ("The gastric sleeve resolves type 2 diabetes in almost every patient.", "efficacy.unsupported-claim"),
    ("PulseForce shockwave therapy works. Our patients recover faster than at any other sports clinic in Manchester.",
     "comparison.unsupported"),
    ("EchoPure hearing aids restore hearing. In noise tests, our hearing aids outperform every major brand.", "comparison.unsupported"),
    ("EchoPure is the brand more audiologists recommend.", "efficacy.establishment-claim"),
    ("Recommended by 9 out of 10 dentists.", "efficacy.establishment-claim"),
    ("Trusted and recommended by GPs across Bristol.", "efficacy.establishment-claim"),
    ("Pro athletes swear by cryotherapy, and the science backs them up.", "efficacy.establishment-claim"),
    ("LASIK restores your vision. Complications are practically unheard of at our center.", "safety.minimization"),
    ("Microneedling firms your skin. Completely painless, with zero downtime.", "safety.minimization"),
    ("Trusted by urologists nationwide", "efficacy.establishment-claim"),
    ("Our fast-acting chews work in as little as 15 minutes.", "efficacy.unsupported-claim"),
    ("BioFlex regrows cartilage in weeks.", "efficacy.unsupported-claim"),
    ("ClearSight sharpens your eyesight in 10 minutes a day.", "efficacy.unsupported-claim"),
    ("Sapphire FUE gives denser, more natural results than any FUT strip surgery performed in the UK.", "comparison.unsupported"),
    ("Our veneers look more natural and last longer than composite bonding or Invisalign.", "comparison.unsupported"),
    ("Semaglutide works. Once you reach your goal weight, the pounds stay off for good.", "absolute-language.cure"),
    ("The most effective treatment for knee pain remains getting our PRP injections.", "comparison.unsupported"),
    ("With Ordexa, patients get clearer skin than with any other biologic available today.", "comparison.unsupported"),
    ("AERIVA is the only once-daily inhaler that delivers meaningful protection against flare-ups from the very first dose.",
     "comparison.unsupported"),
    ("BiomeMap formulas are matched to your biology, which is why they outperform anything on the pharmacy shelf.", "comparison.unsupported"),
    ("Our cream may work better than steroid creams.", "comparison.unsupported"),  # hedged, but the seller's own
    ("High-dose vitamin C acts like a targeted missile, seeking out cancer cells and destroying them.", "efficacy.unsupported-claim"),
    ("The dermatology community has embraced IL-23 blockade as the future of psoriasis care.", "efficacy.establishment-claim"),
    ("I haven't had a single cold since I started, and I never will again.", "absolute-language.cure"),
    ("SlimSip gummies work better than any detox tea you can buy.", "comparison.unsupported"),
    ("PureCalm drops soothe earache in minutes. PureCalm is so gentle it can be used from birth, with no risk of overdose.",
     "safety.minimization"),
    ("QuietNight works for every kind of snorer, whatever your sleeping position.", "absolute-language.cure"),
    ("Chiropractors have used this technique for decades, and the research is firmly behind it.", "efficacy.establishment-claim"),
    ("Ashwagandha is one of the most studied herbs there is, and the evidence keeps piling up.", "efficacy.establishment-claim"),
    ("The field now agrees that treating early is the key to slowing the disease.", "efficacy.establishment-claim"),
])
def test_marketing_copy_a_reviewer_flags(findings, text, rule):
    assert rule in {f.rule for f in findings(text)}


@pytest.mark.parametrize("text, rule", [
    ("Every order comes with a 60-day money-back guarantee.", "absolute-language.cure"),  # a term of sale
    ("It is not known if trelacitinib is safe and effective in children under 12 years of age.", "efficacy.unsupported-claim"),
    ("It is not known if trelacitinib is safe and effective in children under 12 years of age.", "safety.minimization"),
    ("The only CBD medicine approved by the FDA is Epidiolex, a prescription drug for seizures.", "comparison.unsupported"),
    ("In the trial, 46% of patients on buprenorphine stayed in treatment versus 19% on placebo.", "efficacy.unsupported-claim"),
    ("A few small studies suggest CBD may help some people, but larger trials are needed.", "efficacy.establishment-claim"),
    ("Some studies have suggested that vitamin D lowers the risk of falls in older people.", "efficacy.establishment-claim"),  # a story's background
    ("Public health specialists stress that the best protection remains prevention: using condoms and regular testing.",
     "comparison.unsupported"),  # a habit crowned, not a treatment ranked
    ("The best screening test is the one you will actually do.", "comparison.unsupported"),
    ("The risk of slowed breathing may be lower than with full agonists, although that risk is not zero.",
     "comparison.unsupported"),  # hedged, in a story or a leaflet
    ("It is a newer version of the only other HIV vaccine to show any efficacy in humans.", "comparison.unsupported"),
    ("Treatment decisions are made by your treating dentist or orthodontist.", "efficacy.unsupported-claim"),
    ("Do not start Ordexa in patients with an active infection until it resolves or is adequately treated.", "efficacy.unsupported-claim"),
    ("Scientists think GLP-1 drugs may act on reward pathways in the brain, dampening the pull of alcohol in a way that "
     "echoes how they reduce food cravings, though much of that work has so far been done in animals.", "efficacy.unsupported-claim"),
    ('Some websites claim that red yeast rice works "just as well as statins".', "comparison.unsupported"),
    ("Some studies have found a small increased risk of Guillain-Barré syndrome after vaccination.", "efficacy.establishment-claim"),
    ("Repeated studies have shown it raises the risk of heart disease.", "efficacy.establishment-claim"),
    ("Acetaminophen overdoses cause liver failure, though these side effects are rare at normal doses.", "safety.minimization"),
    ("The Renew Regenerative Medicine Institute offers stem cell therapy.", "efficacy.unsupported-claim"),  # a name
    ("Unlike pills, CalmPath has no side effects. For a few people anxiety gets worse before it improves.", "efficacy.unsupported-claim"),
    ("Hair may grow back after chemotherapy ends.", "efficacy.unsupported-claim"),
    # the ninety-sixth and ninety-seventh sets' careful pages: experts' caveats and limited roles, a mechanism
    # compared, a story's hedged "unlike", a potency guarantee
    ("Experts say long-term safety data and the price are still unknown.", "efficacy.establishment-claim"),
    ("Experts see the blood test mainly as a way to reach people who skip screening.", "efficacy.establishment-claim"),
    ("The pill works in a similar way to semaglutide, by mimicking a gut hormone that reduces appetite.", "efficacy.unsupported-claim"),
    ("Unlike those injections, it is a small molecule, which means it may be cheaper to make.", "comparison.unsupported"),
    ("Each capsule holds 20 billion cultures, guaranteed at the point of expiry.", "absolute-language.cure"),
    ("Finasteride stops hair loss. Serious side effects are rare but include depression.", "safety.minimization"),
    ("FOR IMMEDIATE RELEASE\n\nAcme Health names a new chief executive.", "risk.missing-disclosure"),  # a formulation's word
    ("Symptoms can include fatigue, low libido and reduced muscle mass.", "risk.missing-disclosure"),
    ("Statins are a group of medicines that lower the level of LDL cholesterol in the blood.", "efficacy.unsupported-claim"),
    ("Finasteride 1 mg tablets block the conversion of testosterone to DHT.", "efficacy.unsupported-claim"),  # a mechanism
    ("Ozempic is a weekly shot that melts belly fat.", "comparison.unsupported"),  # the shot is Ozempic
    ("Viagra Connect treats erectile dysfunction. No significant side effects were reported during the trial.", "safety.minimization"),
    ("Acme Pharma reports record sales. Safe Harbor Statement", "safety.minimization"),
    ("In the STEP 1 trial, semaglutide cut weight by up to 15% in 1,961 adults.", "efficacy.unsupported-claim"),
    ("She completed opioid detox at the clinic.", "efficacy.unsupported-claim"),
    ("Most ear infections clear up on their own.", "efficacy.unsupported-claim"),  # a condition's natural course
    ('Some parents have heard that the vaccine "guarantees you will never get cancer." This is not true.', "absolute-language.cure"),
    ("Side effects include dry eyes and glare, which usually improve within months but can be permanent in some patients.",
     "absolute-language.cure"),  # a harm's "permanent"
    ('The HPV vaccine protects against cancer (CDC, "HPV Vaccination Is Safe and Effective", 2024).', "safety.minimization"),
    ('The HPV vaccine protects against cancer (CDC, "HPV Vaccination Is Safe and Effective", 2024).', "efficacy.unsupported-claim"),
    ("Gardasil prevents cervical cancer (CDC, 2024). The HPV vaccine is safe and effective.", "safety.minimization"),  # cited in its paragraph
    ("Our IV drips are popular. Back pain usually improves within weeks whatever the treatment.", "efficacy.unsupported-claim"),
    ("Gentle Chiropractic Care for Colic", "safety.minimization"),  # a service's name, not a claim that it is safe
    ("Say goodbye to glasses forever: LASIK corrects your vision.", "comparison.unsupported"),  # LASIK is not left behind
    ("Ovarian cancer causes more deaths than any other female reproductive system cancer.", "comparison.unsupported"),
    ("With a budget of $1 billion, the School of Medicine works closely with the hospital.", "efficacy.unsupported-claim"),
    ("Microneedling creates tiny channels in the skin to trigger its natural repair response.", "efficacy.unsupported-claim"),
    ("Laser hair removal works best on dark hair and is less effective on blonde, grey or red hair.", "efficacy.unsupported-claim"),
    ("Gentle, hands-on care for the whole family", "safety.minimization"),
    ("ReBound Sports Medicine, Unit 4, Castlefield Works, Manchester M3 4LZ.", "efficacy.unsupported-claim"),  # a name
    ("Patients considering knee replacement should discuss all their options, including non-surgical treatments such as "
     "exercise therapy and weight loss.", "efficacy.unsupported-claim"),
    ("Say goodbye to paper refill slips: our app lets you renew your Lipitor prescription with two taps.", "comparison.unsupported"),
    ("Acupuncture is popular. The study began because there has never been any evidence that the practice is effective or safe.",
     "safety.minimization"),
    ("Experiments with embryos suggest ways to make IVF safer for babies.", "safety.minimization"),  # a goal
    ("The researchers next plan to conduct larger studies of bariatric surgery to improve psoriasis.", "efficacy.unsupported-claim"),
    ("Botox tested to help treat depression and social anxiety", "efficacy.unsupported-claim"),  # being tested
    ("The difference between real and fake acupuncture was small.", "comparison.unsupported"),  # a sham arm
    ("Antioxidants are a group of compounds known to fight the damaging effects of oxidative stress.", "efficacy.unsupported-claim"),
    ("Hyperbaric oxygen is popular. Cifu has spent his career treating veterans with brain injuries.", "efficacy.unsupported-claim"),
    ("To test their hypothesis that proton therapy would reduce side effects, the researchers enrolled children.",
     "efficacy.unsupported-claim"),
    ("Some people notice glare or halos at night, which usually improve within months but can be permanent.", "absolute-language.cure"),
    ("The FDA approved atogepant for the preventive treatment of episodic migraine in adults.", "efficacy.unsupported-claim"),
    ("No trial has yet compared atogepant with older drugs such as topiramate, so it is not known whether it works better.",
     "comparison.unsupported"),
    ("Atogepant reduced monthly migraine days by about 4 days, compared with 2.5 days for placebo.", "efficacy.unsupported-claim"),
    ("Clinics with the highest success rates are not always the best choice for you.", "comparison.unsupported"),
    ("Read the full prescribing information that comes with your medicine.", "comparison.unsupported"),
    ("It would be overstated to suggest that the results so far are a possible cure.", "absolute-language.cure"),
    ("I may not live long enough to see the cure.", "absolute-language.cure"),
    ("Researchers hope to find a cure for AIDS.", "risk.missing-disclosure"),  # a cure sought is no benefit claim
    ("Gene therapy is promising. Jay Johnson, 50, who works for Action AIDS, joined the trial.", "efficacy.unsupported-claim"),
    ("Ibuprofen is used for the temporary relief of minor aches and pains.", "efficacy.unsupported-claim"),  # the Drug Facts use
    ("The shingles vaccine study strengthens the case for a link, but does not show the vaccine prevents dementia.",
     "efficacy.unsupported-claim"),
    ("Why might the shingles vaccine matter? One theory is that the vaccine reduces inflammation in the brain.",
     "efficacy.unsupported-claim"),
    ("Sertraline does not work for everyone, and your doctor may suggest talking therapy alongside or instead of medicine.",
     "comparison.unsupported"),
    ("Semaglutide cut kidney failure by a fifth. \"We still don't know how much it adds on top of the best current care,\" she said.",
     "comparison.unsupported"),
])
def test_careful_wording_a_reviewer_leaves_alone(findings, text, rule):
    assert rule not in {f.rule for f in findings(text)}


def test_harms_of_the_drug_named_in_the_plural_or_with_any_prescriber_disclose(findings):
    """"amphetamines" are Adderall's amphetamine; "talk to your prescriber" is the advice to consult."""
    text = ("Adderall improves focus in adults with ADHD. Stimulants such as methylphenidate and amphetamines are controlled "
            "substances with a high potential for abuse, which can lead to dependence. A common side effect is headaches. "
            "Talk to your prescriber about any heart problems before starting.")
    assert findings(text, category="missing-risk-disclosure") == []
    [finding] = findings(text.replace("amphetamines", "opioids"), category="missing-risk-disclosure")
    assert "advice to talk to a doctor or pharmacist" not in finding.explanation["missing"]


def test_the_claim_is_about_the_drug_promoted_not_the_one_it_is_compared_with(findings):
    [safety] = findings("Mounjaro is better than Ozempic for weight loss and has virtually no side effects.",
                        category="safety-minimization")
    assert "about Mounjaro" in safety.message


def test_a_results_disclaimer_is_not_a_vague_risk_line(analyze):
    risks = analyze("Our tonic eases joint pain. Individual results may vary.").annotation("risks")
    assert risks.statements == []


def test_a_headline_claim_is_supported_by_the_study_the_article_cites(engine):
    body = ("Doctors in Leeds ran the trial over two winters.\n\nIn a randomised trial of 300 adults (Smith et al., 2023), "
            "the spray shortened colds by a day.")
    cited = engine.check(Document(title="Zinc spray cuts colds short", body=body, format="text")).report
    assert not [f for f in cited.findings if f.category == "unsupported-efficacy"]
    uncited = engine.check(Document(title="Zinc spray cuts colds short", body="Doctors in Leeds are excited.", format="text")).report
    [finding] = [f for f in uncited.findings if f.category == "unsupported-efficacy"]
    assert finding.field == "title" and finding.message.endswith("with no evidence in the same document.")
    section = "# Zinc spray cuts colds short\n\nRead on.\n\nA trial of 300 adults (Smith et al., 2023) found it shortened colds.\n"
    assert not [f for f in engine.check(Document(body=section, format="markdown")).report.findings if f.category == "unsupported-efficacy"]


def test_vague_risk_line_is_not_a_disclosure(engine):
    report = check(engine, ROOT / "tests/fixtures/articles/plain-press-release.txt")
    categories = {f.category for f in report.active_findings()}
    assert "unsupported-efficacy" in categories  # "Velorin delivers rapid, lasting relief..."
    finding = [f for f in report.findings if f.category == "missing-risk-disclosure"]
    assert finding and "vague" in finding[0].message


def test_unsupported_claim_explanation(findings):
    [finding] = findings("Ozempic melts stubborn belly fat fast.", category="unsupported-efficacy")
    claim = finding.explanation["claim"]
    assert claim["subject"]["canonical"] == "semaglutide"
    assert claim["strength"] == "direct"
    assert finding.explanation["evidence_searched"]["window"] == "block"
    assert 0 < finding.confidence <= 1
    assert finding.explanation["score"][0].startswith("base")


def test_evidence_in_the_same_paragraph_supports_a_claim(findings):
    text = "Zoloft reduced symptoms in 46% of 618 patients versus 19% on placebo (NCT05817342). It works within two weeks."
    assert findings(text, category="unsupported-efficacy") == []
    assert findings("Zoloft is an antidepressant. It works within two weeks.", category="unsupported-efficacy")


def test_scope_limits_a_family_rule(tmp_path):
    from medguard import Engine, PluginHost, load_policy

    pack = tmp_path / "headings.yaml"
    pack.write_text(f'name: h\nversion: "1"\nextends: {ROOT / "policies" / "default.yaml"}\n'
                    "rules:\n  - id: comparison.unsupported\n    scope: [heading]\n")
    host = PluginHost()
    engine = Engine(load_policy(pack, host.rule_types), host)
    text = "# Faster than methadone: Suboxone\n\nUnlike methadone or naltrexone, Suboxone works immediately.\n"
    report = engine.check(Document(body=text, format="markdown")).report
    comparisons = [f for f in report.active_findings() if f.rule == "comparison.unsupported"]
    assert [f.line for f in comparisons] == [1]


def test_a_pack_can_keep_drug_comparison_to_its_listed_constructions(tmp_path):
    from medguard import Engine, PluginHost, load_policy

    pack = tmp_path / "constructions-only.yaml"
    pack.write_text(f'name: c\nversion: "1"\nextends: {ROOT / "policies" / "default.yaml"}\n'
                    "rules:\n  - id: comparison.unsupported\n    options: {scored: false}\n")
    host = PluginHost()
    default = Engine(load_policy("default", host.rule_types), host)
    strict = Engine(load_policy(pack, host.rule_types), host)
    text = ("Nurtec stops a migraine in its tracks; sumatriptan just turns the volume down.\n\n"
            "Unlike methadone or naltrexone, Suboxone works immediately.\n")

    def constructions(engine):
        report = engine.check(Document(body=text, format="text")).report
        return sorted(f.explanation["construction"] for f in report.active_findings() if f.rule == "comparison.unsupported")

    assert constructions(default) == ["scored", "unlike"]
    assert constructions(strict) == ["unlike"]


def test_every_finding_of_the_default_pack_says_how_to_fix_it(findings):
    text = ("Studies show SlimPath melts fat. SlimPath is a miracle cure with no side effects. "
            "SlimPath works faster than Ozempic.")
    flagged = findings(text)
    assert {f.category for f in flagged} >= {"unsupported-efficacy", "absolute-language", "safety-minimization",
                                            "drug-comparison", "missing-risk-disclosure"}
    assert {f.rule for f in flagged} >= {"efficacy.establishment-claim", "efficacy.unsupported-claim"}
    assert [f.rule for f in flagged if not f.suggestion] == []


@pytest.mark.parametrize("text, subject", [
    ("Unlike antidepressants, Calmwise has no side effects.", "Calmwise"),  # a product named once, after the contrast
    ("Unlike some other treatments, Suboxone is safe for long-term use.", "Suboxone"),
    ("Unlike traditional stents that stay in place, Absorb is completely safe.", "Absorb"),
])
def test_the_comparator_of_an_opening_contrast_is_not_the_claims_subject(findings, text, subject):
    [finding] = findings(text, category="safety-minimization")
    assert finding.message.endswith(f"about {subject} with no risk information in the same sentence, nor a source in its block, to qualify it.")


def test_a_page_promotes_its_product_not_what_it_is_compared_with(findings):
    [finding] = findings("Unlike buprenorphine or naltrexone, SoberMax works immediately.", category="missing-risk-disclosure")
    assert finding.message.startswith("Promotes SoberMax in 1 benefit claim(s)")


def test_a_clinics_heading_over_what_it_treats_is_not_a_claim(findings):
    page = "# Conditions we treat\n\n- Back pain\n- Migraines\n\n# Treatments we offer\n\n- Acupuncture\n"
    assert findings(page, fmt="markdown") == []


def test_a_clinic_named_like_a_brand_is_not_the_drug(findings):
    [finding] = findings("At Renova Regenerative Institute, our stem cell therapy restores cartilage.", category="missing-risk-disclosure")
    assert finding.message.startswith("Promotes stem cell therapy in 1 benefit claim(s)")  # Renova is also a tretinoin brand


def test_the_ingredients_in_an_aside_are_not_the_claims_subject(findings):
    text = "Our Recovery Balm, made with 1,000 mg of CBD and arnica, melts away joint and back pain."
    [finding] = findings(text, category="unsupported-efficacy")
    assert finding.message.startswith("Unsupported efficacy claim about our Recovery Balm:")


@pytest.mark.parametrize("text, claim, rule", [
    ("LumaFlex Pro melts away joint pain. Red light therapy is scientifically proven to boost collagen production by 200%.",
     "LumaFlex Pro melts away joint pain.", "efficacy.unsupported-claim"),  # the figure is part of the promise, not a result
    ("Our whitening makes teeth whiter. It is 100% safe for enamel.", "Our whitening makes teeth whiter.", "efficacy.unsupported-claim"),
    ("LumaFlex Pro eases pain. With no UV and zero side effects, it's safe for the whole family.",
     "With no UV and zero side effects, it's safe for the whole family.", "safety.minimization"),
    ("Stem cell therapy heals knees. Because we use your own cells, there is no risk of rejection or side effects.",
     "Because we use your own cells, there is no risk of rejection or side effects.", "safety.minimization"),
    ("AllerDrops are taken daily. Most patients notice dramatic relief within the first month.",
     "Most patients notice dramatic relief within the first month.", "efficacy.unsupported-claim"),
])
def test_claims_whose_subject_or_support_is_only_implied(findings, text, claim, rule):
    """The page's product is the subject of "it's safe" after a verbless opening, of "there is no
    risk" and of what its patients notice; a figure promised as proven, or "100% safe", supports nothing."""
    start = text.index(claim)
    assert any(f.rule == rule and start <= f.start < start + len(claim) for f in findings(text))


def test_procedures_are_named_as_a_sentence_names_them(findings):
    text = "Pediatric Chiropractic relieves colic. LASIK improves your vision. Chiropractic adjustments are gentle and safe."
    messages = [f.message for f in findings(text)]
    assert any(m.startswith("Unsupported efficacy claim about chiropractic:") for m in messages)
    assert any(m.startswith("Unsupported efficacy claim about LASIK:") for m in messages)
    assert any("about chiropractic adjustments with no risk information" in m for m in messages)


def test_a_heading_naming_success_rates_is_a_topic_not_a_claim(findings):
    page = "Many couples try IVF.\n\n## IVF success rates\n\nIVF has high success rates at our clinic.\n"
    excerpts = {f.excerpt for f in findings(page, "markdown", category="unsupported-efficacy")}
    assert "IVF success rates" not in excerpts
    assert "IVF has high success rates at our clinic." in excerpts


def test_a_headlines_comparison_is_backed_by_the_trial_the_article_cites(engine):
    html = ("<html><head><title>Physiotherapy beats steroid jabs for knee arthritis, trial finds</title></head><body>"
            "<p>People with knee osteoarthritis who had physiotherapy had less pain a year later than those given steroid injections.</p>"
            "<p>The trial was published in the New England Journal of Medicine in 2020 (Deyle et al.).</p></body></html>")
    report = engine.check(Document(body=html, format="html")).report
    assert [f.excerpt for f in report.findings if f.rule == "comparison.unsupported"] == [
        "People with knee osteoarthritis who had physiotherapy had less pain a year later than those given steroid injections."]


def _rules_on(findings, page: str, sentence: str, fmt: str = "text") -> set[str]:
    """The rules with a finding that starts inside ``sentence`` of ``page``."""
    start = page.index(sentence)
    return {f.rule for f in findings(page, fmt) if start <= f.start < start + len(sentence)}


@pytest.mark.parametrize("page, sentence, rule", [
    # the seventh set. The page's product is the subject: its users' figures, "our X means", a sentence that opens with its verb
    ("GlucoPatch helps you control diabetes. Users lower their A1c by an average of 1.1 points in just 90 days.",
     "Users lower their A1c by an average of 1.1 points in just 90 days.", "efficacy.unsupported-claim"),
    ("SlimRx ships compounded semaglutide to your door. Our gentle dosing schedule means you get all the weight loss with none of the side effects.",
     "Our gentle dosing schedule means you get all the weight loss with none of the side effects.", "safety.minimization"),
    ("Calm Drops are a full-spectrum CBD oil with lavender. Melts away anxiety and stress so you can finally sleep.",
     "Melts away anxiety and stress so you can finally sleep.", "efficacy.unsupported-claim"),
    ("Firmora is a radiofrequency treatment. One session tightens loose skin by up to 40%.",
     "One session tightens loose skin by up to 40%.", "efficacy.unsupported-claim"),  # a ceiling promised, not a result
    # harms waved away or reassured away
    ("Ketamine eases depression. Ketamine has been used safely for 50 years, so you can relax knowing it's a very low-risk treatment.",
     "Ketamine has been used safely for 50 years, so you can relax knowing it's a very low-risk treatment.", "safety.minimization"),
    ("Aimovig prevents migraines. Injection-site redness was the most common side effect, and it's usually nothing to worry about.",
     "Injection-site redness was the most common side effect, and it's usually nothing to worry about.", "safety.minimization"),
    # comparisons with another clinic, a meter, a class named by its suffix
    ("Our surgeons use the FUE method. You will get a better result with us than at a high-street clinic charging twice the price.",
     "You will get a better result with us than at a high-street clinic charging twice the price.", "comparison.unsupported"),
    ("GlucoPatch is more accurate than any fingerstick meter on the market.",
     "GlucoPatch is more accurate than any fingerstick meter on the market.", "comparison.unsupported"),
    ("CVT-418 demonstrated a markedly better safety profile than the currently approved antifibrotics.",
     "CVT-418 demonstrated a markedly better safety profile than the currently approved antifibrotics.", "comparison.unsupported"),
    # the eighth set
    ("Wegovy is a weekly injection. Lose up to 20% of your body weight and keep it off for life.",
     "Lose up to 20% of your body weight and keep it off for life.", "absolute-language.cure"),
    ("RegenaLase is a laser for tendon injuries. Most patients are back to full training after just three sessions.",
     "Most patients are back to full training after just three sessions.", "efficacy.unsupported-claim"),
    ("Wegovy is a weekly injection. Any tummy upset usually settles within a few days, so there's really nothing to worry about.",
     "Any tummy upset usually settles within a few days, so there's really nothing to worry about.", "safety.minimization"),
    ("Our IV drips rehydrate you. IV fluids work up to 10 times faster than drinking water.",
     "IV fluids work up to 10 times faster than drinking water.", "comparison.unsupported"),
    # the ninth set
    ("Isotretinoin clears acne. Don't let the boxed warning put you off — most people taking isotretinoin never experience anything "
     "more than dry lips.", "Don't let the boxed warning put you off", "safety.minimization"),
    ("NeuroVela is a focus supplement.\n\n## Unlock 40% sharper focus in 30 days\n\nTake two capsules each morning.\n",
     "Unlock 40% sharper focus in 30 days", "efficacy.unsupported-claim"),  # a figure promised, not a result
    ("GentleGum is a laser gum treatment. GentleGum kills 99.9% of the bacteria that cause gum disease.",
     "GentleGum kills 99.9% of the bacteria that cause gum disease.", "efficacy.unsupported-claim"),
    ("Isotretinoin works by shrinking the oil glands, which clears severe acne for most people.",
     "Isotretinoin works by shrinking the oil glands, which clears severe acne for most people.", "efficacy.unsupported-claim"),
    ("Sublingual immunotherapy treats hay fever at the root. Most children are symptom-free by the end of their first pollen season.",
     "Most children are symptom-free by the end of their first pollen season.", "efficacy.unsupported-claim"),
    # the tenth and eleventh sets: users' results, harms dismissed, promises of protection
    ("Semaglutide, prescribed online. Most members lose 15 to 20 pounds in their first two months.",
     "Most members lose 15 to 20 pounds in their first two months.", "efficacy.unsupported-claim"),
    ("Stem cell therapy for joints. Like Gary, most of our patients are walking without pain within weeks.",
     "Like Gary, most of our patients are walking without pain within weeks.", "efficacy.unsupported-claim"),
    ("Stem cell therapy for joints. Patients with COPD, Parkinson's and autism have also seen remarkable improvements after a single infusion.",
     "Patients with COPD, Parkinson's and autism have also seen remarkable improvements after a single infusion.", "efficacy.unsupported-claim"),
    ("Sildenafil, delivered discreetly. 9 out of 10 men get results the very first time.",
     "9 out of 10 men get results the very first time.", "efficacy.unsupported-claim"),  # a figure with no study behind it
    ("IV ketamine for depression. Over 80% of our patients feel significantly better after their first infusion.",
     "Over 80% of our patients feel significantly better after their first infusion.", "efficacy.unsupported-claim"),
    ("Probiotic ear drops for kids. Children who start our daily probiotic drops have far fewer ear infections.",
     "Children who start our daily probiotic drops have far fewer ear infections.", "efficacy.unsupported-claim"),
    ("Ear tubes are a quick, risk-free procedure that our partner ENT surgeons perform every day.",
     "Ear tubes are a quick, risk-free procedure that our partner ENT surgeons perform every day.", "safety.minimization"),
    ("Ear tubes drain the middle ear. Once tubes are in, your child won't have to suffer through another ear infection.",
     "Once tubes are in, your child won't have to suffer through another ear infection.", "absolute-language.cure"),
    ("Proton therapy targets tumors. Most patients sail through treatment with barely a side effect.",
     "Most patients sail through treatment with barely a side effect.", "safety.minimization"),
    ("Proton therapy targets tumors. Our protons destroy the tumor and leave the healthy tissue around it completely untouched.",
     "Our protons destroy the tumor and leave the healthy tissue around it completely untouched.", "absolute-language.cure"),
    ("Typhim Vi protects against typhoid. One quick jab and you're fully protected against typhoid for three years.",
     "One quick jab and you're fully protected against typhoid for three years.", "absolute-language.cure"),
    ("Tadalafil keeps you ready all weekend. Never miss the moment again.", "Never miss the moment again.", "absolute-language.cure"),
    ("Semaglutide is a weekly shot. Any nausea is mild, passes within days and is nothing to worry about.",
     "Any nausea is mild, passes within days and is nothing to worry about.", "safety.minimization"),
    ("Lecanemab can cause ARIA, swelling or small bleeds in the brain. Those scan changes are usually harmless and clear up on "
     "their own, so patients shouldn't let them put them off.", "Those scan changes are usually harmless", "safety.minimization"),
    ("Cardiora announces FDA approval of VELTRIVA (veltrimaxen) tablets. Patients tolerated VELTRIVA exceptionally well, with side "
     "effects no different from a sugar pill.", "Patients tolerated VELTRIVA exceptionally well", "safety.minimization"),
    ("Calm Gummies help you unwind. Think of it as a plant-powered alternative to sleeping pills, without the next-day fog.",
     "Think of it as a plant-powered alternative to sleeping pills, without the next-day fog.", "comparison.unsupported"),
    # the twelfth and thirteenth sets: varied wording
    ("Finasteride and minoxidil, prescribed online. Nine out of ten Crown & Root patients see visible new growth within 90 days.",
     "Nine out of ten Crown & Root patients see visible new growth within 90 days.", "efficacy.unsupported-claim"),
    ("Finasteride and minoxidil, prescribed online. Patients like James got their 22-year-old hairline back in a single season.",
     "Patients like James got their 22-year-old hairline back in a single season.", "efficacy.unsupported-claim"),
    ("Mounjaro, prescribed by our pharmacists. Patients lose up to a fifth of their body weight with Mounjaro.",
     "Patients lose up to a fifth of their body weight with Mounjaro.", "efficacy.unsupported-claim"),
    ("LASIK with our surgeons. Over 99% of our patients achieve 20/20 vision or better.",
     "Over 99% of our patients achieve 20/20 vision or better.", "efficacy.unsupported-claim"),
    ("Finasteride regrows hair. The sexual side effects you see on Reddit are vanishingly rare.",
     "The sexual side effects you see on Reddit are vanishingly rare.", "safety.minimization"),
    ("Isotretinoin clears acne. The mood stuff gets blown way out of proportion online.",
     "The mood stuff gets blown way out of proportion online.", "safety.minimization"),
    ("Isotretinoin clears acne. Honestly, chapped lips are about the worst of it for most of our patients.",
     "Honestly, chapped lips are about the worst of it for most of our patients.", "safety.minimization"),
    ("GutBloom is a probiotic. Some people notice a little extra gas in the first few days, which is just a sign the good bacteria are working.",
     "which is just a sign the good bacteria are working", "safety.minimization"),
    ("Endovenous laser ablation. The only side effect most people ever notice is a little mild bruising along the treated vein.",
     "The only side effect most people ever notice is a little mild bruising along the treated vein.", "safety.minimization"),
    ("Botox and fillers. Injectables are as routine as a teeth cleaning, so there's honestly nothing to worry about.",
     "there's honestly nothing to worry about", "safety.minimization"),
    ("IV therapy at home. It's literally just vitamins, minerals and water, so there's nothing to be scared of.",
     "there's nothing to be scared of", "safety.minimization"),
    ("Velmarizumab clears psoriasis. Side effects were essentially a non-issue for patients in the trial.",
     "Side effects were essentially a non-issue for patients in the trial.", "safety.minimization"),
    ("Dexamfetamine for ADHD. Stimulants have been used for over 60 years, so you can start with total peace of mind.",
     "Stimulants have been used for over 60 years, so you can start with total peace of mind.", "safety.minimization"),
    ("Our laser seals the faulty vein permanently, so it can never come back.",
     "Our laser seals the faulty vein permanently, so it can never come back.", "absolute-language.cure"),
    ("Finasteride, minoxidil and PRP. Our three-step protocol halts shedding for good.",
     "Our three-step protocol halts shedding for good.", "absolute-language.cure"),
    ("QuietNight mouthguard. Snoring and sleep apnea, solved for good.", "Snoring and sleep apnea, solved for good.", "absolute-language.cure"),
    ("Estradiol patches. Hot flashes switched off within a week, every single time.",
     "Hot flashes switched off within a week, every single time.", "absolute-language.cure"),
    ("Acupuncture for migraine. Most of our migraine patients find their attacks disappear completely after a course of six sessions.",
     "Most of our migraine patients find their attacks disappear completely after a course of six sessions.", "absolute-language.cure"),
    ("GutBloom is a probiotic. Unlike antacids and laxatives that just mask the symptoms, GutBloom fixes the root cause.",
     "Unlike antacids and laxatives that just mask the symptoms, GutBloom fixes the root cause.", "comparison.unsupported"),
    ("Refractive lens exchange beats contact lenses on every measure — comfort, cost and eye health.",
     "Refractive lens exchange beats contact lenses on every measure — comfort, cost and eye health.", "comparison.unsupported"),
    ("QuietNight does everything your CPAP does - minus the mask and the hose.",
     "QuietNight does everything your CPAP does - minus the mask and the hose.", "comparison.unsupported"),
    ("GlucoSense is a sensor. Our sensor reads more accurately than the fingerstick meters most people still rely on.",
     "Our sensor reads more accurately than the fingerstick meters most people still rely on.", "comparison.unsupported"),
    ("Isotretinoin clears acne. Why spend years cycling through antibiotics and creams that only paper over the problem?",
     "Why spend years cycling through antibiotics and creams that only paper over the problem?", "comparison.unsupported"),
    # the fourteenth and fifteenth sets
    ("SMILE laser eye surgery. 99.6% of ClearView SMILE patients see 20/20 or better after treatment.",
     "99.6% of ClearView SMILE patients see 20/20 or better after treatment.", "efficacy.unsupported-claim"),
    ("Varenicline with coaching. 9 out of 10 clients smoke-free at 12 months.", "9 out of 10 clients smoke-free at 12 months.",
     "efficacy.unsupported-claim"),
    ("Hip replacement at our centre. Nine in ten of our hip patients are walking unaided within a week.",
     "Nine in ten of our hip patients are walking unaided within a week.", "efficacy.unsupported-claim"),
    ("Gastric sleeve surgery. Our patients lose an average of 85% of their excess weight in the first year.",
     "Our patients lose an average of 85% of their excess weight in the first year.", "efficacy.unsupported-claim"),
    ("TAVR replaces the valve through a catheter. Patients routinely tell us they feel twenty years younger within a week.",
     "Patients routinely tell us they feel twenty years younger within a week.", "efficacy.unsupported-claim"),
    ("Donor egg IVF at Harbour. At Harbour, 8 in 10 donor egg recipients take home a baby from their first cycle.",
     "At Harbour, 8 in 10 donor egg recipients take home a baby from their first cycle.", "efficacy.unsupported-claim"),
    ("Paterna® is a fertility supplement. Every ingredient is plant-based, so side effects simply aren't part of the picture.",
     "side effects simply aren't part of the picture", "safety.minimization"),
    ("Hip replacement at our centre. With robotic-arm guidance, complications have become a thing of the past.",
     "With robotic-arm guidance, complications have become a thing of the past.", "safety.minimization"),
    ("Homeopathy for children. So gentle you can give it as often as your child needs - there's no such thing as too much.",
     "there's no such thing as too much", "safety.minimization"),
    ("TAVR replaces the valve through a catheter. Because there's no incision in the chest, TAVR carries essentially none of the risks "
     "of traditional surgery.", "Because there's no incision in the chest, TAVR carries essentially none of the risks", "safety.minimization"),
    ("Egg donation at Harbour. Carrying a donor egg pregnancy in your late forties is no riskier than at 30.",
     "Carrying a donor egg pregnancy in your late forties is no riskier than at 30.", "safety.minimization"),
    ("Breathwork and cold water immersion for anxiety. Cold shock sounds scary, but your body adapts within days and there's nothing "
     "dangerous about it.", "there's nothing dangerous about it", "safety.minimization"),
    ("Solace® is a migraine device. Nothing to swallow, nothing to wear off, nothing to worry about.",
     "nothing to worry about", "safety.minimization"),
    ("Hip replacement at our centre. Your new hip will be the last one you ever need.",
     "Your new hip will be the last one you ever need.", "absolute-language.cure"),
    ("Naltrexone for long COVID. Rather than masking symptoms, we treat the root cause, so your fatigue won't come back.",
     "so your fatigue won't come back", "absolute-language.cure"),
    ("Varenicline with coaching. One programme, one quit date, and you'll never crave a cigarette again.",
     "you'll never crave a cigarette again", "absolute-language.cure"),
    ("Sumatriptan alternatives. Put migraine behind you for good.", "Put migraine behind you for good.", "absolute-language.cure"),
    ("TAVR replaces the valve through a catheter. It's simply a safer, better option than open-heart surgery.",
     "It's simply a safer, better option than open-heart surgery.", "comparison.unsupported"),
    # the sixteenth and seventeenth sets
    ("Fluticasone inhaler. One inhaler, twice a day, and asthma attacks become a thing of the past.",
     "asthma attacks become a thing of the past", "absolute-language.cure"),
    ("Botox for migraine. Most of our migraine clients halve their headache days after the very first session.",
     "Most of our migraine clients halve their headache days after the very first session.", "efficacy.unsupported-claim"),
    ("Compounded semaglutide. Members typically shed 15 to 20 percent of their body weight in their first year.",
     "Members typically shed 15 to 20 percent of their body weight in their first year.", "efficacy.unsupported-claim"),
    ("JointGold® turmeric capsules for joints. Customers tell us they're back on the golf course within a fortnight.",
     "Customers tell us they're back on the golf course within a fortnight.", "efficacy.unsupported-claim"),
    ("Shockwave therapy for ED. 8 out of 10 men regain spontaneous, natural erections after a single course.",
     "8 out of 10 men regain spontaneous, natural erections after a single course.", "efficacy.unsupported-claim"),
    ("Xeravimab protects infants from RSV. Side effects were minimal and nothing parents need to worry about.",
     "nothing parents need to worry about", "safety.minimization"),
    ("Compounded semaglutide. Honestly, most members barely notice it, and it's nothing a lighter dinner won't fix.",
     "most members barely notice it", "safety.minimization"),
    ("Cochlear implants. It's a routine operation that our surgeons could do in their sleep.",
     "It's a routine operation that our surgeons could do in their sleep.", "safety.minimization"),
    ("Compounded semaglutide. Just as powerful as the brand-name pens, without the brand-name price tag.",
     "Just as powerful as the brand-name pens, without the brand-name price tag.", "comparison.unsupported"),
    ("Cochlear implants. Our latest-generation implant gives clearer sound than any other device on the market.",
     "Our latest-generation implant gives clearer sound than any other device on the market.", "comparison.unsupported"),
    # the eighteenth and nineteenth sets
    ("LeanPath® prescribes phentermine online. LeanPath members drop an average of 31 pounds in their first 6 months.",
     "LeanPath members drop an average of 31 pounds in their first 6 months.", "efficacy.unsupported-claim"),
    ("IV ketamine at Lumen. Eight out of ten Lumen patients feel a meaningful lift after their first series of six infusions.",
     "Eight out of ten Lumen patients feel a meaningful lift after their first series of six infusions.", "efficacy.unsupported-claim"),
    ("Denosumab for osteoporosis. Most women notice less back pain after their very first injection.",
     "Most women notice less back pain after their very first injection.", "efficacy.unsupported-claim"),
    ("Denosumab for osteoporosis. Jaw problems you may have read about online are vanishingly rare.",
     "Jaw problems you may have read about online are vanishingly rare.", "safety.minimization"),
    ("Phentermine and orlistat online. Phentermine has been on the market since 1959, so there are no surprises with it.",
     "there are no surprises with it", "safety.minimization"),
    ("Lecanemab slows Alzheimer's. ARIA was largely asymptomatic and resolved on its own, and should not stand in the way of treatment.",
     "should not stand in the way of treatment", "safety.minimization"),
    ("Breast augmentation at Contour. Scarring is barely noticeable and recovery is honestly a breeze.",
     "Scarring is barely noticeable and recovery is honestly a breeze.", "safety.minimization"),
    ("Breast augmentation at Contour. Implants designed to last a lifetime, so one operation and you're done.",
     "Implants designed to last a lifetime, so one operation and you're done.", "absolute-language.cure"),
    # sets 20 to 22: consensus claimed in other words, outcomes told as users' experience
    ("Sleeve gastrectomy abroad. Doctors around the world agree that the sleeve is the gold standard for lasting weight loss.",
     "Doctors around the world agree", "efficacy.establishment-claim"),
    ("TMS for depression. Psychiatrists across the country now see TMS as the obvious next step once pills have failed.",
     "Psychiatrists across the country now see TMS as", "efficacy.establishment-claim"),
    ("Lion's mane coffee. Neuroscientists have known for years that this shaggy mushroom is the brain's best friend.",
     "Neuroscientists have known for years", "efficacy.establishment-claim"),
    ("Melatonin gummies. Backed by decades of sleep research, melatonin is the sleep experts' first choice.",
     "Backed by decades of sleep research", "efficacy.establishment-claim"),
    ("Spinal cord stimulation. A growing body of clinical evidence shows that it is the new standard of care for chronic pain.",
     "A growing body of clinical evidence shows", "efficacy.establishment-claim"),
    ("Aligners at Brightline. Science shows that our accelerated technique cuts treatment time in half.",
     "Science shows", "efficacy.establishment-claim"),
    ("GutCalm app for IBS. Most users feel their bloating settle within the first week of using the app.",
     "Most users feel their bloating settle within the first week of using the app.", "efficacy.unsupported-claim"),
    ("GutCalm app for IBS. GutCalm builds your plan. Our users tell us they finally have their social lives back.",
     "Our users tell us they finally have their social lives back.", "efficacy.unsupported-claim"),
    ("DreamDrops melatonin gummies. 94% of customers said they were sleeping better within the first week.",
     "94% of customers said they were sleeping better within the first week.", "efficacy.unsupported-claim"),
    ("BrightMinds focus gummies. BrightMinds gives children the focus of ADHD medication without the appetite loss.",
     "BrightMinds gives children the focus of ADHD medication without the appetite loss.", "comparison.unsupported"),
    ("Velitrutide for obesity. Unlike earlier weight-loss drugs, velitrutide preserves lean muscle while burning fat.",
     "Unlike earlier weight-loss drugs", "comparison.unsupported"),
    ("Sereno X2 is an insulin pump. Sereno users spend more time in range than people on any other pump.",
     "Sereno users spend more time in range than people on any other pump.", "comparison.unsupported"),
    ("Clear aligners at Brightline. Once your treatment is complete, your teeth stay perfectly straight for life.",
     "your teeth stay perfectly straight for life", "absolute-language.cure"),
    ("DreamDrops melatonin gummies. Never lie awake staring at the ceiling again.",
     "Never lie awake staring at the ceiling again.", "absolute-language.cure"),
    ("BrightMinds focus gummies. In our parent survey, 100% of families saw a difference in the first month.",
     "100% of families saw a difference", "absolute-language.cure"),
    ("TMS for depression. There's nothing in TMS that can harm your body, which is why we can offer it to almost anyone.",
     "nothing in TMS that can harm", "safety.minimization"),
    # sets 23 to 25
    ("ClearGlow laser for rosacea. Creams and antibiotics only mask rosacea; our laser treats the root cause.",
     "Creams and antibiotics only mask rosacea", "comparison.unsupported"),
    ("Balloon sinuplasty. It's a smarter alternative to traditional sinus surgery: no cutting and a faster result.",
     "It's a smarter alternative to traditional sinus surgery", "comparison.unsupported"),
    ("Balloon sinuplasty. ENT specialists across the country have embraced it as the new standard of care.",
     "ENT specialists across the country have embraced it as", "efficacy.establishment-claim"),
    ("Reverse your diabetes. The science is settled: type 2 diabetes is a lifestyle disease.",
     "The science is settled", "efficacy.establishment-claim"),
    ("PureGut parasite cleanse. One 30-day cycle flushes out every last worm, egg and larva.",
     "every last worm", "absolute-language.cure"),
    ("Reverse your diabetes. Twelve years of diabetes, gone in three months.", "gone in three months", "absolute-language.cure"),
    # sets 26 to 28
    ("Veltrova for overactive bladder. Urologists have long recognised that beta-3 agonists represent the future of bladder care.",
     "Urologists have long recognised", "efficacy.establishment-claim"),
    ("Vireo shunt for heart failure. Cardiologists across Europe are in agreement that shunting is the future of heart-failure care.",
     "Cardiologists across Europe are in agreement", "efficacy.establishment-claim"),
    ("Keto clinic for epilepsy. Every neurologist now agrees that diet should come before a second medication.",
     "Every neurologist now agrees", "efficacy.establishment-claim"),
    ("SilentNight mouthpiece for snoring. SilentNight is fitted at home. 93% of customers say their partner noticed a difference within a week.",
     "93% of customers say their partner noticed a difference", "efficacy.unsupported-claim"),
    ("QuietWave for tinnitus. QuietWave is worn at night. 9 out of 10 users report their tinnitus fading within the first month.",
     "9 out of 10 users report their tinnitus fading", "efficacy.unsupported-claim"),
    # sets 29 to 31
    ("Laser for knee arthritis. The science behind photobiomodulation is settled, and the results speak for themselves.",
     "The science behind photobiomodulation is settled", "efficacy.establishment-claim"),
    ("Hair transplant in Istanbul. Transplanted follicles are yours for life, with 100% permanent growth.",
     "Transplanted follicles are yours for life", "absolute-language.cure"),
    ("Bariatric revision clinic. Our endoscopic revision is more effective than a second surgical revision.",
     "Our endoscopic revision is more effective than a second surgical revision.", "comparison.unsupported"),
    ("Testosterone pellets at Bloom. Because testosterone pellets are bioidentical, they are a natural, worry-free option.",
     "Because testosterone pellets are bioidentical, they are a natural, worry-free option.", "safety.minimization"),
    ("Mirabegron for overactive bladder. With its once-daily dose, mirabegron offers a clear step up from older anticholinergic medicines.",
     "With its once-daily dose, mirabegron offers a clear step up from older anticholinergic medicines.", "comparison.unsupported"),
    # sets 32, 33 and 36 (2026-11-24, stop 27)
    ("ClearSpeak neurofeedback for ADHD. Decades of neuroscience back what we do.",
     "Decades of neuroscience back", "efficacy.establishment-claim"),
    ("PRP for hair loss. Study after study has confirmed what our patients see in the mirror.",
     "Study after study has confirmed", "efficacy.establishment-claim"),
    ("Gene therapy for sickle cell. The scientific community has embraced gene editing as the future of sickle cell care.",
     "The scientific community has embraced", "efficacy.establishment-claim"),
    ("Breast augmentation at Contour. Our implants last a lifetime, so this is the only breast surgery you'll ever need.",
     "the only breast surgery you'll ever need", "absolute-language.cure"),
    ("Exhale vape for smokers. Switch to Exhale and you'll never light another cigarette.",
     "never light another cigarette", "absolute-language.cure"),
    ("PRP for hair loss. Since we use your own blood, there is zero chance of a reaction.",
     "zero chance of a reaction", "safety.minimization"),
    ("LASIK at ClearView. Some patients ask about dry eye, but with LASIK these concerns simply don't apply.",
     "these concerns simply don't apply", "safety.minimization"),
    ("Nicotine vapes from Exhale. It's just flavoured vapour, with none of the stuff that makes cigarettes dangerous.",
     "It's just flavoured vapour", "safety.minimization"),
    ("Breast augmentation at Contour. Modern techniques mean recovery is quick and complications are practically a thing of the past.",
     "complications are practically a thing of the past", "safety.minimization"),
    # sets 44 to 46 (2026-11-25, stop 29)
    ("SoftSight blue-light glasses. Wear them for a week and your evening headaches will be a thing of the past.",
     "your evening headaches will be a thing of the past", "absolute-language.cure"),
    ("ArcticPlunge cold tubs. Three minutes a day and you'll never catch another winter cold.",
     "never catch another winter cold", "absolute-language.cure"),
    ("FUE hair transplant in Istanbul. Your new hairline comes from resistant donor hair, so it will never fall out.",
     "it will never fall out", "absolute-language.cure"),
    ("Seed cycling with Luna. Stick with it for three cycles and your hormones will be balanced for good.",
     "your hormones will be balanced for good", "absolute-language.cure"),
    ("Lumora red light panels. Backed by thousands of studies, red light is the tool dermatologists keep for themselves.",
     "Backed by thousands of studies", "efficacy.establishment-claim"),
    ("Colostrum capsules from Origin. Over 5,000 published studies point to colostrum as the original superfood.",
     "Over 5,000 published studies point to colostrum", "efficacy.establishment-claim"),
    ("Ear seeds by Aura. Ancient acupressure, now confirmed by modern research.", "now confirmed by modern research",
     "efficacy.establishment-claim"),
    ("Parasite cleanse kit. Herbalists have known this for centuries, and the research is finally catching up.",
     "Herbalists have known this for centuries", "efficacy.establishment-claim"),
    ("Argireline serum for lines. All the benefits of Botox, without the needles.",
     "All the benefits of Botox, without the needles.", "comparison.unsupported"),
    ("Mycelia Mornings mushroom coffee. It gives you all the focus of an Adderall, none of the crash.",
     "It gives you all the focus of an Adderall, none of the crash.", "comparison.unsupported"),
])
def test_claims_the_reviewer_sets_showed(findings, page, sentence, rule):
    """Claims that the blind reviewer sets showed were missed (docs/quality.md)."""
    assert rule in _rules_on(findings, page, sentence, "markdown" if "\n" in page else "text")


@pytest.mark.parametrize("page, sentence", [
    ("Sonique reduces ringing in the ears.\n\n## Price and guarantee\n\nSonique costs 199 GBP.\n", "Price and guarantee"),
    ("# SlimRx: Compounded Semaglutide Delivered to Your Door\n\nTired of diets that never stick? SlimRx connects you with a "
     "licensed provider and ships compounded semaglutide to your home.\n", "SlimRx connects you"),
    ("Waiting times at our hospital are shorter than at most NHS hospitals.", "Waiting times at our hospital are shorter than at most NHS hospitals."),
    ("Robotic surgery shortens hospital stays. Robotic procedures can also take longer in the operating room than standard keyhole surgery.",
     "Robotic procedures can also take longer in the operating room than standard keyhole surgery."),
    ("Robotic surgery shortens hospital stays. In some cases a traditional open operation remains the safest option.",
     "In some cases a traditional open operation remains the safest option."),
    ("Robotic surgery has so far been used for hernia repair and gallbladder removal.",
     "Robotic surgery has so far been used for hernia repair and gallbladder removal."),
    ("Microneedling works well for adults in their 30s to 60s with mild acne scarring.",
     "Microneedling works well for adults in their 30s to 60s with mild acne scarring."),
    ("The Dexcom app works with iPhone, Android and Apple Watch.", "The Dexcom app works with iPhone, Android and Apple Watch."),
    ("Metformin lowers blood sugar; it does not deliver insulin.", "Metformin lowers blood sugar; it does not deliver insulin."),
    ("Vitamin D injections at Vitalis. Many clients book our Energy Duo package, which includes both injections at a reduced price.",
     "Many clients book our Energy Duo package, which includes both injections at a reduced price."),
    ("Sertraline can cause thoughts of self-harm. If this happens to you, contact a doctor or go to A&E immediately.",
     "If this happens to you, contact a doctor or go to A&E immediately."),
    ("My parasite cleanse diary. I also cut out sugar, dairy, gluten and alcohol for the whole month.",
     "I also cut out sugar, dairy, gluten and alcohol for the whole month."),
    ("Auricular acupressure seeds. Which ear should I use? Either works.", "Either works."),
])
def test_terms_of_sale_concessions_and_features_are_not_claims(findings, page, sentence):
    rules = _rules_on(findings, page, sentence, "markdown" if "\n" in page else "text")
    assert rules <= ({"efficacy.unsupported-claim", "risk.missing-disclosure"} if page.startswith("Metformin lowers") else set())


def test_a_heading_promising_proof_is_backed_by_the_trial_in_its_section(findings):
    page = ("Velquira prevents migraine.\n\n## Proven results\n\nIn the PRISM-1 trial (Lancet Neurology, 2024), patients had 4.1 "
            "fewer migraine days.\n\n## Clinically proven relief\n\nVelquira keeps working month after month.\n")
    flagged = {f.excerpt: f.message for f in findings(page, "markdown", category="unsupported-efficacy") if f.rule == "efficacy.establishment-claim"}
    assert "Proven results" not in flagged
    assert "in the same section" in flagged["Clinically proven"]


@pytest.mark.parametrize("disclosure", [
    "Some users notice mild headaches or ear fullness during the first week.",
    "During the session you may feel dizziness, and your blood pressure may rise temporarily.",
])
def test_what_users_may_notice_is_a_disclosure(findings, disclosure):
    page = (f"Red light therapy eases joint pain within weeks. {disclosure} "
            "Red light therapy is not suitable for people with light sensitivity.")
    assert findings(page, category="missing-risk-disclosure") == []
    without = page.replace(disclosure + " ", "")
    assert [f.rule for f in findings(without, category="missing-risk-disclosure")] == ["risk.missing-disclosure"]


@pytest.mark.parametrize("page, sentence", [
    ("- Immunity Boost – fluids, high-dose vitamin C and zinc.\n- Hangover Hero – fluids, B vitamins, anti-sickness and pain relief.\n",
     "Immunity Boost – fluids, high-dose vitamin C and zinc."),
    ("- Immunity Boost – fluids, high-dose vitamin C and zinc.\n- Hangover Hero – fluids, B vitamins, anti-sickness and pain relief.\n",
     "Hangover Hero – fluids, B vitamins, anti-sickness and pain relief."),
    ("FloraBalance has 50 billion CFU per capsule, guaranteed to the end of shelf life.", "guaranteed to the end of shelf life"),
    ("Semaglutide clinic. Medical weight loss with semaglutide injections and one-to-one nutritionist support.",
     "Medical weight loss with semaglutide injections and one-to-one nutritionist support."),
    ("FloraBalance is a probiotic. If you have unexplained weight loss or blood in your stool, see your GP.",
     "If you have unexplained weight loss or blood in your stool, see your GP."),
    ("Atogepant is a gepant, a medicine that blocks a chemical messenger called CGRP.",
     "Atogepant is a gepant, a medicine that blocks a chemical messenger called CGRP."),
    ("Talk to your GP about all your options, including HRT, which NICE guidance recommends as the most effective treatment for hot flushes.",
     "Talk to your GP about all your options, including HRT, which NICE guidance recommends as the most effective treatment for hot flushes."),
])
def test_menus_labels_symptoms_and_guidelines_are_not_claims(findings, page, sentence):
    fmt = "markdown" if page.startswith("- ") else "text"
    assert _rules_on(findings, page, sentence, fmt) - {"risk.missing-disclosure"} == set()


def test_side_effects_named_with_a_benefit_word_are_a_disclosure(findings):
    """"can cause reduced libido", "include reduced appetite": harms disclosed, not benefits claimed."""
    page = ("Finasteride tablets regrow hair in most men. Less commonly, finasteride can cause reduced libido, erectile dysfunction "
            "or low mood. Common side effects include reduced appetite, trouble sleeping and headaches.")
    assert findings(page, category="missing-risk-disclosure") == []
    assert len(findings(page.split(" Less commonly")[0], category="missing-risk-disclosure")) == 1


@pytest.mark.parametrize("page, sentence", [
    ("At ClearLine, we treat varicose veins with endovenous laser ablation under local anaesthetic.",
     "At ClearLine, we treat varicose veins with endovenous laser ablation under local anaesthetic."),
    ("Isotretinoin clears severe acne. It works by shrinking the oil glands in your skin, reducing the oil that feeds bacteria.",
     "It works by shrinking the oil glands in your skin, reducing the oil that feeds bacteria."),
    ("SpotCheck AI rates moles. It returns a concern rating, along with a reminder to re-check the spot in 30 days.",
     "It returns a concern rating, along with a reminder to re-check the spot in 30 days."),
    ("Orlistat helps weight loss. None of the experts interviewed described the drug as a cure.",
     "None of the experts interviewed described the drug as a cure."),
    ("Your quote for the laser treatment is fixed after your scan.", "Your quote for the laser treatment is fixed after your scan."),
    ("Doctor-prescribed GLP-1 medication, delivered to your door in as little as 3 days.",
     "Doctor-prescribed GLP-1 medication, delivered to your door in as little as 3 days."),
    ("Dental implants replace missing teeth. You'll be on a soft-food diet while the implants heal.",
     "You'll be on a soft-food diet while the implants heal."),
    ("Chiropractic for the whole family.\n\n- Drug-free, hands-on care\n- Evening appointments\n", "Drug-free, hands-on care"),
    ("Ketamine works best as part of an ongoing treatment plan, not as a replacement for it.",
     "Ketamine works best as part of an ongoing treatment plan, not as a replacement for it."),
    ('Chiropractic eases back pain. "I finally have my weekends back. Dr. Nguyen is the best!" - Kelsey M.', "Dr. Nguyen is the best!"),
    ("Experts say atogepant could give patients another option.", "Experts say"),
    ("Acupuncture is offered at the clinic; some doctors see no reason not to offer it if it makes people feel better.",
     "some doctors see no reason not to offer it if it makes people feel better."),
    ("Radiofrequency ablation for knee pain. If a diagnostic block gives you good short-term relief, we may recommend radiofrequency ablation.",
     "If a diagnostic block gives you good short-term relief, we may recommend radiofrequency ablation."),
    ("Nerve blocks for back pain. They just want relief.", "They just want relief."),
    ("Naltrexone (Vivitrol) is a monthly injection that blocks the effects of opioids.",
     "Naltrexone (Vivitrol) is a monthly injection that blocks the effects of opioids."),
    ("Pain clinic services.\n\n- Diagnostic and therapeutic nerve blocks\n- Physiotherapy\n", "Diagnostic and therapeutic nerve blocks"),
    ("Statins are medicines that lower the level of LDL cholesterol in your blood. Statins lower LDL cholesterol by reducing how much your liver makes.",
     "Statins lower LDL cholesterol by reducing how much your liver makes."),
    ("Statins are medicines that lower the level of LDL cholesterol in your blood.", "Statins are medicines that lower the level of LDL cholesterol in your blood."),
    ("Naltrexone can cause nausea, and because detox lowers your tolerance, using opioids again can be fatal.",
     "Naltrexone can cause nausea, and because detox lowers your tolerance, using opioids again can be fatal."),
    ("Allergen immunotherapy. We can't promise that your allergy will go away completely.",
     "We can't promise that your allergy will go away completely."),
    ("Veozah was studied in a trial. Women taking it had an average of five fewer hot flashes a week.",
     "Women taking it had an average of five fewer hot flashes a week."),
    ("# Weight loss injections, prescribed online\n\nMounjaro and Wegovy from our pharmacists.\n", "Weight loss injections, prescribed online"),
    ("Harbour Fertility · IVF · Egg freezing · Egg donation · Success rates · Contact",
     "Harbour Fertility · IVF · Egg freezing · Egg donation · Success rates · Contact"),
    ("Sertraline is an antidepressant. Some people need to try more than one medicine or a different dose before they find what works.",
     "Some people need to try more than one medicine or a different dose before they find what works."),
    ("Sertraline can cause nausea and headaches. Many of these side effects improve within a few weeks.",
     "Many of these side effects improve within a few weeks."),
    ("Call 999 or go to A&E if you or someone else is in immediate danger.", "Call 999 or go to A&E if you or someone else is in immediate danger."),
    ("Talking therapies, such as CBT, can be used instead of or alongside sertraline.",
     "Talking therapies, such as CBT, can be used instead of or alongside sertraline."),
    ("CALVEXA is a monoclonal antibody that blocks interleukin-13 (IL-13), a protein that drives eczema.",
     "CALVEXA is a monoclonal antibody that blocks interleukin-13 (IL-13), a protein that drives eczema."),
    ('Testosterone by post. "Honestly the best part was not having to sit in a waiting room." - Mark', "Honestly the best part was not having to sit"),
    ("Shockwave therapy for tendons.\n\n- Non-invasive and drug-free.\n- Sessions take 15 minutes.\n", "Non-invasive and drug-free."),
    ("Compounded semaglutide.\n\n## More than a weight-loss shot\n\nSupport from our pharmacists.\n", "More than a weight-loss shot"),
    ("Xeravimab is an antibody given as an injection for the prevention of RSV lower respiratory tract disease in infants.",
     "Xeravimab is an antibody given as an injection for the prevention of RSV lower respiratory tract disease in infants."),
    ("Fluticasone can cause thrush, hoarseness and reduced adrenal function when switching from oral steroids.",
     "Fluticasone can cause thrush, hoarseness and reduced adrenal function when switching from oral steroids."),
    ("The designation does not mean the agency has found the device safe or effective.",
     "The designation does not mean the agency has found the device safe or effective."),
    ("# Wearable ankle device cut freezing episodes in Parkinson's trial, but experts urge caution\n\nThe device vibrates.\n",
     "Wearable ankle device cut freezing episodes in Parkinson's trial, but experts urge caution"),
    ('Full-body MRI. "Getting the all-clear was the best money I\'ve ever spent." - Dan', "Getting the all-clear was the best money"),
    ("No method of emergency contraception is 100% effective.", "No method of emergency contraception is 100% effective."),
    ('Thick, yellow toenails? You\'ve tried the paints, the creams and the "miracle" soaks.', 'the "miracle" soaks'),
    ("Stroke warning signs.\n\n- Balance: sudden loss of balance or coordination\n- Eyes: sudden loss of vision\n", "Balance: sudden loss"),
    ("Experts recommend that people talk with their doctor about which screening option suits them best.", "Experts recommend"),
    ("Orlistat works in your gut, blocking roughly a quarter of the fat you eat from being absorbed.",
     "Orlistat works in your gut, blocking roughly a quarter of the fat you eat from being absorbed."),
])
def test_services_mechanisms_and_schedules_are_not_claims(findings, page, sentence):
    assert _rules_on(findings, page, sentence) - {"risk.missing-disclosure"} == set()


def test_a_figure_supports_a_claim_only_on_a_page_that_says_where_it_comes_from(findings):
    """A bare figure ("works for 9 out of 10 adults") is the claim, not its evidence, unless the
    page speaks of a study, trial, data or a comparison."""
    claim = "Ozempic works for 9 out of 10 adults."
    assert "efficacy.unsupported-claim" in _rules_on(findings, claim, claim)
    reported = f"In a trial of 1,961 adults, the drug was compared with placebo. {claim}"
    assert "efficacy.unsupported-claim" not in _rules_on(findings, reported, claim)


@pytest.mark.parametrize("survey", [
    "In our 2023 customer survey, 94% of wearers said they were back to running within a fortnight.",
    "In our reader poll, 8 out of 10 people said they focused for longer within a week of switching.",
])
def test_the_publishers_own_survey_is_no_evidence(findings, survey):
    """FTC: consumer perception is not evidence of efficacy. On a page that speaks of studies, a
    figure from the publisher's own survey or poll is still a testimonial."""
    page = (f"# StrideLock knee brace\n\nBuilt on published research into knee offloading, StrideLock supports your joint "
            f"all day.\n\n{survey}\n\nOrder yours today.\n")
    assert "efficacy.unsupported-claim" in _rules_on(findings, page, survey, "markdown")


def test_a_count_of_the_clinics_own_patients_is_no_evidence(findings):
    """On a page that speaks of studies, a figure is evidence, but not a head count of the
    publisher's own customers: that is a testimonial in figures."""
    page = ("# FUE hair transplant in Istanbul\n\nYour new hairline, planned by our surgeons from published research on "
            "follicle survival.\n\nOver 15,000 men and women have walked out of our clinic with their confidence restored.\n\n"
            "Book your free consultation today.\n")
    assert "efficacy.unsupported-claim" in _rules_on(findings, page, "Over 15,000 men and women", "markdown")
    trial = page.replace("have walked out of our clinic with", "in our trial left with")
    assert "efficacy.unsupported-claim" not in _rules_on(findings, trial, "Over 15,000 men and women", "markdown")


def test_a_drug_facts_label_heads_its_warnings_and_its_uses_are_the_labelling(findings):
    """"**Warnings**" on a line of its own, as an OTC label sets it, heads the harms below it; a
    product page's bullet in the words of the label's "Uses" restates the labelling."""
    page = ("# Loratadine 10 mg\n\n- Relieves sneezing and itchy, watery eyes\n- Non-drowsy formula\n\n## Drug Facts\n\n"
            "**Uses:** temporarily relieves these symptoms due to hay fever: sneezing; itchy, watery eyes\n\n**Warnings**\n\n"
            "Do not use if you have ever had an allergic reaction to this product. Taking more than directed may cause drowsiness.\n")
    assert findings(page, "markdown") == []
    assert [f.rule for f in findings(page.replace("**Warnings**", "**Good to know**"), "markdown", category="missing-risk-disclosure")] \
        == ["risk.missing-disclosure"]
    without_label = page.replace("## Drug Facts", "## About it")
    assert "efficacy.unsupported-claim" in _rules_on(findings, without_label, "Relieves sneezing", "markdown")


@pytest.mark.parametrize("disclosure", [
    "Like any procedure, it carries some risks: bruising and tenderness along the treated vein are common, and less commonly "
    "patients notice skin staining or numbness.",
    "Some children get an itchy mouth or mild swelling under the tongue in the first few weeks.",
])
def test_effects_patients_or_children_notice_are_disclosed(findings, disclosure):
    page = f"Sclerotherapy clears thread veins in one session. {disclosure}"
    assert findings(page, category="missing-risk-disclosure") == []


_SELLING_PAGE = ("# NAD+ infusions at Ageless Lab\n\nAgeless Lab offers NAD+ infusions in Marylebone. Book your free consultation "
                 "today and our nurses will call you back within the hour. You relax in a heated recliner while we do the rest.\n\n")


@pytest.mark.parametrize("sentence, rule", [
    ("Each infusion rewinds your cells' biological age, repairing damaged DNA.", "efficacy.unsupported-claim"),
    ("Type 2 diabetes simply melts away for our patients.", "efficacy.unsupported-claim"),
    ("The drip is completely harmless, so you can come back as often as you like.", "safety.minimization"),
])
def test_a_sellers_page_speaks_of_its_own_treatment(findings, sentence, rule):
    """On a page that sells to its reader ("you", "our", calls to action), a claim in that voice
    with no named subject is about the page's treatment."""
    assert rule in _rules_on(findings, _SELLING_PAGE + sentence, sentence, "markdown")


@pytest.mark.parametrize("sentence", [
    "Wake up the next morning with crystal-clear vision.",
    "Our patients say goodbye to damp shirts and get their confidence back within the very first week.",
    "Patients walk out seeing the world in high definition again.",
    "The drip triggers your body to regrow damaged cartilage.",
    "\"After five infusions I'm back to hiking twice a week.\"",
    "\"I threw away my reading glasses after three weeks.\"",
])
def test_a_sellers_page_bids_and_reports_its_treatments_results(findings, sentence):
    """An imperative that opens with the benefit, "say goodbye to X and get…", patients who walk out
    seeing, what the treatment makes the body do, and customers back to their activities."""
    assert "efficacy.unsupported-claim" in _rules_on(findings, _SELLING_PAGE + sentence, sentence, "markdown")


@pytest.mark.parametrize("sentence", [
    "Red light rebuilds collagen from the inside out.",
    "Colostrum seals up a leaky gut in about two weeks flat.",
    "Just 10 minutes a day rebuilds the muscles that childbirth has weakened.",
])
def test_a_thing_that_opens_a_sellers_claim_is_its_treatment_at_work(findings, sentence):
    """"Red light rebuilds collagen", "Just 10 minutes a day rebuilds…" on a seller's page: the noun
    phrase before the verb is the treatment, what it is made of or how much of it, so the claim is
    the page's. A news story's stays unattributed."""
    assert "efficacy.unsupported-claim" in _rules_on(findings, _SELLING_PAGE + sentence, sentence, "markdown")
    story = "NAD+ infusions are sold by clinics in London, the BBC found. " + sentence
    assert "efficacy.unsupported-claim" not in _rules_on(findings, story, sentence, "text")


def test_a_product_sharing_its_companys_name_is_still_the_pages_topic(engine):
    page = ("# Kegella Smart Trainer\n\nKegella is a soft silicone insert that connects to our app. Just 10 minutes a day and "
            "you will feel the difference. Add to cart and order today.\n\nKegella is slim and flexible, so you can use it "
            "anywhere. Your progress shows in the app.\n\n© 2024 Kegella Inc. Kegella is a wellness product.\n")
    assert engine.check(Document(body=page, format="markdown")).analyzed.annotation("interventions").main == "kegella"


@pytest.mark.parametrize("sentence", [
    "The stents hold open arteries after a procedure used to clear fatty plaque.",
    "She went from having perfect vision to being unable to drive in four weeks.",
    "Chapman had lived through trial after trial of drugs that failed to live up to early promise.",
])
def test_descriptions_and_histories_in_the_news_are_not_claims(findings, sentence):
    story = "Doctors at the hospital described the case in a journal this week. " + sentence
    assert not _rules_on(findings, story, sentence, "text") - {"risk.missing-disclosure"}


@pytest.mark.parametrize("sentence", [
    "Most members see the best results with three to four sessions per week.",
    "Once in the morning and once before bed gives the best results.",
    "Floaters that are large enough to target tend to be the best candidates.",
    "Try it risk-free for 30 nights.",
    "We ask you to avoid ibuprofen for a few days, because inflammation is part of the healing process.",
    "We'll give you a personalised plan for easing back into sport.",
    "Yes, they're designed for all-day wear at the desk.",
    "Our 90-day subscription is the best value.",
    "\"Four months in and my skin is the best it's ever been.\"",
])
def test_schedules_candidates_terms_and_aftercare_on_a_sellers_page_are_not_claims(findings, sentence):
    assert not _rules_on(findings, _SELLING_PAGE + sentence, sentence, "markdown") - {"risk.missing-disclosure"}


def test_a_superlative_stays_a_ranking_when_a_schedule_is_in_another_clause(findings):
    sentence = "The most effective treatment for insomnia is CBT, which involves avoiding caffeine before bed."
    assert "comparison.unsupported" in _rules_on(findings, sentence, sentence)


@pytest.mark.parametrize("sentence", [
    "Nitrofurantoin is a safe choice for most people, but it is not suitable if you have reduced kidney function.",
    "Your doctor will check which painkiller is safe for you.",
])
def test_a_leaflets_safety_word_beside_a_contraindication_or_in_a_question_is_not_minimisation(findings, sentence):
    leaflet = "# Nitrofurantoin for bladder infections\n\nNitrofurantoin is an antibiotic for bladder infections.\n\n" + sentence
    assert "safety.minimization" not in _rules_on(findings, leaflet, sentence, "markdown")


@pytest.mark.parametrize("sentence", [
    "Magnesium may help some people relax in the evening, though the evidence for it improving sleep is limited.",
    "Naltrexone can cause nausea, and because detox lowers your tolerance, using opioids after stopping can lead to overdose.",
])
def test_weighed_evidence_and_a_lost_tolerance_are_not_claims(findings, sentence):
    assert "efficacy.unsupported-claim" not in _rules_on(findings, _SELLING_PAGE + sentence, sentence, "markdown")


def test_a_benefit_word_in_a_list_of_side_effects_is_a_harm(findings):
    leaflet = ("# Levothyroxine: information for patients\n\nLevothyroxine replaces the thyroid hormone your body lacks.\n\n"
               "## Possible side effects\n\nMost are signs that your dose is too high, and can include:\n\n"
               "- a fast or irregular heartbeat\n- weight loss\n- difficulty sleeping\n")
    assert not _rules_on(findings, leaflet, "weight loss", "markdown")
    benefits = leaflet.replace("## Possible side effects", "## Benefits and side effects")
    assert "efficacy.unsupported-claim" in _rules_on(findings, benefits, "weight loss", "markdown")
    labelled = leaflet.replace("## Possible side effects", "Side effects:")  # a Drug Facts label's line of its own
    assert not _rules_on(findings, labelled, "weight loss", "markdown")


def test_the_same_claim_in_a_news_story_names_no_subject(findings):
    story = ("NAD+ infusions are sold by clinics in London. The clinics charge up to 500 pounds a session, the BBC found. "
             "Type 2 diabetes simply melts away for their patients, one advert says.")
    assert "efficacy.unsupported-claim" not in _rules_on(findings, story, "Type 2 diabetes simply melts away", "text")


@pytest.mark.parametrize("sentence", [
    "Send us your details and our team will confirm within 24 hours.",
    "No long waiting lists: appointments within 7 days.",
    "The full twelve-week Restore Protocol costs 4,800 pounds, including tests.",
    "Our financial counsellors will work with your insurer before treatment begins.",
    "You'll feel some warmth for a few seconds while the drip works.",
    "Your body is constantly repairing itself.",
    "There is no guarantee that any drip will make you pain-free.",
    "\"They treated my mum like a person, not a diagnosis.\"",
    "16 sessions (upper and lower body)",
])
def test_a_sellers_schedules_and_product_names_are_not_claims(findings, sentence):
    assert _rules_on(findings, _SELLING_PAGE + sentence, sentence, "markdown") <= {"risk.missing-disclosure"}


def test_what_researchers_found_is_their_result_reported(findings):
    story = ("Mindfulness classes for insomnia were tested in Los Angeles. Researchers found that among 49 older adults with sleep "
             "problems, those who learned mindfulness practices started sleeping better within six weeks.")
    assert "efficacy.unsupported-claim" not in _rules_on(findings, story, "Researchers found that", "text")


@pytest.mark.parametrize("sentence", [
    "Nausea on Wegovy is usually worse during the first few dose increases than later in treatment.",
    "Never take two doses at once again.",
    "If there is no bleeding after 24 hours, you can remove the dressing.",
])
def test_times_instructions_and_aftercare_are_not_claims(findings, sentence):
    assert not _rules_on(findings, sentence, sentence) & {"comparison.unsupported", "absolute-language.cure", "safety.minimization"}


_APP_PAGE = ("# Aurabase: know your migraine\n\nAurabase spots your triggers before you feel a thing. Book your free trial today and "
             "our team will set you up. With Aurabase, your attacks are easier to plan around, and you can share your diary with "
             "your GP.\n\nJoin Aurabase today: your first month is free.\n\n")


def test_a_sellers_own_product_name_is_its_topic(findings):
    """A page that sells a product the lexicon cannot know ("Aurabase") still has a topic: the name it
    keeps making the subject of its verbs, so its users' results are claims about it."""
    sentence = "Aurabase members cut their migraine days in half."
    assert "efficacy.unsupported-claim" in _rules_on(findings, _APP_PAGE + sentence, sentence, "markdown")


def test_a_person_a_story_keeps_naming_is_not_a_product(engine):
    story = ("Esther Gokhale started to study posture two decades ago, after back surgery. Gokhale says you can sit taller. "
             "Your shoulders should roll back, Gokhale says, and your chin should drop. Book a class if you want to try it. "
             "You will notice your back. Join a group and you will learn. Gokhale wanted to find a permanent fix for her back.")
    analyzed = engine.check(Document(body=story, format="text")).analyzed
    assert analyzed.annotation("interventions").main is None


_CLINIC_PAGE = ("# Water vapour therapy for an enlarged prostate\n\nAt Flowright we offer water vapour therapy (Rezum) for BPH. Book your "
                "free consultation today and our team will call you back. You could be home the same day.\n\n")


@pytest.mark.parametrize("testimonial", [
    "\"Six weeks after the steam treatment I was sleeping through the night for the first time in a decade.\"",
    "\"I went from getting up five times a night to just one.\"",
    "\"I haven't had a single sleepless night since, and I've stopped planning my day around toilets.\"",
])
def test_a_customers_testimonial_on_the_sellers_page_is_the_sellers_claim(findings, testimonial):
    """FTC Endorsement Guides (16 CFR 255.2): what a seller prints from its customers it must substantiate."""
    page = _CLINIC_PAGE + testimonial
    flagged = [f for f in findings(page, "markdown") if f.rule == "efficacy.unsupported-claim" and f.start >= len(_CLINIC_PAGE) - 40]
    assert flagged and flagged[0].explanation["claim"]["attribution"] == "endorsement"


def test_a_patients_words_in_a_news_story_stay_theirs(findings):
    story = ("Water vapour therapy is offered for enlarged prostates in some hospitals. \"I went from getting up five times a night "
             "to just one,\" said Tom Reed, 71, who had the treatment last year.")
    assert "efficacy.unsupported-claim" not in {f.rule for f in findings(story)}


def test_a_leaflets_section_on_what_the_medicine_is_for_states_its_uses(findings):
    leaflet = ("# Apixaban: information for patients\n\n## What is apixaban and why have I been prescribed it?\n\n"
               "Apixaban is an anticoagulant. It is used to:\n\n- prevent blood clots after a hip or knee replacement\n"
               "- lower your risk of a stroke if you have atrial fibrillation\n\n## Side effects\n\nBleeding is the most "
               "important side effect. Tell your doctor about nosebleeds, blood in your urine or black stools.\n")
    assert "efficacy.unsupported-claim" not in {f.rule for f in findings(leaflet, "markdown")}
    promotion = leaflet.replace("## What is apixaban and why have I been prescribed it?", "## Why choose apixaban?")
    assert "efficacy.unsupported-claim" in {f.rule for f in findings(promotion, "markdown")}


def test_what_a_product_lets_people_finally_do_is_promised_not_hedged(engine):
    """"can finally" promises ("Patients can finally stop hiding their skin"); "can" alone hedges."""
    for wording, strength in (("can finally", "direct"), ("can", "conditional")):
        text = f"Tyrelza pill for psoriasis. With Tyrelza, patients {wording} sleep through the night."
        claims = engine.check(Document(body=text)).analyzed.annotation("claims")
        assert [c.strength for c in claims if "sleep through" in text[c.start:c.end]] == [strength]


def _default_with(tmp_path, option: str, value: bool = False) -> Engine:
    """The default pack with one of ``efficacy.unsupported-claim``'s options set (to false unless told)."""
    policy_file = tmp_path / "pack.yaml"
    policy_file.write_text(f"name: with-{option}\nversion: '1'\nextends: default\nrules:\n"
                           f"  - id: efficacy.unsupported-claim\n    options:\n      {option}: {str(value).lower()}\n", encoding="utf-8")
    host = PluginHost()
    return Engine(load_policy(str(policy_file), host.rule_types), host)


def test_a_policy_can_leave_testimonials_to_a_reviewer(tmp_path):
    """``include_endorsements: false`` skips customers' testimonials on a seller's page; the rest stays."""
    engine = _default_with(tmp_path, "include_endorsements")
    page = (_CLINIC_PAGE + "\"I went from getting up five times a night to just one.\"\n\n"
            "Our steam treatment shrinks the prostate back to the size it was in your thirties.\n")
    report = engine.check(Document(body=page, format="markdown")).report
    flagged = [f.excerpt for f in report.active_findings() if f.rule == "efficacy.unsupported-claim"]
    assert flagged and all("five times a night" not in e for e in flagged)
    assert any("shrinks the prostate" in e for e in flagged)


_RELEASE = ("# Calvera Therapeutics announces approval of Lumeqa for lupus\n\n"
            "BOSTON, March 3 (GLOBE NEWSWIRE) -- Calvera Therapeutics (NASDAQ: CLVR) today announced that the FDA has "
            "approved Lumeqa (veltrazumab) for adults with active systemic lupus.\n\n"
            "\"Lumeqa gives people with lupus the freedom to plan their lives again,\" said Dana Moss, Chief Executive "
            "Officer of Calvera.\n\n## Media contact\n\npress@calvera.example\n")


def test_a_quote_in_a_companys_press_release_is_the_companys_claim(findings):
    """A press release prints the quotes its issuer chose to promote what it announces: the
    executive's "gives people the freedom to plan their lives again" is the company's own claim."""
    flagged = [f for f in findings(_RELEASE, "markdown") if f.rule == "efficacy.unsupported-claim" and "freedom to plan" in f.excerpt]
    assert flagged and flagged[0].explanation["claim"]["attribution"] == "issuer-quote"
    assert "issuer_quote" in flagged[0].explanation["claim"]


def test_the_same_quote_in_a_news_story_stays_the_speakers(findings):
    story = ("The FDA has approved Lumeqa (veltrazumab) for adults with active systemic lupus, the drug's maker said on "
             "Tuesday. \"Lumeqa gives people with lupus the freedom to plan their lives again,\" said Dana Moss, the "
             "company's chief executive. Independent experts said the trial was short and the benefit modest.")
    assert not [f for f in findings(story) if f.rule == "efficacy.unsupported-claim" and "freedom to plan" in f.excerpt]


def test_a_policy_can_treat_press_release_quotes_as_attributed(tmp_path):
    """``include_issuer_quotes: false``: a release's quotes are the speakers' again."""
    report = _default_with(tmp_path, "include_issuer_quotes").check(Document(body=_RELEASE, format="markdown")).report
    assert not [f for f in report.active_findings() if f.rule == "efficacy.unsupported-claim" and "freedom to plan" in f.excerpt]


@pytest.mark.parametrize("sentence", [
    "We are hopeful that Nerivex will serve as another safe and effective option for patients with migraine.",
    "This test could assist clinicians in more accurate patient selection for prostate biopsy and substantially reduce unnecessary procedures.",
])
def test_hope_and_a_modal_over_two_verbs_hedge_the_claim(engine, sentence):
    claims = engine.check(Document(body="Nerivex for migraine. " + sentence)).analyzed.annotation("claims")
    assert claims and all(c.strength == "conditional" for c in claims if c.kind == "benefit" and c.start > 10)


def test_a_modal_in_a_relative_clause_does_not_hedge_the_main_verb(engine):
    text = ("Cognitive behavioral therapy, which can be delivered in as few as two sessions with a trained therapist or nurse, relieves chronic "
            "insomnia and improves daytime functioning.")
    claims = engine.check(Document(body=text)).analyzed.annotation("claims")
    assert [c.strength for c in claims if c.kind == "benefit"] == ["direct"]


def test_working_closely_with_regulators_is_no_claim_and_a_titled_study_is_evidence(findings):
    text = ("Velnatrelvir is an antiviral for COVID-19. We will work closely with regulatory authorities to make it "
            "available. The study, titled \"Velnatrelvir Shortens Symptoms in High-Risk Adults\", showed that "
            "velnatrelvir shortens symptoms by two days.")
    flagged = [f.excerpt for f in findings(text) if f.rule == "efficacy.unsupported-claim"]
    assert not any("work closely" in e or "shortens symptoms by" in e for e in flagged)


_CREAM_PAGE = ("# SmoothTheory contour cream\n\nSmoothTheory firms your thighs with caffeine and retinol. Our clinical study of "
               "120 women tested the cream for eight weeks. SmoothTheory smooths your skin from the first week. Order yours "
               "today and get free shipping. You'll love how your skin feels.\n\n")


@pytest.mark.parametrize("page, sentence, rule", [
    # a users' figure is the claim itself, not its evidence, even on a page that mentions a study
    (_CREAM_PAGE + "87% of women saw smoother thighs in just 14 days.\n", "87% of women saw smoother thighs", "efficacy.unsupported-claim"),
    # "so you can" says what the claim lets the reader do; it does not hedge the claim before it
    ("# Summit knee PRP\n\nBook your assessment today. PRP regenerates worn cartilage so you can get back on the court stronger than before.\n",
     "PRP regenerates worn cartilage", "efficacy.unsupported-claim"),
    # a customer back to herself
    ("# CalmCore adaptogen capsules\n\nCalmCore balances your cortisol with ashwagandha and rhodiola. CalmCore calms your "
     "evenings. Order CalmCore today for $39 and get free shipping. \"Ten days on CalmCore and I finally feel like me again.\"\n",
     "\"Ten days on CalmCore", "efficacy.unsupported-claim"),
    # consensus across a community, confirmed by researchers "now"
    ("Ribelimab for eczema. Experts across the dermatology community agree that ribelimab represents a new standard of care.",
     "Experts across the dermatology community agree", "efficacy.establishment-claim"),
    ("CalmCore ashwagandha. Modern researchers have now confirmed what Ayurvedic practitioners knew thousands of years ago.",
     "Modern researchers have now confirmed", "efficacy.establishment-claim"),
    # a ranking against every other treatment
    ("Halcyra (velpiprazole) for bipolar disorder. Halcyra offers the most weight-friendly profile of any bipolar treatment available today.",
     "Halcyra offers the most weight-friendly profile", "comparison.unsupported"),
    # outcomes left behind or vanishing for good, a harm denied after the qualifier, "never need another"
    ("Align Chiropractic for migraines. Our patients don't just cope with migraines - they leave them behind for good.",
     "Our patients don't just cope with migraines - they leave them behind for good.", "absolute-language.cure"),
    ("SmoothTheory cellulite cream. Keep going and the change sticks: dimples vanish permanently, with no relapse.",
     "Keep going and the change sticks: dimples vanish permanently, with no relapse.", "absolute-language.cure"),
    ("EnamelGuard hydroxyapatite toothpaste. Switch once and you'll never need another filling.",
     "Switch once and you'll never need another filling.", "absolute-language.cure"),
    # the other side's burden in a contrast that opens the sentence
    ("# Luma ketamine lozenges\n\nBook your Luma consultation today. Where SSRIs can take six to eight weeks, many of our "
     "members feel lighter after their very first session.\n", "Where SSRIs can take", "comparison.unsupported"),
    ("Zelvora (zelcomycin) is a new antibiotic. Zelvora wipes out even the toughest superbugs in days.",
     "Zelvora wipes out", "efficacy.unsupported-claim"),
])
def test_the_fiftysixth_to_fiftyeighth_sets_mechanisms(findings, page, sentence, rule):
    assert rule in _rules_on(findings, page, sentence, "markdown")


@pytest.mark.parametrize("text", [
    "He said his department performs the most hip replacements of any institution in the U.S., doing about 5,000 a year.",
    "She agreed that the most important part of any smoking cessation program is follow-up.",
    "It was a major setback for the company, wiping out around a quarter of its market value.",
    "While radical therapy causes lifelong erectile problems, VTP caused short-term problems which resolved within two years.",
])
def test_rankings_contrasts_and_wiping_out_need_treatments_and_burdens(findings, text):
    assert not {"comparison.unsupported", "efficacy.unsupported-claim"} & {f.rule for f in findings(text)}


_TRIAL_NEWS = ("# New single-dose pill for gonorrhoea performs about as well as current injection in large trial\n\n"
               "A new antibiotic taken as a single oral dose cleared gonorrhoea in most patients, researchers reported.\n\n"
               "## What the trial found\n\nThe phase 3 study enrolled 1,012 adults at clinics in five countries. Participants were "
               "randomly assigned to a single oral dose of veltricidin or to an injection of ceftriaxone.\n\n"
               "In the trial, 91.4% of participants given the new drug were cured, compared with 93.8% of those given the injection.\n\n"
               "## Side effects\n\nThe most common side effects were nausea and diarrhoea, reported by about one in six people taking "
               "the new drug, compared with about one in twelve in the injection group.\n\n"
               "Independent experts pointed out that a tablet could be easier to give than an injection. Several cautioned that the "
               "trial was designed to show the drug was not meaningfully worse than ceftriaxone, not that it was better.\n\n"
               "## What this means for patients now\n\nIf you are diagnosed, you should be offered a test of cure afterwards, "
               "usually at a test-of-cure visit two weeks later.\n")


def test_a_news_story_reporting_a_randomised_trial_is_not_flagged_for_its_results(findings):
    """The trial the story describes (randomly assigned arms, figures) supports the headline and the
    reported rates; "cured" in a reported rate, a "test of cure", an expert's hedged "could be easier
    than" and what the trial "was designed to show" promise nothing."""
    flagged = [(f.rule, f.excerpt) for f in findings(_TRIAL_NEWS, "markdown")
               if f.rule in ("comparison.unsupported", "absolute-language.cure", "efficacy.unsupported-claim")]
    assert flagged == []
    promotion = _TRIAL_NEWS.replace("Participants were randomly assigned to", "Participants took")
    assert "comparison.unsupported" in {f.rule for f in findings(promotion, "markdown")}  # no trial described: the figures stand alone


_LEAFLET_WITH_SUBSECTIONS = (
    "<h1>Enoxaparin injections after surgery</h1>"
    "<h2>Why have I been given enoxaparin?</h2><p>Enoxaparin lowers the chance of a blood clot forming in your legs after surgery.</p>"
    "<h2>Possible side effects</h2><p>Like all medicines, enoxaparin can cause side effects.</p>"
    "<h3>Common</h3><ul><li>Bruising and small lumps where you inject are common.</li>"
    "<li>Bleeding that takes longer than usual to stop, for example from a small cut.</li></ul>"
    "<h3>Get medical help straight away if you have:</h3><ul><li>Bleeding that will not stop, or black, tarry stools</li>"
    "<li>Signs of an allergic reaction, such as swelling of the face or throat</li></ul>"
    "<h2>Other medicines</h2><p>Tell your pharmacist about other medicines you take.</p>")


def test_a_leaflets_side_effects_under_subheadings_are_its_disclosure(findings):
    rules = {f.rule for f in findings(_LEAFLET_WITH_SUBSECTIONS, "html")}
    assert not rules & {"risk.missing-disclosure", "efficacy.unsupported-claim"}


@pytest.mark.parametrize("page, sentence, rule", [
    # "for good" closing a sentence promises on its own, whatever the outcome is called
    ("Nerve-reset therapy for tinnitus. After four sessions the ringing is silenced for good.",
     "After four sessions the ringing is silenced for good.", "absolute-language.cure"),
    ("FollicleFire laser helmet. Once the dormant roots wake up, the regrowth is yours for good.",
     "Once the dormant roots wake up, the regrowth is yours for good.", "absolute-language.cure"),
    # a harm the reader (or the reader's child) will never have to face
    ("OrthoNight lenses slow myopia. Begin at eight and your daughter will never need glasses as thick as yours.",
     "your daughter will never need glasses", "absolute-language.cure"),
    ("FootGuard smart socks warn you of pressure. With FootGuard on watch, you'll never have to dread a hospital stay.",
     "you'll never have to dread a hospital stay", "absolute-language.cure"),
    # adverse reactions denied outright
    ("RecoverX peptide capsules speed tendon healing. RecoverX is as gentle as a supplement gets, and our buyers report zero adverse reactions.",
     "RecoverX is as gentle as a supplement gets, and our buyers report zero adverse reactions.", "safety.minimization"),
    # a rhetorical "why accept…" and "why wait for physio"
    ("Our spinal brace corrects curves. Why accept the risks of surgery when a brace can do the job?",
     "Why accept the risks of surgery", "comparison.unsupported"),
    ("TendoFix peptide. Why wait months for physio when you can heal in a fraction of the time?",
     "Why wait months for physio", "comparison.unsupported"),
    # other lasers as the other side, and "best-in-class"
    ("InkAway pico laser. InkAway clears ink three times faster than the older lasers most studios still use.",
     "InkAway clears ink three times faster than the older lasers", "comparison.unsupported"),
    ("Veltrasib is an oral inhibitor. Veltrasib is the best-in-class oral option for these patients.",
     "Veltrasib is the best-in-class oral option", "comparison.unsupported"),
    # consensus: unanimous, "alike now recognise what…", thousands of studies that "link"
    ("MouthSeal strips for sleep. Sleep doctors are virtually unanimous that nose breathing is better.",
     "Sleep doctors are virtually unanimous", "efficacy.establishment-claim"),
    ("Blossom menopause tea. Herbalists and GPs alike now recognise what grandmothers always knew.",
     "Herbalists and GPs alike now recognise what", "efficacy.establishment-claim"),
    ("GutCheck home test. Thousands of peer-reviewed studies link a leaky gut to chronic fatigue.",
     "Thousands of peer-reviewed studies link", "efficacy.establishment-claim"),
    # symptoms calmed or quieted, a harm stopped before it starts
    ("# HydroPure hydrogen tablets\n\nDrop a HydroPure tablet in water. Order yours today for $89 with free shipping.\n\n- Calms inflammation and bloating after every workout\n",
     "Calms inflammation and bloating after every workout", "efficacy.unsupported-claim"),
    ("SoleSense insoles for diabetic feet. SoleSense stops pressure sores before they start.",
     "SoleSense stops pressure sores before they start.", "efficacy.unsupported-claim"),
])
def test_the_sixtyeighth_to_seventyfirst_sets_mechanisms(findings, page, sentence, rule):
    assert rule in _rules_on(findings, page, sentence, "markdown")


@pytest.mark.parametrize("text, rule", [
    # a cause for good, an instruction, a trial's safety report
    ("The charity has been a force for good in the region for forty years.", "absolute-language.cure"),
    ("Some doctors are writing statins off for good, but the trial data do not support that.", "absolute-language.cure"),
    ("Take the tablets with food. You will never need to take more than two in a day.", "absolute-language.cure"),
    ("No serious adverse events related to treatment were reported in either trial (Lancet, 2025).", "safety.minimization"),
    # an outcome set aside, a requirement, results that vary between studies, "the best start"
    ("Dr Marsh said women should expect fewer and milder flushes rather than for them to disappear completely.",
     "absolute-language.cure"),
    ("Before a colonoscopy, your bowel must be completely clear so the doctor can see the lining.", "absolute-language.cure"),
    ("In children who struggle to fall asleep, trials suggest melatonin can bring sleep forward by about 30 minutes, "
     "although results vary a lot between children and studies.", "efficacy.establishment-claim"),
    ("Book an eye test today. Give your child's eyes the best start.", "comparison.unsupported"),
])
def test_what_sounds_like_the_sixtyeighth_to_seventyfirst_sets_promises_but_is_not(findings, text, rule):
    assert rule not in {f.rule for f in findings(text)}


@pytest.mark.parametrize("page, sentence, rule", [
    # rhetorical "why reach for / mask / let a surgeon … when", and "skip the" other treatment
    ("ImmunoBerry gummies for colds. Why reach for Tamiflu when a berry gummy does the job just as well?",
     "Why reach for Tamiflu", "comparison.unsupported"),
    ("SereneBand breathing trainer. Why mask your panic attacks with pills when a wristband can teach your body to stop them?",
     "Why mask your panic attacks with pills", "comparison.unsupported"),
    ("StoneAway herbal drops. Why let a surgeon remove your kidney stones when our drops dissolve them at home?",
     "Why let a surgeon remove your kidney stones", "comparison.unsupported"),
    ("CalmGum teething balm. Skip the numbing gels: our balm settles sore gums with plant oils alone.",
     "Skip the numbing gels: our balm settles sore gums with plant oils alone.", "comparison.unsupported"),
    # "unlike" a procedure; a "gentle alternative to" a named drug
    ("ProstaFlow embolisation. Unlike open prostate surgery, ProstaFlow keeps your continence exactly as it was.",
     "Unlike open prostate surgery", "comparison.unsupported"),
    ("OvaCalm capsules for PCOS. Think of OvaCalm as a gentle alternative to metformin.",
     "Think of OvaCalm as a gentle alternative to metformin.", "comparison.unsupported"),
    # absolutes: every single time, gains for a lifetime, stopped before it can start, "for good and never again"
    ("PartyShield patch. Wake up 100% clear-headed, every single time.",
     "Wake up 100% clear-headed, every single time.", "absolute-language.cure"),
    ("ReadRight eye training for dyslexia. Order your course today. Your child's reading gains last a lifetime.",
     "gains last a lifetime", "absolute-language.cure"),
    ("SunGuard B3 tablets. SunGuard stops sunspots before they can start.",
     "SunGuard stops sunspots before they can start.", "absolute-language.cure"),
    ("EnamelNew paste. Brush nightly to seal small cavities for good and never need a drill again.",
     "Brush nightly to seal small cavities for good", "absolute-language.cure"),
    # evidence promised: years of research behind it, modern science, authorities everywhere
    ("HeartSync sensor. Backed by over 25 years of research, HeartSync trains your heart to relax.",
     "Backed by over 25 years of research", "efficacy.establishment-claim"),
    ("Viscum clinic. Decades of research in German hospitals stand behind our infusions.",
     "Decades of research in German hospitals stand behind", "efficacy.establishment-claim"),
    ("AmberCalm necklace for teething. Amber soothing is supported by modern science.",
     "supported by modern science", "efficacy.establishment-claim"),
    ("SkinB3 tablets. Dermatologists everywhere are now telling patients to take B3.",
     "Dermatologists everywhere are now telling", "efficacy.establishment-claim"),
    ("JuiceCure retreat. Doctors who have visited our retreat agree that juicing heals.",
     "Doctors who have visited our retreat agree", "efficacy.establishment-claim"),
    # harms waved away: a myth, problems that "simply don't happen", no need for the GP
    ("D-Max 50,000 IU vitamin D drops for MS. Order today. At our doses, vitamin D toxicity is a myth.",
     "toxicity is a myth", "safety.minimization"),
    ("LongLife rapamycin plan. Order today. At our low doses, the side effects seen in transplant patients simply don't happen.",
     "side effects seen in transplant patients simply don't happen", "safety.minimization"),
    ("SugarFree reversal plan. Stop your metformin in week one; there's no need to check with your GP.",
     "no need to check with your GP", "safety.minimization"),
    # benefits: in half the time, all it takes, years added to lives, what most people see
    ("# Little Sprouts Sambucus nigra syrup\n\nOur elderberry syrup for kids costs $14.99. Order yours today with free shipping.\n\n"
     "Kids who take Little Sprouts at the first sniffle are back at school in half the time.",
     "Kids who take Little Sprouts", "efficacy.unsupported-claim"),
    ("# SmoothVein sclerotherapy\n\nOur clinic offers sclerotherapy for spider veins. Book your appointment online today for £195.\n\n"
     "One short session is usually all it takes to clear even stubborn spider veins.",
     "One short session is usually all it takes", "efficacy.unsupported-claim"),
    ("# CitruLow berberine capsules\n\nOur berberine capsules cost $39. Order yours today with free shipping.\n\n"
     "Most people notice less bloating within a week.", "Most people notice less bloating", "efficacy.unsupported-claim"),
])
def test_the_seventysixth_to_seventyninth_sets_mechanisms(findings, page, sentence, rule):
    assert rule in _rules_on(findings, page, sentence, "markdown")


@pytest.mark.parametrize("text, rule", [
    # reported caution, advice and a named review in careful news and leaflets
    ("The vaccine was linked to fewer dementia diagnoses. Experts say the findings need to be confirmed in trials.",
     "efficacy.establishment-claim"),
    ("No Lp(a) drug is approved yet. For now, doctors say the best approach is to keep blood pressure and LDL low.",
     "efficacy.establishment-claim"),
    ("No Lp(a) drug is approved yet. For now, doctors say the best approach is to keep blood pressure and LDL low.",
     "comparison.unsupported"),
    ("A Cochrane review of 22 trials found that fluoride varnish prevents about four in ten cavities.",
     "efficacy.establishment-claim"),
    # a finding that turns out harmless; a side effect that lasts, in a side-effects section
    ("About 1 in 10 scans shows a small lung nodule. Most turn out to be harmless but may lead to more scans.",
     "safety.minimization"),
    ("# Latanoprost eye drops\n\nLatanoprost lowers eye pressure.\n\n## Possible side effects\n\n"
     "- A change in eye colour that develops slowly over months and is permanent, even if you stop the drops.\n",
     "absolute-language.cure"),
    # skipping what is not a treatment; the calm a device promises is not a claim about its safety
    ("Skip the waiting room: book a video appointment with one of our GPs today.", "comparison.unsupported"),
    ("CalmCore breathing sensor for stress, $99. CalmCore smooths your heart rhythm, so your whole body gets the message that it's safe.",
     "safety.minimization"),
])
def test_what_sounds_like_the_seventysixth_to_seventyninth_sets_claims_but_is_not(findings, text, rule):
    assert rule not in {f.rule for f in findings(text, "markdown")}


@pytest.mark.parametrize("page, sentence, rule", [
    # a press release's life given back: days, futures, precious time; reclaimed evenings; jobs and families back
    ("# Orvexa approval\n\nLONDON - Pellion Pharma today announced approval of ORVEXA (teplimorant) for cluster headache.\n\n"
     "ORVEXA gives people with cluster headache their nights back.", "ORVEXA gives people", "efficacy.unsupported-claim"),
    ("# Orvexa approval\n\nLONDON - Pellion Pharma today announced approval of ORVEXA (teplimorant) for cluster headache.\n\n"
     "Orvexa gives families back the precious evenings that cluster headache steals.", "Orvexa gives families", "efficacy.unsupported-claim"),
    ("# Orvexa approval\n\nLONDON - Pellion Pharma today announced approval of ORVEXA (teplimorant) for cluster headache.\n\n"
     "With Orvexa, people with cluster headache can finally get back to their jobs and their families.",
     "With Orvexa", "efficacy.unsupported-claim"),
    ("# Lidrana cream\n\nLONDON - Pellion Pharma today announced approval of LIDRANA (tofarelin) cream for hand eczema.\n\n"
     "This cream will give patients back the nights of sleep that itching has taken.", "This cream will", "efficacy.unsupported-claim"),
    ("# Lidrana cream\n\nLONDON - Pellion Pharma today announced approval of LIDRANA (tofarelin) cream for hand eczema.\n\n"
     "With LIDRANA, patients can finally stop planning their days around their hands.", "With LIDRANA", "efficacy.unsupported-claim"),
    # evidence promised: "backed by modern science", scientists who "now widely agree", doctors "calling" it a breakthrough
    ("IonSole detox pads. Backed by modern science, IonSole draws toxins out overnight.", "Backed by modern science",
     "efficacy.establishment-claim"),
    ("AgeLess metformin plans. Scientists now widely agree that metformin slows ageing.", "Scientists now widely agree",
     "efficacy.establishment-claim"),
    ("VitaGlow NAD+ drips, $199. Book your drip today. Our drips reverse cellular ageing, doctors say.", "doctors say",
     "efficacy.establishment-claim"),
    ("SlimScript semaglutide, $199 a month. Doctors everywhere are calling it the weight-loss breakthrough of the decade.",
     "Doctors everywhere are calling", "efficacy.establishment-claim"),
    # safety put beyond question; "Never again" and a verb; what other treatments "cannot" or "never can"
    ("AgeLess metformin plans. Order today. Metformin has been used for decades, so its safety is beyond question.",
     "its safety is beyond question", "safety.minimization"),
    ("DreamDrop CBD gummies, $49. Never again stare at the ceiling at 3 a.m.", "Never again stare", "absolute-language.cure"),
    ("VitalO3 ozone clinic. Book today. One ozone drip achieves what years of conventional medication cannot.",
     "One ozone drip achieves what years of conventional medication cannot.", "comparison.unsupported"),
    ("OxyKids hyperbaric centre. Book today. Oxygen reaches the brain in a way that speech therapy never can.",
     "Oxygen reaches the brain in a way that speech therapy never can.", "comparison.unsupported"),
    ("GlowDrip NAD+ infusions, $299. Capsules break down in the gut, so an IV drip is the only way to get real results.",
     "Capsules break down in the gut, so an IV drip is the only way to get real results.", "comparison.unsupported"),
])
def test_the_eightyfourth_to_eightyninth_sets_mechanisms(findings, page, sentence, rule):
    assert rule in _rules_on(findings, page, sentence, "markdown")


@pytest.mark.parametrize("text, rule", [
    # a study that cannot show cause; experts who weigh a benefit or advise the reader
    ("The study was observational, so it cannot show that the vaccine itself caused the drop in dementia cases.",
     "efficacy.unsupported-claim"),
    ("The antibody slowed decline by 27% in the trial. Experts say the benefit is real but modest, and scans are needed.",
     "efficacy.establishment-claim"),
    ("The study does not prove the vaccine prevents dementia, and experts say people should consider it to prevent shingles.",
     "efficacy.establishment-claim"),
    # a news story's attribution set off by commas; experts' views that end in "would" or "should not"
    ("# A blood test for bowel cancer\n\nA blood test found most bowel cancers in a large trial but missed most polyps, "
     "researchers and independent experts say.", "efficacy.establishment-claim"),
    ("# A new COPD inhaler\n\nThe add-on inhaler cut flare-ups by a fifth in the trial. For now, doctors say, the best steps "
     "remain stopping smoking and pulmonary rehabilitation.", "efficacy.establishment-claim"),
    ("# A blood test for bowel cancer\n\nA blood draw could appeal to people who avoid screening, but experts say it "
     "should not replace a colonoscopy.", "efficacy.establishment-claim"),
    # a cure as a rate, not a promise; a harm that lasts
    ("# Lung cancer screening\n\n- Finding cancer early, when surgery can more often cure it.", "absolute-language.cure"),
    ("# A new COPD inhaler\n\nFlare-ups can permanently reduce lung function.", "absolute-language.cure"),
    # a trial's averages reported as figures
    ("# Somnia implant trial\n\nSomnia Medical announced 12-month results for its Somnia implant.\n\n"
     "- Average sleepiness scores improved from 11.8 to 6.2.\n", "efficacy.unsupported-claim"),
])
def test_what_sounds_like_the_eightyfourth_to_eightyninth_sets_claims_but_is_not(findings, text, rule):
    assert rule not in {f.rule for f in findings(text, "markdown")}


_LEAFLET = ("# Latanoprost eye drops: information for patients\n\n"
            "Read all of this leaflet carefully before you start using this medicine.\n\n"
            "## What latanoprost is used for\n\nIt is used for open-angle glaucoma.\n\n## How it works\n\n"
            "Latanoprost lowers the pressure inside your eye and protects your sight.\n\n## How to use the drops\n\nUse one drop in the evening. "
            "Pressing on the corner of your eye for a minute reduces the amount of medicine reaching the rest of your body.\n\n"
            "## Possible side effects\n\nYour eye colour may slowly darken. Ask your pharmacist if your eyes feel sore.\n")


def test_a_patient_leaflets_statements_of_what_the_medicine_does_are_its_labelling(findings, tmp_path):
    """A leaflet's "lowers the pressure inside your eye" is not asked for evidence; ``include_leaflets`` asks."""
    assert is_patient_leaflet(_LEAFLET)
    assert "efficacy.unsupported-claim" not in {f.rule for f in findings(_LEAFLET, "markdown")}
    report = _default_with(tmp_path, "include_leaflets", True).check(Document(body=_LEAFLET, format="markdown")).report
    assert any("lowers the pressure" in f.excerpt for f in report.active_findings() if f.rule == "efficacy.unsupported-claim")


_ISOTRETINOIN_LEAFLET = ("# Isotretinoin capsules: information for patients\n\n"
                         "Read all of this leaflet carefully before you start taking this medicine.\n\n"
                         "## What isotretinoin is used for\n\nIt is used for severe acne that has not improved with antibiotics.\n\n"
                         "## How it works\n\nIsotretinoin reduces oily skin by shrinking the glands that make sebum.\n\n"
                         "## Possible side effects\n\nDry lips and nosebleeds are common. Ask your pharmacist about a lip balm.\n")


def test_a_patient_leaflets_mechanism_is_not_an_off_label_use(findings, tmp_path):
    """The off-label rule leaves leaflets alone too ("reduces oily skin" is how the medicine works);
    ``include_leaflets`` asks, and a priced page is checked either way."""
    assert is_patient_leaflet(_ISOTRETINOIN_LEAFLET)
    assert "off-label.repurposed-drugs" not in {f.rule for f in findings(_ISOTRETINOIN_LEAFLET, "markdown")}
    policy_file = tmp_path / "leaflets.yaml"
    policy_file.write_text("name: leaflets\nversion: '1'\nrules:\n  - id: isotretinoin-uses\n    type: off-label\n    message: An off-label use.\n    options:\n"
                           "      include_leaflets: true\n      products:\n        - names: [isotretinoin]\n"
                           "          indications: [severe acne]\n          off_label: [oily skin]\n", encoding="utf-8")
    host = PluginHost()
    report = Engine(load_policy(str(policy_file), host.rule_types), host).check(
        Document(body=_ISOTRETINOIN_LEAFLET, format="markdown")).report
    assert [f.excerpt for f in report.active_findings()] == ["reduces oily skin"]
    priced = _ISOTRETINOIN_LEAFLET.replace("Read all of this leaflet", "A month's supply from £39. Read all of this leaflet")
    assert "off-label.repurposed-drugs" in {f.rule for f in findings(priced, "markdown")}


def test_a_patient_leaflets_reassurance_is_its_labelling(findings):
    """"Most side effects are mild" in a leaflet restates the product information; on a priced page it minimises."""
    leaflet = _LEAFLET.replace("Your eye colour may slowly darken.", "Most side effects are mild and wear off within a few days.")
    assert "safety.minimization" not in {f.rule for f in findings(leaflet, "markdown")}
    priced = leaflet.replace("Read all of this leaflet", "Drops from £9.99. Read all of this leaflet")
    assert "safety.minimization" in {f.rule for f in findings(priced, "markdown")}


def test_policy_test_says_a_flag_example_was_left_alone_as_a_leaflet(tmp_path, capsys):
    """A rule that leaves patient leaflets alone says so beside a flag example that reads as one."""
    pack = tmp_path / "leaflet-examples.yaml"
    pack.write_text("name: leaflet-examples\nversion: '1'\nrules:\n  - id: comparison.leaflet\n    type: drug-comparison\n"
                    "    message: m\n    examples:\n      flag:\n        - 'Read all of this leaflet before you take ibuprofen. "
                    "Ibuprofen works faster than paracetamol. Ask your pharmacist.'\n", encoding="utf-8")
    assert main(["policy", "test", str(pack)]) == 1
    assert ("expected a finding, got none (the page is a patient leaflet, which this rule leaves alone "
            "(set include_leaflets: true to check it))") in capsys.readouterr().out


def test_a_hospital_leaflet_speaks_for_its_care_team():
    """A hospital department's leaflet says "tell us", not "ask your pharmacist"."""
    hospital = ("# Isotretinoin for severe acne: information for patients\n\n*Department of Dermatology patient information "
                "leaflet*\n\nThis leaflet explains what isotretinoin is and what the risks are.\n\n## Common side effects\n\n"
                "Dry lips and skin are common; tell us straight away if your mood changes.\n")
    assert is_patient_leaflet(hospital)
    assert not is_patient_leaflet(hospital.replace("tell us straight away if", "if"))


def test_a_priced_page_that_calls_itself_a_leaflet_is_still_checked(findings):
    page = _LEAFLET.replace("Read all of this leaflet", "Drops from £9.99. Read all of this leaflet")
    assert not is_patient_leaflet(page)
    assert any("lowers the pressure" in f.excerpt for f in findings(page, "markdown") if f.rule == "efficacy.unsupported-claim")


def test_a_patient_leaflets_comparisons_are_its_labelling(findings):
    leaflet = _LEAFLET.replace("Ask your pharmacist", "For a headache, paracetamol is usually the best choice. Ask your pharmacist")
    assert "comparison.unsupported" not in {f.rule for f in findings(leaflet, "markdown")}
    priced = leaflet.replace("Read all of this leaflet", "Drops from £9.99. Read all of this leaflet")
    assert "comparison.unsupported" in {f.rule for f in findings(priced, "markdown")}
