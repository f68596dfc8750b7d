"""The Vietnamese catalog is complete, up to date with the sources, and used by the pages.

Vietnamese is the default language; English is one POST /language away. A string added
to the code or the templates without a translation fails ``test_catalog_is_up_to_date``
with its text and where it is; run ``make translations-update`` and translate it.
"""

import json
import os
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.conftest import isolated, members_of

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "meeting" / "translations"
VI_PO = TRANSLATIONS / "vi" / "LC_MESSAGES" / "messages.po"
VI_MO = VI_PO.with_suffix(".mo")

# What the Makefile's `pybabel extract -k _l` looks for: gettext, its lazy form, and _l.
KEYWORDS = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2),
            "lazy_gettext": None, "lazy_ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")


def _catalog():
    with VI_PO.open("rb") as f:
        return read_po(f, locale="vi")


def _entries(catalog):
    return [m for m in catalog if m.id]


def _singular(msgid):
    return msgid[0] if isinstance(msgid, (tuple, list)) else msgid


def _extracted():
    """Yield (path, line, msgid) for every string babel.cfg's mapping finds in the sources."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    tops = {pattern.split("/", 1)[0] for pattern, _method in method_map}

    def walk_only_mapped(dirpath):
        rel = Path(dirpath).relative_to(ROOT)
        name = rel.name
        return rel.parts[0] in tops and not name.startswith((".", "_"))

    for path, line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS,
            directory_filter=walk_only_mapped):
        yield path, line, message


# -- the catalog itself -------------------------------------------------------------------


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalog = _catalog()
    entries = _entries(catalog)
    assert entries, "the Vietnamese catalog is empty"
    untranslated = [m.id for m in entries
                    if not (m.string if isinstance(m.string, str) else all(m.string))
                    or not "".join(m.string if isinstance(m.string, tuple)
                                   else (m.string,)).strip()]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert not untranslated, f"untranslated in {VI_PO.name}: {untranslated}"
    assert not fuzzy, f"fuzzy in {VI_PO.name}: {fuzzy}"
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"


def test_translations_keep_their_placeholders():
    wrong = []
    for m in _entries(_catalog()):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        for s in strings:
            if sorted(set(PLACEHOLDER.findall(s))) != wanted:
                wrong.append((m.id, s))
    assert not wrong, f"placeholders differ: {wrong}"


def test_catalog_is_up_to_date():
    known = {_singular(m.id) for m in _entries(_catalog())}
    found, missing = 0, []
    for path, line, message in _extracted():
        found += 1
        msgid = _singular(message)
        if msgid and msgid not in known:
            missing.append(f"{path}:{line}: {msgid!r}")
    assert found > 100, f"extraction found only {found} strings; is babel.cfg right?"
    assert not missing, ("not in the Vietnamese catalog (run `make translations-update` "
                         "and translate):\n" + "\n".join(missing))


def test_extraction_sees_python_and_templates():
    paths = {Path(p).parts[0] for p, _line, _msg in _extracted()}
    assert {"meeting", "templates"} <= paths


# -- the pages ----------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="module")
def compiled_catalog():
    """Compile the .po when its .mo is missing or older (the .mo is not kept in git)."""
    if not VI_MO.exists() or VI_MO.stat().st_mtime < VI_PO.stat().st_mtime:
        tmp = VI_MO.with_name(f".{VI_MO.name}.{os.getpid()}")
        with tmp.open("wb") as f:
            write_mo(f, _catalog())
        os.replace(tmp, VI_MO)


def _text(response):
    return response.get_data(as_text=True)


def _page_strings(html):
    """The strings the page scripts show, as the page embeds them."""
    raw = re.search(r'<script type="application/json" id="i18n">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))


def test_login_page_is_vietnamese_by_default(app):
    client = app.test_client()
    html = _text(isolated(client.get, "/login"))
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html
    assert "Phòng họp không giấy" in html
    assert ">Log in<" not in html and "Password" not in html


def test_wrong_password_message_is_vietnamese(app, create_user):
    from tests.conftest import csrf_token

    create_user("daibieu")
    client = app.test_client()
    token = csrf_token(client)
    response = isolated(client.post, "/login", data={"csrf_token": token,
                                                     "username": "daibieu",
                                                     "password": "wrong-password"})
    assert response.status_code == 400
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in _text(response)


def test_my_meetings_is_vietnamese_and_switches_to_english(create_meeting, login):
    meeting = create_meeting(status="published")
    api = login(members_of(meeting)[0])

    html = _text(api.page("/meetings"))
    assert '<html lang="vi">' in html
    for word in ("Hội nghị của tôi", "Đăng xuất", "Điều hành hội nghị", "Đã công bố",
                 "Sắp diễn ra và đang họp"):
        assert word in html, word
    assert "My meetings" not in html and "Log out" not in html

    response = api.form("/language", {"lang": "en", "next": "/meetings"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/meetings")
    html = _text(api.page("/meetings"))
    assert '<html lang="en">' in html
    for word in ("My meetings", "Log out", "Chair console", "Published"):
        assert word in html, word
    assert "Hội nghị của tôi" not in html

    api.form("/language", {"lang": "vi", "next": "/meetings"})
    assert "Hội nghị của tôi" in _text(api.page("/meetings"))


def test_unknown_language_keeps_vietnamese(create_meeting, login):
    meeting = create_meeting(status="published")
    api = login(members_of(meeting)[0])
    api.form("/language", {"lang": "fr", "next": "/meetings"})
    assert "Hội nghị của tôi" in _text(api.page("/meetings"))


def test_meeting_page_and_its_script_strings_are_vietnamese(create_meeting, login):
    meeting = create_meeting(status="in_session")
    api = login(members_of(meeting)[1])
    html = _text(api.page(f"/meetings/{meeting.id}"))
    assert "Chương trình" in html and "Màn hình trình chiếu" in html
    strings = _page_strings(html)
    assert strings["speak"] == "Đăng ký phát biểu"
    assert strings["check_in"] == "Điểm danh"
    assert strings["quorum_met"] == "Đủ số lượng"
    assert strings["rsvp_excused"] == "Vắng mặt có lý do"
    assert strings["meeting_in_session"] == "Đang họp"

    api.form("/language", {"lang": "en", "next": f"/meetings/{meeting.id}"})
    strings = _page_strings(_text(api.page(f"/meetings/{meeting.id}")))
    assert strings["speak"] == "Ask to speak"
    assert strings["meeting_in_session"] == "In session"


def test_json_errors_follow_the_language(create_meeting, create_user, login):
    meeting = create_meeting(status="published")
    api = login(create_user("outsider"))
    response = api.get(f"/api/v1/meetings/{meeting.id}/snapshot")
    assert response.status_code in (403, 404)
    message = response.json["error"]
    assert message in ("Không tìm thấy.", "Đồng chí không có quyền thực hiện thao tác này.")


def test_socket_acknowledgements_are_vietnamese(create_meeting, login, socket_for):
    meeting = create_meeting(status="in_session")
    api = login(members_of(meeting)[1])
    sock = socket_for(api)
    ack = sock.emit("join", {"meeting_id": "x"}, callback=True)
    assert ack["ok"] is False
    assert ack["error"] == "Mã hội nghị (meeting_id) phải là số nguyên."

    # A socket keeps the session it connected with; the page reload after a switch
    # opens a new one.
    api.form("/language", {"lang": "en", "next": "/meetings"})
    ack = socket_for(api).emit("join", {"meeting_id": "x"}, callback=True)
    assert ack["error"] == "meeting_id must be an integer"
