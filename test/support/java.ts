import { execFileSync } from 'node:child_process';

/**
 * Whether Java and Maven are here to start a Kafka broker (and S3Mock) from
 * Maven Central's jars. With CI=true their absence fails the suite; locally it
 * is skipped, loudly.
 */
export function javaAndMaven(suite: string): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    execFileSync('mvn', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`CI=true but java/mvn are missing: ${suite} cannot start their broker`);
    console.warn(`\n*** SKIPPING ${suite}: java or mvn not found ***\n`);
    return false;
  }
}
