"""The reader's vocabulary in pt: (pattern, English) pairs, tried in order.

See `bot/parsing/lexicon/__init__.py` for how they are applied. Longer phrases come
before the words inside them.
"""

from __future__ import annotations

# Brazil and Portugal both: "caibra"/"caimbra", "panturrilha"/"barriga da perna"/"gemeos",
# "estou com"/"estou a ter", "tomei", "ontem a noite"/"esta noite". Every pair costs a
# scan of the message, so words the English reader treats alike share one pair.

_HOURS = ("uma", "duas", "tres", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
          "onze", "doze")
_HW = "(?:" + "|".join(_HOURS) + ")"


def _after_hour(tail: str) -> str:
    """`tail` said right after an hour in words ("duas e meia"): the literal first, so the
    look-behinds only run where it is found."""
    return tail + "(?:" + "|".join(f"(?<={h} {tail})" for h in _HOURS) + ")"


_NIGHT_OF = "(?:" + "|".join(
    f"(?<={d} {p} noite)" for d in ("segunda", "terca", "quarta", "quinta", "sexta", "sabado",
                                    "domingo", "feira") for p in ("a", "de", "pela")) + ")"
_CRAMP = r"ca[iy]?[mn]?bra"
_UNIT = r"(?:min\w*|m|seg\w*|s|h|horas?)(?!\w)"
_CLOCK_NEXT = r"(?= (?:\d|" + _HW + r"\b|meia[- ]?noite))"
_BOTH_NEXT = r"(?= (?:n[ao]s?|em|foram|do|da|de)\b)"
_FINE = (r"(?:tranquil\w*|calm\w*|bem(?! (?:forte|doloros|ruim|mau|mal|chat))|boa|otima|"
         r"sossegad\w*|sem problemas|normal)")
_TOUCH = (r"(?: muito)? (?:quando|se|ao|a|com o) (?:eu |lhe )?(?:aperto|apertar|aperta|toco|"
          r"tocar|toque|carrego|carregar|pressiono|pressionar|tocam)")
_LAY_HAND = (r"(?:lhe )?(?:ponho|por|poe|coloco|colocar|encosto|encostar|passo|passar|pego|pegar|"
             r"apalpo|apalpar)(?: (?:a |minha |a minha )?mao)?(?: nela| nele| em cima| por cima)?")
_GONE = ("passou", "sumiu", "desapareceu", "foi embora", "diminuiu", "baixou", "melhorou", "acalmou",
         "aliviou")

