// Live voting on the delegate's tablet, the chair's console and the projector.
//
// Loaded after live.js and before the page's own script: it registers the numbered poll
// events, and hooks into the channel's start so every redraw of the page redraws the vote.
// Ballots go over HTTP POST with an Idempotency-Key kept per vote on this tablet, so a
// retry after a lost answer gets the same answer (and the same receipt code).
"use strict";

window.Voting = (function () {
  const {t, el, api} = App;
  const page = document.getElementById("chair") ? "chair"
    : document.getElementById("projector") ? "projector" : "delegate";
  let live = null;
  let meetingId = null;  // the page's; event payloads lose their meeting_id in Live.apply
  let pending = {};  // poll id -> the choice tapped, waiting for confirmation
  let sending = false;
  const OPTION_WORDS = {yes: "poll_agree", no: "poll_disagree", abstain: "poll_abstain",
                        high: "poll_high", medium: "poll_medium", low: "poll_low"};

  function polls(state) {
    state.polls = state.polls || {active: [], recent: [], voted: []};
    return state.polls;
  }

  Live.register("poll.opened", (state, data) => {
    const p = polls(state);
    p.active = p.active.filter((x) => x.id !== data.id).concat([data]);
    if (p.drafts) p.drafts = p.drafts.filter((x) => x.id !== data.id);
  });
  Live.register("poll.counted", (state, data) => {
    const poll = polls(state).active.find((x) => x.id === data.poll_id);
    if (poll) { poll.received = data.received; poll.eligible = data.eligible; }
  });
  function counted(state, data) {
    const p = polls(state);
    p.active = p.active.filter((x) => x.id !== data.id);
    if (p.drafts) p.drafts = p.drafts.filter((x) => x.id !== data.id);
    p.recent = [data].concat(p.recent.filter((x) => x.id !== data.id)).slice(0, 5);
    if (p.breakdown) p.breakdown = p.breakdown.filter((b) => b.poll_id !== data.id);
  }
  Live.register("poll.closed", counted);
  Live.register("poll.published", counted);

  Live.onStart((channel, id) => {
    meetingId = id;
    live = channel;
    // Unnumbered, chair's room only.
    live.socket.on("poll.breakdown", (data) => {
      const p = polls(live.state);
      p.breakdown = (p.breakdown || []).filter((b) => b.poll_id !== data.poll_id).concat([data]);
      draw(live.state);
    });
    live.socket.on("poll.drafted", (data) => {
      const p = polls(live.state);
      p.drafts = (p.drafts || []).filter((x) => x.id !== data.id).concat([data]);
      draw(live.state);
    });
    return (state) => draw(state);  // every redraw of the page redraws the vote too
  });

  function base(poll) { return "/api/v1/meetings/" + meetingId + "/polls/" + poll.id; }
  function resultUrl(poll) { return "/meetings/" + meetingId + "/polls/" + poll.id; }

  function words(poll, choice) {
    if (poll.kind === "motion") return t(OPTION_WORDS[choice]);
    const names = Object.fromEntries(poll.candidates.map((c) => [c.id, c.name]));
    if (poll.kind === "election") return choice.map((id) => names[id]).join(", ") || "—";
    return Object.entries(choice).map(([id, lv]) => names[id] + ": " + t(OPTION_WORDS[lv]))
      .join("; ");
  }

  function progress(poll, big) {
    const share = poll.eligible ? Math.min(100, Math.round(100 * poll.received / poll.eligible)) : 0;
    const bar = el("div", {class: "poll-bar"}, [el("span", {class: "poll-bar-fill"})]);
    bar.firstChild.style.width = share + "%";
    return el("div", {class: "poll-progress" + (big ? " poll-progress-big" : "")}, [
      el("p", {class: "poll-count"}, [
        el("span", {class: "poll-received", text: String(poll.received)}),
        el("span", {text: " / " + poll.eligible + " "}),
        el("span", {class: "poll-count-label", text: t("poll_of_eligible")})]),
      bar]);
  }

  function head(poll) {
    const now = poll.kind === "hands" ? t("poll_hands_now")
      : t(page === "delegate" ? "poll_vote_now" : "poll_voting");
    return [el("p", {class: "poll-kicker", text: now + " · " +
                     t(poll.is_secret ? "poll_secret" : "poll_named")}),
            el("h2", {class: "poll-title", text: poll.title})];
  }

  function resultBox(poll, lang) {
    const lines = (poll.explanation && poll.explanation[lang]) || [];
    return el("div", {class: "poll-result"}, [
      el("p", {class: "poll-kicker", text: t("poll_result") + " · " + poll.title}),
      el("ul", {class: "poll-lines"}, lines.map((line) => el("li", {text: line})))]);
  }

  // --- the delegate's ballot -------------------------------------------------------------

  function randomKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function send(poll, choice) {
    if (sending) return;
    sending = true;
    const store = "poll-key-" + poll.id;
    const key = localStorage.getItem(store) || randomKey();
    localStorage.setItem(store, key);
    try {
      const response = await fetch(base(poll) + "/ballots", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "Accept": "application/json",
                  "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content,
                  "Idempotency-Key": key},
        body: JSON.stringify({choice: choice})});
      const data = await response.json().catch(() => ({}));
      if (!response.ok) { App.toast(data.error || t("error")); return; }
      if (data.receipt) localStorage.setItem("poll-receipt-" + poll.id, data.receipt);
      const p = polls(live.state);
      if (!p.voted.includes(poll.id)) p.voted.push(poll.id);
      delete pending[poll.id];
    } catch (err) {
      App.toast(t("offline"));  // the key is kept: tapping again resends the same ballot
    } finally {
      sending = false;
      draw(live.state);
    }
  }

  function choose(poll, choice) { pending[poll.id] = choice; draw(live.state); }

  function ballotButtons(poll) {
    if (poll.kind === "motion") {
      const options = poll.allow_abstain ? ["yes", "no", "abstain"] : ["yes", "no"];
      return el("div", {class: "poll-options"}, options.map((o) => el("button", {
        type: "button", class: "btn poll-option poll-option-" + o, dataset: {choice: o},
        text: t(OPTION_WORDS[o]), onclick: () => choose(poll, o)})));
    }
    const draft = pending["draft-" + poll.id] = pending["draft-" + poll.id] || (
      poll.kind === "election" ? poll.candidates.map((c) => c.id) : {});
    const rows = poll.candidates.map((c) => {
      const levels = poll.kind === "election" ? ["keep", "strike"] : ["high", "medium", "low"];
      // A struck name is drawn struck through, as on the paper ballot (gạch tên).
      const struck = poll.kind === "election" && !draft.includes(c.id);
      return el("div", {class: "poll-person" + (struck ? " poll-person-struck" : "")}, [
        el("span", {class: "poll-person-name", text: c.name}),
        el("span", {class: "poll-person-options"}, levels.map((lv) => {
          const on = poll.kind === "election" ? draft.includes(c.id) === (lv === "keep")
            : draft[c.id] === lv;
          return el("button", {type: "button", "aria-pressed": on ? "true" : "false",
            class: "btn poll-level poll-level-" + lv + (on ? " btn-on" : ""),
            text: t(lv === "keep" ? "poll_keep" : lv === "strike" ? "poll_strike"
              : OPTION_WORDS[lv]),
            onclick: () => {
              if (poll.kind === "election") {
                const i = draft.indexOf(c.id);
                if (lv === "keep" && i < 0) draft.push(c.id);
                if (lv === "strike" && i >= 0) draft.splice(i, 1);
              } else { draft[c.id] = lv; }
              draw(live.state);
            }});
        }))]);
    });
    const hint = poll.kind === "election"
      ? el("p", {class: "notice", text: t("poll_keep_up_to") + " " + poll.seats}) : null;
    return el("div", {class: "poll-people"}, [hint, ...rows, el("button", {
      type: "button", class: "btn btn-primary btn-big", text: t("poll_confirm"),
      onclick: () => choose(poll, poll.kind === "election" ? draft.slice().sort((a, b) => a - b)
        : Object.assign({}, draft))})]);
  }

  function drawDelegate(state) {
    const card = document.getElementById("poll-card");
    if (!card) return;
    const p = polls(state);
    const poll = p.active[0];
    const nodes = [];
    if (poll) {
      nodes.push(...head(poll));
      const voted = p.voted.includes(poll.id);
      if (voted) {
        const receipt = localStorage.getItem("poll-receipt-" + poll.id);
        nodes.push(el("p", {class: "notice notice-ok poll-voted", id: "poll-voted",
                            text: "✓ " + t("poll_voted")}));
        if (receipt) nodes.push(el("p", {class: "poll-receipt"}, [
          el("span", {text: t("poll_receipt") + " "}), el("b", {text: receipt})]));
      } else if (poll.kind === "hands") {
        nodes.push(el("p", {class: "notice", text: t("poll_hands_now")}));
      } else if (!(state.me.is_member && state.me.presence === "present")) {
        // Derived from `me`, which attendance.changed keeps current: checking in makes one
        // a voter (the same rule as ballots._check_eligible on the server).
        nodes.push(el("p", {class: "notice", text: t("poll_cannot_vote")}));
      } else if (pending[poll.id] !== undefined) {
        nodes.push(el("p", {class: "poll-confirm-text"}, [
          el("span", {text: t("poll_you_chose") + " "}),
          el("b", {text: words(poll, pending[poll.id])})]),
          el("div", {class: "poll-options"}, [
            el("button", {type: "button", class: "btn btn-primary poll-confirm",
                          text: t("poll_confirm"), onclick: () => send(poll, pending[poll.id])}),
            el("button", {type: "button", class: "btn poll-change", text: t("poll_change"),
                          onclick: () => { delete pending[poll.id]; draw(live.state); }})]));
      } else {
        nodes.push(ballotButtons(poll));
      }
      nodes.push(progress(poll, false));
    } else if (p.recent[0]) {
      const done = p.recent[0];
      nodes.push(resultBox(done, document.documentElement.lang || "vi"));
      // The result page holds the receipt check and the member's reservation of opinion.
      if (state.me && state.me.is_member) {
        nodes.push(el("p", {class: "poll-links"}, [
          el("a", {class: "btn", href: resultUrl(done), text: t("poll_details")}),
          state.me.presence === "present" ? el("a", {class: "btn", id: "poll-reserve",
            href: resultUrl(done) + "#reservations-h", text: t("poll_reserve")}) : null]));
      }
    }
    card.hidden = nodes.length === 0;
    card.classList.toggle("poll-card-open", Boolean(poll));
    card.replaceChildren(...nodes);
  }

  // --- the chair's panel -----------------------------------------------------------------

  function action(poll, verb, label, cls, confirmText) {
    return el("button", {type: "button", class: "btn " + (cls || ""), text: label,
      dataset: {action: verb}, onclick: (event) => {
        const button = event.currentTarget;
        if (confirmText && button.dataset.armed !== "1") {
          button.dataset.armed = "1";
          button.textContent = confirmText;
          button.classList.add("btn-armed");
          setTimeout(() => { button.dataset.armed = ""; button.textContent = label;
                             button.classList.remove("btn-armed"); }, 5000);
          return;
        }
        api("POST", base(poll) + "/" + verb).then(() => live.reload(), () => {});
      }});
  }

  function handsForm(poll) {
    const options = poll.allow_abstain ? ["yes", "no", "abstain"] : ["yes", "no"];
    const inputs = options.map((o) => el("label", {class: "inline-field", text: t(OPTION_WORDS[o]) + " "},
      [el("input", {type: "number", min: "0", inputmode: "numeric", name: o, value: "0"})]));
    return el("form", {class: "poll-hands", onsubmit: (event) => {
      event.preventDefault();
      const counts = {};
      options.forEach((o) => { counts[o] = Number(event.target.elements[o].value || 0); });
      api("POST", base(poll) + "/hands", {counts}).then(() => live.reload(), () => {});
    }}, [...inputs, el("button", {class: "btn btn-primary", type: "submit",
                                   text: t("poll_record_hands")})]);
  }

  function drawChair(state) {
    const box = document.getElementById("poll-chair");
    if (!box) return;
    const p = polls(state);
    const nodes = [];
    for (const poll of p.active) {
      const parts = [...head(poll), progress(poll, true)];
      if (poll.quorum_warning) parts.push(el("p", {class: "notice", text: t("poll_quorum_warning")}));
      const bd = (p.breakdown || []).find((b) => b.poll_id === poll.id);
      if (bd && bd.counts && poll.kind === "motion") {
        parts.push(el("p", {class: "chips poll-tally"}, Object.entries(bd.counts)
          .filter(([o]) => o !== "abstain" || poll.allow_abstain)
          .map(([o, n]) => el("span", {class: "chip", text: t(OPTION_WORDS[o]) + ": " + n}))));
      }
      if (bd && bd.voters.length) {
        parts.push(el("ul", {class: "poll-voters"}, bd.voters.map((v) => el("li", {},
          [el("span", {text: v.name}), el("b", {text: words(poll, v.choice)})]))));
      }
      parts.push(poll.kind === "hands" ? handsForm(poll)
        : action(poll, "close", t("poll_close"), "btn-danger btn-big", t("poll_close_confirm")));
      nodes.push(el("div", {class: "poll-active", id: "poll-active-" + poll.id}, parts));
    }
    for (const poll of p.drafts || []) {
      nodes.push(el("div", {class: "poll-draft"}, [
        el("p", {class: "poll-title-small", text: poll.title}),
        poll.kind === "hands" ? handsForm(poll) : null,
        p.active.length ? null : action(poll, "open", t("poll_open"), "btn-primary btn-big")]));
    }
    for (const poll of p.recent.slice(0, 3)) {
      nodes.push(el("div", {class: "poll-done"}, [resultBox(poll, "vi"), el("p", {class: "poll-links"}, [
        poll.state === "closed" ? action(poll, "publish", t("poll_publish"), "btn-small") : null,
        action(poll, "repeat", t("poll_repeat"), "btn-small"),
        el("a", {class: "btn btn-small", href: resultUrl(poll), text: t("poll_details")}),
        el("a", {class: "btn btn-small", href: resultUrl(poll) + "/minutes.pdf",
                 text: t("poll_minutes")})])]));
    }
    if (!nodes.length) nodes.push(el("p", {class: "muted", text: t("poll_none")}));
    box.replaceChildren(...nodes);
  }

  function setUpForm() {
    const form = document.getElementById("poll-form");
    if (!form) return;
    const showFields = () => form.querySelectorAll("[data-for]").forEach((node) => {
      node.hidden = !node.dataset.for.split(" ").includes(form.elements.kind.value);
    });
    form.elements.kind.addEventListener("change", showFields);
    showFields();
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const f = form.elements;
      const body = {kind: f.kind.value, title: f.title.value, is_secret: f.is_secret.checked,
        allow_abstain: f.allow_abstain.checked, seats: Number(f.seats.value || 1),
        base: f.base.value, threshold: f.threshold.value,
        candidates: f.candidates.value.split("\n").map((s) => s.trim()).filter(Boolean)};
      api("POST", "/api/v1/meetings/" + meetingId + "/polls", body).then(() => {
        form.reset(); showFields();
        document.getElementById("poll-new").open = false;
        live.reload();
      }, () => {});
    });
  }

  // --- the projector -----------------------------------------------------------------

  function drawProjector(state) {
    const box = document.getElementById("proj-poll");
    if (!box) return;
    const p = polls(state);
    const poll = p.active[0];
    const recent = p.recent[0];
    const now = Date.now() + (state.clockOffset || 0);
    const fresh = recent && recent.closed_dt && now - Date.parse(recent.closed_dt) < 15 * 60 * 1000;
    let nodes = [];
    if (poll) nodes = [...head(poll), progress(poll, true)];
    else if (fresh) nodes = [resultBox(recent, "vi")];
    box.hidden = nodes.length === 0;
    box.replaceChildren(...nodes);
  }

  function draw(state) {
    if (!state) return;
    if (page === "delegate") drawDelegate(state);
    else if (page === "chair") drawChair(state);
    else drawProjector(state);
  }

  document.addEventListener("DOMContentLoaded", setUpForm);
  return {draw};
})();
