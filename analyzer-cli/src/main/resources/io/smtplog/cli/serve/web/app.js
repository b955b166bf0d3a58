// smtplog's page: search, facets, sessions, trace and the relay report over the JSON API of `smtplog serve`.
// Every text that comes from a log is hostile: it only ever reaches the page through textContent.

const FACETS = ['domain', 'status', 'rcpt_code', 'relay', 'code'];
const FACET_VALUES = 10;
const PAGE = 50;
const POLL_MS = 5000;
const TOKEN_KEY = 'smtplog.token';
const EXAMPLES = [
  'rcpt_code:251 AND domain:example.net',
  'status:bounced AND enhanced:5.1.1',
  'status:deferred',
  'kind:session AND auth:failure',
  'code:[400 TO 499]',
  'recipient:*@example.org',
  'time:[now-1d TO now]',
];
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const $ = (id) => document.getElementById(id);

/** An element with a class, a text and children; text only through textContent. */
function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  if (props.cls) e.className = props.cls;
  if (props.text !== undefined && props.text !== null) e.textContent = String(props.text);
  if (props.title) e.title = props.title;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}

function button(text, onClick, cls) {
  const b = el('button', { cls, text, attrs: { type: 'button' } });
  b.addEventListener('click', (ev) => { ev.stopPropagation(); onClick(ev); });
  return b;
}

// ---- token: ?token=T on the first load, then sessionStorage and the Authorization header ----

function takeToken() {
  const url = new URL(window.location.href);
  const t = url.searchParams.get('token');
  if (t !== null) {
    sessionStorage.setItem(TOKEN_KEY, t);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
const token = takeToken();

class ApiError extends Error {}

/** GET path?params and parse the JSON; an {"error": ...} answer becomes an ApiError with its sentence. */
async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  const url = path + (qs.toString() ? '?' + qs : '');
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  let res;
  try {
    res = await fetch(url, { headers, cache: 'no-store' });
  } catch (e) {
    throw new ApiError('The server did not answer (' + path + '): is smtplog serve still running?');
  }
  const body = await res.text();
  let json = null;
  try { json = body ? JSON.parse(body) : null; } catch (e) { json = null; }
  if (!res.ok) {
    const msg = json && typeof json.error === 'string' ? json.error : 'HTTP ' + res.status + ' from ' + path;
    throw new ApiError(msg);
  }
  if (json === null && body) return body; // a text answer (shown as it is)
  return json;
}

function showError(e) {
  const line = $('error');
  if (!e) { line.hidden = true; line.textContent = ''; return; }
  line.textContent = e instanceof ApiError ? e.message : 'The page failed: ' + (e && e.message ? e.message : e);
  line.hidden = false;
}

// ---- state in the hash: #q=...&f=field:"value"&sort=...&view=relay&open=... ----

function readHash() {
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return {
    q: p.get('q') || '',
    filters: p.getAll('f'),
    sort: p.get('sort') || '',
    view: p.get('view') === 'relay' ? 'relay' : 'search',
    open: p.get('open') || '',
  };
}

function writeHash(s, replace = false) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of s.filters) p.append('f', f);
  if (s.sort) p.set('sort', s.sort);
  if (s.view === 'relay') p.set('view', 'relay');
  if (s.open) p.set('open', s.open);
  const h = '#' + p.toString();
  if (h === window.location.hash || (h === '#' && !window.location.hash)) {
    render();
  } else if (replace) {
    history.replaceState(history.state, '', h);
    render();
  } else {
    window.location.hash = h; // hashchange renders
  }
}

