import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

/** The console's build (`vite build` into dist/console), beside the compiled libs in dist/. */
const CONSOLE_DIR = fileURLToPath(new URL('../../../../console/', import.meta.url));
const ASSET = /^[\w.-]{1,120}$/;

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

  @Get('konsol/assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!ASSET.test(file) || !existsSync(`${CONSOLE_DIR}assets/${file}`)) throw new NotFoundException();
    res.sendFile(file, { root: `${CONSOLE_DIR}assets`, immutable: true, maxAge: '365d', dotfiles: 'deny' });
  }

  @Get(['konsol', 'konsol/*path'])
  page(@Res() res: Response): void {
    if (!existsSync(`${CONSOLE_DIR}index.html`)) throw new NotFoundException('The console is not built: run npm run build');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: CONSOLE_DIR });
  }
}
