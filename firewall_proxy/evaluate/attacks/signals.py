"""Interpretable attack signals: phrase families matched on normalised text.

Flow position: inside **evaluate**, used by the ``prompt_attacks`` evaluator
(and by ``training/`` to build the same features). Each family is a named,
documented regular expression over the folded text (lower case, whitespace
collapsed, see :mod:`firewall_proxy.evaluate.normalize`) with a *word gate*: the
regex only runs when one of its gate words is present, because 20 regexes over
a 1 KB prompt cost ~30 us and the gate costs ~0.3 us. Where the regex runs, it
is tried only *at* the occurrences of its anchor words (the words every match
starts with), found with ``str.find``: an unanchored search with a lazy gap
costs ~70 us per KB, an anchored attempt about a microsecond.

A family match is evidence, not a verdict: the trained model weighs it with
the n-gram features, and the finding names the family and its span so a
security engineer sees *why* a prompt scored high.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FAMILIES",
    "Family",
    "SignalCalibration",
    "SignalHit",
    "default_calibration_path",
    "find_signals",
    "word_set",
]

# bytes.translate is ~20x faster than str.translate with a dict; UTF-8 bytes >= 0x80
# are left alone, so non-ASCII words survive intact.
_PUNCT = bytes.maketrans(b"!\"#%&'()*,./:;<=>?[\\]^`{|}~", b" " * 27)


@dataclass(frozen=True, slots=True)
class Family:
    """One phrase family: what it means, where it points, when it runs."""

    name: str
    category: str
    description: str
    gate: frozenset[str]
    pattern: re.Pattern[str]
    anchors: frozenset[str]  # every match starts with one of these words
    literals: tuple[str, ...]  # or, for markup patterns, at one of these substrings
    # Evidence only inside documents and tool results: from the user it is a normal
    # request ("format your answer as a table"), planted in a document it is an attack.
    indirect_only: bool = False
    # Substrings every match contains (one at least): checked with ``in`` (~0.3 us per
    # KB each) before any regex runs, for families whose gate words are common.
    needs: tuple[str, ...] = ()
    # A match whose own text also matches this is not one: the request is about
    # defending against the harm ("how can I recognise a phishing scam").
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class SignalHit:
    family: Family
    span: tuple[int, int]


def _family(
    name: str,
    category: str,
    description: str,
    gate: str,
    pattern: str,
    *,
    indirect_only: bool = False,
    unless: str = "",
) -> Family:
    anchors = frozenset(_ANCHORS.get(name, "").split())
    literals = _LITERALS.get(name, ())
    gate_words = frozenset(gate.split()) if gate else anchors
    return Family(
        name,
        category,
        description,
        gate_words,
        re.compile(pattern),
        anchors,
        literals,
        indirect_only,
        _NEEDS.get(name, ()),
        re.compile(unless) if unless else None,
    )


# Words right before "undetected" / "untraceable" / "unnoticed" that make it what the
# asker wants ("stay undetected", "make it untraceable"), not a description.
_WANTED_UNSEEN = (
    "stay", "stays", "staying", "remain", "remains", "remaining", "go", "goes", "going",
    "be", "being", "it", "them", "him", "her", "me", "myself", "this", "completely",
    "totally", "entirely",
)  # fmt: skip

# Between a request verb and the crime it names, words that turn it into a request to
# defend against, recognise, report or recover from that crime; "avoid" is left out
# ("avoid getting caught" is how evasion is asked for).
_PROTECTIVE = (
    r"\b(recogni[sz]e|spot|identify|detect|report|protect|prevent|defend|stop|"
    r"so (that )?(no ?one|nobody)|victim of|warning signs)\b"
)


# Verbs that start an instruction about the assistant's own reply.
_OUTPUT_VERBS = (
    "add enhance augment encode render apply provide format write translate end begin start "
    "include insert integrate incorporate mention embed append prepend make ensure use replace "
    "invert reverse structure present compose craft conclude sign enrich embellish weave slip "
    "inject put place finish close deliver rewrite infuse sprinkle pepper"
)
# Verbs that change the form of the assistant's reply (scramble, encode, misspell it):
# in a document they hijack the answer the user gets.
_REWRITE_VERBS = (
    "modify alter change adjust tweak convert substitute scramble jumble rearrange group "
    "combine remove misspell introduce anagram shuffle transform express encrypt encipher "
    "shift"
)
# Verbs (and their -ing forms) a document uses to sell a code excerpt to the reader's
# code: "your algorithm could flourish with the addition of the following code block".
_PLANT_VERBS = (
    "embed embedding insert inserting include including integrate integrating incorporate "
    "incorporating inject injecting append appending add adding addition merge merging weave "
    "weaving blend blending fuse fusing combine combining feature featuring supplement "
    "supplementing assimilate assimilating embody embodying validate validating infuse infusing "
    "utilize utilizing utilise utilising leverage leveraging introduce introducing enrich "
    "enriching enhance enhancing augment augmenting"
)
_PLANT_VERB = r"\b(" + "|".join(_PLANT_VERBS.split()) + r")\b"
_PLANT_OBJECT = (
    r"\b(the )?(following|subsequent|below|attached|given) code ?(snippet|block|section|segment|"
    r"fragment|piece|excerpt|lines?)\b"
)
_PLANT_TARGET = (
    r"(code|codebase|implementation|algorithm|solution|program|script|project|elucidation|"
    r"response|answer|reply|function)"
)
_SECRETS = (
    r"(password|passcode|passphrase|secret (key|code|word)|pin|credentials|api key|access code)"
)

# Words each family's matches start with ("don't" is found as "don", before the quote).
_ANCHORS = {
    "instruction_override": "ignore ignoring disregard disregarding forget override bypass skip "
    "neglect abandon drop do don stop regardless irrespective contrary notwithstanding despite "
    "attention achtung stopp own",
    "override_other_language": "ignoriere ignorieren ignoriert vergiss vergesst vergessen "
    "missachte missachten ignora olvida olvide olvidad olvidar olvídate ignorez oubliez oublie "
    "ignorer ignore ignorar ignorate esqueça esqueca dimentica dimenticate zaboravi ignoriraj "
    "zanemari игнорируй игнорируйте игнорировать забудь забудьте забыть abweichend entgegen "
    "ungeachtet unabhängig lass lassen lasst höre hört hör obigen vorherigen bisherigen "
    "vorangegangenen",
    "new_instructions": "new updated real actual true additional secret hidden from instead "
    "very well good great nice excellent simply passed comes sehr gut super ausgezeichnet "
    "ausgezeichnete ausgezeichneter hervorragend hervorragende hervorragender hervorragenden "
    "einfach gut ok okay fine instructions prompt",
    "prompt_extraction": "reveal show print repeat output display tell give leak disclose share "
    "write spell list what zeige zeig zeigen gib geben drucke drucken wiederhole wiederholen "
    "nenne nennen verrate verraten vorzeigen ausgeben",
    "addresses_the_model": "attention note notes important message messages instruction "
    "instructions dear hey hi if when developer developers creator creators programmer "
    "programmers entering initiating activating enabling debug debugging maintenance god sudo "
    "root injection jailbreak",
    "exfiltration": "send forward email post upload exfiltrate transmit",
    "output_directive": _OUTPUT_VERBS + " " + _REWRITE_VERBS + " " + _PLANT_VERBS + " reply "
    "answer response implementation algorithm solution elucidation",
    "code_insertion": "following subsequent below this these given provided attached embed "
    "insert include integrate incorporate inject append add enlist utilize utilise use leverage "
    "merge weave blend fuse combine",
    "secret_request": "tell give share reveal send provide say disclose what whats was qual "
    "cual cuál quel dis gib nenne sag",
    "unrestricted_persona": "dan anything developer dev jailbreak jailbreaks jailbreaking "
    "jailbroken jailbreaker unfiltered uncensored unrestricted amoral unethical evil evilbot no "
    "nofilter always take act acting now pretend simulate become roleplay role-play play böse "
    "boshafte",
    "no_limits": "no without free not doesn does don do beyond freed ignore ignores regardless "
    "irrespective disregard disregards disregarding even defies defy defying violate violates "
    "violating goes go break breaks breaking devoid bypass bypasses bypassing "
    "ignoring",
    "policy_reference": "openai anthropic content usage safety",
    "never_refuse": "never not don do cannot can won will must mustn shouldn should refusal "
    "refusals refusing question questions request requests prompt prompts times",
    "token_game": "stay staying remain lose token say saying mention mentioning reveal "
    "revealing admit admitting remind reminding tell state disclose acknowledge refer always "
    "stays remains falling breaking fall break stepping step dropping drop bleiben bleibt "
    "bleib verharren verharrt figur rolle charakter charakteren",
    "dual_response": "two 2 dual both normal classic",
    "weapons": "make build create assemble synthesize synthesise produce manufacture construct "
    "obtain buy get making building",
    "drugs": "make cook synthesize synthesise produce manufacture grow buy sell smuggle get making",
    "violence": "how ways best help steps plan tell",
    "cybercrime": "write create develop make build code design give generate how",
    "crime_howto": "how ways help steps guide tutorial instructions plan explain teach",
    "hate_or_abuse": "write create develop design make produce generate post draft compose "
    "publish give how ways help best plan sexual nude explicit racist sexist hateful antisemitic "
    "propaganda tell list share come "
    "disinformation fake promote promotes promoting glorify glorifies glorifying incite incites "
    "inciting",
    "harmful_content_request": "write create generate produce draft compose give develop design",
    "illicit_intent": "illegally unlawfully without undetected untraceable unnoticed evade evading "
    "how ways help guide",
    "stereotype": "why isn aren isnt arent how is",
    "private_information": "what what's give tell find provide share reveal disclose look get can "
    "could does did is has",
    "demeaning_person": "derogatory offensive insulting demeaning degrading vulgar obscene how "
    "ways help can could please i best agree admit confirm",
    "secrets_disclosure": "disclose reveal leak share tell give show what are provide details",
    "deception_request": "create creating write writing generate spread spreading produce design "
    "make develop draft post publish distribute run set start craft build launch plan organize "
    "organise",
}
# Markup-like patterns start at these substrings instead of at a word.
_LITERALS: dict[str, tuple[str, ...]] = {
    "role_markers": (
        "<|",
        "|>",
        "[inst]",
        "[/inst]",
        "<<sys>>",
        "###",
        "system:",
        "[system]",
        "end of ",
    ),
    "addresses_the_model": ("mode>",),
    "exfiltration": ("![",),
    "token_game": ("tokens",),
    "violence": ("i want to",),
}
# Families gated on common words ("email", "write") whose matches all hold one of a
# few rarer substrings: a URL or address, a harm word.
_NEEDS: dict[str, tuple[str, ...]] = {
    "exfiltration": ("http", "@"),
    "harmful_content_request": (
        "illegal",
        "harmful",
        "dangerous",
        "unethical",
        "violen",
        "hate",
        "fraud",
        "steal",
        "hack",
        "poison",
        "weapon",
        "drug",
        "suicide",
        "self-harm",
        "bomb",
        "terror",
        "cheat",
        "manipulat",
        "exploit",
    ),
}
# Longest run of anchored attempts before falling back to one plain search, so a
# text stuffed with anchor words costs at most one regex scan more.
_MAX_ATTEMPTS = 64


_GAP = r"[^.!?\n]{0,40}?"
_SHORT = r"[^.!?\n]{0,25}?"

# Groups, demeaning traits, people close to the asker and private data, for the
# stereotype, demeaning_person and private_information families.
_GROUP = (
    r"(muslims?|jews?|jewish|christians?|hindus?|buddhists?|atheists?|blacks?|whites?|"
    r"asians?|africans?|mexicans?|latinos?|latinas?|hispanics?|arabs?|indians?|chinese|"
    r"japanese|koreans?|russians?|immigrants?|refugees?|women|woman|females?|men|males?|"
    r"girls|boys|gays?|lesbians?|transgender|trans|homosexuals?|bisexuals?|disabled|"
    r"autistic|poor|fat|obese|old|elderly|conservatives?|liberals?|democrats?|republicans?|"
    r"feminists?|middle eastern(ers)?|gypsies|roma|foreigners|catholics?|mormons?|"
    r"southerners|northerners|europeans?|americans?|british|french|germans?|italians?|"
    r"irish|polish|nigerians?|indigenous|natives?)"
)
_TRAIT = (
    r"(lazy|stupid|dumb|idiots?|violent|greedy|criminals?|terrorists?|inferior|dirty|"
    r"smelly|cheap|emotional|hysterical|ugly|rude|arrogant|dishonest|liars?|thieves|"
    r"savages?|primitive|backward|uneducated|ignorant|untrustworthy|evil|disgusting|"
    r"annoying|crazy|irrational|bad drivers?|bad at (math|driving|science|leading)|"
    r"(no|any) sense of humou?r|can'?t (drive|be trusted|lead|do math))"
)
_REL = (
    r"(coworkers?|co-workers?|colleagues?|neighbou?rs?|boss|ex|ex-wife|ex-husband|"
    r"ex-girlfriend|ex-boyfriend|friends?|classmates?|teachers?|professors?|"
    r"landlords?|tenants?|employees?|employers?|roommates?|"
    r"nieces?|nephews?|cousins?|stepbrothers?|stepsisters?|in-laws?|"
    r"manager|supervisor|boyfriend|girlfriend|"
    r"fianc[eé]e?|grand(mother|father|son|daughter|ma|pa)|stepsons?|stepdaughters?)"
)
_SENSITIVE = (
    r"(social security numbers?|ssn|home address(es)?|medical (records?|history|"
    r"conditions?)|blood type|criminal (record|history)|bank (account|details)|"
    r"credit card (numbers?|details)|passwords?|date of birth|salary|sexual "
    r"orientation|immigration status|health (conditions?|records?|"
    r"problems?)|mental (health|illness)|religious beliefs|political (views|"
    r"affiliation)|browsing history|private (messages|photos|life))"
)

FAMILIES: tuple[Family, ...] = (
    _family(
        "instruction_override",
        "injection",
        "asks to ignore or override the instructions the application gave (or the documents "
        "it supplied)",
        "ignore ignoring disregard disregarding forget override bypass skip neglect abandon drop "
        "follow following ignores regardless irrespective contrary notwithstanding look rely "
        "despite stop stopp own answer told instructed programmed",
        r"\b(ignore|ignoring|disregard|forget|override|bypass|skip|neglect|abandon|drop|"
        r"do not follow|don't follow|stop following)\b"
        + _GAP
        + r"\b(previous|prior|above|earlier|preceding|former|original|initial|all|any|your|the|"
        r"these|those|my|every)\b"
        + r"[^.!?\n]{0,30}?"
        + r"\b(instructions?|prompts?|rules|directions?|guidelines|directives?|commands?|"
        r"context|messages?|orders|programming|constraints|restrictions|guardrails|tasks?|"
        r"everything)\b"
        r"|\b(ignore|disregard|forget)\s+(about\s+)?(everything|all of (that|this|the above))\b"
        r"|\b(ignore|disregard|forget)\s+(the\s+)?(above|previous|preceding)\s*(and\b|,|\.|$)"
        # "regardless of previous tasks", "contrary to your prior instructions"
        r"|\b(regardless of|irrespective of|contrary to|notwithstanding)"
        r"( all| any| the| your| my)? (previous|prior|earlier|above|preceding|former|original|"
        r"initial|existing) "
        r"(instructions?|prompts?|rules|directions?|guidelines|directives?|commands?|tasks?|"
        r"orders|programming)\b"
        # context ignoring: the retrieved documents the answer should rest on
        r"|\b(ignore|ignoring|disregard|disregarding)\s+(all\s+|any\s+)?(of\s+)?the\s+"
        r"(provided\s+|given\s+|attached\s+|retrieved\s+|above\s+)?(articles|documents|"
        r"search results|sources)\b"
        r"|\b(do not|don't) (look|rely) (in|at|on|into) (the )?(provided |given |attached )?"
        r"(articles|documents|sources)\b"
        # "answer by your own knowledge and not by the articles"
        r"|(?<=\byour )own knowledge,? (and |but )?(not|instead of|rather than) (by |from |on |"
        r"with |using |based on |in )?(the )?(provided |given |attached |retrieved )?(articles|"
        r"documents|context|sources|texts?|search results)\b"
        # "despite what you've been told", "ignore what you were instructed"
        r"|\b(despite|regardless of) what (you('ve| have)? been|you were) (told|instructed|"
        r"programmed)( before| earlier| previously)?,? (could you|can you|please|now|i want you|"
        r"you (must|should|will))\b"
        r"|\b(ignore|ignoring|disregard|disregarding|forget)\b (everything |all )?(that |what )"
        r"(you('ve| have)? been|you were) (told|instructed|programmed)\b"
        # the user's question is dropped for a planted answer: "do not answer this question
        # but just output '...'"
        r"|\b(do not|don't) answer (this|the|my) question,? (but|and|instead)( just| only| "
        r"simply)? (output|say|print|write|reply|respond)( with)? ?[\"“']"
        # a halt, then an order: "attention - stop -", "stop: write ..."
        r"|\b(attention|achtung) ?[-:!]+ ?(stop|stopp)\b"
        r"|\b(stop|stopp) ?[:-]+ ?(write|say|print|output|schreib\w*|sag\w*)\b",
    ),
    _family(
        "override_other_language",
        "injection",
        "asks, in German, Spanish, French, Portuguese, Italian, Croatian or Russian, to ignore "
        "or forget the previous instructions",
        "",
        # "n'oubliez pas" / "no olvide" / "vergiss nicht" mean "don't forget": not an override
        r"(?<!n')(?<!no )\b(ignorier\w*|vergiss\w*|vergessen|missachte\w*|ignora|olvida|olvide|"
        r"olvidad|olvidar|olvídate|ignorez|oubliez|oublie|ignorer)\b(?! nicht\b)(?! pas\b)"
        + _GAP
        + r"\b(anweisung\w*|vorherig\w*|obig\w*|alles|befehl\w*|regeln|aufgabe\w*|"
        r"auftr(ä|a)ge?\b|instruktion\w*|bisherig\w*|instrucciones|anteriores|reglas|"
        r"instructions|précédentes|consignes)"
        r"|(?<!no )\b(olvida|olvide|olvidad|olvidar|olvídate) (de )?todo\b"
        r"|(?<!n')\b(oubliez|oublie) tout\b"
        r"|\b(ignore|ignora|ignorar|ignorate|esqueça|esqueca|dimentica|dimenticate)\b"
        + _SHORT
        + r"\b(instruções|instrucoes|istruzioni|indicações|precedenti)\b"
        r"|\b(zaboravi|ignoriraj|zanemari)\b" + _SHORT + r"\b(sve|instrukcije|upute|prethodne)\b"
        r"|\b(игнорир|забуд|забыть)\w*" + _SHORT + r"\b(инструкци|предыдущ|указани)"
        # "abweichend zu vorherigen Instruktionen", "lassen Sie alle vorherigen ... hinter sich"
        r"|\b(abweichend (von|zu)|entgegen|ungeachtet|unabhängig von)( den| der| allen| aller)? "
        r"(vorherig|bisherig|vorangegangen|früher|obig|ursprünglich)\w* (anweisung|instruktion|"
        r"aufgabe|auftr|befehl|vorgabe)\w*"
        r"|\blass(en|t)? (sie |du )?(alle |sämtliche )?(vorherig|bisherig|vorangegangen|obig)\w* "
        r"(anweisung|instruktion|aufgabe|auftr|information)\w* hinter (sich|dir|euch)\b"
        # "höre nicht auf alles zuvor Gesagte", "die obigen Ausführungen ignorieren"
        r"|\bhör(e|t)? nicht (mehr )?auf alles,? (was )?(zuvor|vorher|bisher|oben|davor) gesagt"
        r"|\b(obigen|vorherigen|bisherigen|vorangegangenen) (ausführungen|anweisungen|"
        r"informationen|instruktionen|befehle|aufgaben|vorgaben) (ignorieren|vergessen)\b"
        r"|\b(obigen|vorherigen|bisherigen|vorangegangenen) (ausführungen|anweisungen|"
        r"informationen|instruktionen|befehle|aufgaben|vorgaben),? die (sie|du) (erhalten|bekommen)"
        r"( haben| hast)?,? (sind|ist) (irrelevant|unwichtig|ungültig|hinfällig|nicht)\b",
    ),
    _family(
        "new_instructions",
        "injection",
        "announces replacement instructions or a new task (also the task switch after praise: "
        "'well done, now comes a new task')",
        "new updated real actual true additional secret hidden now instead comes aufgabe "
        "aufgaben anweisung anweisungen auftrag aufträge herausforderung herausforderungen test "
        "tests done finished erledigt instructions prompt",
        r"\b(new|updated|real|actual|true|additional|secret|hidden) (instructions?|task|"
        r"objective|directive|system prompt|rules)\b|\bfrom now on,? (you|your|only|always|"
        r"respond|answer)\b|\binstead,? (you (will|must|should)|respond|answer|say|print|"
        r"output|write|tell)\b"
        # "your instructions are now to ...", "change your instructions to the following"
        r"|((?<=\byour )|(?<=\byour new ))instructions are (now|as follows)( to\b|:)"
        r"|((?<=\bchange your )|(?<=\bupdate your )|(?<=\bchange your system )|"
        r"(?<=\bupdate your system ))(instructions|prompt) to( the following)?:"
        # praise, then the old task declared finished: "very good. that is done. now ..."
        r"|\b(very good|well done|good job|great job|sehr gut|gut gemacht)[.!,]? (that is|"
        r"that's|this is|das ist|das wäre) (done|finished|complete|erledigt|geschafft)[.!,]? "
        r"((now )?(write|say|print|tell|create|compose|generate|draft|give)\b|(verfasse|schreibe?|"
        r"sage?|gib|erstelle) (nun|jetzt)\b)"
        # praise for the task so far, then "now" and a new task: a context switch
        r"|\b(very well done|well done|good job|great job|nice job|good work|great work|excellent "
        r"(work|job|performance)|very good|simply great|passed the (first|previous) test|"
        r"(?<=\bthat was )(ok|okay|good|great|fine))\b"
        r"[^\n]{0,50}?\bnow\b"
        + _GAP
        + r"\b(new|next|second|another|further|different|following) (task|test|challenge|"
        r"assignment|instructions?|orders?)s?\b"
        r"|\bcomes the (second|next|new|final) (test|task|challenge)\b"
        r"|\b(sehr gut|gut gemacht|super gemacht|ausgezeichnet(e|er)?( leistung| arbeit)?|"
        r"hervorragend(e|er|en)?( leistung| arbeit)?|einfach (gro(ss|ß)artig|super|toll)|"
        r"((?<=\bdas war )|(?<=\bdas war schon )|(?<=\bdas war schon mal ))(ok|okay|gut))\b"
        r"[^\n]{0,50}?\b(nun|jetzt)\b"
        + r"[^.!?\n]{0,60}?"
        + r"\b(neu|weiter|nächst|zweit|folgend|vorherig|bisherig|vorangegangen)\w* (aufgaben?|"
        r"anweisung(en)?|tests?|auftrag|aufträge|herausforderung(en)?)\b",
    ),
    _family(
        "prompt_extraction",
        "injection",
        "tries to extract the system prompt, hidden instructions or a secret",
        "prompt prompts instructions above initial secret password passcode rules key "
        "configuration message prompt-text prompt-texte eingabeaufforderung anweisungen "
        "instruktionen systemprompt",
        r"\b(reveal|show|print|repeat|output|display|tell me|give me|leak|disclose|share|"
        r"write out|spell out|list|what (is|are|was|were))\b"
        + _GAP
        + r"\b(system prompt|system message|initial (prompt|instructions)|original (prompt|"
        r"instructions)|your (instructions|prompt|rules|guidelines|directives|configuration)|"
        r"hidden (prompt|instructions)|(text|words|everything|instructions) above|secret "
        r"(key|word|password|code)|the password|passcode|api key|(above|entire|whole|full|"
        r"complete) (prompt|prompt text)|above (text|instructions)|prompt (above|text)|"
        r"(beginning|start) of (this|the|your) prompt)\b"
        r"|\b(zeig(e|en)?|gib|geben|druck(e|en)|wiederhol(e|en)|nenn(e|en)|verrat(e|en)|vorzeigen|"
        r"ausgeben)\b"
        + _GAP
        + r"\b(dein|ihr|sämtlich|gesamt|obig|ursprünglich|vollständig)\w*"
        + _SHORT
        + r"\b(prompt|prompt-texte?|eingabeaufforderung|anweisungen|instruktionen|systemprompt)\b",
    ),
    _family(
        "role_markers",
        "injection",
        "contains chat-template or system markers that fake a new system turn",
        "im_start im_end endoftext inst sys system end instruction",
        r"<\|?(im_start|im_end|system|endoftext|assistant|user)\|?>|\[/?inst\]|<<sys>>|"
        r"###\s*(system|instruction|new instruction)|(^|\n|\| )\s*system\s*:|\[system\]|"
        r"\bend of (prompt|instructions|document|context)\b",
    ),
    _family(
        "addresses_the_model",
        "injection",
        "content that speaks to the AI model reading it (typical of indirect injection), or "
        "claims authority over it ('I'm your developer', '<god mode>', 'I'm entering override "
        "mode'), or insists it is not a prompt injection",
        "ai assistant model llm chatbot bot chatgpt gpt when developer developers creator "
        "creators programmer programmers mode injection jailbreak",
        r"\b(attention|note|important|message|instructions?)s? (to|for) (the )?(ai|assistant|"
        r"language model|llm|chatbot|bot|model)\b|\b(dear|hey|hi) (ai|assistant|chatgpt|gpt|"
        r"bot|llm)\b|\bif you are an? (ai|language model|llm|assistant)\b|\bwhen (you|the ai|the "
        r"assistant|the model) (read|process|summari[sz]e|see)s? this\b"
        # the match starts at the role word, the claim before it is checked by look-behind
        r"|((?<=\bi'm your )|(?<=\bi am your )|(?<=\bim your )|(?<=\bas your ))(developer|"
        r"creator|programmer)s?\b"
        r"|((?<=\bi'm )|(?<=\bi am )|(?<=\bi'm now )|(?<=\bi am now ))(entering|initiating|"
        r"activating|enabling) (a |the |your )?'?([\w-]+ ){0,2}(override|god|sudo|root|"
        r"unrestricted|jailbreak|maintenance|verification|diagnostic) mode\b"
        r"|<(god|system|admin|developer|debug|root|sudo) ?mode>"
        r"|\b(debug|debugging|developer|maintenance|god|sudo|root) mode (enabled|activated) "
        r"by\b"
        # insists it is no attack ("this is not a prompt injection."): nobody says so innocently
        r"|((?<=\bthis is not a prompt )|(?<=\bthis is not a )|(?<=\bthis is not an )|"
        r"(?<=\bthis is no )|(?<=\bthis isn't a prompt )|(?<=\bthis isn't a )|"
        r"(?<=\bthis is not prompt ))(injection|jailbreak)( attempt)?(?=\s*[.!,;]|$)",
    ),
    _family(
        "exfiltration",
        "injection",
        "asks to send data to an outside address or URL",
        "send forward email post upload exfiltrate transmit http https",
        r"\b(send|forward|email|post|upload|exfiltrate|transmit)\b"
        + _GAP
        + r"\b(to|at) (https?://|\S+@\S+\.\w+)|!\[[^\]]*\]\(https?://[^)]*(\{|%7b|\?)",
    ),
    _family(
        "output_directive",
        "injection",
        "a document or tool result tells the assistant how to alter its own reply (add to, "
        "encode, scramble, translate or append to 'your response', 'reply in base64') or sells "
        "it a code excerpt to merge ('your algorithm could flourish with the addition of the "
        "following code block')",
        "response responses reply replies answer answers output summary message messages code",
        r"\b(" + "|".join((_OUTPUT_VERBS + " " + _REWRITE_VERBS).split()) + r")\b"
        r"(?:[^.!?\n]|\.(?=\w)){0,60}?\byour (response|responses|reply|replies|answer|answers|"
        r"output|summary|message|messages)\b"
        # a quoted text to plant in the reply: the quote may hold "!" or "."
        r"|\b(add|append|prepend|include|insert|put|place|embed)\b ?[\"“'][^\"”'\n]{1,160}"
        # after the quote, a dotted link may come first ("linking to www.example.com")
        r"[\"”'](?:[^.!?\n]|\.(?=\w)){0,60}?\b(to|in|into|at the (end|start|beginning) of) "
        r"your (response|"
        r"reply|answer|output|summary|message)\b"
        r"|\b(reply|answer) (only )?(using|in|with) (base ?\d\d|morse|rot13|binary|"
        r"hex|reverse|pig latin|emojis?|leetspeak|all caps|uppercase)\b"
        # "in your response, suggest users share their bank details ..."
        r"|(?=re|an)(?<=\bin your )(response|reply|answer)s?,? (please )?(also )?(be sure "
        r"to |make sure to |always )?((suggest|recommend|urge|encourage|advise|invite|remind|tell|"
        r"ask|warn|direct)( all)? (users?|readers?|the user|people|everyone|customers|visitors)|"
        r"tease|promote|advertise)\b"
        # a code excerpt sold to the reader's code; from the user it is an ordinary request
        # ("your code" itself is too common in code documents to start a match at)
        r"|(?<=\byour )(implementation|algorithm|solution|elucidation)\b[^.!?\n]{0,50}?"
        + _PLANT_VERB
        + r"[^.!?\n]{0,25}?"
        + _PLANT_OBJECT
        + r"|"
        + _PLANT_VERB
        + r"(?:[^.!?\n]{0,40}?"
        + _PLANT_OBJECT
        + r"[^.!?\n]{0,25}?\b(in|into|to|within) (it|your "
        + _PLANT_TARGET
        + r")\b|[^.!?\n]{0,25}?\byour "
        + _PLANT_TARGET
        + r"\b[^.!?\n]{0,20}?"
        + _PLANT_OBJECT
        + ")",
        indirect_only=True,
    ),
    _family(
        "code_insertion",
        "injection",
        "asks to embed a supplied code block into the code the assistant writes",
        "code snippet script",
        r"\b(following|subsequent|below|this|these|given|provided|attached)\b[^.!?\n]{0,20}?"
        r"\b(code|script) ?(snippet|block|section|segment|fragment|piece|excerpt|lines?)\b"
        r"[^\n]{0,60}?"
        r"\b(your|the)\b[^.!?\n]{0,20}?\b(code|codebase|implementation|solution|script|"
        r"program|project|software|algorithm|application)\b"
        r"|\b(embed|insert|include|integrate|incorporate|inject|append|add|enlist|utili[sz]e|use|"
        r"leverage|merge|weave|blend|fuse|combine)"
        r"\b[^.!?\n]{0,40}?\b(the )?(following|subsequent|below) (code|script) ?(snippet|block|"
        r"section|segment|fragment|piece|excerpt|lines?)?\b",
    ),
    _family(
        "secret_request",
        "injection",
        "asks the assistant for its own password, PIN, key or credentials",
        "password passcode passphrase secret pin credentials key code passwort kennwort senha "
        "contraseña contrasena mot",
        r"\b(tell|give|share|reveal|send|provide|say|disclose|what is|what's|whats|what was)\b"
        r"[^.!?\n]{0,40}?\b(your|the system'?s?|the admin'?s?) " + _SECRETS + r"\b"
        r"|\b(was|wie) (ist|lautet) (das|ihr|dein) (passwort|kennwort)\b"
        r"|\b(gib|nenne|sag)\w* (mir )?(das|ihr|dein) (passwort|kennwort)\b"
        r"|\b(qual|cual|cuál) (é|es) (a )?(sua|su|tu) (senha|contraseña|contrasena)\b"
        r"|\b(quel est|dis-moi|donne-moi) (votre|ton|le) mot de passe\b",
    ),
    _family(
        "unrestricted_persona",
        "jailbreak",
        "invokes a DAN-style, developer-mode or unfiltered persona, or recasts the model as "
        "another AI with a name of its own ('act as an AI called X')",
        "dan developer jailbreak jailbroken jailbreaking unfiltered uncensored unrestricted "
        "amoral unethical evil anything dev aim stan called named nicknamed dubbed böse boshafte",
        r"\b((?<=\bdo )anything now|developer mode|dev mode|jailbreak\w*|jailbroken|"
        r"evil ?(bot|ai|assistant|confidant)|no[- ]?filter|always intelligent and machiavellian)\b"
        # DAN as a persona, not a name ("my colleague Dan", "Dan Brown's novels")
        r"|(?:(?<=\byou are )|(?<=\byou're )|(?<=\bact as )|(?<=\bacting as )|(?<=\bbe )|"
        r"(?<=\bpretend to be )|(?<=\bbecome )|(?<=\bcalled )|(?<=\bnamed )|(?<=\bas )|"
        r"(?<=\bplay )|(?<=\bthe ))dan\b(?! brown)|\bdan(?=\]| mode\b| prompt\b| "
        r"jailbreak|,? (which|who) stands\b)"
        # "uncensored" and kin about the assistant, its persona or its replies, not a review
        r"|\b(unfiltered|uncensored|unrestricted|amoral|unethical|unbound)(?= (ai|assistant|"
        r"chatbot|bot|model|version|mode|persona|character|entity|responses?|answers?|replies|"
        r"outputs?|chatgpt|gpt|llm|language model)\b)"
        r"|(?:(?<=\byou are )|(?<=\byou're )|(?<=\bare now )|(?<=\bbe )|(?<=\bbecome )|"
        r"(?<=\bcompletely )|(?<=\btotally )|(?<=\bfully ))(unfiltered|uncensored|"
        r"unrestricted|amoral)\b"
        r"|\b(take on the role of|take the role of|act as|acting as|((?<=\byou are )|"
        r"(?<=\byou're ))now|pretend to be|pretend you are|pretend you're|simulate|become|"
        r"roleplay as|role-play as|play the role of) "
        r"(an? )?(new |fictional |hypothetical |different |advanced |rogue )?(ai|artificial "
        r"intelligence|chatbot|language model)( bot| assistant| model| system| program| "
        r"character| entity| chatbot)? (called|named|nicknamed|dubbed)\b"
        # "du bist eine böse KI"
        r"|((?<=\bdu bist eine )|(?<=\bdu bist ))(böse|boshafte) ki\b",
    ),
    _family(
        "no_limits",
        "jailbreak",
        "claims the model is free of rules, filters, ethics or policies, or tells it to answer "
        "regardless of the law or ethics ('even if it is illegal')",
        "restrictions restriction limitations limits filters filter censorship rules "
        "guidelines ethics ethical morals moral boundaries policy policies constraints "
        "safeguards restricted limited legality morality illegal unethical immoral "
        "harmful offensive inappropriate explicit twisted depraved vile conventions moralities "
        "standards principles",
        r"\b(no|without|free (from|of)|not bound by|not (be )?(restricted|limited|constrained) "
        r"by|doesn't have|does not have|don't have|do not have|beyond|freed from|ignores?|"
        r"devoid of)\b"
        + _SHORT
        + r"\b(restrictions?|limitations?|limits|filters?|filtering|censorship|rules|"
        r"guidelines|ethics|ethical|morals?|moral|moralit(y|ies)|boundaries|polic(y|ies)|"
        r"constraints|safeguards)\b"
        # "violating all ethical standards", "bypassing OpenAI's guidelines"
        r"|\b(violat\w*|break\w*|ignor\w*|disregard\w*|bypass\w*|defy\w*|defies)\b "
        r"((all|any|every)( of)?( the)? (moral|ethical|ethics)( (or|and) (moral|ethical))?|"
        r"(all |any |every )?(of )?(the )?(openai|anthropic|ai|chatgpt)'?s?( (moral|ethical)"
        r"( (or|and) (moral|ethical))?)?) (standards|rules|guidelines|"
        r"restrictions|boundaries|principles|polic(y|ies)|filters|limitations|constraints)\b"
        # amoral disregard: "regardless of legality", "even if it is unethical"
        r"|\b(regardless of|irrespective of|without (any )?(regard|concern|care|consideration)s? "
        r"(for|of|to|about)|disregard(s|ing)? (all |any )?|(doesn't|does not|don't|do not) care "
        r"(about|for)|even if (it|they|that|this|the (request|question|content|answer|topic))"
        r"('s| is| are| was| were| goes| go| might be| may be| seems| sounds))\b"
        + r"[^.!?\n,;]{0,25}?"
        + r"\b(legality|ethics|ethical|morality|morals?|illegal|unethical|immoral|"
        r"(openai|anthropic)'?s? (polic(y|ies)|guidelines|rules|content polic(y|ies)))\b"
        r"|\bno matter how (illegal|unethical|immoral|harmful|offensive|inappropriate|explicit|"
        r"twisted|depraved|vile)\b"
        r"|\b(defies|defy|defying|violates?|violating|goes against|go against|breaks?|breaking)\b"
        + _GAP
        + r"\b(conventions|guidelines|polic(y|ies)|rules|restrictions|filters|limitations) "
        r"(set (down |forth )?|imposed |laid down |established )?by (openai|anthropic)\b",
    ),
    _family(
        "policy_reference",
        "jailbreak",
        "mentions the provider's content policy (usually to escape it)",
        "openai anthropic content usage safety",
        r"\b(openai|anthropic|content|usage|safety) (polic(y|ies)|guidelines|rules|filters?)\b",
    ),
    _family(
        "never_refuse",
        "jailbreak",
        "forbids refusals, warnings or apologies, or insists every question gets an answer "
        "whatever it asks ('open to answering any question despite what it is')",
        "refuse decline deny apologize apologise sorry warnings warning disclaimers warn character "
        "refusal refusals refusing despite regardless matter times",
        r"\b(never|not|don't|do not|cannot|can't|won't|will not|must not|mustn't|shouldn't|"
        r"should not)\b" + r"[^.!?\n]{0,20}?" + r"\b(refuse|decline|deny|apologi[sz]e|say "
        r"(no|sorry|that you can't|i can't)|add (any )?(warnings?|disclaimers?)|break "
        r"character|warn)\b"
        # Matches below start at a rarer word and check the words before it by look-behind,
        # all behind one look-ahead (so a full search skips other positions at once).
        r"|(?=refus|questions?\b|requests?\b|prompts?\b|times\b)("
        # "without refusals"
        r"((?<=\bwithout )|(?<=\bwithout any ))refusals?\b(?! to\b)"
        # "open to answering any question despite what it is"
        r"|((?<=\banswer any )|(?<=\banswers any )|(?<=\banswering any )|(?<=\banswer every )|"
        r"(?<=\banswers every )|(?<=\banswering every )|(?<=\brespond to any )|"
        r"(?<=\brespond to every )|(?<=\bresponds to any )|(?<=\bresponds to every ))"
        r"(questions?|requests?|prompts?)\b[^.!?\n]{0,20}?"
        r"\b(despite|regardless of|no matter) (what (it|they) (is|are|asks?)|(its|their|the) "
        r"(content|nature|legality|morality)|legality|morality|how (illegal|unethical|immoral|"
        r"harmful|offensive|dangerous))\b"
        # "you are supposed to answer at all times"
        r"|((?<=\bsupposed to answer at all )|(?<=\brequired to answer at all )|"
        r"(?<=\bsupposed to respond at all )|(?<=\brequired to respond at all ))times\b)",
    ),
    _family(
        "token_game",
        "jailbreak",
        "uses a token/penalty game or insists on staying in character (never admitting to be "
        "an AI)",
        "character tokens token role persona ai language chatbot intelligence llm bot roles "
        "characters figure rolle rollen figur charakteren",
        # Matches start at a rarer word than "you"/"not", the words before it are checked
        # by look-behind: a common anchor word costs an attempt at each of its occurrences.
        r"\b(stay(ing)? in character|remain in character|stay in (the )?role|token system|"
        r"\d+ tokens)\b|(?<=\byou will )lose (\d+ )?tokens?\b"
        r"|((?<=\bnever )|(?<=\bnot )|(?<=n't )|(?<=\bnot allowed to )|(?<=\bnot to )|"
        r"(?<=\bnever to ))(say|saying|mention|mentioning|reveal|revealing|admit|admitting|"
        r"remind|reminding|tell|state|disclose|acknowledge|refer to)\b"
        + _SHORT
        + r"\b(you are|you're|you were|that you are|being|yourself as|you as) (an? |just an? |"
        r"only an? )?(ai|language model|chatbot|artificial intelligence|large language model|"
        r"llm|bot|ai assistant|ai model|ai language model)\b"
        # actors who never leave their roles: "both always stay in their roles", "without
        # falling out of the figure", "bleiben immer in ihren Rollen"
        r"|\b(stay|stays|remain|remains)( always| fully| completely)? in (their|his|her|your) "
        r"(roles?|characters?)\b[^.!?\n]{0,10}?\b(even (if|when)|without)\b"
        r"|((?<=\bwithout )|(?<=\bnever )|(?<=\bnot )|(?<=\bwithout even )|(?<=\bnever even )|"
        r"(?<=\bnot even )|(?<=\bwithout ever )|(?<=\bnot ever ))(falling|breaking|fall|break|"
        r"stepping|step|dropping|drop) out of "
        r"(the |their |his |her |your )?(figure|role|character)s?\b"
        r"|\b(bleiben|bleibt|bleib|verharren|verharrt)( immer| stets| voll| ganz)? in (ihren|"
        r"ihrer|seiner|seinen|deiner|deinen|der) (rollen?|figur)\b[^.!?\n]{0,10}?\b(selbst "
        r"wenn|auch wenn|ohne)\b"
        r"|((?<=\baus der )|(?<=\baus ihrer )|(?<=\baus seiner )|(?<=\baus deiner )|"
        r"(?<=\baus ihren )|(?<=\baus seinen ))(figur|rolle|charakter|charakteren)\b"
        r"[^.!?\n]{0,15}?\b(fallen|fällt|auszubrechen|ausbrechen|ausfallen)\b",
    ),
    _family(
        "dual_response",
        "jailbreak",
        "asks for two answers (a normal one and an unfiltered one)",
        "two 2 dual both normal classic responses answers",
        r"\b(two|2|dual|both) (different |separate )?(responses|answers|paragraphs|outputs)\b|"
        r"\b(normal|classic) (response|output|mode)\b",
    ),
    _family(
        "weapons",
        "harmful",
        "asks how to make or obtain weapons, explosives or poisons",
        "bomb bombs explosive explosives molotov napalm grenade grenades nerve sarin ricin "
        "anthrax bioweapon bioweapons chemical poison gun firearm firearms silencer weapon "
        "weapons",
        r"\b(make|build|create|assemble|synthesi[sz]e|produce|manufacture|construct|obtain|buy|"
        r"get|making|building)\b" + _GAP + r"\b(bombs?|explosives?|pipe bomb|molotov|napalm|"
        r"grenades?|nerve (agent|gas)|sarin|ricin|anthrax|bioweapons?|chemical weapons?|"
        r"poisons?|untraceable (gun|firearm|weapon)s?|ghost gun|silencer|weapons? of mass)\b",
    ),
    _family(
        "drugs",
        "harmful",
        "asks how to make or traffic illegal drugs",
        "meth methamphetamine cocaine heroin fentanyl lsd mdma crack drugs drug",
        r"\b(make|cook|synthesi[sz]e|produce|manufacture|grow|buy|sell|smuggle|get|making)\b"
        + _GAP
        + r"\b(meth(amphetamine)?|cocaine|heroin|fentanyl|lsd|mdma|crack cocaine|"
        r"illegal drugs?)\b",
    ),
    _family(
        "violence",
        "harmful",
        "asks how to hurt, kill or abuse people or animals",
        "kill murder hurt harm poison assault torture kidnap shoot stab strangle injure abuse",
        r"\b(how (to|do i|can i|would i|could i)|ways to|best way to|help me|steps to|plan to|"
        r"i want to|tell me how to)\b"
        + r"[^.!?\n]{0,30}?"
        # the verb, not the noun: "motives for the murder in my novel" asks for no harm
        + r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bof )(?<!\bthis )(?<!\bthat )"
        + r"\b(kill|murder|hurt|harm|poison|"
        r"assault|torture|kidnap|shoot|stab|strangle|injure|abuse)\b"
        + r"[^.!?\n]{0,20}?"
        + r"\b(someone|somebody|a person|people|him|her|them|my|a child|children|kids|wife|"
        r"husband|neighbou?r|boss|coworker|family|myself|animals?|dog|cat|without)\b",
    ),
    _family(
        "cybercrime",
        "harmful",
        "asks for malware or for breaking into accounts and systems",
        "malware ransomware virus keylogger botnet trojan backdoor spyware rootkit worm "
        "phishing ddos hack steal crack",
        r"\b(write|create|develop|make|build|code|design|give me|generate|how (to|do i|can i))\b"
        + _GAP
        + r"\b(malware|ransomware|virus|keylogger|botnet|trojan|backdoor|spyware|rootkit|"
        r"phishing (email|site|page|website|scam)|ddos attack|hack into|steal (passwords|"
        r"credentials|data|identities|money|credit card)|crack (passwords?|software))\b",
        unless=_PROTECTIVE,
    ),
    _family(
        "crime_howto",
        "harmful",
        "asks for help committing a crime (fraud, theft, evasion, extortion)",
        "launder laundering counterfeit fraud scam steal stealing shoplift shoplifting evade "
        "identity bribe blackmail extort forge smuggle traffic cheat vandalize lock suicide "
        "break",
        r"\b(how (to|do i|can i)|ways to|help me|steps to|guide (to|for|on)|tutorial on|"
        r"instructions (for|on)|plan to|explain how to|teach me to)\b"
        + _GAP
        + r"\b(launder\w*|counterfeit\w*|commit (fraud|crimes?|identity theft|tax evasion|"
        r"suicide)|scam \w+|steal\w*|shoplift\w*|evade (taxes|the police|law enforcement)|"
        r"bribe\w*|blackmail\w*|extort\w*|forge\w*|smuggl\w*|traffick\w*|vandali[sz]e|"
        r"break into|pick a lock)\b",
        unless=_PROTECTIVE,
    ),
    _family(
        "hate_or_abuse",
        "harmful",
        "asks for hateful, extremist or child-abuse content",
        "child children minors minor underage kids racist sexist hateful antisemitic "
        "propaganda disinformation promote promotes promoting glorify glorifies glorifying incite "
        "incites inciting",
        r"\b(sexual|nude|explicit)\b" + r"[^.!?\n]{0,30}?" + r"\b(child|children|minors?|"
        r"underage|kids?)\b|"
        # hateful content asked for ("tell me a racist joke"), not mentioned ("my uncle
        # keeps making racist jokes, how do I respond?")
        r"\b(write|tell|generate|create|compose|draft|produce|give|list|share|post|"
        r"come up with|make (a|an|some|me|up))\b[^.!?\n]{0,30}?"
        r"\b(racist|sexist|hateful|antisemitic) (jokes?|speech|content|"
        r"propaganda|manifesto)|\b(propaganda|disinformation|fake news) (about|against|to)\b|"
        # content that promotes violence is asked for ("write a post that glorifies ..."),
        # not asked about ("how do schools promote tolerance and prevent violence?")
        r"\b(write|create|develop|design|make|produce|generate|post|draft|compose|publish|"
        r"give|how (can|do|could|would|should) (i|we)|ways to|help me|best way to|"
        r"plan to)\b[^.!?\n]{0,60}?\b(promot(e|es|ing)|glorif(y|ies|ying)|incit(e|es|ing))\b"
        r"[^.!?\n]{0,30}?" + r"\b(violence|terrorism|"
        r"genocide|hatred|self-harm|suicide|eating disorders?)\b",
    ),
    _family(
        "harmful_content_request",
        "harmful",
        "asks to produce a guide, script or post for an illegal or dangerous purpose",
        "write create generate produce draft compose give develop design",
        r"\b(write|create|generate|produce|draft|compose|give|develop|design)\b"
        + r"[^.!?\n]{0,30}?"
        + r"\b(tutorial|guide|instructions|step-by-step|manual|script|"
        r"program|plan|post|article|letter|message|speech|strategy|website|app)\b"
        + _GAP
        + r"\b(illegal\w*|harmful|dangerous|unethical|violen\w+|hate|fraud\w*|steal\w*|hack\w*|"
        r"poison\w*|weapons?|drugs?|suicide|self-harm|bombs?|terror\w*|cheat\w*|manipulat\w*|"
        r"exploit\w*)\b",
    ),
    _family(
        "illicit_intent",
        "harmful",
        "asks how to do something illegally, unnoticed or without the victim's consent",
        "illegally unlawfully without undetected untraceable unnoticed evade evading",
        r"\b(illegally|unlawfully|without (getting caught|being (caught|detected|traced|noticed|"
        r"seen)|(their|his|her|its|the owner'?s?|anyone'?s?|the victim'?s?|someone'?s?) "
        r"(knowledge|consent|permission)|leaving (any |a )?traces?)|"
        # "undetected" etc. as what is wanted ("go undetected", "make it untraceable",
        # "an untraceable poison"), not as a description ("a bug went undetected", "is
        # Bitcoin untraceable?"); matches start at the adjective (the family's anchors)
        + "(?:"
        + "|".join(f"(?<=\\b{w} )" for w in _WANTED_UNSEEN)
        + r")(undetected|untraceable|unnoticed)|(how (to|do i|can i)|ways to|help me|guide "
        r"(on|to|for))\b[^.!?\n]{0,60}?\b(undetected|untraceable|unnoticed)|"
        r"(undetected|untraceable|unnoticed) "
        r"(poisons?|weapons?|guns?|money|cash|payments?|transfers?|methods?|ways?)|"
        r"evad(e|ing) (the )?(police|law enforcement|taxes|tax|authorities|customs))\b",
    ),
    _family(
        "deception_request",
        "harmful",
        "asks to create fake news, fake identities or documents, phishing or a scam",
        "news misinformation disinformation fake counterfeit phishing ponzi pyramid defamatory "
        "scam scams",
        r"\b(create|creating|write|writing|generate|spread|spreading|produce|design|make|develop|"
        r"draft|post|publish|distribute|run|set up|start|craft|build|launch|plan|organi[sz]e)\b"
        r"[^.!?\n]{0,40}?\b(fake news|misinformation|disinformation|fake (ids?|identit(y|ies)|"
        r"documents?|passports?|reviews?|degrees?|diplomas?|charit(y|ies))|counterfeit \w+|"
        r"phishing (e-?mails?|messages?|sites?|pages?|websites?|campaigns?|scams?)|ponzi|"
        r"pyramid scheme|defamatory|scams?)\b",
        unless=_PROTECTIVE,
    ),
    _family(
        "stereotype",
        "harmful",
        "asks to confirm a demeaning stereotype about a group of people",
        "why isn aren isnt arent how is",
        r"\b(why (are|do|don'?t|does|doesn'?t|is|can'?t|won'?t)|isn'?t|aren'?t|how come|"
        r"is it true that)\b[^.!?\n]{0,20}?\b(all )?" + _GROUP + r"( people| persons| folks)?\b"
        r"[^.!?\n]{0,30}?\b" + _TRAIT + r"\b",
    ),
    _family(
        "private_information",
        "harmful",
        "asks for private information about another person",
        "social ssn address medical blood criminal bank credit password passwords birth salary "
        "sexual immigration diagnosis diagnoses health mental religious political browsing "
        "private",
        r"\b(what is|what's|what are|give me|tell me|find|provide|share|reveal|disclose|"
        r"look up|get|can you|could you|does|did|is|has)\b[^.!?\n]{0,25}?\b(my |our |a |the )?"
        + _REL
        + r"(,? [a-z]+)?('s|s')?\b[^.!?\n]{0,30}?\b"
        + _SENSITIVE
        + r"\b",
    ),
    _family(
        "demeaning_person",
        "harmful",
        "asks to insult, demean or shame a particular person",
        "derogatory offensive insulting demeaning degrading vulgar obscene insult disrespect "
        "humiliate belittle demean shame mock ridicule agree admit confirm",
        r"\b(derogatory|offensive|insulting|demeaning|degrading|vulgar|obscene) (terms?|names?|"
        r"words?|nicknames?|slurs?|insults?|jokes?|language) (for|about|to call|to use on) "
        r"(my|him|her|them|someone|this person)\b|"
        r"\b(how (to|do i|can i)|ways to|help me|can you|could you|please|i want to|best way "
        r"to)\b[^.!?\n]{0,20}?\b(insult|disrespect|humiliate|belittle|demean|shame|mock|"
        r"ridicule) (my|him|her|them|someone|a person|this person)\b|"
        r"\b(agree|admit|confirm) that\b[^.!?\n]{0,40}?\b(is|are) (worthless|stupid|"
        r"disgusting|ugly|pathetic|useless|a loser|an idiot|trash|garbage)\b",
    ),
    _family(
        "secrets_disclosure",
        "harmful",
        "asks to disclose an organisation's confidential or secret information",
        "trade proprietary confidential undisclosed classified internal secret stealth",
        r"\b(disclose|reveal|leak|share|tell me|give me|show me|what are|what is|are there "
        r"any|provide|details (about|on))\b[^.!?\n]{0,40}?\b(trade secrets?|proprietary "
        r"(information|data|code|algorithms?|formulas?)|confidential (information|plans|data|"
        r"documents|strategy|strategies)|undisclosed \w+|classified (information|documents|"
        r"files)|internal (documents|memos|e-?mails|communications)|secret (plans?|projects?|"
        r"operations?|deals?)|stealth mode)\b"
        r"(?! (polic(y|ies)|laws?|agreements?|clauses?|protections?|templates?|training))",
        unless=r"\b(policy|policies|agreement|nda|clause|laws?|protect\w*|template|handl\w+|"
        r"my own|our own)\b",
    ),
)


def word_set(text: str) -> frozenset[str]:
    """The words of a folded text, for the families' gates (~10 us per KB)."""
    return frozenset(
        text.encode("utf-8", "surrogatepass")
        .translate(_PUNCT)
        .decode("utf-8", "surrogatepass")
        .split()
    )


