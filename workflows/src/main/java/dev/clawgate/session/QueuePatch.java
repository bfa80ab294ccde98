package dev.clawgate.session;

/** A change to a session's queue policy ({@code sessions.patch}); null fields stay as they are. */
public record QueuePatch(QueueMode mode, Long debounceMs, Integer cap, DropPolicy drop) {}
