package dev.clawgate.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.wire.CronAddParams;
import dev.clawgate.protocol.wire.CronJobRefParams;
import dev.clawgate.protocol.wire.CronJobView;
import dev.clawgate.protocol.wire.CronListParams;
import dev.clawgate.protocol.wire.CronListResult;
import dev.clawgate.protocol.wire.CronRemoveResult;
import dev.clawgate.protocol.wire.CronRunEnqueued;
import dev.clawgate.protocol.wire.CronRunSkipped;
import dev.clawgate.protocol.wire.CronRunsParams;
import dev.clawgate.protocol.wire.CronRunsResult;
import dev.clawgate.protocol.wire.CronStatusParams;
import dev.clawgate.protocol.wire.CronStatusResult;
import dev.clawgate.protocol.wire.CronUpdateParams;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.Params;
import dev.clawgate.schedule.CronJob;
import dev.clawgate.schedule.CronJobNotFoundException;
import dev.clawgate.schedule.CronJobs;
import dev.clawgate.schedule.CronRunRecord;
import dev.clawgate.schedule.CronRunRequest;
import dev.clawgate.schedule.InvalidScheduleException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code cron.list}, {@code cron.get}, {@code cron.status}, {@code cron.add}, {@code cron.update},
 * {@code cron.remove}, {@code cron.run} and {@code cron.runs}, in the shapes OpenClaw's CLI reads (its
 * {@code openclaw cron ...} commands work against these). Changes go through {@link CronJobs}, which also
 * emits the {@code cron} events.
 */
public final class CronMethods {

  static final int MAX_PAGE = 200;
  static final int DEFAULT_RUNS_PAGE = 50;

  private final GatewayServices services;
  private final ZoneId hostZone;

  CronMethods(GatewayServices services, ZoneId hostZone) {
    this.services = services;
    this.hostZone = hostZone;
  }

  void register(MethodRegistry registry) {
    // The handlers read the validated params through Call.params(); the types validate and document them.
    registry.register("cron.list", Scopes.READ, CronListParams.class, (call, p) -> list(call));
    registry.register("cron.get", Scopes.READ, CronJobRefParams.class,
        (call, p) -> call.reply(view(jobs().get(jobId(call.params())))));
    registry.register("cron.status", Scopes.READ, CronStatusParams.class, (call, p) -> status(call));
    registry.register("cron.runs", Scopes.READ, CronRunsParams.class, (call, p) -> runs(call));
    registry.register("cron.add", Scopes.ADMIN, CronAddParams.class, (call, p) -> add(call));
    registry.register("cron.update", Scopes.ADMIN, CronUpdateParams.class, (call, p) -> update(call));
    registry.register("cron.remove", Scopes.ADMIN, CronJobRefParams.class, (call, p) -> remove(call));
    registry.register("cron.run", Scopes.ADMIN, CronJobRefParams.class, (call, p) -> run(call));
  }

