"""The vendored browser assets (src/conflictcoder/ui/static/vendor) are exactly what
web/vendor.mjs copies from the versions pinned in web/package-lock.json."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conflictcoder.ui import INDEX_HTML, STATIC_DIR

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "web"
VENDOR = STATIC_DIR / "vendor"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    found: dict[str, Any] = _json(VENDOR / "manifest.json")
    return found


def test_versions_match_the_lock_file(manifest: dict[str, Any]) -> None:
    lock = _json(WEB / "package-lock.json")
    wanted = _json(WEB / "package.json")["dependencies"]
    assert set(manifest["packages"]) == set(wanted)
    for name, package in manifest["packages"].items():
        locked = lock["packages"][f"node_modules/{name}"]["version"]
        assert package["version"] == locked == wanted[name], name


def test_files_are_the_ones_recorded(manifest: dict[str, Any]) -> None:
    recorded = {
        path: digest
        for package in manifest["packages"].values()
        for path, digest in package["files"].items()
    }
    present = {
        p.relative_to(VENDOR).as_posix()
        for p in VENDOR.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert present == set(recorded)
    for path, digest in recorded.items():
        assert hashlib.sha256((VENDOR / path).read_bytes()).hexdigest() == digest, path
    for name in manifest["packages"]:
        assert (VENDOR / name / "LICENSE").is_file(), f"{name} has no LICENSE beside it"


def test_file_headers_name_the_locked_versions(manifest: dict[str, Any]) -> None:
    versions = {name: p["version"] for name, p in manifest["packages"].items()}
    leaflet = (VENDOR / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:300]
    assert f"Leaflet {versions['leaflet']}," in leaflet
    topojson = (VENDOR / "topojson-client" / "topojson-client.min.js").read_text("utf-8")[:200]
    assert f"topojson-client v{versions['topojson-client']}" in topojson
    atlas = _json(VENDOR / "world-atlas" / "countries-50m.json")
    assert atlas["type"] == "Topology" and len(atlas["objects"]["countries"]["geometries"]) > 200


def test_same_bytes_as_node_modules_when_installed(manifest: dict[str, Any]) -> None:
    modules = WEB / "node_modules"
    if not modules.is_dir():
        pytest.skip("web/node_modules is absent (run `npm ci` in web/ to compare)")
    for name, package in manifest["packages"].items():
        installed = _json(modules / name / "package.json")["version"]
        if installed != package["version"]:
            pytest.skip(f"web/node_modules has {name} {installed}; run `npm ci` in web/")
        for path in package["files"]:
            inside = path.split("/", 1)[1]
            source = modules / name / inside
            if not source.exists():
                source = modules / name / "dist" / inside
            assert source.read_bytes() == (VENDOR / path).read_bytes(), path


def test_page_loads_only_local_assets() -> None:
    html = INDEX_HTML.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert "style=" not in html
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/static/", "#", "data:")), url
        if url.startswith("/static/"):
            assert (STATIC_DIR / url.removeprefix("/static/")).is_file(), url
