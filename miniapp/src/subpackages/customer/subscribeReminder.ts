import Taro from '@tarojs/taro';
import { SUBSCRIBE_DECISIONS } from '@sunshine/shared';

type Decision = (typeof SUBSCRIBE_DECISIONS)[number];

/**
 * Asks the customer to subscribe to the reminder (WeChat only; it must run inside a tap) and
 * returns what they chose, for the BFF: no reminder is ever sent without an `accept`.
 * H5 has no subscription messages, and a failed prompt counts as no answer.
 */
export async function askReminderSubscription(templateId: string): Promise<Decision | undefined> {
  if (process.env.TARO_ENV !== 'weapp') return undefined;
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as never)) as unknown as Record<string, unknown>;
    const answer = res[templateId];
    return SUBSCRIBE_DECISIONS.find((d) => d === answer);
  } catch {
    return undefined;
  }
}
