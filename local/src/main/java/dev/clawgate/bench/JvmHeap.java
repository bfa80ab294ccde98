package dev.clawgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM on this machine, measured the way an operator would: {@code jcmd <pid> GC.run}
 * (a full collection) then {@code jcmd <pid> GC.heap_info}, whose first line says how much of the heap is used.
 * What survives a full collection is what the process really holds.
 */
final class JvmHeap {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private JvmHeap() {}

  /** Heap in use after a full collection, in KiB. */
  static long usedAfterGcKb(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher used = USED.matcher(info);
    if (!used.find()) {
      throw new IOException("jcmd " + pid + " GC.heap_info printed no 'used NK': " + info.strip());
    }
    return Long.parseLong(used.group(1));
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroy();
      throw new IOException("jcmd " + pid + " " + command + " failed: " + output.strip());
    }
    return output;
  }
}
