"""Safety advice: rules and their texts, each with its source.

Every text rests on a line of `shared/medical-facts.md`; the source sits next to
the text so that a "why?" can show it. Charley is a diary: it never diagnoses and
never proposes a dose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

EMERGENCY_FLAGS = frozenset({"chest_pain", "breathless"})
CLOT_FLAGS = frozenset({"swelling", "redness", "warmth"})
SOON_FLAGS = frozenset({"numbness", "weakness", "skin_change", "fever"})


@dataclass(frozen=True, slots=True)
class Advice:
    level: str  # "emergency" | "same_day" | "soon" | "caution" | "info"
    text: str
    source: str
    key: str = ""  # set by the registry below; used by the "Why?" button and the weekly limit


EMERGENCY = Advice(
    "emergency",
    "⚠️ Leg pain or swelling with chest pain or sudden breathlessness needs help now: "
    "call emergency services (999 / 911 / 112).",
    "NHS trust DVT leaflet (Gloucestershire): possible pulmonary embolism.",
)
SAME_DAY = Advice(
    "same_day",
    "⚠️ Swelling, warmth or redness in one calf can be a blood clot (DVT). "
    "Please see a doctor or urgent care today. If you also get chest pain or sudden "
    "breathlessness, call emergency services.",
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
    "(bisphosphonates). The official upper limit from supplements is 350 mg a day for "
    "adults; take no more than your label says.",
    "Cochrane 2020; NIH ODS magnesium fact sheet (upper limit 350 mg/day from supplements).",
)
QUININE = Advice(
    "caution",
    "About quinine: the US regulator (FDA) warns against using it for leg cramps, because "
    "it can cause serious, even life-threatening blood problems. Tonic water is not a "
    "remedy either. If a doctor has prescribed it for you, tell them at once about "
    "unusual bruising, nosebleeds, or blood in urine or stool.",
    "FDA safety communications 2006 and 2010 (boxed warning); medical-facts.md rule 2.",
)
# Patterns over time: each suggests a clinician and says what to bring.
BRING = " Your /report is a page to show them."
MOST_NIGHTS = Advice(
    "soon",
    "You've had cramps on most nights for two weeks. That is worth a visit to your doctor." + BRING,
    "NHS and NICE CKS Leg cramps: see a GP when cramps are frequent or disturb sleep.",
)
GETTING_WORSE = Advice(
    "soon",
    "Your cramps have been getting more frequent or longer week after week. Worth "
    "talking to your doctor." + BRING,
    "NHS Leg cramps; NICE CKS: frequent cramps or cramps that disturb daily life.",
)
LONG_CRAMPS = Advice(
    "soon",
    "You logged a cramp lasting over 10 minutes this week. Worth mentioning to your "
    "doctor, sooner if one will not ease." + BRING,
    "NHS Inform (urgent) and NHS (routine) differ; medical-facts.md: see a doctor soon.",
)
DAYTIME = Advice(
    "soon",
    "Several of your cramps came in the daytime. Cramps that disturb daily life are "
    "worth showing a doctor." + BRING,
    "NHS Leg cramps: see a GP if cramps disturb daily life; AFP 2012 (look-alikes).",
)
BROKEN_SLEEP = Advice(
    "soon",
    "Cramps have woken you several nights in a row. Broken sleep is worth raising with "
    "your doctor." + BRING,
    "Cleveland Clinic (the seed's advice) and NHS: cramps that disturb sleep.",
)
FLUIDS = Advice(
    "info",
    "Drinking enough through the day, and less alcohol and caffeine, may also help.",
    "Mayo Clinic Night leg cramps.",
)
NOT_A_DOCTOR = (
    "I am a diary, not a doctor: I keep your notes and remind you, and I point you to a "
    "professional when something sounds worrying."
)


REGISTRY: dict[str, Advice] = {}
for _name, _value in list(globals().items()):
    if isinstance(_value, Advice):
        object.__setattr__(_value, "key", _name.lower())
        REGISTRY[_name.lower()] = _value


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


# ---- patterns over time (pure) ------------------------------------------------------

DAY_START, DAY_END = 9, 19  # a cramp between these local hours is a daytime cramp


def patterns(cramps: list[tuple[datetime, int, int | None]], now: datetime,
             zone: ZoneInfo) -> list[Advice]:
    """The pattern advice a history calls for: `cramps` are (when, count, duration_s)."""
    from .recap import night_of

    today = night_of(now, zone)
    nights: dict[date, int] = {}
    weeks = [0, 0, 0]
    longest: list[int] = []
    daytime = 0
    week_durations: list[list[int]] = [[], [], []]
    for at, count, duration in cramps:
        night = night_of(at, zone)
        age = (today - night).days
        if not 0 <= age < 21:
            continue
        hour = at.astimezone(zone).hour
        if DAY_START <= hour < DAY_END:
            if age < 7:
                daytime += 1
        else:
            nights[night] = nights.get(night, 0) + count
        weeks[age // 7] += count
        if duration is not None:
            week_durations[age // 7].append(duration)
            if age < 7:
                longest.append(duration)
    found: list[Advice] = []
    recent = [sum(1 for n in nights if 0 <= (today - n).days - 7 * w < 7) for w in (0, 1)]
    if recent[0] >= 4 and recent[1] >= 4:
        found.append(MOST_NIGHTS)
    means = [sum(d) / len(d) if d else 0 for d in week_durations]
    if (weeks[2] < weeks[1] < weeks[0] and weeks[0] >= 3) or (
            all(week_durations) and means[2] < means[1] < means[0]):
        found.append(GETTING_WORSE)
    if any(d > 600 for d in longest):
        found.append(LONG_CRAMPS)
    if daytime >= 2:
        found.append(DAYTIME)
    if any(all(today - timedelta(days=k + i) in nights for i in range(3)) for k in range(5)):
        found.append(BROKEN_SLEEP)
    return found
