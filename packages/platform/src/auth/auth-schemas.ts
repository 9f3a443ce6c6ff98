import { z } from 'zod';
import { roles } from './roles.js';

/** Zod schemas of the auth routes (they feed validation, serialisation and the OpenAPI document). */
export const roleSchema = z.enum(roles);

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  disabledAt: z.string().optional(),
  lockedUntil: z.string().optional(),
  lastLoginAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  roles: z.array(roleSchema),
  status: z.enum(['active', 'expired', 'revoked']),
  expiresAt: z.string().optional(),
  lastUsedAt: z.string().optional(),
  revokedAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  refreshExpiresIn: z.number().int(),
  user: userSchema,
});

export const loginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const refreshBodySchema = z.object({ refreshToken: z.string().min(1).max(200) });

export const logoutBodySchema = z.object({ refreshToken: z.string().min(1).max(200).optional() }).nullish();

export const createUserBodySchema = z.object({
  username: z.string().min(2).max(64),
  fullName: z.string().min(1).max(200),
  password: z.string().min(12).max(1024),
  roles: z.array(roleSchema).min(1),
});

export const reasonBodySchema = z.object({ reason: z.string().min(1).max(1000).optional() }).nullish();

export const createApiKeyBodySchema = z
  .object({
    name: z.string().min(1).max(100),
    roles: z.array(roleSchema).min(1),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .refine((b) => !(b.expiresAt && b.expiresInDays), { message: 'give expiresAt or expiresInDays, not both' });

export const idParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const profileSchema = z.object({
  principal: z.object({
    kind: z.enum(['user', 'apikey', 'system']),
    id: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
  }),
  permissions: z.array(z.string()),
  user: userSchema.optional(),
  apiKey: apiKeySchema.optional(),
});

export const permissionsSchema = z.object({
  roles: z.array(roleSchema),
  permissions: z.record(z.string(), z.array(roleSchema)),
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(12).max(1024),
});

export const resetPasswordBodySchema = z.object({
  newPassword: z.string().min(12).max(1024),
  reason: z.string().min(1).max(1000).optional(),
});
