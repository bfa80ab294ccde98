package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import java.util.List;
import java.util.Map;

/** The {@code presence} event: who is connected now, the gateway first. */
@JsonClassDescription("presence event: the gateway itself and every connected client.")
public record PresenceEvent(List<Map<String, Object>> presence) {}
