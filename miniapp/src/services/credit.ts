import type { z } from 'zod';
import type { ApplicationStatus, creditApplicationListSchema, creditApplicationSchema, creditEvaluationSchema } from '@sunshine/shared';
import { request } from './request';

/** The credit flow's API: evaluations, applications, approvals and human-review requests. */
export type CreditEvaluation = z.infer<typeof creditEvaluationSchema>;
export type CreditApplication = z.infer<typeof creditApplicationSchema>;
export type CreditApplicationPage = z.infer<typeof creditApplicationListSchema>;

export function evaluateHousehold(householdId: string, memberId?: string): Promise<CreditEvaluation> {
  return request<CreditEvaluation>({
    method: 'POST',
    path: '/credit/evaluations',
    data: memberId ? { householdId, memberId } : { householdId },
  });
}

export function submitApplication(evaluationId: string): Promise<CreditApplication> {
  return request<CreditApplication>({ method: 'POST', path: '/credit/applications', data: { evaluationId } });
}

export function getApplication(id: string): Promise<CreditApplication> {
  return request<CreditApplication>({ path: `/credit/applications/${id}` });
}

export function listApplications(
  query: { status?: ApplicationStatus; page?: number; pageSize?: number } = {},
): Promise<CreditApplicationPage> {
  return request<CreditApplicationPage>({
    path: '/credit/applications',
    query: { page: query.page ?? 1, pageSize: query.pageSize ?? 20, status: query.status },
  });
}

export function decideApplication(id: string, action: 'approve' | 'reject', comment: string): Promise<CreditApplication> {
  return request<CreditApplication>({ method: 'POST', path: `/credit/applications/${id}/${action}`, data: { comment } });
}

export function requestHumanReview(evaluationId: string, reason: string): Promise<{ id: string; status: string }> {
  return request({ method: 'POST', path: `/credit/evaluations/${evaluationId}/review-requests`, data: { reason } });
}
