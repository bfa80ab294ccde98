/**
 * Tools the agent can call, each call its own activity. The workspace tools ({@code read}, {@code write},
 * {@code edit}) are confined to the agent's workspace folder by {@code Workspace}, the one place that decides.
 */
package dev.clawgate.tools;
