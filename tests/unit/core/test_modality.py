"""Negation and modality read in the evidence, and the stage it supports."""

from __future__ import annotations

import pytest

from nigerwatch.core.modality import by_a_company, mood, supported_stage
from nigerwatch.schemas import EventType

CASES: list[tuple[str, EventType, str, str]] = [
    ("ECOWAS imposed sanctions on Niger", "sanction", "imposed", "asserted"),
    ("the EU has not frozen any assets", "sanction", "imposed", "negated"),
    ("Niger could face sanctions", "sanction", "imposed", "hypothetical"),
    ("la CEDEAO pourrait imposer des sanctions", "sanction", "imposed", "hypothetical"),
    (
        "The EU has not frozen any assets, but it imposed a travel ban",
        "sanction",
        "imposed",
        "asserted",
    ),
    ("leaders called for sanctions against the junta", "sanction", "imposed", "demanded"),
    # A short aside between commas does not cut the cue from its words.
    (
        "Gowon avait plaidé, quelques jours plus tôt, pour la levée des sanctions",
        "sanction",
        "lifted",
        "demanded",
    ),
    ("The EU could, officials said, impose sanctions", "sanction", "imposed", "hypothetical"),
    (
        "ECOWAS, which had warned the junta, imposed sanctions on Niger",
        "sanction",
        "imposed",
        "asserted",
    ),
    ("Nigerian clerics pleaded for sanctions on the junta", "sanction", "imposed", "demanded"),
    ("the guardsmen intended to seize power", "coup", "successful", "hypothetical"),
    (
        # A figure of speech states nothing: only "intended to seize power" is left to read.
        "no evidence that the guardsmen intended to seize power, and the opposition accused "
        "the president of staging his own coup against parliament",
        "coup",
        "successful",
        "hypothetical",
    ),
    ("une note demandant de suspendre les projets", "sanction", "imposed", "demanded"),
    (
        "the AU chairman called on the military to refrain from any violence",
        "deployment",
        "ongoing",
        "demanded",
    ),
    (
        "West African leaders on Saturday lifted most of the sanctions",
        "sanction",
        "lifted",
        "asserted",
    ),
    ("no foreign soldiers have arrived in Niamey", "deployment", "arrived", "negated"),
    (
        "Russian military instructors arrived in Niamey in April",
        "deployment",
        "arrived",
        "asserted",
    ),
    (
        "France and its partners said they would withdraw their forces from Mali, ending a "
        "nine-year military engagement",
        "deployment",
        "withdrawn",
        "hypothetical",
    ),
    (
        "les soldats français déployés dans le pays quitteront le Niger",
        "deployment",
        "withdrawn",
        "planned",
    ),
    ("Nigeria pledged to send 1,000 troops", "deployment", "arrived", "planned"),
    ("The last US troops left Air Base 201", "deployment", "withdrawn", "asserted"),
    ("officials dismissed talk of a putsch", "coup", "successful", "negated"),
    ("In May 2021 the army seized power again", "coup", "successful", "asserted"),
    ("the junta, which seized power in a coup on July 26, said", "coup", "successful", "asserted"),
    ("diplomats fear a coup could follow", "coup", "successful", "hypothetical"),
    (
        "Algeria has said it opposes any foreign military intervention",
        "deployment",
        "threatened",
        "negated",
    ),
    ("the army refused to withdraw from the north", "deployment", "withdrawn", "negated"),
    (
        "le Niger est le troisième pays que l’armée française doit quitter",
        "deployment",
        "withdrawn",
        "planned",
    ),
    ("French troops must leave Niger by the end of the year", "deployment", "withdrawn", "planned"),
    # A power to act is not the act; stopping short of a step is not taking it.
    (
        "the EU adopted a legal framework allowing it to impose sanctions on individuals",
        "sanction",
        "imposed",
        "hypothetical",
    ),
    (
        "Washington paused some aid while stopping short of declaring a coup",
        "coup",
        "successful",
        "negated",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "stage", "expected"), CASES)
def test_mood(sentence: str, kind: EventType, stage: str, expected: str) -> None:
    assert mood(sentence, kind, stage) == expected


def test_a_sentence_without_a_word_for_the_event_is_taken_as_it_is() -> None:
    assert mood("Something happened.", "coup", "successful") == "asserted"


