// The papers page: while a paper is being built, ask for its state every 2 s and reload
// the page when it is done or failed (the server also tells the requester's devices).
"use strict";

(function () {
  const pending = document.querySelectorAll("[data-job-url]");
  if (!pending.length) return;
  async function poll() {
    for (const row of pending) {
      try {
        const job = await App.api("GET", row.dataset.jobUrl);
        const badge = row.querySelector(".job-state");
        if (badge) badge.textContent = job.state_label;
        if (job.state === "done" || job.state === "failed") {
          window.location.reload();
          return;
        }
      } catch (err) {
        // A refused poll already showed its reason; keep trying.
      }
    }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 1000);
})();
