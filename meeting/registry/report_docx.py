"""The yearly report as DOCX, for offices that edit it before issuing it.

Written from the very HTML of the PDF (``templates/registry/report.html``), so both say the
same words: header, title, sections, paragraphs, tables, the list of difficulties, the
recipients and the signature. The SVG charts stay in the PDF (Word cannot take them).
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from lxml import html as lxml_html

from meeting.registry.report import figures_for, report_context

FONT = "Times New Roman"


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _paragraph(doc, text, *, bold=False, italic=False, size=14, align=None, indent=False,
               upper=False):
    para = doc.add_paragraph()
    run = para.add_run(text.upper() if upper else text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        para.alignment = align
    para.paragraph_format.space_after = Pt(3)
    if indent:
        para.paragraph_format.first_line_indent = Mm(10)
    return para


def _header(doc, tree):
    """The two header columns of the Party layout, as a borderless table."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    for cell, selectors in ((left, (("org-parent", False), ("org-name", True), ("star", False),
                                    ("number", False))),
                            (right, (("party-name", True), ("place-date", False)))):
        cell.paragraphs[0].text = ""
        for i, (css, bold) in enumerate(selectors):
            found = tree.find_class(css)
            if not found:
                continue
            para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # The number line keeps its blank room for the number, written by hand.
            text = found[0].text_content().strip() if css == "number" else _text(found[0])
            run = para.add_run(text.upper() if css in ("org-parent", "org-name", "party-name")
                               else text)
            run.bold, run.italic = bold, css == "place-date"
            run.font.size = Pt(14)


def _table(doc, element):
    rows = element.xpath(".//tr")
    width = max(len(r.xpath("./th|./td")) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.xpath("./th|./td")):
            target = table.cell(r, c)
            target.text = _text(cell)
            run = target.paragraphs[0].runs[0] if target.paragraphs[0].runs else None
            if run is not None:
                run.bold = cell.tag == "th" or "total" in (row.get("class") or "")
                run.font.size = Pt(12)
            if "num" in (cell.get("class") or ""):
                target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _body(doc, main):
    for element in main:
        css = element.get("class") or ""
        if element.tag == "h2":
            _paragraph(doc, _text(element), bold=True)
        elif element.tag == "p":
            _paragraph(doc, _text(element), indent="plain" not in css,
                       italic="frozen-note" in css, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif element.tag == "table":
            _table(doc, element)
        elif element.tag == "ul":
            for item in element.xpath("./li"):
                _paragraph(doc, "- " + _text(item), indent=True,
                           align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def render_report_docx(year: int, today=None) -> bytes:
    """The report of ``year`` as DOCX bytes (same figures, same words as the PDF)."""
    from meeting.papers.pdf import render_html

    fig, row = figures_for(year, today)
    tree = lxml_html.fromstring(render_html("registry/report.html",
                                            **report_context(fig, row, today)))
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(25)
    section.left_margin, section.right_margin = Mm(35), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    _header(doc, tree)
    for css, size in (("doc-type", 16), ("summary", 14)):
        for element in tree.find_class(css):
            _paragraph(doc, _text(element), bold=True, size=size, upper=css == "doc-type",
                       align=WD_ALIGN_PARAGRAPH.CENTER)
    _body(doc, tree.xpath("//main")[0])
    closing = doc.add_table(rows=1, cols=2)
    recipients, signature = closing.rows[0].cells
    recipients.text = "Nơi nhận:\n" + "\n".join(
        _text(li) for li in tree.xpath("//td[@class='recipients']//li"))
    signature.text = "\n".join(_text(e) for e in tree.xpath(
        "//td[@class='signatures']//div[contains(@class, 'on-behalf') or "
        "contains(@class, 'position')]"))
    signature.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
