"""The yearly IT status report ("Báo cáo tình hình ứng dụng công nghệ thông tin năm N").

The narrative is ``templates/registry/report.html`` over the figures of ``figures.year_figures``
(or the figures frozen for that year, so a published report regenerates identically). The
words below are Vietnamese content of the report itself, not interface strings.
"""

from datetime import date, datetime

from meeting.core.charts import number
from meeting.extensions import db
from meeting.registry import report_charts
from meeting.registry.figures import YearFigures, year_figures
from meeting.registry.figures_load import load_registry_data
from meeting.registry.models import FrozenFigures

LEVEL_NAMES = {"province": "Cấp tỉnh", "district": "Huyện ủy, Thành ủy",
               "affiliated": "Đảng ủy trực thuộc", "commune": "Cấp xã"}
VIDEO_LEVEL_NAMES = {"central": "Trung ương", "province": "Cấp tỉnh", "district": "Cấp huyện",
                     "commune": "Cấp xã"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def frozen(year: int) -> FrozenFigures | None:
    return db.session.query(FrozenFigures).filter_by(year=year).one_or_none()


def as_of_for(year: int, today: date | None = None) -> date:
    """31 December, or today while the year is not over."""
    today = today or date.today()
    return min(date(year, 12, 31), today)


def figures_for(year: int, today: date | None = None) -> tuple[YearFigures, FrozenFigures | None]:
    """The figures of ``year``: frozen ones when the year was frozen, else computed now."""
    row = frozen(year)
    if row is not None:
        return YearFigures.from_dict(row.figures), row
    as_of = as_of_for(year, today)
    return year_figures(load_registry_data(None, year, as_of), year, as_of), None


# --- Vietnamese phrasing, used by the template ------------------------------------------

def over(value: int, step: int = 10) -> str:
    """"trên 220" for 224: the round figure a report states (the exact one follows)."""
    floor = (value // step) * step
    return f"trên {number(floor)}" if 0 < floor < value else number(value)


def percent(value) -> str:
    return "—" if value is None else f"{number(float(value))}%"


def since(iso: str | None, precision: str = "day") -> str:
    """"quý I/2017", "tháng 7/2018", "năm 2008" or "ngày 05/03/2019"."""
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    if precision == "year":
        return f"năm {day.year}"
    if precision == "quarter":
        return f"quý {ROMAN[(day.month - 1) // 3 + 1]}/{day.year}"
    if precision == "month":
        return f"tháng {day.month}/{day.year}"
    return f"ngày {day:%d/%m/%Y}"


def change(delta, unit: str = "", points: bool = False) -> str:
    """"tăng 12", "giảm 3", "không thay đổi" compared with the year before."""
    if delta is None:
        return ""
    suffix = " điểm phần trăm" if points else (f" {unit}" if unit else "")
    if delta == 0:
        return "không thay đổi"
    word = "tăng" if delta > 0 else "giảm"
    return f"{word} {number(abs(delta) if points else int(abs(delta)))}{suffix}"


def money(value: int) -> str:
    """Millions of đồng, as budgets are written: "2.500 triệu đồng"."""
    return f"{number(round(value / 1_000_000))} triệu đồng"


def day_vi(iso: str) -> str:
    return f"{date.fromisoformat(iso):%d/%m/%Y}"


def names(items, limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (", …" if len(items) > limit else "")


PHRASES = {"over": over, "percent": percent, "since": since, "change": change,
           "money": money, "day_vi": day_vi, "names": names, "number": number,
           "LEVEL_NAMES": LEVEL_NAMES, "VIDEO_LEVEL_NAMES": VIDEO_LEVEL_NAMES}


def report_context(fig: YearFigures, row: FrozenFigures | None, today: date | None = None):
    """Template variables of the report: header, figures, charts, phrasing helpers."""
    from meeting.papers.layout import party_header

    issued = row.frozen_dt.date() if row is not None else (today or date.today())
    systems = {s["category"]: s for s in reversed(fig.systems)}
    return dict(party_header("BC", day=issued), doc_type="Báo cáo",
                summary=f"Tình hình ứng dụng công nghệ thông tin năm {fig.year}",
                paper_title=f"Báo cáo tình hình ứng dụng CNTT năm {fig.year}",
                signers=[{"on_behalf": "T/L Ban Thường vụ", "position": "Chánh Văn phòng",
                          "name": "", "stamp": True}],
                recipients=["Văn phòng Trung ương Đảng", "Thường trực Tỉnh ủy",
                            "Các ban đảng, Văn phòng Tỉnh ủy",
                            "Các huyện ủy, thành ủy, đảng ủy trực thuộc",
                            "Lưu Văn phòng Tỉnh ủy"],
                fig=fig, frozen=row, systems_by_category=systems,
                charts=report_charts.charts(fig), **PHRASES)


def render_report_pdf(year: int, today: date | None = None) -> bytes:
    """The report of ``year`` as PDF bytes."""
    from meeting.papers.pdf import render_pdf

    fig, row = figures_for(year, today)
    return render_pdf("registry/report.html", **report_context(fig, row, today))


def render_report_html(year: int, today: date | None = None) -> str:
    """The same report as an HTML preview (its charts are the PDF's SVG)."""
    from meeting.papers.pdf import render_html

    fig, row = figures_for(year, today)
    return render_html("registry/report.html", **report_context(fig, row, today))


def frozen_years() -> dict[int, datetime]:
    return dict(db.session.query(FrozenFigures.year, FrozenFigures.frozen_dt).all())
