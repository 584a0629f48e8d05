// Full-text search (#/search?q=…): documents with their snippet, matched words marked.
import * as api from "../api.js";
import { el } from "../dom.js";

export async function searchView(root, params) {
  const q = params.get("q") || "";
  const input = el("input", { type: "search", name: "q", id: "search-q", value: q, placeholder: "words or \"a phrase\"" });
  const form = el("form", { class: "search", on: { submit: (e) => { e.preventDefault(); location.hash = `#/search?${new URLSearchParams({ q: input.value })}`; } } }, input, el("button", { type: "submit" }, "Search"));
  const out = el("div", { id: "search-results" });
  root.replaceChildren(el("h1", {}, "Search the documents"), form, out);
  if (!q.trim()) return;
  out.replaceChildren(el("p", { class: "status" }, "Searching…"));
  try {
    const page = await api.search(q);
    out.replaceChildren(
      el("p", { class: "status" }, `${page.total} document${page.total === 1 ? "" : "s"}`),
      el("ol", { class: "hits" }, page.items.map((hit) => el("li", {}, el("a", { href: `#/document/${encodeURIComponent(hit.document.id)}` }, hit.document.title || hit.document.path || hit.document.id), ` · ${hit.document.published || "undated"}`, el("p", { class: "snippet" }, snippet(hit.snippet))))),
    );
  } catch (err) {
    out.replaceChildren(el("p", { class: "status error" }, `Search failed: ${err.message}`));
  }
}

function snippet(s) {
  if (!s || !s.text) return [];
  const parts = [];
  let at = 0;
  for (const [a, b] of [...(s.highlights || [])].sort((x, y) => x[0] - y[0])) {
    if (a < at) continue;
    parts.push(s.text.slice(at, a), el("mark", {}, s.text.slice(a, b)));
    at = b;
  }
  parts.push(s.text.slice(at));
  return parts;
}
