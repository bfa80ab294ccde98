/**
 * A deterministic, OpenAI-compatible stub model served over HTTP on 127.0.0.1.
 *
 * <p>Why it exists: integration tests, the end-to-end CI stage, {@code clawgate stub-model} and the benchmarks
 * need a model endpoint that speaks the real wire format (so the production LangChain4j OpenAI client and its
 * SSE parsing are exercised) but never touches the network, costs nothing, answers in microseconds and always
 * gives the same reply to the same request. The reply is chosen from the last message of the request, and a few
 * directives written into a user message ({@code #tool}, {@code #slow}, {@code #fail}) let a test script tool
 * calls, long-running turns and transient failures without any server-side configuration. See
 * {@link dev.clawgate.stubmodel.StubModelServer} for the endpoints and the directives.
 */
package dev.clawgate.stubmodel;
