package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.gateway.GatewaySettings;
import dev.clawgate.protocol.FrameCodec;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random and malformed frames against a live gateway, over real WebSockets, from several connections
 * at once: bad JSON, wrong envelope types, unknown methods, known methods with params of the wrong type, deep
 * nesting, binary frames, random text, frames just under and just over the size limits (before and after
 * connect), and refused handshakes. Every frame must be answered with a documented error code or end with a
 * documented close code; the gateway must stay up; and a well-behaved client connected beside the fuzzers must
 * keep getting correct answers (health, agent turns) throughout.
 *
 * <p>Seeded: a failure names the seed; {@code -Dclawgate.fuzz.seed=N} replays it. Bounded in time.
 */
class ProtocolFuzzTest {

  private static final long SEED = Long.getLong("clawgate.fuzz.seed", 20261124L);
  private static final int FUZZERS = 4;
  private static final int FRAMES_PER_FUZZER = 1_000;
  private static final Duration FUZZ_BUDGET = Duration.ofSeconds(45);
  private static final long ANSWER_TIMEOUT_MS = 15_000;
  /** Small enough that frames just over it are cheap to send, large enough to be realistic. */
  private static final int MAX_PAYLOAD = 256 * 1024;
  private static final int PRE_CONNECT_LIMIT = GatewaySettings.PRE_HANDSHAKE_MAX_BYTES;
  /** Jetty refuses binary messages above this before the gateway sees them (close 1009). */
  private static final int BINARY_LIMIT = 64 * 1024;

  /** The error codes and {@code details.code}s docs/protocol.md lists for bad input. */
  private static final Set<String> DOCUMENTED_ERROR_CODES = Set.of("INVALID_REQUEST", "FORBIDDEN");
  private static final Set<String> DOCUMENTED_DETAIL_CODES = Set.of("INVALID_FRAME", "UNKNOWN_METHOD",
      "INVALID_PARAMS", "CONNECT_REQUIRED", "MISSING_SCOPE", "PROTOCOL_MISMATCH", "AUTH_TOKEN_MISSING",
      "AUTH_TOKEN_MISMATCH", "UNKNOWN_AGENT", "INVALID_REQUEST");
  private static final Set<Integer> DOCUMENTED_CLOSE_CODES = Set.of(1002, 1008, 1009);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir
  static Path stateDir;

