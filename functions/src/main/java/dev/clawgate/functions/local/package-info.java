/**
 * A local stand-in for API Gateway's WebSocket API (no emulator runs WebSocket APIs for free: sam local has
 * none, LocalStack only in its paid tier): loopback only, it turns connects, frames and disconnects into the
 * events the real handlers receive and serves the management API the real SDK client posts to.
 */
package dev.clawgate.functions.local;
