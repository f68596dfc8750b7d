// The delegate's meeting screen: answer, check in, follow the agenda, ask to speak.
"use strict";

(function () {
  const {t, el, api} = App;
  const root = document.getElementById("meeting");
  const meetingId = Number(root.dataset.meetingId);
  const base = "/api/v1/meetings/" + meetingId;
  // The delegate follows the current item until they tap another one to read it.
  let following = true;
  let selectedId = null;
  let live = null;

  function select(item) {
    const current = live.state.agenda.current_item_id;
    following = item.id === current;
    selectedId = item.id;
    draw(live.state);
  }

  function backToCurrent() {
    following = true;
    draw(live.state);
  }

  function drawAttendance(state) {
    const box = document.getElementById("my-attendance");
    const open = ["published", "in_session"].includes(state.meeting.status);
    const nodes = [el("p", {class: "my-status", text:
      t("rsvp_" + state.me.rsvp) + " · " + t("presence_" + state.me.presence)})];
    if (open && state.me.presence !== "present") {
      nodes.push(el("button", {class: "btn btn-primary btn-big", id: "check-in", type: "button",
                               text: t("check_in"),
                               onclick: () => api("POST", base + "/attendance/me/check-in")}));
    }
    if (open && state.me.presence !== "present" && state.meeting.status === "published") {
      const reason = el("textarea", {id: "excuse-reason", rows: 2, maxlength: 500,
                                     placeholder: t("reason"),
                                     "aria-label": t("reason")});
      nodes.push(el("div", {class: "rsvp"}, [
        el("button", {class: "btn", type: "button", id: "rsvp-attend",
                      text: t("attend"),
                      onclick: () => api("PUT", base + "/attendance/me",
                                         {response: "attending"})}),
        el("details", {class: "excuse"}, [
          el("summary", {class: "btn", text: t("excuse")}),
          reason,
          el("button", {class: "btn btn-primary", type: "button", text: t("send"),
                        onclick: () => api("PUT", base + "/attendance/me",
                                           {response: "excused", reason: reason.value})}),
        ]),
      ]));
    }
    box.replaceChildren(...nodes);
  }

  function drawSpeak(state) {
    const box = document.getElementById("my-speech");
    const mine = state.me.speaker_request;
    const inSession = state.meeting.status === "in_session" && state.agenda.current_item_id;
    const nodes = [];
    if (mine && mine.status === "speaking") {
      nodes.push(el("p", {class: "notice notice-ok", text: t("you_are_speaking")}),
                 el("p", {class: "timer", dataset: {timer: ""}}));
    } else if (mine) {
      nodes.push(el("p", {class: "notice", text: t("you_are_waiting")}),
                 el("button", {class: "btn btn-big", id: "withdraw", type: "button",
                               text: t("withdraw"),
                               onclick: () => api("POST", base + "/speakers/" + mine.id +
                                                  "/withdraw")}));
    } else if (inSession) {
      nodes.push(el("button", {class: "btn btn-primary btn-big", id: "ask-to-speak",
                               type: "button", text: t("speak"),
                               onclick: () => api("POST", base + "/speakers")}));
    }
    box.replaceChildren(...nodes);
  }

  function draw(state) {
    document.getElementById("meeting-status").textContent = t("meeting_" + state.meeting.status);
    const current = Panels.currentItem(state);
    if (following) selectedId = current ? current.id : null;
    const selected = state.agenda.items.find((i) => i.id === selectedId) || current;
    Panels.agenda(document.getElementById("agenda"), state,
                  {selectedId: selected && selected.id, onSelect: select});
    Panels.itemDetail(document.getElementById("item-detail"), selected);
    document.getElementById("back-to-current").hidden = following || !current;
    const banner = document.getElementById("current-banner");
    banner.textContent = current ? t("current") + ": " + current.position + ". " + current.title
                                 : t("no_current");
    banner.classList.toggle("is-live", Boolean(current));
    drawAttendance(state);
    drawSpeak(state);
    Panels.speakers(document.getElementById("speakers"), state, {chair: false});
  }

  document.getElementById("back-to-current").addEventListener("click", backToCurrent);
  live = Live.start(meetingId, Panels.snapshotFromPage(), draw);
  Panels.startTimers(() => live.state);
})();
