package dev.clawgate.bench;

import dev.clawgate.auth.Scopes;
import dev.clawgate.cli.CliFailure;
import dev.clawgate.cli.GatewayOptions;
import dev.clawgate.cli.GatewayTarget;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.session.SessionKey;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate bench-server-stats}: what a turn and an idle session cost inside a Clawgate gateway, seen from
 * the server side rather than the client's clock.
 *
 * <ul>
 *   <li>History: N plain turns and N tool turns (one {@code write} call each) in two fresh sessions; the session
 *       workflow's history is read from Temporal before and after, so events and bytes per turn are the growth
 *       divided by N (the workflow's start is not counted).</li>
 *   <li>Process: CPU milliseconds per plain turn, resident memory and threads of the gateway (and of the Temporal
 *       server when its pid is given), from {@code /proc}.</li>
 *   <li>Idle sessions: the gateway's heap after a full GC, its RSS and threads, and the Temporal server's RSS,
 *       before and after M new sessions that each ran one turn and now wait; the growth divided by M is what one
 *       idle session costs.</li>
 * </ul>
 * Runs only on the gateway's own machine (it reads {@code /proc} and calls {@code jcmd}). One summary per line,
 * then one JSON line with every figure.
 */
@Command(name = "bench-server-stats", mixinStandardHelpOptions = true,
    description = "Measure a Clawgate gateway from the server side: Temporal history events and bytes per plain "
        + "and tool turn, CPU per turn, memory and threads per idle session (run on the gateway's machine).")
public final class ServerStatsCommand implements Callable<Integer> {

  @Mixin
  GatewayOptions gateway;

  @Spec
  CommandSpec spec;

  @Option(names = "--temporal", paramLabel = "HOST:PORT", required = true,
      description = "The Temporal frontend the gateway uses (its log names the embedded one's port).")
  String temporalAddress;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = "default",
      description = "Temporal namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--pid", paramLabel = "PID", required = true, description = "The gateway's process id (a JVM).")
  long gatewayPid;

  @Option(names = "--temporal-pid", paramLabel = "PID",
      description = "The Temporal server's process id, when it runs apart from the gateway.")
  Long temporalPid;

  @Option(names = "--turns", paramLabel = "N", defaultValue = "50",
      description = "Plain turns and tool turns measured (each in its own session). Default: ${DEFAULT-VALUE}.")
  int turns;

  @Option(names = "--idle-sessions", paramLabel = "M", defaultValue = "200",
      description = "Sessions created for the idle-memory figure. Default: ${DEFAULT-VALUE}.")
  int idleSessions;

  @Option(names = "--settle-seconds", paramLabel = "S", defaultValue = "65",
      description = "Quiet time before each idle-memory reading, so threads that pools keep for 60 s after their last "
          + "task (request handlers, queries) are gone and only what idle sessions hold remains. Default: "
          + "${DEFAULT-VALUE}.")
  int settleSeconds;

  @Option(names = "--agent", paramLabel = "ID", defaultValue = "main", description = "Agent. Default: main.")
  String agentId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (turns < 1 || turns > 400 || idleSessions < 1 || idleSessions > 10_000 || settleSeconds < 0) {
      // Past 500 turns a session continues as new, and the per-turn growth would no longer be one history's.
      err.println("clawgate bench-server-stats: --turns must be 1..400 and --idle-sessions 1..10000");
      return CliFailure.USAGE;
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress).build());
    ExecutorService continuations = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "stats-turns");
      thread.setDaemon(true);
      return thread;
    });
    try (Progress progress = new Progress(err, 1000)) {
      WorkflowClient temporal = WorkflowClient.newInstance(stubs,
          WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
      GatewayTarget target = gateway.resolve(System.getenv());
      Duration turnTimeout = gateway.timeout(Duration.ofSeconds(60));
      String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      BenchContext context = new BenchContext(target.url(),
          ConnectOptions.operator(target.token()).withScopes(List.of(Scopes.WRITE)).withTimeout(turnTimeout),
          agentId, tag, turnTimeout, Deadline.in(3600), continuations, progress);

      Map<String, Object> report = new LinkedHashMap<>();
      report.put("stats", "clawgate-server");
      report.put("url", target.url().toString());
      report.put("temporal", temporalAddress);
      report.put("tag", tag);
      try (GatewayClient client = context.newClient()) {
        report.put("plainTurn", turnCost(context, client, temporal, "plain", i -> "stats turn " + i, progress));
        report.put("toolTurn", turnCost(context, client, temporal, "tool",
            i -> "#tool write {\"path\":\"stats-" + tag + "-" + i + ".txt\",\"content\":\"turn " + i + "\"}",
            progress));
      }
      report.put("idleSessions", idleCost(context, progress));
      printSummary(out, report);
      out.println(FrameCodec.JSON.writeValueAsString(report));
      return 0;
    } catch (CliFailure failure) {
      err.println("clawgate bench-server-stats: " + failure.getMessage());
      return failure.exitCode();
    } catch (IOException | RuntimeException e) {
      err.println("clawgate bench-server-stats: " + e);
      return CliFailure.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CliFailure.FAILED;
    } finally {
      continuations.shutdownNow();
      stubs.shutdown();
      out.flush();
      err.flush();
    }
  }

  /** N turns one after another in a fresh session; growth of its history and the CPU the processes spent. */
  private Map<String, Object> turnCost(BenchContext context, GatewayClient client, WorkflowClient temporal,
      String kind, java.util.function.IntFunction<String> message, Progress progress)
      throws IOException, InterruptedException {
    String key = context.sessionKey("stats-" + kind, 0);
    String workflowId = SessionKey.parse(key, agentId).workflowId();
    expectOk(AgentTurn.send(client, context, key, message.apply(-1)).join(), kind + " warm-up turn");
    HistorySize before = HistorySize.settled(temporal, workflowId, 10_000);
    ProcessSample gatewayBefore = ProcessSample.of(gatewayPid);
    ProcessSample serverBefore = temporalPid == null ? null : ProcessSample.of(temporalPid);
    long started = System.nanoTime();
    for (int i = 0; i < turns; i++) {
      expectOk(AgentTurn.send(client, context, key, message.apply(i)).join(), kind + " turn " + i);
    }
    long wallMs = (System.nanoTime() - started) / 1_000_000;
    HistorySize after = HistorySize.settled(temporal, workflowId, 10_000);
    ProcessSample gatewayAfter = ProcessSample.of(gatewayPid);
    progress.say(kind + " turns: history " + before.events() + " -> " + after.events() + " events");
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("turns", turns);
    cost.put("historyEventsPerTurn", round((after.events() - before.events()) / (double) turns));
    cost.put("historyBytesPerTurn", round((after.bytes() - before.bytes()) / (double) turns));
    cost.put("gatewayCpuMsPerTurn", round((gatewayAfter.cpuMs() - gatewayBefore.cpuMs()) / (double) turns));
    if (serverBefore != null) {
      ProcessSample serverAfter = ProcessSample.of(temporalPid);
      cost.put("temporalCpuMsPerTurn", round((serverAfter.cpuMs() - serverBefore.cpuMs()) / (double) turns));
    }
    cost.put("sequentialTurnsPerSec", round(turns * 1000.0 / Math.max(1, wallMs)));
    cost.put("timeline", TurnTimeline.medians(temporal.fetchHistory(workflowId).getHistory(), before.events()));
    return cost;
  }

  /** M fresh sessions, one turn each, then idle: what they added to the gateway's and the server's memory. */
  private Map<String, Object> idleCost(BenchContext context, Progress progress) throws IOException, InterruptedException {
    settle(progress);
    long heapBefore = JvmHeap.usedAfterGcKb(gatewayPid);
    ProcessSample gatewayBefore = ProcessSample.of(gatewayPid);
    ProcessSample serverBefore = temporalPid == null ? null : ProcessSample.of(temporalPid);
    int lanes = Math.min(20, idleSessions);
    List<GatewayClient> clients = new ArrayList<>();
    try {
      for (int lane = 0; lane < lanes; lane++) {
        clients.add(context.newClient());
      }
      List<CompletableFuture<Void>> chains = new ArrayList<>();
      int[] done = {0};
      try (Progress.Tracking tracking = progress.track("idle-sessions", "sessions", idleSessions, () -> done[0],
          () -> 0)) {
        for (int lane = 0; lane < lanes; lane++) {
          chains.add(lane(context, clients.get(lane), lane, lanes, done));
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();
      }
    } finally {
      clients.forEach(GatewayClient::close);
    }
    settle(progress);
    long heapAfter = JvmHeap.usedAfterGcKb(gatewayPid);
    ProcessSample gatewayAfter = ProcessSample.of(gatewayPid);
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("sessions", idleSessions);
    cost.put("gatewayHeapKbBefore", heapBefore);
    cost.put("gatewayHeapKbAfter", heapAfter);
    cost.put("gatewayHeapKbPerSession", round((heapAfter - heapBefore) / (double) idleSessions));
    cost.put("gatewayRssKbBefore", gatewayBefore.rssKb());
    cost.put("gatewayRssKbAfter", gatewayAfter.rssKb());
    cost.put("gatewayRssKbPerSession", round((gatewayAfter.rssKb() - gatewayBefore.rssKb()) / (double) idleSessions));
    cost.put("gatewayThreadsBefore", gatewayBefore.threads());
    cost.put("gatewayThreadsAfter", gatewayAfter.threads());
    if (serverBefore != null) {
      ProcessSample serverAfter = ProcessSample.of(temporalPid);
      cost.put("temporalRssKbBefore", serverBefore.rssKb());
      cost.put("temporalRssKbAfter", serverAfter.rssKb());
      cost.put("temporalRssKbPerSession",
          round((serverAfter.rssKb() - serverBefore.rssKb()) / (double) idleSessions));
    }
    return cost;
  }

  /** Sessions lane, lane + lanes, lane + 2·lanes, ... one turn each, one after another on one connection. */
  private CompletableFuture<Void> lane(BenchContext context, GatewayClient client, int session, int lanes,
      int[] done) {
    if (session >= idleSessions) {
      return CompletableFuture.completedFuture(null);
    }
    String key = context.sessionKey("stats-idle", session);
    return AgentTurn.send(client, context, key, "hello").thenComposeAsync(result -> {
      expectOk(result, "idle session " + session);
      synchronized (done) {
        done[0]++;
      }
      return lane(context, client, session + lanes, lanes, done);
    }, context.continuations());
  }

  private void settle(Progress progress) throws InterruptedException {
    progress.say("idle sessions: " + settleSeconds + " s of quiet before reading memory and threads");
    Thread.sleep(settleSeconds * 1000L);
  }

  private static void expectOk(TurnResult result, String what) {
    if (!result.ok()) {
      throw new IllegalStateException(what + " failed: " + result.error());
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static void printSummary(PrintWriter out, Map<String, Object> report) {
    for (String kind : List.of("plainTurn", "toolTurn")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cost = (Map<String, Object>) report.get(kind);
      out.println(String.format(Locale.ROOT, "%-10s %s history events/turn, %s bytes/turn, gateway CPU %s ms/turn%s",
          kind, cost.get("historyEventsPerTurn"), cost.get("historyBytesPerTurn"), cost.get("gatewayCpuMsPerTurn"),
          cost.containsKey("temporalCpuMsPerTurn") ? ", Temporal CPU " + cost.get("temporalCpuMsPerTurn") + " ms/turn"
              : ""));
      out.println("           median ms: " + cost.get("timeline"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> idle = (Map<String, Object>) report.get("idleSessions");
    out.println(String.format(Locale.ROOT, "idle       %s sessions: gateway heap %s KiB/session, RSS %s KiB/session, "
            + "threads %s -> %s%s", idle.get("sessions"), idle.get("gatewayHeapKbPerSession"),
        idle.get("gatewayRssKbPerSession"), idle.get("gatewayThreadsBefore"), idle.get("gatewayThreadsAfter"),
        idle.containsKey("temporalRssKbPerSession") ? ", Temporal RSS " + idle.get("temporalRssKbPerSession")
            + " KiB/session" : ""));
  }
}
