"""``odop-atlas`` (or ``python -m dashboard``): load the data once, then serve it with gunicorn (2 sync workers by
default); a data error stops the process with its one-line reason."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from dashboard.app import create_app
from dashboard.data.atlas import load_atlas_or_explain
from dashboard.data.stored import prune_unused
from dashboard.settings import ASSETS_DIR, COMPRESSED_DIR, DEFAULT_DATA_DIR
from dashboard.web.static import warm_static

DEFAULTS = {"host": "127.0.0.1", "port": 8050, "workers": 2}
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
    parser.add_argument("--compress-static", action="store_true",
                        help="make the map's TopoJSON and the compressed copies of the static files in "
                             "build/compressed/ and exit (run by scripts/install.sh, so a start reads them instead of "
                             "making them)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Load the data once (a data error exits non-zero with its reason), then serve it with gunicorn."""
    from gunicorn.app.base import BaseApplication

    args = _arguments(argv)
    started = time.time() - 1  # (a second of slack for coarse file times)
    atlas = load_atlas_or_explain(args.data_dir or DEFAULT_DATA_DIR)  # before forking: fail fast, share memory
    server = create_app(atlas).server
    count = warm_static(server, ASSETS_DIR)
    if args.compress_static:  # what this code and data no longer use goes (it would only pile up)
        removed = prune_unused(COMPRESSED_DIR, started)
        print(f"the map's TopoJSON and compressed copies of {count} static files in {COMPRESSED_DIR} "
              f"({removed} files no longer used removed)")
        return

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
