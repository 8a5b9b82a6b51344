"""Render a :class:`Paper` (receipt, certificate of tacit approval) as an A4 PDF.

fpdf2 lays the page out; with its text shaping switched on it runs the Unicode
bidirectional algorithm (UAX #9) on each paragraph and shapes every run with
HarfBuzz (uharfbuzz), so Arabic letters join and ligate (lam-alef) and runs in
Latin script or digits keep their order inside right-to-left lines.

Fonts are shipped in ``fonts/`` (Noto Sans for Latin, digits and punctuation,
Noto Naskh Arabic for Arabic, SIL OFL 1.1) and embedded as subsets, so a paper
weighs a few tens of kilobytes and looks the same on every machine.

Everything here is a pure function of its arguments: no Flask, no clock, no
network.
"""
import re
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, WrapMode, XPos, YPos

from .paper import Paper
from .qr import QUIET_ZONE, dark_runs, qr_matrix

FONTS = Path(__file__).parent / "fonts"
LATIN = "sans"
ARABIC = "naskh"
FONT_FILES = {
    (LATIN, ""): "NotoSans-Regular.ttf",
    (LATIN, "B"): "NotoSans-Bold.ttf",
    (ARABIC, ""): "NotoNaskhArabic-Regular.ttf",
    (ARABIC, "B"): "NotoNaskhArabic-Bold.ttf",
}

# Page geometry, in millimetres.
MARGIN_X = 18.0
MARGIN_TOP = 14.0
FOOTER_H = 14.0
QR_MODULE = 0.62  # one module: large enough for any phone camera on paper
QR_COLUMN = 42.0
GAP = 6.0
LABEL_SHARE = 0.36  # share of the width given to labels in the table

GREEN = (0, 98, 51)  # the flag's green
RED = (193, 39, 45)  # the flag's red
INK = (26, 26, 26)
GREY = (90, 90, 90)
RULE = (205, 210, 207)

LRI, PDI = "\u2066", "\u2069"
# Runs that must read left to right even inside Arabic: URLs; groups of letters
# or digits joined by - / . : (dates like 2025-03-14, tracking numbers, decree
# numbers 2.20.223, times); signed numbers (+0100); digit groups separated by
# single spaces (phone numbers +212 6 12 34 56 78, amounts 1 000 000). Without
# an isolate, the bidi algorithm turns digits that follow Arabic letters into
# Arabic numbers and the separators between them into right-to-left neutrals:
# 2025-03-14 would print as 14-03-2025 and a phone number's groups backwards.
URL = r"(?:https?://|www\.)[^\s\u2066-\u2069]*[^\s\u2066-\u2069.,;:!?\u060c\u061b\u061f)\]»]"
CODE = r"\+?[A-Za-z0-9]+(?:(?:[-/.:]|(?<=\d)[ \u00a0](?=\d))[A-Za-z0-9]+)*"
LTR_RUN = re.compile(f"{URL}|{CODE}")
JOINED = re.compile(r"[-/.:+ \u00a0]")


def _isolate(match: re.Match) -> str:
    run = match.group(0)
    if not JOINED.search(run):
        return run  # a lone word or number: the bidi algorithm places it right
    return f"{LRI}{run}{PDI}"


def isolate_ltr_runs(text: str) -> str:
    """Wrap URLs, dates, codes and phone numbers of a right-to-left paragraph in LRI…PDI (UAX #9, X5a-X6a).

    The isolate marks are invisible and zero-width; they make the run display
    left to right as a whole and keep it from reordering its neighbours.
    Lone Latin words are left alone, so that a phrase like "(Livret de famille)"
    keeps its word order and brackets.
    """
    return LTR_RUN.sub(_isolate, text)


