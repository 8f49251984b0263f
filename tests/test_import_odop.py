"""An official refreshes the product list from DPIIT's file: the importer is safe with any file they feed it."""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build import everything as build_data
from dashboard.build import products as import_odop
from dashboard.data import importing

REPO = Path(__file__).resolve().parent.parent

RAW_V31 = REPO / "data" / "odop" / "raw" / "dpiit_odop_products_v31_20250707.csv"
SHIPPED = REPO / "data" / "odop" / "products.csv"
SOURCE = "DPIIT ODOP list (test)"
OFFICIAL = [
    ["S.No", "Name of State/UT", "District", "ODOP Product(s)"],
    ["1", "Uttar Pradesh", "Varanasi", "Banarasi Silk Saree\nPink Meenakari"],
    ["2", "", "Bhadohi", "Carpets"],
    ["3", "Rajasthan", "Jaipur", ""],
]
V31_HEADER = ["State", "Product", "District", "LGD Code", "Category", "Sector", "Description", "GI Status", "Photo",
              "Ministry/ Department"]
EXISTING = ("state,district,lgd_code,product,sector,gi_tagged,programme,source,source_note\n"
            "Uttar Pradesh,Agra,146,Old national row,Others,no,DPIIT ODOP,x,\n"
            "Uttar Pradesh,Aligarh,143,Locks,Manufacturing,no,DPIIT ODOP,x,\n"
            "Rajasthan,Jaipur,,Blue pottery,Handicraft,yes,DPIIT ODOP,x,\n"
            "Uttar Pradesh,Agra,146,Potato products,Food Processing,,PMFME ODOP,y,kept note\n")


def run(tmp_path, data_dir, path: Path, *extra: str, out: Path | None = None) -> tuple[int, Path]:
    """Run the importer as a user would (its main), into a products.csv seeded with EXISTING."""
    if out is None:
        out = tmp_path / "products.csv"
        out.write_text(EXISTING, encoding="utf-8")
    code = import_odop.main([str(path), "--source", SOURCE, "--out", str(out), "--data-dir", str(data_dir), *extra])
    return code, out


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def v31_rows(*rows: tuple[str, str, str, str]) -> list[list[str]]:
    """A file in the v31 layout: (state, district, product, GI status) rows."""
    return [V31_HEADER] + [[state, product, district, "999", " primary ", "food processing ", "A\nparagraph.",
                            gi, "https://example.org/p", "MSME "] for state, district, product, gi in rows]


def test_the_shipped_products_csv_is_exactly_what_the_raw_files_rebuild_to(tmp_path):
    report = build_data.build_products(REPO / "data", tmp_path / "products.csv")
    assert filecmp.cmp(tmp_path / "products.csv", SHIPPED, shallow=False), "\n".join(report)


def test_a_dry_run_on_the_shipped_raw_list_reports_no_changes(capsys):
    code = import_odop.main([str(RAW_V31), "--programme", "DPIIT ODOP", "--source", "DPIIT ODOP list v31, 7 Jul 2025",
                             "--dry-run"])
    printed = capsys.readouterr().out
    assert code == 0 and "no changes" in printed
    assert "read dpiit_odop_products_v31_20250707.csv as cp1252; 1241 product rows" in printed
    assert "placed on a polygon: 1241 of 1241 rows (100.0%)" in printed


def test_the_real_list_is_normalised_once_in_the_importer():
    result = importing.import_rows(RAW_V31, importing.ImportOptions("DPIIT ODOP", SOURCE))
    frame = pd.DataFrame(result.rows)
    assert set(frame["sector"]) == {"Agriculture", "Handicraft", "Manufacturing", "Food Processing", "Textile",
                                    "Handloom", "Marine", "Others", "Dairy"}
    assert set(frame["category"]) == {"Primary", "Secondary", "Tertiary", "Others"}
    assert set(frame["gi_tagged"]) == {"yes", "no"} and (frame["gi_tagged"] == "yes").sum() == 256
    assert not frame["description"].str.contains("\n").any() and not frame["state"].str.contains("\n").any()
    assert "Minsitry of Textile" not in set(frame["ministry"])
    assert frame["source_code"].str.isdigit().all()  # the list's own code, kept apart from lgd_code


