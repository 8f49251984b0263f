"""The match report: what was loaded, what matched, what was set aside and why."""

from __future__ import annotations

from .atlas import Atlas


def report_lines(atlas: Atlas, max_listed: int = 50) -> list[str]:
    """Human-readable report lines (printed by ``python -m dashboard.data check``)."""
    districts = atlas.districts
    lgd = atlas.lgd_districts
    lines = [
        "ODOP Atlas data check",
        f"Boundary polygons: {len(districts)} ({len(lgd)} LGD districts, "
        f"{int(districts['disputed'].sum())} disputed inter-state areas, "
        f"{int((~districts['has_lgd'] & ~districts['disputed']).sum())} named areas without an LGD code)",
        f"Product records: {len(atlas.products)} (product x district) from "
        f"{atlas.products['line'].nunique()} rows; {atlas.products['product'].nunique()} distinct product names",
        atlas.coverage_sentence(),
    ]
    for report in atlas.files.values():
        methods = ", ".join(f"{k}: {v}" for k, v in sorted(report.by_method.items())) or "none"
        lines.append(
            f"{report.file}: {report.rows_valid} valid rows, {report.rows_rejected} set aside by validation, "
            f"{report.rows_matched} matched to a district; district names matched {report.names_matched}, "
            f"unmatched {report.names_unmatched} (match rate {report.match_rate:.1%}; by {methods})")
    lines.append(f"Unmatched district names ({len(atlas.unmatched)}):")
    for name in atlas.unmatched[:max_listed]:
        nearest = ", ".join(name.candidates) or "no close name"
        lines.append(f"  {name.file}:{name.line} {name.district!r} ({name.state}) for {name.what!r}; nearest: {nearest}")
    lines.append(f"Issues ({len(atlas.issues)}):")
    lines.extend(f"  {issue}" for issue in atlas.issues.entries[:max_listed])
    if len(atlas.issues) > max_listed:
        lines.append(f"  ... and {len(atlas.issues) - max_listed} more")
    without = atlas.districts_without_products()
    lines.append(f"LGD districts without any product ({len(without)}):")
    for state, group in without.groupby("state_name"):
        lines.append(f"  {state}: {', '.join(group['district_name'])}")
    return lines
