package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {

  @Test
  void adminImpliesEveryScope() {
    Set<String> admin = Set.of(Scopes.ADMIN);

    for (String scope : Scopes.KNOWN) {
      assertThat(Scopes.allows(admin, scope)).as(scope).isTrue();
    }
    assertThat(Scopes.allows(admin, "operator.something-new")).isTrue();
  }

  @Test
  void writeImpliesRead() {
    assertThat(Scopes.allows(Set.of(Scopes.WRITE), Scopes.READ)).isTrue();
    assertThat(Scopes.allows(Set.of(Scopes.WRITE), Scopes.WRITE)).isTrue();
  }

  @Test
  void writeDoesNotImplyAdminOrApprovals() {
    assertThat(Scopes.allows(Set.of(Scopes.WRITE), Scopes.ADMIN)).isFalse();
    assertThat(Scopes.allows(Set.of(Scopes.WRITE), Scopes.APPROVALS)).isFalse();
  }

  @Test
  void readDoesNotImplyWrite() {
    assertThat(Scopes.allows(Set.of(Scopes.READ), Scopes.WRITE)).isFalse();
    assertThat(Scopes.allows(Set.of(Scopes.READ), Scopes.ADMIN)).isFalse();
    assertThat(Scopes.allows(Set.of(Scopes.READ), Scopes.READ)).isTrue();
  }

  @Test
  void noScopesAllowOnlyMethodsWithoutARequiredScope() {
    assertThat(Scopes.allows(Set.of(), Scopes.READ)).isFalse();
    assertThat(Scopes.allows(Set.of(), null)).isTrue();
  }

  @Test
  void unknownRequestedScopesAreDropped() {
    Set<String> granted = Scopes.grant(List.of(Scopes.READ, "operator.root", "admin", Scopes.PAIRING, ""));

    assertThat(granted).containsExactly(Scopes.READ, Scopes.PAIRING);
  }

  @Test
  void grantKeepsRequestOrderAndDropsDuplicates() {
    Set<String> granted = Scopes.grant(List.of(Scopes.WRITE, Scopes.READ, Scopes.WRITE));

    assertThat(granted).containsExactly(Scopes.WRITE, Scopes.READ);
  }
}
