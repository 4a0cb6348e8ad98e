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
