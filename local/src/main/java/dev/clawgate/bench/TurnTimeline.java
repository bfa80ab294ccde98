package dev.clawgate.bench;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a turn's time goes inside Temporal, read from a session's history: the medians of how long tasks waited
 * to be picked up by the worker (schedule to start), how long the worker took with them (start to close), and
 * the time from one accepted message to the next.
 */
final class TurnTimeline {

  private TurnTimeline() {}

  /** Median milliseconds per stage, for the events after the first {@code skip} (the warm-up turn). */
  static Map<String, Object> medians(History history, int skip) {
    List<Double> workflowTaskWait = new ArrayList<>();
    List<Double> workflowTaskRun = new ArrayList<>();
    List<Double> activityWait = new ArrayList<>();
    List<Double> activityRun = new ArrayList<>();
    List<Double> betweenMessages = new ArrayList<>();
    HistoryEvent previous = null;
    HistoryEvent lastAccepted = null;
    for (int i = 0; i < history.getEventsCount(); i++) {
      HistoryEvent event = history.getEvents(i);
      if (i >= skip && previous != null) {
        EventType from = previous.getEventType();
        EventType to = event.getEventType();
        double ms = millis(previous.getEventTime(), event.getEventTime());
        if (from == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED && to == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
          workflowTaskWait.add(ms);
        } else if (from == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
            && to == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
          workflowTaskRun.add(ms);
        } else if (from == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            && to == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          activityWait.add(ms);
        } else if (from == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
            && to == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
          activityRun.add(ms);
        }
      }
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
        if (i >= skip && lastAccepted != null) {
          betweenMessages.add(millis(lastAccepted.getEventTime(), event.getEventTime()));
        }
        lastAccepted = event;
      }
      previous = event;
    }
    Map<String, Object> medians = new LinkedHashMap<>();
    medians.put("workflowTaskScheduleToStartMs", median(workflowTaskWait));
    medians.put("workflowTaskStartToCloseMs", median(workflowTaskRun));
    medians.put("activityScheduleToStartMs", median(activityWait));
    medians.put("activityStartToCloseMs", median(activityRun));
    medians.put("acceptedToNextAcceptedMs", median(betweenMessages));
    return medians;
  }

  private static double millis(Timestamp from, Timestamp to) {
    return (to.getSeconds() - from.getSeconds()) * 1000.0 + (to.getNanos() - from.getNanos()) / 1e6;
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return Math.round(sorted.get(sorted.size() / 2) * 10) / 10.0;
  }
}
