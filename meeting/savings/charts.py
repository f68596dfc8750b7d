"""The savings charts, drawn once as SVG: the dashboard and the PDF report embed the same."""

from flask_babel import gettext as _

from meeting.core.charts import bar_chart, line_chart, number, share_bar
from meeting.savings.compute import cumulative, rounded

MONTHS_SHOWN = 24  # beyond two years of months the bars get too thin: show quarters
# Narrower than the default 640 units: drawn full width, the labels come out about 15 %
# larger on a 10" tablet (and in the PDF), and twelve months still fit side by side.
SIZE = {"width": 560, "height": 300}


def _periods(report):
    """Rows to draw, with short axis labels ("3/26", "Q1/26") so twelve fit side by side."""
    if len(report.savings.months) <= MONTHS_SHOWN:
        rows = [(k, f"{k[1]}/{k[0] % 100:02d}", f) for k, f in report.savings.months.items()]
        return rows, cumulative(report.savings.months)
    rows = [(k, f"Q{k[1]}/{k[0] % 100:02d}", f) for k, f in report.savings.quarters.items()]
    return rows, cumulative(report.savings.quarters)


def _millions(cost) -> float:
    return float(rounded(cost)) / 1_000_000


def savings_charts(report) -> list:
    """[(caption, Markup <svg>)] for the report's figures; empty when there is nothing to draw."""
    if not report.inputs.documents:
        return []
    # Each caption is also its chart's title; listed in the order the charts are shown.
    captions = {"cost": _("Cost avoided per period (million đồng)"),
                "cumulative": _("Cumulative cost avoided (million đồng)"),
                "pages": _("Pages not printed per period"),
                "bodies": _("Pages not printed, by body")}
    rows, running = _periods(report)
    labels = [row[1] for row in rows]
    charts = {
        "cost": bar_chart(labels, [(_("Cost avoided"), [_millions(f.cost) for _k, _l, f in rows])],
                          title=captions["cost"], unit=_("million đồng"), **SIZE),
        "pages": bar_chart(labels, [(_("Pages avoided"), [f.pages for _k, _l, f in rows])],
                           title=captions["pages"], unit=_("pages"), **SIZE),
    }
    if len(rows) > 1:  # a running total over one period is a lone dot: the bar says it all
        charts["cumulative"] = line_chart(
            labels, [(_("Cumulative cost avoided"), [_millions(f.cost) for f in running.values()])],
            title=captions["cumulative"], unit=_("million đồng"), **SIZE)
    bodies = report.rows("bodies")
    if len(bodies) > 1:
        charts["bodies"] = share_bar([(label, f.pages) for _k, label, f in bodies],
                                     title=captions["bodies"], width=560, height=80)
    return [(captions[name], charts[name]) for name in captions if name in charts]


def money(value) -> str:
    """Whole đồng, rounded once, with dots between thousands: 1.234.500."""
    return number(int(rounded(value)))


def count(value) -> str:
    return number(int(value))


def amount(value, places=1) -> str:
    """A rounded decimal the Vietnamese way: 1.794,7."""
    text = f"{rounded(value, places):,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def plain(value) -> str:
    """A setting as typed, with a decimal comma: 4,99 (not 4.990)."""
    return format(value.normalize(), "f").replace(".", ",")
