import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';

export interface LoginLimiter {
  /** Count one attempt for this IP and this email; throws TOO_MANY_REQUESTS past the limit. */
  consume(ip: string, email: string): Promise<void>;
  /** A successful login clears the email's counter (the IP's keeps counting). */
  reset(email: string): Promise<void>;
}

const WINDOW_SECONDS = 15 * 60;

/** Per-IP and per-email limits, so neither one address nor one account can be hammered. */
export function createLoginLimiter(points: number): LoginLimiter {
  const byIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: points * 5, duration: WINDOW_SECONDS });
  const byEmail = new RateLimiterMemory({ keyPrefix: 'login-email', points, duration: WINDOW_SECONDS });
  return {
    async consume(ip, email) {
      try {
        await byIp.consume(ip);
        await byEmail.consume(email.toLowerCase());
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
          throw new AppError('TOO_MANY_REQUESTS', `Too many login attempts; try again in ${minutes} minute(s)`);
        }
        throw error;
      }
    },
    async reset(email) {
      await byEmail.delete(email.toLowerCase());
    },
  };
}
