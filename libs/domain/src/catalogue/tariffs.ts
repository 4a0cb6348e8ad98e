import { z } from 'zod';
import { LegalBasisSchema } from './service-definition.js';

/**
 * What a region sets each year for its fees and taxes, from its own
 * regulations: PBG's locality index (Ilo) and standard unit price (SHST), and
 * a tax's rate and the rental values per location class. One file per year
 * (`data/tariffs/<year>.json`), like the holiday calendar: a year without a
 * file has no tariff, and a fee that needs one is refused rather than guessed.
 */
export const TariffYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The regency or city whose regulations these are. */
    region: z.string().min(2),
    pbg: z
      .object({
        /** Indeks lokalitas: a share of SHST, at most 0.5% (PP 16/2021). */
        ilo: z.number().positive().max(0.005),
        /** Standar harga satuan tertinggi, Rupiah per m2, set by the regent or mayor for the year. */
        shst: z.number().int().positive(),
        basis: z.array(LegalBasisSchema).min(1),
      })
      .strict()
      .optional(),
    taxes: z
      .record(
        z.string().regex(/^[a-z0-9-]+$/),
        z
          .object({
            label: z.object({ id: z.string().min(1), en: z.string().min(1) }).strict(),
            /** The tax rate on the rental value; pajak reklame at most 25% (UU 1/2022). */
            rate: z.number().positive().max(0.25),
            /** Rental value (nilai sewa reklame) in Rupiah per unit of the inputs' product, by location class. */
            rentalValues: z.record(z.string().regex(/^[a-z0-9-]+$/), z.number().positive()),
            basis: z.array(LegalBasisSchema).min(1),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();
export type TariffYear = z.infer<typeof TariffYearSchema>;

/** The tariffs of every configured year. */
export class Tariffs {
  private readonly byYear: Map<number, TariffYear>;
  constructor(years: readonly TariffYear[]) {
    this.byYear = new Map(years.map((y) => [y.year, y]));
  }

  /** Validates tariff files (`<year>.json`); throws naming the file, field and reason. */
  static parse(files: readonly { path: string; text: string }[]): Tariffs {
    return new Tariffs(
      files.map((f) => {
        const parsed = TariffYearSchema.safeParse(JSON.parse(f.text));
        if (!parsed.success)
          throw new Error(`${f.path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
        if (!f.path.endsWith(`${parsed.data.year}.json`)) throw new Error(`${f.path}: must be named ${parsed.data.year}.json`);
        return parsed.data;
      }),
    );
  }

  forYear(year: number): TariffYear | undefined {
    return this.byYear.get(year);
  }

  years(): number[] {
    return [...this.byYear.keys()].sort();
  }
}

/** The year whose tariff applies at an instant: the year in Jakarta (WIB, UTC+7), where the bill is made. */
export const tariffYear = (at: string): number => new Date(new Date(at).getTime() + 7 * 3600_000).getUTCFullYear();
