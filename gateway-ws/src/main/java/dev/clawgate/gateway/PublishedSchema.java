package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.methods.GatewayMethods;
import dev.clawgate.methods.Method;
import dev.clawgate.protocol.ProtocolVersion;
import dev.clawgate.protocol.schema.ProtocolSchemaDocument;
import dev.clawgate.protocol.schema.ProtocolSchemaDocument.EventEntry;
import dev.clawgate.protocol.schema.ProtocolSchemaDocument.MethodEntry;
import dev.clawgate.protocol.wire.AgentAccepted;
import dev.clawgate.protocol.wire.AgentEvent;
import dev.clawgate.protocol.wire.AgentFinal;
import dev.clawgate.protocol.wire.AgentWaitResult;
import dev.clawgate.protocol.wire.AgentsListResult;
import dev.clawgate.protocol.wire.ChatAbortResult;
import dev.clawgate.protocol.wire.ChatEvent;
import dev.clawgate.protocol.wire.ChatHistoryResult;
import dev.clawgate.protocol.wire.ChatSendAck;
import dev.clawgate.protocol.wire.ConnectChallenge;
import dev.clawgate.protocol.wire.ConnectParams;
import dev.clawgate.protocol.wire.CronJobView;
import dev.clawgate.protocol.wire.CronListResult;
import dev.clawgate.protocol.wire.CronRemoveResult;
import dev.clawgate.protocol.wire.CronRunEnqueued;
import dev.clawgate.protocol.wire.CronRunSkipped;
import dev.clawgate.protocol.wire.CronRunsResult;
import dev.clawgate.protocol.wire.CronStatusResult;
import dev.clawgate.protocol.wire.DevicePairApproveResult;
import dev.clawgate.protocol.wire.DevicePairListResult;
import dev.clawgate.protocol.wire.DevicePairRejectResult;
import dev.clawgate.protocol.wire.HeartbeatEvent;
import dev.clawgate.protocol.wire.HelloOk;
import dev.clawgate.protocol.wire.LogsTailResult;
import dev.clawgate.protocol.wire.ModelsListResult;
import dev.clawgate.protocol.wire.SessionsDeleteResult;
import dev.clawgate.protocol.wire.SessionsListResult;
import dev.clawgate.protocol.wire.SessionsPatchResult;
import dev.clawgate.protocol.wire.SessionsResetResult;
import dev.clawgate.protocol.wire.SessionsSubscribeResult;
import dev.clawgate.protocol.wire.SetHeartbeatsResult;
import dev.clawgate.protocol.wire.TickEvent;
import dev.clawgate.protocol.wire.UsageStatusResult;
import dev.clawgate.protocol.wire.WakeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The protocol document this gateway publishes at {@code docs/protocol/schema.json}: {@code connect} and every
 * registered method with its scope and params, the typed results, and every advertised event with its payload.
 * A test fails when the committed file differs from {@link #render()}; {@code clawgate protocol-schema} (or this
 * class's {@code main}) prints it.
 */
public final class PublishedSchema {

  /** Where the document is committed, relative to the repository root. */
  public static final String PATH = "docs/protocol/schema.json";

  /**
   * The typed answers of methods whose payloads are records; an array class is an answer that is a bare array.
   * health, status and config.get are open objects on purpose (docs/protocol.md says why).
   */
  private static final Map<String, List<Class<?>>> RESULTS = Map.ofEntries(
      Map.entry("agent", List.of(AgentAccepted.class, AgentFinal.class)),
      Map.entry("agent.wait", List.of(AgentWaitResult.class)),
      Map.entry("agents.list", List.of(AgentsListResult.class)),
      Map.entry("chat.send", List.of(ChatSendAck.class)),
      Map.entry("chat.history", List.of(ChatHistoryResult.class)),
      Map.entry("chat.abort", List.of(ChatAbortResult.class)),
      Map.entry("sessions.list", List.of(SessionsListResult.class)),
      Map.entry("sessions.reset", List.of(SessionsResetResult.class)),
      Map.entry("sessions.patch", List.of(SessionsPatchResult.class)),
      Map.entry("sessions.delete", List.of(SessionsDeleteResult.class)),
      Map.entry("sessions.subscribe", List.of(SessionsSubscribeResult.class, SessionsListResult.class)),
      Map.entry("system-presence", List.of(Presence[].class)),
      Map.entry("models.list", List.of(ModelsListResult.class)),
      Map.entry("usage.status", List.of(UsageStatusResult.class)),
      Map.entry("logs.tail", List.of(LogsTailResult.class)),
      Map.entry("cron.add", List.of(CronJobView.class)),
      Map.entry("cron.get", List.of(CronJobView.class)),
      Map.entry("cron.update", List.of(CronJobView.class)),
      Map.entry("cron.list", List.of(CronListResult.class)),
      Map.entry("cron.runs", List.of(CronRunsResult.class)),
      Map.entry("cron.status", List.of(CronStatusResult.class)),
      Map.entry("cron.run", List.of(CronRunEnqueued.class, CronRunSkipped.class)),
      Map.entry("cron.remove", List.of(CronRemoveResult.class)),
      Map.entry("device.pair.list", List.of(DevicePairListResult.class)),
      Map.entry("device.pair.approve", List.of(DevicePairApproveResult.class)),
      Map.entry("device.pair.reject", List.of(DevicePairRejectResult.class)),
      Map.entry("last-heartbeat", List.of(HeartbeatEvent.class)),
      Map.entry("set-heartbeats", List.of(SetHeartbeatsResult.class)),
      Map.entry("wake", List.of(WakeResult.class)));

  private static final Map<String, Class<?>> EVENT_PAYLOADS = Map.of(
      "connect.challenge", ConnectChallenge.class,
      "tick", TickEvent.class,
      "agent", AgentEvent.class,
      "chat", ChatEvent.class,
      "heartbeat", HeartbeatEvent.class,
      "presence", dev.clawgate.protocol.wire.PresenceEvent.class,
      "sessions.changed", dev.clawgate.protocol.wire.SessionsChangedEvent.class,
      "cron", dev.clawgate.protocol.wire.CronEvent.class);

  private PublishedSchema() {}

  public static ObjectNode document() {
    List<MethodEntry> methods = new ArrayList<>();
    methods.add(new MethodEntry("connect", null, ConnectParams.class, List.of(HelloOk.class)));
    for (Method method : GatewayMethods.describe().all()) {
      methods.add(new MethodEntry(method.name(), method.scope(), method.paramsType().orElse(null),
          RESULTS.getOrDefault(method.name(), List.of())));
    }
    List<EventEntry> events = new ArrayList<>();
    for (String event : GatewayCore.EVENTS) {
      events.add(new EventEntry(event, EVENT_PAYLOADS.get(event)));
    }
    return ProtocolSchemaDocument.build(ProtocolVersion.CURRENT, methods, events);
  }

  /** The canonical text of {@link #document()}, as committed. */
  public static String render() {
    return ProtocolSchemaDocument.render(document());
  }

  /** Prints the document: {@code > docs/protocol/schema.json} regenerates the committed copy. */
  public static void main(String[] args) {
    System.out.print(render());
  }
}
