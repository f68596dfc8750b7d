// The reader's conversation with the server besides the paper itself: read receipts, and
// the live socket (following the presenter, one's notes changed on another device).
"use strict";

window.ReaderLive = (function () {
  const {t, el, api} = App;
  const $ = (id) => document.getElementById(id);

  // Read receipts: that the paper was opened, and each page seen for more than a moment.
  function receipts(cfg) {
    const sent = new Set();
    let timer = null;
    api("POST", cfg.api + "/receipts/open", {v: cfg.version}).catch(() => {});
    return {
      viewed(n) {
        clearTimeout(timer);
        if (sent.has(n)) return;
        timer = setTimeout(() => {
          sent.add(n);
          api("POST", cfg.api + "/receipts/pages", {page: n}).catch(() => sent.delete(n));
        }, 1500);
      },
    };
  }

  // Following the presenter: the chair's (or secretariat's) page comes over the socket.
  function listen({cfg, state, show}) {
    const socket = io({transports: ["websocket", "polling"]});
    const indicator = $("conn");
    const online = (on) => {
      if (!indicator) return;
      indicator.hidden = false;
      indicator.className = "conn " + (on ? "conn-online" : "conn-offline");
      indicator.textContent = t(on ? "online" : "offline_short");
    };
    socket.on("connect", () => online(true));
    socket.on("disconnect", () => online(false));
    socket.on("connect_error", () => online(false));
    socket.on("session.ended", () => { window.location = "/login"; });
    socket.on("notes.changed", (p) => { if (p.document_id === cfg.id) window.ReaderMarks.reload(); });
    socket.on("comments.changed", (p) => {
      if (p.document_id === cfg.id) window.ReaderComments.reload();
    });
    socket.on("documents.presenter", (p) => {
      if (p.meeting_id !== cfg.meeting_id || state.presenting) return;
      const banner = $("presenter-banner");
      banner.hidden = false;
      if (p.document_id === cfg.id) {
        banner.textContent = t("reader_presenter_on") + " " + p.page_number + " — " + p.presenter;
        if (state.follow && p.page_number !== state.page) show(p.page_number);
      } else {
        banner.replaceChildren(t("reader_presenter_other") + " — " + p.presenter + " ",
          el("a", {class: "btn btn-small", href: "/documents/" + p.document_id + "/read#page=" +
                   p.page_number, text: t("reader_open")}));
        if (state.follow) {
          window.location = "/documents/" + p.document_id + "/read#page=" + p.page_number;
        }
      }
    });
  }

  return {receipts, listen};
})();