/** A Lucene term value in double quotes: backslash and quote escaped, so any value is one term. */
export function quote(value) {
  return '"' + String(value).replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

function effectiveQuery(s) {
  const base = s.q.trim() || '*';
  if (!s.filters.length) return base;
  return ['(' + base + ')', ...s.filters].join(' AND ');
}

// ---- search: facets and hits ----

let limit = PAGE;
let lastSearchKey = '';
let searchSeq = 0;

async function runSearch(s, keepView) {
  const q = effectiveQuery(s);
  const seq = ++searchSeq;
  $('effective').textContent = s.filters.length ? 'Searching: ' + q : '';
  const scroller = $('hits-scroll');
  const scrollTop = keepView ? scroller.scrollTop : 0;
  const pageY = keepView ? window.scrollY : null;
  try {
    const [hits, facets] = await Promise.all([
      api('api/query', { q, limit, sort: s.sort, timezone: ZONE }),
      api('api/query', { q, limit: FACET_VALUES, facet: FACETS.join(','), timezone: ZONE }),
    ]);
    if (seq !== searchSeq) return;
    showError(null);
    renderHits(hits, s);
    renderFacets(facets, s);
    if (keepView) {
      scroller.scrollTop = scrollTop;
      window.scrollTo(window.scrollX, pageY);
    }
  } catch (e) {
    if (seq !== searchSeq) return;
    showError(e);
  }
}

function renderChips(s) {
  const box = $('chips');
  box.replaceChildren();
  s.filters.forEach((f, i) => {
    const chip = el('span', { cls: 'chip' }, el('span', { cls: 'chip-text', text: f }));
    const rm = button('×', () => {
      const next = { ...s, filters: s.filters.filter((_, j) => j !== i), open: '' };
      writeHash(next);
    }, 'chip-remove');
    rm.setAttribute('aria-label', 'Remove filter ' + f);
    chip.append(rm);
    box.append(chip);
  });
}

function renderFacets(facets, s) {
  const box = $('facets');
  box.replaceChildren();
  if (!facets || typeof facets !== 'object') return;
  for (const field of FACETS) {
    const values = facets[field];
    if (!values || !Object.keys(values).length) continue;
    const list = el('ul', { cls: 'facet-values' });
    for (const [value, count] of Object.entries(values)) {
      const filter = field + ':' + quote(value);
      const active = s.filters.includes(filter);
      const b = button(value, () => {
        if (active) return;
        writeHash({ ...s, filters: [...s.filters, filter], open: '' });
      }, 'facet-value' + (active ? ' active' : '') + (field.endsWith('code') && value === '251' ? ' fwd251' : ''));
      b.dataset.field = field;
      b.dataset.value = value;
      b.setAttribute('aria-label', field + ' ' + value + ': ' + count + (active ? ' (active)' : ''));
      b.append(el('span', { cls: 'count', text: Number(count).toLocaleString() }));
      list.append(el('li', {}, b));
    }
    box.append(el('section', { cls: 'facet' }, el('h3', { text: field }), list));
  }
}

const arr = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const first = (v) => arr(v)[0];

/** A query that picks this hit alone (for its sessions). */
function pinQuery(h) {
  const parts = ['kind:' + quote(h.kind)];
  if (h.kind === 'recipient') {
    if (h.queue_id) parts.push('queue_id:' + quote(first(h.queue_id)));
    if (h.recipient) parts.push('recipient:' + quote(h.recipient));
  } else if (h.kind === 'message') {
    parts.push('queue_id:' + quote(first(h.queue_id)));
  } else if (h.kind === 'event') {
    return 'kind:session AND session:' + quote(first(h.session));
  } else {
    parts.push('session:' + quote(first(h.session)));
  }
  return parts.join(' AND ');
}

function hasDialogue(h) {
  return Boolean(h.session) || (h.kind !== 'event' && Boolean(h.queue_id));
}

function formatTime(iso) {
  if (!iso) return '';
  return String(iso).replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, (m, frac, zone) => (zone === 'Z' ? 'Z' : ' ' + zone));
}

