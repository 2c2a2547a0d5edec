import type { EventProducer } from '../../../src/queue/event-producer.js';

/** A promise opened from outside (e.g. "every fault has been injected"). */
export interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

export function createGate(): Gate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * A producer whose back-pressure wait (replay calls capacity() every 1,000 lines) also holds once
 * `afterAccepted` events are in, until `release` resolves. A replay through it is still enqueuing, whatever the
 * speed of the workers, until the test releases it: faults injected before then land during the replay.
 */
export function holdBackTail(producer: EventProducer, afterAccepted: number, release: Promise<void>): EventProducer {
  return Object.assign(Object.create(producer) as EventProducer, {
    async capacity() {
      await producer.capacity();
      if (producer.stats.accepted >= afterAccepted) await release;
    },
  });
}
