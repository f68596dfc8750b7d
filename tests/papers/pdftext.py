"""Read a rendered PDF back: its text per page and its page count."""

import pypdfium2 as pdfium


def pdf_pages(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def pdf_text(data: bytes) -> str:
    """All text, with line breaks normalised (pdfium gives \\r\\n)."""
    return "\n".join(pdf_pages(data)).replace("\r\n", "\n").replace("\r", "\n")
