"""What words tell: event triggers, military wording, placeholders, kinds of actors.

Small, checkable rules the record builder applies to a draft (:mod:`nigerwatch.core.canonical`).
"""

from __future__ import annotations

import re

from nigerwatch.core.text import fold
from nigerwatch.normalize import (
    country,
    find_countries,
    find_organizations,
    leader_country,
    organization,
    seat_country,
)
from nigerwatch.schemas import Actor, ActorKind, EventType

_CLOSE = r"\bclos(?!e(?:ly|r|st)\b)"
"""Closing borders or airspace, not "closely" or "closer ties"."""

_AID_CUT = (
    r"\b(?:halt\w*|paus\w*|cut\w*(?: off)?|interromp\w*|coup[ée]\w*) (?:\w+ ){0,3}?"
    r"(?:aid|assistance|support|budget|cooperation|exports?|imports?|supplies|supply|power|"
    r"electricity|funding|programmes?|programs?|training|aide|[ée]lectricit[ée]|exportations|"
    r"financements?|coop[ée]ration)\b"
)
"""Aid, trade or power cut or paused: "the United States paused certain assistance
programmes", "Nigeria [...] cut power exports", « a interrompu son aide »."""

# Words without which a passage cannot report an event of the kind (ACE-style triggers, English
# and French). A small model labels a festival "a deployment"; its quotes then contain none.
TRIGGERS: dict[EventType, re.Pattern[str]] = {
    "coup": re.compile(
        r"coup|putsch|overthr|oust|toppl|depos|seiz|seizure|took power|taken power|"
        r"take power|came to power|come to power|takeover|take-over|forced (?:out|from)|"
        r"detain\w* (?:the |its )?(?:president|head of state)|mutin|renvers|"
        r"destitu|pris le pouvoir|prise du pouvoir|prise de pouvoir|au pouvoir|d[ée]chu|"
        r"remov\w* (?:the |its )?(?:president|head of state|from (?:office|power))|"
        r"suspend\w* the constitution|dissolv\w* the government|suspendu la constitution|"
        r"(?:arrest|seiz)\w* (?:the |its )?president|garde pr[ée]sidentielle|presidential guard",
        re.IGNORECASE,
    ),
    "sanction": re.compile(
        r"sanction|embargo|freez|froze|\bgel\b|gel[ée]|suspen|"
        + _CLOSE
        + r"|\bferm|\bbann?(?:ed|s)?\b|"
        r"blockade|blocus|restrict|\blift|\beas(?:e|ed|es|ing)\b|\blev[ée]|assoupl|all[ée]g|"
        r"measure|mesure|penalt|interdi|ultimat|cut off|halt|asset|avoirs|" + _AID_CUT,
        re.IGNORECASE,
    ),
    "deployment": re.compile(
        r"troop|troupe|soldier|soldat|forces?\b|army|arm[ée]e|armed|militar|instruct|personnel|"
        r"contingent|battalion|bataillon|mercenar|wagner|africa corps|\bbases?\b|withdr|retrait|"
        r"deploy|d[ée]ploi|stationed|stationing|stationn|convoy|convoi|marines|gendarm|peacekeep|"
        r"casques bleus|"
        r"minusma|barkhane|takuba|pull(?:ed|ing)? out|redeploy|garrison",
        re.IGNORECASE,
    ),
    "alliance": re.compile(
        r"allian|alli[eé]|pact|charte?r?|treaty|trait[ée]|agreement|accord|cooperat|coop[ée]rat|"
        r"confedera|conf[ée]d[ée]ra|solidar|joint|conjoint|bloc|member|membre|withdr|retrait|"
        r"leav|left|quit|partner|partenar|defen[cs]e|d[ée]fense|union|sortie|exit|join|adh[ée]|"
        r"communiqu[ée] commun|d[ée]claration commune",
        re.IGNORECASE,
    ),
}
"""Words without which a passage cannot report an event of the kind (English and French).

They decide which windows are asked about which type (a window with none is not asked) and
whether a draft's evidence can report its type at all (a small model labels a festival "a
deployment"; its quotes then contain none of these words)."""

