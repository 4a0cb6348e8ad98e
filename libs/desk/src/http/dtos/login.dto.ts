import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

// Signing in.

export class LoginDto {
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
