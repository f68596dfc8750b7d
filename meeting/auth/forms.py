"""Forms of the auth module."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from meeting.auth.models import ROLES


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Please enter your username.")), Length(max=60)])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Please enter your password."))])


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(FlaskForm):
    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Please enter a username.")), Length(max=60)])
    full_name = StringField(_l("Full name"), validators=[
        DataRequired(_l("Please enter the full name.")), Length(max=120)])
    title = StringField(_l("Position"), validators=[Optional(), Length(max=200)])
    unit_id = SelectField(_l("Unit"), coerce=int, validate_choice=False)
    # A callable: WTForms deprecates choices given as tuples when the field is declared.
    roles = CheckboxesField(_l("Roles"), choices=lambda: list(ROLES.items()))
    password = PasswordField(_l("Password"), validators=[Optional(), Length(min=8, message=_l(
        "The password must have at least 8 characters."))])
    is_enabled = BooleanField(_l("Account enabled"), default=True)
