package io.smtplog.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ("dev" when run from classes). */
final class ManifestVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = AnalyzerCli.class.getPackage().getImplementationVersion();
    return new String[] {"smtplog " + (version == null ? "dev" : version)};
  }
}
