"""Items: title, discussion text, decisions, assignments and references of each agenda item.

Long because decisions and assignments are read from the item's body in the
many ways minutes write them (a "Beslut" heading, a lead-in sentence, att-
clauses, a decision in the margin, action lists, a person in parentheses),
and every reader shares the body's paragraphs and the vocabulary.
"""
from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.document import Line
from extractor.matching import bullet, contains_any, find_words, fold, fold_space, has_decision_verb
from extractor.numbering import speck_marks
from extractor.segment import ItemSegment, _is_decision_heading, _is_section_end, table_header, table_rows
from extractor.vocab import load

_ABBREVIATIONS = ("bl.a", "t.ex", "m.m", "kl", "ca", "nr", "resp", "dvs", "s.k", "t.o.m", "fr.o.m", "jfr", "enl", "ang", "bil", "st", "tf", "dnr", "p", "kap", "prop", "ordf", "sekr")


@dataclass
class Span:
    """Text joined from lines, with the page offsets of its first and last character."""

    text: str
    page: int
    start: int
    end: int
    listed: bool = False  # opened by a bullet or a number: one point of a list
    flagged: bool = False  # a "Beslut" in the margin beside it marks it as a decision
    mark: str = ""  # the shape of its bullet or number: "-", "9.", "9.9", "a)"


def _mark_shape(mark: str) -> str:
    """A list mark with its numbers and letters made alike: "1." and "2." are one list, "5.2" another level."""
    return regex.sub(r"\d+", "9", regex.sub(r"[a-zA-Z]+", "a", mark.strip()))


@dataclass
class DecisionText:
    text: str
    page: int
    start: int
    end: int


@dataclass
class AssignmentText:
    assignee: str  # as written: "Camilla"
    task: str
    person: str | None = None  # the participant, filled in when entities are linked


@dataclass
class ItemFields:
    number: str | None
    title: str
    text: str
    decisions: list[DecisionText] = field(default_factory=list)
    assignments: list[AssignmentText] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    page: int = 1
    start: int = 0
    end: int = 0


def _vocab() -> dict:
    return load("structure")


def _content_cells(line: Line, text_right: float | None) -> tuple[str, bool]:
    """The line's text without cells standing right of the text block (an "Ansvar" column), and
    whether its last cell is a decision heading standing in the margin beside the text ("Beslut"),
    which the text layer puts on the line it stands beside, often mid-sentence."""
    cells = line.cells or []
    # A table's header row names its decision column "Beslut": no decision beside it.
    flagged = (len(cells) > 1 and len(cells[-1].text.split()) <= 2 and _is_decision_heading(cells[-1].text.strip())
               and table_header(line) is None)
    if flagged:
        cells = cells[:-1]
    if text_right is not None and len(cells) > 1:
        kept = [c for c in cells if c.x0 < text_right - 5]
        if kept and len(kept) < len(cells):
            return "\t".join(c.text for c in kept), flagged
    return ("\t".join(c.text for c in cells) if flagged else line.text), flagged


def _ended_early(previous: Line, line: Line, text: str, text_right: float | None) -> bool:
    """``previous`` stopped short of the right edge though the first word of ``line`` would have fitted: a line break by hand."""
    if text_right is None or previous.page != line.page or previous.x1 >= text_right:
        return False
    first_word = text.split(" ", 1)[0]
    char_width = (line.x1 - line.x0) / max(1, len(line.text))
    return previous.x1 + char_width * (len(first_word) + 1) < text_right


def _units(lines: list[Line], text_right: float | None = None, line_gap: float = 0.0) -> list[Span]:
    """Lines into paragraphs: a bullet starts a unit, and so does a capitalised line after a sentence end,
    after a line broken off by hand, or after white space."""
    units: list[Span] = []
    previous: Line | None = None
    for line in lines:
        raw, flagged = _content_cells(line, text_right)
        text = fold_space(raw.replace("\t", " "))
        if not text:
            continue
        capital = text[:1].isupper()  # a line opening with a number ("13 emot") more often goes on the sentence
        broken = previous is not None and not units[-1].text.endswith(("-", ",")) and capital and (
            _ended_early(previous, line, text, text_right)
            or (line_gap > 0 and previous.page == line.page and line.top - previous.bottom >= 1.8 * line_gap)
        )
        starts_new = (
            not units
            or bullet(raw)
            or (units[-1].text.endswith((".", "!", "?", ":")) and text[:1].isupper())
            or broken
            or line.page != units[-1].page
            and text[:1].isupper()
            and units[-1].text.endswith(".")
            or capital and _decision_per_line(units[-1].text, text)
        )
        if starts_new:
            mark = bullet(text)
            units.append(Span(text[mark.end():] if mark else text, line.page, line.start, line.end,
                              listed=bool(bullet(raw)), flagged=flagged, mark=_mark_shape(mark.group()) if mark else ""))
        else:
            last = units[-1]
            joined = last.text[:-1] + text if last.text.endswith("-") and text[:1].islower() else f"{last.text} {text}"
            units[-1] = dataclasses.replace(last, text=joined, end=line.end if line.page == last.page else last.end, flagged=last.flagged or flagged)
        previous = line
    return units


