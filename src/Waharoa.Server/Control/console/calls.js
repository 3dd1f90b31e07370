import { api, h, showError, formatTime, startPage } from './console.js';

// The request inspector: the recorded OAuth and gateway calls, newest first, live from /control/calls/stream; one opened shows
// its request and answer (redacted as stored), the scenario that answered it and why it was refused.

const shownAtMost = 500;

startPage(async (main) => {
  const field = (id, label, input) => h('div', {}, h('label', { for: id }, label), input);
  const client = h('input', { id: 'filter-client', name: 'client', autocomplete: 'off' });
  const endpoint = h('select', { id: 'filter-endpoint', name: 'endpoint' },
    h('option', { value: '' }, 'Any'), h('option', { value: 'desktop' }, 'desktop'), h('option', { value: 'cloud' }, 'cloud'));
  const area = h('select', { id: 'filter-area', name: 'area' },
    h('option', { value: '' }, 'Any'), h('option', { value: 'oauth' }, 'OAuth'), h('option', { value: 'gateway' }, 'gateway'));
  const status = h('input', { id: 'filter-status', name: 'status', placeholder: '401, 4xx or refused', autocomplete: 'off' });
  const ird = h('input', { id: 'filter-ird', name: 'ird', inputmode: 'numeric', autocomplete: 'off' });
  const from = h('input', { id: 'filter-from', name: 'from', type: 'datetime-local', step: 1 });
  const to = h('input', { id: 'filter-to', name: 'to', type: 'datetime-local', step: 1 });
  const form = h('form', { class: 'inline card', 'aria-label': 'Filter calls' },
    field('filter-client', 'Client', client), field('filter-endpoint', 'Endpoint', endpoint), field('filter-area', 'Area', area),
    field('filter-status', 'Status', status), field('filter-ird', 'IRD number', ird),
    field('filter-from', 'From (UTC)', from), field('filter-to', 'To (UTC)', to),
    h('button', { type: 'submit' }, 'Apply filters'));

  const live = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'true' }, 'Live');
  const liveStatus = h('span', { class: 'muted', 'aria-live': 'polite' });
  const problems = h('div', { 'aria-live': 'polite' });
  const rows = h('tbody');
  const table = h('table', {},
    h('caption', { class: 'muted' }, 'Recorded calls, newest first'),
    h('thead', {}, h('tr', {}, ['Time', 'Endpoint', 'Client', 'Service / operation', 'Caller', 'Status', 'IR code', 'Duration', 'Details']
      .map((title) => h('th', { scope: 'col' }, title)))),
    rows);
  const older = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load older calls');
  const detail = h('section', { id: 'call-detail', 'aria-live': 'polite', 'aria-label': 'Call details' });
  main.replaceChildren(h('h1', {}, 'Inspector'), form, h('p', {}, live, ' ', liveStatus), problems, table, older, detail);

  let newest = 0;
  let nextBefore = null;
  let stream = null;
  let selected = null;

  const filters = () => {
    const query = new URLSearchParams();
    const add = (name, value) => { if (value.trim()) query.set(name, value.trim()); };
    add('client', client.value);
    add('endpoint', endpoint.value);
    add('area', area.value);
    add('status', status.value);
    add('ird', ird.value);
    if (from.value) query.set('from', new Date(from.value + 'Z').toISOString());
    if (to.value) query.set('to', new Date(to.value + 'Z').toISOString());
    return query;
  };

  const row = (call) => {
    const open = h('button', { type: 'button', class: 'link', 'aria-label': `Open call ${call.id}` }, 'Open');
    open.addEventListener('click', () => openCall(call.id, tr));
    const refused = call.status === 0 || call.status >= 400 || !!call.reason;
    const tr = h('tr', { 'data-id': call.id },
      h('td', {}, formatTime(call.at)),
      h('td', {}, call.endpoint, ' ', h('span', { class: 'muted' }, call.area)),
      h('td', {}, call.clientId ?? '—'),
      h('td', {}, [call.service, call.operation].filter(Boolean).join(' / ') || '—'),
      h('td', {}, caller(call)),
      h('td', {}, String(call.status), ' ', h('span', { class: refused ? 'error' : 'ok' }, call.status === 0 ? 'reset' : refused ? 'refused' : 'answered')),
      h('td', {}, call.irCode ?? ''),
      h('td', {}, `${Math.round(call.durationMs)} ms`),
      h('td', {}, open));
    return tr;
  };

  const load = async () => {
    closeStream();
    problems.replaceChildren();
    try {
      const page = await api('GET', '/control/calls?' + withParams(filters(), { content: 'false', limit: '100' }));
      rows.replaceChildren(...page.calls.map(row));
      newest = page.calls.length ? page.calls[0].id : await newestId();
      nextBefore = page.nextBefore ?? null;
      older.hidden = nextBefore === null;
      if (!page.calls.length) rows.replaceChildren(emptyRow());
    } catch (error) {
      showError(problems, error);
      return;
    }
    if (live.getAttribute('aria-pressed') === 'true') openStream();
  };

  const newestId = async () => {
    const page = await api('GET', '/control/calls?content=false&limit=1');
    return page.calls.length ? page.calls[0].id : 0;
  };

  const openStream = () => {
    closeStream();
    stream = new EventSource('/control/calls/stream?' + withParams(filters(), { after: String(newest) }));
    stream.addEventListener('call', (event) => {
      const call = JSON.parse(event.data);
      if (rows.querySelector(`tr[data-id="${call.id}"]`)) return;
      rows.querySelector('tr.empty')?.remove();
      rows.prepend(row(call));
      newest = Math.max(newest, call.id);
      while (rows.children.length > shownAtMost) rows.lastElementChild.remove();
      liveStatus.textContent = `Live: call ${call.id} arrived ${formatTime(call.at)}.`;
    });
    stream.addEventListener('open', () => { liveStatus.textContent = 'Live: new calls appear at the top.'; });
    stream.addEventListener('error', () => { liveStatus.textContent = 'Live: reconnecting…'; });
  };

  function closeStream() {
    stream?.close();
    stream = null;
  }

  const openCall = async (id, tr) => {
    selected?.classList.remove('selected');
    selected = tr;
    tr.classList.add('selected');
    try {
      showCall(detail, await api('GET', `/control/calls/${id}`));
      detail.querySelector('h2')?.focus();
    } catch (error) {
      showError(detail, error);
    }
  };

  live.addEventListener('click', () => {
    const on = live.getAttribute('aria-pressed') !== 'true';
    live.setAttribute('aria-pressed', String(on));
    live.textContent = on ? 'Live' : 'Paused';
    if (on) {
      openStream();
    } else {
      closeStream();
      liveStatus.textContent = 'Paused: new calls are not shown until you press Paused again.';
    }
  });

  older.addEventListener('click', async () => {
    try {
      const page = await api('GET', '/control/calls?' + withParams(filters(), { content: 'false', limit: '100', before: String(nextBefore) }));
      rows.append(...page.calls.map(row));
      nextBefore = page.nextBefore ?? null;
      older.hidden = nextBefore === null;
    } catch (error) {
      showError(problems, error);
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    detail.replaceChildren();
    load();
  });

  const preset = new URLSearchParams(location.search);
  client.value = preset.get('client') ?? '';
  status.value = preset.get('status') ?? '';
  window.addEventListener('pagehide', closeStream);
  await load();
});

