"""The reader's vocabulary in de: (pattern, English) pairs, tried in order.

See `bot/parsing/lexicon/__init__.py` for how they are applied. Longer phrases come
before the words inside them.
"""

from __future__ import annotations

import re

# Hours as people write them, folded: "4" or "vier" (a clock word needs its hour).
_HOURS = ("eins|ein", "zwei|zwo", "drei", "vier", "funf|fuenf", "sechs", "sieben", "acht",
          "neun", "zehn", "elf", "zwolf|zwoelf")


def _hour(h: int) -> str:
    return rf"(?:{h}|{_HOURS[h - 1]})"


_ANY_HOUR = r"(?:\d{1,2}|" + "|".join(_HOURS) + r")\b"

_DAYS = (("montag", "monday"), ("dienstag", "tuesday"), ("mittwoch", "wed"),
         ("donnerstag", "thursday"), ("freitag", "friday"), ("samstag|sonnabend", "sat"),
         ("sonntag", "sunday"))

_SUPPS = ((r"vitamin ?k2|vit\.? ?k2|k2|mk-?7", "k2"), (r"vitamin ?d3?|vit\.? ?d3?|d3", "vitamin d"),
          (r"vitamin ?b ?12|b ?12", "b12"), (r"magnesium\w*", "magnesium"), (r"kalium\w*", "potassium"))

# ---- whole phrases that span words translated below ---------------------------------
_FIRST: tuple[tuple[str, str], ...] = (
    (r"guten morgen|gumo|moin moin|moin|moinsen", "good morning"),
    (r"gute nacht|gut nacht|gn8|guts nachtle|gute n8", "night night"),
    (r"(?:hab|habe|hab's|habs) (?:heute |heut |auch |endlich |diesmal |mal )*an (?:mein\w* |das "
     r"|die |den )?", "remembered "),
    (r"(?<=\w )gedacht", ""),
    *((rf"(?:{de}) (?:ist |sind |war |waren )?(?:mir )?(?:ganz |total |wieder )?"
       r"eingeschlafen", f"{en} gone numb")
      for de, en in (("fuss|fues|fuß", "foot"), ("bein", "leg"), ("zehen|zeh", "toes"),
                     ("fusse|fuesse", "feet"), ("beine", "legs"), ("wade|wadl", "calf"))),
    (r"morgen (?:fruh|frueh|morgen|vormittag)", "tomorrow morning"),
    (r"morgen (?:abend|nachmittag)", "tomorrow evening"),
    (r"seit (\d+) (?:tagen|tage)", r"for \1 days"),
    (r"seit (\d+) (?:wochen|woche)", r"for \1 weeks"),
    (r"unruhige beine|unruhe in den beinen|zappelbeine|restless legs", "restless legs"),
    (r"(?:den|das|die) ich (?:grad |gerade |eben |vorhin )?(?:eingegeben|eingetragen|geschrieben|"
     r"geschickt) (?:hab|habe)\w*", "i just put in"),
    (r"(\d+) ?min\w* (?:dehnubung\w*|dehnuebung\w*|dehnen|stretching|gedehnt)",
     r"did \1 min of stretching"),
    *((rf"(?:{de}) (?:ist |sind |war |waren )?(?:jetzt |schon )?(?:alle|leer|aus|ausgegangen|"
       r"aufgebraucht)", f"out of {en}")
      for de, en in _SUPPS),
    *((rf"(?:{de}) (?:wird|werden|geht|gehen) (?:langsam |bald )?"
       r"(?:knapp|aus|zur neige|zu ende)", f"running low on {en}") for de, en in _SUPPS),
    (r"eigentlich(?=\s*(?:\?|$))", "anyway"),
    # "die Schwellung ist (seit gestern) zurückgegangen": the auxiliary says it has passed
    (r"(?:ist|sind|hat sich|haben sich)(?=(?: \S+){1,5} (?:zuruckgegangen|zurueckgegangen|"
     r"abgeklungen|abgeschwollen|weggegangen|verschwunden|verflogen|vergangen|verblasst|weg)\b)",
     "has gone"),
    (r"hilft|hilfts|hilft's", "does it work"),
    (r"^(?:nein|nee|ne|no)?,? ?(?:heute|heut|diesmal|jetzt|gestern) (?:noch |leider )?(?:nicht|net|ned)"
     r"\W*$", "no"),
    (r"(?:vielen dank|danke|dank)(?: dir| ihnen| euch)? (?:fur|fuer) (?:die|deine|ihre|eure) "
     r"(?:hilfe|unterstutzung|antwort|muhe)", "thanks a lot"),
    (r"was (?:soll|muss|kann|darf) ich (?:\w+ ){0,3}?(?:schicken|senden|schreiben|eingeben|"
     r"eintragen|tippen|notieren|melden)", "what should i send you"),
    # "es war heute Nacht sehr heiß": the weather, not the leg
    (r"(?:es (?:war|ist|isch)|war es|ist es|wars|war's|isch es)(?: \S+){0,3}? (?:sehr |so |ganz |"
     r"extrem |total |echt |richtig )?(?:heiss|warm|schwul|stickig|kalt|eiskalt)", "it was a hot night"),
    (r"noch nicht (?:genommen|eingenommen|geschluckt|gehabt)", "not taken yet"),
    (r"noch nicht (?:gedehnt|gestretcht)", "not stretched yet"),
    (r"(?:keine lust|kein bock|zu faul)(?: zum| zu| aufs)? "
     r"(?:dehnen|stretchen)", "couldnt be bothered stretching"),
    (r"nein,? (?:hab|habe) ich (?:nicht|net|ned)|nein,? (?:hab|habe) (?:ich )?nicht", "no i didnt"),
    (r"ja,? (?:hab|habe) ich(?: gemacht| genommen)?|ja,? (?:hab|habe) (?:ich )?(?:gemacht|genommen)",
     "yes i did"),
    (r"eher nicht|nicht wirklich|eigentlich nicht", "not really"),
    (r"gar keine|uberhaupt keine|gar keiner", "none at all"),
    (r"^(?:(?:nein|nee|ne|noe|no|na),? )?(?:keiner|keine|keinen|kein einziger|keine einzige|"
     r"keins)\W*$", "none"),
    (r"nein danke|ne danke|nee danke|nein, danke", "no thanks"),
    (r"noch nicht", "not yet"),
    (r"jo eh|ja eh", "yes"),
    (r"weder", "not"),
    (r"noch(?= (?:\w+ )?(?:gedehnt|dehn\w*|stretch\w*|magnesium\w*|k2|mk7|b12|vitamin\w*|"
     r"kalium|d3))", "or"),
)

