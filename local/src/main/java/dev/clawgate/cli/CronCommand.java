package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.local.DurationText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clawgate cron list|status|add|rm|enable|disable|run|runs}: the {@code cron.*} methods for people. */
@Command(name = "cron", mixinStandardHelpOptions = true, description = "Manage cron jobs.",
    subcommands = {CronCommand.ListCommand.class, CronCommand.StatusCommand.class, CronCommand.AddCommand.class,
        CronCommand.RemoveCommand.class, CronCommand.EnableCommand.class, CronCommand.DisableCommand.class,
        CronCommand.RunCommand.class, CronCommand.RunsCommand.class})
public final class CronCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliFailure.USAGE;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs: id, name, schedule, next run.")
  static final class ListCommand extends OperatorCommand {

    @Option(names = "--all", description = "Include disabled jobs.")
    boolean all;

    @Option(names = "--json", description = "Print the cron.list page as JSON.")
    boolean json;

    @Override
    List<String> scopes() {
      return List.of(Scopes.READ);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode page = await(client, "cron.list", Map.of("includeDisabled", all, "limit", 200));
      if (json) {
        out().println(pretty(page));
        return 0;
      }
      if (page.path("jobs").isEmpty()) {
        out().println(all ? "No cron jobs." : "No enabled cron jobs (--all shows disabled ones).");
        return 0;
      }
      long now = System.currentTimeMillis();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "NAME", "SCHEDULE", "TARGET", "NEXT", "LAST"});
      for (JsonNode job : page.path("jobs")) {
        JsonNode state = job.path("state");
        rows.add(new String[] {
            job.path("id").asText(),
            job.path("name").asText() + (job.path("enabled").asBoolean(true) ? "" : " (disabled)"),
            schedule(job.path("schedule")),
            job.path("sessionTarget").asText("-"),
            state.path("nextRunAtMs").isNumber() ? "in " + HumanTime.span(state.path("nextRunAtMs").asLong() - now) : "-",
            state.path("lastRunAtMs").isNumber()
                ? HumanTime.ago(now - state.path("lastRunAtMs").asLong()) + " " + state.path("lastRunStatus").asText("")
                : "-"});
      }
      printTable(this, rows);
      return 0;
    }

    private static String schedule(JsonNode schedule) {
      switch (schedule.path("kind").asText()) {
        case "at":
          return "at " + schedule.path("at").asText();
        case "every":
          return "every " + HumanTime.span(schedule.path("everyMs").asLong());
        default:
          return "cron " + schedule.path("expr").asText() + " " + schedule.path("tz").asText("");
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the scheduler's status.")
  static final class StatusCommand extends OperatorCommand {

    @Override
    List<String> scopes() {
      return List.of(Scopes.READ);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      out().println(pretty(await(client, "cron.status", Map.of())));
      return 0;
    }
  }

  /** One of the three schedule kinds, exactly. */
  static final class ScheduleChoice {
    @Option(names = "--at", required = true, description = "Once, at an ISO-8601 time (e.g. 2027-02-01T16:00:00Z).")
    String at;

    @Option(names = "--every", required = true, description = "Repeatedly, e.g. 30m, 1h, 1d.")
    String every;

    @Option(names = "--cron", required = true, description = "A 5- or 6-field cron expression, e.g. '0 9 * * 1-5'.")
    String cron;
  }

  /** A system event or an agent turn, exactly one. */
  static final class PayloadChoice {
    @Option(names = "--system-event", required = true, description = "Text put into the session as a system event.")
    String systemEvent;

    @Option(names = "--message", required = true, description = "A message the agent runs as a turn.")
    String message;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a job.")
  static final class AddCommand extends OperatorCommand {

    @Option(names = "--name", required = true, description = "The job's name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ScheduleChoice schedule;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PayloadChoice payload;

    @Option(names = "--tz", description = "Time zone of a --cron expression (default: the gateway's).")
    String tz;

    @Option(names = "--session", description = "main or isolated (default: main for --system-event, isolated "
        + "for --message).")
    String session;

    @Option(names = "--agent", description = "The agent that runs it (default: the default agent).")
    String agent;

    @Option(names = "--timeout-seconds", description = "How long a run may take before its history says timeout.")
    Integer timeoutSeconds;

    @Option(names = "--webhook", description = "POST each run's result to this URL.")
    String webhook;

    @Option(names = "--disabled", description = "Add it disabled.")
    boolean disabled;

    @Option(names = "--delete-after-run", description = "Remove the job after its first successful run.")
    boolean deleteAfterRun;

    @Option(names = "--json", description = "Print the added job as JSON.")
    boolean json;

    private Map<String, Object> params;

    @Override
    List<String> scopes() {
      return List.of(Scopes.ADMIN);
    }

    @Override
    void validate() throws CliFailure {
      Map<String, Object> when = new LinkedHashMap<>();
      if (schedule.at != null) {
        when.put("kind", "at");
        when.put("at", schedule.at);
      } else if (schedule.every != null) {
        when.put("kind", "every");
        try {
          when.put("everyMs", DurationText.parseMillis(schedule.every));
        } catch (IllegalArgumentException e) {
          throw new CliFailure("--every " + e.getMessage(), CliFailure.USAGE);
        }
      } else {
        when.put("kind", "cron");
        when.put("expr", schedule.cron);
      }
      if (tz != null) {
        if (schedule.cron == null) {
          throw new CliFailure("--tz goes with --cron only", CliFailure.USAGE);
        }
        when.put("tz", tz);
      }
      Map<String, Object> what = new LinkedHashMap<>();
      if (payload.systemEvent != null) {
        what.put("kind", "systemEvent");
        what.put("text", payload.systemEvent);
      } else {
        what.put("kind", "agentTurn");
        what.put("message", payload.message);
      }
      if (timeoutSeconds != null) {
        what.put("timeoutSeconds", timeoutSeconds);
      }
      params = new LinkedHashMap<>();
      params.put("name", name);
      params.put("schedule", when);
      params.put("payload", what);
      params.put("enabled", !disabled);
      if (session != null) {
        params.put("sessionTarget", session);
      }
      if (agent != null) {
        params.put("agentId", agent);
      }
      if (deleteAfterRun) {
        params.put("deleteAfterRun", true);
      }
      if (webhook != null) {
        params.put("delivery", Map.of("mode", "webhook", "to", webhook));
      }
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode job = await(client, "cron.add", params);
      if (json) {
        out().println(pretty(job));
        return 0;
      }
      JsonNode next = job.path("state").path("nextRunAtMs");
      out().println("Added cron job " + job.path("id").asText() + " (" + job.path("name").asText() + ")"
          + (next.isNumber() ? ", next run " + Instant.ofEpochMilli(next.asLong()) : "") + ".");
      return 0;
    }
  }

  /** The commands that take one job id and call one method with it. */
  abstract static class JobCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The job id (cron list shows it).")
    String id;

    @Override
    List<String> scopes() {
      return List.of(Scopes.ADMIN);
    }
  }

  @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true, description = "Remove a job.")
  static final class RemoveCommand extends JobCommand {
    @Override
    int run(GatewayClient client) throws CliFailure {
      await(client, "cron.remove", Map.of("id", id));
      out().println("Removed cron job " + id + ".");
      return 0;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a job.")
  static final class EnableCommand extends JobCommand {
    @Override
    int run(GatewayClient client) throws CliFailure {
      await(client, "cron.update", Map.of("id", id, "patch", Map.of("enabled", true)));
      out().println("Enabled cron job " + id + ".");
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a job.")
  static final class DisableCommand extends JobCommand {
    @Override
    int run(GatewayClient client) throws CliFailure {
      await(client, "cron.update", Map.of("id", id, "patch", Map.of("enabled", false)));
      out().println("Disabled cron job " + id + ".");
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job now, whatever its schedule.")
  static final class RunCommand extends JobCommand {
    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode started = await(client, "cron.run", Map.of("id", id));
      out().println("Started run " + started.path("runId").asText() + " (cron runs " + id + " shows it when done).");
      return 0;
    }
  }

  @Command(name = "runs", mixinStandardHelpOptions = true, description = "Show a job's run history, newest first.")
  static final class RunsCommand extends JobCommand {

    @Option(names = "--limit", defaultValue = "20", description = "How many runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the cron.runs page as JSON.")
    boolean json;

    @Override
    List<String> scopes() {
      return List.of(Scopes.READ);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode page = await(client, "cron.runs", Map.of("id", id, "limit", limit));
      if (json) {
        out().println(pretty(page));
        return 0;
      }
      if (page.path("entries").isEmpty()) {
        out().println("No runs yet.");
        return 0;
      }
      long now = System.currentTimeMillis();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"RUN", "STARTED", "STATUS", "DURATION", "ERROR"});
      for (JsonNode run : page.path("entries")) {
        rows.add(new String[] {
            run.path("runId").asText(),
            HumanTime.ago(now - run.path("runAtMs").asLong()),
            run.path("status").asText(),
            HumanTime.span(run.path("durationMs").asLong()),
            run.path("error").asText("")});
      }
      printTable(this, rows);
      return 0;
    }
  }

  /** Left-aligned columns, two spaces apart. */
  static void printTable(OperatorCommand command, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      command.out().println(line.toString().stripTrailing());
    }
  }
}
