// The room's big screen: the current item, the current speaker and the timer.
"use strict";

(function () {
  const {t, el} = App;
  const root = document.getElementById("projector");
  const meetingId = Number(root.dataset.meetingId);

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
    const q = state.attendance.quorum;
    document.getElementById("proj-quorum").textContent =
      q.present + "/" + q.total + " " + t("present_of");
    const next = state.speakers.queue.map((s) => s.name).join(" · ");
    document.getElementById("proj-queue").textContent = next ? t("waiting") + ": " + next : "";
  }

  const live = Live.start(meetingId, Panels.snapshotFromPage(), draw);
  Panels.startTimers(() => live.state);
})();
