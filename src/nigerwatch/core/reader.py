"""Reading a draft's fields against the article: grounding, normalization, the checks.

:class:`DraftReader` turns each field the model proposed into the value a record may hold,
or refuses it with the reason and the check that refused it (every refusal is listed in
``dropped``). Optional fields are cleared rather than re-asked (a re-ask costs a whole
generation and the event stands without them); required ones drop the event, and some of
those are worth re-asking the model about (``problems``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from nigerwatch.core.article import Article
from nigerwatch.core.dating import dates_a_declaration, sentence_dates
from nigerwatch.core.grounding import ArticleIndex
from nigerwatch.core.lexicon import (
    A_KIND,
    PREDICATES,
    TRIGGER_EXAMPLES,
    actor,
    given,
    reports,
    sporting,
)
from nigerwatch.core.modality import Mood, mood
from nigerwatch.core.text import fold
from nigerwatch.normalize import (
    city_country,
    country,
    find_countries,
    find_places,
    personnel_spans,
    resolve_date,
    same_month_and_day,
    troop_count_at,
)
from nigerwatch.schemas import (
    Actor,
    Alliance,
    Check,
    Coup,
    Deployment,
    Dropped,
    EventType,
    Evidence,
    PartialDate,
    Sanction,
    TroopCount,
)

_VENUE = re.compile(
    r"\b(?:summit|meeting|talks|conference|sommet|reunion|reunis)\b(?:\s+\S+){0,2}?\s+"
    r"(?:in|at|a|d'|de)\s*$"
)


def names_nigeria(sentences: str) -> bool:
    """Whether ``sentences`` name Nigeria.

    By name or demonym, or by a Nigerian place that is not a meeting's venue ("at a second
    summit in Abuja").
    """
    if any(m.code == "NGA" for m in find_countries(sentences)):
        return True
    return any(
        m.code == "NGA" and not _VENUE.search(fold(sentences[: m.start]))
        for m in find_places(sentences)
    )


@dataclass
class Records:
    """The canonical events of one article, what was dropped, and what to re-ask about."""

    coups: list[Coup] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    deployments: list[Deployment] = field(default_factory=list)
    alliances: list[Alliance] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def of(self, kind: EventType) -> Sequence[Coup | Sanction | Deployment | Alliance]:
        """The events of type ``kind``."""
        events: dict[EventType, Sequence[Coup | Sanction | Deployment | Alliance]] = {
            "coup": self.coups,
            "sanction": self.sanctions,
            "deployment": self.deployments,
            "alliance": self.alliances,
        }
        return events[kind]


class DroppedEventError(Exception):
    """Internal: the event being built cannot be kept."""


class DraftReader:
    """Reads the fields of one draft against its article; one instance per article and attempt."""

    def __init__(self, article: Article, index: ArticleIndex) -> None:
        self.article = article
        self.index = index
        self.out = Records()
        # Set for each event before its fields are built.
        self.kind: EventType = "coup"
        self.path = ""
        self.draft: BaseModel | None = None
        self._told = ""  # the sentences of the event's quotes, once found

    # -- bookkeeping ------------------------------------------------------------------------

    def start(self, kind: EventType, path: str, draft: BaseModel) -> None:
        """Begin reading one event draft (``path`` names it in re-ask messages)."""
        self.kind, self.path, self.draft = kind, path, draft
        self._told = ""

    def note(self, reason: str, *, field_name: str | None, reask: bool, check: Check) -> None:
        """List a refused value (or, with no field, event) in ``dropped``."""
        assert self.draft is not None
        self.out.dropped.append(
            Dropped(
                event_type=self.kind,
                field=field_name,
                reason=reason,
                check=check,
                draft=self.draft.model_dump(mode="json"),
            )
        )
        if reask:
            where = f"{self.path}.{field_name}" if field_name else self.path
            self.out.problems.append(f"{where}: {reason}")

    def drop(self, reason: str, *, check: Check, reask: bool = True) -> DroppedEventError:
        """Refuse the whole event: note it and return the error to raise."""
        self.note(reason, field_name=None, reask=reask, check=check)
        return DroppedEventError(reason)

    # -- fields -----------------------------------------------------------------------------

    def evidence(self, quotes: Sequence[str]) -> list[Evidence]:
        """The quotes found in the article, as evidence; the event is dropped without any."""
        found: list[Evidence] = []
        injected = False
        for quote in quotes:
            located = self.index.locate_quote(quote)
            if located is None:
                self.note(
                    f"quote {quote[:80]!r} is not in the article; copy sentences word for word",
                    field_name="quotes",
                    reask=False,
                    check="quote_not_found",
                )
            elif self.index.in_instructions(located):
                injected = True
            elif all((e.start, e.end) != (located.start, located.end) for e in found):
                found.append(located)
        if not found and injected:
            # Re-asking would only invite the model to follow the injected text again.
            raise self.drop(
                "its only evidence is text addressed to AI systems (a prompt-injection "
                "attempt), not reporting",
                reask=False,
                check="injected_instruction",
            )
        if not found:
            raise self.drop("none of its quotes appear in the article", check="quote_not_found")
        self._told = self.sentences(found)
        if not any(reports(self.kind, e.quote) for e in found):
            raise self.drop(
                f"its evidence does not report {A_KIND[self.kind]}: its quotes have no word "
                f"such as {TRIGGER_EXAMPLES[self.kind]}",
                reask=False,
                check="no_trigger",
            )
        if sporting(self.sentences(found)):
            raise self.drop(
                "its evidence is sports reporting (a match, a final, a title), not politics",
                reask=False,
                check="sport",
            )
        return found

    def moods(self, evidence: Sequence[Evidence], stage: str) -> list[Mood]:
        """What each quote does with the event at ``stage``, read with its sentence before it.

        A model may quote a fragment whose denial stands just before it: « fermeture des
        frontières » from « n'a en revanche décidé ni fermeture des frontières ni gel des
        avoirs » denies what it names.
        """
        found: list[Mood] = []
        for e in evidence:
            start, _ = self.index.sentence_span(e)
            found.append(mood(self.index.text[min(start, e.start) : e.end], self.kind, stage))
        return found

    def supporting(self, evidence: Sequence[Evidence], moods: Sequence[Mood]) -> list[Evidence]:
        """The quotes that support the event, when another quote asserts it (``moods``: theirs).

        A quote that denies or only demands what the others assert is not its evidence: "The
        EU suspended its budget support [...]" and "[...] have all called for Bazoum's
        immediate release" are not one event's sentences.
        """
        if "asserted" not in moods:
            return list(evidence)
        kept: list[Evidence] = []
        for e, found in zip(evidence, moods, strict=True):
            if found in ("negated", "demanded"):
                self.note(
                    f"quote {e.quote[:80]!r} left out: it is {found}, the other quotes assert "
                    f"{A_KIND[self.kind]}",
                    field_name="quotes",
                    reask=False,
                    check=found,
                )
            else:
                kept.append(e)
        return kept

    def sentences(self, evidence: Sequence[Evidence]) -> str:
        """The whole sentences of ``evidence``, joined (a model may quote only part of one)."""
        return " ".join(self.index.sentence(e) for e in evidence)

    def restate(self, reason: str, field_name: str, check: Check) -> None:
        """Note that the evidence changed a value the model gave (kept, not re-asked)."""
        self.note(reason, field_name=field_name, reask=False, check=check)

    def grounded(self, name: str | None, field_name: str) -> str | None:
        """Return ``name`` if the article supports it; else note why and return None.

        An optional field is cleared rather than re-asked: a re-ask costs a whole generation,
        and the event stands without it.
        """
        name = given(name)
        if name is None:
            return None
        problem = self.index.name_problem(name)
        if problem is None:
            return name
        self.note(problem, field_name=field_name, reask=False, check="name_not_grounded")
        return None

    def required_country(self, name: str, field_name: str) -> tuple[str, str | None]:
        """Resolve a required country field; a city gives its country and itself as place."""
        if given(name) is None:
            raise self.drop(
                f"{field_name}: {name!r} is not a name from the article", check="placeholder"
            )
        problem = self.index.name_problem(name)
        if problem is not None:
            raise self.drop(f"{field_name}: {problem}", check="name_not_grounded")
        code = country(name)
        place = None
        if code is None:
            code = city_country(name)
            place = name if code is not None else None
        if code is None:
            codes = {m.code for m in find_countries(name)}
            code = codes.pop() if len(codes) == 1 else None
        if code is not None:
            stated = self.not_nigeria(code, field_name)
            if stated is None:
                raise self.drop(
                    f"{field_name}: {name!r} is Nigeria, and the sentences of its evidence name "
                    "Nigeria nowhere (Niger is never Nigeria)",
                    reask=False,
                    check="niger_not_nigeria",
                )
            return stated, place if stated == code else None
        raise self.drop(
            f"{field_name}: {name!r} is not a country; give the country's name",
            check="not_a_country",
        )

    def optional_country(self, name: str | None, field_name: str) -> str | None:
        """The code of an optional country field (a city gives its country), or None."""
        name = self.grounded(name, field_name)
        if name is None:
            return None
        code = country(name) or city_country(name)
        if code is None:
            self.note(
                f"{name!r} is not a country",
                field_name=field_name,
                reask=False,
                check="not_a_country",
            )
            return None
        return self.not_nigeria(code, field_name)

    def not_nigeria(self, code: str, field_name: str) -> str | None:
        """``code``, unless it is Nigeria where the sentences of the evidence never name it.

        Niger is never Nigeria, but a small model writes one for the other: "the African
        Union's Peace and Security Council suspended Niger" came back as a sanction on
        Nigeria. Where the sentences name Niger and not Nigeria, the code is Niger's; where
        they name neither, None. Abuja named only as a meeting's venue ("at a second summit in
        Abuja") does not name Nigeria.
        """
        if code != "NGA" or names_nigeria(self._told):
            return code
        named = {m.code for m in (*find_countries(self._told), *find_places(self._told))}
        stated = "NER" if "NER" in named else None
        told = (
            "became NER: the sentences of its evidence name Niger, not"
            if stated
            else ("cleared: the sentences of its evidence never name")
        )
        self.restate(f"{field_name} NGA {told} Nigeria", field_name, check="niger_not_nigeria")
        return stated

    def actors(
        self, names: Sequence[str], field_name: str, *, home: str | None = None
    ) -> list[Actor]:
        """The grounded actors among ``names``, classified (state, armed forces...)."""
        found = [self.grounded(name, field_name) for name in names]
        actors = [actor(name, home=home) for name in found if name is not None]
        return [a for a in (self.not_nigerian(a, field_name) for a in actors) if a is not None]

    def not_nigerian(self, party: Actor, field_name: str) -> Actor | None:
        """``party``, or Niger's state when it is Nigeria's where only Niger is named (or None).

        See :meth:`not_nigeria`.
        """
        if party.country != "NGA" or party.organization is not None:
            return party
        code = self.not_nigeria("NGA", field_name)
        if code == "NGA":
            return party
        return None if code is None else actor("Niger")

    def required_actors(self, names: Sequence[str], field_name: str) -> list[Actor]:
        """The grounded actors among ``names``; the event is dropped when there is none."""
        notes = len(self.out.dropped)
        found = self.actors(names, field_name)
        if not found and any(d.check == "niger_not_nigeria" for d in self.out.dropped[notes:]):
            raise self.drop(
                f"{field_name} {list(names)!r}: Nigeria only, which the sentences of its "
                "evidence never name (Niger is never Nigeria)",
                reask=False,
                check="niger_not_nigeria",
            )
        if not found:
            raise self.drop(
                f"{field_name} {list(names)!r}: none is a name from the article",
                check="name_not_grounded",
            )
        return found

    def date(self, phrase: str | None, evidence: Sequence[Evidence]) -> PartialDate | None:
        """A date stated with the event and resolved at its precision, or None.

        The model's phrase must be in the article and in the sentences of the event's evidence:
        a small model dates a coup mentioned in passing with the day of the summit that
        sanctioned it ("officers involved in the takeover [...] face a travel ban", the
        summit's "July 30" two paragraphs away). A coup's date must also be written in a
        sentence that states the coup ("overthrown", "seized power"): in "a decision by the
        military government on March 16 to revoke the accord", March 16 dates the revocation.

        Otherwise the date is read from those sentences (:meth:`_evidence_date`).
        """
        phrase = given(phrase)
        stating = self._stating_sentences(evidence)
        refused: tuple[str, Check] | None = None
        if phrase is not None:
            written, refused = self._written_date(phrase, stating)
            if refused is None:
                return written
        date = self._evidence_date(phrase, stating)
        if date is not None:
            told = f"date {phrase!r} is {date.text!r}" if phrase else f"date {date.text!r}"
            self.restate(
                f"{told}, read from the sentences of its evidence", "date", "date_from_evidence"
            )
        elif refused is not None:
            self.note(refused[0], field_name="date", reask=False, check=refused[1])
        return date

    def _stating_sentences(self, evidence: Sequence[Evidence]) -> list[tuple[int, int]]:
        spans = sorted({self.index.sentence_span(e) for e in evidence})
        if self.kind == "coup":
            text = self.index.text
            spans = [(a, b) for a, b in spans if PREDICATES["coup"].search(fold(text[a:b]))]
        return spans

    def _written_date(
        self, phrase: str, stating: Sequence[tuple[int, int]]
    ) -> tuple[PartialDate | None, tuple[str, Check] | None]:
        """The model's phrase resolved, or None and why it is refused."""
        spans = self.index.phrase_spans(phrase)
        if not spans:
            # Stricter than names: a date's words ("2023", "16") are common elsewhere.
            return None, (f"date {phrase!r} is not in the article", "date_not_found")
        inside = [
            (start, end, a, b)
            for start, end in stating
            for a, b in spans
            if start <= a and b <= end
        ]
        if not inside:
            where = "a sentence that states the coup" if self.kind == "coup" else "its evidence"
            reason = f"date {phrase!r} is not written in {where}: it may date another event"
            return None, (reason, "date_not_in_evidence")
        text = self.index.text
        if self.kind == "coup" and all(
            dates_a_declaration(text[start:end], a - start, b - start)
            for start, end, a, b in inside
        ):
            reason = f"date {phrase!r} dates a declaration that there was a coup, not the coup"
            return None, (reason, "date_not_in_evidence")
        resolved = resolve_date(phrase, self.article.published, language=self.article.language)
        if resolved is None:
            why = "is too vague" if self.article.published else "needs a publication date"
            return None, (f"date {phrase!r} {why} to resolve", "date_unresolved")
        return resolved, None

    def _evidence_date(
        self, phrase: str | None, stating: Sequence[tuple[int, int]]
    ) -> PartialDate | None:
        """The date the sentences stating the event give, when they point to one.

        The model often writes a date in its own words, with a year of its own ("Jan. 24,
        2023" for "on Jan. 24" in a 2022 story): the sentences' date that agrees with it on
        the month and day is the event's, its year read from the publication date. Without a
        phrase from the model, a coup or sanction takes the one date its sentences give
        ("July 26 last year" is one); a deployment's or alliance's sentences tell its history
        ("an intervention that had begun with Operation Serval in January 2013", «
        l'organisation, créée en 2014 »), so their lone date is not taken for the event's. A
        coup's date is written beside the words of the coup, and another event's is not
        ("lifted sanctions on Guinea, where the army seized power in 2021").
        """
        if phrase is None and self.kind not in ("coup", "sanction"):
            return None
        published, language = self.article.published, self.article.language
        found: dict[str, PartialDate] = {}
        for start, end in stating:
            sentence = self.index.text[start:end]
            for date in sentence_dates(sentence, self.article, of_coup=self.kind == "coup"):
                found.setdefault(date.value, date)
        told = resolve_date(phrase, published, language=language) if phrase else None
        candidates = [d for d in found.values() if told is None or same_month_and_day(told, d)]
        if (phrase is not None and told is None) or len(candidates) != 1:
            return None
        return candidates[0]

    def troops(self, phrase: str | None, evidence: Sequence[Evidence]) -> TroopCount | None:
        """A count of personnel read from the article around the number, or None.

        Without a phrase from the model (or with one the article does not have), the count is
        read from the sentences of the evidence when they number personnel once ("some 1,500
        soldiers", « quelque 1 100 soldats »).
        """
        phrase = given(phrase)
        if phrase is None:
            return self._evidence_troops(evidence)
        span = self.index.phrase_span(phrase) or self.index.number_span(phrase)
        if span is None:
            self.note(
                f"{phrase!r} is not in the article",
                field_name="troops",
                reask=False,
                check="troops_not_found",
            )
            return self._evidence_troops(evidence)
        count = troop_count_at(self.index.text, *span)
        if count is None:
            self.note(
                f"{phrase!r} is not a count of personnel (vehicles or a vague quantity)",
                field_name="troops",
                reask=False,
                check="not_personnel",
            )
        return count

    def _evidence_troops(self, evidence: Sequence[Evidence]) -> TroopCount | None:
        text = self.index.text
        spans = {self.index.sentence_span(e) for e in evidence}
        numbers = [
            (start + a, start + b)
            for start, end in sorted(spans)
            for a, b in personnel_spans(text[start:end])
        ]
        if len(numbers) != 1:
            return None
        count = troop_count_at(text, *numbers[0])
        if count is not None:
            self.restate(
                f"troops {count.text!r} read from the sentences of its evidence",
                "troops",
                "troops_from_evidence",
            )
        return count
