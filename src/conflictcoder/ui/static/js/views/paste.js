// The paste box (#/paste): a report in, its record at once (POST /api/extract stores nothing).
import * as api from "../api.js";
import { el } from "../dom.js";
import { documentPanel } from "./document.js";

export function pasteView(root) {
  const text = el("textarea", { id: "paste-text", name: "text", rows: "10", required: true, placeholder: "Paste a statement or news report (English)…" });
  const title = el("input", { id: "paste-title", name: "title", placeholder: "optional" });
  const published = el("input", { id: "paste-published", name: "published", type: "date" });
  const button = el("button", { type: "submit", id: "paste-submit" }, "Code it");
  const status = el("p", { class: "status", id: "paste-status" });
  const result = el("div", { id: "paste-result" });
  const form = el(
    "form",
    { class: "paste", id: "paste-form" },
    el("label", { class: "wide" }, "Report text", text),
    el("div", { class: "row" }, el("label", {}, "Title ", title), el("label", {}, "Published ", published), button),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const payload = { text: text.value };
    if (title.value.trim()) payload.title = title.value.trim();
    if (published.value) payload.published = published.value;
    button.disabled = true;
    status.className = "status";
    status.textContent = "Coding… (the first request loads the language model)";
    result.replaceChildren();
    try {
      const record = await api.extract(payload);
      const n = record.events.length;
      status.textContent = `${n} event${n === 1 ? "" : "s"} found.`;
      result.replaceChildren(documentPanel(record.document, record.events));
    } catch (err) {
      status.className = "status error";
      status.textContent = `Not coded: ${err.message}`;
    } finally {
      button.disabled = false;
    }
  });
  root.replaceChildren(el("h1", {}, "Code a report"), form, status, result);
  text.focus();
}
