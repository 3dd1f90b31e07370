import { api, h, showError, startPage } from './console.js';

// The console's home: this instance, as GET /control/instance describes it.
startPage(async (main) => {
  const body = h('section', { 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, 'Health'), body);
  try {
    const instance = await api('GET', '/control/instance');
    body.replaceChildren(h('dl', { class: 'facts' },
      Object.entries(instance).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))])));
  } catch (error) {
    showError(body, error);
  }
});