# ---- times and nights --------------------------------------------------------------
_TIMES: tuple[tuple[str, str], ...] = (
    # "halb 4" is half past three; Austrian "viertel 4" 3:15, "dreiviertel 4" 3:45
    (r"(?:so gegen|so um|gegen|ca\.?|etwa|ungefahr)(?= (?:halb|drei ?viertel|3/4|viertel) )",
     "around"),
    (r"um(?= (?:halb|drei ?viertel|3/4|viertel) )", "at"),
    *((rf"halb {_hour(h)}(?: uhr)?", f"{h - 1 or 12}:30") for h in range(1, 13)),
    *((rf"(?:drei ?viertel|3/4) {_hour(h)}(?: uhr)?", f"{h - 1 or 12}:45") for h in range(1, 13)),
    (rf"viertel nach(?= {_ANY_HOUR})", "quarter past"),
    (rf"viertel vor(?= {_ANY_HOUR})", "quarter to"),
    *((rf"viertel {_hour(h)}(?: uhr)?", f"{h - 1 or 12}:15") for h in range(1, 13)),
    # "10 nach 3", "zehn vor fünf", "5 min nach 4"
    (rf"nach(?= {_ANY_HOUR})(?:(?<=\d nach)|(?<=funf nach)|(?<=zehn nach)|(?<=zwanzig nach))",
     "past"),
    (rf"vor(?= {_ANY_HOUR})(?:(?<=\d vor)|(?<=funf vor)|(?<=zehn vor)|(?<=zwanzig vor))", "to"),
    (rf"min(?:uten)? nach(?= {_ANY_HOUR})", "past"),
    (rf"min(?:uten)? vor(?= {_ANY_HOUR})", "to"),
    # clock times: "um 3 uhr", "um 2:30", "3 uhr 20", "um 4 uhr morgens", "20 uhr"
    (r"(\d{1,2})[:.](\d{2}) ?uhr (?:morgens|fruh|nachts|in der nacht)", r"\1:\2am"),
    (r"(\d{1,2})[:.](\d{2}) ?uhr (?:abends|am abend)", r"\1:\2pm"),
    (r"(\d{1,2}) uhr (\d{2})", r"\1:\2"),
    (r"(\d{1,2})[:.](\d{2}) ?uhr", r"\1:\2"),
    (r"(\d{1,2}) ?uhr (?:morgens|fruh|in der fruh|nachts|in der nacht)", r"\1am"),
    (r"(\d{1,2}) ?uhr (?:abends|am abend)", r"\1pm"),
    (r"(\d{1,2}) ?uhr", r"\1:00"),
    *((rf"(?:{_HOURS[h - 1]}) uhr", f"{h}:00") for h in range(2, 13)),
    (r"(\d{1,2}) ?h ?(\d{2})", r"\1:\2"),
    (r"(?:so (?:gegen|um)|so gegen|ungefahr um|etwa um|ca\.? um|circa um|gegen)"
     r"(?= (?:\d|" + "|".join(_HOURS) + r"))", "around"),
    (r"um(?= (?:\d|" + "|".join(_HOURS) + r"))", "at"),
    (r"rum|herum|rum rum", ""),
    # nights: "Montagnacht" and "die Nacht von Montag auf Dienstag" are Monday night;
    # "die Nacht auf/zum Dienstag" too (the night that ends on Tuesday morning)
    *((rf"nacht (?:von|vom) (?:{de})s? (?:auf|zum?) \w+", f"{en} night") for de, en in _DAYS),
    *((rf"nacht (?:auf|zum?) (?:{de})", f"{_DAYS[i - 1][1]} night")
      for i, (de, en) in enumerate(_DAYS)),
    *((rf"(?:{de})s? ?(?:nacht|nachts|abend|abends)", f"{en} night") for de, en in _DAYS),
    *((rf"(?:{de}),? (?:den |dem )?(\d{{1,2}})\.?", rf"{en} \1th") for de, en in _DAYS),
    *((rf"(?:{de})s?", en) for de, en in _DAYS),
    (r"vorletzte nacht|vorgestern nacht|vorgestern abend|die nacht davor", "the night before last"),
    (r"vorgestern", "the day before yesterday"),
    (r"letzte(?:n|r)? nacht|gestern nacht|gestern abend|gestern spat|heut nacht|"
     r"diese nacht|in der nacht|der nacht|uber nacht|nachts", "last night"),
    (r"heute nacht", "tonight"),
    (r"heute (?:fruh|morgen)|heut (?:fruh|morgen)|am morgen|morgens|in der fruh|fruhmorgens|"
     r"heute am morgen", "this morning"),
    (r"heute abend|heut abend|am abend|abends", "this evening"),
    (r"heute nachmittag|nachmittags", "this afternoon"),
    (r"die ganze nacht|ganze nacht|die nacht durch", "all night"),
    (r"nacht|nachte", "night"),
    # dates: "am 20.", "am 18.11.", "21. November"
    # the reader knows "21 nov", "3 januar"; mai, okt and dez it does not
    (r"(\d{1,2})\.? (jan|januar|feb|februar|marz|maerz|apr|april|jun|juni|jul|juli|aug|august|"
     r"sept?|september|nov|november)\.?", r"on \1 \2"),
    (r"(\d{1,2})\.? mai", r"on \1 may"),
    (r"(\d{1,2})\.? (?:okt|oktober)\.?", r"on \1 october"),
    (r"(\d{1,2})\.? (?:dez|dezember)\.?", r"on \1 december"),
    (r"(\d{1,2})\.(\d{1,2})\.(?:\d{2,4})?", r"on \1/\2"),
    (r"(?:am|den|vom) (\d{1,2})\.", r"on the \1th"),
    (r"gestern", "yesterday"),
    (r"heute|heut|heit", "today"),
    (r"vorhin|vor kurzem|eben|gerade eben|grad eben|gerade|grad|soeben|jetzt grad|jetzt gerade",
     "just now"),
    (r"jetzt|nun", "now"),
    (r"vorm (?:schlafengehen|schlafen|zubettgehen|einschlafen|bett)|"
     r"vor dem (?:schlafengehen|schlafen|zubettgehen|einschlafen)", "before bed"),
)

