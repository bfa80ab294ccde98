package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/**
 * Answer of {@code sessions.subscribe} without {@code limit}; with a {@code limit} the answer is a
 * {@link SessionsListResult} instead, so a client can bootstrap and follow without a gap.
 */
@JsonClassDescription("Response to sessions.subscribe without a limit: the connection now receives sessions.changed"
    + " events until it closes. With a limit the response is a SessionsListResult.")
public record SessionsSubscribeResult(boolean subscribed) {}
