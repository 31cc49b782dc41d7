"""Red flags: the signs in `shared/medical-facts.md` that call for a clinician.

Pure: prepared text (`text.prepare`) in, the flags (`vocab.RED_FLAGS` names) out. A
sign counts when it is said of the person now; not when it is negated ("no
swelling", "nothing swollen", "not red or hot"), when it has passed ("the swelling
has gone down", "redness went away"), or when the word only looks alike (a hot
night, heat put on the leg, a cold bedroom, red in the face, puffed-up pillows, a
blood thinner, a faint twinge). Each pattern names a class of wordings: the body part
and what it does, not one sentence.
"""

from __future__ import annotations

import re

# the places a sign is said of ("my calf is hot", "a swollen ankle")
BODY = (r"(?:calf|calfs|calves|leg|legs|foot|feet|ankle|ankles|shin|shins|thigh|thighs|"
        r"knee|knees|toe|toes|skin|muscle|muscles|heel|heels|instep|sole|arch|hamstring|"
        r"back of (?:my |the )?(?:leg|knee|thigh)|lower leg|area|spot|patch)")
_IS = (r"(?:'s|'re|is|are|was|were|be|been|feels?|felt|feeling|looks?|looked|looking|seems?|"
       r"seemed|gone|went|going|goes|got|gets|getting|turned|turning|turns|has gone|have gone|"
       r"has turned|has become|became|become|has got|stays?|stayed|still|remains?|now)")
_QUAL = (r"(?:(?:very|really|so|quite|a bit|a little|bit|little|slightly|kind of|sort of|"
         r"rather|all|more|too|still|now|completely|totally|extremely|pretty|a|an|bright|"
         r"deep|dark|light|quite a bit|somewhat|noticeably|visibly|also|even|again|"
         r"suddenly|quickly)\s+){0,3}")
_COLOUR = r"(?:pale|paler|white|whiter|blue|bluish|blueish|bluey|grey|gray|greyish|mottled|ashen|waxy|blanched)"
_BECOME = (r"(?:turned|turning|turns|gone|went|going|goes|has gone|have gone|has turned|"
           r"have turned|became|become|has become|got|getting)")


# a sign said second in a pair: "calf feels warm and looks red", "legs are heavy and weak"
_AND_ALSO = r"(?:[a-z]+(?:,| and| &) (?:and )?(?:" + _IS + r" )?" + _QUAL + r")?"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# ---- each sign, in the ways people say it ----------------------------------------

_CHEST = _c(
    r"\bchest (?:pains?|hurts?|hurting|is hurting|tight\w*|pressure|aches?|aching|"
    r"discomfort|feels? (?:tight|heavy|sore|crushed|painful|funny|strange)|is (?:tight|sore|"
    r"heavy|painful)|heaviness|squeez\w*)|\b(?:pains?|aches?|tightness|pressure|heaviness|"
    r"squeezing|crushing(?: feeling)?|burning|a weight|stabbing|sharp pain) (?:in|across|on) "
    r"(?:my |the )?chest\b|\b(?:tight|heavy|painful|sore|crushing) chest\b|\bangina\b|"
    r"\bchest\b(?=(?:\s+\w+){0,4}?\s+(?:hurts?|hurting|pains?|painful|tight|tightness|sore|ache|"
    r"aching|heavy))|\b(?:hurts?|painful|pain|stabbing) (?:to|when i|when|on|as i) "
    r"(?:breathe|breath|breathing|take a breath|inhale)\b|\b(?:hurts?|pains?|painful|stabbing|"
    r"sharp) (?:\w+ ){0,3}?(?:when|as|if|whenever) i (?:take a |try to take a )?(?:deep |big )?"
    r"(?:breath|breathe|inhale|breathing)\b")
