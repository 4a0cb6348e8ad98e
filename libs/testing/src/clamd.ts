import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess } from './kafka-broker.js';

/**
 * Bytes the test ClamAV daemon reports as a virus: its signature database
 * holds this one signature (`Berkas.Test.Signature`), made here, since
 * ClamAV's own databases come from its mirrors, which this machine cannot
 * reach. Any file carrying these bytes is "infected" for the test.
 */
export const CLAMD_TEST_MARKER = 'BERKAS-UJI-VIRUS-7f3a';

/** A real ClamAV daemon (Debian's clamav-daemon) on a free loopback port, with the one test signature. */
export class Clamd {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly root: string,
  ) {}

  /** The address Berkas is configured with (CLAMD_ADDRESS). */
  get address(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  static async start(clamd = 'clamd'): Promise<Clamd> {
    const port = await freePort();
    const root = mkdtempSync(join(tmpdir(), 'berkas-clamd-'));
    const db = join(root, 'db');
    const signature = Buffer.from(CLAMD_TEST_MARKER).toString('hex');
    mkdirSync(db);
    writeFileSync(join(db, 'berkas.ndb'), `Berkas.Test.Signature:0:*:${signature}\n`);
    writeFileSync(
      join(root, 'clamd.conf'),
      [
        `TCPSocket ${port}`,
        'TCPAddr 127.0.0.1',
        `DatabaseDirectory ${db}`,
        'Foreground yes',
        `LogFile ${join(root, 'clamd.log')}`,
        '',
      ].join('\n'),
    );
    const child = spawn(clamd, ['-c', join(root, 'clamd.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const daemon = new Clamd(child, port, root);
    const keep = (b: Buffer) => (daemon.output = (daemon.output + b.toString()).slice(-10_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`clamd exited with ${child.exitCode}:\n${daemon.output}`);
      if ((await daemon.ping()) === 'PONG') return daemon;
      await new Promise((r) => setTimeout(r, 250));
    }
    child.kill('SIGKILL');
    throw new Error(`clamd not ready in 60 s:\n${daemon.output}`);
  }

  private ping(): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: this.port });
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('connect', () => socket.end('zPING\0'));
      socket.on('close', () => resolve(answer.replace(/\0/g, '').trim()));
      socket.on('error', () => resolve(''));
    });
  }

  async stop(): Promise<void> {
    await stopProcess(this.child);
    rmSync(this.root, { recursive: true, force: true });
  }
}