def _decision_per_line(before: str, line: str) -> bool:
    """A list of decisions without full stops, one to a line ("Eva Ek väljs till kassör" over "Bo Al väljs
    till revisor"): a capitalised line that records a decision on its own, after text that did so too and
    does not end mid-clause."""
    last = before.rsplit(" ", 1)[-1].lower()
    return (
        not before.endswith(("-", ",", ";")) and last not in _OPEN_ENDS
        and is_decision_sentence(line) and is_decision_sentence(before)
    )


@lru_cache(maxsize=1)
def _sentence_end() -> regex.Pattern:
    # A speck or two a scan left between the stop and the next sentence ("... i maj. ' Mötet
    # beslöt ...") belong to neither.
    return regex.compile(rf"(?<=[.!?])\s+(?:[{speck_marks()}]{{1,2}}\s+)?(?=[\p{{Lu}}\d])")


def _sentences(unit: Span) -> list[Span]:
    pieces, start = [], 0
    for m in _sentence_end().finditer(unit.text):
        before = unit.text[start:m.start()]
        last_word = before.rsplit(" ", 1)[-1].rstrip(".").lower()
        if last_word in _ABBREVIATIONS or len(last_word) == 1:
            continue
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, len(unit.text)))
    return [Span(unit.text[a:b], unit.page, unit.start, unit.end) for a, b in pieces if unit.text[a:b].strip()]


# Words that open a subordinate clause: a decision verb after one of them in the same clause
# tells what a decision is about ("Styrelsen vars ansvarsfrihet beslutas om ..."), not that one was made.
_SUBORDINATORS = {"som", "vars", "vilken", "vilket", "vilka", "där", "när", "eftersom", "innan", "medan", "tills", "ifall", "huruvida", "såvida", "fast", "fastän", "trots"}
# Words a line ending mid-clause stops on: the clause goes on over the line.
_OPEN_ENDS = _SUBORDINATORS | {"att", "och", "samt", "eller", "men", "till", "för", "av", "på", "i", "med", "om", "den", "det", "de", "varvid", "varpå", "varefter"}
# Words before a verb that put the decision in the future, the wish or the need: "ska beslutas", "behövs beslutas", "att besluta".
_AUXILIARIES = {"ska", "skall", "skulle", "kan", "kunde", "bör", "borde", "måste", "vill", "ville", "behöver", "behövs", "behövde", "brukar", "kommer", "att", "får", "fick", "önskar", "avser", "tänker", "planerar", "hinner"}
_QUESTION_WORDS = {"hur", "huruvida", "varför", "vilken", "vilket", "vilka"}
_ADVERBS = {"inte", "ej", "också", "även", "kanske", "därefter", "sedan", "nu", "då", "redan", "snart", "först", "formellt", "slutligen"}
# "besluta" and its forms: the one family that is as often talked about as done.
_BESLUTA = regex.compile(r"(?<!\p{L})(?:beslut(?:a|ar|as|ade|ades|at|ats)|beslöt|beslöts)(?!\p{L})", regex.IGNORECASE)


