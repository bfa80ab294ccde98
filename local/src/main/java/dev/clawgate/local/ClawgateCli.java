package dev.clawgate.local;

import dev.clawgate.bench.BenchCommand;
import dev.clawgate.bench.ServerStatsCommand;
import dev.clawgate.chaos.ChaosCommand;
import dev.clawgate.cli.AgentCommand;
import dev.clawgate.cli.CallCommand;
import dev.clawgate.cli.ChatCommand;
import dev.clawgate.cli.CronCommand;
import dev.clawgate.cli.DevicesCommand;
import dev.clawgate.cli.HealthCommand;
import dev.clawgate.cli.SessionsCommand;
import dev.clawgate.cli.StatusCommand;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code clawgate} command: {@code gateway} and {@code stub-model} run servers; the operator commands
 * ({@code health}, {@code status}, {@code agent}, {@code sessions}, {@code chat}, {@code call}, {@code cron}) and
 * {@code bench} are clients of a running gateway; {@code devices} manages device pairing; {@code protocol-schema}
 * prints the protocol's JSON Schema.
 */
@Command(name = "clawgate", mixinStandardHelpOptions = true, versionProvider = ClawgateCli.Version.class,
    description = "A self-hosted personal AI assistant gateway speaking OpenClaw's gateway protocol.",
    subcommands = {ClawgateCli.GatewayCommand.class, StubModelCommand.class, HealthCommand.class,
        StatusCommand.class, AgentCommand.class, SessionsCommand.class, ChatCommand.class, CallCommand.class,
        CronCommand.class, BenchCommand.class, DevicesCommand.class, ProtocolSchemaCommand.class, ChaosCommand.class,
        ServerStatsCommand.class})
public final class ClawgateCli implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClawgateCli()).execute(args));
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Runs the gateway in the foreground until interrupted. */
  @Command(name = "gateway", mixinStandardHelpOptions = true,
      description = "Run the gateway (WebSocket on ws://127.0.0.1:18789/ by default) and its session worker.")
  static final class GatewayCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
      Settings settings;
      try {
        settings = new SettingsLoader(System.getenv()).load();
      } catch (ConfigException e) {
        System.err.println("clawgate: configuration error: " + e.getMessage());
        return 2;
      }
      ClawgateGateway gateway;
      try {
        gateway = ClawgateGateway.start(settings);
      } catch (java.io.IOException e) {
        System.err.println("clawgate: cannot start: " + e.getMessage());
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        gateway.close();
        stopped.countDown();
      }, "clawgate-shutdown"));
      stopped.await();
      return 0;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"clawgate " + ClawgateVersion.current()};
    }
  }
}