# ---- numbers and durations ---------------------------------------------------------
_NUMBERS: tuple[tuple[str, str], ...] = (
    (r"vor (?:ca\.? |etwa |ungefahr |rund |so |gut |knapp )?(\d+(?:[.,]\d+)?) ?"
     r"(?:minuten|minute|min\.?|mins)", r"\1 min ago"),
    (r"vor (?:ca\.? |etwa |ungefahr |rund |so |gut |knapp )?(\d+(?:[.,]\d+)?) ?"
     r"(?:stunden|stunde|std\.?|h)", r"\1 hours ago"),
    (r"vor (?:ca\.? |etwa |ungefahr |so |gut |knapp )?(?:einer|ner|1) (?:stunde|std\.?)",
     "an hour ago"),
    (r"vor (?:einer |ner )?halben stunde", "30 min ago"),
    (r"vor (?:ein paar|paar|einigen|wenigen) minuten", "a few min ago"),
    # a range gives its midpoint; "about" before it is dropped (the reader takes "about 2" for 2am)
    (r"(?:ca\.?|circa|etwa|ungefahr|so|knapp)(?= \d+(?:[.,]\d+)? ?(?:-|–|bis|oder) ?\d)", ""),
    (r"(\d+(?:[.,]\d+)?) ?(?:-|–|bis|oder) ?(\d+(?:[.,]\d+)?) ?(?:sekunden|sekunde|sek\.?|sec|s)",
     r"\1-\2 sec"),
    (r"(\d+(?:[.,]\d+)?) ?(?:-|–|bis|oder) ?(\d+(?:[.,]\d+)?) ?(?:minuten|minute|min\.?|mins)",
     r"\1-\2 min"),
    (r"(?:ca\.?|circa|zirka|etwa|ungefahr|rund|so|knapp|gut|bestimmt|mindestens)(?= \d)", "about"),
    (r"(\d+) bis (\d+)", r"\1-\2"),
    (r"ein paar sek\w*|paar sek\w*|wenige sekunden|einige sekunden|nur kurz|ganz kurz", "a few seconds"),
    (r"ein paar min\w*|paar min\w*|einige minuten|wenige minuten", "a couple of minutes"),
    (r"eine halbe minute|ne halbe minute|halbe minute", "half a minute"),
    (r"(?:anderthalb|eineinhalb|einenhalb) minuten?", "90 sec"),
    (r"(?:eine|einer|ne) viertel ?stunde|viertelstunde", "15 min"),
    (r"(?:eine|einer|ne) halbe stunde|halbe stunde", "30 min"),
    (r"eine minute|einer minute|ne minute|1 minute|eine min\.?|ne min\.?", "a minute"),
    (r"(?:eine|einer|ne) stunde", "an hour"),
    (r"(\d+(?:[.,]\d+)?) ?(?:sekunden|sekunde|sek\.?|sec|s)", r"\1 sec"),
    (r"(\d+(?:[.,]\d+)?) ?(?:minuten|minute|min\.?|mins|minutchen)", r"\1 min"),
    (r"(\d+(?:[.,]\d+)?) ?(?:stunden|stunde|std\.?)", r"\1 hours"),
    (r"sekunden|sekunde|sek", "seconds"),
    (r"minuten|minute", "minutes"),
    (r"stunden|stunde|std", "hours"),
    # how many
    (r"einmal|1 ?mal", "once"),
    (r"zweimal|zwei ?mal|2 ?mal|2x", "twice"),
    (r"dreimal|drei ?mal", "three times"),
    (r"viermal|vier ?mal", "four times"),
    (r"(\d+) ?mal", r"\1 times"),
    (r"jedes mal|jedesmal", "each time"),
    (r"nochmal|noch mal|nochmals|noch einmal|schon wieder|wieder", "again"),
    (r"eins", "one"), (r"zwei|zwo", "two"), (r"drei", "three"), (r"vier", "four"),
    (r"funf|fuenf", "five"), (r"sechs", "six"), (r"sieben", "seven"), (r"acht", "eight"),
    (r"neun", "nine"), (r"zehn", "ten"), (r"elf", "eleven"), (r"zwolf|zwoelf", "twelve"),
    (r"funfzehn|fuenfzehn", "fifteen"), (r"zwanzig", "twenty"), (r"dreissig", "thirty"),
)

_KRAMPF = r"(?:krampf|kraempf|kramp|kramf|karmpf|krmpf|chrampf)\w*"

