package dev.clawgate.session;

import java.util.List;

/** A session's queue as its workflow sees it now: the running run, if any, and the ones waiting, in order. */
public record SessionStatus(String sessionKey, String activeRunId, List<String> pendingRunIds) {}
