package dev.clawgate.session;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;

/**
 * Whether a failed call to Temporal is worth making again as a new request: the server was unavailable,
 * overloaded, too slow, or failed internally. Refusals (a bad argument, a missing workflow, a rejected update)
 * are answers, not failures, and are never retried.
 */
final class TransientFailure {

  private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.UNKNOWN,
      Status.Code.INTERNAL, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED);

  private TransientFailure() {}

  static boolean isTransient(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status) {
        return TRANSIENT.contains(status.getStatus().getCode());
      }
    }
    return false;
  }
}