def _in_main_clause(text: str, start: int, clause_check: bool = True) -> bool:
    """The verb at ``start`` is a main verb: no auxiliary or infinitive mark right before it and
    (with ``clause_check``) no subordinating word before it in its clause."""
    clause = regex.split(r"[,;:()]|\s(?:och|men|samt)\s", text[:start])[-1]
    words = [w.lower() for w in regex.findall(r"\p{L}+", clause)]
    relative = bool(words) and words[-1] in _SUBORDINATORS
    while words and words[-1] in _ADVERBS:
        words.pop()
    if words and words[-1] in _AUXILIARIES:
        return False
    # "av vilken lösning man väljer", "hur budgeten godkändes": an indirect question names a choice, it makes none.
    # ("..., vilket godkändes": a relative pronoun right before the verb is its subject, and a decision.)
    if any(w in _QUESTION_WORDS for w in words[:-1]):
        return False
    if not clause_check:
        return True
    if words[:1] == ["om"] or words[:2] == ["även", "om"]:
        return False  # "Även om vi beslutar att ...": a condition, not a decision
    # "När alla hörts beslutades att ...", "Eftersom ingen invände beslöt mötet att ...": a verb with its
    # att-clause after it (and perhaps its subject between) is the main verb after a fronted clause.
    if not relative and regex.match(r"^\p{L}+\s+(?:\p{L}+\s+)?att\b", text[start:], regex.IGNORECASE):
        return True
    return not any(w in _SUBORDINATORS for w in words)


@lru_cache(maxsize=1)
def _decision_patterns() -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p, regex.IGNORECASE) for p in _vocab()["decisions"].get("patterns", []))


# Named people opening a sentence, and the verb after them: "Kim godtar", "Eva Ek och Bo Al antar".
_PEOPLE_VERB = regex.compile(r"^(?P<names>\p{Lu}\p{Ll}+(?:[\s,]+(?:och\s+)?\p{Lu}\p{Ll}+)*)\s+(?P<verb>\p{Ll}+)\b")


def _person_acts(text: str) -> bool:
    """A named person as the subject of an active verb: what someone does for themselves ("Kim godtar
    nomineringen", "Eva antar utmaningen"), not what the meeting decided ("Anna Berg valdes" is passive)."""
    from extractor.gazetteer import is_first_name

    m = _PEOPLE_VERB.match(text.strip())
    return (
        m is not None and not m["verb"].endswith("s") and m["verb"] in _vocab()["decisions"]["verbs"]
        and is_first_name(m["names"].split()[0].rstrip(","))
    )


def is_decision_sentence(text: str) -> bool:
    vocab = _vocab()["decisions"]
    if regex.match(r"^\s*(?:beslutades|beslöts)\s+(?:\p{L}+\s+)?att\b", text, regex.IGNORECASE):
        return True  # "Beslöts att bifalla förslaget att ...": the proposal it names is decided
    if _person_acts(text):
        return False
    if any(regex.search(p, text, regex.IGNORECASE) for p in vocab.get("not_decision_patterns", [])):
        return False
    # A proposal word after the decision verb is what the meeting decided on or went on to do ("Mötet
    # beslöt enligt styrelsens förslag att ...", "enades om ... och föreslog ..."); before it, the sentence is the proposal.
    proposal = min((m.start() for m in find_words(text, vocab["not_decision"])), default=len(text))
    if proposal == len(text):
        if regex.match(r"^beslut\s+(?:om|tas|fattades|fattas|att)\b|^beslut\s+\p{L}+", text, regex.IGNORECASE) and len(text.split()) > 2:
            return True
        if any(pattern.search(text) for pattern in _decision_patterns()):
            return True
    words = vocab["verbs"] + ["beslutat", "beslutats", "bordläggs", "bordlades", "lagt till handlingarna", "läggs till handlingarna"]
    others = [w for w in words if not _BESLUTA.fullmatch(w)]
    # Other decision verbs are seldom used for what is yet to be decided; a relative clause
    # before them ("Budgeten som presenterades godkändes") is common, so only an auxiliary counts.
    if any(m.start() < proposal and _in_main_clause(text, m.start(), clause_check=False) for m in find_words(text, others)):
        return True
    return any(m.start() < proposal and _in_main_clause(text, m.start()) for m in _BESLUTA.finditer(text))


def _accepted_proposal(unit: Span) -> Span | None:
    """A proposal or an offer taken without objection ("Lina föreslår att ... Inga motsättningar."): the
    proposal and its acceptance, as one decision."""
    accept = _vocab()["decisions"].get("accepted", [])
    proposing = _vocab()["decisions"].get("proposing", [])
    sentences = _sentences(unit)
    for first, second in zip(sentences, sentences[1:]):
        if contains_any(first.text, proposing) and any(
            regex.match(rf"^{p}\s*[.!]?$", second.text, regex.IGNORECASE) for p in accept
        ):
            start = unit.text.index(first.text)
            end = unit.text.index(second.text, start) + len(second.text)
            return Span(unit.text[start:end], unit.page, unit.start, unit.end)
    return None