FIGURES: dict[EventType, re.Pattern[str]] = {
    "coup": re.compile(
        r"\b(?:a|an|another|real|major|big|huge|diplomatic|public[- ]relations|propaganda|"
        r"publicity|marketing|political|constitutional|electoral|institutional)"
        r"(?: \w+)? coup for\b|"
        r"\b(?:diplomatic|constitutional|electoral|institutional|public[- ]relations|publicity|"
        r"marketing|propaganda) coup\b|\bcoups? (?:d'[ée]tat )?constitutionnel|"
        r"\bcoups? (?:de th[ée][âa]tre|d'envoi|franc|francs|de ma[îi]tre|de pouce|de gr[âa]ce|"
        r"de filet|dur|durs|de sifflet|de tonnerre|de foudre|de c(?:oe|œ)ur|de projecteur|"
        r"de bluff|de com|de communication)\b|"
        r"\b(?:staging|staged|stage) (?:his|her|their|its) own coup\b",
        re.IGNORECASE,
    ),
    "sanction": re.compile(
        r"\bsuspen\w* (?:the |its |la |sa )?constitution|"
        r"\bconstitution (?:was |is |est )?suspen\w*|"
        r"\b(?:suspen|bann?|interdi)\w* (?:the |les? |la |des )?(?:\w+ ){0,3}"
        r"(?:broadcasters?|radios?|radio stations?|channels?|television|newspapers?|media|"
        r"diffuseurs?|chaines?|medias|journaux|journalists?|journalistes)\b",
        re.IGNORECASE,
    ),
    "deployment": re.compile(
        r"\b(?:by force|par la force|coup de force|in(?:to)? force)\b|"
        r"\bmilitary[- ](?:rulers?|government|council|junta|leaders?|leadership|authorities|"
        r"regimes?|led|backed|dominated)\b|"
        r"\b(?:regimes?|juntes?|gouvernements?|dirigeants|autorites|conseils?|pouvoir) "
        r"militaires?\b|"
        # A warning against an intervention: « toute intervention armée au Niger serait
        # considérée comme une déclaration de guerre » sends none of the warners' troops.
        r"\b(?:any|toute|une) (?:(?:military|armed|militaire) )?intervention"
        r"(?: (?:militaire|armee))? (?:against|in|into|au|en|contre|dans) (?:\w+ ){1,3}?"
        r"(?:would|will|serait|sera) (?:be )?(?:considered|regarded|seen|treated|considere)",
        re.IGNORECASE,
    ),
    "alliance": re.compile(
        r"\b(?:(?:deputy |vice[- ])?defen[cs]e (?:minist\w*|chiefs?|secretary|staff|spokes\w*|"
        r"officials?|forces)|minist\w* (?:de la |des )?(?:defense|armees)|"
        r"forces? de defense et de securite|defen[cs]e and security forces|"
        r"self-defen[cs]e|legitime defense|national defen[cs]e|defense nationale)\b",
        re.IGNORECASE,
    ),
}
"""Figures of speech that use a trigger word without reporting the event: "a coup for the
interim coach", "a constitutional coup" (a charge against a postponed election, not a coup in
the codebook's sense), "coup de théâtre", "coup d'envoi", "coup franc", a president accused
of "staging his own coup" against a parliament (a charge, not a seizure of power). For
sanctions, the words of a seizure of power (a junta that "suspended the constitution" punishes
no one) and of a ban on the media ("the junta suspended the French broadcasters RFI and France
24": a domestic measure, not a sanction). For deployments, force as a manner ("the seizure of
power by force") or as validity ("the measures remain in force"), a government of soldiers
("Niger's military rulers", « le régime militaire »): no body of troops, and a warning against
an intervention ("any military intervention against Niger would be considered a declaration of
war"): the warners send none. For alliances, defence as a title or an army's name (a "Deputy
Defence Minister" holding talks, the « Forces de défense et de sécurité »): no tie between
states."""


