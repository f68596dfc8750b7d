"""The registry dashboard: the year's figures at a glance, with the report's own charts."""

from datetime import date

from flask import render_template, request
from flask_login import current_user, login_required

from meeting.core.charts import number
from meeting.registry import access
from meeting.registry.blueprint import bp
from meeting.registry.figures import LEVELS, VIDEO_LEVELS
from meeting.registry.figures_cache import cached_year_figures
from meeting.registry.freeze import FIRST_YEAR
from meeting.registry.report import as_of_for, day_vi, frozen, since
from meeting.registry.report_charts import charts


def chosen_year(today: date) -> int:
    """The year asked for in ``?year=``, kept within what the registry can hold."""
    year = request.args.get("year", type=int) or today.year
    return min(max(year, FIRST_YEAR), today.year)


@bp.get("/dashboard")
@login_required
def dashboard():
    """Figures of the units the person may see, as of today (or 31 December of a past year)."""
    access.require_registry(current_user)
    today = date.today()
    year = chosen_year(today)
    fig = cached_year_figures(access.visible_unit_ids(current_user), year,
                              as_of_for(year, today))
    return render_template("registry/dashboard.html", fig=fig, charts=charts(fig),
                           year=year, years=range(today.year, today.year - 6, -1),
                           levels=LEVELS, video_levels=VIDEO_LEVELS, since=since,
                           number=number, day_vi=day_vi,
                           is_admin=access.is_registry_admin(current_user),
                           frozen=frozen(year))
