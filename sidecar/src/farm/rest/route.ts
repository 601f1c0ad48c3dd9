/** Endpoints as data: each REST path maps to a row with its validation schema and a handler. */
import type { Account } from '../accounts';
import type { FarmContext } from '../context';
import type { Schema } from './validate';

export interface RouteCall {
  ctx: FarmContext;
  account: Account;
  /** The parsed JSON body (an object; `{}` when empty). */
  body: Record<string, unknown>;
  /** The `platform` header as a number (NaN when absent). */
  platform: number;
  /** The Host header the client signed with. */
  domain: string;
}

export interface Route {
  /** Server-side validation (mirrors the SDK's schema for the path, spec/api.md §3). */
  schema?: Schema;
  handle(call: RouteCall): unknown;
}

export type RouteTable = Record<string, Route>;
