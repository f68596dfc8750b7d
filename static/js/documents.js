// The meeting's papers on the delegate's tablet: a list with "new" and "updated" marks,
// kept current live, and the offline copy of the papers that may be kept.
//
// Loaded before meeting.js starts the live channel, so "documents.changed" is known to it.
// The event says only which paper changed (some people in the room may not have that
// paper), so the tablet asks the server for its own list again.
"use strict";

(function () {
  const {t, el, api} = App;
  const root = document.getElementById("meeting");
  const list = document.getElementById("documents");
  if (!root || !list) return;
  const meetingId = Number(root.dataset.meetingId);
  const snapshot = document.getElementById("snapshot");
  let papers = snapshot ? (JSON.parse(snapshot.textContent).documents || []) : [];
  let fetching = null;

  function badge(paper) {
    if (!paper.opened) return el("span", {class: "badge badge-new", text: t("docs_new")});
    if (!paper.opened_current) {
      return el("span", {class: "badge badge-updated", text: t("docs_updated")});
    }
    return null;
  }

  function draw() {
    list.replaceChildren();
    if (!papers.length) {
      list.append(el("li", {class: "hint", text: t("docs_none")}));
      return;
    }
    for (const paper of papers) {
      const details = [paper.kind_label, paper.page_count + " " + t("docs_pages")];
      // The agenda item, unless the paper's title already says it.
      const item = paper.item_title;
      if (item && !paper.title.includes(item) && !item.includes(paper.title)) details.unshift(item);
      list.append(el("li", {class: "tab-doc", dataset: {id: paper.id}}, [
        el("a", {class: "tab-doc-link", href: "/documents/" + paper.id + "/read"}, [
          el("span", {class: "tab-doc-title"}, [
            paper.is_classified ? el("span", {class: "mark-classified",
                                              text: paper.classification_label}) : null,
            paper.title]),
          el("span", {class: "tab-doc-meta"}, [
            badge(paper),
            paper.comments_open ? el("span", {class: "badge badge-comment",
                                              text: t("docs_draft_open")}) : null,
            el("span", {class: "muted", text: details.join(" · ")})]),
        ]),
      ]));
    }
  }

  function refetch() {
    if (fetching) return fetching;
    fetching = api("GET", "/api/v1/meetings/" + meetingId + "/documents").then((data) => {
      papers = data.documents;
      fetching = null;
      draw();
      Offline.sync();
    }, () => { fetching = null; });
    return fetching;
  }

  // The list in the snapshot is replaced whole; the event only tells us to ask again.
  Live.register("documents.changed", (state) => {
    refetch().then(() => { state.documents = papers; });
  });

  // Also hear what the page's own drawing hears: a reloaded snapshot (after a gap or a
  // reconnect) carries the list, and a change of the meeting's status may recall papers
  // (classified ones leave the tablets when the meeting closes).
  Live.onStart(() => (state, event) => {
    if (event === "snapshot" && state.documents) { papers = state.documents; draw(); }
    if (event === "meeting.status") refetch();
  });

  // Offline copies: the service worker keeps the papers the server lists for this tablet
  // (never classified ones) and drops any that left the list (recalled, replaced).
  const Offline = {
    sync() {
      if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) return;
      navigator.serviceWorker.controller.postMessage({type: "sync"});
    },
  };

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready)
      .then((reg) => { if (reg.active) reg.active.postMessage({type: "sync"}); })
      .catch(() => {});
    navigator.serviceWorker.addEventListener("message", (e) => {
      if (!e.data || e.data.type !== "synced") return;
      const note = document.getElementById("offline-ready");
      note.hidden = !e.data.count;
      note.textContent = "✓ " + t("docs_offline_ready") + ": " + e.data.count;
    });
  }

  // Back on the tablet after a while (or back online): the list may have changed,
  // e.g. classified papers recalled when the meeting closed.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refetch();
  });
  window.addEventListener("online", refetch);

  draw();
})();
