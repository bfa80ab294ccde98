/**
 * The agent runtime's model step: context from the transcript, a LangChain4j streaming call, deltas to the
 * {@code EventSink} port, the answer recorded before it is returned. Also the agents a gateway hosts and how
 * their models are chosen ({@code ModelSpec}, {@code ModelProvider}).
 */
package dev.clawgate.agent;
