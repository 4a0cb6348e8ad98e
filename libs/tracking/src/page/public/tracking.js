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
  // Corrections sent from the page: with a progress bar, and a plain sentence when a broken line stops the upload
  // (nothing is kept until the whole form has arrived, so sending again is safe). Without this script the browser
  // posts the form itself.
  var upload = document.querySelector('form[data-upload]');
  if (upload && window.FormData && window.XMLHttpRequest)
    upload.addEventListener('submit', function (e) {
      e.preventDefault();
      var state = upload.querySelector('.upload-state');
      var send = upload.querySelector('button[type=submit]');
      var bar = upload.querySelector('progress') || document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      upload.insertBefore(bar, state);
      var say = function (text, failed) {
        state.textContent = text;
        state.className = failed ? 'upload-state failed' : 'upload-state';
      };
      // The corrections' form and the application's form say what they were sending (data-what: "perbaikan|corrections").
      var what = (upload.getAttribute('data-what') || 'formulir|form').split('|');
      var stopped = function () {
        send.disabled = false;
        bar.parentNode.removeChild(bar);
        say(
          'Koneksi terputus sebelum ' +
            what[0] +
            ' terkirim; belum ada yang tersimpan. Periksa sinyal, lalu tekan "' +
            send.textContent.split(' / ')[0].trim() +
            '" lagi. / The connection broke before the ' +
            what[1] +
            ' ' +
            (what[1] === 'corrections' ? 'were' : 'was') +
            ' sent; nothing was kept. Check your signal, then press the button again.',
          true,
        );
      };
      var xhr = new window.XMLHttpRequest();
      xhr.open('POST', upload.action);
      xhr.timeout = 15 * 60 * 1000;
      xhr.upload.onprogress = function (p) {
        if (!p.lengthComputable) return;
        bar.value = Math.round((p.loaded * 100) / p.total);
        say('Mengirim... ' + bar.value + '% / Sending... ' + bar.value + '%');
      };
      xhr.onload = function () {
        // The server's own page: the confirmation it redirected to, or the form again with what went wrong.
        if (xhr.status === 200 && xhr.responseURL) {
          location.href = xhr.responseURL;
          return;
        }
        send.disabled = false;
        bar.parentNode.removeChild(bar);
        var page = new window.DOMParser().parseFromString(xhr.responseText, 'text/html');
        var problem = page.querySelector('[role=alert]');
        say(problem ? problem.textContent.replace(/\s+/g, ' ').trim() : 'Belum terkirim. / Not sent.', true);
      };
      xhr.onerror = stopped;
      xhr.ontimeout = stopped;
      xhr.onabort = stopped;
      send.disabled = true;
      say('Mengirim... / Sending...');
      xhr.send(new window.FormData(upload));
    });
})();
