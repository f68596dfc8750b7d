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

  let attendanceKey = null;
  let shownCurrentId;  // the current item last drawn; undefined before the first drawing

  // Show the item's text where the reader can see it (below the agenda on an upright tablet).
  function reveal(id) {
    const node = document.getElementById(id);
    const box = node.getBoundingClientRect();
    if (box.top < 80 || box.top > window.innerHeight - 120) {
      node.scrollIntoView({block: "start", behavior: "smooth"});
    }
  }

  function select(item) {
    const current = live.state.agenda.current_item_id;
    following = item.id === current;
    selectedId = item.id;
    draw(live.state);
    reveal(document.getElementById("current-banner").hidden ? "item-card" : "current-banner");
  }

  function backToCurrent() {
    following = true;
    draw(live.state);
    reveal("item-card");
  }

  // Answer the invitation before the meeting, check in at it. The card moves to the top
  // while there is something to do, and shrinks to one line once the delegate is present.
  function drawAttendance(state) {
    const me = state.me;
    const now = Date.now() + (state.clockOffset || 0);
    const checkInOpen = state.meeting.status === "in_session" ||
      (state.meeting.status === "published" && now >= Date.parse(state.meeting.check_in_opens_dt));
    const present = me.presence === "present";
    const canCheckIn = checkInOpen && !present;
    const canAnswer = state.meeting.status === "published" && !present;
    // Redraw only on a change of one's own state: another delegate checking in must not
    // close the excuse form or wipe the reason being typed.
    const key = [me.rsvp, me.presence, canCheckIn, canAnswer].join("|");
    if (key === attendanceKey) return;
    attendanceKey = key;
    const card = document.getElementById("attendance-card");
    card.classList.toggle("needs-action", canCheckIn || canAnswer);
    card.classList.toggle("is-done", present);
    const nodes = [];
    if (present) {
      nodes.push(el("p", {class: "notice notice-ok", id: "my-presence",
                          text: "✓ " + t("presence_present")}));
    } else {
      nodes.push(el("p", {class: "my-status", id: "my-presence",
                          text: t("presence_" + me.presence) + " · " + t("rsvp_" + me.rsvp)}));
    }
    if (canCheckIn) {
      nodes.push(el("button", {class: "btn btn-primary btn-big", id: "check-in", type: "button",
                               text: t("check_in"),
                               onclick: () => api("POST", base + "/attendance/me/check-in")}));
    }
    if (canAnswer) {
      const reason = el("textarea", {id: "excuse-reason", rows: 2, maxlength: 500,
                                     placeholder: t("reason"),
                                     "aria-label": t("reason")});
      nodes.push(el("div", {class: "rsvp"}, [
        el("button", {class: "btn" + (me.rsvp === "attending" ? " btn-on" : ""), type: "button",
                      id: "rsvp-attend", text: t("attend"),
                      "aria-pressed": me.rsvp === "attending" ? "true" : "false",
                      onclick: () => api("PUT", base + "/attendance/me",
                                         {response: "attending"})}),
        el("details", {class: "excuse"}, [
          el("summary", {class: "btn" + (me.rsvp === "excused" ? " btn-on" : ""),
                         text: t("excuse")}),
          reason,
          el("button", {class: "btn btn-primary", type: "button", text: t("send"),
                        onclick: () => api("PUT", base + "/attendance/me",
                                           {response: "excused", reason: reason.value})}),
        ]),
      ]));
    }
    document.getElementById("my-attendance").replaceChildren(...nodes);
  }

  function drawSpeak(state) {
    const box = document.getElementById("my-speech");
    const mine = state.me.speaker_request;
    const inSession = state.meeting.status === "in_session" && state.agenda.current_item_id;
    const nodes = [];
    if (mine && mine.status === "speaking") {
      // The timer is in the speakers' panel just below.
      nodes.push(el("p", {class: "notice notice-ok", text: t("you_are_speaking")}));
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

  // Draw attention to a change of the current item (a short glow, no sound).
  function glow(node) {
    node.classList.remove("glow");
    void node.offsetWidth;  // restart the animation
    node.classList.add("glow");
  }

  function draw(state) {
    Panels.meetingStatus(state);
    const current = Panels.currentItem(state);
    if (current && selectedId === current.id) following = true;
    if (following) selectedId = current ? current.id : null;
    const selected = state.agenda.items.find((i) => i.id === selectedId) || current;
    Panels.agenda(document.getElementById("agenda"), state,
                  {selectedId: selected && selected.id, onSelect: select});
    Panels.itemDetail(document.getElementById("item-detail"), selected);
    // While the delegate reads another item, the banner keeps the current one in view,
    // with the way back to it. While following, the item card is the current item.
    const browsing = Boolean(current) && !following;
    const banner = document.getElementById("current-banner");
    banner.hidden = !browsing;
    document.getElementById("banner-title").textContent =
      current ? current.position + ". " + current.title : "";
    const card = document.getElementById("item-card");
    card.classList.toggle("is-current", !browsing && Boolean(current));
    card.classList.toggle("is-reading", Boolean(selected) && selected !== current);
    const currentId = current ? current.id : null;
    if (shownCurrentId !== undefined && currentId !== shownCurrentId && current) {
      glow(document.getElementById(browsing ? "current-banner" : "item-card"));
    }
    shownCurrentId = currentId;
    drawAttendance(state);
    drawSpeak(state);
    Panels.speakers(document.getElementById("speakers"), state,
                    {chair: false, meId: state.me.user_id});
  }

  document.getElementById("back-to-current").addEventListener("click", backToCurrent);
  live = Live.start(meetingId, Panels.snapshotFromPage(), draw);
  Panels.startTimers(() => live.state);
})();
