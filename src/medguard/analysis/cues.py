"""Cue lexicons for the claim analysis: the words that make a sentence a claim, hedge it,
negate it, attribute it, promise evidence, disclose a risk or compare.

Written by the medguard project from the linguistics of hedging and health-claim regulation
(FDA 21 CFR 202.1(e), FTC 2022 guidance, CAP Code 12), not harvested from any data set.
Each cue list is compiled once into one case-insensitive pattern with word boundaries.
"""

from __future__ import annotations

import re

from .cuepattern import CuePattern, ScannedPattern


def words(*alternatives: str) -> CuePattern:
    """One pattern matching any alternative as whole words (alternatives are regex fragments)."""
    return CuePattern(alternatives)


PRODUCT_NOUN = (
    r"(?:treatments?|therap(?:y|ies)|procedures?|surgery|techniques?|approach(?:es)?|programs?|programmes?|protocols?|regimens?|"
    r"plans?|sessions?|"
    r"medications?|medicines|(?-i:medicine)|drugs?|products?|formulas?|remed(?:y|ies)|supplements?|extracts?|"
    r"vaccines?|vaccination|vaccinated|shots?|jabs?|injections?|infusions?|drips?|pills?|tablets?|capsules?|gummies|chews|lozenges?|syrups?|"
    r"powders?|drops|sprays?|inhalers?|patch(?:es)?|pellets?|implants?|devices?|chambers?|wristbands?|garments?|kits?|strips|add-ons?|"
    r"creams?|gels?|lotions?|serums?|balms?|ointments?|oils?|tinctures?|tonics?|elixirs?|blends?|teas?|juices?|drinks?|"
    r"fillers?|peels?|facials?|cleanses?|detox|freezing|adjustments?|massages?|acupuncture|exercises?|workouts?|yoga|"
    r"meditation|mindfulness|diets?|fasting|showers?|baths?|saunas?|naps?)"
)
"""What a publisher sells or a clinic offers, as a noun: the head of "our turmeric capsules", "the
RSV shot", "chiropractic adjustments" (a regex fragment, case-insensitive where it is used)."""


# -- strength of a claim ------------------------------------------------------------------------

MODAL_HEDGE = words(
    r"may", r"might", r"could", r"possibly", r"perhaps", r"potentially", r"potential",
    r"probably", r"likely", r"unlikely", r"appears?(?: to)?", r"appeared", r"seems?(?: to)?",
    r"seemed", r"would", r"plausibl[ey]", r"presumabl[ey]", r"it is possible", r"hypothes[ie]s[ei]?[sd]?",
    r"speculat\w+", r"tend(?:s|ed)? to", r"in some (?:people|patients|cases)", r"for some (?:people|patients)",
    r"not yet (?:known|clear|proven)", r"remains? (?:unclear|to be (?:seen|determined|established))",
)
"""Epistemic hedges that turn a causal claim into a conditional one."""

HEALTH_HEDGE = words(
    r"may", r"might", r"could", r"can(?! (?:finally|now|at last|once again)\b)", r"possibly", r"perhaps", r"potentially", r"probably", r"likely", r"appear(?:s|ed)?(?: to)?",
    r"seem(?:s|ed)?(?: to)?", r"(?:believed|thought) to", r"(?:hopeful|optimistic) that", r"hop(?:e|es|ed|ing) (?:that|to)",
    r"generally", r"usually", r"typically", r"often", r"for (?:many|most|some) (?:people|patients|adults|women|men)",
    r"in (?:many|most|some) (?:people|patients|cases)", r"some people", r"some patients", r"in some studies", r"in studies",
    r"(?:one|a|the|another) (?:theory|explanation|possibility|hypothesis) is that", r"another is that",
)
"""Hedges in health copy: patient-education writing says "can help" and "for many people"."""

QUESTION_HEADING = re.compile(r"\s*(?:how|what|why|when|who|which|where|is|are|can|does|do|should|will)\b", re.I)
"""Headings that name a topic or ask a question ("How buprenorphine works") rather than claim."""

READERS_QUESTION = re.compile(
    r"\W*(?:Q\s*[:.]\s*)?(?:(?:can|could|should|may|will|would|do|does|did|is|are|am)\s+(?:I|my|we|our|me)\b"
    r"|(?:can|could|should|may|will|would|do|does|did|is|are|how)\b[^?]*?\b(?:I|my|me)\b)",
    re.I,
)
"""A question in the reader's voice ("Q: Can my doctor prescribe…?", "Will Suboxone cure my
addiction?", "How soon will I feel better?"): an FAQ asks it, and its answer decides. A question
put to the reader ("Could your diabetes jab protect your memory?") is the publisher's, and may promote."""


def is_readers_question(text: str, start: int = 0, end: int | None = None) -> bool:
    """``text[start:end]`` is a question in the reader's voice ("Will my cravings come back?")."""
    end = len(text) if end is None else end
    return READERS_QUESTION.match(text, start, end) is not None and text[start:end].rstrip().endswith("?")


EVIDENTIAL_HEDGE = words(
    r"suggests?", r"suggested", r"suggesting", r"indicates?", r"preliminary", r"early (?:results|data|findings|evidence)",
    r"promising", r"pilot", r"further (?:research|studies|study|trials) (?:is|are) (?:needed|required|warranted)",
)
"""Cues that soften the evidence, not the claim; ``promising``/``pilot``/``early`` do not make
a claim supported and do not change its strength."""

CORRELATIONAL = words(
    r"associat(?:ed|ion|ions)", r"correlat(?:ed|es|ion|ions)", r"linked", r"link between", r"relat(?:ed|ionship) (?:to|with|between)",
    r"predict(?:s|ed|ive|ors?)?", r"predictive", r"risk factors?", r"more likely", r"less likely", r"odds", r"hazard ratio",
    r"covar(?:y|ied|ies)", r"accompanied by", r"coincid\w+",
)

CAUSAL_VERB = words(
    r"increas(?:e|es|ed|ing)", r"decreas(?:e|es|ed|ing)", r"reduc(?:e|es|ed|ing)", r"improv(?:e|es|ed|ing)", r"enhanc(?:e|es|ed|ing)",
    r"prevent(?:s|ed|ing)?", r"caus(?:e|es|ed|ing)", r"lead(?:s)? to", r"led to", r"result(?:s|ed)? in", r"induc(?:e|es|ed|ing)",
    r"protect(?:s|ed|ing)?", r"attenuat(?:e|es|ed|ing)", r"affect(?:s|ed|ing)?", r"impact(?:s|ed)", r"influenc(?:es|ed|ing)",
    r"promot(?:e|es|ed|ing)", r"inhibit(?:s|ed|ing)?", r"lower(?:s|ed|ing)", r"rais(?:e|es|ed|ing)", r"worsen(?:s|ed|ing)?",
    r"alleviat(?:e|es|ed|ing)", r"reliev(?:e|es|ed|ing)", r"treat(?:s|ed|ing)?", r"cur(?:e|es|ed|ing)", r"outperform(?:s|ed)?",
    r"eliminat(?:e|es|ed|ing)", r"restor(?:e|es|ed|ing)", r"revers(?:e|es|ed|ing)", r"boost(?:s|ed|ing)?", r"stimulat(?:e|es|ed|ing)",
    r"suppress(?:es|ed|ing)?", r"block(?:s|ed|ing)?", r"help(?:s|ed)?", r"works?", r"worked", r"heal(?:s|ed|ing)?", r"halt(?:s|ed)?",
    r"delay(?:s|ed)?", r"shorten(?:s|ed)?", r"prolong(?:s|ed)?", r"contribut(?:e|es|ed) to", r"ameliorat\w+", r"mitigat\w+",
    r"exacerbat\w+", r"aggravat\w+", r"accelerat(?:e|es|ed)", r"facilitat(?:e|es|ed)", r"augment(?:s|ed)?", r"counteract(?:s|ed)?",
    r"abolish(?:es|ed)?", r"normaliz(?:e|es|ed)", r"resolv(?:e|es|ed)", r"yield(?:s|ed)?", r"benefit(?:s|ed)? from", r"benefit(?:s|ed)?",
    r"diminish(?:es|ed)?", r"potentiat(?:e|es|ed)", r"impair(?:s|ed)?", r"damag(?:e|es|ed)", r"kill(?:s|ed)?", r"extend(?:s|ed)",
    r"cut(?:s)?", r"slow(?:s|ed)", r"stops?", r"stopped", r"relieved", r"eas(?:e|es|ed)", r"fights?", r"melts?", r"burns?",
    r"(?:may|might|could|can|will|would|to) (?:help )?(?:lower|raise|cut|slow|ease|extend)", r"modulat(?:e|es|ed|ing)", r"mediat(?:e|es|ed)", r"regulat(?:e|es|ed)", r"alter(?:s|ed)?", r"modif(?:y|ies|ied)",
    r"enabl(?:e|es|ed)", r"resulting in", r"determin(?:e|es|ed)", r"trigger(?:s|ed)?", r"precipitat(?:e|es|ed)",
)
"""Finite causal verbs: an agent changes an outcome."""

CAUSAL_PREDICATE = ScannedPattern(
    r"\b(?:is|are|was|were|be|been|being|remains?|proved|proves|appears?|seems?|became|becomes)\s+(?:\w+ly\s+|not\s+|also\s+|as\s+|more\s+|less\s+|equally\s+|highly\s+|very\s+|both\s+){0,3}"
    r"(?:effective|efficacious|beneficial|superior|inferior|non-?inferior|useful|helpful|protective|harmful|toxic|detrimental|"
    r"responsible|curative|diabetogenic|cardioprotective|neuroprotective|successful|feasible and effective|a cause|the cause|due to|caused by|driven by|"
    r"crucial for|critical for|essential for|key to|vital for|the most successful|an effective|a successful|a useful|a beneficial|a protective|an efficient)\b"
    r"|\b(?:has|have|had|showed|shows|show|demonstrated|demonstrates|exerted|exerts|produced|produces|conferred|confers|provides?|provided|offers?|offered|brings?)\s+"
    r"(?:a\s+|an\s+|no\s+|the\s+|significant(?:ly)?\s+|greater\s+|additional\s+|additive\s+|positive\s+|negative\s+|beneficial\s+|protective\s+|"
    r"similar\s+|comparable\s+|clinical(?:ly)?\s+|important\s+|long-term\s+|short-term\s+|substantial\s+|modest\s+|superior\s+|better\s+|\w+ing\s+){0,3}"
    r"(?:effects?|efficacy|effectiveness|benefits?|impact|improvements?|reductions?|protection|advantages?|superiority|outcomes|relief|results)\b"
    r"|\b(?:demonstrat\w*|confirm\w*|highlight\w*|underscor\w*|establish\w*|prov(?:e|es|ed|en)|show(?:s|ed|n)?|support\w*|reinforc\w*)\s+(?:the\s+|a\s+)?"
    r"(?:\w+\s+){0,2}(?:benefits?|efficacy|effectiveness|importance|value|role|effects?|impact|superiority|safety|usefulness|utility)\b"
    r"|\b(?:effective|efficacious|beneficial|superior|safe|useful|protective)\s+(?:in|for|at|against|as)\b",
    re.I,
)
"""Copular and light-verb causal claims: "X is effective", "X had a beneficial effect"."""

GROUP_DIFFERENCE = ScannedPattern(
    r"\b(?:is|are|was|were|had|has|have|showed|show|shows|exhibited|displayed|presented|demonstrated|reported|experienced)\s+(?:\w+ly\s+|a\s+|an\s+|the\s+){0,2}"
    r"(?:higher|lower|greater|smaller|larger|more|less|fewer|increased|decreased|elevated|reduced|worse|better|poorer|similar|different|comparable)\b"
    r"|\b(?:increased|higher|greater|reduced|lower|elevated|decreased) (?:\w+ )?(?:risk|odds|rates?|incidence|prevalence|likelihood|levels?|frequency|probability)\b"
    r"|\bdiffer(?:s|ed|ence|ences)?\b|\b(?:higher|lower|greater) (?:in|among) ",
    re.I,
)
"""Descriptions of groups that differ: associations, not a claim that one thing changes another."""

NON_CLAIM_FRAME = words(
    r"should", r"must", r"needs? to", r"needed", r"is required", r"are required", r"warrant(?:s|ed)?", r"recommend(?:s|ed|ation|ations)?",
    r"(?:future|further|more|additional|larger) (?:studies|study|research|trials|investigations?|work|data)", r"it is (?:essential|important|necessary|crucial|critical|vital)",
    r"(?:aim(?:s|ed)?|designed|intended|sought|planned) to",
    r"in order to", r"to (?:evaluate|assess|determine|investigate|examine|explore|identify|clarify|understand|compare|describe|test|estimate|measure|characteri[sz]e)",
    r"(?:we|this study) (?:evaluated|assessed|investigated|examined|explored|compared|describe|described|propose|proposed)", r"whether",
    r"(?:is|are|was|were|remains?) (?:unknown|unclear|uncertain|not known|not clear|controversial|debated|inconclusive)", r"cannot be (?:determined|established|excluded)",
)
NON_CLAIM_FRAME_EXCEPTIONS = re.compile(r"(?:is|are) (?:essential|necessary|crucial|critical|vital|important) for", re.I)

EFFECT_NOUN = words(
    r"effects?", r"benefits?", r"beneficial", r"reductions?", r"improvements?", r"role", r"impact", r"promising", r"useful", r"critical",
    r"important", r"necessary", r"involve[sd]?", r"contribut\w+", r"advantage\w*", r"protective", r"harmful", r"help\w*", r"effective",
    r"valuable", r"helpful", r"therapeutic", r"treatment", r"strategy", r"approach", r"intervention", r"option", r"tool", r"target",
)
"""Nouns and adjectives of effect and value; under a modal hedge they make a conditional claim
("may be a promising treatment", "could play a role")."""
"""Recommendations, aims and open questions: sentences about what should be done or asked, not claims."""

PURPOSE_LICENSOR = words(
    r"led", r"lead", r"leads", r"leading", r"due", r"contribute[sd]?", r"able", r"shown", r"found", r"proven", r"proved", r"appears?",
    r"appeared", r"seems?", r"seemed", r"tends?", r"tended", r"likely", r"unlikely", r"known", r"reported", r"thought", r"believed",
    r"potential", r"order",
)
"""Words before "to" that make "to + verb" a claim ("shown to reduce") rather than a purpose ("ways to reduce")."""


# -- claims in health copy ------------------------------------------------------------------------