_BREATH = _c(
    r"\bbreathless\w*|\bshort(?:ness)? (?:of|on) breath\b|\bout of breath\b|"
    r"\b(?:can'?t|cannot|could ?n'?t|unable to|struggl\w* to|hard to|trouble|difficulty|"
    r"difficult to|struggl\w* for|fighting for|having to fight for) (?:catch (?:my |a )?|get (?:my |a )?|"
    r"take (?:a )?)?(?:breath|breathe|breathing|air)\b|"
    r"\bbreath(?:ing)? (?:is |was |feels |got |has got |very |really )*(?:hard|difficult|laboured|"
    r"labored|heavy|shallow|fast|rapid|short|tight|a struggle|strained)\b|"
    r"\bgasp\w* for (?:air|breath)\b|\bgasping\b|\bwinded\b|\bwheez\w*|\bpuffed out\b|"
    r"\bpanting\b|\bsuffocat\w*|\b(?:can'?t|cannot|couldn'?t) (?:get|catch) my breath\b|"
    r"\bair hunger\b|\b(?:barely|hardly|can only just) (?:breathe|breathing|get (?:a |my )?breath)\b|\bbreathing (?:problems?|trouble|difficult\w*)\b|\bdyspn\w*")
_COUGH_BLOOD = _c(
    r"\bcough\w* (?:\w+ ){0,3}?(?:up )?(?:some |a bit of |a little |bits of |streaks of |traces? of |"
    r"bright red |red )?blood\w*|\bblood (?:\w+ ){0,3}?(?:when|as|after) i cough\w*|"
    r"\bblood(?:y|-stained| stained| streaked|-streaked)? (?:in (?:my |the )?)?(?:sputum|phlegm|"
    r"mucus|spit|spittle)\b|\bspa?t\w* (?:out |up )?(?:some |a bit of |a little )?blood\b|"
    r"\bblood (?:\w+ ){0,2}?(?:when|while|after) (?:i was |i'm |im )?coughing\b|\b(?:sputum|phlegm|mucus|spit) (?:\w+ ){0,3}?(?:with |has |had )?"
    r"(?:blood|bloody|red)\b|\bh(?:a)?emoptysis\b|\bspit\w* (?:up |out )?blood\b")
_FAINT = _c(
    r"\bfainted\b|\bfainting\b|\bfaints\b|\b(?:felt|feel|feels|feeling|went|go|going|nearly|"
    r"almost|about to|might|could|would|i) faint\b|\bfaint(?:ing)? (?:spell|episode|fit)s?\b|"
    r"\bpass(?:ed|ing)? out\b|\bblack(?:ed|ing)? out\b|\bblackouts?\b|\bcollaps\w*|"
    r"\blost consciousness\b|\bloss of consciousness\b|\bunconscious\b|\bkeeled over\b|"
    r"\bswoon\w*|\bfaint (?:afterwards|after(?:wards)?|after (?:it|that|the cramp)|and dizzy)\b|"
    r"\bdizzy and faint\b|\bcame (?:to|round|around) on the (?:floor|ground)\b|\bsyncope\b")
_SWELL = _c(
    r"\bswell\w*|\bswollen\b|\bpuff(?:y|iness|ed up|ed|ing up)\b|\b(?:o)?edema\w*|"
    r"\boedema\b|\bbloated (?:leg|calf|ankle|foot)s?\b|\bballoon\w*|\bfluid (?:in|on) (?:my |the )?"
    + BODY + r"|\b(?:bigger|fatter|thicker|larger|wider|puffier|fuller) than (?:my |the )?"
    r"(?:other|left|right|1|one)\b|\b(?:twice|double) (?:the|its) (?:normal )?size\b|"
    r"\bsize of (?:the|my) other\b|\b(?:bigger|fatter|thicker|larger|puffier) (?:left|right) "
    + BODY + r"|\b(?:1|one) (?:leg|calf|ankle|foot) (?:is |looks |seems |has got |has gone )?"
    r"(?:\w+ )?(?:bigger|fatter|thicker|larger|puffier)\b|\bsock (?:marks?|lines?)\b")
_RED = _c(
    r"\bredness\b|\breddened\b|\breddening\b|\binflamed\b|\binflammation\b|\bred streaks?\b|"
    r"\b" + BODY + r" (?:\w+ ){0,2}?" + _IS + r" " + _QUAL + _AND_ALSO + r"(?:red|reddish|redder|pink|"
    r"pinkish|flushed|angry)\b|\bit(?:'s| is| was| looks?| looked| feels?| felt| went| has gone| "
    r"turned| got) " + _QUAL + r"(?:red|reddish|redder|pink|inflamed)\b|\b(?:red|reddish|pink|angry red|flushed) (?:and |, ?)?(?:\w+ )?"
    + BODY + r"\b|\b(?:swollen|hot|warm|tender|puffy|inflamed|sore|painful|shiny)(?:,| and| &)? "
    r"(?:and )?(?:a bit |very |quite )?(?:red|reddish)\b|\b(?:red|reddish)(?:,| and| &)? (?:and )?"
    r"(?:a bit |very |quite )?(?:swollen|hot|warm|tender|puffy|inflamed|shiny)\b|"
    r"\bred (?:patch|area|mark|blotch|rash|line|streak|spot|skin)\w*|\b(?:redder|pinker) than "
    r"(?:the |my )?(?:other|left|right|1|one)\b")
