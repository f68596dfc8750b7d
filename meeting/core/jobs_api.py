"""GET /api/v1/jobs/<id>: how far a person's job got (the page that started it asks)."""

from flask import jsonify
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.openapi import PARAMETERS, SCHEMAS
from meeting.core.errors import NotFound
from meeting.core.jobs import get_job

SCHEMAS["Job"] = {"type": "object", "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"},
    "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
    "progress": {"type": "integer", "minimum": 0, "maximum": 100},
    "message": {"type": "string", "description": "progress, or the reason it failed"},
    "result": {"type": "object", "nullable": True,
               "description": "e.g. {document_id} once an upload is stored"}}}
PARAMETERS["job_id"] = {"name": "job_id", "in": "path", "required": True,
                        "schema": {"type": "integer"}}


@bp.get("/jobs/<int:job_id>")
@login_required
def job_status(job_id):
    """Return one of my jobs (an upload's check, a paper's build) and its state.
    ---
    get:
      tags: [jobs]
      parameters: [job_id]
      responses:
        200: Job
    """
    job = get_job(current_user, job_id)
    if job is None:
        raise NotFound()
    return jsonify(job.as_json())