def _ends_section(line: Line) -> bool:
    """A line that closes a decision or proposal section: a section-end heading, or a short bold heading."""
    text = line.text.strip()
    return _is_section_end(text) or (line.bold and len(text.split()) <= 6 and not text.endswith("."))


_OFFICER = regex.compile(r"^[\p{L} ]{0,30}?(?:ordförande|sekreterare|justeringsperson(?:er)?|justerare|rösträknare)(?:\s+(?:och|tillika)\s+[\p{L}]*(?:rösträknare|justerare))?$", regex.IGNORECASE)
_NAME_ONLY = regex.compile(r"^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3}(?:\s+och\s+\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3})?$")


def _officer_label(text: str) -> bool:
    """An office on a line of its own in an election item ("Mötesordförande", "Justeringsperson tillika rösträknare")."""
    return len(text.split()) <= 5 and bool(_OFFICER.match(text.strip()))


_INLINE_HEADING = regex.compile(r"^\s*(?P<head>\p{L}[\p{L} ]{2,40}?)\s*:\s*(?=\S)")


def _after_inline_heading(line: Line) -> Line | None:
    """The rest of a line that opens with a decision heading and a colon ("Beslut: Att ..."), as a line of its own."""
    m = _INLINE_HEADING.match(line.text)
    if not m or not _is_decision_heading(m["head"]):
        return None
    cut = line.start + m.end()
    cells = [
        dataclasses.replace(c, text=c.text[max(0, cut - c.start):], start=max(c.start, cut))
        for c in line.cells if c.end > cut
    ]
    return dataclasses.replace(line, text=line.text[m.end():], cells=cells, start=cut)


@lru_cache(maxsize=1)
def _lead_in_patterns() -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p, regex.IGNORECASE) for p in _vocab()["decisions"].get("lead_in", []))


def _is_lead_in(text: str) -> bool:
    """A line that opens a list of decisions rather than recording one itself: "Nämnden beslutar:",
    "Direktionen beslutade" (the clauses below it), "Styrelsen föreslår fullmäktige besluta:"."""
    text = text.strip()
    if len(text.split()) > 12:
        return False
    if any(pattern.search(text) for pattern in _lead_in_patterns()):
        return True
    ends_open = text.endswith(":") or bool(_BESLUTA.search(text.rsplit(" ", 1)[-1]))
    return ends_open and is_decision_sentence(text)


def _is_clause(unit: Span) -> bool:
    """One point of a decision list: a bullet or number, an att- or om-clause, or a line flagged in the margin."""
    return unit.listed or unit.flagged or bool(regex.match(r"^(?:att|om)\b", unit.text, regex.IGNORECASE))


def _clauses(units: list[Span], start: int) -> tuple[list[Span], int]:
    """The decision clauses from ``units[start]`` on, and the position after them. A point that ends in
    a colon ("enligt följande:", "med följande tillägg:") takes the unlisted text below it as its own."""
    clauses: list[Span] = []
    position = start
    # One list: a mark of another shape ("5.2" after "1.") opens a sub-point, not the next clause.
    while position < len(units) and _is_clause(units[position]) and (not clauses or units[position].mark in ("", clauses[0].mark)):
        clause = units[position]
        position += 1
        if clause.listed and clause.text.endswith(":"):
            while position < len(units) and not units[position].listed:
                more = units[position]
                clause = dataclasses.replace(clause, text=f"{clause.text} {more.text}", end=more.end if more.page == clause.page else clause.end)
                position += 1
        clauses.append(clause)
    return clauses, position


