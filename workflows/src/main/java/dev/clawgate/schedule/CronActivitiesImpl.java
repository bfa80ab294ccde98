package dev.clawgate.schedule;

import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.QueueMode;
import dev.clawgate.session.RunOutcome;
import dev.clawgate.session.RunState;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionKey;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

public final class CronActivitiesImpl implements CronActivities {

  /** How long a run may take before its history says timeout, when its payload names no timeout. */
  static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);
  static final long POLL_INTERVAL_MS = 250;
  private static final int SUMMARY_CHARS = 500;

  private final CronStore store;
  private final SessionClient sessions;
  private final AgentCatalog agents;
  private final CronEvents events;
  private final WebhookDelivery webhooks;
  private final LongSupplier clock;

  public CronActivitiesImpl(CronStore store, SessionClient sessions, AgentCatalog agents, CronEvents events,
      WebhookDelivery webhooks, LongSupplier clock) {
    this.store = store;
    this.sessions = sessions;
    this.agents = agents;
    this.events = events;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** The session a job's runs go to; see docs/cron.md for why isolated jobs are agent-scoped. */
  public static SessionKey sessionKeyOf(CronJob job, AgentCatalog agents) {
    String agentId = job.agentId() == null ? agents.defaultId() : job.agentId();
    if (CronJob.ISOLATED.equals(job.sessionTarget())) {
      return new SessionKey("agent:" + agentId + ":cron:" + job.id());
    }
    return SessionKey.main(agentId, agents.mainKey());
  }

  @Override
  public CronRunStart startRun(CronRunRequest request) {
    long now = clock.getAsLong();
    Optional<CronJob> found = store.get(request.jobId());
    if (found.isEmpty()) {
      return skipped(request, null, null, now, "the job was removed");
    }
    CronJob job = found.get();
    SessionKey key = sessionKeyOf(job, agents);
    if (!job.enabled() && !request.manual()) {
      return skipped(request, job, key, now, "the job is disabled");
    }
    if (CronJob.ISOLATED.equals(job.sessionTarget())) {
      // A fresh context for every run: the job's session is reset first, in the same queue, by its own id.
      sessions.submit(InboundMessage.reset(request.runId() + ":reset", key, now).withQueueMode(QueueMode.FOLLOWUP));
    }
    // Always its own turn: folded into another (collect, steer) the run id would have no outcome of its own.
    sessions.submit(InboundMessage.message(request.runId(), key, job.payload().sessionText(job.name()), "cron", now)
        .withQueueMode(QueueMode.FOLLOWUP));
    store.update(job.id(), current -> current.withState(current.state().started(request.runId(), now,
        request.manual() ? null : request.dueAtMs(),
        request.manual() ? current.state().nextRunAtMs() : request.nextRunAtMs())));
    events.publish(CronEvent.started(job.id(), request.runId(), key.value(), now, request.nextRunAtMs()));
    Integer timeout = job.payload().timeoutSeconds();
    long limitMs = timeout == null || timeout <= 0 ? DEFAULT_RUN_TIMEOUT.toMillis() : timeout * 1000L;
    return new CronRunStart(job.id(), job.name(), request.runId(), request.dueAtMs(), request.manual(), key.value(),
        now, now + limitMs, null);
  }

  @Override
  public RunOutcome awaitOutcome(CronRunStart started) {
    SessionKey key = new SessionKey(started.sessionKey());
    while (true) {
      RunState state = sessions.runState(key, started.runId());
      if (state.isDone()) {
        return state.outcome();
      }
      if (clock.getAsLong() >= started.deadlineMs()) {
        return null;
      }
      Activity.getExecutionContext().heartbeat(state.phase());
      try {
        Thread.sleep(POLL_INTERVAL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Activity.wrap(e);
      }
    }
  }

  @Override
  public void finishRun(CronRunStart started, RunOutcome outcome) {
    long now = clock.getAsLong();
    Optional<CronJob> job = store.get(started.jobId());
    String status;
    String error = null;
    String summary = null;
    if (started.wasSkipped()) {
      status = CronRunRecord.SKIPPED;
      error = started.skipReason();
    } else if (outcome == null) {
      status = CronRunRecord.ERROR;
      error = "timed out: no result within " + Duration.ofMillis(started.deadlineMs() - started.startedAtMs())
          .toSeconds() + " s (the run goes on in its session)";
    } else if (outcome.ok()) {
      status = CronRunRecord.OK;
      summary = abbreviate(outcome.text());
    } else {
      status = CronRunRecord.ERROR;
      error = outcome.error();
    }
    long duration = outcome == null ? Math.max(0, now - started.startedAtMs()) : outcome.durationMs();
    CronRunRecord draft = new CronRunRecord(started.jobId(), started.jobName(), started.runId(), started.dueAtMs(),
        started.manual() ? CronRunRecord.MANUAL : CronRunRecord.SCHEDULE, started.sessionKey(), status,
        started.startedAtMs(), duration, error, summary, null, null, now);
    CronRunRecord record = job.map(j -> deliver(j, draft, outcome)).orElse(draft);
    if (job.isEmpty()) {
      events.publish(CronEvent.finished(record, null));
      return;
    }
    store.appendRun(record);
    Optional<CronJob> after = store.update(started.jobId(), current -> current.withState(current.state()
        .finished(record)));
    if (after.isPresent() && CronRunRecord.OK.equals(status) && Boolean.TRUE.equals(after.get().deleteAfterRun())
        && store.remove(started.jobId())) {
      events.publish(CronEvent.changed(CronEvent.REMOVED, after.get(), now));
    }
    events.publish(CronEvent.finished(record, after.map(j -> j.state().nextRunAtMs()).orElse(null)));
  }

  private CronRunRecord deliver(CronJob job, CronRunRecord run, RunOutcome outcome) {
    CronDelivery delivery = job.delivery();
    if (delivery == null || CronDelivery.NONE.equals(delivery.mode()) || CronRunRecord.SKIPPED.equals(run.status())) {
      return withDelivery(run, "not-requested", null);
    }
    if (CronDelivery.WEBHOOK.equals(delivery.mode())) {
      Optional<String> failure = webhooks.post(delivery.to(), run, outcome == null ? null : outcome.text());
      return withDelivery(run, failure.isEmpty() ? "delivered" : "not-delivered", failure.orElse(null));
    }
    return withDelivery(run, "not-delivered", "announce delivery needs a channel, and no channels are configured");
  }

  private static CronRunRecord withDelivery(CronRunRecord r, String status, String error) {
    return new CronRunRecord(r.jobId(), r.jobName(), r.runId(), r.dueAtMs(), r.trigger(), r.sessionKey(), r.status(),
        r.startedAtMs(), r.durationMs(), r.error(), r.summary(), status, error, r.endedAtMs());
  }

  private CronRunStart skipped(CronRunRequest request, CronJob job, SessionKey key, long now, String reason) {
    return new CronRunStart(request.jobId(), job == null ? null : job.name(), request.runId(), request.dueAtMs(),
        request.manual(), key == null ? null : key.value(), now, now, reason);
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= SUMMARY_CHARS ? text : text.substring(0, SUMMARY_CHARS) + "…";
  }
}
