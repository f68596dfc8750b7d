"""The baseline: a bare python-socketio server that only rebroadcasts (no Flask, no database).

Served the way ``meeting run`` serves the app in the same async mode: gevent's pywsgi server
(after monkey-patching, websockets through simple-websocket), or werkzeug's threaded server.

    python bench/_baseline_server.py gevent|threading PORT

- socket event ``join`` {"meeting_id": int}: enter the room ``meeting:<id>``, ack {"ok": true}
- ``POST /trigger`` {"room": str, "events": [[name, payload], ...]}: emit each event to the
  room, in order, then answer 200 — the same traffic the app sends when the chair moves
  the current item (``agenda.current`` then ``speakers.changed``)
- ``GET /healthz``: 200 when the server is up
"""

import sys

MODE = sys.argv[1] if len(sys.argv) > 1 else "gevent"
if MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import json  # noqa: E402

import socketio  # noqa: E402

sio = socketio.Server(async_mode=MODE, cors_allowed_origins=None)


@sio.on("join")
def join(sid, data):
    if not isinstance(data, dict) or type(data.get("meeting_id")) is not int:
        return {"ok": False, "error": "meeting_id must be an integer"}
    sio.enter_room(sid, f"meeting:{data['meeting_id']}")
    return {"ok": True, "seq": 0}


def http_app(environ, start_response):
    path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
    if path == "/healthz":
        status, body = "200 OK", {"ok": True}
    elif path == "/trigger" and method == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        data = json.loads(environ["wsgi.input"].read(length) or b"{}")
        for event, payload in data["events"]:
            sio.emit(event, payload, to=data["room"])
        status, body = "200 OK", {"ok": True}
    else:
        status, body = "404 Not Found", {"ok": False}
    raw = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(raw)))])
    return [raw]


app = socketio.WSGIApp(sio, http_app)


def main(port: int):
    if MODE == "gevent":
        from gevent import pywsgi

        pywsgi.WSGIServer(("127.0.0.1", port), app, log=None).serve_forever()
    else:
        import logging

        from werkzeug.serving import run_simple

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        run_simple("127.0.0.1", port, app, threaded=True)


if __name__ == "__main__":
    main(int(sys.argv[2]))
