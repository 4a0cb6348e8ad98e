import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { UploadRefused } from './upload-checks.js';

/** Scans a file held on this machine: the signature's name when it found one, undefined when clean. */
export interface VirusScanner {
  scan(path: string): Promise<string | undefined>;
}

/**
 * ClamAV's daemon over its socket (`tcp://host:3310` or a Unix socket's
 * path), sent the file with INSTREAM: length-prefixed chunks, then a zero
 * length, answered `stream: OK` or `stream: <signature> FOUND`. Anything else
 * (no daemon, a timeout, clamd's own size limit) refuses the upload: a
 * configured scanner is never skipped.
 */
export class ClamdScanner implements VirusScanner {
  constructor(
    private readonly address: string,
    private readonly timeoutMs = 60_000,
  ) {}

  private connect(): Socket {
    const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(this.address);
    return tcp ? connect({ host: tcp[1], port: Number(tcp[2]) }) : connect({ path: this.address });
  }

  async scan(path: string): Promise<string | undefined> {
    const socket = this.connect();
    socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error('no answer in time')));
    const chunks: Buffer[] = [];
    let failure: Error | undefined;
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', (e) => (failure ??= e));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    try {
      await once(socket, 'connect');
      socket.write('zINSTREAM\0');
      for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        if (!socket.write(chunk)) await once(socket, 'drain');
      }
      socket.end(Buffer.alloc(4));
      await closed;
      if (failure) throw failure;
    } catch (e) {
      socket.destroy();
      throw new UploadRefused('CHECK_UNAVAILABLE', `the virus scanner did not answer: ${(e as Error).message}`);
    }
    const answer = Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim();
    if (answer === 'stream: OK') return undefined;
    const found = /^stream: (.+) FOUND$/.exec(answer);
    if (found) return found[1];
    throw new UploadRefused('CHECK_UNAVAILABLE', `the virus scanner answered "${answer.slice(0, 120)}"`);
  }
}