function renderHits(data, s) {
  const body = $('hits-body');
  body.replaceChildren();
  const hits = data && Array.isArray(data.hits) ? data.hits : [];
  const total = data && typeof data.total === 'number' ? data.total : hits.length;
  $('hits-summary').textContent = total === 0 ? 'No hits.'
    : (hits.length < total ? hits.length.toLocaleString() + ' of ' : '') + total.toLocaleString() + (total === 1 ? ' hit' : ' hits');
  $('more').hidden = hits.length >= total;
  for (const h of hits) body.append(hitRow(h, s));
  markSelected(s.open);
}

function hitRow(h, s) {
  const rcpt = first(h.rcpt_code);
  const codes = arr(h.code);
  const forwarded = Number(rcpt) === 251 || codes.some((c) => Number(c) === 251);
  const tr = el('tr', { cls: 'hit' + (forwarded ? ' fwd251' : '') });
  tr.dataset.kind = h.kind || '';
  const status = h.status || h.event || (h.kind === 'session' ? h.direction : '') || '';
  const statusCell = el('td', {}, el('span', { cls: 'kind', text: h.kind || '' }),
    status ? el('span', { cls: 'status status-' + cssWord(status), text: status }) : null);
  const rcptCell = el('td', { cls: 'rcpt' });
  if (rcpt !== undefined) {
    rcptCell.append(el('span', { cls: 'code code-' + String(rcpt).charAt(0) + 'xx' + (forwarded ? ' code-251' : ''),
      text: rcpt, title: h.rcpt_tag || '' }));
  } else if (h.kind === 'session' && forwarded) {
    rcptCell.append(el('span', { cls: 'code code-251', text: '251' }));
  }
  const codeCell = el('td', { cls: 'num' });
  codes.forEach((c, i) => {
    if (i) codeCell.append(' ');
    codeCell.append(el('span', { cls: 'code code-' + String(c).charAt(0) + 'xx' + (Number(c) === 251 ? ' code-251' : ''), text: c }));
  });
  const who = el('td', { cls: 'addr', text: h.recipient || h.sender || h.helo || '' });
  if (h.forward_path && Number(rcpt) === 251) {
    who.append(el('span', { cls: 'fwd-path', text: '→\u00a0' + first(h.forward_path), title: 'forward-path of the 251 reply' }));
  }
  const hop = el('td', { cls: 'addr hop' }, ...breakable(h.relay || h.client || ''));
  const qidCell = el('td', {});
  for (const q of arr(h.queue_id)) qidCell.append(button(q, () => writeHash({ ...readHash(), open: 'trace:' + q }), 'link qid'));
  const sessCell = el('td', {});
  if (hasDialogue(h)) {
    const open = 'session:' + pinQuery(h);
    sessCell.append(button('dialogue', () => writeHash({ ...readHash(), open }), 'link open-session'));
    tr.dataset.open = open;
    tr.addEventListener('click', () => writeHash({ ...readHash(), open }));
  } else if (h.queue_id) {
    tr.dataset.open = 'trace:' + first(h.queue_id);
  }
  tr.append(
    el('td', { cls: 'time', text: formatTime(h.time) }),
    statusCell, rcptCell, codeCell,
    who,
    el('td', { text: h.domain || h.sender_domain || '' }),
    hop,
    qidCell, sessCell);
  return tr;
}

/** Text nodes with a line-break opportunity before each '[' (host[address]:port). */
function breakable(text) {
  const out = [];
  String(text).split('[').forEach((part, i) => {
    if (i) out.push(document.createElement('wbr'), '[');
    out.push(part);
  });
  return out;
}

