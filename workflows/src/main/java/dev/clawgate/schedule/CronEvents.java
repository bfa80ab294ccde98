package dev.clawgate.schedule;

/** Port: where job changes and run starts/ends are announced (connected clients, self-hosted). */
@FunctionalInterface
public interface CronEvents {

  /** Must not block and must not throw: a missing listener never fails a run. */
  void publish(CronEvent event);

  CronEvents NONE = event -> { };
}
