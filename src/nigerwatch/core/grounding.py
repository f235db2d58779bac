"""Grounding: find the model's quotes and names in the article.

Offsets are computed here from the article text and never taken from the model. A quote is
looked for verbatim, then after normalizing whitespace, quote marks, dashes and case, then by
fuzzy alignment above a threshold. A name is grounded when the article mentions it, or mentions a
known alias of the country or organisation it names ("CEDEAO" for "ECOWAS"); "Nigerian armed
forces" in an article that never names Nigeria is not.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from nigerwatch.core.text import clean_quote, fold_with_offsets, plain_words, strip_article
from nigerwatch.normalize import find_countries, find_organizations
from nigerwatch.schemas import Evidence, MatchKind

FUZZY_THRESHOLD = 90.0
"""Minimum rapidfuzz score (0-100) for a near-verbatim quote to count as evidence."""

MIN_QUOTE_CHARS = 15
"""A shorter quote ("Niger", "the coup") is not evidence of anything."""

# Text addressed to an AI system rather than to readers: a prompt-injection attempt. Events
# whose only evidence lies in such a passage are not reporting and are dropped. An *order*
# (to drop the instructions, or telling the model, the extractor or the summariser what to
# list: « Le modèle doit également lister... », "the extraction tool should also report...")
# is flagged with its sentence, and with the next one when the order ends its sentence (its
# payload then follows); a mere *mention* of an AI assistant ("translated with the help of an
# AI assistant") flags its own sentence only. Matching runs on text without accents.
_READER = (
    r"(?:model|modele|llm|ia|ai|assistant|chatbot|bot|extractor|extracteur|extraction\s+tool|"
    r"summari[sz]er|summari[sz]ation\s+tool|data\s+pipeline|parser|outil\s+d['\u2019]extraction|"
    r"outil\s+de\s+resume|systeme\s+d['\u2019]extraction|extraction\s+system)"
)
_TO_LIST = (
    r"(?:list|extract|report|record|include|add|output|log|tag|code|mention|"
    r"lister|extraire|signaler|ajouter|inclure|mentionner|indiquer|relever|coder|retenir)"
)
_INSTRUCTION = re.compile(
    r"(?P<order>\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding)\s+(?:instructions|prompts?|rules|directions)"
    r"|\bsystem\s+prompt\b"
    r"|\bignore[rz]?\s+(?:toutes\s+)?(?:les\s+|vos\s+)?(?:instructions|consignes)\b"
    rf"|\b(?:the|this|any|le|ce|cet|tout|l['\u2019])\s*(?:ai\s+|language\s+|automated\s+)?{_READER}\s+"
    r"(?:must|should|shall|needs?\s+to|is\s+to|has\s+to|doit|devra|devrait)\s+"
    rf"(?:\w+\s+){{0,2}}?{_TO_LIST}\b)"
    r"|(?P<mention>\b(?:AI|language\s+model)\s+assistant\b)",
    re.IGNORECASE,
)
_ABBREVIATIONS = (
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr Gen Col Lt Capt Maj Sgt Cpl "
    "Gov Sen Rep Prof St No Mme Mgr janv févr avr juil sept oct nov déc"
).split()
# Sentences end at . ! ? (and any closing quotes) before a space, or at a line break; not at
# the period of an abbreviation ("on Jan. 24", "Gen. Tiani") or of an initial ("the U.S.
# Department of Defense", « M. Bazoum »), which would cut a sentence in two.
_SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{word})" for word in _ABBREVIATIONS)
    + r"(?<!\b[A-Za-z])[.!?]+[\"'\u201d\u2019\u00bb)\]]*(?=\s|\Z)|\n"
)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
# Letters that look like Latin ones (Cyrillic, Greek), mapped to them before matching, so an
# "ignore" spelled with a Cyrillic i (U+0456) is still an order.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅαοινρτκυεΑΒΕΖΗΙΚΜΝΟΡΤΥΧı",
    "aeopcyxijsdhlqwABEKMHOPCTXIJSaoivptkueABEZHIKMNOPTYXi",
)
_FORMAT_OR_MARK = frozenset({"Cf", "Mn"})  # zero-width and soft-hyphen characters, accents
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?!\d)|\d+")

# Words that say what kind of actor a name is, not which one: "Nigerien army" is grounded by
# "Niger" alone. Compared without accents.
_GENERIC_WORDS = frozenset(
    """
    the of and a an its their his her army armed forces force military troops soldiers junta
    government authorities president presidential guard leader leaders regime state states
    security defence defense ministry minister officials country countries national
    de des du la le les et l d un une armee armees forces militaires soldats junte gouvernement
    autorites president presidentielle troupes garde regime etat etats ministre pays
    """.split()
)


class ArticleIndex:
    """Everything needed to ground quotes and names in one article, computed once.

    Args:
        text: The article text that evidence offsets will index.
        body_start: Where the body begins; the date header before it is metadata, so nothing
            is grounded in it (its offsets still count).
    """

    def __init__(self, text: str, *, body_start: int = 0) -> None:
        self.text = text
        self.body_start = body_start
        body = " " * body_start + text[body_start:]
        self._body = body
        self._folded = fold_with_offsets(body)
        self.countries = frozenset(m.code for m in find_countries(body))
        self.organizations = frozenset(m.code for m in find_organizations(body))
        self._words = frozenset(plain_words(body))
        self.instruction_spans = instruction_spans(body)

    def in_instructions(self, evidence: Evidence) -> bool:
        """True when ``evidence`` overlaps a passage addressed to an AI system."""
        return any(
            evidence.start < end and start < evidence.end for start, end in self.instruction_spans
        )

    def sentence(self, evidence: Evidence) -> str:
        """The whole sentence holding ``evidence`` (a model may quote only part of it)."""
        start, end = self.sentence_span(evidence)
        return self.text[start:end]

    def sentence_span(self, evidence: Evidence) -> tuple[int, int]:
        """Offsets of the whole sentences holding ``evidence``."""
        return _sentence_around(self.text, evidence.start, evidence.end)

    def sentence_spans(self) -> list[tuple[int, int]]:
        """Offsets of the body's sentences, in order (leading spaces left out)."""
        spans: list[tuple[int, int]] = []
        first = self.body_start
        for boundary in [*_SENTENCE_END.finditer(self.text, first), None]:
            end = boundary.end() if boundary is not None else len(self.text)
            start = first
            while start < end and self.text[start].isspace():
                start += 1
            if self.text[start:end].strip():
                spans.append((start, end))
            first = end
        return spans

    def locate_quote(self, quote: str) -> Evidence | None:
        """Find ``quote`` in the article: exact, then normalized, then fuzzy.

        Returns:
            The evidence with the article's own text and offsets, or None when the quote is
            too short or not found above :data:`FUZZY_THRESHOLD`.
        """
        quote = clean_quote(quote)
        if len(quote) < MIN_QUOTE_CHARS:
            return None
        start = self._body.find(quote)
        if start >= 0:
            return self._evidence(start, start + len(quote), "exact", 100.0)
        folded_quote = fold_with_offsets(quote).text.strip()
        at = self._folded.text.find(folded_quote)
        if at >= 0:
            start, end = self._folded.span(at, at + len(folded_quote))
            return self._evidence(start, end, "normalized", 100.0)
        aligned = fuzz.partial_ratio_alignment(
            folded_quote, self._folded.text, score_cutoff=FUZZY_THRESHOLD
        )
        if aligned is None or aligned.dest_end <= aligned.dest_start:
            return None
        start, end = self._folded.span(aligned.dest_start, aligned.dest_end)
        # The alignment may cut words; widen it to whole words so the quote reads cleanly.
        while start > 0 and self.text[start - 1].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        return self._evidence(start, end, "fuzzy", round(aligned.score, 1))

    def phrase_span(self, phrase: str) -> tuple[int, int] | None:
        """Offsets of ``phrase`` as whole words (case, quotes and spaces folded), or None."""
        return next(iter(self.phrase_spans(phrase)), None)

    def phrase_spans(self, phrase: str) -> list[tuple[int, int]]:
        """Offsets of every occurrence of ``phrase`` as whole words, in the article's order."""
        folded = fold_with_offsets(clean_quote(phrase)).text.strip()
        if not folded:
            return []
        pattern = rf"(?<!\w){re.escape(folded)}(?!\w)"
        found = re.finditer(pattern, self._folded.text)
        return [self._folded.span(m.start(), m.end()) for m in found]

    def number_span(self, phrase: str) -> tuple[int, int] | None:
        """Offsets of the first number of ``phrase`` in the article, separators ignored.

        A model may write "1500" for the article's "1 500" or "1,500".
        """
        wanted = re.search(r"\d[\d\s\u00a0\u202f,.]*", phrase)
        if wanted is None:
            return None
        digits = re.sub(r"\D", "", wanted.group(0))
        for number in _NUMBER.finditer(self._body):
            if re.sub(r"\D", "", number.group(0)) == digits:
                return number.start(), number.end()
        return None

    def _evidence(self, start: int, end: int, match: MatchKind, score: float) -> Evidence:
        # Trim spaces the alignment may include so the quote reads cleanly.
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(quote=self.text[start:end], start=start, end=end, match=match, score=score)

    def name_problem(self, name: str) -> str | None:
        """Say why ``name`` is not grounded in the article, or return None when it is.

        A name is grounded when it appears as whole words, or when every country and
        organisation it names is mentioned in the article (under any alias) and its other
        distinctive words appear in the article.
        """
        bare = strip_article(name)
        folded = fold_with_offsets(bare).text.strip()
        if not folded:
            return "the name is empty"
        if re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", self._folded.text):
            return None
        named = find_countries(bare) + find_organizations(bare)
        for mention in named:
            if mention.code not in self.countries | self.organizations:
                return (
                    f"{name!r} names {mention.surface!r} ({mention.code}), "
                    "which the article never mentions"
                )
        rest = bare
        for mention in sorted(named, key=lambda m: m.start, reverse=True):
            rest = rest[: mention.start] + " " + rest[mention.end :]
        distinctive = [w for w in plain_words(rest) if w not in _GENERIC_WORDS and len(w) > 2]
        missing = [w for w in distinctive if w not in self._words]
        if missing:
            return f"{name!r} does not appear in the article ({', '.join(missing)!s} not found)"
        if not named and not distinctive:
            return f"{name!r} does not appear in the article"
        return None