def decisions(lines: list[Line], election: bool, text_right: float | None = None, line_gap: float = 0.0) -> list[DecisionText]:
    """The decisions of one item: its Beslut section(s), or else the sentences that record a decision."""
    sections: list[list[Line]] = []
    current: list[Line] | None = None
    for line in lines:
        text = line.text.strip()
        inline = _after_inline_heading(line)
        if inline is not None:
            current = [inline]
            sections.append(current)
        elif _is_decision_heading(text) and table_header(line) is None:
            current = []
            sections.append(current)
        elif current is not None and _ends_section(line):
            current = None
        elif current is not None:
            current.append(line)
    found: list[DecisionText] = []
    if any(sections):
        for section in sections:
            units = _units(section, text_right, line_gap)
            position = 0
            while position < len(units):
                unit = units[position]
                # The clauses below a lead-in ("Nämnden beslutar:") are the decisions; the lead-in is not.
                clauses, after = _clauses(units, position + 1 if _is_lead_in(unit.text) else position)
                if clauses:
                    found.extend(DecisionText(c.text, c.page, c.start, c.end) for c in clauses)
                    position = after
                    continue
                if position == 0 or is_decision_sentence(unit.text):
                    found.append(DecisionText(unit.text, unit.page, unit.start, unit.end))
                position += 1
        return found
    units = _units(lines, text_right, line_gap)
    taken: set[int] = set()
    for position, unit in enumerate(units):
        if position in taken:
            continue
        following = units[position + 1] if position + 1 < len(units) else None
        if election and following is not None and _officer_label(unit.text) and _NAME_ONLY.match(following.text):
            # "Mötesordförande" and "i. Olav Övrebö" below it: the one elected to that office.
            found.append(DecisionText(f"{unit.text} {following.text}", unit.page, unit.start, following.end if following.page == unit.page else unit.end))
            taken.add(position + 1)
            continue
        if _is_lead_in(unit.text):
            clauses, after = _clauses(units, position + 1)
            if clauses:
                found.extend(DecisionText(c.text, c.page, c.start, c.end) for c in clauses)
                taken.update(range(position + 1, after))
                continue
        if unit.flagged:
            found.append(DecisionText(unit.text, unit.page, unit.start, unit.end))
            continue
        accepted = _accepted_proposal(unit)
        if accepted is not None:
            found.append(DecisionText(accepted.text, accepted.page, accepted.start, accepted.end))
            continue
        if election and regex.match(r"^[\p{L} ]{3,40}:\s*\p{Lu}", unit.text) and regex.search(
            r"(?:ordförande|sekreterare|justeringsperson|justerare|rösträknare)(?!\p{L})", unit.text.split(":")[0], regex.IGNORECASE
        ):
            found.append(DecisionText(unit.text, unit.page, unit.start, unit.end))
            continue
        if unit.listed and unit.mark not in ("", "-", "•") and regex.match(r"^beslut\s+om\b", unit.text, regex.IGNORECASE):
            below = itertools.takewhile(lambda u: u.mark != unit.mark, units[position + 1:])
            if any(is_decision_sentence(u.text) for u in below):
                continue  # "a) Beslut om ...": the title of a sub-point whose decision comes below it
        if bullet(unit.text) is None and len(unit.text) < 400 and is_decision_sentence(unit.text) and _sentences(unit)[0].text == unit.text:
            found.append(DecisionText(unit.text, unit.page, unit.start, unit.end))
            continue
        decided = False
        for sentence in _sentences(unit):
            if decided and _is_tally(sentence.text):
                # "... övertar ansvaret. Med 101 röster för och 19 mot.": the count belongs to the decision before it.
                last = found[-1]
                found[-1] = DecisionText(f"{last.text} {sentence.text}", last.page, last.start, sentence.end)
            elif is_decision_sentence(sentence.text):
                found.append(DecisionText(sentence.text, sentence.page, sentence.start, sentence.end))
                decided = True
            else:
                decided = False
    return found


def _is_tally(text: str) -> bool:
    """A vote count on its own ("Med 12 röster för och 3 mot."): a decision pattern without a decision verb."""
    return (
        is_decision_sentence(text) and not _BESLUTA.search(text)
        and not has_decision_verb(text) and bool(regex.search(r"\d", text))
    )


_ASSIGN_SUBJECT = regex.compile(
    r"^(?P<assignee>(?:\p{Lu}[\p{L}-]+)(?:\s+\p{Lu}[\p{L}-]+)?(?:\s+och\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)*)\s+"
    r"(?:väljs|utses|får\s+i\s+uppdrag|ges\s+i\s+uppdrag)\s+(?P<task>.+)$"
)
# "Alva köper in ...": a name, then a verb in the present tense (not a passive "-s").
_ASSIGN_ACTOR = regex.compile(r"^(?:[Aa]tt\s+)?(?P<assignee>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+)?)\s+(?P<task>(?P<verb>\p{Ll}+r)\s+.+)$")
# "Kim: Serverhall", "Kim Ek – boka lokalen": a point of a task list opened by the one who takes it.
_ASSIGN_LABEL = regex.compile(r"^(?P<assignee>\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?)\s*(?::|\s[–-])\s*(?P<task>\S.*)$")


