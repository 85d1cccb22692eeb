import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  error: string;
}

interface Message {
  messageId: string;
  body: string;
  receiveCount: number;
}

/**
 * What SQS and its event source mapping do for the audit Lambda, for one
 * machine: batches of up to 10, several batches in flight, failed messages
 * (from the partial batch response) redelivered, and sent to a dead-letter
 * list after `maxReceiveCount` receives. Not a scheduler of its own: in AWS
 * this is SQS.
 */
export class LocalSqsQueue {
  private readonly waiting: Message[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];
  private stopped = false;
  readonly deadLetters: DeadLetter[] = [];
  delivered = 0;

  constructor(
    private readonly handler: SqsHandler,
    private readonly options: { batchSize: number; concurrency: number; maxReceiveCount: number; queueArn: string },
  ) {}

  send(body: string): void {
    this.waiting.push({ messageId: randomUUID(), body, receiveCount: 0 });
    this.pump();
  }

  /** Resolves once nothing is waiting or in flight (once stopped: nothing in flight). */
  idle(): Promise<void> {
    if ((this.waiting.length === 0 || this.stopped) && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Batches being handled right now. */
  get inFlightBatches(): number {
    return this.inFlight;
  }

  /** Messages not yet handed to the handler (or waiting for redelivery). */
  get waitingMessages(): number {
    return this.waiting.length;
  }

  /**
   * Stops handing out batches, as a consumer shutting down: the batches in flight run to their end (the promise
   * resolves then), messages still waiting stay unsent. Call it before closing what the handler talks to.
   */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.options.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.batchSize);
      this.inFlight++;
      void this.deliver(batch).finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) this.drainWaiters.splice(0).forEach((w) => w());
        this.pump();
        if ((this.waiting.length === 0 || this.stopped) && this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
      });
    }
  }

  private async deliver(batch: Message[]): Promise<void> {
    for (const m of batch) m.receiveCount++;
    let failed: Set<string>;
    let error = 'the handler reported the message as failed (see its logs)';
    try {
      const response = await this.handler({ Records: batch.map((m) => this.record(m)) }, localContext());
      failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    } catch (e) {
      // A thrown handler error fails the whole batch, as in Lambda.
      failed = new Set(batch.map((m) => m.messageId));
      error = e instanceof Error ? e.message : String(e);
    }
    for (const m of batch) {
      if (!failed.has(m.messageId)) this.delivered++;
      else if (m.receiveCount >= this.options.maxReceiveCount) this.deadLetters.push({ ...m, error });
      else this.waiting.push(m);
    }
  }

  private record(m: Message): SQSRecord {
    return sqsRecord(m.messageId, m.body, { receiveCount: m.receiveCount, queueArn: this.options.queueArn });
  }
}

/** An SQS record as Lambda's event source mapping delivers it, for handlers run outside AWS. */
export function sqsRecord(messageId: string, body: string, { receiveCount = 1, queueArn = 'arn:aws:sqs:us-east-1:000000000000:clarity-local', region = 'us-east-1' } = {}): SQSRecord {
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: now, SenderId: 'local', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export function localContext(name = 'clarity-local'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
