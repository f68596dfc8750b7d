"""Header values of the Party layout: issuing body, number line, place and date line."""

from datetime import date

from flask import current_app

# Type codes of Hướng dẫn 36-HD/VPTW used by our papers.
TYPE_CODES = {"minutes": "BB", "notice": "TB", "agenda": "CTr", "invitation": "GM",
              "report": "BC", "plan": "KH"}
CONFIDENTIALITY = ("Mật", "Tối mật", "Tuyệt mật")
URGENCY = ("Khẩn", "Thượng khẩn", "Hỏa tốc")


def setting(name: str):
    """A papers setting (see meeting/papers/settings.py for names and defaults)."""
    from meeting.papers.settings import DEFAULTS

    return current_app.config.get(name, DEFAULTS.get(name))


def date_line(place: str, day: date) -> str:
    """"Hòa Bình, ngày 05 tháng 02 năm 2026": day below 10 and months 1–2 get a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: int | None, code: str, symbol: str | None = None) -> str:
    """"Số 12-BB/TU"; blank number (room to write it) before the paper is issued."""
    symbol = symbol or setting("PAPERS_SYMBOL")
    shown = str(number) if number else "\u2002" * 4
    return f"Số {shown}-{code}/{symbol}"


def party_header(code: str, number: int | None = None, day: date | None = None,
                 **extra) -> dict:
    """Template variables for _party.html's header, from the organisation settings."""
    ctx = {
        "org_parent": setting("PAPERS_PARENT_BODY"),
        "org_name": setting("PAPERS_ISSUER") or current_app.config.get("ORGANISATION_NAME"),
        "number_line": number_line(number, code),
        "place_date": date_line(setting("PAPERS_PLACE"), day or date.today()),
    }
    ctx.update(extra)
    return ctx
