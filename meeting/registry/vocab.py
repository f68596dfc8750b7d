"""The registry's vocabularies: stored keys and the labels people read."""

from flask_babel import lazy_gettext as _l

# The Party structure in the province: the Provincial Committee, district/city committees,
# committees directly affiliated to the province (Police, Military Command, agencies…),
# and communes.
UNIT_LEVELS = {"province": _l("Province"), "district": _l("District / city"),
               "affiliated": _l("Directly affiliated"), "commune": _l("Commune")}
LINK_STATUSES = {"active": _l("Connected"), "suspended": _l("Suspended"),
                 "closed": _l("Disconnected")}
DEVICE_KINDS = {"server": _l("Server"), "workstation": _l("Workstation"),
                "laptop": _l("Laptop"), "printer": _l("Printer"), "scanner": _l("Scanner"),
                "network": _l("Network equipment"), "other": _l("Other")}
DEVICE_STATUSES = {"in_use": _l("In use"), "spare": _l("Spare"), "broken": _l("Broken"),
                   "retired": _l("Retired")}
HOLDER_KINDS = {"organisation": _l("Organisation"), "individual": _l("Individual")}
CERTIFICATE_STATUSES = {"valid": _l("Valid"), "expired": _l("Expired"),
                        "revoked": _l("Revoked"), "not_yet_valid": _l("Not yet valid")}
VIDEO_LEVELS = {"central": _l("Central"), "province": _l("Province"),
                "district": _l("District"), "commune": _l("Commune")}
POINT_STATUSES = {"active": _l("In operation"), "planned": _l("Planned"),
                  "retired": _l("Retired")}
SYSTEM_CATEGORIES = {"document_exchange": _l("Document exchange"),
                     "e_office": _l("E-office"), "paperless_meeting": _l("Paperless meeting"),
                     "newsroom": _l("Electronic newsroom"), "email": _l("E-mail"),
                     "video_conference": _l("Video conference"), "other": _l("Other")}
USE_STATUSES = {"active": _l("In use"), "stopped": _l("Stopped")}
SITE_STATUSES = {"active": _l("Online"), "building": _l("Being built"),
                 "closed": _l("Closed")}
GRANT_LEVELS = {"editor": _l("Editor"), "viewer": _l("Viewer")}
