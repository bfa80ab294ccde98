package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharedSecretTest {

  private static final String SECRET = "s3cret-Token_value";

  private final SharedSecret secret = new SharedSecret(SECRET);

  @Test
  void matchesTheExactSecret() {
    assertThat(secret.matches(SECRET)).isTrue();
    assertThat(secret.matches(new String(SECRET.toCharArray()))).isTrue();
  }

  @Test
  void doesNotMatchAnyOtherValue() {
    assertThat(secret.matches("S3CRET-TOKEN_VALUE")).isFalse();
    assertThat(secret.matches(" " + SECRET)).isFalse();
    assertThat(secret.matches(SECRET + "\n")).isFalse();
    assertThat(secret.matches("something else entirely")).isFalse();
  }

  @Test
  void nullPresentedNeverMatches() {
    assertThat(secret.matches(null)).isFalse();
  }

  @Test
  void emptyPresentedNeverMatches() {
    assertThat(secret.matches("")).isFalse();
  }

  @Test
  void valuesOfADifferentLengthDoNotMatch() {
    assertThat(secret.matches(SECRET.substring(0, SECRET.length() - 1))).isFalse();
    assertThat(secret.matches(SECRET + "x")).isFalse();
    assertThat(secret.matches("s")).isFalse();
    assertThat(secret.matches(SECRET.repeat(10))).isFalse();
  }

  @Test
  void noPrefixLongerStringOrSingleWrongCharacterMatches() {
    // A comparison with an early return on the first differing char or on a length mismatch would still
    // answer these correctly; what we check is that every near-miss is refused, whichever position differs.
    for (int length = 0; length < SECRET.length(); length++) {
      assertThat(secret.matches(SECRET.substring(0, length))).as("prefix of length %d", length).isFalse();
    }
    for (String suffix : new String[] {"a", "\u0000", SECRET}) {
      assertThat(secret.matches(SECRET + suffix)).as("secret followed by %s", suffix).isFalse();
    }
    for (int position = 0; position < SECRET.length(); position++) {
      char[] chars = SECRET.toCharArray();
      chars[position] = (char) (chars[position] ^ 1);
      assertThat(secret.matches(new String(chars))).as("wrong char at %d", position).isFalse();
    }
    assertThat(secret.matches(SECRET)).isTrue();
  }

  @Test
  void comparesNonAsciiSecretsByTheirUtf8Bytes() {
    SharedSecret unicode = new SharedSecret("pässwörd-🔑");

    assertThat(unicode.matches("pässwörd-🔑")).isTrue();
    assertThat(unicode.matches("passwords-🔑")).isFalse();
  }

  @Test
  void toStringNeverContainsTheSecret() {
    assertThat(secret.toString()).doesNotContain(SECRET).doesNotContain("s3cret");
    assertThat(String.valueOf(secret)).doesNotContain(SECRET);
    SharedSecret single = new SharedSecret("q");
    assertThat(single.toString()).isEqualTo("SharedSecret[***]");
  }

  @Test
  void refusesAnEmptyOrNullSecret() {
    assertThatThrownBy(() -> new SharedSecret("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SharedSecret(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aSecretKnownOnlyByItsDigestMatchesTheSecretItself() {
    String digest = secret.sha256Hex();

    SharedSecret stored = SharedSecret.ofSha256Hex(digest);

    assertThat(digest).hasSize(64).doesNotContain(SECRET);
    assertThat(stored.matches(SECRET)).isTrue();
    assertThat(stored.matches(digest)).isFalse();
    assertThat(stored.sha256Hex()).isEqualTo(digest);
  }

  @Test
  void aDigestOfTheWrongLengthIsRefused() {
    assertThatThrownBy(() -> SharedSecret.ofSha256Hex("abcd")).isInstanceOf(IllegalArgumentException.class);
  }
}
