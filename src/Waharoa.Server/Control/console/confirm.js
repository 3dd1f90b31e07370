import { h, showError } from './console.js';

/**
 * Asks in the page before a change that cannot be undone: shows question in where with a confirm button (its name is
 * label) and Cancel; confirming runs action, whose result (text) is then shown as the outcome. No window.confirm: the
 * question is part of the page, reachable by keyboard and announced (where is aria-live).
 */
export function confirmThen(where, question, label, action) {
  const confirm = h('button', { type: 'button', class: 'danger' }, label);
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    cancel.disabled = true;
    try {
      const outcome = await action();
      where.replaceChildren(h('p', { class: 'ok', role: 'status' }, outcome));
    } catch (error) {
      showError(where, error);
    }
  });
  cancel.addEventListener('click', () => where.replaceChildren());
  where.replaceChildren(h('div', { class: 'card', role: 'group', 'aria-label': 'Confirm' }, h('p', {}, question), confirm, ' ', cancel));
  confirm.focus();
}
