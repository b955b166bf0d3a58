package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a token, a request without it (or with another) is 401; with it, as a header, parameter or cookie, served. */
class ServeTokenTest {
  private static final String TOKEN = "3f9c2a7d81e04b6c9a5d2e1f7b8c4d60";
  @TempDir static Path shared;
  private static Served served;

  @BeforeAll
  static void serve() throws Exception {
    Path index = shared.resolve("index");
    Served.ingest(index, Served.sample("postfix/content-filter.log"));
    Path file = shared.resolve("token");
    Files.writeString(file, TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    served = Served.on(index, Optional.of(AccessToken.read(file)), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void withoutTheToken_everyPathIs401() throws Exception {
    for (String path : new String[] {"/", "/static/index.html", "/api/query?q=*", "/metrics", "/api/status",
        "/api/nothing"}) {
      HttpResponse<String> response = served.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.body()).as(path).contains("\"error\"").doesNotContain("smtplog_", "total");
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).contains("Bearer");
    }
    assertThat(served.send("POST", "/api/query?q=*").statusCode()).isEqualTo(401);
    assertThat(served.get("/api/status", "Authorization", "Bearer " + TOKEN.substring(1)).statusCode()).isEqualTo(401);
    assertThat(served.get("/api/status", "Authorization", "Bearer " + TOKEN + "0").statusCode()).isEqualTo(401);
    assertThat(served.get("/api/status", "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    assertThat(served.get("/api/status?token=wrong").statusCode()).isEqualTo(401);
    assertThat(served.get("/api/status", "Cookie", AccessToken.COOKIE + "=wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void withTheToken_served() throws Exception {
    assertThat(served.get("/api/query?q=*", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(served.get("/metrics", "Authorization", "bearer " + TOKEN).body()).isEqualTo(Served.EXPOSITION);
    HttpResponse<String> page = served.get("/?token=" + TOKEN);
    assertThat(page.statusCode()).isEqualTo(200);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(AccessToken.COOKIE + "=" + TOKEN + ";").contains("HttpOnly", "SameSite=Strict");
    assertThat(served.get("/static/index.html", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aTokenFile_mustNotBeReadableByEveryone_norShort() throws Exception {
    Path open = shared.resolve("open-token");
    Files.writeString(open, TOKEN + "\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> AccessToken.read(open)).isInstanceOf(UserError.class)
        .hasMessage("the token file " + open + " is readable by every user: chmod 600 " + open)
        .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    Path shortToken = shared.resolve("short-token");
    Files.writeString(shortToken, "secret\n");
    Files.setPosixFilePermissions(shortToken, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> AccessToken.read(shortToken)).isInstanceOf(UserError.class)
        .hasMessageContaining("at least 16 printable ASCII characters");
    assertThatThrownBy(() -> AccessToken.read(shared.resolve("missing"))).isInstanceOf(UserError.class)
        .hasMessageStartingWith("cannot read the token file ");
  }
}
