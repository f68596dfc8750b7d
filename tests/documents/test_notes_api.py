"""The notes' JSON endpoints: access on every route, other devices told, exports."""

import csv
import io

import pytest

from meeting.documents import notes
from meeting.documents.models import DocumentRecipient
from meeting.extensions import db
from tests.conftest import members_of
from tests.documents.reader_support import add_version, make_paper

INK = {"strokes": [[[0.1, 0.1], [0.2, 0.2]]]}


@pytest.fixture
def room(create_meeting, create_user, secretariat):
    meeting = create_meeting(status="in_session")
    members = members_of(meeting)
    return {"meeting": meeting, "chair": meeting.chair, "a": members[1], "b": members[2],
            "secretariat": secretariat, "outsider": create_user("ngoai")}


def routes(doc_id, other_id=1):
    """Every notes route of a paper, with a body that would be accepted."""
    base = f"/api/v1/documents/{doc_id}"
    return [("get", base + "/annotations", None),
            ("post", base + "/annotations", {"page_number": 1, "kind": "ink", "data": INK}),
            ("patch", f"{base}/annotations/{other_id}", {"text": "x"}),
            ("delete", f"{base}/annotations/{other_id}", None),
            ("get", base + "/comments", None),
            ("post", base + "/comments", {"text": "Góp ý"}),
            ("patch", f"{base}/comments/{other_id}", {"text": "x"}),
            ("post", f"{base}/comments/{other_id}/withdraw", None),
            ("post", base + "/presenter", {"page_number": 1}),
            ("get", f"/documents/{doc_id}/read", None)]


def call(client, method, url, body):
    if method in ("get", "delete"):
        return getattr(client, method)(url)
    return getattr(client, method)(url, json=body)


def test_every_route_is_404_for_a_paper_not_given_to_the_caller(room, login):
    doc = make_paper(room["meeting"], kind="du_thao", to_all=False)
    db.session.add(DocumentRecipient(document_id=doc.id, user_id=room["a"].id))
    db.session.commit()
    mine = notes.create_annotation(room["a"], doc, 1, "ink", INK)
    comment = notes.add_comment(room["a"], doc, "Góp ý của tôi")
    b = login(room["b"])  # a member of the body, but the paper went to "a" only
    for method, url, body in routes(doc.id, mine.id) + routes(doc.id, comment.id) + \
            routes(99999):
        response = call(b, method, url, body)
        assert response.status_code == 404, (method, url, response.status_code)
    outsider = login(room["outsider"])
    for method, url, body in routes(doc.id, mine.id):
        assert call(outsider, method, url, body).status_code == 404, (method, url)
    assert notes.annotations_for(room["a"], doc)[0]["id"] == mine.id


def test_annotations_round_trip_and_reach_the_other_devices(room, login, socket_for):
    doc = make_paper(room["meeting"])
    tablet, laptop, neighbour = login(room["a"]), login(room["a"]), login(room["b"])
    laptop_socket, neighbour_socket = socket_for(laptop), socket_for(neighbour)
    base = f"/api/v1/documents/{doc.id}/annotations"
    created = tablet.post(base, json={"page_number": 2, "kind": "note", "version": 1,
                                      "data": {"x": 0.5, "y": 0.5}, "text": "Ghi chú"})
    assert created.status_code == 201, created.get_json()
    assert laptop_socket.events("notes.changed") == [{"document_id": doc.id}]
    assert neighbour_socket.events("notes.changed") == []
    listed = laptop.get(base).get_json()["annotations"]
    assert [(n["page_number"], n["text"], n["stale"]) for n in listed] == [(2, "Ghi chú", False)]
    note_id = created.get_json()["id"]
    assert tablet.patch(f"{base}/{note_id}", json={"text": "Sửa"}).get_json()["text"] == "Sửa"
    assert tablet.delete(f"{base}/{note_id}").status_code == 204
    assert laptop.get(base).get_json()["annotations"] == []


@pytest.mark.parametrize("body, status", [
    ({"page_number": 1, "kind": "ink"}, 400),
    ({"page_number": "một", "kind": "ink", "data": INK}, 400),
    ({"kind": "ink", "data": INK}, 400),
    ({"page_number": 1, "kind": "ink", "data": INK, "version": 7}, 409),
    ({"page_number": 1, "kind": ["ink"], "data": INK}, 400),
    ({"page_number": 1, "kind": "note", "data": {"x": 0.1, "y": 0.1}, "text": {"a": 1}}, 400),
    (["not", "an", "object"], 400),
])
def test_bad_annotation_bodies_get_a_clear_error(room, login, body, status):
    doc = make_paper(room["meeting"])
    response = login(room["a"]).post(f"/api/v1/documents/{doc.id}/annotations", json=body)
    assert response.status_code == status
    assert response.get_json()["error"]


