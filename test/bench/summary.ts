/** The last step of `npm run bench`: every headline figure the parts noted, beside its baseline and target. */
import { formatRows, readRows, RESULTS_FILE } from './bench-summary.js';

const rows = readRows();
console.log(`\nsummary: ${rows.length} figures (${RESULTS_FILE}), each beside its baseline measured in the same run\n`);
console.log(formatRows(rows));
const missed = rows.filter((r) => !r.met).length;
console.log(`\n${rows.length - missed} met, ${missed} missed\n`);
