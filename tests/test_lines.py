"""Lines as data and the line-role layer: features, projection of a gold file, training, decoding,
and the `protokoll lines` / `protokoll train-lines` commands run as a user runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO
from pdf_factory import write_pdf

from extractor.layout import find_layout
from extractor.line_roles import ROLES, _Weights, allowed, decode, predict
from extractor.training.lines import annotate, project, read_annotations, read_pages_cached, train, training_sequences
from extractor.lines import LineRecord, features, records
from extractor.segment import regions_from_roles, segment
from extractor.read_pages import read_document


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    # Line records are cached per user; a test keeps its own.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _minutes(path, chair="Vera Holmqvist", secretary="Nils Åberg", items=("Mötets öppnande", "Budget", "Övriga frågor")):
    rows = [
        [(20, "**Protokoll fört vid styrelsemöte i Brf Lönnen")],
        [(20, "Datum"), (60, "2023-10-05")],
        [(20, "Närvarande"), (60, f"{chair}, ordförande")],
        [(60, f"{secretary}, sekreterare")],
        [(60, "Tove Lindqvist, ledamot")],
        [],
    ]
    for number, title in enumerate(items, start=1):
        rows += [[(20, f"**§ {number} {title}")], [(20, "Frågan diskuterades och alla fick säga sitt.")]]
        if title == "Budget":
            rows += [[(20, "**Beslut")], [(20, "Att anta budgeten för nästa år.")]]
        rows.append([])
    rows += [[(20, "Vid protokollet"), (110, "Justeras")], [], [(20, secretary), (110, chair)]]
    return write_pdf(path, [rows])


def _gold(chair="Vera Holmqvist", secretary="Nils Åberg", items=("Mötets öppnande", "Budget", "Övriga frågor")):
    return {
        "document_type": "protokoll",
        "participants": [{"name": chair}, {"name": secretary}, {"name": "Tove Lindqvist"}],
        "items": [
            {"number": str(n), "title": t, "decisions": [{"text": "Att anta budgeten för nästa år."}] if t == "Budget" else []}
            for n, t in enumerate(items, start=1)
        ],
        "signatures": [{"name": secretary, "role": "sekreterare"}, {"name": chair, "role": "ordförande"}],
    }


def _records(pdf) -> list[LineRecord]:
    return records(find_layout(read_document(pdf)))


def test_projection_gives_each_part_of_the_minutes_its_role(tmp_path):
    lines = _records(_minutes(tmp_path / "m.pdf"))
    roles = dict(zip((l.text.replace("\t", " | ") for l in lines), project(lines, _gold())))
    assert roles["Närvarande | Vera Holmqvist, ordförande"] == "attendance_entry"
    assert roles["§ 2 Budget"] == "item_heading"
    assert roles["Beslut"] == "decision_heading"
    assert roles["Att anta budgeten för nästa år."] == "decision_text"
    assert roles["Vid protokollet | Justeras"] == "signing_label"
    assert roles["Nils Åberg | Vera Holmqvist"] == "signing_name"
    assert roles["1 (1)"] == "furniture"
    assert set(roles.values()) <= set(ROLES)


def test_features_are_relative_to_the_document(tmp_path):
    lines = _records(_minutes(tmp_path / "m.pdf"))
    rows = dict(zip((l.text for l in lines), features(lines)))
    heading, text = rows["§ 2 Budget"], rows["Frågan diskuterades och alla fick säga sitt."]
    assert heading["bold"] and not text["bold"]
    assert heading["number"] == "§ N" and heading["run"] == "next"
    assert rows["§ 1 Mötets öppnande"]["run"] == "start"
    assert text["number"] == "none" and text["end"] == "."
    assert rows["Närvarande\tVera Holmqvist, ordförande"]["cue:starts_present"]
    assert rows["Nils Åberg\tVera Holmqvist"]["names"] == "2"
    # A record survives a round trip through JSON, as the cache and training keep it.
    assert LineRecord.from_dict(json.loads(json.dumps(lines[0].to_dict()))) == lines[0]


def test_decoding_never_leaves_an_appendix_or_puts_a_title_after_the_items():
    labels = ("title", "item_heading", "appendix")
    # Emissions that, unconstrained, would go title -> item -> appendix -> item -> title.
    wanted = ["title", "item_heading", "appendix", "item_heading", "title"]
    state = {f"x{i}": {want: 5.0} for i, want in enumerate(wanted)}
    weights = _Weights(labels=labels, transitions={}, state=state)
    path = decode([{f"x{i}": 1.0} for i in range(5)], weights)
    assert path[:2] == ["title", "item_heading"]
    assert all(allowed(a, b) for a, b in zip(path, path[1:]))
    assert "title" not in path[2:]
    # Without the constraints the same weights give the forbidden sequence.
    assert [max(state[f"x{i}"], key=state[f"x{i}"].get) for i in range(5)] == wanted
    assert allowed("appendix", "signing_name") and not allowed("item_text", "title")
    assert allowed("furniture", "title") and allowed("appendix", "furniture")


def test_each_line_carries_the_region_the_rules_proposed(tmp_path):
    lines = _records(_minutes(tmp_path / "m.pdf"))
    region = {l.text: l.region for l in lines}
    assert region["Närvarande\tVera Holmqvist, ordförande"] == "head"
    assert region["§ 2 Budget"] == "item_start"
    assert region["Att anta budgeten för nästa år."] == "item_body"
    assert region["Nils Åberg\tVera Holmqvist"] == "signing"
    assert region["1 (1)"] == "none"  # the page number is furniture, in no region
    rows = dict(zip((l.text for l in lines), features(lines)))
    assert rows["§ 2 Budget"]["region"] == "item_start" and rows["§ 2 Budget"]["next:region"] == "item_body"


def test_regions_follow_the_roles_and_keep_the_rules_reading_of_a_heading(tmp_path):
    document = find_layout(read_document(_minutes(tmp_path / "m.pdf", items=("Mötets öppnande", "Budget", "Lokalen"))))
    lines, proposed = document.lines(), segment(document)
    roles = ["head"] * len(lines)
    for i, line in enumerate(lines):
        if line.text.startswith("§"):
            roles[i] = "item_heading"
        elif line.text.startswith("Vid protokollet") or line.text.startswith("Nils"):
            roles[i] = "signing_label" if line.text.startswith("Vid") else "signing_name"
        elif i and roles[i - 1] != "head":
            roles[i] = "item_text"
    # The model holds the second item's discussion for a heading of its own, which the rules did not.
    discussion = next(i for i, l in enumerate(lines) if l.text.startswith("Frågan") and roles[i - 1] == "item_heading"
                      and "Budget" in lines[i - 1].text)
    roles[discussion] = "item_heading"
    roles[discussion + 1] = "item_text"
    found = regions_from_roles(lines, roles, proposed)
    assert [item.title for item in found.items] == [item.title for item in proposed.items]
    assert found.items[1].heading is proposed.items[1].heading
    assert [l.text for l in found.signing] == [l.text for l in proposed.signing]
    # Only the run's first line starts an item; the rules' title and body boundaries hold.
    assert len(found.items) == 3
    no_items = regions_from_roles(lines, ["head"] * len(lines), proposed)
    assert no_items.items == [] and no_items.head == lines


def test_pages_read_once_are_cached_as_they_were_read(tmp_path):
    pdf = _minutes(tmp_path / "m.pdf")
    first = read_pages_cached(pdf, tmp_path / "pages")
    assert first == read_document(pdf)
    assert len(list((tmp_path / "pages").glob("*.pages.json"))) == 1
    assert read_pages_cached(pdf, tmp_path / "pages") == first


def test_a_model_trained_on_projected_minutes_tags_other_minutes(tmp_path):
    sequences = []
    for k, (chair, secretary) in enumerate([("Vera Holmqvist", "Nils Åberg"), ("Maja Ek", "Olof Sand"), ("Lars Rudin", "Ebba Falk")]):
        items = ("Mötets öppnande", "Budget", "Övriga frågor", "Mötets avslutande")[: 3 + k % 2]
        lines = _records(_minutes(tmp_path / f"m{k}.pdf", chair, secretary, items))
        sequences.append((lines, project(lines, _gold(chair, secretary, items))))
    model = train(sequences, tmp_path / "roles.crfsuite")
    unseen = _records(_minutes(tmp_path / "new.pdf", "Ida Stål", "Karl Brand", ("Mötets öppnande", "Budget", "Lokalen", "Avslutning")))
    roles = dict(zip((l.text for l in unseen), predict(unseen, model)))
    assert roles["§ 3 Lokalen"] == "item_heading"
    assert roles["Att anta budgeten för nästa år."] == "decision_text"
    assert roles["Karl Brand\tIda Stål"] == "signing_name"


def test_annotations_are_kept_by_id_and_refused_when_the_layout_changed(tmp_path):
    docs, gold, out = tmp_path / "docs", tmp_path / "gold", tmp_path / "lines"
    docs.mkdir(), gold.mkdir()
    _minutes(docs / "a.pdf")
    (gold / "a.json").write_text(json.dumps(_gold()), "utf-8")
    assert annotate(docs, gold, out, ["a"], workers=1) == {"a": len(_records(docs / "a.pdf"))}
    lines = _records(docs / "a.pdf")
    assert read_annotations(out / "a.jsonl", lines) == project(lines, _gold())
    lines[3].text = "Någon annan text"
    assert read_annotations(out / "a.jsonl", lines) is None
    sequences, stale = training_sequences(docs, out, ["a"], workers=1)
    assert list(sequences) == ["a"] and stale == []


def test_a_persons_checked_roles_survive_a_change_to_one_line(tmp_path):
    docs, gold, out = tmp_path / "docs", tmp_path / "gold", tmp_path / "lines"
    docs.mkdir(), gold.mkdir()
    _minutes(docs / "a.pdf")
    (gold / "a.json").write_text(json.dumps(_gold()), "utf-8")
    annotate(docs, gold, out, ["a"], workers=1)
    # A person checks every line and corrects one role the projection gave.
    rows = [json.loads(line) for line in (out / "a.jsonl").read_text("utf-8").splitlines()]
    rows[1]["role"] = "title"
    out.joinpath("a.jsonl").write_text("".join(json.dumps({**row, "checked": True}) + "\n" for row in rows), "utf-8")
    # The reading changes one line's text (here: the secretary's name everywhere it stands).
    _minutes(docs / "a.pdf", secretary="Nils Åbergh")
    (gold / "a.json").write_text(json.dumps(_gold(secretary="Nils Åbergh")), "utf-8")
    assert annotate(docs, gold, out, ["a"], workers=1) == {"a": 2}
    kept = [json.loads(line) for line in (out / "a.jsonl").read_text("utf-8").splitlines()]
    assert kept[1]["role"] == "title" and kept[1]["checked"]
    assert [row["id"] for row in kept if not row.get("checked")] == [
        row["id"] for row, new in zip(rows, _records(docs / "a.pdf")) if "Åbergh" in new.text]


def _protokoll(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=600)


def test_lines_command_prints_every_line_with_an_id_features_and_a_role():
    done = _protokoll("lines", "examples/styrelsemote-exempel.pdf", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len({row["id"] for row in rows}) == len(rows) > 20
    assert all(row["role"] in ROLES and row["features"] for row in rows)
    table = _protokoll("lines", "examples/styrelsemote-exempel.pdf")
    assert table.returncode == 0 and "p1-l0" in table.stdout


def test_train_lines_command_projects_gold_and_writes_a_model(tmp_path):
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir(), gold.mkdir()
    _minutes(docs / "a.pdf")
    (gold / "a.json").write_text(json.dumps(_gold()), "utf-8")
    model = tmp_path / "model.crfsuite"
    done = _protokoll("train-lines", "--docs", str(docs), "--gold", str(gold), "--lines", str(tmp_path / "lines"),
                      "-o", str(model), "-j", "1")
    assert done.returncode == 0, done.stderr
    assert model.is_file() and "trained on 1 documents" in done.stdout
    # Leaving each organisation out: one model per organisation, trained on the others' documents.
    _minutes(docs / "b.pdf", "Maja Ek", "Olof Sand")
    (gold / "b.json").write_text(json.dumps(_gold("Maja Ek", "Olof Sand")), "utf-8")
    sources = tmp_path / "SOURCES.tsv"
    sources.write_text("id\tkind\torg\na\tborn-digital\tlonnen\nb\tborn-digital\teken\n", "utf-8")
    folds = _protokoll("train-lines", "--docs", str(docs), "--gold", str(gold), "--lines", str(tmp_path / "lines"),
                       "-o", str(model), "-j", "1", "--leave-one-org-out", str(sources))
    assert folds.returncode == 0, folds.stderr
    assert "lonnen" in folds.stdout and "eken" in folds.stdout and "leaving each organisation out: mean" in folds.stdout
    empty = _protokoll("train-lines", "--docs", str(tmp_path), "--lines", str(tmp_path / "none"), "-o", str(model))
    assert empty.returncode == 2 and "no annotated documents" in empty.stderr


def test_shipped_annotations_cover_the_corpus_with_known_roles():
    files = sorted((REPO / "corpus" / "lines").glob("*.jsonl"))
    assert len(files) >= 52
    for f in files:
        rows = [json.loads(line) for line in f.read_text("utf-8").splitlines()]
        assert rows and {row["role"] for row in rows} <= set(ROLES), f.name


def test_eval_finds_regions_by_roles_with_each_fold_trained_without_its_organisation(tmp_path):
    docs, gold, lines = tmp_path / "docs", tmp_path / "gold", tmp_path / "lines"
    docs.mkdir(), gold.mkdir()
    people = {"a": ("Vera Holmqvist", "Nils Åberg"), "b": ("Maja Ek", "Olof Sand"), "c": ("Lars Rudin", "Ebba Falk")}
    for name, (chair, secretary) in people.items():
        _minutes(docs / f"{name}.pdf", chair, secretary)
        (gold / f"{name}.json").write_text(json.dumps(_gold(chair, secretary)), "utf-8")
    sources = tmp_path / "SOURCES.tsv"
    sources.write_text("id\tkind\torg\na\tborn-digital\tlonnen\nb\tborn-digital\teken\nc\tborn-digital\teken\n", "utf-8")
    made = _protokoll("train-lines", "--docs", str(docs), "--gold", str(gold), "--lines", str(lines),
                      "-o", str(tmp_path / "all.crfsuite"), "-j", "1")
    assert made.returncode == 0, made.stderr
    report = tmp_path / "report.json"
    done = _protokoll("eval", "--docs", str(docs), "--gold", str(gold), "--kind-file", str(sources), "--leave-one-org-out",
                      "--regions", "roles", "--lines", str(lines), "--workers", "1", "--json", str(report))
    assert done.returncode == 0, done.stderr
    loo = json.loads(report.read_text("utf-8"))["leave_one_org_out"]
    assert set(loo["organisations"]) == {"lonnen", "eken"}
    assert loo["organisations"]["lonnen"]["overall_f1"] > 0.5
    # Without annotated lines no fold can be trained, and the shipped model has seen every organisation.
    refused = _protokoll("eval", "--docs", str(docs), "--gold", str(gold), "--kind-file", str(sources),
                         "--leave-one-org-out", "--regions", "roles", "--lines", str(tmp_path / "none"))
    assert refused.returncode == 2 and "no annotated lines" in refused.stderr
