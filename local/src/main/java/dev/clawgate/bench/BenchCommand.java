package dev.clawgate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clawgate.auth.Scopes;
import dev.clawgate.cli.CliFailure;
import dev.clawgate.cli.GatewayConnector;
import dev.clawgate.cli.GatewayOptions;
import dev.clawgate.cli.GatewayTarget;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.local.ClawgateVersion;
import dev.clawgate.protocol.FrameCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate bench}: runs the chosen scenarios against a gateway and reports each. Progress goes to stderr;
 * stdout gets one summary line per scenario and, last, one JSON line with every figure, so
 * {@code clawgate bench ... | tail -1} is machine-readable. Exit code 0 when every planned turn and connection
 * succeeded in order, 1 otherwise (errors, ordering violations, or cut off by {@code --max-seconds}), 2 for a
 * wrong command line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Load-test an OpenClaw-protocol gateway (Clawgate or OpenClaw) with sequential, concurrent, "
        + "burst and connection-storm scenarios. Point the gateway at `clawgate stub-model` so model time is known.")
public final class BenchCommand implements Callable<Integer> {

  static final List<String> SCENARIOS = List.of("sequential", "concurrent", "burst", "storm");
  static final int MAX_TURNS_IN_ALL = 1_000_000;

  @Mixin
  GatewayOptions gateway;

  @Spec
  CommandSpec spec;

