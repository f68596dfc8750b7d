// The room's big screen: the current item, the current speaker and the timer.
"use strict";

(function () {
  const {t, el} = App;
  const root = document.getElementById("projector");
  const meetingId = Number(root.dataset.meetingId);
  const SHOWN_IN_QUEUE = 4;

  function draw(state) {
    const item = Panels.currentItem(state);
    document.getElementById("proj-item").replaceChildren(item
      ? el("span", {text: item.position + ". " + item.title})
      : el("span", {class: "muted", text: t("no_current")}));
    document.getElementById("proj-presenter").textContent =
      item && item.presenter ? t("presenter") + ": " + item.presenter : "";
    const speaking = state.speakers.speaking;
    document.getElementById("proj-speaker").textContent = speaking ? speaking.name : "";
    document.getElementById("proj-speaker-box").hidden = !speaking;
    const left = Panels.secondsLeft(state);
    document.querySelector("#proj-speaker-box [data-timer]").textContent =
      left === null ? "" : Panels.formatSeconds(left);
    const q = state.attendance.quorum;
    document.getElementById("proj-quorum").textContent =
      t("presence_present") + ": " + q.present + "/" + q.total;
    // The next few names only: the screen is read from the back of the room.
    const queue = state.speakers.queue;
    const names = queue.slice(0, SHOWN_IN_QUEUE).map((s, i) => (i + 1) + ". " + s.name);
    if (queue.length > SHOWN_IN_QUEUE) names.push("+" + (queue.length - SHOWN_IN_QUEUE));
    document.getElementById("proj-queue").replaceChildren(...(names.length
      ? [el("span", {class: "proj-label", text: t("waiting")}),
         el("span", {class: "proj-names", text: names.join("   ")})]
      : []));
  }

  const live = Live.start(meetingId, Panels.snapshotFromPage(), draw);
  Panels.startTimers(() => live.state);
})();
