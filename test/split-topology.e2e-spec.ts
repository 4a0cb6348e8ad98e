import { readFileSync } from 'node:fs';
import { DEFAULT_OPS_PORTS } from '#berkas/platform';
import { SPLIT } from '#berkas/testing';

/**
 * docs/deployment.md's table of the split topology, `npm run split` and the
 * Kafka drills (which start their processes from SPLIT) say the same thing.
 */
describe('the split topology as the deployment doc states it', () => {
  const doc = readFileSync('docs/deployment.md', 'utf8');
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const split = doc.slice(doc.indexOf('## Split'), doc.indexOf('### Order of first start'));
  const rows = [...split.matchAll(/^\|[^|]+\|\s*`npm run ([\w:-]+)`\s*\|\s*(\d+)\s*\|/gm)].map((m) => ({
    npm: m[1],
    opsPort: Number(m[2]),
  }));

  it('lists every process of npm run split with its command and operations port', () => {
    expect(rows.filter((r) => r.npm !== 'start')).toEqual(
      expect.arrayContaining(Object.values(SPLIT).map((p) => ({ npm: p.npm, opsPort: p.opsPort }))),
    );
    expect(rows.filter((r) => r.npm !== 'start')).toHaveLength(Object.keys(SPLIT).length);
  });

  it('names npm scripts that run those entry points, and the ports each process takes by default', () => {
    for (const p of Object.values(SPLIT)) {
      expect(scripts[p.npm]).toBe(`node ${p.entry}`);
      const service = p.npm.replace('start:', '');
      expect([service, DEFAULT_OPS_PORTS[service]]).toEqual([service, p.opsPort]);
    }
    expect(scripts.split).toContain('split-topology-cli.js');
  });
});
