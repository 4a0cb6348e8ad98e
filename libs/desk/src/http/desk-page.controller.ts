import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DESK_PAGE } from './desk.page.js';

@ApiExcludeController()
@Controller('meja')
export class DeskPageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return DESK_PAGE;
  }
}
