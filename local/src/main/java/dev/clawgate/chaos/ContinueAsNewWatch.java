package dev.clawgate.chaos;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the session workflows on the Temporal server directly (never through the gateway, which may be
 * dead): to aim a kill at continue-as-new while it happens, and afterwards to count how often sessions
 * continued as new and when.
 */
final class ContinueAsNewWatch {

  /**
   * A kill aimed at continue-as-new fires when a history is this close to the suggestion: within about two
   * turns (a turn adds 11 to 20 events), so the kill lands in the last turns of a run or in its handover.
   */
  static final int NEAR_EVENTS = 25;

  /** One run of a session workflow that ended by continuing as new. */
  record Continued(String workflowId, String runId, long closedAtMs) {}

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final List<String> workflowIds;
  private final int suggestAtEvents;

  /** @param suggestAtEvents the server's continue-as-new suggestion threshold when known, else 0 */
  ContinueAsNewWatch(WorkflowServiceStubs stubs, String namespace, List<String> workflowIds, int suggestAtEvents) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.workflowIds = List.copyOf(workflowIds);
    this.suggestAtEvents = suggestAtEvents;
  }

  /**
   * Polls the sessions until one of them has just continued as new (its run id changed since the first look)
   * or, when the threshold is known, is within about one turn of being told to.
   *
   * @return true when such a moment came before the time ran out
   */
  boolean awaitMoment(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Map<String, String> baseline = new HashMap<>();
    while (System.nanoTime() < deadline) {
      for (String id : workflowIds) {
        DescribeWorkflowExecutionResponse described;
        try {
          described = stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(namespace)
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                  .build());
        } catch (RuntimeException notThereYet) {
          continue;
        }
        WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();
        String runId = info.getExecution().getRunId();
        String before = baseline.putIfAbsent(id, runId);
        if (before != null && !before.equals(runId)) {
          return true;
        }
        if (suggestAtEvents > 0 && info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
            && info.getHistoryLength() >= suggestAtEvents - NEAR_EVENTS) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** Every run of the sessions that ended by continuing as new, as the server's visibility store lists them. */
  List<Continued> census() {
    List<Continued> continued = new ArrayList<>();
    for (String id : workflowIds) {
      ByteString page = ByteString.EMPTY;
      do {
        ListWorkflowExecutionsResponse response = stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
            .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace)
                .setQuery("WorkflowId = '" + id + "'")
                .setPageSize(1000)
                .setNextPageToken(page)
                .build());
        for (WorkflowExecutionInfo info : response.getExecutionsList()) {
          if (info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
            long closed = info.getCloseTime().getSeconds() * 1000 + info.getCloseTime().getNanos() / 1_000_000;
            continued.add(new Continued(id, info.getExecution().getRunId(), closed));
          }
        }
        page = response.getNextPageToken();
      } while (!page.isEmpty());
    }
    return continued;
  }
}
