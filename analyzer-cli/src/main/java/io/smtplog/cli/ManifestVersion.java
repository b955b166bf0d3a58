package io.smtplog.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ("dev" when run from classes). */
public final class ManifestVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"smtplog " + number()};
  }

  /** The version alone: "0.1.0-SNAPSHOT", or "dev". */
  public static String number() {
    String version = AnalyzerCli.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
