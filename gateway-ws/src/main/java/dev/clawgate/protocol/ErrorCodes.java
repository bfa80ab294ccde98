package dev.clawgate.protocol;

/**
 * The error codes of OpenClaw's protocol: a small set of top-level {@code error.code}s, refined by
 * {@code error.details.code} so clients can react to the exact cause. The {@code DEVICE_AUTH_*} detail codes
 * live with the checks that produce them, in {@link dev.clawgate.auth.DeviceAuth.Failure}.
 */
public final class ErrorCodes {
  private ErrorCodes() {}

  public static final String INVALID_REQUEST = "INVALID_REQUEST";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String NOT_PAIRED = "NOT_PAIRED";
  public static final String UNAVAILABLE = "UNAVAILABLE";

  // details.code values
  public static final String AUTH_TOKEN_MISSING = "AUTH_TOKEN_MISSING";
  public static final String AUTH_TOKEN_MISMATCH = "AUTH_TOKEN_MISMATCH";
  public static final String AUTH_DEVICE_TOKEN_MISMATCH = "AUTH_DEVICE_TOKEN_MISMATCH";
  public static final String AUTH_SCOPE_MISMATCH = "AUTH_SCOPE_MISMATCH";
  public static final String AUTH_RATE_LIMITED = "AUTH_RATE_LIMITED";
  public static final String DEVICE_IDENTITY_REQUIRED = "DEVICE_IDENTITY_REQUIRED";
  public static final String PAIRING_REQUIRED = "PAIRING_REQUIRED";
  /** {@code device.pair.approve|reject} named a request that is not pending (unknown, expired or resolved). */
  public static final String PAIRING_REQUEST_NOT_FOUND = "PAIRING_REQUEST_NOT_FOUND";
  public static final String PROTOCOL_MISMATCH = "PROTOCOL_MISMATCH";
  public static final String MISSING_SCOPE = "MISSING_SCOPE";
  public static final String CONNECT_REQUIRED = "CONNECT_REQUIRED";
  public static final String INVALID_FRAME = "INVALID_FRAME";
  public static final String UNKNOWN_METHOD = "UNKNOWN_METHOD";
  public static final String INVALID_PARAMS = "INVALID_PARAMS";
  public static final String UNKNOWN_AGENT = "UNKNOWN_AGENT";
  public static final String SESSION_UNAVAILABLE = "SESSION_UNAVAILABLE";
  public static final String CRON_JOB_NOT_FOUND = "CRON_JOB_NOT_FOUND";
}
