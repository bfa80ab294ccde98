/**
 * Device pairing as data: the devices an operator approved ({@link dev.clawgate.pairing.PairedDevice}), the
 * requests waiting for approval ({@link dev.clawgate.pairing.PairingRequest}), and the port that keeps both
 * ({@link dev.clawgate.pairing.DeviceStore}). Checking signatures and deciding who must be approved is the
 * gateway's job; this package only says what is remembered and how it changes atomically.
 */
package dev.clawgate.pairing;
