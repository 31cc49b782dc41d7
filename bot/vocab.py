"""The domain's vocabulary, defined once: muscles, sides, supplements, red flags, units.

Canonical names are what the reader answers, what storage keeps and what exports
show. What a person reads for each name (label, plural) is in the text catalogue
under `muscle.*`, `side.*` and `supplement.*`; what the recogniser expects people to
say for each (the spoken forms) is here, beside the name, so the voice model and the
reader cannot drift apart.
"""

from __future__ import annotations

MUSCLES: tuple[str, ...] = ("calf", "foot", "toes", "thigh", "hamstring", "shin", "other")
SIDES: tuple[str, ...] = ("left", "right", "both")
SUPPLEMENTS: tuple[str, ...] = (
    "vitamin_k2", "magnesium", "vitamin_b", "vitamin_d", "potassium", "other",
)
UNITS: tuple[str, ...] = ("mg", "mcg", "iu", "g", "ml")
RED_FLAGS: tuple[str, ...] = (
    "swelling", "redness", "warmth", "tenderness", "numbness", "weakness", "skin_change",
    "cold_limb", "chest_pain", "breathless", "coughing_blood", "fainting", "fever",
)

# The supplements offered by buttons (set-up, /trial): the ones people take for cramps.
OFFERED_SUPPLEMENTS: tuple[str, ...] = ("vitamin_k2", "magnesium", "vitamin_b")
K2 = "vitamin_k2"
STRETCH = "stretch"  # what a skipped stretch is called in an entry's `name`

# How people say each name aloud (for the recogniser's domain language model).
SPOKEN_MUSCLES: tuple[str, ...] = (
    "calf", "foot", "toes", "toe", "thigh", "hamstring", "shin", "leg", "arch", "ankle",
    "quad", "back of my thigh", "back of my leg",
)
SPOKEN_PLURALS: tuple[str, ...] = ("calves", "feet", "thighs", "legs", "hamstrings")
SPOKEN_SUPPLEMENTS: tuple[str, ...] = (
    "k two", "vitamin k two", "my k two", "magnesium", "my magnesium", "vitamin b",
    "b twelve", "vitamin d", "potassium", "my vitamins", "my supplement", "my pills",
    "vitamin b complex", "m k seven",
)
# How people say how bad it was (before any "really", "very", "pretty"), and on a scale.
SPOKEN_SEVERITIES: tuple[str, ...] = (
    "bad", "not bad", "not too bad", "mild", "slight", "moderate", "painful", "terrible",
    "awful", "horrible", "severe", "excruciating", "agony", "the worst ever", "sore",
)
# Signs said of a leg ("my left calf is swollen"): the red flags' and soreness's words.
SPOKEN_SIGNS: tuple[str, ...] = (
    "swollen", "red", "warm", "hot", "numb", "weak", "tender", "puffy", "sore", "stiff",
    "tight", "aching", "cold", "tingling",
)
# Said together with a symptom, these make it a symptom of the body worth acting on
# (a misheard "hot" alone must not send someone to a doctor at 3 a.m.).
SPOKEN_BODY: tuple[str, ...] = (
    "leg", "legs", "calf", "calves", "foot", "feet", "ankle", "thigh", "knee", "toe", "toes",
    "shin", "chest", "breath", "breathless", "skin", "muscle",
)
# What Whisper is told to expect: the domain's words in one breath.
WHISPER_PROMPT = ("Left calf cramp, three minutes, really bad. No cramps last night. "
                  "Took my K2 and magnesium. Right foot at 3 a.m., 30 seconds, mild.")
