import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { debianTool } from './debian-tool.js';

/** LibreOffice Calc without a display (Debian's libreoffice-calc-nogui), installed when missing; false (and said) when it cannot be. */
export const libreOffice = (): boolean => debianTool('soffice', '--no-install-recommends libreoffice-calc-nogui');

/**
 * What LibreOffice Calc reads in a file an officer downloaded: the file is
 * opened by Calc and saved as XLSX, which is read back cell by cell. A CSV
 * is opened as Calc's import dialog offers it to an Indonesian user:
 * separated by `;`, quoted by `"`, UTF-8, numbers in the id-ID locale (so a
 * decimal comma is a number).
 */
export async function readWithLibreOffice(bytes: Buffer, name: string): Promise<unknown[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'berkas-calc-'));
  try {
    const input = join(dir, basename(name));
    writeFileSync(input, bytes);
    const csv = name.endsWith('.csv');
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        ...(csv ? ['--infilter=CSV:59,34,76,1,,1057'] : []),
        '--convert-to',
        csv ? 'xlsx' : 'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(dir, 'out'),
        input,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const [first] = await readXlsxFile(readFileSync(join(dir, 'out', basename(name).replace(/\.\w+$/, '.xlsx'))));
    return first.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
