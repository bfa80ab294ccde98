/**
 * The session worker of AWS mode, a long-lived process on the home server (not a Lambda function): it polls
 * Temporal for the session workflows and their activities, keeps state in the stack's DynamoDB tables, posts run
 * events to clients through API Gateway's management API, and ticks every connected client so API Gateway does
 * not close idle connections. {@link dev.clawgate.functions.worker.AwsWorkerMain} runs it from the environment.
 */
package dev.clawgate.functions.worker;
