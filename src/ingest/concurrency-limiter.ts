/** Gives back a slot taken from a limiter; calling it twice is harmless. */
export type Release = () => void;

/** At most `max` holders at once; the rest wait in arrival order. */
export interface Limiter {
  acquire(): Promise<Release>;
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`a limiter needs at least one slot, got ${max}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  const grant = (): Release => {
    active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      waiting.shift()?.();
    };
  };
  return {
    acquire() {
      if (active < max) return Promise.resolve(grant());
      return new Promise((resolve) => waiting.push(() => resolve(grant())));
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/** One limiter per key (a host), created on demand and forgotten when idle. */
export interface KeyedLimiter {
  acquire(key: string): Promise<Release>;
  /** Keys with a holder or a waiter right now. */
  readonly size: number;
}

export function createKeyedLimiter(maxPerKey: number): KeyedLimiter {
  const limiters = new Map<string, Limiter>();
  return {
    async acquire(key) {
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = createLimiter(maxPerKey);
        limiters.set(key, limiter);
      }
      const release = await limiter.acquire();
      const own = limiter;
      return () => {
        release();
        if (own.active === 0 && own.waiting === 0 && limiters.get(key) === own) limiters.delete(key);
      };
    },
    get size() {
      return limiters.size;
    },
  };
}
