// The HTTP API (docs/api.md), one function an endpoint. Errors become ApiError with the
// server's message, so views can show them instead of failing.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const TOKEN_KEY = "conflictcoder-token";

/** The API token kept for this tab (needed only by servers that require one). */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function request(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (err) {
    throw new ApiError(0, `the server cannot be reached (${err.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, errorText(response, body));
  return body;
}

function errorText(response, body) {
  const detail = body && (body.detail ?? body.error ?? body.message);
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
  }
  if (detail && typeof detail === "object" && detail.reason) return detail.reason;
  return `${response.status} ${response.statusText}`;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : "";
}

/** {total, offset, limit, items: [EventRow]} for filters {since, until, country, type, source, stance, near, limit, offset}. */
export const events = (filters) => request(`/api/events${query(filters)}`);
/** One EventRow {document, event, fused_id}. */
export const event = (id) => request(`/api/events/${encodeURIComponent(id)}`);
/** A fused event with its members (every source's version) and denials. */
export const fused = (id) => request(`/api/fused/${encodeURIComponent(id)}`);
/** A document with its text, removed spans and events (with evidence). */
export const documentById = (id) => request(`/api/documents/${encodeURIComponent(id)}`);
/** Full-text search over documents. */
export const search = (q) => request(`/api/search${query({ q })}`);
/** Codes a pasted text; returns a contract record {schema, document, events}. */
export const extract = (payload) =>
  request("/api/extract", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
/**
 * Codes a text and stores it (needs the server's token, see setToken): {outcome: "stored" |
 * "revision" | "duplicate", document_id, fused, record | null}.
 */
export const storeDocument = (payload) =>
  request("/api/documents", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
/** Where the export of the current store in one format is downloaded from. */
export const exportUrl = (format) => `/api/export${query({ format })}`;
/** Counts, date span and the values the filters can take. */
export const stats = () => request("/api/stats");
