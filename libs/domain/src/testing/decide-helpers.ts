import { DomainError } from '../shared/domain-error.js';
import type { ServiceCatalogue } from '../catalogue/service-catalogue.js';
import { catalogue, DossierScenario, officers } from './dossier-scenario.js';

// Helpers the decider's specs share: a scenario per demo service, a refusal's code, a PBG taken through review.

const cat: ServiceCatalogue = catalogue();
export const pbg = () => new DossierScenario(cat.latest('pbg')!);
export const sip = () => new DossierScenario(cat.latest('sip-dokter')!);
export const reklame = () => new DossierScenario(cat.latest('reklame')!);

/** The code of the DomainError a command is refused with (anything else is rethrown). */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected the command to be refused');
}

/** Takes a PBG dossier from registration through the technical review. */
export function pbgThroughReview(s: DossierScenario) {
  s.register();
  s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
  s.act(officers.tpa, { type: 'RecordRecommendation', data: { positive: true, note: 'memenuhi standar teknis' } });
  s.act(officers.pupr, { type: 'RecordRecommendation', data: { positive: true, note: 'SPPST terbit' } });
}
