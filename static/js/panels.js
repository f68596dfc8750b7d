// Panels shared by the delegate, chair and projector screens, drawn from the live state.
"use strict";

window.Panels = (function () {
  const {t, el} = App;

  function currentItem(state) {
    return state.agenda.items.find((i) => i.id === state.agenda.current_item_id) || null;
  }

  // The agenda as a list of big buttons. options.selectedId marks the item being read,
  // options.onSelect(item) handles a tap, options.chairAction(item) adds "make current".
  function agenda(container, state, options) {
    const list = el("ol", {class: "agenda"});
    for (const item of state.agenda.items) {
      const isCurrent = item.id === state.agenda.current_item_id;
      const classes = ["agenda-item", "status-" + item.status];
      if (isCurrent) classes.push("is-current");
      if (options.selectedId === item.id) classes.push("is-selected");
      const row = el("li", {class: classes.join(" "), dataset: {itemId: item.id}}, [
        el("button", {class: "agenda-open", type: "button",
                      "aria-current": isCurrent ? "true" : null,
                      onclick: () => options.onSelect && options.onSelect(item)}, [
          el("span", {class: "agenda-pos", text: item.position}),
          el("span", {class: "agenda-title", text: item.title}),
          el("span", {class: "agenda-meta",
                      text: (isCurrent ? t("current") + " · " : "") +
                            item.planned_minutes + " " + t("minutes")}),
        ]),
        options.chairAction && !isCurrent ?
          el("button", {class: "btn btn-small", type: "button", text: t("go_to"),
                        onclick: () => options.chairAction(item)}) : null,
      ]);
      list.append(row);
    }
    container.replaceChildren(list);
  }

  function itemDetail(container, item) {
    if (!item) {
      container.replaceChildren(el("p", {class: "muted", text: t("no_current")}));
      return;
    }
    container.replaceChildren(
      el("p", {class: "eyebrow", text: t("item_" + item.status)}),
      el("h2", {class: "item-title", text: item.position + ". " + item.title}),
      item.presenter ? el("p", {class: "item-presenter",
                                text: t("presenter") + ": " + item.presenter}) : null,
      item.description ? el("p", {class: "item-description", text: item.description}) : null,
    );
  }

  function quorum(container, state) {
    const q = state.attendance.quorum;
    container.className = "quorum " + (q.is_met ? "quorum-met" : "quorum-not-met");
    container.replaceChildren(
      el("strong", {class: "quorum-count", text: q.present + "/" + q.total}),
      el("span", {text: " " + t("present_of") + " · " + t("required") + " " + q.required + " · "}),
      el("span", {class: "quorum-state", text: t(q.is_met ? "quorum_met" : "quorum_not_met")}),
    );
  }

  // Seconds left for the current speaker, by the server's clock.
  function secondsLeft(state) {
    const s = state.speakers.speaking;
    if (!s || !s.started_dt) return null;
    const elapsed = (Date.now() + (state.clockOffset || 0) - Date.parse(s.started_dt)) / 1000;
    return Math.round(s.limit_seconds - elapsed);
  }

  function formatSeconds(seconds) {
    const sign = seconds < 0 ? "−" : "";
    const abs = Math.abs(seconds);
    return sign + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
  }

  // Keep every [data-timer] element counting down once a second.
  function startTimers(getState) {
    setInterval(() => {
      const state = getState();
      if (!state) return;
      const left = secondsLeft(state);
      document.querySelectorAll("[data-timer]").forEach((node) => {
        node.textContent = left === null ? "" : formatSeconds(left);
        node.classList.toggle("timer-over", left !== null && left < 0);
      });
    }, 1000);
  }

  function speakers(container, state, options) {
    const sp = state.speakers;
    const nodes = [];
    if (sp.speaking) {
      nodes.push(el("div", {class: "speaking"}, [
        el("p", {class: "eyebrow", text: t("speaking_now")}),
        el("p", {class: "speaker-name", text: sp.speaking.name}),
        el("p", {class: "timer", dataset: {timer: ""}}),
        options.chair ? el("button", {class: "btn btn-danger", type: "button",
                                      text: t("end_floor"),
                                      onclick: () => options.onEnd(sp.speaking)}) : null,
      ]));
    }
    nodes.push(el("p", {class: "eyebrow", text: t("waiting")}));
    if (!sp.queue.length) nodes.push(el("p", {class: "muted", text: t("nobody_waiting")}));
    const list = el("ol", {class: "queue"});
    for (const s of sp.queue) {
      list.append(el("li", {class: "queue-item"}, [
        el("span", {class: "queue-name", text: s.name}),
        options.chair ? el("button", {class: "btn btn-primary btn-small", type: "button",
                                      text: t("give_floor"),
                                      onclick: () => options.onGive(s)}) : null,
        options.chair ? el("button", {class: "btn btn-small", type: "button",
                                      text: t("remove"),
                                      onclick: () => options.onRemove(s)}) : null,
      ]));
    }
    nodes.push(list);
    container.replaceChildren(...nodes);
  }

  function snapshotFromPage() {
    const node = document.getElementById("snapshot");
    return node ? JSON.parse(node.textContent) : null;
  }

  return {currentItem, agenda, itemDetail, quorum, speakers, startTimers, secondsLeft,
          formatSeconds, snapshotFromPage};
})();
