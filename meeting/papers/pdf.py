"""Render a paper template to PDF (WeasyPrint) or to HTML for a preview.

    from meeting.papers.pdf import render_pdf
    pdf_bytes = render_pdf("papers/minutes.html", meeting=meeting, paper=paper)

Templates extend ``papers/_party.html`` (its blocks are documented at its top). Jinja
autoescapes .html templates, so user text is escaped. WeasyPrint may load only ``data:``
URLs and files in the static folder (see fetcher.py); use ``asset('img/x.png')`` in a
template for a static file, which gives the right URL for a PDF and for a web preview.
Needs an app context (templates, translations, settings).
"""

import functools
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from meeting.core.errors import Unavailable
from meeting.core.offload import in_thread
from meeting.papers.fonts import paper_font


def _static_dir() -> Path:
    return Path(current_app.static_folder).resolve()


def render_html(template_name: str, *, pdf: bool = False, **context) -> str:
    """The paper as HTML; for a preview page unless ``pdf`` (then assets are file URLs)."""
    static = _static_dir()

    def asset(filename: str) -> str:
        if pdf:
            return (static / filename).as_uri()
        # Not url_for: previews are also rendered outside a request (tests, CLI).
        return f"{current_app.static_url_path}/{filename}"

    template = current_app.jinja_env.get_template(template_name)
    return template.render(asset=asset, pdf=pdf, paper_font=paper_font(),
                           config=current_app.config, **context)


def load_weasyprint():
    """Import WeasyPrint here, not at start-up: without Pango the rest of the app still runs.

    :raises Unavailable: WeasyPrint or the Pango it loads is missing (`meeting doctor`).
    """
    try:
        import weasyprint

        from meeting.papers import fetcher
    except (OSError, ImportError) as exc:
        raise Unavailable(_l("PDF papers cannot be built on this server: WeasyPrint or Pango "
                             "is missing. The IT office can run `meeting doctor`.")) from exc
    return weasyprint, fetcher.StaticOnlyFetcher


@functools.cache
def _stylesheets(static: Path, font: str):
    # Parsed once per process: the stylesheet is the same for every paper.
    weasyprint, StaticOnlyFetcher = load_weasyprint()
    CSS = weasyprint.CSS
    fetcher = StaticOnlyFetcher(static)
    return (CSS(filename=str(static / "css" / "papers.css"), url_fetcher=fetcher),
            CSS(string=f'html {{ font-family: "{font}", "DejaVu Serif", serif; }}'))


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint with the hardened fetcher and the papers stylesheet (no app templates).

    Laid out in gevent's thread pool when a web process asks (core/offload.py): a paper
    built on request (counting minutes, an export) must not hold the room's event loop.
    """
    weasyprint, StaticOnlyFetcher = load_weasyprint()
    static = _static_dir()
    stylesheets = list(_stylesheets(static, paper_font()))

    def build():  # no app context needed from here on
        doc = weasyprint.HTML(string=html, base_url=static.as_uri() + "/",
                              url_fetcher=StaticOnlyFetcher(static))
        return doc.write_pdf(stylesheets=stylesheets)

    return in_thread(build)


def render_pdf(template_name: str, **context) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes."""
    return html_to_pdf(render_html(template_name, pdf=True, **context))
