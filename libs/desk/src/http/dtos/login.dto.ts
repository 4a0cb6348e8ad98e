import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

// Signing in.

export class LoginDto {
  @ApiPropertyOptional({
    example: 'kota-contoh',
    description: 'the MPP (tenant) to sign in to, as GET /api/tenants lists them; the home tenant when left out',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'tenant is a tenant code such as kota-contoh' })
  tenant?: string;

  @ApiProperty({ example: 'loket' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  username!: string;

  @ApiProperty({ example: 'loket123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'the password the officer signed in with' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ description: '10 to 200 characters, not the current one, not containing the username' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword!: string;
}

/** Which MPP's settings the console asks for. */
export class SettingsQueryDto {
  @ApiPropertyOptional({ example: 'kota-denpasar', description: 'the MPP (tenant); the home tenant when left out' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'tenant is a tenant code such as kota-contoh' })
  tenant?: string;
}
