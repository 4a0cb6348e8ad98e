import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type {
  AppendReq as AppendReqT,
  AppendResp as AppendRespT,
  ReadReq as ReadReqT,
  ReadResp as ReadRespT,
} from '@eventstore/db-client/generated/streams_pb.js';

const { AppendResp, ReadResp } = streamsPb;
const { Empty, StreamIdentifier, UUID } = sharedPb;

interface FakeRecord {
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  createdTicks: string;
}

type Filter = (r: FakeRecord) => boolean;

interface Live {
  filter: Filter;
  send: (r: FakeRecord) => void;
  drop: () => void;
}

const ANY = -2n;
const NO_STREAM = -1n;
const STREAM_EXISTS = -3n;

/**
 * A WIRE-PROTOCOL FAKE of EventStoreDB, for tests only; never a store.
 *
 * It serves the gRPC service definitions that `@eventstore/db-client` itself
 * ships (`generated/*_grpc_pb.js`), so the adapter's real client code runs
 * end to end over HTTP/2 and protobuf, and it implements only the calls the
 * adapter makes: ServerFeatures.GetSupportedMethods, Streams.Append (expected
 * revision: any, no_stream, stream_exists or a number; idempotent by event id
 * the way EventStoreDB is) and Streams.Read (a stream; `$all` forwards or
 * backwards from a position; catch-up subscriptions to `$all` with a stream
 * name filter). It keeps everything in memory, in one process, and has none of
 * the server's durability, clustering, ACLs or scavenging. Every other call
 * answers UNIMPLEMENTED. The same contract suite runs against a real server
 * when EVENTSTORE_URL is set.
 */
