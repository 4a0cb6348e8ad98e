/**
 * What a change to the public contract does to its subscribers
 * (docs/contract-policy.md). A subscriber validates each message with the
 * document it was built against, and the v1 schemas are closed (a `type`
 * enum, `additionalProperties: false`): so on a released topic version the
 * messages it knows must keep exactly their schemas, and no message type may
 * be added. Descriptions, titles and examples may change. Anything else goes
 * to a new topic version, published beside the old one for a migration window.
 */

type Json = unknown;

const DOC_KEYS = new Set(['description', 'title', 'examples', 'summary']);

/** A schema without the words that only document it. */
function shape(value: Json): Json {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, Json>)
      .filter(([k]) => !DOC_KEYS.has(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, shape(v)]),
  );
}

const same = (a: Json, b: Json) => JSON.stringify(shape(a)) === JSON.stringify(shape(b));

interface AsyncApiLike {
  info?: { version?: string };
  channels?: Record<string, { address?: string; messages?: Record<string, unknown> }>;
  components?: { messages?: Record<string, { name?: string; payload?: unknown; headers?: unknown }>; schemas?: Record<string, unknown> };
}

/**
 * The changes from a released AsyncAPI document to the current one that would
 * break a subscriber of the released one; empty when the current document is
 * safe to publish on the same topics.
 */
export function breakingChanges(releasedDoc: object, currentDoc: object): string[] {
  const released = releasedDoc as AsyncApiLike;
  const current = currentDoc as AsyncApiLike;
  const problems: string[] = [];
  for (const [id, channel] of Object.entries(released.channels ?? {})) {
    const now = current.channels?.[id];
    if (!now) {
      problems.push(`channel ${id} (${channel.address}) is gone`);
      continue;
    }
    if (now.address !== channel.address) problems.push(`channel ${id} moved from ${channel.address} to ${now.address}`);
    const before = Object.keys(channel.messages ?? {});
    const after = Object.keys(now.messages ?? {});
    for (const m of before.filter((x) => !after.includes(x))) problems.push(`message ${m} is no longer published on ${channel.address}`);
    for (const m of after.filter((x) => !before.includes(x)))
      problems.push(
        `message ${m} is new on ${channel.address}: subscribers of the released document reject its type (publish it on a new topic version)`,
      );
  }
  const messages = released.components?.messages ?? {};
  for (const [id, m] of Object.entries(messages)) {
    const now = current.components?.messages?.[id];
    if (!now) continue; // reported per channel above
    if (now.name !== m.name) problems.push(`message ${id} is now named ${now.name} (was ${m.name})`);
    if (!same(m.payload, now.payload)) problems.push(`message ${id} (${m.name}) changed its payload schema`);
    if (!same(m.headers, now.headers)) problems.push(`message ${id} (${m.name}) changed its headers`);
  }
  for (const [id, schema] of Object.entries(released.components?.schemas ?? {}))
    if (!same(schema, current.components?.schemas?.[id])) problems.push(`schema ${id} changed`);
  return problems;
}
