"""Regenerate the README's screenshots from the running app (the code: `dashboard.devtools.screenshot`)."""

import sys

from dashboard.devtools.screenshot import main

if __name__ == "__main__":
    sys.exit(main())
