/**
 * Client-side validation of a request body against its row's schema: the first problem becomes a
 * `RayvisionValidationError` naming the field, thrown before any request is sent.
 */
import type { z } from 'zod';
import { RayvisionValidationError } from './errors';

/** Returns the body unchanged when valid; throws naming the first bad field otherwise. */
export function validateBody(endpointName: string, schema: z.ZodType, body: Record<string, unknown>): Record<string, unknown> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return body;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || '(body)';
  const present = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey], body);
  const what = present === undefined ? 'is required but missing' : `is invalid: ${issue.message}`;
  throw new RayvisionValidationError(field, `${endpointName}: field "${field}" ${what}. Nothing was sent; fix the argument and call again.`, {
    details: { endpoint: endpointName, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
  });
}
