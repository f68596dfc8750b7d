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

  function chip(text, count, cls) {
    return el("span", {class: "chip " + cls}, [
      el("strong", {text: String(count)}), el("span", {text: " " + text}),
    ]);
  }

  // Fifty members do not fit a tablet: the quorum and the counts stay in view; the names,
  // those not present first, are in a list that opens with a tap.
  function drawAttendance(state) {
    // The chair is a member too, and counts for the quorum once checked in.
    const open = ["published", "in_session"].includes(state.meeting.status);
    document.getElementById("chair-check-in").replaceChildren(
      ...(open && state.me.is_member && state.me.presence !== "present"
        ? [el("button", {class: "btn btn-primary btn-block", id: "check-in", type: "button",
                         text: t("check_in"),
                         onclick: () => api("POST", base + "/attendance/me/check-in")})]
        : []));
    Panels.quorum(document.getElementById("quorum"), state);
    const online = new Set(state.presence.online_user_ids);
    const people = state.attendance.people;
    const absent = people.filter((p) => p.presence !== "present");
    const present = people.filter((p) => p.presence === "present");
    // The counts are of members, as the quorum is; each falls in one group: present,
    // excused, marked absent, or not checked in yet. Guests are in the list below.
    const members = people.filter((p) => p.kind !== "guest");
    const away = members.filter((p) => p.presence !== "present");
    const excused = away.filter((p) => p.rsvp === "excused").length;
    const marked = away.filter((p) => p.rsvp !== "excused" && p.presence === "absent").length;
    const onlineCount = members.filter((p) => online.has(p.user_id)).length;
    document.getElementById("attendance-summary").replaceChildren(...[
      chip(t("presence_present"), members.length - away.length, "chip-present"),
      chip(t("presence_unknown"), away.length - excused - marked, "chip-unknown"),
      excused ? chip(t("rsvp_excused"), excused, "chip-excused") : null,
      marked ? chip(t("presence_absent"), marked, "chip-absent") : null,
      chip(t("online_now"), onlineCount, "chip-online"),
    ].filter(Boolean));
    document.getElementById("people-count").textContent = "(" + people.length + ")";

    function group(title, members, withState) {
      if (!members.length) return null;
      const list = el("ul", {class: "people-grid"});
      for (const p of members) {
        // Only what tells the chair something: an excuse, a mark of absence, a promise to come.
        const label = p.rsvp === "excused"
          ? t("rsvp_excused") + (p.excuse_reason ? ": " + p.excuse_reason : "")
          : p.presence === "absent" ? t("presence_absent")
          : p.rsvp === "attending" ? t("rsvp_attending") : null;
        list.append(el("li", {class: "person-cell presence-" + p.presence}, [
          el("span", {class: "dot" + (online.has(p.user_id) ? " dot-online" : ""),
                      "aria-label": online.has(p.user_id) ? t("online_now") : null}),
          el("span", {class: "person-name", text: p.name +
                      (p.kind === "guest" ? " (" + t("guest") + ")" : "")}),
          withState && label ? el("span", {class: "person-state", text: label}) : null,
        ]));
      }
      return el("div", {class: "people-group"}, [
        el("h3", {text: title + " (" + members.length + ")"}), list,
      ]);
    }
    document.getElementById("people").replaceChildren(...[
      group(t("not_present"), absent, true),
      group(t("presence_present"), present, false),
    ].filter(Boolean));
  }

  function draw(state) {
    Panels.meetingStatus(state);
    const inSession = state.meeting.status === "in_session";
    // Only the explicit buttons move the room: tapping a row does nothing.
    Panels.agenda(document.getElementById("agenda"), state,
                  {chairAction: inSession ? setCurrent : null, presenters: true});
    document.querySelectorAll("[data-step]").forEach((b) => { b.disabled = !inSession; });
    document.getElementById("agenda-hint").hidden = inSession;
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
