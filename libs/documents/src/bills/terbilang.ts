const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

function below1000(n: number): string {
  if (n < 12) return ONES[n];
  if (n < 20) return `${ONES[n - 10]} belas`;
  if (n < 100) return `${ONES[Math.floor(n / 10)]} puluh ${ONES[n % 10]}`.trim();
  const hundreds = Math.floor(n / 100);
  return `${hundreds === 1 ? 'seratus' : `${ONES[hundreds]} ratus`} ${below1000(n % 100)}`.trim();
}

const SCALES: [number, string][] = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
];

/**
 * A whole amount in Indonesian words, as an SKRD writes it after the figure
 * (terbilang): 2.250.000 is "dua juta dua ratus lima puluh ribu", 1.000 is
 * "seribu", 0 is "nol". Whole numbers from 0 below a thousand trillion.
 */
export function terbilang(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount >= 1e15) throw new RangeError(`terbilang: ${amount} is not a whole amount`);
  if (amount === 0) return 'nol';
  const words: string[] = [];
  let rest = amount;
  for (const [size, name] of SCALES) {
    const count = Math.floor(rest / size);
    rest %= size;
    if (!count) continue;
    words.push(size === 1e3 && count === 1 ? 'seribu' : `${below1000(count)} ${name}`);
  }
  if (rest) words.push(below1000(rest));
  return words.join(' ');
}
