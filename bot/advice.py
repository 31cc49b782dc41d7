"""Safety advice: which rule applies (pure); the words are the catalogue's.

Every text rests on a line of `shared/medical-facts.md`; the texts and their sources
are in the catalogue (`advice.*`, `source.*`), so that a "Why?" can show the source.
Charley is a diary: it never diagnoses and never proposes a dose.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .values import frozen

EMERGENCY_FLAGS = frozenset({"chest_pain", "breathless", "coughing_blood", "fainting"})
LIMB_FLAGS = frozenset({"cold_limb"})  # a blocked artery: emergency
CLOT_FLAGS = frozenset({"swelling", "redness", "warmth", "tenderness"})
SOON_FLAGS = frozenset({"numbness", "weakness", "skin_change"})
LEVELS = ("emergency", "same_day", "soon")  # most urgent first
# the blood-thinner answers that let a K2 reminder on: none, another kind (not a
# vitamin K antagonist), or a VKA with their prescriber's agreement
K2_CLEARED = frozenset({"none", "other", "vka_ok"})


@frozen
class Advice:
    """A rule's outcome: how urgent, and its key. Its words are the catalogue's
    `advice.<key>`, its source `source.<key>` (shown by the "Why?" button)."""

    level: str  # "emergency" | "same_day" | "soon" | "caution" | "info"
    key: str = ""  # set by the registry below; also the weekly limit's key


EMERGENCY = Advice("emergency")
LIMB_EMERGENCY = Advice("emergency")
SAME_DAY = Advice("same_day")
CRAMP_WONT_STOP = Advice("same_day")
SEE_DOCTOR = Advice("soon")
FEVER = Advice("soon")
LONG_CRAMP = Advice("soon")
EASE_CRAMP = Advice("info")
K2_BLOOD_THINNER_QUESTION = Advice("info")
K2_WARFARIN = Advice("caution")
K2_OTHER_ANTICOAGULANT = Advice("caution")
K2_UNSURE = Advice("caution")
K2_WARFARIN_STOPPING = Advice("caution")
K2_NOT_YET = Advice("caution")
MEDICINE_CRAMPS = Advice("soon")
FREQUENT_CRAMPS = Advice("soon")
K2_EVIDENCE = Advice("info")
MAGNESIUM_CAUTION = Advice("caution")
B_VITAMIN_CAUTION = Advice("caution")
QUININE = Advice("caution")
MOST_NIGHTS = Advice("soon")
GETTING_WORSE = Advice("soon")
LONG_CRAMPS = Advice("soon")
DAYTIME = Advice("soon")
BROKEN_SLEEP = Advice("soon")
FLUIDS = Advice("info")


REGISTRY: dict[str, Advice] = {}
for _name, _value in list(globals().items()):
    if isinstance(_value, Advice):
        object.__setattr__(_value, "key", _name.lower())
        REGISTRY[_name.lower()] = _value


_QUININE = re.compile(r"\bquinine\b|\btonic water\b|\bqualaquin\b", re.I)


def mentions_quinine(text: str) -> bool:
    """Quinine (or tonic water "for cramps") is named: the FDA's warning is due."""
    return _QUININE.search(text) is not None


def for_flags(flags: tuple[str, ...] | list[str] | frozenset[str]) -> list[Advice]:
    """The advice a set of red flags calls for, most urgent first."""
    present = set(flags)
    advice: list[Advice] = []
    if present & EMERGENCY_FLAGS:
        advice.append(EMERGENCY)
    if present & LIMB_FLAGS:
        advice.append(LIMB_EMERGENCY)
    if present & CLOT_FLAGS:
        advice.append(SAME_DAY)
    if present & SOON_FLAGS:
        advice.append(SEE_DOCTOR)
    if "fever" in present:
        advice.append(FEVER)
    return advice


_WONT_STOP = re.compile(
    r"\b(?:cramp\w*|spasm\w*|it|calf|leg|foot|muscle)\b[^.!?]{0,30}?\b(?:won'?t|will not|"
    r"doesn'?t|does not|isn'?t going to|is not going to|refuses to|can'?t get it to|"
    r"can'?t make it) (?:\w+ )?(?:stop|ease|go away|let go|let up|release|relax|settle|"
    r"budge|pass|go)\b|\bstill (?:cramping|in cramp|cramped|spasming|locked)\b[^.!?]{0,40}?"
    r"\b(?:\d+ (?:min\w*|hours?)|an hour|half an hour|ages)\b|\bcramp\w* (?:for|since) "
    r"(?:over |more than )?(?:an hour|\d+ hours|hours)\b|\b(?:nothing|stretching|walking) "
    r"(?:helps|works|is working|eases it|is helping)\b[^.!?]{0,30}\bcramp|\bcramp\w*\b"
    r"[^.!?]{0,40}\b(?:nothing|stretching|walking|moving) (?:helps|works|eases it)\b|"
    r"\bwon'?t (?:stop|ease|let go) cramping\b|\b(?:cramp\w*|spasm\w*|it)\b[^.!?]{0,20}?\b(?:isn'?t|is not|"
    r"not|aren'?t) (?:stopping|easing|letting (?:go|up)|going away|settling)\b|\bnon[- ]?stop cramp", re.I)


