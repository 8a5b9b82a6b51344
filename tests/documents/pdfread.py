"""Reading back what a rendered PDF holds: its text, its pages, its QR code.

What text extraction gives for right-to-left lines: pdfminer.six returns each
line in *visual* order, the order the glyphs sit on the page from left to right.
For an Arabic line that is the logical text reversed character by character
(fpdf2 maps every shaped glyph, lam-alef ligatures included, back to the plain
Arabic letters it came from, never to presentation forms U+FB50–U+FEFF), while
runs of Latin letters and digits, which are drawn left to right, come out in
their own order. ``logical()`` undoes that for the simple lines of a receipt.
"""
import io
import re

from pdfminer.high_level import extract_text
from pypdf import PdfReader
from pypdf.generic import ContentStream

ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
LTR_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-/.:?=_' ]*[A-Za-z0-9])?")


def text(pdf: bytes) -> str:
    return extract_text(io.BytesIO(pdf))


def visual_lines(pdf: bytes) -> list[str]:
    return [line.strip() for line in text(pdf).splitlines() if line.strip()]


def logical(line: str) -> str:
    """The logical order of a visual right-to-left line (Latin and digit runs kept in their order)."""
    if not ARABIC_LETTER.search(line):
        return line
    reversed_line = line[::-1]  # a mirrored bracket maps back to the logical one
    return LTR_RUN.sub(lambda m: m.group(0)[::-1], reversed_line)


def glyphs_of(pdf: bytes, character: str, font: str = "NotoNaskhArabic") -> set[tuple[str, int]]:
    """The glyph ids of ``font`` that stand for ``character``, read from the fonts' ToUnicode maps.

    Once shaped, an Arabic letter is drawn with several glyphs (isolated,
    initial, medial, final forms); unshaped, it would have one.
    """
    ids = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for resource in page["/Resources"]["/Font"].values():
            descriptor = resource.get_object()
            if str(descriptor["/BaseFont"]).split("+")[-1] != font:
                continue
            cmap = descriptor["/ToUnicode"].get_object().get_data().decode("latin-1")
            for glyph, unicode in re.findall(r"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4,})>", cmap):
                if chr(int(unicode[:4], 16)) == character and len(unicode) == 4:
                    ids.add((str(descriptor["/BaseFont"]), int(glyph, 16)))
    return ids


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def qr_modules(pdf: bytes, module: float) -> set[tuple[int, int]]:
    """The dark modules of the QR code on page 1: the filled rectangles one module high."""
    reader = PdfReader(io.BytesIO(pdf))
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    rectangles = [
        [float(value) for value in operands]
        for operands, operator in operations
        if operator == b"re" and abs(float(operands[3]) - module) < 1e-6
    ]
    left = min(x for x, _, _, _ in rectangles)
    top = min(y for _, y, _, _ in rectangles)
    dark = set()
    for x, y, w, _ in rectangles:
        row, column = round((y - top) / module), round((x - left) / module)
        for offset in range(round(w / module)):
            dark.add((row, column + offset))
    return dark
