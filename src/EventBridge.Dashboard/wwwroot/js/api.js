// Calls to the EventBridge API with the session cookie. Errors become ApiError carrying the problem+json title and
// detail, so the page can show what the server said instead of a bare status code.

export class ApiError extends Error {
  constructor(status, title, detail, body) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.body = body;
  }
}

const listeners = new Set();

/** Called with no arguments whenever the API answers 401 (the session ended or never began). */
export function onUnauthorized(listener) {
  listeners.add(listener);
}

export async function api(path, { method = 'GET', body, quiet401 = false } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json, application/problem+json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (failed) {
    throw new ApiError(0, 'EventBridge is not reachable', `${method} ${path}: ${failed.message}`);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (response.ok) return json;
  if (response.status === 401 && !quiet401) listeners.forEach(listener => listener());
  const title = (json && (json.title || json.error)) || `${response.status} ${response.statusText || 'error'}`;
  const detail = (json && (json.detail || json.message)) || (json ? '' : text.slice(0, 300));
  throw new ApiError(response.status, title, detail, json);
}

export const enc = encodeURIComponent;
