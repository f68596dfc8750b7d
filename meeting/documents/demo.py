"""Demo papers for today's meeting: real PDFs made on the spot, uploaded like any other."""

from datetime import timedelta
from html import escape

from meeting.core.time import utcnow
from meeting.documents import operations, storage

STYLE = ("@page { size: A4; margin: 25mm 15mm 25mm 35mm; } "
         "body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 14pt; "
         "line-height: 1.45; } h1 { font-size: 15pt; text-align: center; text-transform: "
         "uppercase; } h2 { font-size: 14pt; } .head { display: flex; justify-content: "
         "space-between; font-size: 13pt; } .mark { color: #b00; font-weight: bold; } "
         "section { page-break-after: always; }")

SECTIONS = [
    ("Tình hình chung", "Năm 2026, trong bối cảnh còn nhiều khó khăn, Ban Chấp hành Đảng bộ "
     "tỉnh đã lãnh đạo, chỉ đạo thực hiện đồng bộ các nhiệm vụ chính trị; kinh tế tiếp tục "
     "tăng trưởng, quốc phòng – an ninh được giữ vững."),
    ("Kinh tế – xã hội", "Tốc độ tăng trưởng kinh tế ước đạt 7,2 %; thu ngân sách trên địa bàn "
     "vượt dự toán; chương trình xây dựng nông thôn mới đạt và vượt kế hoạch đề ra."),
    ("Chuyển đổi số", "Hệ thống phòng họp không giấy được sử dụng tại các hội nghị của Ban "
     "Chấp hành, Ban Thường vụ; trên 85 % văn bản không mật được trao đổi trên môi trường mạng."),
    ("Công tác xây dựng Đảng", "Công tác kiểm tra, giám sát được tăng cường; việc học tập, "
     "quán triệt nghị quyết của Đảng được triển khai nghiêm túc đến từng chi bộ."),
    ("Phương hướng năm 2027", "Tập trung thực hiện ba khâu đột phá; đẩy mạnh cải cách hành "
     "chính, chuyển đổi số; nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng."),
]

PAPERS = [  # title, kind, classification, agenda position, pages, download
    ("Chương trình Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 25", "chuong_trinh", "thuong",
     1, 1, True),
    ("Báo cáo tình hình thực hiện nhiệm vụ chính trị năm 2026, phương hướng năm 2027",
     "bao_cao", "thuong", 2, 12, False),
    ("Dự thảo Nghị quyết về chuyển đổi số trong các cơ quan Đảng giai đoạn 2026–2030",
     "du_thao", "thuong", 3, 6, False),
    ("Báo cáo kết quả công tác kiểm tra, giám sát năm 2026", "bao_cao", "mat", 4, 4, False),
]


def paper_pdf(title: str, pages: int, classified: bool = False) -> bytes:
    """A Party-style paper of ``pages`` pages with Vietnamese text (WeasyPrint)."""
    from weasyprint import HTML

    mark = "<p class='mark'>MẬT</p>" if classified else ""
    parts = []
    for n in range(pages):
        heading, text = SECTIONS[n % len(SECTIONS)]
        head = ("<div class='head'><div>TỈNH ỦY HÒA BÌNH<br>*<br>Số    -BC/TU" + mark +
                "</div><div><b>ĐẢNG CỘNG SẢN VIỆT NAM</b></div></div>"
                f"<h1>{escape(title)}</h1>") if n == 0 else ""
        parts.append(f"<section>{head}<h2>{n + 1}. {heading}</h2>" +
                     f"<p>{text}</p>" * 4 + "</section>")
    html = (f"<html lang='vi'><head><meta charset='utf-8'><style>{STYLE}</style></head>"
            f"<body>{''.join(parts)}</body></html>")
    return HTML(string=html).write_pdf()


def load_documents_demo(meeting):
    """Upload and publish the demo papers of ``meeting`` (the command line acts)."""
    items = {item.position: item for item in meeting.items}
    for title, kind, classification, position, pages, download in PAPERS:
        folder = storage.workdir()
        try:
            source = folder / "demo.pdf"
            source.write_bytes(paper_pdf(title, pages, classification != "thuong"))
            item = items.get(position)
            doc = operations.upload_document(
                None, meeting, source, original_name=f"{kind}.pdf", title=title, kind=kind,
                classification=classification, item_id=item.id if item else None,
                allow_download=download,
                comment_deadline_dt=utcnow() + timedelta(days=3) if kind == "du_thao" else None)
        finally:
            storage.discard(folder)
        operations.publish_document(None, doc)
