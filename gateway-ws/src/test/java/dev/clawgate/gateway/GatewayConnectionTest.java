package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.AuthRateLimiter;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.Scopes;
import dev.clawgate.auth.SharedSecret;
import dev.clawgate.methods.MethodRegistry;
import dev.clawgate.pairing.InMemoryDeviceStore;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.GatewayError;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection state machine of {@link GatewayConnection}, driven through {@link GatewayCore#newConnection}
 * with a fake transport that records what the gateway sends and whether (and how) it closed the socket.
 */
class GatewayConnectionTest {

  private static final long WAIT_MS = 5_000;
  private static final long SHORT_TICK_MS = 50;
  private static final long LONG_TICK_MS = 60_000;
  private static final int MAX_PAYLOAD = 200_000;
  private static final long MAX_BUFFERED = 10L * 1024 * 1024;

  private final List<GatewayCore> cores = new ArrayList<>();
  private final AtomicInteger typedCalls = new AtomicInteger();
  private MethodRegistry registry;

  /** Params of the test method {@code typed}. */
  record TypedParams(@NotEmpty String text, @Min(1) Integer times) {}

  @AfterEach
  void closeCores() {
    cores.forEach(GatewayCore::close);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Fixtures

  /** Records every frame sent and every close; runs each frame's onDone at once unless told not to. */
  static final class RecordingOutbound implements Outbound {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    final List<String> closeReasons = new CopyOnWriteArrayList<>();
    final List<Runnable> pendingDone = new CopyOnWriteArrayList<>();
    private final boolean completeSends;

    RecordingOutbound(boolean completeSends) {
      this.completeSends = completeSends;
    }

    @Override
    public void sendText(String text, Runnable onDone) {
      sent.add(text);
      if (completeSends) {
        onDone.run();
      } else {
        pendingDone.add(onDone);
      }
    }

    @Override
    public void close(int code, String reason) {
      closeCodes.add(code);
      closeReasons.add(reason);
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1";
    }

    List<JsonNode> frames() {
      return sent.stream().map(GatewayConnectionTest::parse).collect(Collectors.toList());
    }

    List<JsonNode> events(String name) {
      return frames().stream()
          .filter(f -> "event".equals(f.path("type").asText()) && name.equals(f.path("event").asText()))
          .collect(Collectors.toList());
    }

    boolean isClosed() {
      return !closeCodes.isEmpty();
    }

    int sentBytes() {
      return sent.stream().mapToInt(String::length).sum();
    }
  }

  private static JsonNode parse(String text) {
    try {
      return FrameCodec.JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("the gateway sent a frame that is not JSON: " + text, e);
    }
  }

  private GatewayCore core(long tickMs, int maxPayload, long maxBuffered, long handshakeTimeoutMs) {
    registry = new MethodRegistry()
        .register("echo", Scopes.READ, call -> call.reply(Map.of("echo", call.params().node())))
        .register("write.thing", Scopes.WRITE, call -> call.reply(Map.of("written", true)))
        .register("emit", Scopes.READ, call -> {
          int count = call.params().intOrDefault("count", 1, 1, 100);
          for (int i = 0; i < count; i++) {
            call.connection().sendEvent("chat", Map.of("i", i));
          }
          call.reply(Map.of("emitted", count));
        })
        .register("boom", Scopes.READ, call -> {
          throw new GatewayException(GatewayError.invalidRequest("INVALID_PARAMS", "boom refused"));
        })
        .register("typed", Scopes.READ, TypedParams.class, (call, params) -> {
          typedCalls.incrementAndGet();
          call.reply(Map.of("text", params.text(), "times", params.times() == null ? 1 : params.times()));
        });
    GatewaySettings settings = new GatewaySettings("9.9.9-test", new SharedSecret("secret"), tickMs, maxPayload,
        maxBuffered, GatewaySettings.PRE_HANDSHAKE_MAX_BYTES, handshakeTimeoutMs, List.of());
    GatewayCore core = new GatewayCore(settings, registry,
        () -> Map.of("health", Map.of("ok", true), "sessionDefaults", Map.of("defaultAgentId", "main")),
        new DevicePairing(new InMemoryDeviceStore(), Clock.systemUTC()), new AuthRateLimiter(Clock.systemUTC()));
    cores.add(core);
    return core;
  }

  private GatewayCore core() {
    return core(SHORT_TICK_MS, MAX_PAYLOAD, MAX_BUFFERED, GatewaySettings.DEFAULT_HANDSHAKE_TIMEOUT_MS);
  }

  private static String connectFrame(String id, int min, int max, String authJson, List<String> scopes) {
    String scopeList = scopes.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
    return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"connect\",\"params\":{"
        + "\"minProtocol\":" + min + ",\"maxProtocol\":" + max + ","
        + "\"client\":{\"id\":\"cli\",\"version\":\"1\",\"platform\":\"linux\",\"mode\":\"cli\"},"
        + "\"role\":\"operator\",\"scopes\":" + scopeList
        + (authJson == null ? "" : ",\"auth\":" + authJson) + "}}";
  }

  private static String connectFrame(String id, List<String> scopes) {
    return connectFrame(id, 4, 4, "{\"token\":\"secret\"}", scopes);
  }

  private static String request(String id, String method, String paramsJson) {
    return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        fail("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  /** Waits (bounded) for the response with this id. */
  private static JsonNode response(RecordingOutbound out, String id) {
    Predicate<JsonNode> isIt = f -> "res".equals(f.path("type").asText()) && id.equals(f.path("id").asText());
    await("response " + id, () -> out.frames().stream().anyMatch(isIt));
    return out.frames().stream().filter(isIt).findFirst().orElseThrow();
  }

  private static long responses(RecordingOutbound out, String id) {
    return out.frames().stream()
        .filter(f -> "res".equals(f.path("type").asText()) && id.equals(f.path("id").asText())).count();
  }

  private GatewayConnection open(GatewayCore core, RecordingOutbound out) {
    GatewayConnection connection = core.newConnection(out);
    connection.opened();
    return connection;
  }

  /** Opens a connection and completes the handshake with the given scopes. */
  private GatewayConnection connected(GatewayCore core, RecordingOutbound out, List<String> scopes) {
    GatewayConnection connection = open(core, out);
    connection.onText(connectFrame("c1", scopes));
    JsonNode hello = response(out, "c1");
    assertThat(hello.path("ok").asBoolean()).as("connect accepted: %s", hello).isTrue();
    assertThat(connection.isConnected()).isTrue();
    return connection;
  }

  private static void assertRefused(JsonNode response, String code, String detailCode) {
    assertThat(response.path("ok").asBoolean()).isFalse();
    assertThat(response.path("error").path("code").asText()).isEqualTo(code);
    assertThat(response.path("error").path("details").path("code").asText()).isEqualTo(detailCode);
    assertThat(response.path("error").path("message").asText()).isNotBlank();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Handshake

  @Test
  void onOpenSendsAConnectChallengeWithANonEmptyNonceAndATimestamp() {
    RecordingOutbound out = new RecordingOutbound(true);
    long before = System.currentTimeMillis();

    open(core(), out);

    assertThat(out.frames()).hasSize(1);
    JsonNode challenge = out.frames().get(0);
    assertThat(challenge.path("type").asText()).isEqualTo("event");
    assertThat(challenge.path("event").asText()).isEqualTo("connect.challenge");
    assertThat(challenge.path("payload").path("nonce").asText().trim()).isNotEmpty();
    assertThat(challenge.path("payload").path("ts").isIntegralNumber()).isTrue();
    assertThat(challenge.path("payload").path("ts").asLong()).isBetween(before, System.currentTimeMillis());
    assertThat(challenge.path("seq").asLong()).isEqualTo(1L);
    assertThat(out.isClosed()).isFalse();
  }

  @Test
  void eachConnectionGetsItsOwnNonce() {
    GatewayCore core = core();
    RecordingOutbound a = new RecordingOutbound(true);
    RecordingOutbound b = new RecordingOutbound(true);

    open(core, a);
    open(core, b);

    String nonceA = a.events("connect.challenge").get(0).path("payload").path("nonce").asText();
    String nonceB = b.events("connect.challenge").get(0).path("payload").path("nonce").asText();
    assertThat(nonceA).isNotEqualTo(nonceB);
  }

  @Test
  void aFirstFrameOtherThanConnectIsAnsweredConnectRequiredThenClosedWith1008() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);

    connection.onText(request("r1", "health", "{}"));

    assertRefused(response(out, "r1"), "INVALID_REQUEST", "CONNECT_REQUIRED");
    await("close", () -> !out.closeCodes.isEmpty());
    assertThat(out.closeCodes).containsExactly(1008);
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void invalidJsonBeforeConnectClosesWith1008() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);

    connection.onText("{this is not json");

    await("close", () -> !out.closeCodes.isEmpty());

    assertThat(out.closeCodes).containsExactly(1008);
    JsonNode error = out.frames().get(out.frames().size() - 1);
    assertThat(error.path("ok").asBoolean()).isFalse();
    assertThat(error.path("error").path("details").path("code").asText()).isEqualTo("INVALID_FRAME");
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void aConnectWithoutClientInfoIsRefusedInvalidParamsAndClosedWith1008() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);

    connection.onText(request("c1", "connect",
        "{\"minProtocol\":4,\"maxProtocol\":4,\"auth\":{\"token\":\"secret\"}}"));

    JsonNode response = response(out, "c1");
    assertRefused(response, "INVALID_REQUEST", "INVALID_PARAMS");
    assertThat(response.path("error").path("message").asText()).isEqualTo("params.client: is required");
    await("close", () -> !out.closeCodes.isEmpty());
    assertThat(out.closeCodes).containsExactly(1008);
    assertThat(connection.isConnected()).isFalse();
  }

  @Test
  void binaryFrameBeforeConnectClosesWith1008() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);

    connection.onBinary();

    await("close", () -> !out.closeCodes.isEmpty());

    assertThat(out.closeCodes).containsExactly(1008);
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void aProtocolRangeWithout4IsRefusedProtocolMismatchAndClosedWith1002() {
    RecordingOutbound above = new RecordingOutbound(true);
    RecordingOutbound below = new RecordingOutbound(true);
    GatewayCore core = core();

    open(core, above).onText(connectFrame("c1", 5, 6, "{\"token\":\"secret\"}", List.of(Scopes.READ)));
    open(core, below).onText(connectFrame("c1", 1, 3, "{\"token\":\"secret\"}", List.of(Scopes.READ)));

    for (RecordingOutbound out : List.of(above, below)) {
      JsonNode response = response(out, "c1");
      assertRefused(response, "INVALID_REQUEST", "PROTOCOL_MISMATCH");
      assertThat(response.path("error").path("details").path("expectedProtocol").asInt()).isEqualTo(4);
      await("close", () -> !out.closeCodes.isEmpty());
      assertThat(out.closeCodes).containsExactly(1002);
    }
  }

  @Test
  void aProbeRange3To4IsAccepted() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);

    connection.onText(connectFrame("c1", 3, 4, "{\"token\":\"secret\"}", List.of(Scopes.READ)));

    JsonNode response = response(out, "c1");
    assertThat(response.path("ok").asBoolean()).isTrue();
    assertThat(response.path("payload").path("protocol").asInt()).isEqualTo(4);
    assertThat(connection.isConnected()).isTrue();
    assertThat(out.isClosed()).isFalse();
  }

  @Test
  void aMissingTokenIsRefusedAuthTokenMissingAndClosedWith1008() {
    RecordingOutbound noAuth = new RecordingOutbound(true);
    RecordingOutbound emptyToken = new RecordingOutbound(true);
    GatewayCore core = core();

    open(core, noAuth).onText(connectFrame("c1", 4, 4, null, List.of(Scopes.READ)));
    open(core, emptyToken).onText(connectFrame("c1", 4, 4, "{\"token\":\"\"}", List.of(Scopes.READ)));

    for (RecordingOutbound out : List.of(noAuth, emptyToken)) {
      assertRefused(response(out, "c1"), "INVALID_REQUEST", "AUTH_TOKEN_MISSING");
      await("close", () -> !out.closeCodes.isEmpty());
      assertThat(out.closeCodes).containsExactly(1008);
    }
  }

  @Test
  void aWrongTokenIsRefusedAuthTokenMismatchAndClosedWith1008() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);

    connection.onText(connectFrame("c1", 4, 4, "{\"token\":\"secreT\"}", List.of(Scopes.READ)));

    JsonNode response = response(out, "c1");
    assertRefused(response, "INVALID_REQUEST", "AUTH_TOKEN_MISMATCH");
    assertThat(response.toString()).doesNotContain("\"secret\"");
    await("close", () -> !out.closeCodes.isEmpty());
    assertThat(out.closeCodes).containsExactly(1008);
    assertThat(connection.isConnected()).isFalse();
  }

  @Test
  void thePasswordFieldIsAcceptedAsTheSharedSecret() {
    RecordingOutbound right = new RecordingOutbound(true);
    RecordingOutbound wrong = new RecordingOutbound(true);
    GatewayCore core = core();

    GatewayConnection connection = open(core, right);
    connection.onText(connectFrame("c1", 4, 4, "{\"password\":\"secret\"}", List.of(Scopes.READ)));
    open(core, wrong).onText(connectFrame("c1", 4, 4, "{\"password\":\"nope\"}", List.of(Scopes.READ)));

    assertThat(response(right, "c1").path("ok").asBoolean()).isTrue();
    assertThat(connection.isConnected()).isTrue();
    assertRefused(response(wrong, "c1"), "INVALID_REQUEST", "AUTH_TOKEN_MISMATCH");
    await("close", () -> !wrong.closeCodes.isEmpty());
    assertThat(wrong.closeCodes).containsExactly(1008);
  }

  @Test
  void helloOkCarriesTheDocumentedFields() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayCore core = core();
    GatewayConnection connection = open(core, out);

    connection.onText(connectFrame("c1", List.of(Scopes.READ, "operator.bogus")));

    JsonNode response = response(out, "c1");
    assertThat(response.path("type").asText()).isEqualTo("res");
    assertThat(response.path("ok").asBoolean()).isTrue();
    JsonNode hello = response.path("payload");
    assertThat(hello.path("type").asText()).isEqualTo("hello-ok");
    assertThat(hello.path("protocol").asInt()).isEqualTo(4);
    assertThat(hello.path("server").path("version").asText()).isEqualTo("9.9.9-test");
    assertThat(hello.path("server").path("connId").asText()).isEqualTo(connection.connId()).isNotEmpty();

    List<String> methods = new ArrayList<>();
    hello.path("features").path("methods").forEach(m -> methods.add(m.asText()));
    assertThat(methods).containsExactlyElementsOf(registry.names());
    List<String> events = new ArrayList<>();
    hello.path("features").path("events").forEach(e -> events.add(e.asText()));
    assertThat(events).contains("connect.challenge", "tick", "agent", "chat");

    JsonNode snapshot = hello.path("snapshot");
    assertThat(snapshot.path("presence").isArray()).isTrue();
    assertThat(snapshot.path("health").isObject()).isTrue();
    assertThat(snapshot.path("stateVersion").path("presence").isIntegralNumber()).isTrue();
    assertThat(snapshot.path("stateVersion").path("health").isIntegralNumber()).isTrue();
    assertThat(snapshot.path("uptimeMs").isIntegralNumber()).isTrue();
    assertThat(snapshot.path("uptimeMs").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(snapshot.path("sessionDefaults").path("defaultAgentId").asText()).isEqualTo("main");

    assertThat(hello.path("auth").path("role").asText()).isEqualTo("operator");
    List<String> scopes = new ArrayList<>();
    hello.path("auth").path("scopes").forEach(s -> scopes.add(s.asText()));
    assertThat(scopes).containsExactly(Scopes.READ);

    JsonNode policy = hello.path("policy");
    assertThat(policy.path("maxPayload").asLong()).isEqualTo(MAX_PAYLOAD);
    assertThat(policy.path("maxBufferedBytes").asLong()).isEqualTo(MAX_BUFFERED);
    assertThat(policy.path("tickIntervalMs").asLong()).isEqualTo(SHORT_TICK_MS);
    assertThat(core.connectionCount()).isEqualTo(1);
  }

  @Test
  void theHandshakeTimeoutClosesAnIdleUnauthenticatedConnectionWith1008() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection =
        open(core(LONG_TICK_MS, MAX_PAYLOAD, MAX_BUFFERED, 100), out);

    await("handshake timeout close", out::isClosed);

    await("close", () -> !out.closeCodes.isEmpty());

    assertThat(out.closeCodes).containsExactly(1008);
    assertThat(out.closeReasons).containsExactly("handshake timeout");
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void theHandshakeTimeoutDoesNotCloseAConnectionThatConnectedInTime() throws Exception {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(LONG_TICK_MS, MAX_PAYLOAD, MAX_BUFFERED, 100), out,
        List.of(Scopes.READ));

    // The timeout would have fired after 100 ms; a connected connection must survive well past it.
    Thread.sleep(400);

    assertThat(out.isClosed()).isFalse();
    assertThat(connection.isConnected()).isTrue();
  }

  @Test
  void aFrameOver64KiBBeforeConnectClosesWith1009() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);
    String padding = "x".repeat(64 * 1024);

    connection.onText(connectFrame("c1", 4, 4, "{\"token\":\"secret\",\"pad\":\"" + padding + "\"}",
        List.of(Scopes.READ)));

    await("close", () -> !out.closeCodes.isEmpty());

    assertThat(out.closeCodes).containsExactly(1009);
    assertThat(responses(out, "c1")).isZero();
    assertThat(connection.isConnected()).isFalse();
  }

  @Test
  void thePreConnectLimitCountsUtf8BytesNotCharacters() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = open(core(), out);
    // 40,000 two-byte characters: under 64 Ki characters, over 64 KiB.
    String padding = "\u00e9".repeat(40_000);

    connection.onText(connectFrame("c1", 4, 4, "{\"token\":\"secret\",\"pad\":\"" + padding + "\"}",
        List.of(Scopes.READ)));

    await("close", () -> !out.closeCodes.isEmpty());

    assertThat(out.closeCodes).containsExactly(1009);
  }

  @Test
  void afterConnectFramesOver64KiBButWithinMaxPayloadAreAccepted() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));
    String padding = "y".repeat(100_000);

    connection.onText(request("e1", "echo", "{\"pad\":\"" + padding + "\"}"));

    JsonNode response = response(out, "e1");
    assertThat(response.path("ok").asBoolean()).isTrue();
    assertThat(response.path("payload").path("echo").path("pad").asText()).hasSize(100_000);
    assertThat(out.isClosed()).isFalse();
  }

  @Test
  void aFrameOverMaxPayloadAfterConnectClosesWith1009() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));
    String padding = "z".repeat(MAX_PAYLOAD);

    connection.onText(request("e1", "echo", "{\"pad\":\"" + padding + "\"}"));

    await("close", () -> !out.closeCodes.isEmpty());

    assertThat(out.closeCodes).containsExactly(1009);
    assertThat(responses(out, "e1")).isZero();
    assertThat(connection.isOpen()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------------------
  // After the handshake

  @Test
  void anUnknownMethodIsAnsweredInvalidRequestAndTheConnectionStaysOpen() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.ADMIN));

    connection.onText(request("u1", "no.such.method", "{}"));

    JsonNode response = response(out, "u1");
    assertThat(response.path("ok").asBoolean()).isFalse();
    assertThat(response.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(response.path("error").path("message").asText()).isEqualTo("unknown method: no.such.method");
    assertThat(out.isClosed()).isFalse();

    connection.onText(request("e1", "echo", "{\"v\":42}"));

    JsonNode echo = response(out, "e1");
    assertThat(echo.path("ok").asBoolean()).isTrue();
    assertThat(echo.path("payload").path("echo").path("v").asInt()).isEqualTo(42);
    assertThat(out.isClosed()).isFalse();
  }

  @Test
  void aWriteMethodCalledWithReadScopeIsForbiddenWithMissingScope() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));

    connection.onText(request("w1", "write.thing", "{}"));

    JsonNode response = response(out, "w1");
    assertThat(response.path("ok").asBoolean()).isFalse();
    assertThat(response.path("error").path("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(response.path("error").path("details").path("code").asText()).isEqualTo("MISSING_SCOPE");
    assertThat(response.path("error").path("details").path("missingScope").asText()).isEqualTo(Scopes.WRITE);
    assertThat(out.isClosed()).isFalse();
    assertThat(connection.isConnected()).isTrue();
  }

  @Test
  void aWriteMethodCalledWithWriteScopeRuns() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.WRITE));

    connection.onText(request("w1", "write.thing", "{}"));
    connection.onText(request("e1", "echo", "{}"));

    assertThat(response(out, "w1").path("payload").path("written").asBoolean()).isTrue();
    assertThat(response(out, "e1").path("ok").asBoolean()).as("write implies read").isTrue();
  }

  @Test
  void aGatewayExceptionFromAHandlerAnswersWithItsErrorAndKeepsTheConnection() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));

    connection.onText(request("b1", "boom", "{}"));

    JsonNode response = response(out, "b1");
    assertThat(response.path("ok").asBoolean()).isFalse();
    assertThat(response.path("error").path("message").asText()).isEqualTo("boom refused");
    assertThat(out.isClosed()).isFalse();
  }

  @Test
  void paramsThatViolateTheSchemaAreRefusedBeforeTheHandlerRunsAndTheConnectionStaysOpen() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));

    connection.onText(request("t1", "typed", "{\"times\":\"twice\"}"));

    JsonNode response = response(out, "t1");
    assertRefused(response, "INVALID_REQUEST", "INVALID_PARAMS");
    assertThat(response.path("error").path("message").asText()).isEqualTo("params.text: is required (and 1 more)");
    assertThat(response.path("error").path("details").path("errors").path(1).path("path").asText())
        .isEqualTo("params.times");
    assertThat(typedCalls.get()).as("the handler never ran").isZero();
    assertThat(out.isClosed()).isFalse();
    assertThat(connection.isConnected()).isTrue();
  }

  @Test
  void paramsThatFitTheSchemaReachTheHandlerBound() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));

    connection.onText(request("t2", "typed", "{\"text\":\"hi\",\"times\":3,\"extra\":true}"));

    JsonNode response = response(out, "t2");
    assertThat(response.path("ok").asBoolean()).isTrue();
    assertThat(response.path("payload").path("text").asText()).isEqualTo("hi");
    assertThat(response.path("payload").path("times").asInt()).isEqualTo(3);
    assertThat(typedCalls.get()).isEqualTo(1);
  }

  @Test
  void aSecondConnectIsAnsweredWithAnErrorAndTheConnectionStaysOpen() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));

    connection.onText(connectFrame("c2", List.of(Scopes.ADMIN)));

    JsonNode response = response(out, "c2");
    assertThat(response.path("ok").asBoolean()).isFalse();
    assertThat(response.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(out.isClosed()).isFalse();
    assertThat(connection.isConnected()).isTrue();
    assertThat(connection.scopes()).as("a second connect must not change the scopes").containsExactly(Scopes.READ);
  }

  @Test
  void anInvalidFrameAfterConnectIsAnsweredAndTheConnectionStaysOpen() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));

    connection.onText("{\"type\":\"req\",\"id\":\"p1\",\"method\":\"echo\",\"params\":[1]}");

    JsonNode response = response(out, "p1");
    assertThat(response.path("ok").asBoolean()).isFalse();
    assertThat(response.path("error").path("details").path("code").asText()).isEqualTo("INVALID_FRAME");
    assertThat(out.isClosed()).isFalse();
  }

  @Test
  void aBinaryFrameAfterConnectIsAnsweredWithAnErrorAndTheConnectionStaysOpen() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));
    int before = out.sent.size();

    connection.onBinary();

    assertThat(out.sent.size()).isEqualTo(before + 1);
    JsonNode error = parse(out.sent.get(before));
    assertThat(error.path("type").asText()).isEqualTo("res");
    assertThat(error.path("ok").asBoolean()).isFalse();
    assertThat(error.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(out.isClosed()).isFalse();
    assertThat(connection.isConnected()).isTrue();
  }

  @Test
  void eventSeqNumbersIncreasePerConnection() {
    GatewayCore core = core(LONG_TICK_MS, MAX_PAYLOAD, MAX_BUFFERED, GatewaySettings.DEFAULT_HANDSHAKE_TIMEOUT_MS);
    RecordingOutbound a = new RecordingOutbound(true);
    RecordingOutbound b = new RecordingOutbound(true);
    GatewayConnection first = connected(core, a, List.of(Scopes.READ));
    GatewayConnection second = connected(core, b, List.of(Scopes.READ));

    first.onText(request("e1", "emit", "{\"count\":5}"));
    response(a, "e1");
    second.onText(request("e1", "emit", "{\"count\":2}"));
    response(b, "e1");

    List<Long> seqA = a.frames().stream().filter(f -> "event".equals(f.path("type").asText()))
        .map(f -> f.path("seq").asLong()).collect(Collectors.toList());
    List<Long> seqB = b.frames().stream().filter(f -> "event".equals(f.path("type").asText()))
        .map(f -> f.path("seq").asLong()).collect(Collectors.toList());
    // Besides the challenge and the emitted events, presence events (a connection arriving) are numbered too.
    assertThat(seqA).hasSizeGreaterThanOrEqualTo(6).isEqualTo(
        java.util.stream.LongStream.rangeClosed(1, seqA.size()).boxed().collect(Collectors.toList()));
    assertThat(seqB).as("numbered independently of the other connection").hasSizeGreaterThanOrEqualTo(3).isEqualTo(
        java.util.stream.LongStream.rangeClosed(1, seqB.size()).boxed().collect(Collectors.toList()));
  }

  @Test
  void tickEventsArriveAtTheConfiguredInterval() {
    RecordingOutbound out = new RecordingOutbound(true);
    connected(core(), out, List.of(Scopes.READ));
    long start = System.currentTimeMillis();

    await("five tick events", () -> out.events("tick").size() >= 5);
    long elapsed = System.currentTimeMillis() - start;

    List<JsonNode> ticks = out.events("tick");
    List<Long> ts = ticks.stream().map(t -> t.path("payload").path("ts").asLong()).collect(Collectors.toList());
    assertThat(ts).isSorted().allSatisfy(t -> assertThat(t).isPositive());
    // Five ticks at 50 ms take roughly 200-250 ms; far less would mean they are not spaced, far more that the
    // interval is ignored (the default would be 30 s).
    assertThat(elapsed).isLessThan(WAIT_MS);
    double meanSpacing = (ts.get(4) - ts.get(0)) / 4.0;
    assertThat(meanSpacing).isBetween(SHORT_TICK_MS / 2.0, SHORT_TICK_MS * 10.0);
    List<Long> seqs = ticks.stream().map(t -> t.path("seq").asLong()).collect(Collectors.toList());
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void noTickEventsReachAConnectionBeforeItConnects() {
    GatewayCore core = core();
    RecordingOutbound idle = new RecordingOutbound(true);
    RecordingOutbound live = new RecordingOutbound(true);
    open(core, idle);
    connected(core, live, List.of(Scopes.READ));

    await("ticks on the connected connection", () -> live.events("tick").size() >= 3);

    assertThat(idle.events("tick")).isEmpty();
  }

  @Test
  void sendingMoreThanTheOutboundBufferBoundClosesWith1013() {
    long bound = 4_000;
    GatewayCore core = core(LONG_TICK_MS, MAX_PAYLOAD, bound, GatewaySettings.DEFAULT_HANDSHAKE_TIMEOUT_MS);
    RecordingOutbound out = new RecordingOutbound(false); // the client never reads: onDone never runs
    GatewayConnection connection = connected(core, out, List.of(Scopes.READ));
    String padding = "p".repeat(500);

    int requests = 0;
    while (!out.isClosed() && requests < 100) {
      String id = "e" + requests++;
      connection.onText(request(id, "echo", "{\"pad\":\"" + padding + "\"}"));
      await("answer or close for " + id, () -> responses(out, id) > 0 || out.isClosed());
    }

    await("close", () -> !out.closeCodes.isEmpty());

    assertThat(out.closeCodes).containsExactly(1013);
    assertThat(requests).as("some echoes went out before the bound was passed").isGreaterThan(1);
    assertThat(out.sentBytes()).as("nothing past the bound was handed to the transport")
        .isLessThanOrEqualTo((int) bound);
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void completedSendsFreeTheOutboundBuffer() {
    long bound = 4_000;
    GatewayCore core = core(LONG_TICK_MS, MAX_PAYLOAD, bound, GatewaySettings.DEFAULT_HANDSHAKE_TIMEOUT_MS);
    RecordingOutbound out = new RecordingOutbound(true); // every send completes at once
    GatewayConnection connection = connected(core, out, List.of(Scopes.READ));
    String padding = "p".repeat(500);

    for (int i = 0; i < 30; i++) {
      String id = "e" + i;
      connection.onText(request(id, "echo", "{\"pad\":\"" + padding + "\"}"));
      assertThat(response(out, id).path("ok").asBoolean()).isTrue();
    }

    assertThat(out.sentBytes()).isGreaterThan((int) bound);
    assertThat(out.isClosed()).isFalse();
  }

  @Test
  void nothingIsSentAfterTheConnectionClosed() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayConnection connection = connected(core(), out, List.of(Scopes.READ));
    connection.closed();
    int before = out.sent.size();

    connection.onText(request("e1", "echo", "{}"));
    connection.sendEvent("chat", Map.of());

    assertThat(out.sent).hasSize(before);
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void closeCleanupsRunWhenTheTransportReportsTheClose() {
    RecordingOutbound out = new RecordingOutbound(true);
    GatewayCore core = core();
    GatewayConnection connection = connected(core, out, List.of(Scopes.READ));
    AtomicInteger cleaned = new AtomicInteger();
    connection.onClose(cleaned::incrementAndGet);

    connection.closed();

    assertThat(cleaned.get()).isEqualTo(1);
    assertThat(core.connectionCount()).isZero();
  }
}
