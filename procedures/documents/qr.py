"""QR codes pointing to the public verification page, as SVG (HTML page) and as modules (PDF).

segno is pure Python and follows ISO/IEC 18004; error correction level M (15 %)
survives a folded or slightly stained printout, and segno raises it for free when
the symbol has room left.
"""
from functools import lru_cache
from html import escape

import segno

ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules of white border required around the symbol


@lru_cache(maxsize=64)
def qr_code(url: str) -> segno.QRCode:
    if not url:
        raise ValueError("a QR code needs a URL")
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The symbol's modules without the quiet zone, row by row, True for dark."""
    return tuple(tuple(bool(m) for m in row) for row in qr_code(url).matrix)


def dark_runs(url: str) -> list[tuple[int, int, int]]:
    """Horizontal runs of dark modules as (row, first column, length): few rectangles to draw."""
    runs = []
    for y, row in enumerate(qr_matrix(url)):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return runs


def qr_svg(url: str, *, title: str | None = None, css_class: str = "qr") -> str:
    """An inline-able SVG of the QR code for ``url`` (no XML declaration, no fixed size).

    It has a viewBox and no width or height, so CSS sizes it; a white background
    keeps it scannable on a dark theme. ``title`` becomes the SVG's accessible name.
    """
    svg = qr_code(url).svg_inline(
        scale=1,
        border=QUIET_ZONE,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass=css_class,
        lineclass=None,
    )
    label = title if title is not None else url
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label, quote=True)}" ', 1)
    return svg
