// A job started from this page (an upload's check): show its progress until it ends,
// then go to its result, or keep the reason it failed on screen until the page is left.
// Asks the server every second: works the same with or without the live channel.
"use strict";

(function () {
  document.querySelectorAll(".job-panel").forEach((panel) => {
    const bar = panel.querySelector(".job-progress");
    const message = panel.querySelector(".job-message");
    const failed = panel.querySelector(".job-failed");

    function update(job) {
      bar.value = job.progress;
      bar.textContent = job.progress + "%";
      if (job.message && job.state !== "failed") message.textContent = job.message;
      if (job.state === "done") {
        const result = job.result || {};
        window.location.assign(panel.dataset.doneUrl.replace(
          "{document_id}", String(result.document_id || "")));
        return true;
      }
      if (job.state === "failed") {
        panel.querySelector(".job-title").textContent = panel.dataset.failedTitle;
        bar.hidden = true;
        message.hidden = true;
        failed.textContent = job.message;
        failed.hidden = false;
        return true;
      }
      return false;
    }

    function poll() {
      fetch(panel.dataset.jobUrl, {headers: {Accept: "application/json"},
                                   credentials: "same-origin"})
        .then((r) => (r.ok ? r.json() : null))
        .then((job) => { if (!job || !update(job)) setTimeout(poll, 1000); },
              () => setTimeout(poll, 2000));
    }
    poll();
  });
})();
