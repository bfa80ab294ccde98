/** Who may connect and what they may do: the shared secret (compared in constant time) and operator scopes. */
package dev.clawgate.auth;
