// DOM building without HTML strings: every text goes in through textContent, so report text
// (untrusted) can never become markup.

/**
 * Creates an element. attrs: {class, title, href, id, type, ...} set as attributes
 * (never "style" or on* handlers — those are refused), `on: {click: fn}` adds listeners,
 * `data: {k: v}` sets data-* attributes. Children: nodes, strings (as text), null/false skipped,
 * arrays flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Like el() for SVG elements. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [kind, fn] of Object.entries(value)) node.addEventListener(kind, fn);
    } else if (key === "data") {
      for (const [k, v] of Object.entries(value)) if (v != null) node.dataset[k] = String(v);
    } else if (key === "style" || key.toLowerCase().startsWith("on")) {
      throw new Error(`el(): attribute ${key} is not allowed`);
    } else if (key === "href") {
      node.setAttribute("href", safeHref(String(value)));
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

/** Appends children (nodes, text, nested arrays); strings become text nodes. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Removes every child of node; returns it. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Only in-app (#…), relative and http(s) links; anything else (javascript:, data:) → "#". */
export function safeHref(href) {
  if (href.startsWith("#") || (href.startsWith("/") && !href.startsWith("//"))) return href;
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "#";
  } catch {
    return "#";
  }
}

/** "—" for null/undefined/empty, else the value as text. */
export function show(value) {
  if (value === null || value === undefined || value === "") return "—";
  return String(value);
}
