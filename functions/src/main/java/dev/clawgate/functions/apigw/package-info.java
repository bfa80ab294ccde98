/**
 * API Gateway's WebSocket side of AWS mode: the connections and pending-responses tables (DynamoDB), the
 * management API that posts to connections, the durable {@link dev.clawgate.methods.RunFollower} the Lambda
 * functions use, and the {@link dev.clawgate.agent.EventSink} the worker uses to stream runs back.
 */
package dev.clawgate.functions.apigw;
