package dev.clawgate.chaos;

import dev.clawgate.infra.disk.DiskTranscriptStore;
import dev.clawgate.session.SessionKey;
import dev.clawgate.stubmodel.StubModelOptions;
import dev.clawgate.stubmodel.StubModelServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One chaos run from start to verdict: Temporal, the stub model, the gateway child, the session drivers and
 * the monkey; then a graceful stop and the audit of the transcripts on disk.
 */
public final class ChaosRun {

  private static final long STATUS_EVERY_MS = 15_000;

  private final ChaosOptions options;
  private final PrintStream out;
  private final long startedAt = System.nanoTime();
  private Path work;

  public ChaosRun(ChaosOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Where state, logs and the Temporal database of this run are (set once {@link #run()} began). */
  public Path workDir() {
    return work;
  }

  public ChaosReport run() throws IOException, InterruptedException {
    work = options.workDir() != null ? Files.createDirectories(options.workDir())
        : Files.createTempDirectory("clawgate-chaos-");
    Path state = work.resolve("state");
    Path workspace = state.resolve("agents").resolve("main").resolve("workspace");
    String runTag = Long.toString(System.currentTimeMillis(), 36);
    MessagePlan plan = new MessagePlan(options.seed(), runTag, options.toolPercent(), options.slowPercent(),
        options.slowMs());
    log("work dir " + work + " (seed " + options.seed() + ", run tag " + runTag + ")");

    KillTriggers triggers = new KillTriggers();
    try (TemporalServer temporal = temporal();
         StubModelServer model = StubModelServer.start(new StubModelOptions(0, options.firstTokenDelayMs(),
             options.tokensPerSecond()));
         ToolEffectWatch watch = new ToolEffectWatch(workspace.resolve(MessagePlan.TOOL_DIR),
             () -> triggers.signal(KillAim.TOOL));
         GatewayProcess gateway = gateway(temporal, model, state, runTag)) {
      log("temporal at " + temporal.target() + (temporal.startedHere() ? " (start-dev, SQLite "
          + work.resolve("temporal.db") + ")" : "") + "; stub model at " + model.baseUrl());
      gateway.start();
      if (!gateway.awaitListening(options.restartTimeoutMs())) {
        return failed("the gateway did not listen within " + options.restartTimeoutMs() + " ms:\n" + gateway.tail(40));
      }
      log("gateway listening on 127.0.0.1:" + gateway.port() + " (pid " + gateway.pid() + ")");

      List<String> workflowIds = new ArrayList<>();
      for (int i = 0; i < options.sessions(); i++) {
        workflowIds.add(new SessionKey(plan.sessionKey(i)).workflowId());
      }
      ContinueAsNewWatch continueAsNew = new ContinueAsNewWatch(temporal.stubs(), temporal.namespace(), workflowIds,
          options.knownSuggestEvents());
      ChaosMonkey monkey = new ChaosMonkey(gateway, triggers, continueAsNew, model, options.kills(),
          options.minIntervalMs(), options.maxIntervalMs(), options.restartTimeoutMs(), options.seed(), this::log);
      Ledger ledger = new Ledger(options.sessions());
      String token = gateway.env("CLAWGATE_GATEWAY_TOKEN");
      List<SessionDriver> drivers = new ArrayList<>();
      long loadStart = System.nanoTime();
      for (int i = 0; i < options.sessions(); i++) {
        SessionDriver driver = new SessionDriver(i, plan, ledger, gateway.port(), token, triggers, options.depth(),
            options.messages(), () -> !monkey.isDone(), options.messageTimeoutMs());
        drivers.add(driver);
        driver.start();
      }
      monkey.start();
      while (!monkey.awaitDone(STATUS_EVERY_MS)) {
        status(ledger, monkey);
      }
      if (monkey.failure() != null) {
        drivers.forEach(SessionDriver::stop);
        return failed(monkey.failure().getMessage());
      }
      log("kills done; draining: every sent message must get its final answer");
      long drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.drainTimeoutMs());
      for (SessionDriver driver : drivers) {
        while (!driver.awaitFinished(Math.min(STATUS_EVERY_MS, remainingMs(drainDeadline)))) {
          if (System.nanoTime() >= drainDeadline) {
            break;
          }
          status(ledger, monkey);
        }
      }
      drivers.forEach(SessionDriver::stop);
      for (SessionDriver driver : drivers) {
        driver.awaitFinished(30_000);
        if (driver.stuckOn() != null) {
          log("a session stopped sending at " + driver.stuckOn() + ": that message was never acknowledged");
        }
      }
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      log("load done: " + ledger.sent() + " messages sent, " + ledger.finals() + " answered in "
          + String.format(Locale.ROOT, "%.1f", loadSeconds) + " s; stopping the gateway gracefully");
      gateway.close();
      watch.settle();

      List<ContinueAsNewWatch.Continued> continued = census(continueAsNew);
      List<KillRecord> kills = monkey.records();
      int killsNearContinueAsNew = 0;
      for (KillRecord kill : kills) {
        for (ContinueAsNewWatch.Continued run : continued) {
          if (Math.abs(run.closedAtMs() - kill.atMs()) <= 2_000) {
            killsNearContinueAsNew++;
            break;
          }
        }
      }
      AuditResult audit = new TranscriptAudit(new DiskTranscriptStore(state.resolve("sessions")),
          file -> watch.landings(Path.of(file).getFileName().toString())).audit(ledger);
      return new ChaosReport(audit, kills, options.kills(), model.streamsCut(), model.toolCallsIssued(),
          continued.size(), killsNearContinueAsNew, loadSeconds, watch.overflowed(), null);
    }
  }

  private TemporalServer temporal() throws InterruptedException {
    if (options.temporalAddress() != null) {
      return TemporalServer.existing(options.temporalAddress(), options.temporalNamespace(), 60_000);
    }
    return TemporalServer.startDev(options.temporalBinary(), work.resolve("temporal.db"),
        options.suggestContinueAsNewEvents(), work.resolve("temporal.log"), 120_000);
  }

  private GatewayProcess gateway(TemporalServer temporal, StubModelServer model, Path state, String runTag) {
    Map<String, String> env = new TreeMap<>();
    env.put("CLAWGATE_STATE_DIR", state.toString());
    int port = TemporalServer.freePort();
    env.put("CLAWGATE_PORT", String.valueOf(port));
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    env.put("CLAWGATE_GATEWAY_TOKEN", HexFormat.of().formatHex(secret));
    env.put("TEMPORAL_ADDRESS", temporal.target());
    env.put("TEMPORAL_NAMESPACE", temporal.namespace());
    env.put("CLAWGATE_TASK_QUEUE", "chaos-" + runTag);
    env.put("CLAWGATE_MODEL", "openai:stub");
    env.put("OPENAI_BASE_URL", model.baseUrl());
    env.put("OPENAI_API_KEY", "stub");
    return new GatewayProcess(options.gatewayJvmOptions(), env, port, work.resolve("gateway.log"));
  }

  private List<ContinueAsNewWatch.Continued> census(ContinueAsNewWatch watch) {
    try {
      return watch.census();
    } catch (RuntimeException e) {
      log("cannot list workflow runs (" + e.getMessage() + "): continue-as-new not counted");
      return List.of();
    }
  }

  private ChaosReport failed(String why) {
    return new ChaosReport(new AuditResult(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of()), List.of(),
        options.kills(), 0, 0, 0, 0, 0, false, why);
  }

  private void status(Ledger ledger, ChaosMonkey monkey) {
    log("sent " + ledger.sent() + ", answered " + ledger.finals() + ", kills " + monkey.records().size() + "/"
        + options.kills());
  }

  private void log(String line) {
    double seconds = (System.nanoTime() - startedAt) / 1e9;
    synchronized (out) {
      out.printf(Locale.ROOT, "[chaos %6.1fs] %s%n", seconds, line);
      out.flush();
    }
  }

  private static long remainingMs(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }
}
