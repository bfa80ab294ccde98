package dev.clawgate.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;

/**
 * How big a session workflow's history is on the Temporal server: events and serialized bytes, read with
 * {@code GetWorkflowExecutionHistory}.
 */
record HistorySize(int events, long bytes) {

  /**
   * The history once it stopped growing: the final answer reaches a client before the workflow task that
   * records the end of the turn, so a reading taken at once would miss that turn's last events.
   */
  static HistorySize settled(WorkflowClient client, String workflowId, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    HistorySize last = null;
    while (true) {
      History history = client.fetchHistory(workflowId).getHistory();
      HistorySize now = new HistorySize(history.getEventsCount(), history.getSerializedSize());
      boolean idle = history.getEventsCount() > 0 && history.getEvents(history.getEventsCount() - 1).getEventType()
          == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
      if (idle && now.equals(last) || System.nanoTime() - deadline > 0) {
        return now;
      }
      last = now;
      Thread.sleep(250);
    }
  }
}
