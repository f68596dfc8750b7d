"""Forms of the meetings module (secretariat screens)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from meeting.meetings.models import OFFICES

REQUIRED = _l("This field is required.")


class MeetingForm(FlaskForm):
    body_id = SelectField(_l("Body"), coerce=int)
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=300)])
    number = IntegerField(_l("Number within the term"), validators=[Optional(), NumberRange(1)])
    start_dt = DateTimeLocalField(_l("Starts"), format="%Y-%m-%dT%H:%M",
                                  validators=[DataRequired(_l("Enter a valid date and time."))])
    end_dt = DateTimeLocalField(_l("Ends"), format="%Y-%m-%dT%H:%M",
                                validators=[DataRequired(_l("Enter a valid date and time."))])
    room = StringField(_l("Room"), validators=[Optional(), Length(max=200)])
    chair_id = SelectField(_l("Chair"), coerce=int)


class AgendaItemForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=300)])
    presenter = StringField(_l("Presenter"), validators=[Optional(), Length(max=200)])
    planned_minutes = IntegerField(_l("Planned minutes"), default=15, validators=[
        # InputRequired, not DataRequired: 0 was typed, so say it is out of range.
        InputRequired(_l("Enter the planned minutes.")),
        NumberRange(1, 600, _l("Between 1 and 600 minutes."))])
    description = TextAreaField(_l("Description"), validators=[Optional()])


class BodyForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(REQUIRED), Length(max=20)])
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=200)])


class TermForm(FlaskForm):
    label = StringField(_l("Term"), validators=[DataRequired(REQUIRED), Length(max=40)])
    start_date = DateField(_l("Starts"), validators=[DataRequired(_l("Enter a valid date."))])


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Person"), coerce=int)
    # A callable: WTForms deprecates choices given as tuples when the field is declared.
    office = SelectField(_l("Office"), choices=lambda: list(OFFICES.items()))
