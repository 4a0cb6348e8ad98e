import { execFileSync, spawnSync } from 'node:child_process';

/** The Prometheus alert rules shipped in docker/prometheus are valid, and fire on the series that mean trouble. */
const hasPromtool = (() => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error("CI=true but promtool is missing (Debian's prometheus package): .ci/run installs it");
    console.warn('\n*** SKIPPING the alert rules check: promtool not found (apt-get install prometheus) ***\n');
    return false;
  }
})();

(hasPromtool ? describe : describe.skip)('Prometheus alert rules (promtool)', () => {
  const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: 'docker/prometheus', encoding: 'utf8' });

  it('pass promtool check rules', () => {
    const r = promtool('check', 'rules', 'berkas-alerts.yml');
    expect(r.stdout + r.stderr).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.status).toBe(0);
  });

  it('pass their unit tests: quarantine, a dead relay and a lost database alert', () => {
    const r = promtool('test', 'rules', 'berkas-alerts.test.yml');
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('name only metrics Berkas exports', () => {
    const rules = promtool('check', 'rules', '--lint=none', 'berkas-alerts.yml');
    expect(rules.status).toBe(0);
    const text = execFileSync('cat', ['berkas-alerts.yml'], { cwd: 'docker/prometheus', encoding: 'utf8' });
    const named = new Set([...text.matchAll(/\b(berkas_[a-z_]+)\b/g)].map((m) => m[1]));
    const exported = execFileSync('grep', ['-rhoE', "name: '(berkas_[a-z_]+)'", 'libs'], { encoding: 'utf8' });
    const known = new Set([...exported.matchAll(/berkas_[a-z_]+/g)].map((m) => m[0]));
    expect([...named].filter((m) => !known.has(m))).toEqual([]);
  });
});
