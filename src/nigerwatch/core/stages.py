"""The stage an evidence sentence states: "stationed" is ongoing, "foiled" is failed.

Asked to choose a status from a closed list under grammar-constrained decoding, a small model
tends to pick the first option it is offered: "France keeps about 1,500 soldiers in Niger"
came back as a *threatened* deployment, "ECOWAS closed its borders" as a *threatened*
sanction. A threat is the one status that needs words saying so (a threat, an ultimatum, a
warning), so a threat the sentence does not voice is replaced by the stage the sentence does
state, read from its verbs in English and French (or, when it states none, the type's plain
reading: troops present, sanctions in force). An arrival or a reinforcement needs its words
too ("arrived", "landed", "reinforced"): troops a country "keeps" somewhere are ongoing, and
so is a deployment the model called announced or planned in a sentence with no word of a plan,
a decision or the future; a withdrawal stated outranks a plan ("gave the force until Dec. 31 to
leave" is withdrawing), and a withdrawal still to come is no withdrawal completed. A coup's
outcome is read the same way whenever the sentence states one: the model called the Burkina
Faso takeover of January 2022 "failed". So is a lifting: the model calls "ECOWAS lifts
economic sanctions on Mali" an imposition, the sanctions' past being in the sentence too.
"""

from __future__ import annotations

import re

from nigerwatch.core.text import fold
from nigerwatch.schemas import EventType

_THREAT = re.compile(
    r"\b(?:threat\w*|ultimat\w*|warn\w*|menac\w*|could|would|may|might|if|unless|possible|"
    r"potential|ready to|prepared to|pr[eê]ts? [aà]|use of force|recours [aà] la force|"
    r"intervention|intervene|interven\w*)\b"
)

# Cues in folded text (lower case, no accents), strongest stage first: a sentence saying that
# troops "left" says more than one saying they "are stationed".
_STAGES: dict[EventType, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "deployment": (
        (
            "withdrawn",
            re.compile(
                r"\b(?:withdrew|(?:have|has|had) (?:been )?withdrawn|pulled (?:\w+ ){0,2}out"
                r"|completed (?:the |its |their )?(?:withdrawal|pull-?out|departure)"
                r"|the last \w+ (?:troops|soldiers)"
                r"|(?:ont|a|avai(?:en)?t) quitte|acheve (?:le |son |leur )?retrait"
                r"|retrait (?:est )?acheve|(?:ont|a) acheve|handed over"
                r"|(?:ont|a|avai(?:en)?t) remis|en remettant)\b"
            ),
        ),
        (
            "withdrawing",
            re.compile(
                r"\b(?:withdraw\w*|pull(?:ing)? (?:\w+ ){0,2}out|(?:will|would|to) leave|leaving"
                r"|depart\w*|retrait|se retire\w*|retirer|quitter\w*|quitteront|depart"
                r"|end(?:s|ed|ing)? (?:its|their|the) (?:\w+ ){0,2}presence"
                r"|(?:mettre|mettra|mettront|met|mis) fin a (?:sa|leur|la) (?:\w+ )?presence)\b"
            ),
        ),
        ("arrived", re.compile(r"\b(?:arriv\w*|landed|debarqu\w*)\b")),
        ("reinforced", re.compile(r"\b(?:reinforc\w*|renfor\w*|bolster\w*|additional troops)\b")),
        (
            "planned",
            re.compile(
                r"\b(?:pledg\w*|promis\w*|plans? to|planned|will (?:send|deploy)|to be deployed"
                r"|prevoit|promet|s'est engage)\b"
            ),
        ),
        (
            "announced",
            re.compile(r"\b(?:ordered|activat\w*|approved the deployment|ordonne|active)\b"),
        ),
    ),
    "coup": (
        (
            "alleged",
            re.compile(
                r"\b(?:plot\w*|complot\w*|conspir\w*|alleged|presume\w*|accused of plann\w*|"
                r"(?:described|qualifi\w*|decrit\w*) (?:\w+ ){0,3}(?:as|de|comme) (?:an? |une )?"
                r"(?:attempted |failed |tentative de )?(?:coup|putsch)|"
                # A coup one was enlisted "to carry out" is a plan: a plot, not a seizure.
                r"(?:to|pour) (?:carry out|stage|mount|perpetrate|perpetrer|fomenter|mener) "
                r"(?:a |an |un )?(?:coup|putsch))\b"
            ),
        ),
        (
            "failed",
            re.compile(
                r"\b(?:foil\w*|thwart\w*|repel\w*|repuls\w*|defeated|dejou\w*|echou\w*|avort\w*|"
                r"put down|crushed|failed (?:coup|putsch|attempt|bid|mutiny|takeover)|"
                r"(?:escap|surviv)\w* (?:an? )?(?:attempted |military )?(?:coup|putsch)|"
                r"(?:coup|putsch|attempt|bid) (?:has |had )?failed)\b"
            ),
        ),
        (
            "attempted",
            re.compile(
                r"\b(?:attempt\w*|tentative|tr(?:ied|ying) to (?:seize|take|grab|overthrow|"
                r"topple|oust|depose))\b"
            ),
        ),
        (
            "successful",
            re.compile(
                r"\b(?:seiz\w*|seized|took power|taken power|came to power|overthr\w*|oust\w*|"
                r"toppl\w*|depos\w*|takeover|renvers\w*|pris le pouvoir|prise du pouvoir|"
                r"destitu\w*|dechu)\b"
            ),
        ),
    ),
    "sanction": (
        (
            "lifted",
            re.compile(r"\b(?:lift\w*|reopen\w*|rouvr\w*|leve\w*|lever|ended the sanctions)\b"),
        ),
        ("eased", re.compile(r"\b(?:eas(?:e|ed|es|ing)|relax\w*|assoupl\w*|allege\w*)\b")),
    ),
}

