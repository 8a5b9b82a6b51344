import re
import xml.etree.ElementTree as ET

import pytest

from procedures.documents import qr_svg
from procedures.documents.qr import QUIET_ZONE, qr_matrix

from .samples import VERIFY_URL


def svg_modules(svg: str) -> set[tuple[int, int]]:
    """Rasterise segno's path: M/m moves, h draws a horizontal run of dark modules at row floor(y)."""
    dark_path = [p for p in ET.fromstring(svg) if p.get("stroke")][0].get("d")
    x = y = 0.0
    dark = set()
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", dark_path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                dark.add((int(y) - QUIET_ZONE, column - QUIET_ZONE))
            x += float(a)
    return dark


def test_svg_is_inline_and_sized_by_css():
    svg = qr_svg(VERIFY_URL)
    assert svg.startswith("<svg ") and "<?xml" not in svg
    root = ET.fromstring(svg)
    size = len(qr_matrix(VERIFY_URL)) + 2 * QUIET_ZONE
    assert root.get("viewBox") == f"0 0 {size} {size}"
    assert root.get("width") is None and root.get("height") is None
    assert root.get("role") == "img" and root.get("aria-label") == VERIFY_URL


def test_svg_draws_the_code_of_the_url():
    expected = {(r, c) for r, row in enumerate(qr_matrix(VERIFY_URL)) for c, dark in enumerate(row) if dark}
    assert svg_modules(qr_svg(VERIFY_URL)) == expected


def test_svg_decodes_to_the_url():
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image, ImageDraw

    modules = svg_modules(qr_svg(VERIFY_URL))
    size = len(qr_matrix(VERIFY_URL)) + 2 * QUIET_ZONE
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for row, column in modules:
        x, y = (column + QUIET_ZONE) * scale, (row + QUIET_ZONE) * scale
        draw.rectangle([x, y, x + scale - 1, y + scale - 1], fill=0)
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [VERIFY_URL]


def test_accessible_name_is_escaped():
    root = ET.fromstring(qr_svg(VERIFY_URL, title='Vérifier "ce" récépissé & <le> reste'))
    assert root.get("aria-label") == 'Vérifier "ce" récépissé & <le> reste'
    assert root.get("class") == "qr"


def test_an_empty_url_is_refused():
    with pytest.raises(ValueError):
        qr_svg("")
