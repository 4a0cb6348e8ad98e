// The public pages' only script. It only enhances: every form works without it.
(function () {
  var reg = document.getElementById('reg'),
    pin = document.getElementById('pin'),
    form = document.getElementById('lookup');
  var given = new URLSearchParams(location.search).get('nomor');
  // The receipt's QR code opens this page with the number filled in: only the PIN is left to type.
  if (given && reg && pin && !reg.value) {
    reg.value = given.slice(0, 40).toUpperCase();
  }
  if (reg && pin && reg.value) pin.focus();
  if (reg)
    reg.addEventListener('change', function () {
      reg.value = reg.value.trim().toUpperCase();
    });
  var button = form && form.querySelector('button');
  if (form)
    form.addEventListener('submit', function () {
      if (button) button.disabled = true;
    });
  // Too many attempts: the button waits out the time the server named, counting down.
  var wait = document.querySelector('[data-retry-in]');
  if (wait && button) {
    var left = Number(wait.getAttribute('data-retry-in'));
    var label = button.innerHTML;
    var tick = function () {
      if (left <= 0) {
        button.disabled = false;
        button.innerHTML = label;
        return;
      }
      button.disabled = true;
      button.textContent = left + ' detik / seconds';
      left--;
      setTimeout(tick, 1000);
    };
    tick();
  }
})();