# ---- muscles and sides -------------------------------------------------------------
_BODY: tuple[tuple[str, str], ...] = (
    (r"hinten am oberschenkel|hinten im oberschenkel|oberschenkel ?hinten|"
     r"oberschenkelruckseite|ruckseite (?:des|vom) oberschenkels?|beinbeuger|hamstrings?",
     "hamstring"),
    (r"vorne am oberschenkel|oberschenkel vorne|vorderer oberschenkel|quadrizeps", "thigh"),
    (r"(?:waden|wadn|wadl|wadel|wadle|wade|wad)-?" + _KRAMPF, "calf cramp"),
    (r"(?:fuss|fus|fues|fuass)-?" + _KRAMPF, "foot cramp"),
    (r"(?:zehen|zeh|zehe|zehn|zechen)-?" + _KRAMPF, "toe cramp"),
    (r"(?:oberschenkel|oberschenkl)-?" + _KRAMPF, "thigh cramp"),
    (r"(?:beinkrampf|beinkrampfe|nachtkrampf|nachtkrampfe|muskelkrampf|muskelkrampfe)\w*",
     "leg cramp"),
    (r"beiden? waden|waden beidseitig|beidseitig (?:in den )?waden", "both calves"),
    (r"beiden? (?:fussen|fusse|fuessen|fuesse|fuss)", "both feet"),
    (r"beiden? beinen?", "both legs"),
    (r"beiden? oberschenkeln?", "both thighs"),
    (r"waden|wadln|wadeln", "calves"),
    (r"wade|wadl|wadel|wadle|wadn|wad|wadä|wada|waade", "calf"),
    (r"oberschenkeln?|oberschenkl|oberschenkels", "thigh"),
    (r"schienbeine?n?|schienbeins|schienbain|schinbein", "shin"),
    (r"fusssohlen?|fussohlen?|sohlen?|fusssohle", "sole of the foot"),
    (r"fussgewolbe|fussgewoelbe|gewolbe", "arch of the foot"),
    (r"ferse|fersen", "heel"),
    (r"spann|rist|fussrucken", "instep"),
    (r"(?:grosser|grosse|grossen|dicker|dicke|dicken) ze(?:h|he|hen|hs)", "big toe"),
    (r"zehen|zehe|zeh|zechen|zeche", "toes"),
    (r"fusse|fuesse|fussen|fuessen|fuess", "feet"),
    (r"fuss|fus|fues|fuass|fuesschen", "foot"),
    (r"knochel|knoechel|sprunggelenk", "ankle"),
    (r"knie|kniekehle", "knee"),
    (r"hufte|huefte|leiste", "hip"),
    (r"hande|haende|hand|finger", "hand"),
    (r"nacken|hals", "neck"),
    (r"rucken|ruecken|kreuz", "back"),
    (r"unterschenkel\w*", "lower leg"),
    (r"beine|beinen|haxn|haxen|hax", "legs"),
    (r"bein|beins|haxe", "leg"),
    (r"muskel|muskeln", "muscle"),
    (r"haut", "skin"),
    (r"beide(?= vergessen| nicht)", ""),
    (r"beide male|beide mal|beidemal|beide(?= (?:rechts|links|re|li|in|im|an|am)\b)", "both times"),
    (r"auf beiden seiten|beiden|beide|beidseitig|beidseits|bds\.?|beiderseits", "both"),
    (r"links|linke|linken|linker|linkes|linkem|li\.?|lks\.?|linggs|lingge|linggä", "left"),
    (r"rechts|rechte|rechten|rechter|rechtes|rechtem|re\.?|rts\.?|rächts", "right"),
)

# ---- severity ----------------------------------------------------------------------
_SEVERITY: tuple[tuple[str, str], ...] = (
    (r"(\d+) ?(?:von|aus) ?(?:10|zehn)", r"\1/10"),
    (r"(?:schmerz|schmerzen|schmerzstarke|schmerzlevel|starke|stufe|intensitat|level)"
     r":? ?(\d+)(?!/)", r"pain \1"),
    (r"schlimmste[rn]? (?:krampf )?(?:uberhaupt|ever|aller zeiten|bisher|"
     r"meines lebens|seit langem)", "the worst ever"),
    (r"schlimmste[rn]? krampf", "the worst cramp ever"),
    (r"nicht (?:so|allzu|besonders|sehr|ganz so)? ?(?:schlimm|stark|arg|heftig|wild)|"
     r"halb so wild|halb so schlimm|geht so|ging so|auszuhalten|ertraglich", "not too bad"),
    (r"sehr schmerzhaft|extrem schmerzhaft|richtig schmerzhaft|total schmerzhaft",
     "very painful"),
    (r"(?:sau|hollisch|hoellisch|hundsgemein|mords|ur|saumassig) ?weh(?: getan)?", "really hurt"),
    (r"(?:so|sehr|richtig|echt|total) weh(?: getan)?", "really hurt"),
    (r"weh getan|tat weh", "hurt"),
    (r"unertraglich\w*|hollisch\w*|hoellisch\w*|hollenschmerz\w*|hoellenschmerz\w*|"
     r"hollenqual\w*|hoellenqual\w*|hollenqual|hoellenqual|hoellisch|hollisch|"
     r"wahnsinnig\w* schmerz\w*|hollische schmerz\w*|mordsschmerz\w*|hammerschmerz\w*|"
     r"hab (?:laut )?geschrien|zum schreien|zum heulen|unmenschlich|grauenhaft|qualvoll|"
     r"hoellisch weh|tierisch|brutal", "excruciating"),
    (r"mittelstark\w*|mittelschwer\w*|mittelmassig\w*|mittelmaessig\w*|mittel|massig|"
     r"maessig|mittlere[rn]?|maßig", "moderate"),
    (r"leichte[rnms]?|leicht|gering\w*|harmlos\w*|kleine[rn]?", "mild"),
    (r"unangenehm\w*", "uncomfortable"),
    (r"furchtbar\w*|schrecklich\w*|furchterlich\w*|fuerchterlich\w*|entsetzlich\w*|grausam\w*|"
     r"scheusslich\w*", "terrible"),
    (r"schmerzhaft\w*|schmerzvoll", "painful"),
    (r"heftig\w*|stark|starke[rnms]?|arg|arge[rn]?|krass\w*|fies\w*|ubel|uebel|heavy", "strong"),
    (r"schlimm|schlimme[rnms]?|schlimmer|bos|boese|bose", "bad"),
    (r"sehr|echt|richtig|total|voll|mega|extrem|ganz schon|wirklich|verdammt|so was von",
     "really"),
    (r"ziemlich|recht", "pretty"),
)