@pytest.mark.parametrize(
    ("kind", "stage", "found", "supported"),
    [
        ("sanction", "imposed", "asserted", "imposed"),
        ("sanction", "imposed", "hypothetical", "threatened"),
        ("sanction", "threatened", "hypothetical", "threatened"),
        ("sanction", "lifted", "hypothetical", None),
        ("sanction", "imposed", "negated", None),
        ("sanction", "imposed", "demanded", None),
        # An ending denied leaves the event as it was.
        ("sanction", "lifted", "negated", "imposed"),
        ("deployment", "withdrawn", "negated", "ongoing"),
        ("deployment", "withdrawing", "negated", "ongoing"),
        ("deployment", "arrived", "negated", None),
        ("alliance", "left", "negated", None),
        ("deployment", "arrived", "planned", "planned"),
        ("deployment", "arrived", "hypothetical", "threatened"),
        ("deployment", "withdrawn", "planned", "withdrawing"),
        ("deployment", "withdrawing", "hypothetical", "withdrawing"),
        ("coup", "successful", "hypothetical", None),
        ("coup", "alleged", "planned", "alleged"),
        ("alliance", "formed", "planned", "announced"),
        ("alliance", "left", "hypothetical", "proposed"),
    ],
)
def test_the_stage_the_evidence_supports(
    kind: EventType, stage: str, found: str, supported: str | None
) -> None:
    assert supported_stage(kind, stage, found) == supported  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "sentence", "stated"),
    [
        ("deployment", "France keeps about 1,500 soldiers in Niger.", "ongoing"),
        ("deployment", "The last US troops left Air Base 201 on Monday.", "withdrawn"),
        ("deployment", "Russian instructors arrived in Niamey in April.", "arrived"),
        ("deployment", "Nigeria pledged 1,000 troops for the force.", "planned"),
        ("deployment", "ECOWAS threatened to use force if the junta stayed.", "threatened"),
        ("sanction", "ECOWAS closed the borders of its member states with Niger.", "imposed"),
        ("sanction", "The bloc lifted the sanctions on Saturday.", "lifted"),
        ("sanction", "Niger could face sanctions if Bazoum is not freed.", "threatened"),
    ],
)
def test_a_threat_needs_words_that_voice_it(kind: EventType, sentence: str, stated: str) -> None:
    from nigerwatch.core.stages import stated_stage

    assert stated_stage(kind, "threatened", sentence) == stated
    if kind == "sanction" and stated != "lifted":
        assert stated_stage(kind, "imposed", sentence) == "imposed"  # only a threat is read again


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("ECOWAS lifts economic sanctions on Mali and keeps targeted measures", "lifted"),
        ("La CEDEAO a levé samedi l'essentiel des sanctions qu'elle imposait au Niger", "lifted"),
        ("Nigeria ordered the reopening of its borders with Niger.", "lifted"),
        ("The bloc eased the measures it had imposed in January.", "eased"),
        ("ECOWAS closed the borders of its member states with Niger.", "imposed"),
        ("The sanctions had been imposed on Jan. 9.", "imposed"),
    ],
)
def test_an_imposition_is_read_again_where_the_sentence_states_a_lifting(
    sentence: str, stated: str
) -> None:
    from nigerwatch.core.stages import stated_stage

    assert stated_stage("sanction", "imposed", sentence) == stated
    threat = "ECOWAS could lift the sanctions."
    assert stated_stage("sanction", "threatened", threat) == "threatened"


