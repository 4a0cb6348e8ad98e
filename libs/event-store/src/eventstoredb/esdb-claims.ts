import { createHash } from 'node:crypto';
import { ClaimTakenError } from '../event-store.port.js';
import { jitter, jsonEvent, readRaw, WrongExpectedVersionError, type RegisterContext } from './esdb-support.js';

interface Held {
  name: string;
  revision: bigint;
}

interface ClaimData {
  claim: string;
  streamId: string;
  eventId: string;
  leaseUntil: number;
}

/**
 * Unique keys on EventStoreDB (AppendPlan.claims), one stream per key,
 * `<ns>~claim-<sha256 of the key>`: reserve it, append, then mark it used or
 * released, as NumberRegister does with numbers. A used claim is held for
 * good; a reservation whose holder vanished is settled by looking for its event.
 */
export class ClaimRegister {
  constructor(private readonly c: RegisterContext) {}

  /** Reserves every key (in one order, so two appends never wait on each other) or none: a held key throws ClaimTakenError. */
  async reserve(claims: string[], streamId: string, eventId: string): Promise<Held[]> {
    const held: Held[] = [];
    try {
      for (const claim of [...new Set(claims)].sort()) held.push(await this.reserveOne(claim, streamId, eventId));
      return held;
    } catch (e) {
      await this.settle(held, 'ClaimReleased');
      throw e;
    }
  }

  async settle(held: Held[], type: 'ClaimUsed' | 'ClaimReleased'): Promise<void> {
    for (const h of held)
      // A conflict means the lease ran out and someone settled the claim already, by what landed.
      await this.c.client.appendToStream(h.name, jsonEvent({ type, data: {} }), { expectedRevision: h.revision }).catch((e: unknown) => {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
      });
  }

  private async reserveOne(claim: string, streamId: string, eventId: string): Promise<Held> {
    const name = `${this.c.ns}~claim-${createHash('sha256').update(claim).digest('hex')}`;
    for (let attempt = 0; ; attempt++) {
      const events = await readRaw(this.c.client, name);
      const last = events.at(-1);
      // The last reservation is the claim's holder (settling events carry no data of their own).
      const reserved = events.findLast((r) => r.type === 'ClaimReserved')?.data as ClaimData | undefined;
      if (last?.type === 'ClaimUsed') throw new ClaimTakenError(claim, reserved!.streamId);
      if (last?.type === 'ClaimReserved') {
        if (reserved!.leaseUntil > this.c.now()) {
          await jitter(attempt);
          continue;
        }
        // The holder vanished mid-append: its claim stands if its event landed.
        const used = (await readRaw(this.c.client, this.c.streamName(reserved!.streamId))).some((r) => r.id === reserved!.eventId);
        await this.c.client
          .appendToStream(name, jsonEvent({ type: used ? 'ClaimUsed' : 'ClaimReleased', data: {} }), { expectedRevision: last.revision })
          .catch((e: unknown) => {
            if (!(e instanceof WrongExpectedVersionError)) throw e;
          });
        continue;
      }
      try {
        const data: ClaimData = { claim, streamId, eventId, leaseUntil: this.c.now() + this.c.leaseMs };
        const r = await this.c.client.appendToStream(name, jsonEvent({ type: 'ClaimReserved', data: data as never }), {
          expectedRevision: last ? last.revision : 'no_stream',
        });
        return { name, revision: r.nextExpectedRevision };
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        await jitter(attempt);
      }
    }
  }
}