_WARM = _c(
    r"\b" + BODY + r" (?:\w+ ){0,2}?" + _IS + r" " + _QUAL + _AND_ALSO + r"(?:warm|hot|burning|burning hot|"
    r"warmer|hotter|feverish)\b|\b" + BODY + r" " + _QUAL + r"(?:warm|hot|burning hot|warmer|hotter)"
    r"\b|\bit (?:feels?|felt|looks?|is getting|went|has gone|got) " + _QUAL +
    r"(?:warm|hot|burning)\b|\b(?:warm|hot|warmer|hotter) (?:to|on) (?:the )?touch\b|"
    r"\b(?:warmth|heat|burning) (?:in|of|around|from|coming from|coming off) (?:my |the |his |her )?"
    r"(?:left |right |lower |upper )?" + BODY + r"\b|\b(?:warm|hot|burning hot) (?:and )?"
    r"(?:red |swollen |tender |puffy |sore )?(?:left |right )?(?:calf|calves|leg|legs|shin|"
    r"ankle|thigh|knee)\b|\b(?:swollen|red|tender|puffy|inflamed|sore|painful)(?:,| and| &)? "
    r"(?:and )?(?:a bit |very |quite |really )?(?:warm|hot)\b|\b(?:warm|hot)(?:,| and| &)? (?:and )?"
    r"(?:a bit |very |quite )?(?:swollen|red|tender|puffy|inflamed)\b|\b(?:swelling|redness|"
    r"tenderness|pain)(?:,| and| &)? (?:and )?(?:warmth|heat)\b|\b(?:tight|aching|achy|stiff|heavy|"
    r"throbbing|hurting)(?:,| and| &)? (?:and )?(?:a bit |very |quite |really )?(?:warm|hot)\b|\b(?:warmth|heat)(?:,| and| &)? "
    r"(?:and )?(?:swelling|redness|tenderness)\b|\bhot spot\b")
# what "hot"/"warm" is said of when it is not the leg: the night, the room, a bath...
_WARM_NOT = _c(
    r"^\W*(?:\w+ ){0,3}?(?:in bed|under the|duvet|covers|blanket|quilt|bath|shower|heat ?pad|"
    r"heating|hot water|weather|room|bedroom|radiator|sun|fire|after (?:a|the|my) (?:bath|"
    r"shower|walk|soak)|again now|now that|from the (?:bath|shower|heat|sun|fire))")
_TENDER = _c(
    r"\btender(?:ness|ly)?\b(?![- ](?:hearted|loving|steak|meat|chicken|offer|process|age|years|loin))|"
    r"\b(?:sore|painful|hurts?|hurting|hurt|pain|agony|ouch) (?:\w+ ){0,2}?(?:to|when i|if i|"
    r"when you|if you|when) (?:the )?(?:touch|touched|touching|press|pressed|pressing|squeez\w*|"
    r"prod\w*|poke|pressure)\w*\b|\b(?:touching|pressing|squeezing|pressure on|prodding) "
    r"(?:\w+ ){0,3}?(?:hurts?|is painful|is sore|makes (?:me|it) (?:wince|hurt)|painful)\b|"
    r"\bcan'?t (?:bear|stand) (?:\w+ ){0,2}?(?:touch\w*|pressure|the sheets?|the duvet)\b|"
    r"\bwince\w* (?:when|if) (?:i |you )?(?:touch|press)\w*")
