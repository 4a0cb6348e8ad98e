/**
 * The officers' desk page (/meja): login, the queues of my desks, a dossier
 * with its audit trail and the actions its step allows, registration at the
 * front desk, and statistics for supervisors. Plain HTML and fetch against
 * the same API documented at /api/docs; every refusal shows the server's
 * problem+json message. Bahasa Indonesia first, English second.
 */
export const DESK_PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Berkas: Meja Petugas / Officer desk</title>
<link rel="stylesheet" href="/assets/desk.css">
</head>
<body>
<header><b>Berkas: Meja Petugas <span class="en">/ Officer desk</span></b><span id="who"></span><button id="logout" class="hidden">Keluar / Log out</button></header>
<div id="msg"></div>
<main>
 <section id="login">
  <h2>Masuk <span class="en">/ Log in</span></h2>
  <form id="loginForm"><label>Nama pengguna <span class="en">/ Username</span><br><input name="username" required></label>
  <label>Kata sandi <span class="en">/ Password</span><br><input name="password" type="password" required></label><button>Masuk / Log in</button></form>
 </section>
 <div id="app" class="hidden">
  <section id="register" class="hidden"><h2>Registrasi berkas <span class="en">/ Register a dossier</span></h2><form id="regForm"></form><div id="receipt"></div></section>
  <section><h2>Cari berkas <span class="en">/ Find a dossier</span></h2><form id="findForm"><input name="q" placeholder="PBG-2026-000001" required> <button>Buka / Open</button></form></section>
  <div id="queues"></div>
  <section id="detail" class="hidden"></section>
  <section id="stats" class="hidden"></section>
 </div>
