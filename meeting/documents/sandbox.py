"""Parse, clean and repack an uploaded PDF in a child process with hard limits.

Run in the jail (core/sandbox.py) as
``python -m meeting.documents.sandbox pdf IN OUT MEMORY_MB CPU_SECONDS MAX_PAGES``, or
``… zip IN MAX_UNPACKED_BYTES`` to tell an Office file's kind from its ZIP directory.
The child lowers its own address-space and CPU limits before touching the file, so a
hostile PDF (a decompression bomb, a parser loop) costs at most that, and the server
process that waits for it is never at risk. It prints one JSON object on stdout:
``{"ok": true, "pages": [{"digest", "text"}], "removed": n}`` or
``{"ok": false, "code": "..."}`` with a code ``validate.py`` turns into a message.

Only the standard library, pikepdf and pypdfium2 are imported here: no app, no database.
"""

import hashlib
import json
import resource
import sys

# Action types that run code, open other files or send data; links to pages and URIs stay.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/ResetForm",
                  "/GoToE", "/RichMediaExecute", "/Rendition", "/Movie", "/Sound"}
ACTIVE_ANNOTS = {"/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/3D"}
MAX_DECODED_PER_PAGE = 64 * 1024 * 1024  # page content beyond this is a bomb, not a paper
MAX_IMAGE_PIXELS = 200_000_000  # one image XObject: 200 megapixels (a 14000×14000 scan)
MAX_TEXT_PER_PAGE = 100_000
# An Office file is XML and images: XML packs ~10-20 times, images not at all. 200 times over
# tens of MB is a bomb (a 2 MB .docx that unpacks to 1.9 GB kept LibreOffice busy for 40 s).
BOMB_RATIO, BOMB_FLOOR = 200, 64 * 1024 * 1024