_NUMB = _c(
    r"\bnumb(?:ness|ed|ing)?\b|\bpins (?:and|&|n) needles\b|"
    r"\btingl\w*|\bno feeling\b|\b(?:can'?t|cannot|could ?n'?t) (?:really |properly )?feel (?:my |the |anything|them|it|a thing)|"
    r"\blost (?:the |all |any )?(?:feeling|sensation)\b|\bloss of (?:feeling|sensation)\b|"
    r"\bdead (?:feeling|leg|foot|toes?)\b|\b(?:leg|foot|toes?) (?:\w+ )?(?:went|gone|feels?|is) "
    r"dead\b|\bprickl\w*|\bfeels? like cotton wool\b")
_WEAK = _c(
    r"\bweakness\b|\bweakened\b|\b" + BODY + r" (?:\w+ ){0,2}?" + _IS + r" " + _QUAL + _AND_ALSO +
    r"(?:weak|weaker|wobbly|floppy|useless|like jelly)\b|\bweak (?:legs?|knees?|ankles?|"
    r"muscles?|foot|feet|calf|calves|thighs?)\b|\b(?:gave|gives|give|giving) way\b|"
    r"\b(?:gave|gives) out\b|\bbuckl\w*|\b(?:can'?t|cannot|could ?n'?t|unable to) (?:lift|move|"
    r"stand on|put (?:any )?weight|bend|wiggle|point|flex|bear weight|walk on|raise|hold up) "
    r"(?:\w+ ){0,2}?(?:my |the |it|on|up|foot|leg|toes)|\bfoot drop\b|\bdropp?ing my foot\b|"
    r"\bmuscles? (?:\w+ ){0,2}?(?:wasting|wasted|shrinking|shrunk|shrunken|thinner|smaller)\b|"
    r"\b(?:wasting|wasted|withered|shrunken)\b(?! (?:my|time|money|food))|\b" + BODY +
    r" (?:\w+ ){0,2}?(?:is|are|has got|have got|has gone|looks?|got) (?:\w+ )?(?:thinner|smaller)\b")
_SKIN = _c(
    r"\bdiscolou?r\w*|\bskin (?:\w+ ){0,6}?(?:shiny|dark|darker|brown|purple|purplish|black|"
    r"different|weird|strange|odd|yellow|blotchy|changed?|changing|scaly|leathery|thin|tight|"
    r"funny|flaky|cracked|hard|hardened)\b|\b(?:dark|shiny|brown|purple|purplish|black|"
    r"blotchy|scaly|leathery|hard|thickened|discoloured|strange|funny) (?:and (?:\w+ ))?(?:skin|"
    r"patch\w*)\b|\b" + _BECOME + r" " + _QUAL + r"(?:dark|darker|shiny|brown|purple|purplish|"
    r"black|blotchy|a (?:funny|strange|weird|odd|different) colou?r|(?:dark|shiny) and (?:dark|"
    r"shiny))\b|\b(?:funny|strange|weird|odd|different|dark) colou?r\b|\bbruis\w*|\brash\b|"
    r"\bblotch\w*|\bskin changes?\b|\bulcer\w*|\bsores? (?:on|that)\b|\bwounds? (?:that|won'?t)\b|"
    r"\bhair (?:has )?(?:stopped growing|fall\w* out|loss)\b|\bwon'?t heal\b")
# a colour change of the leg or foot, and a cold one with other signs: a blocked artery
_LIMB_COLOUR = _c(
    r"\b(?:" + BODY + r"|it|they) (?:\w+ ){0,3}?(?:" + _IS + r" )?" + _QUAL + r"(?:(?:cold|icy|"
    r"ice cold|freezing)(?:,| and|,? and)? )?" + _COLOUR + r"\b|\b" + _COLOUR + r"(?:,| and|,? and)? "
    r"(?:and )?(?:cold|icy|freezing|numb)?\s*(?:left |right )?(?:foot|feet|toes?|leg|legs|calf|"
    r"shin)\b|\b" + _BECOME + r" " + _QUAL + r"(?:(?:cold|icy)(?:,| and|,? and)? )?" + _COLOUR +
    r"\b|\bmottl\w*|\b(?:no|can'?t (?:find|feel) (?:a|the|any)) pulse\b")
