import { api, formatTime, h, saveFile, showError, startPage } from './console.js';

// The DSP clients, over /control/clients: list, add, edit, rotate the secret, enrol or issue certificates, disable,
// enable, remove. A secret is shown once, in the panel of the change that made it.

const lines = (text) => text.split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l);
const words = (text) => text.split(/[\s,]+/).map((w) => w.trim()).filter((w) => w);
const path = (clientId) => '/control/clients/' + encodeURIComponent(clientId);

let main;
let list;
let status;
let detail;
let clients = [];

startPage(async (page) => {
  main = page;
  status = h('div', { id: 'status', 'aria-live': 'polite' });
  list = h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'Registered clients'), h('p', { class: 'muted' }, 'Loading…'));
  detail = h('div', { id: 'detail' });
  main.replaceChildren(h('h1', {}, 'Clients'), status, addForm(), list, detail);
  await refresh();
});

async function refresh(selected) {
  try {
    clients = await api('GET', '/control/clients');
  } catch (error) {
    showError(list, error);
    return;
  }
  const rows = clients.map((client) => h('tr', { class: client.clientId === selected ? 'selected' : null },
    h('th', { scope: 'row' }, client.clientId),
    h('td', {}, client.name),
    h('td', {}, client.kind),
    h('td', {}, client.redirectUris.join(' ')),
    h('td', {}, certificateText(client)),
    h('td', {}, client.services.join(', ')),
    h('td', {}, client.disabled ? 'Disabled' : 'Enabled'),
    h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': 'Manage ' + client.clientId, onclick: () => showClient(client.clientId) }, 'Manage'))));
  list.replaceChildren(h('h2', { id: 'list-title' }, 'Registered clients'),
    clients.length === 0 ? h('p', {}, 'No clients yet.') : h('table', {},
      h('thead', {}, h('tr', {}, ['Client ID', 'Name', 'Kind', 'Redirect URIs', 'TLS certificate', 'Services', 'Status', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
}

function certificateText(client) {
  if (client.kind !== 'cloud') return '—';
  if (client.certificateThumbprint) return 'Pinned: ' + client.certificateThumbprint;
  if (client.certificateCommonName) return 'CN=' + client.certificateCommonName;
  return 'None enrolled';
}

function field(id, label, input, hint) {
  input.id = id;
  input.name ||= id;
  if (hint) input.setAttribute('aria-describedby', id + '-hint');
  return [h('label', { for: id }, label), input, hint ? h('div', { class: 'muted', id: id + '-hint' }, hint) : null];
}

function addForm() {
  const id = h('input', { required: true, autocomplete: 'off' });
  const name = h('input', { autocomplete: 'off' });
  const kind = h('select', {}, h('option', { value: 'cloud' }, 'cloud (mutual TLS, refresh tokens)'), h('option', { value: 'native' }, 'native (desktop app)'));
  const redirects = h('textarea', { rows: 2, cols: 50, required: true });
  const services = h('input', { value: '*' });
  const customer = h('input', { inputmode: 'numeric', autocomplete: 'off' });
  const platforms = h('input', { autocomplete: 'off' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card' },
    field('add-id', 'Client ID', id),
    field('add-name', 'Name', name, 'Shown on the consent page; default: the client ID.'),
    field('add-kind', 'Kind', kind),
    field('add-redirects', 'Redirect URIs (one per line)', redirects, 'Matched exactly.'),
    field('add-services', 'Services', services, 'Gateway web services, separated by spaces or commas; * for every one.'),
    field('add-customer', 'Customer IRD number', customer, 'Optional: whom an M2M call without startLogon acts as.'),
    field('add-platforms', 'Software platforms', platforms, 'Optional: the values IR assigned; empty accepts any.'),
    h('p', {}, h('button', { type: 'submit' }, 'Add client')), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const added = await api('POST', '/control/clients', {
        clientId: id.value.trim(),
        name: name.value.trim() || null,
        kind: kind.value,
        redirectUris: lines(redirects.value),
        services: words(services.value),
        customerIrd: customer.value.trim() || null,
        softwarePlatforms: words(platforms.value),
      });
      form.reset();
      out.replaceChildren();
      await refresh(added.client.clientId);
      await showClient(added.client.clientId);
      showSecret(added, 'Client ' + added.client.clientId + ' added.');
    } catch (error) {
      showError(out, error);
    }
  });
  return h('section', { 'aria-labelledby': 'add-title' }, h('h2', { id: 'add-title' }, 'Add a client'), form);
}

/** Shows a new secret once, with a plain warning that it will not be shown again. */
function showSecret(answer, what) {
  status.replaceChildren(h('div', { class: 'card', role: 'status' },
    h('p', { class: 'ok' }, what),
    h('p', {}, 'Client secret of ', answer.client.clientId, ': ', h('code', { class: 'secret', id: 'client-secret' }, answer.clientSecret)),
    h('p', { class: 'error' }, 'Copy it now: this secret will not be shown again. Only its hash is kept; if it is lost, rotate the secret.')));
}

function say(text) {
  status.replaceChildren(h('p', { class: 'ok', role: 'status' }, text));
}

async function showClient(clientId) {
  let client;
  try {
    client = await api('GET', path(clientId));
  } catch (error) {
    showError(detail, error);
    return;
  }
  for (const row of list.querySelectorAll('tbody tr')) {
    row.classList.toggle('selected', row.querySelector('th')?.textContent === clientId);
  }
  const title = 'client-title';
  detail.replaceChildren(h('section', { 'aria-labelledby': title, class: 'card' },
    h('h2', { id: title }, 'Client ', client.clientId),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', { id: 'client-status' }, client.disabled ? 'Disabled: refused as an unknown client' : 'Enabled'),
      h('dt', {}, 'Registered'), h('dd', {}, formatTime(client.createdAt)),
      h('dt', {}, 'TLS certificate'), h('dd', {}, certificateText(client)),
      h('dt', {}, 'Signing certificates'), h('dd', {}, client.signingCertificates.length === 0
        ? (client.kind === 'cloud' ? 'None: it signs M2M JWTs with its TLS certificate' : '—')
        : h('ul', {}, client.signingCertificates.map((s) => h('li', {}, s.subject, ' — ', s.thumbprint, s.notAfter ? ' — until ' + formatTime(s.notAfter) : ''))))),
    actions(client),
    editForm(client),
    client.kind === 'cloud' ? [enrolForm(client), issueForm(client)] : h('p', { class: 'muted' }, 'A native (desktop) client takes no certificates.')));
}

function actions(client) {
  const out = h('div', { 'aria-live': 'polite' });
  const act = (label, run, cls) => h('button', { type: 'button', class: cls ?? 'secondary', onclick: async () => {
    try {
      await run();
    } catch (error) {
      showError(out, error);
    }
  } }, label);
  return h('div', {},
    h('p', { class: 'inline' },
      act('Rotate secret', async () => {
        const rotated = await api('POST', path(client.clientId) + '/secret');
        showSecret(rotated, 'New secret for ' + client.clientId + ': the old one no longer works.');
      }),
      ' ',
      client.disabled
        ? act('Enable', async () => { await api('POST', path(client.clientId) + '/enable'); say('Client ' + client.clientId + ' enabled.'); await reload(client.clientId); })
        : act('Disable', async () => { await api('POST', path(client.clientId) + '/disable'); say('Client ' + client.clientId + ' disabled: the token endpoints and the gateway refuse it.'); await reload(client.clientId); }, 'danger'),
      ' ',
      act('Remove', async () => {
        if (!window.confirm('Remove client ' + client.clientId + ' and revoke every token it holds?')) return;
        await api('DELETE', path(client.clientId));
        say('Client ' + client.clientId + ' removed; its tokens are revoked.');
        detail.replaceChildren();
        await refresh();
      }, 'danger')),
    out);
}

async function reload(clientId) {
  await refresh(clientId);
  await showClient(clientId);
}

function editForm(client) {
  const name = h('input', { value: client.name });
  const kind = h('select', {}, ['cloud', 'native'].map((k) => h('option', { value: k, selected: k === client.kind }, k)));
  const redirects = h('textarea', { rows: 2, cols: 50 }, client.redirectUris.join('\n'));
  const services = h('input', { value: client.services.join(' ') });
  const customer = h('input', { value: client.customerIrd ?? '', inputmode: 'numeric' });
  const platforms = h('input', { value: client.softwarePlatforms.join(' ') });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', {},
    field('edit-name', 'Name', name),
    field('edit-kind', 'Kind', kind, 'Making a client native drops its certificates.'),
    field('edit-redirects', 'Redirect URIs (one per line)', redirects),
    field('edit-services', 'Services', services),
    field('edit-customer', 'Customer IRD number', customer, 'Empty removes it.'),
    field('edit-platforms', 'Software platforms', platforms),
    h('p', {}, h('button', { type: 'submit' }, 'Save changes')), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PATCH', path(client.clientId), {
        name: name.value, kind: kind.value, redirectUris: lines(redirects.value), services: words(services.value),
        customerIrd: customer.value.trim(), softwarePlatforms: words(platforms.value),
      });
      say('Client ' + client.clientId + ' saved.');
      await reload(client.clientId);
    } catch (error) {
      showError(out, error);
    }
  });
  return h('section', { 'aria-labelledby': 'edit-title' }, h('h3', { id: 'edit-title' }, 'Edit'), form);
}