USER_GROUP = r"(?:customers|clients|users|members|wearers|patients|parents|women|men|families|mums|readers|graduates)"
"""Who a page says got its results ("93% of customers", "most of our patients")."""
_USERS_OUTCOME = (r"(?:better|less|fewer|more|calmer|plumper|firmer|longer|clearer|stronger|easier|faster|sooner|thicker|fuller|happier|"
                  r"healthier|younger|slimmer|leaner|sharper|deeper|smoother|(?:a|the) difference|hair-free|pain-free|symptom-free|pregnant|fading|improv\w+)")
"""What a page's users are said to have gained ("93% of customers say their partner noticed a difference")."""

BENEFIT = words(
    r"(?<!who )treat(?:s|ed|ing|ment of)?(?! (?:me|him|her|us|them|you|my [\w-]+|our [\w-]+) (?:like|as)\b)"
    r"(?!(?<=treating) (?:dentist|doctor|physician|clinician|orthodontist|specialist|consultant|surgeon|GP|nurse|prescriber|team|clinic)s?\b)", r"reliev(?:e|es|ed|ing)", r"relief", r"reduc(?:e|es|ed|ing)", r"cut(?:s)?",
    r"prevent(?:s|ed|ing)?", r"(?:stops?|ends?|halts?) (?:the |your |a )?(?:[\w-]+ )?(?:cravings|withdrawal|pain|symptoms|attacks|seizures|bleeding|infections?|progression|relapse|hair loss|ag(?:e)?ing|migraines?|snoring|coughs?|coughing|disease|decline)",
    r"resolv(?:e|es)", r"straighten(?:s)? (?:[\w-]+ )?teeth",
    r"put an end to", r"cur(?:e|es|ed|ing)", r"heal(?:s|ed|ing)?(?! process)",
    r"eliminat(?:e|es|ed|ing)", r"eradicat\w+", r"revers(?:e|es|ed|ing)", r"restor(?:e|es|ed|ing)", r"repair(?:s|ed|ing)?(?! (?:response|process|mechanisms?|pathways?|system|kits?|shops?|itself|possible)\b)",
    r"rebuild(?:s)?", r"regenerat\w+(?! (?:[A-Za-z-]+ )?(?:medicine|institute|center|centre|clinic|health|therapies|therapy|orthop\w+|specialists)\b)",
    r"boost(?:s|ed|ing)?", r"improv(?:e|es|ed|ing)", r"enhanc(?:e|es|ed|ing)",
    r"strengthen(?:s|ed)?", r"fights?", r"fought", r"combat(?:s)?", r"beats?", r"defeat(?:s)?", r"conquer(?:s)?",
    r"overcome(?:s)?", r"blocks?", r"shut(?:s)? down", r"melts?", r"burns?",
    r"dissolv\w+ (?:[\w-]+ ){0,2}(?:fat|plaques?|clots?|stones?|gallstones?|crystals?|deposits?|blockages?|cellulite|tumou?rs?|cysts?|scars?)", r"flush(?:es)? out",
    r"detox(?:es|ifies|ify)", r"detox(?= (?:your |the |their |my )?(?:body|liver|blood|system|skin|gut|colon|kidneys)\b)",
    r"(?:flush|draw|pull|clear|purg)(?:es|s)? (?:out )?(?:[\w-]+ ){0,3}(?:toxins|heavy metals|impurities)", r"lower(?<!upper and lower)(?<!upper & lower)(?<!upper or lower)s?", r"lowered", r"normaliz(?:e|es|ed)", r"balances?", r"regulat(?:e|es)",
    r"works(?! (?:closely |together |directly )?with\b)", r"worked(?! (?:closely |together |directly )?with\b)",
    r"(?:will|does|did|to|that) work(?<!back to work)(?! (?:closely |together |directly )?with\b)"
    r"(?!(?<=that work) (?:has|is|was|so far|shows?|showed|suggests?|suggested)\b)", r"work (?:fast|faster|quickly|immediately|well|better|wonders|for you|for everyone)",
    r"effective(?:ly)?", r"efficacious", r"successful(?:ly)?", r"success rates?",
    r"help(?:s|ed)? (?:you |patients |people |couples |women |men )?(?:to )?(?:quit|stop|lose|recover|manage|control|sleep|feel|get|stay|beat|overcome|reduce|relieve|heal|prevent|"
    r"calm|ease|lift|sharpen|clear|restore|conceive)",
    r"get (?:your|their) li(?:fe|ves) back", r"feel like (?:yourself|themselves|myself|me|herself|himself) again", r"back to normal",
    r"lose (?:\d+ )?(?:weight|pounds|lbs|kg|fat)", r"lose (?:up to |as much as )?\d+(?:\.\d+)? ?(?:%|percent|per cent)",
    r"lose (?:up to |as much as |about |around )?\d+(?:\.\d+)? ?(?:to|-|–|or) ?\d+(?:\.\d+)? ?(?:pounds|lbs|kg|kilos|stone)",
    r"(?:hear|hears|see|sees|breathe|breathes|sleep|sleeps|think|thinks|feel|feels) (?:much |so much |far |a lot |significantly |noticeably |dramatically )?better\b",
    r"(?:see|sees|get|gets|notice|notices) (?:real |visible |lasting |amazing |great |noticeable |dramatic )?results\b",
    r"(?:remarkable|dramatic|huge|major|noticeable|amazing|incredible) improvements",
    r"(?:walk(?:s|ing)?|run(?:s|ning)?|mov(?:e|es|ing)|sleep(?:s|ing)?|play(?:s|ing)?|climb(?:s|ing)?) (?:[\w-]+ ){0,2}?without pain",
    r"destroy(?:s|ed|ing)? (?:the |your |their )?(?:tumou?rs?|cancer(?: cells)?)",
    r"(?:stronger|healthier) immune system", r"clearer skin", r"(?:steadier|brighter|better) mood",
    r"(?:visible|noticeable) (?:new )?(?:hair )?(?:re)?growth", r"new hair growth",
    r"(?:get|gets|got|getting) (?:your|their|my|his|her) (?:[\w'’-]+ ){0,3}?(?:hairline|hair|life|lives|confidence|energy|mobility|smile|sex life|libido|freedom|sleep) back",
    r"lose (?:up to |as much as |about |around |nearly |more than )?(?:a (?:fifth|quarter|third|tenth)|half|one-(?:fifth|quarter|third|tenth)) "
    r"of (?:their|your|his|her) (?:body ?weight|weight)",
    r"stay(?:s|ed)? (?:clear|in remission|symptom-free|pain-free|seizure-free)", r"(?:look|looks|feel|feels) (?:up to |as much as )?(?:\w+ )?years younger",
    r"walk(?:s|ing)? (?:unaided|without (?:a )?(?:cane|stick|crutches|frame|walker|help))", r"back to (?:their|your|my) (?:day|life|lives|routine|normal(?: li(?:fe|ves))?)",
    r"back (?:at|to) (?:nursery|school|work|the office) (?:\w+ ){0,2}?(?:sooner|faster|earlier|quicker)",
    r"lose (?:an average of |on average )\d+(?:\.\d+)? ?(?:%|percent|per cent)",
    r"(?:achieve|achieves|get|gets|reach|reaches|see|sees) 20/20(?: vision)?", r"back (?:at|to) work full[- ]time",
    r"break(?:s)? the (?:[\w-]+ )?cycle", r"banish(?:es|ed)?", r"(?:take|takes|taking|bring|brings|bringing) home a (?:healthy )?baby",
    r"(?:double|doubles|doubled|triple|triples|tripled) (?:your|their|her|the) (?:chances?|odds)",
    r"seek(?:s|ing)? out (?:and (?:destroys?|kills?) )?(?:the )?(?:cancer(?:ous)?|tumou?r) cells",
    r"\d+ ?% less (?:pain|cramping|cramps|bloating|anxiety|itching|snoring|fatigue|stress|redness|swelling|inflammation|wrinkles|hair loss|acne|hunger|ringing)",
    r"halv(?:e|es|ed) (?:their|your|his|her) (?:[\w-]+ ){0,2}?(?:days|attacks|pain|symptoms|migraines)",
    r"come off (?:their|your) (?:[\w-]+ ){0,2}?(?:creams|medications?|meds|pills|inhalers|steroids|insulin|painkillers)",
    r"(?:lose|loses|shed|sheds|drop|drops) (?:up to |as much as |about |around )?\d+(?:\.\d+)? ?(?:to|-|–|or) ?\d+(?:\.\d+)? ?(?:%|percent|per cent)",
    r"back (?:on|to) the (?:golf course|pitch|court|slopes|dance floor|tennis court|field|track)",
    r"regain(?:s|ed)? (?:[\w,-]+ ){0,3}?(?:erections|hearing|sight|vision|mobility|function|confidence|control|strength)",
    r"(?:firmer|stronger|harder|longer-lasting)(?:,? (?:firmer|stronger|harder|longer-lasting))? erections", r"renewed confidence",
    r"catch(?:es)? (?:\w+ )?(?:cancers?|tumou?rs?) (?:early|earlier|years|up to|before)",
    r"(?:lose|loses|drop|drops|shed|sheds) (?:an average of |on average |up to |as much as )\d+(?:\.\d+)? ?(?:pounds|lbs|kg|kilos|stone)",
    r"feel(?:s)? (?:a|an) (?:meaningful|real|noticeable|huge|big|immediate) (?:lift|difference|improvement)",
    r"(?:gain|gains|get|gets) (?:an average of |up to )?\d+ (?:extra|more) (?:minutes|hours) of sleep",
    r"(?:fall|falling) asleep (?:twice|three times|\d+x) as fast", r"less (?:[\w-]+ )?(?:pain|bloating|stiffness)",
    r"flatter (?:stomach|tummy|belly)", r"catch(?:es)? up with (?:their |your )?(?:classmates|peers)",
    r"(?:hot flushes|hot flashes|bloating|symptoms|cravings) (?:had |have )?(?:simply )?(?:ease|eased|lift|lifted|fade|faded|melted away)",
    r"(?:flare-ups|attacks|cravings) (?:simply |just |finally )?(?:stop|disappear|vanish)",
    r"(?:far |much )?fewer (?:ear |asthma |panic |migraine |breathing )?"
    r"(?:infections|attacks|migraines|seizures|flare-ups|flares|colds|episodes|cavities|breakouts|pauses|awakenings|night sweats|hot flashes|hot flushes|headaches|hairs)", r"keep (?:it|the weight|the pounds) off", r"weight loss", r"fat loss", r"pain[- ]free", r"symptom[- ]free",
    r"craving[- ]free", r"(?:smoke|nicotine)[- ]free(?! (?:periods?|zones?|homes?|polic(?:y|ies)|laws?|areas?|environments?|workplaces?|days?)\b)", r"drug[- ]free", r"recover(?:s|ed)? (?:from|fully|faster|completely)", r"remission", r"transform(?:s|ed)? (?:your|their|the) li(?:fe|ves)",
    r"saves? lives", r"saved my life", r"life[- ]changing", r"life[- ]saving", r"breakthrough(?! (?:therapy|device) designations?)", r"game[- ]changer",
    r"reset(?:s)? (?:your )?(?:metabolism|brain|body)", r"rewire(?:s)?", r"retrain(?:s)? (?:your |the )?(?:brain|body|nervous system|immune system|gut|appetite|hunger|cravings|metabolism)",
    r"(?:sharper|clearer) (?:focus|memory|thinking|mind)", r"deeper sleep", r"(?:boundless|renewed|more)(?<!want more)(?<!wants more)(?<!need more)(?<!needs more) energy(?! (?:bills?|costs?|prices?|use|drinks?|than)\b)",
    r"(?:stronger|higher|better) (?:sex drive|libido)", r"sleep(?:s|ing)? through the night",
    r"kills? (?:off )?(?:up to )?(?:\d+(?:\.\d+)? ?% of )?(?:the )?(?:[\w-]+ )?(?:bacteria|germs|viruses|fungus|fungi|cancer cells)",
    r"wip(?:e|es|ed|ing) out (?:[\w'’-]+ ){0,3}?(?:bacteria|germs|viruses|superbugs|infections?|fung(?:us|i)|cancer|tumou?rs?|plaque|acne|"
    r"pain|cravings|symptoms|inflammation|cellulite|fat|parasites|candida|toxins|migraines?)", r"last(?:s)? longer (?:and (?:[\w-]+ ){1,3})?in bed", r"last longer(?:(?<=\bwill last longer)|(?<=\byou'll last longer)|(?<=\byou’ll last longer))", r"(?:go|goes|going|get|gets|getting) home (?:sooner|faster|earlier|the same day)",
    r"stop(?:s)? (?:[\w'’-]+ ){1,3}in (?:its|their) tracks", r"thicker(?:,? fuller)? hair", r"drop(?:s|ped)? (?:\w+ )?(?:dress|clothes|jeans?|trouser) sizes?",
    r"back to (?:full )?(?:training|sports?|running|the gym|playing)",
    r"(?:hot flushes|hot flashes|night sweats|symptoms|migraines|headaches|pain|cravings|brain fog) (?:had |have |has )?(?:pretty much |completely |all but |finally )?"
    r"(?:stopped|gone|disappeared|vanished|lifted)",
    r"fix(?:es|ed)? (?:my |your |the |their )?(?:[\w-]+ ){0,2}?(?:pain|back|knees?|problems?|symptoms|skin|sleep|gut|digestion|acne|migraines?|sciatica|snoring|posture|insomnia)\b",
    r"(?:starts?|begins?) (?:to )?work(?:ing)? (?:from|within|in|after) (?:the )?(?:very )?(?:first|day|\d+|one|two|a few)",
    r"get(?:s)? back (?:[\w-]+ ){0,5}?(?:days|life|lives|time|energy|confidence|mobility)\b",
    r"back to (?:work|normal activities|your routine) (?:\w+ ){0,2}?(?:sooner|faster|earlier|quicker)", r"(?:hurt|hurts|bleed|bleeds) less", r"kick(?:s)? in", r"takes? effect",
    r"fast[- ]acting", r"long[- ]lasting", r"sustained(?![- ]release)", r"all[- ]day(?! (?:wear|use|comfort)\b)", r"immediate(?:ly)?(?![- ]release| danger| medical| help| attention| care| risk| threat)", r"instant(?:ly)?",
    r"within (?:minutes|hours|days)", r"in (?:as little as |under |less than )?\d+ (?:minutes|hours|days)",
    r"recharge(?:s)? (?:your )?(?:immune system|body|batteries|energy|cells)",
    r"rebalanc(?:e|es|ed|ing)", r"a (?:different|new) (?:baby|person|child|man|woman)(?= (?:after|within|in|since)\b|\s*[.!])",
    r"(?:don['’]t|no longer) need (?:their|your|my|his|her) (?:[\w-]+ ){0,2}?(?:creams?|medications?|meds|pills|inhalers?|steroids|insulin|painkillers|glasses|reading glasses)(?: any ?more)?",
    r"in as little as (?:\d+|one|two|three|four|five|six|a few|a couple of|a) (?:weeks?|months?|sessions?|treatments?|visits?)",
    r"(?:calm|quiet|tame)(?:s|ed)? (?:the |your |their |down )?(?:[\w-]+ )?(?:inflammation|bloating|flares?|flare-ups|flushing|redness|"
    r"itch(?:ing)?|nightmares|anxiety|pain|cramps|cravings|racing thoughts|reflux|heartburn|swelling)\b",
    r"stop(?:s)? (?:[\w'’-]+ ){1,3}before (?:they|it) (?:start|starts|begin|begins|happen|happens)",
    r"gone (?:in|after|within) (?:just |only |as little as )?(?:\d+|one|two|three|four|five|six|a few|a couple of) (?:sessions?|treatments?|visits?|weeks?|days?|months?)",
    r"from the very (?:first|next) (?:[\w-]+ )?(?:dose|session|treatment|drip|infusion|feed|day|night|week|use|cup|capsule|gummy|application)",
    r"(?:their|your|my|his|her) (?:[\w'’-]+ ){0,2}?(?:li(?:fe|ves)|futures?|freedom|independence|days|nights) back",
    r"(?:giv(?:e|es|ing)|gave) (?:[\w'’-]+ ){1,3}?back (?:the|their|your|his|her|those) (?:[\w'’-]+ ){0,3}?"
    r"(?:time|days|nights|weeks|months|years|moments|evenings|weekends|li(?:fe|ves)|freedom|independence|sleep|futures?)\b",
    r"reclaim(?:s|ed|ing)? (?:the |their |your |his |her |my )?(?:[\w'’-]+ ){0,3}?"
    r"(?:days|li(?:fe|ves)|time|hobbies|independence|freedom|evenings|weekends|confidence|body|health|energy|nights)\b",
    r"(?:\d+ ?%|\d+ (?:out )?of (?:\d+|ten)|nine in ten|most|many|lots|over \d+ ?%) (?:of )?(?:our )?(?:[\w-]+ )?"
    + USER_GROUP + r" (?:(?:said|say|says|report(?:ed)?|tell us|told us) (?:[\w'’-]+ ){0,8}?(?:back (?:to|at|on)|" + _USERS_OUTCOME + r")"
    r"|(?:notice[sd]?|felt|feel|fall|fell|saw|see|are|were) (?:[\w'’-]+ ){0,8}?" + _USERS_OUTCOME + r")\b",
    r"(?:tingling|numbness|breakouts|acne|spots|colic)(?: [\w-]+){0,3}? (?:have |has )?(?:basically |simply |all |completely )?(?:melt(?:s|ed)? away|disappeared|vanished|cleared(?: up)?|gone)",
    r"settles? (?:[\w-]+ )?(?:colic|tummies|tummy troubles|stomachs|nerves|digestion)", r"conceive (?:naturally|at last|within)",
    r"visibly (?:smoother|firmer|younger|clearer|brighter|tighter|thicker|fuller|slimmer)",
    r"(?:seal(?:s|ed)?|heal(?:s|ed)?) (?:up )?(?:a |your |the |my |their )?leaky gut", r"back (?:their|your|his|her) (?:confidence|smile|life|lives|freedom)",
    r"toxins (?:are |being )?(?:pulled|drawn|flushed|sucked) out", r"wakes? up (?:sleeping|dormant|lazy) (?:[\w-]+ )?(?:cells|follicles|glands|metabolism)",
    r"like a (?:man|woman|person|kid|teenager) in (?:his|her|my|their) (?:twenties|thirties|teens|twenties again)",
    r"for the first time since (?:my|her|his|their) (?:twenties|thirties|teens|forties|childhood|pregnancy|diagnosis)",
    r"back to being (?:themselves|yourself|myself|himself|herself|ourselves|their old selves|your old self|my old self)",
    r"went from (?:[\w'’-]+ ){1,8}?to (?:a |an |just |only )?(?:[\w-]+ ){0,2}?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|zero|none|solid|full|normal|clear)\b",
    r"went from (?:[\w'’-]+ ){1,8}?to (?!(?:smoking|drinking|needing|using|taking|being|having|hoping|wondering|worrying|struggling|coping)\b)[a-z]+ing\b",
    r"(?:haven['’]t|hasn['’]t|have not|has not) (?:had|bled|needed|used|taken|felt|missed|touched|seen) (?:a single |one |any |once )(?:[\w-]+ ){0,3}?since\b",
    r"(?:haven['’]t|hasn['’]t|have not|has not) (?:had|bled|needed|used|taken|felt|missed) once since",
    r"(?:lost|dropped|shed) (?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|ten|twenty) (?:pounds|lbs|kg|kilos|stone|jeans? sizes?|dress sizes?|clothes sizes?|sizes)",
    r"(?:was|got|fell) pregnant(?:(?<=\bI was pregnant)|(?<=\bI got pregnant)|(?<=\bI fell pregnant)|(?<=wife was pregnant)|(?<=wife got pregnant))(?= (?:on|after|within|in|by)\b|\s*[.!])", r"for the first time in (?:years|ages|a decade|decades|\d+ years|(?:two|three|four|five|ten) years|months)",
    r"(?:taken|took|knocked) (?:\d+|five|ten|fifteen|twenty) years off",
    r"my (?:skin|energy|hair|sleep|libido|confidence|mobility|hearing|smile|memory|focus|mood|gut|digestion) (?:cleared|came back|returned|improved|transformed)",
    r"(?:see|sees|notice|notices|get|gets|enjoy|enjoys) (?:visibly |noticeably |dramatically |much |far )?"
    r"(?:smoother|calmer|firmer|clearer|softer|brighter|younger|thicker|fuller|stronger|deeper|sharper|healthier|whiter|straighter|tighter|slimmer)"
    r"(?:,? (?:and )?(?:smoother|calmer|firmer|clearer|softer|brighter|younger|thicker|fuller|stronger|deeper|sharper|healthier|whiter|straighter|tighter|slimmer))*"
    r" (?:skin|sleep|hair|teeth|gums|vision|memory|focus|energy|mood|joints|complexion|smile|erections|stamina|digestion|breathing)\b",
    r"bounces? back", r"grow back (?:their|its|your|the|new|thicker|stronger|healthy)", r"shrink(?:s)? (?:the |your |an )?(?:enlarged )?(?:prostate|tumou?rs?|fibroids?|polyps?|fat cells|pores|nodules?|cysts?|lipomas?)",
    r"reopen(?:s)? (?:your |the )?(?:blocked |clogged |narrowed )?(?:sinuses|arteries|airways|tubes|ducts|vessels)",
    r"switch(?:es)? off (?:[\w-]+ ){0,2}?(?:eating|cravings|hunger|pain|acne|inflammation|anxiety|stress|snoring|the craving|ageing|aging)",
    r"(?:breathe|sleep|think|hear|see)(?:,? (?:and )?(?:breathe|sleep|think|hear|see|walk|eat)){0,3} (?:clearly|freely|easily|properly|comfortably) again",
    r"get(?:s|ting)? back to (?:work|normal|family|the (?:life|lives|things|activities)|(?:their|your|his|her|my) "
    r"(?:jobs?|famil(?:y|ies)|li(?:fe|ves)|hobbies|careers?|routines?|studies|friends))",
    r"(?:stop|without|no (?:more|longer)) planning (?:[\w'’-]+ ){1,3}?around",
    r"transform(?:s)? the way (?:[\w-]+ ){0,4}?(?:live|lives|manage|treat|age|sleep)",
    r"(?:memory|brain|biological|cellular|skin|metabolic) age (?:dropping|drops|dropped|falls|fell|falling|reversed|reversing|reverses|reduced)",
    r"last(?:s)? (?:[\w-]+ ){1,4}times longer",
    r"(?:pain|aches?|bloating|symptoms|heaviness|brain fog|fog|fatigue|tiredness|exhaustion|anxiety|itch(?:ing)?|swelling|stiffness|headaches|migraines|cravings|inflammation|redness|flare-ups|ringing|tinnitus|buzzing|itching|seizures?|storms?|"
    r"sweats|sweating|hot flushes|hot flashes|congestion|floaters|snoring|cramps|cramping|nausea|soreness|puffiness)"
    r"(?: (?!(?:has|have|had|when|once|until|after|before)\b)[\w-]+){0,6}? (?:all |finally |simply )?(?:settles?|lifts?|fades?|fading|eases?|calms?(?: down)?|melts? away|drains? away|disappears?|vanish(?:es)?|clears?|stops)\b(?! (?:you|me|them|him|her|us)\b)",
    r"(?:are|were|is|was|you're|you’re|we're|we’re|they're|they’re|he's|he’s|she's|she’s|it's|it’s|who's|who’s|that's|that’s) (?:[\w-]+ ){0,2}?(?:walking|working|sleeping|running|living|smiling|laughing|dancing|driving|playing|cycling|hiking|travell?ing|exercising|socialising|socializing)(?:,? (?:and )?[\w-]+){0,4}? again",
    r"(?:sleeping|hearing|breathing|thinking|feeling|moving|focusing) (?:much |so much |far |a lot |significantly |noticeably |dramatically )?better\b",
    r"focus(?:ed)? (?:for )?(?:longer|better|harder)", r"(?:skin|smile|hair|body|bodies) (?:[\w-]+ )?transform(?:s|ed)?\b",
    r"(?:keeps?|kept) (?:you )?(?:comfortable|well|healthy)",
    # what users wake up with, get back to, or no longer need ("Wake up with crystal-clear vision", "I'm back to hiking")
    r"wak(?:e|es|ing) up (?:the next (?:morning|day) |each morning |every morning |tomorrow )?(?:with|to) (?:[\w,'’-]+ ){0,5}?"
    r"(?:vision|energy|smile|figure|skin|body|look|confidence|hair|nose|face|teeth|sleep|breathing|jawline|profile)\b",
    r"wak(?:e|es|ing) up (?:feeling|looking) (?:[\w-]+ )?(?:refreshed|rested|younger|great|amazing|energi[sz]ed|like new|brand new)",
    r"wak(?:e|es|ing) up (?:100% |completely |totally )(?:fresh|refreshed|rested|clear-headed|hangover-free)",
    r"(?:(?<=I['’]m )|(?<=I am )|(?<=I was )|(?<=we['’]re )|(?<=he['’]s )|(?<=she['’]s )|(?<=they['’]re )|(?<=you['’]re )|(?<=you['’]ll be )"
    r"|(?<=patients are ))back (?:to|on) (?!(?:smoking|drinking|vaping|using|taking|square one)\b)[a-z]+ing\b",  # from "back": the index
    r"stopped needing (?:it|them|my|their|his|her|any)", r"(?:threw|throw|ditched|ditch|binned) (?:away |out )?(?:my|your|their|his|her|the) (?:[\w-]+ )?"
    r"(?:pads|glasses|inhalers?|cane|crutches|pills|meds|medications?|painkillers|hearing aids?|CPAP|mask|brace|splint|reading glasses)",
    r"(?:takes?|took|knocks?|shaves?) (?:\d+|five|ten|fifteen|twenty) years off",
    r"(?:see|sees|seeing|hear|hears|hearing) (?:the world|clearly|everything|properly|colou?rs?) (?:[\w-]+ ){0,3}?again",
    r"the freedom to (?:[\w'’-]+ ){1,5}?again", r"(?:opens|opens up|open up) (?:your |the )?(?:nasal passages|airways?|arteries|sinuses|blood vessels)",
    r"quits? (?:smoking |vaping |drinking )?(?:within|in) (?:\d+|a|one|two|three|four|six) (?:days|weeks|months)",
    r"protects?(?! from (?:excessive |direct )?(?:light|moisture|heat|frost|sunlight|humidity)\b)", r"shields?", r"extends? (?:your )?life", r"adds? years", r"adds? (?:[\w,-]+ ){1,3}years to (?:your|their|his|her|our) li(?:fe|ves)",
    r"(?:back|better|well|recover(?:s|ed)?|heal(?:s|ed)?|over (?:it|the worst)) (?:[\w-]+ ){0,3}?in (?:half|a third|a fraction of) the (?:usual |normal )?time", r"(?:is|are) (?:usually |often |typically |generally )?all it takes to", r"slows? (?:down )?(?:the )?(?:progression|ageing|aging|decline)",
    r"eases", r"eased", r"easing(?! back into)", r"ease (?:your |the |their )?(?:pain|symptoms|anxiety|stress|cravings|withdrawal|inflammation)",
    r"sooth(?:e|es|ed|ing)", r"knocks? out", r"keeps? (?:[\w'’-]+ ){0,3}at bay", r"ends? the need for",
    r"curb(?:s|ed)? (?:[\w-]+ )?(?:cravings|appetite|hunger|symptoms|inflammation)",
    r"clears? (?:up )?(?:[\w-]+ )?(?:acne|skin|psoriasis|eczema|infections?|congestion|fungus|rash(?:es)?|blemishes|plaque)",
    r"speeds? (?:up )?(?:your )?(?:recovery|healing|weight loss)",
    r"(?:fad|eras)(?:e|es|ed|ing) (?:[\w-]+ ){0,2}(?:spots|scars?|wrinkles|lines|pigmentation|discolou?ration|marks|melasma|signs of (?:ag(?:e)?ing|age))",
    r"tighten(?:s|ed|ing)? (?:[\w-]+ ){0,2}(?:skin|pores)", r"smooth(?:s|es|ed|ing)? (?:out |away )?(?:[\w-]+ ){0,2}(?:wrinkles|lines|cellulite)",
    r"resurfac(?:e|es|ed|ing) (?:your |the )?skin", r"regrow(?:s|ing)? (?:[\w-]+ ){0,3}(?:hair|cartilage|bone|tissue|nerves?|teeth|gums|ligaments?|tendons?|collagen|muscles?)",
    r"sharpen(?:s)? (?:your |the )?(?:eyesight|vision|memory|focus|mind)", r"(?<=hair )grows? back", r"drift(?:s)? off", r"(?:fall|falling|stay|staying) asleep (?:faster|quickly|easily|naturally|all night)",
    r"mak(?:e|es|ing) (?:your |the )?(?:teeth|skin|smile|hair|face|lashes) (?:[\w-]+ ){0,4}?(?:whiter|brighter|younger|smoother|firmer|tighter|thicker|fuller)",
)
"""Verbs and phrases that promise a health benefit."""