_COLD = _c(
    r"\b(?:" + BODY + r"|it|they) (?:\w+ ){0,3}?(?:" + _IS + r" )?" + _QUAL + r"(?:cold|icy|ice cold|"
    r"ice-cold|freezing|stone cold|colder|chilly|like ice)\b|\b(?:cold|icy|ice cold|ice-cold|"
    r"freezing|stone cold) (?:left |right )?(?:foot|feet|toes?|leg|legs|calf|shin)\b|"
    r"\bcolder than (?:the |my )?(?:other|left|right)\b")
# what makes a cold leg a sign and not a cold room
_COLD_WITH = _c(
    r"\b(?:sudden\w*|all of a sudden|numb\w*|pins (?:and|&) needles|tingl\w*|can'?t move|"
    r"cannot move|can'?t feel|no feeling|to the touch|colder than|one foot|1 foot|one leg|1 leg|"
    r"only (?:my |the )?(?:left|right)|(?:my |the )?(?:left|right|other)(?: one| foot| leg)? is "
    r"(?:warm|fine|normal)|pulse|purple|purplish|dark|" + _COLOUR + r"|mottl\w*)")
_FEVER = _c(
    r"\bfever\w*|\bfebrile\b|\bhigh temp\w*|\brunning (?:a |quite a )?(?:high )?temp\w*|"
    r"\b(?:have|has|had|got|get|with|i've got|developed|spiked?|spiking) (?:a |an |some |quite a |"
    r"slight |bit of a )?(?:high |slight |raised )?temp(?:erature)?\b(?! (?:in|of the|outside|"
    r"check|dropped|drop))|\btemp(?:erature)? (?:of |is |was )?(?:3[89]|4[01])(?:[.,]\d)?\b|"
    r"\b(?:3[89]|4[01])(?:[.,]\d)? ?(?:°|degrees|deg) ?c?\b|\b(?:10[0-4])(?:[.,]\d)? ?(?:°|degrees|deg) ?f\b|"
    r"\brigou?rs\b|\bchills and (?:a )?(?:fever|temp\w*|sweats)\b|\bhot and cold sweats\b|"
    r"\bshivery and (?:hot|feverish)\b|\b(?:the |had |having |got |with |bad |feverish )chills\b|"
    r"^chills\b")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("chest_pain", _CHEST), ("breathless", _BREATH), ("coughing_blood", _COUGH_BLOOD),
    ("fainting", _FAINT), ("swelling", _SWELL), ("redness", _RED), ("warmth", _WARM),
    ("tenderness", _TENDER), ("numbness", _NUMB), ("weakness", _WEAK),
    ("skin_change", _SKIN), ("fever", _FEVER),
]

# ---- what makes a mention not a sign -----------------------------------------------

