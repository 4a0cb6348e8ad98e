import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (command: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * A command-line tool from a Debian package (pdffonts and pdfsig from
 * poppler-utils, qpdf), installed with apt-get when it is missing and this
 * machine can (root, apt-get), as the browser tests do with Chromium. False
 * when there is none: the caller skips loudly, except with CI=true, where
 * this throws.
 */
export function debianTool(command: string, debianPackage: string): boolean {
  if (onPath(command)) return true;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    try {
      execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`], {
        stdio: 'ignore',
        timeout: 600_000,
      });
    } catch {
      // reported below
    }
  }
  if (onPath(command)) return true;
  if (process.env.CI === 'true') throw new Error(`${command} is needed and could not be installed (apt-get install ${debianPackage})`);
  console.warn(`\n*** checks with ${command} SKIPPED: not found (apt-get install ${debianPackage}) ***\n`);
  return false;
}
