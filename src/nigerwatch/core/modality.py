"""Negation and modality in the evidence: does the sentence assert the event, or only talk of it?

A small model reads "the EU has not frozen any assets" as an asset freeze, "could face
sanctions" as sanctions imposed, "no foreign soldiers have arrived" as an arrival, and
"officials dismissed talk of a putsch" as a coup. The record builder checks the evidence
sentence itself: for every word of it that states the event (the predicates of
:mod:`nigerwatch.core.lexicon`, else its trigger words), the few words before it, within the
same clause, are read for cues in English and French, and a French verb's future or
conditional ending counts as one ("quitteront", "pourrait"). The event is asserted when at
least one of those words is free of cues; otherwise the strongest cue says what the sentence
does:

* ``negated``: "not", "no", "never", "denied", "dismissed", "opposes any", "refused to",
  "stopped short of", "ne ... pas", "aucun", "démenti", "s'oppose";
* ``demanded``: "called for", "called on", "urged", "demanded", "réclame", "appelle à";
* ``claimed``: "accused France of", "alleged that", "claimed that", "suggested that", « accuse
  Paris de »: one party's charge, which supports no deployment (a coup charged is read as
  alleged from its own words, "plot", "accused of planning", by :mod:`.stages`);
* ``hypothetical``: "could", "may", "threatened to", "warned", "risk", "allowing it to" (a
  power to act, not the act), "pourrait", "menace de";
* ``planned``: "will", "plans to", "pledged", "is to", "must", "va", "prévoit", "devrait", "doit".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from nigerwatch.core.lexicon import FIGURES, TRIGGERS, predicates
from nigerwatch.core.text import fold, words_pattern
from nigerwatch.schemas import EventType

Mood = Literal["asserted", "negated", "demanded", "claimed", "hypothetical", "planned"]

_CUES: dict[Mood, re.Pattern[str]] = {
    "negated": re.compile(
        words_pattern(
            (
                *("not", "no", "never", "without", "neither", "nor", "denied", "denies"),
                *("deny", "dismissed", "dismisses", "rejected claims", "ruled out"),
                *("has yet to", "have yet to", "pas", "aucun", "aucune", "jamais", "sans"),
                *("dementi", "dementi", "dement", "nie", "ecarte", "ni"),
                *("opposes", "opposed any", "opposes any", "refused to", "refuses to"),
                *("stopped short of", "stopping short of", "stop short of", "stops short of"),
                *("s'oppose", "s'opposent", "refuse de", "refusent de"),
            )
        )
        + r"|n't\b|\bn'",
    ),
    "demanded": re.compile(
        words_pattern(
            (
                *("called for", "calls for", "calling for", "call for", "demanded", "demands"),
                *("demand", "urged", "urges", "urging", "appealed for", "asked for"),
                *("appelle a", "appele a", "appellent a", "reclame", "reclament", "exige"),
                *("exigent", "demande", "demandent", "demandant", "plaide pour", "plaidait pour"),
                *("pleaded for", "argued for", "pressed for", "pushed for", "lobbied for"),
                *("called on", "calls on", "calling on", "call on", "appealed to", "appeals to"),
            )
        )
    ),
    "claimed": re.compile(
        words_pattern(
            (
                *("allegedly", "purportedly", "alleged that", "alleges that", "alleging that"),
                *("claimed that", "claims that", "claiming that", "suggested that"),
                *("suggests that", "suggesting that", "pretendument", "soupconne de"),
                *("soupconnee de", "soupconnes de", "affirme sans preuve"),
            )
        )
        # One party charging another: "accused France of", « accuse Paris de ».
        + r"|\baccus\w* (?!of\b|de\b|d')\w+(?: \w+)? (?:of|de|d')",
    ),
    "hypothetical": re.compile(
        words_pattern(
            (
                *("could", "might", "would", "threatened to", "threatens to"),
                # "may" as a verb only: "In May 2021 the army seized power" is a fact.
                *("may be", "may face", "may impose", "may send", "may deploy", "may stage"),
                *("threaten to", "warned", "warns", "risk", "risks", "possible", "potential"),
                *("considering", "consider", "fear", "fears", "feared", "fears of", "fear of"),
                *("if", "unless", "rumour", "rumours", "rumor", "rumors", "speculation"),
                *("intended to", "intends to", "intending to", "avait l'intention de"),
                *("crainte", "craint", "craignent", "rumeur", "rumeurs"),
                *("pourrait", "pourraient", "risque", "menace de", "menace d", "eventuel"),
                *("eventuelle", "envisage", "envisagent", "si"),
                # A power to act, not the act: "a legal framework allowing it to impose".
                *("allowing it to", "allow it to", "allows it to", "allowing them to"),
                *("allow them to", "enabling it to", "enable it to", "permettant de"),
                *("permettant d", "permettre de", "permettra de"),
            )
        )
    ),
    "planned": re.compile(
        words_pattern(
            (
                *("will", "plans to", "plan to", "planned", "pledged", "pledges", "promised"),
                *("is to", "are to", "set to", "expected to", "to be deployed", "would send"),
                *("va", "vont", "prevoit", "prevoient", "devrait", "devraient", "promis"),
                *("must", "has to", "have to", "doit", "doivent"),
            )
        )
    ),
}
"""Cues in folded text (lower case, no accents, ASCII apostrophes)."""

_STRENGTH: tuple[Mood, ...] = ("negated", "demanded", "claimed", "hypothetical", "planned")
"""The cues from strongest to weakest: a sentence with several says what the strongest does."""
_ASSERTIVE: tuple[Mood, ...] = ("asserted", *reversed(_STRENGTH))


def most_assertive(moods: Sequence[Mood]) -> Mood:
    """What the evidence does with the event: the mood of its most assertive quote."""
    return next(m for m in _ASSERTIVE if m in moods)


_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\b(?:but|while|whereas|mais|tandis|alors que)\b")
_WINDOW_WORDS = 6


def mood(sentence: str, kind: EventType, stage: str) -> Mood:
    """What ``sentence`` does with the event of type ``kind`` at ``stage`` it mentions.

    Args:
        sentence: The evidence.
        kind: The type of event.
        stage: The outcome or status the model gave: it picks the words that state it (a
            lifting is stated by "lifted", an imposition by "imposed").

    Returns:
        ``asserted`` when some trigger word of the type is free of cues (or the sentence has
        no trigger word: nothing to read), else the strongest cue found before the triggers.
    """
    text = fold(sentence)
    figures = FIGURES.get(kind)
    if figures is not None:  # "staging his own coup" states no coup: blanked, offsets kept
        text = figures.sub(lambda m: " " * len(m.group()), text)
    found: set[Mood] = set()
    words = list(predicates(kind, stage).finditer(text)) or list(TRIGGERS[kind].finditer(text))
    if not words:
        return "asserted"
    governing: tuple[int, set[Mood]] | None = None
    for word in words:
        cues = _cues_before(text, word.start()) | _tense(text, word.start())
        if governing is not None and _governs(text[governing[0] : word.start()]):
            # "a framework that will allow it to impose travel bans and asset freezes": the
            # bans and freezes are the objects of "will [...] impose", and share its cue.
            cues |= governing[1]
        if not cues:
            return "asserted"
        governing = (word.end(), cues)
        found |= cues
    return next(m for m in _STRENGTH if m in found)


_FRENCH_FUTURE = re.compile(r"(?:eront|eront|iront|ront|rons|rez|era|ira)$")
_FRENCH_CONDITIONAL = re.compile(r"(?:rait|raient|rions|riez)$")
_WORD_AT = re.compile(r"\w+")


def _tense(text: str, at: int) -> set[Mood]:
    """A French future ("quitteront") or conditional ("retirerait") at the word at ``at``."""
    word = _WORD_AT.match(text, at)
    if word is None:
        return set()
    # The whole word around ``at`` (the pattern may start inside it).
    start = at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    whole = text[start : word.end()]
    if len(whole) < 6:
        return set()
    if _FRENCH_CONDITIONAL.search(whole):
        return {"hypothetical"}
    if _FRENCH_FUTURE.search(whole):
        return {"planned"}
    return set()


_ASIDE = re.compile(r",[^,;:()\u2014]{1,40},")
"""A short aside between commas (« plaidé, quelques jours plus tôt, pour la levée »):
read through, so the cue before it still governs the words after it."""


def _governs(gap: str) -> bool:
    """Whether a word of the event governs the next one, ``gap`` being the text between them.

    It does when the two stand in one clause, fewer than :data:`_WINDOW_WORDS` words apart.
    """
    return len(gap.split()) < _WINDOW_WORDS and _CLAUSE_BREAK.search(gap) is None


def _cues_before(text: str, at: int) -> set[Mood]:
    words = _clause_before(text, at).split()[-_WINDOW_WORDS:]
    window = " ".join(words)
    return {name for name, cue in _CUES.items() if cue.search(window)}


_COMPANY = re.compile(
    words_pattern(
        (
            *("company", "companies", "firm", "firms", "miner", "miners", "mining group"),
            *("airline", "airlines", "carrier", "carriers", "conglomerate", "multinational"),
            *("groupe minier", "societe", "societes", "compagnie", "compagnies"),
            *("entreprise", "entreprises", "multinationale", "multinationales"),
        )
    )
)
"""Words that make a company the subject of the clause (folded text)."""


def by_a_company(kind: EventType, sentence: str) -> bool:
    """Whether every word of ``sentence`` stating an event of ``kind`` is a company's doing.

    "The French mining group Eramet said it had suspended its manganese operations" and « la
    compagnie aérienne a suspendu ses vols » tell of a company's decision, not a state's or a
    body's: a company's word stands in the clause before the trigger word.
    """
    text = fold(sentence)
    words = list(TRIGGERS[kind].finditer(text))
    return bool(words) and all(_COMPANY.search(_clause_before(text, w.start())) for w in words)


def _clause_before(text: str, at: int) -> str:
    """The words of ``text`` before ``at`` in the same clause (short asides read through)."""
    lead = _ASIDE.sub(" ", text[:at])
    breaks = list(_CLAUSE_BREAK.finditer(lead))
    return lead[breaks[-1].end() :] if breaks else lead


_PRESENT = ("arrived", "ongoing", "reinforced")
_SETTLED = ("formed", "joined", "left", "dissolved")

_WEAKER: dict[tuple[EventType, Mood], dict[str, str | None]] = {
    ("coup", "hypothetical"): {"*": None},  # a coup feared or rumoured is no coup
    ("deployment", "claimed"): {"*": None},  # "accused France of basing troops in Benin"
    ("sanction", "hypothetical"): {"imposed": "threatened", "eased": None, "lifted": None},
    ("sanction", "planned"): {"imposed": "threatened"},
    ("deployment", "hypothetical"): {
        **dict.fromkeys((*_PRESENT, "planned", "announced"), "threatened"),
        "withdrawn": "withdrawing",
    },
    ("deployment", "planned"): {**dict.fromkeys(_PRESENT, "planned"), "withdrawn": "withdrawing"},
    ("alliance", "hypothetical"): dict.fromkeys((*_SETTLED, "announced"), "proposed"),
    ("alliance", "planned"): dict.fromkeys(_SETTLED, "announced"),
}
"""Under a hypothetical or planned reading, what each stage becomes (``"*"``: any stage);
stages not listed stand ("threatened" sanctions are hypothetical by nature)."""


_DENIED: dict[tuple[EventType, str], str] = {
    ("deployment", "withdrawing"): "ongoing",
    ("deployment", "withdrawn"): "ongoing",
    ("sanction", "eased"): "imposed",
    ("sanction", "lifted"): "imposed",
}
"""An ending denied leaves the event as it was: « Washington n'a pas pour autant retiré ses
quelque 1 100 militaires » states troops still there, "ECOWAS has not lifted its sanctions"
sanctions still in force."""


def supported_stage(kind: EventType, stage: str, found: Mood) -> str | None:
    """The outcome or status the evidence supports, given the model's and the evidence's mood.

    Returns:
        ``stage`` itself when the evidence asserts it, a weaker stage when the text says only
        that much ("could face sanctions": threatened; "will send troops": planned; "would
        withdraw": withdrawing), what a denied ending leaves (:data:`_DENIED`), or None when
        the evidence does not support the event at all (a denial, a demand, a coup only
        feared).
    """
    if found == "asserted":
        return stage
    if found == "negated":
        return _DENIED.get((kind, stage))
    if found == "demanded":
        return None
    table = _WEAKER.get((kind, found), {})
    return table["*"] if "*" in table else table.get(stage, stage)
