"""Secretariat pages: meeting and agenda builder, guests, roll call, bodies and members."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from flask_login import current_user, login_required
from sqlalchemy import select

from meeting.auth.models import User
from meeting.core.ids import is_id
from meeting.core.web import try_operation as _try
from meeting.extensions import db
from meeting.meetings import agenda, attendance, operations, state
from meeting.meetings.blueprint import bp
from meeting.meetings.controllers import _labels, _visible
from meeting.meetings.forms import AgendaItemForm, BodyForm, MeetingForm, MemberForm, TermForm
from meeting.meetings.models import AgendaItem, Body, Membership, Term


def _require_secretariat():
    if not current_user.is_secretariat:
        abort(403)


def _people_choices(blank=True):
    people = db.session.scalars(select(User).where(User.is_enabled).order_by(User.full_name))
    return ([(0, "—")] if blank else []) + [(u.id, u.full_name) for u in people]


def _local(dt: datetime) -> datetime:
    return to_user_timezone(dt).replace(tzinfo=None)


@bp.route("/meetings/new", methods=["GET", "POST"])
@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit_meeting(meeting_id=None):
    _require_secretariat()
    meeting = _visible(meeting_id) if meeting_id else None
    form = MeetingForm(obj=meeting)
    form.body_id.choices = [(b.id, b.name) for b in db.session.scalars(select(Body))]
    form.chair_id.choices = _people_choices()
    if meeting and request.method == "GET":
        form.start_dt.data, form.end_dt.data = _local(meeting.start_dt), _local(meeting.end_dt)
        form.chair_id.data = meeting.chair_id or 0
    if form.validate_on_submit():
        fields = dict(title=form.title.data, start_dt=to_utc(form.start_dt.data),
                      end_dt=to_utc(form.end_dt.data), room=form.room.data or "",
                      chair_id=form.chair_id.data or None, number=form.number.data)
        if meeting is None:
            body = db.session.get(Body, form.body_id.data)
            result, ok = _try(lambda: operations.create_meeting(current_user, body=body,
                                                                **fields), _("Meeting created."))
        else:
            result, ok = _try(lambda: operations.update_meeting(current_user, meeting, **fields),
                              _("Saved."))
        if ok:
            return redirect(url_for("meetings.build_meeting", meeting_id=result.id))
    status = 400 if request.method == "POST" else 200
    return render_template("meetings/meeting_form.html", form=form, meeting=meeting), status


@bp.route("/meetings/<int:meeting_id>/build", methods=["GET", "POST"])
@login_required
def build_meeting(meeting_id):
    """The builder: agenda items, guests, roll call and the meeting's status."""
    _require_secretariat()
    meeting = _visible(meeting_id)
    form = AgendaItemForm()
    if form.validate_on_submit():
        result, ok = _try(lambda: agenda.add_item(
            current_user, meeting, title=form.title.data, presenter=form.presenter.data,
            planned_minutes=form.planned_minutes.data, description=form.description.data),
            _("Item added."))
        if ok:
            return redirect(url_for("meetings.build_meeting", meeting_id=meeting.id))
    guest_ids = {g.user_id for g in meeting.guests}
    member_ids = {m.user_id for m in meeting.term.incumbents}
    candidates = [(uid, name) for uid, name in _people_choices(blank=False)
                  if uid not in guest_ids | member_ids]
    status = 400 if request.method == "POST" else 200
    return render_template("meetings/build.html", meeting=meeting, form=form,
                           attendance=state.attendance_data(meeting), candidates=candidates,
                           **_labels()), status


def _item(meeting, item_id) -> AgendaItem:
    item = next((i for i in meeting.items if i.id == item_id), None)
    if item is None:
        abort(404)
    return item