# look-alikes, per flag: matched at the mention (or just around it)
_LOOKALIKE: dict[str, re.Pattern[str]] = {
    "swelling": _c(r"(?:swollen|swelling (?:of|in|on)|puffy) (?:my |the |his |her )?(?:gums?|glands?|eyes?|"
                   r"face|lips?|tongue|fingers?|hands?|wrists?|belly|stomach|tummy|neck|throat|"
                   r"cheeks?|nose|jaw)|(?:gums?|glands?|eyes?|face|lips?|tongue|fingers?|hands?) "
                   r"(?:\w+ )?(?:swollen|swelling|puffy)|puff\w* (?:up )?(?:the |my )?pillows?|puff(?:y|ed|iness) (?:eyes|face|jacket|coat)|"
                   r"swell (?:guy|idea|time)|ground swell|swelling (?:of )?(?:the )?(?:music|crowd)|"
                   r"puffed (?:out|on)|puffing (?:on|away)"),
    "redness": _c(r"red (?:\w+ ){0,2}?from (?:the |a |my )?(?:bath|shower|heat|sun|hot water|"
                  r"scrubbing|rubbing|massage|socks?|elastic)|sunburn\w*|red (?:in|of) the face|red[- ]faced|face (?:\w+ )?(?:red|flushed)|"
                  r"(?:eyes?|nose|cheeks?) (?:\w+ )?(?:red|flushed)|red (?:wine|light|meat|pill|sox|"
                  r"bull|cross|flag|onion|pepper|sky|eyes)"),
    "numbness": _c(r"mind[- ]numb\w*|numb(?:ed|ing)? (?:with|from) (?:boredom|cold|shock)|"
                   r"tingl\w* (?:of|with) (?:excitement|anticipation)"),
    "fainting": _c(r"collaps\w* (?:into|onto|on|in) (?:bed|the (?:bed|sofa|couch|chair)|a chair)|"
                   r"(?:passed|pass) out (?:the |some |leaflets|flyers)|collapsible|"
                   r"black out (?:blinds?|curtains?)|blackout (?:blinds?|curtains?)|faint[- ]?hearted|"
                   r"faint (?:hope|idea|smell|sound|memory|light|line|chance)"),
    "weakness": _c(r"(?:weak|weaker) (?:tea|coffee|signal|cramp|one|twinge|spasm)|"
                   r"wasted (?:time|money|food|day|night|effort)|blood thinner"),
    "skin_change": _c(r"bruis\w* (?:easily )?(?:from|on) (?:the|a) (?:bed|table|door|chair)|"
                      r"rash (?:decision|of|move)"),
    "fever": _c(r"(?:wife|husband|partner|son|daughter|child|kids?|baby|grand\w+|mum|mom|dad|"
                r"mother|father|friend|neighbour|neighbor|he|she|dog|cat) (?:\w+ ){0,2}?(?:has|had|"
                r"got|is running|was running|with|'s got) (?:a |an )?(?:high |slight )?"
                r"(?:temp\w*|fever\w*)|shiver\w* (?:with|from|in) (?:the )?cold|\d+ ?(?:°|degrees|deg) ?[cf]? (?:outside|"
                r"out there|today|in here|in the (?:room|house|bedroom|shade|sun))|"
                r"(?:outside|weather|room|bedroom|house) (?:\w+ ){0,3}?\d+ ?(?:°|degrees)"),
    "tenderness": _c(r"tender (?:loving|steak|meat|offer)|legal tender"),
    "warmth": _c(r"(?:put|putting|puts|used|using|use|apply|applied|applying|tried|try|trying|with|"
                 r"some|a little|bit of|needed|need|wanted) (?:some |a bit of |a little |more )?"
                 r"(?:heat|warmth)|heat ?pads?|heat (?:pack|wrap|patch|rub|lamp|pad)s?|warmth "
                 r"(?:helped|helps|of the)|(?:hot|warm) (?:water|bath|shower|towel|drink|milk|tea|"
                 r"day|night|weather|room|bedroom|bed|socks|blanket|clothes|compress|flannel|cloth|"
                 r"pack|pad|bottle|soak|wrap)|warm(?:ed|ing)? (?:up|it|them|my)|(?:keep|kept)\w* (?:\w+ ){0,2}"
                 r"(?:warm|hot)"),
    "cold_limb": _c(r"feel\w* (?:a bit |so |very )?blue|blue (?:pill|light|sky|sheets?|tablets?|"
                    r"bottle|mood)|white (?:wine|noise|pill|sheets?|tablets?|bread|light)|"
                    r"grey (?:day|sky|morning|hair)|pale (?:ale|yellow)|"
                    r"(?:face|cheeks?|complexion|he|she|i) (?:\w+ ){0,2}?" + _BECOME + r" (?:\w+ )?"
                    r"(?:pale|white|grey|gray|ashen)|(?:pale|white|ashen) (?:in the )?face"),
}
_NEGATOR = _c(
    r"\b(?:no|not|without|never|none|nor|neither|isn'?t|wasn'?t|aren'?t|weren'?t|don'?t|"
    r"doesn'?t|didn'?t|haven'?t|hasn'?t|hadn'?t|won'?t|wouldn'?t|no sign of|no signs of|free of|denies|"
    r"nothing|zero|no longer|no more|nope|nil|absence of|lack of|ruled out)\b")
_NOT_A_NEGATOR = _c(r"\b(?:not sure|no idea|not certain|no wonder|no reason|not know|don'?t know|"
                    r"no matter|never mind|not only|no doubt|doesn'?t stop|won'?t stop|"
                    r"didn'?t stop|not stopping|can'?t|cannot|could ?n'?t)\b")
_HARD_BREAK = _c(r"[.;!?\n]|\bbut\b|\bthough\b|\balthough\b|\bhowever\b|\bwhereas\b|\byet\b|\bjust\b|"
                 r"\bwhile\b|\bexcept\b|\bapart from\b|\binstead\b|\bnow\b")
