"""Serving ODOP Atlas: security headers, a request-size limit, ``/healthz``, the data banner's facts, and
``python -m dashboard`` as a gunicorn server (2 sync workers by default) that stops when the data cannot load."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dash import Dash
from flask import Response

MAX_BODY_BYTES = 1024 * 1024  # a callback request is a few KB; anything over 1 MB gets 413
DEFAULTS = {"host": "127.0.0.1", "port": 8050, "workers": 2}


def content_security_policy(app: Dash) -> str:
    """Same-origin only: no third-party script, style, image, font or connection; not framed elsewhere."""
    scripts = " ".join(app.csp_hashes())  # already quoted: 'sha256-...'
    return "; ".join([
        "default-src 'self'", f"script-src 'self' {scripts}", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'", "object-src 'none'",
        "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ])


def harden(app: Dash) -> None:
    """Security headers on every response and a 1 MB request body limit (Flask answers 413 beyond it)."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    headers = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}

    @server.after_request
    def add_headers(response: Response) -> Response:
        # the policy is computed on first use: Dash knows its inline scripts once its routes are set up
        policy = server.config.setdefault("ODOP_CSP", content_security_policy(app))
        response.headers.setdefault("Content-Security-Policy", policy)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response


def serve_health(app: Dash, facts: dict) -> None:
    """``/healthz``: 200 with what loaded (the process only runs when the data loaded)."""
    body = json.dumps({"status": "ok", **facts}, sort_keys=True)
    app.server.add_url_rule("/healthz", "healthz", lambda: Response(body, mimetype="application/json"))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Serve ODOP Atlas with gunicorn.")
    parser.add_argument("--host", default=env.get("ODOP_HOST", DEFAULTS["host"]),
                        help="address to bind (env ODOP_HOST; default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=int(env.get("ODOP_PORT", DEFAULTS["port"])),
                        help="port (env ODOP_PORT; default 8050)")
    parser.add_argument("--workers", type=int, default=int(env.get("ODOP_WORKERS", DEFAULTS["workers"])),
                        help="gunicorn sync workers (env ODOP_WORKERS; default 2)")
    parser.add_argument("--data-dir", type=Path, default=env.get("ODOP_DATA_DIR"),
                        help="data directory (env ODOP_DATA_DIR; default: the shipped data/)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Load the data once (a data error exits non-zero with its reason), then serve it with gunicorn."""
    from gunicorn.app.base import BaseApplication

    from .app import create_app
    from .data.atlas import DEFAULT_DATA_DIR, load_atlas_or_explain

    args = _arguments(argv)
    atlas = load_atlas_or_explain(args.data_dir or DEFAULT_DATA_DIR)  # before forking: fail fast, share memory
    server = create_app(atlas).server

    class Atlas(BaseApplication):
        def load_config(self) -> None:
            options = {"bind": f"{args.host}:{args.port}", "workers": args.workers, "worker_class": "sync",
                       "timeout": 60, "graceful_timeout": 10, "limit_request_line": 0,  # long links: a banner,
                       "accesslog": None, "errorlog": "-", "loglevel": "warning"}   # not a 414 page
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return server

    print(f"ODOP Atlas: http://{args.host}:{args.port}/  ({args.workers} workers; Ctrl+C stops)", flush=True)
    Atlas().run()
    sys.exit(0)
