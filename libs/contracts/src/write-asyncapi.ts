import { writeFileSync } from 'node:fs';
import { asyncApiDocument } from './asyncapi.js';

/**
 * `npm run asyncapi`: writes docs/asyncapi.json from the contract's schemas.
 * `npm run asyncapi -- --release`: also makes it the released document that
 * later changes are checked against (docs/contract/asyncapi.released.json);
 * only after a review under docs/contract-policy.md.
 */
const text = JSON.stringify(asyncApiDocument(), null, 2) + '\n';
writeFileSync('docs/asyncapi.json', text);
console.log('wrote docs/asyncapi.json');
if (process.argv.includes('--release')) {
  writeFileSync('docs/contract/asyncapi.released.json', text);
  console.log('wrote docs/contract/asyncapi.released.json');
}
