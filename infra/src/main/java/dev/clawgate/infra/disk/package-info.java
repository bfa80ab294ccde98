/**
 * The self-hosted stores: transcripts and the sessions index as plain files under the state folder.
 *
 * <p>Plain files because a home server needs nothing else running and its owner can read, back up and grep
 * them. Both stores force their writes to the device before returning, because a run reports success only
 * once its entries are stored; both assume one process owns the folder (their locks are per JVM).
 */
package dev.clawgate.infra.disk;
