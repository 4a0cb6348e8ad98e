/** The applicant's page: one form, Bahasa Indonesia first, English second. No scripts from elsewhere. */
export const TRACKING_PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lacak Berkas / Track your dossier</title>
<link rel="stylesheet" href="/assets/tracking.css">
</head>
<body>
<h1>Lacak Berkas Permohonan <span class="en">/ Track your application</span></h1>
<form id="f">
 <label for="reg">Nomor registrasi <span class="en">/ Registration number</span></label>
 <input id="reg" name="registrationNumber" placeholder="PBG-2026-000001" required>
 <label for="pin">PIN pada tanda terima <span class="en">/ PIN on your receipt</span></label>
 <input id="pin" name="pin" inputmode="numeric" pattern="[0-9]{6}" required>
 <br><button>Lacak <span class="en">/ Track</span></button>
</form>
<div id="out"></div>
<p class="en">Petugas / Officers: <a href="/konsol/">/konsol</a> &middot; API: <a href="/api/docs">/api/docs</a> &middot; Pengaduan / Complaints: SP4N-LAPOR!</p>
<script src="/assets/tracking.js" defer></script>
</body>
</html>`;

/** The page's styles, served as a file: the Content-Security-Policy allows no inline styles. */
export const TRACKING_STYLE = ` body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
 h1{font-size:1.4rem} .en{color:#666;font-size:.9em} label{display:block;margin:.6rem 0 .2rem}
 input{font-size:1rem;padding:.4rem;width:16rem} button{margin-top:.8rem;font-size:1rem;padding:.4rem 1rem}
 .card{border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin-top:1rem} .warn{color:#a40000}
 ol{padding-left:1.2rem} li{margin:.2rem 0}
`;

/** The page's script, served as a file: the Content-Security-Policy allows no inline scripts. */
export const TRACKING_SCRIPT = `const rp = (n) => 'Rp ' + Number(n).toLocaleString('id-ID');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const day = (s) => new Date(s).toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' });
// The receipt's QR code opens this page with the registration number filled in: only the PIN is left to type.
const given = new URLSearchParams(location.search).get('nomor');
if (given) { document.getElementById('reg').value = given.slice(0, 40); document.getElementById('pin').focus(); }
document.getElementById('f').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = document.getElementById('out');
  const body = { registrationNumber: document.getElementById('reg').value.trim().toUpperCase(), pin: document.getElementById('pin').value.trim() };
  const res = await fetch('/api/public/tracking', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const v = await res.json();
  if (!res.ok) { out.innerHTML = '<p class="card warn">' + esc(v.detail || v.title) + '</p>'; return; }
  let h = '<div class="card"><h2>' + esc(v.status.id) + ' <span class="en">/ ' + esc(v.status.en) + '</span></h2>';
  h += '<p>' + esc(v.service.id) + ' &middot; ' + esc(v.registrationNumber) + ' &middot; ' + esc(v.applicant) + '</p>';
  if (v.stage) h += '<p>Posisi berkas <span class="en">/ Now at</span>: <b>' + esc(v.stage.step.id) + '</b> (' + v.stage.desks.map((d) => esc(d.id)).join(', ') + ')</p>';
  h += '<p>Batas waktu <span class="en">/ Due</span>: ' + day(v.dueAt) + (v.dueProvisional ? ' (sementara / provisional)' : '') + (v.overdue ? ' <b class="warn">TERLAMBAT / OVERDUE</b>' : '') + '</p>';
  if (v.status.code === 'returned' && v.correction) h += '<div class="warn"><b>Perlu perbaikan / Corrections needed:</b><ul>' + v.correction.reasons.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>Bawa perbaikan ke loket MPP. <span class="en">Bring corrections to the MPP front desk.</span></div>';
  if (v.fee && v.fee.outstanding > 0) h += '<p><b>Retribusi yang harus dibayar / Fee to pay: ' + rp(v.fee.outstanding) + '</b> (SKRD ' + esc(v.fee.skrdNumber) + ')</p>';
  if (v.readyToCollect) h += '<p><b>Izin siap diambil di loket penyerahan. <span class="en">Your permit is ready for collection.</span></b></p>';
  if (v.rejection) h += '<p class="warn">Alasan penolakan / Reasons: ' + v.rejection.reasons.map(esc).join('; ') + '</p>';
  h += '<h3>Riwayat <span class="en">/ Timeline</span></h3><ol>' + v.timeline.map((t) => '<li>' + day(t.at) + ': ' + esc(t.text.id) + ' <span class="en">/ ' + esc(t.text.en) + '</span></li>').join('') + '</ol></div>';
  out.innerHTML = h;
});
`;
