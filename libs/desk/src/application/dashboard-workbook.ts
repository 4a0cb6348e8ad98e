import type { Dashboard, statistics } from '#berkas/read-models';
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import type { Label } from '#berkas/domain';

type Statistics = Awaited<ReturnType<typeof statistics>>;
type Text = Label;
export type WorkbookLang = 'id' | 'en';

/** Sheet names and column headings, Bahasa first: the file goes to people, not programs. */
const HEADINGS = {
  flow: { id: 'Alur harian', en: 'Daily flow' },
  services: { id: 'Layanan', en: 'Services' },
  desks: { id: 'Meja', en: 'Desks' },
  serviceTrend: { id: 'Tren layanan', en: 'Service trend' },
  deskTrend: { id: 'Tren meja', en: 'Desk trend' },
  stuck: { id: 'Berkas macet', en: 'Stuck dossiers' },
  slowest: { id: 'Terlama', en: 'Slowest' },
  ikm: { id: 'IKM (SKM)', en: 'Satisfaction (SKM)' },
  respondents: { id: 'Responden', en: 'Respondents' },
  population: { id: 'Penerima layanan', en: 'Applicants served' },
  minimumSample: { id: 'Sampel minimum (Permenpan RB 14/2017)', en: 'Minimum sample (Permenpan RB 14/2017)' },
  index: { id: 'Nilai IKM', en: 'Index' },
  grade: { id: 'Mutu pelayanan', en: 'Service quality' },
  date: { id: 'Tanggal', en: 'Date' },
  registered: { id: 'Masuk', en: 'Registered' },
  closed: { id: 'Selesai', en: 'Closed' },
  service: { id: 'Layanan', en: 'Service' },
  onTime: { id: 'Tepat waktu', en: 'On time' },
  onTimeRate: { id: '% tepat waktu', en: '% on time' },
  overdueOpen: { id: 'Terbuka dan terlambat', en: 'Open and overdue' },
  desk: { id: 'Meja', en: 'Desk' },
  open: { id: 'Dalam antrean', en: 'In queue' },
  visits: { id: 'Kunjungan', en: 'Visits' },
  finished: { id: 'Kunjungan selesai', en: 'Visits finished' },
  hours: { id: 'Rata-rata jam', en: 'Average hours' },
  workingDays: { id: 'Rata-rata hari kerja', en: 'Average working days' },
  periodStart: { id: 'Awal periode', en: 'Period start' },
  number: { id: 'Nomor registrasi', en: 'Registration number' },
  step: { id: 'Tahap', en: 'Step' },
  idle: { id: 'Hari kerja tanpa gerak', en: 'Working days without a move' },
  inMall: { id: 'Hari kerja di MPP', en: 'Working days in the MPP' },
  overdue: { id: 'Terlambat', en: 'Overdue' },
  yes: { id: 'Ya', en: 'Yes' },
  no: { id: 'Tidak', en: 'No' },
} satisfies Record<string, Text>;

/**
 * The supervisors' dashboard as an XLSX workbook, a sheet per table: the
 * figures the page shows, as numbers a spreadsheet can sum and chart.
 */
export function dashboardWorkbook(
  board: Dashboard,
  stats: Statistics,
  serviceName: (code: string) => Text,
  lang: WorkbookLang,
): Promise<Buffer> {
  const h = (key: keyof typeof HEADINGS) => HEADINGS[key][lang];
  const tx = (t: Text | null | undefined) => (t ? t[lang] : '');
  const deskName = new Map(stats.desks.map((d) => [d.desk, d.name]));
  const desk = (id: string) => tx(deskName.get(id)) || id;
  const head = (...keys: (keyof typeof HEADINGS)[]): Row => keys.map((k) => ({ value: h(k), fontWeight: 'bold' as const }));
  const percent = (rate: number | null) => (rate === null ? null : { value: rate / 100, type: Number, format: '0.0%' });
  const sheets: { sheet: string; data: SheetData }[] = [
    {
      sheet: h('flow'),
      data: [head('date', 'registered', 'closed'), ...board.perDay.map((d) => [d.date, d.registered, d.closed])],
    },
    {
      sheet: h('services'),
      data: [
        head('service', 'closed', 'onTime', 'onTimeRate', 'overdueOpen'),
        ...stats.services.map((s) => [tx(s.name), s.closed, s.closedOnTime, percent(s.onTimeRate), s.overdueOpen]),
      ],
    },
    {
      sheet: h('desks'),
      data: [
        head('desk', 'open', 'overdue', 'visits', 'hours', 'workingDays'),
        ...stats.desks.map((d) => [tx(d.name), d.open, d.overdueOpen, d.visits, d.averageHours, d.averageWorkingDays]),
      ],
    },
    {
      sheet: h('serviceTrend'),
      data: [
        head('periodStart', 'service', 'closed', 'onTime', 'onTimeRate'),
        ...board.trend.services.flatMap((s) =>
          s.points.map((p, i) => [board.trend.buckets[i], tx(serviceName(s.service)), p.count, p.onTime, percent(p.rate)]),
        ),
      ],
    },
    {
      sheet: h('deskTrend'),
      data: [
        head('periodStart', 'desk', 'finished', 'onTime', 'onTimeRate', 'hours'),
        ...board.trend.desks.flatMap((d) =>
          d.points.map((p, i) => [board.trend.buckets[i], desk(d.desk), p.count, p.onTime, percent(p.rate), p.averageHours]),
        ),
      ],
    },
    {
      sheet: h('stuck'),
      data: [
        head('number', 'service', 'step', 'desk', 'idle'),
        ...board.stuck.map((s) => [
          s.registrationNumber,
          tx(serviceName(s.service)),
          tx(s.step),
          s.desks.map(desk).join(', '),
          s.idleWorkingDays,
        ]),
      ],
    },
    {
      sheet: h('slowest'),
      data: [
        head('number', 'service', 'step', 'inMall', 'overdue'),
        ...board.slowest.map((s) => [
          s.registrationNumber,
          tx(serviceName(s.service)),
          tx(s.step),
          s.workingDays,
          h(s.overdue ? 'yes' : 'no'),
        ]),
      ],
    },
    {
      sheet: h('ikm'),
      data: [
        [
          ...head('service', 'respondents', 'population', 'minimumSample', 'index', 'grade'),
          ...Array.from({ length: 9 }, (_, i) => ({ value: `U${i + 1}`, fontWeight: 'bold' as const })),
        ],
        ...board.ikm.map((r) => [
          tx(serviceName(r.service)),
          r.respondents,
          r.population ?? null,
          r.minimumSample ?? null,
          r.index,
          r.grade,
          ...r.elements,
        ]),
      ],
    },
  ];
  return writeXlsxFile(sheets.map((s) => ({ ...s, stickyRowsCount: 1, columns: s.data[0].map(() => ({ width: 22 })) }))).toBuffer();
}
