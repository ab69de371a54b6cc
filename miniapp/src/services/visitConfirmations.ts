import type { Visit, VisitConfirmationResult, VisitConfirmationTicket } from '@sunshine/shared';
import { request } from './request';

/** The manager asks for a 5-minute, single-use QR code the customer scans in WeChat. */
export function requestVisitConfirmation(visitId: string): Promise<VisitConfirmationTicket> {
  return request<VisitConfirmationTicket>({ method: 'POST', path: `/visits/${visitId}/confirmation`, data: {} });
}

/** One visit with its confirmation state (the QR page polls it). */
export function fetchVisit(visitId: string): Promise<Visit> {
  return request<Visit>({ path: `/visits/${visitId}` });
}

/** The customer's side: no staff token, the scanned code plus wx.login's code. */
export function confirmVisit(code: string, wxCode: string): Promise<VisitConfirmationResult> {
  return request<VisitConfirmationResult>({ method: 'POST', path: '/public/visit-confirmations', data: { code, wxCode }, auth: false });
}