def reports(kind: EventType, text: str) -> bool:
    """Whether ``text`` has a word that can report an event of ``kind``, figures of speech aside."""
    figures = FIGURES.get(kind)
    # Figures are read in folded text: "coup d\u2019envoi" has either apostrophe.
    literal = figures.sub(" ", fold(text)) if figures is not None else text
    return TRIGGERS[kind].search(literal) is not None


_BLOCS = r"(?:the )?(?:ecowas|cedeao|g5|bloc|regional bloc|organi[sz]ation|union|aes|alliance)"

SCREENS: dict[EventType, re.Pattern[str]] = {
    "coup": re.compile(
        r"coup|putsch|junta|junte|seiz\w* power|took power|taken power|came to power|"
        r"come to power|overthr|oust|toppl|depos|mutin|takeover|take-over|renvers|destitu|"
        r"pris le pouvoir|prise du pouvoir|prise de pouvoir|au pouvoir|d[ée]chu|military rulers",
        re.IGNORECASE,
    ),
    "sanction": re.compile(
        r"sanction|embargo|freez|froze|\bgel\b|gel[ée]|blockade|blocus|border|fronti[èe]re|"
        r"suspen|no-fly|ultimat|asset|avoirs|travel ban|interdiction|restrictions|punitive|"
        r"\blift|\blev[ée]e|" + _AID_CUT,
        re.IGNORECASE,
    ),
    "deployment": TRIGGERS["deployment"],
    "alliance": re.compile(
        r"allian|alli[ée]s?\b|pact|charte?r?\b|charte|treaty|trait[ée]|confedera|conf[ée]d[ée]ra|"
        r"solidar|accord|agreement|coop[ée]rat|cooperat|partnership|partenariat|joint statement|"
        r"communiqu[ée] (?:conjoint|commun)|d[ée]claration commune|membership|adh[ée]sion|"
        rf"(?:leave|left|leaving|quit\w*|withdr\w* from|exit from|sortie d[eu]|retrait d[eu]) "
        rf"{_BLOCS}",
        re.IGNORECASE,
    ),
}
"""Words that make a window worth asking about a type. Narrower than :data:`TRIGGERS`: a
small model asked about a type the text does not mention invents events (an "alliance" from
"member states"), which costs generation time and precision; a window without any of these
words is not asked about the type."""

JOINT_STATEMENT: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"joint statement|joint communiqu|communiqu[ée] commun|communiqu[ée] conjoint|"
        r"d[ée]claration commune",
        re.IGNORECASE,
    ),
    re.compile(
        r"condemn|condamn|\bwar\b|guerre|solidar|intervention|aggression|agression",
        re.IGNORECASE,
    ),
)
"""A joint statement that condemns or stands together: a solidarity statement ("a joint
statement condemning any potential military intervention"), when every pattern matches."""


def joint_statement(sentence: str) -> bool:
    """Whether ``sentence`` voices a joint statement that condemns or stands together."""
    return all(pattern.search(sentence) for pattern in JOINT_STATEMENT)


