"""The reader's vocabulary in pt: (pattern, English) pairs, tried in order.

See `bot/parsing/lexicon/__init__.py` for how they are applied. Longer phrases come
before the words inside them.
"""

from __future__ import annotations

# Hour words, for a clock said in words ("as duas e meia", "tres da manha").
_HW = r"(?:uma|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze)"
# The same, as fixed-width look-behinds (each followed by a space).
_AFTER_HW = "(?:" + "|".join(
    f"(?<={w} )" for w in
    ("uma", "duas", "tres", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
     "onze", "doze")) + ")"
_CRAMP = r"ca[iy]?[mn]?bra"
_UNIT = r"(?:min\w*|m|seg\w*|s|h|horas?|minutos?|segundos?)(?!\w)"

LEXICON: tuple[tuple[str, str], ...] = (
    # ---- whole-message answers (before the words inside them are read) -----------
    (r"^(?:sim|siim|simm|ss?|claro(?: que sim)?|com certeza|isso(?: mesmo)?|exato|exatamente|"
     r"aham|uhum|ahan|pois(?: e| claro)?|afirmativo|positivo|sim,? sim)(?=\W*$)", "yes"),
    (r"^sim,? (?:ja |eu )?(?:tomei|fiz|alonguei|tive|claro)(?=\W*$)", "yes i did"),
    (r"^(?:nao|n|nao nao|nops?|negativo|de jeito nenhum|nem pensar|que nada)(?=\W*$)|"
     r"^nao(?= *,)", "no"),

    # ---- times and nights ----------------------------------------------------------
    # "as duas pernas", "os dois pes": both; "as duas vezes": both times
    (r"(?:n?[ao]s |d?[ao]s )?(?:duas|dois|ambas|ambos)(?: as| os)?(?= (?:pernas|panturrilhas|"
     r"coxas|canelas|batatas|barrigas|pes|gemeos|joelhos|tornozelos|lados)\b)", "both"),
    (r"(?:as|ambas as) duas vezes|(?:as duas|os dois|ambas|ambos)(?= (?:n[ao]s?|em|foram|"
     r"do|da|de)\b)", "both times"),
    (r"duas vezes", "twice"),
    (r"(\d+) (?:a|ou|-) (\d+)(?= ?" + _UNIT + ")", r"\1-\2"),
    (r"(\d+) (?:de|em) 10\b", r"\1/10"),
    (r"(?:quinze|15|um quarto) (?:minutos )?(?:para as|para a|pras|pra)(?= (?:\d|" + _HW + "))",
     "quarter to"),
    (r"(\d{1,2}) (?:minutos )?(?:para as|para a|pras|pra)(?= (?:\d|" + _HW + "))", r"\1 to"),
    (r"(?:por volta d[ae]s?|la pel[ao]s?|la pras?|la para as|perto d[ae]s?|cerca d[ae]s?|"
     r"pel[ao]s?)(?= (?:\d|" + _HW + r"\b|meia[- ]?noite))", "around"),
    (r"(?:as|a|desde as|ate as)(?= (?:\d|" + _HW + r"\b|meia[- ]?noite))", "at"),
    (r"(\d{1,2}) ?[h:.] ?(\d\d) ?h? (?:da|de) (?:manha|madrugada)", r"\1:\2am"),
    (r"(\d{1,2}) ?(?:h|horas?)? (?:da|de) (?:manha|madrugada)", r"\1am"),
    (r"(\d{1,2}) ?(?:h|horas?)? (?:da|de) (?:noite|tarde)", r"\1pm"),
    (r"meia[- ]?noite e meia", "12:30"),
    (r"meia[- ]?noite", "midnight"),
    (r"meio[- ]?dia", "noon"),
    (r"(\d{1,2}) ?(?:h|horas)? e meia", r"\1:30"),
    (r"(\d{1,2}) ?(?:h|horas)? e (?:um quarto|quinze)", r"\1:15"),
    (r"(\d{1,2}) ?(?:h|horas)? e (\d\d)(?! ?" + _UNIT + ")", r"\1:\2"),
    (r"(\d{1,2}) ?h ?(\d\d)|(\d{1,2}):(\d\d)", r"\1\3:\2\4"),
    (r"(\d{1,2}) menos (?:um )?quarto", r"quarter to \1"),
    (r"(\d{1,2}) menos (\d{1,2})", r"\2 to \1"),
    (_AFTER_HW + r"e meia", "30"),
    (_AFTER_HW + r"e (?:um quarto|quinze)", "15"),
    (_AFTER_HW + r"(?:da|de) (?:manha|madrugada)", "am"),
    (r"(\d{1,2}) ?(?:h|hrs|horas)(?= (?:da|de|a) (?:manha|madrugada|noite|tarde))|"
     r"(\d{1,2}) ?h(?:rs)?(?!\w)", r"\1\2:00"),
    (r"(?:ha|faz|tem) (?:uns |umas |cerca de |quase )?(\d+) ?(?:min\w*|m)(?!\w)", r"\1 min ago"),
    (r"(?:ha|faz|tem) (?:uns |umas |cerca de |quase )?(\d+) ?(?:h|hrs?|horas?)(?!\w)",
     r"\1 hours ago"),
    (r"(?:ha|faz) (?:uma|1) (?:hora|horinha)", "an hour ago"),
    (r"(?:ha|faz) (?:uns |umas )?(?:duas|2) horas", "2 hours ago"),
    (r"(?:ha|faz) meia hora", "30 min ago"),
    (r"(?:ha|faz) (\d+) dias que", r"for \1 days"),
    (r"(?:ha|faz) (\d+) dias", r"\1 days ago"),
    (r"agora (?:ha )?pouco|ha pouco(?: tempo)?|agorinha|agora mesmo|neste momento|acabei de ter|"
     r"acabou de me dar", "just had"),
    (r"(?:ontem|onti) (?:a|de|durante a) noite|(?:n?a )?noite passada|ontem a noitinha",
     "last night"),
    (r"(?:n?esta|n?essa|hoje a|hoje de|hoje durante a) noite", "tonight"),
    (r"(?:hoje de |n?esta |n?essa |de |na |pela |durante a )?madrugada", "in the early hours"),
    (r"anteontem (?:a|de) noite|(?:na )?noite de anteontem", "the night before last"),
    (r"anteontem", "the day before yesterday"),
    (r"(?:a|de|toda a|durante a) noite (?:toda|inteira)|toda a noite|noite (?:toda|inteira)",
     "all night"),
    (r"noite (?:foi|correu|esteve|passou) (?:tranquil\w*|calma|boa|bem|otima|sossegad\w*|normal)|"
     r"(?:foi|correu|esteve) (?:tranquil\w*|calm\w*|bem(?! (?:forte|doloros|ruim|mau|mal|chat))|boa|otima|sossegad\w*|sem problemas)",
     "was fine"),
    (r"(?:(?<=segunda )|(?<=terca )|(?<=quarta )|(?<=quinta )|(?<=sexta )|(?<=sabado )|"
     r"(?<=domingo )|(?<=feira ))(?:a|de|pela|durante a) noite", "night"),
    (r"segunda (?=vez|" + _CRAMP + ")", "second"),
    (r"segunda(?:[- ]feira)?", "monday"),
    (r"terca(?:[- ]feira)?", "tuesday"),
    (r"quarta(?:[- ]feira)?", "wednesday"),
    (r"quinta(?:[- ]feira)?", "thursday"),
    (r"sexta(?:[- ]feira)?", "friday"),
    (r"sabado", "saturday"),
    (r"domingo", "sunday"),
    (r"(?:n?a|de|pela|durante a|a meio da|no meio da) noite|noitinha", "in the night"),
    (r"(?:hoje de|hoje pela|n?esta|de|da|pela) (?:manha|manhazinha)|hoje cedo|manha cedo",
     "this morning"),
    (r"(?:hoje a|hoje de|n?esta|de|da|pela|a) tarde", "this afternoon"),
    (r"antes de (?:deitar|dormir|ir (?:para|pra) (?:a )?cama)|ao deitar|na hora de dormir",
     "before bed"),
    (r"(?:n?o |desde o |em )?dia (\d{1,2})(?! ?(?:de|/|\d))", r"on the \1th"),
    (r"(?:n?o |em )?(?:dia )?(\d{1,2}) de (?=jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez)",
     r"\1 of "),
    (r"dezembro", "december"),
    (r"outubro", "october"),
    (r"setembro", "september"),
    (r"fevereiro", "february"),
    (r"noite", "night"),
    (r"ontem", "yesterday"),
    (r"hoje", "today"),
    (r"agora", "now"),

    # ---- numbers and durations ------------------------------------------------------
    (r"(\d+) ?(?:min|mins|minutos?|minutinhos?|mn|m)(?!\w)", r"\1 min"),
    (r"(\d+) ?(?:s|seg|segs|segundos?|segundinhos?)(?!\w)", r"\1 sec"),
    (r"(?:um )?minuto e meio", "1.5 minutes"),
    (r"meio minuto", "half a minute"),
    (r"meia hora", "half an hour"),
    (r"(?:uns|umas|alguns|algumas|poucos|uns poucos) (?:segundos|segundinhos|seg|segs)", "a few seconds"),
    (r"(?:uns|umas|alguns|algumas|poucos|uns poucos) (?:minutos|minutinhos|min)", "a few minutes"),
    (r"um par de minutos", "a couple of minutes"),
    (r"menos de (?:um|1) minuto", "under a minute"),
    (r"(?:uma|um) ou (?:duas|dois)", "1 or 2"),
    (r"(\d+) vezes", r"\1 times"),
    (r"uma vez", "once"),
    (r"vezes", "times"),
    (r"outra vez|de novo|novamente|mais uma", "again"),
    (r"outr[ao]", "another"),
    (r"minut\w*", "minutes"),
    (r"segundos?", "seconds"),
    (r"horas?", "hours"),
    (r"mais ou menos(?= (?:\d|uns|umas|um|uma|dois|duas|tres|cinco|dez|meia|meio))|uns|umas|"
     r"cerca de|aproximadamente|por volta de|quase", "about"),
    (r"dur(?:ou|aram|ando|a)", "lasted"),
    (r"dois|duas", "two"),
    (r"tres", "three"),
    (r"quatro", "four"),
    (r"cinco", "five"),
    (r"dez", "ten"),
    (r"quinze", "fifteen"),
    (r"vinte", "twenty"),
    (r"trinta", "thirty"),

    # ---- muscles and sides ------------------------------------------------------------
    (r"(?:parte de )?tras da coxa|atras da coxa|posterior (?:da|de) coxa|coxa,? (?:atras|por tras|"
     r"de tras|posterior)|isquiotibia\w*|isquios|posterior da perna", "hamstring"),
    (r"(?:frente|parte da frente) da coxa|quadriceps", "front of the thigh"),
    (r"(?:frente|parte da frente) da perna", "shin"),
    (r"panturrilhas|panturilhas|batatas das pernas|barrigas das pernas", "calves"),
    (r"panturr?ilh?a|batata da perna|barriga da perna|gemeos?", "calf"),
    (r"coxas", "thighs"),
    (r"coxa", "thigh"),
    (r"canelas", "shins"),
    (r"canela", "shin"),
    (r"(?:planta|sola)s? d[oe]s? pes?|sola", "sole"),
    (r"arco d[oe]s? pes?", "arch"),
    (r"calcanhar\w*", "heel"),
    (r"peito do pe", "instep"),
    (r"dedao(?: do pe)?|dedo (?:grande|gordo)(?: do pe)?", "big toe"),
    (r"dedos? d[oe]s? pes?|dedinhos?(?: do pe)?|dedos", "toes"),
    (r"(?:de|em) pe", "standing"),
    (r"pes", "feet"),
    (r"pe|pezinho", "foot"),
    (r"pernas", "legs"),
    (r"perna", "leg"),
    (r"joelho\w*", "knee"),
    (r"tornozelo\w*", "ankle"),
    (r"dedos? da mao|maos?", "hand"),
    (r"braco\w*|ombro\w*", "arm"),
    (r"pescoco", "neck"),
    (r"quadril|ancas?|virilha|nadegas?|gluteos?|costas|lombar", "hip"),
    (r"estomago|barriga", "stomach"),
    (r"musculos?", "muscle"),
    (r"esquerd\w*|esq\.?", "left"),
    (r"(?:dormi|dormir) direito", "slept badly"),
    (r"direit\w*|dir\.?", "right"),
    (r"lado", "side"),

    # ---- severity ----------------------------------------------------------------------
    (r"(?:doi|doe|dor|doem|dolorid\w*|dorid\w*|sensive\w*)(?: muito)? (?:quando|se|ao|a|com o) "
     r"(?:lhe )?(?:aperto|apertar|aperta|toco|tocar|toque|carrego|carregar|pressiono|"
     r"pressionar|tocam)", "tender to the touch"),
    (r"(?:dorzinha|dor) (?:chata|surda|fraca)", "dull ache"),
    (r"dor(?:es)? (?:forte |muito forte )?n[oa] peito|aperto no peito|peito apertado|"
     r"pressao no peito|peso no peito|dor toracica", "chest pain"),
    (r"nao (?:foi |era |e )?(?:muito|tao|assim tao) forte", "not that strong"),
    (r"insuportave\w*|excruciante\w*|lancinante\w*|atroz|agonia|de (?:gritar|chorar|morrer|"
     r"enlouquecer)|gritei|gritando|a gritar|aos gritos|chorei|chorando|a chorar|(?:a|o) pior "
     r"(?:de sempre|da minha vida|que ja tive|de todas)|dos infernos|infernal", "excruciating"),
    (r"terrive\w*|horrive\w*|horroros\w*|tremend\w*|fortissim\w*|(?:muito|bem|mesmo|super) "
     r"forte|forte demais|forte pra caramba|(?:doeu|doi|doia) (?:muito|bastante|imenso|demais|"
     r"pra caramba)|muito doloros\w*|violent\w*|intens\w*", "terrible"),
    (r"fortes?", "strong"),
    (r"doloros\w*", "painful"),
    (r"(?:esta|estao|estou|anda|continua) a doer|a doer|doendo|doeu|doi|doem|doia|doi-me|doe",
     "hurts"),
    (r"moderad\w*|medi[ao]|razoave\w*", "moderate"),
    (r"mais ou menos", "so-so"),
    (r"incomod\w*|desconfortave\w*|chat[ao]", "uncomfortable"),
    (r"dolorid\w*|dorid\w*", "sore"),
    (r"leve\w*|levinh\w*|fraquinh\w*|ligeir\w*|suave|nada demais|nada de mais|suportave\w*",
     "mild"),
    (r"dor(?:es)?", "pain"),
    (r"nota|intensidade|nivel", "severity"),

    # ---- cramps and negation -------------------------------------------------------------
    (r"nao (?:tive|teve|houve|tivemos|senti|apareceu|apareceram|deu|deram|tenho tido|ocorreu)"
     r"(?: nenhuma| qualquer| mais| mais nenhuma)?(?= (?:" + _CRAMP + "|espasm))", "no"),
    (_CRAMP + r"s|" + _CRAMP + r"zinhas|caibrinhas|caimbrinhas", "cramps"),
    (_CRAMP + r"(?:zinha|inha)?|caibrinha|caimbrinha|caimbr\w*|caibr\w*", "cramp"),
    (r"espasmos?", "spasm"),
    (r"travou|travad[oa]s?|trancou|bloqueou", "locked up"),
    (r"repux\w*|puxao|deu um puxao", "seized up"),
    (r"deu (?:um|uns) nos?|fez (?:um )?no|no cego", "knotted up"),
    (r"contrai\w*|contracao|encolh\w*|enrolou|enrijeceu|endureceu", "contracted"),
    (r"fisgada", "twinge"),
    (r"acord\w*", "woke up"),
    (r"nao dormi (?:bem|nada|quase nada)|dormi mal", "slept badly"),
    (r"dormi (?:bem|otimo|muito bem|como (?:uma pedra|um anjo|um bebe|um prego)|que nem (?:uma "
     r"pedra|um anjo|um bebe)|direto|de um so sono|descansad\w*|tranquil\w*|em paz)",
     "slept well"),
    (r"dormi", "slept"),
    (r"adormeci", "fell asleep"),
    (r"noite (?:tranquil\w*|calma|sossegada|boa|otima|em paz|descansada|serena)|"
     r"boa noite de sono", "quiet night"),
    (r"nenhum\w*|nada de", "no"),
    (r"(?:estou|estava|to|tou|tava|estive|eu) (?:com|a ter|tendo)", "i have"),
    (r"(?:esta|ta|estava|ficou|anda) com", "has"),
    (r"tive|tivemos|teve|deu-me|me deu|apanhei", "had"),

    # ---- supplements ------------------------------------------------------------------------
    (r"complexo (?:de )?(?:vitaminas? )?b|vitaminas do complexo b", "b complex"),
    (r"vitaminas?|vit\.?", "vitamin"),
    (r"potass\w*", "potassium"),
    (r"calcio", "calcium"),
    (r"(\d+) ?(?:ui|u\.i\.?)(?!\w)", r"\1 iu"),
    (r"microgramas?|µg", "mcg"),
    (r"miligramas?", "mg"),
    (r"suplement\w*|comprimid\w*|capsula\w*|pilula\w*|remedio\w*", "tablets"),
    (r"ainda nao (?:tomei|tomou)", "haven't taken yet"),
    (r"nao (?:tomei|tomou)", "didn't take"),
    (r"nao (?:vou|irei) tomar|nao tomo", "won't take"),
    (r"nao (?:me )?esqueci(?: de tomar)?|nao esqueci(?:-me)?|(?:me )?lembrei(?:-me)?"
     r"(?: de tomar)?", "remembered"),
    (r"(?:me )?esquec\w*(?:-me)?(?: de)?(?: tomar| fazer)?", "forgot"),
    (r"acab(?:ou|aram)(?:-se)?(?= (?:[ao]s?|meu|minha) )|fiquei sem|(?:estou|to|tou) sem|"
     r"nao tenho mais", "ran out of"),
    (r"(?:esta|estao) (?:a acabar|acabando|no fim|quase no fim)|a acabar|acabando", "running low"),
    (r"(?:tenho (?:de|que)|preciso(?: de)?) (?:encomendar|comprar|pedir)(?: mais)?",
     "need to order more"),
    (r"(?:ja )?tom(?:ei|ou|amos)", "took"),
    (r"tomad[oa]s?", "taken"),
    (r"tom(?:ar|o|a|ando)", "take"),

    # ---- stretching --------------------------------------------------------------------------
    (r"nao (?:alonguei|alongo|estiquei|alongamos|estico)", "haven't stretched"),
    (r"(?:mesmo )?sem vontade", "reluctantly"),
    (r"alonguei|alongamos|estiquei|estirei", "stretched"),
    (r"alongament\w*|estiramentos|exercicios de alongamento", "stretches"),
    (r"along\w*|estic\w*", "stretch"),
    (r"exercicios?", "exercises"),
    (r"feit[oa]s?", "done"),
    (r"nao fiz", "didn't do"),
    (r"fiz", "did"),
    (r"por enquanto|ate agora", "yet"),

    # ---- corrections ---------------------------------------------------------------------------
    (r"ops|opa|epa|upa|ups|oops", "oops"),
    (r"desculp\w*|perdao|perdoa|foi mal", "sorry"),
    (r"na verdade|na realidade|alias|afinal|pensando bem", "actually"),
    (r"(?:eu )?(?:quis|queria|quero) dizer|quer dizer", "i meant"),
    (r"corrig\w*|correcao|retifica\w*", "correction"),
    (r"errei o lado|lado errado", "wrong side"),
    (r"perna errada", "wrong leg"),
    (r"(?:me )?engan\w*(?:-me)?|errei", "my mistake"),
    (r"nao (?:foi|era|e)", "wasn't"),

    # ---- symptoms and red flags, with their exclusions ------------------------------------------
    (r"falta de ar|sem ar|falta de folego|sem folego|(?:nao consigo|dificuldade (?:para|em|de)|"
     r"custa(?:-me)?) respirar|ofegante|respiracao (?:dificil|curta|ofegante)|sufoc\w*",
     "short of breath"),
    (r"(?:a )?toss\w*(?: com)? sangue|(?:escarr\w*|catarro|expectora\w*) com sangue|"
     r"cusp\w* sangue|sangue (?:ao|quando) toss\w*", "coughing up blood"),
    (r"(?:quase )?desmai\w*|perdi os sentidos|perdi a consciencia|apaguei", "fainted"),
    (r"tontura|tont[oa]", "dizzy"),
    (r"desinch\w*", "swelling gone down"),
    (r"(?:a )?incha\w*|inchou|edema\w*", "swollen"),
    (r"manchas? vermelhas?|pontos? vermelhos?|vermelhao", "red mark"),
    (r"(?:cara|rosto|face|bochechas) vermelh\w*", "red faced"),
    (r"vermelhidao|rubor", "redness"),
    (r"vermelh\w*|avermelhad\w*", "red redness"),
    (r"calor (?:n[ao]s?|em)(?= (?:perna|panturr|barriga|batata|coxa|canela|pe|joelho|tornoz))",
     "warmth in the"),
    (r"(?:bolsa|botija|saco|garrafa|garrafinha) de agua quente|agua quente|compressa\w* "
     r"quente\w*|toalha quente|pano quente|almofada termica|bolsa termica|banho quente|"
     r"duche quente|chuveiro quente", "hot water bottle"),
    (r"que calor|calor\w*|abafad\w*", "hot night"),
    (r"quente\w*", "hot"),
    (r"fri[oa]s?|gelad[oa]s?|congelad[oa]s?|gelo", "cold"),
    (r"branc[oa]s?|esbranquicad\w*", "white"),
    (r"palid\w*|descorad\w*", "pale"),
    (r"rox[oa]s?|arroxead\w*|azul|azuis|azulad\w*|cianotic\w*|manchad\w*|marmorea\w*",
     "blue"),
    (r"nodoas? negras?|hematoma\w*|equimose\w*", "bruise"),
    (r"escur[oa]s?|escureceu|enegrecid\w*", "dark"),
    (r"brilhante\w*|lustros\w*", "shiny"),
    (r"mudou de cor|ficou de outra cor|(?:uma )?cor (?:estranha|esquisita)|outra cor|"
     r"descolor\w*", "discoloured"),
    (r"pele", "skin"),
    (r"(?:esta |a )?(?:formig\w*|dormente\w*|dormencia|adormecid\w*|adormeceu|adormeceram|"
     r"entorpecid\w*)|sem sensibilidade|perdi a sensibilidade|nao sinto (?:o|a|os|as)",
     "numb"),
    (r"fraquez\w*|sem forca|perdi (?:a )?forca|falta de forca", "weakness"),
    (r"frac[oa]s?|bamb[ao]s?", "weak"),
    (r"sensive\w*|sensibilidade", "tender"),
    (r"feb\w*|temperatura alta", "fever"),
    (r"graus", "degrees"),
    (r"(?:ja )?(?:passou|sumiu|desapareceu|foi embora|diminuiu|baixou|melhorou|acalmou|aliviou)",
     "has gone"),
    (r"(?:pernas|sindrome das pernas) inquietas", "restless legs"),
    (r"rigid\w*|tens[oa]s?|emperrad\w*|pesad\w*", "stiff"),
    (r"(?:a )?trem\w*|tremor\w*|a saltar|latej\w*|pulsando|tique", "twitching"),
    (r"peito", "chest"),
    (r"cha", "tea"),

    # ---- answers, smalltalk, help, recap, undo --------------------------------------------------
    (r"ajuda\w* (?:n[ao]s?|com|contra|para|pra|a evitar)(?= (?:[ao]s? )?(?:" + _CRAMP + "|espasm))|"
     r"(?:serve|e bom|funciona) (?:para|pra|contra)|previne|evita", "help with"),
    (r"como (?:e que )?(?:isto |isso |este bot |o bot )?funciona\w*(?: isto| isso)?|"
     r"o que (?:e que )?(?:eu )?(?:escrevo|devo escrever|mando|devo mandar|devo enviar|envio|"
     r"digo|posso escrever|posso dizer|devo (?:te )?(?:mandar|enviar|escrever|dizer))|"
     r"o que (?:e que )?(?:voce|tu|vc) (?:faz\w*|pode fazer|sabe fazer)|como (?:e que )?(?:eu )?"
     r"(?:uso|usar|se usa|utilizo|utilizar)|nao sei usar", "how does this work"),
    (r"/?ajuda|socorro|/help", "help"),
    (r"bom dia|bons dias", "good morning"),
    (r"boa tarde", "good afternoon"),
    (r"boa noite", "good night"),
    (r"muito obrigad\w*", "thanks very much"),
    (r"obrigad\w*|brigad\w*|obg\w*|valeu|vlw|agradec\w*|grat[oa]", "thanks"),
    (r"ola|oi+e?|alo|e ai|eai", "hello"),
    (r"ta bom|ta bem|esta bem|tudo bem|tudo certo|beleza|blz|combinado|entendi\w*|percebi\w*|"
     r"certo|fixe|otimo|perfeito", "ok"),
    (r"tchau|adeus|ate (?:amanha|logo|mais)", "bye"),
    (r"como (?:foi|correu|esta|vai) (?:a )?(?:minha )?semana", "how was my week"),
    (r"semana passada|ultima semana", "last week"),
    (r"(?:n?esta|n?essa) semana", "this week"),
    (r"(?:n?este|n?esse) mes", "this month"),
    (r"mes passado|ultimo mes", "last month"),
    (r"quant[ao]s vezes", "how often"),
    (r"quant[ao]s", "how many"),
    (r"resumo\w*|relatorio\w*|estatistic\w*|historico|balanco|diario", "summary"),
    (r"como (?:e que )?(?:estou|vou|ando|me estou a sair)(?: indo)?", "how am i doing"),
    (r"em comparacao (?:com|ao|a)|comparad[oa] (?:com|ao|a)", "compared to"),
    (r"(?:me )?mostr\w*(?:-me)?", "show me"),
    (r"por favor|pfv?|porfa", "please"),
    (r"desfaz\w*", "undo"),
    (r"apag\w*|elimin\w*|exclu\w*|delet\w*|remov\w*|cancel\w*|risc\w*", "delete"),
    (r"que (?:acabei|acabo) de (?:por|registrar|registar|meter|colocar|inserir|escrever|mandar|"
     r"enviar|lancar)", "i just put in"),
    (r"(?:o |a )?(?:ultim[oa]|anterior)(?: registo| registro| entrada| mensagem)?",
     "the last one"),
    (r"registos?|registros?|entradas?", "entry"),

    # ---- the little words ---------------------------------------------------------------------------
    (r"ainda nao", "not yet"),
    (r"nao", "not"),
    (r"sem", "without"),
    (r"nem", "no"),
    (r"o meu|a minha|os meus|as minhas|meu|minha|meus|minhas", "my"),
    (r"n[ao]s?|num|numa|em", "in the"),
    (r"d[ao]s?|de", "of"),
    (r"[ao]s?", "the"),
    (r"uma?", "a"),
    (r"e", "and"),
    (r"ou", "or"),
    (r"mas|porem", "but"),
    (r"com", "with"),
    (r"para|pra|pro", "to"),
    (r"muito|muita|bem|bastante|super", "very"),
    (r"um (?:pouco|bocado|bocadinho|pouquinho)|meio", "a bit"),
    (r"ainda|continua", "still"),
    (r"ja", "already"),
    (r"so|apenas|somente", "just"),
    (r"depois|apos", "after"),
    (r"antes", "before"),
    (r"desde", "since"),
    (r"aqui", "in here"),
    (r"quarto", "bedroom"),
    (r"cama", "bed"),
    (r"eu", "i"),
    (r"estou|tou", "i am"),
    (r"esta|ta|estao", "is"),
    (r"estava|tava", "was"),
    (r"fic(?:ou|aram|ei)", "went"),
    (r"foi|era|foram|eram", "it was"),
    (r"quando", "when"),
    (r"senti|sinto", "feel"),
    (r"andar|caminhar", "walk"),
    (r"levant\w*", "got up"),
)