LEXICON: tuple[tuple[str, str], ...] = (
    # ---- whole-message answers (before the words inside them are read) -------------
    (r"^(?:sim|siim|simm|ss?|claro(?: que sim)?|com certeza|(?:e |eh )?isso(?: mesmo| ai)?|exato|"
     r"exatamente(?: isso)?|e sim|e verdade|verdade|corret[oa]|certissimo|sem duvida|ya|"
     r"aham|uhum|ahan|pois(?: e| claro)?|afirmativo|positivo|sim,? sim|"
     r"(?:sim|isso|claro),? (?:senhora?|senhor|sra?|mesmo|certo|pois))(?=\W*$)", "yes"),
    (r"^ainda nao[,.!]? (?:mas )?(?:vou|ja vou|daqui a pouco|logo|mais tarde)\b[^.?!]*\W*$",
     "not yet"),
    (r"^sim,? (?:ja |eu )?(?:tomei|fiz|alonguei|tive|claro)(?=\W*$)", "yes i did"),
    (r"^(?:nao|n|nao nao|nops?|negativo|de jeito nenhum|nem pensar|que nada|nada|nunca|"
     r"claro que nao|nem por isso|nao mesmo|de modo nenhum|nadinha|"
     r"nao,? (?:senhora?|senhor|sra?|obrigad[oa]))(?=\W*$)|"
     r"^nao(?= *,)", "no"),

    # ---- times and nights ------------------------------------------------------------
    (r"bom dia|bons dias|boa tarde|ola|oi+e?|alo|e ai|eai|ta bom|ta bem|esta bem|tudo bem|"
     r"tudo certo|beleza|blz|combinado|entendi\w*|percebi\w*|certo|fixe|perfeito|tchau|adeus|"
     r"ate (?:amanha|logo|mais)", "hello"),
    (r"boa noite", "good night"),
    # "as duas pernas", "os dois pes": both; "as duas vezes": both times
    (r"(?:duas|dois|ambas|ambos)(?: as| os)?(?= (?:pernas|panturrilhas|coxas|canelas|batatas|"
     r"barrigas|pes|gemeos|joelhos|tornozelos|lados)\b)", "both"),
    (r"as duas vezes|ambas as duas vezes|as duas" + _BOTH_NEXT + "|os dois" + _BOTH_NEXT +
     "|ambas" + _BOTH_NEXT + "|ambos" + _BOTH_NEXT, "both times"),
    (r"duas vezes", "twice"),
    (r"e outr[ao](?= (?:as|a|pelas|por volta)\b)|outra vez|de novo|novamente|mais uma",
     "again"),
    # "uns 10 a 15 min": the range without "about" (the reader misreads "about 10-15 minutes")
    (r"(?:de )?(?:uns|umas|cerca de|aproximadamente|mais ou menos|por volta de) "
     r"(\d\d*) ?(?:a|ou|-) ?(\d\d*)(?= ?" + _UNIT + ")", r"\1-\2"),
    (r"(\d\d*) ?(?:a|ou|-) ?(\d\d*)(?= ?" + _UNIT + ")", r"\1-\2"),
    *((rf"(?:(?:de )?(?:uns|umas|cerca de|aproximadamente|mais ou menos) )?{a} (?:a|ou) {b}"
       rf"(?= (?:minutos|min|segundos|seg)\b)", f"{m}-{n}")
      for a, b, m, n in (("(?:um|uma)", "(?:dois|duas)", 1, 2), ("(?:dois|duas)", "tres", 2, 3),
                         ("tres", "quatro", 3, 4), ("quatro", "cinco", 4, 5),
                         ("tres", "cinco", 3, 5), ("cinco", "dez", 5, 10),
                         ("dez", "quinze", 10, 15), ("quinze", "vinte", 15, 20),
                         ("vinte", "trinta", 20, 30))),
    (r"(\d\d*) (?:de|em) 10\b", r"\1/10"),
    (r"(?:quinze|15|um quarto) (?:minutos )?(?:para as|para a|pras|pra)" + _CLOCK_NEXT,
     "quarter to"),
    (r"(\d\d?) (?:minutos )?(?:para as|para a|pras|pra)" + _CLOCK_NEXT, r"\1 to"),
    (r"(?:por volta d[ae]s?|la pel[ao]s?|la pras?|la para as|perto d[ae]s?|cerca d[ae]s?|"
     r"pel[ao]s?)" + _CLOCK_NEXT, "around"),
    (r"(?:as|a|desde as|ate as)" + _CLOCK_NEXT, "at"),
    (r"(\d\d?)(?: ?[h:.] ?(\d\d))? ?(?:h|horas?)? (?:da|de) (?:manha|madrugada)", r"\1 \2am"),
    (r"(\d\d?)(?: ?[h:.] ?(\d\d))? ?(?:h|horas?)? (?:da|de) (?:noite|tarde)", r"\1 \2pm"),
    (r"meia[- ]?noite e meia", "12:30"),
    (r"meia[- ]?noite", "midnight"),
    (r"(\d\d?) ?(?:h|horas)? e meia", r"\1:30"),
    (r"(\d\d?) ?(?:h|horas)? e (?:um quarto|quinze)", r"\1:15"),
    (r"(\d\d?) ?(?:h|horas)? e (\d\d)(?! ?" + _UNIT + ")", r"\1:\2"),
    (r"(\d\d?) ?h ?(\d\d)", r"\1:\2"),
    (r"(0\d)([0-5]\d)", r"\1:\2"),
    (r"(\d\d?) menos (?:um )?quarto", r"quarter to \1"),
    (r"(\d\d?) menos (\d\d?)", r"\2 to \1"),
    (_after_hour("e meia"), "30"),
    (_after_hour("da manha") + "|" + _after_hour("da madrugada"), "am"),
    (r"(\d\d?) ?h(?:rs)?(?!\w)", r"\1:00"),
    (r"(?:ha|faz|tem) (?:uns |umas |cerca de |quase )?(\d\d*) ?(?:min\w*|m)(?: atras)?(?!\w)", r"\1 min ago"),
    (r"(?:ha|faz|tem) (?:uns |umas |cerca de |quase )?(\d\d*) ?(?:h|hrs?|horas?)(?: atras)?(?!\w)",
     r"\1 hours ago"),
    *((rf"(?:ha|faz|tem) (?:uns |umas |cerca de |quase |mais de )?{w} (?:horas|hrs?)",
       f"{n} hours ago") for w, n in (("duas", 2), ("tres", 3), ("quatro", 4), ("cinco", 5),
                                      ("seis", 6))),
    *((rf"(?:ha|faz|tem) (?:uns |umas |cerca de |quase |mais de )?{w} (?:minutos|min)",
       f"{n} min ago") for w, n in (("cinco", 5), ("dez", 10), ("quinze", 15), ("vinte", 20),
                                    ("trinta", 30), ("quarenta", 40))),
    (r"(\d\d*) ?(?:h|hrs?|horas?) (?:atras|antes)", r"\1 hours ago"),
    (r"(\d\d*) ?(?:min\w*|m) (?:atras|antes)", r"\1 min ago"),
    (r"(?:ha|faz) (?:uma|1) (?:hora|horinha)", "an hour ago"),
    (r"(?:ha|faz) meia hora", "30 min ago"),
    (r"(?:ha|faz) (\d\d*) dias", r"\1 days ago"),
    (r"agora (?:ha )?pouco|ha pouco(?: tempo)?|agorinha|agora mesmo|neste momento|acabei de ter|"
     r"acabou de me dar", "just had"),
    (r"ante?s? ?de ?ontem (?:a|de|durante a) noite|noite de ante?s? ?de ?ontem|"
     r"anteontem (?:a|de) noite|noite de anteontem", "the night before last"),
    (r"ontem (?:a|de|durante a) noite|onti (?:a|de) noite|noite passada|na noite passada|"
     r"a noite passada|ontem a noitinha",
     "last night"),
    (r"esta noite|nesta noite|essa noite|nessa noite|hoje a noite|hoje de noite|"
     r"hoje durante a noite", "tonight"),
    (r"madrugada", "in the early hours"),
    (r"anteontem|antes de ontem", "the day before yesterday"),
    (r"a noite (?:toda|inteira)|de noite (?:toda|inteira)|toda a noite|durante a noite "
     r"(?:toda|inteira)|noite (?:toda|inteira)",
     "all night"),
    (r"noite (?:foi|correu|esteve|passou) " + _FINE + "|foi " + _FINE + "|correu " + _FINE +
     "|esteve " + _FINE, "was fine"),
    (r"(?:a|de|pela) noite" + _NIGHT_OF, "night"),
    (r"segunda (?=vez|" + _CRAMP + ")", "second"),
    (r"segunda(?:[- ]feira)?", "monday"),
    (r"terca(?:[- ]feira)?", "tuesday"),
    (r"quarta(?:[- ]feira)?", "wednesday"),
    (r"quinta(?:[- ]feira)?", "thursday"),
    (r"sexta(?:[- ]feira)?", "friday"),
    (r"sabado", "saturday"),
    (r"domingo", "sunday"),
    (r"a noite|de noite|pela noite|durante a noite|a meio da noite|meio da noite|noitinha",
     "in the night"),
    (r"hoje de manha\w*|hoje pela manha|esta manha|nesta manha|de manha\w*|da manha|"
     r"pela manha\w*|hoje cedo|manha cedo",
     "this morning"),
    (r"antes de (?:deitar|dormir|ir (?:para|pra) (?:a )?cama)|ao deitar|na hora de dormir",
     "before bed"),
    (r"dia (\d\d?)(?! ?(?:de|/|\d))", r"on the \1th"),
    (r"(\d\d?) de(?= (?:jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez))", r"\1 of"),
    (r"dezembro", "december"),
    (r"noite", "night"),
    (r"ontem", "yesterday"),

    # ---- numbers and durations --------------------------------------------------------
    (r"(\d\d*) ?(?:min|mins|minutos?|minutinhos?|mn|m) e meio", r"\1.5 minutes"),
    (r"(?:um|1) quarto de hora", "15 minutes"),
    (r"(\d\d*) ?(?:min|mins|minutos?|minutinhos?|mn|m)(?!\w)", r"\1 min"),
    (r"(\d\d*) ?(?:s|seg|segs|segundos?|segundinhos?)(?!\w)", r"\1 sec"),
    (r"minuto e meio|um minuto e meio", "1.5 minutes"),
    *((rf"{w} (?:minutos|min) e meio", f"{n}.5 minutes") for w, n in (
        ("(?:dois|duas)", 2), ("tres", 3), ("quatro", 4), ("cinco", 5), ("seis", 6),
        ("sete", 7), ("oito", 8), ("nove", 9), ("dez", 10))),
    (r"meio minuto", "half a minute"),
    ("|".join(w + r" (?:segundos|segundinhos|seg|segs)" for w in (
        "uns", "umas", "alguns", "algumas", "poucos", "coisa de", "questao de", "coisa de uns",
        "coisa de poucos")), "a few seconds"),
    ("|".join(w + r" (?:minutos|minutinhos|min)" for w in (
        "uns", "umas", "alguns", "algumas", "poucos")) + "|um par de minutos", "a few minutes"),
    (r"(?:uma|um) ou (?:duas|dois)", "1 or 2"),
    (r"vezes", "times"),
    (r"outr[ao]", "another"),
    (r"minut\w*", "minutes"),
    (r"segundos?", "seconds"),
    (r"horas?", "hours"),
    (r"mais ou menos(?= (?:\d|uns|umas|um|uma|dois|duas|tres|cinco|dez|meia|meio))|uns|umas|"
     r"cerca de|aproximadamente|por volta de|quase", "about"),
    (r"dois|duas", "two"),
    (r"tres", "three"),
    (r"quatro", "four"),
    (r"cinco", "five"),
    (r"seis", "six"),
    (r"sete", "seven"),
    (r"oito", "eight"),
    (r"nove", "nine"),
    (r"dez", "ten"),
    (r"quinze", "fifteen"),
    (r"vinte", "twenty"),
    (r"trinta", "thirty"),
    (r"quarenta", "forty"),

    # ---- muscles and sides ---------------------------------------------------------------
    (r"tras da coxa|atras da coxa|posterior (?:da|de) coxa|coxa,? (?:atras|por tras|de tras|"
     r"posterior)|isquiotibia\w*|isquios|posterior da perna", "hamstring"),
    # a hand laid on it ("quente quando ponho a mao"): before "mao" is read as a body part
    (r"quente\w* (?:quando|se|ao) (?:eu )?" + _LAY_HAND, "hot to the touch"),
    (r"(?:doi|doe|doem|dolorid\w*|dorid\w*|sensive\w*) (?:quando|se|ao) (?:eu )?" + _LAY_HAND,
     "tender"),
    # heat put on the feet or legs to sleep: no cramp, and no body part for the reader
    (r"(?:bolsa|botija|saco|garraf\w*) de agua quente (?:n[ao]s?|em|para [ao]s?|pr[ao]s?) "
     r"(?:meus |minhas )?(?:pes|pe|pernas|perna)(?= (?:pra|para) (?:dormir|"
     r"deitar))", "hot water bottle"),
    (r"(?:uma (?:em|na|no)|um (?:em|na|no)|em|na|no) cada(?= (?:perna|panturr|batata|barriga|coxa|canela|pe|gemeo|lado))",
     "one in each"),
    (r"panturrilhas|panturilhas|batatas das pernas|barrigas das pernas", "calves"),
    (r"panturr?ilh?a|batata da perna|barriga da perna|gemeos?", "calf"),
    (r"coxa\w*|quadriceps", "thigh"),
    (r"frente da perna|canela\w*|tibia", "shin"),
    (r"sola\w*|planta d[oe]s? pes?|arco d[oe]s? pes?|calcanhar\w*|peito do pe", "sole"),
    (r"dedao(?: do pe)?|dedo (?:grande|gordo)(?: do pe)?|dedos? d[oe]s? pes?|"
     r"dedinhos?(?: do pe)?|dedos", "toes"),
    (r"(?:de|em) pe", "standing"),
    (r"pes", "feet"),
    (r"pe|pezinho", "foot"),
    (r"pernas", "legs"),
    (r"perna", "leg"),
    (r"joelho\w*|tornozelo\w*", "knee"),
    (r"dedos? da mao|maos?|braco\w*|ombro\w*|quadril|ancas?|virilha|nadegas?|gluteos?|costas|lombar|pescoco", "hip"),
    (r"estomago|barriga", "stomach"),
    (r"musculos?", "muscle"),
    (r"esquerd\w*|esq\.?|esqerd[ao]s?|isquerd[ao]s?|squerd[ao]s?|esquird[ao]s?|esquera", "left"),
    (r"(?:dormi|dormir) direito|nao dormi (?:bem|nada|quase nada)|dormi mal", "slept badly"),
    (r"direit\w*|dir\.?|dirt[ao]s?|dreit[ao]s?|dereit[ao]s?|dieit[ao]s?|direta", "right"),

    # ---- severity ---------------------------------------------------------------------------
    ("|".join(w + _TOUCH for w in ("doi", "doe", "dor", "doem", r"dolorid\w*", r"dorid\w*",
                                   r"sensive\w*")) + r"|sensive\w*|sensibilidade", "tender"),
    (r"dor(?:es)? (?:forte |muito forte )?n[oa] peito|aperto no peito|peito apertado|"
     r"pressao no peito|peso no peito|dor toracica", "chest pain"),
    (r"nao (?:foi |era |e )?(?:muito|tao|assim tao) forte", "not that strong"),
    (r"insuportave\w*|excruciante\w*|lancinante\w*|atroz|agonia|de (?:gritar|chorar|morrer|"
     r"enlouquecer)|gritei|gritando|a gritar|aos gritos|chorei|chorando|a chorar|a pior "
     r"(?:de sempre|da minha vida|que ja tive|de todas)|o pior (?:de sempre|da minha vida)|dos infernos|infernal", "excruciating"),
    (r"terrive\w*|horrive\w*|horroros\w*|tremend\w*|fortissim\w*|muito forte|bem forte|"
     r"mesmo forte|super forte|bue (?:de )?forte|forte (?:a valer|que so|mesmo)|"
     r"forte demais|forte pra caramba|doeu (?:muito|bastante|imenso|"
     r"demais|pra caramba)|doi (?:muito|bastante|imenso|demais)|doia muito|muito doloros\w*|violent\w*|intens[ao]s?|intensissim\w*", "terrible"),
    (r"fortes?|doloros\w*|brab[ao]s?|danad[ao]s?", "painful"),
    (r"a doer|doendo|doeu|doi|doem|doia|doi-me|doe",
     "hurts"),
    (r"moderad\w*|medi[ao]|razoave\w*|mais ou menos|incomod\w*|desconfortave\w*", "moderate"),
    (r"moid[oa]s?|moidinh[oa]s?|dolorid\w*|dorid\w*|(?:dorzinha|dor) (?:chata|surda|fraca)|chat[ao]", "sore"),
    (r"leve\w*|levinh\w*|levezinh\w*|fraquinh\w*|pequen\w*|ligeir\w*|suave|nada demais|nada de mais|suportave\w*",
     "mild"),
    (r"dor(?:es)?", "pain"),
    (r"nota|intensidade|nivel", "severity"),

    # ---- cramps and negation ------------------------------------------------------------------
    (r"ajuda\w* (?:n[ao]s?|com|contra|para|pra|a evitar)(?= (?:[ao]s? )?(?:" + _CRAMP +
     r"|espasm))|serve (?:para|pra|contra)|e bom (?:para|pra|contra)|funciona (?:para|pra|contra)|previne|evita", "help with"),
    (r"nao (?:tive|teve|houve|tivemos|senti|apareceu|apareceram|deu|deram|tenho tido|ocorreu)"
     r"(?: nenhuma| qualquer| mais| mais nenhuma)?(?= (?:" + _CRAMP + r"|espasm))|nenhum\w*|"
     r"nada de", "no"),
    # "dolorida da caibra de ontem": sore from the cramp, not a new one
    (r"(?<!depois )(?<!antes )(?<!apos )(?:da|do|das|dos|por causa d[ao]s?)(?= " + _CRAMP + ")",
     "from the"),
    (_CRAMP + r"s|" + _CRAMP + r"zinhas|caibrinhas|caimbrinhas", "cramps"),
    (_CRAMP + r"(?:zinha|inha)?|caibrinha|caimbrinha|caimbr\w*|caibr\w*", "cramp"),
    (r"espasm\w*|travou|travad[oa]s?|trancou|bloqueou|repux\w*|puxao|deu (?:um|uns) nos?|"
     r"fez (?:um )?no|no cego|contrai\w*|contracao|encolh\w*|enrolou|enrijeceu|endureceu",
     "contracted"),
    (r"desde que (?:acordei|me levantei)|ao (?:acordar|levantar)|quando (?:acordei|me levantei)",
     "since getting up"),
    (r"acord\w*", "woke up"),
    (r"dormi (?:bem|otimo|muito bem|como (?:uma pedra|um anjo|um bebe|um prego)|que nem (?:uma "
     r"pedra|um anjo|um bebe)|direto|de um so sono|descansad\w*|tranquil\w*|em paz)|"
     r"noite (?:tranquil\w*|calma|sossegada|boa|otima|em paz|descansada|serena)|"
     r"boa noite de sono", "slept well"),
    (r"dormi|adormeci", "slept"),
    ("|".join(w + r" (?:com|a ter|tendo)" for w in (
        "estou", "estava", "to", "tou", "tava", "estive", "eu")) + r"|tive|tivemos|teve|deu-me|"
     r"me deu|apanhei", "i have"),
    (r"(?:esta|ta|estava|ficou|anda) com", "has"),

    # ---- supplements ----------------------------------------------------------------------------
    (r"complexo (?:de )?(?:vitaminas? )?b|vitaminas do complexo b", "b complex"),
    (r"vitaminas?|vit\.?", "vitamin"),
    (r"potass\w*", "potassium"),
    (r"(?<!\d )mg(?! ?\d)", "magnesium"),
    (r"(\d\d*) ?(?:ui|u\.i\.?)(?!\w)", r"\1 iu"),
    (r"suplement\w*|comprimid\w*|capsula\w*|pilula\w*|remedio\w*|calcio", "tablets"),
    (r"pulei|saltei|deixei de (?:fazer|tomar)|passei(?= (?:[ao]s? )?(?:along|exerc))", "skipped"),
    (r"ainda nao (?:tomei|tomou)", "haven't taken yet"),
    (r"nao (?:tomei|tomou|vou tomar|irei tomar|tomo)", "didn't take"),
    (r"nao (?:me )?esqueci(?:-me)?(?: de tomar)?|lembrei(?:-me)?(?: de tomar)?|"
     r"me lembrei(?: de tomar)?",
     "remembered"),
    (r"esquec\w*(?:-me)?(?: de)?(?: tomar| fazer)?|me esquec\w*(?: de)?(?: tomar| fazer)?",
     "forgot"),
    (r"acab(?:ou|aram)(?:-se)?(?= (?:[ao]s?|meu|minha) )|fiquei sem(?! forca)|"
     r"estou sem|to sem|tou sem|nao tenho mais", "ran out of"),
    (r"esta (?:a acabar|acabando|no fim|quase no fim)|estao (?:a acabar|acabando|no fim)|"
     r"a acabar|acabando|tenho (?:de|que) (?:encomendar|comprar|pedir)|preciso (?:de )?"
     r"(?:encomendar|comprar|pedir)", "running low"),
    (r"tom(?:ei|ou|amos)|ja tom(?:ei|ou|amos)|tomad[oa]s?", "took"),
    (r"tom(?:ar|o|a|ando)", "take"),

    # ---- stretching --------------------------------------------------------------------------------
    (r"nao (?:alonguei|alongo|estiquei|alongamos|estico)", "haven't stretched"),
    (r"sem vontade|mesmo sem vontade", "reluctantly"),
    (r"along\w*|estic\w*|estiquei|estirei|estiramentos", "stretches"),
    (r"exercicios?", "exercises"),
    (r"feit[oa]s?", "done"),
    (r"nao fiz", "didn't do"),
    (r"fiz", "did"),
    (r"por enquanto|ate agora", "yet"),

    # ---- corrections ---------------------------------------------------------------------------------
    (r"ops|opa|epa|upa|ups|oops", "oops"),
    (r"desculp\w*|perdao|perdoa|foi mal", "sorry"),
    (r"na verdade|na realidade|alias|afinal|pensando bem|corrig\w*|correcao|retifica\w*",
     "actually"),
    (r"quis dizer|queria dizer|quero dizer|quer dizer|eu quis dizer|eu queria dizer", "i meant"),
    (r"errei o lado|lado errado|perna errada", "wrong side"),
    (r"engan\w*(?:-me)?|me engan\w*|errei", "my mistake"),
    (r"nao (?:foi|era|e)", "wasn't"),

    # ---- symptoms and red flags, with their exclusions --------------------------------------------
    (r"falta de ar|sem ar|falta de folego|sem folego|nao consigo respirar|"
     r"dificuldade (?:para|em|de) respirar|custa(?:-me)? respirar|ofegante|respiracao (?:dificil|curta|ofegante)|sufoc\w*",
     "short of breath"),
    (r"toss\w*(?: com)? sangue|escarr\w* com sangue|"
     r"catarro com sangue|expectora\w* com sangue|"
     r"cusp\w* sangue|sangue (?:ao|quando) toss\w*", "coughing up blood"),
    (r"desmai\w*|quase desmai\w*|perdi os sentidos|perdi a consciencia|apaguei", "fainted"),
    (r"ja desinch\w*|desinch\w*", "has gone down"),
    (r"inchaco\w*|edema\w*", "swelling"),
    (r"incha\w*|inchou", "swollen"),
    (r"manchas? vermelhas?|pontos? vermelhos?|vermelhao", "red mark"),
    (r"(?:cara|rosto|face|bochechas) vermelh\w*", "red faced"),
    (r"vermelh\w*|avermelhad\w*|rubor", "red redness"),
    (r"calor (?:n[ao]s?|em)(?= (?:perna|panturr|barriga|batata|coxa|canela|pe|joelho|tornoz))",
     "warmth in the"),
    (r"bolsa de agua quente|botija de agua quente|saco de agua quente|garraf\w* de agua quente|"
     r"agua quente|compressa\w* "
     r"quente\w*|toalha quente|pano quente|almofada termica|bolsa termica|banho quente|"
     r"duche quente|chuveiro quente|que calor|calor\w*|abafad\w*", "hot water bottle"),
    (r"quente\w* (?:ao|a) (?:toque|tocar)", "hot to the touch"),
    (r"e quente\w*", "and hot"),
    (r"quente\w*", "is hot"),
    (r"fri[oa]s?|gelad[oa]s?|congelad[oa]s?|gelo", "cold"),
    (r"palid\w*|descorad\w*|branc[oa]s?|esbranquicad\w*|rox[oa]s?|arroxead\w*|azul|azuis|azulad\w*|cianotic\w*|"
     r"manchad\w*|marmorea\w*", "blue"),
    (r"escur[oa]s?|escureceu|enegrecid\w*", "dark"),
    (r"mudou de cor|ficou de outra cor|cor (?:estranha|esquisita)|uma cor (?:estranha|esquisita)|outra cor|"
     r"descolor\w*|brilhante\w*|lustros\w*|nodoas? negras?|hematoma\w*|equimose\w*",
     "discoloured"),
    (r"pele", "skin"),
    (r"formig\w*|dormente\w*|dormencia|adormecid\w*|adormeceu|adormeceram|entorpecid\w*|"
     r"sem sensibilidade|perdi a sensibilidade|nao sinto (?:o|a|os|as)", "numb"),
    (r"(?:cha|cafe) frac[oa]", "weak tea"),
    (r"fraquez\w*|sem forca|perdi (?:a )?forca|falta de forca", "weakness"),
    (r"frac[oa]s?|bamb[ao]s?", "is weak"),
    (r"feb\w*|temperatura alta|3[89](?:[.,]\d)? ?graus|4[01](?:[.,]\d)? ?graus", "fever"),
    ("|".join(_GONE) + "|" + "|".join("ja " + w for w in _GONE), "has gone"),
    (r"(?:pernas|sindrome das pernas) inquietas", "restless legs"),
    (r"rigid\w*|dur[oa]s?|tens[oa]s?|emperrad\w*|pesad\w*|trem\w*|a saltar|latej\w*|pulsando|tique",
     "stiff"),
    (r"peito", "chest"),

    # ---- answers, smalltalk, help, recap, undo ----------------------------------------------------
    (r"como (?:e que )?(?:isto |isso |este bot |o bot )?funciona\w*(?: isto| isso)?|"
     r"o que (?:e que )?(?:eu )?(?:escrevo|devo escrever|mando|devo mandar|devo enviar|envio|"
     r"digo|posso escrever|posso dizer|devo (?:te )?(?:mandar|enviar|escrever|dizer))|"
     r"o que (?:e que )?(?:voce|tu|vc) (?:faz\w*|pode\w* fazer|sabe\w* fazer|consegue\w* fazer)|"
     r"como (?:e que )?(?:eu )?"
     r"(?:uso|usar|se usa|utilizo|utilizar)|nao sei usar", "how does this work"),
    (r"ajuda|/ajuda|socorro", "help"),
    (r"obrigad\w*|brigad\w*|obg\w*|valeu|vlw|agradec\w*|grat[oa]", "thanks"),
    (r"como (?:foi|correu|esta|vai) (?:a )?(?:minha )?semana|semana passada|ultima semana|"
     r"esta semana|nesta semana|essa semana|nessa semana|este mes|neste mes|esse mes|nesse mes|"
     r"mes passado|ultimo mes|resumo\w*|"
     r"relatorio\w*|estatistic\w*|historico|balanco|diario|como (?:e que )?(?:estou|vou|ando|"
     r"me estou a sair)(?: indo)?|em comparacao (?:com|ao|a)|comparad[oa] (?:com|ao|a)",
     "summary"),
    (r"quant[ao]s", "how many"),
    (r"semanas?", "week"),
    (r"mes|meses", "month"),
    (r"mostr\w*(?:-me)?|me mostr\w*|quero ver|queria ver|gostaria de ver|posso ver", "show me"),
    (r"desfaz\w*", "undo"),
    (r"apag\w*|elimin\w*|exclu\w*|delet\w*|remov\w*|cancel\w*|risc\w*", "delete"),
    (r"que (?:acabei|acabo) de (?:por|registrar|registar|meter|colocar|inserir|escrever|mandar|"
     r"enviar|lancar)", "i just put in"),
    (r"o ultimo(?: registo| registro)?|a ultima(?: entrada| mensagem)?|ultim[oa](?: registo| "
     r"registro| entrada| mensagem)?|o anterior|a anterior|anterior|registos?|registros?",
     "the last one"),

    # ---- the little words ----------------------------------------------------------------------------
    (r"ainda nao", "not yet"),
    (r"nao (?:consigo|posso|da para|dá pra|consegui)", "can't"),
    (r"mex\w*|mover", "move"),
    (r"depois d[ao]s?|apos [ao]s?", "after the"),
    (r"desde", "since"),
    (r"nao", "not"),
    (r"sem", "no"),
    (r"nem", "no"),
    (r"o meu|a minha|os meus|as minhas|meu|minha|meus|minhas", "my"),
    (r"n[ao]s?|num|numa|em", "in the"),
    (r"d[ao]s?|de", "of"),
    (r"[ao]s?", "the"),
    (r"uma?", "a"),
    (r"e", "and"),
    (r"ou", "or"),
    (r"com", "with"),
    (r"mas|porem", "but"),
    (r"muito|muita|bem|bastante|super|bue", "very"),
    (r"ainda|continua", "still"),
    (r"agora|agr|agra", "currently"),
    (r"so|apenas|somente", "just"),
    (r"depois|apos", "after"),
    (r"isso|isto|esse|este|essa|aquilo", "that"),
    (r"marido|esposo|esposa|mulher|companheir[oa]|namorad[oa]|filh[oa]s?|net[oa]s?|mae|pai|"
     r"vizinh[oa]|amig[oa]|crianca|cachorro|cao|cadela|gat[oa]", "partner"),
    (r"esta|ta|estao|estava|tava|fic(?:ou|aram|ei)", "is"),
    (r"foi|era|foram|eram", "it was"),
)