# ---- cramps and negation -----------------------------------------------------------
_CRAMPS: tuple[tuple[str, str], ...] = (
    (r"keine (?:krampfe|kraempfe|krampf)|kein(?:en)? krampf|keine wadenkrampfe|nicht ein(?:en)? (?:einzigen )?krampf", "no cramps"),
    (r"null krampfe|null kraempfe|0 krampfe", "zero cramps"),
    (r"krampffrei|krampf-frei|krampffreie", "cramp free"),
    (r"ohne (?:einen |jeden )?(?:krampf\w*|kraempf\w*)", "without a cramp"),
    (r"durchgeschlafen|durch geschlafen|(?:gut|super|prima|toll|herrlich|bestens) "
     r"(?:durch)?geschlafen|wie ein (?:stein|murmeltier|baby) geschlafen|ruhige nacht|"
     r"nacht war ruhig|(?:eine )?gute nacht gehabt", "slept through"),
    (r"nix mit den beinen|nichts mit den beinen|beine (?:waren )?ruhig|keine probleme mit den "
     r"beinen", "no leg trouble"),
    (r"geschlafen", "slept"),
    (r"schlafen", "sleep"),
    (r"krampfe|kraempfe|krampfen|kraempfen|chrampf\w*", "cramps"),
    (r"krampf\w*|verkrampf\w*|gekrampft|kramf\w*|karmpf\w*", "cramp"),
    (r"hat zugemacht|zugemacht|macht zu|hat sich zusammengezogen|zog sich zusammen|"
     r"zusammengezogen", "cramped"),
    (r"eingerollt|eingekrallt|verkrallt|gekrallt|gekrummt|eingerollt", "curled"),
    (r"aufgewacht|wach geworden|aufgewacht|hat mich geweckt|weckte mich|geweckt", "woke up"),
    (r"aufwachen", "wake up"),
    (r"keine?|keinen|keiner|kei", "no"),
    (r"nicht|nich|net|ned|nit", "not"),
    (r"nie|niemals", "never"),
    (r"nix|nichts|nüt|nuet", "nothing"),
    (r"ohne", "without"),
)

# ---- supplements -------------------------------------------------------------------
_SUPPLEMENTS: tuple[tuple[str, str], ...] = (
    (r"vitamin ?k2|vit\.? ?k2|k2|mk-?7|menachinon\w*|vitamin k", "k2"),
    (r"vitamin ?d3?|vit\.? ?d3?|d3|vigantol\w*|dekristol", "vitamin d"),
    (r"vitamin ?b ?-?komplex|b-?komplex|b ?komplex", "b complex"),
    (r"vitamin ?b ?12|vit\.? ?b ?12|b ?12", "b12"),
    (r"vitamin ?b ?6|b6", "b6"),
    (r"vitamin ?b|vit\.? ?b", "vitamin b"),
    (r"magnesiumcitrat|magnesium ?citrat|magnesium-citrat", "magnesium citrate"),
    (r"magnesium\w*|magnesuim|magnesim|magnisium|magnesiun", "magnesium"),
    (r"kalium\w*", "potassium"),
    (r"brausetablett\w*|tablett\w*|kapsel\w*|pille\w*", "tablet"),
    (r"(\d+) ?(?:i\.?e\.?|einheiten)", r"\1 iu"),
    (r"(\d+) ?(?:µg|μg|ug)", r"\1 mcg"),
    (r"mikrogramm", "mcg"), (r"milligramm", "mg"), (r"gramm", "g"),
    # taken: German puts the verb last ("K2 genommen"); the English reads it either way
    (r"nicht (?:genommen|eingenommen|geschluckt)", "not taken"),
    (r"(?:ich hab|ich habe|hab|habe|hab's|habs|hatte) vergessen,? (?:zu )?|^vergessen,? (?:zu )?",
     "forgot "),
    (r"vergessen", "missed"),
    (r"eingenommen|genommen|geschluckt|eingeworfen|reingeworfen|getrunken|eingenommen",
     "taken"),
    (r"nehmen|einnehmen|schlucken", "take"),
    (r"(?:ist|sind|war) (?:alle|leer|aus|ausgegangen|aufgebraucht)|ausgegangen|aufgebraucht",
     "ran out"),
    (r"(?:wird|werden) knapp|geht (?:mir )?aus|ist fast alle|fast leer", "running low"),
    (r"nachbestellen|nachkaufen|bestellen", "order more"),
)

# ---- stretching --------------------------------------------------------------------
_STRETCH: tuple[tuple[str, str], ...] = (
    (r"nicht (?:gedehnt|gestretcht)", "not stretched"),
    (r"nicht (?:gemacht|erledigt)", "not done"),
    (r"nicht geschafft zu (?:dehnen|stretchen)|geschafft zu (?:dehnen|stretchen)",
     "did not manage to stretch"),
    (r"(?:dehnen|dehnubungen|dehnuebungen|stretching) "
     r"(?:ausgelassen|geschwanzt|sein lassen|weggelassen)", "skipped the stretches"),
    (r"ausgelassen|geschwanzt|weggelassen|ubersprungen|sein lassen", "skipped"),
    (r"dehnubung\w*|dehnuebung\w*|dehnungsubung\w*|dehnungsuebung\w*|dehnprogramm|dehnungen",
     "stretches"),
    (r"gedehnt|gestretcht|gestreckt", "stretched"),
    (r"dehnen|dehnung|stretchen|stretching|strecken", "stretching"),
    (r"ubungen|uebungen|gymnastik|ubung|uebung", "exercises"),
    (r"gemacht|erledigt|geschafft|fertig|absolviert", "done"),
)

# ---- corrections -------------------------------------------------------------------
_CORRECTIONS: tuple[tuple[str, str], ...] = (
    (r"mach (?:mal )?(.*?) (?:draus|daraus)", r"make it \1"),
    (r"(?:hab|habe) mich (?:vertan|vertippt|verschrieben|geirrt)|vertan", "i meant"),
    (r"vertippt|verschrieben|tippfehler", "typo - i meant"),
    (r"ich meinte|meinte|ich wollte sagen|wollte sagen|gemeint|ich mein", "i meant"),
    (r"korrektur|korrigiere|berichtigung", "correction"),
    (r"falsche seite", "wrong side"),
    (r"falsch", "wrong"),
    (r"ups+|upps+|hoppla|oops|uups|opps", "oops"),
    (r"eigentlich|eigentl\.?|tatsachlich|doch", "actually"),
    (r"eher|mehr so|mehr wie|eher so", "more like"),
    (r"sorry|sorri|entschuldigung|entschuldige|sry|verzeihung|pardon", "sorry"),
    (r"moment|warte|halt", "wait"),
    (r"statt|anstatt|anstelle", "not"),
)