def test_a_v31_layout_file_is_imported_with_every_field_normalised(tmp_path, small_data_dir, capsys):
    path = write_csv(tmp_path / "v31.csv", v31_rows(("Uttar Pradesh", "Varanasi", "Silk Products", "Yes "),
                                                    ("Uttar\nPradesh", "Bhadohi", "Carpets", "no")), "cp1252")
    code, out = run(tmp_path, small_data_dir, path)
    assert code == 0
    printed = capsys.readouterr().out
    assert "as UTF-8" in printed  # plain ASCII decodes as UTF-8
    rows = {r["product"]: r for r in rows_of(out)}
    silk = rows["Silk Products"]
    assert (silk["sector"], silk["category"], silk["gi_tagged"], silk["ministry"]) == (
        "Food Processing", "Primary", "yes", "Ministry of MSME")
    assert silk["description"] == "A paragraph." and silk["source_code"] == "999" and silk["lgd_code"] == "197"
    assert rows["Carpets"]["state"] == "Uttar Pradesh" and rows["Carpets"]["gi_tagged"] == "no"
    assert "Old national row" not in rows and "Locks" not in rows  # Uttar Pradesh's national rows replaced
    assert "Blue pottery" in rows                                   # another state: kept
    assert rows["Potato products"]["source_note"] == "kept note"    # another list: kept with every field


def test_a_cp1252_file_with_an_accent_is_detected_and_said(tmp_path, small_data_dir, capsys):
    path = write_csv(tmp_path / "v31.csv", v31_rows(("Uttar Pradesh", "Varanasi", "Café silk", "No"),
                                                    ("Uttar Pradesh", "Bhadohi", "Carpets", "No")), "cp1252")
    code, out = run(tmp_path, small_data_dir, path)
    assert code == 0 and "as cp1252" in capsys.readouterr().out
    assert "Café silk" in {r["product"] for r in rows_of(out)}


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path, small_data_dir, capsys):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "State,District,Product\nUttar Pradesh,Varanasi,Saree\n"
                     "Uttar Pradesh,Agra,Shoes\n".encode())
    code, out = run(tmp_path, small_data_dir, path, "--allow-shrink")
    assert code == 0 and "as UTF-8 with BOM" in capsys.readouterr().out


def test_dry_run_prints_the_diff_per_state_and_writes_nothing(tmp_path, small_data_dir, capsys):
    path = write_csv(tmp_path / "v31.csv", v31_rows(("Uttar Pradesh", "Varanasi", "Silk Products", "Yes"),
                                                    ("Uttar Pradesh", "Agra", "Old national row", "no")))
    out = tmp_path / "products.csv"
    out.write_text(EXISTING, encoding="utf-8")
    before = out.read_bytes()
    code, _ = run(tmp_path, small_data_dir, path, "--dry-run", out=out)
    printed = capsys.readouterr().out
    assert code == 0 and out.read_bytes() == before
    assert "changes (dry run, nothing written):" in printed
    assert "Uttar Pradesh: +1 added, 1 changed, -1 removed" in printed


@pytest.mark.parametrize("text", ["State,District,Product\n", ""])
def test_an_empty_or_header_only_file_refuses_and_leaves_the_data_untouched(tmp_path, small_data_dir, capsys, text):
    path = tmp_path / "empty.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "products.csv"
    out.write_text(EXISTING, encoding="utf-8")
    code, _ = run(tmp_path, small_data_dir, path, out=out)
    captured = capsys.readouterr()
    assert code in (1, 3) and out.read_text(encoding="utf-8") == EXISTING
    assert ("refused" in captured.out) or ("empty file" in captured.err)


