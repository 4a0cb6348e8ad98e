import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DESK_PAGE, DESK_SCRIPT, DESK_STYLE } from './desk.page.js';

/** The officers' page and its script and styles (files, not inline: the Content-Security-Policy forbids inline code). */
@ApiExcludeController()
@Controller()
export class DeskPageController {
  @Get('meja')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return DESK_PAGE;
  }

  @Get('assets/desk.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return DESK_SCRIPT;
  }

  @Get('assets/desk.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  style(): string {
    return DESK_STYLE;
  }
}
