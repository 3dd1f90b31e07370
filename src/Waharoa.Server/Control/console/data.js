import { api, download, h, showError, startPage, formatTime } from './console.js';

// The test data the sandbox services run on (GET /control/data/...): seed files loaded and exported, and one record of
// each kind added, changed or removed, checked as a seed file's entries are.

const accessLevels = ['None', 'View', 'File', 'Full'];
const roles = ['Owner', 'Administrator', 'User', 'RestrictedUser'];
const listTypes = ['TAXCLI', 'BKPCLI', 'PRBCLI', 'PAYCLI', 'OTHCLI'];

let main;

startPage(async (where) => {
  main = where;
  await render();
});

async function render() {
  const sections = [seedSection(), h('p', { class: 'muted', id: 'loading' }, 'Loading the test data…')];
  main.replaceChildren(h('h1', {}, 'Test data'), ...sections);
  try {
    const [users, customers, delegations, agencies, lists] = await Promise.all(
      ['users', 'customers', 'delegations', 'agencies', 'client-lists'].map((kind) => api('GET', '/control/data/' + kind)));
    document.getElementById('loading').replaceWith(
      usersSection(users), customersSection(customers), delegationsSection(delegations), agenciesSection(agencies), listsSection(lists));
  } catch (error) {
    showError(document.getElementById('loading'), error);
  }
}

/** A labelled field: [label, control]. */
function field(id, text, control) {
  control.id = id;
  control.name = id;
  return [h('label', { for: id }, text), control];
}

function select(options, value) {
  return h('select', {}, options.map((o) => h('option', { value: o, selected: o === value }, o)));
}

function table(caption, headings, rows) {
  return h('table', {},
    h('caption', { class: 'muted' }, caption),
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows));
}

/** Runs change(), shows what it says in status, and draws the page again. */
async function act(status, change) {
  status.replaceChildren('Saving…');
  try {
    const message = await change();
    await render();
    const again = document.getElementById(status.id);
    again?.replaceChildren(...[].concat(message ?? 'Saved.'));
  } catch (error) {
    showError(status, error);
  }
}

function seedSection() {
  const status = h('div', { id: 'seed-status', 'aria-live': 'polite' });
  const [fileLabel, file] = field('seed-file', 'Seed file (YAML or JSON)', h('input', { type: 'file', accept: '.yaml,.yml,.json,text/yaml,application/json' }));
  const load = h('form', { class: 'inline', id: 'seed-load' }, h('div', {}, fileLabel, file), h('button', { type: 'submit' }, 'Load seed'));
  load.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Choose a seed file first.'));
      return;
    }
    const text = await chosen.text();
    await act(status, async () => {
      const loaded = await api('POST', '/control/data/seed?source=' + encodeURIComponent(chosen.name), text, { contentType: 'application/yaml' });
      return h('p', { class: 'ok' }, loaded.applied
        ? `Loaded ${chosen.name}: ${loaded.users} users, ${loaded.customers} customers (${loaded.accounts} accounts), ${loaded.clientLists} client lists (${loaded.links} links), ${loaded.scenarios} scenario rules, ${loaded.clients} clients.`
        : `Unchanged: ${chosen.name} was loaded before (a seed is applied once per content).`);
    });
  });
  const exportButton = h('button', { type: 'button', class: 'secondary' }, 'Export seed');
  exportButton.addEventListener('click', async () => {
    try {
      await download('/control/data/seed');
      status.replaceChildren(h('p', { class: 'ok' }, 'Exported the test data as a seed file.'));
    } catch (error) {
      showError(status, error);
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'seed-heading' },
    h('h2', { id: 'seed-heading' }, 'Seed files'),
    h('p', {}, 'Load a seed file (docs/seed-files.md): checked whole first, then added (records given replace their own; nothing is deleted). ',
      'Export writes every user (with its password hash), customer, account, return, employee, delegation, agency, client list and scenario rule as one; ',
      'DSP clients are not exported.'),
    load, h('p', {}, exportButton), status);
}

