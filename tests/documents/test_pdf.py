import dataclasses

import pytest

from procedures.documents import Line, Paper, render_pdf
from procedures.documents.pdf import LRI, PDI, QR_MODULE, isolate_ltr_runs
from procedures.documents.qr import qr_matrix

from . import pdfread
from .samples import ARABIC, FRENCH, TRACKING, VERIFY_URL

SIZE_TARGET = 100_000


@pytest.fixture(scope="module")
def french():
    return render_pdf(FRENCH)


@pytest.fixture(scope="module")
def arabic():
    return render_pdf(ARABIC)


def test_a_pdf_of_one_a4_page_under_the_size_target(french, arabic):
    for pdf in (french, arabic):
        assert pdf.startswith(b"%PDF-")
        assert pdfread.page_count(pdf) == 1
        assert len(pdf) < SIZE_TARGET


def test_french_text_with_its_accents(french):
    text = pdfread.text(french)
    for expected in [
        FRENCH.title,
        FRENCH.subtitle,
        "Numéro de suivi",
        TRACKING,
        "vendredi 14 mars 2025 à 10 h 42",
        "Échéance",
        "vaut accord à l'échéance",
        "Documents reçus",
        "Copie de la carte nationale d'identité électronique (CNIE) du déclarant",
        "Attestation de résidence n° 2025/0412 du 2025-03-10",
        "Vérifier ce récépissé",
        FRENCH.footer,
    ]:
        assert expected in text, expected


def test_arabic_words_inside_a_french_line_run_right_to_left(french):
    # Visual order: the Arabic words read from right to left inside the left-to-right line.
    assert "Livret de famille (ةيندملا ةلاحلا رتفد)" in pdfread.text(french)


def test_the_language_is_in_the_metadata(french, arabic):
    import io

    from pypdf import PdfReader

    assert PdfReader(io.BytesIO(french)).trailer["/Root"]["/Lang"] == "fr"
    assert PdfReader(io.BytesIO(arabic)).trailer["/Root"]["/Lang"] == "ar"
    assert PdfReader(io.BytesIO(arabic)).metadata.title == ARABIC.title


def test_french_labels_left_of_their_values(french):
    lines = pdfread.visual_lines(french)
    assert lines.index("Numéro de suivi") < lines.index(TRACKING)


def test_arabic_lines_come_back_in_logical_order(arabic):
    logical = [pdfread.logical(line) for line in pdfread.visual_lines(arabic)]
    for expected in [
        ARABIC.title,
        ARABIC.subtitle,
        "رقم التتبع",
        TRACKING,
        # The date keeps its digits in order inside an Arabic line (not 14-03-2025).
        "2025-03-14 على الساعة 10:42",
        "الصيغة 3، سارية منذ 2024-11-01",
        "الأجل القانوني للمعالجة",
        "يعتبر موافقة عند انتهاء الأجل",
        "الوثائق المتوصل بها",
        "نسخة من البطاقة الوطنية للتعريف الإلكترونية (CNIE) للمصرح",
        "دفتر الحالة المدنية (Livret de famille)",
        "شهادة السكنى رقم 2025/0412 بتاريخ 2025-03-10",
        "https://masatir.gov.ma/recours/",
        ARABIC.footer,
    ]:
        assert expected in logical, expected


def test_arabic_visual_order_is_right_to_left(arabic):
    lines = pdfread.visual_lines(arabic)
    # The first word of the line is drawn rightmost: last in visual order.
    assert "10:42 ةعاسلا ىلع 2025-03-14" in lines
    # A lam-alef ligature maps back to its two letters.
    assert "لجألا ءاهتنا خيرات" in lines