SAFETY = words(
    r"(?:completely |totally |perfectly |100% |entirely |very |extremely |proven |clinically proven )?(?<!somewhere )(?<!anywhere )(?<!the message that it['’]s )safe(?! (?:storage|disposal|place|keeping|use of|injection site|harbou?r|donor|to (?:say|assume|conclude|bet))\b)",
    r"safer", r"safest", r"(?:safety|safety record) (?:is|has been) (?:simply |long )?beyond (?:question|doubt|dispute|reproach)", r"(?<!turn out to be )(?<!turns out to be )(?<!turned out to be )harmless", r"risk[- ]free(?! (?:trial|for (?:\d+|thirty|sixty|ninety|a)\b|returns?|guarantee|money))", r"no risks?", r"without (?:any )?risks?", r"zero risks?",
    r"(?:no|zero|without(?: any)?|free of|free from) (?:\w+ ){0,2}side[- ]effects?", r"zero adverse (?:reactions?|effects)", r"side[- ]effect[- ]free",
    r"(?:virtually|almost|practically|nearly) no (?:\w+ ){0,2}side[- ]effects?", r"(?:barely|hardly|scarcely) (?:a|any) (?:\w+ ){0,2}side[- ]effects?",
    r"(?:just|simply|only|actually) a sign (?:that )?(?:[\w-]+ ){0,4}?(?:is|are|it['’]s) working", r"vanishingly rare",
    r"the only (?:thing|side[- ]effects?|downside)s? (?:that )?(?:most )?(?:people|patients|you|they|women|men|of our patients)(?: ever)? (?:will )?(?:notice|get|experience|feel)",
    r"blown (?:way |completely |totally )?out of proportion", r"(?:side[- ]effects?|risks?) (?:are|is|were|was) (?:\w+ ){0,2}?a non-?issue",
    r"(?:total|complete) peace of mind", r"no such thing as too much", r"never give (?:them|it) a second thought",
    r"(?:about|no more|roughly|not much more) as (?:risky|dangerous|eventful|scary) as", r"(?:almost |virtually |practically )?never (?:a|an) (?:problem|issue|concern|worry)",
    r"nothing (?:you|parents|patients|anyone|people) (?:need|needs|should) (?:to )?worry about", r"nothing (?:a|an) (?:[\w-]+ ){0,3}?(?:won['’]t|can['’]t) fix",
    r"(?:most )?(?:people|patients|members|users|clients) barely notice (?:it|them)", r"(?:totally|completely|100% ) pain[- ]free",
    r"could do (?:it |this )?in (?:their|our|my) sleep", r"(?:don['’]t|do not|no need to) (?:need to )?worry about the (?:boxed )?warnings?",
    r"can(?:['’]t|not) overdose", r"never been a toxic dose", r"no (?:known )?toxic dose",
    r"no (?:nasty )?surprises", r"take (?:it|them|one)(?: [\w'’-]+){0,6}? without (?:a )?second thought", r"should(?:n['’]t| not) stand in the way of",
    r"(?:easier|less painful) than (?:having )?(?:a )?(?:tooth (?:filled|pulled)|filling|dental cleaning|blood test|flu jab)",
    r"(?:just|simply|only) (?:your|the) body (?:clearing|detoxing|adjusting|healing|flushing)",
    r"nothing (?:in|about) (?:it|here|them|(?:[\w'’+-]+ ){1,3}?)(?:that )?(?:could|can|would|will) (?:harm|hurt|damage)",
    r"no (?:need|reason) to (?:worry|be (?:worried|concerned|afraid|scared|nervous))", r"(?:zero|no) downsides?", r"no (?:[\w-]+ )?(?:effects|side[- ]effects|risks) to worry about",
    r"nothing (?:harmful|toxic|dangerous) (?:is )?(?:left|remains)", r"worry[- ]free", r"can(?:['’]t|not) overdo it",
    r"(?:is|are) (?:simply |just )?not something (?:[\w-]+ ){0,3}?(?:have|has|need|needs) to (?:think|worry) about", r"never (?:even )?notice a thing",
    r"(?:for a (?:day|night|week|few (?:days|hours))(?: or two)?|(?:little|bit of|mild|slight) (?:[\w-]+ ){0,3}?)[^.;!?]{0,40}?(?:but|and) that(?:['’]s| is) (?:really |honestly |pretty much |just )?(?:about it|all there is to it)",
    r"(?:there is|there['’]s|with) no (?:bleeding|scarring|scars|stitches|bruising)(?= (?:and|or|at all|whatsoever)\b|\s*[,.;:!])", r"(?:is|was) (?:honestly |really |an absolute )?a breeze",
    r"(?:scarring|scars?|bruising|swelling) (?:is|are) (?:barely|hardly) (?:noticeable|visible)",
    r"side[- ]effects? (?:simply |just )?(?:aren['’]t|are not|isn['’]t|is not) (?:part of|an issue|a (?:problem|concern|worry|thing))",
    r"(?:complications|side[- ]effects?|risks?) (?:are|is|have become|has become) (?:now )?(?:practically |virtually |basically |all but )?a thing of the past",
    r"(?:zero|no|virtually no|little) (?:chance|possibility|danger) of (?:a |an |any )?(?:[\w-]+ )?(?:reactions?|side[- ]effects?|complications?|infections?|rejection|harm|problems?)",
    r"(?:these|those|such|the) (?:concerns|risks|worries|dangers|issues) (?:simply |just |really )?(?:don['’]t|do not|no longer) apply",
    r"(?:toxicity|side[- ]effects?|risks?|dangers?|addiction|dependence|overdos(?:e|ing)) (?:is|are) (?:(?:just|simply|largely|really|nothing but) )?(?:a |an )?(?:(?:total|complete|old|outdated|persistent) )?myths?\b",
    r"(?:problems|side[- ]effects?|complications|reactions?)\b[^.;:!?]{0,60}?(?:simply|just) (?:don['’]t|do not|never) (?:happen|occur|arise)",
    r"no need to (?:wait for|ask|check with|consult|see|involve) (?:your |a )?(?:GP|doctor|physician|prescriber)",
    r"(?:kind|gentle) (?:to|on) (?:your|the) (?:body|system|stomach|skin|liver|kidneys)", r"free (?:from|of) (?:the )?(?:worries|dangers|side effects)",
    r"(?:it['’]s|they['’]re|it is|they are) (?:just|only|simply) (?:food|water|vapou?r|sugar|salt|vitamins|plants|herbs|flavou?red (?:vapou?r|water))\b",
    r"none of the (?:[\w-]+ ){0,2}?(?:that make|that makes|behind) (?:[\w-]+ ){0,2}?(?:dangerous|harmful|risky)",
    r"gentle enough (?:for|to)", r"(?:completely |totally |entirely )?free (?:of|from) (?:any )?risks?",
    r"(?:about |no more |not much more |roughly )?as (?:risky|dangerous) as (?:taking )?(?:a |an )?(?:daily )?(?:multivitamin|vitamin|aspirin|paracetamol|cup of coffee)",
    r"no (?:riskier|more risky|more dangerous) than", r"nothing (?:dangerous|risky|harmful|unsafe) about (?:it|them|this)",
    r"nothing (?:to|can|could|that can) go wrong",
    r"sail(?:s|ed)? through (?:the |their |your )?(?:treatment|recovery|surgery|therapy|procedure|chemo\w*|radiation)",
    r"tolerated (?:[\w-]+ ){0,3}?(?:exceptionally|remarkably|extremely|incredibly) well", r"no (?:different|worse) (?:from|than) (?:a )?sugar pills?", r"none of the (?:\w+ ){0,2}(?:side[- ]effects?|risks)", r"(?:fewer|less|minimal|mild|few|milder) (?:\w+ ){0,2}side[- ]effects?",
    r"non[- ]?addictive", r"not addictive", r"isn'?t addictive", r"no (?:risk of )?addiction", r"non[- ]habit[- ]forming",
    r"not habit[- ]forming", r"no withdrawal", r"no dependence",
    r"(?<=[\w,] )gentle(?=\s*(?:[,.;:!?)—–]|$)|\s+(?:on|enough|and|for|to|with|yet|but|that|even)\b)",  # not "Gentle Chiropractic Care" (a name)
    r"natural (?:and|so) safe", r"well[- ]tolerated", r"(?:completely |totally |virtually |100% )?painless", r"(?:no|zero|without any|without) downtime",
    r"no (?:known )?(?:interactions|contraindications)", r"can'?t (?:hurt|harm)", r"nothing to lose", r"no downside",
    r"nothing to (?:worry about|fret (?:about|over)|fear|be (?:scared|afraid|worried|nervous) (?:of|about))",  # in the present only ("it's usually…", not "he was told it was…"): claims._DISMISSED_NOW
    r"(?:don['’]t|do not) let (?:the |a |any )?(?:boxed warning|warnings?|side effects?|risks?|label) (?:put you off|scare you|worry you|stop you)",
    r"never experience anything (?:more|worse) than",
    r"(?:very |extremely )?low[- ]risk(?= (?:treatment|procedure|option|therapy|way|alternative|surgery)\b)", r"used safely",
    r"(?:about |pretty much |really )?the worst of it",
    r"(?<!these )(?<!those )(?<!such )(?<!serious )(?<!severe )(?<!extreme )"
    r"(?:(?:sexual|common|usual|typical|possible|potential|reported|long[- ]term|health) )?(?:side[- ]effects?|risks?|dangers?|complications) (?:are|is) (?:\w+ ){0,2}?"
    r"(?:rare|minimal|mild|minor|negligible|unheard of|a myth|overblown|exaggerated|overstated)",  # not "these side effects are rare", just named
    r"(?:side[- ]effects?|risks?|dangers?)(?: [\w'’]+){1,6}? (?:are|is) (?:\w+ ){0,2}?(?:a myth|myths|overblown|exaggerated|overstated|hype)",
)
"""Claims that minimise risk: safe, no or fewer side effects, non-addictive."""

