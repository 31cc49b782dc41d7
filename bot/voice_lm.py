"""The recogniser's domain: what people say into a cramp diary, as a language model.

A general English model hears "left calf, three minutes" as "yeah three it's". Biasing
the recogniser towards the diary's language fixes most of that. The language is a
small grammar over the domain's vocabulary, not a list of example messages:

- the words come from `bot.vocab` (muscles, sides, supplements, severity words, signs,
  the body: the spoken forms, defined beside the names the reader answers), number
  words spelt out from numbers, and the units of time;
- the grammar is the shapes of what people say for each intent the reader knows:
  a cramp (a place, with any of a duration, how bad, when, in any order, with the
  hedges and fillers of someone half asleep), no cramp, a supplement taken or skipped,
  a stretch done or not, a symptom that is not a cramp ("still sore"), a correction
  ("oops it was the left"), and the short answers (yes, no, thanks, undo, help).

It never reads a fixture or a recorded note: the held-out notes in
`tests/fixtures/voice/heldout/` are kept out of it (a test checks that none of their
sentences is generated here). A trigram model in ARPA text form is built from the
sentences the grammar generates, at start-up, in a fraction of a second; nothing is
downloaded.

Pure: no I/O. `arpa(sentences())` is what the recogniser loads.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from .vocab import (
    SIDES,
    SPOKEN_MUSCLES,
    SPOKEN_PLURALS,
    SPOKEN_SEVERITIES,
    SPOKEN_SIGNS,
    SPOKEN_SUPPLEMENTS,
)

# ---- words ------------------------------------------------------------------------

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def say(n: int) -> str:
    """0..99 as spoken: 45 -> "forty five"."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")


# How long, per unit: the counts people give (small ones most often).
_COUNTS = {
    "seconds": (5, 10, 15, 20, 30, 40, 45, 50, 60, 90),
    "minutes": (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2, 3, 4, 5, 2, 4, 12, 15, 20, 30),
    "hours": (1, 2),
}
_VAGUE = ("a", "a few", "a couple of", "half a", "a minute and a half", "a couple")
CRAMP_WORDS = ("cramp", "cramps", "cramped", "cramping", "spasm", "charley horse")
_INTENSIFIERS = ("", "", "", "really", "very", "pretty", "quite", "so", "super")
_HEDGES = ("", "", "", "", "", "ugh", "oh", "okay", "um", "so", "again", "another one")
_WHEN = (
    "last night", "tonight", "this morning", "in the night", "just now", "an hour ago",
    "earlier", "yesterday", "again", "at midnight",
)
_IT_WAS = ("it was", "it is", "it was my", "it's my", "it's the", "the")
_SORRY = ("oops", "sorry", "actually", "wait", "no", "oh", "my mistake", "")
_YES_NO = ("yes", "yeah", "yep", "no", "nope", "none", "not really", "thanks", "thank you",
           "okay", "cheers", "good night", "hi", "hello")
_COMMANDS = ("undo", "undo that", "delete that", "delete the last one", "how am i doing",
             "show my week", "show me my week", "help", "what can i say", "same again")


# ---- the grammar ---------------------------------------------------------------------

Rng = random.Random


def _pick(rng: Rng, *options: str) -> str:
    return rng.choice(options)


def number(rng: Rng, unit: str) -> str:
    if rng.random() < 0.12:
        vague = rng.choice(_VAGUE)
        if vague == "a minute and a half":
            return vague
        if vague in ("a", "half a"):
            return f"{vague} {unit.removesuffix('s')}"
        return f"{vague} {unit}"
    n = rng.choice(_COUNTS[unit])
    return f"{say(n)} {unit.removesuffix('s') if n == 1 else unit}"


def duration(rng: Rng) -> str:
    unit = rng.choices(("seconds", "minutes", "hours"), (3, 8, 1))[0]
    lead = _pick(rng, "", "", "", "for", "about", "for about", "around", "maybe", "lasted",
                 "it lasted", "lasted about", "roughly", "nearly", "almost", "over", "like",
                 "for maybe", "at least", "just")
    return f"{lead} {number(rng, unit)}"


