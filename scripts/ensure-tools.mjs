/* global process, console */
// The programs Berkas runs beside Node (issue 22): qpdf checks every PDF handed in. On a machine where it is
// missing and apt-get can be used (root), it is installed, so `npm start` works on a fresh machine; otherwise
// the start goes on and says loudly that PDF uploads will be refused until it is installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const qpdf = process.env.QPDF_PATH || 'qpdf';
if (!onPath(qpdf) && qpdf === 'qpdf' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log("qpdf (the PDF checker) is missing: installing Debian's qpdf with apt-get (once)...");
  try {
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qpdf'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    });
  } catch {
    // said below
  }
}
if (!onPath(qpdf))
  console.warn(
    `\n*** ${qpdf} not found: PDF uploads will be refused (DOCUMENT.CHECK_UNAVAILABLE) until qpdf is installed (apt-get install qpdf) ***\n`,
  );
