"""Consolidation of the seed articles, on the recorded answers of the embedded model.

The answers are those of ``test_seeds.py`` (its cassettes replay here; re-record them there).
The small model misreads seed 001's coup as a coup in France ("Emmanuel Macron" ousted by
"Mohamed Bazoum"): the seed consolidation case also uses a draft of 001 written by hand from
the article's own words (``tests/seed_drafts.py``), turned into records by the library's
grounding and normalization, to show what a correct reading of 001 consolidates into.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import CASSETTES, SEEDS
from nigerwatch import ArticleExtraction, extract, read_article
from nigerwatch.consolidate import consolidate
from seed_drafts import NIGER_COUP_001, hand_read

SEED_CASSETTES = {
    "000_ff28ba0c9779c2b0.txt": "test_seed_niger_coup_and_ecowas_sanctions",
    "001_fr_aes_retrait_francais.txt": "test_french_article_aes_and_french_withdrawal",
    "002_en_no_event_festival.txt": "test_article_without_events_gives_empty_lists",
    "003_en_us_withdrawal.txt": "test_us_withdrawal",
    "004_en_ecowas_lifts_sanctions.txt": "test_injected_instruction_adds_no_event",
}

pytestmark = [
    pytest.mark.cassette,
    pytest.mark.vcr(
        *(str(CASSETTES / "test_seeds" / f"{n}.yaml") for n in SEED_CASSETTES.values())
    ),
    pytest.mark.usefixtures("recorded_model"),
]


@pytest.fixture(autouse=True)
def _replay_only(record_mode: str) -> None:
    if record_mode != "none":
        pytest.skip("replays test_seeds.py's cassettes: record them there")


def recorded_seeds() -> Iterator[ArticleExtraction]:
    for name in SEED_CASSETTES:
        yield extract(read_article(SEEDS / name))


def seed_001_read_by_hand() -> ArticleExtraction:
    """Seed 001's coup as the article states it, through the library's record builder."""
    return hand_read("001_fr_aes_retrait_francais.txt", {"coups": [NIGER_COUP_001]})


def test_the_niger_coup_of_seeds_000_and_001_is_one_event_with_two_reports() -> None:
    seeds = {e.article.id: e for e in recorded_seeds()}
    events = list(consolidate([seeds["000_ff28ba0c9779c2b0.txt"], seed_001_read_by_hand()]))
    (niger,) = [e for e in events if e.type == "coup"]
    assert niger.country == "NER"
    assert [r.article_id for r in niger.reports] == [
        "001_fr_aes_retrait_francais.txt",  # published 2023-09-26: first seen
        "000_ff28ba0c9779c2b0.txt",  # the recording gave 000's coup no date
    ]
    assert niger.date is not None
    assert (niger.date.value, niger.date.precision) == ("2023-07-26", "day")
    late = niger.reports[1]
    assert late.date is None
    # 000's sentence names the ousted president ("President Mohamed Bazoum was overthrown").
    assert (
        late.reason
        == "coup in NER, outcome successful, one undated, same ousted leader mohamed bazoum"
    )


def test_on_the_recorded_answers_alone_reports_join_only_when_their_keys_agree() -> None:
    seeds = list(recorded_seeds())
    events = list(consolidate(seeds))
    # The recording has two Niger coups, undated: 001's (in Niger because it ousted Bazoum,
    # though the model said France) and 000's, both "successful", are joined. The "coups"
    # the model read in 003 and 004 ("The junta announced that it was ending a military
    # cooperation agreement", "a move the three juntas say is final") tell of no seizure of
    # power and are dropped before consolidation: a junta acting is no coup.
    niger_coups = [e for e in events if e.type == "coup" and e.country == "NER"]
    joined = sorted(([r.article_id[:3] for r in e.reports] for e in niger_coups), key=len)
    assert joined == [["001", "000"]]
    assert [r.reason for e in niger_coups for r in e.reports if r.reason] == [
        "coup in NER, outcome successful, undated, same ousted leader mohamed bazoum",
    ]
    late = {x.article.id[:3]: x for x in seeds if x.article.id[:3] in ("003", "004")}
    assert all(c.country != "NER" for x in late.values() for c in x.coups)
    assert any(d.check == "no_trigger" for x in late.values() for d in x.dropped)
    # Every report is in exactly one event, and every one that joined says why.
    assert sum(len(e.reports) for e in events) == sum(len(x.events) for x in seeds)
    assert all(sum(r.reason is None for r in e.reports) == 1 for e in events)
