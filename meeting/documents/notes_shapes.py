"""The geometry of an annotation, checked before it is stored.

Shapes are in page fractions (0–1) so they fit every zoom and screen; anything else in the
posted object is dropped.
"""

import math
import re

from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError
from meeting.documents.notes_models import ANNOTATION_KINDS

MAX_SHAPES = 300  # rectangles of one highlight, strokes of one drawing
MAX_POINTS = 5000  # points of one drawing, all strokes together
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _fraction(value):
    # Page fractions: a stroke may run a little past the edge of the page.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError
    if not -0.05 <= value <= 1.05:
        raise ValueError
    return round(float(value), 5)


def clean_data(kind, data) -> dict:
    """Check an annotation's geometry and keep only the fields we know.

    :raises OperationError: a malformed shape, too many points, an unknown colour.
    """
    if not isinstance(kind, str) or kind not in ANNOTATION_KINDS:
        raise OperationError(_l("Unknown kind of note."))
    if not isinstance(data, dict):
        raise OperationError(_l("The note's shape is not valid."))
    color = data.get("color", "#ffd400" if kind == "highlight" else "#d00000")
    try:
        if not isinstance(color, str) or not COLOR.match(color):
            raise ValueError
        if kind == "note":
            return {"x": _fraction(data.get("x", 0)), "y": _fraction(data.get("y", 0))}
        if kind == "highlight":
            rects = data.get("rects")
            if not isinstance(rects, list) or not 0 < len(rects) <= MAX_SHAPES:
                raise ValueError
            clean = []
            for rect in rects:
                if not isinstance(rect, list) or len(rect) != 4:
                    raise ValueError
                clean.append([_fraction(v) for v in rect])
            return {"rects": clean, "color": color}
        strokes = data.get("strokes")
        if not isinstance(strokes, list) or not 0 < len(strokes) <= MAX_SHAPES:
            raise ValueError
        if sum(len(s) if isinstance(s, list) else 0 for s in strokes) > MAX_POINTS:
            raise OperationError(_l("The drawing is too large. Please draw less at a time."))
        clean = []
        for stroke in strokes:
            if not isinstance(stroke, list) or not stroke:
                raise ValueError
            points = []
            for point in stroke:
                if not isinstance(point, list) or len(point) != 2:
                    raise ValueError
                points.append([_fraction(point[0]), _fraction(point[1])])
            clean.append(points)
        width = data.get("width", 0.004)
        if isinstance(width, bool) or not isinstance(width, int | float) or \
                not 0.0005 <= width <= 0.05:
            raise ValueError
        return {"strokes": clean, "color": color, "width": float(width)}
    except (ValueError, TypeError):
        raise OperationError(_l("The note's shape is not valid.")) from None
