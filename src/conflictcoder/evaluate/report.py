"""One evaluation's results and its three views: terminal table, JSON, Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conflictcoder.evaluate.metrics import Classification, Detection, Share


@dataclass(frozen=True)
class Scores:
    """What a dataset module measured: shares of items right, labelled fields, and fields
    scored by precision, recall and F1."""

    shares: tuple[Share, ...] = ()
    classifications: tuple[Classification, ...] = ()
    detections: tuple[Detection, ...] = ()


@dataclass(frozen=True)
class Report:
    dataset: str
    split: str
    path: str
    n: int  # items evaluated (after --limit / --every)
    seconds: float
    scores: Scores
    notes: tuple[str, ...] = ()

    def value(self, field: str, metric: str) -> float | None:
        """One number by (field, metric); classification metrics are accuracy, macro_f1 …"""
        for share in self.scores.shares:
            if (share.field, share.metric) == (field, metric):
                return share.value
        for c in self.scores.classifications:
            if c.field == field and metric in ("accuracy", "macro_f1", "weighted_f1"):
                result: float | None = getattr(c, metric)
                return result
        for d in self.scores.detections:
            if d.field == field and metric in ("precision", "recall", "F1"):
                return {"precision": d.precision, "recall": d.recall, "F1": d.f1}[metric]
        raise KeyError(f"{self.dataset}: no score {field}/{metric}")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:5.1f}%"


def _rows(report: Report) -> list[tuple[str, str, str, str]]:
    rows = []
    for c in report.scores.classifications:
        rows.append((c.field, "accuracy", _pct(c.accuracy), str(c.n)))
        rows.append((c.field, "weighted F1", _pct(c.weighted_f1), str(c.n)))
        rows.append((c.field, "macro F1", _pct(c.macro_f1), str(c.n)))
    for s in report.scores.shares:
        rows.append((s.field, s.metric, _pct(s.value), f"{s.hits}/{s.n}"))
    for d in report.scores.detections:
        rows.append((d.field, "precision", _pct(d.precision), f"{d.found}/{d.predicted}"))
        rows.append((d.field, "recall", _pct(d.recall), f"{d.recalled}/{d.gold}"))
        rows.append((d.field, "F1", _pct(d.f1), str(d.gold)))
    return rows


def render_table(report: Report) -> str:
    """A plain table for a terminal: field, metric, score, items it is measured on."""
    head = (
        f"{report.dataset} [{report.split}]  n={report.n}  {report.seconds:.1f}s  ({report.path})"
    )
    rows = [("field", "metric", "score", "n"), *_rows(report)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [head]
    for number, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.rjust(w) if i >= 2 else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.extend(f"note: {note}" for note in report.notes)
    return "\n".join(lines)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def report_json(report: Report) -> dict[str, Any]:
    """Every number, for machines; the confusion matrix as labels plus rows (gold × predicted)."""
    classifications = {}
    for c in report.scores.classifications:
        labels = c.labels()
        cells = c.confusion()
        classifications[c.field] = {
            "n": c.n,
            "accuracy": _round(c.accuracy),
            "weighted_f1": _round(c.weighted_f1),
            "macro_f1": _round(c.macro_f1),
            "per_class": [
                {
                    "label": s.label,
                    "precision": _round(s.precision),
                    "recall": _round(s.recall),
                    "f1": _round(s.f1),
                    "support": s.support,
                    "predicted": s.predicted,
                }
                for s in c.per_class
            ],
            "confusion": {
                "labels": labels,
                "matrix": [[cells.get((g, p), 0) for p in labels] for g in labels],
            },
        }
    return {
        "dataset": report.dataset,
        "split": report.split,
        "path": report.path,
        "n": report.n,
        "seconds": round(report.seconds, 2),
        "scores": [
            {
                "field": s.field,
                "metric": s.metric,
                "value": _round(s.value),
                "hits": s.hits,
                "n": s.n,
            }
            for s in report.scores.shares
        ],
        "classifications": classifications,
        "detections": [
            {
                "field": d.field,
                "precision": _round(d.precision),
                "recall": _round(d.recall),
                "f1": _round(d.f1),
                "found": d.found,
                "predicted": d.predicted,
                "recalled": d.recalled,
                "gold": d.gold,
            }
            for d in report.scores.detections
        ],
        "notes": list(report.notes),
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(report: Report, examples: int = 3, errors: int = 12) -> str:
    """A readable report: the score table, per-class scores, confusion matrices, top errors."""
    out = [f"# Evaluation: {report.dataset} ({report.split})", ""]
    out.append(f"Gold: `{report.path}`; {report.n} items; {report.seconds:.1f} s.")
    out.extend(f"\n*Note:* {note}" for note in report.notes)
    out += ["", "| field | metric | score | n |", "|---|---|---:|---:|"]
    out += [f"| {f} | {m} | {v.strip()} | {n} |" for f, m, v, n in _rows(report)]
    for c in report.scores.classifications:
        labels = c.labels()
        cells = c.confusion()
        out += ["", f"## {c.field}", "", "| label | P | R | F1 | gold | predicted |"]
        out.append("|---|---:|---:|---:|---:|---:|")
        for s in sorted(c.per_class, key=lambda s: (-s.support, s.label)):
            out.append(
                f"| {_cell(s.label)} | {_pct(s.precision)} | {_pct(s.recall)} | {_pct(s.f1)}"
                f" | {s.support} | {s.predicted} |"
            )
        out += ["", "Confusion matrix (rows gold, columns predicted; column numbers as rows):", ""]
        out.append(
            "| # | gold \\ predicted | " + " | ".join(str(i + 1) for i in range(len(labels))) + " |"
        )
        out.append("|---|---|" + "---:|" * len(labels))
        for i, g in enumerate(labels):
            row = " | ".join(str(cells.get((g, p), 0) or "·") for p in labels)
            out.append(f"| {i + 1} | {_cell(g)} | {row} |")
        top = c.errors()[:errors]
        if top:
            out += ["", "Most frequent errors (gold → predicted), with examples:", ""]
            for g, p, count in top:
                out.append(f"- **{_cell(g)} → {_cell(p)}** ({count})")
                for item_id, text in c.examples(g, p, examples):
                    short = text if len(text) <= 200 else text[:197] + "..."
                    out.append(f"  - `{item_id}`: {_cell(short)}")
    return "\n".join(out) + "\n"
