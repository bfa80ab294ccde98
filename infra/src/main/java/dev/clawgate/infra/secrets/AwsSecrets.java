package dev.clawgate.infra.secrets;

import dev.clawgate.infra.dynamo.DynamoClients;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Resolves a secret setting: the plain environment variable when it is set (the local stand-in, tests, a home
 * server), else the Secrets Manager secret named by the matching {@code ..._SECRET_ARN} variable (the template
 * passes only ARNs, so no secret ever sits in a function's configuration). Each secret is fetched once per
 * instance and kept; the Secrets Manager client is built only when a secret is actually fetched, with the same
 * region, credentials and UrlConnection HTTP client as {@link DynamoClients}.
 *
 * <p>The endpoint is the SDK's standard one, overridable with {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or
 * {@code AWS_ENDPOINT_URL}. No message of this class ever contains a secret's value.
 */
public final class AwsSecrets {

  private final Map<String, String> env;
  private final Map<String, String> fetched = new ConcurrentHashMap<>();
  private volatile SecretsManagerClient built;

  /** Secrets for {@code env} (the process environment in production; a map in tests). */
  public AwsSecrets(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The value of {@code plainVariable} if set, else of the secret named by {@code arnVariable}, else empty.
   *
   * @throws IllegalStateException when the ARN is set but the secret cannot be read (naming the variable and the
   *     AWS error, never the value)
   */
  public Optional<String> optional(String plainVariable, String arnVariable) {
    String plain = blankToNull(env.get(plainVariable));
    if (plain != null) {
      return Optional.of(plain);
    }
    return secret(arnVariable);
  }

  /** The same, when the setting is required: neither variable set is a startup error naming both. */
  public String required(String plainVariable, String arnVariable, String why) {
    return optional(plainVariable, arnVariable).orElseThrow(() -> new IllegalStateException("neither "
        + plainVariable + " nor " + arnVariable + " is set: " + why));
  }

  /** The secret named by {@code arnVariable}, or empty when that variable is not set. */
  public Optional<String> secret(String arnVariable) {
    String arn = blankToNull(env.get(arnVariable));
    return arn == null ? Optional.empty() : Optional.of(fetched.computeIfAbsent(arn, a -> fetch(arnVariable, a)));
  }

  private String fetch(String arnVariable, String arn) {
    GetSecretValueResponse response;
    try {
      response = client().getSecretValue(request -> request.secretId(arn));
    } catch (SecretsManagerException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      throw new IllegalStateException(arnVariable + ": cannot read the secret " + arn + " from Secrets Manager ("
          + (code == null ? "HTTP " + e.statusCode() : code) + "): check the ARN and that the function's role may "
          + "call secretsmanager:GetSecretValue on it", e);
    } catch (SdkException e) {
      throw new IllegalStateException(arnVariable + ": Secrets Manager could not be reached to read " + arn + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
    String value = blankToNull(response.secretString());
    if (value == null) {
      throw new IllegalStateException(arnVariable + ": the secret " + arn + " has no text value (SecretString); "
          + "store it as a string, not as binary");
    }
    return value;
  }

  private SecretsManagerClient client() {
    SecretsManagerClient current = built;
    if (current == null) {
      synchronized (this) {
        if (built == null) {
          built = SecretsManagerClient.builder()
              .region(DynamoClients.region(env))
              .credentialsProvider(DynamoClients.credentials(env))
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .build();
        }
        current = built;
      }
    }
    return current;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
