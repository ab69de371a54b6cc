import type { MeResponse } from '@sunshine/shared';
import { request } from './request';

export type Me = MeResponse;

/** The signed-in user and the headline figures of their data scope. */
export function fetchMe(): Promise<Me> {
  return request<Me>({ path: '/me' });
}