def test_arabic_is_shaped_and_extracts_as_plain_letters(arabic):
    text = pdfread.text(arabic)
    assert not [c for c in text if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"]
    # Shaped: one letter is drawn with several glyphs (initial, medial, final,
    # isolated forms); without shaping every letter would have one glyph.
    assert len(pdfread.glyphs_of(arabic, "ل")) >= 3
    assert len(pdfread.glyphs_of(arabic, "ع")) >= 3


def test_bidi_isolates_do_not_leak_into_the_text(arabic):
    text = pdfread.text(arabic)
    assert LRI not in text and PDI not in text


def test_labels_on_the_right_in_arabic_on_the_left_in_french(french, arabic):
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    def x_of(pdf, wanted):
        for page in extract_pages(io.BytesIO(pdf)):
            for element in page:
                if isinstance(element, LTTextContainer):
                    for line in element:
                        if pdfread.logical(line.get_text().strip()) == wanted:
                            return line.x0
        raise AssertionError(wanted)

    assert x_of(french, "Numéro de suivi") < x_of(french, TRACKING)
    assert x_of(arabic, "رقم التتبع") > x_of(arabic, TRACKING)


def test_both_fonts_are_embedded_as_subsets(french, arabic):
    for pdf in (french, arabic):
        names = pdfread.font_names(pdf)
        assert any("NotoSans" in name for name in names)
    assert any("NotoNaskhArabic" in name for name in pdfread.font_names(arabic))


def test_the_qr_code_in_the_pdf_is_the_verification_url(french, arabic):
    expected = {
        (row, column)
        for row, modules in enumerate(qr_matrix(VERIFY_URL))
        for column, dark in enumerate(modules)
        if dark
    }
    for pdf in (french, arabic):
        assert pdfread.qr_modules(pdf, QR_MODULE) == expected
    assert VERIFY_URL.split("verifier/")[1] in pdfread.text(french).replace("\n", "")


def test_the_qr_code_in_the_pdf_decodes_to_the_verification_url(french):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image, ImageDraw

    modules = pdfread.qr_modules(french, QR_MODULE)
    size = max(max(row, column) for row, column in modules) + 1
    scale, border = 8, 4
    image = Image.new("L", ((size + 2 * border) * scale,) * 2, 255)
    draw = ImageDraw.Draw(image)
    for row, column in modules:
        x, y = (column + border) * scale, (row + border) * scale
        draw.rectangle([x, y, x + scale - 1, y + scale - 1], fill=0)
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [VERIFY_URL]


def test_long_papers_flow_onto_more_pages_with_numbered_footers():
    long = dataclasses.replace(
        FRENCH,
        items=[f"Pièce justificative n° {n} — copie certifiée conforme" for n in range(1, 41)],
        notes=FRENCH.notes * 4,
    )
    pdf = render_pdf(long)
    pages = pdfread.page_count(pdf)
    assert pages >= 2
    text = pdfread.text(pdf)
    for page in range(1, pages + 1):
        assert f"{page} / {pages}" in text
    assert text.count(FRENCH.footer) == pages
    assert "Pièce justificative n° 40 — copie certifiée conforme" in text
    assert len(pdf) < SIZE_TARGET


def test_long_arabic_lines_wrap_inside_the_page():
    sentence = "يعتبر سكوت الإدارة بعد انتهاء الأجل القانوني موافقة ضمنية على الطلب رقم MSR-7K2Q-9XPD-4"
    paper = dataclasses.replace(ARABIC, notes=[" ".join([sentence] * 4)], lines=[Line("ملاحظة", sentence * 2)])
    pdf = render_pdf(paper)
    lines = pdfread.visual_lines(pdf)
    assert pdfread.page_count(pdf) == 1
    assert sum(1 for line in lines if "MSR-7K2Q-9XPD-4" in line) >= 4
    longest = max(len(line) for line in lines)
    assert longest < len(sentence) * 2


def test_a_certificate_without_items_nor_qr():
    certificate = Paper(
        lang="fr",
        direction="ltr",
        title="Attestation d'accord tacite",
        subtitle="Déclaration de naissance",
        lines=[
            Line("Numéro de suivi", TRACKING),
            Line("Autorité qui délivre", "Le gouverneur de la préfecture de Rabat"),
        ],
        items_heading="",
        items=[],
        notes=["Faute de réponse dans le délai légal, la demande est réputée acceptée."],
        verify_url="",
        verify_label="",
        footer="Masatir",
    )
    text = pdfread.text(render_pdf(certificate))
    assert "Attestation d'accord tacite" in text
    assert "Le gouverneur de la préfecture de Rabat" in text


def test_direction_is_rtl_or_ltr():
    with pytest.raises(ValueError):
        dataclasses.replace(FRENCH, direction="auto")


def test_only_ltr_runs_of_rtl_text_are_isolated():
    assert isolate_ltr_runs("بتاريخ 2025-03-14 على الساعة") == f"بتاريخ {LRI}2025-03-14{PDI} على الساعة"
    assert isolate_ltr_runs("الرقم MSR-7K2Q-9XPD-4.") == f"الرقم {LRI}MSR-7K2Q-9XPD-4{PDI}."
    assert isolate_ltr_runs("التفاصيل: https://masatir.gov.ma/recours/، شكرا") == (
        f"التفاصيل: {LRI}https://masatir.gov.ma/recours/{PDI}، شكرا"
    )
    assert isolate_ltr_runs("دفتر (Livret de famille) 3 أيام") == "دفتر (Livret de famille) 3 أيام"
    assert isolate_ltr_runs("الهاتف +212 6 12 34 56 78 فقط") == f"الهاتف {LRI}+212 6 12 34 56 78{PDI} فقط"
    assert isolate_ltr_runs("10:42 +0100") == f"{LRI}10:42{PDI} {LRI}+0100{PDI}"


def test_phone_numbers_and_signed_numbers_keep_their_order_in_arabic():
    paper = dataclasses.replace(ARABIC, lines=[Line("الهاتف", "+212 6 12 34 56 78"), Line("الساعة", "ص 10:42 +0100")])
    lines = pdfread.visual_lines(render_pdf(paper))
    assert "+212 6 12 34 56 78" in lines
    assert "+0100 10:42 ص" in lines  # read from the right: ص, 10:42, +0100
