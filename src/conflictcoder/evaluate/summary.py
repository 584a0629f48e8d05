"""One table of every development set's headline figures, and its comparison with an older one.

The headlines (dataset, field, metric) are listed in ``data/eval_summary.tsv``; each value is
read from the JSON a dataset's evaluation wrote (``<folder>/<dataset>-dev.json``, as
``make eval`` writes them). ``compare`` flags every figure that fell by more than one point
(0.01) from the older summary's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import InputError

HEADLINES_FILE = DATA_DIR / "eval_summary.tsv"
DROP = 0.01  # one point


@dataclass(frozen=True)
class Row:
    dataset: str
    field: str
    metric: str
    value: float | None  # None: the set was not run, or the figure has no items
    n: int | None


def headlines() -> list[tuple[str, str, str]]:
    rows = read_tsv(HEADLINES_FILE, ("dataset", "field", "metric"), required=True)
    return [(row["dataset"], row["field"], row["metric"]) for _, row in rows]


def lookup(report: dict[str, Any], field: str, metric: str) -> tuple[float | None, int | None]:
    """(value, items it is measured on) of one figure of a report's JSON; KeyError if absent."""
    for share in report.get("scores") or ():
        if (share.get("field"), share.get("metric")) == (field, metric):
            return share.get("value"), share.get("n")
    classification = (report.get("classifications") or {}).get(field)
    if classification is not None and metric in ("accuracy", "weighted_f1", "macro_f1"):
        return classification.get(metric), classification.get("n")
    for d in report.get("detections") or ():
        if d.get("field") == field and metric in ("precision", "recall", "F1"):
            key, n = {
                "precision": ("precision", "predicted"),
                "recall": ("recall", "gold"),
                "F1": ("f1", "gold"),
            }[metric]
            return d.get(key), d.get(n)
    raise KeyError(f"{report.get('dataset')}: no figure {field}/{metric}")


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})", stage="evaluate") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg})", stage="evaluate") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object", stage="evaluate")
    return data


def build(folder: Path) -> tuple[list[Row], list[str]]:
    """The headline rows from the reports in ``folder``, and notes on sets not found there."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder; run `make eval` first", stage="evaluate")
    reports: dict[str, dict[str, Any] | None] = {}
    notes: list[str] = []
    rows: list[Row] = []
    for dataset, field, metric in headlines():
        if dataset not in reports:
            path = folder / f"{dataset}-dev.json"
            reports[dataset] = _read(path) if path.is_file() else None
            if reports[dataset] is None:
                notes.append(f"{dataset}: not run ({path} is missing)")
        report = reports[dataset]
        value, n = (None, None)
        if report is not None:
            try:
                value, n = lookup(report, field, metric)
            except KeyError:
                notes.append(f"{dataset}: its report has no {field}/{metric}")
        rows.append(Row(dataset, field, metric, value, n))
    if all(r is None for r in reports.values()):
        raise InputError(f"{folder}: no <dataset>-dev.json reports in it", stage="evaluate")
    return rows, notes


def to_json(rows: list[Row], notes: list[str]) -> dict[str, Any]:
    return {
        "rows": [
            {"dataset": r.dataset, "field": r.field, "metric": r.metric, "value": r.value, "n": r.n}
            for r in rows
        ],
        "notes": notes,
    }


def from_json(path: Path) -> dict[tuple[str, str, str], float | None]:
    """(dataset, field, metric) → value of an earlier summary.json; InputError when malformed."""
    data = _read(path)
    rows = data.get("rows")
    if not isinstance(rows, list):
        raise InputError(f"{path}: not a summary (no list of rows)", stage="evaluate")
    out: dict[tuple[str, str, str], float | None] = {}
    for row in rows:
        if not isinstance(row, dict):
            raise InputError(f"{path}: a row is not an object", stage="evaluate")
        value = row.get("value")
        key = (str(row.get("dataset")), str(row.get("field")), str(row.get("metric")))
        out[key] = float(value) if isinstance(value, (int, float)) else None
    return out


def dropped(value: float | None, old: float | None) -> bool:
    """The figure fell by more than one point (a figure that vanished counts as a drop)."""
    if old is None:
        return False
    return value is None or value < old - DROP - 1e-9


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def table(
    rows: list[Row], against: dict[tuple[str, str, str], float | None] | None = None
) -> list[list[str]]:
    """Header plus one line a figure: set, field, metric, score in points, n (and old, change)."""
    head = ["set", "field", "metric", "score", "n"]
    if against is not None:
        head += ["before", "change", ""]
    lines = [head]
    for r in rows:
        line = [r.dataset, r.field, r.metric, _pct(r.value), "-" if r.n is None else str(r.n)]
        if against is not None:
            old = against.get((r.dataset, r.field, r.metric))
            change = "-" if old is None or r.value is None else f"{100 * (r.value - old):+.1f}"
            line += [_pct(old), change, "DROP" if dropped(r.value, old) else ""]
        lines.append(line)
    return lines


def render_text(lines: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = []
    for number, line in enumerate(lines):
        cells = [
            c.rjust(w) if i >= 3 else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if number == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def render_markdown(lines: list[list[str]], notes: list[str]) -> str:
    out = ["# Evaluation summary: development sets", ""]
    out.append("Scores in points (percent); n = items each figure is measured on.")
    out.append("")
    out.append("| " + " | ".join(lines[0]) + " |")
    out.append("|" + "|".join("---" if i < 3 else "---:" for i in range(len(lines[0]))) + "|")
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in lines[1:]]
    out += [f"\n*Note:* {note}" for note in notes]
    return "\n".join(out) + "\n"