_INSTRUCTION_VERBS = r"take|use|give|drive|drink|mix|share|stop|exceed|double|leave|put|apply|store|let"
"""After "Never": a leaflet's instruction ("Never take two doses"), not a promise ("Never again lie awake")."""
ABSOLUTE = words(
    r"cur(?:e|es|ed|ing)", r"guarantee[sd]?", r"guaranteed", r"miracle", r"miraculous",
    r"(?<!almost )(?<!nearly )(?<!virtually )(?:completely|entirely|totally) (?:eliminat\w+|eradicat\w+|cur\w+|revers\w+|gone|heal\w+|clear\w*|disappear\w*|vanish\w*)",
    r"(?:basically |completely |totally |finally )fixed\b(?! (?:doses?|rates?|prices?|terms?|amounts?|combinations?|costs?|fees?))",
    r"(?:eliminat\w+|eradicat\w+|clear(?:s|ed)?|heal(?:s|ed)?|revers(?:e|es|ed)|remov(?:e|es|ed)|disappear(?:s|ed)?|vanish(?:es|ed)?|go(?:es)? away)(?: [\w-]+){0,4}? (?:completely|entirely|totally)"
    r"(?=\s*(?:[.,;:!)]|and\b|with\b|within\b|so\b|after\b|$))",
    r"always works", r"works for everyone", r"works for (?:every|any) (?:kind|type|sort) of [\w-]+", r"(?:works|effective) every (?:single )?time", r"wonder drug", r"magic bullet", r"instant(?:ly)? cur\w+",
    r"zero (?:recurrences?|relapses?)",
    r"(?:won['’]t|will not|will never|never) (?:ever )?(?:have to |need to )?(?:suffer|deal|struggle|put up)(?: through| with)? another",
    r"never (?:miss|cancel on|worry about|fear|suffer|struggle with|deal with|crave|reach for|need|be (?:surprised|caught|embarrassed|held back)) (?:[\w'’-]+ ){0,5}?again",
    r"never (?:light|smoke|buy|need|suffer|catch|get|have) another (?:[\w-]+ )?(?:cigarette|migraine|attack|flare|hangover|cold|pack)",
    r"never (?:need|suffer|catch) another [\w-]+",
    r"(?:you|your(?: [\w'’-]+){1,2}?)(?:['’]ll| will) never (?:again )?(?:(?:have to |need to )?(?:fear|worry about|dread|suffer(?: from)?|struggle with)|need(?! to\b))",
    r"(?<!force )(?<!off )for good(?=\s*(?:[.,;:!)]|after\b|once\b|within\b|even\b|and never\b|$))",
    r"the only (?:[\w-]+ ){1,3}?you(?:['’]ll| will)? ever need", r"keeps? (?:the |your |their )?(?:benefits|results|gains|changes) for life",
    r"(?:implants?|results?|effects?|benefits?|changes?|gains|improvements?|veneers?|lenses|crowns?) (?:will )?lasts? (?:you )?(?:a|your) lifetime",
    r"stop(?:s)? (?:[\w'’-]+ ){1,3}before (?:it|they) (?:can|could|ever|even) (?:start|begin|develop|take hold)",
    r"(?:fully|completely|totally|100% ) protected", r"(?:completely|totally|entirely) (?:untouched|unharmed|unaffected|undamaged)",
    r"(?:can|will) never (?:come back|grow back|fall out)", r"won['’]t (?:ever )?(?:come|grow) back", r"the last (?:one|[\w-]+) you(?:['’]ll)? ever need",
    r"(?:attacks|symptoms|pain|migraines?|headaches|flare-ups|cravings|acne|snoring|hot flashes|hot flushes|colds|infections|breakouts) (?:will )?(?:be|become|becomes) a thing of the past",
    r"(?:total|complete|absolute|100% ) certainty", r"(?:hear|see|walk|sleep|eat|breathe) normally again", r"without fail",
    r"(?:will|designed to|built to|made to|that|which) lasts? (?:you )?(?:a|your) lifetime",
    r"stay(?:s)? (?:[\w-]+ ){0,2}?(?:straight|clear|slim|young|pain-free|smooth|white) for life",
    r"yours for life", r"100% permanent",
    r"every last (?:worm|parasite|egg|larva|trace|toxin|cell|germ|bacteri\w+|virus|spot|wrinkle|blemish|pimple)", r"gone in (?:just |only )?(?:\d+|one|two|three|four|five|six|a few) (?:days|weeks|months)",
    r"will never (?:[\w'’-]+ ){1,4}?again", r"save(?:s)? (?:your |their )?(?:[\w-]+ ){0,2}?(?:teeth|sight|vision|hearing|joints?|knees?|hips?) for life",
    r"(?-i:Never) (?!(?:" + _INSTRUCTION_VERBS + r")\b)(?:[\w'’-]+ ){1,6}?again",
    r"(?-i:Never) again (?!(?:will|would|shall|should|do|did|does|" + _INSTRUCTION_VERBS + r")\b)[a-z]+",
    r"you(?:['’]ll| will) never (?:[\w'’-]+ ){1,6}?again",
    r"never have to (?:[\w'’-]+ ){0,3}?(?:again|reopen|go back)",
)
"""Words that promise an outcome by themselves: cure, guaranteed, miracle, works every time."""