@lru_cache(maxsize=1)
def _assignment_patterns() -> tuple[tuple[regex.Pattern, ...], tuple[regex.Pattern, ...]]:
    vocab = _vocab()["assignments"]
    return (
        tuple(regex.compile(p, regex.IGNORECASE) for p in vocab.get("patterns", [])),
        tuple(regex.compile(p) for p in vocab.get("person_patterns", [])),
    )


def _is_person_name(text: str) -> bool:
    from extractor.gazetteer import is_first_name

    return is_first_name(text.split()[0])


def _actor_task(text: str) -> AssignmentText | None:
    """A named person as the subject of a present-tense action verb: "Att Alva köper in lampor till lokalen"."""
    m = _ASSIGN_ACTOR.match(text)
    if m is None:
        return None
    if m["verb"] in _vocab()["assignments"].get("not_task_verbs", []):
        return None
    if not _is_person_name(m["assignee"]):
        return None  # "Styrelsen godkänner", "Enkäten ..." : a body or a thing, not a person
    return AssignmentText(m["assignee"], _clean_task(m["task"]))


def _clean_task(task: str) -> str:
    task = fold_space(task).rstrip(". ")
    # "att skriva ner frågor ... och att svaren ska ..." and "lägger upp en lista och den ska sedan ..."
    # keep the assignee's own task only: a second clause with a subject of its own is someone else's.
    task = regex.split(r"\s+och\s+(?=(?:att|detta|det|dessa|den|de|vi|man|sedan|därefter)\s)", task)[0]
    return task


def _task_of(text: str, clause: bool, listed_task: bool) -> list[AssignmentText]:
    """The tasks one decision, clause or action point gives: ``clause`` where it is a point of a decision
    list or an action list (so "Kim köper ..." is a task), ``listed_task`` where it stands in a list of tasks
    (so "Kim: städa köket" is one)."""
    general, personal = _assignment_patterns()
    for pattern in general:
        m = pattern.search(text)
        if m and 0 < len(m["assignee"].split()) <= 4:
            return [AssignmentText(fold_space(m["assignee"]), _clean_task(m["task"]))]
    for pattern in personal:
        m = pattern.search(text)
        if m and _is_person_name(m["assignee"]):
            return [AssignmentText(fold_space(m["assignee"]), _clean_task(m["task"]))]
    actor = _actor_task(text) if clause else None
    if actor is not None:
        return [actor]
    m = _ASSIGN_LABEL.match(text) if listed_task else None
    if m is not None:
        return [AssignmentText(m["assignee"], _clean_task(m["task"]))]
    m = _ASSIGN_SUBJECT.match(text)
    if m:
        task = m["task"]
        att = regex.search(r"\batt\s+(?P<rest>.+)$", task)
        if att and not task.lower().startswith("till "):
            task = att["rest"]
        elif regex.match(r"^(?:in\s+)?(?:\p{Ll}+t\s+)?(?:till|som|i|på)\s", task, regex.IGNORECASE):
            return []  # "Ylva väljs till justerare", "Gustav väljs enhälligt till sekreterare" elect, they give no task
        return [AssignmentText(a.strip(), _clean_task(task)) for a in regex.split(r"\s+och\s+", m["assignee"])]
    return []


def assignments(decision_texts: list[str], approved: list[str] = (), tasks: list[str] = (), listed: list[str] = ()) -> list[AssignmentText]:
    """Tasks given in the decisions: "uppdra till X att ...", "ger X i uppdrag att ...", "X väljs att ...",
    and, in the att-clauses of a decision list, an approved proposal or an action list, "Att X införskaffar ...";
    ``listed`` are points of a list that hands out tasks ("Kim: Serverhall")."""
    found = []
    for text in [*decision_texts, *approved, *tasks, *listed]:
        clause = text in approved or text in tasks or text in listed or bool(regex.match(r"^att\s+\p{Lu}", text.strip(), regex.IGNORECASE))
        # "Att Tim införskaffar ...": the att of a decision list is no part of the subject.
        text = regex.sub(r"^[Aa]tt\s+(?=\p{Lu})", "", fold_space(text))
        given = _task_of(text, clause, text in listed or text in tasks)
        decided = _decided_clause(text) if not given else None
        if decided:
            given = _task_of(decided, True, False)
        found.extend(a for a in given if a not in found)
    return found


