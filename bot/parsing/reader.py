"""The reader: one message in, one `Reading` out (`shared/parse-contract.md`).

Pure and total: no I/O, no clock (the moment the message was sent and the zone are
inputs) and no exception escapes for any text. It works on the prepared text
(`text.prepare`) with vocabularies and a few rules per field; each rule says what
people write, not which sentence it was written for.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from .flags import red_flags
from .lexicon import guess, translation
from .meaning import (
    NOT_DONE,
    NOT_THAT,
    REMEMBERED,
    is_correction,
    is_symptom,
    look_back,
    might_correct,
    night_named,
    skipped_stretch,
    skipped_supplement,
    speech_act,
    stretch_to_come,
)
from .model import Correction, Cramp, Reading, Stretch, Supplement, Symptom
from .text import prepare
from .when import When, localize, resolve

# ---- muscles and sides ------------------------------------------------------------

# (pattern, muscle, specificity): a more specific place wins over a general one
# named in the same message ("foot cramp, my toes..." is the toes).
_MUSCLE_PATTERNS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"\bback of (?:my |the |his |her )?(?:left |right |l |r )?(?:upper )?(?:thigh|thighs|upper leg)s?\b"), "hamstring", 3),
    (re.compile(r"\bfront of (?:my |the )?(?:left |right |l |r )?(?:thigh|thighs|upper leg)s?\b"), "thigh", 3),
    (re.compile(r"\bfront of (?:my |the )?(?:left |right |l |r )?(?:lower )?legs?\b"), "shin", 3),
    (re.compile(r"\bback of (?:my |the )?(?:left |right |l |r )?(?:lower )?legs?\b"), "calf", 3),
    (re.compile(r"\b(?:big|little|pinky|baby|small|second|middle) toes?\b|\btoes?\b|\btoe ?nails?\b"), "toes", 2),
    (re.compile(r"\bhamstrings?\b|\bhamm(?:y|ie|ies)\b|\bham ?strings?\b|\bhammies\b"), "hamstring", 2),
    (re.compile(r"\b(?:arch|arches|sole|soles|instep|insteps|heel|heels|ball of (?:my |the )?(?:left |right )?foot)\b"), "foot", 2),
    (re.compile(r"\bcalf|\bcalv(?:es|e)\b|\bcalfs\b|\bgastroc\w*|\bsoleus\b|\bcharl(?:ey|ie|y) ?horses?\b"), "calf", 1),
    (re.compile(r"\bfoot\b|\bfeet\b|\bfoots\b"), "foot", 1),
    (re.compile(r"\bthighs?\b|\bquads?\b|\bquadriceps\b|\bquadricep\b"), "thigh", 1),
    (re.compile(r"\bshins?\b|\btibialis\b|\bshinbone\b"), "shin", 1),
    (re.compile(
        r"\b(?:hands?|fingers?|thumbs?|wrists?|forearms?|arms?|biceps?|triceps?|neck|"
        r"shoulders?|back"
        r"(?<!\bgo back)(?<!\b(?:got|get|way) back)(?<!\b(?:comes|wrote|write|heard) back)"
        r"(?<!\b(?:came|come|went|been|call|ring|rang|sent|hear|look|gave|give) back)"
        r"(?<!\b(?:coming|called|looked) back)(?<!\blooking back)"
        r"(?!\s+(?:to|in|at|home|up|on|down|from|again|then|now|later)\b)|"
        r"lower back|hips?|groin|buttocks?|butt|glutes?|bum|stomach|"
        r"abdomen|abs|belly|tummy|ribs?|side of my (?:body|chest)|jaw|ankles?|knees?|"
        r"achilles|chest muscle)\b"), "other", 0),
]
_CHARLEY = re.compile(r"\bcharl(?:ey|ie|y) ?horses?\b")

_SIDE_BOTH = re.compile(
    r"\bboth\b(?!\s+(?:times|of them|cramps|nights|mornings|days))|\bbilateral\b|\bleft and right\b|\bright and left\b|\beach (?:leg|calf|foot)\b|"
    r"\b(?:my |the )?(?:calves|legs|thighs|hamstrings|shins|feet)\b"
)
_SIDE_LEFT = re.compile(r"\bleft\b(?![- ]?(?:over|behind|alone|the house|me|it))|\blft\b|\blt\b|\bl\b(?=\s*(?:calf|calves|foot|leg|thigh|hamstring|shin|toe|side|ham|quad|hammy))")
_SIDE_RIGHT = re.compile(
    r"(?<!all )(?<!alright )\bright\b(?!\s*(?:now|away|after|before|then|there|here|when|as|at the|"
    r"in the middle|back|up|through|on time|\?))|\brt\b|"
    r"\br\b(?=\s*(?:calf|calves|foot|leg|thigh|hamstring|shin|toe|side|ham|quad|hammy))"
)


# toes that curl or point describe a foot or calf cramp; they name the toes only alone
_TOES_DOING = re.compile(r"\btoes? (?:curl\w*|point\w*|clench\w*|scrunch\w*|spread\w*|bent)(?: up| down)?\b|"
                         r"\b(?:can'?t|cannot|couldn'?t|unable to) (?:move|feel|wiggle|bend) (?:my |the )?toes?\b")


def _muscle(text: str) -> str | None:
    described = _TOES_DOING.sub(" ", text)
    if described != text and _muscle_in(described) is not None:
        return _muscle_in(described)
    return _muscle_in(text)


def _muscle_in(text: str) -> str | None:
    best: tuple[int, int, str] | None = None  # (-specificity, position, muscle)
    for pattern, muscle, spec in _MUSCLE_PATTERNS:
        m = pattern.search(text)
        if m:
            key = (-spec, m.start(), muscle)
            if best is None or key < best:
                best = key
    if best is None:
        return None
    muscle = best[2]
    if muscle == "calf" and _CHARLEY.search(text):
        # "charley horse" names the calf only when nothing more precise is said
        for pattern, other, _spec in _MUSCLE_PATTERNS:
            if other not in ("calf", "other") and pattern.search(text):
                return other
    return muscle


def _side(text: str) -> str | None:
    left = _SIDE_LEFT.search(text)
    right = _SIDE_RIGHT.search(text)
    if (left and right) or _SIDE_BOTH.search(text):
        return "both"
    if left:
        return "left"
    if right:
        return "right"
    return None


# ---- duration ---------------------------------------------------------------------

_SEC = r"(?:s|sec|secs|second|seconds)"
_MIN = r"(?:m|min|mins|minute|minutes|mn)"
_HOUR = r"(?:h|hr|hrs|hour|hours)"
_NUM = r"\d+(?:[.,]\d+)?"
_NOT_AGO = r"(?!\s*(?:ago|back|earlier)\b)(?![a-z])"
_D_COMPOUND = re.compile(
    rf"\b({_NUM})\s*{_MIN}\s*(?:and\s*)?({_NUM})\s*{_SEC}{_NOT_AGO}|"
    rf"\b(\d{{1,2}}):(\d{{2}})\s*(?:{_MIN}|mins long){_NOT_AGO}"
)
_D_RANGE = re.compile(
    rf"\b({_NUM})\s*(?:{_SEC}|{_MIN}|{_HOUR})?\s*(?:-|to|or|–|/)\s*({_NUM})\s*"
    rf"({_SEC}|{_MIN}|{_HOUR}){_NOT_AGO}"
)
_D_BETWEEN = re.compile(rf"\bbetween ({_NUM}) and (?=\d)")
_D_SINGLE = re.compile(rf"(?<![:\d])\b({_NUM})\s*({_SEC}|{_MIN}|{_HOUR}){_NOT_AGO}")
_D_UNIT_OR = re.compile(rf"\b1\s*({_SEC}|{_MIN}|{_HOUR})\s+or\s+(\d+)\b{_NOT_AGO}")
_D_VAGUE = re.compile(
    rf"\b(a few|few|a couple of|a couple|couple of|couple|several|some|many)\s*"
    rf"({_SEC}|{_MIN}|{_HOUR}){_NOT_AGO}"
)
_D_WORDS = re.compile(
    r"\b(?:(?:only |just )?(?:a |1 )?(?:split |brief |few )?(moment|second|sec|instant|jiffy))\b"
)
_VAGUE_SECONDS = {
    "s": {"couple": 2, "few": 10, "several": 15, "some": 10, "many": 20},
    "m": {"couple": 120, "few": 180, "several": 300, "some": 180, "many": 600},
    "h": {"couple": 7200, "few": 10800, "several": 10800, "some": 3600, "many": 10800},
}


def _unit_seconds(unit: str) -> int:
    if re.fullmatch(_SEC, unit):
        return 1
    if re.fullmatch(_MIN, unit):
        return 60
    return 3600


def _num(s: str) -> float:
    return float(s.replace(",", "."))


def _duration(text: str, clock_spans: list[tuple[int, int]]) -> int | None:
    def free(m: re.Match[str]) -> bool:
        return not any(a <= m.start() < b or a < m.end() <= b for a, b in clock_spans)

    # "between 2 and 3 minutes" is the range "2 to 3 minutes" (same length: spans hold)
    text = _D_BETWEEN.sub(lambda m: " " * 8 + m.group(1) + " to  ", text)
    for m in _D_COMPOUND.finditer(text):
        if not free(m):
            continue
        if m.group(1) is not None:
            return round(_num(m.group(1)) * 60 + _num(m.group(2)))
        return int(m.group(3)) * 60 + int(m.group(4))
    m = _D_UNIT_OR.search(text)
    if m and free(m):
        unit = _unit_seconds(m.group(1))
        return round((1 + int(m.group(2))) / 2 * unit)
    for m in _D_RANGE.finditer(text):
        if not free(m):
            continue
        lo, hi = _num(m.group(1)), _num(m.group(2))
        if hi < lo or hi > 600:
            continue
        return round((lo + hi) / 2 * _unit_seconds(m.group(3)))
    for m in _D_SINGLE.finditer(text):
        if not free(m):
            continue
        value = _num(m.group(1)) * _unit_seconds(m.group(2))
        if m.group(2) == "m" and re.match(r"\d+\s*m\s*(?:g|l|cg)", text[m.start():]):
            continue
        if 0 < value <= 6 * 3600:
            return round(value)
    m = _D_VAGUE.search(text)
    if m:
        word = m.group(1).replace("a ", "").replace(" of", "").strip()
        unit = m.group(2)
        kind = "s" if re.fullmatch(_SEC, unit) else "m" if re.fullmatch(_MIN, unit) else "h"
        return _VAGUE_SECONDS[kind].get(word, None)
    m = _D_WORDS.search(text)
    if m and re.search(r"\b(?:lasted|for|only|just|took)\b", text):
        return 2 if m.group(1) in ("second", "sec", "instant", "moment") else None
    return None


# ---- severity ---------------------------------------------------------------------

_SEV_NUMBER = re.compile(
    r"\b(10|[0-9](?:\.5)?)\s*(?:/|out of|outta|of)\s*10\b|"
    r"\b(?:pain|severity|sev|level|intensity|score|rated?|rating|hurt|hurts|pain level|"
    r"pain score|scale)\s*(?:was|is|of|at|about|around|like|maybe|=|:|-)?\s*(?:a|an)?\s*"
    r"(10|[1-9])\b(?!\s*(?:mins?|minutes?|secs?|seconds?|m\b|s\b|hours?|am|pm|a\.m|p\.m|:))|"
    r"\b(?:a|an)\s+(10|[1-9])\b(?=\s*(?:[,.!]|$|pain|today|tonight|this time|on the scale))"
)
# (pattern, base score). Mild 1-3, moderate 4-6, strong 7-8, worst 9-10.
_SEV_WORDS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:worst (?:\w+ )?(?:ever|of my life|yet|i've had|ive had|in years)|"
                r"excruciating|unbearable|agony|agonis?ing|screaming|screamed|scream|"
                r"intolerable|horrendous|the worst|hell|tears|crying|cried|insane|"
                r"off the (?:scale|charts))\b"), 10),
    (re.compile(r"\b(?:severe|severely|terrible|terribly|horrible|horribly|awful|awfully|"
                r"intense|extreme|excruciatingly|vicious|brutal|nasty|killer|killing me|"
                r"hurt(?:s)? (?:a lot|like hell|so much|badly)|really hurt|very sore|"
                r"big one|massive|dreadful|dreadfully|murder|murderous|wicked|fierce|ferocious|savage|cruel|"
                r"shocking|a shocker|a beast|beastly|evil|god ?awful|hellish|a doozy|a corker)\b"), 8),
    (re.compile(r"\b(?:bad|badly|painful|strong|sharp|hurt|hurts|hurting|hurted|ouch|"
                r"ow+|owie|rough|tough|hard|nasty)\b"), 7),
    (re.compile(r"\b(?:moderate|moderately|medium|sore|uncomfortable|annoying|achy|aching|"
                r"middling|average|so-so|so so|ok-ish|manageable|tolerable|some pain)\b"), 5),
    (re.compile(r"\b(?:mild|mildly|slight|slightly|minor|light|small|little(?! while| bit ago)|tiny|weak|faint|"
                r"teeny|wee(?! (?:small )?hours| morning)|"
                r"gentle|barely|not (?:too |that |so |very )?(?:bad|painful|strong|sore|severe)|"
                r"not much|no big deal|twinge|niggle|tolerable)\b"), 2),
]
_INTENSIFIER = re.compile(
    r"\b(?:really|very|so|super|extremely|incredibly|awfully|terribly|seriously|soo+|"
    r"real|mega|crazy|insanely|quite)\s+(?:\w+\s+)?$"
)
_NOT_TOO = re.compile(r"\b(?:not|wasn'?t|wasnt|isn'?t|isnt|weren'?t)\s+(?:too |that |so |very |as |really )?"
                     r"(?:bad|painful|strong|sore|severe)\b")


def _severity(text: str) -> int | None:
    m = _SEV_NUMBER.search(text)
    if m:
        raw = m.group(1) or m.group(2) or m.group(3)
        value = round(float(raw))
        if 1 <= value <= 10:
            return value
        if value == 0:
            return 1
    if _NOT_TOO.search(text):
        return 3
    best: int | None = None
    for pattern, base in _SEV_WORDS:
        for m in pattern.finditer(text):
            score = base
            if base < 10 and _INTENSIFIER.search(text[max(0, m.start() - 20): m.start()]):
                prefix = text[max(0, m.start() - 20): m.start()]
                score = 1 if base <= 2 else min(base + 1, 10)
                if re.search(r"\bquite\s+$", prefix):
                    score = base if base >= 7 else base + 1
            if best is None or score > best:
                best = score
        if best is not None and base >= 7:
            break
    return best


# ---- count ------------------------------------------------------------------------

_COUNT = re.compile(
    r"\b(\d+|a couple of|a couple|couple of|several|a few|few|multiple)\s+"
    r"(?:(?:more|separate|different|bad|big|small|little|painful|leg|calf|foot|nasty|"
    r"mild|short|long|back to back|of)\s+){0,2}"
    r"(?:cramps|spasms|charley horses|charlie horses|episodes|attacks|times|x\b)"
)
_COUNT_TIMES = re.compile(r"\b(twice|thrice|three times|once)\b|\b(\d+)\s*x\b|\bx\s*(\d+)\b")


def _count(text: str) -> int:
    m = _COUNT.search(text)
    if m:
        word = m.group(1)
        if word.isdigit():
            n = int(word)
            return n if 1 <= n <= 50 else 1
        return {"a couple of": 2, "a couple": 2, "couple of": 2}.get(word, 3)
    m = _COUNT_TIMES.search(text)
    if m:
        if m.group(1):
            return {"twice": 2, "thrice": 3, "three times": 3, "once": 1}[m.group(1)]
        n = int(m.group(2) or m.group(3))
        return n if 1 <= n <= 50 else 1
    if re.search(r"\b(?:and|then) (?:again|another)\b|\b(?:again|another (?:one )?) ?at\b", text) and \
            len(_clock_spans(text)) >= 2:
        return 2  # "at 1am and again at 4am", "at 2 and another at 5"
    return 1


# ---- red flags: bot/parsing/flags.py (negation-, tense- and look-alike-aware) ------

_red_flags = red_flags


# ---- supplements ------------------------------------------------------------------

_SUPPLEMENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("vitamin_k2", re.compile(
        r"\b(?:vit(?:amin|\.)?\s*)?k\s*-?\s*2\b|\bm\s?k\s*-?\s*[47]\b|\bmenaquinone\w*|"
        r"\bvit(?:amin|\.)?\s*k\b(?!\s*-?\s*1)|\bvitamin kay\b")),
    ("magnesium", re.compile(r"\bmagnesium\b|\bmag\b(?!\w)|\bmagnes\w*|\bmg (?:citrate|glycinate|oxide)")),
    ("vitamin_b", re.compile(
        r"\b(?:vit(?:amin|\.)?\s*)?b\s*-?\s*(?:complex|12|6|1|vitamins?)\b|\bvit(?:amin|\.)?\s*b\b|"
        r"\bb vitamins?\b|\bthiamine?\b|\bcobalamin\b|\bpyridoxine\b|\bfolic acid\b|"
        r"\bfolate\b|\briboflavin\b|\bniacin\b|\bmethylcobalamin\b")),
    ("vitamin_d", re.compile(r"\b(?:vit(?:amin|\.)?\s*)?d\s*-?\s*3\b|\bvit(?:amin|\.)?\s*d\b|\bcholecalciferol\b")),
    ("potassium", re.compile(r"\bpotassium\b|\bpotasium\b")),
    ("other", re.compile(
        r"\b(?:calcium|zinc|iron|fish oil|omega[- ]?3s?|cod liver oil|multi ?vitamins?|"
        r"vitamin [ace]\b|vit [ace]\b|electrolytes?|quinine|pickle juice|"
        r"coq10|turmeric|supplements?|pills?|tablets?|capsules?|vitamins|meds|medication)\b")),
]
_AMOUNT = re.compile(
    r"\b(\d+(?:[.,]\d+)?)\s*(mg|milligrams?|mcg|µg|μg|ug|micrograms?|micro grams?|iu|i\.u\.|"
    r"international units?|units?|g|grams?|ml|millilit(?:re|er)s?)(?![a-z])"
)
_UNIT_NAMES = {
    "mg": "mg", "milligram": "mg", "milligrams": "mg", "mcg": "mcg", "µg": "mcg", "μg": "mcg",
    "ug": "mcg", "microgram": "mcg", "micrograms": "mcg", "micro gram": "mcg",
    "micro grams": "mcg", "iu": "iu", "i.u.": "iu", "international unit": "iu",
    "international units": "iu", "unit": "iu", "units": "iu", "g": "g", "gram": "g",
    "grams": "g", "ml": "ml", "millilitre": "ml", "milliliter": "ml", "millilitres": "ml",
    "milliliters": "ml",
}
_INTAKE = re.compile(
    r"\b(?:took|take|taken|taking|had|have had|swallowed|popped|done|did|in|down|"
    r"started|start|starting|dose|dosed|daily|tonight's|morning's|this morning's|check|"
    r"chewed|drank|dissolved|sprayed|applied|rubbed)\b|✅|✔|☑|👍|✓"
)
_NOT_TAKEN = re.compile(
    r"\b(?:didn'?t|did not|forgot|forgotten|forget|forgetting|skipped|skip|missed|miss|haven'?t|"
    r"will take|i'?ll take|going to take|gonna take|about to take|need to take|have to take|"
    r"must take|should take|tomorrow|"
    r"have not|not yet|no|won'?t|stopped|stop|ran out|out of|running low|low on|order more|"
    r"buy more|need to (?:order|buy|get)|should i|can i|is|are|does|"
    r"do i|what about|how much|how many)\b"
)


# words for a dose that name no supplement of their own
_GENERIC_DOSE = re.compile(r"supplements?|pills?|tablets?|capsules?|vitamins|meds|medication")


def _supplements(text: str, when: When) -> list[Supplement]:
    found: list[tuple[int, int, str]] = []
    for name, pattern in _SUPPLEMENT_PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b, _ in found):
                continue
            if name == "other" and found and _GENERIC_DOSE.fullmatch(m.group(0)):
                continue  # "magnesium tablets": the tablets are the magnesium
            found.append((m.start(), m.end(), name))
            break
    found.sort()
    amounts = [(m.start(), m) for m in _AMOUNT.finditer(text)]
    result: list[Supplement] = []
    seen: set[str] = set()
    used: set[int] = set()
    for i, (start, end, name) in enumerate(found):
        if name in seen:
            continue
        seen.add(name)
        nxt = found[i + 1][0] if i + 1 < len(found) else len(text)
        prev = found[i - 1][1] if i > 0 else 0
        amount = unit = None
        after = [m for pos, m in amounts if end <= pos < nxt and pos not in used]
        before = [m for pos, m in amounts
                  if prev <= pos < start and m.end() <= start and pos not in used]
        pick = after[0] if after else (before[-1] if before else None)
        if pick is not None:
            used.add(pick.start())
            amount = _num(pick.group(1))
            unit = _UNIT_NAMES.get(pick.group(2))
        result.append(Supplement(name=name, taken_at=when.at, amount=amount, unit=unit))
    return result


# ---- intents ----------------------------------------------------------------------

_CRAMP_WORD = re.compile(
    r"\bcramp\w*|\bcharl(?:ey|ie|y) ?horses?\b|\bspasm\w*|\bseiz(?:ed|ing|es|e)(?: up)?\b|"
    r"\blocked up\b|\bknott?ed(?: up)?\b|\btightened up\b|\btensed up\b|\bcurled up\b|"
    r"\bcontracted\b|\bclenched\b|\bkrampf\w*|\bkramp\w*"
)
_CRAMP_NEGATED = re.compile(
    r"\b(?:no|zero|0|without|free of|nil|not a single|not one|not 1|nothing|none|never|"
    r"didn'?t (?:have|get) (?:any|a)|did not (?:have|get) (?:any|a)|haven'?t had (?:any|a)|"
    r"no more|not any)\s+(?:\w+\s+){0,2}?(?:cramp\w*|charl(?:ey|ie) horses?|spasms?|twinges?)|"
    r"\bcramp[- ]?free\b|\bcramp(?:s|ing)?:? ?(?:none|zero|0(?![.,]?\d)|nil|no)\b|"
    r"\b(?:didn'?t|did not|never) cramp\b|\bwithout (?:a |any )?cramp"
)
_CRAMP_PURPOSE = re.compile(
    r"\b(?:for|against|prevent\w*|help\w*(?: with)?|stop\w*|avoid\w*|reduce\w*|fewer|less|"
    r"good for|works? (?:for|on))\s+"
    r"(?:my |the |leg |night |nighttime |night-time |any |those |these |more )*"
    r"(?:cramp\w*|charl(?:ey|ie) horses?)"
)
_SLEPT_WELL = re.compile(
    r"\bslept (?:fine|well|great|good|ok|okay|soundly|through|all night|like a (?:baby|log|rock)|"
    r"the whole night|peacefully|perfectly)\b|\b(?:peaceful|quiet|calm|uneventful|restful|"
    r"cramp-free|clear|clean|easy) night\b|\b(?:had|have had|having|a|another|very|really|such a|"
    r"pretty) (?:good|great|quiet|calm|peaceful) night\b|\bgood night'?s sleep\b|"
    r"\b(?:all quiet|all good|nothing|none|all clear|no issues|no problems|no trouble|nada|"
    r"no pain)\b.{0,20}\b(?:last night|overnight|tonight|night)\b|"
    r"\bnight (?:was|went) (?:fine|well|good|great|quiet|ok)\b|\bnothing to report\b|"
    r"^(?:last ?night|overnight)[,:]? (?:nothing|none|nada|zero|nil|all quiet|all good)\b|"
    r"\bno (?:leg )?(?:pain|trouble|problems|issues) (?:in|with) (?:my )?legs?\b"
)
_UNDO = re.compile(
    r"^\s*/?(?:undo|undelete|revert|rollback|roll back)\b|"
    r"\b(?:undo|delete|remove|cancel|erase|scratch|scrap|bin|ditch|drop|take back|take out|"
    r"get rid of|wipe)\s+(?:that|this|it|the last|my last|last|previous|the previous|entry|"
    r"the cramp|that cramp|my cramp|the one|"
    r"the entry|that entry|that one|the last one|the one i just|the cramp i just|what i just)\b|"
    r"^\s*(?:delete|remove|cancel|erase|scratch that)\s*[.!]*$|"
    r"\b(?:oops|whoops|woops|my bad|my mistake)\b|\bthat was (?:wrong|a mistake|an error|a typo|"
    r"not right|incorrect)\b|\bwrong (?:entry|one|1|log|thing)\b|\bmistake\b|\bignore (?:that|the last|it)\b|"
    r"\bnot what i meant\b|\bdidn'?t mean (?:that|to)\b|"
    r"\b(?:forget|ignore|disregard|scrap|delete|remove)\s+(?:that|this|the|my)?\s*(?:last|previous|above)?\s*"
    r"(?:message|msg|entry|text|post)\b|\b(?:pressed|hit|typed|tapped) (?:the )?wrong\b|"
    r"\bwrong button\b|\bsent (?:that |it |this )?(?:by (?:mistake|accident)|too soon)\b"
)
# "delete the cramp I just put in": the cramp named is what is undone, not a new one
_UNDO_OBJECT = re.compile(r"\b(?:undo|delete|remove|cancel|erase|scrap|bin|take out|get rid of)\s+"
                          r"(?:the |that |my )?(?:last )?(?:cramp|entry|one)\b")
_UNDO_NOT = re.compile(r"\b(?:all|everything|account|all my|my data|whole)\b")
# "how do I log a cramp?": a question about the diary, not a cramp
_HOW_TO_LOG = re.compile(r"^\s*how (?:do|can|should|would) (?:i|you|we) (?:log|record|add|enter|note|"
                         r"track|report|put in|write down|tell you about) (?:a |my |the |an )?"
                         r"(?:cramps?|entry|entries)\b")
_HELP = re.compile(
    r"^\s*/?(?:help|menu|commands|instructions|info|start|guide|tutorial|manual|options|\?+)\s*[!?.]*\s*$|"
    r"\bwhat (?:can|do|should|could) (?:you|i) (?:do|say|type|write|send|ask)\b|"
    r"\bhow (?:do|can|should|would) (?:i|you|we) (?:use|log|record|add|enter|start|set|track|"
    r"note|report|work|do this)\b|\bhow (?:does|do|will) (?:this|it|you|the)"
    r"(?: (?:thing|bot|app|chat|diary|service|whole thing))? work\b|"
    r"\bhow to (?:use|log|record|add|track)\b|\bwhat (?:is|are) (?:this|you)\b|"
    r"\bwho are you\b|\b(?:need|want|some) help\b|\bhelp me\b(?!\s+(?:\w+\s+){0,2}cramp)|"
    r"\bcan you help\b(?!\s+(?:\w+\s+){0,2}cramp)|"
    r"\bwhat (?:are )?(?:the )?commands\b|\bhelp\b(?!\s+(?:\w+\s+){0,2}cramp)"
)
_RECAP = re.compile(
    r"\b(?:recap|summary|summari[sz]e|summaries|stats|statistics|overview|progress|trend\w*|"
    r"report|history|chart|graph|weekly|my week|this week|last week|past week|the week|"
    r"this month|last month|last weeks?'?s?|my diary|the diary|my entries|what (?:did )?i (?:log|put|enter)\w*|"
    r"what have i (?:logged|put|entered|recorded)|(?:did|have) i (?:log|logged|record|recorded|enter|entered|put|note|noted) "
    r"(?:anything|any|something|a cramp|it|that)|is there anything (?:logged|recorded|in)|what (?:was|got|did you) (?:logged|recorded|noted|log|record)|"
    r"(?:show|list) (?:me )?(?:my |the )?(?:entries )?(?:for |from )?(?:yesterday|last night|today)|"
    r"so far|is it working|is (?:it|the \w+|\w+) (?:working|helping)|"
    r"how am i doing|how(?:'s| is| are| was| were) (?:my|the|it|things)|how many|how often|"
    r"compare\w*|comparison|totals?|numbers|tally|count)\b"
)
_QUESTION_START = re.compile(
    r"^\s*(?:/|how|show|what|give|send|compare|can i|could i|let me|let's|i'd like|i want|"
    r"any|is|are|did|was|were|do|display|view|see|get|my|recap|summary|stats|weekly|week)\b"
)
_STRETCH = re.compile(
    r"\bstretch\w*|\byoga\b|\bcalf raises?\b|\bwall push\w*|\bexercises? (?:done|complete)\b|"
    r"\bdid (?:my|the) (?:exercises?|routine|stretch\w*)\b|\broutine done\b|\bfoam roll\w*|"
    r"\bpilates\b"
)
_PAIN = re.compile(
    r"\b(?:pain|painful|hurt\w*|ouch|ow+|owie|agony|ache|aching|sore|tight|tightness|"
    r"knot|twinge|throbbing|woke me|again|another|argh+|aa+h+)\b"
)
_MEANINGFUL = re.compile(r"[a-z0-9]")


def read(text: str, now: datetime, tz: str | ZoneInfo, lang: str | None = None) -> Reading:
    """Read one message. `now` is the local wall-clock time it was sent, in `tz`;
    `lang` the language the person writes in (English when None; Cyrillic is read as
    Russian whatever it says). English words are understood in every language.

    Never raises on any text; answers "unknown" with low confidence when nothing
    is understood. An invalid zone is the caller's error (ZoneInfoNotFoundError).
    """
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    if now.tzinfo is not None:
        now = now.astimezone(zone).replace(tzinfo=None)
    text = text if isinstance(text, str) else str(text)
    try:
        lexicon = guess(text, lang)
        if lexicon is not None:
            english, known = translation(text, lexicon)
            reading = _read(prepare(english), now, zone)
            # the words as typed are read as English only when the lexicon knew none of
            # them (an English message); otherwise what it understood stands, flags and all
            if reading.intent != "unknown" or known:
                return reading
        return _read(prepare(text), now, zone)
    except Exception:
        return Reading(intent="unknown", confidence=0.0)


def _read(t: str, now: datetime, zone: ZoneInfo) -> Reading:
    if not _MEANINGFUL.search(t):
        return Reading(intent="unknown", confidence=0.0)
    flags = _red_flags(t)
    act = speech_act(t)
    if act is not None:  # a whole-message answer or pleasantry: read with the question
        return Reading(intent=act, confidence=0.9, red_flags=flags)

    cramp_words = [m for m in _CRAMP_WORD.finditer(t)]
    negated_spans = [m.span() for m in _CRAMP_NEGATED.finditer(t)]
    purpose_spans = [m.span() for m in _CRAMP_PURPOSE.finditer(t)]

    def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
        return any(a <= pos < b for a, b in spans)

    positive_cramp = [
        m for m in cramp_words
        if not inside(m.start(), negated_spans) and not inside(m.start(), purpose_spans)
    ]
    no_cramp = bool(negated_spans) or bool(_SLEPT_WELL.search(t)) or bool(_NONE_ON.search(t))
    muscle = _muscle(t)
    supplement_hit = any(p.search(t) for _, p in _SUPPLEMENT_PATTERNS[:-1]) or bool(
        _SUPPLEMENT_PATTERNS[-1][1].search(t) and _INTAKE.search(t)
    )
    stretch_hit = bool(_STRETCH.search(t))
    clock_spans = _clock_spans(t)
    duration = _duration(t, clock_spans)

    said = _said_of_last_entry(t, now, zone, muscle, duration, clock_spans, bool(positive_cramp))
    if said is not None:
        return replace(said, red_flags=flags)
    if _CODE_LIKE.search(t):  # a database command or script is nobody's diary entry
        return Reading(intent="unknown", confidence=0.1, red_flags=flags)
    if skipped_stretch(t) or skipped_supplement(t, supplement_hit):
        when = resolve(t, now, zone, night_report=False)
        named = _supplements(t, when)
        not_taken = _negated_supplements(t)
        what = (["stretch"] if skipped_stretch(t) else []) + [
            s.name for s in named if s.name in not_taken]
        taken = tuple(s for s in named if s.name not in not_taken)
        if taken and _INTAKE.search(t):  # "took my K2, didn't stretch": the dose is kept
            return Reading(intent="supplement", confidence=0.85, supplements=taken,
                           skipped=tuple(what), red_flags=flags)
        return Reading(intent="skipped", confidence=0.85, skipped=tuple(what or ["other"]),
                       red_flags=flags)

    if _UNDO.search(t) and not _UNDO_NOT.search(t) and (not positive_cramp or _UNDO_OBJECT.search(t)):
        return Reading(intent="undo", confidence=0.9, red_flags=flags)
    if (_HELP.search(t) and not positive_cramp and not muscle) or _HOW_TO_LOG.search(t):
        return Reading(intent="help", confidence=0.85, red_flags=flags)
    # "did my stretches, no cramps yet": the stretches are the news; the night is to come
    not_yet = stretch_hit and not skipped_stretch(t) and re.search(
        r"\bno cramps? (?:yet|so far)\b|\b(?:so far|as yet) no cramps?\b", t)
    if no_cramp and not positive_cramp and not not_yet:
        if is_symptom(t, False, None) and not _SLEPT_WELL.search(t) and not _NIGHT_SAID.search(t):
            # "my left leg hurts but no cramp": a sensation, not a night report
            symptom = Symptom(occurred_at=localize(now, zone), muscle=muscle,
                              side=_side(NOT_THAT.sub(" ", t)))
            return Reading(intent="symptom", confidence=0.75, symptom=symptom, red_flags=flags)
        return Reading(intent="no_cramp", confidence=0.9, red_flags=flags,
                       night=night_named(t, now))
    if _RECAP.search(t) and not positive_cramp and not (muscle and duration) and not not_yet:
        question = "?" in t or _QUESTION_START.search(t)
        if question or len(t.split()) <= 3:
            return Reading(intent="recap", confidence=0.85, red_flags=flags,
                           look_back=look_back(t, now))
    if positive_cramp and _RECAP.search(t) and re.match(r"^\s*how (?:many|often)\b", t):
        return Reading(intent="recap", confidence=0.8, red_flags=flags)
    if positive_cramp and _DIARY_QUESTION.search(t) and ("?" in t or _LOGGED.search(t) or _RECAP.search(t)):
        # "did I have a cramp on Monday?", "any cramps logged this week": the diary asked
        return Reading(intent="recap", confidence=0.8, red_flags=flags, look_back=look_back(t, now))
    if positive_cramp and _ABOUT_CRAMPS.search(t) and not (flags or clock_spans or duration):
        # "why do I get cramps at night?", "is it normal to...": about cramps, not one
        return Reading(intent="unknown", confidence=0.3, red_flags=flags)

    intake = supplement_hit and _INTAKE.search(t) and not _NOT_TAKEN.search(t)
    timed = bool(clock_spans)
    if is_symptom(t, bool(positive_cramp), duration, timed) and not (stretch_hit or intake):
        when = resolve(t, now, zone, night_report=False)
        symptom = Symptom(occurred_at=when.at, muscle=muscle, side=_side(NOT_THAT.sub(" ", t)))
        return Reading(intent="symptom", confidence=0.8, symptom=symptom, red_flags=flags)

    if flags and muscle and not (positive_cramp or stretch_hit or supplement_hit):
        # "my ankle's come up like a balloon", "can't feel my foot": a sign, no cramp said
        when = resolve(t, now, zone, night_report=False)
        symptom = Symptom(occurred_at=when.at, muscle=muscle, side=_side(NOT_THAT.sub(" ", t)))
        return Reading(intent="symptom", confidence=0.75, symptom=symptom, red_flags=flags)
    is_cramp = bool(positive_cramp)
    confidence = 0.95 if is_cramp else 0.0
    if not is_cramp and not stretch_hit and not supplement_hit and muscle:
        is_cramp = True
        evidence = _PAIN.search(t) or duration or _side(t) or clock_spans or flags
        confidence = 0.75 if evidence else 0.55
    if is_cramp and stretch_hit and not positive_cramp:
        is_cramp = False

    if is_cramp:
        when = resolve(t, now, zone, night_report=True)
        cramp = Cramp(
            occurred_at=when.at,
            muscle=muscle,
            side=_side(t),
            duration_s=duration,
            severity=_severity(t),
            count=_count(t),
        )
        if cramp.muscle is None:
            confidence = min(confidence, 0.7)
        if not when.sure:
            confidence -= 0.2
        if when.far:  # "31 Dec 9999": not stored as said; asked about instead
            confidence = min(confidence, 0.45)
        return Reading(intent="cramp", confidence=confidence, cramp=cramp, red_flags=flags)

    if stretch_hit and stretch_to_come(t) and not positive_cramp:
        return Reading(intent="unknown", confidence=0.3, red_flags=flags)  # not done yet
    if stretch_hit and not (supplement_hit and _INTAKE.search(t) and not
                            re.search(r"\bstretch\w*\s+(?:done|complete)|did (?:my|the) stretch", t)):
        when = resolve(t, now, zone, night_report=False)
        minutes = None
        if duration:
            minutes = max(1, round(duration / 60))
        return Reading(
            intent="stretch", confidence=0.9, stretch=Stretch(done_at=when.at, minutes=minutes),
            red_flags=flags,
        )

    if supplement_hit:
        negative = (_NOT_TAKEN.search(t) and not re.search(r"\b(?:took|taken|had)\b", t)
                    and not REMEMBERED.search(t))
        question = "?" in t and not _INTAKE.search(t)
        if not negative and not question:
            when = resolve(t, now, zone, night_report=False)
            not_taken = _negated_supplements(t)  # "forgot my magnesium but took K2"
            items = [s for s in _supplements(t, when) if s.name not in not_taken]
            if items:
                confidence = 0.9 if _INTAKE.search(t) or _AMOUNT.search(t) else 0.75
                return Reading(
                    intent="supplement", confidence=confidence, supplements=tuple(items),
                    red_flags=flags, skipped=tuple(sorted(not_taken)),
                )

    if _PAIN.search(t) and re.search(r"\b(?:leg|legs|muscle)\b", t):
        when = resolve(t, now, zone, night_report=True)
        cramp = Cramp(occurred_at=when.at, side=_side(t), duration_s=duration,
                      severity=_severity(t), count=_count(t))
        return Reading(intent="cramp", confidence=0.45, cramp=cramp, red_flags=flags)
    if flags:  # "left leg is hot", "short of breath": a sign, whatever else is (not) said
        symptom = Symptom(occurred_at=localize(now, zone), muscle=muscle, side=_side(t))
        return Reading(intent="symptom", confidence=0.7, symptom=symptom, red_flags=flags)
    return Reading(intent="unknown", confidence=0.1)  # (flags were answered as a symptom)


# a question about what the diary holds, a cramp named in it
_LOGGED = re.compile(r"\b(?:log|logged|record|recorded|enter|entered|note|noted|put down|in the diary)\b")
_DIARY_QUESTION = re.compile(
    r"^\s*(?:(?:did|have|had) i (?:\w+ )?(?:log|logged|record|recorded|enter|entered|note|noted|put down|"
    r"have|had|get|got)\b|(?:were|was) there (?:any|a|many)\b|"
    r"any (?:\w+ ){0,2}cramps? (?:logged|recorded|noted|entered|this|last|on|since)\b|"
    r"(?:please |can you |could you )?(?:give|show|tell|list|send|display)(?: me)?\b)")
# a general question about cramps: why, what causes, is it normal
_ABOUT_CRAMPS = re.compile(
    r"^\s*(?:why (?:do|does|would|are|is|am)|what (?:causes?|can cause|brings on|triggers?)|"
    r"is it (?:normal|common|bad|dangerous|serious|ok|okay|usual)|"
    r"(?:are|can|could|do|does) (?:leg |night |calf |muscle |nocturnal )?(?:cramps?|charley horses?) (?:be|mean|cause|get)|"
    r"do (?:other |most |older |many )?(?:people|others|folks|everyone)|does (?:everyone|anyone)|"
    r"how (?:common|dangerous|serious) (?:is|are)|should i (?:be )?worr)")
# "none on 21 November", "nothing the night before last": a night named, nothing in it
_NONE_ON = re.compile(r"^\s*(?:none|nothing|nil|zero|nada)\b(?!.*\b(?:taken|took|stretch\w*)\b)"
                      r".{0,30}\b(?:on|for|last|the night|overnight|since)\b")
_NIGHT_SAID = re.compile(r"\b(?:last ?night|overnight|tonight|the night|slept|sleep|nights?)\b")
_CODE_LIKE = re.compile(
    r"\b(?:drop|select|insert|delete|update|alter)\s+(?:(?:table|from|into)\b|\*)|;\s*--|<script\b|"
    r"\$\{|\)\s*\{|\bdef \w+\(|\breturn ['\"]|\bfunction\s*\(|\bwhere \w+ ?=|=>|\bimport \w+")


_CLAUSE = re.compile(r"[.;!?]|\b(?:but|though|however|although|whereas|then)\b|,\s*(?=(?:took|had|did)\b)")
_NEGATION_IN_CLAUSE = re.compile(rf"\b{NOT_DONE}\b")
_NEGATION_AFTER = re.compile(r"^[^\w,]*(?:\w+\s+){0,2}?(?:not (?:yet )?(?:taken|had|done)|skipped|missed|forgotten|"
                             r"(?:ran|run|runs|running) out(?! of)|none left|(?:all )?used up)\b")


def _negated_supplements(t: str) -> set[str]:
    """Supplements inside a negation's reach: "didn't take my K2", "no magnesium tonight",
    "didn't do the stretching or the magnesium" (a negation reaches to the end of its
    clause, across "or" and "and"), "menaquinone not taken today"."""
    if REMEMBERED.search(t):  # "didn't forget my K2": taken
        return set()
    out = set()
    for name, pattern in _SUPPLEMENT_PATTERNS:
        for m in pattern.finditer(t):
            clause = _CLAUSE.split(t[:m.start()])[-1]
            if _NEGATION_IN_CLAUSE.search(clause) or _NEGATION_AFTER.search(t[m.end():]):
                out.add(name)
    return out


_COUNT_SAID = re.compile(r"\b(\d+)\s*(?:cramps|times|of them)\b|\b(twice|thrice)\b")
_AGO_ISH = re.compile(r"\b\d+\s*(?:min\w*|hours?|hrs?)\s+ago\b|\ban hour ago\b")


def _said_of_last_entry(t: str, now: datetime, zone: ZoneInfo, muscle: str | None,
                        duration: int | None, clock_spans: list[tuple[int, int]],
                        cramp_named: bool) -> Reading | None:
    """A correction of the entry just made: only what it changes (None: unchanged)."""
    if not might_correct(t):  # cheap first: most messages are not corrections
        return None
    said = NOT_THAT.sub(" ", t)  # "it was the left, not the right": the left
    muscle = _muscle(said) if muscle is not None else None
    side, severity = _side(said), _severity(said)
    count = _count(said) if _COUNT_SAID.search(said) else None
    when = resolve(said, now, zone, night_report=True)
    at = when if when.explicit and (clock_spans or _AGO_ISH.search(said) or
                                    re.search(r"\d{3,4}|\d[.:]\d{2}", said)) else None
    fields = (muscle, side, duration, severity, count, at)
    if not is_correction(t, any(f is not None for f in fields), cramp_named):
        return None
    correction = Correction.of(muscle=muscle, side=side, duration_s=duration, severity=severity,
                               count=count, occurred_at=at.at if at is not None else None)
    return Reading(intent="correction", confidence=0.85, correction=correction)


_CLOCKISH = re.compile(
    r"(?<![\d.:/])\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|"
    r"(?<![\d.:/])\d{1,2}:\d{2}(?!\s*(?:mins?|minutes?|m\b|secs?))|"
    r"\b(?:at|around|about|by|near|approx(?:imately)?|roughly|~|before|after|til|till|until|"
    r"since)\s*\d{1,2}(?![\d,])(?:[:. ]\d{2})?(?:\s*ish)?"
    r"(?!\s*(?:[.:]\d|secs?\b|seconds?\b|mins?\b|minutes?\b|m\b|hrs?\b|hours?\b|h\b|x\b|times\b|"
    r"cramps?\b|/|out of|of 10|%|mg\b|mcg\b|iu\b|g\b|ml\b))|"
    r"\b\d{1,2}\s*o'?\s?clock\b|\b\d{1,2}\s*ish\b"
)


def _clock_spans(t: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CLOCKISH.finditer(t)]


__all__ = ["Reading", "localize", "read"]