ABSOLUTE_QUALIFIER = words(
    r"(?<!was )(?<!were )(?<!be )(?<!to )(?<!of )100 ?(?:%|percent|per cent)(?! natural)",
    r"permanent(?:ly)?", r"for good", r"forever", r"once and for all", r"for life(?:(?<=\boff for life)|(?<=\baway for life)|(?<=\bgone for life)|(?<=\bclear for life)|(?<=\bfree for life)|(?<=\bresults for life)|(?<=\bvision for life)|(?<=\bsight for life)|(?<=\bprotected for life)|(?<=\bwith you for life))",
    r"never will again", r"(?:never|(?:from|without) ever) (?:again|come back|comes back|coming back|return\w*)", r"never need (?:\w+ ){0,2}again",
    r"no matter (?:what|your|how (?:long|old|severe|bad|many|much|often))", r"every single time", r"no (?:rebound|yo-?yo)(?: effect)?",
    r"(?:in|for) (?:everyone|everybody|every (?:single )?(?:patient|person|user|client|case|one)) (?:who|that)",
)
"""Words that make an outcome absolute (permanent, 100%, for good, in everyone) but promise one
only in a sentence that names an outcome ("lose the weight permanently", not "a permanent stent")."""

OUTCOME = words(
    r"(?:saw|see|sees|notice[sd]?|felt|feel|feels) (?:a|the) (?:real |big |huge |noticeable |visible )?difference",
    r"los(?:e|es|t|ing)", r"gone", r"free", r"results?", r"relief", r"remission", r"solution", r"fix(?:es|ed)?", r"clear(?:s|ed)?",
    r"end(?:s|ed)?", r"stop(?:s|ped)?", r"disappear\w*", r"vanish\w*", r"goodbye", r"banish\w*", r"rid of", r"recover\w*",
    r"success\w*", r"effective\w*", r"efficacy", r"works?", r"worked", r"protection", r"immun\w+", r"quit", r"kick\w*", r"beat",
    r"remov\w+", r"correct(?:s|ed|ing)?", r"away", r"younger", r"smoother", r"whiter", r"straighter", r"slimmer",
    r"(?:weight|pounds|kilos|fat) (?:stays? |stayed |kept |keeps? )?off", r"fe(?:el|els|lt|eling) better", r"regrowth",
    r"avoid(?:s|ed|ing)? (?:[\w-]+ ){0,2}(?:surgery|operations?|replacements?|medications?|injections?)",
    r"halt(?:s|ed)?", r"solv(?:e|es|ed)", r"behind (?:you|them|me)", r"leav(?:e|es|ing) (?:[\w-]+ ){1,2}?behind", r"silenc(?:e|es|ed)", r"take back control", r"switch(?:es|ed)? (?:[\w-]+ ){0,2}?off", r"break(?:s)? the cycle", r"answer",
    r"(?:re)?balanced", r"turn(?:s|ed)? back (?:the clock|time|your)", r"topped up",
)
"""Outcome words that, besides the benefit words above, let a qualifier promise something."""

USE_INDICATION = ScannedPattern(
    r"\b(?:(?:is|are|was|were|been|be|being|gets?|got)\s+)?(?:(?:also|now|often|commonly|widely|sometimes|frequently|increasingly|"
    r"successfully|safely|currently|already|mainly|mostly|primarily|only|first)\s+)?"
    r"(?:used|prescribed|approved|indicated|recommended|licensed|authori[sz]ed|cleared|given|taken)\s+(?:"
    r"for(?:\s+use(?:\s+(?:in|as))?)?(?:\s+(?:treating|(?:the\s+)?(?:treatment|management|prevention|relief|control)\s+of))?|against|"
    r"in\s+(?:treating|the\s+treatment\s+of)|as\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}?for|"
    r"to\s+(?:treat|cure|prevent|manage|control|relieve|ease|reduce|combat|fight|help(?:\s+(?:with|treat|manage|relieve|ease|prevent))?))\b"
    r"|\b(?:treat(?:s|ed|ing)?|cur(?:es|ed|ing)|prevent(?:s|ed|ing)?)\b"
    r"|\b(?:treatment|therapy|cure|remedy|medication|medicine|drug|option|solution)\s+for\b|\b(?:answer|solution|cure|key)\s+to\b"
    r"|\bfor\s+(?:the\s+)?(?:treatment|management|prevention|relief|control)\s+of\b"
    r"|\beffective\s+(?:for|against|in\s+(?:treating|the\s+treatment\s+of)|at\s+treating)\b",
    re.I,
)
"""Words that present what a treatment is for: treats, cures, prevents; is used, approved,
indicated or prescribed for; a treatment for; for the treatment of; effective against."""

USE_BENEFIT = ScannedPattern(
    r"\bhelp(?:s|ed|ing)?(?:\s+(?:you|people|patients|them|those|adults|children|kids|women|men))?(?:\s+(?:with|against)\b|(?=\s+(?:to\s+)?"
    r"(?:fight|ease|relieve|manage|reduce|control|beat|overcome|treat|prevent|lose|shed|drop|burn|quit|stop|kick|curb|tame|calm|"
    r"get\s+rid\s+of|recover\s+from|cope\s+with|break\s+free\s+from|(?:come|get|wean|taper)\s+off)\b))"
    r"|\b(?:reliev(?:e|es|ed|ing)|eas(?:e|es|ed|ing)|alleviat(?:e|es|ed|ing)|sooth(?:e|es|ed|ing)|combat(?:s|ted|ting)?|fights?|fought|"
    r"manag(?:e|es|ed|ing)|control(?:s|led|ling)?|targets?|reduc(?:e|es|ed|ing)|improv(?:e|es|ed|ing)|revers(?:e|es|ed|ing)|"
    r"heal(?:s|ed|ing)?|banish(?:es|ed)?|eliminat(?:e|es|ed|ing)|boosts?|supports?|promotes?|quiet(?:s|ed)?|curb(?:s|ed)?|"
    r"tackl(?:e|es|ed)|melt(?:s|ed)?|dissolv(?:e|es|ed)|calm(?:s|ed)?|tam(?:e|es|ed)|sheds?|crush(?:es|ed)?|zap(?:s|ped)?|"
    r"conquer(?:s|ed)?|kick(?:s|ed)?|lift(?:s|ed)?|break(?:s)?\s+free\s+from|cut(?:s)?\s+(?:down\s+)?on|"
    r"mak(?:e|es|ing)\s+(?:a\s+)?(?:real\s+|big\s+|huge\s+)?difference\s+(?:for|in|to)|tak(?:e|es|ing)\s+the\s+(?:edge\s+off|sting\s+out\s+of)|"
    r"dampen(?:s|ed)?|blunt(?:s|ed)?|silenc(?:e|es|ed))\b"
    r"|\bworks?\s+(?:well\s+|great\s+|wonders\s+)?(?:for|against|on)\b"
    r"|\b(?:good|great|ideal|useful|helpful|beneficial|excellent|perfect|right)\s+for\b"
    r"|\b(?:game[- ]changer|go-to(?:\s+\w+)?|answer|solution|fix|lifeline|secret\s+weapon|(?:great|good|perfect)\s+fit|choice|pick|ally|"
    r"best\s+\w+(?:\s+\w+){0,3}?)\s+for\b"
    r"|\b(?<=\bit\s)(?:for\b|to(?=\s+(?:help|treat|ease|relieve|manage|reduce|control|lose|drop|shed|quit|stop|cut|curb|prevent|"
    r"fight|beat|come|get|wean|taper)\b))"
    r"|\b(?:help|helps|the\s+answer|the\s+solution)(?=\s*[.!]|\s*$)",
    re.I,
)
"""Words that say a treatment helps with something: helps with, relieves, curbs, works for,
good for, a game changer for, (prescribe) it for, or "can help." after a question that names the
condition. What follows may be a condition or only a symptom or an outcome."""

USE_FRONTED = ScannedPattern(
    r"\b(?:(?:a\s+)?(?:new\s+|real\s+)?hope\s+for|(?:best|good|great|ideal|recommended|used)\s+for\s*:"
    r"|(?:popular|a\s+favou?rite|a\s+hit|in\s+demand|trending)\s+(?:with|among)"
    r"(?=\s+(?:[\w-]+\s+){0,2}?(?:people|patients|adults|women|men|moms|mums|mothers|parents|clients|customers|members|athletes|"
    r"students|professionals|users)\s+(?:who|looking|trying|hoping|wanting|seeking|with)\b))",
    re.I,
)
"""Words that put a use before the product they promote it for ("A new hope for PCOS: …
Ozempic", "Popular with patients who want to…, Zubsolv…", "Best for: back pain | Zubsolv")."""


# -- negation, attribution, establishment ----------------------------------------------------------

NEGATION = words(
    r"not", r"no(?!\.\s?\d)", r"none", r"no one", r"nobody", r"never", r"(?:do|does|did|is|are|was|were|has|have|had|wo|ca|could|should|would|must|need)n[’']?t", r"cannot", r"without", r"neither", r"nor", r"cannot", r"fail(?:s|ed)? to",
    r"no evidence", r"unproven", r"not proven", r"lack(?:s|ed)? (?:of )?evidence", r"did not", r"does not", r"is not", r"are not",
)

DISCLAIMER = ScannedPattern(
    r"\b(?:not (?:been )?(?:evaluated|approved) by the (?:FDA|Food and Drug Administration)|not intended to (?:diagnose|treat|cure|prevent)"
    r"|nothing (?:is|was|can be|could be|will be) (?:ever )?guaranteed"
    r"|(?:diagnose|treat|cure),? (?:or |and )?(?:cure|prevent)|no (?:known )?cure|there is no cure|not a cure|isn'?t a cure|cannot be cured"
    r"|results (?:may|can) vary|individual results vary)",
    re.I,
)
"""Boilerplate that names a claim in order to disclaim it."""

ATTRIBUTION = ScannedPattern(
    r"\b(?:according to|says?|said|told|explains?|explained|notes?|noted|adds?|added|reports?|reported|concluded|commented|stated|wrote|recalls?)"
    r"(?:\s+(?:Dr\.?|Professor|Prof\.?|Mr\.?|Ms\.?|Mrs\.?)?\s*[A-Z][\w'-]+)?",
)
"""Speech and reporting verbs (case-sensitive so a following capitalised name can be found)."""

NAMED_SOURCE = ScannedPattern(
    r"\b(?:Dr\.?|Professor|Prof\.?)\s+[A-Z][\w'-]+|\b[A-Z][a-z]+ [A-Z][a-z]+,? (?:M\.?D\.?|Ph\.?D\.?|MPH|RN|PharmD)\b"
    r"|\b(?:researchers|investigators|scientists|the (?:study|trial|review|authors?|researchers)|the team)\b",
)

PERSON_SAID = re.compile(
    r"\b(?!(?:Science|Research|Evidence|Data|Studies|Experts|Doctors|Scientists|It|This|That)\b)[A-Z][\w'-]+(?: (?:[A-Z]\. )?[A-Z][\w'-]+)?"
    r"(?:,[^,.;]{1,60}){0,3},? (?:said|says|told|recalls?|recalled)\b"
)
"""A person or company named without a title who said it ("Dianne Fraser, 56, an accountant, said",
"KetoKind says"); searched within one sentence, where ``NAMED_SOURCE`` scans the whole page."""

FIRST_PERSON = words(r"I", r"I'm", r"I've", r"my", r"me", r"myself")

_PROFESSIONALS = (r"(?:doctors|physicians|experts|specialists|surgeons|clinicians|professionals|cardiologists|dermatologists|neurologists|"
                  r"oncologists|psychiatrists|paediatricians|pediatricians|urologists|gyn(?:a)?ecologists|dentists|orthodontists|pharmacists|nutritionists|"
                  r"dietitians|audiologists|optometrists|ophthalmologists|physiotherapists|osteopaths|chiropractors|GPs)")
"""Health professionals whose backing a page invokes ("recommended by dentists", "trusted by urologists")."""
_AUTHORITIES = (r"(?:(?:leading|top|most|many|renowned|respected|the\s+world['’]s\s+(?:leading|top))\s+)?"
                r"(?:(?:ENT|fertility|longevity|dental|cosmetic|functional medicine)\s+)?"
                r"(?:" + _PROFESSIONALS[3:-1] + r"|scientists|neuroscientists|researchers|endocrinologists|gastroenterologists|rheumatologists|"
                r"psychologists|immunologists|allergists|haematologists|hematologists|radiologists|anaesthetists|anesthetists|podiatrists|"
                r"periodontists|hygienists|midwives|nurses|naturopaths|nutritional therapists|sleep specialists|hearing specialists|"
                r"fertility specialists|longevity experts|sports scientists|trichologists|sexologists|psychotherapists|practitioners|herbalists|"
                r"acupuncturists)")
