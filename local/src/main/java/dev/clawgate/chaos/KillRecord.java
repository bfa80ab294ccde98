package dev.clawgate.chaos;

/**
 * One SIGKILL and what was going on at that instant.
 *
 * @param number 1-based
 * @param atMs wall-clock time of the kill
 * @param aimed the moment it waited for
 * @param hit whether that moment came (otherwise it fell back to a timed kill)
 * @param pid the killed process
 * @param streamsOpen model replies the stub was streaming at that instant
 * @param toolsOpen tool calls clients had seen start and not finish
 * @param restartMs how long the next incarnation took to listen
 */
public record KillRecord(
    int number, long atMs, KillAim aimed, boolean hit, long pid, int streamsOpen, int toolsOpen, long restartMs) {}
