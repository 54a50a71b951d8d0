"""Assignments: who is given which task, in decisions, action lists and lists of responsibilities."""
from __future__ import annotations

import pytest

from extractor.fields.items import action_points, assignments, item_fields, task_lists
from extractor.segment import ItemSegment
from tests.test_items import make_lines


def pairs(found) -> list[tuple[str, str]]:
    return [(a.assignee, a.task) for a in found]


@pytest.mark.parametrize(
    "decision, expected",
    [
        ("Att uppdra till kultur- och fritidsförvaltningen att utreda öppettiderna.", [("kultur- och fritidsförvaltningen", "utreda öppettiderna")]),
        ("Nämnden ger miljöenheten i uppdrag att inventera dagvattnet.", [("miljöenheten", "inventera dagvattnet")]),
        ("Det beslutades att alla får till uppgift att läsa in sig på stadgan.", [("alla", "läsa in sig på stadgan")]),
        ("att valberedningen åläggs att ta fram en kandidat till hösten", [("valberedningen", "ta fram en kandidat till hösten")]),
        ("Mötet beslutade att kassören ges i uppgift att öppna ett nytt konto.", [("kassören", "öppna ett nytt konto")]),
        ("Ingrid ansvarar för att boka bussen.", [("Ingrid", "boka bussen")]),
        ("Beslöts att bifalla motionen att överlåta åt revisorerna att granska avtalet.", [("revisorerna", "granska avtalet")]),
        ("Att Malte tar fram en ny logotyp till våren.", [("Malte", "tar fram en ny logotyp till våren")]),
        ("Sixten Berg väljs enhälligt till inspektor.", []),
        ("Yrkandet från Maja Ek (S) avslogs.", []),
        ("Protokollet läggs till handlingarna (Bilaga 2).", []),
    ],
)
def test_tasks_given_in_decisions(decision, expected):
    assert pairs(assignments([decision])) == expected


def test_action_list_names_who_takes_each_point():
    lines = make_lines([
        "Gruppen gick igenom läget.", "Att göra:", "Boka lokal till höstmötet (Karin)", "Beställ fika. Ansvarig: Lena",
        "Tore lägger upp en lista och den ska sedan granskas av alla.", "Skicka ut kallelsen i god tid.",
    ])
    points = action_points(lines, text_right=400.0)
    assert pairs(assignments([], tasks=points)) == [
        ("Karin", "Boka lokal till höstmötet"), ("Lena", "Beställ fika"), ("Tore", "lägger upp en lista"),
    ]


def test_action_heading_with_the_point_on_its_own_line():
    lines = make_lines(["Actionpunkter: Sanna skickar protokollet till alla."])
    assert pairs(assignments([], tasks=action_points(lines))) == [("Sanna", "skickar protokollet till alla")]


def test_list_of_responsibilities_below_a_decision():
    heading, *body = make_lines([
        "7. Ansvarsområden", "Styrelsen utser ansvariga för vårstädningen av gården.", "• Tove: Förrådet", "• Wiik: Cykelrummet och soprummet",
    ])
    item = ItemSegment(number="7", heading=heading, title="Ansvarsområden", title_lines=[heading], body=body, text_right=400.0)
    fields = item_fields(item)
    assert [d.text for d in fields.decisions] == ["Styrelsen utser ansvariga för vårstädningen av gården."]
    assert pairs(fields.assignments) == [("Tove", "Förrådet"), ("Wiik", "Cykelrummet och soprummet")]


def test_a_list_below_a_decision_that_hands_out_nothing_gives_no_tasks():
    lines = make_lines(["Styrelsen godkände inköpen.", "• Kaffe: 300 kr", "• Bord: 1 200 kr"])
    assert task_lists(lines) == []
    assert pairs(assignments([], listed=task_lists(lines))) == []
