import { type Kysely, sql } from 'kysely';
import type { MigrationOwner } from '../db/migrations.js';

/** Shape of the authentication tables (Kysely). Role lists are JSON arrays. */
export interface AuthTables {
  auth_users: {
    id: string;
    username: string;
    full_name: string;
    password_hash: string;
    roles: unknown;
    failed_attempts: number;
    locked_until: Date | null;
    disabled_at: Date | null;
    last_login_at: Date | null;
    created_at: Date;
    created_by: string;
  };
  auth_api_keys: {
    id: string;
    name: string;
    prefix: string;
    key_hash: string;
    roles: unknown;
    expires_at: Date | null;
    last_used_at: Date | null;
    revoked_at: Date | null;
    created_at: Date;
    created_by: string;
  };
  auth_refresh_tokens: {
    id: string;
    family_id: string;
    user_id: string;
    token_hash: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
    revoked_at: Date | null;
  };
}

/** Users, API keys and refresh tokens. Secrets are stored only as hashes (argon2id for passwords, SHA-256 for keys). */
export const authMigrations: MigrationOwner = {
  name: 'platform_auth',
  migrations: {
    '0001_auth': {
      async up(db: Kysely<unknown>) {
        await sql`
          create table auth_users (
            id text primary key,
            username text not null unique,
            full_name text not null,
            password_hash text not null,
            roles jsonb not null default '[]'::jsonb,
            failed_attempts integer not null default 0,
            locked_until timestamptz,
            disabled_at timestamptz,
            last_login_at timestamptz,
            created_at timestamptz not null,
            created_by text not null
          )`.execute(db);
        await sql`
          create table auth_api_keys (
            id text primary key,
            name text not null,
            prefix text not null,
            key_hash char(64) not null unique,
            roles jsonb not null default '[]'::jsonb,
            expires_at timestamptz,
            last_used_at timestamptz,
            revoked_at timestamptz,
            created_at timestamptz not null,
            created_by text not null
          )`.execute(db);
        await sql`
          create table auth_refresh_tokens (
            id text primary key,
            family_id text not null,
            user_id text not null references auth_users (id),
            token_hash char(64) not null unique,
            created_at timestamptz not null,
            expires_at timestamptz not null,
            used_at timestamptz,
            revoked_at timestamptz
          )`.execute(db);
        await sql`create index auth_refresh_tokens_family_idx on auth_refresh_tokens (family_id)`.execute(db);
        await sql`create index auth_refresh_tokens_user_idx on auth_refresh_tokens (user_id)`.execute(db);
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists auth_refresh_tokens`.execute(db);
        await sql`drop table if exists auth_api_keys`.execute(db);
        await sql`drop table if exists auth_users`.execute(db);
      },
    },
  },
};
