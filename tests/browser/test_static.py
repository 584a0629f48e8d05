"""The UI's own modules: no HTML-string sinks (report text must stay text) and every import
resolves to a file that is served."""

from __future__ import annotations

import re

from conflictcoder.ui import STATIC_DIR

JS = sorted((STATIC_DIR / "js").rglob("*.js"))
SINKS = re.compile(
    r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
)


def test_no_html_string_sinks() -> None:
    assert JS
    for path in JS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not SINKS.search(line), f"{path.name}:{number}: {line.strip()}"


def test_imports_resolve() -> None:
    for path in JS:
        for target in re.findall(r'from "(\.[^"]+)"', path.read_text(encoding="utf-8")):
            assert (path.parent / target).resolve().is_file(), f"{path.name} imports {target}"