# between a negator and the sign: a list of signs ("no swelling, redness or warmth")
_LISTABLE = frozenset(
    ["swelling", "swollen", "swell", "red", "redness", "warm", "warmth", "hot", "heat", "tender", "tenderness", "numb", "numbness", "tingling", "weak", "weakness", "pain", "painful", "sore", "puffy", "puffiness", "or", "and", "nor", "any", "signs", "sign", "of", "the", "my", "a", "bit", "very", "at", "all", "colour", "color", "change", "changes", "discolouration", "discoloration", "inflamed", "fever", "temperature", "chest", "breathless", "breathing", "bruising", "rash", "pale", "blue", "cold", "in", "calf", "leg", "legs", "foot", "feet", "ankle"])
_PASSED = _c(
    r"\b(?:gone|went away|go(?:ne)? away|gone down|went down|going down|goes down|settled|"
    r"subsided|subsiding|cleared|clearing|disappeared|disappearing|faded|fading|resolved|"
    r"wore off|worn off|wearing off|eased|easing|passed|is over|back to normal|normal again|"
    r"fine now|ok now|okay now|better now|all better|died down|calmed down|reduced|no more|"
    r"no longer|any ?more|has stopped|stopped|last (?:year|month)|"
    r"years? ago|months ago|long ago|as a child)\b|^\W*(?:no|none|"
    r"nope|nil|n/a|0)\b")
_PASSED_BETWEEN = frozenset(
    ["has", "have", "had", "is", "are", "was", "were", "'s", "'re", "it", "its", "it's", "they", "the", "and", "or", "now", "completely", "totally", "all", "mostly", "pretty", "much", "both", "from", "last", "week", "weeks", "yesterday", "since", "overnight", "finally", "off", "right", "nearly", "almost", "fully", "entirely", "swelling", "redness", "warmth", "heat", "numbness", "tingling", "tenderness", "weakness", "bruising", "rash", "feeling", "sensation", "in", "my", "calf", "leg", "legs", "foot", "feet", "ankle", "toes", "a", "bit", "lot", "has", "mainly", "largely", "since", "then", "this", "morning", "by", "bit", "by", "not", "there", "left",
     "right", "big", "little", "on", "of", "around", "over", "at", "mark", "patch", "spot", "area",
     "really", "n't", "isn't", "shin", "shins", "thigh", "thighs", "toe", "knee", "knees", "skin",
     "heel", "arch", "sole", "hamstring", "lower", "upper", "back", "side", "front", "up"])
_AFTER_BREAK = _c(r"[.;!?\n]|\bbut\b|\bthough\b|\balthough\b|\bhowever\b|\bwhereas\b|\byet\b|"
                  r"\bwhile\b|\bexcept\b|\binstead\b")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+|,", text.replace("'s ", " 's ").replace("'re ", " 're "))


