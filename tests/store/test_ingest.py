"""`conflictcoder ingest`: files, folders, JSON Lines, feeds and URLs into the store.

Pages and feeds are served by a local http.server on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conflictcoder.cli import main
from conflictcoder.store import open_store
from tests.store.factory import record  # noqa: F401  (keeps the factory importable here)

REPORT_1 = (
    "KADUNA, March 3, 2023 (Northern Wire) - Gunmen attacked a market in Zaria on Thursday,"
    " killing five traders and wounding eight others, police said."
)
REPORT_2 = REPORT_1.replace("five traders", "seven traders")
REPORT_3 = (
    "MOGADISHU, 10 May 2022 - Al-Shabaab fighters ambushed a convoy of Somali soldiers near"
    " Afgoye on Tuesday, the army said. Three soldiers were killed."
)


class Site:
    """What the local server answers: path → (content type, body)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.agents: list[str] = []
        self.base = ""


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.agents.append(self.headers.get("User-Agent", ""))
            if self.path not in served.pages:
                self.send_error(404)
                return
            kind, body = served.pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


def page(text: str) -> bytes:
    return f"<html><head><title>Wire</title></head><body><p>{text}</p></body></html>".encode()


def summary(capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    out = capsys.readouterr().out.strip().splitlines()[-1]
    data: dict[str, int] = json.loads(out)
    data.pop("seconds")
    assert data.pop("fused") >= 0  # fusion runs after every ingest (tested in test_fusion.py)
    return data


def run(db: str, *inputs: str, fetch: bool = False) -> int:
    return main(["ingest", *inputs, "--db", db, "--json", *(["--fetch"] if fetch else [])])


@pytest.mark.slow
def test_folder_twice_stores_each_document_once(
    corpus_few: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_url, str(corpus_few)) == 0
    first = summary(capsys)
    assert first == {
        "read": 5,
        "stored": 5,
        "duplicates": 0,
        "revisions": 0,
        "rejected": 0,
        "copies": 0,
    }
    with open_store(db_url) as store:
        counts = store.counts()
    assert run(db_url, str(corpus_few)) == 0
    assert summary(capsys) == {
        "read": 5,
        "stored": 0,
        "duplicates": 5,
        "revisions": 0,
        "rejected": 0,
        "copies": 0,
    }
    with open_store(db_url) as store:
        assert store.counts() == counts
        rows = list(store.event_rows())
    assert counts["documents"] == 5 and counts["extractions"] == 5
    assert counts["events"] == len(rows) > 0
    assert {r["document"]["path"] for r in rows} <= {
        str(corpus_few / n) for n in (p.name for p in corpus_few.iterdir())
    }


def test_files_jsonl_and_rejections(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(REPORT_1)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02" * 20)
    lines = [
        {"id": "w1", "text": REPORT_3, "url": "https://wire.example.com/afgoye"},
        {"id": "w2", "title": "no text here"},
        {"id": "w3", "text": REPORT_1},  # the same text as a.txt
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    inputs = [str(tmp_path / n) for n in ("a.txt", "binary.txt", "empty.txt", "feed.jsonl")]
    assert run(db_url, *inputs) == 1
    assert summary(capsys) == {
        "read": 6,
        "stored": 2,
        "duplicates": 1,
        "revisions": 0,
        "rejected": 3,
        "copies": 0,
    }
    assert run(db_url, *inputs) == 1
    assert summary(capsys) == {
        "read": 6,
        "stored": 0,
        "duplicates": 3,
        "revisions": 0,
        "rejected": 3,
        "copies": 0,
    }
    with open_store(db_url) as store:
        counts = store.counts()
        with store.engine.connect() as conn:
            rejected = conn.exec_driver_sql(
                "SELECT path, doc_id, stage, reason FROM rejections ORDER BY path, doc_id"
            ).all()
    assert counts["documents"] == 2 and counts["rejections"] == 3
    assert [(r[0].rsplit("/", 1)[-1], r[1], r[2]) for r in rejected] == [
        ("binary.txt", None, "ingest"),
        ("empty.txt", None, "ingest"),
        ("feed.jsonl", "w2", "ingest"),
    ]
    assert all(r[3] for r in rejected)


def test_urls_revisions_and_limits(
    site: Site, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pages["/zaria"] = ("text/html; charset=utf-8", page(REPORT_1))
    site.pages["/big"] = ("text/plain", b"x" * 5000)
    url = site.base + "/zaria"
    assert run(db_url, url) == 0
    assert summary(capsys)["stored"] == 1
    assert run(db_url, url) == 0
    assert summary(capsys)["duplicates"] == 1
    site.pages["/zaria"] = ("text/html", page(REPORT_2))
    assert run(db_url, url) == 0
    assert summary(capsys)["revisions"] == 1
    assert all(agent.startswith("conflictcoder/") for agent in site.agents)

    assert (
        main(
            [
                "ingest",
                site.base + "/big",
                site.base + "/gone",
                "--db",
                db_url,
                "--json",
                "--max-bytes",
                "1000",
            ]
        )
        == 1
    )
    assert summary(capsys)["rejected"] == 2
    with open_store(db_url) as store, store.engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT url, revision, text FROM documents ORDER BY revision"
        ).all()
        rejected = conn.exec_driver_sql(
            "SELECT stage, reason FROM rejections ORDER BY reason"
        ).all()
    assert [(d[0], d[1]) for d in docs] == [(url, 1), (url, 2)]
    assert "five traders" in docs[0][2] and "seven traders" in docs[1][2]
    assert [r[0] for r in rejected] == ["fetch", "fetch"]
    assert any("larger than 1,000 bytes" in r[1] for r in rejected)
    assert any("HTTP 404" in r[1] for r in rejected)


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Northern Wire</title><link>{base}/</link>
<item><title>Market attack</title><link>{base}/zaria</link>
<pubDate>Fri, 03 Mar 2023 10:00:00 GMT</pubDate>
<description>{one}</description></item>
<item><title>Convoy ambush</title><link>{base}/afgoye</link>
<pubDate>Tue, 10 May 2022 08:00:00 GMT</pubDate>
<description>{three}</description></item>
<item><title>Link only</title><link>{base}/bare</link></item>
</channel></rss>
"""


def test_feed_entries_and_fetch(
    site: Site, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_text(RSS.format(base=site.base, one=REPORT_1, three=REPORT_3))
    assert run(db_url, str(feed)) == 1  # the link-only entry has no text without --fetch
    assert summary(capsys) == {
        "read": 3,
        "stored": 2,
        "duplicates": 0,
        "revisions": 0,
        "rejected": 1,
        "copies": 0,
    }
    assert site.agents == []  # nothing fetched without --fetch
    with open_store(db_url) as store:
        rows = list(store.event_rows())
    docs = {r["document"]["url"]: r["document"] for r in rows}
    assert docs[site.base + "/zaria"]["title"] == "Market attack"
    assert docs[site.base + "/zaria"]["published"] == "2023-03-03"

    # With --fetch the linked pages are read; a changed page is a revision of its entry.
    site.pages["/zaria"] = ("text/html", page(REPORT_2))
    site.pages["/afgoye"] = ("text/html", page(REPORT_3))
    site.pages["/bare"] = ("text/html", page(REPORT_3.replace("Three", "Four")))
    site.pages["/feed"] = ("application/rss+xml", feed.read_bytes())
    assert run(db_url, site.base + "/feed", fetch=True) == 0
    # /afgoye's page holds the text its entry had: a duplicate.
    assert summary(capsys) == {
        "read": 3,
        "stored": 1,
        "duplicates": 1,
        "revisions": 1,
        "rejected": 0,
        "copies": 1,  # /bare is /afgoye's text with one word changed
    }
    with open_store(db_url) as store:
        urls = sorted(r["document"]["url"] for r in store.event_rows())
    assert site.base + "/bare" in urls
