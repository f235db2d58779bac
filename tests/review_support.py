"""What the review page tests read: the seeds' recorded results and a hostile hand-built one.

The seed results are real: the recorded answers of the embedded model (tests/cassettes) replayed
in memory through the library. The hostile article and its records are hand-built here, in code:
no model wrote them. They carry what an article must never do to the page (markup, a script, an
attribute break-out, template syntax) and characters outside the Basic Multilingual Plane before
every quote, where JavaScript's UTF-16 offsets and Python's code points disagree.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cassette_support import replaying_extractor
from nigerwatch import (
    Actor,
    Alliance,
    ArticleExtraction,
    ArticleInfo,
    Coup,
    Dropped,
    Evidence,
    ModelInfo,
    PartialDate,
    Usage,
    read_article,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

HOSTILE_TEXT = (
    " date 2023-08-01 🇳🇪 Niamey 𝕏 report — <script>window.__pwned = 1</script> and "
    '</textarea></pre>"><img src=x onerror="window.__pwned = 2"> and {{ 7 * 7 }} {% raw %}.\n'
    "😀😀 The presidential guard seized power in Niger on 26 July 2023 & detained "
    '<b>Mohamed Bazoum</b>. 🙂 ECOWAS later formed a "standby" force with Nigeria\'s 𝒜 army.'
)


def seed_results() -> list[ArticleExtraction]:
    """The five seeds extracted from their recorded answers (no model runs)."""
    extractor = replaying_extractor()
    return [extractor.extract(read_article(path)) for path in sorted(SEEDS.glob("*.txt"))]


def _evidence(quote: str) -> Evidence:
    start = HOSTILE_TEXT.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote), match="exact", score=100)


def hostile_extraction(article_id: str = "hostile.txt") -> ArticleExtraction:
    """A hand-built result for :data:`HOSTILE_TEXT` (overlapping spans, hostile strings)."""
    coup_quote = "The presidential guard seized power in Niger on 26 July 2023 & detained <b>"
    overlap = "<b>Mohamed Bazoum</b>. 🙂 ECOWAS"
    return ArticleExtraction(
        article=ArticleInfo(
            id=article_id,
            published=None,
            language="en",
            sha256=hashlib.sha256(HOSTILE_TEXT.encode("utf-8")).hexdigest(),
            chars=len(HOSTILE_TEXT),
            meta={
                "url": "javascript:window.__pwned=3",
                "title": '<script>window.__pwned = 4</script>"><img src=x onerror=alert(1)>',
                "link": "https://example.org/a?b=1&c=<2>",
            },
        ),
        coups=[
            Coup(
                id="hand-built-coup",
                date=PartialDate(
                    text="26 July 2023",
                    value="2023-07-26",
                    precision="day",
                    earliest="2023-07-26",
                    latest="2023-07-26",
                ),
                evidence=[_evidence(coup_quote)],
                country="NER",
                outcome="successful",
                ousted_leader="</dd><script>window.__pwned = 5</script>",
            )
        ],
        alliances=[
            Alliance(
                id="hand-built-alliance",
                evidence=[_evidence(overlap), _evidence("{{ 7 * 7 }}")],
                members=[Actor(name="ECOWAS", kind="organization", organization="ECOWAS")],
                name='<img src=x onerror="window.__pwned = 7">',
                kind="military_cooperation",
                status="formed",
            )
        ],
        model=ModelInfo(name="hand-built", endpoint="none", mode="none", prompt_version="0"),
        usage=Usage(),
        dropped=[
            Dropped(
                event_type="sanction",
                reason='quote "</pre><script>window.__pwned = 6</script>" is not in the article',
                draft={"quotes": ["</details><img src=x onerror=alert(2)>"], "{{x}}": "{{ y }}"},
            )
        ],
    )
