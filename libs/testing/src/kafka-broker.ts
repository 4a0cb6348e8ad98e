import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Apache Kafka broker for tests and benchmarks, without Docker: the
 * broker's jars come from Maven Central through `mvn` (cached under
 * ~/.cache/berkas), and one process runs as broker and controller in KRaft
 * mode on free loopback ports. `restart()` keeps its data (topics and
 * committed offsets survive, as on a real cluster).
 */
export const KAFKA_VERSION = '4.4.0';
const LOG4J_VERSION = '2.26.1';

export const kafkaCacheDir = (): string =>
  join(process.env.BERKAS_CACHE_DIR ?? join(homedir(), '.cache', 'berkas'), `kafka-${KAFKA_VERSION}`);

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.berkas</groupId>
  <artifactId>kafka-broker-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${LOG4J_VERSION}</version></dependency>
  </dependencies>
</project>
`;

const LOG4J2 = `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders><Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="[%d] %p %m (%c)%n"/></Console></Appenders>
  <Loggers><Root level="WARN"><AppenderRef ref="out"/></Root><Logger name="kafka.server.KafkaRaftServer" level="INFO"/></Loggers>
</Configuration>
`;

/** Fetches the broker's jars once (about 40 s and 43 MB); returns the classpath folder. */
export function ensureKafkaJars(log: (line: string) => void = () => undefined): string {
  const dir = kafkaCacheDir();
  const lib = join(dir, 'lib');
  if (existsSync(join(dir, '.complete'))) return lib;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), POM);
  log(`fetching Apache Kafka ${KAFKA_VERSION} from Maven Central into ${dir} ...`);
  rmSync(lib, { recursive: true, force: true });
  execFileSync('mvn', ['-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', '-DoutputDirectory=lib'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!readdirSync(lib).some((f) => f.startsWith('kafka_2.13-'))) throw new Error(`mvn did not bring kafka_2.13 into ${lib}`);
  writeFileSync(join(dir, 'log4j2.xml'), LOG4J2);
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  return lib;
}

/** Stops a server the tests started: SIGTERM, then SIGKILL after 10 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(force), resolve()));
    child.kill('SIGTERM');
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const sock = new Socket();
    sock.setTimeout(500);
    sock.once('connect', () => (sock.destroy(), resolve(true)));
    sock.once('error', () => (sock.destroy(), resolve(false)));
    sock.once('timeout', () => (sock.destroy(), resolve(false)));
    sock.connect(port, '127.0.0.1');
  });

export class KafkaBroker {
  private process: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly controllerPort: number,
    readonly dataDir: string,
    private readonly lib: string,
  ) {}

  /** `host:port` for kafkajs `brokers`. */
  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  static async start(log: (line: string) => void = () => undefined): Promise<KafkaBroker> {
    const lib = ensureKafkaJars(log);
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'berkas-kafka-'));
    const broker = new KafkaBroker(port, controllerPort, dataDir, lib);
    broker.format();
    await broker.launch();
    return broker;
  }

  private get propertiesFile(): string {
    return join(this.dataDir, 'server.properties');
  }

  private format(): void {
    writeFileSync(
      this.propertiesFile,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${this.controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        `log.dirs=${join(this.dataDir, 'logs')}`,
        'num.partitions=4',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=4',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
        '',
      ].join('\n'),
    );
    const java = (args: string[]) =>
      execFileSync('java', ['-cp', `${this.lib}/*`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    const clusterId = java(['kafka.tools.StorageTool', 'random-uuid']);
    java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', this.propertiesFile]);
  }

  private async launch(): Promise<void> {
    this.output = '';
    const child = spawn(
      'java',
      [
        '-Xmx512m',
        '-XX:+UseSerialGC',
        `-Dlog4j2.configurationFile=${join(this.lib, '..', 'log4j2.xml')}`,
        '-cp',
        `${this.lib}/*`,
        'kafka.Kafka',
        this.propertiesFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    const keep = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Kafka broker exited with ${child.exitCode}:\n${this.output}`);
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`Kafka broker not ready in 60 s:\n${this.output}`);
  }

  /** Clean stop (SIGTERM; SIGKILL after 20 s). */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => (clearTimeout(force), resolve()));
      child.kill('SIGTERM');
    });
  }

  /** Stops and starts the same broker on the same ports and data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Starts a stopped broker again on the same ports and data. */
  async resume(): Promise<void> {
    await this.launch();
  }

  /** Stops the broker and removes its data. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
