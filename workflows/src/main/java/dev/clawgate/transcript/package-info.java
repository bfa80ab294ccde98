/**
 * Transcripts and the sessions index: the records ({@code TranscriptEntry}, {@code SessionInfo}) and the ports
 * ({@code TranscriptStore}, {@code SessionStore}) that infra implements on local disk and on DynamoDB. Entry ids
 * are derived from run id and step ({@code EntryIds}), which is what makes every append idempotent.
 */
package dev.clawgate.transcript;
