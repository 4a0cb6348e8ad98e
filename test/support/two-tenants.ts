import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Denpasar's own signing official (Bandung's is the demo profile's). */
export const DENPASAR_OFFICIAL = { name: 'I Made Suarjana, S.H., M.H.', nip: '197003151996031002' };

/**
 * A tenants file in `dir` for two MPPs in different zones, each with the demo profile under its own name: Bandung
 * (WIB, the home tenant, prefix BDG) and Denpasar (WITA, prefix DPS). Answers the file's path.
 */
export function writeTwoTenants(dir: string): string {
  const profile = JSON.parse(readFileSync('data/mpp-profile.json', 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'bandung.json'), JSON.stringify({ ...profile, name: 'MPP Kota Bandung' }));
  writeFileSync(
    join(dir, 'denpasar.json'),
    JSON.stringify({
      ...profile,
      name: 'MPP Kota Denpasar',
      government: 'Pemerintah Kota Denpasar · Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
      signingOfficial: { name: DENPASAR_OFFICIAL.name, nip: DENPASAR_OFFICIAL.nip, title: 'Kepala DPMPTSP Kota Denpasar' },
    }),
  );
  const file = join(dir, 'tenants.json');
  writeFileSync(
    file,
    JSON.stringify([
      { code: 'kota-bandung', prefix: 'BDG', profile: 'bandung.json', timeZone: 'WIB', province: 'Jawa Barat' },
      { code: 'kota-denpasar', prefix: 'DPS', profile: 'denpasar.json', timeZone: 'WITA', province: 'Bali' },
    ]),
  );
  return file;
}
