package dev.clawgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about one process at one moment ({@code /proc/<pid>}): CPU time used so far, resident memory and
 * thread count. Two samples give the CPU a stretch of work cost.
 *
 * <p>CPU times in {@code /proc/<pid>/stat} are in clock ticks; every Linux build we run on uses 100 per second
 * ({@code getconf CLK_TCK}), so one tick is 10 ms.
 */
record ProcessSample(long pid, long cpuMs, long rssKb, int threads) {

  static final long MS_PER_TICK = 10;

  static ProcessSample of(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    String stat = Files.readString(proc.resolve("stat"));
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    long rss = 0;
    int threads = 0;
    for (String line : Files.readAllLines(proc.resolve("status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
      } else if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    return new ProcessSample(pid, ticks * MS_PER_TICK, rss, threads);
  }
}
