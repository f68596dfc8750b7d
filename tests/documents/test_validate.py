"""Upload validation: the bad-input corpus, active content stripped, and a fuzz test.

Every refusal must say why (a message, not a crash), store nothing and write nothing.
"""

import io
import zlib

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from meeting.core.errors import OperationError
from meeting.documents import operations as doc_ops
from meeting.documents import storage
from meeting.documents.models import Document, StoredFile
from meeting.documents.validate import MESSAGES, clean_filename, clean_pdf, sniff
from meeting.extensions import db
from tests.documents.conftest import simple_pdf, vietnamese_pdf
from tests.documents.hostile_files import docx_bomb, zip_of_entries
from tests.helpers import english, refused


def _encrypted() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(simple_pdf())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="mat-khau", owner="chu"))
    return out.getvalue()


def _owner_only() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(simple_pdf())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="chu"))
    return out.getvalue()


def _content_bomb(pdf):
    # 300 MB of spaces compress to about 300 KB: a page that would eat the server's memory.
    squeezed = zlib.compress(b" " * (300 * 1024 * 1024), 9)
    stream = pikepdf.Stream(pdf, squeezed)
    stream["/Filter"] = pikepdf.Name.FlateDecode
    pdf.pages[0].obj["/Contents"] = stream


def _image_bomb(pdf):
    image = pikepdf.Stream(pdf, zlib.compress(b"\0" * 1000))
    image.update({"/Type": pikepdf.Name.XObject, "/Subtype": pikepdf.Name.Image,
                  "/Width": 100_000, "/Height": 100_000, "/BitsPerComponent": 8,
                  "/ColorSpace": pikepdf.Name.DeviceRGB, "/Filter": pikepdf.Name.FlateDecode})
    pdf.pages[0].obj.Resources["/XObject"] = pikepdf.Dictionary(Im1=image)


def _not_a_pdf_png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0" * 200


CORPUS = {  # name: (a function making the file, the refusal's code)
    "renamed text file": (lambda: b"Day khong phai PDF, chi la van ban.\n" * 20, "fake"),
    "renamed image": (_not_a_pdf_png, "fake"),
    "renamed zip": (lambda: b"PK\x03\x04" + b"\0" * 100, "fake"),
    "office bomb": (docx_bomb, "bomb"),
    "zip of many entries": (zip_of_entries, "fake"),
    "empty": (lambda: b"", "empty"),
    "header only": (lambda: b"%PDF-1.7\n", "broken"),
    "truncated": (lambda: vietnamese_pdf(3)[:4000], "broken"),
    "garbage after header": (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 40, "broken"),
    "encrypted": (_encrypted, "encrypted"),
    "owner password only": (_owner_only, "encrypted"),
    "no pages": (lambda: simple_pdf(0), "no_pages"),
    "decompression bomb": (lambda: simple_pdf(1, extra=_content_bomb), "bomb"),
    "huge image": (lambda: simple_pdf(1, extra=_image_bomb), "bomb"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_stored(app, room, put_file,
                                                                     name):
    make, code = CORPUS[name]
    data = make()
    error = refused(OperationError, doc_ops.upload_document, None, room["meeting"],
                    put_file(data, "bao-cao.pdf"), original_name="bao-cao.pdf")
    assert english(error.message) == english(MESSAGES[code])
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 0
    files = storage.root() / "files"
    assert not files.exists() or not any(files.rglob("*.pdf"))
    assert not any((storage.root() / "tmp").iterdir()), "the upload's folder was left behind"


def _hostile(pdf):
    js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                              JS=pikepdf.String("app.alert('x')")))
    pdf.Root.OpenAction = js
    pdf.Root.AA = pikepdf.Dictionary(WC=js)
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), js])),
        EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array([
            pikepdf.String("virus.exe"),
            pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Filespec, F=pikepdf.String("virus.exe"),
                EF=pikepdf.Dictionary(F=pdf.make_stream(b"MZ evil"))))])))
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    page = pdf.pages[0].obj
    page.AA = pikepdf.Dictionary(O=js)
    page.Annots = pikepdf.Array([
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                             Rect=[0, 0, 100, 100], A=launch)),
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                             Rect=[0, 100, 100, 200], A=js)),
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot,
                                             Subtype=pikepdf.Name.FileAttachment,
                                             Rect=[0, 200, 100, 300])),
    ])


def test_a_pdf_full_of_scripts_is_stored_without_them(app, room, add_paper):
    doc = add_paper(room["meeting"], simple_pdf(2, "scripted", extra=_hostile), publish=False)
    stored = storage.file_path(doc.current_version.file).read_bytes()
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert not pdf.is_linearized  # see sandbox.py: pdf.js reads object streams faster
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert obj.get("/S") not in ("/JavaScript", "/Launch"), repr(obj)
                assert "/JS" not in obj and "/AA" not in obj and "/EF" not in obj
                assert obj.get("/Subtype") != "/FileAttachment"
    # The paper itself is intact: its pages and text.
    assert doc.current_version.page_count == 2
    assert "Page 1 scripted" in doc.current_version.pages[0].text


def test_a_file_name_with_path_parts_or_control_characters_is_only_shown(app, room, add_paper):
    doc = add_paper(room["meeting"], simple_pdf(1, "ten"), publish=False,
                    name="..\\..\\C:/Windows/evil\x00\x1b[31m\n.pdf", title="")
    version = doc.current_version
    assert version.original_name == "evil[31m.pdf"
    assert doc.title == "evil[31m"
    assert version.file.storage_name == f"{version.sha256[:2]}/{version.sha256}.pdf"
    assert storage.file_path(version.file).is_file()
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("\x00\x01") == "document"


def test_type_comes_from_the_content_not_the_name(tmp_path):
    pdf = tmp_path / "bang-tinh.xlsx"
    pdf.write_bytes(simple_pdf(1))
    assert sniff(pdf) == "pdf"
    fake = tmp_path / "bao-cao.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\0" * 100)
    assert sniff(fake) == ""


def test_text_and_page_fingerprints_are_extracted(app, room, add_paper):
    doc = add_paper(room["meeting"], vietnamese_pdf(3), publish=False)
    version = doc.current_version
    assert version.page_count == 3 and len(version.sha256) == 64
    assert "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 2" in version.pages[1].text
    assert "hoi nghi ban chap hanh dang bo tinh lan thu 2" in version.pages[1].folded
    digests = [p.digest for p in version.pages]
    assert len(set(digests)) == 3  # different pages, different fingerprints


# Fuzzing: mutated PDFs must be accepted or refused with a message, never crash or hang.

SEED = vietnamese_pdf(2)


@st.composite
def mutated_pdf(draw):
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        pos = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[pos:pos + draw(st.integers(1, 400))]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 300))]
        if not data:
            data = bytearray(b"%PDF-")
    return bytes(data)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=mutated_pdf())
def test_fuzzed_pdfs_never_crash_or_hang_the_validator(app, tmp_path, data):
    src = tmp_path / "fuzz.pdf"
    src.write_bytes(data)
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    try:
        clean = clean_pdf(src, work, "fuzz.pdf")
    except OperationError as exc:
        assert english(exc.message) in {english(m) for m in MESSAGES.values()}
    else:
        # Accepted: what is stored must itself be a sound PDF with the pages it claims.
        with pikepdf.open(clean.path) as pdf:
            assert len(pdf.pages) == clean.page_count >= 1
