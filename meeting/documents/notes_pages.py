"""Pages of the reader: the paper itself, the comments summary, the offline worker."""

from flask import (
    Response,
    current_app,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meeting.core import js_strings
from meeting.core.time import utc_iso, utcnow
from meeting.documents import notes_api  # noqa: F401  (its routes come with the reader)
from meeting.documents.access import can_download, visible_document
from meeting.documents.blueprint import bp
from meeting.documents.models import CLASSIFICATIONS, KINDS
from meeting.documents.notes_export import to_csv
from meeting.documents.notes_summary import summary, summary_rows
from meeting.meetings.access import can_chair, get_visible_meeting


def reader_config(doc, user) -> dict:
    """What reader.js needs to open the paper, embedded in the page as JSON."""
    version = doc.current_version
    api = f"/api/v1/documents/{doc.id}"
    number = version.number if version else 0
    downloadable = can_download(user, doc)
    return {
        "id": doc.id, "title": doc.title, "meeting_id": doc.meeting_id,
        "kind": doc.kind, "kind_label": str(KINDS.get(doc.kind, doc.kind)),
        "classification": doc.classification,
        "classification_label": str(CLASSIFICATIONS.get(doc.classification, "")),
        "is_classified": doc.is_classified,
        "version": number, "page_count": version.page_count if version else 0,
        "can_download": downloadable,
        "can_present": can_chair(user, doc.meeting),
        "is_draft": doc.is_draft_for_comment,
        "comments_open": doc.comments_open(utcnow()),
        "comment_deadline_dt": utc_iso(doc.comment_deadline_dt),
        "comment_deadline": (format_datetime(doc.comment_deadline_dt, "short")
                             if doc.comment_deadline_dt else ""),
        # A new version is a new URL: the offline cache never serves a replaced file.
        # A classified paper has no file URL at all: only watermarked page images.
        "file_url": None if doc.is_classified else f"{api}/file?v={number}",
        "download_url": f"{api}/file?v={number}&download=1" if downloadable else None,
        "page_image_url": f"{api}/pages/{{n}}.png?v={number}&width={{w}}",
        "api": api,
        "meeting_url": f"/meetings/{doc.meeting_id}",
        "pdfjs": url_for("static", filename="vendor/pdfjs/pdf.min.mjs"),
        "pdfjs_worker": url_for("static", filename="vendor/pdfjs/pdf.worker.min.mjs"),
        "pdfjs_cmaps": url_for("static", filename="vendor/pdfjs/cmaps/"),
        "pdfjs_fonts": url_for("static", filename="vendor/pdfjs/standard_fonts/"),
    }


@bp.get("/documents/<int:document_id>/read")
@login_required
def read(document_id):
    """Open a paper on the tablet."""
    doc = visible_document(current_user, document_id)
    response = Response(render_template("documents/reader.html", doc=doc,
                                        reader=reader_config(doc, current_user)))
    if doc.is_classified:
        # Nothing of a classified paper stays in a browser's cache or the offline store.
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/meetings/<int:meeting_id>/comments")
@login_required
def comments_summary(meeting_id):
    """The secretariat's summary of comments on the meeting's drafts (CSV with ?format=csv)."""
    meeting = get_visible_meeting(current_user, meeting_id)
    papers = summary(current_user, meeting)
    if request.args.get("format") == "csv":
        return Response(to_csv(summary_rows(papers)), mimetype="text/csv", headers={
            "Content-Disposition": f"attachment; filename=gop-y-hoi-nghi-{meeting.id}.csv"})
    return render_template("documents/comments_summary.html", meeting=meeting, papers=papers)


@bp.get("/sw.js")
def service_worker():
    """Serve the offline worker from the site's root, so it may look after every page."""
    response = send_from_directory(current_app.static_folder, "js/sw.js",
                                   mimetype="text/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@js_strings.register
def reader_strings() -> dict:
    """Words of reader.js, reader_marks.js and documents.js."""
    return {
        "reader_page": _("Page"),
        "reader_version": _("version"),
        "reader_page_error": _("This page could not be shown. Please try again."),
        "reader_preparing": _("This page is still being prepared. Please wait a moment."),
        "reader_open_error": _("The paper could not be opened. Please check the connection "
                               "and try again."),
        "reader_no_such_page": _("There is no such page in this paper."),
        "reader_presenter_on": _("The presenter is on page"),
        "reader_presenter_other": _("The presenter has opened another paper"),
        "reader_open": _("Open"),
        "reader_note": _("Note"),
        "reader_highlight": _("Highlight"),
        "reader_drawing": _("Drawing"),
        "reader_delete": _("Delete"),
        "reader_edit": _("Edit"),
        "reader_no_notes": _("No notes on this page."),
        "reader_write_note": _("Please write your note."),
        "reader_write_comment": _("Please write your comment."),
        "reader_whole": _("The whole paper"),
        "reader_withdrawn": _("Withdrawn"),
        "reader_withdraw_comment": _("Withdraw"),
        "reader_comments_closed": _("Comments on this draft are closed."),
        "reader_deadline": _("Comments close on"),
        "reader_comment_sent": _("Your comment has been sent."),
        "docs_new": _("new"),
        "docs_updated": _("updated"),
        "docs_none": _("No papers have been distributed for this meeting yet."),
        "docs_pages": _("pages"),
        "docs_offline_ready": _("Papers saved on this tablet for reading offline"),
        "docs_draft_open": _("Open for comments"),
    }
