import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { ClamdScanner, LocalFileStore, S3FileStore, UploadChecks, type FileStore } from '#berkas/files';
import { BERKAS_CONFIG } from './tokens.js';
import type { BerkasConfig } from './config.js';

/** The dossiers' files (issue 22), where the configuration puts them. */
export const FILE_STORE = Symbol('FILE_STORE');

export const fileStoreProvider = {
  provide: FILE_STORE,
  inject: [BERKAS_CONFIG],
  useFactory: (c: BerkasConfig): FileStore =>
    c.FILE_STORE === 's3'
      ? new S3FileStore(
          new S3Client({
            region: c.S3_REGION,
            forcePathStyle: c.S3_FORCE_PATH_STYLE,
            ...(c.S3_ENDPOINT ? { endpoint: c.S3_ENDPOINT } : {}),
          }),
          { bucket: c.S3_BUCKET!, prefix: c.S3_PREFIX, ...(c.S3_SSE ? { serverSideEncryption: c.S3_SSE } : {}) },
        )
      : new LocalFileStore(join(c.BERKAS_DATA_DIR, 'files')),
};

/** The checks every upload passes before it is kept (issue 22), held in the data directory's `uploads/` meanwhile. */
export const UPLOAD_CHECKS = Symbol('UPLOAD_CHECKS');

export const uploadChecksProvider = {
  provide: UPLOAD_CHECKS,
  inject: [BERKAS_CONFIG],
  useFactory: (c: BerkasConfig): UploadChecks =>
    new UploadChecks({
      workDir: join(c.BERKAS_DATA_DIR, 'uploads'),
      qpdf: c.QPDF_PATH,
      ...(c.CLAMD_ADDRESS ? { scanner: new ClamdScanner(c.CLAMD_ADDRESS) } : {}),
    }),
};
