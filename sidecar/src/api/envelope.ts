/**
 * Maps a farm answer to data or to a typed error (spec/api.md §2.3, §8.1). Success is envelope
 * `code == 200` only; the HTTP status is ignored when the body is an envelope.
 */
import { RayvisionAPIError, RayvisionAuthError } from './errors';

export interface Envelope {
  code: number;
  message?: string;
  data?: unknown;
  result?: boolean;
  requestId?: string | null;
  version?: string;
  serverTime?: number;
}

/** Parses response text; `undefined` when it is not a farm envelope (gateway page, empty body …). */
export function parseEnvelope(text: string): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const code = Number((parsed as { code?: unknown }).code);
  if (!Number.isInteger(code)) return undefined;
  return { ...(parsed as Omit<Envelope, 'code'>), code };
}

interface Hint {
  code: string;
  hint: string;
  auth?: boolean;
}

// What to tell the user for the codes they can act on.
const HINTS: Record<number, Hint> = {
  611: { code: 'ERR_SIGNATURE', auth: true, hint: 'The farm rejected the request signature: check the access id and access key (developer center) and that the domain is the one the key belongs to.' },
  610: { code: 'ERR_SIGNATURE_EXPIRED', auth: true, hint: "The farm says the signature has expired: set this computer's clock right (UTC) and try again." },
  602: { code: 'ERR_AUTH', auth: true, hint: 'The farm asks for a login: check the access id and access key.' },
  603: { code: 'ERR_AUTH', auth: true, hint: 'The farm refused the request as illegal: check the access id, the platform and the client version.' },
  403: { code: 'ERR_AUTH', auth: true, hint: 'This account has no permission for this operation.' },
  605: { code: 'ERR_AUTH', auth: true, hint: 'This account has insufficient permissions for this operation.' },
  608: { code: 'ERR_USER_AREA', auth: true, hint: "The account's region does not match the domain: use domain 'China' for Renderbus accounts or 'Foreign' for Fox Renderfarm accounts." },
  800: { code: 'ERR_ACCOUNT', auth: true, hint: 'The farm does not know this account: check the access id.' },
  804: { code: 'ERR_ACCOUNT', auth: true, hint: 'This account is disabled: contact the farm support.' },
  812: { code: 'ERR_ACCOUNT', auth: true, hint: 'Requests from this IP address are prohibited for the account.' },
  600: { code: 'ERR_PARAMETER', hint: 'The farm rejected a parameter as invalid.' },
  601: { code: 'ERR_PARAMETER', hint: 'The farm says a required parameter is missing.' },
  404: { code: 'ERR_NOT_FOUND', hint: 'The farm says the resource does not exist.' },
  500: { code: 'ERR_FARM_INTERNAL', hint: 'The farm had an internal failure; try again later.' },
  1000: { code: 'ERR_FARM_INTERNAL', hint: 'The farm had a cache failure; try again later.' },
};

/** The typed error for a non-200 envelope. */
export function apiErrorFor(envelope: Envelope, url: string, endpoint: string): RayvisionAPIError {
  const hint = HINTS[envelope.code];
  // the farm's own sentence, closed by exactly one full stop whether or not it ends with one
  const farmText = envelope.message?.trim().replace(/[.。]+$/, '');
  const server = farmText ? ` Farm message: ${farmText}.` : '';
  const where = ` (farm code ${envelope.code}, ${endpoint}${envelope.requestId ? `, request id ${envelope.requestId}` : ''})`;
  const message = `${hint?.hint ?? `The farm refused ${endpoint}.`}${server}${where}`;
  const options = { url, requestId: envelope.requestId ?? null, endpoint, details: { endpoint, farmMessage: envelope.message ?? null } };
  if (hint?.auth) return new RayvisionAuthError(envelope.code, message, options, hint.code);
  return new RayvisionAPIError(envelope.code, message, options, hint?.code ?? 'ERR_API');
}
