import { api, formatTime, h, showError, startPage } from './console.js';
import { confirmThen } from './confirm.js';

// Consents and tokens: what users consented to, the live grants and tokens (by id: values are never kept), and revoking
// them, through /control/consents, /control/tokens and their revoke routes. A revocation holds at once on every instance.
startPage(async (main) => {
  const params = new URLSearchParams(location.search);
  const user = h('input', { id: 'user', name: 'user', type: 'text', autocomplete: 'off', value: params.get('user') ?? '' });
  const client = h('input', { id: 'client', name: 'client', type: 'text', autocomplete: 'off', value: params.get('client') ?? '' });
  const filter = h('form', { class: 'inline', role: 'search' },
    h('div', {}, h('label', { for: 'user' }, 'User (myIR logon)'), user),
    h('div', {}, h('label', { for: 'client' }, 'Client ID'), client),
    h('button', { type: 'submit' }, 'Show'));
  const question = h('div', { id: 'confirm', 'aria-live': 'polite' });
  const userActions = h('div', {});
  const consents = h('section', { 'aria-labelledby': 'consents-title', 'aria-live': 'polite' });
  const tokens = h('section', { 'aria-labelledby': 'tokens-title', 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, 'Consents and tokens'), filter, question, userActions, consents, tokens);

  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (user.value.trim()) query.set('user', user.value.trim());
    if (client.value.trim()) query.set('client', client.value.trim());
    history.replaceState(null, '', location.pathname + (query.size ? '?' + query : ''));
    question.replaceChildren();
    load();
  });

  function ask(text, label, action) {
    confirmThen(question, text, label, async () => {
      const outcome = await action();
      await load();
      return outcome;
    });
  }

  async function load() {
    const query = new URLSearchParams();
    if (user.value.trim()) query.set('user', user.value.trim());
    if (client.value.trim()) query.set('client', client.value.trim());
    const suffix = query.size ? '?' + query : '';
    const who = user.value.trim();
    userActions.replaceChildren(who
      ? h('button', { type: 'button', class: 'danger', onclick: () => ask(
        `Withdraw every consent ${who} gave and revoke every grant they hold, with every client? Their tokens stop working at once.`,
        'Confirm revoke everything', async () => {
          const done = await api('POST', `/control/users/${encodeURIComponent(who)}/revoke`);
          return `Revoked everything of ${who}: ${done.consentsWithdrawn} consent(s) withdrawn, ${done.grantsRevoked} other grant(s) revoked.`;
        }) }, `Revoke everything of ${who}`)
      : null);
    try {
      const [consentList, grantList] = await Promise.all([api('GET', '/control/consents' + suffix), api('GET', '/control/tokens' + suffix)]);
      renderConsents(consentList.consents);
      renderTokens(grantList.grants);
    } catch (error) {
      showError(consents, error);
      tokens.replaceChildren();
    }
  }

  function renderConsents(list) {
    consents.replaceChildren(h('h2', { id: 'consents-title' }, 'Consents'),
      list.length === 0 ? h('p', { class: 'muted' }, 'No consents.') : h('table', {},
        h('thead', {}, h('tr', {}, ['User', 'Client', 'Given', 'Action'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, list.map((c) => h('tr', {},
          h('td', {}, c.user), h('td', {}, c.client), h('td', {}, formatTime(c.grantedAt)),
          h('td', {}, h('button', { type: 'button', class: 'danger', onclick: () => ask(
            `Withdraw the consent of ${c.user} for ${c.client}? Every token between them stops working at once, and the next authorisation asks for consent again.`,
            'Confirm revoke consent', async () => {
              await api('POST', `/control/consents/${encodeURIComponent(c.user)}/${encodeURIComponent(c.client)}/revoke`);
              return `Revoked the consent of ${c.user} for ${c.client}.`;
            }) }, 'Revoke consent')))))));
  }

  function renderTokens(grants) {
    const rows = grants.flatMap((g) => g.tokens.map((t) => ({ grant: g, token: t })));
    tokens.replaceChildren(h('h2', { id: 'tokens-title' }, 'Live grants and tokens'),
      h('p', { class: 'muted' }, 'Tokens are shown by id (their jti; a START refresh token by the hash it is kept under): their values are never kept.'),
      rows.length === 0 ? h('p', { class: 'muted' }, 'No live tokens.') : h('table', {},
        h('thead', {}, h('tr', {}, ['User', 'Client', 'Grant', 'Scope', 'Endpoint', 'Kind', 'Token id', 'Issued', 'Expires', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows.map(({ grant, token }) => h('tr', {},
          h('td', {}, grant.user), h('td', {}, grant.client), h('td', {}, h('code', {}, grant.id)), h('td', {}, grant.scope), h('td', {}, grant.endpoint),
          h('td', {}, token.kind), h('td', {}, h('code', {}, token.id)), h('td', {}, formatTime(token.issuedAt)), h('td', {}, formatTime(token.expiresAt)),
          h('td', {},
            h('button', { type: 'button', class: 'danger', onclick: () => ask(
              `Revoke this ${token.kind} token of ${grant.user} for ${grant.client}? The gateway refuses it from the next call.`,
              'Confirm revoke token', async () => {
                await api('POST', `/control/tokens/${encodeURIComponent(token.id)}/revoke`);
                return `Revoked the ${token.kind} token ${token.id}.`;
              }) }, 'Revoke token'), ' ',
            h('button', { type: 'button', class: 'danger', onclick: () => ask(
              `Revoke the grant ${grant.id} of ${grant.user} for ${grant.client}, with all its tokens? The consent stays.`,
              'Confirm revoke grant', async () => {
                await api('POST', `/control/grants/${encodeURIComponent(grant.id)}/revoke`);
                return `Revoked the grant ${grant.id} and its tokens.`;
              }) }, 'Revoke grant')))))));
  }

  await load();
});