def cramp_wont_stop(text: str) -> bool:
    """A cramp going on now that will not stop or ease (medical-facts: same day)."""
    return _WONT_STOP.search(text) is not None


def for_text(flags: tuple[str, ...] | list[str], text: str) -> list[Advice]:
    """Everything urgent in one message, most urgent first: its flags and a cramp that
    will not stop. Shown first in the reply, whatever else it asks (rule 1)."""
    found = for_flags(flags)
    if cramp_wont_stop(text) and SAME_DAY not in found:
        found.append(CRAMP_WONT_STOP)
    return sorted(found, key=lambda a: LEVELS.index(a.level) if a.level in LEVELS else 9)


def urgency(flags: tuple[str, ...] | list[str], text: str = "") -> str | None:
    """The most urgent level a message calls for: emergency, same_day, soon, or None."""
    levels = [a.level for a in for_text(flags, text) if a.level in LEVELS]
    return min(levels, key=LEVELS.index) if levels else None


_MEDICINE = re.compile(
    r"\b(?:diuretics?|water (?:tablets?|pills?)|furosemide|frusemide|lasix|bumetanide|"
    r"torasemide|torsemide|bendroflumethiazide|bendrofluazide|hydrochlorothiazide|hctz|"
    r"indapamide|chlorthalidone|chlortalidone|metolazone|spironolactone|eplerenone|"
    r"amiloride|statins?|atorvastatin|simvastatin|rosuvastatin|pravastatin|lovastatin|"
    r"fluvastatin|pitavastatin|lipitor|crestor|zocor|salbutamol|albuterol|ventolin|"
    r"terbutaline|salmeterol|formoterol|vilanterol|olodaterol|seretide|symbicort|"
    r"beta[- ]?agonists?|nifedipine|adalat|raloxifene|teriparatide|pregabalin|"
    r"zoledronic acid|cisplatin)\b", re.I)
_NEW_MEDICINE = re.compile(
    r"\b(?:since|after|when) (?:i |my doctor |the doctor |they )?(?:start\w*|chang\w*|switch\w*|"
    r"began|increas\w*|put me on|upp?ed)\b[^.!?]{0,30}\b(?:medicine|medication|meds|tablets?|"
    r"pills?|prescription|drugs?|dose|inhaler)\b|\bnew (?:medicine|medication|meds|tablets?|"
    r"pills?|prescription|drug|inhaler)\b[^.!?]{0,40}\bcramp|\bcramp\w*\b[^.!?]{0,40}\b"
    r"(?:new|changed|different|higher) (?:medicine|medication|meds|tablets?|pills?|"
    r"prescription|drug|dose|inhaler)\b|\b(?:medicine|medication|meds|tablets?|pills?|"
    r"dose)\b[^.!?]{0,20}\b(?:was|were|got) (?:changed|increased|switched)\b", re.I)
_NOT_ON = re.compile(r"\b(?:not|no|never|stopped|don'?t|didn'?t|off)\W+(?:\w+\W+){0,2}$", re.I)


def medicine_linked(text: str) -> bool:
    """A medicine known to cause cramps is named (not as one the person does not take),
    or cramps came after a new medicine (rule 6)."""
    for m in _MEDICINE.finditer(text):
        if not _NOT_ON.search(text[max(0, m.start() - 30): m.start()]):
            return True
    return _NEW_MEDICINE.search(text) is not None


_FREQUENT = re.compile(
    r"\b(?:every|most|each) (?:single )?nights?\b|\bnightly\b|\bnight after night\b|"
    r"\b(?:several|many|lots of|[4-9]|\d\d) (?:times|nights) (?:a|per|this) week\b", re.I)


def frequent_said(text: str) -> bool:
    """Cramps said to come on most nights (rule 6; frequent cramps: see a doctor soon)."""
    return _FREQUENT.search(text) is not None


# ---- blood thinners in words (rule 3) ------------------------------------------------

_VKA = re.compile(
    r"\b(?:warfarin|warfarine|coumadin|jantoven|marevan|waran|acenocoumarol|acenocoumarin|"
    r"nicoumalone|sintrom|sinthrome|phenprocoumon|marcumar|marcoumar|falithrom|fluindione|"
    r"previscan|phenindione|dindevan|vitamin k antagonists?|vkas?|coumarins?)\b", re.I)
_DOAC = re.compile(
    r"\b(?:apixaban|eliquis|rivaroxaban|xarelto|dabigatran|pradaxa|edoxaban|lixiana|savaysa|"
    r"heparin|enoxaparin|clexane|lovenox|dalteparin|fragmin)\b", re.I)
_NO_THINNER = re.compile(
    r"\b(?:no |not on (?:a |any )?|don'?t take (?:a |any )?|never taken? (?:a |any )?|"
    r"not taking (?:a |any )?)(?:blood[- ]?thinners?|anticoagulants?)\b", re.I)
