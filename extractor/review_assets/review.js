"use strict";
// The review page: the pages with a box over every value that has evidence, the document as a
// form beside them, and the corrected document saved as JSON. No library: it opens from disk.
(function () {
  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const state = JSON.parse(JSON.stringify(DATA.minutes));
  const pagesById = new Map(DATA.pages.map((p) => [p.number, p]));
  const $ = (sel) => document.querySelector(sel);
  const DATE = /^\d{4}-\d{2}-\d{2}$/, TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
  const MEETING = [
    ["organisation", "Organisation", null], ["body", "Organ", null], ["date", "Datum", DATE],
    ["start_time", "Början", TIME], ["end_time", "Slut", TIME], ["place", "Plats", null], ["number", "Nummer", null],
  ];
  let values = [];        // every value shown, in reading order of the form: {vid, kind, text, evidence}
  let current = null;     // the vid marked
  let drawing = false;

  // ------------------------------------------------------------------ state access
  function at(path) { return path.reduce((o, k) => (o == null ? o : o[k]), state); }
  function put(path, value) { at(path.slice(0, -1))[path[path.length - 1]] = value; }
  function meetingTarget(key) { return key === "organisation" || key === "body" ? [key] : ["meeting", key]; }
  function meetingEvidence() { return (state.meeting && state.meeting.evidence) || {}; }

  function collect() {
    const found = [];
    for (const [key, label] of MEETING) {
      found.push({ vid: "meeting." + key, kind: "meeting", label, text: () => at(meetingTarget(key)), evidence: meetingEvidence()[key] });
    }
    (state.participants || []).forEach((p, i) => found.push({ vid: "participants." + i, kind: "participant", label: "Deltagare", text: () => p.name, evidence: p.evidence }));
    (state.items || []).forEach((item, i) => {
      found.push({ vid: "items." + i, kind: "item", label: "Ärende", text: () => [item.number, item.title].filter(Boolean).join(" "), evidence: item.evidence });
      (item.decisions || []).forEach((d, j) => found.push({ vid: `items.${i}.decisions.${j}`, kind: "decision", label: "Beslut", text: () => d.text, evidence: d.evidence }));
    });
    (state.signatures || []).forEach((s, i) => found.push({ vid: "signatures." + i, kind: "signature", label: "Underskrift", text: () => s.name, evidence: s.evidence }));
    return found;
  }
  const boxed = (v) => v.evidence && v.evidence.box && pagesById.has(v.evidence.page);

  // ------------------------------------------------------------------ pages and boxes
  function pct(v, whole) { return (100 * v / whole).toFixed(3) + "%"; }
  function place(el, box, page) {
    el.style.left = pct(box[0], page.width); el.style.top = pct(box[1], page.height);
    el.style.width = pct(Math.max(box[2] - box[0], 1), page.width); el.style.height = pct(Math.max(box[3] - box[1], 1), page.height);
  }

  function buildPages() {
    const holder = $("#pages");
    for (const page of DATA.pages) {
      const div = document.createElement("div");
      div.className = "page"; div.id = "page-" + page.number; div.dataset.page = page.number;
      const img = document.createElement("img");
      img.src = page.image; img.alt = "Sida " + page.number; img.draggable = false;
      img.style.aspectRatio = `${page.width} / ${page.height}`;
      const label = document.createElement("span");
      label.className = "label"; label.textContent = page.number;
      div.append(img, label);
      holder.append(div);
      div.addEventListener("mousedown", (e) => startSketch(e, div, page));
    }
  }

  function drawBoxes() {
    document.querySelectorAll(".box").forEach((b) => b.remove());
    // The smaller box on top: a name inside a decision's box, a decision inside its item's, each
    // stays clickable.
    // Two values read from the same words (a name and the sentence that elects it) get boxes one
    // inside the other, so that both can be clicked.
    const seen = new Map(), shown = new Map();
    for (const v of values.filter(boxed)) {
      const key = `${v.evidence.page}:${v.evidence.box.join(",")}`;
      const k = seen.get(key) || 0;
      seen.set(key, k + 1);
      const [x0, y0, x1, y1] = v.evidence.box, inset = Math.min(1.5 * k, (x1 - x0) / 4, (y1 - y0) / 4);
      shown.set(v, [x0 + inset, y0 + inset, x1 - inset, y1 - inset]);
    }
    const area = (v) => { const b = shown.get(v); return (b[2] - b[0]) * (b[3] - b[1]); };
    const order = values.filter(boxed).sort((a, b) => area(b) - area(a));
    for (const v of values.filter(boxed)) {
      const page = pagesById.get(v.evidence.page);
      const el = document.createElement("div");
      el.className = "box"; el.dataset.vid = v.vid; el.dataset.kind = v.kind;
      el.title = `${v.label}: ${v.text() || ""}`;
      place(el, shown.get(v), page);
      el.style.zIndex = 1 + order.indexOf(v);
      const [x0, y0, x1, y1] = shown.get(v);
      for (const part of v.evidence.boxes || []) {
        const p = document.createElement("div");
        p.className = "part";
        p.style.left = pct(part[0] - x0, x1 - x0 || 1); p.style.top = pct(part[1] - y0, y1 - y0 || 1);
        p.style.width = pct(part[2] - part[0], x1 - x0 || 1); p.style.height = pct(part[3] - part[1], y1 - y0 || 1);
        el.append(p);
      }
      el.addEventListener("click", (e) => {
        if (drawing) return;
        e.stopPropagation();
        // Boxes stacked at the point are taken in turn, one a click, smallest first.
        const stack = document.elementsFromPoint(e.clientX, e.clientY).filter((b) => b.classList.contains("box"));
        const at_ = stack.findIndex((b) => b.dataset.vid === current);
        select((at_ < 0 ? stack[0] || el : stack[(at_ + 1) % stack.length]).dataset.vid, "form");
      });
      document.getElementById("page-" + page.number).append(el);
    }
  }

  // ------------------------------------------------------------------ the form
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "dataset") Object.assign(el.dataset, v); else if (k in el) el[k] = v; else el.setAttribute(k, v);
    }
    el.append(...children.filter((c) => c != null));
    return el;
  }

  // One input bound to the value at ``path``; an empty optional value is written as null.
  function input(path, { options = null, area = false, nullable = true, pattern = null, label = "" } = {}) {
    const now = at(path);
    let el;
    if (options) {
      el = h("select", { "aria-label": label }, ...(nullable ? [""] : []).concat(options).map((o) => h("option", { value: o, textContent: o || "–" })));
      el.value = now == null ? "" : now;
    } else if (area) {
      el = h("textarea", { rows: 2, "aria-label": label }); el.value = now == null ? "" : now;
    } else {
      el = h("input", { type: "text", "aria-label": label }); el.value = now == null ? "" : now;
      if (pattern) el.pattern = pattern.source.slice(1, -1);
    }
    el.dataset.path = JSON.stringify(path);
    el.addEventListener("input", () => {
      const text = el.value;
      put(path, text === "" && nullable ? null : text);
      const owner = el.closest("[data-vid]");
      const box = owner && document.querySelector(`.box[data-vid="${owner.dataset.vid}"]`);
      const v = owner && values.find((x) => x.vid === owner.dataset.vid);
      if (box && v) box.title = `${v.label}: ${v.text() || ""}`;
    });
    return el;
  }

  function delButton(onDelete, what) {
    const b = h("button", { type: "button", className: "del", title: "Ta bort " + what, textContent: "✕" });
    b.addEventListener("click", (e) => { e.stopPropagation(); onDelete(); render(); status(what + " borttagen"); });
    return b;
  }

  function valueAttrs(vid, kind) {
    const v = values.find((x) => x.vid === vid);
    return { className: "value" + (v && boxed(v) ? "" : " nobox"), dataset: { vid, kind } };
  }

  function buildForm() {
    const form = $("#form");
    form.replaceChildren();
    form.append(h("h2", { textContent: "Möte" }));
    form.append(h("div", { className: "row" }, h("span", { textContent: "Dokumenttyp" }),
      input(["document_type"], { options: DATA.choices.document_types, nullable: false, label: "Dokumenttyp" })));
    for (const [key, label, pattern] of MEETING) {
      form.append(h("div", { ...valueAttrs("meeting." + key, "meeting"), className: valueAttrs("meeting." + key, "meeting").className + " row" },
        h("span", { textContent: label }), input(meetingTarget(key), { pattern, label })));
    }

    form.append(h("h2", { textContent: `Deltagare (${(state.participants || []).length})` }));
    const people = h("table", {}, h("tr", {}, ...["Namn", "Roll", "Tillhörighet", "Närvaro", "Grupp", ""].map((t) => h("th", { textContent: t }))));
    (state.participants || []).forEach((p, i) => {
      const base = ["participants", i];
      people.append(h("tr", valueAttrs("participants." + i, "participant"),
        h("td", {}, input([...base, "name"], { nullable: false, label: "Namn" })),
        h("td", {}, input([...base, "role"], { options: DATA.choices.roles, label: "Roll" })),
        h("td", {}, input([...base, "affiliation"], { label: "Tillhörighet" })),
        h("td", {}, input([...base, "status"], { options: DATA.choices.statuses, nullable: false, label: "Närvaro" })),
        h("td", {}, input([...base, "group"], { label: "Grupp" })),
        h("td", {}, delButton(() => state.participants.splice(i, 1), "deltagare"))));
    });
    form.append(people);

    form.append(h("h2", { textContent: `Ärenden (${(state.items || []).length})` }));
    (state.items || []).forEach((item, i) => {
      const base = ["items", i];
      const set = h("fieldset", {}, h("legend", { textContent: "§ " + (item.number || "") }));
      set.append(h("div", valueAttrs("items." + i, "item"),
        h("div", { className: "row" }, h("span", { textContent: "Nummer" }), input([...base, "number"], { label: "Nummer" })),
        h("div", { className: "row" }, h("span", { textContent: "Rubrik" }), input([...base, "title"], { nullable: false, label: "Rubrik" })),
        h("div", { className: "row" }, h("span", { textContent: "Text" }), input([...base, "text"], { area: true, nullable: false, label: "Text" })),
        delButton(() => state.items.splice(i, 1), "ärende")));
      (item.decisions || []).forEach((d, j) => {
        set.append(h("div", valueAttrs(`items.${i}.decisions.${j}`, "decision"),
          h("div", { className: "row" }, h("span", { textContent: "Beslut" }),
            input([...base, "decisions", j, "text"], { area: true, nullable: false, label: "Beslut" })),
          delButton(() => item.decisions.splice(j, 1), "beslut")));
      });
      (item.assignments || []).forEach((a, j) => {
        const ab = [...base, "assignments", j];
        set.append(h("div", { className: "value nobox" },
          h("div", { className: "row" }, h("span", { textContent: "Uppdrag till" }), input([...ab, "assignee"], { nullable: false, label: "Uppdrag till" })),
          h("div", { className: "row" }, h("span", { textContent: "Uppdrag" }), input([...ab, "task"], { area: true, nullable: false, label: "Uppdrag" })),
          delButton(() => item.assignments.splice(j, 1), "uppdrag")));
      });
      form.append(set);
    });

    form.append(h("h2", { textContent: `Underskrifter (${(state.signatures || []).length})` }));
    const signed = h("table", {}, h("tr", {}, ...["Namn", "Roll", "Etikett", ""].map((t) => h("th", { textContent: t }))));
    (state.signatures || []).forEach((s, i) => {
      const base = ["signatures", i];
      signed.append(h("tr", valueAttrs("signatures." + i, "signature"),
        h("td", {}, input([...base, "name"], { nullable: false, label: "Namn" })),
        h("td", {}, input([...base, "role"], { options: DATA.choices.signature_roles, label: "Roll" })),
        h("td", {}, input([...base, "label"], { nullable: false, label: "Etikett" })),
        h("td", {}, delButton(() => state.signatures.splice(i, 1), "underskrift"))));
    });
    form.append(signed);

    if (state.next_meeting) {
      form.append(h("h2", { textContent: "Nästa möte" }));
      for (const [key, label, pattern] of MEETING.slice(2, 6)) {
        form.append(h("div", { className: "row" }, h("span", { textContent: label }), input(["next_meeting", key], { pattern, label })));
      }
    }
    form.querySelectorAll("[data-vid]").forEach((el) => el.addEventListener("focusin", () => select(el.dataset.vid, "page")));
    form.querySelectorAll("[data-vid]").forEach((el) => el.addEventListener("click", () => select(el.dataset.vid, "page")));
  }

  function buildHeader() {
    $("#file").textContent = DATA.file + (DATA.gold ? " (guldfil)" : "");
    const q = state.quality || "";
    $("#quality").textContent = q ? "kvalitet: " + q : ""; $("#quality").className = "flag " + q;
    $("#warnings").replaceChildren(...(state.warnings || []).map((w) => h("li", { textContent: w })));
    const withBox = values.filter(boxed).length;
    $("#counts").textContent = `${values.filter((v) => v.text()).length} värden, ${withBox} med ruta`;
    const kinds = [["participant", "Deltagare"], ["item", "Ärende"], ["decision", "Beslut (i valt ärende)"], ["signature", "Underskrift"],
      ...MEETING.map(([key, label]) => ["meeting." + key, "Möte: " + label])];
    if (!$("#add-kind").options.length) $("#add-kind").append(...kinds.map(([v, t]) => h("option", { value: v, textContent: t })));
  }

  function render() {
    values = collect();
    buildHeader(); buildForm(); drawBoxes();
    if (current) mark(current);
  }

  // ------------------------------------------------------------------ marking and moving
  function status(text) { $("#status").textContent = text; }
  function mark(vid) {
    document.querySelectorAll(".current").forEach((el) => el.classList.remove("current"));
    document.querySelectorAll(`[data-vid="${vid}"]`).forEach((el) => el.classList.add("current"));
  }

  // ``reveal``: "page" scrolls the value's box into view, "form" its fields.
  function select(vid, reveal) {
    const v = values.find((x) => x.vid === vid);
    if (!v) return;
    current = vid; mark(vid);
    status(`${v.label}: ${v.text() || "–"}` + (boxed(v) ? ` (sida ${v.evidence.page})` : " (ingen ruta)"));
    const box = document.querySelector(`.box[data-vid="${vid}"]`);
    if (reveal === "page" && box) box.scrollIntoView({ block: "center", inline: "nearest" });
    const field = document.querySelector(`#form [data-vid="${vid}"]`);
    if (reveal !== "page" && field) {
      field.scrollIntoView({ block: "center" });
      const first = field.querySelector("input, textarea, select");
      if (first && reveal === "form") first.focus({ preventScroll: true });
    }
    if (reveal === "both" && box) box.scrollIntoView({ block: "center", inline: "nearest" });
  }

  function step(by) {
    const shown = values.filter(boxed);
    if (!shown.length) return;
    const at_ = shown.findIndex((v) => v.vid === current);
    const next = shown[(at_ < 0 ? (by > 0 ? 0 : shown.length - 1) : (at_ + by + shown.length) % shown.length)];
    select(next.vid, "both");
  }

  function turnPage(by) {
    const holder = $("#pages");
    const pages = [...holder.querySelectorAll(".page")];
    const top = holder.getBoundingClientRect().top;
    const now = pages.findIndex((p) => p.getBoundingClientRect().bottom > top + 20);
    const target = pages[Math.max(0, Math.min(pages.length - 1, (now < 0 ? 0 : now) + by))];
    if (target) target.scrollIntoView({ block: "start" });
  }

  document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
    if (e.key === "Escape") { setDrawing(false); return; }
    if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) { e.preventDefault(); step(e.key === "ArrowDown" ? 1 : -1); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const moves = { n: () => step(1), j: () => step(1), p: () => step(-1), k: () => step(-1), ".": () => turnPage(1), ",": () => turnPage(-1) };
    if (moves[e.key]) { e.preventDefault(); moves[e.key](); }
  });

  // ------------------------------------------------------------------ drawing a box to add a value
  function setDrawing(on) {
    drawing = on;
    document.querySelectorAll(".page").forEach((p) => p.classList.toggle("drawing", on));
    $("#draw").textContent = on ? "Avbryt ritning" : "Rita ruta";
    if (on) status("Dra en ruta runt värdet på sidan (Esc avbryter)");
  }
  $("#draw").addEventListener("click", () => setDrawing(!drawing));

  function startSketch(e, div, page) {
    if (!drawing || e.button !== 0) return;
    e.preventDefault();
    const rect = div.getBoundingClientRect();
    const scale = page.width / rect.width;
    const x0 = (e.clientX - rect.left) * scale, y0 = (e.clientY - rect.top) * scale;
    const sketch = h("div", { className: "sketch" });
    div.append(sketch);
    const corners = (ev) => {
      const x1 = (ev.clientX - rect.left) * scale, y1 = (ev.clientY - rect.top) * scale;
      return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)].map((v) => Math.round(v * 10) / 10);
    };
    const move = (ev) => place(sketch, corners(ev), page);
    const up = (ev) => {
      document.removeEventListener("mousemove", move); document.removeEventListener("mouseup", up);
      sketch.remove(); setDrawing(false);
      const box = corners(ev);
      if (box[2] - box[0] < 2 || box[3] - box[1] < 2) { status("Rutan är för liten"); return; }
      addValue($("#add-kind").value, evidenceOf(page, box));
    };
    document.addEventListener("mousemove", move); document.addEventListener("mouseup", up);
  }

  // The words whose middle lies in the drawn box: their offsets, boxes (one a line) and text.
  function evidenceOf(page, drawn) {
    const inside = page.words.filter(([, , x0, top, x1, bottom]) => {
      const cx = (x0 + x1) / 2, cy = (top + bottom) / 2;
      return cx >= drawn[0] && cx <= drawn[2] && cy >= drawn[1] && cy <= drawn[3];
    });
    if (!inside.length) return { evidence: { page: page.number, start: 0, end: 0, box: drawn }, text: "" };
    const lines = [];
    let previous = null;
    for (const w of inside) {
      if (previous === null || page.text.slice(previous, w[0]).includes("\n")) lines.push([]);
      lines[lines.length - 1].push(w); previous = w[1];
    }
    const boxes = lines.map((ws) => [Math.min(...ws.map((w) => w[2])), Math.min(...ws.map((w) => w[3])), Math.max(...ws.map((w) => w[4])), Math.max(...ws.map((w) => w[5]))]);
    const evidence = { page: page.number, start: inside[0][0], end: inside[inside.length - 1][1],
      box: [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))] };
    if (boxes.length > 1) evidence.boxes = boxes;
    const text = inside.map((w) => page.text.slice(w[0], w[1])).join(" ");
    return { evidence, text };
  }

  function addValue(kind, { evidence, text }) {
    let vid;
    if (kind === "participant") {
      state.participants = state.participants || [];
      state.participants.push({ name: text, affiliation: null, role: null, roles: [], status: "present", group: null, evidence });
      vid = "participants." + (state.participants.length - 1);
    } else if (kind === "item") {
      state.items = state.items || [];
      state.items.push({ number: null, title: text, text: "", decisions: [], assignments: [], references: [], evidence });
      vid = "items." + (state.items.length - 1);
    } else if (kind === "decision") {
      const chosen = /^items\.(\d+)/.exec(current || "");
      const index = chosen ? Number(chosen[1]) : (state.items || []).length - 1;
      if (index < 0) { status("Lägg till ett ärende först: ett beslut hör till ett ärende"); return; }
      state.items[index].decisions.push({ text, evidence });
      vid = `items.${index}.decisions.${state.items[index].decisions.length - 1}`;
    } else if (kind === "signature") {
      state.signatures = state.signatures || [];
      state.signatures.push({ name: text, role: null, label: "", evidence });
      vid = "signatures." + (state.signatures.length - 1);
    } else if (kind.startsWith("meeting.")) {
      const key = kind.slice(8);
      const pattern = (MEETING.find(([k]) => k === key) || [])[2];
      // A date or time must be written as the contract says; the words drawn are left to be retyped.
      if (!pattern || pattern.test(text)) put(meetingTarget(key), text || null);
      state.meeting = state.meeting || {};
      state.meeting.evidence = { ...(state.meeting.evidence || {}), [key]: evidence };
      vid = kind;
    } else return;
    render();
    select(vid, "form");
    status(`Tillagt: ${text || "(inga ord i rutan)"} – kontrollera värdet i formuläret`);
  }

  // ------------------------------------------------------------------ saving
  function problems() {
    const found = [];
    document.querySelectorAll("#form .invalid").forEach((el) => el.classList.remove("invalid"));
    document.querySelectorAll("#form input[pattern]").forEach((el) => {
      if (el.value && !new RegExp("^(?:" + el.pattern + ")$").test(el.value)) { el.classList.add("invalid"); found.push(el.getAttribute("aria-label") + ": " + el.value); }
    });
    (state.participants || []).forEach((p, i) => { if (!p.name) found.push(`deltagare ${i + 1} saknar namn`); });
    (state.signatures || []).forEach((s, i) => { if (!s.name) found.push(`underskrift ${i + 1} saknar namn`); });
    return found;
  }

  function corrected() {
    const out = JSON.parse(JSON.stringify(state));
    if (out.meeting && out.meeting.evidence && !Object.keys(out.meeting.evidence).length) delete out.meeting.evidence;
    return out;
  }

  $("#save").addEventListener("click", () => {
    const wrong = problems();
    if (wrong.length) { status("Rätta först: " + wrong.join("; ")); return; }
    const text = JSON.stringify(corrected(), null, 2) + "\n";
    const link = h("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: DATA.file.replace(/\.pdf$/i, "") + ".json" });
    document.body.append(link); link.click(); link.remove();
    status("Sparad: " + link.download);
  });

  // For a script driving the page (and the tests): the document as it would be saved.
  window.review = { corrected, select, values: () => values.map((v) => ({ vid: v.vid, kind: v.kind, text: v.text(), boxed: !!boxed(v) })) };

  buildPages();
  render();
  window.reviewReady = performance.now();
})();
