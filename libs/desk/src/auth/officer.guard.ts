import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  ForbiddenException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { Actor, Role } from '../../../domain/src/index.js';

export interface OfficerClaims extends Actor {
  name: string;
}

const ROLES = 'berkas:roles';
/** Restricts a route to the given roles (admin always passes). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Verifies the officer's bearer token (JWT) and the route's roles. */
@Injectable()
export class OfficerGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { officer?: OfficerClaims }>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Login required (Bearer token)');
    try {
      const claims = await this.jwt.verifyAsync<{ sub: string; name: string; role: Role; desks: string[] }>(token);
      req.officer = { officerId: claims.sub, name: claims.name, role: claims.role, desks: claims.desks };
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (roles && req.officer.role !== 'admin' && !roles.includes(req.officer.role))
      throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}

export const CurrentOfficer = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): OfficerClaims => ctx.switchToHttp().getRequest<{ officer: OfficerClaims }>().officer,
);
