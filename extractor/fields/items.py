"""Items: title, discussion text, decisions, assignments and references of each agenda item."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.document import Line
from extractor.matching import contains_any, find_words, fold, fold_space
from extractor.segment import ItemSegment, _is_decision_heading, _is_section_end
from extractor.vocab import load

# A bullet or sub-point mark at a line start: "-", "a)", "ii.", "2.1", "§ 2.1", "3)".
# "»", "«", "+" and "°" are bullets as OCR reads "•".
_BULLET = regex.compile(r"^\s*(?:[-–•*·»«+°]|[a-zA-Z][.)]|(?:i{2,3}|iv|vi{1,3}|ix|xi{0,3})[.)]|(?:§\s*)?\d+(?:\.\d+)+\.?|\d{1,2}[.)])\s+")
_ABBREVIATIONS = ("bl.a", "t.ex", "m.m", "kl", "ca", "nr", "resp", "dvs", "s.k", "t.o.m", "fr.o.m", "jfr", "enl", "ang", "bil", "st", "tf", "dnr", "p", "kap", "prop", "ordf", "sekr")


@dataclass
class Span:
    """Text joined from lines, with the page offsets of its first and last character."""

    text: str
    page: int
    start: int
    end: int
    listed: bool = False  # opened by a bullet or a number: one point of a list


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


def _content_cells(line: Line, text_right: float | None) -> str:
    """The line's text without cells standing right of the text block (an "Ansvar" column)."""
    cells = line.cells or []
    if text_right is not None and len(cells) > 1:
        kept = [c for c in cells if c.x0 < text_right - 5]
        if kept and len(kept) < len(cells):
            return "\t".join(c.text for c in kept)
    return line.text


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
        raw = _content_cells(line, text_right)
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
            or _BULLET.match(raw)
            or (units[-1].text.endswith((".", "!", "?", ":")) and text[:1].isupper())
            or broken
            or line.page != units[-1].page
            and text[:1].isupper()
            and units[-1].text.endswith(".")
        )
        if starts_new:
            units.append(Span(_BULLET.sub("", text), line.page, line.start, line.end, listed=bool(_BULLET.match(raw))))
        else:
            last = units[-1]
            joined = last.text[:-1] + text if last.text.endswith("-") and text[:1].islower() else f"{last.text} {text}"
            units[-1] = Span(joined, last.page, last.start, line.end if line.page == last.page else last.end, last.listed)
        previous = line
    return units


def _sentences(unit: Span) -> list[Span]:
    pieces, start = [], 0
    for m in regex.finditer(r"(?<=[.!?])\s+(?=[\p{Lu}\d])", unit.text):
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
# Words before a verb that put the decision in the future, the wish or the need: "ska beslutas", "behövs beslutas", "att besluta".
_AUXILIARIES = {"ska", "skall", "skulle", "kan", "kunde", "bör", "borde", "måste", "vill", "ville", "behöver", "behövs", "behövde", "brukar", "kommer", "att", "får", "fick", "önskar", "avser", "tänker", "planerar", "hinner"}
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
    if not clause_check:
        return True
    # "När alla hörts beslutades att ...", "Eftersom ingen invände beslöt mötet att ...": a verb with its
    # att-clause after it (and perhaps its subject between) is the main verb after a fronted clause.
    if not relative and regex.match(r"^\p{L}+\s+(?:\p{L}+\s+)?att\b", text[start:], regex.IGNORECASE):
        return True
    return not any(w in _SUBORDINATORS for w in words)


@lru_cache(maxsize=1)
def _decision_patterns() -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p, regex.IGNORECASE) for p in _vocab()["decisions"].get("patterns", []))