def severity(rng: Rng) -> str:
    r = rng.random()
    if r < 0.25:
        score = _pick(rng, *(say(n) for n in range(1, 11)))
        return f"{_pick(rng, '', '', 'about', 'like', 'maybe', 'a')} {score} out of ten"
    if r < 0.35:
        return _pick(rng, "it hurt", "it really hurt", "it hurt a lot", "hurt like hell",
                     "it was agony", "could barely walk")
    word = rng.choice(SPOKEN_SEVERITIES)
    if word.startswith(("not", "the", "agony")):
        return word
    return f"{_pick(rng, '', '', 'it was', 'that was')} {rng.choice(_INTENSIFIERS)} {word}"


def clock(rng: Rng) -> str:
    hour = say(rng.randint(1, 6) if rng.random() < 0.8 else rng.randint(7, 12))
    tail = _pick(rng, "", "", "a m", "in the morning", "o'clock", "thirty", "fifteen")
    return f"{_pick(rng, 'at', 'at', 'around', 'about', 'at about')} {hour} {tail}"


def when(rng: Rng) -> str:
    return clock(rng) if rng.random() < 0.35 else rng.choice(_WHEN)


def place(rng: Rng) -> str:
    """Where it was: a side and a muscle, or both of a pair, or a muscle alone."""
    muscle = rng.choice(SPOKEN_MUSCLES)
    side = rng.choice(SIDES[:2])
    r = rng.random()
    if r < 0.12:
        return f"{_pick(rng, 'both', 'both my', 'both of my', 'my')} {rng.choice(SPOKEN_PLURALS)}"
    if r < 0.22:
        return f"{_pick(rng, 'my', 'the', '')} {muscle}"
    if r < 0.32:
        return f"{_pick(rng, 'my', 'the', '')} {muscle} on the {side}{_pick(rng, '', ' side')}"
    return f"{_pick(rng, '', '', 'my', 'the')} {side} {muscle}"


def cramp(rng: Rng) -> str:
    where = place(rng)
    word = rng.choice(CRAMP_WORDS)
    shape = rng.randrange(6)
    if shape == 0:
        head = f"{where} {word}"
    elif shape == 1:
        head = f"{_pick(rng, 'cramp', 'a cramp', 'bad cramp', 'another cramp', 'spasm')} in {where}"
    elif shape == 2:
        head = (f"{_pick(rng, 'i had', 'had', 'woke up with', 'just had', 'got', 'i got')} "
                f"{_pick(rng, 'a', 'a', 'another', 'a bad')} cramp in {where}")
    elif shape == 3:
        head = f"{where} {_pick(rng, 'cramped', 'cramped up', 'seized up', 'locked up', 'went')}"
    elif shape == 4:
        it_was = rng.choice(_IT_WAS)
        if it_was.endswith(("my", "the")):
            where = where.removeprefix("my ").removeprefix("the ")
        head = f"{it_was} {where}"
    else:
        head = where  # said like a list: "left calf, four minutes, bad"
    parts = [rng.choice(_HEDGES), head]
    extras = [extra(rng) for extra, p in _EXTRAS if rng.random() < p]
    rng.shuffle(extras)
    if not extras and shape >= 4:
        extras.append(duration(rng))
    parts += extras
    if rng.random() < 0.3:  # any order: "four minutes, left calf"
        rng.shuffle(parts)
    return " ".join(parts)


# What may follow a cramp's place, each with how often it is said.
_EXTRAS: tuple[tuple[Callable[[Rng], str], float], ...] = (
    (lambda rng: duration(rng), 0.65), (lambda rng: severity(rng), 0.45),
    (lambda rng: when(rng), 0.25), (lambda rng: sign(rng), 0.1),
)


