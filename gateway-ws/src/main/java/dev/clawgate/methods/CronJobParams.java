package dev.clawgate.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.schedule.CronDelivery;
import dev.clawgate.schedule.CronJob;
import dev.clawgate.schedule.CronPayload;
import dev.clawgate.schedule.CronSchedule;
import dev.clawgate.schedule.InvalidScheduleException;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/**
 * Reads the job fields of {@code cron.add} and the {@code patch} of {@code cron.update} (OpenClaw's
 * {@code CronAddParams} / {@code CronUpdateParams}); a wrong field answers INVALID_REQUEST naming it. Fields
 * OpenClaw has and Clawgate does not (pacing, triggers, fallbacks, ...) are ignored.
 */
final class CronJobParams {

  private CronJobParams() {}

  /**
   * A new job from {@code cron.add} params. Defaults where OpenClaw requires the field: {@code sessionTarget}
   * follows the payload (systemEvent: main, agentTurn: isolated), {@code wakeMode} is {@code now}; a cron
   * expression without {@code tz} runs in {@code hostZone}.
   */
  static CronJob fromAdd(JsonNode params, String id, long nowMs, ZoneId hostZone) {
    CronPayload payload = payload(object(params, "payload", true), null);
    String target = text(params, "sessionTarget", "params.sessionTarget");
    if (target == null) {
      target = CronPayload.SYSTEM_EVENT.equals(payload.kind()) ? CronJob.MAIN : CronJob.ISOLATED;
    }
    String wake = text(params, "wakeMode", "params.wakeMode");
    JsonNode delivery = object(params, "delivery", false);
    return new CronJob(id,
        requiredText(params, "name", "params.name"),
        text(params, "description", "params.description"),
        text(params, "agentId", "params.agentId"),
        bool(params, "enabled", true),
        params.hasNonNull("deleteAfterRun") ? bool(params, "deleteAfterRun", false) : null,
        schedule(object(params, "schedule", true)).withDefaultZone(hostZone),
        target,
        wake == null ? CronJob.WAKE_NOW : wake,
        payload,
        delivery == null ? null : delivery(delivery, null),
        nowMs, nowMs, null);
  }

  /** The change a {@code cron.update} patch makes; absent fields keep their value, null clears optional ones. */
  static UnaryOperator<CronJob> patch(JsonNode patch, long nowMs, ZoneId hostZone) {
    if (patch == null || !patch.isObject()) {
      throw GatewayException.invalidParams("params.patch is required (an object of the fields to change)");
    }
    // Read everything now, so a bad field fails before anything is looked up or written.
    String name = patch.has("name") ? requiredText(patch, "name", "params.patch.name") : null;
    String description = text(patch, "description", "params.patch.description");
    String agentId = text(patch, "agentId", "params.patch.agentId");
    Boolean enabled = patch.has("enabled") ? bool(patch, "enabled", true) : null;
    Boolean deleteAfterRun = patch.has("deleteAfterRun") ? bool(patch, "deleteAfterRun", false) : null;
    CronSchedule schedule = patch.hasNonNull("schedule")
        ? schedule(object(patch, "schedule", true)).withDefaultZone(hostZone) : null;
    String target = text(patch, "sessionTarget", "params.patch.sessionTarget");
    String wake = text(patch, "wakeMode", "params.patch.wakeMode");
    JsonNode payloadPatch = object(patch, "payload", false);
    JsonNode deliveryPatch = object(patch, "delivery", false);
    return current -> new CronJob(current.id(),
        name != null ? name : current.name(),
        patch.has("description") ? description : current.description(),
        patch.has("agentId") ? agentId : current.agentId(),
        enabled != null ? enabled : current.enabled(),
        patch.has("deleteAfterRun") ? deleteAfterRun : current.deleteAfterRun(),
        schedule != null ? schedule : current.schedule(),
        target != null ? target : current.sessionTarget(),
        wake != null ? wake : current.wakeMode(),
        payloadPatch != null ? payload(payloadPatch, current.payload()) : current.payload(),
        patch.has("delivery") ? (deliveryPatch == null ? null : delivery(deliveryPatch, current.delivery()))
            : current.delivery(),
        current.createdAtMs(), nowMs, current.state());
  }

  private static CronSchedule schedule(JsonNode node) {
    String kind = requiredText(node, "kind", "schedule.kind");
    switch (kind) {
      case CronSchedule.AT:
        return CronSchedule.at(requiredText(node, "at", "schedule.at"));
      case CronSchedule.EVERY:
        return new CronSchedule(kind, null, requiredLong(node, "everyMs", "schedule.everyMs"), null, null, null)
            .withAnchor(longValue(node, "anchorMs", "schedule.anchorMs"));
      case CronSchedule.CRON:
        return CronSchedule.cron(requiredText(node, "expr", "schedule.expr"), text(node, "tz", "schedule.tz"));
      default:
        throw new InvalidScheduleException("schedule.kind", "schedule.kind must be at, every or cron, got '"
            + kind + "'");
    }
  }

  /** A payload, or with {@code current} a patch of it: the same kind merges fields, another kind replaces it. */
  private static CronPayload payload(JsonNode node, CronPayload current) {
    String kind = current != null && !node.has("kind") ? current.kind() : requiredText(node, "kind", "payload.kind");
    CronPayload base = current != null && kind.equals(current.kind()) ? current
        : new CronPayload(kind, null, null, null, null);
    String text = node.has("text") ? text(node, "text", "payload.text") : base.text();
    String message = node.has("message") ? text(node, "message", "payload.message") : base.message();
    String model = node.has("model") ? text(node, "model", "payload.model") : base.model();
    Integer timeout = node.has("timeoutSeconds") ? intValue(node, "timeoutSeconds", "payload.timeoutSeconds")
        : base.timeoutSeconds();
    return new CronPayload(kind, text, message, model, timeout).validated();
  }

  private static CronDelivery delivery(JsonNode node, CronDelivery current) {
    CronDelivery base = current == null ? new CronDelivery(null, null, null) : current;
    return new CronDelivery(
        node.has("mode") ? text(node, "mode", "delivery.mode") : base.mode(),
        node.has("channel") ? text(node, "channel", "delivery.channel") : base.channel(),
        node.has("to") ? text(node, "to", "delivery.to") : base.to()).validated();
  }

  private static JsonNode object(JsonNode parent, String field, boolean required) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new InvalidScheduleException(field, field + " is required (an object)");
      }
      return null;
    }
    if (!value.isObject()) {
      throw new InvalidScheduleException(field, field + " must be an object");
    }
    return value;
  }

  private static String requiredText(JsonNode node, String field, String path) {
    String value = text(node, field, path);
    if (value == null || value.isBlank()) {
      throw new InvalidScheduleException(path, path + " is required (a non-empty string)");
    }
    return value;
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidScheduleException(path, path + " must be a string");
    }
    return value.asText();
  }

  private static boolean bool(JsonNode node, String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidScheduleException(field, field + " must be true or false");
    }
    return value.asBoolean();
  }

  private static long requiredLong(JsonNode node, String field, String path) {
    Long value = longValue(node, field, path);
    if (value == null) {
      throw new InvalidScheduleException(path, path + " is required (a number of ms)");
    }
    return value;
  }

  private static Long longValue(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new InvalidScheduleException(path, path + " must be a whole number");
    }
    return value.asLong();
  }

  private static Integer intValue(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !value.canConvertToInt()) {
      throw new InvalidScheduleException(path, path + " must be a whole number");
    }
    return value.asInt();
  }
}