def is_decision_sentence(text: str) -> bool:
    vocab = _vocab()["decisions"]
    if contains_any(text, vocab["not_decision"]):
        return False
    if regex.match(r"^beslut\s+(?:om|tas|fattades|fattas|att)\b|^beslut\s+\p{L}+", text, regex.IGNORECASE) and len(text.split()) > 2:
        return True
    if any(pattern.search(text) for pattern in _decision_patterns()):
        return True
    words = vocab["verbs"] + ["beslutat", "beslutats", "bordläggs", "bordlades", "lagt till handlingarna", "läggs till handlingarna"]
    others = [w for w in words if not _BESLUTA.fullmatch(w)]
    # Other decision verbs are seldom used for what is yet to be decided; a relative clause
    # before them ("Budgeten som presenterades godkändes") is common, so only an auxiliary counts.
    if any(_in_main_clause(text, m.start(), clause_check=False) for m in find_words(text, others)):
        return True
    return any(_in_main_clause(text, m.start()) for m in _BESLUTA.finditer(text))


def _accepted_proposal(unit: Span) -> Span | None:
    """A proposal taken without objection ("Annie föreslår att ... Inga motsättningar."): the
    proposal and its acceptance, as one decision."""
    accept = _vocab()["decisions"].get("accepted", [])
    sentences = _sentences(unit)
    for first, second in zip(sentences, sentences[1:]):
        if contains_any(first.text, ["föreslår", "föreslog", "yrkar", "yrkade"]) and any(
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
        elif _is_decision_heading(text):
            current = []
            sections.append(current)
        elif current is not None and _ends_section(line):
            current = None
        elif current is not None:
            current.append(line)
    found: list[DecisionText] = []
    if any(sections):
        for section in sections:
            for index, unit in enumerate(_units(section, text_right, line_gap)):
                text = unit.text
                if index == 0 or unit.listed or regex.match(r"^att\b", text, regex.IGNORECASE) or is_decision_sentence(text):
                    found.append(DecisionText(text, unit.page, unit.start, unit.end))
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
        accepted = _accepted_proposal(unit)
        if accepted is not None:
            found.append(DecisionText(accepted.text, accepted.page, accepted.start, accepted.end))
            continue
        if election and regex.match(r"^[\p{L} ]{3,40}:\s*\p{Lu}", unit.text) and regex.search(
            r"(?:ordförande|sekreterare|justeringsperson|justerare|rösträknare)(?!\p{L})", unit.text.split(":")[0], regex.IGNORECASE
        ):
            found.append(DecisionText(unit.text, unit.page, unit.start, unit.end))
            continue
        if _BULLET.match(unit.text) is None and len(unit.text) < 400 and is_decision_sentence(unit.text) and _sentences(unit)[0].text == unit.text:
            found.append(DecisionText(unit.text, unit.page, unit.start, unit.end))
            continue
        for sentence in _sentences(unit):
            if is_decision_sentence(sentence.text):
                found.append(DecisionText(sentence.text, sentence.page, sentence.start, sentence.end))
    return found


_ASSIGN_SUBJECT = regex.compile(
    r"^(?P<assignee>(?:\p{Lu}[\p{L}-]+)(?:\s+\p{Lu}[\p{L}-]+)?(?:\s+och\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)*)\s+"
    r"(?:väljs|utses|får\s+i\s+uppdrag|ges\s+i\s+uppdrag)\s+(?P<task>.+)$"
)
_ASSIGN_VERB = regex.compile(
    r"\b(?:uppdra[rs]?|uppdrogs|uppdrag\s+(?:till|åt)|ge[rs]?\s+i\s+uppdrag\s+(?:till|åt)?)\s+(?:till|åt)?\s*(?P<assignee>[^,;]+?)\s+att\s+(?P<task>.+)$",
    regex.IGNORECASE,
)


# "ger samhällsbyggnadskontoret i uppdrag att ...": the one given the task stands between the verb and "i uppdrag".
_ASSIGN_GIVE = regex.compile(
    r"\b(?:ge[rs]?|gav|ge)\s+(?P<assignee>(?!i\s)[\p{L}-]+(?:\s+[\p{L}-]+){0,3}?)\s+i\s+uppdrag\s+att\s+(?P<task>.+)$",
    regex.IGNORECASE,
)
# "Lukas införskaffar ...": a name, then a verb in the present tense (not a passive "-s").
_ASSIGN_ACTOR = regex.compile(r"^(?:[Aa]tt\s+)?(?P<assignee>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+)?)\s+(?P<task>(?P<verb>\p{Ll}+r)\s+.+)$")


def _actor_task(text: str) -> AssignmentText | None:
    """A named person as the subject of a present-tense action verb: "Att Lukas införskaffar krokar för 357kr"."""
    from extractor.gazetteer import is_first_name

    m = _ASSIGN_ACTOR.match(text)
    if m is None:
        return None
    if m["verb"] in _vocab()["assignments"].get("not_task_verbs", []):
        return None
    if not is_first_name(m["assignee"].split()[0]):
        return None  # "Styrelsen godkänner", "Enkäten ..." : a body or a thing, not a person
    return AssignmentText(m["assignee"], fold_space(m["task"]).rstrip(". "))


def _clean_task(task: str) -> str:
    task = fold_space(task).rstrip(". ")
    # "att skriva ner frågor ... och att svaren ska ..." keeps the assignee's own task only.
    task = regex.split(r"\s+och\s+att\s+", task)[0]
    return task


def assignments(decision_texts: list[str], approved: list[str] = ()) -> list[AssignmentText]:
    """Tasks given in the decisions: "uppdra till X att ...", "ger X i uppdrag att ...", "X väljs att ...",
    and, in the att-clauses of a decision list or an approved proposal, "Att X införskaffar ..."."""
    found = []
    for text in [*decision_texts, *approved]:
        clause = text in approved or bool(regex.match(r"^att\s+\p{Lu}", text.strip(), regex.IGNORECASE))
        # "Att Tim införskaffar ...": the att of a decision list is no part of the subject.
        text = regex.sub(r"^[Aa]tt\s+(?=\p{Lu})", "", fold_space(text))
        m = _ASSIGN_VERB.search(text)
        if m:
            assignee = m["assignee"].strip()
            if assignee and assignee[:1].isupper():
                found.append(AssignmentText(assignee, _clean_task(m["task"])))
                continue
        m = _ASSIGN_GIVE.search(text)
        if m:
            found.append(AssignmentText(m["assignee"].strip(), _clean_task(m["task"])))
            continue
        actor = _actor_task(text) if clause else None
        if actor is not None:
            found.append(actor)
            continue
        m = _ASSIGN_SUBJECT.match(text)
        if m:
            task = m["task"]
            att = regex.search(r"\batt\s+(?P<rest>.+)$", task)
            if att and not task.lower().startswith("till "):
                task = att["rest"]
            elif regex.match(r"^(?:in\s+)?(?:till|som|i|på)\s", task, regex.IGNORECASE):
                continue  # "Ylva väljs till justerare", "Gustav väljs in som sekreterare" elect, they give no task
            for assignee in regex.split(r"\s+och\s+", m["assignee"]):
                found.append(AssignmentText(assignee.strip(), _clean_task(task)))
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


def item_fields(item: ItemSegment) -> ItemFields:
    election = bool(regex.search(r"\bval\b|funktionär", item.title, regex.IGNORECASE))
    found = decisions(item.body, election, item.text_right, item.line_gap)
    body_text = "\n".join(fold_space(line.text.replace("\t", " ")) for line in item.body)
    first, last = item.heading, (item.body[-1] if item.body else item.title_lines[-1])
    return ItemFields(
        number=item.number,
        title=item.title,
        text=body_text,
        decisions=found,
        assignments=assignments([d.text for d in found], approved_proposals(item.body, item.text_right, item.line_gap)),
        references=references(item.title_lines + item.body),
        page=first.page,
        start=first.start,
        end=first.end if last.page != first.page else last.end,
    )
