"""All visible text of an HTML page read as a flat stream of tags (no tree, so no depth limit).

libxml2, under both trafilatura and lxml, stops building the tree about 256 levels down and
drops everything deeper; a page nested deeper than that (generated markup, or a hostile one)
would lose its body. Python's own ``html.parser`` reads tags one after another and keeps the
text whatever the nesting.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# libxml2's default maximum depth for HTML: deeper elements are dropped.
LIBXML2_MAX_DEPTH = 255
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})
_BLOCK = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
     "blockquote", "td", "th", "title"}
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip


# The depth probe's pieces: where a comment or a tag starts; the rest of a tag up to its ">"
# (quoted attribute values may hold ">"; possessive, so a tag that never ends costs one
# pass); and the end of a script or style body, in which html.parser reads no tags.
_MARK = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][^\s/>]*))")
_TAG_REST = re.compile(r"(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>")
_RAW_TEXT = {
    n: re.compile(rf"</\s*{n}\s*>", re.IGNORECASE) for n in ("script", "style")
}  # as html.parser


def deeper_than(html: str, limit: int = LIBXML2_MAX_DEPTH) -> bool:
    """Whether ``html`` may nest more than ``limit`` elements deep as ``flat_text`` counts
    depth: a scan of the tags alone, many times cheaper than that read. It may say yes for
    a page that is not (a comment, tag or script left open), never no for one that is."""
    if html.count("<") <= limit:  # a page cannot nest deeper than it has tags
        return False
    depth, pos = 0, 0
    while (mark := _MARK.search(html, pos)) is not None:
        if mark.group(1):  # a comment: its body holds no tags
            end = html.find("-->", mark.end())
            if end < 0:
                return True
            pos = end + 3
            continue
        rest = _TAG_REST.match(html, mark.end())
        if rest is None:
            return True
        pos = rest.end()
        name = mark.group(3).lower()
        if name in _VOID:
            continue
        if mark.group(2):
            depth = max(0, depth - 1)
        elif not rest.group().endswith("/>"):  # a self-closed tag opens and closes at once
            depth += 1
            if depth > limit:
                return True
            if name in _RAW_TEXT:
                body_end = _RAW_TEXT[name].search(html, pos)
                if body_end is None:
                    return True
                pos = body_end.start()  # its end tag is read next
    return False


class _Flat(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0
        self.deepest = 0
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
        if tag in _HIDDEN:
            self._hidden += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def flat_text(html: str) -> tuple[str, int]:
    """(visible text with a line break at each block, deepest nesting seen) of ``html``."""
    reader = _Flat()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts), reader.deepest