def test_an_import_that_would_remove_over_half_a_list_refuses_unless_allowed(tmp_path, small_data_dir, capsys):
    path = write_csv(tmp_path / "small.csv", [["State", "District", "Product"], ["Uttar Pradesh", "Agra", "Shoes"],
                                              ["Rajasthan", "Jaipur", "Blue pottery"]])
    out = tmp_path / "products.csv"
    out.write_text(EXISTING.replace("Blue pottery", "Gems"), encoding="utf-8")
    code, _ = run(tmp_path, small_data_dir, path, out=out)
    assert code == 0  # 3 national rows become 2: not more than half removed
    out.write_text(EXISTING, encoding="utf-8")
    code, _ = run(tmp_path, small_data_dir, write_csv(tmp_path / "one.csv", [
        ["State", "District", "Product"], ["Uttar Pradesh", "Agra", "Shoes"], ["Rajasthan", "Jaipur", "Gems"]]),
        out=out)
    assert code == 0
    rows = "State,District,Product\nUttar Pradesh,Agra,Shoes\n"
    out.write_text(EXISTING.replace("Rajasthan,Jaipur", "Uttar Pradesh,Kannauj"), encoding="utf-8")
    before = out.read_bytes()
    (tmp_path / "shrink.csv").write_text(rows, encoding="utf-8")
    code, _ = run(tmp_path, small_data_dir, tmp_path / "shrink.csv", out=out)
    assert code == 1 and out.read_bytes() == before
    assert "refused: it would shrink 'DPIIT ODOP' from 3 to 1 rows" in capsys.readouterr().out
    code, _ = run(tmp_path, small_data_dir, tmp_path / "shrink.csv", "--allow-shrink", out=out)
    assert code == 0 and [r["product"] for r in rows_of(out) if r["programme"] == "DPIIT ODOP"] == ["Shoes"]


def test_an_unknown_layout_exits_2_naming_the_headers_seen_and_needed(tmp_path, small_data_dir, capsys):
    path = write_csv(tmp_path / "odd.csv", [["Province", "Zila", "Item"], ["Uttar Pradesh", "Agra", "Shoes"]])
    code, out = run(tmp_path, small_data_dir, path)
    err = capsys.readouterr().err
    assert code == 2 and out.read_text(encoding="utf-8") == EXISTING
    assert "unknown column layout: need state, district, product" in err and "'Province', 'Zila', 'Item'" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_substring_headers_are_not_guessed_but_an_explicit_mapping_works(tmp_path, small_data_dir, capsys):
    path = write_csv(tmp_path / "odd.csv", [["Statewise", "District code", "By-product"],
                                            ["Uttar Pradesh", "Agra", "Shoes"]])
    assert run(tmp_path, small_data_dir, path)[0] == 2
    code, out = run(tmp_path, small_data_dir, path, "--columns",
                    "state=Statewise,district=District code,product=By-product", "--allow-shrink")
    assert code == 0 and "Shoes" in {r["product"] for r in rows_of(out)}


@pytest.mark.parametrize("name, content, message", [
    ("missing.csv", None, "file not found"),
    ("garbage.csv", bytes(range(256)) * 4, "neither UTF-8 nor cp1252"),
    ("unclosed.csv", b'State,District,Product\nUttar Pradesh,Agra,"Shoes\n', "malformed CSV"),
    ("list.txt", b"State,District,Product\n", "unsupported file type"),
    ("broken.xlsx", b"not a zip file", "not a readable Excel workbook"),
    ("broken.pdf", b"%PDF-1.4 nothing", "PDF"),
])
def test_unreadable_files_get_one_line_errors_and_the_data_is_untouched(tmp_path, small_data_dir, capsys, name,
                                                                        content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out = run(tmp_path, small_data_dir, path)
    err = capsys.readouterr().err
    assert code in (2, 3) and message in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == EXISTING


def test_a_truncated_last_row_is_named_and_the_rest_imported(tmp_path, small_data_dir, capsys):
    path = tmp_path / "cut.csv"
    path.write_text("State,District,Product,Sector\nUttar Pradesh,Varanasi,Silk,Handloom\n"
                    "Uttar Pradesh,Agra,Shoes,Handicraft\nUttar Pradesh,Alig", encoding="utf-8")
    code, out = run(tmp_path, small_data_dir, path, "--allow-shrink")
    printed = capsys.readouterr().out
    assert code == 0 and "cut.csv:4: has 2 fields, header has 4" in printed
    assert {"Silk", "Shoes"} <= {r["product"] for r in rows_of(out)}


def test_a_failing_write_leaves_the_old_file_and_no_temporary_file(tmp_path, small_data_dir, monkeypatch, capsys):
    path = write_csv(tmp_path / "v31.csv", v31_rows(("Uttar Pradesh", "Varanasi", "Silk Products", "Yes"),
                                                    ("Uttar Pradesh", "Agra", "Shoes", "No")))
    out = tmp_path / "products.csv"
    out.write_text(EXISTING, encoding="utf-8")

    def disk_full(self, rows):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(csv.DictWriter, "writerows", disk_full)
    code, _ = run(tmp_path, small_data_dir, path, out=out)
    assert code == 3 and "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == EXISTING
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_unmatched_districts_are_kept_and_reported_with_nearest_names(tmp_path, small_data_dir, capsys):
    path = write_csv(tmp_path / "v31.csv", v31_rows(("Uttar Pradesh", "Varanasi", "Silk Products", "Yes"),
                                                    ("Uttar Pradesh", "Varanasy Nagar", "Mystery", "No")))
    code, out = run(tmp_path, small_data_dir, path, "--allow-shrink")
    printed = capsys.readouterr().out
    assert code == 0 and "unmatched: 'Varanasy Nagar' (Uttar Pradesh) for 'Mystery': no polygon: nearest" in printed
    mystery = next(r for r in rows_of(out) if r["product"] == "Mystery")
    assert mystery["lgd_code"] == "" and mystery["match"] == "unmatched"


def test_help_documents_the_exit_codes():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "import_odop.py"), "--help"], capture_output=True,
                            text=True)
    assert "exit codes:" in result.stdout and "--allow-shrink" in result.stdout and "--dry-run" in result.stdout


