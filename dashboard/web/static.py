"""Static files compressed once (brotli and gzip), with ETags that answer 304 and long-lived caching for
fingerprinted URLs. The compressed copies are made at install (``python -m dashboard --compress-static``) and kept in
``build/compressed/`` by content hash; ``warm_static`` reads them before the workers fork (a copy missing there is
made then, and saved for the next start)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import brotli
from dash.fingerprint import check_fingerprint
from flask import request

from dashboard.data.stored import stored
from dashboard.settings import COMPRESSED_DIR
from dashboard.web.bundles import lazy_chunks

NO_SNIFFING = ("X-Content-Type-Options", "nosniff")  # on every response (the page's own headers: web/headers.py)
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


def compressed(body: bytes, digest: str, store: Path = COMPRESSED_DIR) -> dict[str, bytes]:
    """``body`` compressed with brotli (quality 11) and gzip (level 9), :func:`stored` in ``store`` by ``digest``."""
    return {"br": stored(store / f"{digest}.br", lambda: brotli.compress(body, quality=11)),
            "gzip": stored(store / f"{digest}.gzip", lambda: gzip.compress(body, compresslevel=9, mtime=0))}


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

    def __init__(self, app):
        self.app = app
        self.files: dict[str, StaticFile] = {}

    def _load(self, environ: dict, key: str) -> StaticFile | None:
        plain = {k: v for k, v in environ.items() if k not in CONDITIONAL_HEADERS}
        captured: dict = {}
        body = b"".join(self.app(plain, lambda status, headers, exc=None: captured.update(status=status,
                                                                                       headers=headers)))
        if not captured.get("status", "").startswith("200"):
            return None
        content_type = dict(captured["headers"]).get("Content-Type", "application/octet-stream")
        digest = hashlib.sha256(body).hexdigest()[:16]
        bodies = {"identity": body}
        if any(kind in content_type for kind in COMPRESSIBLE) and len(body) > 1024:
            bodies |= compressed(body, digest)
        self.files[key] = StaticFile(content_type, bodies, digest)
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
                   ("Vary", "Accept-Encoding"), NO_SNIFFING]
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


class StoredLayouts:
    """The default page's layout answered with a brotli-11 copy made once (36 KB so, 43 KB at the brotli 5 of answers
    made per request, which would take 0.4 s at 11); other layouts are compressed per request. Dash's JSON of a
    layout is not the same bytes in every process (a component's ``aria-*`` props come in a set's order), so the
    stored copy is of the layout's canonical JSON, named by its digest; answers find it by the digest of the bytes
    this process (and the workers forked from it) makes for that layout. Made (or read from ``build/compressed/``) by
    :func:`warm_static`."""

    URL = "/_dash-layout"
    PAGE = "http://localhost/"  # the page asking for it (its Referer): the default view, in English

    def __init__(self):
        self.copies: dict[str, bytes] = {}  # by the digest of this process's JSON of the layout

    def make(self, client, store: Path = COMPRESSED_DIR) -> None:
        made = client.get(self.URL, headers={"Referer": self.PAGE}).get_data()
        canonical = _canonical(made)
        copy = stored(store / f"{hashlib.sha256(canonical).hexdigest()[:16]}.layout.br",
                      lambda: brotli.compress(canonical, quality=11))
        self.copies[hashlib.sha256(made).hexdigest()[:16]] = copy

    def answer(self, response):
        """Flask ``after_request``: the default page's layout gets the stored copy (Flask-Compress leaves it then)."""
        if (request.path == self.URL and response.status_code == 200 and self.copies
                and not urlsplit(request.referrer or "").query and "br" in request.headers.get("Accept-Encoding", "")):
            copy = self.copies.get(hashlib.sha256(response.get_data()).hexdigest()[:16])
            if copy is not None:
                response.set_data(copy)
                response.headers["Content-Encoding"] = "br"
                response.vary.add("Accept-Encoding")
        return response


def _canonical(body: bytes) -> bytes:
    return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def warm_static(server, assets: Path | None = None) -> int:
    """Fetch the page's scripts, styles, geometry, the lazy chunks its components load and the files in
    ``assets/`` once, so each is loaded with its compressed copies before the workers fork (and shared by them)
    rather than on a visitor's first request (brotli 11 of AG Grid's 870 KB chunk takes over a second; the copies
    made at install are read, not made), and the default page's layout's brotli-11 copy (:class:`StoredLayouts`).
    Returns how many files."""
    client = server.test_client()
    server.extensions["odop_layouts"].make(client)
    page = client.get("/").get_data(as_text=True) + client.get("/_dash-layout").get_data(as_text=True)
    urls = set(re.findall(r'(?:src|href)="(/[^"]+)"', page)) | set(re.findall(r'"(/_odop/[^"]+)"', page))
    urls |= lazy_chunks(page) | {f"/assets/{p.relative_to(assets).as_posix()}"
                                 for p in (assets.rglob("*") if assets else []) if p.is_file()}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # brotli releases the GIL
        list(pool.map(lambda url: client.get(url, headers={"Accept-Encoding": "br"}), urls))
    return len(urls)