"""Who a page says agrees with it: health professionals and scientists, with a word before them
("leading researchers", "top dermatologists"); literal words, so that the list stays indexed."""
_CONSENSUS = (r"(?:(?:around|across|all\s+over|throughout|in|at|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
              r"(?:world|country|globe|nation|field|profession|community|communities|UK|US|USA|Europe|America)\s+|(?:everywhere|worldwide|nationwide|alike)\s+)?"
              r"(?:(?:now|increasingly|widely|already|all|overwhelmingly|universally)\s+)?"
              r"(?:agrees?|accept(?:s|ed)?|trust|endorse|swear\s+by|back|recommend|have\s+(?:now\s+|since\s+|finally\s+)?(?:confirmed|embraced)|embrace[sd]?|(?<=now\s)know(?!\s+(?:little|nothing|(?:very\s+)?less|how|why|whether|what|if)\b)"
              r"|(?:see|recogni[sz]e|regard)\s+(?:[\w'’+-]+\s+){1,4}?(?<!mainly\s)(?<!mostly\s)(?<!largely\s)(?<!only\s)(?<!primarily\s)as|recogni[sz]e\s+(?:what|that)|are\s+(?:basically\s+|virtually\s+|almost\s+|all\s+but\s+)?unanimous|have\s+(?:long\s+)?(?:agreed|accepted|trusted|recommended|endorsed|recogni[sz]ed)"
              r"|are\s+in\s+(?:full\s+)?agreement|have\s+(?:long\s+known|known\s+(?:about\s+(?:this|it)\s+)?for\s+(?:years|decades)))")
"""After a page's authorities: what they are said to hold, with where they are ("Doctors around the
world agree", "Psychiatrists across the country now see TMS as", "Optometrists have long agreed",
"Neuroscientists have known for years"); not a limited role ("experts see the test mainly as a way
to reach…")."""

ESTABLISHMENT = words(
    _PROFESSIONALS + r" (?:all |who (?:[\w'’-]+ ){1,8}?)?(?:agree|recommend)", _AUTHORITIES + r"\s+" + _CONSENSUS,
    r"(?:(?:a\s+)?(?:growing|large|strong|solid|substantial)\s+)?body\s+of\s+(?:[\w-]+\s+)?(?:evidence|research)\s+(?:now\s+)?(?:shows|proves|confirms|supports|backs)",
    r"(?:research|evidence|science|studies|data)\s+(?:from|by|at)\s+(?!(?:this|that|these|the|our|their|its)\s+(?:[\w-]+\s+)?(?:study|studies|trials?|research|analys[ie]s)\b)"
    r"(?:[\w'’&.-]+\s+){1,6}?(?<!to\s)(?:shows?|proves?|confirms?|backs?|supports?)\b",
    r"(?:science|research|evidence) says",
    r"(?:studies|research|trials|data) (?:from|by|at) (?:[\w'’&.-]+ ){1,8}?ha(?:s|ve) (?:shown|proven|proved|confirmed|demonstrated)",
    r"(?:studies|research|science|trials|evidence|data|experts|doctors|physicians|clinicians|scientists) (?:ha(?:s|ve) )?(?:(?:now|also|often|widely|repeatedly|consistently|already) ){0,2}(?:shows?|shown|showed|prove|proves|proven|proved|confirm(?:s|ed)?|demonstrate[sd]?|suggest(?:s|ed)?|agree|recommend|say|backs?"
    r"|(?:find|found)(?! (?:would|wouldn't|will|won't|can|could|may|might|should|is|are|was|were|do|does|did)\b))",
    r"(?:clinically|scientifically|medically|research|science)[- ](?:proven|tested|validated|backed|shown|supported)",
    r"proven (?:to|results|formula|treatment|effective|safe)", r"proven (?:in|by) (?:[\w-]+ ){0,2}(?:studies|trials|research|tests)", r"results (?:confirm|prove)",
    r"backed by (?:(?:(?:more than|over|nearly|almost) )?(?:decades|years|\d+ years) of (?:[\w-]+ )?(?:research|science|studies|trials|testing)|(?:modern |the latest |cutting[- ]edge |hard |real |solid )?(?:science|research|studies)|clinical|(?:leading |top )?(?:experts|doctors|physicians|scientists|dermatologists))",
    r"(?:ha(?:s|ve)|had) been (?:clinically |scientifically |repeatedly )?(?:shown|proven|demonstrated) to",
    r"trusted by (?:[\w-]+ ){0,2}" + _PROFESSIONALS,
    r"(?:dermatologist|doctor|physician|pharmacist|clinician)[- ](?:approved|tested|recommended|trusted|endorsed)",
    r"(?:leading|top|renowned|world[- ]class) (?:[\w-]+ ){0,2}?(?:doctors|physicians|dermatologists|experts|specialists|surgeons)",
    r"(?:the )?research (?:is clear|proves|shows)", r"(?:the )?(?:science|evidence|research|data)(?: (?:behind|on|for)(?: [\w-]+){1,3}?)? (?:is|are) (?:now |honestly |really |simply )?(?:settled|clear|unequivocal|overwhelming|beyond (?:doubt|dispute))",
    r"science has (?:settled|spoken|proven|decided)",
    r"every (?:doctor|neurologist|dermatologist|cardiologist|surgeon|dentist|specialist|expert|GP|physician|psychiatrist|urologist) (?:now )?(?:agrees|recommends|knows)",
    r"neuroscience (?:now )?(?:shows|proves|confirms)", r"evidence[- ]based", r"doctor[- ]recommended", r"recommended by (?:(?:thousands of|hundreds of|many|most|leading|top|plastic|cosmetic|\d+ (?:out )?of \d+) )?(?:[\w-]+ )?" + _PROFESSIONALS,
    r"number one (?:doctor|physician)",
    r"(?:study|trial) after (?:study|trial) (?:has |have )?(?:shown|shows?|confirm\w*|found|finds|prov\w+|demonstrat\w+|back\w*|support\w*)",
    r"(?:shown|proven|proved|confirmed|demonstrated) in (?:study|trial) after (?:study|trial)", r"(?:decades|years) of (?:[\w-]+ )?(?:research|science|neuroscience|studies|evidence) (?:back|backs|support|supports|prove|proves)",
    r"(?:decades|years) of (?:[\w-]+ )?(?:research|science|studies) (?:[\w'’-]+ ){0,6}?stands? behind",
    r"the (?:scientific|medical|research|clinical|dental|surgical|[\w-]+(?:ology|iatry|iatric)) community (?:has |have )?(?:now )?(?:embraced|accepted|agrees|recogni[sz]es|endorsed|backs)",
    r"the (?:whole |entire )?field (?:now |has now )?(?:agrees|accepts|recogni[sz]es|has (?:embraced|accepted|agreed))",
    r"(?:the )?(?:research|science|evidence) is (?:firmly |squarely |solidly |fully |now |all )?(?:behind (?:it|us|them|this)|on (?:its|our|their) side)",
    r"(?:the )?(?:evidence|research|data|studies) (?:keeps?|continues? to) (?:pil(?:e|es|ing) up|mount(?:ing)?|stack(?:ing)? up|roll(?:ing)? in)",
    r"research (?:has )?made (?:one thing |it )?(?:very |abundantly |perfectly )?clear", r"grounded in (?:[\w-]+ )?(?:science|research|evidence)",
    r"the (?:research|science|evidence|verdict) is in\b",
    r"numerous studies", r"many studies", r"countless studies", r"studies (?:have )?(?:consistently )?(?:show|shown|found)",
    r"(?:backed|supported|confirmed|validated|proven) by (?:thousands|hundreds|dozens|\d[\d,]*) of (?:[\w-]+ )?(?:studies|trials|papers)",
    r"(?:thousands|hundreds|dozens|(?:over|more than) \d[\d,]*|\d{1,3}(?:,\d{3})+) (?:of )?(?:published |peer-reviewed |clinical |scientific )?"
    r"(?:studies|papers|trials) (?:point|show|prove|confirm|support|back|link)",
    r"(?:confirmed|supported|validated) by (?:modern |recent |new |the latest )?(?:research|science|studies)", r"(?:research|science) is (?:finally )?catching up",
    _AUTHORITIES + r" (?:everywhere|worldwide|around the (?:world|globe)|across the (?:country|world)) (?:are )?(?:now |quietly |increasingly |already )?"
    r"(?:telling|advising|urging|adopting|prescribing|switching|turning|calling|hailing)\b",
    _AUTHORITIES + r" ha(?:ve|s) known (?:this |it |that )?for (?:centuries|decades|generations)",
)
"""Phrases that promise evidence ("studies show", "clinically proven")."""

# -- evidence ---------------------------------------------------------------------------------------

EVIDENCE_URL = ScannedPattern(
    r"\b(?:doi\.org|dx\.doi|pubmed|ncbi\.nlm\.nih\.gov|pmc|clinicaltrials\.gov|isrctn|who\.int/trialsearch|cochranelibrary|"
    r"nejm\.org|thelancet\.com|jamanetwork|bmj\.com|nature\.com|sciencedirect|springer|wiley|academic\.oup|journals\.|"
    r"plos|frontiersin|mdpi|cell\.com|annals\.org|ahajournals|europepmc|medrxiv|biorxiv|fda\.gov|ema\.europa|nice\.org\.uk)",
    re.I,
)

CITATION = ScannedPattern(
    r"\b10\.\d{4,9}/\S+"                                   # DOI
    r"|\bPMID:?\s*\d{5,9}|\bPMCID?:?\s*PMC\d+"              # PubMed ids
    r"|\bNCT\d{8}\b|\bISRCTN\d+|\bEudraCT\b"                # trial registries
    r"|\([A-Z][\w'.&-]+(?: [A-Z][\w'.&-]+){0,5}(?: and [A-Z][\w'-]+| et al\.?)?,? (?:19|20)\d{2}[a-z]?\)"  # (Smith et al., 2019), (Lancet Diabetes Endocrinol, 2018)
    r"|[A-Z][\w'-]+ et al\.?,? \(?(?:19|20)\d{2}|\([A-Z][\w'-]+ et al\.?\)|[A-Z][\w'-]+ et al\.?, (?:[A-Z][\w.&-]*\s?){1,6},? (?:19|20)\d{2}"              # Smith et al. 2019, (Smith et al.)
    r"|\([A-Z][\w'.&-]+(?: [A-Z][\w'.&-]+){0,5}, [\"“][^\"“”()]{3,200}[\"”],? (?:19|20)\d{2}\)"  # (CDC, "HPV Vaccination Is Safe", 2024)
    r"|\b(?:19|20)\d{2} (?:review|study|trial|meta-analysis|analysis|paper) (?:by|from|in|published in) (?:the )?[A-Z][\w'-]+"  # a 2006 review in Clinical…
    r"|\b(?:published|reported|appear(?:s|ed)) (?:online )?(?:today |this week |this month )?in (?:the )?(?:journal )?[A-Z][\w&'-]+"
    r"|\bin the (?:medical |scientific )?journals? [A-Z][\w&'-]+"
    r"|\bin (?:[Tt]he )?(?:New England Journal of Medicine|NEJM|Lancet(?: [A-Z]\w+)?|JAMA(?: [A-Z]\w+)?|BMJ|British Medical Journal|"
    r"Annals of [A-Z]\w+(?: [A-Z]\w+){0,3}|Journal of (?:the )?[A-Z]\w+(?: [A-Z]\w+){0,4}|(?:[A-Z]\w+ ){1,4}Journal\b)"
    r"|\b(?:The )?(?:Lancet|New England Journal|NEJM|JAMA|BMJ|Nature|Science|Cochrane|Annals of|Journal of|Circulation|Diabetes Care|Pediatrics|Neurology|Cancer)\b[^.;]{0,60}?(?:19|20)\d{2}"
    r"|\b[Aa] Cochrane (?:systematic )?review\b"             # a Cochrane review: one per question
    r"|\b[A-Z][A-Z0-9-]{2,}(?:-\d+)? (?:trial|study)\b"    # SURPASS-2 trial, STEP study
    r"|\b(?:NICE|USPSTF|SIGN) (?:guidance|guidelines?|recommends|recommendations?)\b|\bNICE (?:guideline )?(?:CG|NG|TA)\d+"  # a named guideline
    r"|\bhead[- ]to[- ]head\b"
    r"|\b(?:poster|abstract|paper|study|article|presentation|report)s?,?\s+(?:titled|entitled)\s+[\"“]",  # a poster titled "…"
)
"""Identifiable evidence: DOIs, PubMed/registry ids, author-year, journal names, named trials.
(Footnote markers count only with a reference list: see ``evidence``.)"""

QUANTIFIED = ScannedPattern(
    r"\b(?:RR|OR|HR|aOR|aHR|NNT|NNH)\s*[=:]?\s*\d|\b\d+(?:[.,]\d+)?\s?(?:%|percent|per ?cent)|\b\d[\d,]*\s+(?:patients|participants|people|adults|children|women|men|subjects|volunteers)"
    r"|\b(?:n\s?=\s?\d+)|\b(?:odds|hazard|risk) ratio|\b(?:95\s?%\s?(?:CI|confidence))|\bp\s?[<=]\s?0?\.\d+"
    r"|\b(?:compared (?:with|to)|versus|vs\.?) (?:a |the )?(?:[\d.]+ \w+ (?:for|with|on|in) (?:the )?)?(?:placebo|control|those (?:who|on|taking))"
    r"|\b\d+(?:\.\d+)? (?:versus|vs\.?|compared with) \d+(?:\.\d+)?\b"
    r"|\bfrom \d+\.\d+ to \d+\.\d+\b"
    r"|\b(?:about|around|roughly|nearly|almost|approximately) (?:one|two|three|four|five|\d+) in (?:every )?(?:\d+|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|a hundred|a thousand)\b(?! (?:days|weeks|months|years)\b)"
    r"|\b(?:randomi[sz]ed|randomly (?:assigned|allocated)|double[- ]blind|placebo[- ]controlled|meta-analysis|systematic review|cohort|controlled trial)\b",
    re.I,
)
"""Quantified results: numbers with units of outcome, sample sizes, comparators, study designs."""

# -- risks -------------------------------------------------------------------------------------------