FOCUS: dict[EventType, tuple[tuple[re.Pattern[str], ...], ...]] = {
    "deployment": (
        (
            re.compile(
                r"troop|soldier|contingent|battalion|bataillon|special forces|personnel|troupes|"
                r"soldats|militaires|mercenar|wagner|standby force|force en attente",
                re.IGNORECASE,
            ),
            re.compile(
                r"deploy|d[ée]ploy|station|\bsen[dt]\b|dispatch|arriv|contribut|withdr|pull|keep|"
                r"based|alongside|activat|retir|quitt|d[ée]part|depart|\brest[ée]|remain|stay|"
                r"\bleft\b|\bleav|home\b|rapatri|return|redeploy|accueil|\bhost|compt|mobilis|"
                r"regroup",
                re.IGNORECASE,
            ),
        ),
    ),
    "sanction": (
        (
            re.compile(
                r"suspen|froze|freez|impos|\bclos|halt|cut off|\bcut\b|cutting|paus|interromp|"
                r"coup[ée]|lift|lev[ée]|ferm|embargo|\bban",
                re.IGNORECASE,
            ),
        ),
    ),
    "coup": (
        (
            re.compile(
                r"oust|overthr|seiz\w* power|took power|taken power|toppl|depos|renvers|"
                r"pris le pouvoir|destitu|d[ée]jou|foil|thwart",
                re.IGNORECASE,
            ),
        ),
    ),
    "alliance": (
        JOINT_STATEMENT,
        (
            re.compile(
                r"\b(?:leave|leaving|left|quit\w*|withdr\w*|exit|retrait|sortie)\b",
                re.IGNORECASE,
            ),
            re.compile(r"\b(?:ECOWAS|CEDEAO|G5 Sahel|AES)\b"),
        ),
        (
            re.compile(
                r"\bsign(?:ed|s|ing|ature)?\b|\bsign[ée]e?s?\b|scell[ée]|ratifi", re.IGNORECASE
            ),
            re.compile(
                r"charter|charte|pact|treaty|trait[ée]|alliance|confedera|conf[ée]d[ée]ra|"
                r"defen[cs]e|d[ée]fense|coop[ée]ration militaire|military cooperation",
                re.IGNORECASE,
            ),
        ),
        (
            re.compile(
                r"d[ée]non[cç]|denounc|revo[kq]|abrog|terminat|scrap|tore up|tear up|\brompu|"
                r"\bended\b|mis fin|met fin|mettr\w* fin",
                re.IGNORECASE,
            ),
            re.compile(
                r"accord|agreement|treaty|trait[ée]|coop[ée]ration|cooperation|\bpact",
                re.IGNORECASE,
            ),
        ),
    ),
}
"""The sentences worth a focused question when no record of the type covers them: every pattern
of one of the type's routes must match the sentence. For deployments, a word for troops and a
word moving or placing them ("leading the United States and France to station troops in Niger",
« les derniers soldats [...] avaient quitté le pays », "remained", « accueille [...] un millier
de soldats »): on the tuning half, asking about every sentence with a military word brought
four false alarms for each event it found. For sanctions, a verb of a sanction ("suspended",
"froze", "closed", "lifted", "paused certain assistance programmes"). For coups, a word of a
seizure of power ("ousted", "seized power", « renversé », "foiled"), not the bare noun: "since
the coup" refers to a coup already read. For alliances, a joint statement that condemns or
stands together ("a joint statement condemning any potential military intervention"), a
departure from a named bloc ("would leave ECOWAS"), a charter, pact or defence tie signed, or an
accord or a cooperation ended (« a dénoncé les accords de coopération militaire »); a joint
statement alone is not enough ("in a joint statement [...] said the conditions were no longer
met")."""


def worth_focus(kind: EventType, sentence: str) -> bool:
    """Whether ``sentence`` deserves a focused question about ``kind`` (see :data:`FOCUS`)."""
    routes = FOCUS.get(kind, ())
    return (
        any(all(pattern.search(sentence) for pattern in route) for route in routes)
        and SCREENS[kind].search(sentence) is not None
        and reports(kind, sentence)
    )


FORCE = re.compile(
    r"\b(?:use of force|(?:use|using) force|military (?:intervention|action|option)|"
    r"intervene militarily|intervention militaire|recours [aà] la force|usage de la force|"
    r"(?:user|utiliser) de la force|action militaire|option militaire)\b",
    re.IGNORECASE,
)
"""A threat of force: "including the possible use of force", « sans exclure le recours à la
force ». Threatened force is a deployment threatened (CAMEO 138), not a sanction: a small model
asked for sanctions lists "would take all measures needed [...] including the possible use of
force" as one (:func:`nigerwatch.core.canonical.build_records` reads it as a deployment)."""

_SPORT = re.compile(
    r"\b(?:football|soccer|match|final|semi-final|quarter-final|title|trophy|tournament|"
    r"championship|league|stadium|goal|goals|striker|goalkeeper|coach|penalt(?:y|ies)|"
    r"super eagles|afcon|can 20\d\d|coupe d'afrique|ligue|stade|buts?|entra[iî]neur|"
    r"s[ée]lection nationale|tirs au but)\b",
    re.IGNORECASE,
)


