"""Pages of the IT registry (/registry): lists, forms, import/export, tokens, grants."""

from flask import Blueprint

bp = Blueprint("registry", __name__, url_prefix="/registry")


@bp.app_context_processor
def _registry_helpers():
    from flask import current_app

    # Pages of the registry may come and go; the menu shows the ones that exist.
    return {"registry_has": lambda endpoint: endpoint in current_app.view_functions}


from meeting.registry import (  # noqa: E402,F401  # noqa: E402,F401
    controllers,
    controllers_admin,
    controllers_io,
    dashboard,
    expiry_views,
    report_views,
)
