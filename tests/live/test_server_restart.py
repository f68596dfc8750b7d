"""A restarted single server forgets the sockets of its last run."""

from tests.servers import Browser, prepare, server_env, start_servers


def test_people_connected_before_a_restart_are_not_online_after_it(tmp_path, tablets):
    env = server_env(tmp_path, f"sqlite:///{tmp_path / 'meeting.sqlite3'}")
    prepare(env)
    [server] = start_servers(env, tmp_path, ["before"])
    try:
        delegate = Browser(server.url, "daibieu01")
        meeting_id = next(m["id"] for m in delegate.ok("GET", "/api/v1/meetings")["meetings"]
                          if m["number"] == 25)
        assert tablets(delegate).call("join", {"meeting_id": meeting_id})["ok"] is True
        online = delegate.ok("GET", f"/api/v1/meetings/{meeting_id}/snapshot")["presence"]
        assert online["online_user_ids"]
    finally:
        # A stopped server runs no disconnect handlers: its rows stay in the database.
        server.stop()

    [server] = start_servers(env, tmp_path, ["after"])
    try:
        chair = Browser(server.url, "bithu")
        snapshot = chair.ok("GET", f"/api/v1/meetings/{meeting_id}/snapshot")
        assert snapshot["presence"]["online_user_ids"] == []
    finally:
        server.stop()
