"""Regenerate examples/styrelsemote-exempel.pdf: invented minutes of a housing
association's board meeting, laid out like real ones (no real document copied).

Run: python examples/make_example.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from pdf_factory import write_pdf  # noqa: E402

PAGE_1 = [
    [(20, "**Brf Ekbacken i Uppsala")],
    [(20, "**Protokoll fört vid styrelsemöte nr 4")],
    [],
    [(20, "Tid"), (60, "Tisdagen den 12 mars 2024 kl. 18.30-20.15")],
    [(20, "Plats"), (60, "Föreningslokalen, Ekbacksvägen 12")],
    [],
    [(20, "Närvarande"), (60, "Karin Lund"), (110, "ordförande")],
    [(60, "Per Ekström"), (110, "kassör")],
    [(60, "Sofia Nyberg"), (110, "ledamot, sekreterare")],
    [(60, "Ahmed Karimi"), (110, "ledamot")],
    [(60, "Lena Holm"), (110, "suppleant")],
    [(20, "Frånvarande"), (60, "Johan Berg"), (110, "ledamot")],
    [],
    [(20, "**§ 1 Mötets öppnande")],
    [(20, "Ordföranden förklarade mötet öppnat.")],
    [(20, "**§ 2 Val av justerare")],
    [(20, "Till justerare valdes Ahmed Karimi.")],
    [(20, "**§ 3 Föregående protokoll")],
    [(20, "Protokollet från den 6 februari gicks igenom och lades till handlingarna.")],
    [(20, "**§ 4 Ekonomi")],
    [(20, "Per Ekström redovisade resultatet för januari och februari. Likviditeten är god.")],
    [(20, "**Beslut")],
    [(20, "Att godkänna den ekonomiska rapporten.")],
    [(20, "**§ 5 Fasadrenovering")],
    [(20, "Två offerter har kommit in. Styrelsen diskuterade tidplan och finansiering.")],
    [(20, "**Beslut")],
    [(20, "Att uppdra åt Karin att begära in en tredje offert före nästa möte.")],
    [(20, "Att uppdra till Per Ekström att ta fram en finansieringsplan.")],
]
PAGE_2 = [
    [(20, "**§ 6 Övriga frågor")],
    [(20, "Lena Holm tog upp frågan om cykelrummet. Frågan bordläggs till nästa möte.")],
    [(20, "**§ 7 Nästa möte")],
    [(20, "Nästa möte är tisdagen den 9 april kl. 18.30 i föreningslokalen.")],
    [(20, "**§ 8 Mötets avslutande")],
    [(20, "Ordföranden avslutade mötet.")],
    [],
    [(20, "Vid protokollet"), (110, "Justeras")],
    [],
    [(20, "Sofia Nyberg"), (110, "Ahmed Karimi")],
    [],
    [(20, "Ordförande")],
    [(20, "Karin Lund")],
]

if __name__ == "__main__":
    out = write_pdf(HERE / "styrelsemote-exempel.pdf", [PAGE_1, PAGE_2])
    print(out)
