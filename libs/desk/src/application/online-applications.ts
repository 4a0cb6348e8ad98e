import { randomUUID } from 'node:crypto';
import { ConflictException, NotFoundException } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { stepDesks, type Actor, type DossierCommand, type ServiceCatalogue } from '#berkas/domain';
import { decideDraft, draftById, startAccepting, type Draft, type DraftApplication } from '#berkas/public-inbox';
import type { Queryable } from '#berkas/sql';
import { RegisterDossierCommand, RunDossierCommand, type Receipt } from './dossier.commands.js';
import type { DossierCommandService } from './dossier-command.service.js';

/** A draft no longer open to this decision: answered 409 with a code the console words. */
export class DraftNotWaiting extends ConflictException {
  constructor(status: string) {
    super({
      code: 'DRAFT.NOT_WAITING',
      message: `Permohonan daring ini sudah ${status === 'accepted' ? 'diterima' : status === 'returned' ? 'dikembalikan' : 'kedaluwarsa'} / This online application was already ${status}`,
    });
  }
}

export const draftNotFound = () =>
  new NotFoundException({ code: 'DRAFT.NOT_FOUND', message: 'Permohonan daring tidak ditemukan / No such online application' });

/**
 * Whether the officer may decide drafts of this service: the front desk, a
 * supervisor, or a verifier (an officer of the service's first desk).
 */
export function maySeeDraft(catalogue: ServiceCatalogue, officer: Actor, draft: Pick<Draft, 'service'>): boolean {
  if (officer.role === 'front-desk' || officer.role === 'supervisor') return true;
  if (officer.role !== 'processor') return false;
  const first = catalogue.get(draft.service.code, draft.service.version)?.steps[0];
  return first !== undefined && stepDesks(first).some((d) => officer.desks.includes(d));
}

/**
 * Accepts an online application (issue 22): the dossier is registered from
 * what the applicant filled in, as at the counter but by the officer who
 * accepts (RegisterDossier naming the draft), and each file is attached to
 * its requirement. The draft is marked as being accepted first, so that it
 * can no longer be returned or expire meanwhile; every command is keyed by
 * the draft, so a second try (after a crash, or another officer's) finishes
 * the same registration and attaches nothing twice. A refusal by the rules
 * (a requirement the service now asks for, say) leaves the draft waiting, for
 * the officer to return it with that reason.
 */
export async function acceptDraft(
  db: Queryable,
  commands: CommandBus,
  service: DossierCommandService,
  draft: Draft,
  officer: Actor,
  at: string,
): Promise<{ dossierId: string; registrationNumber: string }> {
  if (draft.status !== 'waiting' && draft.status !== 'accepting') throw new DraftNotWaiting(draft.status);
  const a = draft.application as DraftApplication;
  const key = `draft:${draft.id}`;
  const register = new RegisterDossierCommand(
    draft.service.code,
    a.applicant,
    [...new Set(draft.files.map((f) => f.requirement))],
    a.inputs,
    officer,
    key,
    at,
    key,
    { particulars: a.particulars, draft: draft.number },
  );
  if (draft.status === 'waiting') {
    // A dry run first: a refusal leaves the draft waiting (to be returned with that reason), not half accepted.
    const dossierId = randomUUID();
    const { requirements, inputs } = register;
    const data = { dossierId, applicant: a.applicant, requirements, inputs, particulars: a.particulars, draft: draft.number };
    await service.preview(
      dossierId,
      { type: 'RegisterDossier', data, metadata: { commandId: 'preview', actor: officer, at } },
      undefined,
      draft.service.code,
    );
    if (!(await startAccepting(db, draft.id)))
      throw new DraftNotWaiting((await draftById(db, draft.tenant, draft.id))?.status ?? 'expired');
  }
  const receipt = await commands.execute<RegisterDossierCommand, Receipt>(register);
  for (const [i, f] of draft.files.entries()) {
    const command = {
      type: 'AttachDocument',
      data: { requirement: f.requirement, name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256 },
      metadata: { commandId: `${key}:${i}`, actor: officer, at },
    } as DossierCommand;
    await commands.execute(new RunDossierCommand(receipt.dossierId, command, { fingerprint: `${key}:${i}` }));
  }
  await decideDraft(db, draft.id, {
    status: 'accepted',
    by: officer.officerId,
    at,
    dossierId: receipt.dossierId,
    registrationNumber: receipt.registrationNumber,
  });
  return { dossierId: receipt.dossierId, registrationNumber: receipt.registrationNumber };
}