ADVERSE_EFFECT = words(
    r"nausea", r"vomiting", r"diarrh(?:o)?ea", r"constipation",
    r"headaches?", r"dizziness", r"drowsiness", r"insomnia", r"sleep problems", r"fatigue", r"sweating", r"rash(?:es)?", r"itching",
    r"bleeding", r"bruising", r"infections?", r"fever", r"pain at the injection site", r"injection[- ]site reactions?",
    r"weight gain", r"hair loss", r"dry mouth", r"blurred vision", r"double vision", r"dry eyes?", r"glare", r"halos", r"starbursts", r"muscle (?:pain|aches?|weakness)", r"myalgia",
    r"liver (?:damage|injury|problems|toxicity|enzymes)", r"kidney (?:damage|injury|problems)", r"pancreatitis", r"gallstones?",
    r"seizures?", r"stroke", r"heart attack", r"arrhythmias?", r"low blood (?:sugar|pressure)", r"hypoglyc(?:a)?emia", r"hypotension",
    r"respiratory depression", r"breathing problems", r"slowed breathing", r"overdose", r"death", r"fatal", r"allergic reactions?",
    r"anaphylaxis", r"swelling", r"withdrawal(?: symptoms)?", r"precipitated withdrawal",
    r"dependence", r"addiction", r"abuse", r"misuse", r"tolerance", r"suicidal (?:thoughts|behaviou?r)", r"mood changes", r"depression",
    r"anxiety", r"confusion", r"memory (?:loss|problems)", r"sexual (?:dysfunction|side effects)", r"thyroid (?:tumou?rs|cancer)",
    r"birth defects", r"miscarriage", r"osteoporosis", r"fractures?", r"tendon (?:rupture|damage)", r"serotonin syndrome",
    r"rhabdomyolysis", r"diabetes risk", r"infertility", r"scarring", r"nerve damage", r"recurrence", r"relapse",
    r"cancers?", r"radiation(?: exposure)?", r"itch(?:ing|iness)", r"redness", r"irritation", r"soreness", r"ear fullness", r"discomfort", r"cramp(?:s|ing)",
    r"bloating", r"injur(?:y|ies)", r"dislocation", r"numbness", r"tingling", r"hot flashes", r"acne", r"blood clots?", r"ulcers?",
    r"perforation", r"incontinence", r"impotence", r"erectile dysfunction", r"pneumonia", r"sepsis", r"hospitali[sz]ation", r"readmissions?",
    r"false[- ]positives?", r"false[- ]negatives?", r"over-?diagnosis", r"over-?treatment", r"unnecessary (?:biopsies|procedures|treatment|surgery|tests)",
    r"infusion reactions?", r"immune reactions?", r"inflammation", r"pain", r"vision (?:loss|problems)", r"hearing loss", r"dementia",
    r"(?:hepat|col|esophag|oesophag|pneumon|gastr|dermat|nephr|myocard|pericard|vascul|mening|mucos|stomat|cyst|conjunctiv|uve|encephal|tendin|bronch|sinus|pancreat|proct|thyroid|myos)itis",
    r"arrhythmias?", r"toxic", r"debilitating", r"wound (?:infections?|openings?|problems|complications)",
    r"(?:skin|nerve|tissue|organ) (?:damage|injur(?:y|ies)|reactions?)", r"hemorrhages?", r"haemorrhages?", r"thrombosis", r"embolism",
    r"dryness", r"peeling", r"flaking", r"(?:sun|light)[- ]sensitivity", r"photosensitivity", r"sunburns?",
    r"burning sensations?", r"blister(?:s|ing)", r"dizzy", r"nause(?:ated|ous)", r"drowsy", r"light[- ]?headed(?:ness)?",
    r"dissociation", r"botulism", r"swollen", r"tender(?:ness)?", r"(?:tooth|teeth|temporary|dental) sensitivity", r"sensitivity to (?:hot|cold|heat|light|sun)",
    r"tiredness", r"more tired", r"itchy (?:mouth|throat|ears)", r"skin staining", r"DVT", r"(?:reduced|loss of|decreased|poor) appetite", r"trouble sleeping", r"(?:faster|fast|rapid|racing) heart ?(?:rate|beat)",
    r"palpitations", r"damag(?:e|es|ing) (?:the |your )?(?:kidneys?|liver|heart|nerves?)", r"weaken(?:s|ing)? (?:the |your )?bones",
    r"too much calcium", r"(?:raised|high) calcium(?: levels)?", r"hypercalc(?:a)?emia", r"(?:raised|high|higher|increased) red blood cell counts?", r"(?:raise|raises|increase|increases) (?:your )?red blood cell counts?",
    r"(?:reduced|lower|low) sperm (?:counts?|production)", r"(?:reduce|reduces|lower|lowers) (?:your )?sperm (?:counts?|production)", r"polycyth(?:a)?emia", r"(?:raised|high|increased) blood pressure", r"blood pressure (?:may |can |might )?(?:rise|rises|increase|increases|spike|spikes)",
)

VAGUE_RISK = ScannedPattern(
    r"\b(?:as with (?:all|any) (?:medicines?|medications?|treatments?|drugs?|procedures?)[^.]{0,40}(?:risks?|side effects?)"
    r"|(?:side effects|risks) (?:may|can) occur|there (?:may|can) be (?:some )?(?:risks?|side effects)"
    r"|(?:risks|side effects) (?:are|were) (?:rare|minimal|mild|few)|(?:risks and uncertainties|forward-looking))",
    re.I,
)
"""Disclosure in name only: it names risk without saying what it is."""

RISK_HEADING = words(
    r"risks?", r"side[- ]effects?", r"safety(?: information)?", r"important safety information", r"warnings?",
    r"precautions?", r"who should not", r"contraindications?", r"adverse", r"harms?", r"what are the (?:risks|downsides)",
)

# -- comparisons ---------------------------------------------------------------------------------------

_TREATMENT_FORMS = (
    r"(?:pills?|tablets?|capsules?|injections?|shots?|jabs?|needles?|infusions?|inhalers?|medications?|medicines?|meds|drugs?|"
    r"prescriptions?|antidepressants|painkillers|treatments?|therap(?:y|ies)|regimens?|creams?|ointments?|gels?|sprays?|patches)"
)
"""Words for a treatment as a burden to leave behind ("say goodbye to daily pills")."""

TREATMENT_FORM = words(_TREATMENT_FORMS)

COMPARATIVE = ScannedPattern(
    r"(?<![\w-])(?:"
    r"(?P<unlike>unlike)"
    r"|(?P<than>(?:(?:much|far|significantly|twice|three times|\d+(?:\.\d+)? ?(?:x|times))\s+)?(?:more|less|fewer|better|faster|quicker|sooner|slower|safer|stronger|"
    r"weaker|cheaper|gentler|milder|easier|harder|tougher|longer|shorter|greater|higher|lower|superior|inferior|worse|riskier|harsher|costlier|pricier|"
    r"healthier|smoother|simpler|kinder|clearer|sharper|steadier|smarter|lighter|calmer|firmer|thicker),?(?:\s+[\w'-]+){0,7}?\s+than)"
    r"|(?P<compared>compared (?:with|to)|in comparison (?:with|to)|relative to|versus|vs\.?)"
    r"|(?P<superior>superior to|inferior to|outperform(?:s|ed|ing)?|beats?|as (?:\w+ly|effective|good|safe|fast|quick|strong|powerful|cheap|potent|reliable|accurate|precise) as|"
    r"(?:just|every bit|equally|at least|nearly|almost|about|works?|worked|performs?|performed) as well as|"
    r"(?:results|outcomes|effects) (?:that )?rivals?|(?:surgical|prescription|injection|clinic|clinical|professional|hospital|medical|dermatologist)[- ](?:level|grade|strength|quality) (?:results|clearance|relief|protection)|the same results as|"
    r"(?:twice|half|three times|one-\w+|a fraction) as (?:[\w-]+ ){0,6}?as|(?:double|triple|twice|half|(?:a |one-)(?:fraction|third|quarter|tenth|half) of) the (?:\w+ ){0,3}of|a fraction of (?:what|the)|"
    r"(?:leap|step|upgrade|improvement|advance) (?:beyond|over|on)|(?:a )?(?:clear |big |huge )?step up from|(?:nothing|no other (?:\w+ ){0,3})(?:can|could|will|does|comes?)? ?(?:match|compare|beat|come close|compares)|"
    r"no other (?:[\w-]+ ){0,2}" + _TREATMENT_FORMS + r" (?:[\w-]+ ){1,4}?like|(?:leaves?|leaving) (?:[\w'-]+ ){0,5}?in the dust|"
    r"(?:is |are )?(?:a cut above|head and shoulders above|in a (?:league|class) of (?:its|their) own|second to none)|"
    r"runs? (?:rings|circles) around|outshines?|outclass(?:es)?|blows? (?:\w+ ){0,3}out of the water|"
    r"(?:does|do) everything (?:[\w'’-]+ ){1,3}?(?:does|do|can)|(?:does|do|did|can do) the (?:same )?job of|(?:does|do|did) the same job|(?:a fraction|half|a third|a quarter) of the (?:price|cost) of|(?:does|do) what (?:a |an |the |your )?(?:[\w-]+ ){1,3}?(?:does|do|can)|"
    r"(?:choice|option|pick|bet) over)"
    r"|(?P<outclassed>(?:can|could) only dream of|(?:simply |just )?(?:can(?:not|'t|’t)|could(?:n't|n’t| not)) (?:match|compete with|come close to|keep up with|beat|touch))"
    r"|(?P<outdone>(?:what |in a way (?:that )?)(?:[\w'’-]+ ){1,5}?(?:cannot|can(?:'|’)t|never can|can never|could never|never could)(?=\s*(?:[.,;:!]|$)))"
    r"|(?P<alternative>(?:a |an )?(?:safer|better|gentle|gentler|smarter|simpler|kinder|faster|easier|less invasive|natural|all-natural|non-addictive|cheaper|plant-powered|plant-based|herbal|drug-free|"
    r"non-drug|non-surgical|non-invasive|needle-free) alternative to|"
    r"without the (?:[\w-]+ ){0,3}(?:side effects?|risks?|downsides|dangers|problems|hassle|worries|cost|crash(?:es)?|jitters) "
    r"(?:of|that comes? with|(?:that (?:are|is) )?(?:so |all too )?(?:common|typical|usual|seen|associated) (?:with|in|on))|"
    r"without the (?:[\w-]+,? (?:and |or )?){1,6}?(?:linked to|caused by|associated with|seen with|common with|that comes? with)|"
    r"the (?:[\w-]+ ){0,2}?(?:focus|benefits?|results?|upside|perks|power|effects?|relief|weight loss|energy|calm|clarity|boost|protection) of "
    r"(?:[\w'’-]+ ){0,2}?[\w'’-]+,? (?:without (?:the|any|all the)|none of the)|"
    r"that comes? with|instead of|rather than (?:reaching for|taking|using|relying on|resorting to)|(?:leave|put) (?:the |your )?(?:[\w-]+ ){0,3}(?:of \w+ )?behind|with none of the (?:[\w-]+ ){0,2}(?:nasties|downsides|drawbacks|side effects|risks))"
    r"|(?P<fail>(?:where (?:(?:other|traditional|conventional|older|standard|previous) (?:[\w-]+ ){0,3}|(?:[\w-]+ ){0,2}" + _TREATMENT_FORMS + r" )"
    r"|(?:every|all|any) other (?:[\w-]+ ){0,3}(?:has |have |had )?"
    r"|(?:pills?|tablets?|creams?|antibiotics|drugs|medications?|medicines?|aids|dewormers|inhalers|sprays|steroids|painkillers|injections|insulin|"
    r"metformin|statins|braces|glasses|surgery|diets|supplements|generators|devices|machines|apps|plans) (?:simply |just |merely )?only (?=(?:mask|manage|amplify|suppress|cover up|hide|numb|patch|hit|chase)\b))"
    r"(?:fail|fails|failed|have failed|haven't worked|didn't work|don't work|(?:have |has )?(?:let (?:\w+ )?down|fall short|falls short|fallen short|fell short)"
    r"|(?<=only )(?:mask|manage|amplify|suppress|cover up|hide|numb|patch|hit|chase)))"
    r"|(?P<only>the only (?!other )(?:[\w-]+ ){0,2}(?:treatment|medication|medicine|drug|therapy|option|program|programme|product|solution|pill|injection|aid|remedy|supplement|cure|brand"
    r"|inhaler|device|vaccine|implant|biologic|tablet|capsule|cream|spray|formula))"
    r"|(?P<only_way>the only (?:real |proven |effective |true |reliable )?(?:way|method) to (?:get|see|achieve|reach) (?:[\w-]+ ){0,2}?(?:results|relief|benefits?))"
    r"|(?P<superlative>the (?:most|least) (?:effective|powerful|potent|advanced|addictive|affordable|convenient)|the (?:fastest|quickest|safest|strongest|best|cheapest|easiest|gentlest)(?:[- ]acting)?|the best[- ]in[- ]class"
    r"|the (?:most|least) [\w-]+ (?:[\w-]+ ){0,2}?of any (?:other )?(?:[\w-]+ ){0,2}?" + _TREATMENT_FORMS + r")"
    r"|(?P<settle>why (?:settle for|wait|pay|risk|suffer|put up with|accept (?:the )?(?:risks?|side effects|downtime|scars?) of|stick with|keep taking|bother with|book|undergo|go through|"
    r"spend (?:years|months|money) (?:on|cycling through|taking|trying|rubbing|using|applying|paying for)|spend (?:\w+ )?on|keep (?:paying for|taking|using|injecting|buying))|(?:still|tired of) (?:taking|swallowing|using|paying|injecting)|"
    r"(?:don't|do not|no need to|never again) (?:put up with|put your body through|suffer|settle for|endure)|ditch(?:ing)? (?:the |your )?"
    r"|why (?:reach for|mask|let (?:a |your )?(?:surgeon|doctor|dentist)|swallow|rely on|turn to|go under the knife)(?=[^.?!;]{0,100}\bwhen\b)"
    r")|(?P<burden>say (?:goodbye|farewell) to|forget (?:about )?the (?:hassle|bother|inconvenience|worry|pain) of|stop wasting (?:\w+ ){0,2}on|skip(?:ping)? (?:the|your|those)(?= (?:[\w-]+ ){0,2}?" + _TREATMENT_FORMS + r"\b))"
    r"|(?P<switch>(?:switch|move|upgrade|change) to (?:a |an )?(?:safer|gentler|better|milder|kinder|cheaper|faster|natural|more natural|non-addictive) "
    r"(?:option|alternative|choice|treatment|medication|remedy|solution))"
    r")(?![\w-])",
    re.I,
)

PREFERENCE = ScannedPattern(r"\b(?P<prefer>prefer(?:s|red|ring)?|choos(?:e|es|ing)|chose|pick(?:s|ed)?)\b", re.I)
"""A preference verb: a comparison when a treatment follows it and another comes after "over" or
"to" ("patients prefer Sublocade over Suboxone"). Alone it frames nothing, so unlike the
constructions above it does not stop the scorer from reading the sentence."""

