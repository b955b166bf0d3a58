package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Terminal}: asking the terminal its width is smtplog's business, not the user's. A child JVM
 * told by the launcher's variable that standard output is a terminal, with no COLUMNS and no controlling
 * terminal (setsid), so {@code stty size < /dev/tty} fails: nothing of that failure on standard error,
 * and the table laid out at the default width.
 */
class TerminalTest {
  @Test
  void noControllingTerminal_theWidthQuestionFailsSilently_andTheDefaultWidthIsUsed(@TempDir Path tmp)
      throws Exception {
    Path setsid = Path.of("/usr/bin/setsid");
    assumeTrue(Files.isExecutable(setsid), "no /usr/bin/setsid to run a process without a controlling terminal");
    Path log = Path.of(System.getProperty("sampleLogs.dir", "../sample-logs"), "postfix/forward-bounce.log")
        .toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(setsid.toString(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AnalyzerCli.class.getName(), "report", "relay", log.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(tmp.resolve("out").toFile())
        .redirectError(tmp.resolve("err").toFile());
    builder.environment().remove("COLUMNS");
    builder.environment().put(Terminal.STDOUT_VARIABLE, "yes");
    builder.environment().put(Terminal.STDERR_VARIABLE, "no");
    Process child = builder.start();
    child.getOutputStream().close();
    assertThat(child.waitFor()).isZero();

    List<String> err = Files.readAllLines(tmp.resolve("err"), StandardCharsets.UTF_8);
    assertThat(err).hasSize(1);
    assertThat(err.get(0)).startsWith("Read 442 lines in 1 file: ");
    List<String> out = Files.readAllLines(tmp.resolve("out"), StandardCharsets.UTF_8);
    assertThat(out).isNotEmpty().allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Terminal.DEFAULT_COLUMNS));
    assertThat(String.join("\n", out)).contains("example.com");
  }
}
