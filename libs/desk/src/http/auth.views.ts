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
}

export class LoginView {
  @ApiProperty({ description: 'bearer token (HS256 JWT with exp)' })
  accessToken!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'officerId, name, role, desks' })
  officer!: Record<string, unknown>;
}
