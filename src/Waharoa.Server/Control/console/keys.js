import { api, formatTime, h, showError, startPage } from './console.js';
import { confirmThen } from './confirm.js';

// Signing keys: which signs and until when the others verify, rotating and retiring, and the JWKS that publishes them,
// through /control/keys.
startPage(async (main) => {
  const retireAfter = h('input', { id: 'retire-after', name: 'retireAfter', type: 'text', value: '183d', autocomplete: 'off', 'aria-describedby': 'retire-after-help' });
  const rotate = h('form', { class: 'inline' },
    h('div', {}, h('label', { for: 'retire-after' }, 'The keys in use verify for'), retireAfter),
    h('button', { type: 'submit' }, 'Rotate keys'));
  const help = h('p', { id: 'retire-after-help', class: 'muted' },
    'A rotation makes a new key that signs from now on; the keys in use keep verifying for this long (e.g. 183d, 8h, 30m; at least 1m), so tokens they signed keep working. The JWKS shows both.');
  const status = h('div', { 'aria-live': 'polite' });
  const keys = h('section', { 'aria-labelledby': 'keys-title', 'aria-live': 'polite' });
  const jwks = h('section', { 'aria-labelledby': 'jwks-title' });
  main.replaceChildren(h('h1', {}, 'Keys'), rotate, help, status, keys, jwks);

  rotate.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const done = await api('POST', '/control/keys/rotate', { retireAfter: retireAfter.value.trim() });
      status.replaceChildren(h('p', { class: 'ok', role: 'status' }, `Signing with ${done.kid} from now on; the previous keys verify until ${formatTime(done.previousVerifyUntil)}.`));
      await load();
    } catch (error) {
      showError(status, error);
    }
  });

  async function load() {
    try {
      render(await api('GET', '/control/keys'));
    } catch (error) {
      showError(keys, error);
    }
  }

  function render(list) {
    keys.replaceChildren(h('h2', { id: 'keys-title' }, 'Signing keys'), h('table', {},
      h('thead', {}, h('tr', {}, ['Key ID (kid)', 'Algorithm', 'State', 'Made', 'Retires', 'Action'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.keys.map((k) => h('tr', {},
        h('td', {}, h('code', {}, k.kid)), h('td', {}, k.algorithm), h('td', {}, k.state), h('td', {}, formatTime(k.createdAt)),
        h('td', {}, k.retiresAt ? formatTime(k.retiresAt) : '—'),
        h('td', {}, k.state === 'verifying'
          ? h('button', { type: 'button', class: 'danger', 'aria-label': `Retire ${k.kid}`, onclick: () => confirmThen(status,
            `Retire key ${k.kid} now? Tokens it signed are refused from the next call, and the JWKS drops it.`, 'Confirm retire', async () => {
              await api('POST', `/control/keys/${encodeURIComponent(k.kid)}/retire`);
              await load();
              return `Retired ${k.kid}: it no longer verifies.`;
            }) }, 'Retire')
          : '—'))))));
    jwks.replaceChildren(h('h2', { id: 'jwks-title' }, 'JWKS'),
      h('p', {}, 'Both dialects publish their keys here: START tokens name theirs by kid, xIAMS tokens by x5t. The cloud endpoint needs a client certificate.'),
      h('ul', {}, list.jwks.map((link) => h('li', {}, `${link.endpoint}: `, h('a', { href: link.url }, link.url)))));
  }

  await load();
});
