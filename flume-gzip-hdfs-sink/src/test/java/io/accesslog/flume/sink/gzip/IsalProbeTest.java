package io.accesslog.flume.sink.gzip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class IsalProbeTest {

  private static final String NEVER_CALLED = "loader must not run";

  @Test
  void check_java8_isUnusableAndNamesJava17WithoutTouchingGkl() {
    IsalProbe.Result r = IsalProbe.check("1.8", "Linux", "amd64", () -> NEVER_CALLED);

    assertFalse(r.usable());
    assertEquals("GKL 0.9.1 needs Java 17+, this JVM is Java 1.8", r.detail());
  }

  @Test
  void check_java11_isUnusable() {
    assertFalse(IsalProbe.check("11", "Linux", "amd64", () -> NEVER_CALLED).usable());
  }

  @Test
  void check_aarch64_isUnusableAndNamesTheArchitecture() {
    IsalProbe.Result r = IsalProbe.check("17", "Linux", "aarch64", () -> NEVER_CALLED);

    assertFalse(r.usable());
    assertTrue(r.detail().contains("Linux/aarch64"), r.detail());
  }

  @Test
  void check_loaderThrowsLinkageError_isUnusableWithTheError() {
    IsalProbe.Result r =
        IsalProbe.check(
            "21",
            "Linux",
            "amd64",
            () -> {
              throw new UnsatisfiedLinkError(
                  "libgkl_compression.so: cannot open shared object file");
            });

    assertFalse(r.usable());
    assertTrue(r.detail().contains("cannot open shared object file"), r.detail());
  }

  @Test
  void check_loaderReportsFailure_isUnusableWithThatFailure() {
    IsalProbe.Result r = IsalProbe.check("17", "Mac OS X", "x86_64", () -> "self-test failed");

    assertFalse(r.usable());
    assertEquals("self-test failed", r.detail());
  }

  @Test
  void check_everythingFine_isUsable() {
    assertTrue(IsalProbe.check("17", "Linux", "amd64", () -> null).usable());
  }

  @Test
  void javaFeatureVersion_oldAndNewSchemes_areParsed() {
    assertEquals(8, IsalProbe.javaFeatureVersion("1.8"));
    assertEquals(11, IsalProbe.javaFeatureVersion("11"));
    assertEquals(17, IsalProbe.javaFeatureVersion("17.0.2"));
    assertEquals(0, IsalProbe.javaFeatureVersion("garbage"));
    assertEquals(0, IsalProbe.javaFeatureVersion(null));
  }

  @Test
  @EnabledOnOs(
      value = OS.LINUX,
      architectures = {"amd64", "x86_64"})
  void status_linuxX64Java17_isUsable() {
    IsalProbe.Result r = IsalProbe.status();

    assertTrue(r.usable(), r.toString());
  }
}
