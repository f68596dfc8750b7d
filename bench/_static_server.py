"""The documents benchmark's baseline: a plain static file server, no app, no login.

Serves one file at ``/file.pdf`` with byte ranges (werkzeug's ``send_file``), on gevent's
pywsgi like ``meeting run``, so the difference measured is the app's own work.

    python bench/_static_server.py PORT FILE
"""

import sys

from gevent import monkey

monkey.patch_all()

from gevent.pywsgi import WSGIServer  # noqa: E402
from werkzeug.utils import send_file  # noqa: E402
from werkzeug.wrappers import Request  # noqa: E402

PORT, FILE = int(sys.argv[1]), sys.argv[2]


def app(environ, start_response):
    request = Request(environ)
    if request.path == "/healthz":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
    response = send_file(FILE, environ, mimetype="application/pdf", conditional=True)
    return response(environ, start_response)


if __name__ == "__main__":
    WSGIServer(("127.0.0.1", PORT), app, log=None).serve_forever()
