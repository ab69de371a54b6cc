import { z } from 'zod';

/**
 * Customer confirmation of a visit (客户扫码确认). The manager asks
 * `POST /api/v1/visits/{id}/confirmation` and shows the returned mini-program code; the
 * customer scans it in WeChat, which opens ROUTES.visitConfirm with `scene` = the code; that
 * page calls wx.login and `POST /api/v1/public/visit-confirmations`.
 */
export const VISIT_CONFIRM_CODE_TTL_SEC = 5 * 60;

/** The opaque code as carried in the QR's `scene` (≤ 32 visible characters). */
export const visitConfirmCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, '无效的确认码');

export const visitConfirmationTicketSchema = z
  .object({
    code: z.string(),
    expiresAt: z.string(),
    /** The mini-program code as a PNG data URL, usable as <Image src>. */
    qrImage: z.string(),
    /** The page the code opens, for builds (H5) that show a link instead. */
    page: z.string(),
  })
  .meta({ id: 'VisitConfirmationTicket' });
export type VisitConfirmationTicket = z.infer<typeof visitConfirmationTicketSchema>;

export const confirmVisitSchema = z
  .object({
    code: visitConfirmCodeSchema,
    wxCode: z.string().min(1, '缺少微信登录凭证').max(128),
  })
  .meta({ id: 'ConfirmVisit' });
export type ConfirmVisit = z.infer<typeof confirmVisitSchema>;

export const visitConfirmationSchema = z
  .object({
    visitId: z.string(),
    confirmedAt: z.string(),
    managerName: z.string(),
    visitedAt: z.string(),
  })
  .meta({ id: 'VisitConfirmation' });
export type VisitConfirmationResult = z.infer<typeof visitConfirmationSchema>;