function withParams(query, extra) {
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return query.toString();
}

function emptyRow() {
  return h('tr', { class: 'empty' }, h('td', { colspan: 9, class: 'muted' }, 'No calls recorded for these filters yet.'));
}

function caller(call) {
  if (call.authentication === 'm2m') return `M2M${call.logon ? ' (' + call.logon + ')' : ''}`;
  if (call.logon) return call.logon;
  return call.authentication ?? '—';
}

function showCall(where, call) {
  const facts = [
    ['Time', formatTime(call.at)],
    ['Request', `${call.method} ${call.path}`],
    ['Endpoint', `${call.endpoint} (${call.area})`],
    ['Client', call.clientId ?? 'not identified'],
    ['Service / operation', [call.service, call.operation].filter(Boolean).join(' / ') || '—'],
    ['Grant type', call.grantType],
    ['Caller', caller(call)],
    ['IRD number', call.irdNumber],
    ['Status', call.status === 0 ? '0 (connection reset)' : String(call.status)],
    ['IR code', call.irCode],
    ['Duration', `${call.durationMs} ms`],
    ['Injected scenario', call.scenario],
    ['Behaviour noticed', call.flags?.length ? call.flags.join(', ') : null],
  ].filter(([, value]) => value !== null && value !== undefined && value !== '');
  const section = (title, text) => [h('h3', {}, title), h('pre', {}, text || '(empty)')];
  where.replaceChildren(...[
    h('h2', { tabindex: '-1' }, `Call ${call.id}`),
    call.reason
      ? h('p', { class: 'card', id: 'call-reason' }, h('strong', {}, 'Why it was refused: '), call.reason)
      : h('p', { class: 'muted' }, 'No refusal recorded for this call.'),
    call.scenario ? h('p', { class: 'card' }, h('strong', {}, 'Answered by the injected scenario: '), call.scenario) : null,
    h('dl', { class: 'facts' }, facts.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
    section('Request headers', call.requestHeaders),
    section('Request body', call.requestBody),
    section('Response headers', call.responseHeaders),
    section('Response body', call.responseBody),
  ].flat().filter(Boolean));
}
