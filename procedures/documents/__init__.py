"""Printed papers of a filed request: the receipt (récépissé) and the certificate of tacit approval.

Pure functions taking plain, already translated data and returning bytes or
text: no Flask, no database, no clock.

    render_pdf(paper) -> bytes      an A4 PDF (Arabic shaped, right to left; French left to right)
    render_roll_pdf(paper) -> bytes the same on an 80 mm receipt printer's roll
    qr_svg(url) -> str              the QR code of the verification URL, as inline SVG
"""
from .paper import Line, Paper
from .pdf import render_pdf, render_roll_pdf
from .qr import qr_svg

__all__ = ["Line", "Paper", "qr_svg", "render_pdf", "render_roll_pdf"]
