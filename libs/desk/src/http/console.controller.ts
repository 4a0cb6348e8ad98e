import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

/** The console's build (`vite build` into dist/console), beside the compiled libs in dist/. */
const CONSOLE_DIR = fileURLToPath(new URL('../../../../console/', import.meta.url));
const ASSET = /^[\w.-]{1,120}$/;
/** Text assets worth compressing, with their types (images and fonts are compressed already). */
const TEXT_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/**
 * Hashed assets never change, so each is compressed once, at its first
 * request, at the strongest setting, and kept: a phone on a slow line gets
 * the console's script in a third of its size, and no request pays for it again.
 */
class CompressedAssets {
  private readonly cache = new Map<string, { br: Buffer; gzip: Buffer; raw: Buffer }>();

  get(path: string) {
    let entry = this.cache.get(path);
    if (!entry) {
      const raw = readFileSync(path);
      entry = {
        raw,
        br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        gzip: gzipSync(raw, { level: 9 }),
      };
      this.cache.set(path, entry);
    }
    return entry;
  }
}

/**
 * The officers' console (apps/console), served as static files at /konsol/:
 * its hashed assets cached for a year, every other path the app's page (its
 * router reads the path). The old desk page at /meja sends officers here.
 */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  @Get('meja')
  oldDeskPage(@Res() res: Response): void {
    res.redirect(301, '/konsol/');
  }

  private readonly compressed = new CompressedAssets();

  @Get('konsol/assets/:file')
  asset(@Param('file') file: string, @Headers('accept-encoding') accepts: string | undefined, @Res() res: Response): void {
    const path = `${CONSOLE_DIR}assets/${file}`;
    if (!ASSET.test(file) || !existsSync(path)) throw new NotFoundException();
    const type = TEXT_TYPES[file.split('.').pop() ?? ''];
    if (!type) {
      res.sendFile(file, { root: `${CONSOLE_DIR}assets`, immutable: true, maxAge: '365d', dotfiles: 'deny' });
      return;
    }
    const { br, gzip, raw } = this.compressed.get(path);
    const encoding = /\bbr\b/.test(accepts ?? '') ? 'br' : /\bgzip\b/.test(accepts ?? '') ? 'gzip' : undefined;
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.end(encoding === 'br' ? br : encoding === 'gzip' ? gzip : raw);
  }

  @Get(['konsol', 'konsol/*path'])
  page(@Res() res: Response): void {
    if (!existsSync(`${CONSOLE_DIR}index.html`)) throw new NotFoundException('The console is not built: run npm run build');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: CONSOLE_DIR });
  }
}
