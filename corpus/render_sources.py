"""Lay out the shared corpus's text sources anew as PDFs, the way minutes of their kind look.

Six real minutes in ``../shared/corpus/docs`` exist only as their source text
(Markdown, LaTeX, Typst; see ``SOURCES.tsv``). This module reads such a source
at run time and writes a PDF to a path the caller gives; nothing is copied into
the project.

    render(source_path, pdf_path)                      # the entry point
    python corpus/render_sources.py SOURCE OUT.pdf     # the same from a shell
    python corpus/render_sources.py --all OUT_DIR      # every text source in ../shared

One function per kind of source:

* :func:`render_markdown`: association minutes in Markdown (LiTHe kod): a
  title block from the opening headings, headings bold and unnumbered as the
  source leaves them, lists with their nesting, ``**bold**``/``*em*``, links as
  their text; as pandoc would set it.
* :func:`render_latex`: a small interpreter of the LaTeX used in minutes:
  ``\\maketitle``, ``center``, ``\\section`` (numbered unless ``\\titleformat``
  gives it no label), ``enumerate``/``itemize``, ``displayquote``, a
  ``tabular`` signature block, ``\\textbf``/``\\emph``, accents (``\\"a``),
  dashes and quotes, the document's own argument-less ``\\newcommand``s.
* :func:`render_typst`: minutes written with the DVD board template
  (``setupDocument``, ``deltagere``, ``attSatser``, ``signatures``): a running
  header, Datum/Tid, attendance tables with the board positions, headings
  numbered 1 and 1.1, "1. Att" clauses, a signing block. The template's stock
  paragraphs (``#formalia.*``) are not in the source and are left out.
* :func:`render_municipal`: a municipal protocol converted to Markdown page by
  page (Kungsbacka kommun; YAML front matter, ``<!-- sida N -->``): the head
  re-laid as the label/value table of a Sammanträdesprotokoll, attendance in
  its columns, the signing block, the table of contents, each paragraph (§)
  with its Dnr and bold sub-headings; running header and footer on every page.

Core PDF fonts with cp1252 (what fpdf2 offers without font files): Times for
LaTeX, Markdown and Typst, Helvetica for the municipal layout.
"""
from __future__ import annotations

import datetime
import os
import re
import sys
from pathlib import Path
from typing import Callable, Optional

from fpdf import FPDF

