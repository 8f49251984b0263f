"""Serving ODOP Atlas: security headers, a request-size limit, ``/healthz``, the data banner's facts, and
``python -m dashboard`` as a gunicorn server (2 sync workers by default) that stops when the data cannot load."""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli
from dash import Dash
from dash.fingerprint import check_fingerprint
from flask import Response

MAX_BODY_BYTES = 1024 * 1024
SECURITY_HEADERS = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
                    ("X-Frame-Options", "DENY")]  # a callback request is a few KB; anything over 1 MB gets 413
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


STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_odop/", "/_favicon.ico")
COMPRESSIBLE = ("javascript", "json", "css", "svg", "html", "text/plain")
IMMUTABLE = "public, max-age=31536000, immutable"
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_ACCEPT_ENCODING")


@dataclass(frozen=True)
class StaticFile:
    """One static file, compressed once: its bodies by encoding and its content hash."""

    content_type: str
    bodies: dict[str, bytes]
    digest: str

    def etag(self, encoding: str) -> str:
        return f'"{self.digest}-{encoding}"'


def _static_key(path: str, query: str) -> tuple[str, bool]:
    """The file a static URL names (Dash's version fingerprint removed) and whether the URL is fingerprinted."""
    if path.startswith("/_dash-component-suites/"):
        plain, fingerprinted = check_fingerprint(path)
        return plain, fingerprinted
    return path, any(part.split("=")[0] in ("m", "v") for part in query.split("&") if part)


def _encoding(accepted: str, file: StaticFile) -> str:
    accepted = accepted.lower()
    for encoding in ("br", "gzip"):
        if encoding in file.bodies and encoding in accepted:
            return encoding
    return "identity"


