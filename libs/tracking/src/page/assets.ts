/**
 * The public pages' style and script, served as files (the Content-Security-Policy allows no inline code).
 * Made for the cheapest phone: system fonts, no images, touch targets of at least 44 px, readable at 360 px.
 */
export const TRACKING_STYLE = `*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
.kicker{margin:1rem 0 0;font-weight:600;color:#4a4a4a}
header{background:#0b4f6c;color:#fff;padding:.6rem 1rem}.mpp{margin:0;font-weight:700}
main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.35rem;margin:1rem 0 .6rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}h3{font-size:1rem;margin:.8rem 0 .2rem}
.en{color:#4a4a4a;font-size:.92em}.block{display:block}.small{font-size:.9rem}
label{display:block;margin:.8rem 0 .25rem;font-weight:600}
input{font-size:1.1rem;min-height:48px;padding:.5rem .7rem;width:100%;max-width:22rem;border:2px solid #5a5a5a;border-radius:6px}
input:focus,button:focus,a:focus{outline:3px solid #f0a500;outline-offset:2px}
button,.button{display:inline-block;min-height:48px;min-width:48px;margin-top:1rem;padding:.7rem 1.2rem;font-size:1.05rem;border:0;border-radius:6px;background:#0b4f6c;color:#fff;text-decoration:none;cursor:pointer}
.button.secondary{background:#fff;color:#0b4f6c;border:2px solid #0b4f6c}
button[disabled]{background:#8a8a8a}
.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.3rem .8rem;margin:.4rem 0}.facts dt{font-weight:600}.facts dd{margin:0}
@media (max-width:30rem){.facts{grid-template-columns:1fr;gap:0}.facts dd{margin-bottom:.5rem}}
.notice{border-radius:8px;padding:.6rem 1rem;margin:1rem 0;border-left:6px solid}
.warn{background:#fdecea;border-color:#b3261e}.pay{background:#fff8e1;border-color:#b26a00}.ok{background:#e8f5e9;border-color:#1e6b2e}
.late{color:#b3261e}
ol.progress{list-style:none;padding:0;margin:.4rem 0}
ol.progress li{position:relative;padding:.45rem 0 .45rem 2.2rem;min-height:44px;border-left:3px solid #c8ccd2;margin-left:.7rem}
ol.progress li::before{content:"";position:absolute;left:-.8rem;top:.55rem;width:1.1rem;height:1.1rem;border-radius:50%;background:#fff;border:3px solid #c8ccd2}
ol.progress li.done{border-color:#1e6b2e}ol.progress li.done::before{background:#1e6b2e;border-color:#1e6b2e}
ol.progress li.current{font-weight:700}ol.progress li.current::before{background:#f0a500;border-color:#0b4f6c}
ol.progress li.stopped::before{background:#b3261e;border-color:#b3261e}
.state{font-weight:400;font-size:.9em;color:#4a4a4a}
ol.timeline{padding-left:1.2rem}ol.timeline li{margin:.5rem 0}ol.timeline p{margin:.1rem 0}ol.timeline time{font-size:.9rem;color:#4a4a4a}
ul.channels li{margin:.4rem 0}
.survey{background:#eef4fb;border-color:#0b4f6c}fieldset.scale{border:0;padding:0;margin:.8rem 0}fieldset.scale legend{font-weight:600;margin-bottom:.2rem}
fieldset.scale label{display:flex;align-items:center;gap:.5rem;min-height:44px;margin:0;font-weight:400}fieldset.scale input{width:22px;height:22px;min-height:0}
select{font:inherit;font-size:1rem;min-height:48px;width:100%;max-width:22rem;border:2px solid #5a5a5a;border-radius:6px;background:#fff}
details summary{min-height:44px;padding:.6rem 0;cursor:pointer;color:#0b4f6c;font-weight:600}ul.complaints li{margin:.5rem 0}
textarea{font:inherit;width:100%;padding:.5rem;border:2px solid #5a5a5a;border-radius:6px}
footer{margin-top:2rem;padding-bottom:2rem;border-top:1px solid #c8ccd2}
ul.contacts{list-style:none;padding:0}ul.contacts a{display:inline-block;min-height:44px;padding:.6rem 0}
`;

/** Only enhances: the form works without it. */
export const TRACKING_SCRIPT = `(function () {
  var reg = document.getElementById('reg'), pin = document.getElementById('pin'), form = document.getElementById('lookup');
  var given = new URLSearchParams(location.search).get('nomor');
  // The receipt's QR code opens this page with the number filled in: only the PIN is left to type.
  if (given && reg && pin && !reg.value) { reg.value = given.slice(0, 40).toUpperCase(); }
  if (reg && pin && reg.value) pin.focus();
  if (reg) reg.addEventListener('change', function () { reg.value = reg.value.trim().toUpperCase(); });
  var button = form && form.querySelector('button');
  if (form) form.addEventListener('submit', function () { if (button) button.disabled = true; });
  // Too many attempts: the button waits out the time the server named, counting down.
  var wait = document.querySelector('[data-retry-in]');
  if (wait && button) {
    var left = Number(wait.getAttribute('data-retry-in'));
    var label = button.innerHTML;
    var tick = function () {
      if (left <= 0) { button.disabled = false; button.innerHTML = label; return; }
      button.disabled = true; button.textContent = left + ' detik / seconds'; left--; setTimeout(tick, 1000);
    };
    tick();
  }
})();
`;