function usersSection(users) {
  const status = h('div', { id: 'users-status', 'aria-live': 'polite' });
  const [logonLabel, logon] = field('user-logon', 'Logon', h('input', { required: true, autocomplete: 'off' }));
  const [passwordLabel, password] = field('user-password', 'Password (empty: a new random one)', h('input', { type: 'password', autocomplete: 'new-password' }));
  const form = h('form', { class: 'inline', id: 'user-form' },
    h('div', {}, logonLabel, logon), h('div', {}, passwordLabel, password),
    h('button', { type: 'submit', name: 'add' }, 'Add user'), h('button', { type: 'button', class: 'secondary', id: 'user-set-password' }, 'Set password'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(status, async () => {
      const added = await api('POST', '/control/data/users', { logon: logon.value, password: password.value || null });
      return added.password
        ? [h('p', { class: 'ok' }, `Added ${added.logon}. Its password, shown this once:`), h('p', { class: 'secret' }, added.password)]
        : h('p', { class: 'ok' }, `Added ${added.logon}.`);
    });
  });
  form.querySelector('#user-set-password').addEventListener('click', () => act(status, async () => {
    await api('PUT', `/control/data/users/${encodeURIComponent(logon.value)}/password`, { password: password.value });
    return h('p', { class: 'ok' }, `Changed the password of ${logon.value}.`);
  }));
  const rows = users.map((user) => h('tr', {},
    h('th', { scope: 'row' }, user.logon),
    h('td', {}, user.canSignIn ? 'Yes' : 'No (no password)'),
    h('td', {}, formatTime(user.createdAt)),
    h('td', {}, user.owns.join(', ')),
    h('td', {}, user.delegations.map((d) => `${d.customer} (${d.access})`).join(', ')),
    h('td', {}, user.agencies.map((a) => `${a.agency} (${a.role}, ${a.access})`).join(', ')),
    h('td', {}, button(`Remove ${user.logon}`, 'Remove', () => act(status, async () => {
      await api('DELETE', `/control/data/users/${encodeURIComponent(user.logon)}`);
      return h('p', { class: 'ok' }, `Removed ${user.logon}.`);
    })))));
  return h('section', { 'aria-labelledby': 'users-heading' },
    h('h2', { id: 'users-heading' }, `Users (${users.length})`),
    h('div', { class: 'card' }, form, status),
    table('myIR logons: whether they can sign in, and what they own, were given and work for',
      ['Logon', 'Can sign in', 'Added', 'Owns', 'Delegations', 'Agencies', 'Actions'], rows));
}

function customersSection(customers) {
  const status = h('div', { id: 'customers-status', 'aria-live': 'polite' });
  const [irdLabel, ird] = field('customer-ird', 'IRD number', h('input', { required: true, inputmode: 'numeric', autocomplete: 'off' }));
  const [nameLabel, name] = field('customer-name', 'Name', h('input', { required: true, autocomplete: 'off' }));
  const [cstLabel, cst] = field('customer-cst', 'Customer identifier (CST)', h('input', { autocomplete: 'off' }));
  const [intermediaryLabel, intermediary] = field('customer-intermediary', 'Intermediary', h('input', { type: 'checkbox' }));
  const [preparerLabel, preparer] = field('customer-tax-preparer', 'Tax preparer', h('input', { type: 'checkbox' }));
  const form = h('form', { class: 'inline', id: 'customer-form' },
    h('div', {}, irdLabel, ird), h('div', {}, nameLabel, name), h('div', {}, cstLabel, cst),
    h('div', {}, intermediaryLabel, intermediary), h('div', {}, preparerLabel, preparer),
    h('button', { type: 'submit' }, 'Save customer'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(status, async () => {
      const saved = await api('PUT', `/control/data/customers/${encodeURIComponent(ird.value.trim())}`,
        { name: name.value, cst: cst.value || null, intermediary: intermediary.checked, taxPreparer: preparer.checked });
      return h('p', { class: 'ok' }, `Saved customer ${saved.ird} (${saved.name}).`);
    });
  });
  const rows = customers.map((customer) => h('tr', {},
    h('th', { scope: 'row' }, customer.ird),
    h('td', {}, customer.name),
    h('td', {}, customer.cst ?? ''),
    h('td', {}, [customer.intermediary && 'intermediary', customer.taxPreparer && 'tax preparer'].filter(Boolean).join(', ')),
    h('td', {}, h('ul', {}, customer.accounts.map((a) => h('li', {},
      `${a.id}${a.eligible ? '' : ' (not eligible)'}${a.gst ? ', GST profile' : ''}${a.ei ? ', EI profile' : ''}`
      + `${a.returns ? `, ${a.returns} returns` : ''}${a.employees ? `, ${a.employees} employees` : ''}${a.events ? `, ${a.events} events` : ''}`)))),
    h('td', {}, button(`Edit ${customer.ird}`, 'Edit', () => {
      ird.value = customer.ird;
      name.value = customer.name;
      cst.value = customer.cst ?? '';
      intermediary.checked = customer.intermediary;
      preparer.checked = customer.taxPreparer;
      name.focus();
    }))));
  return h('section', { 'aria-labelledby': 'customers-heading' },
    h('h2', { id: 'customers-heading' }, `Customers and accounts (${customers.length})`),
    h('div', { class: 'card' }, form, status),
    table('Customers with their tax accounts', ['IRD number', 'Name', 'CST', 'Kind', 'Accounts', 'Actions'], rows));
}

