/**
 * Where the API lives: the one module that knows hosts.
 *
 * - H5 is served by the BFF itself (same origin), so requests stay relative (`/api/v1/...`):
 *   no CORS, and the same build works behind any host name.
 * - The weapp has no origin of its own, so it needs an absolute host. WeChat only allows
 *   HTTPS domains registered in the admin console in production; the local default serves
 *   DevTools with "不校验合法域名" ticked.
 */
const DEFAULT_WEAPP_API_BASE = 'http://127.0.0.1:8080';

export function apiBase(): string {
  if (process.env.TARO_ENV === 'h5') return '';
  const configured = process.env.TARO_APP_API_BASE;
  return (configured && configured.replace(/\/+$/, '')) || DEFAULT_WEAPP_API_BASE;
}

export const API_PREFIX = '/api/v1';

/** Page routes, in one place so a rename doesn't leave a dead link behind. */
export const ROUTES = {
  login: '/pages/login/index',
  home: '/pages/home/index',
  households: '/subpackages/households/pages/list/index',
  householdForm: '/subpackages/capture/pages/household-form/index',
  visitNew: '/subpackages/capture/pages/visit/index',
  outbox: '/subpackages/capture/pages/outbox/index',
  visitConfirmQr: '/subpackages/evidence/pages/confirm-qr/index',
  visitConfirm: '/subpackages/evidence/pages/confirm/index',
  shareCard: '/subpackages/appointments/pages/share/index',
  appointmentsToday: '/subpackages/appointments/pages/today/index',
  customerCard: '/subpackages/customer/pages/card/index',
  customerAppointments: '/subpackages/customer/pages/mine/index',
  availability: '/subpackages/appointments/pages/availability/index',
  portrait: '/subpackages/portrait/pages/index/index',
  creditEvaluate: '/subpackages/credit/pages/evaluate/index',
  creditQueue: '/subpackages/credit/pages/queue/index',
  creditApplication: '/subpackages/credit/pages/application/index',
  funnelReport: '/subpackages/reports/pages/funnel/index',
} as const;