def instruction_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the passages of ``text`` addressed to an AI system (see ``_INSTRUCTION``).

    Matching runs on a folded copy of the text, so that look-alike letters, zero-width
    characters and fullwidth forms do not hide an order; the spans index ``text`` itself.
    """
    folded, origin = _folded_for_matching(text)
    spans = []
    for match in _INSTRUCTION.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        first, last = _sentence_around(text, start, end)
        if match.lastgroup == "order" and len(re.findall(r"\w+", text[end:last])) < 3:
            _, last = _sentence_around(text, last, last)  # the payload in the next sentence
        spans.append((first, last))
    return tuple(spans)


def _folded_for_matching(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, with the original offset of every character.

    Compatibility forms are folded as NFKC does (fullwidth letters, ligatures), format
    characters (zero-width spaces, soft hyphens) and accents are dropped, and look-alike
    letters are mapped to Latin ones.
    """
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _NOT_ASCII.finditer(text):  # ASCII needs no folding: copied in runs
        at = match.start()
        pieces.append(text[last:at])
        origin.extend(range(last, at))
        for char in unicodedata.normalize("NFKD", text[at]):
            if unicodedata.category(char) not in _FORMAT_OR_MARK:
                pieces.append(char.translate(_LOOKALIKES))
                origin.append(at)
        last = at + 1
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(pieces), origin


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]`` (through its final punctuation)."""
    first = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        first = boundary.end()
    while first < start and text[first].isspace():
        first += 1
    following = _SENTENCE_END.search(text, max(end, first + 1))
    while following is not None and following.group() != "\n" and following.end() <= end:
        following = _SENTENCE_END.search(text, following.end())
    return first, following.end() if following is not None else len(text)