function delegationsSection(delegations) {
  const status = h('div', { id: 'delegations-status', 'aria-live': 'polite' });
  const [logonLabel, logon] = field('delegation-logon', 'Logon', h('input', { required: true, autocomplete: 'off' }));
  const [customerLabel, customer] = field('delegation-customer', 'Customer IRD number', h('input', { required: true, autocomplete: 'off' }));
  const [accessLabel, access] = field('delegation-access', 'Access', select(['Owner', ...accessLevels], 'View'));
  const form = h('form', { class: 'inline', id: 'delegation-form' },
    h('div', {}, logonLabel, logon), h('div', {}, customerLabel, customer), h('div', {}, accessLabel, access),
    h('button', { type: 'submit' }, 'Save delegation'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(status, async () => {
      const saved = await api('PUT', `/control/data/delegations/${encodeURIComponent(logon.value)}/${encodeURIComponent(customer.value.trim())}`, { access: access.value });
      return h('p', { class: 'ok' }, `${saved.logon} now has ${saved.access} access to ${saved.customer}.`);
    });
  });
  const rows = delegations.map((d) => h('tr', {},
    h('th', { scope: 'row' }, d.logon), h('td', {}, d.customer), h('td', {}, d.access),
    h('td', {}, button(`Remove ${d.logon}'s access to ${d.customer}`, 'Remove', () => act(status, async () => {
      await api('DELETE', `/control/data/delegations/${encodeURIComponent(d.logon)}/${encodeURIComponent(d.customer)}`);
      return h('p', { class: 'ok' }, `Removed ${d.logon}'s access to ${d.customer}.`);
    })))));
  return h('section', { 'aria-labelledby': 'delegations-heading' },
    h('h2', { id: 'delegations-heading' }, `Delegations (${delegations.length})`),
    h('div', { class: 'card' }, form, status),
    table('Who may act for which customer: Owner, or a delegated access level', ['Logon', 'Customer', 'Access', 'Actions'], rows));
}