</main>
<script src="/assets/desk.js" defer></script>
</body>
</html>`;

/** The page's styles, served as a file: the Content-Security-Policy allows no inline styles. */
export const DESK_STYLE = ` .receipt{padding:.6rem}
 body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b} header{background:#0b4f6c;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center}
 header b{flex:1} main{padding:1rem;max-width:72rem;margin:auto} .en{color:#777;font-size:.85em} header .en{color:#cde}
 table{border-collapse:collapse;width:100%;margin:.5rem 0 1.2rem} th,td{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;font-size:.92rem}
 tr.click{cursor:pointer} tr.click:hover{background:#f3f8fb} .late{color:#a40000;font-weight:bold} .ok{color:#116b2f}
 section{border:1px solid #ccd;border-radius:.4rem;padding:.8rem 1rem;margin:.8rem 0} label{display:block;margin:.4rem 0 .1rem}
 input,select,textarea{font-size:.95rem;padding:.3rem} textarea{width:100%;min-height:3rem} button{margin:.25rem .3rem .25rem 0;padding:.35rem .8rem;font-size:.92rem;cursor:pointer}
 #msg{padding:.5rem 1rem} .err{background:#fde8e8;color:#8a0000} .info{background:#e8f6ec;color:#0c5a26} .hidden{display:none}
`;

/** The page's script, served as a file: the Content-Security-Policy allows no inline scripts. */
export const DESK_SCRIPT = `const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const day = (s) => s ? new Date(s).toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' }) : '';
const rp = (n) => 'Rp ' + Number(n).toLocaleString('id-ID');
let token = sessionStorage.getItem('berkas.token'), me = null, current = null;
function say(text, kind) { $('#msg').className = kind || 'info'; $('#msg').textContent = text || ''; }
async function api(method, path, body, headers) {
  const res = await fetch('/api' + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}), ...(headers || {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) { const fields = (data.errors || []).map((e) => e.field + ': ' + e.reason).join('; '); const err = new Error((data.title || data.detail || res.status) + (data.detail && data.title !== data.detail ? ' (' + data.detail + ')' : '') + (fields ? ' [' + fields + ']' : '')); err.answered = true; throw err; }
  return { data, etag: res.headers.get('etag') };
}
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join(''));
// One Idempotency-Key per intended command, kept until the server has answered: a retry after a
// lost answer (network failure, timeout) is then recognised and applied once.
const pendingKeys = new Map();
async function command(path, body) {
  const intent = path + ' ' + JSON.stringify(body);
  if (!pendingKeys.has(intent)) pendingKeys.set(intent, newKey());
  try { const r = await api('POST', path, body, { 'Idempotency-Key': pendingKeys.get(intent) }); pendingKeys.delete(intent); return r; }
  catch (e) { if (e.answered) pendingKeys.delete(intent); throw e; }
}
async function start() {
  if (!token) return;
  try { me = (await api('GET', '/me')).data; } catch { token = null; sessionStorage.removeItem('berkas.token'); return; }
  $('#login').classList.add('hidden'); $('#app').classList.remove('hidden'); $('#logout').classList.remove('hidden');
  $('#who').textContent = me.name + ' (' + me.role + ')';
  if (me.role === 'front-desk' || me.role === 'admin') await showRegister();
  await refresh();
}
/** Dossiers per queue page, and the page each desk's queue is on. */
const PAGE = 50;
const pages = {};
async function refresh() {
  const desks = me.role === 'supervisor' || me.role === 'admin' ? (await api('GET', '/desks')).data : me.desks;
  let html = '';
  for (const d of desks) {
    const q = (await api('GET', '/queues/' + d.id + '?limit=' + PAGE + '&offset=' + (pages[d.id] || 0))).data;
    html += '<section><h2>Antrean ' + esc(d.name.id) + ' <span class="en">/ Queue: ' + esc(d.name.en) + '</span> (' + q.total + ')</h2>';
    if (!q.items.length) { html += '<p>Tidak ada berkas menunggu. <span class="en">Nothing waiting.</span></p></section>'; continue; }
    html += '<table><tr><th>No. registrasi</th><th>Layanan</th><th>Pemohon</th><th>Tahap / Step</th><th>Menunggu sejak</th><th>Batas tahap / Step due</th><th>Dipegang / Held by</th></tr>';
    for (const i of q.items) html += '<tr class="click" data-id="' + esc(i.dossierId) + '"><td>' + esc(i.registrationNumber) + '</td><td>' + esc(i.service) + '</td><td>' + esc(i.applicantName) + '</td><td>' + esc(i.step && i.step.label.id) + '</td><td>' + day(i.waitingSince) + '</td><td class="' + (i.overdue ? 'late' : '') + '">' + day(i.stepDueAt) + (i.overdue ? ' TERLAMBAT' : '') + (i.stepDueProvisional ? ' (sementara)' : '') + '</td><td>' + esc(i.heldBy || '-') + '</td></tr>';
    html += '</table>';
    if (q.total > q.limit) {
      const last = Math.min(q.offset + q.items.length, q.total);
      html += '<p class="pager">Menampilkan ' + (q.offset + 1) + '–' + last + ' dari ' + q.total + ' <span class="en">/ Showing ' + (q.offset + 1) + '–' + last + ' of ' + q.total + '</span> ';
      if (q.offset > 0) html += '<button type="button" data-desk="' + esc(d.id) + '" data-offset="' + Math.max(0, q.offset - q.limit) + '">‹ Sebelumnya / Previous</button> ';
      if (last < q.total) html += '<button type="button" data-desk="' + esc(d.id) + '" data-offset="' + (q.offset + q.limit) + '">Berikutnya / Next ›</button>';
      html += '</p>';
    }
    html += '</section>';
  }
  $('#queues').innerHTML = html;
  document.querySelectorAll('tr.click').forEach((tr) => tr.addEventListener('click', () => open(tr.dataset.id)));
  document.querySelectorAll('#queues button[data-desk]').forEach((b) => b.addEventListener('click', () => { pages[b.dataset.desk] = Number(b.dataset.offset); refresh(); }));
  if (me.role === 'supervisor' || me.role === 'admin') await showStats();
}
async function showRegister() {
  const services = (await api('GET', '/services')).data;
  $('#register').classList.remove('hidden');
  const form = $('#regForm');
  const render = (code) => {
    const s = services.find((x) => x.code === code) || services[0];
    let h = '<label>Layanan / Service<br><select name="service">' + services.map((x) => '<option value="' + x.code + '"' + (x.code === s.code ? ' selected' : '') + '>' + esc(x.name.id) + '</option>').join('') + '</select></label>';
    h += '<label>Nama pemohon / Applicant name<br><input name="name" required maxlength="120"></label><label>NIK (16 digit)<br><input name="nik" required pattern="[0-9]{16}"></label><label>No. HP / Phone<br><input name="phone" placeholder="08..."></label>';
    h += '<p><b>Persyaratan / Requirements</b> (* wajib / mandatory)</p>' + s.requirements.map((r) => '<label><input type="checkbox" name="req" value="' + r.code + '"> ' + esc(r.label.id) + (r.mandatory ? ' *' : '') + ' <span class="en">' + esc(r.label.en) + '</span></label>').join('');
    if (s.fee.kind === 'formula') h += s.fee.inputs.map((i) => '<label>' + esc(i.label.id) + ' (' + esc(i.unit) + ')<br><input name="in:' + i.code + '" type="number" step="any" min="' + i.min + '" max="' + i.max + '" required> <span class="en">' + i.min + ' - ' + i.max + ' ' + esc(i.unit) + '</span></label>').join('');
    h += '<button>Registrasi / Register</button>';
    form.innerHTML = h;
    form.service.addEventListener('change', () => render(form.service.value));
  };
  render(services[0].code);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form), inputs = {};
    for (const [k, v] of f.entries()) if (k.startsWith('in:')) inputs[k.slice(3)] = Number(v);
    const body = { service: f.get('service'), applicant: { name: f.get('name'), nik: f.get('nik'), ...(f.get('phone') ? { phone: f.get('phone') } : {}) }, requirements: f.getAll('req'), inputs };
    try {
      // The key belongs to this filled-in form, not to the click: kept until the server answers.
      const r = (await api('POST', '/dossiers', body, { 'Idempotency-Key': form.dataset.key || (form.dataset.key = newKey()) })).data;
      delete form.dataset.key; form.reset();
      $('#receipt').innerHTML = '<div class="info receipt"><b>Tanda terima / Receipt</b><br>No. registrasi: <b>' + esc(r.registrationNumber) + '</b><br>PIN pelacakan: <b>' + esc(r.pin) + '</b><br><span class="en">Give both to the applicant; track at ' + location.origin + '/</span> <button id="printReceipt">Cetak / Print</button></div>';
      $('#printReceipt').addEventListener('click', () => print());
      say('Berkas diregistrasi / Dossier registered'); setTimeout(refresh, 300);
    } catch (e) { if (e.answered) delete form.dataset.key; say(e.message, 'err'); }
  });
}
const ACTIONS = {
  review: [['complete', 'Teruskan / Forward', { outcome: 'forward' }], ['return', 'Kembalikan untuk perbaikan / Return', 'reasons'], ['complete', 'Rekomendasikan tolak / Recommend rejection', 'rejectReasons'], ['inspection', 'Jadwalkan tinjau lapangan / Schedule inspection', 'date'], ['inspection-report', 'Catat BAP / Record inspection', 'bap']],
  'parallel-review': [['recommendation', 'Rekomendasi positif / Positive', 'positive'], ['recommendation', 'Rekomendasi negatif / Negative', 'negative'], ['return', 'Kembalikan untuk perbaikan / Return', 'reasons'], ['inspection', 'Jadwalkan tinjau lapangan / Schedule inspection', 'date'], ['inspection-report', 'Catat BAP / Record inspection', 'bap']],
  fee: [['fee', 'Tetapkan retribusi (SKRD) / Assess fee', {}], ['payments', 'Catat pembayaran / Record payment', 'payment'], ['complete', 'Selesai / Done', { outcome: 'forward' }]],
  decision: [['approve', 'Setujui / Approve', {}], ['reject', 'Tolak / Reject', 'reasons']],
  signing: [['sign', 'Tandatangani (TTE) / Sign', {}]],
  issuance: [['issue', 'Terbitkan izin / Issue permit', {}]],
  handover: [['handover', 'Serahkan izin / Hand over', 'receivedBy']],
};
function ask(kind) {
  const text = (q) => { const v = prompt(q); if (v === null || !v.trim()) throw new Error('Dibatalkan / Cancelled'); return v.trim(); };
  switch (kind) {
    case 'reasons': return { reasons: text('Alasan (pisahkan dengan ;) / Reasons (separate with ;)').split(';').map((s) => s.trim()).filter(Boolean) };
    case 'rejectReasons': return { outcome: 'reject', reasons: text('Alasan rekomendasi tolak / Reasons').split(';').map((s) => s.trim()).filter(Boolean) };
    case 'date': return { scheduledFor: text('Tanggal (yyyy-mm-dd) / Date') };
    case 'bap': return { result: confirm('Hasil memenuhi syarat? OK = ya / passed') ? 'passed' : 'failed', reportNumber: text('Nomor BAP / Report number'), findings: text('Temuan / Findings') };
    case 'positive': return { positive: true, note: text('Catatan / Note') };
    case 'negative': return { positive: false, note: text('Alasan / Reason') };
    case 'payment': return { reference: text('Referensi pembayaran / Reference'), amount: Number(text('Jumlah (Rp) / Amount')), channel: confirm('Melalui bank? OK = bank, Batal = kasir') ? 'bank' : 'cashier' };
    case 'receivedBy': return { receivedBy: text('Diterima oleh / Received by') };
    case 'note': return { note: text('Catatan perbaikan / Note') };
    case 'withdraw': return { reason: text('Alasan pencabutan / Reason') };
    default: return kind;
  }
}
async function act(path, kind, claimFirst) {
  try {
    const body = ask(kind);
    const base = '/dossiers/' + current.id;
    if (claimFirst && !current.heldByMe) await command(base + '/claim', {});
    await command(base + '/' + path, body);
    say('Tersimpan / Saved'); setTimeout(() => { open(current.id); refresh(); }, 300);
  } catch (e) { say(e.message, 'err'); }
}
async function open(id) {
  try {
    const { data: d, etag } = await api('GET', '/dossiers/' + encodeURIComponent(id));
    const held = d.step && Object.entries(d.holders).filter(([desk]) => me.desks.some((m) => m.id === desk));
    current = { id: d.dossierId, etag, heldByMe: held && held.some(([, o]) => o === me.officerId) };
    let h = '<h2>' + esc(d.registrationNumber) + ' &middot; ' + esc(d.service.name.id) + '</h2>';
    h += '<p>Pemohon / Applicant: <b>' + esc(d.applicant.name) + '</b> (NIK ' + esc(d.applicant.nik) + ') &middot; Status: <b>' + esc(d.publicStatus) + '</b>' + (d.overdue ? ' <span class="late">TERLAMBAT / OVERDUE</span>' : '') + '</p>';
    h += '<p>Batas layanan / Due: ' + day(d.due.dueAt) + (d.due.provisional ? ' (sementara / provisional)' : '') + (d.step ? ' &middot; Tahap / Step: <b>' + esc(d.step.label.id) + '</b>, batas ' + day(d.step.due.dueAt) + ', meja ' + esc(d.step.pendingDesks.join(', ') || '-') : '') + '</p>';
    if (d.correction) h += '<p>Perbaikan / Corrections: ' + d.correction.reasons.map(esc).join('; ') + '</p>';
    if (d.fee) h += '<p>Retribusi / Fee: ' + rp(d.fee.total) + ' (SKRD ' + esc(d.fee.skrdNumber) + '), dibayar / paid ' + rp(d.fee.paid) + ', sisa / outstanding <b>' + rp(d.fee.outstanding) + '</b></p>';
    h += '<div>';
    const open_ = d.lifecycle === 'in-process' || d.lifecycle === 'issued';
    if (open_ && d.step) {
      for (const [i, [path, label]] of (ACTIONS[d.step.kind] || []).entries()) h += '<button data-a="' + i + '">' + esc(label) + '</button>';
      h += '<button data-x="release">Lepas / Release</button>';
    }
    if (d.lifecycle === 'returned' && me.role !== 'processor') h += '<button data-x="resubmit">Terima perbaikan / Take corrections in</button>';
    if ((d.lifecycle === 'in-process' || d.lifecycle === 'returned') && me.role !== 'processor') h += '<button data-x="withdraw">Cabut / Withdraw</button>';
    h += '</div><h3>Riwayat / Audit trail</h3><table><tr><th>#</th><th>Waktu / When</th><th>Kejadian / Event</th><th>Petugas / Officer</th><th>Data</th></tr>';
    for (const e of d.history) h += '<tr><td>' + e.version + '</td><td>' + day(e.at) + '</td><td>' + esc(e.type) + '</td><td>' + esc(e.officerId || '') + '</td><td><small>' + esc(JSON.stringify(e.data)).slice(0, 220) + '</small></td></tr>';
    h += '</table>';
    $('#detail').innerHTML = h; $('#detail').classList.remove('hidden'); $('#detail').scrollIntoView();
    $('#detail').querySelectorAll('button[data-a]').forEach((b) => { const [path, , kind] = ACTIONS[d.step.kind][Number(b.dataset.a)]; b.onclick = () => act(path, kind, d.step.kind !== 'handover'); });
    $('#detail').querySelectorAll('button[data-x]').forEach((b) => { const x = b.dataset.x; b.onclick = () => act(x, x === 'release' ? {} : x === 'resubmit' ? 'note' : 'withdraw', false); });
  } catch (e) { say(e.message, 'err'); }
}
async function showStats() {
  const s = (await api('GET', '/statistics')).data;
  let h = '<h2>Statistik / Statistics</h2><table><tr><th>Layanan</th><th>Per status</th><th>Tepat waktu / On time</th><th>Terlambat terbuka / Overdue open</th></tr>';
  for (const x of s.services) h += '<tr><td>' + esc(x.name.id) + '</td><td>' + esc(Object.entries(x.byStatus).map(([k, v]) => k + ': ' + v).join(', ')) + '</td><td>' + (x.onTimeRate === null ? '-' : x.onTimeRate + '%') + ' (' + x.closedOnTime + '/' + x.closed + ')</td><td>' + x.overdueOpen + '</td></tr>';
  h += '</table><table><tr><th>Meja / Desk</th><th>Kunjungan / Visits</th><th>Terbuka / Open</th><th>Terlambat / Overdue</th><th>Rata-rata jam / Avg hours</th></tr>';
  for (const d of s.desks) h += '<tr><td>' + esc(d.name.id) + '</td><td>' + d.visits + '</td><td>' + d.open + '</td><td>' + d.overdueOpen + '</td><td>' + (d.averageHours ?? '-') + '</td></tr>';
  h += '</table><button id="sweep">Jalankan fiktif positif / Run deadline sweep</button>';
  $('#stats').innerHTML = h; $('#stats').classList.remove('hidden');
  $('#sweep').onclick = async () => { try { const r = (await command('/sla/sweep', {})).data; say('Dianggap disetujui / Deemed approved: ' + (r.deemedApproved.join(', ') || '-')); } catch (e) { say(e.message, 'err'); } };
}
$('#loginForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try { token = (await api('POST', '/auth/login', { username: f.get('username'), password: f.get('password') })).data.accessToken; sessionStorage.setItem('berkas.token', token); say(''); await start(); }
  catch (e) { say(e.message, 'err'); }
});
$('#findForm').addEventListener('submit', (ev) => { ev.preventDefault(); open(new FormData(ev.target).get('q').trim().toUpperCase()); });
$('#logout').onclick = () => { sessionStorage.removeItem('berkas.token'); location.reload(); };
start();
`;
