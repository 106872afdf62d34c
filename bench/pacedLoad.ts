// An open-loop load at a constant rate: request i is due at start + i / rate, whatever happened to
// the requests before it, and its latency runs from when it was due, not from when it was sent, so
// a stalled client or server shows in the figures (no coordinated omission). autocannon's rate
// mode instead lets each connection send its share of a second back to back and then wait for the
// next second: bursts whose queue, not the service, sets the latency.
import { Agent, request as httpRequest } from 'node:http';

export interface PacedRequest {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body: string;
}

export interface PacedResult {
  /** Answered requests per second over the run. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  ok: number;
  non2xx: number;
  errors: number;
  /** Requests still unanswered when the run ended plus its grace period. */
  unanswered: number;
}

export async function pacedLoad(
  target: PacedRequest,
  options: { rate: number; durationS: number; maxSockets: number },
): Promise<PacedResult> {
  const url = new URL(target.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const body = Buffer.from(target.body);
  const headers = { ...target.headers, 'content-length': String(body.length) };
  const total = Math.round(options.rate * options.durationS);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let sent = 0;
  let lastAnswer = 0;
  const start = performance.now();
  const dueAt = (i: number): number => start + (i * 1000) / options.rate;

  const send = (due: number): void => {
    const request = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: target.method,
        headers,
      },
      (response) => {
        response.resume();
        response.once('end', () => {
          lastAnswer = performance.now();
          latencies.push(lastAnswer - due);
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) ok++;
          else non2xx++;
          settled++;
        });
      },
    );
    request.once('error', () => {
      errors++;
      settled++;
    });
    request.end(body);
  };

  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && dueAt(sent) <= now) send(dueAt(sent++));
      if (sent < total) setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
      else resolve();
    };
    tick();
  });
  const graceEnds = performance.now() + 5000;
  while (settled < total && performance.now() < graceEnds) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsedS = Math.max(options.durationS, (lastAnswer - start) / 1000);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies.length === 0
      ? Number.NaN
      : latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
  return {
    requestsPerSecond: ok / elapsedS,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
    ok,
    non2xx,
    errors,
    unanswered: total - settled,
  };
}