class StaticFiles:
    """WSGI middleware for static files: each compressed once (brotli and gzip), served with an ETag per
    encoding that answers 304, and ``immutable`` caching for fingerprinted URLs (``?m=``, ``?v=``, Dash's
    ``.v1_2_3m456`` names). Bounded: only files the app answered 200 for, keyed without the fingerprint."""

    def __init__(self, app, policy: Callable[[], str]):
        self.app, self.policy = app, policy
        self.files: dict[str, StaticFile] = {}

    def _load(self, environ: dict, key: str) -> StaticFile | None:
        plain = {k: v for k, v in environ.items() if k not in CONDITIONAL_HEADERS}
        captured: dict = {}
        body = b"".join(self.app(plain, lambda status, headers, exc=None: captured.update(status=status,
                                                                                       headers=headers)))
        if not captured.get("status", "").startswith("200"):
            return None
        content_type = dict(captured["headers"]).get("Content-Type", "application/octet-stream")
        bodies = {"identity": body}
        if any(kind in content_type for kind in COMPRESSIBLE) and len(body) > 1024:
            bodies["br"] = brotli.compress(body, quality=11)
            bodies["gzip"] = gzip.compress(body, compresslevel=9, mtime=0)
        self.files[key] = StaticFile(content_type, bodies, hashlib.sha256(body).hexdigest()[:16])
        return self.files[key]

    def __call__(self, environ: dict, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not path.startswith(STATIC_PREFIXES):
            return self.app(environ, start_response)
        key, fingerprinted = _static_key(path, environ.get("QUERY_STRING", ""))
        file = self.files.get(key) or self._load(environ, key)
        if file is None:
            return self.app(environ, start_response)
        encoding = _encoding(environ.get("HTTP_ACCEPT_ENCODING", ""), file)
        headers = [("Cache-Control", IMMUTABLE if fingerprinted else "no-cache"), ("ETag", file.etag(encoding)),
                   ("Vary", "Accept-Encoding"), ("Content-Security-Policy", self.policy()), *SECURITY_HEADERS]
        wanted = environ.get("HTTP_IF_NONE_MATCH", "")
        if any(file.etag(e) in wanted for e in file.bodies):
            start_response("304 Not Modified", headers)
            return [b""]
        body = file.bodies[encoding]
        headers += [("Content-Type", file.content_type), ("Content-Length", str(len(body)))]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        start_response("200 OK", headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]


def warm_static(server, assets: Path | None = None) -> int:
    """Fetch the page's scripts, styles, geometry, the lazy chunks its components load and the files in
    ``assets/`` once, so each is compressed before the workers fork (and shared by them) rather than on a
    visitor's first request (brotli 11 of AG Grid's 870 KB chunk takes over a second). Returns how many."""
    client = server.test_client()
    page = client.get("/").get_data(as_text=True) + client.get("/_dash-layout").get_data(as_text=True)
    urls = set(re.findall(r'(?:src|href)="(/[^"]+)"', page)) | set(re.findall(r'"(/_odop/[^"]+)"', page))
    urls |= lazy_chunks(page) | {f"/assets/{p.relative_to(assets).as_posix()}"
                                 for p in (assets.rglob("*") if assets else []) if p.is_file()}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # brotli releases the GIL
        list(pool.map(lambda url: client.get(url, headers={"Accept-Encoding": "br"}), urls))
    return len(urls)


def lazy_chunks(layout_text: str) -> set[str]:
    """The lazily loaded script chunks of the components a layout uses: dcc's per component (``async-graph.js``
    for a Graph) and AG Grid's community build (never its enterprise build, which this app does not use)."""
    import dash

    used = set(re.findall(r'"type":\s*"(\w+)",\s*"namespace":\s*"dash_core_components"', layout_text))
    chunks = {f"/_dash-component-suites/dash/{entry['relative_package_path']}" for entry in dash.dcc._js_dist
              if entry.get("async") and entry["relative_package_path"].removeprefix("dcc/async-").removesuffix(".js")
              in {name.lower() for name in used}}
    if '"namespace": "dash_ag_grid"' in layout_text or '"namespace":"dash_ag_grid"' in layout_text:
        chunks.add("/_dash-component-suites/dash_ag_grid/async-community.js")
    return chunks


def serve_health(app: Dash, facts: dict) -> None:
    """``/healthz``: 200 with what loaded (the process only runs when the data loaded)."""
    body = json.dumps({"status": "ok", **facts}, sort_keys=True)
    app.server.add_url_rule("/healthz", "healthz", lambda: Response(body, mimetype="application/json"))


ACCESS_LOG_FORMAT = '%(p)s %(s)s %(M)sms %(h)s "%(r)s" %(B)s'  # <worker pid> status duration client request bytes


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
    parser.add_argument("--access-log", default=env.get("ODOP_ACCESS_LOG"),
                        help="write one line per request to this file, '-' for stderr (env ODOP_ACCESS_LOG; "
                             "default: none): worker pid, status, milliseconds, client, request line, bytes")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Load the data once (a data error exits non-zero with its reason), then serve it with gunicorn."""
    from gunicorn.app.base import BaseApplication

    from .app import ASSETS_DIR, create_app
    from .data.atlas import DEFAULT_DATA_DIR, load_atlas_or_explain

    args = _arguments(argv)
    atlas = load_atlas_or_explain(args.data_dir or DEFAULT_DATA_DIR)  # before forking: fail fast, share memory
    server = create_app(atlas).server
    warm_static(server, ASSETS_DIR)

    class Atlas(BaseApplication):
        def load_config(self) -> None:
            options = {"bind": f"{args.host}:{args.port}", "workers": args.workers, "worker_class": "sync",
                       "timeout": 60, "graceful_timeout": 10, "limit_request_line": 0,  # long links: a banner,
                       "accesslog": args.access_log, "access_log_format": ACCESS_LOG_FORMAT,  # not a 414 page
                       "errorlog": "-", "loglevel": "warning"}
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return server

    print(f"ODOP Atlas: http://{args.host}:{args.port}/  ({args.workers} workers; Ctrl+C stops)", flush=True)
    Atlas().run()
    sys.exit(0)