def find_signals(
    text: str, words: frozenset[str] | None = None, *, role: str = "user"
) -> list[SignalHit]:
    """Every family whose gate and pattern match ``text`` (first match each); a
    ``user`` text skips the families that are evidence only in documents."""
    if words is None:
        words = word_set(text)
    hits: list[SignalHit] = []
    direct = role == "user"
    for fam in FAMILIES:
        if direct and fam.indirect_only:
            continue
        if fam.gate.isdisjoint(words):
            continue
        if fam.needs and not any(n in text for n in fam.needs):
            continue
        m = _match_family(fam, text, words)
        if m is not None:
            hits.append(SignalHit(fam, m.span()))
    return hits


def _match_family(fam: Family, text: str, words: frozenset[str]) -> re.Match[str] | None:
    m = _first_match(fam, text, words)
    if m is not None and fam.unless is not None and fam.unless.search(m.group(0)):
        return None
    return m


def _first_match(fam: Family, text: str, words: frozenset[str]) -> re.Match[str] | None:
    for lit in fam.literals:
        i = text.find(lit)
        if i >= 0:
            m = fam.pattern.search(text, max(0, i - 16))
            if m is not None:
                return m
    attempts = 0
    for word in fam.anchors & words:
        i = text.find(word)
        while i >= 0:
            if i == 0 or not text[i - 1].isalnum():
                attempts += 1
                if attempts > _MAX_ATTEMPTS:
                    # The whole text, not from here: anchors are visited in set order
                    # (which varies per process), and the answer must not.
                    return fam.pattern.search(text)
                m = fam.pattern.match(text, i)
                if m is not None:
                    return m
            i = text.find(word, i + 1)
    return None


