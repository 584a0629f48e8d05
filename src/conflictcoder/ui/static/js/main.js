// The single page: a hash router over the views (#/ overview, #/event/ID, #/document/ID,
// #/paste, #/search?q=).
import { el } from "./dom.js";
import { documentView } from "./views/document.js";
import { eventView } from "./views/event.js";
import { overviewView } from "./views/overview.js";
import { pasteView } from "./views/paste.js";
import { searchView } from "./views/search.js";

const root = document.getElementById("view");
let cleanup = null;

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = hash.split("?");
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (cleanup) cleanup();
  cleanup = null;
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("current", a.dataset.view === (parts[0] || "overview"));
  }
  window.scrollTo(0, 0);
  if (parts.length === 0) cleanup = overviewView(root, params);
  else if (parts[0] === "event" && parts[1]) eventView(root, parts[1]);
  else if (parts[0] === "document" && parts[1]) documentView(root, parts[1]);
  else if (parts[0] === "paste") pasteView(root);
  else if (parts[0] === "search") searchView(root, params);
  else root.replaceChildren(el("p", { class: "status error" }, "There is no such page."), el("a", { href: "#/" }, "Back to the events"));
}

window.addEventListener("hashchange", route);
route();
