package dev.clawgate.session;

import java.util.List;

/** A session's queue as its workflow sees it now: the running run, the ones waiting in order, the policy. */
public record SessionStatus(String sessionKey, String activeRunId, List<String> pendingRunIds, QueuePolicy policy) {}
