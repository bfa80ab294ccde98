package dev.clawgate.session;

import java.util.List;

/** What an abort stopped: the active run (if it matched) and any waiting runs it named. */
public record AbortResult(boolean aborted, List<String> runIds) {}
