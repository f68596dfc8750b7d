"""Log in to a server the way a browser does, with the standard library only.

    python probe_login.py URL USERNAME PASSWORD

Runs with the installed release's own Python inside the test's network namespace, where
nothing but the bundle was installed. Prints the page the login lands on; exits 1 on failure.
"""

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

base, username, password = sys.argv[1:4]
opener = urllib.request.build_opener(
    urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
page = opener.open(base + "/login", timeout=30).read().decode()
token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
form = urllib.parse.urlencode({"csrf_token": token.group(1), "username": username,
                               "password": password}).encode()
try:
    landed = opener.open(base + "/login", data=form, timeout=30)
except urllib.error.HTTPError as refused:  # the login page again, with its message
    landed = refused
path = urllib.parse.urlsplit(landed.geturl()).path
body = landed.read().decode()
print(f"landed={path}")
# A logged-in page carries the logout form; the login page comes back on a refusal.
if path.startswith("/login") or 'action="/logout"' not in body:
    sys.exit(1)
