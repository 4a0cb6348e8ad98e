/**
 * Schema history of dossier events: steps[type][n] turns version n into n + 1.
 * Stored events are never rewritten; they are brought up to date on read.
 */
export const dossierUpcastSteps: Record<string, Record<number, (d: Record<string, unknown>) => Record<string, unknown>>> = {
  // v1 carried one free-text reason and predates clock pausing.
  DossierReturnedForCorrection: {
    1: (d) => ({ stepId: d.stepId, desk: d.desk, reasons: [String(d.reason)], clockPaused: false }),
  },
  // v1 carried pinHash: an scrypt hash of the receipt PIN until D21, then an empty string; nothing reads it (the PIN
  // is recomputed from PIN_SECRET), and a hash of a six-digit PIN in the log only helped whoever could read the log.
  DossierRegistered: {
    1: ({ pinHash: _dropped, ...d }) => d,
  },
};
