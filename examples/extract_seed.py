"""Extract one article and print its records readably.

    python examples/extract_seed.py [ARTICLE]      # `make demo` runs this on the seed article

With nothing configured it runs the embedded default model (`nigerwatch model pull` first);
set NIGERWATCH_BASE_URL and NIGERWATCH_MODEL to use another OpenAI-compatible server.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from nigerwatch import Actor, ArticleExtraction, PartialDate, extract, read_article

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ff28ba0c9779c2b0.txt"


def when(date: PartialDate | None) -> str:
    return f"{date.value} ({date.precision}, from {date.text!r})" if date else "date unknown"


def who(actors: list[Actor]) -> str:
    return ", ".join(a.organization or a.country or a.name for a in actors) or "-"


def show(result: ArticleExtraction) -> None:
    info = result.article
    print(f"Article {info.id}  published {info.published}  language {info.language}")
    for coup in result.coups:
        print(f"\nCOUP in {coup.country}, {coup.outcome}, {when(coup.date)}")
        print(f"  ousted: {coup.ousted_leader or '-'}   ruling body: {coup.ruling_body or '-'}")
        print(f"  perpetrators: {who(coup.perpetrators)}")
    for sanction in result.sanctions:
        print(f"\nSANCTION on {sanction.target_country} by {who(sanction.imposers)}")
        print(f"  {sanction.status}: {', '.join(sanction.measures) or '-'}, {when(sanction.date)}")
    for dep in result.deployments:
        troops = f"{dep.troops.value}{'~' if dep.troops.approximate else ''}" if dep.troops else "?"
        print(f"\nDEPLOYMENT of {dep.deploying_party.name} in {dep.host_country} ({dep.location})")
        print(f"  {dep.status}, troops {troops}, {when(dep.date)}")
    for alliance in result.alliances:
        print(f"\nALLIANCE {alliance.name or ''} of {who(alliance.members)}")
        print(f"  {alliance.kind}, {alliance.status}, {when(alliance.date)}")
    for event in result.events:
        for evidence in event.evidence:
            print(
                f"\n  [{event.type} {event.id}] chars {evidence.start}-{evidence.end} "
                f"({evidence.match}): {evidence.quote!r}"
            )
    for dropped in result.dropped:
        where = f"{dropped.event_type}.{dropped.field}" if dropped.field else dropped.event_type
        print(f"\nDROPPED {where}: {dropped.reason}")
    usage = result.usage
    print(
        f"\n{result.model.name}: {usage.attempts} call(s), "
        f"{usage.prompt_tokens} prompt + {usage.completion_tokens} completion tokens"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # instructor logs every re-ask as an error; nigerwatch reports the outcome in `dropped`.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    article = read_article(Path(args[0]) if args else SEED)
    show(extract(article))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
