"""What a message does, before what it is about: answering, thanking, correcting,
saying something was NOT done, describing a symptom that is not a new cramp.

Keywords fill fields; these decide the intent. Each is a class of wordings, not a list
of sentences: negation with its scope (a "not" binds to the next few words, not the
whole message), tense and reference ("still sore", "after the cramp", "that was"),
and whole-message answers ("nope", "thanks"). Pure functions over prepared text
(lower case, numbers as digits, typos of the domain words fixed).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .model import LookBack

# ---- answers and pleasantries: whole messages only ---------------------------------

_END = (r"[\s!.,?…]*(?:(?:thanks|thank you|thx|ta|cheers|please|pls|mate|love|dear)[\s!.,?…]*)?"
        r"(?:charley)?[\s!.,?…]*$")
_EMOJI_ONLY = re.compile(r"^[\s👍👌🙏😊🙂☺️❤️❤💙💚🤗✨🌙😀😃😄😁🥰👏🫶.!]+$")
_SMALLTALK = re.compile(
    r"^\s*(?:(?:thanks?|thank (?:you|u)|thx|tx|ty|tysm|cheers|ta|much appreciated|appreciate it|"
    r"hi|hello|hey|hiya|yo|howdy|good (?:morning|evening|afternoon|day)|morning|evening|"
    r"good ?night|night night|nite|gn|ok(?:ay)?|k+|cool|great|nice|perfect|awesome|lovely|"
    r"brilliant|wonderful|fine|got it|understood|will do|sounds good|no problem|np|bye|goodbye|"
    r"see (?:you|ya)|you'?re (?:welcome|great|the best)|love (?:it|you)|well done|good (?:bot|job))"
    r"[\s!.,]*)+(?:[\s👍👌🙏😊🙂❤️❤]*)" + _END)
_YES = re.compile(
    r"^\s*(?:yes+|yeah|yep|yup|yea|ya|aye|sure|correct|right|indeed|affirmative|y|absolutely|"
    r"definitely|of course|i did|it was|that'?s right|that'?s it|exactly|true|uh[- ]?huh|mhm+|mm[- ]?hm+|"
    r"you bet|too right|roger|yes sir|yessir)" + _END)
_NO = re.compile(
    r"^\s*(?:no+|nope|nah|naw|none|nothing|not really|not at all|negative|n|nay|never|zero|nil|"
    r"i didn'?t|didn'?t|no,? none|no,? nothing|not one|nada|none at all|"
    r"(?:no,? )?not (?:today|tonight|yet|this time|last night)(?:,? (?:no|nope|nah))?)" + _END)


_FILLER = {"x", "xx", "xxx", "please", "pls", "plz", "thanks", "thank", "you", "thx", "ta",
           "charley", "mate", "love", "dear", "very", "much", "so", "a", "lot", "lots", "there",
           "again", "then", "really", "indeed", "all", "everyone", "of", "course", "sure",
           "definitely", "absolutely", "kindly", "ever", "heaps", "loads", "million", "muchly"}
_YES_WORDS = {"yes", "yess", "yeah", "yep", "yup", "yea", "ya", "aye", "sure", "correct", "right",
              "indeed", "affirmative", "y", "absolutely", "definitely", "exactly", "true", "ok", "okay"}
_YES_TAIL = {"i", "did", "have", "am", "was", "it", "that's", "thats", "it's", "its", "right", "please",
             "done", "taken", "had", "took", "stretched"}
_NO_WORDS = {"no", "nope", "nah", "naw", "none", "nothing", "negative", "n", "nay", "never",
             "zero", "nil", "nada"}
_NO_TAIL = {"i", "didn't", "didnt", "haven't", "havent", "hadn't", "did", "not", "yet", "at", "all",
            "really", "none", "way", "nothing"}
_SMALL_WORDS = {"hi", "hello", "hey", "hiya", "yo", "howdy", "good", "morning", "evening",
                "afternoon", "day", "night", "nite", "gn", "ok", "okay", "k", "kk", "cool", "great",
                "nice", "perfect", "awesome", "lovely", "brilliant", "wonderful", "fine", "got", "it",
                "understood", "will", "do", "sounds", "no", "problem", "np", "bye", "goodbye", "see",
                "ya", "cheers", "appreciated", "appreciate", "welcome", "you're", "youre", "the", "best",
                "well", "done", "bot", "job", "night-night", "ttyl", "later", "tysm", "ty", "many", "obliged",
                "thankyou", "thanx", "thnx", "tks", "cheerio", "bless"}
_WORDS = re.compile(r"[a-z']+|[0-9]+")


def speech_act(t: str) -> str | None:
    """ "smalltalk", "yes" or "no" for a message that is only that (a few words, fillers
    and emoji allowed: "yes please", "nope 🙂", "thanks very much x"); else None."""
    if _NO.match(t) or _YES.match(t) or _SMALLTALK.match(t) or _EMOJI_ONLY.match(t):
        return "no" if _NO.match(t) else "yes" if _YES.match(t) else "smalltalk"
    words = _WORDS.findall(t)
    if not words or len(words) > 6 or re.search(r"\d", t):
        return None
    first, rest = words[0], set(words[1:]) - _FILLER
    if (first in _NO_WORDS or words[:2] == ["not", "yet"] or words[:2] == ["not", "really"]) \
            and rest <= _NO_TAIL:
        return "no"
    if (first in _YES_WORDS and rest <= _YES_TAIL and first not in ("ok", "okay")) or \
            (first in ("ok", "okay") and rest <= {"i", "did", "have"} and rest):
        return "yes"
    if set(words) - _FILLER <= _SMALL_WORDS | _YES_WORDS and (set(words) - _FILLER or
                                                              {"thanks", "thank", "ta", "thx"} & set(words)):
        return "smalltalk"
    return None


# ---- corrections: changing the entry just made -------------------------------------

_CORRECTING = re.compile(
    r"^\s*(?:(?:oops|whoops|woops|sorry|soz|actually|actualy|actully|acually|correction|wait|"
    r"hang on|my (?:bad|mistake))\b|no,|nope,|no\s+(?=(?:the |my |it was |both |left |right |it'?s )))|\bi (?:meant|mean|ment)\b|\bmake (?:that|it)\b|"
    r"\b(?:change|correct|fix|update) (?:that|it|the last(?: one)?)(?: to)?\b|"
    r"\b(?:that|it) was (?:actually |really )?(?:the |my |a |in the |in my |at |around |about )?"
    r"(?:left|right|both|\d|calf|calves|foot|feet|toes?|thigh|hamstring|shin|leg)|"
    r"\bmore like\b|\bshould (?:be|have been|have said)\b|\bnot the (?:left|right)\b|"
    r"\bwrong (?:side|leg|foot|calf|muscle|time|length)\b")
_CORRECTING_STRONG = re.compile(
    r"\bi (?:meant|mean|ment)\b|\bmake (?:that|it)\b|\bmore like\b|\bshould (?:be|have been)\b|"
    r"\b(?:that|it) was (?:actually |really )?(?:the |my )?(?:left|right|both|\d)|"
    r"\bwrong (?:side|leg|foot|calf|muscle|time)\b|\bnot the (?:left|right)\b")
# "not the right", "not calf,": what it was NOT is left out of what it was
NOT_THAT = re.compile(r"\b(?:not|i (?:said|put|typed|wrote|entered|pressed)) (?:the |my |on the |in the |in my )?"
                      r"(?:left|right|both|calf|calves|foot|feet|"
                      r"toes?|thigh|hamstring|shin|leg|\d{1,4}(?:[:.]\d{2})?(?: ?[ap]m)?)\b")
_NEW_EVENT = re.compile(r"\b(?:another|again|second|one more|new one|this time)\b")


def might_correct(t: str) -> bool:
    return bool(_CORRECTING.search(t))


def is_correction(t: str, has_field: bool, cramp_named: bool = False) -> bool:
    """Correcting the last entry (and saying what to): never a second entry, never a
    deletion. "oops" alone stays an undo; "another one" is a new cramp; with a cramp
    named ("sorry to bother you, calf cramp 3 min") only a clear "I meant"-kind phrase
    makes it a correction."""
    if not has_field or _NEW_EVENT.search(t):
        return False
    if cramp_named:
        return bool(_CORRECTING_STRONG.search(t))
    return bool(_CORRECTING.search(t))


# ---- not done: supplements or the stretches skipped --------------------------------

# what says a thing was not done ("didn't", "forgot", "ran out of"), shared with the reader
NOT_DONE = (
    r"(?:didn'?t|did not|didnt|haven'?t|have not|havent|hasn'?t|has not|won'?t|will not|"
    r"couldn'?t|could not|can'?t|cannot|forgot(?:ten)?(?: to)?|forget(?:ting)?(?: to)?|skipp?(?:ed|ing)?|"
    r"miss(?:ed|ing)?|no|not|never|ran out of|run out of|out of|too tired (?:to|for)|"
    r"no time (?:to|for)|without)"
)
_SKIPPED_STRETCH = re.compile(
    rf"\b{NOT_DONE}\s+(?:(?:get|got) (?:round|around) to\s+|manage\s+)?(?:\w+\s+){{0,3}}?"
    r"(?:stretch\w*|exercises?|routine|yoga)\b|"
    r"\bstretch\w*\s+(?:\w+\s+){0,2}?(?:skipped|missed|not done|didn'?t happen)\b")
REMEMBERED = re.compile(r"\b(?:didn'?t|did not|didnt|never) forget\b|\bremembered\b")
_SKIP_VERB = re.compile(
    rf"\b{NOT_DONE}\s+(?:\w+\s+){{0,3}}?(?:take|taken|took|taking|had|have)\b|"
    r"\b(?:forgot|forgotten|forget|skipped|missed|ran out of|run out of|out of|no)\b|"
    r"\b(?:ran|run|runs|running) out\b|\bnone left\b|\b(?:all )?used up\b")


def skipped_supplement(t: str, mentioned: bool) -> bool:
    """A supplement named as NOT taken ("didn't take my K2", "forgot magnesium")."""
    if not mentioned or REMEMBERED.search(t) or re.search(
            r"\b(?:should|can|could|do|does|is|are) i\b|\?", t):
        return False
    if re.search(r"\bnot (?:taken|had)\b|\b(?:skipped|missed)\b", t) and not re.search(r"\btook\b", t):
        return True
    if re.search(r"\b(?:took|taken|had)\b(?!.*\b(?:didn'?t|not|forgot)\b)", t) and not \
            re.search(rf"\b{NOT_DONE}\s+(?:\w+\s+){{0,2}}?(?:take|taken|took|had)\b", t):
        return False
    return bool(_SKIP_VERB.search(t)) and not re.search(r"\bno (?:\w+ )?cramp", t)


def skipped_stretch(t: str) -> bool:
    return bool(_SKIPPED_STRETCH.search(t)) and not REMEMBERED.search(t)


# "going to do my stretches now", "I'll stretch later": still to come, not done
_STRETCH_TO_COME = re.compile(
    r"\b(?:going to|gonna|about to|i'?ll|i will|will|plan(?:ning)? to|need to|have to|must|should|"
    r"want to|better)\s+(?:go and |go |now )?(?:do (?:\w+ ){0,2}?)?stretch\w*|"
    r"\bstretch\w* (?:\w+ ){0,2}?(?:later|tomorrow|in a (?:bit|minute|while)|before bed tonight)\b")


def stretch_to_come(t: str) -> bool:
    """The stretches named as still to come ("I'll stretch later"), not as done."""
    return bool(_STRETCH_TO_COME.search(t)) and not re.search(
        r"\b(?:did|done|finished|completed|stretched)\b", t)

# ---- symptoms: a sensation or sign, not a new cramp ---------------------------------

_NOT_A_CRAMP = re.compile(
    r"\b(?:not|wasn'?t|isn'?t) (?:a |really a |exactly a |an actual )?cramp\b|"
    r"\bno cramp\b.{0,15}\b(?:just|only)\b|\bnot cramping\b")
_AFTERWARDS = re.compile(
    r"\bstill (?:\w+ ){0,2}?(?:sore|aching|achy|hurts?|hurting|tender|stiff|tight|painful|numb|"
    r"swollen|bruised|feels?)|\b(?:sore|aching|achy|tender|stiff|bruised)\b.{0,30}\b(?:from|after|"
    r"since)\b.{0,20}\b(?:cramp|last night|yesterday|earlier|the night)|\b(?:after|since) the cramp\b|"
    r"\bleft (?:it|my \w+) (?:sore|aching|tender|stiff)\b")
_SIGN = re.compile(  # signs and sensations that are not pain: never a cramp by themselves
    r"\b(?:stiff(?:ness)?|bruised?|numb\w*|tingl\w*|pins and needles|swollen|swelling|twitch\w*|"
    r"restless|heavy|weak(?:ness)?(?!\s*(?:tea|coffee))|cold|icy|discolou?r\w*|colou?r|red|redness|"
    r"reddish|warm|hot to (?:the )?touch|puffy|pale|white|blue|bluish|purple|mottled|blotchy|"
    r"dark|shiny|rash|itch\w*|flaky|scaly)\b")
_PAIN = re.compile(  # pain without a cramp named: a symptom unless it reads as an event
    r"\b(?:sore(?:ness)?|ache|aches|aching|achy|tender(?:ness)?|hurts?|hurting|pain|painful|"
    r"throbb\w*|burning)\b")
_STRONG = re.compile(r"\b(?:screaming|agony|agonising|agonizing|excruciating|unbearable|worst)\b")
_EVENT = re.compile(
    r"\bwoke (?:me|up)\b|\bwoken\b|\bsudden\w*|\bseized\b|\blocked\b|\bknot\w*|\bspasm\w*|"
    r"\bcurled\b|\bclench\w*|\bgrab\w*")


def is_symptom(t: str, cramp_named: bool, duration: int | None, timed: bool = False) -> bool:
    """A sign or sensation that is not a new cramp: said so ("not a cramp, just sore"),
    left over from one ("calf still sore this morning"), a sign with no cramp named
    ("toes went numb for 5 mins"), or pain with no cramp and nothing that makes it an
    event (a duration, a time, "woke me", "screaming") ("my leg hurts")."""
    if _NOT_A_CRAMP.search(t) or _AFTERWARDS.search(t):
        return True
    if cramp_named or _EVENT.search(t):
        return False
    if _SIGN.search(t):
        return True
    return bool(_PAIN.search(t)) and duration is None and not timed and not _STRONG.search(t)


# ---- which night was free of cramps ---------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_DAY_OF_MONTH = re.compile(r"\b(?:on |the |of the )(\d{1,2})(?:st|nd|rd|th)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)? (jan|feb|mar|apr|may|jun|jul|aug|sep|"
                        r"oct|nov|dec)[a-z]*\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                        r"[a-z]* (\d{1,2})(?:st|nd|rd|th)?\b")


def night_named(t: str, now: datetime) -> date:
    """The night a no-cramp report is about, named by the date of its evening: last night
    by default (tonight, once the evening has begun), or the one the words name."""
    today = now.date()
    last = today - timedelta(days=1)
    if re.search(r"\b(?:the )?night before last\b|\bday before yesterday\b", t):
        return last - timedelta(days=1)
    if re.search(r"\b(?:tonight|this evening|so far)\b", t) and now.hour >= 18:
        return today
    m = _DAY_SLASH.search(t)
    if m:  # "22/11" (day first; "11/22" read the other way round)
        day, month = int(m.group(1)), int(m.group(2))
        if month > 12 >= day:
            day, month = month, day
        for year in (today.year, today.year - 1):
            try:
                named = date(year, month, day)
            except ValueError:
                return last
            if named <= last:
                return named
        return last
    m = _DAY_OF_MONTH.search(t)
    if m:  # "on the 20th": this month's, or last month's if that is still to come
        year, month = today.year, today.month
        for _ in range(2):
            try:
                named = date(year, month, int(m.group(1)))
            except ValueError:
                named = None
            if named is not None and named <= last:
                return named
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return last
    m = _DAY_MONTH.search(t)
    if m:
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        try:
            named = date(today.year, _MONTHS.index(month[:3]) + 1, int(day))
        except ValueError:
            return last
        return named if named <= last else named.replace(year=today.year - 1)
    m = _WEEKDAY.search(t)
    if m:
        wanted = next(i for i, d in enumerate(_WEEKDAYS) if d.startswith(m.group(1)[:3]))
        back = (last.weekday() - wanted) % 7
        return last - timedelta(days=back)
    return last


# ---- looking back at the entries themselves ----------------------------------------
# "what did I log yesterday?", "show last week", "my entries": the diary, not the recap
_ENTRIES_ASKED = re.compile(
    r"\b(?:my diary|the diary|my (?:log|logs|entries)|the entries|entries|"
    r"what (?:did |have )?i (?:log|logged|put|entered|enter|record|recorded|note|noted|wr[oi]te)\w*|"
    r"what(?:'s| is) (?:in )?(?:my|the) (?:diary|log)|"
    r"(?:did|have) i (?:log|logged|record|recorded|enter|entered|put|note|noted) (?:anything|any|something|a|the)\b|"
    r"any (?:\w+ ){0,2}cramps? (?:logged|recorded|noted|entered)|"
    r"what (?:was|got) (?:logged|recorded|noted))\b")
_PERIODS = (  # (pattern, key), the first that matches names the period
    (re.compile(r"\b(?:past|last) (?:7|seven) days\b|\bpast week\b|\bthe last week\b"), "past_week"),
    (re.compile(r"\blast week\b|\bprevious week\b"), "last_week"),
    (re.compile(r"\bthis week\b"), "this_week"),
    (re.compile(r"\blast night\b|\bovernight\b"), "last_night"),
    (re.compile(r"\byesterday\b"), "yesterday"),
    (re.compile(r"\btoday\b|\bthis morning\b"), "today"),
)
_SHOW_PERIOD = re.compile(r"^(?:pls |please )?(?:show|list|see|display|view)(?: me)?(?: my| the)?"
                          r"(?: entries| log| diary)?(?: (?:for|from|of))? ")


def look_back(t: str, now: datetime) -> LookBack | None:
    """The entries someone asks to see, and of which period (None: they asked for the
    week's summary). `now` is local wall-clock time."""
    key = next((k for pattern, k in _PERIODS if pattern.search(t)), None)
    if not _ENTRIES_ASKED.search(t) and not (key and _SHOW_PERIOD.match(t)):
        return None
    if key is None:
        return LookBack()
    midnight = datetime.combine(now.date(), datetime.min.time())
    monday = midnight - timedelta(days=now.weekday())
    evening = midnight - timedelta(hours=12)  # last night: yesterday noon to today noon
    since, until = {
        "past_week": (now - timedelta(days=7), now + timedelta(minutes=1)),
        "last_week": (monday - timedelta(days=7), monday),
        "this_week": (monday, now + timedelta(minutes=1)),
        "last_night": (evening, evening + timedelta(days=1)),
        "yesterday": (midnight - timedelta(days=1), midnight),
        "today": (midnight, now + timedelta(minutes=1)),
    }[key]
    return LookBack(key, since, until)