function cssWord(s) {
  return String(s).toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function markSelected(open) {
  for (const tr of $('hits-body').querySelectorAll('tr.hit')) {
    const on = Boolean(open) && tr.dataset.open === open;
    tr.classList.toggle('selected', on);
    if (on) tr.setAttribute('aria-selected', 'true'); else tr.removeAttribute('aria-selected');
  }
}

// ---- detail: a session's dialogue, or a message's trace ----

let detailKey = '';

async function renderDetail(s, refresh) {
  const box = $('detail');
  if (!s.open) {
    box.hidden = true;
    detailKey = '';
    return;
  }
  if (s.open === detailKey && !refresh) return;
  const isNew = s.open !== detailKey;
  detailKey = s.open;
  const body = $('detail-body');
  try {
    if (s.open.startsWith('trace:')) {
      const id = s.open.slice('trace:'.length);
      $('detail-title').textContent = 'Trace of ' + id;
      const data = await api('api/trace', { id });
      if (detailKey !== s.open) return;
      body.replaceChildren(traceView(data));
    } else {
      const q = s.open.replace(/^session:/, '');
      $('detail-title').textContent = 'Dialogue';
      const data = await api('api/sessions', { q, limit: 5, timezone: ZONE });
      if (detailKey !== s.open) return;
      body.replaceChildren(sessionsView(data));
    }
    box.hidden = false;
    showError(null);
    if (isNew) box.scrollIntoView({ block: 'nearest' });
  } catch (e) {
    showError(e);
  }
}

/**
 * The sessions answer of `smtplog query --sessions --format json`: {"sessions": [dialogues, as `smtplog
 * sessions --format json`], "sessions_without_dialogue": [{"session", "lines"}]}; a text answer as it is.
 */
function sessionsView(data) {
  const out = el('div', { cls: 'sessions' });
  const list = Array.isArray(data) ? data : data && Array.isArray(data.sessions) ? data.sessions : null;
  if (list === null) {
    out.append(el('pre', { cls: 'lines', text: typeof data === 'string' ? data : JSON.stringify(data, null, 2) }));
    return out;
  }
  const bare = data && Array.isArray(data.sessions_without_dialogue) ? data.sessions_without_dialogue : [];
  if (!list.length && !bare.length) out.append(el('p', { text: 'None of these hits belongs to a session the inputs show.' }));
  for (const d of [...list, ...bare]) out.append(Array.isArray(d.exchanges) ? dialogueView(d) : sessionLinesView(d));
  return out;
}

function dialogueView(d) {
  const head = [d.mta, d.program, d.role === 'client' ? 'client side' : d.role === 'server' ? 'server side' : d.role,
    'peer ' + (d.peer || '?'), formatTime(d.start), d.complete === false ? 'incomplete' : 'closed']
    .filter(Boolean).join(' · ');
  const wrap = el('article', { cls: 'dialogue' },
    el('h3', { text: head }),
    el('p', { cls: 'source', text: (d.file || '') + (d.line ? ':' + d.line : '') }));
  if (d.droppedExchanges) wrap.append(el('p', { cls: 'note', text: d.droppedExchanges + ' exchanges not kept (a very long session).' }));
  const table = el('table', { cls: 'exchanges' });
  table.append(el('thead', {}, el('tr', {},
    el('th', { text: '', attrs: { scope: 'col' } }), el('th', { text: 'line', attrs: { scope: 'col' } }),
    el('th', { text: 'tag', attrs: { scope: 'col' } }))));
  const tbody = el('tbody');
  for (const x of d.exchanges) {
    // The end of the data is the line '.'; a dialogue's start has no command ('(connect)').
    const cmd = x.text || (x.command === 'DATA_END' ? '.' : x.command ? '(' + x.command.toLowerCase() + ')' : '');
    if (cmd) {
      tbody.append(el('tr', { cls: 'cmd' }, el('td', { cls: 'who', text: 'C:' }),
        el('td', { cls: 'line', text: cmd }), el('td', { text: x.tls ? 'TLS' : '' })));
    }
    if (x.dataLines) {
      tbody.append(el('tr', { cls: 'cmd data' }, el('td', { cls: 'who', text: 'C:' }),
        el('td', { cls: 'line', text: '(' + x.dataLines + ' lines of message data not shown)' }), el('td')));
    }
    if (x.reply) tbody.append(replyRow(x.reply, x.source));
  }
  table.append(tbody);
  wrap.append(el('div', { cls: 'table-scroll' }, table));
  return wrap;
}

function replyRow(r, source) {
  const code = Number(r.code);
  const tr = el('tr', { cls: 'reply reply-' + (String(r.code).charAt(0) || 'x') + 'xx' + (code === 251 ? ' fwd251' : '') });
  if (source) tr.title = source;
  const lines = String(r.text === null || r.text === undefined ? '' : r.text).split('\n');
  const text = el('td', { cls: 'line' });
  lines.forEach((l, i) => {
    if (i) text.append(el('br'));
    const last = i === lines.length - 1;
    text.append(String(r.code) + (last ? ' ' : '-') + (i === 0 && r.enhanced ? r.enhanced + ' ' : '') + l);
  });
  const tag = el('td', { cls: 'tags' }, el('span', { cls: 'tag', text: r.tag || '' }));
  if (r.forwardPath) tag.append(el('mark', { cls: 'fwd-path', text: '→ ' + r.forwardPath }));
  tr.append(el('td', { cls: 'who', text: 'S:' }), text, tag);
  return tr;
}

function sessionLinesView(d) {
  const wrap = el('article', { cls: 'dialogue' }, el('h3', { text: 'session ' + (d.session || d.id || '') }),
    el('p', { cls: 'source', text: 'The log shows this session only as lines:' }));
  wrap.append(linesList(Array.isArray(d.lines) ? d.lines : []));
  return wrap;
}

function linesList(lines) {
  const ol = el('ol', { cls: 'lines' });
  for (const l of lines) {
    const li = el('li', {});
    if (typeof l === 'string') {
      li.textContent = l;
    } else {
      li.append(el('span', { cls: 'source', text: (l.file || '') + ':' + (l.line || '') + ' ' }), String(l.text || ''));
    }
    ol.append(li);
  }
  return ol;
}

function traceView(data) {
  const out = el('div', { cls: 'trace' });
  if (!data || typeof data !== 'object') {
    out.append(el('pre', { cls: 'lines', text: String(data) }));
    return out;
  }
  const messages = arr(data.messages);
  if (messages.length) {
    out.append(el('h3', { text: 'Messages' }));
    const ul = el('ul', { cls: 'messages' });
    for (const m of messages) {
      const li = el('li', {}, el('strong', { text: m.queue_id || '' }),
        ' from ' + (m.sender || '?') + (m.message_id ? ' · ' + m.message_id : '') + (m.size ? ' · ' + m.size + ' bytes' : ''));
      for (const [label, key] of [['copy of', 'copy_of'], ['notification of', 'notification_of']]) {
        for (const id of arr(m[key])) {
          li.append(' · ' + label + ' ', button(id, () => writeHash({ ...readHash(), open: 'trace:' + id }), 'link qid'));
        }
      }
      ul.append(li);
    }
    out.append(ul);
  }
  const recipients = arr(data.recipients);
  if (recipients.length) {
    out.append(el('h3', { text: 'Recipients' }));
    const t = el('table', { cls: 'hits' });
    const tb = el('tbody');
    for (const r of recipients) tb.append(hitRow(r, readHash()));
    t.append(el('thead', {}, el('tr', {}, ...['time', 'kind / status', 'RCPT reply', 'code', 'address', 'domain', 'next hop',
      'queue id', 'dialogue'].map((c) => el('th', { text: c, attrs: { scope: 'col' } })))), tb);
    out.append(el('div', { cls: 'table-scroll' }, t));
  }
  const lines = arr(data.lines);
  out.append(el('h3', { text: 'Lines (' + lines.length + ')' }));
  out.append(linesList(lines));
  return out;
}

// ---- relay: the report's table and the HTML report's charts ----

const RELAY_COLUMNS = ['domain', 'recipients', 'delivered', 'accepted_250', 'forwarded_251', 'accepted_252',
  'rcpt_reply_unseen', 'relayed', 'local', 'deferred', 'bounced', 'expired', 'rejected', 'discarded', 'forward_paths'];
let relayLoaded = false;

async function loadRelay() {
  try {
    const data = await api('api/report/relay', { format: 'json', timezone: ZONE });
    renderRelay(data);
    relayLoaded = true;
    showError(null);
  } catch (e) {
    showError(e);
  }
  const frame = $('relay-chart');
  // No token in this address: the frame's request carries the cookie the server set with the page.
  const src = 'api/report/relay?format=html&timezone=' + encodeURIComponent(ZONE);
  if (frame.getAttribute('src') === src) {
    frame.src = src; // reloads it
  } else {
    frame.setAttribute('src', src);
  }
}

function renderRelay(data) {
  const section = data && data.sections && data.sections.relay;
  const head = $('relay-head');
  const body = $('relay-body');
  head.replaceChildren();
  body.replaceChildren();
  $('relay-notes').replaceChildren();
  if (!section) {
    $('relay-input').textContent = 'The report has no relay section.';
    return;
  }
  const input = data.input || {};
  $('relay-input').textContent = (typeof input.lines === 'number' ? input.lines.toLocaleString() + ' lines, ' : '')
    + (typeof input.events === 'number' ? input.events.toLocaleString() + ' events' : '');
  const cols = RELAY_COLUMNS.filter((c) => section.columns.includes(c));
  const hr = el('tr');
  cols.forEach((c, i) => {
    hr.append(el('th', { text: c.replace(/_/g, ' '), attrs: { scope: 'col' }, cls: i ? 'num' : '' }));
    if (c === 'forwarded_251') hr.append(el('th', { text: '251 share of 250+251', attrs: { scope: 'col' } }));
  });
  head.append(hr);
  for (const row of section.rows) {
    const tr = el('tr', { cls: row.domain === '*' ? 'total' : '' });
    tr.dataset.domain = row.domain;
    for (const c of cols) {
      const v = row[c];
      if (c === 'domain') {
        tr.append(el('th', { text: v, attrs: { scope: 'row' } }));
      } else if (c === 'forward_paths') {
        const paths = Object.entries(v || {}).map(([k, n]) => k + ' (' + n + ')');
        const shown = paths.slice(0, 2).join(', ') + (paths.length > 2 ? ' +' + (paths.length - 2) + ' more' : '');
        tr.append(el('td', { cls: 'paths', text: shown, title: paths.join('\n') }));
      } else {
        tr.append(el('td', { cls: 'num' + (c === 'forwarded_251' && v > 0 ? ' code-251' : ''), text: v === undefined ? '' : v }));
        tr.lastChild.dataset.col = c;
      }
      if (c === 'forwarded_251') tr.append(el('td', { cls: 'split' }, splitMeter(row.accepted_250 || 0, row.forwarded_251 || 0)));
    }
    body.append(tr);
  }
  for (const n of section.notes || []) $('relay-notes').append(el('li', { text: n }));
}

function splitMeter(a250, f251) {
  const all = a250 + f251;
  if (!all) return el('span', { cls: 'muted', text: 'no RCPT replies seen' });
  const m = el('meter', { attrs: { min: '0', max: String(all), value: String(f251) } });
  m.setAttribute('aria-label', f251 + ' of ' + all + ' forwarded with 251');
  return el('span', { cls: 'split-cell' }, m, el('span', { cls: 'split-text', text: Math.round((100 * f251) / all) + ' %' }));
}

// ---- live: /api/status every 5 s ----

let lastLines = null;

async function poll() {
  try {
    const st = await api('api/status');
    const following = arr(st.following);
    const commit = st.last_commit ? new Date(st.last_commit) : null;
    const hhmmss = commit && !isNaN(commit) ? [commit.getHours(), commit.getMinutes(), commit.getSeconds()]
      .map((n) => String(n).padStart(2, '0')).join(':') : '–';
    const lines = typeof st.lines_read === 'number' ? st.lines_read : null;
    $('live').textContent = following.length
      ? 'live: ' + (lines === null ? '?' : lines.toLocaleString()) + ' lines, last commit ' + hhmmss
      : 'index ' + (st.index || '') + ' (not following) · last commit ' + hhmmss;
    $('live').title = following.length ? 'following ' + following.join(', ') : '';
    $('live').classList.toggle('following', following.length > 0);
    if (lastLines !== null && lines !== lastLines) {
      const s = readHash();
      runSearch(s, true);
      if (s.open) renderDetail(s, true);
      if (s.view === 'relay') loadRelay(); else relayLoaded = false;
    }
    lastLines = lines;
  } catch (e) {
    $('live').textContent = 'status unknown: ' + (e && e.message ? e.message : e);
  }
}

// ---- help, fields, wiring ----

function renderExamples() {
  const ul = $('examples');
  for (const ex of EXAMPLES) {
    ul.append(el('li', {}, button(ex, () => {
      $('q').value = ex;
      writeHash({ q: ex, filters: [], sort: $('sort').value, view: 'search', open: '' });
    }, 'example')));
  }
}

async function loadFields() {
  try {
    const data = await api('api/fields');
    const list = Array.isArray(data) ? data : data && Array.isArray(data.fields) ? data.fields
      : data && typeof data === 'object' ? Object.entries(data).map(([name, v]) => ({ name, ...(typeof v === 'object' ? v : { meaning: v }) })) : [];
    const ul = $('fields');
    for (const f of list) {
      const name = typeof f === 'string' ? f : f.name;
      if (!name) continue;
      const b = button(name, () => {
        const q = $('q');
        q.value = (q.value.trim() ? q.value.trim() + ' AND ' : '') + name + ':';
        q.focus();
      }, 'field');
      const meaning = typeof f === 'object' ? [f.meaning, f.example ? '(' + f.example + ')' : ''].filter(Boolean).join(' ') : '';
      ul.append(el('li', {}, b, meaning ? el('span', { cls: 'meaning', text: ' ' + meaning }) : null));
    }
  } catch (e) {
    $('fields').append(el('li', { text: 'The field list could not be read: ' + e.message }));
  }
}

function render() {
  const s = readHash();
  const relay = s.view === 'relay';
  $('search-view').hidden = relay;
  $('relay-view').hidden = !relay;
  $('tab-search').setAttribute('aria-pressed', String(!relay));
  $('tab-relay').setAttribute('aria-pressed', String(relay));
  if (relay) {
    if (!relayLoaded) loadRelay();
    return;
  }
  if (document.activeElement !== $('q')) $('q').value = s.q;
  $('sort').value = s.sort;
  renderChips(s);
  const key = JSON.stringify([s.q, s.filters, s.sort]);
  if (key !== lastSearchKey) {
    lastSearchKey = key;
    limit = PAGE;
    runSearch(s, false);
  } else {
    markSelected(s.open);
  }
  renderDetail(s, false);
}

function init() {
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const s = readHash();
    const q = $('q').value.trim();
    // The filters (chips) stay until removed.
    const next = { ...s, q, sort: $('sort').value, view: 'search', open: '' };
    if (JSON.stringify([next.q, next.filters, next.sort]) === lastSearchKey) {
      lastSearchKey = ''; // Enter on the same query searches again
    }
    writeHash(next);
  });
  $('sort').addEventListener('change', () => $('search-form').requestSubmit());
  $('more').addEventListener('click', () => {
    limit += PAGE;
    runSearch(readHash(), true);
  });
  $('detail-close').addEventListener('click', () => writeHash({ ...readHash(), open: '' }));
  $('tab-search').addEventListener('click', () => writeHash({ ...readHash(), view: 'search' }));
  $('tab-relay').addEventListener('click', () => writeHash({ ...readHash(), view: 'relay' }));
  window.addEventListener('hashchange', render);
  renderExamples();
  loadFields();
  render();
  poll();
  setInterval(poll, POLL_MS);
}

init();