class _Document(FPDF):
    def __init__(self, paper: Paper, total_pages: int = 1, page_format="A4", margin_x: float = MARGIN_X):
        super().__init__(orientation="portrait", unit="mm", format=page_format)
        self.roll = page_format != "A4"  # a receipt printer's roll: one page as long as the content
        self.paper = paper
        self.total_pages = total_pages
        self.rtl = paper.rtl
        for (family, style), name in FONT_FILES.items():
            self.add_font(family, style, str(FONTS / name))
        # Latin letters, digits and punctuation come from Noto Sans on every page
        # (one look for tracking numbers and dates); what Noto Sans lacks
        # (Arabic letters, Arabic comma, …) comes from Noto Naskh Arabic.
        self.set_fallback_fonts([ARABIC], exact_match=True)
        self.set_margins(margin_x, MARGIN_TOP, margin_x)
        self.set_auto_page_break(not self.roll, margin=0 if self.roll else FOOTER_H + 6)
        self.set_text_shaping(use_shaping_engine=True, direction=paper.direction)
        self.set_lang(paper.lang)
        self.set_title(paper.title)
        if paper.subtitle:
            self.set_subject(paper.subtitle)
        self.set_creator("Masatir")
        self.set_producer("Masatir")
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)

    def footer(self):
        if not self.roll:
            _footer(self)

    def _preload_bidirectional_text(self, text, markdown):
        # Once the bidi algorithm has ordered the runs, the isolate marks have done
        # their work: drop them, or they would be drawn as empty glyphs and come
        # back as U+2066/U+2069 when the text is copied out of the PDF (a pasted
        # tracking number would then not match). Private hook of fpdf2 2.8; if it
        # is renamed, this is skipped and the marks stay, invisible (a test tells).
        fragments = super()._preload_bidirectional_text(text, markdown)
        kept = []
        for fragment in fragments:
            fragment.characters = [c for c in fragment.characters if c not in (LRI, PDI)]
            if fragment.characters:
                kept.append(fragment)
        return tuple(kept)

    # Arabic letters are drawn smaller than Latin ones at the same point size:
    # Arabic pages are set one step larger, with more leading for the marks above
    # and below the letters.
    def size(self, points: float) -> float:
        return points * 1.1 if self.rtl else points

    def leading(self, points: float) -> float:
        return self.size(points) * (0.62 if self.rtl else 0.5)

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    @property
    def align(self) -> Align:
        return Align.R if self.rtl else Align.L

    def prepare(self, text: str) -> str:
        return isolate_ltr_runs(text) if self.rtl else text

    def style(self, points: float, bold: bool = False, color=INK):
        self.set_font(LATIN, "B" if bold else "", self.size(points))
        self.set_text_color(*color)

    def paragraph(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        points: float,
        *,
        bold: bool = False,
        color=INK,
        align: Align | None = None,
        direction: str | None = None,
        wrapmode: WrapMode = WrapMode.WORD,
        dry_run: bool = False,
    ) -> float:
        """Write (or measure, with dry_run) a wrapped paragraph at (x, y); return its height."""
        self.style(points, bold, color)
        if direction and direction != self.paper.direction:
            self.set_text_shaping(use_shaping_engine=True, direction=direction)
        else:
            text = self.prepare(text)
        self.set_xy(x, y)
        height = self.multi_cell(
            w,
            self.leading(points),
            text,
            align=align or self.align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode=wrapmode,
            dry_run=dry_run,
            output=MethodReturnValue.HEIGHT,
        )
        if direction and direction != self.paper.direction:
            self.set_text_shaping(use_shaping_engine=True, direction=self.paper.direction)
        return height

    def measure(self, w: float, text: str, points: float, **kwargs) -> float:
        return self.paragraph(self.l_margin, self.get_y(), w, text, points, dry_run=True, **kwargs)

    def room_for(self, height: float) -> None:
        """Start a new page when ``height`` does not fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def column(self, offset_from_start: float, width: float) -> float:
        """The x of a column placed ``offset_from_start`` from the reading start (right for RTL)."""
        if self.rtl:
            return self.w - self.r_margin - offset_from_start - width
        return self.l_margin + offset_from_start

    def rule(self, y: float, color=RULE, width: float = 0.2) -> None:
        self.set_draw_color(*color)
        self.set_line_width(width)
        self.line(self.l_margin, y, self.w - self.r_margin, y)


def _draw_qr(pdf: _Document, url: str, x: float, y: float) -> float:
    """Draw the QR code as vector rectangles with its top-left corner (quiet zone included) at (x, y).

    One filled path for the whole symbol: no hairline seams between modules.
    Returns the side of the square, quiet zone included.
    """
    size = len(qr_matrix(url))
    side = (size + 2 * QUIET_ZONE) * QR_MODULE
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, side, side, style="F")
    origin_x = x + QUIET_ZONE * QR_MODULE
    origin_y = y + QUIET_ZONE * QR_MODULE
    with pdf.new_path() as path:
        path.style.fill_color = "#000000"
        path.style.stroke_color = None
        for row, column, length in dark_runs(url):
            path.rectangle(
                origin_x + column * QR_MODULE, origin_y + row * QR_MODULE, length * QR_MODULE, QR_MODULE
            )
    return side


URL_BREAKS = re.compile(r"(?<=[/?&=#])|(?=[?&#])")


def _break_url(pdf: _Document, url: str, width: float) -> list[str]:
    """Split a URL into lines no wider than ``width`` in the current font, after a / ? & = or #."""
    lines: list[str] = []
    line = ""
    for piece in URL_BREAKS.split(url):
        if line and pdf.get_string_width(line + piece) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    if line:
        lines.append(line)
    return lines


