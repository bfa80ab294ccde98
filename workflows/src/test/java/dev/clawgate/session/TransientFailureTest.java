package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;

class TransientFailureTest {

  private static final WorkflowExecution SESSION = WorkflowExecution.newBuilder().setWorkflowId("session:x").build();

  @Test
  void serverErrorsWrappedByTheSdkAreRetried() {
    for (Status status : new Status[] {Status.UNKNOWN, Status.UNAVAILABLE, Status.INTERNAL, Status.DEADLINE_EXCEEDED}) {
      RuntimeException failure = new WorkflowServiceException(SESSION, "SessionWorkflow",
          status.withDescription("Application error processing RPC").asRuntimeException());
      assertThat(TransientFailure.isTransient(failure)).as(status.getCode().name()).isTrue();
    }
  }

  @Test
  void refusalsAreAnswersNotRetried() {
    for (Status status : new Status[] {Status.INVALID_ARGUMENT, Status.NOT_FOUND, Status.FAILED_PRECONDITION,
        Status.PERMISSION_DENIED}) {
      RuntimeException failure = new WorkflowServiceException(SESSION, "SessionWorkflow", status.asRuntimeException());
      assertThat(TransientFailure.isTransient(failure)).as(status.getCode().name()).isFalse();
    }
    assertThat(TransientFailure.isTransient(new IllegalStateException("not from the server"))).isFalse();
  }
}
