"""Reading and writing spreadsheets: CSV (UTF-8, BOM welcome) and XLSX.

Vietnamese spreadsheets often still carry legacy encodings: bytes in Windows-1258, or
text typed with TCVN3 (ABC) or VNI fonts, which looks like "Hµ Néi" or "Haø Noäi" once
read as Unicode. Those are refused with the row named, never stored garbled.
"""

import csv
import io
import re

from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError

MAX_ROWS = 200_000
BOM = "\ufeff"

# Latin-1 letters and signs that never occur in Unicode Vietnamese but fill TCVN3/VNI text.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_LOOSE = set("«»°©®±×÷²³ºª¹·")  # may appear in real text, suspicious only inside a word
_LEGACY = "".join(c for c in map(chr, range(0xA1, 0x100))
                  if c not in _VIETNAMESE_LATIN1 and c not in _LOOSE)
_LEGACY_RE = re.compile(rf"[A-Za-z][{re.escape(_LEGACY)}]|[{re.escape(_LEGACY)}][A-Za-z]"
                        rf"|[A-Za-z][{re.escape(''.join(_LOOSE))}][A-Za-z]")


def looks_legacy(text: str) -> bool:
    """Whether ``text`` looks like TCVN3 or VNI Vietnamese read as Unicode."""
    return bool(_LEGACY_RE.search(text))


class TableError(OperationError):
    """The file as a whole cannot be read; ``row`` names where, when known."""

    def __init__(self, message, row=None):
        super().__init__(message)
        self.row = row


def read_table(content: bytes, filename: str) -> tuple[list[str], list[tuple[int, list]]]:
    """Return the header and the rows (numbered as a spreadsheet shows them, header = 1)."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    if filename.lower().endswith(".csv") or not filename:
        return _read_csv(content)
    raise TableError(_l("Only CSV and XLSX files can be imported."))


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for number, line in enumerate(content.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            raise TableError(_l(
                "Row %(row)d is not UTF-8 text: the file looks saved in Windows-1258 or "
                "another legacy Vietnamese encoding. Save it as \u201cCSV UTF-8\u201d and "
                "import it again.", row=number), row=number) from None
    raise TableError(_l("The file is not UTF-8 text."))


def _read_csv(content: bytes):
    text = _decode(content)
    first = text.split("\n", 1)[0]
    # Excel set to Vietnamese writes ";" between columns; elsewhere ",".
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise TableError(_l("The CSV file cannot be read: %(reason)s",
                            reason=str(exc))) from None
    return _split(rows)


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise TableError(_l("The XLSX file cannot be read.")) from None
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return _split(rows)


def _split(rows):
    if not rows or not any(c not in (None, "") for c in rows[0]):
        raise TableError(_l("The file has no header row."), row=1)
    if len(rows) > MAX_ROWS + 1:
        raise TableError(_l("The file has more than %(n)d rows.", n=MAX_ROWS))
    header = [str(c or "").strip().lower() for c in rows[0]]
    while header and not header[-1]:
        header.pop()
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(c not in (None, "") and str(c).strip() for c in row):
            continue  # a blank line, common at the end of a sheet
        row = list(row[:len(header)]) + [None] * (len(header) - len(row))
        for cell in row:
            if isinstance(cell, str) and looks_legacy(cell):
                raise TableError(_l(
                    "Row %(row)d contains text that looks typed in a legacy Vietnamese "
                    "font (TCVN3 or VNI): \u201c%(text)s\u201d. Convert the file to Unicode "
                    "(for example with Unikey's converter) and import it again.",
                    row=number, text=cell[:40]), row=number)
        body.append((number, row))
    return header, body


def write_csv(header: list[str], rows) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel shows Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")


def write_xlsx(header: list[str], rows, title="Registry") -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