function agenciesSection(agencies) {
  const status = h('div', { id: 'agencies-status', 'aria-live': 'polite' });
  const [agencyLabel, agency] = field('staff-agency', 'Agency IRD number', h('input', { required: true, autocomplete: 'off' }));
  const [logonLabel, logon] = field('staff-logon', 'Staff logon', h('input', { required: true, autocomplete: 'off' }));
  const [roleLabel, role] = field('staff-role', 'Role', select(roles, 'User'));
  const [accessLabel, access] = field('staff-access', 'Access to client lists', select(accessLevels, 'Full'));
  const form = h('form', { class: 'inline', id: 'staff-form' },
    h('div', {}, agencyLabel, agency), h('div', {}, logonLabel, logon), h('div', {}, roleLabel, role), h('div', {}, accessLabel, access),
    h('button', { type: 'submit' }, 'Save staff member'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(status, async () => {
      const saved = await api('PUT', `/control/data/agencies/${encodeURIComponent(agency.value.trim())}/staff/${encodeURIComponent(logon.value)}`,
        { role: role.value, access: access.value });
      return h('p', { class: 'ok' }, `${saved.logon} is ${saved.role} of ${saved.agency} with ${saved.access} access.`);
    });
  });
  const rows = agencies.map((a) => h('tr', {},
    h('th', { scope: 'row' }, a.ird), h('td', {}, a.name ?? ''),
    h('td', {}, h('ul', {}, a.staff.map((s) => h('li', {}, `${s.logon} (${s.role}, ${s.access}) `,
      button(`Remove ${s.logon} from ${a.ird}`, 'Remove', () => act(status, async () => {
        await api('DELETE', `/control/data/agencies/${encodeURIComponent(a.ird)}/staff/${encodeURIComponent(s.logon)}`);
        return h('p', { class: 'ok' }, `Removed ${s.logon} from ${a.ird}.`);
      })))))),
    h('td', {}, a.clientLists.join(', '))));
  return h('section', { 'aria-labelledby': 'agencies-heading' },
    h('h2', { id: 'agencies-heading' }, `Agencies (${agencies.length})`),
    h('div', { class: 'card' }, form, status),
    table('Intermediaries, their staff and client lists', ['Agency', 'Name', 'Staff', 'Client lists'], rows));
}

function listsSection(lists) {
  const status = h('div', { id: 'lists-status', 'aria-live': 'polite' });
  const [idLabel, id] = field('list-id', 'List ID', h('input', { required: true, autocomplete: 'off' }));
  const [idTypeLabel, idType] = field('list-id-type', 'ID type', select(['LSTID', 'CLTLID', 'IRD'], 'LSTID'));
  const [typeLabel, type] = field('list-type', 'List type', select(listTypes, 'TAXCLI'));
  const [agencyLabel, agency] = field('list-agency', 'Agency IRD number', h('input', { required: true, autocomplete: 'off' }));
  const [refundLabel, refund] = field('list-refund', 'Refund account', h('input', { type: 'checkbox' }));
  const form = h('form', { class: 'inline', id: 'list-form' },
    h('div', {}, idLabel, id), h('div', {}, idTypeLabel, idType), h('div', {}, typeLabel, type), h('div', {}, agencyLabel, agency),
    h('div', {}, refundLabel, refund), h('button', { type: 'submit' }, 'Save client list'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(status, async () => {
      const saved = await api('PUT', `/control/data/client-lists/${encodeURIComponent(id.value.trim())}`,
        { idType: idType.value, type: type.value, agency: agency.value.trim(), refundAccount: refund.checked });
      return h('p', { class: 'ok' }, `Saved client list ${saved.id} of ${saved.agency}.`);
    });
  });
  const rows = lists.map((list) => h('tr', {},
    h('th', { scope: 'row' }, list.id), h('td', {}, `${list.type} (${list.idType})`), h('td', {}, list.agency), h('td', {}, list.refundAccount ? 'Yes' : 'No'),
    h('td', {}, h('ul', {}, list.links.map((link) => h('li', {},
      `${link.client} ${link.account ?? 'customer master'} (${link.status}${link.redirectMail ? ', mail' : ''}${link.redirectDisbursements ? ', disbursements' : ''}) `,
      button(`Remove the ${link.account ?? 'customer master'} link of ${link.client} from ${list.id}`, 'Remove', () => act(status, async () => {
        await api('DELETE', `/control/data/client-lists/${encodeURIComponent(list.id)}/links/${encodeURIComponent(link.client)}${link.account ? '?account=' + encodeURIComponent(link.account) : ''}`);
        return h('p', { class: 'ok' }, `Removed the link of ${link.client} from ${list.id}.`);
      }))))))));
  return h('section', { 'aria-labelledby': 'lists-heading' },
    h('h2', { id: 'lists-heading' }, `Client lists (${lists.length})`),
    h('div', { class: 'card' }, form, status),
    table('Client lists and their links (links are made by seed files and the Intermediation service)', ['List', 'Type', 'Agency', 'Refund account', 'Links'], rows));
}

function button(label, text, onClick) {
  const b = h('button', { type: 'button', class: 'secondary', 'aria-label': label }, text);
  b.addEventListener('click', onClick);
  return b;
}
