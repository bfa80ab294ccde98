package dev.clawgate.methods;

import dev.clawgate.protocol.wire.CronJobView;
import dev.clawgate.protocol.wire.CronRunsResult;
import dev.clawgate.schedule.CronDelivery;
import dev.clawgate.schedule.CronEvent;
import dev.clawgate.schedule.CronJob;
import dev.clawgate.schedule.CronJobState;
import dev.clawgate.schedule.CronPayload;
import dev.clawgate.schedule.CronRunRecord;
import dev.clawgate.schedule.CronSchedule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cron jobs, runs and events in the shapes of OpenClaw's {@code CronJob}, {@code CronRunLogEntry} and
 * {@code cron} event (closed objects: only fields they define, and Clawgate's bookkeeping left out).
 */
final class CronViews {

  private CronViews() {}

  static CronJobView job(CronJob job) {
    CronSchedule schedule = job.schedule();
    CronPayload payload = job.payload();
    CronDelivery delivery = job.delivery();
    CronJobState state = job.state();
    return new CronJobView(job.id(), job.agentId(), job.name(), job.description(), job.enabled(),
        job.deleteAfterRun(), job.createdAtMs(), job.updatedAtMs(),
        new CronJobView.Schedule(schedule.kind(), schedule.at(), schedule.everyMs(), schedule.anchorMs(),
            schedule.expr(), schedule.tz()),
        job.sessionTarget(), job.wakeMode(),
        new CronJobView.Payload(payload.kind(), payload.text(), payload.message(), payload.model(),
            payload.timeoutSeconds()),
        delivery == null ? null : new CronJobView.Delivery(delivery.mode(), delivery.channel(), delivery.to()),
        new CronJobView.State(state.nextRunAtMs(), state.runningAtMs(), state.lastRunAtMs(), state.lastRunStatus(),
            state.lastError(), state.lastDurationMs(), state.consecutiveErrors()),
        null);
  }

  /** A {@code cron.list} row: the job plus the agent it runs as. */
  static CronJobView listed(CronJob job, String defaultAgentId) {
    return job(job).listed(job.agentId() == null ? defaultAgentId : job.agentId());
  }

  static CronRunsResult.Entry run(CronRunRecord run) {
    return new CronRunsResult.Entry(run.endedAtMs(), run.jobId(), run.jobName(), "finished", run.status(),
        run.error(), run.summary(), run.deliveryStatus(),
        run.deliveryStatus() == null ? null : "delivered".equals(run.deliveryStatus()), run.deliveryError(),
        run.sessionKey(), run.runId(), run.startedAtMs(), run.durationMs());
  }

  static Map<String, Object> event(CronEvent event, String defaultAgentId) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jobId", event.jobId());
    view.put("action", event.action());
    if (event.job() != null) {
      view.put("job", job(event.job()));
    }
    putIfSet(view, "runId", event.runId());
    putIfSet(view, "runAtMs", event.runAtMs());
    putIfSet(view, "status", event.status());
    putIfSet(view, "error", event.error());
    putIfSet(view, "durationMs", event.durationMs());
    putIfSet(view, "nextRunAtMs", event.nextRunAtMs());
    putIfSet(view, "sessionKey", event.sessionKey());
    view.put("ts", event.ts());
    return view;
  }

  private static void putIfSet(Map<String, Object> view, String key, Object value) {
    if (value != null) {
      view.put(key, value);
    }
  }
}