# ---- symptoms and red flags, with their exclusions ---------------------------------
_SYMPTOMS: tuple[tuple[str, str], ...] = (
    # look-alikes first: heat put on it, a hot night or bath, a cold room, others' fever
    (r"warmflasche|warmeflasche|warmflaschen|wärmflasche|heizkissen|warmekissen|"
     r"kirschkernkissen|kornerkissen|wärmekissen|warmepflaster|warmesalbe|warmegel",
     "hot water bottle"),
    (r"heiss\w* (?:nacht|wetter|zimmer|sommernacht)|warm\w* (?:nacht|wetter|zimmer)|"
     r"schwul\w* (?:nacht|wetter|zimmer)|"
     r"heiss (?:im|hier)|warm (?:im|hier)|so warm|so heiss|zu warm|zu heiss", "hot night"),
    (r"heiss\w* (?:bad|vollbad|fussbad|wannenbad)|warm\w* (?:bad|vollbad|fussbad|wannenbad)|"
     r"heiss gebadet|warm gebadet|heisse dusche|warme dusche",
     "hot bath"),
    (r"kalte[s]? (?:schlafzimmer|zimmer|nacht|wetter)|(?:schlafzimmer|zimmer) (?:ist |war )?"
     r"(?:eis)?kalt|kalt (?:im|hier)|so kalt|saukalt hier", "cold bedroom"),
    (r"rotwein", "red wine"),
    (r"schwacher tee|schwachen tee", "weak tea"),
    # passed: "die Schwellung ist zurückgegangen", "die Rötung ist weg"
    (r"(?:ist|sind|hat sich)(?= (?:wieder )?(?:zuruckgegangen|zurueckgegangen|abgeklungen|"
     r"abgeschwollen|verblasst|abgeblasst|weggegangen|verschwunden|verflogen|vergangen|weg)\b)", ""),
    (r"zuruckgegangen|zurueckgegangen|abgeklungen|abgeschwollen", "has gone down"),
    (r"verblasst|abgeblasst", "has faded"),
    (r"weggegangen|verschwunden|verflogen|vergangen|ist (?:wieder )?weg|sind (?:wieder )?weg|"
     r"ist vorbei|vorbei", "went away"),
    # "fühlt sich (seit dem Krampf) ganz schwach an": the sign closes the clause, far from
    # the leg it is said of, so it is put in a word that carries it alone (not done for
    # "warm an": the subject may be the hot-water bottle or the bedroom)
    (r"(?:schwach|kraftlos|schlapp|wackelig|wacklig) an", "weakened"),
    (r"ganz(?= (?:heiss|warm|uberwarmt|schwach|kraftlos|taub|gefuhllos|pelzig|kalt|eiskalt|"
     r"blass|bleich|rot|gerotet|geschwollen|dick|steif|hart|empfindlich|fiebrig)\b)", "very"),
    # emergencies
    (r"brustschmerz\w*|schmerz\w* in der brust|brust tut weh|druck auf der brust|"
     r"engegefuhl in der brust|enge in der brust|stechen in der brust|brustenge",
     "chest pain"),
    (r"atemnot|luftnot|kurzatmig\w*|ausser atem|kurz(?:er)? atem|"
     r"(?:krieg|kriege|krieg's|kriegte|bekomme?|bekomm|bekam|hab|habe|hatte|kaum) (?:schlecht |"
     r"keine |kaum |nicht genug |wenig |schwer |nur schwer )?luft|"
     r"(?:keine|schlecht|kaum|schwer|nur schwer|wenig) luft(?: (?:bekommen|gekriegt|gehabt))?|schwer atmen|"
     r"atmen fallt schwer|atme schwer", "short of breath"),
    (r"(?:beim |bei )?(?:huste|hustet|husten|gehustet|abgehustet|hust) (?:\w+ )?blut"
     r"(?: (?:gespuckt|gehustet|abgehustet|ausgehustet|gespuckt))?|blut (?:\w+ )?"
     r"(?:gehustet|abgehustet|ausgehustet|husten|gespuckt)", "coughed up blood"),
    (r"bluthusten|blutiger husten", "coughing up blood"),
    (r"ohnmachtig\w*|ohnmaechtig\w*|ohnmacht|umgekippt|bewusstlos|kollabiert|zusammengebrochen|"
     r"zusammengesackt|weggetreten|schwarz vor (?:den )?augen|kreislauf(?:kollaps)? "
     r"(?:weg|zusammengebrochen)", "fainted"),
    (r"schwindlig|schwindelig|schwindel", "dizzy"),
    (r"(?:kalt|eiskalt) und (?:blass|bleich|weiss|blau)", "cold and pale"),
    (r"blau angelaufen|blaulich|blau verfarbt|ganz blau|blau", "blue"),
    (r"blass|bleich|kreidebleich|kreideweiss|schneeweiss|ganz weiss|weiss geworden", "pale"),
    (r"eiskalt", "ice cold"),
    (r"kalt|kuhl", "cold"),
    # same day
    (r"geschwollen|angeschwollen|aufgeschwollen|aufgequollen|dick geworden|dick|aufgedunsen|"
     r"verdickt", "swollen"),
    (r"schwellung|anschwellung", "swelling"),
    (r"uberwarmt|ueberwarmt", "hot to the touch"),
    (r"heiss|heiß", "hot"),
    (r"warm", "warm"),
    (r"rotung|roetung", "redness"),
    (r"gerotet|geroetet|rote stelle|roter fleck|rot", "red"),
    (r"druckempfindlich|beruhrungsempfindlich|beruehrungsempfindlich|(?:beim|bei) (?:drucken|"
     r"druecken|druck|anfassen|beruhren|beruehren) (?:\w+ )?(?:empfindlich|weh|schmerzhaft)|"
     r"empfindlich", "tender to touch"),
    # soon
    (r"taubheit\w*|taubheitsgefuhl", "numbness"),
    (r"taub|gefuhllos|gefuehllos|pelzig|kein gefuhl", "numb"),
    (r"kribbel\w*|ameisenlaufen|ameisen|prickeln", "pins and needles"),
    (r"kraftlos\w*|keine kraft|ohne kraft", "weakened"),
    (r"schwach\w*", "weak"),
    (r"knickt (?:\w+ )?(?:weg|ein)|gibt (?:\w+ )?nach|sackt (?:\w+ )?weg|weggeknickt|eingeknickt",
     "gives way"),
    (r"verfarbt|verfaerbt|verfarbung|verfaerbung|andere farbe|dunkel|glanzt|glaenzt|glanzend|"
     r"glaenzend|fleckig|marmoriert|komisch gefarbt", "discoloured"),
    (r"fieber|fiebrig|erhohte temperatur|erhoehte temperatur|schuttelfrost|schuettelfrost",
     "fever"),
    # other sensations
    (r"muskelkater|wund", "sore"),
    (r"dumpfe[rn]? schmerz\w*|dumpf", "dull ache"),
    (r"verspannt|verhartet|verhaertet|hart|angespannt", "stiff"),
    (r"steif", "stiff"),
    (r"zuckt|zucken|zuckungen|zucke|zuckend", "twitching"),
    (r"(?:tut|tun|tat) (?:noch )?(?:immer )?(?:noch )?weh", "still hurts"),
    (r"schmerzt|schmerzen|schmerz|weh|aua|autsch|au", "hurts"),
    (r"brust|brustkorb", "chest"),
    (r"schwer", "heavy"),
)

