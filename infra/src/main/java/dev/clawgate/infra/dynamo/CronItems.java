package dev.clawgate.infra.dynamo;

import dev.clawgate.schedule.CronDelivery;
import dev.clawgate.schedule.CronJob;
import dev.clawgate.schedule.CronJobState;
import dev.clawgate.schedule.CronPayload;
import dev.clawgate.schedule.CronRunRecord;
import dev.clawgate.schedule.CronSchedule;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The kinds of item in the cron table ({@link DynamoTables#CRON_JOBS}) and their schemas:
 *
 * <pre>
 *   pk            sk
 *   jobs          job#daily-digest   Job: one job, with the add order and the optimistic lock's version
 *   jobs          revision           Revision: the listing's revision (changes with every definition change)
 *   runs#JOBID    head               RunHead: the job's run counter, the order of its history
 *   runs#JOBID    run#RUNID          Run: one finished run, keyed by its run id so it is recorded once
 * </pre>
 *
 * <p>The jobs share one partition, so a listing is one query rather than a scan over every run ever recorded;
 * each job's history is a partition of its own. Job ids are {@code [A-Za-z0-9_-]}, so {@code runs#...} can never
 * be confused with {@code jobs}. Schemas are written out ({@link StaticImmutableTableSchema}), as for the other
 * tables.
 */
final class CronItems {

  static final String PARTITION_KEY = DynamoTables.CRON_JOBS.partitionKey().name();
  static final String SORT_KEY = DynamoTables.CRON_JOBS.sortKey().name();

  static final String JOBS = "jobs";
  static final String JOB_PREFIX = "job#";
  static final String REVISION = "revision";
  static final String RUNS_PREFIX = "runs#";
  static final String HEAD = "head";
  static final String RUN_PREFIX = "run#";

  private CronItems() {}

  static String runsPartition(String jobId) {
    return RUNS_PREFIX + jobId;
  }

  /**
   * A job. {@code order} is the listing revision its addition made, so jobs list in the order they were added
   * whichever instance added them.
   *
   * @param version null for a job not yet stored
   */
  record Job(CronJob job, long order, Long version) {
    static final TableSchema<Job> SCHEMA = StaticImmutableTableSchema.builder(Job.class, JobBuilder.class)
        .newItemBuilder(JobBuilder::new, JobBuilder::build)
        .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(j -> JOBS).setter((b, v) -> { })
            .tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(SORT_KEY).getter(j -> JOB_PREFIX + j.job().id())
            .setter((b, v) -> { }).tags(StaticAttributeTags.primarySortKey()))
        .addAttribute(Long.class, a -> a.name("order").getter(Job::order).setter((b, v) -> b.order = v))
        .addAttribute(Long.class, a -> a.name("version").getter(Job::version).setter((b, v) -> b.version = v)
            .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
        .flatten(JOB_FIELDS, Job::job, (b, v) -> b.job = v)
        .build();
  }

  /** The listing's revision; absent until the first job is added (revision 0). */
  record Revision(long revision) {
    static final TableSchema<Revision> SCHEMA = StaticImmutableTableSchema
        .builder(Revision.class, RevisionBuilder.class)
        .newItemBuilder(RevisionBuilder::new, RevisionBuilder::build)
        .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(r -> JOBS).setter((b, v) -> { })
            .tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(SORT_KEY).getter(r -> REVISION).setter((b, v) -> { })
            .tags(StaticAttributeTags.primarySortKey()))
        .addAttribute(Long.class, a -> a.name(REVISION).getter(Revision::revision)
            .setter((b, v) -> b.revision = v))
        .build();
  }

  /** One finished run; {@code seq} is its place in the job's history. */
  record Run(CronRunRecord run, long seq) {
    static final TableSchema<Run> SCHEMA = StaticImmutableTableSchema.builder(Run.class, RunBuilder.class)
        .newItemBuilder(RunBuilder::new, RunBuilder::build)
        .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(r -> runsPartition(r.run().jobId()))
            .setter((b, v) -> { }).tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(SORT_KEY).getter(r -> RUN_PREFIX + r.run().runId())
            .setter((b, v) -> { }).tags(StaticAttributeTags.primarySortKey()))
        .addAttribute(Long.class, a -> a.name("seq").getter(Run::seq).setter((b, v) -> b.seq = v))
        .flatten(RUN_FIELDS, Run::run, (b, v) -> b.run = v)
        .build();
  }

  private static final TableSchema<CronSchedule> SCHEDULE = StaticImmutableTableSchema
      .builder(CronSchedule.class, ScheduleBuilder.class)
      .newItemBuilder(ScheduleBuilder::new, ScheduleBuilder::build)
      .addAttribute(String.class, a -> a.name("kind").getter(CronSchedule::kind).setter((b, v) -> b.kind = v))
      .addAttribute(String.class, a -> a.name("at").getter(CronSchedule::at).setter((b, v) -> b.at = v))
      .addAttribute(Long.class, a -> a.name("everyMs").getter(CronSchedule::everyMs).setter((b, v) -> b.everyMs = v))
      .addAttribute(Long.class, a -> a.name("anchorMs").getter(CronSchedule::anchorMs)
          .setter((b, v) -> b.anchorMs = v))
      .addAttribute(String.class, a -> a.name("expr").getter(CronSchedule::expr).setter((b, v) -> b.expr = v))
      .addAttribute(String.class, a -> a.name("tz").getter(CronSchedule::tz).setter((b, v) -> b.tz = v))
      .build();

  private static final TableSchema<CronPayload> PAYLOAD = StaticImmutableTableSchema
      .builder(CronPayload.class, PayloadBuilder.class)
      .newItemBuilder(PayloadBuilder::new, PayloadBuilder::build)
      .addAttribute(String.class, a -> a.name("kind").getter(CronPayload::kind).setter((b, v) -> b.kind = v))
      .addAttribute(String.class, a -> a.name("text").getter(CronPayload::text).setter((b, v) -> b.text = v))
      .addAttribute(String.class, a -> a.name("message").getter(CronPayload::message)
          .setter((b, v) -> b.message = v))
      .addAttribute(String.class, a -> a.name("model").getter(CronPayload::model).setter((b, v) -> b.model = v))
      .addAttribute(Integer.class, a -> a.name("timeoutSeconds").getter(CronPayload::timeoutSeconds)
          .setter((b, v) -> b.timeoutSeconds = v))
      .build();

  private static final TableSchema<CronDelivery> DELIVERY = StaticImmutableTableSchema
      .builder(CronDelivery.class, DeliveryBuilder.class)
      .newItemBuilder(DeliveryBuilder::new, DeliveryBuilder::build)
      .addAttribute(String.class, a -> a.name("mode").getter(CronDelivery::mode).setter((b, v) -> b.mode = v))
      .addAttribute(String.class, a -> a.name("channel").getter(CronDelivery::channel)
          .setter((b, v) -> b.channel = v))
      .addAttribute(String.class, a -> a.name("to").getter(CronDelivery::to).setter((b, v) -> b.to = v))
      .build();

  private static final TableSchema<CronJobState> STATE = StaticImmutableTableSchema
      .builder(CronJobState.class, StateBuilder.class)
      .newItemBuilder(StateBuilder::new, StateBuilder::build)
      .addAttribute(Long.class, a -> a.name("nextRunAtMs").getter(CronJobState::nextRunAtMs)
          .setter((b, v) -> b.nextRunAtMs = v))
      .addAttribute(Long.class, a -> a.name("lastRunAtMs").getter(CronJobState::lastRunAtMs)
          .setter((b, v) -> b.lastRunAtMs = v))
      .addAttribute(String.class, a -> a.name("lastRunStatus").getter(CronJobState::lastRunStatus)
          .setter((b, v) -> b.lastRunStatus = v))
      .addAttribute(String.class, a -> a.name("lastError").getter(CronJobState::lastError)
          .setter((b, v) -> b.lastError = v))
      .addAttribute(Long.class, a -> a.name("lastDurationMs").getter(CronJobState::lastDurationMs)
          .setter((b, v) -> b.lastDurationMs = v))
      .addAttribute(Long.class, a -> a.name("runningAtMs").getter(CronJobState::runningAtMs)
          .setter((b, v) -> b.runningAtMs = v))
      .addAttribute(Integer.class, a -> a.name("consecutiveErrors").getter(CronJobState::consecutiveErrors)
          .setter((b, v) -> b.consecutiveErrors = v))
      .addAttribute(Long.class, a -> a.name("lastDueAtMs").getter(CronJobState::lastDueAtMs)
          .setter((b, v) -> b.lastDueAtMs = v))
      .addAttribute(String.class, a -> a.name("lastRunId").getter(CronJobState::lastRunId)
          .setter((b, v) -> b.lastRunId = v))
      .build();

  /** The job's own fields, flattened into the job item; null fields are left out of the item. */
  private static final TableSchema<CronJob> JOB_FIELDS = StaticImmutableTableSchema
      .builder(CronJob.class, JobFieldsBuilder.class)
      .newItemBuilder(JobFieldsBuilder::new, JobFieldsBuilder::build)
      .addAttribute(String.class, a -> a.name("id").getter(CronJob::id).setter((b, v) -> b.id = v))
      .addAttribute(String.class, a -> a.name("name").getter(CronJob::name).setter((b, v) -> b.name = v))
      .addAttribute(String.class, a -> a.name("description").getter(CronJob::description)
          .setter((b, v) -> b.description = v))
      .addAttribute(String.class, a -> a.name("agentId").getter(CronJob::agentId).setter((b, v) -> b.agentId = v))
      .addAttribute(Boolean.class, a -> a.name("enabled").getter(CronJob::enabled).setter((b, v) -> b.enabled = v))
      .addAttribute(Boolean.class, a -> a.name("deleteAfterRun").getter(CronJob::deleteAfterRun)
          .setter((b, v) -> b.deleteAfterRun = v))
      .addAttribute(document(CronSchedule.class, SCHEDULE), a -> a.name("schedule").getter(CronJob::schedule)
          .setter((b, v) -> b.schedule = v))
      .addAttribute(String.class, a -> a.name("sessionTarget").getter(CronJob::sessionTarget)
          .setter((b, v) -> b.sessionTarget = v))
      .addAttribute(String.class, a -> a.name("wakeMode").getter(CronJob::wakeMode)
          .setter((b, v) -> b.wakeMode = v))
      .addAttribute(document(CronPayload.class, PAYLOAD), a -> a.name("payload").getter(CronJob::payload)
          .setter((b, v) -> b.payload = v))
      .addAttribute(document(CronDelivery.class, DELIVERY), a -> a.name("delivery").getter(CronJob::delivery)
          .setter((b, v) -> b.delivery = v))
      .addAttribute(Long.class, a -> a.name("createdAtMs").getter(CronJob::createdAtMs)
          .setter((b, v) -> b.createdAtMs = v))
      .addAttribute(Long.class, a -> a.name("updatedAtMs").getter(CronJob::updatedAtMs)
          .setter((b, v) -> b.updatedAtMs = v))
      .addAttribute(document(CronJobState.class, STATE), a -> a.name("state").getter(CronJob::state)
          .setter((b, v) -> b.state = v))
      .build();

  /** The run record's own fields, flattened into the run item. */
  private static final TableSchema<CronRunRecord> RUN_FIELDS = StaticImmutableTableSchema
      .builder(CronRunRecord.class, RunFieldsBuilder.class)
      .newItemBuilder(RunFieldsBuilder::new, RunFieldsBuilder::build)
      .addAttribute(String.class, a -> a.name("jobId").getter(CronRunRecord::jobId).setter((b, v) -> b.jobId = v))
      .addAttribute(String.class, a -> a.name("jobName").getter(CronRunRecord::jobName)
          .setter((b, v) -> b.jobName = v))
      .addAttribute(String.class, a -> a.name("runId").getter(CronRunRecord::runId).setter((b, v) -> b.runId = v))
      .addAttribute(Long.class, a -> a.name("dueAtMs").getter(CronRunRecord::dueAtMs)
          .setter((b, v) -> b.dueAtMs = v))
      .addAttribute(String.class, a -> a.name("trigger").getter(CronRunRecord::trigger)
          .setter((b, v) -> b.trigger = v))
      .addAttribute(String.class, a -> a.name("sessionKey").getter(CronRunRecord::sessionKey)
          .setter((b, v) -> b.sessionKey = v))
      .addAttribute(String.class, a -> a.name("status").getter(CronRunRecord::status)
          .setter((b, v) -> b.status = v))
      .addAttribute(Long.class, a -> a.name("startedAtMs").getter(CronRunRecord::startedAtMs)
          .setter((b, v) -> b.startedAtMs = v))
      .addAttribute(Long.class, a -> a.name("durationMs").getter(CronRunRecord::durationMs)
          .setter((b, v) -> b.durationMs = v))
      .addAttribute(String.class, a -> a.name("error").getter(CronRunRecord::error).setter((b, v) -> b.error = v))
      .addAttribute(String.class, a -> a.name("summary").getter(CronRunRecord::summary)
          .setter((b, v) -> b.summary = v))
      .addAttribute(String.class, a -> a.name("deliveryStatus").getter(CronRunRecord::deliveryStatus)
          .setter((b, v) -> b.deliveryStatus = v))
      .addAttribute(String.class, a -> a.name("deliveryError").getter(CronRunRecord::deliveryError)
          .setter((b, v) -> b.deliveryError = v))
      .addAttribute(Long.class, a -> a.name("endedAtMs").getter(CronRunRecord::endedAtMs)
          .setter((b, v) -> b.endedAtMs = v))
      .build();

  /** A nested map whose null attributes are left out rather than stored as nulls. */
  private static <T> EnhancedType<T> document(Class<T> type, TableSchema<T> schema) {
    return EnhancedType.documentOf(type, schema, b -> b.ignoreNulls(true));
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static final class JobBuilder {
    private CronJob job;
    private Long order;
    private Long version;

    Job build() {
      return new Job(job, orZero(order), version);
    }
  }

  private static final class RevisionBuilder {
    private Long revision;

    Revision build() {
      return new Revision(orZero(revision));
    }
  }

  private static final class RunBuilder {
    private CronRunRecord run;
    private Long seq;

    Run build() {
      return new Run(run, orZero(seq));
    }
  }

  private static final class ScheduleBuilder {
    private String kind;
    private String at;
    private Long everyMs;
    private Long anchorMs;
    private String expr;
    private String tz;

    CronSchedule build() {
      return new CronSchedule(kind, at, everyMs, anchorMs, expr, tz);
    }
  }

  private static final class PayloadBuilder {
    private String kind;
    private String text;
    private String message;
    private String model;
    private Integer timeoutSeconds;

    CronPayload build() {
      return new CronPayload(kind, text, message, model, timeoutSeconds);
    }
  }

  private static final class DeliveryBuilder {
    private String mode;
    private String channel;
    private String to;

    CronDelivery build() {
      return new CronDelivery(mode, channel, to);
    }
  }

  private static final class StateBuilder {
    private Long nextRunAtMs;
    private Long lastRunAtMs;
    private String lastRunStatus;
    private String lastError;
    private Long lastDurationMs;
    private Long runningAtMs;
    private Integer consecutiveErrors;
    private Long lastDueAtMs;
    private String lastRunId;

    CronJobState build() {
      return new CronJobState(nextRunAtMs, lastRunAtMs, lastRunStatus, lastError, lastDurationMs, runningAtMs,
          consecutiveErrors, lastDueAtMs, lastRunId);
    }
  }

  private static final class JobFieldsBuilder {
    private String id;
    private String name;
    private String description;
    private String agentId;
    private Boolean enabled;
    private Boolean deleteAfterRun;
    private CronSchedule schedule;
    private String sessionTarget;
    private String wakeMode;
    private CronPayload payload;
    private CronDelivery delivery;
    private Long createdAtMs;
    private Long updatedAtMs;
    private CronJobState state;

    CronJob build() {
      return new CronJob(id, name, description, agentId, Boolean.TRUE.equals(enabled), deleteAfterRun, schedule,
          sessionTarget, wakeMode, payload, delivery, orZero(createdAtMs), orZero(updatedAtMs), state);
    }
  }

  private static final class RunFieldsBuilder {
    private String jobId;
    private String jobName;
    private String runId;
    private Long dueAtMs;
    private String trigger;
    private String sessionKey;
    private String status;
    private Long startedAtMs;
    private Long durationMs;
    private String error;
    private String summary;
    private String deliveryStatus;
    private String deliveryError;
    private Long endedAtMs;

    CronRunRecord build() {
      return new CronRunRecord(jobId, jobName, runId, orZero(dueAtMs), trigger, sessionKey, status,
          orZero(startedAtMs), orZero(durationMs), error, summary, deliveryStatus, deliveryError, orZero(endedAtMs));
    }
  }
}
