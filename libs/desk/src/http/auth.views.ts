import { ApiProperty } from '@nestjs/swagger';

// What signing in and the officers' accounts answer, for the OpenAPI document.

export class OfficerView {
  @ApiProperty({ example: 'officer-verifikator' })
  officerId!: string;

  @ApiProperty({ example: 'verifikator' })
  username!: string;

  @ApiProperty({ example: 'Agus Verifikator' })
  name!: string;

  @ApiProperty({ enum: ['front-desk', 'processor', 'supervisor', 'admin'] })
  role!: string;

  @ApiProperty({ type: [String], example: ['back-office'] })
  desks!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ description: 'still on a password an administrator set: must choose their own at next sign-in' })
  mustChangePassword!: boolean;
}

export class LoginView {
  @ApiProperty({ description: 'bearer token (HS256 JWT with exp)' })
  accessToken!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'officerId, name, role, desks' })
  officer!: Record<string, unknown>;

  @ApiProperty({ description: 'true: only POST /api/me/password (and GET /api/me) answer until the officer chooses a password' })
  mustChangePassword!: boolean;
}
