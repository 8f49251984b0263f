"""``python -m dashboard [--host H] [--port P] [--workers N] [--data-dir D]``: serve ODOP Atlas with gunicorn."""

from dashboard.cli import main

main()
