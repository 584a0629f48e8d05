"""All visible text of an HTML page read as a flat stream of tags (no tree, so no depth limit).

libxml2, under both trafilatura and lxml, stops building the tree about 256 levels down and
drops everything deeper; a page nested deeper than that (generated markup, or a hostile one)
would lose its body. Python's own ``html.parser`` reads tags one after another and keeps the
text whatever the nesting.
"""

from __future__ import annotations

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
