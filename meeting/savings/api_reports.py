"""JSON endpoints of the issued savings reports: ask for one, follow its build."""

from flask import jsonify
from flask_login import current_user, login_required

from meeting.api import openapi
from meeting.api.blueprint import bp
from meeting.api.util import json_body
from meeting.savings import reports
from meeting.savings.figures import parse_filters

openapi.PARAMETERS.setdefault("report_id", {"name": "report_id", "in": "path",
                                            "required": True, "schema": {"type": "integer"}})


@bp.post("/savings/reports")
@login_required
def request_savings_report():
    """Issue a savings report: freeze the caller's figures now, build the PDF in the background.
    ---
    post:
      tags: [savings]
      description: >
        The settings and every document's inputs are stored with the report, so its
        figures never change afterwards. Poll `GET /savings/reports/{report_id}` until
        `state` is `done` (then `pdf_url` is given) or `failed`. While one of the caller's
        reports is still being built, that one is returned.
      requestBody: {content: {application/json: {schema: {type: object, properties: {
        body: {type: integer}, meeting: {type: integer}, year: {type: integer},
        start: {type: string, format: date}, end: {type: string, format: date}}}}}}
      responses:
        202: {description: The report, content: {application/json: {schema: {type: object}}}}
        400: Error
    """
    data = {k: str(v) for k, v in json_body().items() if v is not None}
    report = reports.request_report(current_user, parse_filters(data))
    return jsonify(reports.report_data(report)), 202


@bp.get("/savings/reports/<int:report_id>")
@login_required
def savings_report(report_id):
    """The state of an issued report (its requester or the secretariat).
    ---
    get:
      tags: [savings]
      parameters: [report_id]
      responses:
        200: {description: The report, content: {application/json: {schema: {type: object}}}}
        404: Error
    """
    return jsonify(reports.report_data(reports.get_report(current_user, report_id)))
