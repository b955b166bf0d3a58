package io.smtplog.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Runs around every test class of this module (registered in META-INF/services, enabled by
 * junit-platform.properties): a class that changes the working tree's sample-logs fails, naming
 * what it changed, and a skipped test says why on the console.
 *
 * <p>The size and modification time of each file and folder of sample-logs (the surefire property
 * {@code sampleLogs.dir}) are taken before each top-level test class and compared after it (some
 * 1,500 entries, milliseconds). Tests write only under {@code @TempDir} or {@code target/}: a
 * sample's modification time dates its undated lines (transcripts, syslog without a year), so even
 * a {@code touch} changes what the quick start prints. Only sample-logs is watched, so that editing
 * the sources while tests run fails nothing. {@code -Dsmtplog.updateGolden=true} rewrites the
 * reviewed expectations on purpose, and is let through.
 *
 * <p>analyzer-cli's and analyzer-solr's tests use this class too: analyzer-core's test jar holds it (with
 * Recorder and SampleLogs), and they register it in their own META-INF/services.
 */
public final class WorkingTreeGuard implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WorkingTreeGuard.class);

  /** Size and modification time of one file or folder. */
  record Stamp(long size, long modifiedMillis) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    if (isTopLevelClass(context)) {
      workingTree().ifPresent(root -> context.getStore(NAMESPACE).put(root, snapshot(root)));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    context.getExecutionException().filter(TestAbortedException.class::isInstance) // an assumption in @BeforeAll
        .ifPresent(e -> skipped(context.getRequiredTestClass().getSimpleName(), reason(e)));
    if (!isTopLevelClass(context) || Boolean.getBoolean("smtplog.updateGolden")) {
      return;
    }
    Optional<Path> root = workingTree();
    if (root.isEmpty()) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Stamp> before = context.getStore(NAMESPACE).get(root.get(), Map.class);
    if (before == null) {
      return;
    }
    List<String> changes = changes(before, snapshot(root.get()));
    if (!changes.isEmpty()) {
      throw new AssertionError(context.getRequiredTestClass().getSimpleName() + " changed the samples in "
          + root.get() + " (tests write only under @TempDir or target/; copy a sample there to change it): "
          + String.join("; ", changes.subList(0, Math.min(10, changes.size())))
          + (changes.size() > 10 ? "; and " + (changes.size() - 10) + " more" : ""));
    }
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    skipped(testName(context), reason.orElse("disabled, no reason given"));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    skipped(testName(context), reason(cause));
  }

  private static String testName(ExtensionContext context) {
    return context.getRequiredTestClass().getSimpleName() + "."
        + context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
  }

  private static String reason(Throwable aborted) {
    return aborted.getMessage() == null ? "an assumption failed, no reason given" : aborted.getMessage();
  }

  /** One line on the console per skipped test: surefire counts skips but does not say why. */
  private static void skipped(String test, String reason) {
    System.out.println("[SKIPPED] " + test + ": " + reason);
  }

  private static boolean isTopLevelClass(ExtensionContext context) {
    return context.getParent().flatMap(ExtensionContext::getParent).isEmpty();
  }

  /** The working tree's sample-logs (surefire's sampleLogs.dir), when it is there. */
  private static Optional<Path> workingTree() {
    Path samples = Path.of(System.getProperty("sampleLogs.dir", "../sample-logs")).toAbsolutePath().normalize();
    return Files.isDirectory(samples) ? Optional.of(samples) : Optional.empty();
  }

  static Map<String, Stamp> snapshot(Path root) {
    Map<String, Stamp> stamps = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          stamps.put(dir.equals(root) ? "./" : root.relativize(dir) + "/", new Stamp(0, attrs.lastModifiedTime().toMillis()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          stamps.put(root.relativize(file).toString(), new Stamp(attrs.size(), attrs.lastModifiedTime().toMillis()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // a file removed while walked: the next snapshot tells
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stamps;
  }

  static List<String> changes(Map<String, Stamp> before, Map<String, Stamp> after) {
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<String> changes = new ArrayList<>();
    for (String name : names) {
      Stamp was = before.get(name);
      Stamp is = after.get(name);
      if (was == null) {
        changes.add(name + " created");
      } else if (is == null) {
        changes.add(name + " deleted");
      } else if (was.size() != is.size()) {
        changes.add(name + " size " + was.size() + " -> " + is.size());
      } else if (was.modifiedMillis() != is.modifiedMillis()) {
        changes.add(name + " modified time " + java.time.Instant.ofEpochMilli(was.modifiedMillis()) + " -> "
            + java.time.Instant.ofEpochMilli(is.modifiedMillis()));
      }
    }
    return changes;
  }
}