def sign(rng: Rng) -> str:
    what = rng.sample(SPOKEN_SIGNS, 2)
    return _pick(rng, f"it's {what[0]}", f"it's {what[0]} and {what[1]}", f"still {what[0]}",
                 f"feels {what[0]}", f"{what[0]} and {what[1]}")


def symptom(rng: Rng) -> str:
    """A sign of the body that is not a new cramp."""
    what = rng.sample(SPOKEN_SIGNS, 2)
    where = place(rng) if rng.random() < 0.8 else "it"
    verb = _pick(rng, "is", "is still", "feels", "still feels", "was", "has been", "is a bit")
    tail = _pick(rng, "", "", "", f"and {what[1]}", f"{rng.choice(_WHEN)}",
                 "after the cramp", "from the cramp")
    r = rng.random()
    if r < 0.2:
        return f"{_pick(rng, 'still', 'still really', 'a bit')} {what[0]} {tail}"
    if r < 0.3:
        return _pick(rng, "chest pain", "short of breath", "i have a fever", "my leg feels weak",
                     "it keeps coming back", "i can't sleep", "the skin looks different",
                     "not a cramp just sore", "my leg hurts")
    return f"{where} {verb} {what[0]} {tail}"


def supplement(rng: Rng) -> str:
    took = _pick(rng, "took", "took my", "i took", "i took my", "just took", "had my",
                 "i've had", "i've had my", "i've taken", "i've taken my", "taken my",
                 "done my", "had")
    what = rng.choice(SPOKEN_SUPPLEMENTS).removeprefix("my ")
    amount = _pick(rng, "", "", "", "", "one hundred eighty micrograms", "four hundred milligrams",
                   "two hundred milligrams", "one tablet", "two tablets", "a tablet")
    return f"{took} {what} {amount} {_pick(rng, '', '', '', *_WHEN, 'with dinner', 'at bedtime')}"


def skipped(rng: Rng) -> str:
    what = rng.choice(SPOKEN_SUPPLEMENTS).removeprefix("my ")
    stretch = _pick(rng, "didn't stretch", "i didn't stretch", "didn't do my stretches",
                    "i didn't do my stretches", "no stretching", "skipped my stretches",
                    "forgot to stretch", "i forgot to stretch", "haven't stretched")
    pill = _pick(rng, f"didn't take my {what}", f"i didn't take my {what}", f"forgot my {what}",
                 f"i forgot my {what}", f"forgot to take my {what}", f"haven't taken my {what}",
                 f"no {what}", f"ran out of {what}", f"i ran out of {what}", f"skipped my {what}")
    return f"{rng.choice((stretch, pill))} {_pick(rng, '', '', *_WHEN)}"


def stretch(rng: Rng) -> str:
    done = _pick(rng, "did my stretches", "i did my stretches", "did my stretching", "stretched",
                 "i stretched", "stretches done", "done my stretches", "did the stretches")
    extra = _pick(rng, "", "", "", "for ten minutes", "for five minutes", *_WHEN)
    return f"{done} {extra}"


def no_cramp(rng: Rng) -> str:
    none = _pick(rng, "no cramps", "no cramp", "no cramps", "didn't have any cramps",
                 "i didn't get a cramp", "no cramping", "zero cramps", "cramp free",
                 "no leg cramps", "nothing")
    tail = _pick(rng, "", "slept well", "a good night", "great night", "all good")
    return f"{none} {_pick(rng, '', 'last night', 'tonight', 'today', 'at all')} {tail}"


def correction(rng: Rng) -> str:
    side = rng.choice(SIDES[:2])
    body = _pick(rng, f"it was the {side}", f"it was my {side}", f"i meant {side}",
                 f"i meant the {side}", f"not the {side}", f"the {side} one",
                 f"it was the {side} {rng.choice(SPOKEN_MUSCLES)}",
                 f"i meant my {side} {rng.choice(SPOKEN_MUSCLES)}",
                 f"it was my {rng.choice(SPOKEN_MUSCLES)}",
                 f"it lasted {number(rng, 'minutes')}", f"it was {number(rng, 'minutes')}",
                 f"make that {number(rng, 'minutes')}", f"it was {severity(rng)}")
    return f"{rng.choice(_SORRY)} {body} {_pick(rng, '', '', '', 'not the other one', 'sorry')}"