@pytest.mark.parametrize(
    ("sentence", "stage", "stated"),
    [
        # An arrival or a reinforcement needs words that state it.
        ("Russian instructors arrived in Niamey in April.", "arrived", "arrived"),
        ("Chad sent 1,000 more soldiers to reinforce the base.", "reinforced", "reinforced"),
        ("France keeps a special forces contingent at Kamboinsin.", "arrived", "ongoing"),
        ("France keeps a special forces contingent at Kamboinsin.", "reinforced", "ongoing"),
        ("The last US troops left Air Base 201 on Monday.", "arrived", "withdrawn"),
        (
            "The defence chiefs finalised the plans for the standby force that the leaders "
            "ordered activated on Aug. 10.",
            "arrived",
            "announced",
        ),
        # A threat voiced is left to the modality reader, which makes it one.
        ("ECOWAS threatened to send troops if the junta stayed.", "arrived", "arrived"),
        # A deployment still to come needs words of a plan or a decision.
        ("France keeps a special forces contingent at Kamboinsin.", "announced", "ongoing"),
        ("Chadian soldiers landed in Bamako on Sunday.", "planned", "arrived"),
        (
            "The Security Council voted to end its mission in Mali and gave the force until "
            "Dec. 31 to leave.",
            "announced",
            "withdrawing",
        ),
        ("The bloc announced the deployment of its standby force.", "announced", "announced"),
        ("Nigeria will contribute 1,000 troops to the force.", "planned", "planned"),
        ("Le Tchad prévoit d'envoyer 1 000 soldats.", "planned", "planned"),
        # A withdrawal still to come is withdrawing, not withdrawn.
        (
            "France and allies to pull troops out of Mali after nine years",
            "withdrawn",
            "withdrawing",
        ),
        (
            "The last French soldiers left Niger on Dec. 22 and have withdrawn.",
            "withdrawn",
            "withdrawn",
        ),
        ("French troops completed their withdrawal in August.", "withdrawn", "withdrawn"),
        (
            "Les soldats de Barkhane avaient quitté le pays le 15 août 2022.",
            "withdrawn",
            "withdrawn",
        ),
        ("The contingent was gone by June.", "withdrawn", "withdrawn"),
        (
            "Germany has said it will end its military presence by August.",
            "withdrawn",
            "withdrawing",
        ),
        (
            "Paris a décidé de mettre fin à sa présence militaire au Tchad.",
            "withdrawn",
            "withdrawing",
        ),
        # Troops the model said are there, in a sentence stating their departure, are leaving.
        (
            "Le retrait du millier de militaires français a commencé le 10 décembre.",
            "ongoing",
            "withdrawing",
        ),
        (
            "The last French soldiers left Niger on Dec. 22 and have withdrawn.",
            "ongoing",
            "withdrawn",
        ),
        ("About 1,500 French soldiers are stationed near Niamey.", "ongoing", "ongoing"),
    ],
)
def test_a_deployment_is_read_at_the_stage_its_sentence_states(
    sentence: str, stage: str, stated: str
) -> None:
    from nigerwatch.core.stages import stated_stage

    assert stated_stage("deployment", stage, sentence) == stated


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("the junta, which seized power in a coup on July 26", "successful"),
        ("The attempted coup was foiled by loyal troops.", "failed"),
        ("soldiers attempted to take power on Tuesday", "attempted"),
        ("mutineers tried to seize power overnight", "attempted"),
        ("Embalo returned and described the events as an attempted coup.", "alleged"),
        (
            "officers who said Damiba had failed to contain the insurgency seized power",
            "successful",
        ),
        ("The coup attempt failed within hours.", "failed"),
        # Washington's attempt is not the coup's: the soldiers ousted Bazoum.
        (
            "Washington had tried to preserve its presence after soldiers ousted President "
            "Mohamed Bazoum on July 26",
            "successful",
        ),
        ("Authorities said they had uncovered a plot to overthrow the government.", "alleged"),
        # A failure needs its words: "the coup" that no word says failed is a seizure.
        ("The coup was announced on television.", "successful"),
        (
            "the prosecutor said they had tried to enlist the commander of the Republican "
            "Guard to carry out a coup",
            "alleged",
        ),
        ("Niger narrowly escaped a putsch on the eve of the handover", "failed"),
        ("Bazoum survived a coup attempt two days before his inauguration", "failed"),
    ],
)
def test_a_coup_outcome_is_the_one_its_sentence_states(sentence: str, outcome: str) -> None:
    from nigerwatch.core.stages import stated_stage

    assert stated_stage("coup", "failed", sentence) == outcome


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The French mining group Eramet said it had suspended its operations there.", True),
        ("La compagnie aérienne a suspendu ses vols vers Niamey jusqu'à nouvel ordre.", True),
        ("ECOWAS suspended all commercial transactions with the country.", False),
        # The company is the object, after the trigger word: the bloc acts.
        ("The bloc froze the assets of state companies in its member states.", False),
        # One trigger word is the bloc's: not only a company's doing.
        ("ECOWAS closed its borders, and the company suspended its flights.", False),
        ("The company said it was following events in the capital.", False),  # no trigger
    ],
)
def test_a_companys_decision_is_told_apart(sentence: str, expected: bool) -> None:
    assert by_a_company("sanction", sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials in Niamey have suggested that French troops could use Benin", "claimed"),
        ("Niger accused France of deploying troops in Benin", "claimed"),
        ("Le Niger accuse Paris de masser des troupes au Bénin", "claimed"),
        # A charge against the troops themselves is no charge that they are there.
        ("Wagner fighters, accused of abuses, are deployed in central Mali", "asserted"),
    ],
)
def test_a_charge_is_claimed(sentence: str, expected: str) -> None:
    assert mood(sentence, "deployment", "ongoing") == expected


def test_a_charge_supports_no_deployment_and_leaves_other_types_as_they_are() -> None:
    assert supported_stage("deployment", "ongoing", "claimed") is None
    assert supported_stage("sanction", "imposed", "claimed") == "imposed"
    assert supported_stage("coup", "alleged", "claimed") == "alleged"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The bans and freezes are the objects of "allow it to impose" (a power to act, not
        # the act): they share its cue.
        (
            "the European Union adopted a legal framework that will allow it to impose its own "
            "travel bans and asset freezes on those who obstruct the transition",
            "hypothetical",
        ),
        ("ECOWAS will impose travel bans and asset freezes on the junta", "planned"),
        ("ECOWAS imposed travel bans and asset freezes on the junta", "asserted"),
        # A clause break ends the governing word's reach.
        ("ECOWAS will impose sanctions, and Mali's assets are frozen", "asserted"),
    ],
)
def test_a_word_governs_the_objects_close_after_it(sentence: str, expected: str) -> None:
    assert mood(sentence, "sanction", "imposed") == expected


def test_a_base_denied_is_no_presence_whatever_the_sentence_says_next() -> None:
    sentence = (
        "Benin's government has repeatedly denied that there is any French base on its "
        "territory, saying that the military posts in its north are Beninese camps"
    )
    assert mood(sentence, "deployment", "ongoing") == "negated"
