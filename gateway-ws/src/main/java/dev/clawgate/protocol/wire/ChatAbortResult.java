package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code chat.abort}. */
@JsonClassDescription("Response to chat.abort.")
public record ChatAbortResult(boolean ok, boolean aborted, @NotNull List<String> runIds) {}