def _back(meeting):
    return redirect(url_for("meetings.build_meeting", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(meeting_id, item_id):
    _require_secretariat()
    meeting = _visible(meeting_id)
    item = _item(meeting, item_id)
    form = AgendaItemForm(obj=item)
    if form.validate_on_submit():
        result, ok = _try(lambda: agenda.update_item(
            current_user, item, title=form.title.data, presenter=form.presenter.data,
            planned_minutes=form.planned_minutes.data, description=form.description.data),
            _("Saved."))
        if ok:
            return _back(meeting)
    status = 400 if request.method == "POST" else 200
    return render_template("meetings/item_form.html", form=form, meeting=meeting,
                           item=item), status


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/move")
@login_required
def move_item(meeting_id, item_id):
    """Move an item up or down with a tap: reordering without dragging."""
    _require_secretariat()
    meeting = _visible(meeting_id)
    offset = -1 if request.form.get("direction") == "up" else 1
    _try(lambda: agenda.move_item(current_user, _item(meeting, item_id), offset), _("Moved."))
    return _back(meeting)


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/delete")
@login_required
def delete_item(meeting_id, item_id):
    _require_secretariat()
    meeting = _visible(meeting_id)
    _try(lambda: agenda.delete_item(current_user, _item(meeting, item_id)), _("Item removed."))
    return _back(meeting)


@bp.post("/meetings/<int:meeting_id>/status")
@login_required
def change_status(meeting_id):
    meeting = _visible(meeting_id)
    _try(lambda: operations.change_status(current_user, meeting, request.form.get("status", "")),
         _("Status changed."))
    return redirect(request.referrer or url_for("meetings.view_meeting", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/guests")
@login_required
def invite_guest(meeting_id):
    _require_secretariat()
    meeting = _visible(meeting_id)
    user_id = request.form.get("user_id", type=int)
    user = db.session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        flash(_("Choose a person to invite."), "error")
    else:
        _try(lambda: operations.invite_guest(current_user, meeting, user), _("Guest invited."))
    return _back(meeting)


@bp.post("/meetings/<int:meeting_id>/guests/<int:user_id>/remove")
@login_required
def remove_guest(meeting_id, user_id):
    _require_secretariat()
    meeting = _visible(meeting_id)
    _try(lambda: operations.remove_guest(current_user, meeting, user_id),
         _("Invitation withdrawn."))
    return _back(meeting)


@bp.post("/meetings/<int:meeting_id>/attendance/<int:user_id>")
@login_required
def mark_presence(meeting_id, user_id):
    _require_secretariat()
    meeting = _visible(meeting_id)
    user = db.get_or_404(User, user_id)
    _try(lambda: attendance.mark_presence(current_user, meeting, user,
                                          request.form.get("presence")), _("Saved."))
    return _back(meeting)


# Bodies, terms and members ----------------------------------------------------------------

@bp.route("/bodies", methods=["GET", "POST"])
@login_required
def list_bodies():
    _require_secretariat()
    form = BodyForm()
    if form.validate_on_submit():
        result, ok = _try(lambda: operations.create_body(current_user, code=form.code.data,
                                                    name=form.name.data), _("Body created."))
        if ok:
            return redirect(url_for("meetings.list_bodies"))
    bodies = list(db.session.scalars(select(Body).order_by(Body.name)))
    status = 400 if request.method == "POST" else 200
    return render_template("meetings/bodies.html", bodies=bodies, form=form), status


@bp.route("/bodies/<int:body_id>", methods=["GET", "POST"])
@login_required
def view_body(body_id):
    _require_secretariat()
    body = db.get_or_404(Body, body_id)
    term_form = TermForm(prefix="term")
    member_form = MemberForm(prefix="member")
    member_form.user_id.choices = _people_choices(blank=False)
    term = body.current_term
    if request.method == "POST":
        if "term-label" in request.form and term_form.validate():
            _try(lambda: operations.create_term(current_user, body, label=term_form.label.data,
                                                start_date=term_form.start_date.data),
                 _("Term opened."))
        elif "member-user_id" in request.form and member_form.validate() and term:
            user = db.session.get(User, member_form.user_id.data)
            _try(lambda: operations.add_member(current_user, term, user, member_form.office.data),
                 _("Member added."))
        else:
            flash(_("Please check the form."), "error")
        return redirect(url_for("meetings.view_body", body_id=body.id))
    return render_template("meetings/body.html", body=body, term=term, term_form=term_form,
                           member_form=member_form, **_labels())


@bp.post("/memberships/<int:membership_id>/end")
@login_required
def end_membership(membership_id):
    _require_secretariat()
    membership = db.get_or_404(Membership, membership_id)
    _try(lambda: operations.end_membership(current_user, membership, datetime.now().date()),
         _("Membership ended."))
    term = db.session.get(Term, membership.term_id)
    return redirect(url_for("meetings.view_body", body_id=term.body_id))