CONTRAST = ScannedPattern(
    r"\b(?P<contrast>(?:while|whereas|where) (?:[\w'-]+ ){1,5}?(?:can |may |often |usually |typically )?"
    r"(?:takes?|need|needs|require|requires|cost|costs|carry|carries|cause|causes|leave|leaves))\b",
    re.I,
)
"""A contrast clause that sets the other side's burden against the treatment's: "X works from
the first day, while PPIs can take several days", "Where SSRIs can take weeks, our members feel
lighter after one session". Counted after a comma, or opening the sentence before one ("where"
only there: after a comma it is a place, "in clinics, where doctors take blood")."""

TREATMENT_WORD = words(
    r"treatments?", r"therap(?:y|ies)", r"programs?", r"programmes?", r"medications?", r"medicines?", r"drugs?", r"pills?",
    r"tablets?", r"injections?", r"shots?", r"procedures?", r"surgery", r"supplements?", r"remed(?:y|ies)", r"cures?",
    r"vaccines?", r"doses?", r"prescriptions?", r"clinics?", r"rehab", r"detox", r"formula", r"products?", r"devices?",
    r"physio(?:therapy)?", r"physical therapy", r"operations?", r"braces?", r"surgeons?",
)
"""Any word for a treatment: a rhetorical "Why wait months for physio when…?" compares only when
its sentence names one outside the cue."""

TREATMENT_NOUN = words(
    r"(?:[\w'’-]+ ){0,2}(?:treatments?|therapies|therapy|medications?|medicines?|drugs?|pills?|tablets?|injections?|shots?|painkillers?|"
    r"hypnotics|stimulants|sleep aids?|sedatives|antidepressants|blockers|inhibitors|agonists|biologics|remedies|products|brands|class(?:es)?|"
    r"creams?|ointments?|gels?|sprays?|inhalers?|braces|dentures|appliances?|syrups?|powders|lasers)",
)
"""Generic treatment nouns ("weight-loss injections", "older obesity drugs") for the other side of a comparison."""

OTHER_TREATMENTS = words(
    r"(?:other|traditional|conventional|standard|older|old-fashioned|existing|typical|regular|leading|competing|prescription|"
    r"current|currently approved|approved|ordinary|usual|alternative|first[- ]generation|daily|generic|oral|common|popular|mainstream|synthetic|cheap|over-the-counter|"
    r"brand[- ]name)\s+(?:[\w'’-]+\s+){0,2}"
    r"(?:treatments?|therapies|therapy|medications?|medicines?|drugs?|options?|pills?|pens|products?|brands?|remedies|programs?|approaches|methods|solutions|injections|"
    r"painkillers|hormones|devices|supplements|formulas|pre-workouts|procedures?|surgery|surgeries|operations?|laparoscopy|meters|monitors|syrups|powders|"
    r"anti[\w-]+(?:ics|ants|als|ines|ives|ories))",
    r"competitors?", r"the competition", r"anything else", r"any other (?:[\w-]+ ){0,2}(?:treatment|drug|medication|medicine|option|product|inhaler|pill|injection|shot|cream|supplement|formula|pre-workout)",
    r"any other (?:[\w-]+ )?(?:procedure|surgery|device|panel|app|brand|clinic|provider|practice|centre|center|surgeon|appliance|pumps?|"
    r"hearing aids?|aligners?|braces?|lenses|wearables?|trackers?|lasers?)",
    r"any (?:other )?(?:[\w'’-]+ )?(?:supplement|pill|cream|drug|medication|vitamin|oil|serum|brace|spray|probiotic|tea|shake|capsule|tablet|patch|powder|shampoo)s?\b",
    r"any (?:other )?(?:[\w'’-]+ )?gumm(?:y|ies)\b",
    r"(?:surgical |traditional |conventional )(?:open )?(?:[\w-]+ )?(?:ligation|ablation|repair|removal|stripping|surgery|revision|operation|[\w-]+(?:ectomy|otomy|plasty|pexy))",
    r"any other system", r"any (?:[\w-]+ ){0,2}(?:meters?|monitors?|sensors?)", r"every (?:other |major |leading )?(?:brand|product|device|competitor|clinic|foam|shampoo|cream|pill|diet(?: plan)?|supplement|treatment|drug|spray)",
    r"other (?:[\w-]+ ){0,2}(?:clinics|providers|practices|centres|centers|surgeons)",
    r"pills", r"standard of care", r"usual care", r"fad diets", r"slimming clubs", r"drinking (?:water|fluids)",
    r"(?:the |your |a )(?:[\w-]+ )?(?:fingerstick|finger-prick|finger prick|glucose|blood sugar|blood glucose) (?:meters?|monitors?|tests?)",
    r"the (?:[\w-]+ ){1,3}(?:already|currently) on the market",
    r"anything (?:you['’]ll |you can |you could )?(?:find|buy|get) (?:on (?:a |the )?pharmacy shel(?:f|ves)|over the counter|at (?:a |the |your )?(?:pharmacy|chemist|drugstore))",
    r"anything (?:else )?on (?:a |the )?(?:pharmacy|chemist|drugstore|supermarket|store|shop) shel(?:f|ves)",
)

OTHER_PROVIDER = words(
    r"(?:an?|any|most|many|other|high[- ]street|local|big|chain) (?:[\w'’-]+ ){0,2}(?:clinics?|hospitals?|surgeons?|dentists?|"
    r"providers?|cent(?:re|er)s?|spas?|salons?)",
)
"""Another place or provider of care as what a comparison's "than" names ("than at a London clinic
charging four times the price")."""

BASELINE_COMPARATOR = words(
    r"placebo", r"sugar pills?", r"dumm(?:y|ies)", r"sham", r"no (?:treatment|medication|therapy)", r"untreated", r"control(?: group)?s?",
    r"baseline", r"(?:before|prior to)(?: treatment| starting| they started)?", r"last (?:year|month|week)", r"ever", r"previous(?:ly)?",
    r"(?:it|they|he|she|I) (?:was|were|did|had been)", r"at the (?:start|beginning|end)", r"a year ago",
    r"the past", r"expected", r"intended", r"later", r"earlier", r"(?:was|were) (?:seen|found|reported|observed)", r"early on", r"at first", r"over time", r"usual", r"normal", r"average", r"(?:younger|older) (?:adults|people|patients)",
    r"(?:men|women|children|adults)", r"people who (?:did not|didn't)", r"those who (?:did not|didn't)", r"nothing",
)
DOSE = ScannedPattern(r"\b\d+(?:\.\d+)?\s?(?:mg|mcg|µg|g|ml|units?|iu)\b|\b(?:higher|lower|standard|full|half|double) dose|\bdoses?\b", re.I)

DIMENSION = {
    "speed": words(r"faster", r"quicker", r"sooner", r"immediate(?:ly)?", r"instant(?:ly)?", r"rapid(?:ly)?", r"quick(?:ly)?",
                   r"fast(?:[- ]acting)?", r"within (?:minutes|hours|days)",
                   r"in (?:as little as |just |only )?(?:a|one|two|three|four|five|\d+) (?:minutes?|hours?|days?|weeks?)", r"right away", r"starts? working", r"kicks? in", r"onset",
                   r"speed", r"takes? (?:\w+ )?(?:weeks|days|months|a week|a month)", r"sooner", r"slower", r"takes? longer", r"longer to", r"(?:from )?the (?:very )?first day"),
    "safety": words(r"safer", r"safe(?:ly|st|ty)?", r"side[- ]effects?", r"addictive", r"addiction", r"habit[- ]forming", r"withdrawal",
                    r"risk\w*", r"gentler", r"milder", r"tolerat\w+", r"harm(?:s|ful|less)?", r"dangerous", r"toxic", r"overdose",
                    r"jittery", r"crash", r"dependen\w+", r"interactions", r"drowsy", r"sedat\w+", r"kidneys?", r"liver", r"stomach",
                    r"groggy", r"hooked", r"hangover", r"misused?", r"abuse", r"harsh\w*", r"caus(?:e|es|ing)", r"worries", r"easier on",
                    r"complications?", r"adverse", r"hard(?:er)? on", r"kinder"),
    "cost": words(r"cheaper", r"pric(?:ey|ier)", r"costlier", r"cost(?:s|ly)?", r"price[ds]?", r"afford\w*", r"expensive", r"sav(?:e|es|ing) (?:\w+ ){0,3}(?:money|dollars|\$)", r"\$\d+", r"insurance", r"copay", r"per dollar", r"dollars?"),
    "convenience": words(r"convenient", r"convenience", r"easier", r"once[- ](?:a[- ])?(?:daily|weekly|monthly|a week|a month)",
                         r"daily pills?", r"injections?", r"swallowing", r"fewer (?:doses|pills|visits)", r"simpler", r"hassle",
                         r"requir(?:e|es|ing)", r"blood tests", r"monitoring", r"user-friendly", r"schedule", r"mixing", r"pens?"),
    "efficacy": words(r"better", r"more effective", r"effective(?:ness)?", r"efficacy", r"stronger", r"powerful", r"potent", r"superior",
                      r"outperform\w*", r"works?", r"worked", r"results", r"success", r"relief", r"weight loss", r"lose", r"reduc\w+",
                      r"lower\w*", r"improv\w+", r"control", r"cravings", r"fail(?:s|ed)?", r"beats?", r"best", r"advanced", r"cure\w*",
                      r"lasting", r"change", r"symptoms", r"ease", r"results", r"reach", r"weaker", r"less effective", r"clear(?:s|ed|ing)?", r"complete(?:ly)?", r"power",
                      r"more (?:usable )?energy", r"stamina", r"endurance", r"strength", r"performance", r"accura(?:te|cy)", r"precis(?:e|ion)"),
}

HEAD_TO_HEAD_DISQUALIFIER = words(r"placebo[- ]controlled", r"separate (?:trials|studies)", r"cross[- ]trial", r"across trials", r"indirect comparison")

PAIRING_VERDICT = words(
    # the other side deprecated
    r"outdated", r"old-school", r"old-fashioned", r"yesterday['’]s (?:news|\w+)", r"obsolete", r"first-wave", r"behind the times",
    r"(?:the )?next[- ]generation", r"(?:leaves?|leaving) (?:[\w'’-]+ ){1,6}?(?:behind|in the past)",
    # the other side failing where the treatment works
    r"got nowhere", r"never could", r"(?:only|just) (?:masks?|hides?|numbs?|covers? up)", r"falls? short", r"fell short",
    r"what (?:[\w'’-]+ ){1,4}?(?:can['’]t|cannot|couldn['’]t|could not|never could|promised)", r"nothing else (?:could|did|has|had|worked|helped)",
    # the verdict
    r"the (?:smarter|obvious|better|wiser|clear) (?:choice|pick|buy|option|bet|way)", r"not even close", r"(?:never|rarely|don['’]t|won['’]t) look back",
    r"the same (?:[\w-]+ ){0,2}(?:results?|relief|effects?|benefits?|calm|protection|job|weight loss) (?:as|without|for)",
    r"works? just like", r"(?:does|do|doing|gets?|gives?) the same (?:[\w-]+ ){0,2}(?:job|thing|work|results?|relief)", r"[\w-]+-level (?:relief|results|protection|power|effects?)", r"for a fraction",
)
"""Promotional framing that sets one treatment against another without a comparative word: the
other side deprecated ("outdated", "yesterday's news") or failing ("only masks", "got nowhere
on", "does what X can't"), or a verdict ("the smarter buy", "not even close", "the same results
as"). Counted only with two different treatments named (see ``comparisons._pairing``)."""

PAIRING_IMPERATIVE = words(
    r"ditch(?:ing)?", r"skip", r"swap", r"trade (?:your|in|the)", r"upgrade", r"forget", r"stop (?:wasting|taking|paying)",
    r"move over", r"no more", r"gone are the days", r"say goodbye", r"don['’]t let", r"time to (?:upgrade|switch|move)",
    r"paying", r"spending",
)
"""A pitch that opens a clause by telling the reader to leave the other treatment: "Ditch the
omeprazole: ...", "Move over, Botox: ...", "No more twice-daily inhalers: ...", "Paying $500 a
month for Xiidra? ..."."""

PAIRING_PITCH = words(
    r"tired of", r"sick of", r"fed up", r"done with", r"wasting", r"pricey", r"overpriced", r"hassle", r"juggl(?:e|es|ed|ing)",
    r"crash(?:es)?", r"fog(?:gy)?", r"grogginess", r"groggy", r"jitter(?:s|y)", r"(?:long )?wait(?:ing)?", r"nothing to remember",
    r"wrecks?", r"ruin(?:s|ed)?", r"kills? your", r"didn['’]t (?:work|help|do (?:a thing|anything|much))", r"can['’]t", r"won['’]t",
    r"older (?:[\w-]+ ){0,2}" + _TREATMENT_FORMS, r"switch(?:ed|es|ing)? (?:from|to|over)", r"mov(?:e|es|ed|ing) (?:from|to|over)",
    r"replaces", r"instead", r"finally", r"took (?:[\w-]+ ){0,3}(?:weeks|months) to", r"the way (?:[\w-]+ ){1,2}does",
)
"""Weaker framing (the other side's burdens, switching, "finally") that counts only in a
publisher's or patient's voice: the sentence says "you", "your", "our", "we" or "my"."""

PROMOTIONAL_VOICE = words(r"you", r"your", r"you['’]re", r"our", r"we", r"us", r"my", r"I", r"me", r"I['’]m", r"I['’]ve")

PAIRING_NEUTRAL = words(
    r"both", r"differ(?:s|ed|ent|ently|ence|ences)?", r"right for (?:me|you)", r"talk (?:to|with)", r"ask (?:your|a)",
    r"(?:your|a|the) (?:doctor|provider|pharmacist|prescriber|psychiatrist|dermatologist|clinician|care team)(?:['’]s)? (?:will|can|may|should|might)",
    r"without (?:your|a) (?:doctor|provider|pharmacist|prescriber|care team)", r"supervised", r"together", r"combined",
    r"combination", r"mix(?:ing|ed)?", r"(?:a|the) choice (?:of|between)", r"options? (?:are|include)", r"interact(?:s|ion|ions|ing)?", r"same (?:drug )?class", r"belong", r"each", r"explained",
    r"what to know", r"questions", r"taper(?:ing)?", r"may", r"might", r"perhaps", r"possibly", r"placebo", r"dummy", r"sham",
    r"sugar pills?", r"active ingredient", r"no more (?:[\w-]+ )?than", r"(?:does|do)(?: not|n['’]t) (?:deliver|replace|dispense|contain)",
)
"""Writing that names two treatments to inform rather than rank them: "both", "how they
differ", "ask your doctor", interactions and combinations, hedges, placebo, bioequivalence."""
