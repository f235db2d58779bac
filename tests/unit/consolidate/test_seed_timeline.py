"""The timeline of the seed articles read by hand (tests/seed_drafts.py)."""

from __future__ import annotations

from nigerwatch.consolidate import consolidate
from seed_drafts import hand_read_seeds


def test_the_seed_timeline() -> None:
    events = {(e.type, e.country, e.stage): e for e in consolidate(hand_read_seeds())}
    coup = events["coup", "NER", "successful"]
    assert [r.article_id[:3] for r in coup.reports] == ["001", "000"]
    assert coup.date is not None
    assert coup.date.value == "2023-07-26"
    # ECOWAS's sanctions: 000 gives no date, 001 "fin juillet"; one imposition, one lifting.
    imposed = events["sanction", "NER", "imposed"]
    assert [r.article_id[:3] for r in imposed.reports] == ["001", "000"]
    assert imposed.date is not None
    assert imposed.date.value == "2023-07"
    assert imposed.event.measures == ["asset_freeze", "border_closure"]  # type: ignore[union-attr]
    assert len(events["sanction", "NER", "lifted"].reports) == 1
    # The French withdrawal announced (001) and the US withdrawal completed (003) are apart.
    assert events["deployment", "NER", "withdrawing"].reports[0].article_id.startswith("001")
    assert events["deployment", "NER", "withdrawn"].reports[0].article_id.startswith("003")
    assert len(events) == 10
