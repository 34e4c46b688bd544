import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GIVE_UP_AFTER_ATTEMPTS, retryDelaySeconds, RETRY, signature } from '../../server/services/webhookDelivery';
import { webhookBody } from '../../server/services/webhookOutbox';
import { ZWebhookCreateSchema } from '../../shared/schemas/webhook';

describe('webhook retries', () => {
  it('wait 30 s after the first failure, doubling, never more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('give up only once the waits add up to at least 24 hours', () => {
    const waited = (attempts: number) => Array.from({ length: attempts - 1 }, (_, i) => retryDelaySeconds(i + 1)).reduce((a, b) => a + b, 0);
    expect(waited(GIVE_UP_AFTER_ATTEMPTS)).toBeGreaterThanOrEqual(RETRY.retryForSeconds);
    expect(waited(GIVE_UP_AFTER_ATTEMPTS - 1)).toBeLessThan(RETRY.retryForSeconds);
  });
});

describe('webhook signature', () => {
  it('is sha256=<hex HMAC-SHA256 of the exact body>', () => {
    const body = webhookBody('6f1c2a9e-0000-4000-8000-000000000001', 'deal.stage_changed', new Date('2026-12-05T09:30:00Z'), { before: 'qualify', after: 'discover' });
    expect(body).toBe('{"id":"6f1c2a9e-0000-4000-8000-000000000001","event":"deal.stage_changed","at":"2026-12-05T09:30:00.000Z","data":{"before":"qualify","after":"discover"}}');
    expect(signature('s3cret-s3cret-s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret-s3cret-s3cret').update(body).digest('hex')}`);
    expect(signature('another-secret-0000', body)).not.toBe(signature('s3cret-s3cret-s3cret', body));
  });
});

describe('webhook.create input', () => {
  const input = (patch: Record<string, unknown>) => ZWebhookCreateSchema.safeParse({ url: 'https://hooks.example.com/x', events: ['deal.stage_changed'], secret: 'a-secret-of-16-chars', ...patch });
  it('takes http and https URLs only', () => {
    expect(input({}).success).toBe(true);
    expect(input({ url: 'http://10.0.0.5:8080/hook?x=1' }).success).toBe(true);
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'example.com/hook', '']) expect(input({ url }).success, url).toBe(false);
  });
  it('takes the events of SPEC §15, each once, and a secret of 16 to 200 printable characters', () => {
    expect(input({ events: ['deal.deleted'] }).success).toBe(false);
    expect(input({ events: [] }).success).toBe(false);
    expect(input({ events: ['deal.stage_changed', 'deal.stage_changed'] }).success).toBe(false);
    expect(input({ events: ['deal.stage_changed', 'deal.health_changed', 'deal.threshold_changed', 'stakeholder.stance_changed', 'account.flag_raised'] }).success).toBe(true);
    expect(input({ secret: 'x'.repeat(15) }).success).toBe(false);
    expect(input({ secret: 'x'.repeat(200) }).success).toBe(true);
    expect(input({ secret: 'x'.repeat(201) }).success).toBe(false);
    expect(input({ secret: 'has a space in it ok' }).success).toBe(false);
  });
});
