// The console's shared module: the session with the control API, building elements, the navigation.
// Every page is a static file; what it shows comes from the control API (/control/...), as the CLI's does.

/** The console's pages, in the navigation's order: [file name, title]. One line per page. */
export const pages = [
  ['index', 'Health'],
  ['calls', 'Inspector'],
  ['clients', 'Clients'],
  ['data', 'Test data'],
  ['tokens', 'Consents and tokens'],
  ['keys', 'Keys'],
  ['controls', 'Test controls'],
];

/** An error the control API answered: its HTTP status, its error code and its message. */
export class ApiError extends Error {
  constructor(status, error, message) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

let session = null;

/**
 * Calls the control API. A body that is a string is sent as text (contentType, default text/plain), anything else as
 * JSON. Answers the parsed JSON (or the text of a non-JSON answer, or null for none); throws ApiError for an error.
 */
export async function api(method, path, body, { contentType } = {}) {
  const response = await send(method, path, body, contentType);
  const type = response.headers.get('content-type') || '';
  const content = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, content?.error ?? 'http_' + response.status, content?.message ?? (typeof content === 'string' && content ? content : response.statusText));
  }
  return content;
}

/** Fetches path from the control API and saves the answer as a file (its own name, or filename). */
export async function download(path, filename) {
  const response = await send('GET', path);
  if (!response.ok) {
    const type = response.headers.get('content-type') || '';
    const content = type.includes('json') ? await response.json() : null;
    throw new ApiError(response.status, content?.error ?? 'http_' + response.status, content?.message ?? response.statusText);
  }
  const disposition = response.headers.get('content-disposition') || '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  saveFile(await response.blob(), filename ?? (named ? decodeURIComponent(named[1]) : path.split('/').pop()));
}

/** Saves content made in the page (a Blob, or text with its type) as a file. */
export function saveFile(content, filename, type = 'application/octet-stream') {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function send(method, path, body, contentType) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body !== undefined && body !== null) {
    if (typeof body === 'string' || body instanceof Blob) {
      headers['Content-Type'] = contentType ?? 'text/plain';
      payload = body;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && session) {
    headers[session.header] = session.csrf;
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401 && !path.startsWith('/control/session')) {
    session = null;
    showSignIn();
  }
  return response;
}

/**
 * Builds an element: attrs sets attributes ('class', 'for', aria-*, data-*), properties for booleans, and listeners for
 * functions named on*; children are nodes or text (never parsed as HTML), arrays are flattened, null and false skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function' && name.startsWith('on')) {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Shows an error where it happened, as text, announced to screen readers. */
export function showError(where, error) {
  const message = error instanceof ApiError ? `${error.message} (${error.status} ${error.error})` : String(error?.message ?? error);
  where.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Error: ', message));
}

/** An instant as the console shows it: UTC, to the millisecond. */
export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/** Renders the navigation, signs in if needed, then calls render(main) to fill the page. */
export async function startPage(render) {
  renderNav();
  const main = document.querySelector('main');
  const credential = new URLSearchParams(location.hash.slice(1)).get('credential');
  if (credential) {
    // serve prints a sign-in link carrying the credential in the fragment (never sent to a server); take it and drop it.
    history.replaceState(null, '', location.pathname + location.search);
    await signIn(credential).catch(() => {});
  }
  if (!session) {
    try {
      session = await api('GET', '/control/session');
    } catch {
      showSignIn();
      return;
    }
  }
  await render(main);
}

function showSignIn() {
  const main = document.querySelector('main');
  if (!main || document.getElementById('sign-in')) return;
  const input = h('input', { id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', required: true });
  const status = h('p', { id: 'sign-in-status', 'aria-live': 'polite' });
  const form = h('form', { id: 'sign-in', class: 'card' },
    h('h2', {}, 'Sign in'),
    h('p', {}, 'The console needs the operator credential: serve prints it, and it is in the data folder\'s keys/operator.key.'),
    h('label', { for: 'credential' }, 'Operator credential'), input,
    h('button', { type: 'submit' }, 'Sign in'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signIn(input.value);
      location.reload();
    } catch (error) {
      showError(status, error);
    }
  });
  main.replaceChildren(h('h1', {}, document.title.split(' — ')[0]), form);
  input.focus();
}

async function signIn(credential) {
  session = await api('POST', '/control/session', { credential });
}

function renderNav() {
  const nav = document.getElementById('nav');
  if (!nav) return;
  const current = location.pathname.replace(/^\/console\/?/, '') || 'index';
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await api('DELETE', '/control/session').catch(() => {});
    session = null;
    location.reload();
  });
  nav.replaceChildren(
    h('a', { class: 'brand', href: '/console/' }, 'Waharoa console'),
    h('nav', { 'aria-label': 'Console' },
      h('ul', {}, pages.map(([file, title]) =>
        h('li', {}, h('a', { href: '/console/' + (file === 'index' ? '' : file), 'aria-current': file === current ? 'page' : null }, title))))),
    signOut);
}
