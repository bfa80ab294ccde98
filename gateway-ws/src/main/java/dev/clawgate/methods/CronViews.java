package dev.clawgate.methods;

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

  static Map<String, Object> job(CronJob job, String defaultAgentId) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", job.id());
    if (job.agentId() != null) {
      view.put("agentId", job.agentId());
    }
    view.put("name", job.name());
    if (job.description() != null) {
      view.put("description", job.description());
    }
    view.put("enabled", job.enabled());
    if (job.deleteAfterRun() != null) {
      view.put("deleteAfterRun", job.deleteAfterRun());
    }
    view.put("createdAtMs", job.createdAtMs());
    view.put("updatedAtMs", job.updatedAtMs());
    view.put("schedule", schedule(job.schedule()));
    view.put("sessionTarget", job.sessionTarget());
    view.put("wakeMode", job.wakeMode());
    view.put("payload", payload(job.payload()));
    if (job.delivery() != null) {
      view.put("delivery", delivery(job.delivery()));
    }
    view.put("state", state(job.state()));
    return view;
  }

  /** A {@code cron.list} row: the job plus the agent it runs as. */
  static Map<String, Object> listed(CronJob job, String defaultAgentId) {
    Map<String, Object> view = job(job, defaultAgentId);
    view.put("effectiveAgentId", job.agentId() == null ? defaultAgentId : job.agentId());
    return view;
  }

  static Map<String, Object> run(CronRunRecord run) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("ts", run.endedAtMs());
    view.put("jobId", run.jobId());
    if (run.jobName() != null) {
      view.put("jobName", run.jobName());
    }
    view.put("action", "finished");
    view.put("status", run.status());
    if (run.error() != null) {
      view.put("error", run.error());
    }
    if (run.summary() != null) {
      view.put("summary", run.summary());
    }
    if (run.deliveryStatus() != null) {
      view.put("deliveryStatus", run.deliveryStatus());
      view.put("delivered", "delivered".equals(run.deliveryStatus()));
    }
    if (run.deliveryError() != null) {
      view.put("deliveryError", run.deliveryError());
    }
    if (run.sessionKey() != null) {
      view.put("sessionKey", run.sessionKey());
    }
    view.put("runId", run.runId());
    view.put("runAtMs", run.startedAtMs());
    view.put("durationMs", run.durationMs());
    return view;
  }

  static Map<String, Object> event(CronEvent event, String defaultAgentId) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jobId", event.jobId());
    view.put("action", event.action());
    if (event.job() != null) {
      view.put("job", job(event.job(), defaultAgentId));
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

  private static Map<String, Object> schedule(CronSchedule schedule) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", schedule.kind());
    putIfSet(view, "at", schedule.at());
    putIfSet(view, "everyMs", schedule.everyMs());
    putIfSet(view, "anchorMs", schedule.anchorMs());
    putIfSet(view, "expr", schedule.expr());
    putIfSet(view, "tz", schedule.tz());
    return view;
  }

  private static Map<String, Object> payload(CronPayload payload) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", payload.kind());
    putIfSet(view, "text", payload.text());
    putIfSet(view, "message", payload.message());
    putIfSet(view, "model", payload.model());
    putIfSet(view, "timeoutSeconds", payload.timeoutSeconds());
    return view;
  }

  private static Map<String, Object> delivery(CronDelivery delivery) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("mode", delivery.mode());
    putIfSet(view, "channel", delivery.channel());
    putIfSet(view, "to", delivery.to());
    return view;
  }

  private static Map<String, Object> state(CronJobState state) {
    Map<String, Object> view = new LinkedHashMap<>();
    putIfSet(view, "nextRunAtMs", state.nextRunAtMs());
    putIfSet(view, "runningAtMs", state.runningAtMs());
    putIfSet(view, "lastRunAtMs", state.lastRunAtMs());
    putIfSet(view, "lastRunStatus", state.lastRunStatus());
    putIfSet(view, "lastError", state.lastError());
    putIfSet(view, "lastDurationMs", state.lastDurationMs());
    putIfSet(view, "consecutiveErrors", state.consecutiveErrors());
    return view;
  }

  private static void putIfSet(Map<String, Object> view, String key, Object value) {
    if (value != null) {
      view.put(key, value);
    }
  }
}
