"""The voting baseline: a bare python-socketio server with an in-memory ballot counter.

No Flask, no database, no login. Served like ``meeting run`` in gevent mode.

    python bench/vote_baseline.py PORT INTERVAL

- socket ``join`` {"meeting_id": int}: enter ``meeting:<id>``; ack {"ok": true}
- ``POST /open``: reset the counter, emit ``poll.opened`` to the room (the app's payload)
- ``POST /ballot`` {"choice": str}: count it in memory; the count is broadcast as
  ``poll.counted`` at most every INTERVAL seconds (the app's policy, so both send the same
  number of messages), then answer {"poll_id": 1, "voted": true}
- ``GET /healthz``
"""

import sys

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import socketio  # noqa: E402

INTERVAL = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
sio = socketio.Server(async_mode="gevent", cors_allowed_origins=None)
counts = {"received": 0, "yes": 0, "no": 0}
lock = threading.Lock()
state = {"pending": False, "last": 0.0, "seq": 0}
ROOM = "meeting:1"


@sio.on("join")
def join(sid, data):
    sio.enter_room(sid, ROOM)
    return {"ok": True, "seq": 0}


def _flush(delay):
    sio.sleep(delay)
    with lock:
        state["pending"], state["last"] = False, time.monotonic()
        state["seq"] += 1
        payload = {"poll_id": 1, "received": counts["received"], "eligible": 500,
                   "meeting_id": 1, "seq": state["seq"]}
    sio.emit("poll.counted", payload, to=ROOM)


def _tick():
    with lock:
        if state["pending"]:
            return
        state["pending"] = True
        delay = max(0.0, state["last"] + INTERVAL - time.monotonic())
    sio.start_background_task(_flush, delay)


def http_app(environ, start_response):
    path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
    length = int(environ.get("CONTENT_LENGTH") or 0)
    data = json.loads(environ["wsgi.input"].read(length) or b"{}") if length else {}
    body = {"ok": True}
    if path == "/open" and method == "POST":
        with lock:
            counts.update(received=0, yes=0, no=0, abstain=0)
        state["seq"] += 1
        sio.emit("poll.opened", {**data, "meeting_id": 1, "seq": state["seq"]}, to=ROOM)
    elif path == "/ballot" and method == "POST":
        with lock:
            counts["received"] += 1
            counts[data.get("choice", "yes")] = counts.get(data.get("choice", "yes"), 0) + 1
        _tick()
        body = {"poll_id": 1, "voted": True}
    elif path == "/counts":
        body = dict(counts)
    elif path != "/healthz":
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b"{}"]
    raw = json.dumps(body).encode()
    start_response("200 OK", [("Content-Type", "application/json"),
                              ("Content-Length", str(len(raw)))])
    return [raw]


app = socketio.WSGIApp(sio, http_app)

if __name__ == "__main__":
    from gevent import pywsgi

    pywsgi.WSGIServer(("127.0.0.1", int(sys.argv[1])), app, log=None).serve_forever()
