"""Safety advice: rules and their texts, each with its source.

Every text rests on a line of `shared/medical-facts.md`; the source sits next to
the text so that a "why?" can show it. Charley is a diary: it never diagnoses and
never proposes a dose.
"""

from __future__ import annotations

from dataclasses import dataclass

EMERGENCY_FLAGS = frozenset({"chest_pain", "breathless"})
CLOT_FLAGS = frozenset({"swelling", "redness", "warmth"})
SOON_FLAGS = frozenset({"numbness", "weakness", "skin_change", "fever"})


@dataclass(frozen=True, slots=True)
class Advice:
    level: str  # "emergency" | "same_day" | "soon" | "info"
    text: str
    source: str


EMERGENCY = Advice(
    "emergency",
    "⚠️ Leg pain or swelling with chest pain or sudden breathlessness needs help now: "
    "call emergency services (999 / 911 / 112).",
    "NHS trust DVT leaflet (Gloucestershire): possible pulmonary embolism.",
)
SAME_DAY = Advice(
    "same_day",
    "⚠️ Swelling, warmth or redness in one calf can be a blood clot (DVT). "
    "Please see a doctor or urgent care today.",
    "NHS trust DVT leaflet (Gloucestershire); NICE CKS Leg cramps lists DVT as a mimic.",
)
SEE_DOCTOR = Advice(
    "soon",
    "Numbness, weakness or skin changes with cramps are worth showing a doctor soon.",
    "NHS Leg cramps; NHS Inform; NICE CKS Leg cramps.",
)
FEVER = Advice(
    "soon",
    "A fever with leg pain is worth a call to your doctor.",
    "medical-facts.md: red flags call for a clinician (parse contract red_flags).",
)
LONG_CRAMP = Advice(
    "soon",
    "A cramp lasting over 10 minutes is worth mentioning to a doctor, sooner if it "
    "will not ease.",
    "NHS Inform (urgent) and NHS (routine) differ; medical-facts.md: see a doctor soon.",
)
EASE_CRAMP = Advice(
    "info",
    "To ease one: stretch the muscle (for the calf, pull your toes up towards your knee), "
    "walk or shake the leg, or try warmth.",
    "NHS Leg cramps; Mayo Clinic Night leg cramps.",
)
K2_BLOOD_THINNER_QUESTION = Advice(
    "info",
    "Before I set a vitamin K2 reminder: do you take a blood thinner, such as warfarin?",
    "medical-facts.md rule 3; NIH ODS vitamin K fact sheet; Theuwissen et al. 2013.",
)
K2_WARFARIN = Advice(
    "caution",
    "Vitamin K changes how warfarin and similar medicines work, even in small amounts. "
    "Please ask your doctor before starting K2. I'll keep this reminder off until you tell "
    "me they agreed.",
    "Theuwissen et al., J Thromb Haemost 2013 (MK-7 10 µg/day shifted INR); NIH ODS vitamin K.",
)
K2_OTHER_ANTICOAGULANT = Advice(
    "caution",
    "Blood thinners like apixaban or rivaroxaban don't work through vitamin K, but please "
    "check with your doctor before starting K2 all the same.",
    "NIH ODS vitamin K fact sheet; medical-facts.md.",
)
K2_EVIDENCE = Advice(
    "info",
    "About K2: one 8-week trial in people over 65 found fewer cramps on K2 than on "
    "placebo. Promising, but it is a single study; your diary will show how it goes for you.",
    "Tan et al., JAMA Intern Med 2024 (PMID 39466236).",
)
MAGNESIUM_CAUTION = Advice(
    "caution",
    "About magnesium: a Cochrane review found it probably makes little difference to cramps "
    "in older adults. If you have kidney disease, ask your doctor first. Keep it a few hours "
    "apart from some antibiotics (tetracyclines, quinolones) and osteoporosis tablets "
    "(bisphosphonates). Take no more than your label says.",
    "Cochrane 2020; NIH ODS magnesium fact sheet (upper limit 350 mg/day from supplements).",
)
NOT_A_DOCTOR = (
    "I am a diary, not a doctor: I keep your notes and remind you, and I point you to a "
    "professional when something sounds worrying."
)


def for_flags(flags: tuple[str, ...] | list[str] | frozenset[str]) -> list[Advice]:
    """The advice a set of red flags calls for, most urgent first."""
    present = set(flags)
    advice: list[Advice] = []
    if present & EMERGENCY_FLAGS:
        advice.append(EMERGENCY)
    if present & CLOT_FLAGS:
        advice.append(SAME_DAY)
    if present & {"numbness", "weakness", "skin_change"}:
        advice.append(SEE_DOCTOR)
    if "fever" in present:
        advice.append(FEVER)
    return advice


def for_cramp(duration_s: int | None, flags: tuple[str, ...]) -> list[Advice]:
    """Advice after a logged cramp: red flags first, then a long cramp."""
    advice = for_flags(flags)
    if duration_s is not None and duration_s > 600:
        advice.append(LONG_CRAMP)
    return advice
