/**
 * One capture at a time, as the app runs it: start (replacing a running one), stop, status, and the captures of
 * the last receiver, which stay readable after it stops until the next start. Secrets are passed in by main and
 * live only inside the receiver; nothing here returns them.
 */
import { Receiver, type CaptureEntry, type ForwardMode, type ListenInfo, type ReceiverOptions, type ReceiverStats } from './receiver';

export interface CaptureLabels {
  /** What the status shows for each scheme's secret ("profile Demo"), never the secret. */
  eber: { source: string; timezone: string } | null;
  mmob: { source: string } | null;
}

export interface CaptureStatus {
  running: boolean;
  port: number | null;
  addresses: string[];
  baseUrl: string | null;
  marketplaceUrl: string | null;
  forward: ForwardMode;
  forwardTo: string | null;
  eber: CaptureLabels['eber'];
  mmob: CaptureLabels['mmob'];
  startedAt: string | null;
  stoppedAt: string | null;
  lastId: number;
  stats: ReceiverStats | null;
}

export interface CaptureSessionLog {
  info(message: string): void;
}

export class CaptureSession {
  private receiver: Receiver | null = null;
  private info: ListenInfo | null = null;
  private labels: CaptureLabels = { eber: null, mmob: null };
  private forward: ForwardMode = 'never';
  private forwardTo: string | null = null;
  private startedAt: string | null = null;
  private stoppedAt: string | null = null;

  constructor(private readonly log: CaptureSessionLog = { info: () => {} }) {}

  /** Starts a receiver (stopping the one running, if any); its captures replace the previous ones. */
  async start(options: ReceiverOptions, labels: CaptureLabels): Promise<ListenInfo> {
    const receiver = new Receiver(options); // refuses bad settings before the running one is stopped
    await this.stop();
    const info = await receiver.start();
    this.receiver = receiver;
    this.info = info;
    this.labels = labels;
    this.forward = options.forward ?? 'never';
    this.forwardTo = this.forward === 'never' ? null : (options.eber?.forwardTo ?? null);
    this.startedAt = new Date().toISOString();
    this.stoppedAt = null;
    this.log.info(`capture: listening on ${info.addresses.join(' and ')} port ${info.port}`);
    return info;
  }

  /** Stops the running receiver; its captures stay readable. False when none was running. */
  async stop(): Promise<boolean> {
    const r = this.receiver;
    if (!r || r.listening === null) return false;
    await r.stop();
    this.stoppedAt = new Date().toISOString();
    this.log.info('capture: stopped');
    return true;
  }

  status(): CaptureStatus {
    const running = this.receiver?.listening != null;
    const base = this.info?.baseUrl ?? null;
    return {
      running,
      port: this.info?.port ?? null,
      addresses: this.info?.addresses ?? [],
      baseUrl: base,
      marketplaceUrl: base,
      forward: this.forward,
      forwardTo: this.forwardTo,
      eber: this.labels.eber,
      mmob: this.labels.mmob,
      startedAt: this.startedAt,
      stoppedAt: this.stoppedAt,
      lastId: this.receiver?.list(Number.MAX_SAFE_INTEGER).lastId ?? 0,
      stats: this.receiver ? structuredClone(this.receiver.stats) : null,
    };
  }

  list(sinceId = 0, limit = 500): { entries: CaptureEntry[]; lastId: number; more: boolean; running: boolean } {
    const running = this.receiver?.listening != null;
    if (!this.receiver) return { entries: [], lastId: 0, more: false, running };
    return { ...this.receiver.list(sinceId, limit), running };
  }

  exportJsonl(): { jsonl: string; count: number } {
    const jsonl = this.receiver?.exportJsonl() ?? '';
    return { jsonl, count: jsonl === '' ? 0 : jsonl.split('\n').length - 1 };
  }
}
