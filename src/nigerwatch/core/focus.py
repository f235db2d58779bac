"""The sentences to ask about once more, one at a time, after the passes over the whole text.

Reading a window of several paragraphs, a small model reports some of its events and passes
over others: the seed article's "leading the United States and France to station troops in
Niger" never came back from the deployment pass. Asked about that one sentence, after the
article and the definition, the same model reports it. Asking about every sentence would
cost a request each and, measured on the dev set's tuning half, brought about four false
alarms for each event found: pointed at a single sentence, the model reads nearly any mention
of soldiers as a deployment. So only the sentences that :func:`~nigerwatch.core.lexicon.
worth_focus` singles out (troops and a word moving or placing them; a sanction's verb; a
seizure of power; a joint statement, a departure from a bloc, a tie signed or ended) and that
no record of the type already rests on are asked about; a passage addressed to an AI system
never is.
"""

from __future__ import annotations

from nigerwatch.core.canonical import Records
from nigerwatch.core.grounding import ArticleIndex
from nigerwatch.core.lexicon import worth_focus
from nigerwatch.schemas import EventType

FOCUS_LIMIT = 16
"""The most sentences of one article asked about per type: a bound on the extra requests
(about 6 s each with the embedded model, the article being served from the prompt cache). At 8,
the wider words for troops on the move filled it before the end of a 2,700-word review on the
tuning half, and later finds went unasked."""

FOCUS_CHARS = 600
"""A longer sentence is not asked about (room for it is kept in every window's prompt)."""


def focus_sentences(
    index: ArticleIndex, records: Records, kind: EventType, *, limit: int = FOCUS_LIMIT
) -> list[tuple[int, int]]:
    """Offsets of the sentences worth a focused question about ``kind``, in reading order.

    Args:
        index: The article's index (its text, sentences and instruction passages).
        records: The records the passes over whole windows gave.
        kind: The type of event.
        limit: The most sentences returned (the first ones); none when 0.

    Returns:
        Sentences of at most :data:`FOCUS_CHARS` that :func:`~nigerwatch.core.lexicon.
        worth_focus` selects, that overlap no evidence of a ``kind`` record and no passage
        addressed to an AI system.
    """
    if limit <= 0:
        return []
    covered = [(e.start, e.end) for event in records.of(kind) for e in event.evidence]
    covered += index.instruction_spans
    found: list[tuple[int, int]] = []
    for start, end in index.sentence_spans():
        if any(a < end and start < b for a, b in covered):
            continue
        if end - start <= FOCUS_CHARS and worth_focus(kind, index.text[start:end]):
            found.append((start, end))
            if len(found) == limit:
                break
    return found