def _decided_clause(text: str) -> str | None:
    """The att-clause of a decision that opens with a name: "Beslutades att Kim ordnar musiken" names
    who acts, as a point of a decision list "Att Kim ordnar musiken" does."""
    m = _BESLUTA.search(text)
    rest = regex.match(r"\s+att\s+(?=\p{Lu})", text[m.end():]) if m else None
    return text[m.end() + rest.end():] if rest else None


@lru_cache(maxsize=1)
def _action_heading() -> regex.Pattern:
    headings = sorted(_vocab()["assignments"].get("action_headings", []), key=len, reverse=True)
    return regex.compile(rf"^\s*(?:{'|'.join(regex.escape(h) for h in headings)})\s*(?::\s*(?P<rest>.*))?$", regex.IGNORECASE)


def _is_action_heading(text: str) -> str | None:
    """The rest of a line that opens an action list ("Att göra:", "Actionpunkter"), or None where it does not."""
    if not _vocab()["assignments"].get("action_headings"):
        return None
    m = _action_heading().match(text)
    return (m["rest"] or "") if m else None


def action_points(lines: list[Line], text_right: float | None = None, line_gap: float = 0.0, title: str = "") -> list[str]:
    """The points under an action heading ("Actionpunkt:", "Att göra:"), or of an item with such a
    title: each may give someone a task."""
    sections: list[list[Line]] = [[]] if _is_action_heading(title) == "" else []
    for line in lines:
        rest = _is_action_heading(line.text)
        if rest is not None:
            sections.append([dataclasses.replace(line, text=rest, cells=[])] if rest else [])
        elif sections and sections[-1] is not None and _ends_section(line):
            sections.append(None)
        elif sections and sections[-1] is not None:
            sections[-1].append(line)
    return [u.text for section in sections if section for u in _units(section, text_right, line_gap)]


def _column_text(row: dict[str, list[Line]], kind: str) -> str:
    return fold_space(" ".join(line.text for line in row.get(kind, [])))


def row_task(row: dict[str, list[Line]], decided: list[DecisionText] = (), title: str = "") -> AssignmentText | None:
    """The task a table's row gives the one in its who column: what its task column says, else what
    its decision says is to be done (the att-clause of "Beslutades att hyra ett tält"), else its point."""
    who = _column_text(row, "who")
    if not who:
        return None
    task = _column_text(row, "task")
    if not task and decided:
        text = decided[0].text
        att = regex.search(r"\batt\s+(?P<rest>.+)$", text, regex.IGNORECASE)
        task = att["rest"] if att else text
    task = task or title
    return AssignmentText(who, _clean_task(task)) if task else None


def task_table(lines: list[Line]) -> list[AssignmentText]:
    """The rows of a table of tasks under its header row ("Vem | Vad | När"): who takes which task
    (segment.table_rows: a line with nobody in the who column carries on the row above)."""
    found: list[AssignmentText] = []
    index = 0
    while index < len(lines):
        header = table_header(lines[index])
        if header is None or not {"who", "task"} <= {kind for _, kind in header}:
            index += 1
            continue
        rows, index = table_rows(lines, index)
        found.extend(a for row in rows if _column_text(row.columns, "task") and (a := row_task(row.columns)))
    return found


def task_lists(lines: list[Line], text_right: float | None = None, line_gap: float = 0.0) -> list[str]:
    """The points of a list below a decision that hands out responsibility ("Styrelsen utser ansvariga
    för städningen:" and "- Kim: Köket" below it)."""
    words = _vocab()["assignments"].get("responsibility_words", [])
    units = _units(lines, text_right, line_gap)
    found: list[str] = []
    for position, unit in enumerate(units):
        if unit.listed or not contains_any(unit.text, words) or not is_decision_sentence(unit.text):
            continue
        for following in units[position + 1:]:
            if not following.listed:
                break
            found.append(following.text)
    return found


