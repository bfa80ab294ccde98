package dev.clawgate.local;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the {@code clawgate} CLI in-process and keeps what a user would read: exit code, stdout, stderr, and the
 * pieces stdout was written in (to see that a reply was streamed, not printed at the end).
 */
record CliRun(int exitCode, String out, String err, List<String> outWrites) {

  static CliRun of(String... args) {
    RecordingWriter out = new RecordingWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ClawgateCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.text(), err.toString(), out.writes());
  }

  /** Runs {@code args} against {@code gateway}, adding its URL and token. */
  static CliRun against(TestGateway gateway, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", gateway.gateway.url().toString(), "--token", TestGateway.TOKEN));
    return of(all.toArray(String[]::new));
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  /** The last line of stdout. */
  String lastLine() {
    List<String> lines = outLines();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static final class RecordingWriter extends Writer {
    private final StringBuilder text = new StringBuilder();
    private final List<String> writes = new ArrayList<>();

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
      String piece = new String(buffer, offset, length);
      text.append(piece);
      writes.add(piece);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    synchronized String text() {
      return text.toString();
    }

    synchronized List<String> writes() {
      return List.copyOf(writes);
    }
  }
}