class Refused(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def limit_self(memory_mb: int, cpu_seconds: int):
    """Cap this process: address space (MemoryError instead of swapping) and CPU time."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def strip_active(pdf) -> int:
    """Remove scripts, automatic actions, launches, embedded files; return how many."""
    import pikepdf

    removed = 0
    root = pdf.Root
    for key in ("/OpenAction", "/AA"):
        if key in root:
            del root[key]
            removed += 1
    if "/Names" in root:
        names = root.Names
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
                removed += 1
    if "/AcroForm" in root and "/XFA" in root.AcroForm:
        del root.AcroForm["/XFA"]  # XFA forms carry their own scripts
        removed += 1
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj["/AA"]
            removed += 1
        annots = page.obj.get("/Annots")
        if isinstance(annots, pikepdf.Array):
            kept = [a for a in annots if not (isinstance(a, pikepdf.Dictionary)
                                              and a.get("/Subtype") in ACTIVE_ANNOTS)]
            if len(kept) != len(annots):
                removed += len(annots) - len(kept)
                page.obj["/Annots"] = pikepdf.Array(kept)
    # Actions can hide anywhere (outlines, annotations, form fields, chained /Next):
    # look at every object once.
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        if "/AA" in obj:
            del obj["/AA"]
            removed += 1
        action = obj.get("/A")
        if isinstance(action, pikepdf.Dictionary) and action.get("/S") in ACTIVE_ACTIONS:
            del obj["/A"]
            removed += 1
        if obj.get("/S") in ACTIVE_ACTIONS:
            obj["/S"] = pikepdf.Name("/GoTo")  # a dead action: no code, no file
            obj["/D"] = pikepdf.Array([])
            for key in ("/JS", "/F", "/Win", "/Mac", "/Unix", "/Next"):
                if key in obj:
                    del obj[key]
            removed += 1
        if obj.get("/Type") == "/Filespec" and "/EF" in obj:
            del obj["/EF"]
            removed += 1
    return removed


def _page_digest(page) -> str:
    """Hash what the page shows: its decoded content and the raw bytes of its images."""
    import pikepdf

    digest = hashlib.sha256()
    total = 0
    contents = page.obj.get("/Contents")
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    for stream in streams:
        if isinstance(stream, pikepdf.Stream):
            data = stream.read_bytes()
            total += len(data)
            if total > MAX_DECODED_PER_PAGE:
                raise Refused("bomb")
            digest.update(data)
    resources = page.obj.get("/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(xobjects, pikepdf.Dictionary):
        for name in sorted(xobjects.keys()):
            xobj = xobjects[name]
            if not isinstance(xobj, pikepdf.Stream):
                continue
            if xobj.get("/Subtype") == "/Image":
                pixels = int(xobj.get("/Width", 0)) * int(xobj.get("/Height", 0))
                if pixels > MAX_IMAGE_PIXELS:
                    raise Refused("bomb")
            digest.update(name.encode())
            digest.update(hashlib.sha256(xobj.read_raw_bytes()).digest())
    return digest.hexdigest()


def process(src: str, dst: str, max_pages: int) -> dict:
    import pikepdf
    import pypdfium2

    try:
        pdf = pikepdf.open(src)
    except pikepdf.PasswordError:
        raise Refused("encrypted") from None
    except pikepdf.PdfError:
        raise Refused("broken") from None
    with pdf:
        if pdf.is_encrypted:
            raise Refused("encrypted")  # an owner password still restricts copying/printing
        count = len(pdf.pages)
        if count == 0:
            raise Refused("no_pages")
        if count > max_pages:
            raise Refused("too_many_pages")
        digests = [_page_digest(page) for page in pdf.pages]
        removed = strip_active(pdf)
        # Object streams pack every page dictionary into a few compressed streams, with an
        # xref stream at the end: pdf.js reads the tail, then one or two chunks, and can draw
        # page 1 (~0.2 MB of a 22 MB pack). Not linearized: qpdf's linearized layout puts
        # each page dictionary beside its content, and pdf.js, which walks the page tree to
        # the last page before drawing, then fetches one range per page (measured with
        # pdf.js 4.10: 202 requests, 13 MB, against 3 requests, 0.2 MB; docs/DOCUMENTS.md).
        # deterministic_id: the same upload gives the same bytes, so it is stored once.
        pdf.remove_unreferenced_resources()
        pdf.save(dst, deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    doc = pypdfium2.PdfDocument(dst)
    try:
        if len(doc) != count:
            raise Refused("broken")
        texts = []
        for index in range(count):
            page = doc[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range()[:MAX_TEXT_PER_PAGE].replace("\x00", ""))
            textpage.close()
            page.close()
    finally:
        doc.close()
    return {"ok": True, "removed": removed,
            "pages": [{"digest": d, "text": t} for d, t in zip(digests, texts, strict=True)]}


def zip_kind(src: str, max_unpacked: int) -> dict:
    """Name an Office file by the entries of its ZIP directory; a bomb by their sizes."""
    import zipfile

    try:
        with zipfile.ZipFile(src) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos) or 1
            if unpacked > max_unpacked or (unpacked > BOMB_FLOOR
                                           and unpacked > BOMB_RATIO * packed):
                raise Refused("bomb")
            names = {info.filename for info in infos}
            kind = ""
            if "word/document.xml" in names:
                kind = "docx"
            elif "xl/workbook.xml" in names:
                kind = "xlsx"
            elif "mimetype" in names:
                kind = {b"application/vnd.oasis.opendocument.text": "odt",
                        b"application/vnd.oasis.opendocument.spreadsheet": "ods",
                        }.get(archive.read("mimetype")[:100], "")
    except zipfile.BadZipFile:
        kind = ""
    return {"ok": True, "kind": kind}


def main(argv):
    if argv[1] == "zip":
        job = lambda: zip_kind(argv[2], int(argv[3]))  # noqa: E731
    else:
        src, dst, memory_mb, cpu_seconds, max_pages = argv[2:7]
        limit_self(int(memory_mb), int(cpu_seconds))
        job = lambda: process(src, dst, int(max_pages))  # noqa: E731
    try:
        result = job()
    except Refused as exc:
        result = {"ok": False, "code": exc.code}
    except MemoryError:
        result = {"ok": False, "code": "bomb"}
    except RecursionError:
        result = {"ok": False, "code": "broken"}
    except Exception as exc:  # any other parser failure: the file is not a usable PDF
        result = {"ok": False, "code": "broken", "detail": type(exc).__name__}
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv)
