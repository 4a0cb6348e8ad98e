import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess } from './kafka-broker.js';

/**
 * A real S3-compatible store for tests, without Docker: Adobe's S3Mock, one
 * Spring Boot jar from Maven Central (`mvn dependency:copy`, cached under
 * ~/.cache/berkas), run with `java -jar` on free loopback ports (its HTTP
 * port is `com.adobe.testing.s3mock.httpPort`; 9090 otherwise, and HTTPS on
 * `server.port`), its objects under a temporary folder, with one bucket.
 */
export const S3MOCK_VERSION = '4.9.1';

/** Fetches the jar once (about 60 MB); returns its path. */
export function ensureS3MockJar(log: (line: string) => void = () => undefined): string {
  const dir = join(process.env.BERKAS_CACHE_DIR ?? join(homedir(), '.cache', 'berkas'), `s3mock-${S3MOCK_VERSION}`);
  const jar = join(dir, `s3mock-${S3MOCK_VERSION}-exec.jar`);
  if (existsSync(jar)) return jar;
  mkdirSync(dir, { recursive: true });
  log(`fetching S3Mock ${S3MOCK_VERSION} from Maven Central into ${dir} ...`);
  execFileSync(
    'mvn',
    ['-q', '-B', 'dependency:copy', `-Dartifact=com.adobe.testing:s3mock:${S3MOCK_VERSION}:jar:exec`, `-DoutputDirectory=${dir}`],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (!existsSync(jar)) throw new Error(`mvn did not bring ${jar}`);
  return jar;
}

export class S3Mock {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly bucket: string,
    private readonly root: string,
  ) {}

  /** The endpoint an S3 client is pointed at (path-style addressing). */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(bucket = 'berkas', log: (line: string) => void = () => undefined): Promise<S3Mock> {
    const jar = ensureS3MockJar(log);
    const port = await freePort();
    let https = await freePort();
    while (https === port) https = await freePort();
    const root = mkdtempSync(join(tmpdir(), 'berkas-s3mock-'));
    const child = spawn(
      'java',
      [
        '-Xmx384m',
        '-XX:+UseSerialGC',
        '-jar',
        jar,
        `--com.adobe.testing.s3mock.httpPort=${port}`,
        `--server.port=${https}`,
        `--com.adobe.testing.s3mock.store.initialBuckets=${bucket}`,
        `--com.adobe.testing.s3mock.store.root=${root}`,
        '--logging.level.root=WARN',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const mock = new S3Mock(child, port, bucket, root);
    const keep = (b: Buffer) => {
      mock.output = (mock.output + b.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`S3Mock exited with ${child.exitCode}:\n${mock.output}`);
      // Ready when it lists its buckets, the one asked for among them.
      const listed = await fetch(`${mock.endpoint}/`).then(
        (r) => r.text(),
        () => '',
      );
      if (listed.includes(`<Name>${bucket}</Name>`)) return mock;
      await new Promise((r) => setTimeout(r, 250));
    }
    child.kill('SIGKILL');
    throw new Error(`S3Mock not ready in 90 s:\n${mock.output}`);
  }

  /** Stops the process (SIGTERM; SIGKILL after 10 s) and removes its objects. */
  async stop(): Promise<void> {
    await stopProcess(this.child);
    rmSync(this.root, { recursive: true, force: true });
  }
}