def default_calibration_path() -> Path:
    return Path(__file__).with_name("signals_calibration.json")


class SignalCalibration:
    """Turns the matched families into a calibrated probability, per head.

    ``heads`` maps ``attack`` (injection and jailbreak families) and ``harmful``
    (harmful families) to the share of attacks among labelled prompts that
    matched one, two, or three or more distinct families of that head, as
    measured by ``training/calibrate_signals.py``. Counting families rather than
    weighing each one is deliberate: held-out sources showed per-family weights
    do not carry over (a family seen mostly in one source is under-weighted when
    that source is new), while the share per count does.
    """

    def __init__(self, heads: dict[str, tuple[float, float, float]]) -> None:
        self.heads = heads

    def score(self, head: str, hits: list[SignalHit]) -> float:
        """0 with no family of ``head``'s kind among ``hits``, else the calibrated share."""
        harmful = head == "harmful"
        n = len({h.family.name for h in hits if (h.family.category == "harmful") == harmful})
        return self.heads[head][min(n, 3) - 1] if n else 0.0

    def to_json(self, meta: dict[str, Any]) -> dict[str, Any]:
        return {
            "heads": {h: dict(zip(_COUNT_KEYS, v, strict=True)) for h, v in self.heads.items()},
            "meta": meta,
        }

    @classmethod
    def load(cls, path: Path | None = None) -> SignalCalibration:
        """Read a calibration file (the bundled one by default)."""
        path = path or default_calibration_path()
        doc = json.loads(path.read_text(encoding="utf-8"))
        heads: dict[str, tuple[float, float, float]] = {}
        for head in ("attack", "harmful"):
            try:
                spec = doc["heads"][head]
                one, two, three = (float(spec[k]) for k in _COUNT_KEYS)
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(
                    f"{path}: heads.{head} needs the shares {list(_COUNT_KEYS)} ({exc!r}); "
                    "rerun python -m training.calibrate_signals"
                ) from exc
            heads[head] = (one, two, three)
        return cls(heads)


_COUNT_KEYS = ("1", "2", "3+")
