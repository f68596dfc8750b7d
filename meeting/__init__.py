"""Paperless meeting system of the Provincial Party Committee."""

def create_app(config=None):
    """Build the application; extensions are bound in the order they depend on each other."""
    # Imported here, not at module level, so ``meeting.console`` can patch for gevent first.
    from flask import Flask

    from meeting.config import MIGRATIONS_DIR, STATIC_DIR, TEMPLATE_DIR, Config

    config = config or Config()
    app = Flask(__name__, instance_path=config.INSTANCE_PATH,
                template_folder=str(TEMPLATE_DIR), static_folder=str(STATIC_DIR))
    app.config.from_object(config)

    from meeting import models  # noqa: F401  (register every table with the metadata)
    from meeting.extensions import babel, csrf, db, limiter, login_manager, migrate, socketio

    db.init_app(app)
    # Batch mode lets later migrations alter tables on SQLite too.
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    # CSRF before the blueprints, so every POST/PUT/PATCH/DELETE is checked, JSON included.
    csrf.init_app(app)
    limiter.init_app(app)
    from meeting.core.i18n import select_locale, select_timezone

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    from meeting.auth.session import init_login

    init_login(app, login_manager)
    # Handlers must be declared before init_app: SocketIO keeps them and gives them to
    # each server it creates (one per app, so one per test too).
    from meeting.live import events  # noqa: F401

    # The message queue lets several server processes share rooms (REDIS_URL).
    socketio.init_app(app, message_queue=app.config["REDIS_URL"],
                      channel=app.config["SOCKETIO_CHANNEL"],
                      async_mode=app.config["SOCKETIO_ASYNC_MODE"],
                      cors_allowed_origins=None, manage_session=False)

    from meeting.core.web import init_web

    init_web(app)
    from meeting.api.blueprint import bp as api_bp
    from meeting.auth.blueprint import bp as auth_bp
    from meeting.core.blueprint import bp as core_bp
    from meeting.documents.blueprint import bp as documents_bp
    from meeting.meetings.blueprint import bp as meetings_bp
    from meeting.papers.blueprint import bp as papers_bp
    from meeting.registry.blueprint import bp as registry_bp
    from meeting.savings.blueprint import bp as savings_bp
    from meeting.voting.blueprint import bp as voting_bp

    for bp in (core_bp, auth_bp, meetings_bp, savings_bp, documents_bp, voting_bp,
               registry_bp, papers_bp, api_bp):
        app.register_blueprint(bp)
    from meeting.cli import register_commands

    register_commands(app)
    return app
