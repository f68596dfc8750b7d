// The delegate's own marks on a page: highlight, drawing with a finger, notes. Everything is stored on the server under the person's account;
// their other devices hear "notes.changed" and fetch again.
//
// Shapes are kept in page fractions (0–1), so they fit every zoom and every screen.
"use strict";

window.ReaderMarks = (function () {
  const {t, el, api, toast} = App;
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  let cfg, stage, current, overlay, pins;
  let notes = [];
  let tool = "read", shownPage = 0, pendingNote = null, editing = null;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  }

  function point(e) {
    const box = stage.getBoundingClientRect();
    return [Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)),
            Math.min(1, Math.max(0, (e.clientY - box.top) / box.height))];
  }

  // Drawing on the overlay ---------------------------------------------------------------
  function draw() {
    overlay.replaceChildren();
    pins.replaceChildren();
    const width = stage.getBoundingClientRect().width || 1;
    let pinNumber = 0;
    notes.filter((n) => !n.stale && n.page_number === shownPage).forEach((n) => {
      if (n.kind === "highlight") {
        n.data.rects.forEach(([x, y, w, h]) => overlay.append(svg("rect", {
          x, y, width: w, height: h, fill: n.data.color, "fill-opacity": "0.38",
          class: "mark-highlight"})));
      } else if (n.kind === "ink") {
        n.data.strokes.forEach((stroke) => overlay.append(svg("polyline", {
          points: stroke.map((p) => p.join(",")).join(" "), fill: "none",
          stroke: n.data.color, "stroke-width": String(n.data.width * width),
          "stroke-linecap": "round", "stroke-linejoin": "round",
          "vector-effect": "non-scaling-stroke", class: "mark-ink"})));
      } else {
        pinNumber += 1;
        const pin = el("button", {type: "button", class: "pin", text: String(pinNumber),
                                  "aria-label": t("reader_note") + " " + pinNumber,
                                  onclick: () => openEditor(n)});
        pin.style.left = (n.data.x * 100) + "%";
        pin.style.top = (n.data.y * 100) + "%";
        pins.append(pin);
      }
    });
    listNotes();
  }

  function label(n) {
    if (n.kind === "note") return n.text;
    if (n.kind === "highlight") return "▮ " + (n.text || t("reader_highlight"));
    return "✎ " + t("reader_drawing");
  }

  function noteItem(n, where) {
    const remove = el("button", {type: "button", class: "btn btn-small btn-danger",
                                 text: t("reader_delete")});
    remove.addEventListener("click", () => {
      // A second tap confirms: no window.confirm on tablets.
      if (remove.dataset.armed !== "1") {
        remove.dataset.armed = "1";
        remove.textContent = t("confirm");
        setTimeout(() => { remove.dataset.armed = ""; remove.textContent = t("reader_delete"); }, 4000);
        return;
      }
      api("DELETE", cfg.api + "/annotations/" + n.id).then(reload);
    });
    return el("li", {class: "note-item", dataset: {id: n.id}}, [
      el("span", {class: "note-text", text: (where ? where + ": " : "") + label(n)}),
      n.kind === "note" ? el("button", {type: "button", class: "btn btn-small",
                                        text: t("reader_edit"), onclick: () => openEditor(n)}) : null,
      remove]);
  }

  function listNotes() {
    const here = notes.filter((n) => !n.stale && n.page_number === shownPage);
    const list = $("page-notes");
    list.replaceChildren(...here.map((n) => noteItem(n)));
    if (!here.length) list.append(el("li", {class: "hint", text: t("reader_no_notes")}));
    const stale = notes.filter((n) => n.stale);
    $("stale-box").hidden = !stale.length;
    $("stale-count").textContent = stale.length;
    $("stale-notes").replaceChildren(...stale.map((n) => noteItem(n,
      t("reader_page") + " " + n.made_on_page + " · " + t("reader_version") + " " + n.version)));
  }

  function reload() {
    return api("GET", cfg.api + "/annotations").then((data) => {
      notes = data.annotations;
      draw();
    });
  }

  function save(kind, data, text) {
    return api("POST", cfg.api + "/annotations", {page_number: shownPage, version: cfg.version,
                                                   kind, data, text: text || ""})
      .then((note) => { notes.push(note); draw(); });
  }

  // Tools ---------------------------------------------------------------------------------
  let stroke = null, box = null, temp = null;

  function down(e) {
    if (tool === "read") return;
    e.preventDefault();
    overlay.setPointerCapture(e.pointerId);
    const p = point(e);
    if (tool === "ink") {
      stroke = [p];
      temp = svg("polyline", {points: p.join(","), fill: "none", stroke: "#d00000",
                              "stroke-width": "3", "vector-effect": "non-scaling-stroke",
                              "stroke-linecap": "round"});
      overlay.append(temp);
    } else if (tool === "highlight") {
      box = {from: p, to: p};
      temp = svg("rect", {x: p[0], y: p[1], width: 0, height: 0, fill: "#ffd400",
                          "fill-opacity": "0.38"});
      overlay.append(temp);
    } else if (tool === "note") {
      pendingNote = {x: p[0], y: p[1]};
      openEditor(null);
    }
  }

  function move(e) {
    if (!temp) return;
    const p = point(e);
    if (stroke) {
      const last = stroke[stroke.length - 1];
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) < 0.002) return;
      stroke.push(p);
      temp.setAttribute("points", stroke.map((q) => q.join(",")).join(" "));
    } else if (box) {
      box.to = p;
      const [x, y, w, h] = rectOf(box);
      temp.setAttribute("x", x); temp.setAttribute("y", y);
      temp.setAttribute("width", w); temp.setAttribute("height", h);
    }
  }

  function rectOf(b) {
    return [Math.min(b.from[0], b.to[0]), Math.min(b.from[1], b.to[1]),
            Math.abs(b.to[0] - b.from[0]), Math.abs(b.to[1] - b.from[1])];
  }

  function up() {
    if (stroke) {
      const points = stroke.map((p) => [+p[0].toFixed(4), +p[1].toFixed(4)]);
      stroke = null;
      if (points.length > 1) save("ink", {strokes: [points], color: "#d00000", width: 0.004});
    } else if (box) {
      const r = rectOf(box).map((v) => +v.toFixed(4));
      box = null;
      if (r[2] > 0.01 && r[3] > 0.005) save("highlight", {rects: [r], color: "#ffd400"});
    }
    if (temp) { temp.remove(); temp = null; }
  }

  function setTool(name) {
    tool = name;
    stage.dataset.tool = name;
    document.querySelectorAll("[data-tool]").forEach((b) => {
      if (b === stage) return;
      const on = b.dataset.tool === name;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.classList.toggle("btn-on", on);
    });
  }

  // Notes: a small editor under the page ---------------------------------------------------
  function openEditor(note) {
    editing = note;
    $("note-text").value = note ? note.text : "";
    $("note-editor").hidden = false;
    $("note-text").focus();
  }

  function closeEditor() {
    $("note-editor").hidden = true;
    editing = null;
    pendingNote = null;
  }

  function submitNote(e) {
    e.preventDefault();
    const text = $("note-text").value.trim();
    if (!text) { toast(t("reader_write_note")); return; }
    const done = editing
      ? api("PATCH", cfg.api + "/annotations/" + editing.id, {text}).then(reload)
      : save("note", pendingNote || {x: 0.05, y: 0.05}, text);
    done.then(closeEditor, () => {});
  }

  // Selected text (pdf.js text layer): highlight it, or comment on it --------------------
  function selectedRange() {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    return $("text-layer").contains(range.commonAncestorContainer) ? range : null;
  }

  function onSelection() {
    $("selection-bar").hidden = !selectedRange();
  }

  function highlightSelection() {
    const range = selectedRange();
    if (!range) return;
    const page = stage.getBoundingClientRect();
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 1 && r.height > 1)
      .slice(0, 200).map((r) => [(r.left - page.left) / page.width, (r.top - page.top) / page.height,
                                 r.width / page.width, r.height / page.height].map((v) => +v.toFixed(4)));
    const text = range.toString().trim().slice(0, 4000);
    window.getSelection().removeAllRanges();
    $("selection-bar").hidden = true;
    if (rects.length) save("highlight", {rects, color: "#ffd400"}, text);
  }

  function init(ctx) {
    ({cfg, stage, current} = ctx);
    overlay = $("overlay");
    pins = $("pins");
    overlay.addEventListener("pointerdown", down);
    overlay.addEventListener("pointermove", move);
    overlay.addEventListener("pointerup", up);
    overlay.addEventListener("pointercancel", up);
    document.querySelectorAll("button[data-tool]").forEach((b) =>
      b.addEventListener("click", () => setTool(b.dataset.tool)));
    $("note-editor").addEventListener("submit", submitNote);
    $("note-cancel").addEventListener("click", closeEditor);
    document.addEventListener("selectionchange", onSelection);
    $("sel-highlight").addEventListener("click", highlightSelection);
    reload().catch(() => {});
    window.ReaderComments.init({cfg, selectedRange, page: () => shownPage});
  }

  return {
    init, reload,
    pageChanging() { closeEditor(); },
    pageShown(n) { shownPage = n; draw(); },
  };
})();
