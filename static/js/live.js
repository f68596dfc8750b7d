// The live channel: join a meeting, keep its state current, recover from gaps.
//
// Every announcement carries the meeting's sequence number `seq`. The next one in
// order is applied; an older one is ignored; a gap, a connect or a reconnect loads
// the snapshot over HTTP and goes on from there (see docs/REALTIME.md).
"use strict";

window.Live = (function () {
  // Numbered events, sent to the whole meeting room.
  const EVENTS = ["agenda.current", "agenda.changed", "meeting.status", "meeting.updated",
                  "attendance.changed", "speakers.changed"];

  // Other scripts (documents, voting) add their numbered events before start():
  // Live.register("poll.opened", (state, data) => { ... }).
  const extra = {};
  function register(event, applyFn) {
    if (!EVENTS.includes(event)) EVENTS.push(event);
    extra[event] = applyFn;
  }

  // Other scripts also hear every drawing of the page and get the channel, without wrapping
  // start(): Live.onStart((live, meetingId) => (state, event) => { ... }). The function is
  // called once the channel exists; what it returns (if anything) runs after each render.
  const starters = [];
  function onStart(fn) { starters.push(fn); }

  function apply(state, event, payload) {
    const data = Object.assign({}, payload);
    delete data.seq;
    delete data.meeting_id;
    if (extra[event]) { extra[event](state, data); return; }
    switch (event) {
      case "agenda.current":
      case "agenda.changed":
        state.agenda = data;
        break;
      case "meeting.status":
        state.meeting.status = data.status;
        state.agenda = data.agenda;
        break;
      case "meeting.updated":
        state.meeting = data.meeting;
        break;
      case "attendance.changed": {
        state.attendance = data;
        const mine = data.people.find((p) => p.user_id === state.me.user_id);
        if (mine) { state.me.rsvp = mine.rsvp; state.me.presence = mine.presence; }
        break;
      }
      case "speakers.changed": {
        state.speakers = data;
        const all = (data.speaking ? [data.speaking] : []).concat(data.queue);
        state.me.speaker_request = all.find((s) => s.user_id === state.me.user_id) || null;
        break;
      }
    }
  }

  // start(meetingId, initialState, render): render(state, event) is called after each change.
  function start(meetingId, initial, pageRender) {
    let followers = [];
    function render(current, event) {
      pageRender(current, event);
      followers.forEach((follow) => follow(current, event));
    }
    const indicator = document.getElementById("conn");
    let state = initial;
    let seq = initial ? initial.seq : -1;
    let loading = null;
    let buffered = [];

    function setOnline(online) {
      if (!indicator) return;
      indicator.hidden = false;
      indicator.className = "conn " + (online ? "conn-online" : "conn-offline");
      indicator.textContent = App.t(online ? "online" : "offline_short");
      document.body.classList.toggle("is-offline", !online);
      // Offline, a bar across the foot of the screen says so in full: what the screen
      // shows may be out of date until the connection comes back.
      let bar = document.getElementById("offline-bar");
      if (!bar && !online) {
        bar = App.el("p", {id: "offline-bar", class: "offline-bar", role: "alert",
                           text: "⚠ " + App.t("offline")});
        document.body.append(bar);
      }
      if (bar) bar.hidden = online;
    }

    function stamp(snapshot) {
      // Server time minus tablet time, so speaker timers agree across tablets.
      snapshot.clockOffset = Date.parse(snapshot.server_time) - Date.now();
      return snapshot;
    }

    async function reload() {
      if (loading) return loading;
      buffered = [];
      loading = App.api("GET", "/api/v1/meetings/" + meetingId + "/snapshot").then((snap) => {
        state = stamp(snap);
        seq = snap.seq;
        const later = buffered.filter((b) => b.payload.seq > seq)
          .sort((a, b) => a.payload.seq - b.payload.seq);
        buffered = [];
        loading = null;
        render(state, "snapshot");
        later.forEach((b) => receive(b.event, b.payload));
      }, (err) => { loading = null; throw err; });
      return loading;
    }

    function receive(event, payload) {
      if (loading) { buffered.push({event, payload}); return; }
      if (payload.seq <= seq) return;
      if (payload.seq !== seq + 1) { reload(); return; }
      seq = payload.seq;
      state.seq = seq;
      apply(state, event, payload);
      render(state, event);
    }

    const socket = io({transports: ["websocket", "polling"]});
    socket.on("connect", () => {
      setOnline(true);
      socket.emit("join", {meeting_id: meetingId}, (ack) => {
        if (!ack || !ack.ok) { App.toast((ack && ack.error) || App.t("error")); return; }
        if (ack.seq !== seq) reload();
      });
    });
    socket.on("disconnect", () => setOnline(false));
    socket.on("connect_error", () => setOnline(false));
    socket.on("session.ended", () => { window.location = "/login"; });
    EVENTS.forEach((event) => socket.on(event, (payload) => receive(event, payload)));
    // Unnumbered, chair's room only: who is online now. Always the whole list.
    socket.on("presence.changed", (payload) => {
      if (!state) return;
      state.presence = {online_user_ids: payload.online_user_ids};
      render(state, "presence.changed");
    });

    const live = {
      get state() { return state; },
      reload,
      socket,
    };
    followers = starters.map((fn) => fn(live, meetingId)).filter(Boolean);
    if (state) { stamp(state); render(state, "snapshot"); }
    return live;
  }

  return {start, apply, register, onStart};
})();
