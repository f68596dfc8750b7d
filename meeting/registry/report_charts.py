"""The registry's charts, drawn once as SVG: the dashboard and the PDF report show the same.

Their words are the report's Vietnamese content (the PDF is Vietnamese whatever the
reader's interface language), so they are written here, not taken from the catalogue.
"""

from meeting.core.charts import bar_chart
from meeting.registry.figures import LEVELS, MAIN_KINDS, YearFigures

ROMAN = ("I", "II", "III", "IV")


def _level_labels():
    return {"province": "Cấp tỉnh", "district": "Huyện ủy, Thành ủy",
            "affiliated": "Đảng ủy trực thuộc", "commune": "Cấp xã"}


def _kind_labels():
    return {"server": "Máy chủ", "workstation": "Máy trạm", "laptop": "Máy xách tay"}


def charts(fig: YearFigures) -> dict:
    """Every chart of the year, keyed by name, as ``Markup`` holding one ``<svg>``."""
    levels, kinds = _level_labels(), _kind_labels()
    out = {"devices_by_level": bar_chart(
        [levels[lv] for lv in LEVELS],
        [(kinds[k], [fig.devices["by_level"][lv][k] for lv in LEVELS]) for k in MAIN_KINDS],
        title=f"Máy tính theo cấp, năm {fig.year}", unit="máy")}
    compared = ("connected", "server", "workstation", "laptop", "cert_organisation",
                "cert_individual")
    # Short labels: six groups share the width of a tablet column or an A4 text line.
    labels = {"connected": "Kết nối mạng", "server": kinds["server"],
              "workstation": kinds["workstation"], "laptop": "Xách tay",
              "cert_organisation": "CTS tổ chức", "cert_individual": "CTS cá nhân"}
    out["year_on_year"] = bar_chart(
        [labels[k] for k in compared],
        [(str(fig.year - 1), [fig.previous[k] for k in compared]),
         (str(fig.year), [fig.totals[k] for k in compared])],
        title=f"Năm {fig.year} so với năm {fig.year - 1}", height=340)
    quarters = fig.exchange["by_quarter"]
    out["exchange_by_quarter"] = bar_chart(
        [f"Quý {ROMAN[int(q) - 1]}" for q in quarters],
        [("Tỷ lệ văn bản điện tử", list(quarters.values()))],
        title=f"Tỷ lệ văn bản (trừ văn bản mật) trao đổi qua mạng, năm {fig.year}",
        unit="%")
    by_level = {lv: p for lv, p in fig.exchange["by_level"].items() if p is not None}
    out["exchange_by_level"] = bar_chart(
        [levels[lv] for lv in by_level], [("Tỷ lệ văn bản điện tử", list(by_level.values()))],
        title=f"Tỷ lệ trao đổi văn bản điện tử theo cấp, năm {fig.year}", unit="%")
    return out
