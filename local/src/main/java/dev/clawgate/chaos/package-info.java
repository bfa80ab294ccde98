/**
 * {@code clawgate chaos}: the crash harness that proves a session's promise end to end. It runs the gateway and
 * worker as a child process against a real Temporal server, drives many sessions with messages the way a real
 * client does (re-sending the same idempotency key after a dropped connection), SIGKILLs the child at random
 * and aimed moments, restarts it on the same state, and at the end checks the transcripts on disk against
 * what the clients were acknowledged: nothing accepted is lost or answered twice, no tool side effect runs
 * twice, order is acceptance order and runs of one session never overlap.
 *
 * <p>It lives in {@code local} because it needs everything: the launcher's CLI (to start the child), the
 * client, the stub model and the disk transcript store it audits. It changes nothing in the product; the
 * only test hooks it uses are the stub model's counters.
 */
package dev.clawgate.chaos;