def _header(pdf: _Document) -> None:
    paper = pdf.paper
    top = pdf.get_y()
    has_qr = bool(paper.verify_url)
    text_w = pdf.content_width - (QR_COLUMN + GAP if has_qr else 0)
    text_x = pdf.column(0, text_w)

    y = top + 2
    y += pdf.paragraph(text_x, y, text_w, paper.title, 18, bold=True, color=GREEN)
    if paper.subtitle:
        y += 1.5
        y += pdf.paragraph(text_x, y, text_w, paper.subtitle, 12)
    bottom = y

    if has_qr:
        qr_x = pdf.column(pdf.content_width - QR_COLUMN, QR_COLUMN)
        side = (len(qr_matrix(paper.verify_url)) + 2 * QUIET_ZONE) * QR_MODULE
        _draw_qr(pdf, paper.verify_url, qr_x + (QR_COLUMN - side) / 2, top)
        qy = top + side - QUIET_ZONE * QR_MODULE + 1
        if paper.verify_label:
            qy += pdf.paragraph(qr_x, qy, QR_COLUMN, paper.verify_label, 8, bold=True, align=Align.C)
        pdf.style(6.5)
        url = "\n".join(_break_url(pdf, paper.verify_url, QR_COLUMN - 1))
        qy += pdf.paragraph(qr_x, qy, QR_COLUMN, url, 6.5, color=GREY, align=Align.C, direction="ltr",
                            wrapmode=WrapMode.CHAR)
        bottom = max(bottom, qy)

    pdf.set_y(bottom + 4)
    pdf.rule(pdf.get_y(), GREEN, 0.6)
    pdf.set_y(pdf.get_y() + 3)


def _lines(pdf: _Document) -> None:
    paper = pdf.paper
    if not paper.lines:
        return
    label_w = pdf.content_width * LABEL_SHARE
    value_w = pdf.content_width - label_w - 4
    label_x = pdf.column(0, label_w)
    value_x = pdf.column(label_w + 4, value_w)
    for line in paper.lines:
        height = max(
            pdf.measure(label_w, line.label, 9.5),
            pdf.measure(value_w, line.value, 10.5, bold=True),
        )
        pdf.room_for(height + 3)
        y = pdf.get_y() + 1.5
        pdf.paragraph(label_x, y, label_w, line.label, 9.5, color=GREY)
        pdf.paragraph(value_x, y, value_w, line.value, 10.5, bold=True)
        pdf.set_y(y + height + 1.5)
        pdf.rule(pdf.get_y())
    pdf.set_y(pdf.get_y() + 4)


def _items(pdf: _Document) -> None:
    paper = pdf.paper
    if not paper.items:
        return
    heading_h = pdf.measure(pdf.content_width, paper.items_heading, 11, bold=True) if paper.items_heading else 0
    first_h = pdf.measure(pdf.content_width - 8, paper.items[0], 10)
    pdf.room_for(heading_h + first_h + 2)
    if paper.items_heading:
        y = pdf.get_y()
        pdf.paragraph(pdf.l_margin, y, pdf.content_width, paper.items_heading, 11, bold=True, color=GREEN)
        pdf.set_y(y + heading_h + 1)
    pdf.style(10, bold=True)
    marker_w = pdf.get_string_width(f"{len(paper.items)}.") + 3
    text_w = pdf.content_width - marker_w
    marker_x = pdf.column(0, marker_w)
    text_x = pdf.column(marker_w, text_w)
    for number, item in enumerate(paper.items, start=1):
        height = pdf.measure(text_w, item, 10)
        pdf.room_for(height + 1)
        y = pdf.get_y()
        # In a right-to-left page the bidi algorithm puts the dot of "1." on the left of the number.
        pdf.paragraph(marker_x, y, marker_w, f"{number}.", 10, color=GREEN, bold=True,
                      align=Align.R if not pdf.rtl else Align.L)
        pdf.paragraph(text_x, y, text_w, item, 10)
        pdf.set_y(pdf.get_y() + 0.8)
    pdf.set_y(pdf.get_y() + 4)


def _notes(pdf: _Document) -> None:
    for note in pdf.paper.notes:
        if not note.strip():
            continue
        height = pdf.measure(pdf.content_width - 4, note, 9.5)
        fits_a_page = height + 2 <= pdf.page_break_trigger - pdf.t_margin
        if fits_a_page:
            pdf.room_for(height + 2)
            # A green bar on the reading-start side marks each note.
            bar_x = pdf.w - pdf.r_margin - 0.8 if pdf.rtl else pdf.l_margin
            pdf.set_fill_color(*GREEN)
            pdf.rect(bar_x, pdf.get_y() + 0.8, 0.8, height - 1.2, style="F")
        # A note longer than a page flows onto the next ones (without its bar).
        pdf.paragraph(pdf.column(4, pdf.content_width - 4), pdf.get_y(), pdf.content_width - 4, note, 9.5)
        pdf.set_y(pdf.get_y() + 2.5)