def test_comments_api_and_the_secretariat_summary(room, login):
    doc = make_paper(room["meeting"], kind="du_thao", title="Dự thảo Nghị quyết")
    a = login(room["a"])
    base = f"/api/v1/documents/{doc.id}/comments"
    sent = a.post(base, json={"text": "=SUM(A1)", "page_number": 2, "quote": "tăng 15%"})
    assert sent.status_code == 201
    assert a.get(base).get_json()["comments_open"] is True
    login(room["b"]).post(base, json={"text": "Nhất trí"})
    assert [c["text"] for c in a.get(base).get_json()["comments"]] == ["=SUM(A1)"]
    office = login(room["secretariat"])
    assert len(office.get(base).get_json()["comments"]) == 2
    summary = office.get(f"/api/v1/meetings/{room['meeting'].id}/comments").get_json()
    assert summary["papers"][0]["title"] == "Dự thảo Nghị quyết"
    assert a.get(f"/api/v1/meetings/{room['meeting'].id}/comments").status_code == 403
    page = office.page(f"/meetings/{room['meeting'].id}/comments")
    assert page.status_code == 200 and "Nhất trí" in page.get_data(as_text=True)
    exported = office.page(f"/meetings/{room['meeting'].id}/comments?format=csv")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    # A comment that looks like a spreadsheet formula is exported as text.
    # Comments on the whole paper first, then by page.
    assert [r[5] for r in rows[1:]] == ["Nhất trí", "'=SUM(A1)"]
    assert rows[2][:5] == ["Dự thảo Nghị quyết", "1", "2", room["a"].full_name, "tăng 15%"]
    assert login(room["a"]).page(f"/meetings/{room['meeting'].id}/comments").status_code == 403


def test_export_my_notes_as_json_and_csv(room, login):
    doc = make_paper(room["meeting"], pages=3, title="Báo cáo chính trị")
    notes.create_annotation(room["a"], doc, 3, "note", {"x": 0.1, "y": 0.1}, "Xem lại")
    notes.create_annotation(room["b"], doc, 1, "note", {"x": 0.1, "y": 0.1}, "Của người khác")
    add_version(doc, ["a", "b", "c"])
    a = login(room["a"])
    papers = a.get("/api/v1/me/notes").get_json()["papers"]
    assert [(p["title"], [n["text"] for n in p["annotations"]]) for p in papers] == [
        ("Báo cáo chính trị", ["Xem lại"])]
    assert papers[0]["annotations"][0]["stale"] is True
    text = a.get("/api/v1/me/notes?format=csv").get_data(as_text=True)
    assert "Xem lại" in text and "Của người khác" not in text
    assert a.get("/api/v1/me/notes?format=xml").status_code == 400


def test_the_presenter_page_reaches_only_those_given_the_paper(room, login, socket_for):
    doc = make_paper(room["meeting"], to_all=False)
    db.session.add(DocumentRecipient(document_id=doc.id, user_id=room["a"].id))
    db.session.commit()
    a_socket, b_socket = socket_for(login(room["a"])), socket_for(login(room["b"]))
    # The chair was not given this paper either; the secretariat presents it.
    assert login(room["chair"]).post(f"/api/v1/documents/{doc.id}/presenter",
                                     json={"page_number": 4}).status_code == 404
    office = login(room["secretariat"])
    assert office.post(f"/api/v1/documents/{doc.id}/presenter",
                      json={"page_number": 4}).status_code == 200
    assert [e["page_number"] for e in a_socket.events("documents.presenter")] == [4]
    assert b_socket.events("documents.presenter") == []
    refused = login(room["a"]).post(f"/api/v1/documents/{doc.id}/presenter",
                                    json={"page_number": 4})
    assert refused.status_code == 403


def test_offline_list_holds_no_classified_paper_and_follows_new_versions(room, login):
    plain = make_paper(room["meeting"])
    make_paper(room["meeting"], classification="toi_mat")
    make_paper(room["meeting"], status="unpublished")
    a = login(room["a"])
    listed = a.get("/api/v1/me/offline-documents").get_json()["documents"]
    assert [(d["id"], d["version"]) for d in listed] == [(plain.id, 1)]
    add_version(plain, ["new"])
    listed = a.get("/api/v1/me/offline-documents").get_json()["documents"]
    assert [(d["id"], d["version"]) for d in listed] == [(plain.id, 2)]


def test_the_reader_page_hides_download_and_caching_for_classified_papers(room, login):
    secret = make_paper(room["meeting"], classification="mat")
    page = login(room["a"]).page(f"/documents/{secret.id}/read")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "download=1" not in html and '"is_classified": true' in html
    plain = make_paper(room["meeting"])
    plain.allow_download = True
    db.session.commit()
    html = login(room["a"]).page(f"/documents/{plain.id}/read").get_data(as_text=True)
    assert "download=1" in html


def test_every_notes_route_is_in_the_openapi_document(app, login, room):
    paths = login(room["a"]).get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/documents/{document_id}/annotations",
                 "/api/v1/documents/{document_id}/annotations/{annotation_id}",
                 "/api/v1/documents/{document_id}/comments/{comment_id}/withdraw",
                 "/api/v1/me/notes", "/api/v1/me/offline-documents"):
        assert path in paths, path


def test_export_my_notes_as_pdf(room, login):
    doc = make_paper(room["meeting"], title="Báo cáo chính trị")
    notes.create_annotation(room["a"], doc, 2, "note", {"x": 0.1, "y": 0.1}, "Xem lại số liệu")
    response = login(room["a"]).get("/api/v1/me/notes?format=pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert "Xem lại số liệu" in text and "Báo cáo chính trị" in text
