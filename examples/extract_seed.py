"""Extract one article and print its records readably.

    python examples/extract_seed.py [ARTICLE]      # `make demo` runs this on the seed article

With nothing configured it runs the embedded default model (`nigerwatch model pull` first);
set NIGERWATCH_BASE_URL and NIGERWATCH_MODEL to use another OpenAI-compatible server.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nigerwatch import (
    Actor,
    ArticleExtraction,
    Coup,
    Deployment,
    PartialDate,
    Sanction,
    extract,
    read_article,
)

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ff28ba0c9779c2b0.txt"


def when(date: PartialDate | None) -> str:
    return f"{date.value} ({date.precision}, from {date.text!r})" if date else "date unknown"


def who(actors: list[Actor]) -> str:
    named = [
        f"{a.name} ({a.organization or a.country})" if a.organization or a.country else a.name
        for a in actors
    ]
    return ", ".join(named) or "-"


def show(result: ArticleExtraction) -> None:
    info = result.article
    print(f"Article {info.id}  published {info.published}  language {info.language}")
    for event in result.events:
        print()
        if isinstance(event, Coup):
            print(f"COUP in {event.country}, {event.outcome}, {when(event.date)}")
            print(
                f"  ousted: {event.ousted_leader or '-'}, ruling body: {event.ruling_body or '-'}"
            )
            print(f"  perpetrators: {who(event.perpetrators)}")
        elif isinstance(event, Sanction):
            imposers = ", ".join(a.organization or a.country or a.name for a in event.imposers)
            print(f"SANCTION on {event.target_country} by {imposers}")
            print(f"  {event.status}: {', '.join(event.measures) or '-'}, {when(event.date)}")
        elif isinstance(event, Deployment):
            troops = event.troops
            count = f"{troops.value}{' (approx.)' if troops.approximate else ''}" if troops else "?"
            print(
                f"DEPLOYMENT by {who([event.deploying_party])} in {event.host_country}"
                f" ({event.location or 'place not given'})"
            )
            print(f"  {event.status}, troops {count}, {when(event.date)}")
        else:
            print(f"ALLIANCE {event.name or '(unnamed)'} of {who(event.members)}")
            print(f"  {event.kind}, {event.status}, {when(event.date)}")
        for evidence in event.evidence:
            print(
                f"  evidence, chars {evidence.start}-{evidence.end} ({evidence.match}): "
                f"{evidence.quote!r}"
            )
    if not result.events:
        print("\nNo coup, sanction, deployment or alliance reported.")
    for dropped in result.dropped:
        if dropped.field is None:
            print(f"\nDROPPED {dropped.event_type}: {dropped.reason}")
        else:  # one field refused, or restated from the evidence
            print(f"\nCHANGED {dropped.event_type}.{dropped.field}: {dropped.reason}")
    usage = result.usage
    print(
        f"\n{result.model.name}: {usage.attempts} call(s), "
        f"{usage.prompt_tokens} prompt + {usage.completion_tokens} completion tokens"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    article = read_article(Path(args[0]) if args else SEED)
    show(extract(article))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
