package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * A cron job in the shape of OpenClaw's {@code CronJob} (only fields it defines; Clawgate's bookkeeping left out):
 * the answer of {@code cron.add}, {@code cron.get} and {@code cron.update}, a row of {@code cron.list} (which adds
 * {@code effectiveAgentId}) and the {@code job} of a {@code cron} event. Optional fields are omitted when unset.
 */
@JsonClassDescription("A cron job (OpenClaw's CronJob): the response to cron.add, cron.get and cron.update, and a"
    + " row of cron.list.")
public record CronJobView(
    @NotEmpty String id,
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyDescription("the agent it runs as; absent means the default agent") String agentId,
    @NotEmpty String name,
    @JsonInclude(JsonInclude.Include.NON_NULL) String description,
    boolean enabled,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleteAfterRun,
    long createdAtMs,
    long updatedAtMs,
    @NotNull Schedule schedule,
    @NotEmpty @JsonPropertyDescription("main or isolated") String sessionTarget,
    @NotEmpty @JsonPropertyDescription("now or next-heartbeat") String wakeMode,
    @NotNull Payload payload,
    @JsonInclude(JsonInclude.Include.NON_NULL) Delivery delivery,
    @NotNull State state,
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyDescription("cron.list only: the agent the job runs as, the default agent when agentId is absent")
    String effectiveAgentId) {

  /** This job as a {@code cron.list} row. */
  public CronJobView listed(String runsAs) {
    return new CronJobView(id, agentId, name, description, enabled, deleteAfterRun, createdAtMs, updatedAtMs,
        schedule, sessionTarget, wakeMode, payload, delivery, state, runsAs);
  }

  /** {@code at} (one ISO instant), {@code every} ({@code everyMs}, optional {@code anchorMs}) or {@code cron}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Schedule(@NotEmpty String kind, String at, Long everyMs, Long anchorMs, String expr, String tz) {}

  /** {@code systemEvent} (with {@code text}) or {@code agentTurn} (with {@code message}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Payload(@NotEmpty String kind, String text, String message, String model, Integer timeoutSeconds) {}

  /** Where a run's result goes: {@code none}, {@code announce} or {@code webhook}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Delivery(@NotEmpty String mode, String channel, String to) {}

  /** What the scheduler knows of the job's runs; every field is absent until it applies. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record State(Long nextRunAtMs, Long runningAtMs, Long lastRunAtMs, String lastRunStatus, String lastError,
      Long lastDurationMs, Integer consecutiveErrors) {}
}
