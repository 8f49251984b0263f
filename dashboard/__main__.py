"""``python -m dashboard``: serve ODOP Atlas on http://127.0.0.1:8050."""

from .app import main

main()
