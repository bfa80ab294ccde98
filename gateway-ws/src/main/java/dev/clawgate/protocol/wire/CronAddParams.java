package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of {@code cron.add}: the job, in OpenClaw's shape (see docs/automation.md). */
@JsonClassDescription("Params of cron.add: a job (name, schedule, sessionTarget, payload, delivery, ...).")
public record CronAddParams(
    String name,
    @JsonPropertyDescription("{kind: at|every|cron, at | everyMs, anchorMs | expr, tz}") Object schedule,
    @JsonPropertyDescription("main or isolated") String sessionTarget,
    String wakeMode,
    @JsonPropertyDescription("{kind: systemEvent, text} or {kind: agentTurn, message, model?, timeoutSeconds?}")
    Object payload,
    @JsonPropertyDescription("{mode: none|announce|webhook, ...}") Object delivery,
    String agentId,
    Boolean enabled,
    String description) {}
