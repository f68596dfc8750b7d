// Panels shared by the delegate, chair and projector screens, drawn from the live state.
"use strict";

window.Panels = (function () {
  const {t, el} = App;

  function currentItem(state) {
    return state.agenda.items.find((i) => i.id === state.agenda.current_item_id) || null;
  }

  // The agenda as a list of big buttons. options.selectedId marks the item being read,
  // options.onSelect(item) handles a tap, options.chairAction(item) adds "make current",
  // options.presenters adds each item's presenter.
  // Without onSelect the rows are plain text: a stray tap must not do anything.
  function agenda(container, state, options) {
    const list = el("ol", {class: "agenda"});
    for (const item of state.agenda.items) {
      const isCurrent = item.id === state.agenda.current_item_id;
      const classes = ["agenda-item", "status-" + item.status];
      if (isCurrent) classes.push("is-current");
      if (options.selectedId === item.id && !isCurrent) classes.push("is-selected");
      const label = isCurrent ? t("current") : item.status === "done" ? t("item_done") : null;
      const parts = [
        el("span", {class: "agenda-pos", text: item.position}),
        el("span", {class: "agenda-title", text: item.title}),
        el("span", {class: "agenda-meta"}, [
          label ? el("span", {class: "agenda-state", text: label}) : null,
          el("span", {text: item.planned_minutes + " " + t("minutes")}),
          options.presenters && item.presenter ? el("span", {text: item.presenter}) : null,
        ]),
      ];
      const body = options.onSelect
        ? el("button", {class: "agenda-open", type: "button",
                        "aria-current": isCurrent ? "true" : null,
                        "aria-pressed": options.selectedId === item.id ? "true" : "false",
                        onclick: () => options.onSelect(item)}, parts)
        : el("div", {class: "agenda-open", "aria-current": isCurrent ? "true" : null}, parts);
      const row = el("li", {class: classes.join(" "), dataset: {itemId: item.id}}, [
        body,
        options.chairAction && !isCurrent ?
          el("button", {class: "btn btn-small agenda-go", type: "button", text: t("go_to"),
                        dataset: {makeCurrent: item.id},
                        onclick: () => options.chairAction(item)}) : null,
      ]);
      list.append(row);
    }
    container.replaceChildren(list);
  }

  // A button that acts on the second tap within five seconds (no window.confirm on tablets).
  function confirmButton(attrs, action) {
    const button = el("button", Object.assign({type: "button"}, attrs));
    const label = attrs.text;
    let timer = null;
    button.addEventListener("click", () => {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        action();
        return;
      }
      button.textContent = t("confirm");
      button.classList.add("btn-armed");
      timer = setTimeout(() => {
        timer = null;
        button.textContent = label;
        button.classList.remove("btn-armed");
      }, 5000);
    });
    return button;
  }

  // The meeting's status badge in the page header: its words and its colour.
  function meetingStatus(state) {
    const badge = document.getElementById("meeting-status");
    if (!badge) return;
    badge.textContent = t("meeting_" + state.meeting.status);
    badge.className = "badge badge-" + state.meeting.status;
  }

  function itemDetail(container, item) {
    if (!item) {
      container.replaceChildren(el("p", {class: "muted", text: t("no_current")}));
      return;
    }
    const nodes = [
      el("p", {class: "eyebrow", text: t("item_" + item.status)}),
      el("h2", {class: "item-title", text: item.position + ". " + item.title}),
      item.presenter ? el("p", {class: "item-presenter",
                                text: t("presenter") + ": " + item.presenter}) : null,
      item.description ? el("p", {class: "item-description", text: item.description}) : null,
    ];
    container.replaceChildren(...nodes.filter(Boolean));
  }

  function quorum(container, state) {
    const q = state.attendance.quorum;
    container.className = "quorum " + (q.is_met ? "quorum-met" : "quorum-not-met");
    container.replaceChildren(
      el("strong", {class: "quorum-count", text: q.present + "/" + q.total}),
      el("span", {class: "quorum-text"}, [
        el("strong", {class: "quorum-state",
                      text: (q.is_met ? "✓ " : "") + t(q.is_met ? "quorum_met" : "quorum_not_met")}),
        el("span", {class: "quorum-detail",
                    text: t("present_of") + " · " + t("required") + " " + q.required}),
      ]),
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

  // A countdown for the current speaker, filled at once (startTimers keeps it going).
  function timer(state, cls) {
    const left = secondsLeft(state);
    return el("p", {class: cls + (left !== null && left < 0 ? " timer-over" : ""),
                    dataset: {timer: ""}, text: left === null ? "" : formatSeconds(left)});
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
      const mine = options.meId === sp.speaking.user_id;
      nodes.push(el("div", {class: "speaking" + (mine ? " is-me" : "")}, [
        el("p", {class: "eyebrow", text: t("speaking_now")}),
        el("p", {class: "speaker-name", text: sp.speaking.name}),
        timer(state, "timer"),
        options.chair ? el("button", {class: "btn btn-danger", type: "button",
                                      text: t("end_floor"),
                                      onclick: () => options.onEnd(sp.speaking)}) : null,
      ]));
    }
    nodes.push(el("p", {class: "eyebrow", text: t("waiting") +
                                            (sp.queue.length ? " (" + sp.queue.length + ")" : "")}));
    if (!sp.queue.length) nodes.push(el("p", {class: "muted", text: t("nobody_waiting")}));
    const list = el("ol", {class: "queue"});
    sp.queue.forEach((s, index) => {
      const mine = options.meId === s.user_id;
      list.append(el("li", {class: "queue-item" + (mine ? " is-me" : "")}, [
        el("span", {class: "queue-pos", text: (index + 1) + "."}),
        el("span", {class: "queue-name", text: s.name}),
        options.chair ? el("button", {class: "btn btn-primary btn-small", type: "button",
                                      text: t("give_floor"), dataset: {giveFloor: s.id},
                                      onclick: () => options.onGive(s)}) : null,
        options.chair ? confirmButton({class: "btn btn-small", text: t("remove")},
                                      () => options.onRemove(s)) : null,
      ]));
    });
    nodes.push(list);
    container.replaceChildren(...nodes);
  }

  function snapshotFromPage() {
    const node = document.getElementById("snapshot");
    return node ? JSON.parse(node.textContent) : null;
  }

  return {currentItem, agenda, confirmButton, meetingStatus, itemDetail, quorum, speakers,
          startTimers, timer, secondsLeft, formatSeconds, snapshotFromPage};
})();
