/**
 * OpenClaw gateway protocol v4 on the wire: frames, their codec, the error object and its codes, close codes,
 * and typed reading of request params.
 */
package dev.clawgate.protocol;