def sporting(text: str) -> bool:
    """Whether ``text`` is sports reporting: two different words of sport or more.

    "Nigeria, who had reached the final on the strength of a miserly defence, fell short of a
    fourth title" came back as an alliance (its "defence"); one such word alone proves
    nothing ("a final communiqué").
    """
    return len({m.group().lower() for m in _SPORT.finditer(text)}) >= 2


_LIFT = r"\blift|\beas(?:e|ed|es|ing)\b|\blev[ée]|\blever|assoupl|all[ée]g|reopen|rouv"
_WITHDRAW = (
    r"withdr|retrait|retir|pull|\bleav|\bleft\b|depart|d[ée]part|quitt|exit|expel|expuls|"
    r"mettr\w* fin|met fin|mis fin|handed over|hand over"
)
_END = (
    r"\bend(?:s|ed|ing)?\b|\bfin\b|revo[kq]|d[ée]non[cç]|denounc|abrog|annul|terminat|dissol|"
    r"\bceas|\bclos|(?:bring|brought)\b[^.]{0,60}?\bhome\b|rapatri|\bpartis?\b|"
    r"\bgone\b|scrap|tore up|tear up|rupture|\brompu|\bromp|\bbr(?:eak|oke)|cancel|sever|"
    r"no longer (?:met|in force|valid)"
)
_ENDED = re.compile(_END, re.IGNORECASE)
"""Words that end a tie or a mission besides the predicates of a withdrawal: "revoked the
accord", « a dénoncé l'accord », "the end of Operation Barkhane", "bring its soldiers home".
They only tell whether a sentence states an ending at all (:func:`unstated_ending`), not its
mood: "ending a nine-year engagement" after "would withdraw" is no second assertion."""

PREDICATES: dict[str, re.Pattern[str]] = {
    "coup": re.compile(
        r"coup|putsch|seiz|overthr|oust|toppl|depos|took power|taken power|take power|"
        r"came to power|come to power|takeover|take-over|forced (?:out|from)|detain|mutin|"
        r"renvers|destitu|pris le pouvoir|prise du pouvoir|prise de pouvoir|au pouvoir|d[ée]chu",
        re.IGNORECASE,
    ),
    "sanction": re.compile(
        r"sanction|embargo|freez|froze|\bgel|suspen|"
        + _CLOSE
        + r"|\bferm|\bbann?(?:ed|s)?\b|blockade|"
        r"blocus|restrict|impos|penalt|interdi|cut off|halt",
        re.IGNORECASE,
    ),
    "sanction:lifted": re.compile(_LIFT, re.IGNORECASE),
    "deployment": re.compile(
        r"deploy|d[ée]ploi|d[ée]ploy|\bsen[dt]|dispatch|envo[iy]|arriv|station|based\b|reinforc|"
        r"renfor|redeploy|garrison|\bbases?\b|\benter|\bmove|\bsta(?:y|ying|yed)\b|rest",
        re.IGNORECASE,
    ),
    "deployment:withdrawal": re.compile(_WITHDRAW, re.IGNORECASE),
    "alliance": re.compile(
        r"\bsign|form|creat|\bcr[ée]|join|adh[ée]|launch|establish|institu|agree|accord|pact|"
        r"allian|charte?r?|treaty|trait[ée]|confedera|conf[ée]d[ée]ra|solidar|statement|"
        r"d[ée]claration",
        re.IGNORECASE,
    ),
    "alliance:left": re.compile(_WITHDRAW + r"|quit|sortie|leave", re.IGNORECASE),
}
"""The words that state an event happening (verbs and event nouns, not its participants), by
type and by stage: a lifting is stated by "lifted", a withdrawal by "withdraw" or "quitteront",
whatever else the sentence says. Negation and modality are read before these words
(:mod:`nigerwatch.core.modality`)."""