function enrolForm(client) {
  const use = h('select', {}, h('option', { value: 'tls' }, 'TLS client certificate'), h('option', { value: 'signing' }, 'M2M signing certificate'));
  const pin = h('input', { type: 'checkbox' });
  const pem = h('textarea', { rows: 6, cols: 64, spellcheck: 'false' });
  const file = h('input', { type: 'file', accept: '.pem,.crt,.cer,application/x-pem-file' });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) pem.value = await file.files[0].text();
  });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', {},
    field('enrol-use', 'Use', use),
    h('label', { for: 'enrol-pin' }, pin, ' Pin to this certificate (its thumbprint) instead of enrolling its Common Name'),
    field('enrol-file', 'Certificate file (PEM)', file),
    field('enrol-pem', 'Certificate (PEM)', pem, 'Paste it, or choose a file above.'),
    h('p', {}, h('button', { type: 'submit' }, 'Enrol certificate')), out);
  pin.id = 'enrol-pin';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', path(client.clientId) + '/certificates', { pem: pem.value, use: use.value, pin: pin.checked });
      say('Certificate enrolled for ' + client.clientId + '.');
      await reload(client.clientId);
    } catch (error) {
      showError(out, error);
    }
  });
  return h('section', { 'aria-labelledby': 'enrol-title' }, h('h3', { id: 'enrol-title' }, 'Enrol a certificate'), form);
}

