import { loginRequestSchema, type LoginRequest } from '@sunshine/shared';

/**
 * Login input checks, straight from the shared zod schema the BFF validates with, so the form
 * can never accept what the server would refuse (or the reverse).
 */
export type LoginField = keyof LoginRequest;
export type LoginErrors = Partial<Record<LoginField, string>>;

/** The first message for one field, or null when the value is acceptable. */
export function fieldError(field: LoginField, value: unknown): string | null {
  const result = loginRequestSchema.shape[field].safeParse(value ?? '');
  return result.success ? null : (result.error.issues[0]?.message ?? '输入有误');
}

/** Parse the whole form: the cleaned input (username trimmed) or a message per field. */
export function parseLoginInput(
  values: Partial<Record<LoginField, unknown>>,
): { ok: true; data: LoginRequest } | { ok: false; errors: LoginErrors } {
  const result = loginRequestSchema.safeParse({ username: values.username ?? '', password: values.password ?? '' });
  if (result.success) return { ok: true, data: result.data };
  const errors: LoginErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if ((field === 'username' || field === 'password') && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/**
 * NutUI Form.Item rules (async-validator): a rejected promise shows its message under the
 * field, the same text the BFF would send back for that field.
 */
export function ruleFor(field: LoginField) {
  return [
    {
      validator: (_rule: unknown, value: unknown): Promise<boolean> => {
        const message = fieldError(field, value);
        return message ? Promise.reject(new Error(message)) : Promise.resolve(true);
      },
    },
  ];
}
