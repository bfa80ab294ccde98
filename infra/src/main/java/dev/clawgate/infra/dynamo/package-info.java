/**
 * The AWS stores: sessions, transcripts, paired devices, cron jobs and the run directory in DynamoDB, through the
 * Enhanced Client.
 *
 * <p>On AWS every WebSocket frame may reach a different Lambda instance, so nothing can be held in memory
 * or serialized by a JVM lock the way the disk stores do: each write states what it expects of the table
 * (conditional writes, transactions) and retries when another instance got there first. Table definitions
 * live once in {@link dev.clawgate.infra.dynamo.DynamoTables}, for the tests and for template.yaml alike;
 * {@link dev.clawgate.infra.dynamo.DynamoClients} builds the one SDK client a process needs.
 */
package dev.clawgate.infra.dynamo;
