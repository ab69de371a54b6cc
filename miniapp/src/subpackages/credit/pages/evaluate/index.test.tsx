import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import { applicationBody, evaluationBody } from '../../testFixtures';
import CreditEvaluatePage from './index';

type Call = { url: string; method?: string; data?: unknown };
const requestMock = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [Call]>;

function withParams(params: Record<string, string>) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params, path: '' }, page: {} } as never);
}

/** Type into a Taro H5 textarea: its React wrapper listens for the web component's `input` event. */
function typeInto(container: HTMLElement, id: string, value: string) {
  const node = container.querySelector(`#${id}`);
  if (!node) throw new Error(`no #${id}`);
  act(() => {
    fireEvent(node, new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

beforeEach(() => {
  resetTaroStub();
  jest.restoreAllMocks();
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'm1', username: 'm.01.01', role: 'manager', branchId: '01', name: '王经理' },
  });
});

describe('<CreditEvaluatePage>', () => {
  it('evaluates the household, explains the decision and submits it for approval', async () => {
    withParams({ householdId: 'h1' });
    requestMock.mockImplementation(async ({ url }) =>
      url.endsWith('/credit/evaluations') ? { statusCode: 201, data: evaluationBody() } : { statusCode: 201, data: applicationBody() },
    );
    const { container } = render(<CreditEvaluatePage />);

    await screen.findByText('预授信额度 90,000元');
    expect(requestMock.mock.calls[0]![0]).toMatchObject({ url: '/api/v1/credit/evaluations', method: 'POST', data: { householdId: 'h1' } });
    expect(container.querySelector('#credit-decision')?.textContent).toContain('通过');
    expect(container.querySelector('#credit-score')?.textContent).toContain('评分 59 · 评级 B');
    expect([...container.querySelectorAll('.credit-factor')].map((n) => n.textContent)).toContain('净资产15分');
    expect(container.querySelector('#credit-factors')?.textContent).toContain('距A级还差6分');
    expect(container.querySelector('#credit-breakdown')?.textContent).toContain('资产项(总资产×10%)52,000元');
    expect(container.querySelector('#credit-whatif')?.textContent).toContain('本行日均存款达到50,000元可加6分，评级升至A');
    expect(container.querySelector('#credit-review')).toBeNull();

    fireEvent.click(container.querySelector('#credit-submit')!);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/credit/pages/application/index?id=a1' }));
    expect(requestMock.mock.calls[1]![0]).toMatchObject({
      url: '/api/v1/credit/applications',
      method: 'POST',
      data: { evaluationId: 'e1' },
    });
  });

  it('shows Chinese reasons of a rejection and relays the customer’s request for a human review', async () => {
    withParams({ householdId: 'h1' });
    const rejected = evaluationBody({
      decision: 'reject',
      reasons: [{ code: 'R01_BLACKLIST', outcome: 'reject', message: '命中本行黑名单' }],
      limit: 0,
      limitBreakdown: null,
      approvalLevels: 0,
      whatIf: [],
    });
    requestMock.mockImplementation(async ({ url }) =>
      url.endsWith('/review-requests') ? { statusCode: 201, data: { id: 'r1', status: 'open' } } : { statusCode: 201, data: rejected },
    );
    const { container } = render(<CreditEvaluatePage />);

    await screen.findByText('命中本行黑名单');
    expect(container.querySelector('#credit-limit')?.textContent).toBe('暂无额度');
    expect(container.querySelector('#credit-submit')).toBeNull();
    expect(container.querySelector('#credit-breakdown')).toBeNull();
    typeInto(container, 'credit-review-reason', '记录有误,已结清');
    fireEvent.click(container.querySelector('#credit-review-submit')!);
    await screen.findByText('已提交人工复核申请,支行将安排复核');
    expect(requestMock.mock.calls[1]![0]).toMatchObject({
      url: '/api/v1/credit/evaluations/e1/review-requests',
      data: { reason: '记录有误,已结清' },
    });
  });

  it('an incomplete result (V7 down) offers no application, only a new evaluation', async () => {
    withParams({ householdId: 'h1' });
    const incomplete = evaluationBody({
      decision: 'incomplete',
      reasons: [{ code: 'R10_CHECK_MISSING', outcome: 'incomplete', message: '省联社预警或司法查控结果缺失或已超过30天，请重新查询' }],
      limit: 0,
      limitBreakdown: null,
      approvalLevels: 0,
    });
    requestMock.mockResolvedValue({ statusCode: 201, data: incomplete });
    const { container } = render(<CreditEvaluatePage />);
    await screen.findByText('省联社预警或司法查控结果缺失或已超过30天，请重新查询');
    expect(container.querySelector('#credit-submit')).toBeNull();
    fireEvent.click(container.querySelector('#credit-rerun')!);
    await waitFor(() => expect(requestMock).toHaveBeenCalledTimes(2));
  });

  it('shows the BFF’s refusal of a second pending application', async () => {
    withParams({ householdId: 'h1' });
    requestMock.mockImplementation(async ({ url }) =>
      url.endsWith('/credit/evaluations')
        ? { statusCode: 201, data: evaluationBody() }
        : {
            statusCode: 409,
            data: { error: { id: 'credit.application_pending', message: '该客户已有审批中的授信申请', field: 'evaluationId' } },
          },
    );
    const { container } = render(<CreditEvaluatePage />);
    await screen.findByText('预授信额度 90,000元');
    fireEvent.click(container.querySelector('#credit-submit')!);
    await waitFor(() => expect(container.querySelector('#credit-error')?.textContent).toBeTruthy());
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });
});
