"""The audit log page says in words what each entry was, beside its code."""

from flask_babel import force_locale

from meeting.core.audit_labels import ACTIONS, action_label, target_label
from tests.conftest import isolated


def test_every_code_has_words_and_unknown_codes_fall_back(app):
    with force_locale("en"):
        assert action_label("poll.open") == "Vote opened"
        assert action_label("meeting.in_session") == "Meeting opened"
        assert action_label("registry.device.retire") == "Registry record retired"
        assert action_label("poll.something_new") == "Voting: poll.something_new"
        assert action_label("zzz.unknown") == "zzz.unknown"
        assert target_label("Poll") == "Vote" and target_label("Widget") == "Widget"
        english = {code: str(words) for code, words in ACTIONS.items()}
    with force_locale("vi"):
        assert action_label("poll.reserve") == "Ghi bảo lưu ý kiến"
        untranslated = [code for code, words in ACTIONS.items() if str(words) == english[code]]
    assert untranslated == []


def test_the_page_shows_the_words(app, login, create_user, create_meeting):
    create_meeting(status="published")
    admin = login(create_user("quantri", roles=["admin"]))
    page = isolated(admin.client.get, "/admin/audit").get_data(as_text=True)
    assert "Đăng nhập" in page and "auth.login" in page
    assert "Công bố hội nghị" in page and "meeting.published" in page
