"""CPU-heavy calls leave a gevent web process's event loop free."""

import subprocess
import sys
import textwrap

# A gevent process with a greenlet that stands for every other tablet's request: it wakes
# every 5 ms and records how late it woke.
LOOP = textwrap.dedent("""
    from gevent import monkey
    monkey.patch_all()
    import os, time, gevent

    gaps, stop = [], []

    def tick():
        last = time.perf_counter()
        while not stop:
            gevent.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now
""")

SCRIPT = LOOP + textwrap.dedent("""
    os.environ.pop("MEETING_FAST_HASH", None)  # the production cost of a hash
    from meeting.auth import passwords

    ticker = gevent.spawn(tick)
    stored = passwords.hash_password("mat-khau-dai")
    started = time.perf_counter()
    logins = [gevent.spawn(passwords.verify_password, stored, "sai-mat-khau")
              for _ in range(8)]
    gevent.joinall(logins)
    took = time.perf_counter() - started
    stop.append(1)
    ticker.join()
    print(f"{max(gaps) * 1000:.0f} {took * 1000:.0f}")
""")


def test_password_hashing_does_not_hold_the_event_loop():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    longest_gap_ms, logins_ms = map(int, done.stdout.split())
    # Eight full-cost Argon2 checks take hundreds of ms; the loop never waits on one.
    assert logins_ms > 200
    assert longest_gap_ms < 60, f"the loop stalled {longest_gap_ms} ms"


PDF_SCRIPT = LOOP + textwrap.dedent("""
    from meeting import create_app
    from meeting.papers.pdf import html_to_pdf

    app = create_app()
    html = "".join(f"<h1>Muc {n}</h1>" + "<p>Noi dung hoi nghi. </p>" * 200 for n in range(30))

    with app.app_context():
        html_to_pdf("<p>warm</p>")
        ticker = gevent.spawn(tick)
        started = time.perf_counter()
        pdf = html_to_pdf(html)
        took = time.perf_counter() - started
    stop.append(1)
    ticker.join()
    print(f"{max(gaps) * 1000:.0f} {took * 1000:.0f} {len(pdf)}")
""")


def test_a_paper_built_on_request_does_not_hold_the_event_loop(tmp_path):
    done = subprocess.run([sys.executable, "-c", PDF_SCRIPT], capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin",
                                            "MEETING_INSTANCE": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    longest_gap_ms, took_ms, size = map(int, done.stdout.split())
    assert took_ms > 300 and size > 10_000  # a real layout, not a trivial one
    # The layout shares the interpreter with the loop, which gets its turn between the
    # layout's long C calls (measured: 250 ms at most during a 6 s layout, against the
    # whole 6 s when laid out on the loop itself).
    assert longest_gap_ms < took_ms / 4, f"the loop stalled {longest_gap_ms} of {took_ms} ms"
