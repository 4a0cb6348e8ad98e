import { writeFileSync } from 'node:fs';
import { asyncApiDocument } from './asyncapi.js';

/** `npm run asyncapi`: writes docs/asyncapi.json from the contract's schemas. */
writeFileSync('docs/asyncapi.json', JSON.stringify(asyncApiDocument(), null, 2) + '\n');
console.log('wrote docs/asyncapi.json');