export class EventStoreDbWireProtocolFake {
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly log: FakeRecord[] = [];
  private readonly live = new Set<Live>();
  private nextPosition = 1n;
  /** Calls served, by method, so a test can check what the adapter used. */
  readonly calls = new Map<string, number>();
  /** When set, every append waits this long before it is applied (to widen races in tests). */
  appendDelayMs = 0;

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  /** The connection string a client uses to reach this fake (plain HTTP/2, no TLS). */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  static async start(): Promise<EventStoreDbWireProtocolFake> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    const fake = new EventStoreDbWireProtocolFake(server, port);
    server.addService(featuresGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => {
        fake.count('getSupportedMethods');
        const methods = ['read', 'append'].map((m) => {
          const s = new featuresPb.SupportedMethod();
          s.setServiceName('event_store.client.streams.streams');
          s.setMethodName(m);
          return s;
        });
        const answer = new featuresPb.SupportedMethods();
        answer.setMethodsList(methods);
        answer.setEventStoreServerVersion('0.0.0-wire-protocol-fake');
        cb(null, answer);
      },
    });
    server.addService(streamsGrpc.StreamsService, {
      append: (call: grpc.ServerReadableStream<AppendReqT, AppendRespT>, cb: grpc.sendUnaryData<AppendRespT>) => fake.append(call, cb),
      read: (call: grpc.ServerWritableStream<ReadReqT, ReadRespT>) => fake.read(call),
    });
    return fake;
  }

  /** Live subscriptions open now. */
  get subscriptions(): number {
    return this.live.size;
  }

  /** Ends every live subscription with an error, as a server does on a leader change or an overloaded node. */
  dropSubscriptions(): void {
    for (const l of [...this.live]) {
      this.live.delete(l);
      l.drop();
    }
  }

  /** Stops serving: open calls are cancelled, as when a server goes away. */
  async stop(): Promise<void> {
    for (const l of this.live) this.live.delete(l);
    await new Promise<void>((resolve) => {
      this.server.tryShutdown(() => resolve());
      setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 500).unref();
    });
  }

  /** Every event the fake holds, in `$all` order (for assertions). */
  get events(): readonly FakeRecord[] {
    return this.log;
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  private append(call: grpc.ServerReadableStream<AppendReqT, AppendRespT>, cb: grpc.sendUnaryData<AppendRespT>): void {
    this.count('append');
    let stream: string | undefined;
    let expected = ANY;
    const proposed: Omit<FakeRecord, 'revision' | 'position' | 'stream'>[] = [];
    call.on('data', (req: AppendReqT) => {
      if (req.hasOptions()) {
        const o = req.getOptions()!;
        stream = Buffer.from(o.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
        if (o.hasRevision()) expected = BigInt(o.getRevision());
        else if (o.hasNoStream()) expected = NO_STREAM;
        else if (o.hasStreamExists()) expected = STREAM_EXISTS;
        else expected = ANY;
      } else if (req.hasProposedMessage()) {
        const m = req.getProposedMessage()!;
        const meta = m.getMetadataMap();
        proposed.push({
          id: m.getId()!.getString(),
          type: meta.get('type') ?? '',
          contentType: meta.get('content-type') ?? 'application/octet-stream',
          data: m.getData_asU8(),
          customMetadata: m.getCustomMetadata_asU8(),
          createdTicks: (BigInt(Date.now()) * 10_000n).toString(),
        });
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      const apply = () => {
        if (stream === undefined) return cb({ code: grpc.status.INVALID_ARGUMENT, details: 'append without options' });
        cb(null, this.applyAppend(stream, expected, proposed));
      };
      if (this.appendDelayMs > 0) setTimeout(apply, this.appendDelayMs);
      else apply();
    });
  }

  /** Applies one append atomically (single-threaded: nothing interleaves within it). */
  private applyAppend(stream: string, expected: bigint, proposed: Omit<FakeRecord, 'revision' | 'position' | 'stream'>[]): AppendRespT {
    const existing = this.streams.get(stream) ?? [];
    const current = BigInt(existing.length) - 1n;
    const resp = new AppendResp();
    const ok =
      expected === ANY ||
      (expected === NO_STREAM && !existing.length) ||
      (expected === STREAM_EXISTS && existing.length > 0) ||
      expected === current;
    if (!ok) {
      // Idempotent write: the same event ids already follow the expected revision (or, with `any`, sit anywhere in order).
      const from = expected >= NO_STREAM ? Number(expected + 1n) : existing.findIndex((r) => r.id === proposed[0]?.id);
      const repeat =
        proposed.length > 0 && from >= 0 && proposed.every((p, i) => existing[from + i] !== undefined && existing[from + i].id === p.id);
      if (repeat && expected !== STREAM_EXISTS) {
        const last = existing[from + proposed.length - 1];
        return this.success(resp, last.revision, last.position);
      }
      const wrong = new AppendResp.WrongExpectedVersion();
      if (existing.length) wrong.setCurrentRevision(current.toString());
      else wrong.setCurrentNoStream(new Empty());
      if (expected >= 0n) wrong.setExpectedRevision(expected.toString());
      else if (expected === NO_STREAM) wrong.setExpectedNoStream(new Empty());
      else if (expected === STREAM_EXISTS) wrong.setExpectedStreamExists(new Empty());
      else wrong.setExpectedAny(new Empty());
      resp.setWrongExpectedVersion(wrong);
      return resp;
    }
    if (expected === ANY && proposed.length && existing.some((r) => r.id === proposed[0].id)) {
      const last = existing[existing.length - 1];
      return this.success(resp, last.revision, last.position);
    }
    const records = proposed.map((p, i) => ({ ...p, stream, revision: current + 1n + BigInt(i), position: this.nextPosition++ }));
    if (!records.length) return this.success(resp, current, undefined);
    this.streams.set(stream, [...existing, ...records]);
    this.log.push(...records);
    for (const r of records) for (const l of this.live) if (l.filter(r)) l.send(r);
    const last = records[records.length - 1];
    return this.success(resp, last.revision, last.position);
  }

  private success(resp: AppendRespT, revision: bigint, position: bigint | undefined): AppendRespT {
    const s = new AppendResp.Success();
    if (revision < 0n) s.setNoStream(new Empty());
    else s.setCurrentRevision(revision.toString());
    if (position === undefined) s.setNoPosition(new Empty());
    else {
      const p = new AppendResp.Position();
      p.setCommitPosition(position.toString());
      p.setPreparePosition(position.toString());
      s.setPosition(p);
    }
    resp.setSuccess(s);
    return resp;
  }

  private read(call: grpc.ServerWritableStream<ReadReqT, ReadRespT>): void {
    this.count('read');
    const o = call.request.getOptions();
    if (!o) {
      call.destroy(Object.assign(new Error('read without options'), { code: grpc.status.INVALID_ARGUMENT }));
      return;
    }
    const backwards = o.getReadDirection() === 1;
    const count = o.hasCount() ? Number(BigInt(o.getCount())) : Number.MAX_SAFE_INTEGER;
    const filter = this.filterOf(o);
    if (o.hasStream()) {
      if (o.hasSubscription()) return this.unimplemented(call, 'stream subscriptions');
      const so = o.getStream()!;
      const name = Buffer.from(so.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const records = this.streams.get(name);
      if (!records) {
        const nf = new ReadResp.StreamNotFound();
        nf.setStreamIdentifier(so.getStreamIdentifier());
        const resp = new ReadResp();
        resp.setStreamNotFound(nf);
        call.write(resp);
        call.end();
        return;
      }
      let from = so.hasRevision()
        ? Number(BigInt(so.getRevision()))
        : so.hasEnd()
          ? records.length - 1
          : backwards
            ? records.length - 1
            : 0;
      if (so.hasEnd() && !backwards) from = records.length;
      const out = backwards ? records.slice(0, from + 1).reverse() : records.slice(from);
      for (const r of out.slice(0, count)) call.write(this.eventResp(r));
      call.end();
      return;
    }
    const ao = o.getAll()!;
    const at = ao.hasPosition() ? BigInt(ao.getPosition()!.getCommitPosition()) : undefined;
    if (o.hasSubscription()) {
      const confirmation = new ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(randomUUID());
      const c = new ReadResp();
      c.setConfirmation(confirmation);
      call.write(c);
      // Catch-up (strictly after the position), then live; both in `$all` order.
      const past = ao.hasEnd() ? [] : this.log.filter((r) => (at === undefined || r.position > at) && filter(r));
      for (const r of past) call.write(this.eventResp(r));
      const caught = new ReadResp();
      caught.setCaughtUp(new ReadResp.CaughtUp());
      call.write(caught);
      const live: Live = {
        filter,
        send: (r) => call.write(this.eventResp(r)),
        drop: () => call.emit('error', Object.assign(new Error('subscription dropped by the server'), { code: grpc.status.UNAVAILABLE })),
      };
      this.live.add(live);
      call.on('cancelled', () => this.live.delete(live));
      call.on('close', () => this.live.delete(live));
      return;
    }
    // A read of `$all` includes the event at the position it starts from, as the server does.
    let out: FakeRecord[];
    if (backwards) out = this.log.filter((r) => (ao.hasStart() ? false : at === undefined || r.position < at) && filter(r)).reverse();
    else out = ao.hasEnd() ? [] : this.log.filter((r) => (at === undefined || r.position >= at) && filter(r));
    for (const r of out.slice(0, count)) call.write(this.eventResp(r));
    call.end();
  }

  private filterOf(o: ReadReqT.Options): Filter {
    if (!o.hasFilter()) return () => true;
    const f = o.getFilter()!;
    const expr = f.hasStreamIdentifier() ? f.getStreamIdentifier()! : f.getEventType()!;
    const field = (r: FakeRecord) => (f.hasStreamIdentifier() ? r.stream : r.type);
    const prefixes = expr.getPrefixList();
    const regex = expr.getRegex() ? new RegExp(expr.getRegex()) : undefined;
    return (r) => (prefixes.length ? prefixes.some((p) => field(r).startsWith(p)) : true) && (regex ? regex.test(field(r)) : true);
  }

  private unimplemented(call: grpc.ServerWritableStream<ReadReqT, ReadRespT>, what: string): void {
    call.destroy(Object.assign(new Error(`the wire-protocol fake does not implement ${what}`), { code: grpc.status.UNIMPLEMENTED }));
  }

  private eventResp(r: FakeRecord): ReadRespT {
    const rec = new ReadResp.ReadEvent.RecordedEvent();
    const id = new UUID();
    id.setString(r.id);
    rec.setId(id);
    const sid = new StreamIdentifier();
    sid.setStreamName(Buffer.from(r.stream, 'utf8'));
    rec.setStreamIdentifier(sid);
    rec.setStreamRevision(r.revision.toString());
    rec.setCommitPosition(r.position.toString());
    rec.setPreparePosition(r.position.toString());
    rec.getMetadataMap().set('type', r.type);
    rec.getMetadataMap().set('content-type', r.contentType);
    rec.getMetadataMap().set('created', r.createdTicks);
    rec.setData(r.data);
    rec.setCustomMetadata(r.customMetadata);
    const ev = new ReadResp.ReadEvent();
    ev.setEvent(rec);
    ev.setCommitPosition(r.position.toString());
    const resp = new ReadResp();
    resp.setEvent(ev);
    return resp;
  }
}
