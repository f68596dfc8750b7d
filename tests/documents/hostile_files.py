"""Small files that cost the server far more than their size: the hostile corpus.

Used by the tests of uploads and page images, and by bench/hostile.py.
"""

import io
import zipfile

import pikepdf


def _one_page(content: bytes, resources=None, mediabox=(0, 0, 595, 842)) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj["/MediaBox"] = pikepdf.Array(list(mediabox))
    page.obj["/Contents"] = pikepdf.Stream(pdf, content)
    if resources is not None:
        page.obj["/Resources"] = resources
    return pdf


def _bytes(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def transparency_groups(depth: int = 8) -> bytes:
    """Full-page transparency groups nested ``depth`` deep, each drawing the next twice:
    3 kB that keep PDFium busy 2^depth times over (depth 8: ~12 s at 1024 px here)."""
    pdf = pikepdf.new()
    inner = None
    for _ in range(depth):
        resources = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(
            G=pikepdf.Dictionary(ca=0.5, CA=0.5, BM=pikepdf.Name.Multiply)))
        body = b"/G gs 0.9 0.5 0.1 rg 0 0 595 842 re f "
        if inner is not None:
            resources["/XObject"] = pikepdf.Dictionary(F=inner)
            body += b"/F Do /F Do "
        group = pikepdf.Stream(pdf, body)
        group.update({"/Type": pikepdf.Name.XObject, "/Subtype": pikepdf.Name.Form,
                      "/BBox": pikepdf.Array([0, 0, 595, 842]), "/Resources": resources,
                      "/Group": pikepdf.Dictionary(S=pikepdf.Name.Transparency,
                                                   I=True, K=True)})
        inner = group
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=inner))
    page.obj["/Contents"] = pikepdf.Stream(pdf, b"/F Do")
    return _bytes(pdf)


def sliver_page() -> bytes:
    """A page 1 point wide and 3,000,000 points tall (MediaBox [0 0 1 3000000])."""
    return _bytes(_one_page(b"0 0 1 3000000 re f", mediabox=(0, 0, 1, 3000000)))


def docx_bomb(unpacked_mb: int = 400) -> bytes:
    """A .docx whose document.xml unpacks to ``unpacked_mb`` MB from about a thousandth of it
    (LibreOffice held 5.8 GB of memory for 40 s on a 1.9 GB one)."""
    out = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>Noi dung</w:t></w:r></w:p>" * 1024
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        with docx.open("word/document.xml", "w", force_zip64=True) as xml:
            for _ in range(unpacked_mb * 1024 * 1024 // len(paragraph)):
                xml.write(paragraph)
    return out.getvalue()


def zip_of_entries(count: int = 20_000) -> bytes:
    """A ZIP of ``count`` empty entries, to be renamed .docx: its directory alone is work."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(count):
            archive.writestr(f"x/{n}", b"")
    return out.getvalue()


def long_text(pages: int = 1000, lines: int = 100) -> bytes:
    """``pages`` pages of ~20,000 characters each, sharing one content stream (~150 kB)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    line = b"(hoi nghi ban chap hanh " + b"x" * 180 + b") Tj T* "
    content = pikepdf.Stream(pdf, b"BT /F1 4 Tf 10 830 Td 4 TL " + line * lines + b"ET")
    for _ in range(pages):
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj["/Resources"] = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj["/Contents"] = content
    return _bytes(pdf)