_MOVEMENTS = ("reinforced", "arrived")
"""The stages in which a country's own forces at home are a deployment (see :func:`moved`)."""
_MOVEMENT_CUES = {stage: cue for stage, cue in _STAGES["deployment"] if stage in _MOVEMENTS}


def moved(sentence: str) -> str | None:
    """The movement a sentence states of troops, ``"reinforced"`` or ``"arrived"``, or None.

    A country's own army at home is a deployment only when it is reinforced or moved in (the
    codebook's "national army reinforced against a foreign threat"), never when it is merely
    there, and it does not threaten its own country: "Niger's armed forces are taking measures
    to reinforce the capital, Niamey, in anticipation of a potential invasion" is reinforced.
    """
    text = fold(sentence)
    return next((stage for stage in _MOVEMENTS if _MOVEMENT_CUES[stage].search(text)), None)


_PROMISES = ("planned", "announced")
"""The stages of a deployment still to come: a withdrawal stated outranks them, and they
need words of a plan, a decision or the future (:data:`_PROMISE`)."""
_LEAVING = ("withdrawn", "withdrawing")
_PROMISE = re.compile(
    r"\b(?:announc\w*|annonc\w*|order\w*|ordonn\w*|decid\w*|decision|approv\w*|authori[sz]\w*|"
    r"autoris\w*|vot\w*|agree\w*|will|shall|to be|plan\w*|pledg\w*|promis\w*|prevo\w*|prevu\w*|"
    r"vont|va|envisag\w*|activat\w*|activ\w*|mandat\w*|resolution|expected|propos\w*|"
    r"offer\w*|commit\w*|engag\w*|intend\w*|ready|prepar\w*|futur\w*|soon|bientot)\b"
)

_UNSTATED: dict[tuple[EventType, str], str] = {("coup", "failed"): "successful"}
"""What a stage becomes when the sentence states none: a failure needs its words ("foiled",
"repelled"), and "Guinea was suspended from ECOWAS days after the coup" is a seizure of power
that the model called failed."""

_PLAIN: dict[EventType, str] = {"deployment": "ongoing", "sanction": "imposed"}
"""What a deployment or sanction is when its sentence states no stage: troops there,
sanctions in force."""


