"""``python -m dashboard [--host H] [--port P] [--workers N] [--data-dir D]``: serve ODOP Atlas with gunicorn."""

from .serving import main

main()
