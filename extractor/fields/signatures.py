"""Signatures: the names in the signing block, each under or beside its label."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.document import Line
from extractor.matching import fold_space, match_heading
from extractor.names import leading_name
from extractor.vocab import load


@dataclass
class SignatureFields:
    name: str
    role: str
    label: str


def _labels() -> list[dict]:
    return load("structure")["signatures"]["labels"]


def _label_of(text: str) -> tuple[str, str] | None:
    entries = _labels()
    hit = match_heading(text.strip(), [e["label"] for e in entries])
    if not hit or len(text.split()) > len(hit[0].split()) + 3:
        return None
    written = text.strip()[: hit[1]]
    role = next(e["role"] for e in entries if e["label"] == hit[0])
    return written, role


def _name_in(text: str) -> str | None:
    text = regex.sub(r"\([^)]*\)", "", text).strip()
    name, _ = leading_name(text)
    return name if name and 2 <= len(name.split()) <= 4 else None


def signatures(lines: list[Line]) -> list[SignatureFields]:
    """Pair each label with the name below it in the same column (or beside it on the line)."""
    found: list[SignatureFields] = []
    open_labels: list[tuple[float, str, str]] = []  # (x0, label as written, role)
    for line in lines:
        cells = line.cells or []
        labels_here = [(c, _label_of(c.text)) for c in cells]
        if cells and all(label for _, label in labels_here):
            open_labels = [(c.x0, label[0], label[1]) for c, label in labels_here]
            continue
        for cell in cells:
            label = _label_of(cell.text)
            if label:
                rest = fold_space(cell.text.strip()[len(label[0]):]).strip(" :")
                name = _name_in(rest) if rest else None
                if name:
                    found.append(SignatureFields(name, label[1], label[0]))
                else:
                    open_labels = [(cell.x0, label[0], label[1])]
                continue
            if not open_labels:
                continue
            name = _name_in(cell.text)
            if not name:
                continue
            column = min(open_labels, key=lambda entry: abs(entry[0] - cell.x0))
            if abs(column[0] - cell.x0) > 120 and len(open_labels) > 1:
                continue
            found.append(SignatureFields(name, column[2], column[1]))
            if len(open_labels) == 1:
                # One label may head several names side by side ("Justeras" | two justerare).
                continue
    return _dedupe(found)


def _dedupe(found: list[SignatureFields]) -> list[SignatureFields]:
    seen, unique = set(), []
    for sig in found:
        key = (sig.name.lower(), sig.role)
        if key not in seen:
            seen.add(key)
            unique.append(sig)
    return unique


def head_signatures(lines: list[Line]) -> list[SignatureFields]:
    """Municipal protocols list signatories in the head under "Underskrifter"."""
    block = load("structure")["signatures"]["block_headings"]
    for index, line in enumerate(lines):
        if match_heading(line.text.strip(), block):
            end = index + 1
            while end < len(lines) and not regex.match(r"^(ANSLAG|BEVIS|Protokollet är justerat)", lines[end].text.strip(), regex.IGNORECASE):
                end += 1
            return signatures(lines[index + 1:end])
    return []
