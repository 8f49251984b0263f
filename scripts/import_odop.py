"""Import an official ODOP list (CSV, XLSX or PDF) into data/odop/products.csv (the code: `dashboard.build.products`)."""

import sys

from dashboard.build.products import main

if __name__ == "__main__":
    sys.exit(main())
