// The chair's console: move the agenda, watch attendance and quorum, run the speakers' queue.
"use strict";

(function () {
  const {t, el, api} = App;
  const root = document.getElementById("chair");
  const meetingId = Number(root.dataset.meetingId);
  const base = "/api/v1/meetings/" + meetingId;
  let live = null;

  function setCurrent(item) {
    return api("PUT", base + "/agenda/current", {item_id: item.id});
  }

  function drawAttendance(state) {
    Panels.quorum(document.getElementById("quorum"), state);
    const online = new Set(state.presence.online_user_ids);
    const list = el("ul", {class: "people"});
    for (const p of state.attendance.people) {
      list.append(el("li", {class: "person presence-" + p.presence}, [
        el("span", {class: "dot" + (online.has(p.user_id) ? " dot-online" : ""),
                    title: online.has(p.user_id) ? t("online_now") : null}),
        el("span", {class: "person-name", text: p.name}),
        el("span", {class: "person-state",
                    text: p.presence === "unknown" ? t("rsvp_" + p.rsvp)
                                                   : t("presence_" + p.presence)}),
      ]));
    }
    document.getElementById("people").replaceChildren(list);
  }

  function draw(state) {
    document.getElementById("meeting-status").textContent = t("meeting_" + state.meeting.status);
    const inSession = state.meeting.status === "in_session";
    Panels.agenda(document.getElementById("agenda"), state,
                  {onSelect: inSession ? setCurrent : null,
                   chairAction: inSession ? setCurrent : null});
    Panels.itemDetail(document.getElementById("item-detail"), Panels.currentItem(state));
    document.querySelectorAll("[data-step]").forEach((b) => { b.disabled = !inSession; });
    drawAttendance(state);
    Panels.speakers(document.getElementById("speakers"), state, {
      chair: true,
      onGive: (s) => api("POST", base + "/speakers/" + s.id + "/floor",
                         {limit_seconds: Number(document.getElementById("limit").value) * 60}),
      onEnd: (s) => api("POST", base + "/speakers/" + s.id + "/end"),
      onRemove: (s) => api("POST", base + "/speakers/" + s.id + "/withdraw"),
    });
  }

  document.querySelectorAll("[data-step]").forEach((button) => {
    button.addEventListener("click", () =>
      api("POST", base + "/agenda/step", {direction: Number(button.dataset.step)}));
  });
  live = Live.start(meetingId, Panels.snapshotFromPage(), draw);
  Panels.startTimers(() => live.state);
})();