def _footer(pdf: _Document) -> None:
    """The footer of the current page; numbered "n / N" when the paper has more than one page."""
    y = pdf.h - FOOTER_H
    pdf.rule(y, GREEN, 0.4)
    numbered = pdf.total_pages > 1
    footer_w = pdf.content_width - (20 if numbered else 0)
    if pdf.paper.footer:
        footer_x = pdf.column(0, footer_w)
        pdf.paragraph(footer_x, y + 2, footer_w, pdf.paper.footer, 8, color=GREY, align=None if numbered else Align.C)
    if numbered:
        pdf.paragraph(pdf.column(pdf.content_width - 18, 18), y + 2, 18, f"{pdf.page} / {pdf.total_pages}", 8,
                      color=GREY, direction="ltr", align=Align.L if pdf.rtl else Align.R)


def _render(paper: Paper, created: datetime | None, total_pages: int) -> _Document:
    pdf = _Document(paper, total_pages)
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_page()
    pdf.set_fill_color(*RED)
    pdf.rect(0, 0, pdf.w, 3, style="F")
    pdf.set_fill_color(*GREEN)
    pdf.rect(0, 3, pdf.w, 1.2, style="F")
    pdf.set_y(MARGIN_TOP)
    _header(pdf)
    _lines(pdf)
    _items(pdf)
    _notes(pdf)
    return pdf


def render_pdf(paper: Paper, *, created: datetime | None = None) -> bytes:
    """An A4 PDF of ``paper``: one page when it fits, more if needed.

    ``created`` (the time of filing, say) goes into the PDF's metadata as its
    creation date; without it, the time of rendering does.
    """
    pdf = _render(paper, created, total_pages=1)
    if pdf.page > 1:
        # Number the pages "n / N": lay the paper out again now that N is known
        # (the footer sits below the text, so the layout does not change).
        pdf = _render(paper, created, total_pages=pdf.page)
    return bytes(pdf.output())


# The 80 mm roll of a counter's receipt printer (72 mm printable).
ROLL_WIDTH = 80.0
ROLL_MARGIN = 4.0
ROLL_START_HEIGHT = 2000.0


def _roll(paper: Paper, created: datetime | None, height: float) -> _Document:
    pdf = _Document(paper, 1, page_format=(ROLL_WIDTH, height), margin_x=ROLL_MARGIN)
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_page()
    y = 4.0
    y += pdf.paragraph(pdf.l_margin, y, pdf.content_width, paper.title, 13, bold=True, align=Align.C)
    if paper.subtitle:
        y += 1 + pdf.paragraph(pdf.l_margin, y + 1, pdf.content_width, paper.subtitle, 9.5, align=Align.C)
    if paper.verify_url:  # the QR code centred under the title: the roll has no room for a column
        side = (len(qr_matrix(paper.verify_url)) + 2 * QUIET_ZONE) * QR_MODULE
        _draw_qr(pdf, paper.verify_url, (pdf.w - side) / 2, y + 2)
        y += side + 2
        if paper.verify_label:
            y += pdf.paragraph(pdf.l_margin, y, pdf.content_width, paper.verify_label, 8, bold=True, align=Align.C)
    pdf.set_y(y + 2)
    pdf.rule(pdf.get_y(), INK, 0.4)
    pdf.set_y(pdf.get_y() + 2)
    for line in paper.lines:  # label above its value: 72 mm leave no room for two columns
        y = pdf.get_y()
        y += pdf.paragraph(pdf.l_margin, y, pdf.content_width, line.label, 8, color=GREY)
        y += pdf.paragraph(pdf.l_margin, y, pdf.content_width, line.value, 9.5, bold=True)
        pdf.set_y(y + 1.2)
    pdf.rule(pdf.get_y(), INK, 0.4)
    pdf.set_y(pdf.get_y() + 2)
    _items(pdf)
    _notes(pdf)
    if paper.footer:
        pdf.paragraph(pdf.l_margin, pdf.get_y() + 1, pdf.content_width, paper.footer, 8, color=GREY, align=Align.C)
    return pdf


def render_roll_pdf(paper: Paper, *, created: datetime | None = None) -> bytes:
    """``paper`` on an 80 mm wide page exactly as long as its content, for a receipt printer: the same
    facts, QR code and notes as the A4 paper, stacked in one column, black only (thermal paper)."""
    pdf = _roll(paper, created, ROLL_START_HEIGHT)
    pdf = _roll(paper, created, pdf.get_y() + 6)
    return bytes(pdf.output())
