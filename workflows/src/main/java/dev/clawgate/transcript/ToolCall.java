package dev.clawgate.transcript;

/** A tool call as the model asked for it: the provider's call id, the tool's name and its JSON arguments. */
public record ToolCall(String id, String name, String arguments) {}