# ---- answers, smalltalk, help, recap, undo -----------------------------------------
_ANSWERS: tuple[tuple[str, str], ...] = (
    # undo
    (r"(?:mach|mache) (?:das |es )?ruckgangig|ruckgangig machen|ruckgaengig(?: machen)?|"
     r"ruckgangig|zuruck nehmen|zurucknehmen", "undo"),
    (r"(?:losch|losche|loesch|loesche|loschen|loeschen|entfern|entferne|entfernen|streich|"
     r"streiche|streichen) (?:bitte )?(?:den |das |die )?(?:letzte[n]?|letzte eintrag)"
     r"(?: eintrag)?", "delete the last one"),
    (r"letzte(?:n)? (?:eintrag )?(?:bitte )?(?:loschen|loeschen|entfernen|"
     r"streichen|weg)|letzten eintrag (?:loschen|entfernen)", "delete the last one"),
    (r"losch\w*|loesch\w*|entfern\w*|weg damit|streich\w*", "delete"),
    (r"den ich (?:grad|gerade|eben)? ?eingegeben hab\w*|(?:grad|gerade|eben) eingegeben",
     "i just put in"),
    (r"eintrag|eingabe", "entry"),
    (r"letzte[nrms]?", "last"),
    # help
    (r"/hilfe|hilfe|hilf mir|helfen|anleitung|bedienungsanleitung", "help"),
    (r"wie funktioniert (?:das|des|dies)|wie geht (?:das|des)|wie benutze ich (?:das|dich)",
     "how does this work"),
    (r"was (?:soll|muss|kann) ich (?:dir )?(?:schicken|senden|schreiben|eingeben|tippen)",
     "what should i send you"),
    (r"was kannst du|was machst du|was kann der bot", "what can you do"),
    # recap
    (r"zusammenfassung|ubersicht|uebersicht|statistik|bilanz|auswertung|wochenbericht|"
     r"monatsbericht|bericht|zwischenstand", "summary"),
    (r"wie (?:war|lief) (?:meine|die) woche", "how was my week"),
    (r"wie (?:war|lief) (?:mein|der) monat", "how was my month"),
    (r"wie ?viele", "how many"),
    (r"wie oft", "how often"),
    (r"wie geht(?:'s| es|s) mir|wie stehe? ich da", "how am i doing"),
    (r"im vergleich zu(?:m)?", "compared to"),
    (r"zeig(?:e)? mir|zeig", "show me"),
    (r"diese[nrm]? monat", "this month"),
    (r"diese[nr]? woche", "this week"),
    (r"letzte[nr]? woche|vorige woche", "last week"),
    (r"letzte[nr]? monat|vorige[nr]? monat", "last month"),
    (r"woche|wochen", "week"),
    (r"monat|monats|monate", "month"),
    # smalltalk
    (r"guten abend|guten tag|gruss gott|gruess gott|gruzi|gruezi|gruessech|gruezi mitenand|"
     r"servus|hallo|hallihallo|hey|hi|huhu|tach|griass di|griass eich|gruss dich|^tag(?=\W*$)",
     "hello"),
    (r"(?:vielen|herzlichen|tausend|besten|schonen) dank|dank(?:e)?(?: dir| ihnen)?"
     r"(?: schon| sehr| vielmals)?|dankeschon|dankeschoen|merci(?: vielmal| viumau)?|"
     r"vergelts gott|vergelt's gott", "thanks"),
    (r"alles klar|in ordnung|(?:passt|basst) (?:scho|schon|eh)|passt|basst|geht klar|verstanden|ok|okay|oki|okidoki",
     "ok"),
    (r"super|prima|toll|klasse|wunderbar|schon|perfekt", "lovely"),
    # yes / no
    (r"ja,? (?:hab|habe) ich|ja,? hab(?:e)? ich (?:gemacht|genommen)", "yes i did"),
    (r"ja,? bitte|ja gerne|ja gern|gerne|ja gärn|ja gaern", "yes please"),
    (r"jo eh|ja eh|ja klar|ja genau|jawohl|jawoll|jupp|jup|jep|jap|jaa+|ja|jo|joa|jo mei|"
     r"freilich|logo|jä|yes|^(?:genau|klar|sicher|sicherlich)(?=\W*$)", "yes"),
    (r"nein,? (?:hab|habe) ich (?:nicht|net|ned)", "no i didnt"),
    (r"nein danke|ne danke|nee danke", "no thanks"),
    (r"eher nicht|nicht wirklich|eigentlich nicht", "not really"),
    (r"gar keine|uberhaupt keine", "none at all"),
    (r"nein|nee|no|noe|nope|nei|naa|^(?:ne|na)(?=\W*$)", "no"),
)

