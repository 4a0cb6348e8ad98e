import {
  createParamDecorator,
  Inject,
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
import type { Actor, Role } from '#berkas/domain';
import { OfficerRepository, type Officer } from './officer.repository.js';

export interface OfficerClaims extends Actor {
  name: string;
  /** The MPP the officer works for: everything they read or do is that tenant's. */
  tenant: string;
}

const ROLES = 'berkas:roles';
/** Restricts a route to the given roles (admin always passes). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

const EXPIRED = {
  code: 'AUTH.SESSION_ENDED',
  message: 'Sesi berakhir atau tidak sah, silakan masuk lagi / Session expired or invalid: please log in again',
};
const PASSWORD_DUE = 'berkas:password-change-allowed';
/** A route an officer who must first choose a password may still call (who am I, change password, sign out). */
export const AllowedBeforePasswordChange = () => SetMetadata(PASSWORD_DUE, true);

const OVERSEERS = 'berkas:overseers';
/**
 * A route an overseer may call besides their own (@Roles('overseer')): what the console needs to start, nothing about
 * a dossier. Every other route refuses an overseer, whatever it would show another role (issue 23: aggregates only).
 */
export const OpenToOverseers = () => SetMetadata(OVERSEERS, true);

/**
 * Verifies the officer's bearer token (JWT, HS256 only, must carry `exp`) and
 * the route's roles. Role and desks come from the officer's account on every
 * request, so a change of desks or a deactivation applies at once; a token
 * older than the account's token version (deactivation, password change) is refused.
 * An officer still on a password an administrator set may only change it.
 */
@Injectable()
export class OfficerGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { officer?: OfficerClaims; account?: Officer }>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token)
      throw new UnauthorizedException({
        code: 'AUTH.SESSION_ENDED',
        message: 'Silakan masuk terlebih dahulu / Login required (Bearer token)',
      });
    let claims: { sub?: unknown; ver?: unknown; exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException(EXPIRED);
    }
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.ver !== 'number')
      throw new UnauthorizedException(EXPIRED);
    const officer = await this.officers.findById(claims.sub);
    if (!officer || !officer.active || officer.tokenVersion !== claims.ver) throw new UnauthorizedException(EXPIRED);
    req.officer = { officerId: officer.officerId, name: officer.name, role: officer.role, desks: officer.desks, tenant: officer.tenant };
    req.account = officer;
    if (officer.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_DUE, [ctx.getHandler(), ctx.getClass()]))
      throw new ForbiddenException({
        code: 'AUTH.PASSWORD_CHANGE_REQUIRED',
        message: 'Ganti kata sandi sementara Anda lebih dulu / Choose your own password first (POST /api/me/password)',
      });
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    const open = (key: string) => this.reflector.getAllAndOverride<boolean>(key, [ctx.getHandler(), ctx.getClass()]);
    if (req.officer.role === 'overseer' && !roles?.includes('overseer') && !open(OVERSEERS) && !open(PASSWORD_DUE))
      throw new ForbiddenException({
        code: 'AUTH.OVERSEER_AGGREGATES_ONLY',
        message: 'Pengawas wilayah hanya membaca angka gabungan antar-MPP / An overseer reads only the figures across MPPs',
      });
    if (roles && req.officer.role !== 'admin' && !roles.includes(req.officer.role))
      throw new ForbiddenException({
        code: 'AUTH.ROLE',
        message: `Peran Anda tidak diizinkan untuk tindakan ini / This needs one of the roles: ${roles.join(', ')}`,
      });
    return true;
  }
}

export const CurrentOfficer = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): OfficerClaims => ctx.switchToHttp().getRequest<{ officer: OfficerClaims }>().officer,
);

/** The signed-in officer's account as the guard read it for this request (the routes about the account itself). */
export const CurrentAccount = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Officer => ctx.switchToHttp().getRequest<{ account: Officer }>().account,
);
