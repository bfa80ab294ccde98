package dev.clawgate.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.methods.RunWaiter;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.schedule.SystemEventText;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.InvalidSessionKeyException;
import dev.clawgate.session.QueueMode;
import dev.clawgate.session.RunOutcome;
import dev.clawgate.session.RunState;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SubmitResult;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the webhook endpoints do, independent of HTTP servers: checks that need no body
 * ({@link #refuseBeforeBody}), then {@link #handle} with the body read within the limit.
 *
 * <p>A hook's run id is its {@code Idempotency-Key} when given: the session dedupes run ids, so a retried
 * request starts no second run and is answered with the first run's state (or outcome).
 */
public final class HookService {

  static final String PATH = "/hooks";
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);
  static final Duration MAX_WAIT = Duration.ofMinutes(10);
  private static final Duration RECORD_WAIT = Duration.ofSeconds(5);
  static final String DEFAULT_AGENT_SESSION = "hook:agent";
  private static final int MAX_IDEMPOTENCY_KEY = 200;
  private static final Logger LOG = LoggerFactory.getLogger(HookService.class);

  private final HooksConfig config;
  private final SessionClient sessions;
  private final AgentCatalog agents;
  private final RunWaiter waiter;
  private final RateLimiter limiter;
  private final LongSupplier clock;

  public HookService(HooksConfig config, SessionClient sessions, AgentCatalog agents, RunWaiter waiter) {
    this(config, sessions, agents, waiter, System::nanoTime, System::currentTimeMillis);
  }

  HookService(HooksConfig config, SessionClient sessions, AgentCatalog agents, RunWaiter waiter,
      LongSupplier nanoClock, LongSupplier clock) {
    this.config = config;
    this.sessions = sessions;
    this.agents = agents;
    this.waiter = waiter;
    this.limiter = new RateLimiter(config.ratePerMinute(), config.burst(), nanoClock);
    this.clock = clock;
  }

  public static boolean isHookPath(String path) {
    return path != null && (path.equals(PATH) || path.startsWith(PATH + "/"));
  }

  public int maxBodyBytes() {
    return config.maxBodyBytes();
  }

  /** The refusals decided before reading the body; empty means: read it (within the limit) and call handle. */
  public Optional<HookResponse> refuseBeforeBody(HookRequest request) {
    if (!config.enabled()) {
      return Optional.of(HookResponse.error(404, "not_found",
          "webhooks are off: no hooks token is set (CLAWGATE_HOOKS_TOKEN; self-hosted also hooks.token in "
              + "clawgate.json, on AWS the hooks token secret)"));
    }
    if (tokenInQuery(request.rawQuery())) {
      return Optional.of(HookResponse.error(400, "token_in_query", "a token in the URL is refused (URLs end up in "
          + "logs): send it as 'Authorization: Bearer <hooks token>' or in the x-clawgate-token header"));
    }
    if (!"POST".equals(request.method())) {
      return Optional.of(HookResponse.error(405, "method_not_allowed", "webhooks accept POST only"));
    }
    if (!limiter.tryAcquire(request.remoteAddress())) {
      return Optional.of(HookResponse.error(429, "rate_limited", "too many requests from this address; slow down"));
    }
    String token = presentedToken(request);
    if (token == null) {
      return Optional.of(HookResponse.error(401, "unauthorized",
          "missing hook token: send 'Authorization: Bearer <hooks token>' or x-clawgate-token"));
    }
    if (!config.token().matches(token)) {
      return Optional.of(HookResponse.error(401, "unauthorized", "wrong hook token"));
    }
    if (!isJson(request.contentType())) {
      return Optional.of(HookResponse.error(415, "unsupported_media_type",
          "send the body as JSON with Content-Type: application/json"));
    }
    if (route(request.path()) == null) {
      return Optional.of(HookResponse.error(404, "not_found", "no hook at " + request.path()
          + " (built in: /hooks/wake, /hooks/agent; named hooks come from hooks.mappings)"));
    }
    return Optional.empty();
  }

  /**
   * Answers a request that passed {@link #refuseBeforeBody} (the transport calls that first, once: it takes a
   * rate-limit token). Never fails: bad input is a 4xx, a Temporal that cannot be reached a 503.
   */
  public CompletableFuture<HookResponse> handle(HookRequest request, byte[] body) {
    Route route = route(request.path());
    if (route == null) {
      return CompletableFuture.completedFuture(HookResponse.error(404, "not_found", "no hook at " + request.path()));
    }
    try {
      JsonNode json = parse(body);
      String runId = runId(request.idempotencyKey());
      switch (route.kind) {
        case WAKE:
          return CompletableFuture.completedFuture(wake(json, runId));
        case AGENT:
          return agent(json, runId);
        default:
          return mapped(route.mapping, json, runId);
      }
    } catch (HookInputException e) {
      return CompletableFuture.completedFuture(HookResponse.error(400, "invalid_request", e.getMessage(), e.field()));
    } catch (InvalidSessionKeyException e) {
      return CompletableFuture.completedFuture(HookResponse.error(400, "invalid_request", e.getMessage(),
          "sessionKey"));
    } catch (RuntimeException e) {
      LOG.warn("webhook {} could not be queued", request.path(), e);
      return CompletableFuture.completedFuture(HookResponse.error(503, "unavailable",
          "the run could not be queued now (" + e.getClass().getSimpleName() + "); retry with the same "
              + "Idempotency-Key"));
    }
  }

  private HookResponse wake(JsonNode json, String runId) {
    String text = requiredText(json, "text");
    String mode = optionalText(json, "mode");
    if (mode != null && !"now".equals(mode) && !"next-heartbeat".equals(mode)) {
      throw new HookInputException("mode", "mode must be now or next-heartbeat");
    }
    return queueWake(agentId(optionalText(json, "agentId")), text, runId, mode == null ? "now" : mode);
  }

  /**
   * The text goes in as a system-event turn of its own, with the run id from {@code Idempotency-Key}: unlike a
   * heartbeat wake (which coalesces with a pending heartbeat), it is never dropped nor doubled. Both modes
   * queue it now; see docs/webhooks.md.
   */
  private HookResponse queueWake(String agentId, String text, String runId, String mode) {
    SessionKey key = SessionKey.main(agentId, agents.mainKey());
    SubmitResult submitted = sessions.submit(InboundMessage.message(runId, key, SystemEventText.of("webhook", text),
        "hook", clock.getAsLong()).withQueueMode(QueueMode.FOLLOWUP));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("runId", runId);
    fields.put("sessionKey", key.value());
    fields.put("mode", mode);
    fields.put("eventOutcome", submitted.status() == SubmitResult.Status.ACCEPTED ? "queued" : "duplicate");
    return HookResponse.ok(fields);
  }

  private CompletableFuture<HookResponse> agent(JsonNode json, String runId) {
    String message = requiredText(json, "message");
    String agentId = agentId(optionalText(json, "agentId"));
    SessionKey key = sessionKey(optionalText(json, "sessionKey"), agentId, "sessionKey");
    // Accepted for OpenClaw callers, not acted on yet: there are no channels to deliver to, and a session
    // runs its agent's model (docs/webhooks.md). Still checked, so a wrong type is a 400, not silence.
    for (String field : new String[] {"channel", "to", "model", "name"}) {
      optionalText(json, field);
    }
    optionalBoolean(json, "deliver");
    boolean wait = optionalBoolean(json, "waitForCompletion");
    Duration waitFor = waitLimit(json);
    return submitTurn(key, message, runId, wait, waitFor);
  }

  private CompletableFuture<HookResponse> mapped(HookMapping mapping, JsonNode json, String runId) {
    String text = HookTemplate.render(mapping.messageTemplate(), json);
    if (text.isBlank()) {
      throw new HookInputException("body", "the hook '" + mapping.name() + "' made an empty message from this body");
    }
    String agentId = agentId(mapping.agentId());
    if (HookMapping.WAKE.equals(mapping.effectiveAction())) {
      return CompletableFuture.completedFuture(queueWake(agentId, text, runId, "now"));
    }
    SessionKey key = sessionKey(HookTemplate.render(mapping.effectiveSessionKey(), json), agentId, "sessionKey");
    return submitTurn(key, text, runId, false, DEFAULT_WAIT);
  }

  private CompletableFuture<HookResponse> submitTurn(SessionKey key, String message, String runId, boolean wait,
      Duration waitFor) {
    SubmitResult submitted = sessions.submit(InboundMessage.message(runId, key, message, "hook", clock.getAsLong())
        .withQueueMode(QueueMode.FOLLOWUP));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("runId", runId);
    fields.put("sessionKey", key.value());
    fields.put("status", submitted.status().name().toLowerCase(Locale.ROOT));
    if (submitted.status() != SubmitResult.Status.ACCEPTED) {
      fields.put("duplicate", true);
    }
    if (submitted.status() == SubmitResult.Status.DONE) {
      fields.put("completion", completion(submitted.outcome()));
      return CompletableFuture.completedFuture(HookResponse.ok(fields));
    }
    if (!wait) {
      return CompletableFuture.completedFuture(HookResponse.ok(fields));
    }
    return waiter.outcome(key, runId, waitFor).thenApplyAsync(seen -> {
      RunOutcome outcome = seen == null ? null : recorded(key, runId, seen);
      if (outcome == null) {
        fields.put("completion", Map.of("status", "timeout", "error",
            "no result within " + waitFor.toSeconds() + " s; the run goes on"));
      } else {
        fields.put("status", "done");
        fields.put("completion", completion(outcome));
      }
      return HookResponse.ok(fields);
    });
  }

  /**
   * The outcome as the session recorded it, which a repeat of the same key is answered with. The run's end
   * event can come a moment before the session has recorded it (and its times differ by that moment).
   */
  private RunOutcome recorded(SessionKey key, String runId, RunOutcome seen) {
    long deadline = System.nanoTime() + RECORD_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      RunState state = sessions.runState(key, runId);
      if (state.isDone()) {
        return state.outcome();
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return seen;
  }

  private static Map<String, Object> completion(RunOutcome outcome) {
    Map<String, Object> completion = new LinkedHashMap<>();
    completion.put("status", outcome.status());
    if (outcome.ok()) {
      completion.put("text", outcome.text());
    } else {
      completion.put("error", outcome.error());
    }
    completion.put("durationMs", outcome.durationMs());
    return completion;
  }

  /**
   * The session of an agent hook turn: {@code agent:<agentId>:<key>}, where the caller's or template's key
   * must start with an allowed prefix (so a webhook can never write into a chat's session).
   */
  private SessionKey sessionKey(String raw, String agentId, String field) {
    String key = raw == null || raw.isBlank() ? DEFAULT_AGENT_SESSION : raw.trim();
    String rest = key;
    if (key.startsWith("agent:")) {
      SessionKey parsed = new SessionKey(key);
      if (!parsed.agentId().equals(agentId)) {
        throw new HookInputException(field, field + " belongs to agent " + parsed.agentId() + ", not " + agentId);
      }
      rest = key.substring(("agent:" + agentId + ":").length());
    }
    String inner = rest;
    if (config.allowedSessionKeyPrefixes().stream().noneMatch(inner::startsWith)) {
      throw new HookInputException(field, field + " must start with one of " + config.allowedSessionKeyPrefixes()
          + " (hooks.allowedSessionKeyPrefixes), got '" + abbreviate(inner) + "'");
    }
    return new SessionKey("agent:" + agentId + ":" + inner);
  }

  private String agentId(String agentId) {
    if (agentId == null || agentId.isBlank()) {
      return agents.defaultId();
    }
    if (agents.find(agentId).isEmpty()) {
      throw new HookInputException("agentId", "unknown agent: " + abbreviate(agentId));
    }
    return agentId;
  }

  private Duration waitLimit(JsonNode json) {
    JsonNode value = json.get("timeoutSeconds");
    if (value == null || value.isNull()) {
      return DEFAULT_WAIT;
    }
    if (!value.isNumber() || value.asDouble() < 0) {
      throw new HookInputException("timeoutSeconds", "timeoutSeconds must be a number ≥ 0");
    }
    Duration asked = Duration.ofMillis((long) (value.asDouble() * 1000));
    return asked.isZero() || asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
  }

  private static String runId(String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isEmpty()) {
      return "hook:" + UUID.randomUUID();
    }
    if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY || idempotencyKey.isBlank()
        || idempotencyKey.chars().anyMatch(Character::isISOControl)) {
      throw new HookInputException("Idempotency-Key", "the Idempotency-Key header must be 1.." + MAX_IDEMPOTENCY_KEY
          + " printable characters");
    }
    return idempotencyKey;
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new HookInputException("body", "the body is empty; send a JSON object");
    }
    JsonNode json;
    try {
      json = FrameCodec.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HookInputException("body", "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new HookInputException("body", "the body could not be read as JSON");
    }
    if (json == null || !json.isObject()) {
      throw new HookInputException("body", "the body must be a JSON object");
    }
    return json;
  }

  private static String requiredText(JsonNode json, String field) {
    String value = optionalText(json, field);
    if (value == null || value.isBlank()) {
      throw new HookInputException(field, field + " is required (a non-empty string)");
    }
    return value;
  }

  private static String optionalText(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new HookInputException(field, field + " must be a string");
    }
    return value.asText();
  }

  private static boolean optionalBoolean(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new HookInputException(field, field + " must be true or false");
    }
    return value.asBoolean();
  }

  private String presentedToken(HookRequest request) {
    String authorization = request.authorization();
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).trim();
      if (!token.isEmpty()) {
        return token;
      }
    }
    String header = request.tokenHeader();
    return header == null || header.isBlank() ? null : header.trim();
  }

  private static boolean tokenInQuery(String query) {
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (name.equals("token") || name.equals("access_token") || name.equals("hooks_token")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private Route route(String path) {
    if (path == null || !path.startsWith(PATH + "/")) {
      return null;
    }
    String name = path.substring(PATH.length() + 1);
    if (name.equals("wake")) {
      return new Route(Kind.WAKE, null);
    }
    if (name.equals("agent")) {
      return new Route(Kind.AGENT, null);
    }
    for (HookMapping mapping : config.mappings()) {
      if (mapping.name().equals(name)) {
        return new Route(Kind.MAPPED, mapping);
      }
    }
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }

  private enum Kind { WAKE, AGENT, MAPPED }

  private record Route(Kind kind, HookMapping mapping) {}
}