def stated_stage(kind: EventType, stage: str, sentence: str) -> str:
    """The stage to keep for an event the model put at ``stage``, given its evidence sentence.

    Returns:
        For a coup, the outcome the sentence states when it states one ("foiled" is failed,
        "plot" alleged, "seized power" successful), else ``stage`` (a failure the sentence
        has no word for is a success, :data:`_UNSTATED`). For a deployment or
        sanction the model called ``threatened`` in a sentence that voices no threat, the stage
        the sentence states, or the plain reading of the type (``ongoing``, ``imposed``). For
        a deployment the model called ``arrived`` or ``reinforced`` in a sentence with no word
        of that movement, the stage the sentence states ("the standby force [...] ordered
        activated" is announced), else, when it voices no threat either, ``ongoing`` ("France
        keeps a special forces contingent at Kamboinsin"). For a sanction the model called
        ``imposed`` in a sentence that states a lifting or an easing, that stage: « La CEDEAO
        a levé samedi l'essentiel des sanctions qu'elle imposait au Niger » is a lifting, the
        imposition only its background. For a deployment the model called ``withdrawn`` in a
        sentence that states only a departure under way or to come, ``withdrawing`` ("France
        and allies to pull troops out of Mali"); one the model called ``ongoing`` in a
        sentence that states a departure, the departure (« Le retrait du millier de militaires
        français a commencé le 10 décembre » is withdrawing). Otherwise ``stage`` itself.
    """
    text = fold(sentence)
    if kind == "coup" or (kind == "sanction" and stage == "imposed"):
        return _first_stated(kind, text) or _UNSTATED.get((kind, stage), stage)
    if kind == "deployment" and stage != "threatened":
        return _deployment_reread(stage, text)
    if stage != "threatened" or kind not in _PLAIN or _THREAT.search(text):
        return stage
    return _first_stated(kind, text) or _PLAIN[kind]


def _deployment_reread(stage: str, text: str) -> str:
    """A deployment the model put at ``stage`` (not a threat), re-read from its folded text."""
    if stage in _PROMISES:
        return _promised(stage, text)
    if stage in _MOVEMENTS:
        return _moved(stage, text)
    if stage == "withdrawn":
        return _withdrawn(text)
    stated = _first_stated("deployment", text)
    return stated if stage == "ongoing" and stated in _LEAVING else stage


def _first_stated(kind: EventType, text: str) -> str | None:
    """The strongest stage of ``kind`` whose cue the folded ``text`` has, or None."""
    return next((name for name, cue in _STAGES[kind] if cue.search(text)), None)


def _moved(stage: str, text: str) -> str:
    """A deployment the model called arrived or reinforced, re-read (see :func:`stated_stage`)."""
    if _MOVEMENT_CUES[stage].search(text):
        return stage
    stated = _first_stated("deployment", text)
    if stated is not None:
        return stated
    # "threatened to send troops": the modality reader makes it a threat.
    return stage if _THREAT.search(text) else "ongoing"


def _withdrawn(text: str) -> str:
    """A deployment the model called withdrawn, re-read (see :func:`stated_stage`).

    A departure still under way or to come is withdrawing: "France and allies to pull troops
    out of Mali after nine years".
    """
    stated = _first_stated("deployment", text)
    return "withdrawing" if stated == "withdrawing" else "withdrawn"


def _promised(stage: str, text: str) -> str:
    """A deployment the model put at a stage still to come (planned, announced), re-read.

    "gave the force until Dec. 31 to leave" is a withdrawal (withdrawing): the withdrawal
    stated outranks the decision. "France keeps a special forces contingent at Kamboinsin",
    which the model called announced, states no plan, decision or future: it is what the
    sentence states, else ongoing. A threat voiced is left to the modality reader.
    """
    stated = _first_stated("deployment", text)
    if stated in _LEAVING:
        return stated
    if _PROMISE.search(text) or _THREAT.search(text):
        return stage
    return stated or "ongoing"
