"""Server-side SVG charts: well-formed, escaped, proportional, safe with empty data."""

import xml.etree.ElementTree as ET

import pytest

from meeting.core.charts import bar_chart, line_chart, number, share_bar

NS = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))


def test_bars_are_proportional_to_their_values():
    root = parse(bar_chart(["2024", "2025"], [("Máy chủ", [20, 40])], title="Máy chủ"))
    heights = [float(r.get("height")) for r in root.iter(NS + "rect")]
    assert heights[1] == pytest.approx(2 * heights[0])


def test_stacked_bars_sit_on_each_other():
    root = parse(bar_chart(["A"], [("x", [10]), ("y", [30])], title="t", stacked=True))
    bars = [r for r in root.iter(NS + "rect") if r.find(NS + "title") is not None]
    lower, upper = bars
    assert float(upper.get("y")) + float(upper.get("height")) == pytest.approx(
        float(lower.get("y")))


def test_labels_and_titles_are_escaped():
    svg = str(bar_chart(['<script>alert(1)</script>'], [("a&b", [1])], title='"><x>'))
    assert "<script>" not in svg and "<x>" not in svg
    parse(svg)  # still well-formed XML


@pytest.mark.parametrize("draw", [
    lambda: bar_chart([], [], title="empty"),
    lambda: bar_chart(["a"], [("s", [0])], title="zero"),
    lambda: line_chart(["a"], [("s", [None])], title="one point"),
    lambda: share_bar([("a", 0), ("b", 0)], title="nothing"),
])
def test_empty_or_zero_data_still_draws(draw):
    root = parse(draw())
    assert root.find(NS + "title") is not None


def test_share_bar_splits_the_width_by_share():
    root = parse(share_bar([("Điện tử", 75), ("Giấy", 25)], title="Tỷ lệ"))
    widths = [float(r.get("width")) for r in root.iter(NS + "rect")
              if r.find(NS + "title") is not None]
    assert widths[0] == pytest.approx(3 * widths[1])


def test_line_chart_marks_every_point():
    root = parse(line_chart(["T1", "T2", "T3"], [("Trang", [5, 9, 2])], title="Trang"))
    assert len(list(root.iter(NS + "circle"))) == 3


@pytest.mark.parametrize("value, text", [(1234567, "1.234.567"), (12.5, "12,5"),
                                          (0, "0"), (3.0, "3")])
def test_numbers_are_written_the_vietnamese_way(value, text):
    assert number(value) == text
