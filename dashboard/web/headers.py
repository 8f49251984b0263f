"""Security headers on every response and a request-size limit."""

from __future__ import annotations

from dash import Dash
from flask import Response

from dashboard.web.static import SECURITY_HEADERS, StaticFiles

MAX_BODY_BYTES = 1024 * 1024  # a callback request is a few KB; anything over 1 MB gets 413


def content_security_policy(app: Dash) -> str:
    """Same-origin only: no third-party script, style, image, font or connection; not framed elsewhere."""
    scripts = " ".join(app.csp_hashes())  # already quoted: 'sha256-...'
    return "; ".join([
        "default-src 'self'", f"script-src 'self' {scripts}", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'", "object-src 'none'",
        "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ])


def harden(app: Dash) -> None:
    """Security headers on every response, a 1 MB request body limit (Flask answers 413 beyond it), and
    static files compressed once and cached by the browser (:class:`StaticFiles`)."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    headers = dict(SECURITY_HEADERS)

    def policy() -> str:  # computed on first use: Dash knows its inline scripts once its routes are set up
        return server.config.setdefault("ODOP_CSP", content_security_policy(app))

    @server.after_request
    def add_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", policy())
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    server.wsgi_app = StaticFiles(server.wsgi_app, policy)
