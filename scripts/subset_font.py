"""Write assets/vendor/fonts/noto-sans-devanagari-switch.woff2: the glyphs of "हिन्दी" only, cut from the shipped
Noto Sans Devanagari (OFL 1.1 allows subsetting), so the language switch of an English page costs 2 KB, not 50 KB.

Usage: python scripts/subset_font.py   (needs fontTools, installed with matplotlib)
"""

from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parent.parent / "assets" / "vendor" / "fonts"
SOURCE = FONTS / "noto-sans-devanagari-devanagari-400-normal.woff2"
TARGET = FONTS / "noto-sans-devanagari-switch.woff2"
TEXT = "हिन्दी"  # the switch's label (dashboard/text/*.toml: language.hi)


def main() -> None:
    options = subset.Options()
    options.flavor, options.layout_features = "woff2", ["*"]  # keep the shaping of the conjunct न्द
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=TEXT)
    subsetter.subset(font)
    temporary = TARGET.with_suffix(".tmp")
    subset.save_font(font, str(temporary), options)
    temporary.replace(TARGET)
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
