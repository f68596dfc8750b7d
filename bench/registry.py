"""Benchmark of the IT registry at province scale, against bare SQL in the same run.

    python bench/registry.py [--database-url URL] [--repeat 40] [--skip-import]

Fills an empty database (default: a temporary SQLite file; PostgreSQL with
``--database-url postgresql+psycopg://…``; its tables are dropped and made again) with
10,000 units, 100,000 devices and 20,000 certificates by bulk insert, then measures through
the app's test client, logged in:

- filtered list pages (devices of a district's branch, by type and status; certificates
  expiring within 90 days; the same list as JSON), p50/p95 — baseline: the page's two bare
  SQL queries (count + one page, with the recursive branch);
- the dashboard, p50/p95 — baseline: bare SQL counts of what it shows; also with its
  figures cache emptied before every call (the cost of the first request after a change);
- the yearly report PDF, once — baseline: the same bare SQL counts;
- importing 100,000 device rows (CSV, dry run then confirm) — baseline: a bare multi-row
  INSERT of the same rows.
"""

import argparse
import io
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("MEETING_FAST_HASH", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402

from meeting import create_app  # noqa: E402
from meeting.config import Config  # noqa: E402
from meeting.core.models import Unit  # noqa: E402
from meeting.extensions import db  # noqa: E402
from meeting.registry.models import Certificate, Device, UnitProfile  # noqa: E402

UNITS, DEVICES, CERTS, IMPORT_ROWS = 10_000, 100_000, 20_000, 100_000
DISTRICTS = 40
KINDS = ("server", "workstation", "workstation", "laptop", "printer")
STATUSES = ("in_use", "in_use", "in_use", "spare", "broken", "retired")
PASSWORD = "bench-password-1"


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def fill():
    """Bulk insert the province: 1 + 40 districts + communes = 10,000 units."""
    start = time.perf_counter()
    today = date.today()
    units = [{"id": 1, "code": "TU", "name": "Tỉnh ủy", "level": "province", "parent_id": None}]
    units += [{"id": 2 + d, "code": f"HU{d:02d}", "name": f"Huyện ủy {d}", "level": "district",
               "parent_id": 1} for d in range(DISTRICTS)]
    for n in range(UNITS - len(units)):
        units.append({"id": len(units) + 1, "code": f"XA{n:05d}", "name": f"Đảng ủy xã {n}",
                      "level": "commune", "parent_id": 2 + n % DISTRICTS})
    db.session.execute(insert(Unit), units)
    db.session.execute(insert(UnitProfile), [
        {"unit_id": u["id"], "level": u["level"], "staff": 12, "mailboxes": 10, "notes": ""}
        for u in units])
    rnd = random.Random(6)  # the same province on every run
    for start_at in range(0, DEVICES, 10_000):
        db.session.execute(insert(Device), [
            {"unit_id": rnd.randint(1, UNITS), "kind": rnd.choice(KINDS),
             "serial": f"SN{i:07d}", "model": f"Model {i % 50}",
             "status": rnd.choice(STATUSES),
             "commissioned_on": date(2015 + i % 10, 1 + i % 12, 1), "notes": ""}
            for i in range(start_at, start_at + 10_000)])
    db.session.execute(insert(Certificate), [
        {"unit_id": rnd.randint(1, UNITS), "holder_kind": "individual" if i % 4 else "organisation",
         "holder_name": f"Người giữ {i}", "holder_title": "", "serial": f"CT{i:07d}",
         "issuer": "Ban Cơ yếu Chính phủ", "valid_from": today - timedelta(days=900),
         "valid_to": today + timedelta(days=i % 1500 - 300), "notes": "",
         "revoked_on": today - timedelta(days=5) if i % 97 == 0 else None}
        for i in range(CERTS)])
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # Fresh tables have no statistics until autovacuum's next pass; without them the
        # planner loops over the branch for every device (hundreds of ms instead of ~10).
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - start


def isolated(fn, *args, **kwargs):
    """Run a request outside the bench's app context, as a real server would (own ``g``)."""
    import contextvars

    from flask.globals import _cv_app, _cv_request

    def run():
        _cv_app.set(None)
        _cv_request.set(None)
        return fn(*args, **kwargs)

    return contextvars.copy_context().run(run)


def login(app, username):
    client = app.test_client()
    page = isolated(client.get, "/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = isolated(client.post, "/login", data={
        "csrf_token": token, "username": username, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client, token


def get(client, url, accept="text/html"):
    response = isolated(client.get, url, headers={"Accept": accept})
    assert response.status_code == 200, (url, response.status_code)
    return response


BRANCH_SQL = """WITH RECURSIVE branch(id) AS (SELECT id FROM units WHERE code = :unit
  UNION SELECT units.id FROM units JOIN branch ON units.parent_id = branch.id)"""
LIST_SQL = [BRANCH_SQL + """ SELECT count(*) FROM registry_devices WHERE unit_id IN
  (SELECT id FROM branch) AND kind = 'server' AND status = 'in_use'""",
            BRANCH_SQL + """ SELECT d.*, u.code, u.name FROM registry_devices d JOIN units u
  ON u.id = d.unit_id WHERE d.unit_id IN (SELECT id FROM branch) AND d.kind = 'server'
  AND d.status = 'in_use' ORDER BY d.id LIMIT 50"""]
CERT_SQL = ["""SELECT count(*) FROM registry_certificates WHERE valid_to BETWEEN :today AND
  :until AND (revoked_on IS NULL OR revoked_on > :today)""",
            """SELECT c.*, u.code, u.name FROM registry_certificates c JOIN units u
  ON u.id = c.unit_id WHERE valid_to BETWEEN :today AND :until AND (revoked_on IS NULL OR
  revoked_on > :today) ORDER BY valid_to, c.id LIMIT 50"""]
FIGURES_SQL = [
    "SELECT kind, status, count(*) FROM registry_devices GROUP BY kind, status",
    "SELECT holder_kind, count(*) FROM registry_certificates WHERE valid_to >= :today "
    "AND (revoked_on IS NULL OR revoked_on > :today) GROUP BY holder_kind",
    "SELECT count(*) FROM registry_certificates WHERE valid_to BETWEEN :today AND :until",
    "SELECT level, count(*) FROM registry_unit_profiles GROUP BY level",
    "SELECT count(DISTINCT unit_id) FROM registry_network_links WHERE status = 'active'",
    "SELECT level, count(*) FROM registry_video_points GROUP BY level",
]


def bare(statements, **params):
    def run():
        with db.engine.connect() as conn:
            for sql in statements:
                conn.execute(text(sql), params).all()
    return run


def import_csv(rows):
    out = io.StringIO()
    out.write("unit_code,kind,serial,model,status,commissioned_on\n")
    for i in range(rows):
        code = "TU" if i % UNITS == 0 else (f"HU{(i % UNITS) - 1:02d}" if i % UNITS <= DISTRICTS
                                            else f"XA{(i % UNITS) - DISTRICTS - 1:05d}")
        out.write(f"{code},laptop,IM{i:07d},Model X,in_use,01/0{1 + i % 9}/2022\n")
    return out.getvalue().encode("utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--skip-import", action="store_true", help="pages and report only")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    app = create_app(Config(SQLALCHEMY_DATABASE_URI=url, REDIS_URL=None, INSTANCE_PATH=tmp,
                            RATELIMIT_STORAGE_URI="memory://", SOCKETIO_ASYNC_MODE="threading",
                            LOGIN_IP_RATE_LIMIT="10000 per minute"))
    with app.app_context():
        db.drop_all()
        db.create_all()
        print(f"database: {db.engine.dialect.name}")
        print(f"bulk insert {UNITS} units, {DEVICES} devices, {CERTS} certificates: "
              f"{fill():.1f} s")
        from meeting.auth.operations import create_user
        from meeting.registry import catalogue

        officer = create_user(None, username="cntt", full_name="Cán bộ CNTT",
                              password=PASSWORD, roles=["it_officer"])
        editor = create_user(None, username="huyen", full_name="Biên tập huyện",
                             password=PASSWORD, roles=["delegate"])
        catalogue.grant(None, editor, db.session.get(Unit, 2), "editor")
        today, until = date.today(), date.today() + timedelta(days=90)

        def measure(label, fn, baseline):
            cpu = time.process_time()
            first = timed(fn, 1)[0]  # cold: templates compiled, caches filled
            cpu = (time.process_time() - cpu) * 1000  # this process only (not the database's)
            app_p50, app_p95 = timed(fn, args.repeat)
            base_p50, base_p95 = timed(baseline, args.repeat)
            print(f"{label}: first call {first:.0f} ms (CPU {cpu:.0f} ms); then app p50 "
                  f"{app_p50:.1f} ms, p95 "
                  f"{app_p95:.1f} ms; bare SQL p50 {base_p50:.1f} ms, p95 {base_p95:.1f} ms; "
                  f"p95 ratio {app_p95 / base_p95:.1f}×")

        admin, _ = login(app, "cntt")
        district, _ = login(app, "huyen")
        page = "/registry/devices?unit=HU00&type=server&status=in_use"
        measure("device list, district branch (IT officer)", lambda: get(admin, page),
                bare(LIST_SQL, unit="HU00"))
        measure("device list, district branch (district editor)",
                lambda: get(district, "/registry/devices?type=server&status=in_use"),
                bare(LIST_SQL, unit="HU00"))
        measure("certificates expiring within 90 days", lambda: get(
            admin, "/registry/certificates?expiring=90"), bare(CERT_SQL, today=today,
                                                              until=until))
        measure("API device list (JSON)", lambda: get(
            admin, "/api/v1/registry/devices?unit=HU00&type=server&status=in_use",
            "application/json"), bare(LIST_SQL, unit="HU00"))
        if "registry.dashboard" in app.view_functions:
            measure("dashboard", lambda: get(admin, "/registry/dashboard"),
                    bare(FIGURES_SQL, today=today, until=until))

            def uncached():
                # As after any change to the registry: the figures are computed again.
                app.extensions.get("registry_figures", {}).clear()
                get(admin, "/registry/dashboard")

            cpu = time.process_time()
            p50, p95 = timed(uncached, args.repeat)
            cpu = (time.process_time() - cpu) * 1000 / args.repeat
            print(f"dashboard, figures cache emptied before each call: p50 {p50:.1f} ms, "
                  f"p95 {p95:.1f} ms (CPU {cpu:.0f} ms a call)")
        else:
            print("dashboard: not measured (no dashboard view in this build)")
        if "registry.report_pdf" in app.view_functions:
            start, cpu = time.perf_counter(), time.process_time()
            get(admin, f"/registry/reports/{today.year}.pdf", "application/pdf")
            report_s = time.perf_counter() - start
            cpu = time.process_time() - cpu
            base_ms = timed(bare(FIGURES_SQL, today=today, until=until), 3)[0]
            print(f"yearly report PDF: {report_s:.2f} s (CPU {cpu:.2f} s); bare SQL counts "
                  f"{base_ms:.1f} ms")
        else:
            print("yearly report: not measured (no report view in this build)")

        if args.skip_import:
            db.session.remove()
            db.drop_all()
            return
        from meeting.registry import imports
        from meeting.registry.schema import KINDS

        content = import_csv(IMPORT_ROWS)
        officer = db.session.merge(officer)
        start = time.perf_counter()
        report = imports.check(officer, KINDS["device"], content, "import.csv")
        check_s = time.perf_counter() - start
        assert report.ok, report.errors[:3]
        start = time.perf_counter()
        report = imports.apply(officer, KINDS["device"], content, "import.csv")
        apply_s = time.perf_counter() - start
        assert report.ok and report.created == IMPORT_ROWS
        rows = [{"unit_id": 1 + i % UNITS, "kind": "laptop", "serial": f"BL{i:07d}",
                 "model": "Model X", "status": "in_use", "notes": "",
                 "commissioned_on": date(2022, 1 + i % 9, 1)} for i in range(IMPORT_ROWS)]
        start = time.perf_counter()
        for at in range(0, IMPORT_ROWS, 10_000):
            db.session.execute(insert(Device), rows[at:at + 10_000])
        db.session.commit()
        bare_s = time.perf_counter() - start
        print(f"import {IMPORT_ROWS} rows: dry run {check_s:.1f} s, confirm (check again + "
              f"write + audit) {apply_s:.1f} s, total {check_s + apply_s:.1f} s; bare INSERT "
              f"{bare_s:.1f} s; ratio {(check_s + apply_s) / bare_s:.1f}×")
        db.session.remove()
        db.drop_all()


if __name__ == "__main__":
    main()
