import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

/** What the signature dictionary says beside the signature itself (readers show it). */
export interface SignatureDictionary {
  /** The signer's name as a reader shows it (/Name). */
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

/** Signs the bytes a PDF signature covers (its two byte ranges, concatenated) and returns the CMS, DER. */
export type CmsSigner = (signedBytes: Buffer) => Promise<Buffer>;

class CallbackSigner extends Signer {
  constructor(private readonly cms: CmsSigner) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return this.cms(pdfBuffer);
  }
}

/**
 * A PAdES signature inside the PDF: an incremental update adds the signature
 * field and dictionary (SubFilter ETSI.CAdES.detached, room for 12 KB of CMS),
 * then the CMS over everything but the signature's own hole is written into
 * it. Any later change to the file breaks the signature.
 */
export async function padesSign(pdf: Buffer, dictionary: SignatureDictionary, cms: CmsSigner): Promise<Buffer> {
  const prepared = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: dictionary.reason,
    contactInfo: dictionary.contactInfo,
    name: dictionary.name,
    location: dictionary.location,
    signingTime: dictionary.signingTime,
    signatureLength: 12_288,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Berkas',
  });
  return new SignPdf().sign(prepared, new CallbackSigner(cms), dictionary.signingTime);
}
