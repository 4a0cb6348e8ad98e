import { parseArgs } from 'node:util';
import { createFirstAdministrator, FirstAdministratorRefused } from '#berkas/desk';
import { openDatabase, parseConfig, tenantsFromConfig } from '#berkas/platform';

/**
 * `npm run create-admin -- --username NAME --name "Full Name"`: the first
 * administrator of a new deployment, on the database the environment names
 * (DATABASE_URL, or the embedded one in BERKAS_DATA_DIR). The password is
 * typed at a hidden prompt (twice), or read from standard input's first line
 * when that is not a terminal; there is no default and no flag for it (a
 * flag would stay in the shell history and the process list).
 */
const { values } = parseArgs({
  options: {
    username: { type: 'string', default: 'admin' },
    name: { type: 'string', default: 'Administrator' },
    /** Which MPP of the deployment (TENANTS_FILE); the home tenant unless given. */
    tenant: { type: 'string' },
  },
});

function hidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write('\n');
          return resolve(typed);
        }
        if (c === '\u0003') process.exit(130);
        typed = c === '\u007f' || c === '\b' ? typed.slice(0, -1) : typed + c;
      }
    };
    stdin.on('data', onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

async function password(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await hidden('Kata sandi / Password (10+ characters): ');
  const again = await hidden('Ulangi / Repeat: ');
  if (first !== again) throw new FirstAdministratorRefused('the two passwords differ');
  return first;
}

const config = parseConfig(process.env);
const tenants = tenantsFromConfig(config, []);
let code = 0;
try {
  const tenant = values.tenant ?? tenants.home.code;
  if (!tenants.get(tenant))
    throw new FirstAdministratorRefused(
      `tenant: "${tenant}" is not one of ${tenants
        .all()
        .map((t) => t.code)
        .join(', ')}`,
    );
  const secret = await password();
  const db = await openDatabase(config);
  try {
    const made = await createFirstAdministrator(db, {
      tenant,
      home: tenants.home.code,
      username: values.username,
      name: values.name,
      password: secret,
    });
    console.log(
      `Administrator ${made.username} created for ${tenant} (${made.officerId}). Log in to the console and create the officers' accounts.`,
    );
  } finally {
    await db.close();
  }
} catch (e) {
  if (!(e instanceof FirstAdministratorRefused)) throw e;
  console.error(`Refused: ${e.message}`);
  code = 1;
}
process.exit(code);
