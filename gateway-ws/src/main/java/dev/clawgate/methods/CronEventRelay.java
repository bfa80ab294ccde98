package dev.clawgate.methods;

import dev.clawgate.schedule.CronEvent;
import dev.clawgate.schedule.CronEvents;
import java.util.function.BiConsumer;
import org.slf4j.LoggerFactory;

/**
 * The self-hosted {@link CronEvents}: turns job changes and run starts/ends into OpenClaw {@code cron} events
 * for every connected client. Created before the gateway core exists (the scheduler's activities need it),
 * so the core is attached once it does; events before that have no one to go to.
 */
public final class CronEventRelay implements CronEvents {

  private final String defaultAgentId;
  private volatile BiConsumer<String, Object> broadcast = (event, payload) -> { };

  public CronEventRelay(String defaultAgentId) {
    this.defaultAgentId = defaultAgentId;
  }

  /** Where events go from now on, e.g. {@code core::broadcast}. */
  public void attach(BiConsumer<String, Object> broadcast) {
    this.broadcast = broadcast;
  }

  @Override
  public void publish(CronEvent event) {
    try {
      broadcast.accept("cron", CronViews.event(event, defaultAgentId));
    } catch (RuntimeException e) {
      // A client that cannot take the event must not fail the run or the change that caused it.
      LoggerFactory.getLogger(CronEventRelay.class).warn("cron event for job {} not sent", event.jobId(), e);
    }
  }
}
