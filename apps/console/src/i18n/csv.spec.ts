import { csvText } from './csv.js';

describe('CSV exports as Indonesian spreadsheets read them', () => {
  it('separates by semicolons behind a byte-order mark, with decimal commas in Bahasa Indonesia', () => {
    const text = csvText(
      [
        ['Meja', 'Menunggu', 'Jam'],
        ['Back Office (Verifikasi)', 3, 1.5],
        ['Kasir', 0, null],
      ],
      'id',
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual(['Meja;Menunggu;Jam', 'Back Office (Verifikasi);3;1,5', 'Kasir;0;', '']);
    expect(csvText([[1.25]], 'en')).toBe('\uFEFF1.25\r\n');
  });

  it('quotes what would split a cell, and writes what a spreadsheet would run as a formula as text', () => {
    const [, row] = csvText([['x'], ['Toko "Maju; Jaya"', '=HYPERLINK("http://x")', '-5 hari', 'Jl. A\nNo. 2']], 'id')
      .slice(1)
      .split('\r\n');
    expect(row).toBe('"Toko ""Maju; Jaya""";"\'=HYPERLINK(""http://x"")";\'-5 hari;"Jl. A\nNo. 2"');
  });
});