def predicates(kind: EventType, stage: str) -> re.Pattern[str]:
    """The predicates that state an event of ``kind`` at ``stage`` (an outcome or status)."""
    if kind == "sanction" and stage in ("eased", "lifted"):
        return PREDICATES["sanction:lifted"]
    if kind == "deployment" and stage in ("withdrawing", "withdrawn"):
        return PREDICATES["deployment:withdrawal"]
    if kind == "alliance" and stage in ("left", "dissolved"):
        return PREDICATES["alliance:left"]
    return PREDICATES[kind]


ENDINGS: dict[str, tuple[str, str]] = {
    "eased": ("sanction", "'lifted', 'eased' or 'reopened'"),
    "lifted": ("sanction", "'lifted', 'eased' or 'reopened'"),
    "withdrawing": ("deployment", "'withdraw', 'leave' or 'the end of'"),
    "withdrawn": ("deployment", "'withdraw', 'leave' or 'the end of'"),
    "left": ("alliance", "'left', 'ended' or 'revoked'"),
    "dissolved": ("alliance", "'left', 'ended' or 'revoked'"),
}
"""The stages that end an event, and words that state them (for the reason of a drop)."""


def unstated_ending(kind: EventType, stage: str, sentence: str) -> str | None:
    """Words to expect when ``stage`` ends the event but ``sentence`` has none that state it.

    A small model calls an alliance "dissolved" in a sentence about Western partners, a
    deployment "withdrawn" where troops are stationed: an ending is stated by its own words.

    Returns:
        None when the stage is not an ending, or the sentence states it; else examples of the
        words that would (for the reason of the drop).
    """
    ending = ENDINGS.get(stage)
    if ending is None or ending[0] != kind:
        return None
    text = fold(sentence)
    if predicates(kind, stage).search(text) or _ENDED.search(text):
        return None
    return ending[1]


A_KIND: dict[EventType, str] = {
    "coup": "a coup",
    "sanction": "a sanction",
    "deployment": "a deployment",
    "alliance": "an alliance",
}
TRIGGER_EXAMPLES: dict[EventType, str] = {
    "coup": "'coup', 'overthrown' or 'seized power'",
    "sanction": "'sanctions', 'embargo' or 'suspension'",
    "deployment": "'troops', 'soldiers' or 'forces'",
    "alliance": "'alliance', 'pact' or 'agreement'",
}

_MILITARY = re.compile(
    r"\b(arm(y|ies|ed)|military|troops?|soldiers?|junta|guard|forces?|battalions?|"
    r"arm[ée]es?|militaires?|soldats|junte|garde|troupes|bataillons?)\b",
    re.IGNORECASE,
)


_PLACEHOLDERS = frozenset(
    {
        "",
        "unknown",
        "none",
        "null",
        "n/a",
        "na",
        "not specified",
        "not mentioned",
        "unspecified",
        "inconnu",
        "inconnue",
        "non précisé",
        "aucun",
        "aucune",
        "-",
    }
)


def given(value: str | None) -> str | None:
    """``value``, or None when it is a model's placeholder for "not said" ("unknown", "N/A")."""
    if value is None or value.strip().casefold() in _PLACEHOLDERS:
        return None
    return value


def actor(name: str, *, home: str | None = None) -> Actor:
    """Classify a grounded name as a state, armed forces, an organisation or another group.

    Args:
        name: The name as written.
        home: Country to assume for an actor that names none (a coup's perpetrators belong to
            the country of the coup).
    """
    military = _MILITARY.search(name) is not None
    org = organization(name)
    if org is None:
        orgs = {m.code for m in find_organizations(name)}
        org = orgs.pop() if len(orgs) == 1 else None
    if org is not None:
        kind: ActorKind = "armed_forces" if military else "organization"
        return Actor(name=name, kind=kind, organization=org)
    code = country(name) or seat_country(name) or leader_country(name)
    if code is not None:
        return Actor(name=name, kind="state", country=code)
    codes = {m.code for m in find_countries(name)}
    code = codes.pop() if len(codes) == 1 else home
    return Actor(name=name, kind="armed_forces" if military else "other", country=code)