  @Option(names = "--scenario", split = ",", paramLabel = "NAME", defaultValue = "all",
      description = "Scenarios to run, comma-separated: sequential, concurrent, burst, storm, all. Default: all.")
  List<String> scenarios;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "10",
      description = "concurrent: sessions in parallel. Default: ${DEFAULT-VALUE}.")
  int sessions;

  @Option(names = "--turns", paramLabel = "K", defaultValue = "20",
      description = "sequential and concurrent: turns per session. Default: ${DEFAULT-VALUE}.")
  int turns;

  @Option(names = "--burst", paramLabel = "M", defaultValue = "20",
      description = "burst: messages sent at once into one session. Default: ${DEFAULT-VALUE}.")
  int burst;

  @Option(names = "--clients", paramLabel = "C", defaultValue = "50",
      description = "storm: clients connecting at once. Default: ${DEFAULT-VALUE}.")
  int clients;

  @Option(names = "--model-delay-ms", paramLabel = "MS", defaultValue = "0",
      description = "The stub model's first-token delay (as given to `clawgate stub-model`); overhead = latency "
          + "minus this. Default: ${DEFAULT-VALUE}.")
  long modelDelayMs;

  @Option(names = "--warmup", paramLabel = "W", defaultValue = "5",
      description = "Unmeasured turns before the scenarios (JIT, connection pools, caches). Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "300",
      description = "Stop starting turns after this many seconds and report what finished. Default: ${DEFAULT-VALUE}.")
  long maxSeconds;

  @Option(names = "--agent", paramLabel = "ID", defaultValue = "main",
      description = "Agent to talk to. Default: ${DEFAULT-VALUE}.")
  String agentId;

  @Option(names = "--samples-dir", paramLabel = "DIR",
      description = "Also write every ok turn's latency (ms, one per line) to DIR/<scenario>.txt, for plots.")
  Path samplesDir;

  @Option(names = "--progress-ms", paramLabel = "MS", defaultValue = "1000", hidden = true,
      description = "Interval of the progress lines.")
  long progressMs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Set<String> chosen = validate();
      GatewayTarget target = gateway.resolve(System.getenv());
      Duration turnTimeout = gateway.timeout(Duration.ofSeconds(60));
      String serverVersion = preflight(target, turnTimeout);
      return run(chosen, target, turnTimeout, serverVersion, out, err);
    } catch (CliFailure failure) {
      err.println("clawgate bench: " + failure.getMessage());
      err.flush();
      return failure.exitCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("clawgate bench: interrupted");
      err.flush();
      return CliFailure.FAILED;
    } finally {
      out.flush();
    }
  }

  private int run(Set<String> chosen, GatewayTarget target, Duration turnTimeout, String serverVersion,
      PrintWriter out, PrintWriter err) throws CliFailure, InterruptedException {
    String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    ExecutorService continuations = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "bench-turns");
      thread.setDaemon(true);
      return thread;
    });
    Deadline deadline = Deadline.in(maxSeconds);
    try (Progress progress = new Progress(err, progressMs)) {
      BenchContext context = new BenchContext(target.url(),
          ConnectOptions.operator(target.token()).withScopes(List.of(Scopes.WRITE)).withTimeout(turnTimeout),
          agentId, tag, turnTimeout, deadline, continuations, progress);
      progress.say("clawgate bench against " + target.url() + " (server " + serverVersion + "), run tag " + tag
          + ", scenarios " + String.join(",", chosen) + ", stopping after " + maxSeconds + " s at most");
      if (warmup > 0) {
        TurnScenarioResult warm = new SessionsScenario("warmup", 1, warmup).run(context);
        if (warm.latency().count() == 0) {
          throw new CliFailure("every warm-up turn failed, so there is nothing to measure: "
              + warm.errorSamples().keySet());
        }
        if (warm.errors() > 0) {
          progress.say("warning: " + warm.errors() + " of " + warmup + " warm-up turns failed: "
              + warm.errorSamples().keySet());
        }
      }
      List<ScenarioResult> results = new ArrayList<>();
      for (String name : chosen) {
        ScenarioResult result = scenario(name, context);
        results.add(result);
        writeSamples(result);
        out.println(result.summary(modelDelayMs));
        out.flush();
      }
      out.println(jsonLine(target, serverVersion, tag, deadline, results));
      out.flush();
      return results.stream().allMatch(ScenarioResult::clean) ? 0 : 1;
    } catch (IOException e) {
      throw new CliFailure(GatewayConnector.connectFailure(target, e));
    } finally {
      continuations.shutdownNow();
    }
  }

  private void writeSamples(ScenarioResult result) throws CliFailure {
    long[] samples = result.latencySamplesNanos();
    if (samplesDir == null || samples.length == 0) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (long nanos : samples) {
      lines.append(String.format(Locale.ROOT, "%.3f%n", nanos / 1e6));
    }
    try {
      Files.createDirectories(samplesDir);
      Files.writeString(samplesDir.resolve(result.name() + ".txt"), lines);
    } catch (IOException e) {
      throw new CliFailure("--samples-dir: cannot write " + samplesDir.resolve(result.name() + ".txt") + ": "
          + e.getMessage());
    }
  }

  private ScenarioResult scenario(String name, BenchContext context) throws IOException, InterruptedException {
    switch (name) {
      case "sequential":
        return new SessionsScenario(name, 1, turns).run(context);
      case "concurrent":
        return new SessionsScenario(name, sessions, turns).run(context);
      case "burst":
        return new BurstScenario(burst).run(context);
      default:
        return new StormScenario(clients).run(context);
    }
  }

  private Set<String> validate() throws CliFailure {
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : scenarios) {
      String trimmed = name.trim().toLowerCase(Locale.ROOT);
      if ("all".equals(trimmed)) {
        chosen.addAll(SCENARIOS);
      } else if (SCENARIOS.contains(trimmed)) {
        chosen.add(trimmed);
      } else {
        throw new CliFailure("--scenario: unknown scenario '" + name + "'; choose from " + SCENARIOS + " or all",
            CliFailure.USAGE);
      }
    }
    // Keep the documented order whatever order they were named in.
    Set<String> ordered = new LinkedHashSet<>(SCENARIOS);
    ordered.retainAll(chosen);
    range("--sessions", sessions, 1, 10_000);
    range("--turns", turns, 1, MAX_TURNS_IN_ALL);
    range("--burst", burst, 1, 10_000);
    range("--clients", clients, 1, 2_000);
    range("--warmup", warmup, 0, 10_000);
    range("--max-seconds", maxSeconds, 1, 86_400);
    range("--model-delay-ms", modelDelayMs, 0, 3_600_000);
    range("--progress-ms", progressMs, 50, 60_000);
    if ((long) sessions * turns > MAX_TURNS_IN_ALL) {
      throw new CliFailure("--sessions × --turns must be at most " + MAX_TURNS_IN_ALL + ", got "
          + (long) sessions * turns, CliFailure.USAGE);
    }
    return ordered;
  }

  private static void range(String option, long value, long min, long max) throws CliFailure {
    if (value < min || value > max) {
      throw new CliFailure(option + " must be from " + min + " to " + max + ", got " + value, CliFailure.USAGE);
    }
  }

  /** One connection before anything else, so a wrong URL or token is one clear line, not a thousand errors. */
  private static String preflight(GatewayTarget target, Duration timeout) throws CliFailure {
    try (GatewayClient client = GatewayConnector.connect(target, List.of(Scopes.WRITE), timeout)) {
      return client.hello().path("server").path("version").asText("unknown");
    }
  }

  private String jsonLine(GatewayTarget target, String serverVersion, String tag, Deadline deadline,
      List<ScenarioResult> results) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bench", "clawgate");
    json.put("benchVersion", ClawgateVersion.current());
    json.put("url", target.url().toString());
    json.put("serverVersion", serverVersion);
    json.put("tag", tag);
    json.put("modelDelayMs", modelDelayMs);
    json.put("warmupTurns", warmup);
    json.put("maxSeconds", maxSeconds);
    json.put("stoppedByDeadline", deadline.passed());
    Map<String, Object> byName = new LinkedHashMap<>();
    for (ScenarioResult result : results) {
      byName.put(result.name(), result.json(modelDelayMs));
    }
    json.put("scenarios", byName);
    json.put("clean", results.stream().allMatch(ScenarioResult::clean));
    try {
      return FrameCodec.JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report", e);
    }
  }
}