def check_official_layout(path: Path, tmp_path, small_data_dir, capsys) -> None:
    code, out = run(tmp_path, small_data_dir, path, "--allow-shrink")
    assert code == 0
    rows = [(r["district"], r["product"]) for r in rows_of(out) if r["programme"] == "DPIIT ODOP"]
    assert rows == [("Bhadohi", "Carpets"), ("Varanasi", "Banarasi Silk Saree"), ("Varanasi", "Pink Meenakari"),
                    ("Jaipur", "Blue pottery")] or set(rows) >= {("Bhadohi", "Carpets"),
                                                                ("Varanasi", "Banarasi Silk Saree"),
                                                                ("Varanasi", "Pink Meenakari")}
    assert f"{path.name}:{5 if path.suffix == '.csv' else 4}: empty product for Jaipur, Rajasthan" in \
        capsys.readouterr().out  # a CSV's line as an editor shows it (a quoted cell spans two lines); a sheet's row


def test_importing_the_older_official_csv_layout(tmp_path, small_data_dir, capsys):
    check_official_layout(write_csv(tmp_path / "list.csv", OFFICIAL), tmp_path, small_data_dir, capsys)


def test_importing_the_official_xlsx(tmp_path, small_data_dir, capsys):
    path = tmp_path / "list.xlsx"
    pd.DataFrame(OFFICIAL[1:], columns=OFFICIAL[0]).to_excel(path, index=False)
    check_official_layout(path, tmp_path, small_data_dir, capsys)


def test_importing_the_official_pdf_table(tmp_path, small_data_dir, capsys):
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
    check_official_layout(path, tmp_path, small_data_dir, capsys)


@pytest.mark.parametrize("product, sector", [
    ("Mango based products", "Food Processing"), ("Turmeric", "Agriculture"), ("Wooden toys", "Handicraft"),
    ("Woollen tweed", "Textile"), ("Something new", "Others"),
])
def test_a_row_without_an_official_sector_gets_our_keyword_rule_and_says_so(product, sector):
    row, problem = importing.normalise({"state": "X", "district": "Y", "product": product}, product,
                                       importing.ImportOptions("Some list", "src"))
    assert problem is None and row["sector"] == sector and row["sector_basis"].startswith("our keyword rule")


def test_every_generated_table_is_exactly_what_the_raw_sources_rebuild_to(tmp_path):
    report = build_data.build_all(REPO / "data", tmp_path)
    generated = [p.relative_to(tmp_path) for p in tmp_path.rglob("*.csv")]
    assert len(generated) >= 7
    for relative in generated:
        assert filecmp.cmp(tmp_path / relative, REPO / "data" / relative, shallow=False), (relative, report)