_SHORT = (*_YES_NO, *_COMMANDS)
# intent -> (maker, weight)
_GRAMMAR: tuple[tuple[Callable[[Rng], str], int], ...] = (
    (cramp, 55), (no_cramp, 7), (supplement, 8), (skipped, 6), (stretch, 4), (symptom, 8),
    (correction, 7), (lambda rng: rng.choice(_SHORT), 5),
)


def sentences(n: int = 6000, seed: int = 7) -> Iterator[str]:
    """Messages a person might say: every short answer once, then `n` from the grammar."""
    yield from _SHORT
    rng = random.Random(seed)
    makers = [m for m, _ in _GRAMMAR]
    weights = [w for _, w in _GRAMMAR]
    for maker in rng.choices(makers, weights, k=n):
        yield " ".join(maker(rng).split())


# ---- the model -----------------------------------------------------------------------


def arpa(lines: Iterable[str], discount: float = 0.5) -> str:
    """A trigram model with absolute discounting and back-off, in ARPA text form."""
    counts: list[Counter[tuple[str, ...]]] = [Counter(), Counter(), Counter()]
    for line in lines:
        words = ["<s>", *line.split(), "</s>"]
        for order in (1, 2, 3):
            for i in range(len(words) - order + 1):
                counts[order - 1][tuple(words[i:i + order])] += 1
    uni = counts[0]
    vocab = sorted(w for (w,) in uni)
    total = sum(c for (w,), c in uni.items() if w != "<s>")
    p1 = {(w,): (uni[(w,)] + 1) / (total + len(vocab)) for w in vocab}
    probs: list[dict[tuple[str, ...], float]] = [p1, {}, {}]
    for order in (2, 3):
        history: Counter[tuple[str, ...]] = Counter()
        for gram, c in counts[order - 1].items():
            history[gram[:-1]] += c
        for gram, c in counts[order - 1].items():
            probs[order - 1][gram] = (c - discount) / history[gram[:-1]]
    bows: list[dict[tuple[str, ...], float]] = [{}, {}]
    for order in (1, 2):  # back-off weight of each history of the next order
        seen: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for gram in probs[order]:
            seen.setdefault(gram[:-1], []).append(gram)
        for hist, grams in seen.items():
            left = 1 - sum(probs[order][g] for g in grams)
            lower = 1 - sum(_lower(probs, bows, g[1:]) for g in grams)
            bows[order - 1][hist] = left / lower if lower > 0 else 1.0
    out = ["\\data\\"] + [f"ngram {o}={len(probs[o - 1])}" for o in (1, 2, 3)] + [""]
    for order in (1, 2, 3):
        out.append(f"\\{order}-grams:")
        for gram in sorted(probs[order - 1]):
            p = -99.0 if gram == ("<s>",) else math.log10(probs[order - 1][gram])
            line = f"{p:.4f} {' '.join(gram)}"
            if order < 3:
                line += f" {math.log10(bows[order - 1].get(gram, 1.0)):.4f}"
            out.append(line)
        out.append("")
    out.append("\\end\\")
    return "\n".join(out) + "\n"


def _lower(probs: list[dict[tuple[str, ...], float]],
           bows: list[dict[tuple[str, ...], float]], gram: tuple[str, ...]) -> float:
    """P(gram) of the next lower order, backing off where it was not seen."""
    if len(gram) == 1:
        return probs[0][gram]
    if gram in probs[1]:
        return probs[1][gram]
    return bows[0].get(gram[:1], 1.0) * probs[0][gram[1:]]


def vocabulary(lines: Iterable[str]) -> set[str]:
    return {w for line in lines for w in line.split()}
