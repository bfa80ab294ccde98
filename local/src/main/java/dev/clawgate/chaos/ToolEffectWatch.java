package dev.clawgate.chaos;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts how many times each tool side effect happened, seen from outside the process that performs it.
 *
 * <p>The {@code write} tool writes a temporary file and renames it onto the target, so every execution of a
 * call lands one rename onto its file: the kernel reports each as a create (inotify {@code IN_MOVED_TO}). This
 * watch runs in the harness, which is never killed, so it sees executions the gateway may forget: one that
 * finished just before a SIGKILL and was then run again. The transcript cannot show such a repeat (its entry
 * ids make the second result a no-op); this can.
 *
 * <p>If the kernel's event queue overflows, counts are incomplete and {@link #overflowed()} says so.
 */
final class ToolEffectWatch implements AutoCloseable {

  private final Path folder;
  private final WatchService watcher;
  private final Map<String, List<Long>> landed = new ConcurrentHashMap<>();
  private final AtomicBoolean overflowed = new AtomicBoolean();
  private final Thread thread;

  private final Runnable onLanding;

  /** @param onLanding told on every landing, from the watch thread (a kill may aim at that moment) */
  ToolEffectWatch(Path folder, Runnable onLanding) throws IOException {
    this.folder = folder;
    this.onLanding = onLanding;
    Files.createDirectories(folder);
    this.watcher = folder.getFileSystem().newWatchService();
    folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
    this.thread = new Thread(this::loop, "chaos-tool-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            overflowed.set(true);
            continue;
          }
          String name = event.context().toString();
          if (!name.startsWith(".")) {
            // The JDK folds back-to-back identical events into one with a count.
            long now = System.currentTimeMillis();
            List<Long> times = landed.computeIfAbsent(name, k -> new ArrayList<>());
            synchronized (times) {
              for (int i = 0; i < event.count(); i++) {
                times.add(now);
              }
            }
            onLanding.run();
          }
        }
        if (!key.reset()) {
          overflowed.set(true);
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException stopped) {
      // closed
    }
  }

  /** When a file of this name (in the watched folder) was created or renamed into place, each time (ms). */
  List<Long> landings(String fileName) {
    List<Long> times = landed.get(fileName);
    if (times == null) {
      return List.of();
    }
    synchronized (times) {
      return List.copyOf(times);
    }
  }

  boolean overflowed() {
    return overflowed.get();
  }

  Path folder() {
    return folder;
  }

  /** Lets events already in the kernel queue arrive; call after the gateway has stopped, before reading counts. */
  void settle() throws InterruptedException {
    Thread.sleep(500);
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    thread.interrupt();
  }
}