def _negated(text: str, start: int) -> bool:
    """A negation cue in the same clause before `start`: close by, or heading a list of
    signs ("no swelling, redness or warmth")."""
    window = text[max(0, start - 80): start]
    breaks = list(_HARD_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    window = _NOT_A_NEGATOR.sub(" _ ", window)
    cues = list(_NEGATOR.finditer(window))
    if not cues:
        return False
    between = _words(window[cues[-1].end():])
    if len([w for w in between if w != ","]) <= 4 and "," not in between and "and" not in between:
        return True
    return all(w in _LISTABLE or w == "," for w in between) and len(between) <= 10


# "it was swollen yesterday but it's gone down": said in the past, then over by a pronoun
_WAS_BEFORE = _c(r"\b(?:was|were|had been|had|yesterday|earlier|last night)\b")
_BUT_IT = _c(r"^[^.;!?]{0,30}?\b(?:but|though|although)\s+(?:it|that|this|they|all that|all of that)"
             r"(?:'s|'re| is| are| has| have| had)?\s+((?:\w+\s+){0,2}?)(?:" + _PASSED.pattern + ")")


def _passed(text: str, end: int) -> bool:
    """Said as over: "swelling gone", "the redness has faded", "swelling? none"."""
    m = _BUT_IT.match(text[end: end + 80])
    if m and _WAS_BEFORE.search(text[max(0, end - 50): end + 30]) and "cramp" not in m.group(0) and \
            not re.search(r"\bnot\b|n't\b|\bnever\b", m.group(0)) and \
            all(w in _PASSED_BETWEEN for w in m.group(1).split()):
        return True
    after = text[end: end + 60]
    breaks = list(_AFTER_BREAK.finditer(after))
    if breaks and breaks[0].start() > 0:
        after = after[:breaks[0].start()]
    elif breaks and breaks[0].start() == 0 and not re.match(r"\W*\?", after):
        return False
    m = _PASSED.search(after)
    if m is None:
        return False
    between = _words(after[:m.start()])
    if between and between[-1] in ("not", "n't", "isn't", "hasn't", "haven't") and not re.match(
            r"any ?more|no longer", m.group(0)):
        return False  # "not gone", "hasn't gone down"
    return all(w in _PASSED_BETWEEN or w == "," or w.isdigit() for w in between)


def _lookalike(flag: str, text: str, m: re.Match[str]) -> bool:
    """The mention is part of an everyday phrase that only looks like the sign."""
    pattern = _LOOKALIKE.get(flag)
    if pattern is None:
        return False
    lo = max(0, m.start() - 25)
    return any(lo + a < m.end() and lo + b > m.start()
               for a, b in (x.span() for x in pattern.finditer(text[lo: m.end() + 25])))


def _present(flag: str, text: str, pattern: re.Pattern[str]) -> bool:
    for m in pattern.finditer(text):
        if _negated(text, m.start()) or _passed(text, m.end()) or _lookalike(flag, text, m):
            continue
        if flag == "warmth" and _WARM_NOT.search(text[m.end():m.end() + 40]) and not re.search(
                r"touch|swollen|swelling|red|tender", m.group(0)):
            continue
        return True
    return False


_PALE_ONLY = _c(r"\b(?:pale|paler|ashen|waxy)\b")
_CHANGE = _c(r"\b(?:turned|turning|turns|gone|went|going|goes|become|became|sudden\w*|cold|"
             r"icy|freezing|numb\w*|tingl\w*|pins and needles|no pulse|can'?t move)\b")


def _cold_limb(text: str) -> bool:
    for m in _LIMB_COLOUR.finditer(text):
        if _negated(text, m.start()) or _passed(text, m.end()) or _lookalike("cold_limb", text, m):
            continue
        colours = set(re.findall(_COLOUR, m.group(0)))
        around = text[max(0, m.start() - 40): m.end() + 60]
        if colours and colours <= {"pale", "paler", "ashen", "waxy"} and not _CHANGE.search(around):
            continue  # pale skin is not a change; pale and cold, or gone pale, is
        return True
    for m in _COLD.finditer(text):
        if _negated(text, m.start()) or _passed(text, m.end()):
            continue
        around = text[max(0, m.start() - 60): m.end() + 80]
        if _COLD_WITH.search(around) and not re.search(r"\bno (?:numb|tingl|pins)", around):
            return True
    return False


def red_flags(text: str) -> tuple[str, ...]:
    """The red flags a prepared text reports, in `vocab.RED_FLAGS` order."""
    found = {flag for flag, pattern in _PATTERNS if _present(flag, text, pattern)}
    if _cold_limb(text):
        found.add("cold_limb")
    from ..vocab import RED_FLAGS
    return tuple(f for f in RED_FLAGS if f in found)


def cramp_reported(text: str) -> bool:
    """The message itself says a cramp happened ("cramp", "spasm", "charley horse"), not
    just a sign of the leg ("my calf is swollen"): raw text in."""
    from .reader import _CRAMP_NEGATED, _CRAMP_PURPOSE, _CRAMP_WORD
    from .text import prepare

    t = prepare(text if isinstance(text, str) else str(text))
    spans = [m.span() for m in (*_CRAMP_NEGATED.finditer(t), *_CRAMP_PURPOSE.finditer(t))]
    return any(not any(a <= m.start() < b for a, b in spans) for m in _CRAMP_WORD.finditer(t))


def place(text: str) -> tuple[str | None, str | None]:
    """(muscle, side) named in a raw text, for a symptom entry."""
    from .reader import _muscle, _side
    from .text import prepare

    t = prepare(text if isinstance(text, str) else str(text))
    return _muscle(t), _side(t)
