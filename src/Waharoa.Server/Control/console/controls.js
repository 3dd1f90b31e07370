import { api, h, showError, formatTime, startPage, download, saveFile } from './console.js';

// The test controls: scenario rules, the clock, the test CA and the reports, over /control/scenarios, /control/clock,
// /control/certificates and /control/reports.

const outcomes = ['status', 'account-api', 'oauth-error', 'gateway-timeout', 'throttle', 'unauthorised-fault', 'latency', 'reset', 'pass'];

startPage(async (main) => {
  main.replaceChildren(h('h1', {}, 'Test controls'));
  main.append(scenarios(), clock(), certificates(), reports());
});

/** A labelled input (or select) in a form. */
function field(id, label, input) {
  input.id = id;
  if (!input.name) input.name = id;
  return h('div', {}, h('label', { for: id }, label), input);
}

function choice(values, selected) {
  return h('select', {}, values.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

function scenarios() {
  const list = h('div', { 'aria-live': 'polite' });
  const status = h('div', { 'aria-live': 'polite' });
  const name = h('input', { required: true, autocomplete: 'off' });
  const client = h('input', { autocomplete: 'off' });
  const service = h('input', { autocomplete: 'off', placeholder: 'returns, account-api, oauth…' });
  const operation = h('input', { autocomplete: 'off', placeholder: 'File, account/list, token…' });
  const ird = h('input', { autocomplete: 'off', inputmode: 'numeric' });
  const dialect = choice([['', 'Any'], ['xiams', 'xiams'], ['start', 'start']]);
  const outcome = choice(outcomes.map((o) => [o, o]), 'status');
  const code = h('input', { autocomplete: 'off', placeholder: '5, EV1022, invalid_grant' });
  const delay = h('input', { autocomplete: 'off', placeholder: '2s' });
  const count = h('input', { type: 'number', min: 1, step: 1 });
  const form = h('form', { class: 'inline card', 'aria-label': 'Add a scenario rule' },
    field('scenario-name', 'Rule name', name), field('scenario-client', 'Client', client), field('scenario-service', 'Service', service),
    field('scenario-operation', 'Operation', operation), field('scenario-ird', 'IRD number', ird), field('scenario-dialect', 'OAuth dialect', dialect),
    field('scenario-outcome', 'Outcome', outcome), field('scenario-code', 'Code', code), field('scenario-delay', 'Delay', delay),
    field('scenario-count', 'Count', count), h('button', { type: 'submit' }, 'Add rule'));

  const refresh = async () => {
    try {
      const rules = await api('GET', '/control/scenarios');
      if (!rules.length) {
        list.replaceChildren(h('p', { class: 'muted' }, 'No scenario rules: every call is answered as IR answers it.'));
        return;
      }
      list.replaceChildren(h('table', {},
        h('thead', {}, h('tr', {}, ['Name', 'Matches', 'Answer', 'Limit', 'Fired', 'State', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rules.map((rule) => {
          const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Remove scenario ${rule.name}` }, 'Remove');
          remove.addEventListener('click', async () => {
            try {
              await api('DELETE', `/control/scenarios/${encodeURIComponent(rule.name)}`);
              status.replaceChildren(h('p', { class: 'ok' }, `Removed ${rule.name}.`));
              await refresh();
            } catch (error) {
              showError(status, error);
            }
          });
          return h('tr', {},
            h('th', { scope: 'row' }, rule.name),
            h('td', {}, describe(rule.match) || 'every call'),
            h('td', {}, describe(rule.answer)),
            h('td', {}, describe(rule.limit) || 'none'),
            h('td', {}, String(rule.fired)),
            h('td', {}, rule.exhausted ? 'exhausted' : rule.remaining != null ? `${rule.remaining} left` : 'active'),
            h('td', {}, remove));
        }))));
    } catch (error) {
      showError(list, error);
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const match = compact({ client: client.value, service: service.value, operation: operation.value, ird: ird.value, dialect: dialect.value });
    const answer = compact({ outcome: outcome.value, code: code.value, delay: delay.value });
    const rule = { match, answer };
    if (count.value) rule.limit = { count: Number(count.value) };
    try {
      await api('PUT', `/control/scenarios/${encodeURIComponent(name.value.trim())}`, rule);
      status.replaceChildren(h('p', { class: 'ok' }, `Added ${name.value.trim()}.`));
      form.reset();
      await refresh();
    } catch (error) {
      showError(status, error);
    }
  });

  const clear = h('button', { type: 'button', class: 'danger' }, 'Clear all rules');
  clear.addEventListener('click', async () => {
    try {
      const cleared = await api('DELETE', '/control/scenarios');
      status.replaceChildren(h('p', { class: 'ok' }, `Removed ${cleared.removed} rules.`));
      await refresh();
    } catch (error) {
      showError(status, error);
    }
  });

  refresh();
  return h('section', { 'aria-labelledby': 'scenarios-title' },
    h('h2', { id: 'scenarios-title' }, 'Scenarios'),
    h('p', { class: 'muted' }, 'Rules that make IR misbehave on purpose: the first matching rule answers the call with its outcome.'),
    list, h('p', {}, clear), form, status);
}

function clock() {
  const facts = h('dl', { class: 'facts', 'aria-live': 'polite' });
  const status = h('div', { 'aria-live': 'polite' });
  const show = (view) => facts.replaceChildren(
    h('dt', {}, 'Server time'), h('dd', { id: 'clock-now' }, formatTime(view.now)),
    h('dt', {}, 'Real time'), h('dd', {}, formatTime(view.realNow)),
    h('dt', {}, 'Offset'), h('dd', {}, view.virtual ? view.offset : 'none (the real clock)'));
  const act = async (path, body) => {
    try {
      show(await api('POST', path, body));
      status.replaceChildren();
    } catch (error) {
      showError(status, error);
    }
  };

  const by = h('input', { required: true, autocomplete: 'off', placeholder: '8h, 2d, 1d2h30m' });
  const advance = h('form', { class: 'inline', 'aria-label': 'Advance the clock' }, field('clock-by', 'Advance by', by), h('button', { type: 'submit' }, 'Advance'));
  advance.addEventListener('submit', (event) => { event.preventDefault(); act('/control/clock/advance', { by: by.value.trim() }); });

  const to = h('input', { required: true, type: 'datetime-local', step: 1 });
  const set = h('form', { class: 'inline', 'aria-label': 'Set the clock' }, field('clock-to', 'Set to (UTC)', to), h('button', { type: 'submit' }, 'Set'));
  set.addEventListener('submit', (event) => { event.preventDefault(); act('/control/clock/set', { to: new Date(to.value + 'Z').toISOString() }); });

  const reset = h('button', { type: 'button', class: 'secondary' }, 'Back to the real clock');
  reset.addEventListener('click', () => act('/control/clock/reset'));

  api('GET', '/control/clock').then(show, (error) => showError(status, error));
  return h('section', { 'aria-labelledby': 'clock-title' },
    h('h2', { id: 'clock-title' }, 'Clock'),
    h('div', { class: 'card' }, facts, advance, set, h('p', {}, reset), status));
}

function certificates() {
  const client = h('input', { required: true, autocomplete: 'off' });
  const kind = choice(['valid', 'expired', 'not-yet-valid', 'untrusted-ca', 'wrong-cn', 'renewal'].map((k) => [k, k]), 'valid');
  const key = choice([['ecc', 'ECC (P-256)'], ['rsa', 'RSA 2048']], 'ecc');
  const use = choice([['tls', 'TLS client'], ['signing', 'M2M JWT signing']], 'tls');
  const days = h('input', { type: 'number', min: 1, max: 1461, step: 1, placeholder: '365' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline card', 'aria-label': 'Issue a test certificate' },
    field('cert-client', 'Cloud client', client), field('cert-kind', 'Kind', kind), field('cert-key', 'Key', key),
    field('cert-use', 'Use', use), field('cert-days', 'Days valid', days), h('button', { type: 'submit' }, 'Issue certificate'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const request = { clientId: client.value.trim(), kind: kind.value, key: key.value, use: use.value };
    if (days.value) request.days = Number(days.value);
    try {
      const issued = await api('POST', '/control/certificates', request);
      const base = `${request.clientId}-${request.kind}`;
      const button = (text, save) => {
        const b = h('button', { type: 'button', class: 'secondary' }, text);
        b.addEventListener('click', save);
        return b;
      };
      result.replaceChildren(h('div', { class: 'card' },
        h('p', {}, issued.note),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Subject'), h('dd', {}, issued.subject),
          h('dt', {}, 'Issuer'), h('dd', {}, issued.issuer, issued.trusted ? ' (trusted by the cloud endpoint)' : ' (not trusted by the cloud endpoint)'),
          h('dt', {}, 'Valid'), h('dd', {}, `${formatTime(issued.notBefore)} to ${formatTime(issued.notAfter)}`),
          h('dt', {}, 'Thumbprint'), h('dd', {}, issued.thumbprint)),
        h('p', {}, 'The key is shown once: download what you need now.'),
        h('p', {},
          button('Download certificate (PEM)', () => saveFile(issued.certificatePem, base + '.crt', 'application/x-pem-file')), ' ',
          button('Download private key (PEM)', () => saveFile(issued.privateKeyPem, base + '.key', 'application/x-pem-file')), ' ',
          button('Download PKCS#12', () => saveFile(Uint8Array.from(atob(issued.pkcs12), (c) => c.charCodeAt(0)), base + '.p12', 'application/x-pkcs12')))));
    } catch (error) {
      showError(result, error);
    }
  });
  return h('section', { 'aria-labelledby': 'ca-title' },
    h('h2', { id: 'ca-title' }, 'Test CA'),
    h('p', { class: 'muted' }, 'Issue a DSP certificate for a cloud client: valid, or one IR would refuse. Nothing is enrolled.'),
    form, result);
}

function reports() {
  const client = h('input', { required: true, autocomplete: 'off' });
  const template = choice([['', 'All templates']]);
  const format = choice([['md', 'Markdown'], ['html', 'HTML'], ['csv', 'CSV'], ['json', 'JSON']], 'md');
  const status = h('div', { 'aria-live': 'polite' });
  const behaviour = h('div', { 'aria-live': 'polite' });
  api('GET', '/control/reports/templates').then(
    (templates) => template.append(...templates.map((t) => h('option', { value: t.key }, `${t.title} (${t.scenarios} scenarios)`))),
    (error) => showError(status, error));

  const form = h('form', { class: 'inline card', 'aria-label': 'Test report' },
    field('report-client', 'Client', client), field('report-template', 'Template', template), field('report-format', 'Format', format),
    h('button', { type: 'submit' }, 'Download test report'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ format: format.value });
    if (template.value) query.set('template', template.value);
    try {
      await download(`/control/reports/test/${encodeURIComponent(client.value.trim())}?${query}`,
        `test-report-${client.value.trim()}${template.value ? '-' + template.value : ''}.${format.value}`);
      status.replaceChildren(h('p', { class: 'ok' }, 'Test report downloaded.'));
    } catch (error) {
      showError(status, error);
    }
  });

  const show = h('button', { type: 'button', class: 'secondary' }, 'Show behaviour report');
  show.addEventListener('click', async () => {
    if (!client.reportValidity()) return;
    try {
      const text = await api('GET', `/control/reports/behaviour/${encodeURIComponent(client.value.trim())}?format=md`);
      behaviour.replaceChildren(h('h3', {}, `Behaviour of ${client.value.trim()}`), h('pre', {}, text));
    } catch (error) {
      showError(behaviour, error);
    }
  });

  return h('section', { 'aria-labelledby': 'reports-title' },
    h('h2', { id: 'reports-title' }, 'Reports'),
    h('p', { class: 'muted' }, 'IR\'s test report filled in from a client\'s recorded calls, and its behaviour against IR\'s rules.'),
    form, status, h('p', {}, show), behaviour);
}

function compact(object) {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]).filter(([, v]) => v !== '' && v != null));
}

function describe(object) {
  return object ? Object.entries(object).filter(([, v]) => v != null).map(([k, v]) => `${k}: ${v}`).join(', ') : '';
}
