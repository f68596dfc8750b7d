"""The demo province's unit tree: the Provincial Committee and its bodies, the district/city
committees, the directly affiliated committees and the communes under each district.

(code, name, core level, registry level, parent code). The codes of ``meeting.demo.UNITS``
are reused so the registry hangs off the same tree as the meetings.
"""

PROVINCE = [
    ("TU", "Tỉnh ủy Hòa Bình", None),
    ("VPTU", "Văn phòng Tỉnh ủy", "TU"),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", "TU"),
    ("BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "TU"),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "TU"),
    ("BNCTU", "Ban Nội chính Tỉnh ủy", "TU"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "TU"),
    ("TDTN", "Tỉnh đoàn Hòa Bình", "TU"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "TU"),
    ("HND", "Hội Nông dân tỉnh", "TU"),
    ("HCCB", "Hội Cựu chiến binh tỉnh", "TU"),
    ("LDLD", "Liên đoàn Lao động tỉnh", "TU"),
    ("BHB", "Báo Hòa Bình", "TU"),
    ("TCT", "Trường Chính trị tỉnh", "TU"),
]
# The organisations among them ("Mặt trận và các đoàn thể").
MASS_ORGS = ("MTTQ", "TDTN", "HLHPN", "HND", "HCCB", "LDLD")
PARTY_BOARDS = ("BTCTU", "BTGDV", "UBKTTU", "BNCTU")

DISTRICTS = [
    ("TPHB", "Thành ủy Hòa Bình"), ("LS", "Huyện ủy Lương Sơn"), ("KB", "Huyện ủy Kim Bôi"),
    ("CP", "Huyện ủy Cao Phong"), ("TL", "Huyện ủy Tân Lạc"), ("MC", "Huyện ủy Mai Châu"),
    ("LSO", "Huyện ủy Lạc Sơn"), ("YT", "Huyện ủy Yên Thủy"), ("LT", "Huyện ủy Lạc Thủy"),
    ("DB", "Huyện ủy Đà Bắc"),
]
AFFILIATED = [
    ("CAT", "Đảng ủy Công an tỉnh"), ("QST", "Đảng ủy Quân sự tỉnh"),
    ("KCQ", "Đảng ủy Khối các cơ quan tỉnh"), ("KDN", "Đảng ủy Khối Doanh nghiệp tỉnh"),
]

_FIRST = ["Tân", "Hòa", "Yên", "Phú", "Thanh", "Bình", "An", "Đông", "Tây", "Nam", "Bắc",
          "Trung", "Hợp", "Liên", "Quy", "Mỹ", "Vĩnh", "Xuân", "Hưng", "Thượng", "Đồng"]
_SECOND = ["Lập", "Sơn", "Thành", "Minh", "Phong", "Lạc", "Tiến", "Thịnh", "Lương", "Mỹ"]
COMMUNES_PER_DISTRICT = 20  # 200 communes: 228 units in all with the 34 above


def commune_names() -> list[str]:
    """Over 200 distinct commune names ("Tân Lập", "Hòa Sơn", …), in a fixed order."""
    return [f"{a} {b}" for b in _SECOND for a in _FIRST if a != b]


def unit_tree() -> list[tuple[str, str, str, str, str | None]]:
    """Every demo unit, parents first."""
    rows = [(code, name, "province", "province", parent) for code, name, parent in PROVINCE]
    rows += [(code, name, "district", "district", "TU") for code, name in DISTRICTS]
    rows += [(code, name, "district", "affiliated", "TU") for code, name in AFFILIATED]
    names = iter(commune_names())
    for district, _ in DISTRICTS:
        for c in range(COMMUNES_PER_DISTRICT):
            rows.append((f"{district}-X{c + 1:02d}", f"Đảng ủy xã {next(names)}", "commune",
                         "commune", district))
    return rows
