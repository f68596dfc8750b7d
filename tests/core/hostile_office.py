"""Office documents that point LibreOffice at things outside themselves."""

import io
import zipfile

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">
<office:body><office:text>
<text:p>Báo cáo có hình liên kết</text:p>
{frames}
</office:text></office:body></office:document-content>"""

FRAME = """<text:p><draw:frame draw:name="f{n}" svg:width="5cm" svg:height="5cm"
 text:anchor-type="as-char"><draw:image xlink:href="{href}" xlink:type="simple"
 xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>"""

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.3">
<manifest:file-entry manifest:full-path="/"
 manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def odt_linking(*hrefs: str) -> bytes:
    """An .odt whose images are links to ``hrefs`` (file:// or http://), not embedded."""
    frames = "\n".join(FRAME.format(n=n, href=href) for n, href in enumerate(hrefs))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", CONTENT.format(frames=frames),
                     compress_type=zipfile.ZIP_DEFLATED)
        odt.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
