// The paper reader: one page at a time, big buttons, zoom, page jump, thumbnails,
// following the presenter, read receipts.
//
// Ordinary papers are drawn by pdf.js from the linearized file with range requests
// (disableAutoFetch, disableStream): the first page needs only the bytes it uses, so a
// 200-page pack opens as fast as a short one. Classified papers never reach the tablet
// as a file: the server sends each page as an image with the reader's name on it, and
// pdf.js is not even loaded.
"use strict";

(function () {
  const {t, el, api, toast} = App;
  const cfg = JSON.parse(document.getElementById("reader-config").textContent);
  const $ = (id) => document.getElementById(id);
  const stage = $("stage"), canvas = $("page-canvas"), image = $("page-image");
  const textLayerBox = $("text-layer"), viewport = $("viewport");
  const ZOOMS = [0.75, 1, 1.25, 1.5, 2, 2.5, 3];
  const state = {
    page: 1, zoom: 1, pageCount: cfg.page_count,
    follow: localStorage.getItem("reader.follow") === "1",
    presenting: sessionStorage.getItem("reader.present") === String(cfg.id),
  };
  let pdfLib = null, pdf = null, renderTask = null, drawing = 0;

  // Fit the page to the width of the screen at zoom 100%.
  function fitWidth() {
    return Math.max(280, viewport.clientWidth - 16);
  }

  // pdf.js, loaded once; resolves to null where it cannot run (a browser older than the
  // pdf.js build supports): the reader then shows the server's page images instead.
  let pdfReady = null;

  function openPdf() {
    pdfReady = import(cfg.pdfjs).then((lib) => {
      pdfLib = lib;
      lib.GlobalWorkerOptions.workerSrc = cfg.pdfjs_worker;
      return lib.getDocument({
        url: cfg.file_url, rangeChunkSize: 65536, disableAutoFetch: true, disableStream: true,
        // Fonts are drawn without eval(): the page's CSP allows no eval anyway.
        isEvalSupported: false,
        cMapUrl: cfg.pdfjs_cmaps, cMapPacked: true, standardFontDataUrl: cfg.pdfjs_fonts,
      }).promise;
    }).then((doc) => {
      pdf = doc;
      state.pageCount = doc.numPages;
      return doc;
    }, () => null);
    return pdfReady;
  }

  async function drawPdfPage(n, ticket) {
    const page = await pdf.getPage(n);
    const scale = fitWidth() * state.zoom / page.getViewport({scale: 1}).width;
    const view = page.getViewport({scale});
    const ratio = window.devicePixelRatio || 1;
    if (renderTask) renderTask.cancel();
    const next = document.createElement("canvas");
    next.width = Math.floor(view.width * ratio);
    next.height = Math.floor(view.height * ratio);
    renderTask = page.render({canvasContext: next.getContext("2d"), viewport: view,
                              transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null});
    try {
      await renderTask.promise;
    } catch (err) {
      if (err && err.name === "RenderingCancelledException") return false;
      throw err;
    }
    if (ticket !== drawing) return false;
    // Swap only when the new page is ready: no white flash while turning pages.
    canvas.width = next.width;
    canvas.height = next.height;
    canvas.getContext("2d").drawImage(next, 0, 0);
    painted = {ticket, by: "pdf"};
    canvas.hidden = false;
    image.hidden = true;
    sizeStage(view.width, view.height);
    stage.style.setProperty("--scale-factor", String(scale));
    textLayerBox.replaceChildren();
    const layer = new pdfLib.TextLayer({textContentSource: page.streamTextContent(),
                                        container: textLayerBox, viewport: view});
    await layer.render();
    return true;
  }

  function imageUrl(n, width) {
    return cfg.page_image_url.replace("{n}", n).replace("{w}", Math.round(width));
  }

  function drawImagePage(n, ticket) {
    const width = fitWidth() * state.zoom;
    return new Promise((resolve, reject) => {
      const next = new Image();
      next.onload = () => {
        // Too late: another page was asked for, or pdf.js drew this one first.
        if (ticket !== drawing || painted.ticket === ticket) { resolve(false); return; }
        painted = {ticket, by: "image"};
        image.src = next.src;
        image.hidden = false;
        canvas.hidden = true;
        sizeStage(width, width * next.naturalHeight / next.naturalWidth);
        resolve(true);
      };
      next.onerror = () => reject(new Error("page image"));
      next.src = imageUrl(n, width * (window.devicePixelRatio || 1));
    });
  }

  function sizeStage(width, height) {
    stage.style.width = width + "px";
    stage.style.height = height + "px";
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
  }

  // The page the reader shows is drawn by pdf.js (sharp, with selectable text). While pdf.js
  // is still fetching what it needs (a scanned pack can need much of the file before its
  // first page: docs/DOCUMENTS.md), the server's image of the page is shown after a
  // moment, so the delegate never looks at an empty page.
  const IMAGE_AFTER_MS = 400;
  let painted = {ticket: 0, by: ""};
  const retries = {};

  function shown(n) {
    $("loading").hidden = true;
    stage.dataset.page = String(n);
    window.ReaderMarks.pageShown(n);
  }

  async function show(n) {
    n = Math.min(Math.max(1, n), state.pageCount || 1);
    state.page = n;
    const ticket = ++drawing;
    $("page-input").value = n;
    $("prev-page").disabled = n <= 1;
    $("next-page").disabled = n >= state.pageCount;
    markThumb();
    window.ReaderMarks.pageChanging(n);
    if (painted.ticket !== ticket) textLayerBox.replaceChildren();
    let early = null;
    if (!cfg.is_classified) {
      early = setTimeout(() => {
        drawImagePage(n, ticket).then((done) => { if (done) shown(n); }, () => {});
      }, IMAGE_AFTER_MS);
    }
    try {
      const doc = cfg.is_classified ? null : await pdfReady;
      const done = doc ? await drawPdfPage(n, ticket) : await drawImagePage(n, ticket);
      if (!done) return;
    } catch (err) {
      // A classified page travels only as an image, which a worker draws after upload:
      // until it is there the server answers "not yet", so ask again in a moment.
      if (cfg.is_classified && ticket === drawing && (retries[n] = (retries[n] || 0) + 1) < 60) {
        $("loading").hidden = false;
        $("loading").textContent = t("reader_preparing");
        setTimeout(() => { if (state.page === n && ticket === drawing) show(n); }, 2000);
        return;
      }
      if (painted.ticket !== ticket) toast(t("reader_page_error"));
      if (!painted.ticket) $("loading").textContent = t("reader_open_error");
      return;
    } finally {
      clearTimeout(early);
    }
    shown(n);
    receipts.viewed(n);
    if (state.presenting) api("POST", cfg.api + "/presenter", {page_number: n}).catch(() => {});
  }

  function setZoom(step) {
    const i = ZOOMS.indexOf(state.zoom) + step;
    if (i < 0 || i >= ZOOMS.length) return;
    state.zoom = ZOOMS[i];
    $("zoom-level").textContent = Math.round(state.zoom * 100) + "%";
    $("zoom-out").disabled = i === 0;
    $("zoom-in").disabled = i === ZOOMS.length - 1;
    show(state.page);
  }

  // Thumbnails: server images, loaded lazily as the list scrolls.
  function buildThumbs() {
    const box = $("thumbs");
    if (box.childElementCount) return;
    for (let n = 1; n <= state.pageCount; n++) {
      box.append(el("button", {type: "button", class: "thumb", dataset: {page: n},
                               "aria-label": t("reader_page") + " " + n,
                               onclick: () => show(n)},
        [el("img", {src: imageUrl(n, 160), alt: "", loading: "lazy", width: "120"}),
         el("span", {text: String(n)})]));
    }
    markThumb();
  }

  function markThumb() {
    document.querySelectorAll(".thumb").forEach((b) => {
      const on = Number(b.dataset.page) === state.page;
      b.classList.toggle("is-current", on);
      if (on && !$("thumbs").hidden) b.scrollIntoView({block: "nearest"});
    });
  }

  const receipts = ReaderLive.receipts(cfg);

  function pressed(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.classList.toggle("btn-on", on);
  }

  function wire() {
    $("prev-page").addEventListener("click", () => show(state.page - 1));
    $("next-page").addEventListener("click", () => show(state.page + 1));
    $("jump").addEventListener("submit", (e) => {
      e.preventDefault();
      const n = parseInt($("page-input").value, 10);
      if (n >= 1 && n <= state.pageCount) show(n);
      else toast(t("reader_no_such_page"));
    });
    $("zoom-in").addEventListener("click", () => setZoom(1));
    $("zoom-out").addEventListener("click", () => setZoom(-1));
    $("toggle-thumbs").addEventListener("click", (e) => {
      const box = $("thumbs");
      box.hidden = !box.hidden;
      pressed(e.currentTarget, !box.hidden);
      if (!box.hidden) buildThumbs();
      show(state.page);  // the page's room changed: fit it again
    });
    const follow = $("follow");
    pressed(follow, state.follow);
    follow.addEventListener("click", () => {
      state.follow = !state.follow;
      localStorage.setItem("reader.follow", state.follow ? "1" : "0");
      pressed(follow, state.follow);
    });
    const present = $("present");
    if (present) {
      pressed(present, state.presenting);
      present.addEventListener("click", () => {
        state.presenting = !state.presenting;
        sessionStorage.setItem("reader.present", state.presenting ? String(cfg.id) : "");
        pressed(present, state.presenting);
        if (state.presenting) api("POST", cfg.api + "/presenter", {page_number: state.page});
      });
    }
    document.addEventListener("keydown", (e) => {
      if (e.target.closest("input, textarea")) return;
      if (e.key === "ArrowRight" || e.key === "PageDown") show(state.page + 1);
      if (e.key === "ArrowLeft" || e.key === "PageUp") show(state.page - 1);
    });
    // A quick sideways swipe turns the page (reading tool, page not zoomed in).
    let start = null;
    viewport.addEventListener("pointerdown", (e) => {
      start = stage.dataset.tool === "read" && state.zoom <= 1 ? {x: e.clientX, y: e.clientY,
                                                                  at: Date.now()} : null;
    });
    viewport.addEventListener("pointerup", (e) => {
      if (!start || Date.now() - start.at > 600 || window.getSelection().toString()) return;
      const dx = e.clientX - start.x, dy = e.clientY - start.y;
      if (Math.abs(dx) > 90 && Math.abs(dy) < 60) show(state.page + (dx < 0 ? 1 : -1));
    });
    // The tools stay in reach under the top bar, whose height changes with the screen.
    const keepTools = () => {
      const bar = document.querySelector(".topbar");
      document.querySelector(".reader-tools").style.top = (bar ? bar.offsetHeight : 0) + "px";
    };
    keepTools();
    let resizeTimer = null;
    window.addEventListener("resize", () => {
      keepTools();
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => show(state.page), 250);
    });
  }

  async function start() {
    wire();
    window.ReaderMarks.init({cfg, stage, current: () => state.page});
    const wanted = parseInt((location.hash.match(/page=(\d+)/) || [])[1] || "1", 10);
    if (!cfg.is_classified) {
      openPdf().then((doc) => {
        if (!doc) return;
        $("page-count").textContent = state.pageCount;
        $("page-input").max = state.pageCount;
      });
    }
    ReaderLive.listen({cfg, state, show});
    await show(wanted);
  }

  start();
  window.Reader = {show, get page() { return state.page; }};
})();
