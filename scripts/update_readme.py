"""Regenerate the README's generated sections (coverage, performance) (the code: `dashboard.devtools.readme`)."""

import sys

from dashboard.devtools.readme import main

if __name__ == "__main__":
    sys.exit(main())