function issueForm(client) {
  const use = h('select', {}, h('option', { value: 'tls' }, 'TLS client certificate'), h('option', { value: 'signing' }, 'M2M signing certificate'));
  const key = h('select', {}, h('option', { value: 'ecc' }, 'ECDSA P-256'), h('option', { value: 'rsa' }, 'RSA 2048'));
  const days = h('input', { type: 'number', min: 1, max: 1461, value: 365 });
  const password = h('input', { type: 'password', autocomplete: 'new-password' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', {},
    field('issue-use', 'Certificate use', use),
    field('issue-key', 'Key', key),
    field('issue-days', 'Valid for (days)', days),
    field('issue-password', 'PKCS#12 password', password, 'Optional; empty by default.'),
    h('p', {}, h('button', { type: 'submit' }, 'Issue certificate')), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    out.replaceChildren(h('p', { class: 'muted' }, 'Issuing…'));
    try {
      const issued = await api('POST', path(client.clientId) + '/certificates/issue', {
        use: use.value, key: key.value, days: Number(days.value) || null, pkcs12Password: password.value || null,
      });
      const name = client.clientId + (use.value === 'signing' ? '-signing' : '');
      const save = (label, content, file, type) => h('button', { type: 'button', class: 'secondary', onclick: () => saveFile(content, file, type) }, label);
      const pkcs12 = Uint8Array.from(atob(issued.pkcs12), (c) => c.charCodeAt(0));
      await reload(client.clientId);
      // The answer carries the key: it is kept in this page only, for these buttons.
      document.getElementById('issue-result')?.remove();
      detail.querySelector('section').append(h('div', { id: 'issue-result', class: 'card', role: 'status' },
        h('p', { class: 'ok' }, issued.note),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Subject'), h('dd', {}, issued.subject),
          h('dt', {}, 'Thumbprint'), h('dd', {}, issued.thumbprint),
          h('dt', {}, 'Valid'), h('dd', {}, formatTime(issued.notBefore), ' to ', formatTime(issued.notAfter))),
        h('p', {}, 'Download them now: the private key is not kept by the server.'),
        h('p', {},
          save('Download certificate (PEM)', issued.certificatePem, name + '.crt', 'application/x-pem-file'), ' ',
          save('Download private key (PEM)', issued.privateKeyPem, name + '.key', 'application/x-pem-file'), ' ',
          save('Download PKCS#12', new Blob([pkcs12], { type: 'application/x-pkcs12' }), name + '.p12'))));
    } catch (error) {
      showError(out, error);
    }
  });
  return h('section', { 'aria-labelledby': 'issue-title' }, h('h3', { id: 'issue-title' }, 'Issue from the test CA'), form);
}
