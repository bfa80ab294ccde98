package dev.clawgate.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches what clients see (agent events, final answers) and what the harness sees from outside (the stub
 * model streaming, a tool's file landing) so an aimed kill can fire at that moment; keeps count of tool calls
 * that started but have not reported a result, to tell whether a kill landed mid-tool.
 */
final class KillTriggers {

  private volatile KillAim armed;
  private volatile CountDownLatch fired = new CountDownLatch(0);
  private final Set<String> openTools = ConcurrentHashMap.newKeySet();

  /** Fires on the next moment of this kind; {@link #await} waits for it. */
  void arm(KillAim aim) {
    fired = new CountDownLatch(1);
    armed = aim;
  }

  /** Whether the armed moment came within the time. */
  boolean await(long millis) throws InterruptedException {
    try {
      return fired.await(Math.max(0, millis), TimeUnit.MILLISECONDS);
    } finally {
      armed = null;
    }
  }

  /** An event frame a client received. */
  void onFrame(JsonNode frame) {
    if (!"agent".equals(frame.path("event").asText())) {
      return;
    }
    JsonNode payload = frame.path("payload");
    String stream = payload.path("stream").asText();
    String phase = payload.path("data").path("phase").asText();
    String call = payload.path("runId").asText() + "/" + payload.path("data").path("toolCallId").asText();
    switch (stream) {
      case "assistant" -> signal(KillAim.STREAM);
      case "tool" -> {
        if ("start".equals(phase)) {
          openTools.add(call);
          signal(KillAim.TOOL);
        } else if ("result".equals(phase)) {
          openTools.remove(call);
        }
      }
      case "lifecycle" -> {
        if ("end".equals(phase) || "error".equals(phase)) {
          signal(KillAim.TURN_END);
        }
      }
      default -> {
        // other streams are not moments we aim at
      }
    }
  }

  /** A client got a final answer. */
  void onFinal() {
    signal(KillAim.TURN_END);
  }

  /** Tool calls that clients saw start and not yet finish. */
  int openTools() {
    return openTools.size();
  }

  /** After a kill every connection is gone, and with it any hope of seeing those results. */
  void connectionsDropped() {
    openTools.clear();
  }

  /** A moment of this kind is happening now (also told by the stub model and the side-effect watch). */
  void signal(KillAim aim) {
    if (armed == aim) {
      fired.countDown();
    }
  }
}
