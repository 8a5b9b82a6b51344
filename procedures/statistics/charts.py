"""Bar charts drawn on the server: geometry only; ``templates/statistics/chart.html`` writes the SVG.

Coordinates are in a 320-unit-wide box scaled to the page. In a right-to-left language the bars
grow from the right edge and every text is anchored on its right (``text-anchor: start`` in an
``rtl`` SVG), so one template serves both directions.
"""
from dataclasses import dataclass

WIDTH, PAD, ROW, BAR, GAP = 320, 4, 44, 12, 3
LABEL_ROOM = 56  # kept free after the longest bar for its value


@dataclass
class Bar:
    x: float
    width: float
    y: float
    value_x: float  # where the value's text starts
    shade: str  # "main" or "second"


@dataclass
class Line:
    label: str
    label_x: float
    label_y: float
    bars: list
    texts: list  # the values as shown, one per bar ("fewer than 5" for a hidden cell)


def bar_chart(rows, maximum, rtl, series=1):
    """``rows``: ``(label, [value or None, …], [text, …])``; ``maximum``: the value of a full bar."""
    usable = WIDTH - 2 * PAD - LABEL_ROOM
    row_height = ROW + (series - 1) * (BAR + GAP)
    lines = []
    for index, (label, values, texts) in enumerate(rows):
        top = index * row_height
        bars = []
        for n, value in enumerate(values):
            length = 0 if value is None or not maximum else max(usable * min(value / maximum, 1), 1 if value else 0)
            y = top + 20 + n * (BAR + GAP)
            x = WIDTH - PAD - length if rtl else PAD
            value_x = x - 4 if rtl else x + length + 4
            bars.append(Bar(x, length, y, value_x, "main" if n == 0 else "second"))
        lines.append(Line(label, WIDTH - PAD if rtl else PAD, top + 14, bars, texts))
    return {"lines": lines, "width": WIDTH, "height": max(len(rows) * row_height, ROW), "bar": BAR,
            "rtl": rtl}