  /** OpenClaw's inventory page: all six page fields, always, or its CLI refuses the page. */
  private void list(Call call) {
    Params params = call.params();
    int limit = params.intOrDefault("limit", MAX_PAGE, 1, MAX_PAGE);
    int offset = params.intOrDefault("offset", 0, 0, Integer.MAX_VALUE);
    boolean includeDisabled = params.node().path("includeDisabled").asBoolean(false);
    String enabledFilter = params.optionalString("enabled");
    String agentId = params.optionalString("agentId");
    String query = params.optionalString("query");
    long revision = jobs().store().revision();
    String defaultAgent = services.agents().defaultId();
    List<CronJob> matching = new ArrayList<>();
    for (CronJob job : jobs().list()) {
      if (!shown(job, includeDisabled, enabledFilter)) {
        continue;
      }
      if (agentId != null && !agentId.equals(job.agentId() == null ? defaultAgent : job.agentId())) {
        continue;
      }
      if (query != null && !job.name().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT))) {
        continue;
      }
      matching.add(job);
    }
    matching.sort(Comparator.comparing((CronJob j) -> j.state().nextRunAtMs(),
        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(CronJob::name).thenComparing(CronJob::id));
    int from = Math.min(offset, matching.size());
    int to = Math.min(matching.size(), from + limit);
    List<CronJobView> page = new ArrayList<>();
    for (CronJob job : matching.subList(from, to)) {
      page.add(CronViews.listed(job, defaultAgent));
    }
    boolean hasMore = to < matching.size();
    call.reply(new CronListResult(page, matching.size(), from, limit, hasMore, hasMore ? to : null,
        "r" + revision));
  }

  private static boolean shown(CronJob job, boolean includeDisabled, String enabledFilter) {
    if (enabledFilter != null && !"all".equals(enabledFilter)) {
      if (!"enabled".equals(enabledFilter) && !"disabled".equals(enabledFilter)) {
        throw GatewayException.invalidParams("params.enabled must be all, enabled or disabled");
      }
      return job.enabled() == "enabled".equals(enabledFilter);
    }
    return includeDisabled || "all".equals(enabledFilter) || job.enabled();
  }

  private void status(Call call) {
    List<CronJob> all = jobs().list();
    Long nextWake = all.stream().filter(CronJob::enabled).map(j -> j.state().nextRunAtMs())
        .filter(t -> t != null).min(Long::compare).orElse(null);
    call.reply(new CronStatusResult(true, "clawgate", "temporal workflow cron-scheduler", all.size(),
        all.stream().filter(CronJob::enabled).count(), nextWake));
  }

  private void add(Call call) {
    CronJob draft;
    try {
      draft = CronJobParams.fromAdd(call.params().node(), UUID.randomUUID().toString(), System.currentTimeMillis(),
          hostZone);
      requireKnownAgent(draft.agentId());
      call.reply(view(jobs().add(draft)));
    } catch (InvalidScheduleException e) {
      throw invalid(e);
    }
  }

  private void update(Call call) {
    String id = jobId(call.params());
    try {
      JsonNode patch = call.params().node().get("patch");
      if (patch != null && patch.hasNonNull("agentId")) {
        requireKnownAgent(patch.get("agentId").asText());
      }
      call.reply(view(jobs().update(id, CronJobParams.patch(patch, System.currentTimeMillis(), hostZone))));
    } catch (InvalidScheduleException e) {
      throw invalid(e);
    } catch (CronJobNotFoundException e) {
      throw notFound(e.jobId());
    }
  }

  private void remove(Call call) {
    String id = jobId(call.params());
    try {
      jobs().remove(id);
    } catch (CronJobNotFoundException e) {
      throw notFound(e.jobId());
    }
    call.reply(new CronRemoveResult(true, true));
  }

  /** {@code mode}: {@code force} (default) runs now; {@code due} only if due; {@code if-enabled} only if enabled. */
  private void run(Call call) {
    Params params = call.params();
    String id = jobId(params);
    String mode = params.optionalString("mode");
    try {
      CronJob job = jobs().get(id);
      if ("due".equals(mode)) {
        Long next = jobs().list().stream().filter(j -> j.id().equals(id)).findFirst()
            .map(j -> j.state().nextRunAtMs()).orElse(null);
        if (!job.enabled() || next == null || next > System.currentTimeMillis()) {
          call.reply(new CronRunSkipped(true, false, CronRunSkipped.NOT_DUE));
          return;
        }
      } else if ("if-enabled".equals(mode)) {
        if (!job.enabled()) {
          call.reply(new CronRunSkipped(true, false, CronRunSkipped.DISABLED));
          return;
        }
      } else if (mode != null && !"force".equals(mode)) {
        throw GatewayException.invalidParams("params.mode must be force, due or if-enabled");
      }
      CronRunRequest run = jobs().runNow(id);
      call.reply(new CronRunEnqueued(true, true, run.runId()));
    } catch (CronJobNotFoundException e) {
      throw notFound(e.jobId());
    }
  }

  /** A job's history ({@code id}/{@code jobId}), or every job's ({@code scope: "all"} or no id), newest first. */
  private void runs(Call call) {
    Params params = call.params();
    String id = params.optionalString("id") != null ? params.optionalString("id") : params.optionalString("jobId");
    String scope = params.optionalString("scope");
    int limit = params.intOrDefault("limit", DEFAULT_RUNS_PAGE, 1, MAX_PAGE);
    int offset = params.intOrDefault("offset", 0, 0, Integer.MAX_VALUE);
    String runId = params.optionalString("runId");
    String status = params.optionalString("status");
    String sortDir = params.optionalString("sortDir");
    if (status != null && !List.of("all", "ok", "error", "skipped").contains(status)) {
      throw GatewayException.invalidParams("params.status must be all, ok, error or skipped");
    }
    if (sortDir != null && !"asc".equals(sortDir) && !"desc".equals(sortDir)) {
      throw GatewayException.invalidParams("params.sortDir must be asc or desc");
    }
    List<CronRunRecord> history = new ArrayList<>();
    try {
      if (id == null || "all".equals(scope)) {
        for (CronJob job : jobs().store().list()) {
          if (id == null || id.equals(job.id())) {
            history.addAll(jobs().runs(job.id()));
          }
        }
      } else {
        history.addAll(jobs().runs(id));
      }
    } catch (CronJobNotFoundException e) {
      throw notFound(e.jobId());
    }
    history.removeIf(run -> (runId != null && !runId.equals(run.runId()))
        || (status != null && !"all".equals(status) && !status.equals(run.status())));
    Comparator<CronRunRecord> byTime = Comparator.comparingLong(CronRunRecord::startedAtMs)
        .thenComparing(CronRunRecord::runId);
    history.sort("asc".equals(sortDir) ? byTime : byTime.reversed());
    int from = Math.min(offset, history.size());
    int to = Math.min(history.size(), from + limit);
    List<CronRunsResult.Entry> entries = new ArrayList<>();
    for (CronRunRecord run : history.subList(from, to)) {
      entries.add(CronViews.run(run));
    }
    boolean hasMore = to < history.size();
    call.reply(new CronRunsResult(entries, history.size(), from, limit, hasMore, hasMore ? to : null));
  }

  private CronJobs jobs() {
    return services.cron();
  }

  private CronJobView view(CronJob job) {
    return CronViews.job(job);
  }

  private void requireKnownAgent(String agentId) {
    if (agentId != null && services.agents().find(agentId).isEmpty()) {
      throw new GatewayException(GatewayError.invalidRequest(ErrorCodes.UNKNOWN_AGENT, "unknown agent: " + agentId));
    }
  }

  /** OpenClaw names a job {@code id} or, in older clients, {@code jobId}. */
  private String jobId(Params params) {
    String id = params.optionalString("id");
    if (id == null) {
      id = params.optionalString("jobId");
    }
    if (id == null || id.isBlank()) {
      throw GatewayException.invalidParams("params.id is required (the job id)");
    }
    if (jobs().store().get(id).isEmpty()) {
      throw notFound(id);
    }
    return id;
  }

  private static GatewayException invalid(InvalidScheduleException e) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("code", ErrorCodes.INVALID_PARAMS);
    details.put("field", e.field());
    return new GatewayException(new GatewayError(ErrorCodes.INVALID_REQUEST, e.getMessage(), details, null, null));
  }

  private static GatewayException notFound(String jobId) {
    return new GatewayException(new GatewayError(ErrorCodes.INVALID_REQUEST, "cron job not found: " + jobId,
        Map.of("code", ErrorCodes.CRON_JOB_NOT_FOUND, "jobId", jobId), null, null));
  }
}