def approved_proposals(lines: list[Line], text_right: float | None = None, line_gap: float = 0.0) -> list[str]:
    """The clauses of a proposal that a short decision takes as they stand: "Förslag: 1. Att Tim
    införskaffar en ringklocka" and "Beslut: 1. Att bifalles" (or "attsats 1 bifalles")."""
    vocab = _vocab()["assignments"]
    proposal_heads = {fold(h) for h in vocab.get("proposal_headings", [])}
    sections: list[tuple[str | None, list[Line]]] = []
    for line in lines:
        text = line.text.strip()
        if _is_decision_heading(text):
            sections.append(("decision", []))
        elif fold(text) in proposal_heads:
            sections.append(("proposal", []))
        elif sections and _ends_section(line):
            sections.append((None, []))
        elif sections:
            sections[-1][1].append(line)
    approved: list[str] = []
    proposal: list[str] = []
    for kind, section in sections:
        units = [u.text for u in _units(section, text_right, line_gap)]
        if kind == "proposal":
            proposal = units
        elif kind == "decision":
            for text in units:
                words = regex.sub(r"^att\s+", "", text, flags=regex.IGNORECASE).rstrip(". ").split()
                if not proposal or len(words) > 5 or not contains_any(text, vocab.get("approval_words", [])):
                    continue
                number = regex.search(r"\d+", text)
                if number is None:
                    approved.extend(u for u in proposal if u not in approved)
                elif 1 <= int(number.group()) <= len(proposal) and proposal[int(number.group()) - 1] not in approved:
                    approved.append(proposal[int(number.group()) - 1])
            proposal = []
    return approved


def references(lines: list[Line]) -> list[str]:
    patterns = [regex.compile(p) for p in _vocab()["references"]["patterns"]]
    found: list[str] = []
    for line in lines:
        for pattern in patterns:
            for m in pattern.finditer(line.text):
                ref = fold_space(m["ref"])
                if ref not in found:
                    found.append(ref)
    return found


def title_decisions(item: ItemSegment) -> list[DecisionText]:
    """The decisions of an item whose heading records them ("3. Till revisor valdes Bo Ek.", "Som
    funktionärer valdes" and "(a) Kim till ordförande, (b) ..." below it): the heading's sentence, gone on
    into the body until it ends, where it records a decision. A heading that names a decision as its
    topic ("Beslut om taxa") records none."""
    if regex.match(r"^beslut", item.title, regex.IGNORECASE):
        return []
    text = item.title
    for unit in _units(item.body, item.text_right, item.line_gap):
        if text.rstrip().endswith((".", "!", "?")):
            break
        text = f"{text} {unit.text}"
    heading = item.heading
    return [
        DecisionText(sentence.text, heading.page, heading.start, heading.end)
        for sentence in _sentences(Span(text, heading.page, heading.start, heading.end))
        if is_decision_sentence(sentence.text)
    ]


def _without_repeats(found: list[AssignmentText]) -> list[AssignmentText]:
    return [a for i, a in enumerate(found) if a not in found[:i]]


def item_fields(item: ItemSegment) -> ItemFields:
    election = bool(regex.search(r"\bval\b|funktionär", item.title, regex.IGNORECASE))
    if item.columns:
        # A table's row: its decision column read apart from the text beside it, where a line
        # stops short because the column is narrow, not because a paragraph ended.
        decided = decisions(item.columns.get("decision", []), election)
        tabled = {id(line) for kind in ("decision", "who", "task", "when") for line in item.columns.get(kind, [])}
        free = [line for line in item.body if id(line) not in tabled]
        found = [*decided, *decisions(free, election, item.text_right, item.line_gap)]
        given = row_task(item.columns, decided, item.title)
    else:
        found = decisions(item.body, election, item.text_right, item.line_gap) or title_decisions(item)
        given = None
    body_text = "\n".join(fold_space(line.text.replace("\t", " ")) for line in item.body)
    # The evidence runs over the item's lines on its first page (the title under a number line
    # included when the body goes on over the page).
    first = item.heading
    last = next((line for line in reversed([*item.title_lines, *item.body]) if line.page == first.page), first)
    return ItemFields(
        number=item.number,
        title=item.title,
        text=body_text,
        decisions=found,
        assignments=_without_repeats([*assignments(
            [d.text for d in found], approved_proposals(item.body, item.text_right, item.line_gap),
            action_points(item.body, item.text_right, item.line_gap, item.title),
            task_lists(item.body, item.text_right, item.line_gap),
        ), *([given] if given else []), *task_table(item.body)]),
        references=references(item.title_lines + item.body),
        page=first.page,
        start=first.start,
        end=max(first.end, last.end),
    )
