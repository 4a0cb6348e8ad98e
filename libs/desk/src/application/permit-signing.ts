import { DomainError, dossierStream, initialState, type DossierCommand, type DossierState, type ServiceCatalogue } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import type { Tenant, Tenants } from '#berkas/platform';
import { reduceSummary, toProjected, type DossierSummary } from '#berkas/read-models';
import {
  documentPdf,
  permitFactsForSigning,
  SignedDocumentStore,
  verificationUrl,
  type DocumentFacts,
  type PermitSigner,
} from '#berkas/documents';
import { evolveStored, type CommandOutcome, type DossierCommandService, type ExecuteOptions } from './dossier-command.service.js';

/** Where the permit's QR code points: the public address, else this server's own. */
export interface PermitSigningOptions {
  publicTrackingUrl: string | undefined;
  localOrigin: () => string;
}

/**
 * The signing desk's command (D46): the permit, numbered at the approval, is
 * drawn as it will be issued, signed inside the PDF (PAdES) by the signing
 * official's certificate, kept by its hash, and only then is SignPermit
 * appended with the signed file's facts. A refused or failed signature
 * appends nothing; a retried command answers its first outcome without
 * signing again.
 */
export class PermitSigning {
  constructor(
    private readonly commands: DossierCommandService,
    private readonly store: EventStore,
    private readonly catalogue: ServiceCatalogue,
    /** Each MPP's profile, zone and public pages: a permit is drawn in the name of its dossier's MPP. */
    private readonly tenants: Tenants,
    /** Each MPP's own signing official. */
    private readonly signerOf: (tenant: Tenant) => PermitSigner,
    private readonly documents: SignedDocumentStore,
    private readonly options: PermitSigningOptions,
  ) {}

  async sign(
    dossierId: string,
    command: Extract<DossierCommand, { type: 'SignPermit' }>,
    options: ExecuteOptions = {},
  ): Promise<CommandOutcome> {
    // A retry is answered from its record, before anything is signed again.
    if (await this.store.findCommand(command.metadata.commandId)) return this.commands.execute(dossierId, command, options);
    const { summary, state, version } = await this.summaryOf(dossierId);
    // Refused here exactly as the decider would refuse it, before a signature is spent.
    await this.commands.preview(dossierId, command, state);
    if (options.expectedVersion !== undefined && options.expectedVersion !== version)
      return this.commands.execute(dossierId, command, options); // the store answers the conflict
    const signedAt = command.metadata.at;
    const facts = this.factsFor(summary, signedAt);
    // Approved before approvals numbered the permit: signed as before, the permit made at issuance without a signature.
    if (!facts) return this.commands.execute(dossierId, command, { ...options, expectedVersion: version });
    const tenant = this.tenants.of(summary?.tenant);
    const pdf = await documentPdf(facts, tenant.profile, { zone: tenant.zone, verifyUrl: this.verifyUrl(facts, tenant) });
    const signer = this.signerOf(tenant);
    const official = signer.official();
    const signed = await signer.sign(pdf, {
      reason: `Penetapan ${facts.product.id} nomor ${facts.number}`,
      location: tenant.profile.name,
      contactInfo: tenant.profile.email,
      signingTime: new Date(signedAt),
    });
    // The file first: an event never names a file that is not there.
    const sha256 = await this.documents.put(dossierId, 'permit', signed.bytes);
    const { subject, issuer, serialNumber, sha256: certificateSha256, notAfter } = signed.certificate;
    return this.commands.execute(
      dossierId,
      {
        ...command,
        data: {
          document: {
            sha256,
            certificate: { subject, issuer, serialNumber, sha256: certificateSha256, notAfter },
            official: { name: official.name, nip: official.nip, title: official.title },
            signedAt,
            demo: official.demo,
          },
        },
      },
      { ...options, expectedVersion: version },
    );
  }

  /** The permit as it will be signed, unsigned and marked as a draft: what the official reads before signing. */
  async draft(dossierId: string, now: string): Promise<{ pdf: Buffer; facts: DocumentFacts }> {
    const { summary } = await this.summaryOf(dossierId);
    const facts = this.factsFor(summary, now);
    if (!facts) throw new DomainError('PERMIT.NOT_ISSUED', 'The dossier has no numbered approval to draw a permit from');
    const draft = { ...facts, draft: true };
    const tenant = this.tenants.of(summary?.tenant);
    return {
      pdf: await documentPdf(draft, tenant.profile, { zone: tenant.zone, verifyUrl: this.verifyUrl(facts, tenant) }),
      facts: draft,
    };
  }

  private factsFor(summary: DossierSummary | undefined, signedAt: string): DocumentFacts | undefined {
    const official = this.signerOf(this.tenants.of(summary?.tenant)).official();
    return summary && permitFactsForSigning(summary, this.catalogue, signedAt, official);
  }

  private verifyUrl(facts: DocumentFacts, tenant: Tenant): string | undefined {
    return facts.verificationCode
      ? verificationUrl(this.options.publicTrackingUrl, this.options.localOrigin(), facts.verificationCode, this.tenants.publicPath(tenant))
      : undefined;
  }

  /**
   * The dossier folded from one read of its stream (the read model may not have caught up with the approval yet):
   * its summary, for the paper, and its state, for the decider.
   */
  private async summaryOf(dossierId: string): Promise<{ summary: DossierSummary | undefined; state: DossierState; version: number }> {
    const { version, events } = await this.store.readStream(dossierStream(dossierId));
    let summary: DossierSummary | undefined;
    let state = initialState();
    for (const stored of events) {
      state = evolveStored(state, stored);
      const projected = toProjected(stored);
      if (projected) summary = reduceSummary(summary, projected, this.catalogue);
    }
    return { summary, state, version };
  }
}
