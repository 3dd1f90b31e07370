import { api, formatTime, h, showError, startPage } from './console.js';

// The console's home: this instance's health, as GET /control/health describes it.
startPage(async (main) => {
  const body = h('div', { 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => load() }, 'Refresh');
  main.replaceChildren(h('h1', {}, 'Health'), refresh, body);

  async function load() {
    try {
      render(await api('GET', '/control/health'));
    } catch (error) {
      showError(body, error);
    }
  }

  function render(health) {
    const { instance, store, redis } = health;
    body.replaceChildren(
      h('p', { class: 'muted' }, 'As of ', formatTime(health.at)),
      h('section', { 'aria-labelledby': 'instance-title' },
        h('h2', { id: 'instance-title' }, 'Instance'),
        facts([
          ['Product', `${instance.product} ${instance.version}`],
          ['Clock', `${formatTime(instance.now)} (${instance.virtualClock ? 'virtual: moved' : 'real'})`],
        ])),
      h('section', { 'aria-labelledby': 'store-title' },
        h('h2', { id: 'store-title' }, 'Store'),
        facts([
          ['Provider', store.provider + (store.shared ? ' (shared by several instances)' : '')],
          ['Status', h('span', { class: store.answers ? 'ok' : 'error' }, store.answers ? 'Answers' : 'Does not answer')],
          ['Ping', store.pingMilliseconds === undefined ? '—' : `${store.pingMilliseconds} ms`],
          ['Schema version', store.schemaVersion ?? '—'],
          ['Details', store.description],
        ])),
      h('section', { 'aria-labelledby': 'redis-title' },
        h('h2', { id: 'redis-title' }, 'Redis and instances'),
        facts([
          ['Redis', h('span', { class: redis.connected || !redis.configured ? 'ok' : 'error' },
            !redis.configured ? 'Not configured' : redis.connected ? 'Connected' : 'Not connected')],
          ['Instances known', redis.instances ?? (redis.configured ? 'unknown' : '1 (this one; others are known only through Redis)')],
          ['Details', redis.description],
        ])),
      h('section', { 'aria-labelledby': 'throttle-title' },
        h('h2', { id: 'throttle-title' }, 'Throttle counters per DSP (this instance, since it started)'),
        health.throttle.length === 0
          ? h('p', { class: 'muted' }, 'No gateway calls yet.')
          : table(['Client', 'Endpoint', 'Admitted', 'Throttled', 'In flight', 'Policy'],
            health.throttle.map((c) => [c.client, c.endpoint, c.admitted, c.throttled, c.inFlight,
              `${c.ratePerSecond}/s, burst ${c.burst}, ${c.maxInFlight} in flight`]))),
      h('section', { 'aria-labelledby': 'metrics-title' },
        h('h2', { id: 'metrics-title' }, 'Metrics'),
        health.metrics.length === 0
          ? h('p', { class: 'muted' }, 'Nothing counted yet.')
          : table(['Metric', 'Labels', 'Value'],
            health.metrics.map((m) => [m.name, Object.entries(m.labels).map(([k, v]) => `${k}=${v}`).join(', '), m.value]))));
  }

  await load();
});

function facts(rows) {
  return h('dl', { class: 'facts' }, rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
}

function table(headings, rows) {
  return h('table', {},
    h('thead', {}, h('tr', {}, headings.map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, String(cell)))))));
}
