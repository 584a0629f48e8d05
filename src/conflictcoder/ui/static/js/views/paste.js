// The paste box (#/paste): a report in, its record at once (POST /api/extract stores
// nothing); "Store this report" codes and stores it (POST /api/documents, with the server's
// token, kept in this tab's sessionStorage only).
import * as api from "../api.js";
import { el } from "../dom.js";
import { documentPanel } from "./document.js";

const OUTCOMES = {
  stored: "Stored",
  revision: "Stored as a new revision of the text at this URL",
  duplicate: "Not stored again: this text is stored already",
};

export function pasteView(root) {
  const text = el("textarea", { id: "paste-text", name: "text", rows: "10", required: true, placeholder: "Paste a statement or news report (English)…" });
  const title = el("input", { id: "paste-title", name: "title", placeholder: "optional" });
  const published = el("input", { id: "paste-published", name: "published", type: "date" });
  const url = el("input", { id: "paste-url", name: "url", type: "url", placeholder: "optional: where it was published" });
  const button = el("button", { type: "submit", id: "paste-submit" }, "Code it");
  const token = el("input", {
    id: "paste-token",
    name: "token",
    type: "password",
    autocomplete: "off",
    value: api.token(),
    "aria-describedby": "paste-token-note",
  });
  const store = el("button", { type: "button", id: "paste-store" }, "Store this report");
  const status = el("p", { class: "status", id: "paste-status", "aria-live": "polite" });
  const result = el("div", { id: "paste-result" });
  const form = el(
    "form",
    { class: "paste", id: "paste-form" },
    el("label", { class: "wide" }, "Report text", text),
    el(
      "div",
      { class: "row" },
      el("label", {}, "Title ", title),
      el("label", {}, "Published ", published),
      el("label", {}, "URL ", url),
      button,
    ),
    el(
      "fieldset",
      { class: "row store" },
      el("legend", {}, "Store it in the database"),
      el("label", {}, "API token ", token),
      store,
      el("small", { id: "paste-token-note" }, "Kept in this tab only (sessionStorage); the server's CONFLICTCODER_TOKEN."),
    ),
  );

  function payload() {
    const out = { text: text.value };
    if (title.value.trim()) out.title = title.value.trim();
    if (published.value) out.published = published.value;
    if (url.value.trim()) out.url = url.value.trim();
    return out;
  }

  // Runs one request with both buttons disabled; `work` fills status and result.
  async function busy(message, work) {
    button.disabled = true;
    store.disabled = true;
    status.className = "status";
    delete status.dataset.outcome;
    status.textContent = message;
    result.replaceChildren();
    try {
      await work();
    } catch (err) {
      status.className = "status error";
      status.textContent = err.message;
    } finally {
      button.disabled = false;
      store.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy("Coding… (the first request loads the language model)", async () => {
      try {
        const record = await api.extract(payload());
        const n = record.events.length;
        status.textContent = `${n} event${n === 1 ? "" : "s"} found.`;
        result.replaceChildren(documentPanel(record.document, record.events));
      } catch (err) {
        throw new Error(`Not coded: ${err.message}`);
      }
    });
  });

  store.addEventListener("click", () => {
    if (!form.reportValidity()) return;
    api.setToken(token.value);
    busy("Coding and storing… (the first request loads the language model)", async () => {
      let answer;
      try {
        answer = await api.storeDocument(payload());
      } catch (err) {
        throw new Error(`Not stored (${err.status || "no answer"}): ${err.message}`);
      }
      status.className = `status outcome-${answer.outcome}`;
      status.dataset.outcome = answer.outcome;
      const what = OUTCOMES[answer.outcome] || answer.outcome;
      const n = answer.record ? answer.record.events.length : null;
      status.replaceChildren(
        `${what}: document `,
        el("a", { href: `#/document/${encodeURIComponent(answer.document_id)}`, id: "paste-stored-link" }, answer.document_id),
        n === null ? "." : ` with ${n} event${n === 1 ? "" : "s"}.`,
      );
      if (answer.record) result.replaceChildren(documentPanel(answer.record.document, answer.record.events));
    });
  });

  root.replaceChildren(el("h1", {}, "Code a report"), form, status, result);
  text.focus();
}