# ---- everyday words ----------------------------------------------------------------
_WORDS: tuple[tuple[str, str], ...] = (
    (r"bin (?:wieder )?eingeschlafen|wieder eingeschlafen", "fell asleep"),
    (r"beim umdrehen|beim drehen", "when turning over"),
    (r"(?:im|ins) bett|zu bett", "in bed"),
    (r"bett", "bed"),
    (r"schlafzimmer|zimmer", "bedroom"),
    (r"gastezimmer|gaestezimmer", "spare room"),
    (r"(?:meine|meiner|mein) (?:frau|mann|partner|partnerin|tochter|sohn)", "my wife"),
    (r"frau|mann", "wife"),
    (r"tochter|sohn|enkel\w*|kinder\w*", "daughter"),
    (r"urlaub|reise|kur", "holiday"),
    (r"zuruck (?:aus|vom|von)", "back from"),
    (r"hund", "dog"),
    (r"nachbarn?|nachbarin", "neighbour"),
    (r"heisst|heißt", "is called"),
    (r"wetter", "weather"),
    (r"morgen", "tomorrow"),
    (r"banane", "banana"), (r"gegessen", "ate"), (r"keks|kekse", "biscuit"), (r"tee", "tea"),
    (r"kaffee", "coffee"), (r"kommode", "chest of drawers"), (r"neue?[nrs]?", "new"),
    (r"brauche|brauch", "need"), (r"muss", "need to"),
    (r"gegen", "against"), (r"kurz", "briefly"),
    (r"weil", "because"), (r"hier|da", "here"), (r"tage|tagen", "days"), (r"tag", "day"), (r"bei uns|bei mir", "here"), (r"uns", "us"),
    (r"jeweils|je", "each"), (r"immer", "always"), (r"lang|lange", "long"),
    (r"(?:beim|beim) (?:gehen|laufen|spazieren|treppensteigen)", "when walking"),
    (r"gehen|laufen|spazieren", "walking"), (r"zum fruhstuck|beim fruhstuck|zum fruehstueck|beim fruehstueck",
                                             "with breakfast"),
    (r"eintragen|notieren", "log"), (r"schnell", "quickly"),
    (r"magen|bauch", "tummy"), (r"verstimmt|verdorben", "upset"), (r"lieferung|paket", "delivery"),
    (r"probleme|probleme macht|zicken|zickt", "playing up"), (r"macht|machen", "is"),
    (r"mude|muede|zu mude", "too tired"), (r"zu", "too"),
    (r"lust", "desire"), (r"obwohl|obwohl ich", "even tho"),
    (r"deshalb|deswegen|darum|daher", "so"),
    (r"bisher|bis jetzt|noch keine", "so far"), (r"bis", "until"),
    (r"seit", "since"), (r"danach|dann|anschliessend", "then"),
    (r"zuerst|erst", "first"), (r"endlich", "finally"), (r"diesmal|dieses mal", "this time"),
    (r"ausserdem|außerdem|auch|und ausserdem", "also"), (r"immer noch|noch immer|noch", "still"),
    (r"schon", "already"), (r"nur|bloss|blos", "just"), (r"fast", "almost"),
    (r"etwas|bisschen|bissl|bissel|bissle|ein bisschen|ein wenig|wenig", "a bit"),
    (r"gefuhlt|gefuehlt", "felt like"), (r"ewig|ewigkeit", "ages"),
    (r"ganz|ganzen|ganze", "all"), (r"alle", "all"), (r"mal", "time"),
    (r"fuhl(?:e)? mich|fuehl(?:e)? mich", "feel"), (r"(?:fuhlt|fuehlt)(?: es| sie| er| das)? sich", "feels"),
    (r"anfuhlen|anfuehlen|an|(?:haben|hat|hatte|hatten) sich|sich", ""),
    (r"ich hab|ich habe|ich hatte|hab ich|hatte ich|hab|habe|hatte|hab's|habs", "i had"),
    (r"hat|hats", "has"),
    (r"ich bin|bin ich|bin", "i am"), (r"ich|i", "i"), (r"mir|mich", "me"), (r"du|dir|dich", "you"),
    (r"es war|es waren|das war|war's|wars|warn|waren|war|isch gsi", "it was"),
    (r"es ist|das ist|ist|isch|sind", "is"),
    (r"wird|werden|wurde|wurden", "got"), (r"geworden|worden", ""),
    (r"es|das|des", "it"),
    (r"mein|meine|meinen|meiner|meinem|meines|mei", "my"),
    (r"der|die|dem|den|d'|de|dr", "the"),
    (r"einen|einem|einer|eine|ein|ne|nen|nem|ä", "a"),
    (r"im|in|ins|i|innen", "in"), (r"am|an der|an den|an|auf", "on"),
    (r"und|u\.|&", "and"), (r"oder", "or"), (r"aber|doch|jedoch|allerdings", "but"),
    (r"weder", "neither"), (r"mit", "with"), (r"nach", "after"), (r"vor", "before"),
    (r"bei|beim", "at"), (r"von|vom", "from"), (r"fur|fuer|für", "for"), (r"uber", "over"),
    (r"wie", "how"), (r"was", "what"), (r"wann", "when"), (r"wo", "where"),
    (r"alles", "everything"), (r"weg", "gone"), (r"so", "so"), (r"dass|daß", "that"),
    (r"soll|sollte", "should"), (r"kann|konnte", "can"), (r"ist es|isses", "is it"),
)



def _comma(pattern: str, english: str) -> tuple[str, str]:
    """A comma straight after the words stays with their English ("nein," -> "no,"), as
    the reader's English rules read "swollen, red" and "no, the left"."""
    n = re.compile(pattern).groups
    return rf"(?:{pattern})(,)?", english + rf"\g<{n + 1}>"


LEXICON: tuple[tuple[str, str], ...] = tuple(_comma(p, e) for p, e in (
    *_FIRST, *_TIMES, *_SEVERITY, *_NUMBERS, *_BODY, *_SYMPTOMS, *_SUPPLEMENTS, *_STRETCH, *_CRAMPS,
    *_CORRECTIONS, *_ANSWERS, *_WORDS,
))
