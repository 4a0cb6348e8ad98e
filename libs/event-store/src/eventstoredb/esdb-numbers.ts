import { jitter, jsonEvent, lastOf, readRaw, WrongExpectedVersionError, type RegisterContext } from './esdb-support.js';

export interface Reservation {
  value: number;
  revision: bigint;
}

/**
 * Document numbers on EventStoreDB, drawn from `<ns>~numbers-<sequence>`:
 * reserve the next value, append, then mark it used or released; a reservation
 * whose holder vanished is settled by looking for its event. Gap-free, at the
 * price of serialising numbered appends per sequence.
 */
export class NumberRegister {
  constructor(private readonly c: RegisterContext) {}

  async reserve(sequence: string, streamId: string, eventId: string): Promise<Reservation> {
    const name = `${this.c.ns}~numbers-${sequence}`;
    for (let attempt = 0; ; attempt++) {
      const last = await lastOf(this.c.client, name);
      let next = 1;
      if (last) {
        const d = last.data as { value: number; streamId: string; eventId: string; leaseUntil: number };
        if (last.type === 'NumberUsed') next = d.value + 1;
        else if (last.type === 'NumberReleased') next = d.value;
        else {
          // Reserved: its holder is appending, or vanished. Settle a stale one by what landed.
          if (d.leaseUntil > this.c.now()) {
            await jitter(attempt);
            continue;
          }
          const used = (await readRaw(this.c.client, this.c.streamName(d.streamId))).some((r) => r.id === d.eventId);
          await this.c.client
            .appendToStream(name, jsonEvent({ type: used ? 'NumberUsed' : 'NumberReleased', data: { value: d.value } }), {
              expectedRevision: last.revision,
            })
            .catch((e: unknown) => {
              if (!(e instanceof WrongExpectedVersionError)) throw e;
            });
          continue;
        }
      }
      try {
        const r = await this.c.client.appendToStream(
          name,
          jsonEvent({ type: 'NumberReserved', data: { value: next, streamId, eventId, leaseUntil: this.c.now() + this.c.leaseMs } }),
          { expectedRevision: last ? last.revision : 'no_stream' },
        );
        return { value: next, revision: r.nextExpectedRevision };
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        await jitter(attempt);
      }
    }
  }

  async settle(sequence: string, reservation: Reservation, type: 'NumberUsed' | 'NumberReleased'): Promise<void> {
    // A conflict means our lease ran out and someone settled it already, by what landed.
    await this.c.client
      .appendToStream(`${this.c.ns}~numbers-${sequence}`, jsonEvent({ type, data: { value: reservation.value } }), {
        expectedRevision: reservation.revision,
      })
      .catch((e: unknown) => {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
      });
  }
}