SHARED_DOCS = Path(os.environ.get("PROTOKOLL_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "corpus" / "docs"

Runs = list[tuple[str, str]]  # (font style "", "B", "I", "BI"; text)


def _cp1252(text: str) -> str:
    return text.encode("cp1252", "replace").decode("cp1252")


def _fold(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- the page


class Sheet(FPDF):
    """An A4 page with margins, a running header/footer (callables), page breaks when full."""

    def __init__(self, family: str = "Times", size: float = 11, margins=(25, 25, 25), bottom: float = 25,
                 header: Optional[Callable[["Sheet"], None]] = None,
                 footer: Optional[Callable[["Sheet"], None]] = None) -> None:
        super().__init__(format="A4", unit="mm")
        self.core_fonts_encoding = "windows-1252"
        self.family, self.size = family, size
        self.lh = size * 0.47  # line height in mm
        self.set_margins(*margins)
        self.set_auto_page_break(True, margin=bottom)
        self._header, self._footer = header, footer
        self.set_creation_date(datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc))
        self.alias_nb_pages()

    def header(self) -> None:
        if self._header:
            self._header(self)

    def footer(self) -> None:
        if self._footer:
            self._footer(self)

    # -- primitives

    def font(self, style: str = "", size: Optional[float] = None, family: Optional[str] = None) -> None:
        self.set_font(family or self.family, style, size or self.size)

    def at(self, x: float, y: float, text: str, style: str = "", size: Optional[float] = None,
           align: str = "L", w: float = 0) -> None:
        self.font(style, size)
        self.set_xy(x, y)
        self.cell(w, (size or self.size) * 0.45, _cp1252(text), align=align)

    def space(self, mm: float) -> None:
        if self.get_y() + mm < self.h - self.b_margin:
            self.set_y(self.get_y() + mm)

    def ensure(self, mm: float) -> None:
        """A new page unless ``mm`` of height is left on this one."""
        if self.get_y() + mm > self.h - self.b_margin:
            self.add_page()

    def flow(self, runs: Runs | str, left: float = 0, first: Optional[float] = None,
             size: Optional[float] = None, after: float = 1.5) -> None:
        """A paragraph of runs, wrapped between ``left`` (from the margin) and the right margin."""
        if isinstance(runs, str):
            runs = [("", runs)]
        size = size or self.size
        lh = size * 0.47
        base = self.l_margin
        self.ensure(lh)
        self.set_left_margin(base + left)
        self.set_x(base + (left if first is None else first))
        for style, text in runs:
            if text:
                self.font(style, size)
                self.write(lh, _cp1252(text))
        self.ln(lh)
        self.set_left_margin(base)
        self.space(after)

    def heading(self, text: str, size: float, before: float = 3, after: float = 1.5, align: str = "L") -> None:
        self.ensure(size * 0.47 + 12)  # keep a heading with the first lines under it
        self.space(before)
        self.font("B", size)
        self.multi_cell(0, size * 0.47, _cp1252(text), align=align, new_x="LMARGIN", new_y="NEXT")
        self.space(after)

    def bullet(self, marker: str, runs: Runs | str, depth: int = 0, step: float = 6, width: float = 6) -> None:
        x = self.l_margin + depth * step
        self.ensure(self.lh)
        self.font()
        self.set_xy(x, self.get_y())
        self.cell(width, self.lh, _cp1252(marker))
        self.flow(runs, left=depth * step + width, first=depth * step + width, after=0.8)

    def row(self, cells: list[tuple[float, float, str, str]], size: Optional[float] = None,
            after: float = 0.0) -> float:
        """Cells (x from the page edge, width, text, style) side by side, each wrapped in its width."""
        size = size or self.size
        lh = size * 0.47
        heights = []
        for _, w, text, style in cells:
            self.font(style, size)
            heights.append(len(self.multi_cell(w, lh, _cp1252(text), align="L", dry_run=True, output="LINES")) * lh)
        self.ensure(max(heights, default=0))
        y = self.get_y()
        for x, w, text, style in cells:
            self.font(style, size)
            self.set_xy(x, y)
            self.multi_cell(w, lh, _cp1252(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_xy(self.l_margin, y + max(heights, default=0) + after)
        return max(heights, default=0)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        self.output(str(path))
        return path


def _page_number_footer(sheet: Sheet) -> None:
    sheet.at(0, sheet.h - 15, str(sheet.page_no()), size=10, align="C", w=sheet.w)


# --------------------------------------------------------------------------- Markdown

_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_MD_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)\*|(?<!\w)_(?!\s)(.+?)_(?!\w)"
                        r"|`([^`]+)`|!?\[([^\]]*)\]\([^)]*\)")


def strip_front_matter(text: str) -> str:
    if text.startswith("---"):
        end = re.search(r"^---\s*$", text[3:], re.M)
        if end:
            return text[3 + end.end():]
    return text


def strip_html_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def md_inline(text: str) -> Runs:
    runs: Runs = []
    pos = 0
    for m in _MD_INLINE.finditer(text):
        runs.append(("", text[pos:m.start()]))
        bold, bold2, em, em2, code, link = m.groups()
        if bold or bold2:
            runs.append(("B", bold or bold2))
        elif em or em2:
            runs.append(("I", em or em2))
        else:
            runs.append(("", code if code is not None else link))
        pos = m.end()
    runs.append(("", text[pos:]))
    return [(s, t) for s, t in runs if t]


def _md_blocks(text: str) -> list[tuple]:
    """('h', level, text) | ('p', text) | ('li', depth, marker, text) | ('blank',)."""
    blocks: list[tuple] = []
    indents: list[int] = []  # indentation of the open list levels
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            blocks.append(("blank",))
            continue
        h = _MD_HEADING.match(line)
        li = _MD_ITEM.match(line)
        if h and h.group(2):
            blocks.append(("h", len(h.group(1)), h.group(2)))
            indents = []
        elif li:
            indent = len(li.group(1).expandtabs(4))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            marker = "\u2022" if li.group(2) in "-*+" else li.group(2)
            blocks.append(("li", len(indents) - 1, marker, li.group(3).strip()))
        elif blocks and blocks[-1][0] in ("p", "li") and (blocks[-1][0] == "p" or raw[:1].isspace()):
            last = blocks[-1]
            blocks[-1] = last[:-1] + (last[-1] + " " + line.strip(),)  # a soft line break
        else:
            blocks.append(("p", line.strip()))
            indents = []
    return blocks


def render_markdown(text: str, sheet: Sheet) -> None:
    blocks = _md_blocks(strip_html_comments(strip_front_matter(text)))
    content = [b for b in blocks if b[0] != "blank"]
    # The opening headings up to the one that has text under it are the title block
    # ("# Mötesprotokoll", "## LiTHe kod", "## 2016-07-03"): set centred, as a title page head.
    title = 0
    while title + 1 < len(content) and content[title][0] == "h" and content[title + 1][0] == "h":
        title += 1
    if title and content[0][1] == 1:
        for n, (_, _, words) in enumerate(content[:title]):
            sheet.heading(_fold(words), 20 if n == 0 else 14, before=0 if n == 0 else 1, after=2, align="C")
        sheet.space(6)
        blocks = blocks[blocks.index(content[title]):]
    sizes = {1: 16, 2: 13, 3: 11.5}
    previous = None
    for block in blocks:
        kind = block[0]
        if kind == "blank" and previous == "li":
            sheet.space(2)  # the end of a list
        previous = kind if kind != "blank" else previous
        if kind == "h":
            level = block[1]
            sheet.heading(_fold(block[2]), sizes.get(level, 11), before=5 if level <= 2 else 2.5)
        elif kind == "p":
            sheet.flow(md_inline(block[1]), after=2)
        elif kind == "li":
            _, depth, marker, words = block
            sheet.bullet(marker if marker != "\u2022" else ("\u2022", "\u2013", "*")[depth % 3],
                         md_inline(words), depth=depth)


# --------------------------------------------------------------------------- LaTeX

_ACCENTS = {'"': {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü", "e": "ë"},
            "'": {"e": "é", "a": "á", "E": "É"}, "`": {"e": "è", "a": "à"},
            "r": {"a": "å", "A": "Å"}, "~": {"n": "ñ"}}
_SYMBOLS = {"aa": "å", "AA": "Å", "ldots": "…", "dots": "…", "textasciitilde": "~", "S": "§",
            "textendash": "–", "textemdash": "—", "LaTeX": "LaTeX", "TeX": "TeX", "ae": "æ", "o": "ø",
            "O": "Ø", "%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}", " ": " ",
            ",": " ", "quad": " ", "qquad": " ", "textbackslash": "\\"}
_STYLE_CMDS = {"textbf": "B", "emph": "I", "textit": "I", "textsl": "I", "underline": ""}
_DROP_WITH_ARG = {"label", "vspace", "hspace", "vspace*", "hspace*", "def", "titleformat", "usepackage",
                  "documentclass", "setlength", "hypersetup", "pagestyle", "thispagestyle"}
_SIZES = {"tiny": 7, "small": 9, "normalsize": 11, "large": 13, "Large": 15, "LARGE": 17, "huge": 20,
          "Huge": 24}


def _group(tex: str, i: int, open_: str = "{", close: str = "}") -> tuple[str, int]:
    """The balanced group starting at ``tex[i] == open_`` and the index after it."""
    depth = 0
    for j in range(i, len(tex)):
        if tex[j] == "\\":
            continue
        if tex[j] == open_ and (j == i or tex[j - 1] != "\\"):
            depth += 1
        elif tex[j] == close and tex[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return tex[i + 1:j], j + 1
    return tex[i + 1:], len(tex)


def _skip_space(tex: str, i: int) -> int:
    while i < len(tex) and tex[i] in " \t":
        i += 1
    return i


# TeX's input ligatures, longest first: "---" is an em dash before "--" is an en dash.
_TEX_LIGATURES = {"---": "—", "--": "–", "``": "“", "''": "”"}


def tex_inline(tex: str, style: str = "") -> Runs:
    """Runs of text from inline LaTeX: styles, accents, symbols, dashes and quotes."""
    runs: Runs = []
    buf: list[str] = []
    i = 0

    def push() -> None:
        if buf:
            runs.append((style, "".join(buf)))
            buf.clear()

    while i < len(tex):
        c = tex[i]
        if c == "\\":
            m = re.match(r"\\([A-Za-z]+\*?|.)", tex[i:])
            name = m.group(1)
            i += m.end()
            if name == "\\":  # a line break
                buf.append("\n")
                if i < len(tex) and tex[i] == "[":
                    i = _group(tex, i, "[", "]")[1]
            elif name in _ACCENTS:
                i = _skip_space(tex, i) if name.isalpha() else i
                if i < len(tex) and tex[i] == "{":
                    letter, i = _group(tex, i)
                else:
                    letter, i = tex[i:i + 1], i + 1
                buf.append(_ACCENTS[name].get(letter.strip(), letter))
            elif name in _SYMBOLS:
                buf.append(_SYMBOLS[name])
                if i + 1 < len(tex) and tex[i:i + 2] == "{}":
                    i += 2
            elif name in _STYLE_CMDS and i < len(tex) and tex[i] == "{":
                inner, i = _group(tex, i)
                push()
                runs.extend(tex_inline(inner, "".join(sorted(set(style + _STYLE_CMDS[name])))))
            elif name in _DROP_WITH_ARG:
                while i < len(tex) and tex[i] in "[{":
                    i = _group(tex, i, tex[i], "]" if tex[i] == "[" else "}")[1]
            elif name in ("bf", "bfseries"):
                push()
                style = "B" if "I" not in style else "BI"
            elif name in ("it", "itshape", "em"):
                push()
                style = "I" if "B" not in style else "BI"
            elif i < len(tex) and tex[i] == "{":  # an unknown command: keep its argument's text
                inner, i = _group(tex, i)
                push()
                runs.extend(tex_inline(inner, style))
            if name.isalpha() and i < len(tex) and tex[i] == " " and name not in _STYLE_CMDS:
                i += 1  # the space ending a control word
        elif c == "{":
            inner, i = _group(tex, i)
            push()
            runs.extend(tex_inline(inner, style))
        elif c == "}":
            i += 1
        elif c == "~":
            buf.append("\u00a0")
            i += 1
        elif ligature := next((lig for lig in _TEX_LIGATURES if tex.startswith(lig, i)), None):
            buf.append(_TEX_LIGATURES[ligature])
            i += len(ligature)
        else:
            buf.append(" " if c in "\n\t" else c)
            i += 1
    push()
    merged: Runs = []
    for s, t in runs:
        if merged and merged[-1][0] == s:
            merged[-1] = (s, merged[-1][1] + t)
        else:
            merged.append((s, t))
    return [(s, re.sub(r" *\n *", "\n", re.sub(r"[ \u00a0]{2,}", " ", t))) for s, t in merged]


def _plain(tex: str) -> str:
    return _fold("".join(t for _, t in tex_inline(tex)))


def _tex_arg(tex: str, command: str) -> Optional[str]:
    m = re.search(r"\\" + command + r"\s*(\[[^\]]*\])?\s*\{", tex)
    return _group(tex, m.end() - 1)[0] if m else None


class _LatexWriter:
    def __init__(self, sheet: Sheet, numbered: bool, title: dict) -> None:
        self.sheet, self.numbered, self.title = sheet, numbered, title
        self.counters = [0, 0, 0]

    def paragraphs(self, tex: str, left: float = 0) -> None:
        for para in re.split(r"\n\s*\n|\\par\b", tex):
            runs = [(s, t) for s, t in tex_inline(para.strip())]
            if "".join(t for _, t in runs).strip():
                runs[0] = (runs[0][0], runs[0][1].lstrip())
                self.sheet.flow(runs, left=left, after=2.5)

    def block(self, tex: str, left: float = 0, depth: int = 0) -> None:
        """Body text: sections, environments and paragraphs, in order."""
        pattern = re.compile(r"\\(?:(sub)?(sub)?section(\*?)\s*\{|begin\{(\w+\*?)\}|maketitle\b|newpage\b|clearpage\b"
                             r"|hypertarget\s*\{)")
        pos = 0
        while True:
            m = pattern.search(tex, pos)
            if not m:
                self.paragraphs(tex[pos:], left)
                return
            self.paragraphs(tex[pos:m.start()], left)
            word = m.group(0)
            if word.startswith("\\hypertarget"):  # \hypertarget{id}{% \section{...}\label{id}}: its content only
                _, after = _group(tex, m.end() - 1)
                inner, pos = _group(tex, _skip_space(tex, after)) if tex[_skip_space(tex, after):][:1] == "{" else ("", after)
                self.block(inner, left, depth)
            elif "section" in word:
                title, pos = _group(tex, m.end() - 1)
                self.section(_plain(title), 1 + bool(m.group(1)) + bool(m.group(2)), bool(m.group(3)))
            elif word.startswith("\\begin"):
                env = m.group(4)
                inner, pos = self.environment(tex, m.end(), env)
                self.env(env, inner, left, depth)
            elif word.startswith("\\maketitle"):
                self.maketitle()
                pos = m.end()
            else:
                self.sheet.add_page()
                pos = m.end()

    @staticmethod
    def environment(tex: str, start: int, env: str) -> tuple[str, int]:
        depth, i = 1, start
        opener, closer = "\\begin{" + env + "}", "\\end{" + env + "}"
        while depth:
            o, c = tex.find(opener, i), tex.find(closer, i)
            if c < 0:
                return tex[start:], len(tex)
            if 0 <= o < c:
                depth, i = depth + 1, o + len(opener)
            else:
                depth, i = depth - 1, c + len(closer)
        return tex[start:i - len(closer)], i

    def section(self, title: str, level: int, starred: bool) -> None:
        label = ""
        if self.numbered and not starred:
            self.counters[level - 1] += 1
            self.counters[level:] = [0] * (3 - level)
            label = ".".join(str(n) for n in self.counters[:level]) + "  "
        self.sheet.heading(label + title, {1: 11 if not self.numbered else 13, 2: 11.5, 3: 11}[level],
                           before=4, after=2)

    def maketitle(self) -> None:
        s = self.sheet
        s.space(8)
        for key, size in (("title", 17), ("author", 12), ("date", 12)):
            if self.title.get(key):
                s.font("", size)
                s.multi_cell(0, size * 0.5, _cp1252(self.title[key]), align="C", new_x="LMARGIN", new_y="NEXT")
                s.space(3)
        s.space(6)

    def env(self, env: str, inner: str, left: float, depth: int) -> None:
        s = self.sheet
        if env in ("enumerate", "itemize"):
            inner = re.sub(r"\\def\\labelenum\w*\{.*\}\s*", "", inner)
            parts = re.split(r"\\item\b\s*", inner)[1:]
            for n, part in enumerate(parts, start=1):
                marker = f"{n}." if env == "enumerate" else ("\u2022", "\u2013", "*")[depth % 3]
                nested = re.search(r"\\begin\{(enumerate|itemize)\}", part)
                head = part[:nested.start()] if nested else part
                s.ensure(s.lh)
                y = s.get_y()
                s.at(s.l_margin + left + 2, y, marker)
                s.set_y(y)
                runs = tex_inline(head.strip())
                if runs:
                    runs[0] = (runs[0][0], runs[0][1].lstrip())
                s.flow(runs, left=left + 9, after=1.2)
                if nested:
                    self.block(part[nested.start():], left + 9, depth + 1)
            s.space(1.5)
        elif env in ("displayquote", "quote", "quotation"):
            s.space(0.5)
            self.paragraphs(inner, left + 10)
        elif env == "center":
            for piece in re.split(r"\\par\b|\\\\|\n\s*\n", inner):
                size = next((v for k, v in _SIZES.items() if re.search(r"\\" + k + r"\b", piece)), None)
                text = _plain(re.sub(r"\\(" + "|".join(_SIZES) + r")\b", "", piece))
                if text:
                    s.font("", size or s.size)
                    s.multi_cell(0, (size or s.size) * 0.5, _cp1252(text), align="C", new_x="LMARGIN",
                                 new_y="NEXT")
                    s.space(2)
            s.space(6)
        elif env == "tabular":
            spec = inner.find("{")
            self.tabular(inner[_group(inner, spec)[1]:] if spec >= 0 and not inner[:spec].strip() else inner, left)
        else:
            self.block(inner, left, depth)

    def tabular(self, inner: str, left: float) -> None:
        """A table; two columns of bold labels over names (a signature block) get room to sign."""
        s = self.sheet
        rows = re.split(r"\\\\(?:\[[^\]]*\])?", inner)
        x0 = s.l_margin + left
        colw = (s.w - s.r_margin - x0) / 2
        for row in rows:
            cells = row.split("&")
            if re.search(r"\\vspace", row):
                s.space(14)
                continue
            texts = [tex_inline(c.strip()) for c in cells]
            if not any("".join(t for _, t in runs).strip() for runs in texts):
                continue
            s.row([(x0 + n * colw, colw - 4, _fold("".join(t for _, t in runs)),
                    "B" if runs and all(st == "B" for st, t in runs if t.strip()) else "")
                   for n, runs in enumerate(texts)], after=1)


def render_latex(text: str, sheet: Sheet) -> None:
    tex = re.sub(r"(?<!\\)%.*", "", text)  # comments
    macros = {}
    while m := re.search(r"\\(?:re)?newcommand\*?\{?\\(\w+)\}?\s*\{", tex):  # the document's own macros
        macros[m.group(1)], end = _group(tex, m.end() - 1)
        tex = tex[:m.start()] + tex[end:]
    for name, body in macros.items():
        tex = re.sub(r"\\" + name + r"(?![A-Za-z])(\{\})?", lambda _m, b=body: b, tex)
    fmt = re.search(r"\\titleformat\{\\section\}", tex)
    numbered = True
    if fmt:
        i = fmt.end()
        args = []
        for _ in range(2):
            i = tex.index("{", i)
            arg, i = _group(tex, i)
            args.append(arg)
        numbered = args[1].strip() != ""  # an empty label: sections are set without numbers
    title = {k: _plain(v) for k in ("title", "author", "date") if (v := _tex_arg(tex, k)) is not None}
    body = tex.split("\\begin{document}", 1)[-1].split("\\end{document}", 1)[0]
    _LatexWriter(sheet, numbered, title).block(body)


# --------------------------------------------------------------------------- Typst (DVD board template)

# What the DVD template (Datavetenskapsdivisionen's Template/Typst/DVD.typ) puts on the page around the
# source's own text: a header with the organ, the division and the union, "Styrelsemöte" and the date,
# and the board positions in the order deltagere(styrelsen: true, ...) lists the members.
DVD_HEAD = ("Styrelsen", "Datavetenskapsdivisionen", "Göta Studentkår")
DVD_POSITIONS = ("Ordförande", "Vice Ordförande", "Kassör", "SAMO", "Sekreterare")
DVD_SIGNERS = ("Mötesordförande", "Mötesekreterare", "Justerare")


def _typ_call(text: str, i: int) -> tuple[str, int]:
    """The argument list of a call whose '(' is at ``text[i]``, brackets balanced."""
    return _group(text, i, "(", ")")


def _typ_content(args: str) -> list[str]:
    """The [content] arguments of a call, in order."""
    out, i = [], 0
    while (j := args.find("[", i)) >= 0:
        inner, i = _group(args, j, "[", "]")
        out.append(_fold(inner))
    return out


def typ_inline(text: str, variables: dict) -> Runs:
    text = re.sub(r"#(\w+)\b(?![.(])", lambda m: variables.get(m.group(1), m.group(0)), text)
    runs: Runs = []
    for part in re.split(r"(\*[^*]+\*|(?<!\w)_[^_]+_(?!\w))", text):
        if part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append(("B", part[1:-1]))
        elif part.startswith("_") and part.endswith("_") and len(part) > 1:
            runs.append(("I", part[1:-1]))
        elif part:
            runs.append(("", part))
    return runs


def render_typst(text: str, sheet: Sheet) -> None:
    text = re.sub(r"(?m)^\s*//.*$", "", text)
    variables = {m.group(1): m.group(2) for m in re.finditer(r'#let\s+(\w+)\s*=\s*"([^"]*)"', text)}
    setup = re.search(r"#show:\s*setupDocument\.with\(", text)
    args = _typ_call(text, setup.end() - 1)[0] if setup else ""

    def arg(pattern: str) -> str:
        m = re.search(pattern, args)
        return m.group(1) if m else ""

    date = re.search(r"datetime\(\s*year:\s*(\d+),\s*month:\s*(\d+),\s*day:\s*(\d+)", args)
    day = datetime.date(*map(int, date.groups())).isoformat() if date else ""
    time = arg(r"time:\s*(\w+|\"[^\"]*\")")
    time = variables.get(time, time.strip('"'))
    title, place = arg(r'title:\s*"([^"]*)"'), arg(r'location:\s*"([^"]*)"')
    organ = arg(r"organ:\s*\[([^\]]*)\]") or DVD_HEAD[0]

    def header(s: Sheet) -> None:
        for n, line in enumerate((organ,) + DVD_HEAD[1:]):
            s.at(15, 10 + n * 4.5, line, size=9)
        s.at(0, 12, f"Styrelsemöte {title}".strip(), "B", 11, "C", s.w)
        s.at(0, 17, day[:4], size=10, align="C", w=s.w)
        s.at(150, 14.5, day, size=10, align="R", w=45)
        s.line(12, 25, s.w - 12, 25)
        s.set_y(34)

    def footer(s: Sheet) -> None:
        s.line(12, s.h - 30, s.w - 12, s.h - 30)
        s.at(0, s.h - 26, f"Sida {s.page_no()} av {{nb}}", size=9, align="C", w=s.w)

    sheet._header, sheet._footer = header, footer
    sheet.add_page()
    for label, value in (("Datum", day), ("Tid", time), ("Plats", place)):
        if value:
            sheet.flow([("B", label), ("", ": " + value)], after=0.5)
    sheet.space(4)

    body = text[_typ_call(text, setup.end() - 1)[1]:] if setup else text
    numbers = [0, 0]
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            for piece in " ".join(paragraph).split(" \\ "):
                sheet.flow(typ_inline(piece.rstrip(" \\"), variables), after=2.5)
            paragraph.clear()

    i = 0
    while i < len(body):
        eol = body.find("\n", i)
        eol = len(body) if eol < 0 else eol
        line = body[i:eol].strip()
        call = re.match(r"#(\w+(?:\.\w+)*)\s*(\()?", line)
        if call and call.group(2):  # a call, maybe over several lines
            start = i + body[i:eol].index("(")
            args, end = _typ_call(body, start)
            end_paragraph()
            typst_call(sheet, call.group(1), args, variables)
            i = end
            continue
        i = eol + 1
        if not line:
            end_paragraph()
        elif call:  # a template value such as #formalia.rundaBordet: stock text, not in the source
            end_paragraph()
        elif heading := re.match(r"(=+)\s+(.*)", line):
            end_paragraph()
            level = len(heading.group(1))
            label = ""
            if level <= 2:
                numbers[level - 1] += 1
                numbers[level:] = [0] * (2 - level)
                label = ".".join(str(n) for n in numbers[:level]) + "  "
            sheet.heading(label + heading.group(2), {1: 15, 2: 12.5}.get(level, 11),
                          before={1: 7, 2: 3}.get(level, 2), after={1: 5, 2: 2}.get(level, 1))
        else:
            paragraph.append(line)
    end_paragraph()


def typst_call(sheet: Sheet, name: str, args: str, variables: dict) -> None:
    s = sheet
    if name == "pagebreak":
        s.add_page()
    elif name == "deltagere":
        board = re.search(r"styrelsen:\s*true", args) is not None
        cells = _typ_content(args)
        people = list(zip(cells[0::2], cells[1::2]))
        s.flow([("B", "Styrelsemedlemmar" if board else "Övriga medlemmar"), ("", ":")], after=1)
        x, w = s.l_margin + 3, (s.w - s.l_margin - s.r_margin - 6)
        if board:
            head, rows, cols = ("Befattning", "Namn", "Närvarande"), [(p, n, a) for p, (n, a) in
                                                                     zip(DVD_POSITIONS, people)], 3
        else:
            head, rows, cols = ("Namn", "Närvarande"), people, 2
        colw = w / cols
        s.row([(x + k * colw, colw - 2, t, "B") for k, t in enumerate(head)])
        s.line(x, s.get_y() + 0.5, x + w, s.get_y() + 0.5)
        s.space(1.5)
        for r in rows:
            s.row([(x + k * colw, colw - 2, t, "") for k, t in enumerate(r)], after=1)
        s.line(x, s.get_y() + 0.5, x + w, s.get_y() + 0.5)
        s.space(6)
    elif name == "attSatser":
        for n, clause in enumerate(_typ_content(args), start=1):  # "1. Att | the clause"
            s.ensure(s.lh)
            y = s.get_y()
            s.at(s.l_margin + 2, y, f"{n}.")
            s.at(s.l_margin + 8, y, "Att", "B")
            s.set_y(y)
            s.flow(typ_inline(clause, variables), left=27, after=4)
    elif name == "signatures":
        stamma = re.search(r"stämma:\s*true", args) is not None
        roles = ("Mötesordförande", "Vice mötesordförande", "Mötesekreterare", "Justerare", "Justerare") \
            if stamma else DVD_SIGNERS
        colw = (s.w - s.l_margin - s.r_margin) / 2
        for role in roles:
            s.ensure(30)
            s.flow([("B", role)], after=8)
            y = s.get_y()
            for k, under in enumerate(("Underskrift", "Namnförtydligande")):
                x = s.l_margin + k * colw
                s.line(x, y, x + colw - 8, y)
                s.at(x, y + 1.5, under, size=10)
            s.set_y(y + 18)
    # other calls (blockqoute, blank, ...) carry no text of the minutes in this source


# --------------------------------------------------------------------------- municipal protocol (Kungsbacka)

_MUNI_LABELS = ("Plats och tid för justering", "Plats och tid för sammanträde", "Plats och tid för",
                "Justeringens plats och tid", "Plats och tid", "Beslutande", "Övriga närvarande",
                "Utses att justera", "Sekreterare", "Ordförande", "Protokolljusterare", "Justerande",
                "Paragrafer")
_MUNI_COLUMNS = ("Ledamöter", "Tjänstgörande ersättare", "Ersättare", "Tjänstepersoner", "Personalföreträdare",
                 "Övriga")
_MUNI_SIGNERS = ("Sekreterare", "Ordförande", "Protokolljusterare", "Justerande")
_MUNI_SUBHEADINGS = ("Beslut", "Jäv", "Sammanfattning av ärendet", "Beslutsunderlag", "Beslutsgång",
                     "Beslutet skickas till", "Förslag till beslut på sammanträdet", "Yrkanden",
                     "Reservation", "Protokollsanteckning", "Skäl för beslut", "Bakgrund", "Propositionsordning")
_NAME_START = re.compile(r"^[A-ZÅÄÖÉ][\w\u00c0-\u017f]+(?:-[A-ZÅÄÖ][\w\u00c0-\u017f]+)?"
                         r"(?: [A-ZÅÄÖÉ][\w\u00c0-\u017f]+(?:-[A-ZÅÄÖ]?[\w\u00c0-\u017f]+)?)+(?= \(|,|$)")


def _columns_in(line: str) -> Optional[list[str]]:
    """The column headings a line consists of ("Ledamöter   Tjänstgörande ersättare"), else None."""
    rest, found = line.strip(), []
    while rest:
        word = next((c for c in sorted(_MUNI_COLUMNS, key=len, reverse=True) if rest.startswith(c)), None)
        if not word:
            return None
        found.append(word)
        rest = rest[len(word):].strip()
    return found or None


def _muni_head(lines: list[str]) -> list[dict]:
    """The head page as blocks {label, value, columns: [(heading, [entries])]}, in order."""
    blocks: list[dict] = []
    entry_open = False
    for raw in lines:
        line = raw.strip()
        if not line:
            entry_open = False
            continue
        if blocks and blocks[-1]["label"] == "Plats och tid för" and line in ("sammanträde", "justering"):
            blocks[-1]["label"] += " " + line
            continue
        label = next((lab for lab in _MUNI_LABELS if line.startswith(lab + " ") or line == lab), None)
        if label:
            rest = line[len(label):].strip()
            block = {"label": label, "value": [], "columns": []}
            blocks.append(block)
            if "Paragrafer" in rest and label != "Paragrafer":  # a label on the right-hand side
                rest, para = rest.split("Paragrafer", 1)
                blocks.append({"label": "Paragrafer", "value": [para.strip()], "columns": [], "right": True})
                rest = rest.strip()
            columns = _columns_in(rest) if rest else None
            if columns:
                block["columns"] = [(c, []) for c in columns]
            elif rest:
                block["value"].extend(p.strip() for p in re.split(r"\s+(?=Klockan\b)", rest))
            entry_open = False
            continue
        current = next(b for b in reversed(blocks) if not b.get("right")) if blocks else None
        if current is None:
            continue
        columns = _columns_in(line)
        if columns:
            current["columns"].extend((c, []) for c in columns)
            entry_open = False
            continue
        if current["columns"]:
            starts = bool(_NAME_START.match(line))
            recent = current.get("recent")
            if starts or not entry_open or recent is None:
                # politicians (a party in brackets) stand in the first column, officials in the last
                political = re.match(r"^[^,(]+\(\w{1,3}\)", line) is not None
                cols = [c for c in current["columns"][-2:]] if len(current["columns"]) > 1 else current["columns"]
                target = cols[0] if political else cols[-1]
                target[1].append(line)
                current["recent"] = (target, len(target[1]) - 1)
            else:
                target, k = recent
                target[1][k] += " " + line
            entry_open = True
        else:
            current["value"].append(line)
    return blocks


def _muni_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """(the page's own lines, its footer lines): the running head and the signing notice taken off."""
    body, foot = [], []
    head = 0
    for n, line in enumerate(lines[:6]):
        if re.match(r"^\s*(KUNGSBACKA KOMMUN|Datum\s*$|\d{4}-\d{2}-\d{2}\s*$)", line) or \
                (n and lines[n - 1].lstrip().startswith("KUNGSBACKA")):
            head = n + 1
    for line in lines[head:]:
        if re.match(r"^(Det här dokumentet är digitalt signerat|Transaktionsidentitet:)", line.strip()):
            foot.append(line.strip())
        else:
            body.append(line)
    return body, foot


def render_municipal(text: str, sheet: Sheet) -> None:
    meta = dict(re.findall(r"(?m)^(\w+):\s*(.*)$", text.split("\n---", 1)[0])) if text.startswith("---") else {}
    text = strip_front_matter(text)
    pages = [p for p in re.split(r"<!--\s*sida\s*\d+\s*-->", text) if p.strip()]
    first = pages[0].splitlines() if pages else []
    top = [ln for ln in first[:8] if ln.strip()]
    municipality = re.split(r"\s{2,}", top[0].strip())[0] if top else meta.get("kommun", "").upper()
    kind = re.split(r"\s{2,}", top[0].strip())[-1] if top else "SAMMANTRÄDESPROTOKOLL"
    organ = top[1].strip() if len(top) > 1 else ""
    date = meta.get("datum") or next((ln.strip() for ln in top if re.match(r"^\d{4}-\d{2}-\d{2}$", ln.strip())), "")
    state = {"foot": []}

    def header(s: Sheet) -> None:
        s.at(20, 14, municipality, "B", 14)
        s.at(120, 14, kind, "B", 12)
        s.at(120, 19.5, "Datum", size=7)
        s.at(120, 22.5, date, size=10)
        s.at(20, 27, organ, "B", 12)
        s.line(20, 33, 190, 33)
        s.set_y(39)

    def footer(s: Sheet) -> None:
        for n, line in enumerate(state["foot"]):
            s.at(20, s.h - 22 + n * 3.6, line, size=7.5)
        s.at(170, s.h - 15, f"{s.page_no()} ({{nb}})", size=9, align="R", w=20)

    sheet._header, sheet._footer = header, footer
    for page in pages:  # a page of the source begins a page
        lines, foot = _muni_furniture(page.splitlines())
        sheet.add_page()  # (closes the page before, with its own footer)
        state["foot"] = foot
        if any(ln.strip().startswith(("Plats och tid", "Beslutande")) for ln in lines):
            _muni_head_page(sheet, lines)
        elif next((ln.strip() for ln in lines if ln.strip()), "") == "Innehåll":
            _muni_contents(sheet, lines)
        else:
            _muni_paragraphs(sheet, lines)


def _muni_head_page(s: Sheet, lines: list[str]) -> None:
    blocks = _muni_head(lines)
    x_label, x_value, x_col2, right = 20, 60, 126, 190
    signers = [b for b in blocks if b["label"] in _MUNI_SIGNERS]
    paragraphs = next((b for b in blocks if b["label"] == "Paragrafer"), None)
    size = 9
    for b in blocks:
        if b in signers or b is paragraphs:
            continue
        y0 = s.get_y()
        s.line(x_label - 2, y0, right, y0)
        s.space(1.5)
        y = s.get_y()
        s.row([(x_label, x_value - x_label - 3, b["label"], "B")], size=size)
        label_end = s.get_y()
        s.set_y(y)
        if b["value"]:
            s.row([(x_value, right - x_value, "\n".join(b["value"]), "")], size=size)
        columns = b["columns"]
        if columns:
            pairs = [columns[k:k + 2] for k in range(0, len(columns), 2)]
            for pair in pairs:
                s.row([(x, right - x_col2 - 2, heading, "I") for x, (heading, _) in zip((x_value, x_col2), pair)],
                      size=size)
                s.row([(x, (x_col2 - x_value - 3) if x == x_value else (right - x_col2 - 1), "\n".join(entries), "")
                       for x, (_, entries) in zip((x_value, x_col2), pair)], size=size, after=2.5)
        s.set_y(max(s.get_y(), label_end) + 1.5)
    s.line(x_label - 2, s.get_y(), right, s.get_y())
    s.space(4)
    s.ensure(14 * len(signers))
    for k, b in enumerate(signers):  # the signing block: label | a rule to sign on, the name under it
        y = s.get_y()
        s.at(x_label, y + 4, b["label"], size=size)
        s.line(x_value, y + 7, x_value + 62, y + 7)
        s.at(x_value, y + 8.5, " ".join(b["value"]), size=size)
        if k == 0 and paragraphs:
            s.at(x_col2 + 8, y + 4, "Paragrafer", "B", size)
            s.at(x_col2 + 30, y + 4, " ".join(paragraphs["value"]), size=size)
        s.set_y(y + 14)


def _muni_contents(s: Sheet, lines: list[str]) -> None:
    s.heading("Innehåll", 13, before=2, after=4)
    entry: list[str] = []

    def emit() -> None:
        if not entry:
            return
        head, title = entry[0], " ".join(entry[1:])
        m = re.match(r"(.*?)\s*\.{3,}\s*(\d+)\s*$", title)
        title, page = (m.group(1), m.group(2)) if m else (title, "")
        s.row([(20, 60, head, "B")], size=10)
        s.font("", 10)
        lines = s.multi_cell(150, 4.7, _cp1252(title), dry_run=True, output="LINES")
        # fpdf2 returns the lines already encoded for the core font (cp1252 bytes read as
        # latin-1); written again as they are, a "–" would be encoded twice and refused.
        lines = [line.encode("latin-1").decode("cp1252") for line in lines]
        if page:  # the last line of the title runs out in leader dots to the page number
            room = 172 - 20 - s.get_string_width(lines[-1] + " ")
            lines[-1] += " " + "." * max(3, int(room / s.get_string_width(".")))
        s.row([(20, 160, "\n".join(lines), "")], size=10, after=0)
        if page:
            s.at(176, s.get_y() - 4.7, page, size=10, align="R", w=12)
        s.space(4)
        entry.clear()

    for line in lines:
        line = line.strip()
        if line == "Innehåll":
            continue
        if line.startswith("§"):
            emit()
        if line:
            entry.append(line)
    emit()


def _muni_paragraphs(s: Sheet, lines: list[str]) -> None:
    stripped = [ln.strip() for ln in lines]
    k = 0
    while k < len(stripped):
        line = stripped[k]
        if not line:
            k += 1
            continue
        m = re.match(r"^(§\s*\d+\s*\w?)\s*(Dnr\s+.*)?$", line)
        if m:  # "§ 137   Dnr BN-2023-00211", then the title up to the first blank line
            s.ensure(30)
            s.space(2)
            y = s.get_y()
            s.at(20, y, m.group(1), "B", 12)
            if m.group(2):
                s.at(120, y, m.group(2), size=10)
            s.set_y(y + 7)
            title = []
            k += 1
            while k < len(stripped) and stripped[k]:
                title.append(stripped[k])
                k += 1
            s.heading(" ".join(title), 12, before=0, after=3)
            continue
        if line in _MUNI_SUBHEADINGS:
            s.heading(line, 10.5, before=2, after=1)
            k += 1
            continue
        # a paragraph: a long line was wrapped by the page and goes on; a short one ends a line
        text, k = line, k + 1
        while k < len(stripped) and stripped[k] and stripped[k] not in _MUNI_SUBHEADINGS:
            text += (" " if len(stripped[k - 1]) >= 60 else "\n") + stripped[k]
            k += 1
        for piece in text.split("\n"):
            s.flow(piece, size=10, after=0.6)
        s.space(2.5)


# --------------------------------------------------------------------------- entry point


def kind_of(source: Path, text: str) -> str:
    suffix = source.suffix.lower()
    if suffix == ".tex":
        return "latex"
    if suffix == ".typ":
        return "typst"
    if suffix == ".md" and re.search(r"(?m)^kommun:", text.split("\n---", 1)[0]) and "<!-- sida" in text:
        return "municipal"
    return "markdown"


def render(source_path: str | Path, pdf_path: str | Path) -> Path:
    """Lay out the text source at ``source_path`` as a PDF at ``pdf_path``."""
    source = Path(source_path)
    text = source.read_text(encoding="utf-8")
    kind = kind_of(source, text)
    if kind == "municipal":
        sheet = Sheet(family="Helvetica", size=10, margins=(20, 20, 20), bottom=28)
        render_municipal(text, sheet)
    elif kind == "typst":
        sheet = Sheet(size=11, margins=(22, 30, 22), bottom=35)
        render_typst(text, sheet)
    else:
        sheet = Sheet(size=11, margins=(28, 28, 28), bottom=28, footer=_page_number_footer)
        sheet.add_page()
        (render_latex if kind == "latex" else render_markdown)(text, sheet)
    return sheet.save(pdf_path)


def text_sources(docs: Path = SHARED_DOCS) -> dict[str, Path]:
    """id -> source file for the text sources listed in ``SOURCES.tsv``."""
    rows = (docs.parent / "SOURCES.tsv").read_text("utf-8").splitlines()
    keys = rows[0].split("\t")
    out = {}
    for row in rows[1:]:
        rec = dict(zip(keys, row.split("\t")))
        if rec.get("kind") == "text":
            out[rec["id"]] = docs / rec["file"]
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--all":
        target = Path(sys.argv[2])
        target.mkdir(parents=True, exist_ok=True)
        for ident, src in text_sources().items():
            print(render(src, target / f"{ident}.pdf"))
    elif len(sys.argv) == 3:
        print(render(sys.argv[1], sys.argv[2]))
    else:
        sys.exit("usage: render_sources.py SOURCE OUT.pdf | --all OUT_DIR")
