/**
 * The self-hosted launcher: settings from {@code clawgate.json} and the environment ({@code SettingsLoader}),
 * the Temporal connection (embedded test server or a real one), the wiring of a whole gateway in one process
 * ({@code ClawgateGateway}) and the {@code clawgate} command line.
 */
package dev.clawgate.local;