  private static TestGateway gateway;

  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final LongAdder framesSent = new LongAdder();
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(stateDir.resolve(SettingsLoader.CONFIG_FILE),
        "{\"gateway\":{\"maxPayload\":" + MAX_PAYLOAD + "}}");
    gateway = TestGateway.start(stateDir);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void malformedFramesGetDocumentedAnswersOrClosesWhileAWellBehavedClientIsUnaffected() throws Exception {
    URI url = gateway.gateway.url();
    AtomicBoolean fuzzing = new AtomicBoolean(true);
    AtomicInteger healthChecks = new AtomicInteger();
    AtomicInteger agentTurns = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(FUZZERS + 1);
    try (GatewayClient steady = gateway.connect()) {
      List<Long> eventSeqs = new ArrayList<>();
      steady.onEvent(event -> {
        synchronized (eventSeqs) {
          eventSeqs.add(event.path("seq").asLong());
        }
      });
      agentTurn(steady, "steady warm-up");
      Future<?> steadyWork = threads.submit(() -> {
        int i = 0;
        while (fuzzing.get()) {
          JsonNode health = steady.call("health", Map.of()).get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
          check(health.path("ok").asBoolean(), "steady client: health answered " + health);
          healthChecks.incrementAndGet();
          if (i++ % 15 == 0) {
            agentTurn(steady, "steady " + i);
            agentTurns.incrementAndGet();
          }
        }
        return null;
      });

      long deadline = System.nanoTime() + FUZZ_BUDGET.toNanos();
      List<Future<?>> fuzzers = new ArrayList<>();
      for (int f = 0; f < FUZZERS; f++) {
        long seed = SEED + f;
        fuzzers.add(threads.submit(() -> {
          fuzz(url, new Random(seed), deadline);
          return null;
        }));
      }
      for (Future<?> fuzzer : fuzzers) {
        fuzzer.get(FUZZ_BUDGET.toSeconds() + 60, TimeUnit.SECONDS);
      }
      fuzzing.set(false);
      steadyWork.get(60, TimeUnit.SECONDS);

      synchronized (eventSeqs) {
        for (int i = 1; i < eventSeqs.size(); i++) {
          check(eventSeqs.get(i) == eventSeqs.get(i - 1) + 1,
              "steady client: event seq " + eventSeqs.get(i) + " after " + eventSeqs.get(i - 1));
        }
      }
    } finally {
      fuzzing.set(false);
      threads.shutdownNow();
    }

    System.out.printf("protocol fuzz (seed %d): %d frames, %d health checks and %d agent turns beside them; %s%n",
        SEED, framesSent.sum(), healthChecks.get(), agentTurns.get(), new TreeMap<>(outcomes));
    assertThat(failures.stream().limit(20).toList())
        .as("%d findings with seed %d (replay with -Dclawgate.fuzz.seed=%d); the first 20", failures.size(), SEED, SEED)
        .isEmpty();
    assertThat(framesSent.sum()).as("frames fuzzed within %s", FUZZ_BUDGET).isGreaterThanOrEqualTo(2_000);
    assertThat(healthChecks.get()).isGreaterThan(10);
    assertThat(agentTurns.get()).isGreaterThanOrEqualTo(2);
    try (GatewayClient after = gateway.connect()) {
      assertThat(after.call("health", Map.of()).get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS).path("ok").asBoolean())
          .as("the gateway is still up").isTrue();
    }
  }

  private void agentTurn(GatewayClient client, String message) throws Exception {
    JsonNode done = client.callExpectFinal("agent", Map.of("message", message,
        "idempotencyKey", GatewayClient.newIdempotencyKey(), "sessionKey", "fuzz-steady"), null)
        .get(60, TimeUnit.SECONDS);
    check("ok".equals(done.path("status").asText()) && ("echo: " + message).equals(TestGateway.finalText(done)),
        "steady client: agent turn '" + message + "' ended " + done);
  }

  // ---------------------------------------------------------------------------------------------------------
  // One fuzzing connection after another

  private void fuzz(URI url, Random random, long deadline) {
    int sent = 0;
    while (sent < FRAMES_PER_FUZZER && System.nanoTime() < deadline) {
      try (RawConnection connection = new RawConnection(GatewayClient.open(url))) {
        boolean connected;
        if (random.nextInt(4) == 0) {
          Probe probe = preConnectProbe(random);
          sent++;
          connected = judge(probe, connection.exchange(probe), true);
        } else {
          connected = connection.handshake();
          check(connected, "a valid connect was refused");
        }
        while (connected && sent < FRAMES_PER_FUZZER && System.nanoTime() < deadline) {
          Probe probe = connectedProbe(random);
          sent++;
          connected = judge(probe, connection.exchange(probe), false);
        }
      } catch (Exception e) {
        failures.add("fuzzer error: " + e);
        return;
      }
    }
  }

  /** Checks an outcome against the probe's expectation; true when the connection is still connected. */
  private boolean judge(Probe probe, Outcome outcome, boolean beforeConnect) {
    framesSent.increment();
    String what = (beforeConnect ? "before connect, " : "") + probe.label() + " " + probe.snippet();
    JsonNode response = outcome.response();
    if (response != null && !response.path("ok").asBoolean(true)) {
      JsonNode error = response.path("error");
      check(DOCUMENTED_ERROR_CODES.contains(error.path("code").asText())
          && DOCUMENTED_DETAIL_CODES.contains(error.path("details").path("code").asText()),
          what + ": undocumented error " + error);
      if (probe.detailCode() != null) {
        check(probe.detailCode().equals(error.path("details").path("code").asText()),
            what + ": expected details.code " + probe.detailCode() + ", got " + error);
      }
    }
    if (outcome.closeCode() != null) {
      count("close " + outcome.closeCode());
      check(DOCUMENTED_CLOSE_CODES.contains(outcome.closeCode()), what + ": undocumented close " + outcome);
      check(probe.expect() == Expect.CLOSE, what + ": unexpected close " + outcome);
      if (probe.closeCode() != null) {
        check(probe.closeCode().equals(outcome.closeCode()),
            what + ": expected close " + probe.closeCode() + ", got " + outcome);
      }
      check(response == null || !response.path("ok").asBoolean(), what + ": closed after a success " + outcome);
      return false;
    }
    switch (probe.expect()) {
      case CLOSE:
        failures.add(what + ": expected close " + probe.closeCode() + ", got " + outcome);
        return false;
      case ERROR:
        count("error " + (response == null ? "none" : response.path("error").path("details").path("code").asText()));
        check(response != null && !response.path("ok").asBoolean(), what + ": expected an error, got " + outcome);
        return !beforeConnect;
      case SUCCESS:
        count("success");
        check(response != null && response.path("ok").asBoolean(), what + ": expected success, got " + outcome);
        return true;
      default:
        count(response == null ? "no answer" : response.path("ok").asBoolean() ? "success" : "error "
            + response.path("error").path("details").path("code").asText());
        check(response != null, what + ": no answer " + outcome);
        return !beforeConnect || response != null && response.path("ok").asBoolean();
    }
  }

  private void check(boolean condition, String finding) {
    if (!condition) {
      failures.add(finding);
    }
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Probes

  /** What a probe must lead to. ANSWER: success or a documented error, the connection staying open. */
  private enum Expect { ERROR, SUCCESS, ANSWER, CLOSE }

  private record Probe(String label, Expect expect, String detailCode, Integer closeCode, String text,
      byte[] binary) {

    static Probe of(String label, Expect expect, String detailCode, Integer closeCode, String text) {
      return new Probe(label, expect, detailCode, closeCode, text, null);
    }

    String snippet() {
      if (binary != null) {
        return "<" + binary.length + " binary bytes>";
      }
      return text.length() > 160 ? text.substring(0, 160) + "...<" + text.length() + " chars>" : text;
    }
  }

  private record Outcome(JsonNode response, Integer closeCode) {
    @Override
    public String toString() {
      String text = String.valueOf(response);
      return "{response " + (text.length() > 300 ? text.substring(0, 300) + "..." : text) + ", close " + closeCode
          + "}";
    }
  }

  private static Probe preConnectProbe(Random random) {
    switch (random.nextInt(9)) {
      case 0:
        return Probe.of("bad json", Expect.CLOSE, "INVALID_FRAME", 1008, badJson(random));
      case 1:
        return Probe.of("not connect", Expect.CLOSE, "CONNECT_REQUIRED", 1008,
            request(id(random), pick(random, "health", "agent", "chat.send", "fuzz.method"), "{}"));
      case 2:
        return Probe.of("connect with bad params", Expect.CLOSE, "INVALID_PARAMS", 1008,
            request(id(random), "connect", badConnectParams(random).toString()));
      case 3:
        // A range that leaves out 4: all older, or all newer.
        boolean older = random.nextBoolean();
        int min = older ? 1 + random.nextInt(3) : 5 + random.nextInt(3);
        int max = older ? 3 : min + random.nextInt(3);
        return Probe.of("protocol mismatch", Expect.CLOSE, "PROTOCOL_MISMATCH", 1002,
            request(id(random), "connect", connectParams(min, max, TestGateway.TOKEN).toString()));
      case 4:
        boolean missing = random.nextBoolean();
        return Probe.of("bad token", Expect.CLOSE, missing ? "AUTH_TOKEN_MISSING" : "AUTH_TOKEN_MISMATCH", 1008,
            request(id(random), "connect", connectParams(4, 4, missing ? null : "wrong-" + id(random)).toString()));
      case 5:
        boolean big = random.nextInt(5) == 0;
        return new Probe("binary", Expect.CLOSE, null, big ? 1009 : 1008, null,
            randomBytes(random, big ? BINARY_LIMIT + 1 + random.nextInt(1000) : random.nextInt(2048)));
      case 6:
        return Probe.of("over the pre-connect limit", Expect.CLOSE, null, 1009,
            padded(request(id(random), "connect", connectParams(4, 4, TestGateway.TOKEN).toString()),
                PRE_CONNECT_LIMIT + 1 + random.nextInt(64)));
      case 7:
        return Probe.of("random text", Expect.CLOSE, "INVALID_FRAME", 1008,
            randomText(random, 1 + random.nextInt(200)));
      default:
        return Probe.of("connect just under the pre-connect limit", Expect.SUCCESS, null, null,
            padded(request(id(random), "connect", connectParams(4, 4, TestGateway.TOKEN).toString()),
                PRE_CONNECT_LIMIT - random.nextInt(16)));
    }
  }

  private static Probe connectedProbe(Random random) {
    int roll = random.nextInt(100);
    if (roll < 14) {
      return Probe.of("bad json", Expect.ERROR, "INVALID_FRAME", null, badJson(random));
    } else if (roll < 26) {
      return Probe.of("bad envelope", Expect.ERROR, "INVALID_FRAME", null, badEnvelope(random));
    } else if (roll < 35) {
      return Probe.of("unknown method", Expect.ERROR, "UNKNOWN_METHOD", null,
          request(id(random), "fuzz." + randomText(random, 1 + random.nextInt(40)), "{}"));
    } else if (roll < 60) {
      return wrongParams(random);
    } else if (roll < 69) {
      return readWithRandomParams(random);
    } else if (roll < 74) {
      int depth = 1 + random.nextInt(120);
      // The frame object and params add two levels; FrameCodec refuses more than 64.
      boolean tooDeep = depth + 2 > 64;
      return Probe.of("nesting " + depth, tooDeep ? Expect.ERROR : Expect.SUCCESS, tooDeep ? "INVALID_FRAME" : null,
          null,
          request(id(random), "health", "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
    } else if (roll < 77) {
      return Probe.of("second connect", Expect.ERROR, "INVALID_REQUEST", null,
          request(id(random), "connect", connectParams(4, 4, TestGateway.TOKEN).toString()));
    } else if (roll < 82) {
      return new Probe("binary", Expect.ERROR, "INVALID_FRAME", null, null, randomBytes(random, random.nextInt(4096)));
    } else if (roll < 84) {
      return new Probe("binary over the limit", Expect.CLOSE, null, 1009, null,
          randomBytes(random, BINARY_LIMIT + 1 + random.nextInt(4096)));
    } else if (roll < 90) {
      return Probe.of("random text", Expect.ERROR, "INVALID_FRAME", null, randomText(random, random.nextInt(400)));
    } else if (roll < 95) {
      return Probe.of("just under max payload", Expect.SUCCESS, null, null,
          padded(request(id(random), "health", "{}"), MAX_PAYLOAD - random.nextInt(32)));
    } else if (roll < 98) {
      return Probe.of("just over max payload", Expect.CLOSE, null, 1009,
          padded(request(id(random), "health", "{}"), MAX_PAYLOAD + 1 + random.nextInt(32)));
    } else {
      // Few characters, many bytes: the limit counts UTF-8 bytes.
      String euro = "\u20ac".repeat(MAX_PAYLOAD / 3 + 1 + random.nextInt(100));
      return Probe.of("over max payload in UTF-8 bytes only", Expect.CLOSE, null, 1009,
          request(id(random), "health", "{\"pad\":\"" + euro + "\"}"));
    }
  }

  /** A known method whose params are valid except for one field of the wrong type or out of bounds. */
  private static Probe wrongParams(Random random) {
    ObjectNode params = NODES.objectNode();
    String method;
    String field;
    List<Supplier<JsonNode>> wrong = new ArrayList<>();
    switch (random.nextInt(12)) {
      case 8:
        method = "chat.abort";
        params.put("sessionKey", "fuzz");
        field = pick(random, "sessionKey", "runId");
        break;
      case 9:
        method = "sessions.patch";
        params.put("key", "fuzz");
        field = pick(random, "key", "queueMode", "queueDebounceMs", "queueCap", "queueDrop");
        break;
      case 10:
        method = pick(random, "last-heartbeat", "wake");
        field = "wake".equals(method) ? pick(random, "agentId", "text", "mode") : "agentId";
        break;
      case 11:
        // Needs operator.admin too.
        return Probe.of("set-heartbeats without admin", Expect.ERROR, "MISSING_SCOPE", null,
            request(id(random), "set-heartbeats", "{\"enabled\":false}"));
      case 0:
        method = "agent";
        params.put("message", "fuzz").put("idempotencyKey", id(random));
        field = pick(random, "message", "idempotencyKey", "timeout", "deliver", "attachments", "agentId", "label");
        break;
      case 1:
        method = "agent.wait";
        params.put("runId", id(random));
        field = pick(random, "runId", "timeoutMs", "sessionKey");
        break;
      case 2:
        method = "chat.send";
        params.put("sessionKey", "fuzz").put("message", "fuzz").put("idempotencyKey", id(random));
        field = pick(random, "sessionKey", "message", "idempotencyKey", "queueMode", "timeoutMs", "deliver");
        break;
      case 3:
        method = "chat.history";
        params.put("sessionKey", "fuzz");
        field = pick(random, "sessionKey", "limit", "offset");
        break;
      case 4:
        method = "sessions.list";
        field = pick(random, "limit", "activeOnly", "label");
        break;
      case 5:
        method = "health";
        field = "probe";
        break;
      case 6:
        method = "status";
        field = pick(random, "includeChannelSummary", "includeCliProjection");
        break;
      default:
        // Needs operator.admin, which the fuzzing connections do not have: refused before its params are read.
        params.put("key", "fuzz");
        return Probe.of("sessions.reset without admin", Expect.ERROR, "MISSING_SCOPE", null,
            request(id(random), "sessions.reset", params.toString()));
    }
    boolean mustNotBeEmpty = Set.of("message", "idempotencyKey", "key").contains(field)
        || "runId".equals(field) && "agent.wait".equals(method)
        || "sessionKey".equals(field) && method.startsWith("chat.");
    params.set(field, wrongValue(random, field, mustNotBeEmpty));
    if (random.nextInt(4) == 0) {
      params.put("fuzzExtra" + random.nextInt(100), randomText(random, 10));
    }
    return Probe.of(method + " with a bad " + field, Expect.ERROR, "INVALID_PARAMS", null,
        request(id(random), method, params.toString()));
  }

  /** A value that breaks the field's schema: the wrong JSON type, or out of bounds. */
  private static JsonNode wrongValue(Random random, String field, boolean mustNotBeEmpty) {
    switch (field) {
      case "timeout":
      case "timeoutMs":
      case "limit":
      case "offset":
        return pickNode(random, NODES.textNode("600"), NODES.numberNode(1.5), NODES.booleanNode(true),
            NODES.arrayNode(), NODES.numberNode(-1 - random.nextInt(1000)), NODES.numberNode(10_000_000_000L),
            NODES.objectNode());
      case "deliver":
      case "activeOnly":
      case "probe":
      case "includeChannelSummary":
      case "includeCliProjection":
        return pickNode(random, NODES.textNode("yes"), NODES.numberNode(1), NODES.arrayNode(), NODES.objectNode());
      case "attachments":
        return pickNode(random, NODES.objectNode(), NODES.textNode("file.png"), NODES.numberNode(3));
      case "queueMode":
      case "queueDrop":
      case "mode":
        return pickNode(random, NODES.textNode("later"), NODES.textNode(""), NODES.numberNode(2));
      case "queueDebounceMs":
      case "queueCap":
        return pickNode(random, NODES.textNode("5"), NODES.numberNode(-1), NODES.numberNode(2.5), NODES.arrayNode());
      default:
        List<JsonNode> choices = new ArrayList<>(List.of(NODES.numberNode(random.nextInt()),
            NODES.booleanNode(random.nextBoolean()), NODES.arrayNode().add("x"), NODES.objectNode().put("a", 1)));
        if (mustNotBeEmpty) {
          choices.add(NODES.textNode(""));
        }
        return choices.get(random.nextInt(choices.size()));
    }
  }

  /** Read-only methods with random but plausible params: a success or a documented refusal, never a hang. */
  private static Probe readWithRandomParams(Random random) {
    ObjectNode params = NODES.objectNode();
    String method = pick(random, "health", "status", "agents.list", "sessions.list", "chat.history");
    if ("sessions.list".equals(method) || "chat.history".equals(method)) {
      params.put("limit", 1 + random.nextInt(100));
    }
    if ("chat.history".equals(method)) {
      params.put("sessionKey", random.nextBoolean() ? "fuzz-" + random.nextInt(50) : randomText(random, 30));
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      params.put("extra" + i, randomText(random, 20));
    }
    return Probe.of(method + " with random params", Expect.ANSWER, null, null,
        request(id(random), method, params.toString()));
  }

  private static String badJson(Random random) {
    String valid = request(id(random), "health", "{\"probe\":true}");
    switch (random.nextInt(6)) {
      case 0:
        return valid.substring(0, random.nextInt(valid.length() - 1));
      case 1:
        return valid.replaceFirst(",", ",,");
      case 2:
        return pick(random, "", " ", "{", "}", "[", "[1,2", "nul", "tru", "{\"type\":\"req\",}", "{'type':'req'}");
      case 3:
        return pick(random, "[]", "null", "42", "\"req\"", "true", "[{\"type\":\"req\"}]", "-0.5e7");
      case 4:
        return valid + "}";
      default:
        return "{\"type\":\"req\",\"id\":\"" + id(random) + "\",\"method\":\"health\",\"params\":{\"s\":\"unterminated";
    }
  }

  private static String badEnvelope(Random random) {
    String id = id(random);
    switch (random.nextInt(11)) {
      case 0:
        return "{\"type\":\"request\",\"id\":\"" + id + "\",\"method\":\"health\"}";
      case 1:
        return "{\"id\":\"" + id + "\",\"method\":\"health\"}";
      case 2:
        return "{\"type\":\"req\",\"id\":" + random.nextInt() + ",\"method\":\"health\"}";
      case 3:
        return "{\"type\":\"req\",\"id\":\"\",\"method\":\"health\"}";
      case 4:
        return "{\"type\":\"req\",\"id\":\"" + "i".repeat(257 + random.nextInt(100)) + "\",\"method\":\"health\"}";
      case 5:
        return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":" + random.nextInt() + "}";
      case 6:
        return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"\"}";
      case 7:
        return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"" + "m".repeat(129 + random.nextInt(50)) + "\"}";
      case 8:
        return request(id, "health", pick(random, "[]", "\"params\"", "7", "true", "[{}]"));
      case 9:
        return "{\"type\":\"res\",\"id\":\"" + id + "\",\"ok\":true,\"payload\":{}}";
      default:
        return "{\"type\":\"event\",\"event\":\"tick\",\"payload\":{\"ts\":1},\"seq\":1}";
    }
  }

  private static ObjectNode connectParams(int min, int max, String token) {
    ObjectNode params = NODES.objectNode();
    params.put("minProtocol", min).put("maxProtocol", max);
    params.putObject("client").put("id", "cli").put("version", "fuzz").put("platform", "linux").put("mode", "cli");
    params.put("role", "operator");
    params.putArray("scopes").add("operator.read").add("operator.write");
    params.putArray("caps");
    if (token != null) {
      params.putObject("auth").put("token", token);
    }
    return params;
  }

  private static ObjectNode badConnectParams(Random random) {
    ObjectNode params = connectParams(4, 4, TestGateway.TOKEN);
    switch (random.nextInt(8)) {
      case 0:
        params.put("minProtocol", "4");
        break;
      case 1:
        params.remove("client");
        break;
      case 2:
        ((ObjectNode) params.get("client")).put("id", random.nextInt());
        break;
      case 3:
        ((ObjectNode) params.get("client")).remove("mode");
        break;
      case 4:
        ((ArrayNode) params.get("scopes")).add(random.nextInt());
        break;
      case 5:
        params.put("auth", "token");
        break;
      case 6:
        params.putObject("device").put("id", "abc");
        break;
      default:
        params.put("role", pick(random, "node", "worker", "admin"));
        break;
    }
    return params;
  }

  private static String request(String id, String method, String paramsJson) {
    return "{\"type\":\"req\",\"id\":" + NODES.textNode(id) + ",\"method\":" + NODES.textNode(method)
        + ",\"params\":" + paramsJson + "}";
  }

  /** The request with an ASCII {@code pad} param added so the frame is exactly {@code size} bytes. */
  private static String padded(String request, int size) {
    ObjectNode frame;
    try {
      frame = (ObjectNode) FrameCodec.JSON.readTree(request);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    ObjectNode params = (ObjectNode) frame.get("params");
    params.put("pad", "");
    int missing = size - frame.toString().getBytes(StandardCharsets.UTF_8).length;
    params.put("pad", "p".repeat(Math.max(0, missing)));
    String text = frame.toString();
    if (text.getBytes(StandardCharsets.UTF_8).length != size) {
      throw new IllegalStateException("padding missed: " + text.length() + " != " + size);
    }
    return text;
  }

  private static String id(Random random) {
    return random.nextInt(1000) + ":" + Long.toHexString(random.nextLong());
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      int kind = random.nextInt(10);
      int codePoint;
      if (kind < 5) {
        codePoint = 0x20 + random.nextInt(0x5f);
      } else if (kind < 6) {
        codePoint = random.nextInt(0x20);
      } else if (kind < 8) {
        codePoint = 0xa0 + random.nextInt(0x2000);
      } else if (kind < 9) {
        codePoint = 0x4e00 + random.nextInt(0x5000);
      } else {
        codePoint = 0x1f300 + random.nextInt(0x300);
      }
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static JsonNode pickNode(Random random, JsonNode... choices) {
    return choices[random.nextInt(choices.length)];
  }

  // ---------------------------------------------------------------------------------------------------------
  // A raw connection in lockstep: one frame out, then its answer (or the close) before the next

  private static final class RawConnection implements AutoCloseable {
    private final GatewayClient client;
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();

    RawConnection(GatewayClient client) {
      this.client = client;
      client.onFrame(frame -> {
        if ("res".equals(frame.path("type").asText())) {
          responses.add(frame);
        }
      });
    }

    boolean handshake() throws Exception {
      Outcome hello = exchange(Probe.of("connect", Expect.SUCCESS, null, null,
          request("c", "connect", connectParams(4, 4, TestGateway.TOKEN).toString())));
      return hello.closeCode() == null && hello.response() != null && hello.response().path("ok").asBoolean();
    }

    Outcome exchange(Probe probe) throws InterruptedException {
      responses.clear();
      long deadline = System.currentTimeMillis() + ANSWER_TIMEOUT_MS;
      CompletableFuture<?> sending = probe.binary() != null ? client.sendRawBinary(ByteBuffer.wrap(probe.binary()))
          : client.sendRaw(probe.text());
      try {
        // One send at a time on a JDK WebSocket; the next probe goes out only after this one has left.
        sending.get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // The gateway may close while a frame is still being sent (1009): the close below tells.
      }
      JsonNode response = null;
      while (response == null && !client.closed().isDone() && System.currentTimeMillis() < deadline) {
        response = responses.poll(20, TimeUnit.MILLISECONDS);
      }
      if (response == null) {
        response = responses.poll();
      }
      if (probe.expect() == Expect.CLOSE || client.closed().isDone()) {
        GatewayClient.Close close = client.awaitClose(Math.max(1, deadline - System.currentTimeMillis()));
        return new Outcome(response, close.code() < 0 ? null : close.code());
      }
      return new Outcome(response, null);
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
