/**
 * {@code clawgate bench}: a load generator for any OpenClaw-protocol gateway (Clawgate's or OpenClaw's own).
 *
 * <p>What it owns: the scenarios (sequential turns, concurrent sessions, a burst into one session, a connection
 * storm), timing each turn from send to final answer, checking that a burst is answered in the order the
 * gateway accepted it, and the report (progress on stderr, a summary and one JSON line on stdout). It uses only
 * what both gateways have — {@code connect} and {@code agent} with its final answer — so the same run can be
 * pointed at either and the figures compared; model time is known because the model is the stub model
 * ({@code clawgate stub-model}) with a configured delay.
 */
package dev.clawgate.bench;