_AGREED = re.compile(
    r"\b(?:doctor|gp|prescriber|pharmacist|consultant|nurse|clinic|cardiologist|haematologist|"
    r"hematologist|anticoagulation (?:clinic|nurse))\b[^.!?]{0,30}\b(?:agreed|agrees|approved|"
    r"okayed|ok'?d|cleared|said (?:it'?s |that'?s |k2 is |it is |i can|yes|ok|fine)|"
    r"gave (?:me )?the (?:go[- ]ahead|ok|okay)|is (?:fine|ok|okay|happy) with)", re.I)
_K2_WORD = re.compile(r"\b(?:vit(?:amin)?\.? ?)?k ?-?2\b|\bmk ?-?7\b|\bmenaquinone|\bvitamin k\b", re.I)


def blood_thinner_said(text: str) -> str | None:
    """What a message says about the person's blood thinner, in `User.anticoagulant`'s
    values: "vka_ok" (their prescriber agreed to K2), "vka" (warfarin or another vitamin
    K antagonist, by name), "other" (apixaban...), "none"; None when it says nothing."""
    vka = [m for m in _VKA.finditer(text)
           if not _NOT_ON.search(text[max(0, m.start() - 30): m.start()])]
    if _AGREED.search(text) and (vka or _K2_WORD.search(text)):
        return "vka_ok"
    if vka:
        return "vka"
    doac = [m for m in _DOAC.finditer(text)
            if not _NOT_ON.search(text[max(0, m.start() - 30): m.start()])]
    if doac:
        return "other"
    if _NO_THINNER.search(text):
        return "none"
    return None


_TIME_SAID = re.compile(
    r"\d\s*(?:a\.?m\b|p\.?m\b)|\b\d{1,2}[:.]\d{2}\b|o'?clock|\b(?:at|around|about) \d|\bnoon\b|"
    r"\bmidday\b|\blunch\w*|\bafternoon\b|\bmorning\b|\bevening\b|\bdaytime\b|\bduring the day\b|"
    r"\bat work\b|\bwhile (?:walking|driving|sitting|standing|shopping|working|out)\b|\bago\b|"
    r"\bjust now\b|\bright now\b|\bnow\b|\bearlier\b|\bjust (?:had|got)\b|\btoday\b", re.I)


def time_said(text: str) -> bool:
    """The message gives the cramp a time (a clock time, a part of the day, "just now"):
    only then can a cramp logged in the morning count as a daytime one."""
    return _TIME_SAID.search(text or "") is not None


def mentions_k2(text: str) -> bool:
    return _K2_WORD.search(text) is not None


def k2_cleared(anticoagulant: str | None) -> bool:
    """A K2 reminder (or "take K2 from tonight") may go ahead: rule 3."""
    return anticoagulant in K2_CLEARED


def k2_held_why(anticoagulant: str | None) -> str:
    """Why K2 is held while not cleared: "ask" (not answered yet), "unsure", or
    "warfarin" (a warfarin-like medicine, until the prescriber agrees)."""
    return {None: "ask", "unsure": "unsure"}.get(anticoagulant, "warfarin")


# ---- patterns over time (pure) ------------------------------------------------------

DAY_START, DAY_END = 9, 19  # a cramp between these local hours is a daytime cramp


def patterns(cramps: list[tuple[datetime, int, int | None]] | list[tuple],
             now: datetime, zone: ZoneInfo) -> list[Advice]:
    """The pattern advice a history calls for: `cramps` are (when, count, duration_s) or
    (when, count, duration_s, timed): timed False when no time of day was given (the
    daytime pattern counts only cramps whose time was said)."""
    from .recap import night_of

    today = night_of(now, zone)
    nights: dict[date, int] = {}
    weeks = [0, 0, 0]
    longest: list[int] = []
    daytime = timed = 0
    week_durations: list[list[int]] = [[], [], []]
    for at, count, duration, *rest in cramps:
        night = night_of(at, zone)
        age = (today - night).days
        if not 0 <= age < 21:
            continue
        hour = at.astimezone(zone).hour
        if DAY_START <= hour < DAY_END and (rest[0] if rest else True):
            if age < 7:
                daytime += 1
                timed += 1
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
    # by counts only from a real start: 1 -> 2 -> 3 (or 0 -> 1 -> 3) is mostly a new
    # diary, a person learning to log every cramp
    if (2 <= weeks[2] < weeks[1] < weeks[0] and weeks[0] >= 4) or (
            all(week_durations) and means[2] < means[1] < means[0]):
        found.append(GETTING_WORSE)
    if any(d > 600 for d in longest):
        found.append(LONG_CRAMPS)
    if daytime >= 2 and timed >= 2:
        found.append(DAYTIME)
    if any(all(today - timedelta(days=k + i) in nights for i in range(3)) for k in range(5)):
        found.append(BROKEN_SLEEP)
    return found
