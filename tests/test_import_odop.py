"""A user refreshes the product list from the official DPIIT file (CSV, XLSX or PDF)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import import_odop  # noqa: E402

SOURCE = "https://dpiit.gov.in/sites/default/files/ODOP_productList_QNo2116_07August2024.pdf"
OFFICIAL = [
    ["S.No", "Name of State/UT", "District", "ODOP Product(s)"],
    ["1", "Uttar Pradesh", "Varanasi", "Banarasi Silk Saree\nPink Meenakari"],
    ["2", "", "Bhadohi", "Carpets"],
    ["3", "Rajasthan", "Jaipur", ""],
]


def read_output(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def check_import(path: Path, out: Path, capsys) -> None:
    out.write_text("state,district,lgd_code,product,sector,gi_tagged,programme,source\n"
                   "Uttar Pradesh,Agra,,Old DPIIT row,other,,DPIIT ODOP,x\n"
                   "Uttar Pradesh,Agra,,Leather Products,leather & footwear,,UP ODOP,y\n", encoding="utf-8")
    import_odop.main([str(path), "--source", SOURCE, "--out", str(out)])
    rows = read_output(out)
    assert [(r["district"], r["product"], r["sector"]) for r in rows] == [
        ("Agra", "Leather Products", "leather & footwear"),          # other lists are kept
        ("Varanasi", "Banarasi Silk Saree", "textiles & handloom"),  # multi-line cell -> one row each
        ("Varanasi", "Pink Meenakari", "handicrafts"),
        ("Bhadohi", "Carpets", "textiles & handloom"),               # blank state repeats the one above
    ]
    assert {r["source"] for r in rows[1:]} == {SOURCE}
    printed = capsys.readouterr().out
    assert ":4: empty product for Jaipur, Rajasthan" in printed  # header is row 1
    assert "imported 3 product rows" in printed


def test_importing_the_official_csv_replaces_that_list_and_keeps_others(tmp_path, capsys):
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(OFFICIAL)
    check_import(path, tmp_path / "products.csv", capsys)


def test_importing_the_official_xlsx(tmp_path, capsys):
    path = tmp_path / "list.xlsx"
    pd.DataFrame(OFFICIAL[1:], columns=OFFICIAL[0]).to_excel(path, index=False)
    check_import(path, tmp_path / "products.csv", capsys)


def test_importing_the_official_pdf_table(tmp_path, capsys):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    with pdf.table() as table:
        for cells in OFFICIAL:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    path = tmp_path / "list.pdf"
    pdf.output(str(path))
    check_import(path, tmp_path / "products.csv", capsys)


def test_a_file_without_a_product_column_is_a_clear_error(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("State,District,Item\nUP,Agra,Shoes\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no column whose header contains 'product'"):
        import_odop.import_rows(path, SOURCE, "DPIIT ODOP")


@pytest.mark.parametrize("product, sector", [
    ("Mango based products", "food processing"), ("Turmeric", "spices"), ("Darjeeling Tea", "plantation crops"),
    ("Wooden toys", "toys"), ("Brass ware", "engineering & manufacturing"), ("Something new", "other"),
])
def test_sector_keywords(product, sector):
    assert import_odop.classify_sector(product) == sector
